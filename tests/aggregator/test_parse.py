import copy
import html
import io
import xml.sax
import xml.sax.handler

import feedparser.api
import feedparser.html
import feedparser.mixin
import feedparser.urls
import pytest
from feedparser.util import FeedParserDict

from aggregator.parse import ParseError, _ContentParams, _copy_content_params, _StrictFeedParser, _Text, parse_feed
from aggregator.xmlreader import BufferedExpatReader

from .feeds import item, items, rss

VIETNAMESE = "Hội nghị Bộ trưởng Kinh tế ASEAN tại Đà Nẵng"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>t</title>
<item><title>ASEAN &lol9;</title><guid>a</guid></item></channel></rss>"""


def test_well_formed_feed():
    feed = parse_feed(rss(items(3)), {"Content-Type": "application/rss+xml"})
    assert len(feed.entries) == 3 and not feed.malformed
    assert feed.entries[0].guid == "tin-1"
    assert feed.entries[0].published == "Mon, 02 Sep 2025 08:00:00 +0700"
    assert feed.entries[0].updated == ""  # what the feed wrote: feedparser's own reading falls back to pubDate


def test_billion_laughs_is_not_expanded():
    feed = parse_feed(BILLION_LAUGHS)
    assert all(len(entry.title) < 100 for entry in feed.entries)
    assert feed.malformed


@pytest.mark.parametrize(
    ("declared", "content_type"),
    [
        ("windows-1258", "application/rss+xml"),  # declaration lies
        ("utf-8", "text/xml; charset=iso-8859-1"),  # header lies
        (None, "text/html"),  # nothing declared
        (None, ""),
    ],
)
def test_wrong_or_absent_charset_keeps_vietnamese(declared, content_type):
    head = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    body = (head + f"<rss version='2.0'><channel><title>x</title>{item(1, VIETNAMESE)}</channel></rss>").encode()
    feed = parse_feed(body, {"Content-Type": content_type})
    assert feed.entries[0].title == VIETNAMESE


def test_real_single_byte_encoding_is_still_read():
    body = rss(item(1, "Café à Paris", body="Le café"), encoding="iso-8859-1", title="Paris")
    assert parse_feed(body, {"Content-Type": "application/rss+xml"}).entries[0].title == "Café à Paris"


def test_invalid_xml_with_entries_is_flagged_not_refused():
    body = rss(items(2)).replace(b"</channel>", b"<oops & broken></channel>")
    feed = parse_feed(body)
    assert feed.malformed and feed.problem
    assert len(feed.entries) == 2


def test_empty_feed_is_not_an_error():
    feed = parse_feed(rss(""))
    assert feed.entries == [] and not feed.malformed


@pytest.mark.parametrize("body", [b"", "<html><body><p>Trang lỗi</p></body></html>".encode(), b"\x00\x01garbage"])
def test_not_a_feed_is_an_error(body):
    with pytest.raises(ParseError):
        parse_feed(body)


def test_atom_and_media_image():
    body = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>a</title>
<entry><title>ASEAN</title><id>urn:1</id><link href="https://x.example/1"/>
<updated>2025-09-14T18:44:00+07:00</updated><content type="html">&lt;p&gt;Body&lt;/p&gt;</content>
<media:content url="https://x.example/a.jpg" medium="image"/></entry></feed>"""
    entry = parse_feed(body).entries[0]
    assert (entry.guid, entry.link, entry.content) == ("urn:1", "https://x.example/1", "<p>Body</p>")
    assert (entry.published, entry.updated) == ("", "2025-09-14T18:44:00+07:00")
    assert entry.image_url == "https://x.example/a.jpg"


def test_relative_links_and_permalink_guids_resolve_against_the_feed_url():
    body = rss(item(1, guid=None).replace("https://bao-thu.example/tin-1.html?utm_source=rss#top", "tin-1.html"))
    body = body.replace(b"</item>", b"<guid>12345</guid></item>", 1)
    entry = parse_feed(body, {}, "https://bao-thu.example/rss/tin.rss").entries[0]
    assert (entry.link, entry.guid) == ("https://bao-thu.example/rss/tin-1.html", "https://bao-thu.example/rss/12345")


