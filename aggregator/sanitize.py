"""The one HTML allow-list: everything from a feed or an article page passes here before it is stored.

Every item passes here, so the ``nh3.Cleaner`` objects (ammonia's settings, which ``nh3.clean`` builds
again on every call, half its time on a summary) are made once: one for plain text, one per base URL
that relative links are resolved against (a feed's).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3

from cms.text import single_spaced

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_CLEAN_TAG = re.compile(r'<(?:[^>"]|"[^"]*")*>')
_TAG_LIKE = re.compile(r"<[a-zA-Z/!?]")


def clean_html(value: str, base_url: str | None = None) -> str:
    """Sanitised HTML: allowed tags only, no script/style content, no event handlers, http(s) URLs only.

    Relative links and image sources are made absolute against ``base_url`` (the feed or the article
    page): on our pages they would point at our own site.
    """
    if not value:
        return ""
    absolute_base = base_url if base_url and base_url.startswith(("http://", "https://")) else None
    return _html_cleaner(absolute_base).clean(value).strip()


@lru_cache(maxsize=256)
def _html_cleaner(absolute_base: str | None) -> nh3.Cleaner:
    options = {
        "tags": ALLOWED_TAGS,
        "attributes": ALLOWED_ATTRIBUTES,
        "url_schemes": URL_SCHEMES,
        "link_rel": "noopener noreferrer nofollow",
        "strip_comments": True,
    }
    if absolute_base:
        try:
            return nh3.Cleaner(**options, url_relative=("rewrite_with_base", absolute_base))
        except ValueError:  # a hostile feed's link such as "http://[bad" is no base: as if there were none
            pass
    return nh3.Cleaner(**options)


_TEXT_CLEANER = nh3.Cleaner(tags=set(), attributes={})  # no tag survives; script and style lose their text


def to_text(value: str) -> str:
    """Plain text of an HTML or text fragment, entities decoded, white space collapsed."""
    if not value:
        return ""
    return _decoded_text(_TEXT_CLEANER.clean(value))


def text_of_clean_html(value: str) -> str:
    """Plain text of HTML that :func:`clean_html` produced, without parsing it again.

    Its output is well-formed with attribute values double-quoted, so a regular expression finds the
    tags; they become spaces, so paragraphs do not run together.
    """
    if not value:
        return ""
    # Piece by piece between the tags: a piece rarely needs more than a strip, while splitting the whole
    # text into words to collapse its white space took as long as sanitising it. Entities never span a
    # tag; markup decoded from entities is rare enough to redo the whole text the general way.
    pieces = [_decoded(piece) for piece in _CLEAN_TAG.split(value)]
    if any(_TAG_LIKE.search(piece) for piece in pieces):
        return _decoded_text(_CLEAN_TAG.sub(" ", value))
    return " ".join(text for text in map(single_spaced, pieces) if text)


def _decoded(escaped: str) -> str:
    # Decoded twice: titles carry entities written inside CDATA ("&amp;quot;").
    return html.unescape(html.unescape(escaped))


def _decoded_text(escaped: str) -> str:
    text = _decoded(escaped)
    if _TAG_LIKE.search(text):  # double-encoded markup decoded into tags: strip it as well
        text = html.unescape(_TEXT_CLEANER.clean(text))
    return single_spaced(text)
