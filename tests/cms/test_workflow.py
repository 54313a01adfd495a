"""Editorial control through the admin: editors submit, the editorial board approves or rejects."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from cms.bootstrap.editorial import EDITORS, MODERATORS
from cms.models import AseanArticlePage, Pillar
from tests.cms.factories import UserFactory, make_article


@pytest.fixture
def editor(portal):
    return UserFactory(username="bientap", groups=[EDITORS])


@pytest.fixture
def moderator(portal):
    return UserFactory(username="banbientap", groups=[MODERATORS])


def _create_form_data(title: str, pillar: Pillar, action: str | None = None) -> dict:
    data = {
        "title": title,
        "slug": "bai-gui-duyet",
        "lead": "Tóm tắt bài gửi duyệt.",
        "body-count": "0",
        "date": "2026-11-20 08:00:00",
        "pillar": str(pillar.pk),
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    if action:
        data[action] = "1"
    return data


def _add_url(column) -> str:
    return reverse("wagtailadmin_pages:add", args=("cms", "aseanarticlepage", column.pk))


def test_editor_can_submit_but_not_publish(client, portal, editor):
    client.force_login(editor)
    pillar = Pillar.objects.get(slug="kinh-te")
    response = client.post(_add_url(portal.column_vi), _create_form_data("Bài gửi duyệt", pillar, "action-submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = AseanArticlePage.objects.get(slug="bai-gui-duyet")
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Ban Biên tập duyệt bài"
    # Asking to publish directly is refused: the page stays a draft.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        _create_form_data("Bài gửi duyệt", pillar, "action-publish") | {"slug": page.slug},
    )
    page.refresh_from_db()
    assert not page.live
    assert not page.permissions_for_user(editor).can_publish()


def _submit(page, user):
    return page.get_workflow().start(page, user)


def test_board_approves_and_the_article_goes_live(client, portal, editor, moderator):
    page = make_article(portal.column_vi, "Chờ duyệt", publish=False)
    state = _submit(page, editor)
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state.pk))
    response = client.post(url, {"comment": "Đồng ý đăng."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert client.get(page.url).status_code == 200


def test_board_rejects_with_a_comment_and_the_article_stays_a_draft(client, portal, editor, moderator):
    page = make_article(portal.column_vi, "Cần sửa", publish=False)
    state = _submit(page, editor)
    task_state = state.current_task_state
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk))
    response = client.post(url, {"comment": "Bổ sung nguồn trích dẫn."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live
    assert task_state.status == task_state.STATUS_REJECTED
    assert task_state.comment == "Bổ sung nguồn trích dẫn."
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_editor_cannot_approve(client, portal, editor):
    page = make_article(portal.column_vi, "Tự duyệt", publish=False)
    state = _submit(page, editor)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state.pk))
    client.post(url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live


def test_editor_edits_only_the_column(client, portal, editor):
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(portal.column_vi.pk,))).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=(portal.home_vi.pk,))).status_code in (302, 403)


def test_editor_can_create_the_english_translation(client, portal, editor):
    page = make_article(portal.column_vi, "Bài cần dịch")
    client.force_login(editor)
    url = reverse("simple_translation:submit_page_translation", args=(page.pk,))
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [portal.column_en.locale.pk]})
    assert response.status_code == 302
    translation = page.get_translation(portal.column_en.locale)
    assert translation.get_parent().pk == portal.column_en.pk
    assert not translation.live  # the English draft goes through the same workflow
