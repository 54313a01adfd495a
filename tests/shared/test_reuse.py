"""Reuse in the column under the press-reuse rules: what the draft gets per agreement, when it may go live,
that the reused text stays unedited, and who may do it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from aggregator.models import ItemKind, ReuseRights
from cms.bootstrap.editorial import EDITORS, MODERATORS, WORKFLOW_NAME, permission
from cms.models import AseanArticlePage, Country, Pillar, Topic
from shared.models import Attachment, Reuse, ReuseChannel
from shared.reuse import reuse_terms
from tests.cms.factories import ImageFactory, UserFactory
from tests.shared.factories import ItemFactory, make_newsroom

CONTENT = (
    '<p>Hội nghị Bộ trưởng Kinh tế ASEAN khai mạc tại <a href="https://x.example/a">Đà Nẵng</a>.</p>'
    '<figure><img src="https://x.example/i.jpg" alt=""><figcaption>Ảnh: TTXVN</figcaption></figure>'
    "<p>Các bộ trưởng thảo luận <b>chuỗi cung ứng</b> khu vực.<br>Dòng thứ hai.</p>"
)


def journalist_with(groups, *, shared_access: bool = True, **kwargs):
    user = UserFactory(groups=groups, **kwargs)
    if shared_access:
        user.user_permissions.add(permission("shared.access_shared"))
    return user


@pytest.fixture
def editor(portal):
    return journalist_with([EDITORS], username="phongvien")


@pytest.fixture
def moderator(portal):
    return journalist_with([MODERATORS], username="banbientap")


@pytest.fixture
def item(portal):
    item = ItemFactory(
        title="Hội nghị Bộ trưởng Kinh tế ASEAN khai mạc",
        summary="<p>Hội nghị diễn ra tại Đà Nẵng.</p>",
        content=CONTENT,
        author="Minh Anh",
        source__outlet="VietnamPlus",
        pillar=Pillar.objects.get(slug="kinh-te"),
        image=ImageFactory(),
    )
    item.topics.set(Topic.objects.all()[:1])
    item.countries.set(Country.objects.filter(code="VN"))
    return item


def reuse_url(item) -> str:
    return reverse("shared:reuse", args=(item.pk,))


def post_reuse(client, item, column):
    return client.post(reuse_url(item), {"column": column.pk, "pillar": item.pillar_id or Pillar.objects.first().pk})


def created_page(item) -> AseanArticlePage:
    return AseanArticlePage.objects.get(pk=Reuse.objects.get(item=item).page_id)


# --- The rules ---------------------------------------------------------------------------------------------


def test_a_feed_needs_its_written_agreement_a_newsroom_does_not(db):
    without = ItemFactory(source__agreement_number="", source__outlet="Tuổi Trẻ")
    undated = ItemFactory(source__agreement_date=None)
    with translation.override("en"):
        terms = reuse_terms(without)
    assert not terms.allowed and "no written reuse agreement with Tuổi Trẻ" in terms.reason
    assert not reuse_terms(undated).allowed
    newsroom = make_newsroom()
    assert newsroom.source.agreement_number == ""
    assert reuse_terms(ItemFactory(source=newsroom.source)).allowed


@pytest.mark.parametrize(
    ("rights", "lead", "body", "reason"),
    [
        (ReuseRights.FULL_TEXT, True, True, ""),
        (ReuseRights.EXCERPT, True, False, "The agreement with VietnamPlus allows only an excerpt and a link."),
        (ReuseRights.LINK_ONLY, False, False, "The agreement with VietnamPlus allows only the title and a link."),
    ],
)
def test_the_reuse_rights_decide_what_is_reused_and_say_why(db, rights, lead, body, reason):
    item = ItemFactory(source__outlet="VietnamPlus", source__reuse_rights=rights)
    with translation.override("en"):
        terms = reuse_terms(item)
    assert (terms.allowed, terms.includes_lead, terms.includes_body, terms.reason) == (True, lead, body, reason)


def test_earliest_publication_is_the_original_plus_the_source_delay_to_the_minute(db):
    published = (timezone.now() - timedelta(hours=1)).replace(second=0, microsecond=0)
    item = ItemFactory(published_at=published, source__reuse_delay=timedelta(hours=5))
    terms = reuse_terms(item)
    assert terms.not_before == published + timedelta(hours=5)
    assert terms.must_wait()
    assert not terms.must_wait(now=published + timedelta(hours=5))
    # Rounded up, never down: the editor's go-live field has no seconds.
    item.published_at = published + timedelta(seconds=10)
    assert reuse_terms(item).not_before == published + timedelta(hours=5, minutes=1)


# --- Reuse in column -----------------------------------------------------------------------------------------


def test_full_text_reuse_creates_a_draft_with_attribution(client, portal, editor, item):
    photo = ImageFactory()
    Attachment.objects.create(item=item, kind=ItemKind.PHOTO, image=photo, caption="Toàn cảnh", credit="TTXVN")
    newsroom = make_newsroom(members=[editor])
    client.force_login(editor)

    response = post_reuse(client, item, portal.column_vi)

    page = created_page(item)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert not page.live and page.get_parent().pk == portal.column_vi.pk
    assert page.owner == editor
    assert (page.title, page.lead) == (item.title, "Hội nghị diễn ra tại Đà Nẵng.")
    paragraph, image = page.body
    assert paragraph.block_type == "paragraph"
    assert "Hội nghị Bộ trưởng Kinh tế ASEAN khai mạc tại" in paragraph.value.source
    assert '<a href="https://x.example/a">Đà Nẵng</a>' in paragraph.value.source
    assert "<img" not in paragraph.value.source and "Ảnh: TTXVN" not in paragraph.value.source
    assert image.block_type == "image"
    assert (image.value["image"], image.value["caption"], image.value["credit"]) == (photo, "Toàn cảnh", "TTXVN")
    assert page.featured_image == item.image
    assert page.pillar == item.pillar
    assert set(page.topics.all()) == set(item.topics.all())
    assert list(page.countries.all()) == list(item.countries.all())
    assert (page.source_outlet, page.source_url, page.source_author) == ("VietnamPlus", item.url, "Minh Anh")
    assert page.source_published_at == item.published_at
    assert page.go_live_at is None  # the original is 6 hours old: the 3-hour delay is over
    reuse = Reuse.objects.get(item=item)
    assert (reuse.channel, reuse.user, reuse.newsroom, reuse.page_id) == (
        ReuseChannel.COLUMN,
        editor,
        newsroom,
        page.pk,
    )
    assert set(reuse.fingerprints) == {"title", "lead", "body", "featured_image", "source_outlet", "source_url"}
    # The latest revision is the draft the editor opens.
    assert page.get_latest_revision().content["title"] == item.title


def test_excerpt_reuse_gets_title_lead_and_link_only(client, portal, editor, item):
    item.source.reuse_rights = ReuseRights.EXCERPT
    item.source.save()
    client.force_login(editor)
    post_reuse(client, item, portal.column_vi)
    page = created_page(item)
    assert page.lead == "Hội nghị diễn ra tại Đà Nẵng."
    assert len(page.body) == 0 and page.featured_image is None
    assert page.source_url == item.url
    assert set(Reuse.objects.get(item=item).fingerprints) == {"title", "lead", "source_outlet", "source_url"}


def test_link_only_reuse_gets_title_and_link_and_the_columns_own_lead(client, portal, editor, item):
    item.source.reuse_rights = ReuseRights.LINK_ONLY
    item.source.save()
    client.force_login(editor)
    post_reuse(client, item, portal.column_en)
    page = created_page(item)
    assert page.title == item.title and page.source_url == item.url
    assert page.lead == "Read the full article on VietnamPlus."  # the English column's own words
    assert len(page.body) == 0 and page.featured_image is None
    assert set(Reuse.objects.get(item=item).fingerprints) == {"title", "source_outlet", "source_url"}


def test_go_live_waits_for_the_delay_after_the_original(client, portal, editor, item):
    item.published_at = timezone.now() - timedelta(hours=1)
    item.save()
    client.force_login(editor)
    post_reuse(client, item, portal.column_vi)
    page = created_page(item)
    assert page.go_live_at == reuse_terms(item).not_before >= item.published_at + timedelta(hours=3)
    assert Reuse.objects.get(item=item).not_before == page.go_live_at


def test_reuse_is_refused_without_an_agreement(client, portal, editor, item):
    item.source.agreement_number = ""
    item.source.save()
    client.force_login(editor)
    page_count = AseanArticlePage.objects.count()

    confirmation = client.get(reuse_url(item))
    response = post_reuse(client, item, portal.column_vi)

    assert confirmation.status_code == 200 and 'name="column"' not in confirmation.content.decode()
    assert response.status_code == 200
    assert AseanArticlePage.objects.count() == page_count
    assert not Reuse.objects.exists()


def test_the_confirmation_lists_the_columns_the_user_may_add_to(client, portal, editor, item):
    client.force_login(editor)
    html = client.get(reuse_url(item)).content.decode()
    assert f'value="{portal.column_vi.pk}"' in html and f'value="{portal.column_en.pk}"' in html


def test_a_user_without_add_permission_on_the_column_cannot_reuse_into_it(client, portal, item):
    reader = journalist_with([], username="docgia")
    reader.user_permissions.add(permission("wagtailadmin.access_admin"))
    client.force_login(reader)
    assert f'value="{portal.column_vi.pk}"' not in client.get(reuse_url(item)).content.decode()
    response = post_reuse(client, item, portal.column_vi)
    assert response.status_code == 200  # the form refuses the column
    assert not Reuse.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, portal, item):
    response = client.get(reuse_url(item))
    assert response.status_code == 302 and "/login/" in response.url
    assert post_reuse(client, item, portal.column_vi).status_code == 302
    assert not Reuse.objects.exists()


def test_admin_users_without_shared_access_are_refused(client, portal, item):
    editor = journalist_with([EDITORS], shared_access=False, username="bientap")
    client.force_login(editor)
    # Wagtail's admin turns a refusal into a redirect to the dashboard with an error message.
    assert client.get(reuse_url(item)).url == reverse("wagtailadmin_home")
    assert post_reuse(client, item, portal.column_vi).url == reverse("wagtailadmin_home")
    assert not Reuse.objects.exists()


# --- The draft under the rules: moderation, unedited text, the delay ---------------------------------------


def edit_form_data(page: AseanArticlePage, action: str, **changes) -> dict:
    """The page editor's form for ``page``, as the browser posts it, with ``changes`` applied."""
    blocks = []
    for block in changes.pop("blocks", page.body):
        if block.block_type in {"paragraph", "own_intro"}:
            blocks.append((block.block_type, rich_text(block.value.source)))
        else:
            value = block.value
            blocks.append(("image", {**value, "image": value["image"].pk}))
    data = {
        "title": page.title,
        "slug": page.slug,
        "lead": page.lead,
        "featured_image": page.featured_image_id or "",
        "body": streamfield(blocks),
        "date": timezone.localtime(page.date).strftime("%Y-%m-%d %H:%M:%S"),
        "pillar": page.pillar_id,
        "source_outlet": page.source_outlet,
        "source_url": page.source_url,
        "source_author": page.source_author,
        "source_published_at": timezone.localtime(page.source_published_at).strftime("%Y-%m-%d %H:%M:%S"),
        "go_live_at": timezone.localtime(page.go_live_at).strftime("%Y-%m-%d %H:%M:%S") if page.go_live_at else "",
        "expire_at": "",
        "comments": inline_formset([]),
        action: "1",
    }
    data.update(changes)
    return nested_form_data(data)