def test_a_body_naming_a_local_file_is_not_read(tmp_path):
    local = tmp_path / "secret.xml"
    local.write_bytes(rss(items(1)))
    with pytest.raises(ParseError):
        parse_feed(str(local).encode())


# --- feedparser, made cheaper (aggregator/parse.py _speed_up_feedparser) --------------------------------


def _escaped_item(n: int) -> str:
    # Escaped HTML (not CDATA), a relative link, a permalink guid and a C1 control character that
    # feedparser maps as Windows-1252 (\x93 \x94: quotation marks).
    paragraph = html.escape(f"<p>Đoạn <b>{n}</b> về {VIETNAMESE}… \x93Lào\x94</p>\n")
    return (
        f"<item><title>Tin {VIETNAMESE} số {n} &amp; “Lào”</title><link>tin/bai-{n}.html</link>"
        f'<guid isPermaLink="true">bai-{n}</guid><pubDate>Mon, 0{n} Sep 2025 08:00:00 +0700</pubDate>'
        f"<description>{paragraph * 30}</description></item>"
    )


ESCAPED_HTML_FEED = rss("".join(_escaped_item(n) for n in range(1, 4))).replace(
    b"<channel>", b'<channel xml:base="https://bao.example.vn/chuyen-muc/">', 1
)


def _parsed_with_feedparsers_own_parts(monkeypatch, body: bytes, url: str):
    monkeypatch.setattr(feedparser.api, "PREFERRED_XML_PARSERS", [])
    monkeypatch.setattr(feedparser.mixin, "_cp1252", feedparser.html._cp1252)
    monkeypatch.setattr(feedparser.mixin, "make_safe_absolute_uri", feedparser.urls.make_safe_absolute_uri)
    monkeypatch.setattr(feedparser.mixin, "copy", copy)
    monkeypatch.setattr(feedparser.api, "StrictFeedParser", FEEDPARSERS_STRICT_PARSER)
    return parse_feed(body, {"Content-Type": "application/rss+xml"}, url)


FEEDPARSERS_STRICT_PARSER = _StrictFeedParser.__bases__[0]

