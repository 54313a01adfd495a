"""Parsing: feedparser over the bytes and headers we fetched (never a URL), into plain data."""

from __future__ import annotations

import copy
import functools
import io
import re
import types
from dataclasses import dataclass, field

import feedparser
import feedparser.api
import feedparser.mixin
import feedparser.urls
import feedparser.util


class ParseError(Exception):
    """The document is not a feed, or is broken before its first entry. (A well-formed empty feed is not.)"""


@dataclass(frozen=True)
class RawEntry:
    guid: str
    link: str
    title: str
    summary: str
    content: str
    author: str
    published: str  # the feed's own text: zones are resolved with the source's time zone
    updated: str
    published_parsed_utc: tuple | None  # feedparser's reading, only used when ours fails
    image_url: str


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    link: str
    entries: list[RawEntry] = field(default_factory=list)
    malformed: bool = False
    problem: str = ""


def _image(entry: dict) -> str:
    for media in entry.get("media_content", []) + entry.get("media_thumbnail", []):
        # feedparser's own get(): its "url" is the "href" attribute when there is one.
        if media.get("url") and media.get("medium", "image") == "image":
            return media["url"]
    for link in entry.get("links", []):
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return link.get("href", "")
    return ""


_DECLARED_ENCODING = re.compile(rb"""^(\s*<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""")


def _prefer_utf8(content: bytes, content_type: str) -> tuple[bytes, str]:
    """Bytes that are valid UTF-8 with non-ASCII text are UTF-8, whatever the header or declaration says.

    Outlets declare windows-1258 or ISO-8859-1 over UTF-8 bodies, or no charset at all; decoding by the
    declaration turns Vietnamese into mojibake. A real single-byte Vietnamese text is (practically) never
    valid UTF-8, so this does not misread those.
    """
    body = content[3:] if content.startswith(b"\xef\xbb\xbf") else content
    if body.isascii():
        return content, content_type
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return content, content_type
    body = _DECLARED_ENCODING.sub(rb'\1"utf-8"', body, count=1)
    media = (content_type.split(";", 1)[0].strip() or "application/xml").lower()
    if media in ("text/html", "text/plain"):
        media = "application/xml"
    return body, f"{media}; charset=utf-8"


_SCALARS = (str, int, float, bool, type(None))


class _ContentParams(feedparser.util.FeedParserDict):
    """feedparser's content parameters, read as a plain dict.

    Their keys (type, language, base, base64, mode, src, value) are none of the aliases a FeedParserDict
    maps on every read, so ``dict``'s own methods answer the same, without two Python calls a read
    (some 45 reads an entry).
    """

    get = dict.get
    __getitem__ = dict.__getitem__
    __contains__ = dict.__contains__
    __setitem__ = dict.__setitem__


class _Text(str):
    """An element's text on its way through feedparser's ``pop``, whose last step maps Windows-1252 code points.

    That step (``str.translate`` over the whole text) costs ~30 ns a character on non-ASCII text; the
    characters it maps (U+0080 to U+009F) are absent from nearly every feed, and a search for them is
    ~4 ns a character. Answers a plain ``str``, equal to what the translation gives.
    """

    def translate(self, table):
        text = str(self)
        if table is feedparser.mixin._cp1252 and not _C1_CONTROLS.search(text):
            return text
        return text.translate(table)


_C1_CONTROLS = re.compile("[\x80-\x9f]")


class _StrictFeedParser(feedparser.api.StrictFeedParser):
    """feedparser's strict (well-formed XML) parser, its content parameters kept in a :class:`_ContentParams`."""

    @staticmethod
    def decode_entities(element, data):
        # feedparser's own answers ``data`` unchanged (the strict parser has already decoded entities);
        # it is the step before the Windows-1252 mapping, which :class:`_Text` skips when it has nothing to do.
        return _Text(data)

    def push_content(self, tag, attrs_d, default_content_type, expecting_text):
        super().push_content(tag, attrs_d, default_content_type, expecting_text)
        self.contentparams = _ContentParams(self.contentparams)


def _copy_content_params(value, memo=None):
    """``copy.deepcopy`` for feedparser's content parameters: a plain copy when every value is a scalar.

    feedparser deep-copies a small dict of strings and flags (type, language, base) for each text element
    it stores; the generic deep copy walked it through ``__reduce_ex__`` at some 20 µs a time. The copy is
    a FeedParserDict, as feedparser's own would be.
    """
    if type(value) in _PARAMS_TYPES and all(type(item) in _SCALARS for item in value.values()):
        return feedparser.util.FeedParserDict(value)
    return copy.deepcopy(value, memo)


_PARAMS_TYPES = (feedparser.util.FeedParserDict, _ContentParams)


