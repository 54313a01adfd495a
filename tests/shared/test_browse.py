"""The "Shared database" list and the item page in the admin."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from aggregator.models import ItemKind, ItemStatus, StoryCluster
from cms.bootstrap.editorial import EDITORS, permission
from cms.models import Country, Pillar, Topic
from shared.bootstrap import JOURNALISTS, ensure_shared
from shared.models import Attachment, Reuse, ReuseChannel
from shared.wagtail_hooks import shared_menu
from tests.cms.factories import UserFactory
from tests.shared.factories import ItemFactory, SourceFactory

BROWSE = reverse("shared:browse")
RESULTS = reverse("shared:browse_results")


@pytest.fixture
def shared(portal):
    return ensure_shared()


@pytest.fixture
def journalist(shared):
    return UserFactory(groups=[JOURNALISTS])


@pytest.fixture
def editor(shared):
    return UserFactory(groups=[EDITORS])


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client


def item_links(response) -> list[int]:
    """Ids of the items the list's rows lead to, in order (title links only, not the "Also:" ones)."""
    html = response.content.decode()
    return [int(pk) for pk in re.findall(r'<div class="title-wrapper">\s*<a href="/admin/shared/items/(\d+)/"', html)]


def also_links(response) -> list[int]:
    html = response.content.decode()
    return [
        int(pk)
        for block in re.findall(r"data-story-siblings>(.*?)</p>", html, re.S)
        for pk in re.findall(r"items/(\d+)/", block)
    ]


