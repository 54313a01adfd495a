"""Search (diacritic-insensitive, ranked, bounded) and the shared filter set, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file

from aggregator.models import Item, ItemKind, ItemStatus
from cms.bootstrap.taxonomy import ensure_taxonomy
from cms.models import Country, Pillar, Topic
from shared import tokens
from shared.filters import SharedItemFilter
from shared.models import Attachment, Reuse, ReuseChannel
from shared.search import MAX_QUERY_LENGTH, capped_count, matching, newest_matches, rank_among, search
from tests.cms.factories import ImageFactory
from tests.shared.factories import ItemFactory, SourceFactory, make_newsroom

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search only")


def keys(queryset) -> list[str]:
    return [item.key for item in queryset]


def found(q: str) -> set[str]:
    return set(keys(search(Item.objects.all(), q)))


# --- Search --------------------------------------------------------------------------------------


@pytest.fixture
def vietnamese_items():
    ItemFactory(key="danang", title="Đà Nẵng đón đội tuyển ASEAN", content="<p>Hợp tác đầu tư.</p>")
    ItemFactory(key="vietnam", title="Kinh tế số", summary="<p>Việt Nam và Lào ký kết.</p>")
    ItemFactory(key="plain", title="Thai Lan mo cua", content="<p>Khong dau: viet nam, da nang.</p>")
    ItemFactory(key="other", title="Thời tiết miền Tây", content="<p>Mưa nhiều.</p>")


@pytest.mark.usefixtures("vietnamese_items")
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("da nang", {"danang", "plain"}),
        ("Đà Nẵng", {"danang", "plain"}),
        ("ĐÀ NẴNG", {"danang", "plain"}),
        ("viet nam", {"vietnam", "plain"}),
        ("Việt Nam", {"vietnam", "plain"}),
        ("doi tuyen", {"danang"}),  # đ folds to d
        ("Đội tuyển", {"danang"}),
        ("dau tu", {"danang"}),  # in the body only
        ("thái lan", {"plain"}),
    ],
)
def test_search_ignores_diacritics_and_case(q, expected):
    assert found(q) == expected


@pytest.mark.usefixtures("vietnamese_items")
def test_every_word_must_match_and_the_last_one_may_be_a_prefix():
    assert found("da nang ha noi") == set()
    assert found("viet na") == {"vietnam", "plain"}  # still typing "nam"
    assert found("vie nam") == set()  # only the last word is a prefix
    assert found("ang") == set()  # words match at their start, not inside ("Nẵng")


def test_search_matches_text_not_html_markup():
    ItemFactory(
        key="html", title="Tin", content='<p><strong>Lào</strong> <a href="https://x.vn/campuchia">link</a></p>'
    )
    assert found("lao") == {"html"}
    assert found("strong") == set()
    assert found("campuchia") == set()


def test_title_hit_ranks_above_lead_hit_above_body_hit_newer_first_among_equals():
    now = timezone.now()
    ItemFactory(key="body", title="Tin", content="<p>" + "Singapore mở cửa. " * 30 + "</p>", published_at=now)
    ItemFactory(key="lead", title="Tin", summary="<p>Singapore</p>", published_at=now)
    ItemFactory(key="title-old", title="Singapore tăng trưởng", published_at=now - timedelta(days=2))
    ItemFactory(key="title-new", title="Singapore mở cửa", published_at=now - timedelta(days=1))
    results = search(Item.objects.all(), "singapore")
    assert keys(results) == ["title-new", "title-old", "lead", "body"]
    ranks = [item.rank for item in results]
    assert ranks[0] == ranks[1] > ranks[2] > ranks[3] > 0


def test_blank_query_returns_the_queryset_untouched():
    ItemFactory.create_batch(2)
    queryset = Item.objects.filter(status=ItemStatus.VISIBLE)
    assert search(queryset, "") is queryset
    assert search(queryset, "   ") is queryset


def test_query_without_words_matches_nothing():
    ItemFactory(title="!!! ??? ...")
    assert list(search(Item.objects.all(), "!!! ?? ...")) == []


def test_very_long_query_is_bounded():
    ItemFactory(key="hit", title="Hợp tác ASEAN")
    long_query = "hop tac " + "x" * 5000
    assert keys(search(Item.objects.all(), long_query)) == []  # the long word itself must match
    many_words = " ".join(["hop", "tac"] * 500)
    assert keys(search(Item.objects.all(), many_words)) == ["hit"]


def test_search_keeps_the_callers_filter():
    ItemFactory(key="visible", title="Lào")
    ItemFactory(key="hidden", title="Lào", status=ItemStatus.FILTERED)
    assert keys(search(Item.objects.filter(status=ItemStatus.VISIBLE), "lao")) == ["visible"]


# --- PostgreSQL: the vector, its trigger and its index ---------------------------------------------


@on_postgresql
def test_trigger_fills_the_vector_on_bulk_create_and_update():
    source = SourceFactory()
    Item.objects.bulk_create(
        [
            Item(
                source=source,
                key="bulk",
                title="Đà Nẵng",
                summary="<p>Cần Thơ</p>",
                content="<p>Hà Nội</p>",
                published_at=timezone.now(),
                content_hash="x",
            )
        ]
    )
    item = Item.objects.get(key="bulk")
    assert item.search_vector == "'can':3B 'da':1A 'ha':5C 'nang':2A 'noi':6C 'tho':4B"
    Item.objects.filter(pk=item.pk).update(title="Phnôm Pênh", content="<p>Đồng Tháp</p>")
    assert found("phnom penh") == {"bulk"}
    assert found("dong thap") == {"bulk"}
    assert found("ha noi") == set()
    # Model.save() writes every column, the vector too: the trigger still has the last word.
    item.refresh_from_db()
    item.title = "Viêng Chăn"
    item.save()
    assert found("vieng chan") == {"bulk"}


def search_index_rows() -> dict[int, tuple]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT item_id, published_at, search_vector FROM aggregator_item_search_index")
        return {item_id: (published_at, vector) for item_id, published_at, vector in cursor.fetchall()}


@on_postgresql
def test_search_table_follows_every_write_and_has_the_gin_index():
    item = ItemFactory(title="Phnôm Pênh", summary="", content="")
    assert search_index_rows() == {item.pk: (item.published_at, "'penh':2A 'phnom':1A")}
    later = item.published_at + timedelta(hours=1)
    Item.objects.filter(pk=item.pk).update(title="Viêng Chăn", published_at=later)
    assert search_index_rows() == {item.pk: (later, "'chan':2A 'vieng':1A")}
    Item.objects.filter(pk=item.pk).update(content="<p>Huế</p>")
    assert search_index_rows() == {item.pk: (later, "'chan':2A 'hue':3C 'vieng':1A")}
    Item.objects.filter(pk=item.pk).update(relevance=3)  # neither the text nor the date: nothing to write
    assert search_index_rows() == {item.pk: (later, "'chan':2A 'hue':3C 'vieng':1A")}
    item.delete()
    assert search_index_rows() == {}

    ItemFactory(title="Huế")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE refuses pending deferred checks
        cursor.execute("TRUNCATE aggregator_item CASCADE")  # what a database flush does
        assert search_index_rows() == {}
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'aggregator_item_search_index'")
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("USING gin (search_vector)" in definition for definition in definitions)


@on_postgresql
def test_decomposed_vietnamese_is_folded_too():
    import unicodedata

    ItemFactory(key="nfd", title=unicodedata.normalize("NFD", "Đồng bằng sông Cửu Long"))
    assert found("cuu long") == {"nfd"}


# --- The filter set ------------------------------------------------------------------------------


def filtered(params: dict, queryset=None) -> list[str]:
    filterset = SharedItemFilter(params, queryset=queryset if queryset is not None else Item.objects.all())
    assert filterset.is_valid(), filterset.errors
    return keys(filterset.qs)


@pytest.fixture
def taxonomy():
    ensure_taxonomy()


@pytest.mark.usefixtures("taxonomy")
def test_filters_by_source_outlet_pillar_topic_country_and_kind():
    vov, nhan_dan = SourceFactory(outlet="VOV"), SourceFactory(outlet="Nhân Dân")
    first = ItemFactory(key="first", source=vov, pillar=Pillar.objects.get(slug="kinh-te"), kind=ItemKind.VIDEO)
    first.topics.add(Topic.objects.get(slug="du-lich"))
    first.countries.add(Country.objects.get(code="la"))
    second = ItemFactory(key="second", source=nhan_dan, pillar=Pillar.objects.get(slug="van-hoa-xa-hoi"))
    second.topics.add(Topic.objects.get(slug="giao-duc"))
    second.countries.add(Country.objects.get(code="th"))

    assert filtered({"source": vov.pk}) == ["first"]
    assert filtered({"outlet": "Nhân Dân"}) == ["second"]
    assert filtered({"outlet": "Nhân"}) == []  # exact outlet name
    assert filtered({"pillar": "kinh-te"}) == ["first"]
    assert filtered({"topic": "giao-duc"}) == ["second"]
    assert filtered({"country": "la"}) == ["first"]
    assert filtered({"kind": "video"}) == ["first"]
    assert filtered({"kind": "article"}) == ["second"]


def test_filters_by_dates_in_the_sites_time_zone():
    zone = timezone.get_current_timezone()
    ItemFactory(key="march-1-late", published_at=datetime(2026, 3, 1, 23, 30, tzinfo=zone))
    ItemFactory(key="march-2-early", published_at=datetime(2026, 3, 2, 0, 30, tzinfo=zone))
    ItemFactory(key="march-3", published_at=datetime(2026, 3, 3, 12, 0, tzinfo=zone))

    assert filtered({"date_from": "2026-03-02"}) == ["march-3", "march-2-early"]
    assert filtered({"date_to": "2026-03-01"}) == ["march-1-late"]
    assert filtered({"date_from": "2026-03-02", "date_to": "2026-03-02"}) == ["march-2-early"]
    assert filtered({"since": "2026-03-02"}) == ["march-3", "march-2-early"]
    assert filtered({"since": "2026-03-01T23:00:00+07:00"}) == ["march-3", "march-2-early", "march-1-late"]
    assert filtered({"since": "2026-03-01T17:00:00Z"}) == ["march-3", "march-2-early"]  # 00:00 in Vietnam


def test_has_image_counts_a_wagtail_image_an_image_url_or_a_photo_attachment():
    ItemFactory(key="wagtail-image", image=ImageFactory(file=get_test_image_file()))
    ItemFactory(key="image-url", image_url="https://outlet.example/anh.jpg")
    Attachment.objects.create(item=ItemFactory(key="photo"), kind=ItemKind.PHOTO, url="https://x.example/a.jpg")
    Attachment.objects.create(item=ItemFactory(key="document"), kind=ItemKind.DOCUMENT, url="https://x.example/a.pdf")
    ItemFactory(key="bare")

    assert set(filtered({"has_image": "true"})) == {"wagtail-image", "image-url", "photo"}
    assert set(filtered({"has_image": "false"})) == {"document", "bare"}


def test_used_means_recorded_in_the_reuse_ledger():
    used_item = ItemFactory(key="used")
    Reuse.objects.create(item=used_item, channel=ReuseChannel.NEWSPAPER)
    Reuse.objects.create(item=used_item, channel=ReuseChannel.BROADCAST)
    ItemFactory(key="unused")

    assert filtered({"used": "true"}) == ["used"]  # once, though used twice
    assert filtered({"used": "false"}) == ["unused"]


def test_sort_defaults_to_relevance_when_searching_and_newest_otherwise():
    now = timezone.now()
    ItemFactory(key="body-new", title="Tin", content="<p>Brunei</p>", published_at=now)
    ItemFactory(key="title-old", title="Brunei", published_at=now - timedelta(days=3))
    ItemFactory(key="unrelated", title="Tin khác", published_at=now - timedelta(days=1))

    assert filtered({"q": "brunei"}) == ["title-old", "body-new"]
    assert filtered({"q": "brunei", "sort": "newest"}) == ["body-new", "title-old"]
    assert filtered({"q": "brunei", "sort": "oldest"}) == ["title-old", "body-new"]
    assert filtered({}) == ["body-new", "unrelated", "title-old"]
    assert filtered({"sort": "oldest"}) == ["title-old", "unrelated", "body-new"]
    assert filtered({"sort": "relevance"}) == ["body-new", "unrelated", "title-old"]  # nothing to rank by


def test_filters_combine_with_the_search_and_the_callers_queryset():
    source = SourceFactory(outlet="VOV")
    ItemFactory(key="match", source=source, title="Campuchia", kind=ItemKind.PHOTO)
    ItemFactory(key="other-kind", source=source, title="Campuchia")
    ItemFactory(key="hidden", source=source, title="Campuchia", kind=ItemKind.PHOTO, status=ItemStatus.FILTERED)

    visible = Item.objects.filter(status=ItemStatus.VISIBLE)
    assert filtered({"q": "campuchia", "kind": "photo", "outlet": "VOV"}, visible) == ["match"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x" * (MAX_QUERY_LENGTH + 1)}, "q"),
        ({"q": "!!! ?"}, "q"),
        ({"source": "999999"}, "source"),
        ({"source": "abc"}, "source"),
        ({"pillar": "no-such-pillar"}, "pillar"),
        ({"topic": "no-such-topic"}, "topic"),
        ({"country": "zz"}, "country"),
        ({"kind": "podcast"}, "kind"),
        ({"since": "yesterday"}, "since"),
        ({"date_from": "2026-02-30"}, "date_from"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to"),
        ({"has_image": "maybe"}, "has_image"),
        ({"used": "1"}, "used"),
        ({"sort": "popular"}, "sort"),
    ],
)
def test_invalid_values_make_the_filter_set_invalid(params, field):
    filterset = SharedItemFilter(params, queryset=Item.objects.all())
    assert not filterset.is_valid()
    assert list(filterset.errors) == [field]


# --- Bounded ranking and capped counts (bench/shared_search_bench.py) -------------------------------


def rank_newest(queryset, narrowed, q: str, limit: int):
    return rank_among(queryset, newest_matches(narrowed, q, limit=limit), q)


def test_rank_newest_ranks_only_the_newest_matches_of_the_filtered_queryset():
    now = timezone.now()
    ItemFactory(key="old-title", title="Brunei mở cửa", published_at=now - timedelta(days=9))
    ItemFactory(key="body", title="Tin", content="<p>Brunei</p>", published_at=now - timedelta(days=1))
    ItemFactory(key="lead", title="Tin", summary="<p>Brunei</p>", published_at=now - timedelta(days=2))
    ItemFactory(key="newest-photo", title="Brunei", kind=ItemKind.PHOTO, published_at=now)
    ItemFactory(key="other-word", title="Lào", published_at=now)
    queryset = Item.objects.all()
    articles = queryset.filter(kind=ItemKind.ARTICLE)

    # The window is taken after every filter: the photo is not in it, the old title hit falls out of it.
    assert keys(rank_newest(queryset, articles, "brunei", limit=2)) == ["lead", "body"]
    assert keys(rank_newest(queryset, articles, "brunei", limit=3)) == ["old-title", "lead", "body"]
    assert keys(rank_newest(queryset, articles, "campuchia", limit=3)) == []


@pytest.mark.parametrize("photos", [3, 10])
def test_rank_newest_walks_past_matches_the_filters_remove(photos):
    # On PostgreSQL the newest matches are walked in chunks (twice the limit first): with 3 photos the
    # walk goes on past them; with 10, the filter admits too few of the first chunk and the matches it
    # admits are read at once. The same answer either way, and on SQLite.
    now = timezone.now()
    for number in range(photos):
        ItemFactory(title=f"Brunei ảnh {number}", kind=ItemKind.PHOTO, published_at=now - timedelta(hours=number))
    ItemFactory(key="article", title="Brunei", published_at=now - timedelta(days=1))
    ItemFactory(key="older-article", title="Brunei", published_at=now - timedelta(days=2))
    ItemFactory(key="oldest-article", title="Brunei", published_at=now - timedelta(days=3))
    queryset = Item.objects.all()
    articles = queryset.filter(kind=ItemKind.ARTICLE)

    assert newest_matches(articles, "brunei", limit=1) == [Item.objects.get(key="article").pk]
    assert keys(rank_newest(queryset, articles, "brunei", limit=2)) == ["article", "older-article"]
    assert keys(rank_newest(queryset, articles, "brunei", limit=5)) == ["article", "older-article", "oldest-article"]


def test_the_filter_set_searches_within_its_dates():
    now = timezone.now()
    for day in range(5):
        ItemFactory(key=f"day-{day}", title="Campuchia", published_at=now - timedelta(days=day))
    today = timezone.localdate(now)
    between = {"q": "campuchia", "date_from": str(today - timedelta(days=3)), "date_to": str(today - timedelta(days=1))}
    assert filtered(between) == ["day-1", "day-2", "day-3"]
    since = {"since": (now - timedelta(days=1, hours=1)).isoformat(), "date_from": str(today - timedelta(days=3))}
    assert filtered({"q": "campuchia", **since}) == ["day-0", "day-1"]
    filterset = SharedItemFilter(between, queryset=Item.objects.all())
    assert filterset.is_valid()
    assert filterset.count_matches() == (3, True)


def test_whole_words_unless_asked_for_a_prefix():
    ItemFactory(key="vietnam", title="Việt Nam và Lào")
    assert keys(matching(Item.objects.all(), "viet na")) == ["vietnam"]
    assert keys(matching(Item.objects.all(), "viet na", prefix=False)) == []
    assert keys(matching(Item.objects.all(), "Việt Nam", prefix=False)) == ["vietnam"]
    assert filtered({"q": "viet na"}) == []  # the filter set (admin filters, API, saved searches): whole words
    assert filtered({"q": "viet nam"}) == ["vietnam"]


def test_capped_count_stops_at_the_cap():
    ItemFactory.create_batch(3, title="Lào")
    assert capped_count(Item.objects.all(), cap=2) == (2, False)
    assert capped_count(Item.objects.all(), cap=3) == (3, True)
    assert capped_count(matching(Item.objects.all(), "campuchia"), cap=3) == (0, True)


def test_the_filter_set_counts_every_match_whatever_the_sort(monkeypatch):
    for module in ("shared.search", "shared.filters"):
        monkeypatch.setattr(f"{module}.RANKED_MATCHES", 2)
        monkeypatch.setattr(f"{module}.COUNT_CAP", 2)
    now = timezone.now()
    for day in range(3):
        ItemFactory(key=f"day-{day}", title="Campuchia", published_at=now - timedelta(days=day))
    ItemFactory(key="other", title="Lào", published_at=now)

    relevance = SharedItemFilter({"q": "campuchia"}, queryset=Item.objects.all())
    assert relevance.is_valid()
    assert keys(relevance.qs) == ["day-0", "day-1"]  # the newest RANKED_MATCHES, ranked
    assert relevance.count_matches() == (2, False)  # more than COUNT_CAP match
    assert relevance.count_matches(cap=5) == (3, True)
    newest = SharedItemFilter({"q": "campuchia", "sort": "newest"}, queryset=Item.objects.all())
    assert newest.is_valid()
    assert keys(newest.qs) == ["day-0", "day-1", "day-2"]  # sorted by date: every match


def test_api_marks_a_capped_count_and_pages_on(client, monkeypatch):
    for module in ("shared.search", "shared.filters"):
        monkeypatch.setattr(f"{module}.COUNT_CAP", 2)
    headers = {"Authorization": f"Bearer {tokens.issue(make_newsroom(), 'test').key}"}
    now = timezone.now()
    for day in range(3):
        ItemFactory(title="Campuchia", published_at=now - timedelta(days=day))

    first = client.get("/api/shared/v1/items/", {"sort": "newest", "page_size": 2}, headers=headers).json()
    assert first["count"] == 2 and first["count_capped"] is True
    assert "page=2" in first["next"]
    last = client.get("/api/shared/v1/items/", {"sort": "newest", "page_size": 2, "page": 2}, headers=headers).json()
    assert len(last["results"]) == 1 and last["next"] is None
    exact = client.get("/api/shared/v1/items/", {"q": "campuchia lao"}, headers=headers).json()
    assert exact == {"count": 0, "next": None, "results": []}  # no count_capped key when the count is exact


@on_postgresql
def test_vector_is_kept_in_the_row_not_in_toast():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute "
            "WHERE attrelid = 'aggregator_item'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)  # STORAGE MAIN: migration aggregator/0005
