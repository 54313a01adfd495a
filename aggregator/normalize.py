"""Normalising parsed entries: canonical links, stable keys, UTC dates, clean text, wire origin."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlparse, urlsplit, urlunsplit

from cms.text import fold

from .dates import parse_date
from .parse import RawEntry
from .sanitize import clean_html, text_of_clean_html, to_text

TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "zarsrc", "igshid", "mc_cid", "mc_eid"}
IDENTITY_THRESHOLD = 0.05  # more than 5% of guids missing or repeated: the guid is not an identity

# "Theo TTXVN", "(TTXVN)", "Nguồn: Reuters", "TTXVN/VNA", "Source: VNA". Each pattern comes with words
# one of which a text must contain, found faster than the pattern runs. A word's start is checked by a
# look-behind after the word ("Theo(?<!\wTheo)" is "\bTheo"): a pattern that begins with a letter lets
# the regex engine skip to the places that letter occurs instead of trying every position.
_WIRES = r"TTXVN|VNA|AFP|Reuters|AP|Xinhua|Bernama|Antara|Kyodo|Yonhap|AFP/TTXVN|Reuters/TTXVN"
_WIRE_PATTERNS = [
    (("(",), re.compile(rf"\(({_WIRES})(?:/[^)]{{0,40}})?\)")),
    (
        ("Theo", "According to"),
        re.compile(rf"(?:Theo(?<!\wTheo)|According to(?<!\wAccording to))\s+((?:{_WIRES})\b|[A-ZĐ]{{2,10}}\b)"),
    ),
    (
        ("Nguồn", "Source"),
        re.compile(r"(?:Nguồn(?<!\wNguồn)|Nguồn tin(?<!\wNguồn tin)|Source(?<!\wSource))\s*:\s*([^\n.;,()]{2,60})"),
    ),
]


@dataclass(frozen=True)
class NormalizedItem:
    key: str
    guid: str
    url: str
    title: str
    summary: str  # sanitised HTML
    content: str  # sanitised HTML
    text: str  # plain text of title + summary + content, for classification
    excerpt: str  # plain text of the summary (else the content): what an excerpt is cut from
    author: str
    published_at: datetime
    content_hash: str
    original_source: str
    image_url: str
    dated: bool  # False: the feed gave no usable date and published_at is the first-seen time


MAX_URL = 1000  # the length of the URL columns
_SPACE = re.compile(r"\s")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_control(text: str) -> str:
    """``text`` without NUL and other control characters (PostgreSQL refuses NUL in text)."""
    return _CONTROL.sub("", text or "")


def _has_control(text: str) -> bool:
    # Control characters are not printable, and isprintable() reads a text several times faster than a
    # regular expression: only a text with other unprintable characters (no-break spaces...) is searched.
    printable = text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable()
    return not printable and _CONTROL.search(text) is not None


# An absolute URL already in canonical form but for a fragment: lower-case http(s) scheme and host, no
# port, user, query or parameters. Joining it to a base and rebuilding it gives it back unchanged.
_PLAIN_URL = re.compile(r"(https?://[a-z0-9.-]+)(/[^?#;\s]*)?(?:#\S*)?")


@lru_cache(maxsize=256)
def _can_be_base(base: str) -> bool:
    """Whether urljoin accepts ``base`` (it raises on a malformed host, e.g. an unclosed "[")."""
    try:
        urlparse(base)
    except ValueError:
        return False
    return True


def canonical_url(url: str, base: str = "") -> str:
    """Absolute http(s) URL without fragment and tracking parameters; '' for anything else or too long."""
    url = clean_control(url)
    if not url or len(url) > 4 * MAX_URL:
        return ""
    url = url.strip()
    plain = _PLAIN_URL.fullmatch(url)
    if plain and (not base or _can_be_base(base)):  # most links: no parsing and rebuilding
        result = plain.group(1) + (plain.group(2) or "/")
        return result if len(result) <= MAX_URL else ""
    try:  # a hostile feed's "http://[bad" or port 99999 raises ValueError in urllib: not a link
        url = urljoin(base, url) if base else url
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return ""
        query = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
        ]
        netloc = parts.hostname.lower()
        if parts.port and not (
            (parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https" and parts.port == 443)
        ):
            netloc += f":{parts.port}"
        result = urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))
    except ValueError:
        return ""
    return result if len(result) <= MAX_URL and not _SPACE.search(result) else ""


def _short(prefix: str, value: str) -> str:
    key = f"{prefix}:{value}"
    if len(key) <= 200:
        return key
    return f"{prefix}#" + hashlib.sha256(value.encode()).hexdigest()


def content_key(title: str, published: str, link: str) -> str:
    return hashlib.sha256(f"{fold(title)}|{published}|{link}".encode()).hexdigest()


def item_key(entry: RawEntry, policy: str, link: str) -> str:
    """The stable identity of an entry under ``policy`` (guid, link or hash), falling back in that order."""
    if policy == "guid" and entry.guid:
        return _short("g", entry.guid)
    if policy in ("guid", "link") and link:
        return _short("l", link)
    return "h:" + content_key(to_text(entry.title), entry.published or entry.updated, link)


def guid_problem_ratio(entries: list[RawEntry]) -> float:
    """Share of entries whose guid is missing or shared with another entry of the same document."""
    if not entries:
        return 0.0
    counts = Counter(e.guid for e in entries if e.guid)
    bad = sum(1 for e in entries if not e.guid or counts[e.guid] > 1)
    return bad / len(entries)


def choose_identity(policy: str, entries: list[RawEntry]) -> tuple[str, str]:
    """(policy, note): switch away from guids when they are not a usable identity; '' note if unchanged."""
    if policy != "guid":
        return policy, ""
    ratio = guid_problem_ratio(entries)
    if ratio <= IDENTITY_THRESHOLD:
        return policy, ""
    links = [e.link for e in entries if e.link]
    new = "link" if len(links) == len(entries) and len(set(links)) == len(links) else "hash"
    return new, f"{ratio:.0%} of guids missing or repeated: switched to {new} identity"


WIRE_WINDOW = 400  # characters at each end of a text where outlets name the wire


def wire_origin(text: str) -> str:
    """The wire service or original outlet named in the text ("Theo TTXVN" → "TTXVN"), or ''.

    Only the beginning and the end are read: the attribution opens ("(TTXVN) ...") or closes ("Theo
    TTXVN") an article, while "theo Reuters" in the middle quotes a source.
    """
    text = text or ""
    if len(text) > 2 * WIRE_WINDOW:
        text = f"{text[:WIRE_WINDOW]}\n{text[-WIRE_WINDOW:]}"
    for words, pattern in _WIRE_PATTERNS:
        match = any(word in text for word in words) and pattern.search(text)
        if match:
            return match.group(1).strip()[:200]
    return ""


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


_TEXT_FIELDS = ("guid", "link", "title", "summary", "content", "author", "published", "updated", "image_url")


def normalize_entry(
    entry: RawEntry, *, policy: str, time_zone: str, now: datetime, base_url: str = ""
) -> NormalizedItem:
    if _has_control("".join([getattr(entry, name) for name in _TEXT_FIELDS])):
        entry = replace(entry, **{name: clean_control(getattr(entry, name)) for name in _TEXT_FIELDS})
    link = canonical_url(entry.link, base_url) or canonical_url(entry.guid if "://" in entry.guid else "")
    title = unicodedata.normalize("NFC", to_text(entry.title))[:500] or link or "(untitled)"
    summary = unicodedata.normalize("NFC", clean_html(entry.summary, base_url))
    content = unicodedata.normalize("NFC", clean_html(entry.content, base_url))
    if content == summary:
        content = ""
    published = parse_date(entry.published, time_zone) or parse_date(entry.updated, time_zone)
    if published is None and entry.published_parsed_utc:
        published = datetime(*entry.published_parsed_utc[:6], tzinfo=UTC)
    dated = published is not None
    if published is None or published > now:
        published = now  # missing date: first seen; future date: clamped to the fetch time
    body_text = text_of_clean_html(content or summary)
    excerpt = text_of_clean_html(summary) if content and summary else body_text
    return NormalizedItem(
        key=item_key(entry, policy, link),
        guid=entry.guid[:1000],
        url=link,
        title=title,
        summary=summary,
        content=content,
        text=f"{title}\n{body_text}",
        excerpt=excerpt,
        author=to_text(entry.author)[:200],
        published_at=published,
        content_hash=_hash(title, summary, content, link),
        original_source=wire_origin(body_text) or wire_origin(title),
        image_url=canonical_url(entry.image_url, link),
        dated=dated,
    )


# Reuse rights (``models.ReuseRights``, as plain strings: workers do not import models).
FULL_TEXT, EXCERPT, LINK_ONLY = "full", "excerpt", "link"
EXCERPT_CHARS = 400


def as_stored(item: NormalizedItem, reuse_rights: str) -> NormalizedItem:
    """``item`` with the summary and content its outlet's reuse rights let us keep, and nothing else.

    Link only: neither. Excerpt: the plain-text excerpt, cut at a word before ``EXCERPT_CHARS``.
    The text kept for classification and for cutting the excerpt is dropped: a pass sends thousands of
    items from the worker processes, and these were most of their size.
    """
    summary, content = item.summary, item.content
    if reuse_rights == LINK_ONLY:
        summary, content = "", ""
    elif reuse_rights == EXCERPT:
        summary, content = item.excerpt, ""
        if len(summary) > EXCERPT_CHARS:
            summary = summary[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
    return replace(item, summary=summary, content=content, text="", excerpt="")
