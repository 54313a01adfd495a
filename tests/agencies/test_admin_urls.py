"""An agency editor reaches none of another agency's content through ANY admin URL.

Every URL the admin serves is listed from the URLconf; those taking an id get agency B's page, image or
document id, the others are searched for B's titles. An agency-A editor must be refused, or answered
without anything of B's.
"""

import re

import pytest
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.urls import get_resolver

from tests.cms.factories import make_article

B_TITLE = "Tin riêng phường Vĩnh Phước"
SEARCH = "riêng phường"  # part of B's title: a page echoing the search box does not contain the whole title
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
# Previews answer the form data they are sent, not stored content; /admin/failwhale/ raises on purpose
# (Wagtail's check of the error page).
SKIPPED = ("/preview/", "/failwhale/")


def admin_routes() -> list[str]:
    routes = set()
    for _view, regex, _namespace, _name in extract_views_from_urlpatterns(get_resolver().url_patterns):
        route = simplify_regex(regex)
        if route.startswith("/admin/") and len(PARAMETER.findall(route)) <= 1:
            routes.add(route)
    return sorted(routes)


@pytest.fixture
def b_content(agency_b):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from tests.cms.factories import ImageFactory

    page = make_article(agency_b.column, B_TITLE)
    image = ImageFactory(title=B_TITLE, collection=agency_b.collection)
    document = get_document_model().objects.create(
        title=B_TITLE, file=ContentFile(b"noi dung", name="tep.txt"), collection=agency_b.collection
    )
    return {"page": page.pk, "image": image.pk, "document": document.pk}


def ids_for(route: str, content: dict[str, int]) -> list[int]:
    if "image" in route:
        return [content["image"]]
    if "document" in route:
        return [content["document"]]
    if "page" in route:
        return [content["page"]]
    return sorted(set(content.values()))


@pytest.mark.django_db
def test_no_admin_url_shows_another_agencys_content(client, agency_a, editor_a, b_content):
    client.force_login(editor_a)
    routes = admin_routes()
    assert len(routes) > 200  # the whole admin, not a handful
    leaks = []
    for route in routes:
        if any(part in route for part in SKIPPED):
            continue
        parameters = PARAMETER.findall(route)
        urls = (
            [PARAMETER.sub(str(pk), route) for pk in ids_for(route, b_content)]
            if parameters
            else [route + "?q=" + SEARCH]
        )
        for url in urls:
            response = client.get(url)
            if response.status_code == 200 and B_TITLE in response.content.decode(errors="replace"):
                leaks.append(url)
    assert leaks == [], "\n".join(leaks)


@pytest.mark.django_db
def test_the_admin_api_still_answers_for_the_agencys_own_media(client, agency_a, editor_a, b_content):
    from tests.cms.factories import ImageFactory

    own = ImageFactory(title="Ảnh riêng Sở Ngoại vụ", collection=agency_a.collection)
    client.force_login(editor_a)
    assert client.get(f"/admin/api/main/images/{own.pk}/").json()["title"] == own.title
    assert client.get(f"/admin/api/main/images/{b_content['image']}/").status_code == 404
    listed = [image["title"] for image in client.get("/admin/api/main/images/").json()["items"]]
    assert listed == [own.title]
