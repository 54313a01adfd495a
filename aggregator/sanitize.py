"""The one HTML allow-list: everything from a feed or an article page passes here before it is stored."""

from __future__ import annotations

import html
import re

import nh3

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
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        url_relative=("rewrite_with_base", absolute_base) if absolute_base else None,
    ).strip()


def to_text(value: str) -> str:
    """Plain text of an HTML or text fragment, entities decoded, white space collapsed."""
    if not value:
        return ""
    return _decoded_text(nh3.clean(value, tags=set(), attributes={}))


def text_of_clean_html(value: str) -> str:
    """Plain text of HTML that :func:`clean_html` produced, without parsing it again.

    Its output is well-formed with attribute values double-quoted, so a regular expression finds the
    tags; they become spaces, so paragraphs do not run together.
    """
    if not value:
        return ""
    return _decoded_text(_CLEAN_TAG.sub(" ", value))


def _decoded_text(escaped: str) -> str:
    # Decoded twice: titles carry entities written inside CDATA ("&amp;quot;").
    text = html.unescape(html.unescape(escaped))
    if _TAG_LIKE.search(text):  # double-encoded markup decoded into tags: strip it as well
        text = html.unescape(nh3.clean(text, tags=set(), attributes={}))
    return " ".join(text.split())