# Every kind of Atom content parameters: text, html, xhtml (a div dropped, two kept), base64, xml:lang
# and xml:base on the elements.
ATOM_CONTENT_KINDS = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi" xml:base="https://bao.example.vn/">
<title type="text">Thế giới</title><subtitle type="html">&lt;b&gt;ASEAN&lt;/b&gt;</subtitle>
<entry><id>urn:a</id><title type="html">{VIETNAMESE} &amp;amp; Lào</title><updated>2026-09-14T11:44:00Z</updated>
<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Tóm <b>tắt</b></p></div></summary>
<content type="html" xml:lang="en" xml:base="tin/">&lt;p&gt;&lt;a href="bai.html"&gt;đọc&lt;/a&gt;&lt;/p&gt;</content>
<rights type="text">© Báo</rights></entry>
<entry><id>urn:b</id><title>{VIETNAMESE}</title><updated>2026-09-14T12:44:00Z</updated>
<content type="application/octet-stream">SMOhaSBuZ2jhu4sgQVNFQU4=</content>
<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">một</div><div xmlns="http://www.w3.org/1999/xhtml">hai</div></summary>
</entry></feed>""".encode()


@pytest.mark.parametrize(
    "body",
    [ESCAPED_HTML_FEED, rss(items(3)), BILLION_LAUGHS, b"<rss><channel><item><title>a &bad; b</item></rss>"],
    ids=["escaped-html", "plain", "billion-laughs", "invalid-xml"],
)
def test_feedparser_made_cheaper_reads_feeds_as_feedparser_does(monkeypatch, body):
    url = "https://bao.example.vn/rss/tin.rss"
    ours = parse_feed(body, {"Content-Type": "application/rss+xml"}, url)
    assert ours == _parsed_with_feedparsers_own_parts(monkeypatch, body, url)


@pytest.mark.parametrize(
    ("body", "types"),
    [
        (ATOM_CONTENT_KINDS, {"text/html", "text/plain", "application/xhtml+xml"}),
        (ESCAPED_HTML_FEED, {"text/html", "text/plain"}),
    ],
    ids=["atom-content-kinds", "escaped-html"],
)
def test_feedparser_content_parameters_read_as_a_dict_give_feedparsers_own_result(monkeypatch, body, types):
    def everything(result):  # feedparser's whole answer, its FeedParserDicts as plain data
        return [{key: entry[key] for key in entry} for entry in result.entries], dict(result.feed)

    ours = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
    monkeypatch.setattr(feedparser.api, "StrictFeedParser", FEEDPARSERS_STRICT_PARSER)
    theirs = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
    assert not ours.bozo and len(ours.entries) == len(theirs.entries) > 1
    assert everything(ours) == everything(theirs)
    details = [entry[name] for entry in ours.entries for name in ("summary_detail", "title_detail")]
    assert {detail["type"] for detail in details} == types
    assert all(type(detail) is FeedParserDict for detail in details)  # as feedparser's own copies


def test_feedparser_made_cheaper_is_in_place():
    # A feedparser upgrade that renames what parse.py replaces fails here, not silently in production speed.
    assert feedparser.api.StrictFeedParser is _StrictFeedParser
    parser = _StrictFeedParser("", "", "utf-8")
    parser.push_content("summary", {"type": "html"}, "text/plain", True)
    assert type(parser.contentparams) is _ContentParams and parser.contentparams["type"] == "text/html"
    reader = xml.sax.make_parser(feedparser.api.PREFERRED_XML_PARSERS)  # noqa: S317 (parses nothing)
    assert isinstance(reader, BufferedExpatReader)
    feedparser.mixin.make_safe_absolute_uri.cache_clear()
    assert parse_feed(ESCAPED_HTML_FEED, url="https://bao.example.vn/rss/tin.rss").entries[0].summary.count("<p>") == 30
    assert feedparser.mixin.make_safe_absolute_uri.cache_info().hits > 10  # a start tag each


def test_feedparser_content_parameters_are_copied_as_a_deep_copy_would():
    assert feedparser.mixin.copy.deepcopy is _copy_content_params
    flat = FeedParserDict(type="text/html", language=None, base="https://bao.example.vn/", base64=False)
    copied = _copy_content_params(flat)
    assert copied == copy.deepcopy(flat) and copied is not flat and type(copied) is FeedParserDict
    nested = FeedParserDict(type="text/html", links=[{"href": "a"}])
    copied = _copy_content_params(nested)
    assert copied == nested and copied["links"][0] is not nested["links"][0]  # deep, as before


def test_feedparser_windows_1252_table_translates_as_its_dict():
    every_character = "".join(map(chr, range(0x3000))) + "\U0001f600"
    assert every_character.translate(feedparser.mixin._cp1252) == every_character.translate(feedparser.html._cp1252)
    assert "\x80\x93\x9f".translate(feedparser.mixin._cp1252) == "\u20ac\u201c\u0178"  # € “ Ÿ


def test_text_skips_the_windows_1252_step_only_when_it_has_nothing_to_map():
    assert type(_StrictFeedParser.decode_entities("title", "Lào")) is _Text
    for text in ("", "ASCII", VIETNAMESE, "giá \x80 5 \x93Lào\x94 \x9f", "\x81\x8d\x8f\x90\x9d"):
        translated = _Text(text).translate(feedparser.mixin._cp1252)
        assert translated == text.translate(feedparser.html._cp1252) and type(translated) is str
    assert _Text("\x93a\x94").translate({0x93: "<", 0x94: ">"}) == "<a>"  # another table: as str's own


def test_buffered_reader_gives_text_in_one_piece():
    pieces: list[str] = []

    class Handler(xml.sax.handler.ContentHandler):
        def characters(self, content):
            pieces.append(content)

    reader = BufferedExpatReader()
    reader.setContentHandler(Handler())
    reader.parse(io.BytesIO(b"<a>one &lt;p&gt; two\nthree &amp; four</a>"))
    assert pieces == ["one <p> two\nthree & four"]