# --- Who gets in ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_the_login(client):
    item = ItemFactory()
    for url in (BROWSE, RESULTS, reverse("shared:item", args=[item.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
def test_admin_users_without_shared_access_are_turned_away(client, shared):
    user = UserFactory()
    user.user_permissions.add(permission("wagtailadmin.access_admin"))
    client.force_login(user)
    item = ItemFactory()
    for url in (BROWSE, RESULTS, reverse("shared:item", args=[item.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_journalists_and_editors_open_the_list(client, journalist, editor):
    ItemFactory(title="Tin ASEAN hôm nay")
    for user in (journalist, editor):
        client.force_login(user)
        response = client.get(BROWSE)
        assert response.status_code == 200
        assert "Tin ASEAN hôm nay" in response.content.decode()


@pytest.mark.django_db
def test_search_menu_item_only_for_shared_access(journalist, shared):
    request = RequestFactory().get("/admin/")
    request.user = journalist
    assert "shared-search" in [item.name for item in shared_menu.menu_items_for_request(request)]
    request.user = UserFactory()
    assert "shared-search" not in [item.name for item in shared_menu.menu_items_for_request(request)]


# --- The list ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_list_shows_visible_items_newest_first_with_their_columns(journalist_client):
    now = timezone.now()
    older = ItemFactory(title="Cũ", published_at=now - timedelta(days=2), source=SourceFactory(outlet="VOV"))
    newer = ItemFactory(
        title="Mới",
        published_at=now - timedelta(hours=1),
        kind=ItemKind.PHOTO,
        image_url="https://x.example/a.jpg",
        pillar=Pillar.objects.get(slug="kinh-te"),
    )
    Reuse.objects.create(item=newer, channel=ReuseChannel.NEWSPAPER)
    ItemFactory(title="Không về ASEAN", status=ItemStatus.FILTERED)

    response = journalist_client.get(BROWSE)
    assert item_links(response) == [newer.pk, older.pk]
    rows = response.context["object_list"]
    assert [(row.with_image, row.used) for row in rows] == [(True, True), (False, False)]
    html = response.content.decode()
    assert "VOV" in html
    assert html.count('icon-check"') >= 2  # image and used, for the newer item


@pytest.mark.django_db
def test_filtered_out_items_only_on_request(journalist_client):
    hidden = ItemFactory(title="Không về ASEAN", status=ItemStatus.FILTERED)
    visible = ItemFactory(title="ASEAN")
    assert item_links(journalist_client.get(BROWSE)) == [visible.pk]
    assert set(item_links(journalist_client.get(BROWSE, {"include_filtered": "true"}))) == {visible.pk, hidden.pk}


@pytest.mark.django_db
def test_search_box_ranks_results(journalist_client):
    now = timezone.now()
    body_hit = ItemFactory(title="Tin", content="<p>Lễ hội ở Phnôm Pênh</p>", published_at=now)
    title_hit = ItemFactory(title="Phnôm Pênh mở cửa", published_at=now - timedelta(days=5))
    ItemFactory(title="Không liên quan")

    response = journalist_client.get(BROWSE, {"q": "phnom penh"})
    assert item_links(response) == [title_hit.pk, body_hit.pk]
    assert item_links(journalist_client.get(RESULTS, {"q": "phnom penh", "sort": "newest"})) == [
        body_hit.pk,
        title_hit.pk,
    ]


@pytest.mark.django_db
def test_every_filter_reaches_the_list(journalist_client):
    vov = SourceFactory(outlet="VOV")
    zone = timezone.get_current_timezone()
    match = ItemFactory(
        source=vov,
        title="Hợp tác Lào",
        kind=ItemKind.PHOTO,
        pillar=Pillar.objects.get(slug="kinh-te"),
        published_at=datetime(2026, 3, 10, 9, 0, tzinfo=zone),
    )
    match.topics.add(Topic.objects.get(slug="du-lich"))
    match.countries.add(Country.objects.get(code="la"))
    Attachment.objects.create(item=match, kind=ItemKind.PHOTO, url="https://x.example/a.jpg")
    ItemFactory(source=vov, title="Hợp tác Lào", published_at=datetime(2026, 3, 10, 9, 0, tzinfo=zone))

    every_filter = {
        "q": "hop tac lao",
        "source": vov.pk,
        "outlet": "VOV",
        "pillar": "kinh-te",
        "topic": "du-lich",
        "country": "la",
        "kind": "photo",
        "since": "2026-03-10",
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
        "has_image": "true",
        "used": "false",
        "sort": "oldest",
    }
    assert item_links(journalist_client.get(RESULTS, every_filter)) == [match.pk]
    assert item_links(journalist_client.get(RESULTS, {**every_filter, "used": "true"})) == []
    assert item_links(journalist_client.get(RESULTS, {**every_filter, "date_to": "2026-03-09"})) == []


@pytest.mark.django_db
def test_invalid_filter_does_not_break_the_list(journalist_client):
    item = ItemFactory()
    response = journalist_client.get(BROWSE, {"kind": "podcast", "since": "yesterday"})
    assert response.status_code == 200
    assert item_links(response) == [item.pk]


@pytest.mark.django_db
def test_long_or_wordless_search_is_handled(journalist_client):
    ItemFactory(title="Hợp tác")
    assert journalist_client.get(BROWSE, {"q": "hop tac " * 200}).status_code == 200
    response = journalist_client.get(BROWSE, {"q": "?!"})
    assert response.status_code == 200
    assert item_links(response) == []


@pytest.mark.django_db
def test_pagination(journalist_client):
    ItemFactory.create_batch(31)
    first, second = journalist_client.get(BROWSE), journalist_client.get(BROWSE, {"p": 2})
    assert len(item_links(first)) == 30
    assert len(item_links(second)) == 1
    assert not set(item_links(first)) & set(item_links(second))


@pytest.mark.django_db
def test_one_row_per_story_with_its_other_outlets_under_it(journalist_client):
    now = timezone.now()
    story = StoryCluster.objects.create(title="Thượng đỉnh ASEAN")
    vov, nhan_dan, ttxvn = SourceFactory(outlet="VOV"), SourceFactory(outlet="Nhân Dân"), SourceFactory(outlet="TTXVN")
    lead = ItemFactory(title="Thượng đỉnh ASEAN khai mạc", cluster=story, source=vov, published_at=now)
    other = ItemFactory(
        title="Khai mạc Thượng đỉnh", cluster=story, source=nhan_dan, published_at=now - timedelta(hours=1)
    )
    hidden = ItemFactory(
        title="Thượng đỉnh",
        cluster=story,
        source=ttxvn,
        status=ItemStatus.FILTERED,
        published_at=now - timedelta(hours=2),
    )
    alone = ItemFactory(title="Tin riêng", published_at=now - timedelta(days=1))

    response = journalist_client.get(BROWSE)
    assert item_links(response) == [lead.pk, alone.pk]
    assert also_links(response) == [other.pk]
    assert response.context["paginator"].count == 2

    # With filtered-out items included, that outlet is listed too.
    assert set(also_links(journalist_client.get(BROWSE, {"include_filtered": "true"}))) == {other.pk, hidden.pk}

    # The row shows the story's best match for the search; its siblings stay listed.
    response = journalist_client.get(BROWSE, {"q": "khai mac thuong dinh"})
    assert item_links(response)[0] in {lead.pk, other.pk}
    assert len(item_links(response)) == 1
    assert set(also_links(response)) | set(item_links(response)) == {lead.pk, other.pk}

    # Oldest first: the story is represented by its oldest visible item.
    assert item_links(journalist_client.get(BROWSE, {"sort": "oldest"})) == [alone.pk, other.pk]


# --- The item page -------------------------------------------------------------------------------


@pytest.fixture
def item(shared):
    zone = timezone.get_current_timezone()
    story = StoryCluster.objects.create(title="Mekong")
    item = ItemFactory(
        source=SourceFactory(outlet="VietnamPlus"),
        title="Hợp tác Mekong - Lan Thương",
        url="https://www.vietnamplus.vn/hop-tac-mekong.vnp",
        author="Minh Anh",
        original_source="TTXVN",
        summary="<p>Đoạn mở đầu.</p>",
        content="<p>Toàn văn <strong>bài viết</strong>.</p>",
        published_at=datetime(2026, 3, 12, 8, 30, tzinfo=zone),
        pillar=Pillar.objects.get(slug="kinh-te"),
        cluster=story,
    )
    item.topics.add(Topic.objects.get(slug="hop-tac-tieu-vung"))
    ItemFactory(title="Mekong ở VOV", source=SourceFactory(outlet="VOV"), cluster=story)
    return item


@pytest.mark.django_db
def test_item_page_shows_text_sources_dates_siblings_and_citations(journalist_client, item):
    response = journalist_client.get(reverse("shared:item", args=[item.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>Toàn văn <strong>bài viết</strong>.</p>" in html  # the stored, sanitised HTML
    assert 'href="https://www.vietnamplus.vn/hop-tac-mekong.vnp"' in html
    for text in ("VietnamPlus", "Minh Anh", "TTXVN", "12/03/2026 08:30", "Mekong ở VOV"):
        assert text in html
    assert "Theo VietnamPlus (https://www.vietnamplus.vn/hop-tac-mekong.vnp, 12/03/2026)" in html
    assert "According to VietnamPlus (https://www.vietnamplus.vn/hop-tac-mekong.vnp, 12/03/2026)" in html
    assert 'data-shared-copy="#citation-vi"' in html
    assert "shared/copy.js" in html
    assert response.context["citations"]["en"].startswith("According to VietnamPlus")


@pytest.mark.django_db
def test_item_page_of_a_missing_item_is_404(journalist_client):
    assert journalist_client.get(reverse("shared:item", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_editor_changes_the_tags_and_the_aggregator_then_leaves_them(client, editor, item):
    client.force_login(editor)
    url = reverse("shared:item", args=[item.pk])
    assert response_has_tags_form(client.get(url))
    response = client.post(
        url,
        {
            "tags-pillar": Pillar.objects.get(slug="van-hoa-xa-hoi").pk,
            "tags-topics": [Topic.objects.get(slug="du-lich").pk, Topic.objects.get(slug="van-hoa").pk],
            "tags-countries": [Country.objects.get(code="kh").pk],
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.pillar.slug == "van-hoa-xa-hoi"
    assert sorted(item.topics.values_list("slug", flat=True)) == ["du-lich", "van-hoa"]
    assert list(item.countries.values_list("code", flat=True)) == ["kh"]
    assert item.classified_by_editor


@pytest.mark.django_db
def test_invalid_tags_are_not_saved(client, editor, item):
    client.force_login(editor)
    response = client.post(reverse("shared:item", args=[item.pk]), {"tags-pillar": 999999})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.pillar.slug == "kinh-te"
    assert not item.classified_by_editor


@pytest.mark.django_db
def test_journalist_without_change_item_cannot_edit_tags(journalist_client, journalist, item):
    assert not journalist.has_perm("aggregator.change_item")
    url = reverse("shared:item", args=[item.pk])
    assert not response_has_tags_form(journalist_client.get(url))
    response = journalist_client.post(url, {"tags-pillar": Pillar.objects.get(slug="van-hoa-xa-hoi").pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    item.refresh_from_db()
    assert item.pillar.slug == "kinh-te"
    assert not item.classified_by_editor


def response_has_tags_form(response) -> bool:
    return 'name="tags-pillar"' in response.content.decode()
