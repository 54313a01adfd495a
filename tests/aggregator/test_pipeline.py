"""The feed pass end to end: loopback HTTP server, real parsing, real database."""

import gc
import os
import threading
import weakref
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from aggregator import bulk, digest, pipeline, store
from aggregator.models import EnrichState, FetchLog, Item, ItemStatus, KeywordRule, Source, StoryCluster, Tombstone
from aggregator.rules import ensure_default_rules
from cms.bootstrap.taxonomy import ensure_taxonomy
from cms.models import Country

from .fakes import SlowFetch
from .feeds import item, items, rss

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def taxonomy():
    ensure_taxonomy()
    ensure_default_rules(KeywordRule)


def make_source(httpserver, path="/feed.xml", **kwargs) -> Source:
    defaults = {"name": path, "feed_url": httpserver.url_for(path), "asean_filter": False}
    defaults.update(kwargs)
    return Source.objects.create(**defaults)


def serve(httpserver, body: bytes, path="/feed.xml", headers=None):
    httpserver.expect_request(path).respond_with_data(body, content_type="application/rss+xml", headers=headers or {})


def test_first_pass_stores_items_and_rerun_changes_nothing(httpserver, loopback):
    serve(httpserver, rss(items(3)))
    source = make_source(httpserver)
    counts = pipeline.run_pass([source])
    assert (counts.sources, counts.new, counts.updated, counts.errors) == (1, 3, 0, 0)
    stored = Item.objects.get(key="g:tin-1")
    assert stored.url == "https://bao-thu.example/tin-1.html"  # utm_* and fragment dropped
    assert stored.countries.count() == 0
    assert stored.pillar.slug == "kinh-te"
    source.refresh_from_db()
    assert source.item_count == 3 and source.consecutive_failures == 0 and source.last_status == 200
    assert source.next_fetch_at > timezone.now() + timedelta(minutes=14)

    again = pipeline.run_pass([source])
    assert (again.new, again.updated) == (0, 0)
    assert Item.objects.count() == 3
    assert FetchLog.objects.filter(source=source).count() == 2


def test_changed_entry_is_updated_not_duplicated(httpserver, loopback):
    serve(httpserver, rss(item(1)))
    source = make_source(httpserver)
    pipeline.run_pass([source])
    httpserver.clear()
    serve(httpserver, rss(item(1, "Hội nghị ASEAN lần thứ 1 (cập nhật)")))
    counts = pipeline.run_pass([source])
    assert (counts.new, counts.updated) == (0, 1)
    assert Item.objects.get().title == "Hội nghị ASEAN lần thứ 1 (cập nhật)"


