from datetime import UTC, datetime, timedelta

import pytest

from aggregator import normalize
from aggregator.parse import RawEntry

NOW = datetime(2026, 9, 15, 0, 0, tzinfo=UTC)


def entry(**kwargs) -> RawEntry:
    values = {
        "guid": "g1",
        "link": "https://bao.example/a.html",
        "title": "Tiêu đề",
        "summary": "<p>Tóm tắt</p>",
        "content": "",
        "author": "",
        "published": "Mon, 14 Sep 2026 18:44:00 +0700",
        "updated": "",
        "published_parsed_utc": None,
        "image_url": "",
    }
    values.update(kwargs)
    return RawEntry(**values)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://Bao.Example/a.html?utm_source=rss&utm_medium=x&id=3#top",
            "https://bao.example/a.html?id=3",
        ),
        ("HTTPS://bao.example:443/a?fbclid=1", "https://bao.example/a"),
        ("http://bao.example:8080", "http://bao.example:8080/"),
        ("javascript:alert(1)", ""),
        ("/tin/1.html", ""),
        ("", ""),
        # Already canonical but for a fragment or a missing path (read without parsing).
        ("  https://bao.example/a/b.html#top ", "https://bao.example/a/b.html"),
        ("https://bao.example", "https://bao.example/"),
        ("https://bao.example/a#", "https://bao.example/a"),
        # Parsed: parameters, an empty query, an empty host.
        ("https://bao.example/a;p=1", "https://bao.example/a;p=1"),
        ("https://bao.example/a?", "https://bao.example/a"),
        ("https:///a", ""),
        # Hostile: urllib raises ValueError on these; they are not links, and the item is kept.
        ("http://[bad/a", ""),
        ("https://bao.example:99999/a", ""),
    ],
)
def test_canonical_url(url, expected):
    assert normalize.canonical_url(url) == expected


def test_relative_links_resolve_against_the_feed():
    assert normalize.canonical_url("/tin/1.html", "https://bao.example/rss") == "https://bao.example/tin/1.html"
    assert (
        normalize.canonical_url("tin/1.html", "https://bao.example/rss/a.rss") == "https://bao.example/rss/tin/1.html"
    )
    assert normalize.canonical_url("https:///x", "https://bao.example/rss") == "https://bao.example/x"
    assert normalize.canonical_url("http://bao.example/x#y", "https://bao.example/rss") == "http://bao.example/x"


def test_keys_follow_the_policy_and_fall_back():
    link = "https://bao.example/a.html"
    assert normalize.item_key(entry(), "guid", link) == "g:g1"
    assert normalize.item_key(entry(guid=""), "guid", link) == f"l:{link}"
    assert normalize.item_key(entry(), "link", link) == f"l:{link}"
    hashed = normalize.item_key(entry(), "hash", link)
    assert hashed.startswith("h:") and hashed == normalize.item_key(entry(guid="other"), "hash", link)
    assert normalize.item_key(entry(guid="", link=""), "guid", "").startswith("h:")
    long_guid = "x" * 500
    assert len(normalize.item_key(entry(guid=long_guid), "guid", link)) <= 255


def test_identity_switch_above_five_percent():
    good = [entry(guid=f"g{i}", link=f"https://b.example/{i}") for i in range(40)]
    assert normalize.choose_identity("guid", good) == ("guid", "")
    one_bad = good[:39] + [entry(guid="", link="https://b.example/x")]  # 2.5%
    assert normalize.choose_identity("guid", one_bad)[0] == "guid"
    repeated = good[:30] + [entry(guid="same", link=f"https://b.example/r{i}") for i in range(10)]
    policy, note = normalize.choose_identity("guid", repeated)
    assert policy == "link" and "25%" in note
    no_links = [entry(guid="", link="") for _ in range(3)]
    assert normalize.choose_identity("guid", no_links)[0] == "hash"
    assert normalize.choose_identity("link", repeated) == ("link", "")


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("(TTXVN) Hội nghị diễn ra tại Hà Nội.", "TTXVN"),
        ("Hà Nội (TTXVN/Vietnam+) - Sáng nay...", "TTXVN"),
        ("Bài viết dài. Theo TTXVN, hội nghị...", "TTXVN"),
        ("Theo AFP, các bên...", "AFP"),
        ("Nội dung. Nguồn: Báo Nhân Dân", "Báo Nhân Dân"),
        ("Theo đó, các bên thống nhất.", ""),
        ("Theo Bộ trưởng, kinh tế tăng.", ""),
        ("Không có nguồn.", ""),
        ("XTheo TTXVN, hội nghị...", ""),
        ("Bài viết. Nguồn tin: Báo Quốc tế", "Báo Quốc tế"),
        ("Bài viết. Source: VNA", "VNA"),
    ],
)
def test_wire_origin(text, origin):
    assert normalize.wire_origin(text) == origin


