"""Agency A's editors see and change only agency A's pages and media, asserted through the admin views."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState

from cms.models import AseanArticlePage
from tests.cms.factories import ImageFactory, UserFactory, make_article

DENIED = (302, 403, 404)
A_PAGE, B_PAGE, PORTAL_PAGE = "Tin riêng Sở Ngoại vụ", "Tin riêng phường Vĩnh Phước", "Tin riêng cổng tỉnh"
A_MEDIA, B_MEDIA, PORTAL_MEDIA = "Tệp riêng Sở Ngoại vụ", "Tệp riêng phường Vĩnh Phước", "Tệp riêng cổng tỉnh"


@pytest.fixture
def world(portal, agency_a, agency_b):
    Document = get_document_model()

    def document(title, collection):
        return Document.objects.create(
            title=title, file=ContentFile(b"noi dung", name="tep.txt"), collection=collection
        )

    return {
        "a_page": make_article(agency_a.column, A_PAGE),
        "b_page": make_article(agency_b.column, B_PAGE),
        "portal_page": make_article(portal.column_vi, PORTAL_PAGE),
        "a_image": ImageFactory(title=A_MEDIA, collection=agency_a.collection),
        "b_image": ImageFactory(title=B_MEDIA, collection=agency_b.collection),
        "portal_image": ImageFactory(title=PORTAL_MEDIA),
        "a_doc": document(A_MEDIA, agency_a.collection),
        "b_doc": document(B_MEDIA, agency_b.collection),
        "portal_doc": document(PORTAL_MEDIA, _root_collection()),
    }


def _root_collection():
    from wagtail.models import Collection

    return Collection.get_first_root_node()


def _text(client, url, **params) -> str:
    response = client.get(url, params, follow=True)
    assert response.status_code == 200, url
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]  # modal choosers answer with JSON
    return response.content.decode()


def _assert_only_a(html: str, a_title: str, others: tuple[str, ...]):
    assert a_title in html
    for title in others:
        assert title not in html


def test_explorer_shows_only_the_agency_subtree(client, portal, agency_a, agency_b, editor_a, world):
    client.force_login(editor_a)
    seen = ""
    for page in (Page.get_first_root_node(), portal.home_vi, portal.home_en, agency_a.root_page, agency_a.column):
        seen += _text(client, reverse("wagtailadmin_explore", args=(page.pk,)))
    # Site names (Wagtail's explorer offers every site as a filter) are public; pages of others are not listed.
    _assert_only_a(seen, A_PAGE, (B_PAGE, PORTAL_PAGE))
    assert "Chuyên mục ASEAN" in seen
    # Walking into another agency's or the portal's column shows none of its articles.
    for column in (agency_b.column, portal.column_vi):
        response = client.get(reverse("wagtailadmin_explore", args=(column.pk,)), follow=True)
        assert B_PAGE not in response.content.decode() and PORTAL_PAGE not in response.content.decode()


def test_admin_page_search_finds_only_the_agency_pages(client, editor_a, world):
    client.force_login(editor_a)
    html = _text(client, reverse("wagtailadmin_pages:search"), q="Tin riêng")
    _assert_only_a(html, A_PAGE, (B_PAGE, PORTAL_PAGE))
    html = _text(client, reverse("wagtailadmin_pages:search_results"), q="riêng")
    _assert_only_a(html, A_PAGE, (B_PAGE, PORTAL_PAGE))


def test_page_chooser_offers_only_the_agency_pages(client, portal, agency_a, agency_b, editor_a, world):
    client.force_login(editor_a)
    html = _text(client, reverse("wagtailadmin_choose_page_search"), q="riêng")
    _assert_only_a(html, A_PAGE, (B_PAGE, PORTAL_PAGE))
    browsed = _text(client, reverse("wagtailadmin_choose_page"))
    for parent in (Page.get_first_root_node(), portal.home_vi, agency_a.root_page, agency_a.column):
        browsed += _text(client, reverse("wagtailadmin_choose_page_child", args=(parent.pk,)))
    # Walking the tree from the top never offers the other agency's site nor the portal's column.
    _assert_only_a(browsed, A_PAGE, (B_PAGE, PORTAL_PAGE, agency_b.name_vi, agency_b.name_en))
    assert f'data-id="{agency_a.column.pk}"' in browsed
    assert f'data-id="{portal.column_vi.pk}"' not in browsed
    # Even opened by its id, another column lists none of its articles.
    for parent in (agency_b.column, portal.column_vi):
        html = _text(client, reverse("wagtailadmin_choose_page_child", args=(parent.pk,)))
        assert B_PAGE not in html and PORTAL_PAGE not in html


def test_portal_editors_are_not_limited_by_agency_scoping(client, portal, world):
    from cms.bootstrap.editorial import EDITORS

    client.force_login(UserFactory(groups=[EDITORS]))
    html = _text(client, reverse("wagtailadmin_choose_page_search"), q="riêng")
    assert PORTAL_PAGE in html and A_PAGE in html


@pytest.mark.parametrize("target", ["b_page", "portal_page"])
def test_cannot_edit_publish_move_or_delete_other_pages(client, agency_a, editor_a, world, target):
    page = world[target]
    client.force_login(editor_a)
    title = page.title
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code in DENIED
    client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {"title": "Bị sửa", "slug": page.slug, "lead": "x", "body-count": "0", "action-publish": "1"},
    )
    assert client.get(reverse("wagtailadmin_pages:move", args=(page.pk,))).status_code in DENIED
    client.post(reverse("wagtailadmin_pages:move_confirm", args=(page.pk, agency_a.column.pk)))
    assert client.get(reverse("wagtailadmin_pages:delete", args=(page.pk,))).status_code in DENIED
    client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    page.refresh_from_db()
    assert page.title == title and page.live
    assert page.get_parent().pk != agency_a.column.pk
    assert page.get_latest_revision().content["title"] == title
    # Nor add a page into it.
    add = reverse("wagtailadmin_pages:add", args=("cms", "aseanarticlepage", page.get_parent().pk))
    assert client.get(add).status_code in DENIED


def test_the_editor_works_in_its_own_column(client, agency_a, editor_a, approver_a, world):
    client.force_login(editor_a)
    own = world["a_page"]
    assert client.get(reverse("wagtailadmin_pages:edit", args=(own.pk,))).status_code == 200
    add_subpage = reverse("wagtailadmin_pages:add_subpage", args=(agency_a.column.pk,))
    assert client.get(add_subpage, follow=True).status_code == 200
    # Submitting goes to the agency's own approvers, and the editor cannot publish.
    draft = make_article(agency_a.column, "Bản nháp Sở Ngoại vụ", publish=False)
    assert not draft.permissions_for_user(editor_a).can_publish()
    state = draft.get_workflow().start(draft, editor_a)
    assert state.current_task_state.task.specific.groups.get() == agency_a.approvers_group
    client.force_login(approver_a)
    url = reverse("wagtailadmin_pages:workflow_action", args=(draft.pk, "approve", state.current_task_state.pk))
    client.post(url, {"comment": "Đồng ý."})
    draft.refresh_from_db()
    assert draft.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_approvers_of_a_cannot_publish_b(client, agency_b, approver_a, editor_b, world):
    draft = make_article(agency_b.column, "Bản nháp phường", publish=False)
    state = draft.get_workflow().start(draft, editor_b)
    client.force_login(approver_a)
    url = reverse("wagtailadmin_pages:workflow_action", args=(draft.pk, "approve", state.current_task_state.pk))
    client.post(url, {"comment": ""})
    draft.refresh_from_db()
    assert not draft.live
    assert not world["b_page"].permissions_for_user(approver_a).can_publish()
    assert not world["portal_page"].permissions_for_user(approver_a).can_publish()


@pytest.mark.parametrize(
    ("index", "chooser"),
    [
        ("wagtailimages:index", "wagtailimages_chooser:choose"),
        ("wagtaildocs:index", "wagtaildocs_chooser:choose"),
    ],
)
def test_media_listings_and_choosers_show_only_the_agency_collection(client, editor_a, world, index, chooser):
    client.force_login(editor_a)
    for url in (reverse(index), reverse(chooser)):
        _assert_only_a(_text(client, url), A_MEDIA, (B_MEDIA, PORTAL_MEDIA))
        _assert_only_a(_text(client, url, q="riêng"), A_MEDIA, (B_MEDIA, PORTAL_MEDIA))


@pytest.mark.parametrize("kind", ["image", "doc"])
@pytest.mark.parametrize("owner", ["b", "portal"])
def test_cannot_edit_or_delete_other_media(client, editor_a, world, kind, owner):
    item = world[f"{owner}_{kind}"]
    app = "wagtailimages" if kind == "image" else "wagtaildocs"
    client.force_login(editor_a)
    assert client.get(reverse(f"{app}:edit", args=(item.pk,))).status_code in DENIED
    client.post(reverse(f"{app}:edit", args=(item.pk,)), {"title": "Bị sửa"})
    client.post(reverse(f"{app}:delete", args=(item.pk,)))
    Model = get_image_model() if kind == "image" else get_document_model()
    assert Model.objects.get(pk=item.pk).title == item.title


def test_the_editor_edits_its_own_media(client, editor_a, world):
    client.force_login(editor_a)
    assert client.get(reverse("wagtailimages:edit", args=(world["a_image"].pk,))).status_code == 200
    assert client.get(reverse("wagtaildocs:edit", args=(world["a_doc"].pk,))).status_code == 200


def test_agency_b_is_isolated_from_a_too(client, editor_b, world):
    client.force_login(editor_b)
    html = _text(client, reverse("wagtailadmin_pages:search"), q="riêng")
    _assert_only_a(html, B_PAGE, (A_PAGE, PORTAL_PAGE))
    _assert_only_a(_text(client, reverse("wagtailimages:index")), B_MEDIA, (A_MEDIA, PORTAL_MEDIA))
    assert AseanArticlePage.objects.filter(title=A_PAGE).exists()


def test_the_editor_translates_into_its_own_english_column_only(client, agency_a, editor_a, world):
    client.force_login(editor_a)
    column_en = agency_a.column_in("en")
    url = reverse("simple_translation:submit_page_translation", args=(world["a_page"].pk,))
    assert client.get(url).status_code == 200
    assert client.post(url, {"locales": [column_en.locale.pk]}).status_code == 302
    assert world["a_page"].get_translation(column_en.locale).get_parent().pk == column_en.pk
    other = reverse("simple_translation:submit_page_translation", args=(world["b_page"].pk,))
    assert client.get(other).status_code in DENIED
    client.post(other, {"locales": [column_en.locale.pk]})
    assert world["b_page"].get_translation_or_none(column_en.locale) is None
