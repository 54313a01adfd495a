"""The agencies admin: creating one provisions it, the embed code page, and who may see them."""

import pytest
from django.urls import reverse

from agencies.models import Agency
from cms.bootstrap.editorial import ADMINS, EDITORS
from tests.cms.factories import UserFactory


@pytest.fixture
def admin_user(portal):
    return UserFactory(username="quantri", groups=[ADMINS])


def _form(**overrides) -> dict:
    data = {
        "name_vi": "Hội Liên hiệp Phụ nữ tỉnh",
        "name_en": "Provincial Women's Union",
        "code": "hlhpn",
        "kind": "mass_organisation",
        "website": "",
        "hostname": "",
        "moderation": "portal",
        "allowed_origins": "https://phunu.example.vn/\nhttp://127.0.0.1:8013",
    }
    return data | overrides


def test_creating_an_agency_in_the_admin_provisions_it(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("agencies:add"), _form(), follow=True)
    assert response.status_code == 200
    agency = Agency.objects.get(code="hlhpn")
    assert agency.column.url == "/vi/hlhpn/chuyen-muc-asean/"
    assert agency.editors_group is not None and agency.collection is not None
    assert agency.origins == ["https://phunu.example.vn", "http://127.0.0.1:8013"]
    assert agency.column.get_workflow().name == "Duyệt bài Chuyên mục ASEAN"
    assert "/trang-chu/hlhpn/chuyen-muc-asean/" in response.content.decode()  # the set-up message names it
    # Saving again (an edit) provisions nothing new.
    response = client.post(reverse("agencies:edit", args=(agency.pk,)), _form(name_en="Women's Union"), follow=True)
    assert response.status_code == 200
    assert "Set up:" not in response.content.decode()
    agency.refresh_from_db()
    assert agency.name_en == "Women's Union"


def test_the_admin_refuses_bad_origins_and_the_reserved_code(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("agencies:add"), _form(allowed_origins="https://x.vn/duong-dan"))
    assert response.status_code == 200 and not Agency.objects.exists()
    response = client.post(reverse("agencies:add"), _form(code="portal"))
    assert response.status_code == 200 and not Agency.objects.exists()


def test_the_code_cannot_change(client, admin_user, agency_a):
    client.force_login(admin_user)
    client.post(reverse("agencies:edit", args=(agency_a.pk,)), _form(code="doima", name_vi=agency_a.name_vi))
    assert Agency.objects.filter(code="soa").exists() and not Agency.objects.filter(code="doima").exists()


def test_embed_code_page(client, admin_user, agency_a):
    agency_a.add_origin("http://127.0.0.1:8013")
    agency_a.save()
    client.force_login(admin_user)
    index = client.get(reverse("agencies:index")).content.decode()
    embed_url = reverse("agencies:embed_code", args=(agency_a.pk,))
    assert embed_url in index
    response = client.get(embed_url, {"lang": "en", "limit": 3, "theme": "dark"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "http://127.0.0.1:8000/embed/asean/?agency=soa&amp;amp;limit=3&amp;amp;lang=en&amp;amp;theme=dark" in html
    assert "http://127.0.0.1:8000/embed/asean.js" in html
    assert "http://127.0.0.1:8013" in html  # the allowed sites
    # The live preview runs on the admin's own address, so it may frame and fetch.
    assert '<iframe data-asean-embed src="http://testserver/embed/asean/?agency=soa' in html
    assert '<div data-asean-embed data-agency="soa" data-limit="3" data-lang="en" data-theme="dark">' in html
    assert response.context["script_snippet"].startswith('<div data-asean-embed data-agency="soa"')


def test_agency_editors_and_portal_editors_cannot_manage_agencies(client, editor_a, agency_a, portal):
    for user in (editor_a, UserFactory(groups=[EDITORS])):
        client.force_login(user)
        assert client.get(reverse("agencies:index")).status_code in (302, 403)
        assert client.get(reverse("agencies:embed_code", args=(agency_a.pk,))).status_code in (302, 403)
        assert client.post(reverse("agencies:add"), _form()).status_code in (302, 403)
    assert not Agency.objects.filter(code="hlhpn").exists()