def test_dates_text_and_html_are_normalised():
    item = normalize.normalize_entry(
        entry(
            title="Tin &amp;quot;nóng&amp;quot; <b>ASEAN</b>",
            summary='<p onclick="x()">Tóm <script>bad()</script>tắt</p>',
        ),
        policy="guid",
        time_zone="Asia/Ho_Chi_Minh",
        now=NOW,
    )
    assert item.title == 'Tin "nóng" ASEAN'
    assert item.summary == "<p>Tóm tắt</p>"
    assert item.published_at == datetime(2026, 9, 14, 11, 44, tzinfo=UTC) and item.dated


def test_future_dates_are_clamped_and_missing_dates_are_first_seen():
    future = normalize.normalize_entry(
        entry(published="Mon, 14 Sep 2099 18:44:00 +0700"),
        policy="guid",
        time_zone="Asia/Ho_Chi_Minh",
        now=NOW,
    )
    assert future.published_at == NOW
    missing = normalize.normalize_entry(entry(published=""), policy="guid", time_zone="Asia/Ho_Chi_Minh", now=NOW)
    assert missing.published_at == NOW and not missing.dated
    fallback = normalize.normalize_entry(
        entry(published="gibberish", published_parsed_utc=(2026, 9, 1, 1, 2, 3, 0, 0, 0)),
        policy="guid",
        time_zone="Asia/Ho_Chi_Minh",
        now=NOW,
    )
    assert fallback.published_at == NOW - timedelta(days=13, hours=22, minutes=57, seconds=57)


def test_nfd_text_becomes_nfc():
    decomposed = "Vie\u0302\u0323t Nam"  # "Việt Nam" written with combining marks
    item = normalize.normalize_entry(entry(title=decomposed), policy="guid", time_zone="", now=NOW)
    assert item.title == "Việt Nam"


def test_control_characters_and_overlong_links_are_dropped():
    long_link = "https://bao.example/" + "a" * 1200
    item = normalize.normalize_entry(
        entry(guid="g\x001", title="Tin\x00 ASEAN\x07", link=long_link, author="A\x1fB"),
        policy="guid",
        time_zone="",
        now=NOW,
    )
    assert (item.key, item.title, item.author, item.url) == ("g:g1", "Tin ASEAN", "AB", "")
    assert normalize.canonical_url("https://bao.example/a b") == ""
    paragraphs = normalize.normalize_entry(
        entry(summary="<p>Tin\x00 một</p>\n<p>Tin\thai\x0b</p>"), policy="guid", time_zone="", now=NOW
    )
    assert paragraphs.summary == "<p>Tin một</p>\n<p>Tin\thai</p>"


def test_the_wire_is_read_at_the_ends_of_a_text_not_in_quotes_inside_it():
    filler = "Nội dung dài. " * 40
    quoting = filler + "Theo Reuters, giá gạo tăng. " + filler
    assert normalize.wire_origin(quoting) == ""
    assert normalize.wire_origin("(TTXVN) " + quoting) == "TTXVN"
    assert normalize.wire_origin(quoting + " Theo TTXVN") == "TTXVN"


def test_an_entry_of_a_feed_with_a_broken_link_is_kept():
    item = normalize.normalize_entry(
        entry(link="https://bao.example:99999/tin"),
        policy="guid",
        time_zone="Asia/Ho_Chi_Minh",
        now=NOW,
        base_url="http://[bad",
    )
    assert item.url == "" and item.key == "g:g1"


def test_reuse_rights_are_the_models_values():
    from aggregator.models import ReuseRights

    assert {normalize.FULL_TEXT, normalize.EXCERPT, normalize.LINK_ONLY} == set(ReuseRights.values)


def test_as_stored_keeps_what_the_reuse_rights_allow():
    long_lead = "<p>" + "Hợp tác kinh tế ASEAN " * 40 + "</p>"
    item = normalize.normalize_entry(
        entry(summary=long_lead, content="<p>Toàn văn bài báo.</p>"), policy="guid", time_zone="UTC", now=NOW
    )

    full = normalize.as_stored(item, normalize.FULL_TEXT)
    excerpt = normalize.as_stored(item, normalize.EXCERPT)
    link = normalize.as_stored(item, normalize.LINK_ONLY)

    assert (full.summary, full.content) == (item.summary, item.content)
    assert excerpt.content == "" and "<p>" not in excerpt.summary
    cut = excerpt.summary.removesuffix("…")
    assert excerpt.summary.endswith("…") and len(excerpt.summary) <= normalize.EXCERPT_CHARS + 1
    assert item.excerpt.startswith(cut + " ")  # cut between words
    assert (link.summary, link.content) == ("", "")
    # Classification's text is not carried on; what identifies the item is.
    assert all(kept.text == kept.excerpt == "" for kept in (full, excerpt, link))
    assert (excerpt.key, excerpt.content_hash, excerpt.title) == (item.key, item.content_hash, item.title)