class Block:
    """A body block for ``edit_form_data``, shaped like a StreamField child."""

    def __init__(self, block_type: str, html: str):
        self.block_type = block_type
        self.value = type("RichText", (), {"source": html})()


def reused_draft(client, portal, user, item) -> AseanArticlePage:
    client.force_login(user)
    post_reuse(client, item, portal.column_vi)
    return created_page(item).get_latest_revision_as_object()


def test_journalists_cannot_publish_the_draft_it_goes_to_moderation(client, portal, editor, item):
    page = reused_draft(client, portal, editor, item)
    assert page.get_workflow().name == WORKFLOW_NAME
    assert not page.permissions_for_user(editor).can_publish()

    client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), edit_form_data(page, "action-publish"))
    page.refresh_from_db()
    assert not page.live

    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), edit_form_data(page, "action-submit"))
    assert response.status_code == 302
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_IN_PROGRESS


def test_the_board_publishes_the_unedited_draft_with_an_own_introduction(client, portal, moderator, item):
    page = reused_draft(client, portal, moderator, item)
    intro = Block("own_intro", "<p>Lời dẫn của Chuyên mục.</p>")
    data = edit_form_data(page, "action-publish", blocks=[intro, *page.body])

    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.live
    assert page.body[0].block_type == "own_intro"
    rendered = client.get(page.url).content.decode()
    assert 'class="own-intro"' in rendered and "Lời dẫn của Chuyên mục." in rendered
    assert f'href="{item.url}"' in rendered  # the link to the original stands under the article


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "Tiêu đề đã sửa"},
        {"lead": "Sapo đã sửa."},
        {"blocks": [Block("paragraph", "<p>Nội dung đã bị biên tập lại.</p>")]},
        {"source_url": "https://khac.example/"},
    ],
    ids=["title", "lead", "body", "link"],
)
def test_publishing_edited_reused_text_is_refused(client, portal, moderator, item, changes):
    page = reused_draft(client, portal, moderator, item)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), edit_form_data(page, "action-publish", **changes)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    page.refresh_from_db()
    assert not page.live and page.title == item.title


