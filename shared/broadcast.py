"""Plain-text versions of a shared item: the radio-TV script and the text to copy with its citation.

Both are written in the item's own language (the citation is read or printed with the text it cites), and
both carry only what the reuse terms allow: the full text, the excerpt, or nothing but the title.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from aggregator.models import Item
from cms.citation import citation_line
from cms.text import fold
from shared.reuse import ReuseTerms, outlet_name

# Words a minute when read aloud. A Vietnamese news presenter reads about 200 syllables a minute (3-3.5 a
# second), and Vietnamese writes each syllable as a space-separated word, so counting words counts syllables.
# English broadcast copy is read at about 160 words a minute. A presenter's own pace may differ by 10-15%.
WORDS_PER_MINUTE = {"vi": 200, "en": 160}

_BLOCK_TAGS = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"]
_NOT_READ = ["img", "figure", "figcaption", "table", "script", "style"]
# A web address up to white space, leaving the punctuation that ends the sentence.
_URL = re.compile(r"\s*\b(?:https?://|www\.)\S+?(?=[.,;:!?)\]]*(?:\s|$))", re.IGNORECASE)
# Outlet names that say what they are ("Báo Tuổi Trẻ", "Đài Tiếng nói Việt Nam"): no "báo" goes before them.
_MEDIA_NOUNS = ("bao ", "dai ", "tap chi ", "thong tan xa ", "cong thong tin ", "ttxvn", "vov", "vtv")


def paragraphs(html: str) -> list[str]:
    """The paragraphs of an HTML fragment as plain text; images, captions and tables left out."""
    soup = BeautifulSoup(html or "", "html.parser")
    for tag in soup.find_all(_NOT_READ):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_after("\n\n")
    text = soup.get_text()
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


def without_urls(text: str) -> str:
    """Text to be read aloud: web addresses are not."""
    return " ".join(_URL.sub("", text).split())


def reusable_html(item: Item, terms: ReuseTerms) -> str:
    if terms.includes_body:
        return item.content or item.summary
    return item.summary if terms.includes_lead else ""


def spoken_citation(item: Item) -> str:
    """The citation read before the text: "Theo báo VietnamPlus" / "According to VietnamPlus", and the wire."""
    outlet = outlet_name(item.source)
    if fold(outlet).startswith(_MEDIA_NOUNS):
        citation = _("According to %(outlet)s") % {"outlet": outlet}
    else:
        citation = pgettext("spoken citation of a newspaper", "According to %(outlet)s") % {"outlet": outlet}
    wire = item.original_source.strip()
    if wire and fold(wire) != fold(outlet):
        citation += _(" citing %(wire)s") % {"wire": wire}
    return citation


@dataclass(frozen=True)
class BroadcastScript:
    title: str
    paragraphs: list[str]
    language: str

    @property
    def words(self) -> int:
        return sum(len(text.split()) for text in [self.title, *self.paragraphs])

    @property
    def seconds(self) -> int:
        pace = WORDS_PER_MINUTE.get(self.language, WORDS_PER_MINUTE["vi"])
        return math.ceil(self.words * 60 / pace)

    def read_time(self) -> str:
        minutes, seconds = divmod(self.seconds, 60)
        return _("%(minutes)d min %(seconds)02d s") % {"minutes": minutes, "seconds": seconds}

    def as_text(self) -> str:
        pace = WORDS_PER_MINUTE.get(self.language, WORDS_PER_MINUTE["vi"])
        note = _("Estimated read time: %(time)s (%(words)d words at %(pace)d a minute)") % {
            "time": self.read_time(),
            "words": self.words,
            "pace": pace,
        }
        return "\n\n".join([self.title, f"[{note}]", *self.paragraphs]) + "\n"


def item_language(item: Item) -> str:
    return "en" if (item.language or "").startswith("en") else "vi"


def broadcast_script(item: Item, terms: ReuseTerms) -> BroadcastScript:
    """The item as spoken paragraphs, the citation leading the first one."""
    language = item_language(item)
    with translation.override(language):
        citation = spoken_citation(item)
    spoken = [text for text in (without_urls(part) for part in paragraphs(reusable_html(item, terms))) if text]
    if spoken:
        spoken[0] = f"{citation}, {spoken[0]}"
    else:
        spoken = [f"{citation}."]
    return BroadcastScript(title=without_urls(item.title), paragraphs=spoken, language=language)


def text_with_citation(item: Item, terms: ReuseTerms) -> str:
    """Title, the reusable text and the citation line with the link, ready to paste."""
    with translation.override(item_language(item)):
        citation = citation_line(outlet_name(item.source), item.url, item.published_at)
    if item.author:
        citation = f"{citation} — {item.author}"
    parts = [item.title, *paragraphs(reusable_html(item, terms)), citation]
    return "\n\n".join(part for part in parts if part) + "\n"