def test_conditional_get_304_costs_no_parsing(httpserver, loopback):
    httpserver.expect_request("/feed.xml", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    serve(httpserver, rss(items(2)), headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Sep 2025 01:00:00 GMT"})
    source = make_source(httpserver)
    pipeline.run_pass([source])
    source.refresh_from_db()
    assert source.etag == '"v1"'
    counts = pipeline.run_pass([source])
    assert (counts.unchanged, counts.new) == (1, 0)
    assert FetchLog.objects.filter(status="not_modified").count() == 1
    assert httpserver.log[-1][0].headers["If-Modified-Since"] == "Mon, 01 Sep 2025 01:00:00 GMT"


def test_a_304_resets_the_health_with_two_statements_and_never_reads_the_source(httpserver, loopback):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    httpserver.expect_request("/feed.xml").respond_with_data("", status=304, headers={"Cache-Control": "max-age=3600"})
    source = make_source(httpserver, etag='"v1"', consecutive_failures=2, last_error="timeout", last_status=503)
    source.poll_interval = timedelta(minutes=20)
    source.save()
    with pipeline.make_digester() as digester:
        outcome = pipeline.gather(pipeline.SourceSnapshot.of(source), digester)
    taxonomy = store.Taxonomy.load()
    with CaptureQueriesContext(connection) as queries:
        counts = store.record_pass(outcome, taxonomy)
    statements = [q["sql"].split()[0] for q in queries if q["sql"].split()[0] in ("SELECT", "UPDATE", "INSERT")]
    assert statements == ["UPDATE", "INSERT"]
    assert (counts.sources, counts.unchanged, counts.errors) == (1, 1, 0)
    source.refresh_from_db()
    assert (source.consecutive_failures, source.last_status, source.last_error, source.etag) == (0, 304, "", '"v1"')
    # The server's max-age (1 h) is longer than the poll interval (20 min) the outcome carried.
    assert timezone.now() + timedelta(minutes=59) < source.next_fetch_at < timezone.now() + timedelta(minutes=67)
    assert FetchLog.objects.get(source=source).status == "not_modified"


def test_a_304_for_a_source_deleted_during_the_pass_records_nothing(httpserver, loopback):
    httpserver.expect_request("/feed.xml").respond_with_data("", status=304)
    source = make_source(httpserver, etag='"v1"')
    with pipeline.make_digester() as digester:
        outcome = pipeline.gather(pipeline.SourceSnapshot.of(source), digester)
    source.delete()
    assert store.record_pass(outcome, store.Taxonomy.load()).unchanged == 1
    assert not FetchLog.objects.exists()


def test_new_items_of_a_source_deleted_during_the_pass_are_not_stored(httpserver, loopback):
    serve(httpserver, rss(items(2)))
    source = make_source(httpserver)
    with pipeline.make_digester() as digester:
        outcome = pipeline.gather(pipeline.SourceSnapshot.of(source), digester)
    source.delete()
    counts = store.record_pass(outcome, store.Taxonomy.load())
    assert (counts.sources, counts.new, counts.errors) == (1, 0, 0)
    assert not Item.objects.exists() and not FetchLog.objects.exists()


def test_asean_filter_keeps_filtered_items_hidden_and_counts_them_once(httpserver, loopback):
    body = (
        item(1)
        + item(2, "Giá dầu thế giới tăng", body="Thị trường năng lượng.")
        + item(3, "Người lao động ở Lào Cai vào mùa", body="Tin trong nước.")
    )
    serve(httpserver, rss(body))
    source = make_source(httpserver, asean_filter=True)
    counts = pipeline.run_pass([source])
    assert (counts.new, counts.filtered) == (1, 2)
    assert set(Item.objects.filter(status=ItemStatus.FILTERED).values_list("key", flat=True)) == {
        "g:tin-2",
        "g:tin-3",
    }
    assert pipeline.run_pass([source]).filtered == 0


def test_errors_stay_on_their_source(httpserver, loopback):
    serve(httpserver, rss(items(2)), path="/good.xml")
    httpserver.expect_request("/broken.xml").respond_with_data("<html><body>not a feed</body></html>")
    httpserver.expect_request("/gone.xml").respond_with_data("no", status=404)
    good = make_source(httpserver, "/good.xml")
    broken = make_source(httpserver, "/broken.xml")
    gone = make_source(httpserver, "/gone.xml")
    counts = pipeline.run_pass([good, broken, gone])
    assert (counts.sources, counts.new, counts.errors) == (3, 2, 2)
    broken.refresh_from_db()
    gone.refresh_from_db()
    assert broken.consecutive_failures == 1 and broken.last_error.startswith("parse:")
    assert gone.last_status == 404 and "HTTP 404" in gone.last_error
    assert FetchLog.objects.get(source=gone).status == "error"


def test_malformed_feed_with_entries_is_ingested_and_flagged(httpserver, loopback):
    body = rss(items(2)).replace(b"</channel>", b"<broken & unclosed></channel>")
    serve(httpserver, body)
    source = make_source(httpserver)
    assert pipeline.run_pass([source]).new == 2
    source.refresh_from_db()
    assert source.malformed is True
    assert FetchLog.objects.get().malformed is True


def test_duplicate_guids_switch_identity_and_say_so(httpserver, loopback):
    body = "".join(item(n, guid="cung-mot-guid") for n in range(1, 5))
    serve(httpserver, rss(body))
    source = make_source(httpserver)
    assert pipeline.run_pass([source]).new == 4
    source.refresh_from_db()
    assert source.identity_policy == "link"
    assert "switched to link" in source.identity_note
    assert pipeline.run_pass([source]).new == 0


def test_items_without_guid_or_date(httpserver, loopback):
    serve(httpserver, rss(item(1, guid=None, date=None) + item(2, guid=None, date=None)))
    source = make_source(httpserver)
    before = timezone.now()
    assert pipeline.run_pass([source]).new == 2
    first = Item.objects.get(url="https://bao-thu.example/tin-1.html")
    assert first.key == "l:https://bao-thu.example/tin-1.html"
    assert first.published_at >= before  # missing date: first-seen time
    assert pipeline.run_pass([source]).new == 0
    assert Item.objects.get(pk=first.pk).published_at == first.published_at


@pytest.mark.parametrize(("time_zone", "utc_hour"), [("Asia/Ho_Chi_Minh", 11), ("Asia/Tokyo", 9)])
def test_dates_without_a_zone_are_read_in_the_sources_time_zone(httpserver, loopback, time_zone, utc_hour):
    serve(httpserver, rss(item(1, date="9/14/2026 6:44:00 PM")))  # as some outlets write them
    source = make_source(httpserver, time_zone=time_zone)
    pipeline.run_pass([source])
    assert Item.objects.get().published_at == datetime(2026, 9, 14, utc_hour, 44, tzinfo=UTC)


def test_deleted_item_leaves_tombstone_and_never_returns(httpserver, loopback):
    serve(httpserver, rss(items(2)))
    source = make_source(httpserver)
    pipeline.run_pass([source])
    Item.objects.get(key="g:tin-1").delete()
    assert Tombstone.objects.filter(feed_url=source.feed_url, key="g:tin-1").exists()
    assert pipeline.run_pass([source]).new == 0
    assert not Item.objects.filter(key="g:tin-1").exists()


@pytest.mark.parametrize(
    "later_feed",
    [
        rss(item(1, guid="tin-1-ban-sua") + item(2)),  # the outlet gave the article another guid
        rss("".join(item(n, guid="cung-mot-guid") for n in (1, 2))),  # the source switches to link identity
    ],
    ids=["new-guid", "identity-switch"],
)
def test_deleted_item_stays_deleted_under_another_key(httpserver, loopback, later_feed):
    serve(httpserver, rss(items(2)))
    source = make_source(httpserver)
    pipeline.run_pass([source])
    Item.objects.get(key="g:tin-1").delete()
    httpserver.clear()
    serve(httpserver, later_feed)
    pipeline.run_pass([source])
    assert not Item.objects.filter(url="https://bao-thu.example/tin-1.html").exists()
    assert Item.objects.filter(url="https://bao-thu.example/tin-2.html").count() == 1


@pytest.mark.parametrize(
    ("full_text", "rights", "queued"),
    [(True, "full", True), (True, "excerpt", False), (False, "full", False)],
)
def test_a_pass_queues_full_text_only_where_it_is_on_and_allowed(httpserver, loopback, full_text, rights, queued):
    serve(httpserver, rss(items(2)))
    source = make_source(httpserver, full_text=full_text, reuse_rights=rights)
    assert pipeline.run_pass([source]).new == 2
    states = set(Item.objects.values_list("enrich_state", flat=True))
    assert states == {EnrichState.PENDING if queued else EnrichState.NONE}
    assert httpserver.log and all(request.path == "/feed.xml" for request, _ in httpserver.log)  # later, not now


def test_deleting_a_source_leaves_no_tombstones(httpserver, loopback):
    serve(httpserver, rss(items(2)))
    source = make_source(httpserver)
    pipeline.run_pass([source])
    source.delete()
    assert Tombstone.objects.count() == 0


def test_database_refuses_a_second_item_with_the_same_key(httpserver, loopback):
    source = make_source(httpserver)
    fields = {
        "source": source,
        "key": "g:x",
        "title": "t",
        "published_at": timezone.now(),
        "content_hash": "h",
    }
    Item.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.create(**fields)


def test_killed_mid_pass_keeps_nothing_partial_and_restart_completes(httpserver, loopback, monkeypatch):
    serve(httpserver, rss(items(5)), headers={"ETag": '"v1"'})
    source = make_source(httpserver)
    real_insert = store._insert_new

    def killed_after_inserting(*args):
        real_insert(*args)
        raise SystemExit("killed")  # what a kill looks like to the transaction: it never commits

    monkeypatch.setattr(store, "_insert_new", killed_after_inserting)
    with pytest.raises(SystemExit):
        store.record_pass(
            pipeline.gather(pipeline.SourceSnapshot.of(source), pipeline.make_digester()), store.Taxonomy.load()
        )
    assert Item.objects.count() == 0
    source.refresh_from_db()
    assert source.etag == ""  # not saved: the restart fetches the whole feed again
    monkeypatch.setattr(store, "_insert_new", real_insert)
    assert pipeline.run_pass([source]).new == 5
    assert pipeline.run_pass([source]).new == 0
    assert Item.objects.count() == 5


def test_same_story_from_two_outlets_is_one_cluster(httpserver, loopback):
    day = "Tue, 02 Sep 2025 08:00:00 +0700"
    later = "Tue, 02 Sep 2025 13:30:00 +0700"
    serve(
        httpserver,
        rss(item(1, "Việt Nam và Lào ký kết hợp tác phát triển lưới điện xuyên biên giới", date=day)),
        path="/a.xml",
    )
    serve(
        httpserver,
        rss(item(9, "Việt Nam, Lào ký kết hợp tác phát triển lưới điện xuyên biên giới", date=later)),
        path="/b.xml",
    )
    serve(httpserver, rss(item(5, "Singapore công bố chiến lược trí tuệ nhân tạo mới", date=day)), path="/c.xml")
    sources = [make_source(httpserver, p) for p in ("/a.xml", "/b.xml", "/c.xml")]
    pipeline.run_pass(sources)
    cluster = StoryCluster.objects.get()
    assert cluster.item_count == 2
    assert set(cluster.items.values_list("source__feed_url", flat=True)) == {s.feed_url for s in sources[:2]}


def test_wire_origin_is_recorded(httpserver, loopback):
    serve(httpserver, rss(item(1, body="(TTXVN) Các bộ trưởng ASEAN họp tại Viêng Chăn.")))
    source = make_source(httpserver)
    pipeline.run_pass([source])
    stored = Item.objects.get()
    assert stored.original_source == "TTXVN"
    assert list(stored.countries.values_list("code", flat=True)) == ["la"]


def test_html_payloads_never_reach_the_database(httpserver, loopback):
    payload = (
        '<p onclick="steal()">Tin ASEAN</p><script>alert(1)</script>'
        '<a href="javascript:alert(2)">x</a><img src=x onerror="alert(3)">'
    )
    serve(httpserver, rss(item(1, "ASEAN &lt;script&gt;alert(1)&lt;/script&gt;", body=payload)))
    source = make_source(httpserver, reuse_rights="full")
    pipeline.run_pass([source])
    stored = Item.objects.get()
    for field in (stored.summary, stored.content, stored.title):
        assert "<script" not in field.lower() and "onerror" not in field and "javascript:" not in field
        assert "onclick" not in field
    assert "Tin ASEAN" in stored.summary


def test_reuse_rights_limit_what_is_kept(httpserver, loopback):
    serve(httpserver, rss(item(1, body="<p>" + "Nội dung dài về ASEAN. " * 60 + "</p>")))
    link_only = make_source(httpserver, reuse_rights="link")
    pipeline.run_pass([link_only])
    assert Item.objects.get().summary == ""
    link_only.reuse_rights = "excerpt"
    link_only.save()
    Item.objects.all().update(content_hash="stale")
    pipeline.run_pass([link_only])
    excerpt = Item.objects.get().summary
    assert excerpt.endswith("…") and len(excerpt) <= 401 and "<p>" not in excerpt


def test_failures_back_off_and_retry_after_is_a_floor(httpserver, loopback):
    httpserver.expect_request("/feed.xml").respond_with_data("busy", status=503, headers={"Retry-After": "7200"})
    source = make_source(httpserver)
    pipeline.run_pass([source])
    source.refresh_from_db()
    assert source.consecutive_failures == 1
    assert source.next_fetch_at >= timezone.now() + timedelta(hours=1, minutes=59)
    assert source.enabled is True


def test_bot_wall_is_reported_as_such(httpserver, loopback):
    httpserver.expect_request("/feed.xml").respond_with_data(
        "<html><title>Just a moment...</title><div id='cf-challenge'></div></html>", status=403
    )
    source = make_source(httpserver)
    pipeline.run_pass([source])
    log = FetchLog.objects.get()
    assert log.status == "blocked" and log.http_status == 403
    assert "bot challenge" in log.error


def test_due_sources():
    now = timezone.now()
    due = Source.objects.create(name="a", feed_url="https://a.example/f", next_fetch_at=now - timedelta(seconds=1))
    new = Source.objects.create(name="b", feed_url="https://b.example/f")
    Source.objects.create(name="c", feed_url="https://c.example/f", next_fetch_at=now + timedelta(minutes=5))
    Source.objects.create(name="d", feed_url="https://d.example/f", enabled=False)
    assert set(pipeline.due_sources(now)) == {due, new}


def test_empty_feed_is_a_successful_pass(httpserver, loopback):
    serve(httpserver, rss(""))
    source = make_source(httpserver)
    counts = pipeline.run_pass([source])
    assert (counts.new, counts.errors) == (0, 0)
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.last_error == ""


def test_hostile_values_are_stored_safely(httpserver, loopback):
    """NUL bytes, a 2,000-character link and a 1,000-character guid do not break the pass (PostgreSQL too)."""
    hostile = item(1, "ASEAN\x00 họp", guid="g" * 1000).replace(
        "https://bao-thu.example/tin-1.html?utm_source=rss#top", "https://bao-thu.example/" + "x" * 2000
    )
    serve(httpserver, rss(hostile + item(2)))
    source = make_source(httpserver)
    counts = pipeline.run_pass([source])
    assert (counts.new, counts.errors) == (2, 0)
    stored = Item.objects.get(title__startswith="ASEAN")
    assert stored.title == "ASEAN họp" and stored.url == "" and len(stored.key) <= 255


def test_a_pass_that_cannot_be_stored_is_logged_and_backs_off(httpserver, loopback, monkeypatch):
    serve(httpserver, rss(items(2)))
    source = make_source(httpserver)

    def poisoned(*args, **kwargs):
        raise ValueError("poisoned entry")

    monkeypatch.setattr(store, "_store_items", poisoned)
    counts = pipeline.run_pass([source])
    assert (counts.sources, counts.new, counts.errors) == (1, 0, 1)
    source.refresh_from_db()
    assert source.consecutive_failures == 1 and "poisoned entry" in source.last_error
    assert source.next_fetch_at > timezone.now()
    assert FetchLog.objects.get(source=source).error.startswith("store: ValueError")
    assert Item.objects.count() == 0


def test_at_most_two_feed_requests_at_a_time_per_host(monkeypatch):
    from aggregator import fetch

    slow_fetch = SlowFetch(lambda url: fetch.FetchResult(url, 304))
    monkeypatch.setattr(fetch, "fetch", slow_fetch)
    sources = [Source.objects.create(name=str(n), feed_url=f"https://bao.example/rss/{n}.rss") for n in range(6)]
    assert pipeline.run_pass(sources, workers=6).unchanged == 6
    assert slow_fetch.peak == fetch.PER_HOST == 2  # in parallel, up to the limit


def stored_items() -> list[tuple]:
    return sorted(
        Item.objects.values_list("source__name", "key", "title", "summary", "status", "pillar__slug", "title_signature")
    )


def test_worker_processes_store_what_the_fetching_threads_store(httpserver, loopback, monkeypatch):
    for number in range(3):
        serve(httpserver, rss(items(4, start=number * 10)), path=f"/{number}.xml")
    sources = [make_source(httpserver, f"/{number}.xml") for number in range(3)]
    make_digester = pipeline.make_digester

    def make_digester_with_workers_up(processes: int = 0):
        digester = make_digester(processes)
        digester.start()  # else the pass digests its first documents itself while the workers start
        assert not processes or digester.workers_up.wait(timeout=30)
        return digester

    monkeypatch.setattr(pipeline, "make_digester", make_digester_with_workers_up)
    assert pipeline.run_pass(sources, processes=2).new == 12  # forkserver workers digest the documents
    in_workers = stored_items()
    Item.objects.all().delete()
    Source.objects.update(etag="", last_modified="")
    Tombstone.objects.all().delete()
    assert pipeline.run_pass(Source.objects.all(), processes=0).new == 12
    assert stored_items() == in_workers


def test_a_dead_worker_does_not_lose_the_pass(httpserver, loopback):
    serve(httpserver, rss(items(2)))
    source = make_source(httpserver)
    with pipeline.make_digester(processes=1) as digester:
        digester.start()
        assert digester.workers_up.wait(timeout=30)
        first = pipeline.gather(pipeline.SourceSnapshot.of(source), digester)
        processes = list(digester._pool._processes.values())
        assert processes
        for process in processes:  # what the OOM killer would do
            process.kill()
            process.join()
        again = pipeline.gather(pipeline.SourceSnapshot.of(source), digester)
    assert first.status == again.status == "ok"
    assert [entry.item.key for entry in again.items] == [entry.item.key for entry in first.items]


def test_documents_are_digested_in_the_pass_until_a_worker_is_up(httpserver, loopback, monkeypatch):
    serve(httpserver, rss(items(2)))
    source = make_source(httpserver)
    may_start = threading.Event()
    start_workers = digest.Digester._start_workers

    def start_when_allowed(self, pool):
        may_start.wait(timeout=30)
        start_workers(self, pool)

    monkeypatch.setattr(digest.Digester, "_start_workers", start_when_allowed)
    with pipeline.make_digester(processes=1) as digester:
        here = pipeline.gather(pipeline.SourceSnapshot.of(source), digester)
        assert not digester._pool._processes  # no worker yet: the document was digested in this process
        may_start.set()
        assert digester.workers_up.wait(timeout=30)
        in_worker = pipeline.gather(pipeline.SourceSnapshot.of(source), digester)
        assert len(digester._pool._processes) == 1
    assert here.status == in_worker.status == "ok"
    assert [entry.item for entry in here.items] == [entry.item for entry in in_worker.items]


def test_a_pass_of_unchanged_feeds_starts_no_digest_worker(monkeypatch):
    from aggregator import fetch

    pools = []
    monkeypatch.setattr(digest, "ProcessPoolExecutor", lambda *args, **kwargs: pools.append(args))
    monkeypatch.setattr(fetch, "fetch", lambda url, **kwargs: fetch.FetchResult(url, 304))
    sources = [Source.objects.create(name=str(n), feed_url=f"https://bao.example/rss/{n}.rss") for n in range(3)]
    assert pipeline.run_pass(sources, processes=2).unchanged == 3
    assert pools == []  # each pass over 304s would have started a fork server and two workers for nothing


def test_digest_workers_run_at_a_lower_priority_than_the_pass():
    with pipeline.make_digester(processes=2) as digester:
        digester.start()
        assert digester.workers_up.wait(timeout=30)
        workers = [process.pid for process in digester._pool._processes.values()]
        niceness = {os.getpriority(os.PRIO_PROCESS, pid) for pid in workers}
    assert workers and niceness == {os.getpriority(os.PRIO_PROCESS, 0) + digest.WORKER_NICENESS}


def queries_to_store(httpserver, feeds: dict[str, str]) -> list[int]:
    """Gather each feed (path -> RSS) from its own new source, then count the queries storing each costs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    taxonomy, stories, counts = store.Taxonomy.load(), pipeline.StoryIndex(), []
    for path, body in feeds.items():
        serve(httpserver, body, path=path)
        with pipeline.make_digester() as digester:
            outcome = pipeline.gather(pipeline.SourceSnapshot.of(make_source(httpserver, path)), digester)
        with CaptureQueriesContext(connection) as queries:
            store.record_pass(outcome, taxonomy, stories=stories)
        counts.append(len(queries))
    return counts


TOPICS = ["gạo", "cà phê", "thủy sản", "du lịch", "học bổng", "điện gió", "cảng biển", "tôm", "trái cây", "logistics"]


DAY = "Mon, 01 Sep 2025 08:00:00 +0700"


def story_title(n: int) -> str:
    return f"Tỉnh {n} hợp tác với Campuchia phát triển {TOPICS[n % 10]} vùng biên giới năm {2000 + n}"


def test_storing_costs_the_same_queries_for_5_or_40_new_items(httpserver, loopback):
    few = rss(items(5))
    many = rss("".join(item(n, story_title(n)) for n in range(40)))
    counts = queries_to_store(httpserver, {"/few.xml": few, "/many.xml": many})
    assert Item.objects.count() == 45 and not StoryCluster.objects.exists()
    # Not one statement per item: 8x the items adds at most a second window read, the database's own
    # insert batches (SQLite binds at most 999 values per statement) and a country links insert.
    assert counts[0] <= 12 and counts[1] <= counts[0] + 4


def test_starting_2_or_20_stories_costs_the_same_queries(httpserver, loopback):
    told = rss("".join(item(n, story_title(n), date=DAY) for n in range(20)))
    retold_twice = rss("".join(item(100 + n, "[Video] " + story_title(n), date=DAY) for n in range(2)))
    retold_20 = rss("".join(item(200 + n, "Ảnh: " + story_title(n), date=DAY) for n in range(20)))
    counts = queries_to_store(httpserver, {"/a.xml": told, "/b.xml": retold_twice, "/c.xml": retold_20})
    assert StoryCluster.objects.count() == 20
    assert sorted(StoryCluster.objects.values_list("item_count", flat=True)) == [2] * 18 + [3] * 2
    assert counts[2] <= counts[1] + 2 <= 20


def test_a_pass_stops_before_its_next_source_once_the_scheduler_is_no_longer_active(httpserver, loopback):
    for number in range(12):
        serve(httpserver, rss(items(2, start=number * 10)), path=f"/{number}.xml", headers={"ETag": f'"{number}"'})
    sources = [make_source(httpserver, f"/{number}.xml") for number in range(12)]
    answers = iter([True])  # active for the first source only, then the lock is lost

    counts = pipeline.run_pass(sources, workers=2, keep_going=lambda: next(answers, False))

    assert counts.sources == 1
    assert FetchLog.objects.count() == 1 and Item.objects.count() == 2
    # The others were not stored at all, their ETags included: the new active scheduler fetches them whole.
    assert Source.objects.exclude(etag="").count() == 1


def test_insert_rows_stores_what_bulk_create_would():
    source = Source.objects.create(name="Báo mẫu", feed_url="http://127.0.0.1:9/raw.xml")
    published = datetime(2026, 3, 12, 8, 30, 15, 123456, tzinfo=UTC)
    fields = {
        "title": "Lào & Campuchia: 'hợp tác' \"mới\"\tcó\\nhiều dòng\n",
        "summary": "<p>Tóm tắt</p>",
        "content": "",
        "published_at": published,
        "first_seen_at": published,
        "updated_at": published,
        "content_hash": "h",
        "relevance": 2.5,
        "status": ItemStatus.FILTERED,
    }
    rows = [{"source_id": source.pk, "key": f"raw-{n}", **fields} for n in range(3)]
    Item.objects.bulk_create([Item(source=source, key=f"orm-{n}", **fields) for n in range(3)])

    pks = bulk.insert_rows(Item, rows)

    stored = {item.key: item for item in Item.objects.filter(source=source)}
    assert pks == [stored[f"raw-{n}"].pk for n in range(3)]
    ignored = {"id", "key", "search_vector"}
    for number in range(3):
        for field in Item._meta.concrete_fields:
            if field.attname not in ignored:
                mine = getattr(stored[f"raw-{number}"], field.attname)
                assert mine == getattr(stored[f"orm-{number}"], field.attname), field.attname
    assert stored["raw-0"].published_at == published
    assert stored["raw-0"].kind == Item._meta.get_field("kind").default  # a column left out: its default
    # The table's own sequence goes on after the rows inserted here.
    assert Item.objects.create(source=source, key="after", published_at=published).pk > max(pks)


def test_insert_rows_links_many_to_many_rows_without_returning_ids():
    source = Source.objects.create(name="Báo mẫu", feed_url="http://127.0.0.1:9/links.xml")
    item = Item.objects.create(source=source, key="k", published_at=datetime(2026, 3, 12, tzinfo=UTC))
    countries = [Country.objects.create(code=code, name_vi=code, name_en=code) for code in ("xa", "xb")]
    links = [{"item_id": item.pk, "country_id": country.pk} for country in countries]

    assert bulk.insert_rows(Item.countries.through, links, returning=False) == []
    assert set(item.countries.all()) == set(countries)
    assert bulk.insert_rows(Item, []) == []


def test_a_pass_lets_go_of_each_source_once_stored(httpserver, loopback, monkeypatch):
    # A finished source's items are freed before the next is stored: a pass's memory does not grow with
    # the number of sources (the 200-feed benchmark's pass held ~140 MB of them at the end before).
    sources = []
    for number in range(4):
        serve(httpserver, rss(items(3, start=10 * number)), path=f"/f{number}.xml")
        sources.append(make_source(httpserver, path=f"/f{number}.xml"))
    stored: list[weakref.ref] = []
    alive_when_storing: list[int] = []
    real_record_pass = pipeline.record_pass

    def record_pass(outcome, *args, **kwargs):
        gc.collect()
        alive_when_storing.append(sum(ref() is not None for ref in stored))
        stored.append(weakref.ref(outcome))
        return real_record_pass(outcome, *args, **kwargs)

    monkeypatch.setattr(pipeline, "record_pass", record_pass)
    assert pipeline.run_pass(sources, workers=2).new == 12
    assert alive_when_storing == [0, 0, 0, 0]


def test_a_pass_keeps_older_objects_out_of_the_collectors_scans_until_it_ends(httpserver, loopback, monkeypatch):
    serve(httpserver, rss(items(2)))
    source = make_source(httpserver)
    frozen_when_storing: list[int] = []
    real_record_pass = pipeline.record_pass

    def record_pass(*args, **kwargs):
        frozen_when_storing.append(gc.get_freeze_count())
        return real_record_pass(*args, **kwargs)

    monkeypatch.setattr(pipeline, "record_pass", record_pass)
    assert gc.get_freeze_count() == 0
    assert pipeline.run_pass([source]).new == 2
    assert frozen_when_storing[0] > 1000  # the test process's modules, Django's among them
    assert gc.get_freeze_count() == 0