def test_an_own_introduction_inside_the_reused_text_is_refused(client, portal, moderator, item):
    page = reused_draft(client, portal, moderator, item)
    intro = Block("own_intro", "<p>Chen giữa.</p>")
    data = edit_form_data(page, "action-publish", blocks=[page.body[0], intro])
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 200 and "body" in response.context["form"].errors


def test_publishing_before_the_delay_is_refused_and_scheduling_is_kept(client, portal, moderator, item):
    item.published_at = timezone.now() - timedelta(hours=1)
    item.save()
    page = reused_draft(client, portal, moderator, item)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))

    refused = client.post(url, edit_form_data(page, "action-publish", go_live_at=""))
    assert refused.status_code == 200 and "go_live_at" in refused.context["form"].errors

    scheduled = client.post(url, edit_form_data(page, "action-publish"))
    assert scheduled.status_code == 302
    page.refresh_from_db()
    assert not page.live  # waits for the scheduled time
    assert page.get_latest_revision().approved_go_live_at == reuse_terms(item).not_before


def test_the_rules_hold_outside_the_editor_too(client, portal, editor, item):
    page = reused_draft(client, portal, editor, item)
    page.title = "Sửa qua mã"
    with pytest.raises(ValidationError) as refused:
        page.save_revision(user=editor)
    assert "title" in refused.value.message_dict