def _speed_up_feedparser() -> None:
    """Make feedparser cheaper on large feeds, with the same results: five changes to its module globals.

    Measured on the benchmark's farm (125 KB feeds of Vietnamese articles), the first three took a third
    off the digest's CPU time (8.7 s to 5.7 s per 10,000 items), the fourth a further 7-10 %:

    - expat hands text over in small pieces (a piece per line and per ``&lt;`` of escaped HTML), each a
      Python call: the reader named first in ``PREFERRED_XML_PARSERS`` (:mod:`aggregator.xmlreader`)
      has it buffered;
    - every start tag joins the document's base URI with itself (``make_safe_absolute_uri(base, base)``,
      two ``urlparse`` calls): the function is pure, so its answers are remembered;
    - every element's text goes through ``str.translate`` with a dict of the 27 Windows-1252 characters;
      on non-ASCII text CPython raises and catches a ``KeyError`` for every other character. A list of
      the first 8,448 code points (Latin, Vietnamese, punctuation) answers those without one; characters
      past its end are an ``IndexError``, kept as they are, like the dict's misses;
    - the content parameters stored with each text element are deep-copied by the generic
      ``copy.deepcopy``: its ``copy`` module is replaced by one whose ``deepcopy`` copies a dict of
      scalars directly (:func:`_copy_content_params`), and anything else as before;
    - those parameters are read some 45 times an entry, each read two Python calls through
      FeedParserDict's alias map: the strict parser's class is replaced by a subclass that keeps them in
      a :class:`_ContentParams`, read as a plain dict (a further 5-6 %); the same subclass hands each
      element's text to the Windows-1252 step as a :class:`_Text`, which skips the translation when
      there is nothing to translate (the list above still answers texts that have such characters, and
      the loose parser's; ~45 µs of ~220 µs an entry of the farm).

    tests/aggregator/test_parse.py checks that they are in place and that feeds read the same without them.
    """
    if XML_READER not in feedparser.api.PREFERRED_XML_PARSERS:
        feedparser.api.PREFERRED_XML_PARSERS.insert(0, XML_READER)
    mixin = feedparser.mixin
    if isinstance(mixin._cp1252, dict):
        mixin._cp1252 = [mixin._cp1252.get(code, code) for code in range(TRANSLATED_CODE_POINTS)]
    if mixin.make_safe_absolute_uri is feedparser.urls.make_safe_absolute_uri:
        mixin.make_safe_absolute_uri = functools.lru_cache(maxsize=256)(feedparser.urls.make_safe_absolute_uri)
    if mixin.copy is copy:
        mixin.copy = types.SimpleNamespace(deepcopy=_copy_content_params)
    if feedparser.api.StrictFeedParser is not _StrictFeedParser:
        feedparser.api.StrictFeedParser = _StrictFeedParser


XML_READER = "aggregator.xmlreader"
TRANSLATED_CODE_POINTS = 0x2100  # through General Punctuation and Letterlike Symbols
_speed_up_feedparser()


def parse_feed(content: bytes, headers: dict[str, str] | None = None, url: str = "") -> ParsedFeed:
    """Entries of a feed document. Malformed but readable documents come back flagged, not refused."""
    response_headers = {k.lower(): v for k, v in (headers or {}).items() if k.lower() in ("content-type",)}
    content, response_headers["content-type"] = _prefer_utf8(content, response_headers.get("content-type", ""))
    if url:
        # feedparser resolves links, xml:base and permalink guids against it (a guid "12345" in the feed
        # https://x.example/rss/a.rss is https://x.example/rss/12345, and the item's key). It costs a
        # fifth of parsing (a URL join at every element), but without it keys and links would change, and
        # resolving them afterwards would mean redoing feedparser's rules (which guids, which base).
        response_headers["content-location"] = url
    # Always a stream: given bytes or str, feedparser first tries them as a local file name, so a hostile
    # body such as b"/etc/passwd" would be read from disk. sanitize_html and resolve_relative_uris off:
    # sanitize.clean_html is the one allow-list and makes relative URLs absolute, in compiled code.
    result = feedparser.parse(
        io.BytesIO(content), response_headers=response_headers, sanitize_html=False, resolve_relative_uris=False
    )
    entries = []
    for parsed in result.entries:
        # Read from a plain copy: FeedParserDict maps key aliases on every read, and its "updated" falls
        # back to "published" with a warning, 15 µs an entry. "updated" is what the feed wrote, without
        # that fallback (normalize reads "published" first).
        entry = dict(parsed)
        contents = entry.get("content") or []
        entries.append(
            RawEntry(
                guid=str(entry.get("id") or "").strip(),
                link=str(entry.get("link") or "").strip(),
                title=str(entry.get("title") or ""),
                summary=str(entry.get("summary") or ""),
                content=str(contents[0].get("value", "")) if contents else "",
                author=str(entry.get("author") or ""),
                published=str(entry.get("published") or ""),
                updated=str(entry.get("updated") or ""),
                published_parsed_utc=tuple(entry.get("published_parsed") or entry.get("updated_parsed") or ()) or None,
                image_url=_image(entry),
            )
        )
    problem = str(result.get("bozo_exception") or "") if result.get("bozo") else ""
    if not entries and (result.get("bozo") or not result.get("version")):
        # Not a feed (an HTML page, garbage) or broken before its first entry.
        raise ParseError(problem or "the document is not a feed")
    feed = result.get("feed", {})
    return ParsedFeed(
        title=str(feed.get("title") or ""),
        link=str(feed.get("link") or ""),
        entries=entries,
        malformed=bool(result.get("bozo")),
        problem=problem[:500],
    )
