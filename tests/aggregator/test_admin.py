"""The aggregator's admin screens and dashboard panel."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from aggregator import pipeline
from aggregator.models import FetchLog, Item, Source

from .feeds import item, items, rss

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def failing_source():
    return Source.objects.create(
        name="Nguồn hỏng",
        feed_url="https://x.example/rss",
        consecutive_failures=12,
        last_error="HTTP 500",
        last_fetch_at=timezone.now(),
    )


def test_source_list_shows_health(admin_client, failing_source):
    Source.objects.create(name="Nguồn tắt", feed_url="https://y.example/rss", enabled=False)
    response = admin_client.get(reverse("aggregator_source:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nguồn hỏng" in html and "HTTP 500" in html
    assert str(failing_source.get_health_display()) in html
    assert reverse("aggregator_source:opml_import") in html
    assert reverse("aggregator_source:fetch_now", args=[failing_source.pk]) in html


def test_fetch_now_runs_a_pass(admin_client, httpserver, loopback):
    httpserver.expect_request("/rss").respond_with_data(rss(items(2)))
    source = Source.objects.create(name="Báo thử", feed_url=httpserver.url_for("/rss"), asean_filter=False)
    url = reverse("aggregator_source:fetch_now", args=[source.pk])
    assert admin_client.get(url).status_code == 200  # the confirmation page
    response = admin_client.post(url, follow=True)
    assert response.status_code == 200
    assert Item.objects.filter(source=source).count() == 2
    assert FetchLog.objects.filter(source=source).count() == 1


def test_a_rule_an_admin_adds_changes_what_the_next_pass_keeps(admin_client, httpserver, loopback):
    def oil(n: int) -> str:
        return item(n, f"Giá dầu thế giới tăng phiên thứ {n}", body="Thị trường năng lượng biến động.")

    httpserver.expect_request("/rss").respond_with_data(rss(oil(1)))
    source = Source.objects.create(name="Thế giới", feed_url=httpserver.url_for("/rss"), asean_filter=True)
    assert pipeline.run_pass([source]).filtered == 1  # no rule knows oil prices
    form = {"term": "giá dầu", "language": "vi", "weight": "3", "target": "none", "target_slug": "", "enabled": "on"}
    assert admin_client.post(reverse("aggregator_rule:add"), form).status_code == 302
    httpserver.clear()
    httpserver.expect_request("/rss").respond_with_data(rss(oil(2) + oil(1)))
    counts = pipeline.run_pass([source])
    assert (counts.new, counts.filtered) == (1, 0)
    # New items are read with the new rule; items already read keep their classification.
    assert dict(Item.objects.values_list("key", "status")) == {"g:tin-2": "visible", "g:tin-1": "filtered"}


def test_fetch_now_needs_permission(client, failing_source):
    user = get_user_model().objects.create_user("editor", "e@example.org", "pw")
    client.force_login(user)
    response = client.post(reverse("aggregator_source:fetch_now", args=[failing_source.pk]))
    assert response.status_code in (302, 403)
    assert FetchLog.objects.count() == 0


def test_opml_import_and_export(admin_client):
    upload = SimpleUploadedFile(
        "feeds.opml",
        b'<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/rss"/></body></opml>',
    )
    form = {"file": upload, "keep_all": "on", "reuse_rights": "link"}
    response = admin_client.post(reverse("aggregator_source:opml_import"), form)
    assert response.status_code == 302
    added = Source.objects.get(feed_url="https://a.example/rss")
    assert (added.asean_filter, added.full_text, added.reuse_rights) == (False, False, "link")
    exported = admin_client.get(reverse("aggregator_source:opml_export"))
    assert exported["Content-Disposition"].startswith("attachment")
    assert b'xmlUrl="https://a.example/rss"' in exported.content
    bad = admin_client.post(reverse("aggregator_source:opml_import"), {"file": SimpleUploadedFile("x.opml", b"<not")})
    assert bad.status_code == 200 and Source.objects.count() == 1


@pytest.mark.parametrize(("rights", "warned"), [("excerpt", True), ("full", False)])
def test_opml_import_says_when_full_text_waits_for_the_rights(admin_client, rights, warned):
    upload = SimpleUploadedFile(
        "feeds.opml", b'<opml version="2.0"><body><outline text="B" xmlUrl="https://b.example/rss"/></body></opml>'
    )
    form = {"file": upload, "full_text": "on", "reuse_rights": rights}
    response = admin_client.post(reverse("aggregator_source:opml_import"), form, follow=True)
    assert Source.objects.get(feed_url="https://b.example/rss").reuse_rights == rights
    assert ("toàn văn chỉ được lấy từ các nguồn" in response.content.decode()) is warned  # the admin speaks Vietnamese


def test_items_and_fetch_log_lists(admin_client, failing_source):
    Item.objects.create(
        source=failing_source, key="g:1", title="Tin ASEAN thử", published_at=timezone.now(), content_hash="h"
    )
    FetchLog.objects.create(
        source=failing_source,
        started_at=timezone.now(),
        duration=timezone.timedelta(seconds=1),
        status="error",
        error="HTTP 500",
    )
    items_page = admin_client.get(reverse("aggregator_item:index") + f"?source={failing_source.pk}&status=visible")
    assert items_page.status_code == 200 and "Tin ASEAN thử" in items_page.content.decode()
    logs = admin_client.get(reverse("aggregator_fetchlog:index") + f"?source={failing_source.pk}")
    assert logs.status_code == 200 and "HTTP 500" in logs.content.decode()
    assert admin_client.get(reverse("aggregator_rule:index")).status_code == 200


def test_deleting_an_item_in_the_admin_leaves_a_tombstone(admin_client, failing_source):
    item = Item.objects.create(
        source=failing_source, key="g:1", title="Tin", published_at=timezone.now(), content_hash="h"
    )
    response = admin_client.post(reverse("aggregator_item:delete", args=[item.pk]))
    assert response.status_code == 302
    assert failing_source.items.count() == 0
    from aggregator.models import Tombstone

    assert Tombstone.objects.filter(feed_url=failing_source.feed_url, key="g:1").exists()


def test_dashboard_panel(admin_client, failing_source):
    now = timezone.now()
    Source.objects.filter(pk=failing_source.pk).update(last_fetch_at=now - timedelta(minutes=5))
    quiet = Source.objects.create(
        name="Nguồn im lặng",
        feed_url="https://q.example/rss",
        last_fetch_at=now - timedelta(hours=3),
        last_new_item_at=now - timedelta(days=2),
        typical_gap=timedelta(hours=2),
    )
    fields = {"source": quiet, "title": "Tin", "published_at": now, "content_hash": "h"}
    for n, (seen, status) in enumerate(
        [(now, "visible")] * 3 + [(now - timedelta(days=2), "visible"), (now, "filtered")]
    ):
        Item.objects.create(key=f"g:{n}", first_seen_at=seen, status=status, **fields)
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="aggregator-heading"' in html
    assert "Lần lấy tin gần nhất: 5\xa0phút trước." in html  # the latest fetch of any source
    assert "3 tin mới hôm nay." in html  # visible ones first seen today
    assert "Nguồn hỏng" in html and "HTTP 500" in html  # failing
    assert "Nguồn im lặng</a>: không có tin mới từ" in html  # gone quiet


def test_edit_and_inspect_pages_render(admin_client, failing_source):
    log = FetchLog.objects.create(
        source=failing_source, started_at=timezone.now(), duration=timezone.timedelta(0), status="ok"
    )
    item = Item.objects.create(
        source=failing_source, key="g:1", title="Tin", published_at=timezone.now(), content_hash="h"
    )
    for url in (
        reverse("aggregator_source:edit", args=[failing_source.pk]),
        reverse("aggregator_source:inspect", args=[failing_source.pk]),
        reverse("aggregator_fetchlog:inspect", args=[log.pk]),
        reverse("aggregator_item:inspect", args=[item.pk]),
        reverse("aggregator_item:edit", args=[item.pk]),
        reverse("aggregator_source:add"),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_editing_a_source_in_the_admin(admin_client, failing_source):
    data = {
        "name": "Đổi tên",
        "outlet": "",
        "feed_url": failing_source.feed_url,
        "site_url": "",
        "language": "vi",
        "enabled": "on",
        "poll_interval": "00:30:00",
        "asean_filter": "on",
        "body_selector": "",
        "image_selector": "",
        "author_selector": "",
        "drop_selector": "",
        "reuse_rights": "excerpt",
        "time_zone": "Asia/Ho_Chi_Minh",
        "identity_policy": "guid",
    }
    response = admin_client.post(reverse("aggregator_source:edit", args=[failing_source.pk]), data)
    assert response.status_code == 302
    failing_source.refresh_from_db()
    assert failing_source.name == "Đổi tên" and failing_source.poll_interval == timezone.timedelta(minutes=30)


def test_stories_link_to_their_items(admin_client, failing_source):
    from aggregator.models import StoryCluster

    other = Source.objects.create(name="Báo khác", feed_url="https://z.example/rss")
    story = StoryCluster.objects.create(title="ASEAN họp về lưới điện", item_count=2)
    for n, source in enumerate((failing_source, other)):
        Item.objects.create(
            source=source,
            key=f"g:{n}",
            title=f"Bài {n} về lưới điện",
            cluster=story,
            published_at=timezone.now(),
            content_hash="h",
        )
    Item.objects.create(source=other, key="g:x", title="Bài khác hẳn", published_at=timezone.now(), content_hash="h")
    listing = admin_client.get(reverse("aggregator_story:index")).content.decode()
    link = reverse("aggregator_item:index") + f"?cluster={story.pk}"
    assert link in listing
    html = admin_client.get(link).content.decode()
    assert "Bài 0 về lưới điện" in html and "Bài 1 về lưới điện" in html and "Bài khác hẳn" not in html


def test_source_form_refuses_bad_values(admin_client, failing_source):
    data = {
        "name": "x",
        "outlet": "",
        "feed_url": failing_source.feed_url,
        "site_url": "",
        "language": "vi",
        "enabled": "on",
        "poll_interval": "00:01:00",
        "body_selector": "div[",
        "image_selector": "",
        "author_selector": "",
        "drop_selector": "",
        "reuse_rights": "excerpt",
        "time_zone": "Mars/Olympus",
        "identity_policy": "guid",
    }
    response = admin_client.post(reverse("aggregator_source:edit", args=[failing_source.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"poll_interval", "time_zone", "body_selector"} <= set(errors)
    failing_source.refresh_from_db()
    assert failing_source.name == "Nguồn hỏng"


def test_an_editors_classification_survives_feed_updates(admin_client, httpserver, loopback):
    from aggregator import pipeline
    from cms.bootstrap.taxonomy import ensure_taxonomy
    from cms.models import Pillar

    from .feeds import item

    ensure_taxonomy()
    httpserver.expect_ordered_request("/rss").respond_with_data(rss(item(1)))
    httpserver.expect_ordered_request("/rss").respond_with_data(rss(item(1, "Tiêu đề ASEAN đã sửa")))
    source = Source.objects.create(name="Báo thử", feed_url=httpserver.url_for("/rss"), asean_filter=False)
    pipeline.run_pass([source])
    stored = Item.objects.get()
    culture = Pillar.objects.get(slug="van-hoa-xa-hoi")
    assert stored.pillar != culture
    response = admin_client.post(
        reverse("aggregator_item:edit", args=[stored.pk]), {"status": "filtered", "pillar": culture.pk}
    )
    assert response.status_code == 302
    assert pipeline.run_pass([source]).updated == 1
    stored.refresh_from_db()
    assert stored.title == "Tiêu đề ASEAN đã sửa"
    assert (stored.status, stored.pillar, stored.classified_by_editor) == ("filtered", culture, True)