# --- The actions on the item page ----------------------------------------------------------------------------


def render_actions(item, user) -> str:
    request = RequestFactory().get(reverse("shared:item", args=(item.pk,)))
    request.user = user
    with translation.override("en"):
        return render_to_string("shared/includes/item_actions.html", {"item": item, "request": request})


def test_item_actions_offer_every_reuse_and_show_the_earliest_publication(portal, editor, item):
    html = render_actions(item, editor)
    for url in (
        reverse("shared:reuse", args=(item.pk,)),
        reverse("shared:broadcast_script", args=(item.pk,)),
        reverse("shared:copy_text", args=(item.pk,)),
        reverse("shared:record_reuse", args=(item.pk, "newspaper")),
        reverse("shared:record_reuse", args=(item.pk, "broadcast")),
        reverse("shared:download_image", args=(item.pk,)),
    ):
        assert url in html
    assert timezone.localtime(reuse_terms(item).not_before).strftime("%d/%m/%Y %H:%M") in html


def test_item_actions_say_why_reuse_is_limited_or_refused(portal, item):
    item.source.reuse_rights = ReuseRights.EXCERPT
    html = render_actions(item, AnonymousUser())
    assert "allows only an excerpt and a link" in html
    assert reverse("shared:download_image", args=(item.pk,)) not in html
    item.source.agreement_number = ""
    html = render_actions(item, AnonymousUser())
    assert "no written reuse agreement" in html
    assert reverse("shared:reuse", args=(item.pk,)) not in html


def test_the_item_page_shows_the_reuse_actions(client, portal, editor, item):
    client.force_login(editor)
    response = client.get(reverse("shared:item", args=(item.pk,)))
    assert response.status_code == 200
    assert reverse("shared:reuse", args=(item.pk,)) in response.content.decode()
