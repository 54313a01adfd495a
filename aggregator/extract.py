"""Article pages to full text: the source's CSS rule, else a generic main-content heuristic (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from .normalize import canonical_url
from .sanitize import clean_html, to_text

NOISE = "script, style, noscript, iframe, form, nav, aside, footer, header, button, svg, [role=navigation]"
GENERIC_BODY = (
    "[itemprop=articleBody]",
    "article .content",
    "article",
    "main",
    ".article-body",
    ".detail-content",
)
MIN_TEXT = 200


@dataclass(frozen=True)
class Rule:
    body: str = ""
    image: str = ""
    author: str = ""
    drop: str = ""


@dataclass(frozen=True)
class Extracted:
    content: str  # sanitised HTML, '' when nothing convincing was found
    author: str
    image_url: str


def _best_block(soup: BeautifulSoup) -> Tag | None:
    for selector in GENERIC_BODY:
        found = soup.select_one(selector)
        if found and len(found.get_text(" ", strip=True)) >= MIN_TEXT:
            return found
    best, best_length = None, 0
    for block in soup.find_all(["div", "section"]):
        length = sum(len(p.get_text(" ", strip=True)) for p in block.find_all("p", recursive=False))
        if length > best_length:
            best, best_length = block, length
    return best if best_length >= MIN_TEXT else None


def _select(soup: BeautifulSoup, selector: str) -> Tag | None:
    try:
        return soup.select_one(selector) if selector else None
    except Exception:  # an admin's broken selector must not break the item
        return None


def extract(html: bytes | str, url: str, rule: Rule | None = None) -> Extracted:
    rule = rule or Rule()
    soup = BeautifulSoup(html, "html.parser")
    og_image = soup.find("meta", attrs={"property": "og:image"}) or soup.find("meta", attrs={"name": "og:image"})
    author_tag = _select(soup, rule.author) or soup.find("meta", attrs={"name": "author"})
    author = ""
    if isinstance(author_tag, Tag):
        author = author_tag.get("content") if author_tag.name == "meta" else author_tag.get_text(" ", strip=True)
    for selector in [NOISE] + [s for s in rule.drop.split(",") if s.strip()]:
        try:
            nodes = soup.select(selector)
        except Exception:  # an admin's broken selector drops nothing
            nodes = []
        for node in nodes:
            node.decompose()
    body = _select(soup, rule.body) or _best_block(soup)
    content = clean_html(str(body), url) if body else ""
    image_url = ""
    image_tag = _select(soup, rule.image)
    if isinstance(image_tag, Tag):
        image_url = image_tag.get("src") or image_tag.get("content") or ""
    if not image_url and og_image:
        image_url = og_image.get("content") or ""
    if not image_url and body:
        first = body.find("img")
        image_url = first.get("src", "") if first else ""
    return Extracted(
        content=content if len(to_text(content)) >= MIN_TEXT else "",
        author=to_text(str(author or ""))[:200],
        image_url=canonical_url(urljoin(url, image_url)) if image_url else "",
    )
