"""OPML import and export of sources."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from defusedxml import ElementTree
from django.db import transaction
from django.utils import timezone

from .models import ReuseRights, Source, fetches_full_text
from .normalize import canonical_url


@dataclass(frozen=True)
class Outline:
    title: str
    feed_url: str
    site_url: str
    language: str


@dataclass
class ImportReport:
    added: list[str]
    skipped: list[str]
    invalid: list[str]


def read(data: bytes) -> list[Outline]:
    """Feed outlines of an OPML document (nested folders included). defusedxml refuses entity tricks."""
    root = ElementTree.fromstring(data)
    outlines = []
    for node in root.iter("outline"):
        url = (node.get("xmlUrl") or "").strip()
        if url:
            outlines.append(
                Outline(
                    title=(node.get("title") or node.get("text") or url).strip()[:200],
                    feed_url=url,
                    site_url=(node.get("htmlUrl") or "").strip(),
                    language=(node.get("language") or "vi").strip()[:8],
                )
            )
    return outlines


def import_sources(
    data: bytes, *, keep_all: bool = False, full_text: bool = False, reuse_rights: str = ReuseRights.EXCERPT
) -> ImportReport:
    """Adds sources for new feed URLs; existing URLs are skipped. Imported sources start enabled."""
    report = ImportReport([], [], [])
    with transaction.atomic():
        known = set(Source.objects.values_list("feed_url", flat=True))
        for outline in read(data):
            url = canonical_url(outline.feed_url) if "utm_" in outline.feed_url else outline.feed_url
            if not canonical_url(url):
                report.invalid.append(outline.feed_url)
            elif url in known:
                report.skipped.append(url)
            else:
                Source.objects.create(
                    name=outline.title,
                    outlet=outline.title,
                    feed_url=url,
                    site_url=outline.site_url if canonical_url(outline.site_url) else "",
                    language=outline.language,
                    asean_filter=not keep_all,
                    full_text=full_text,
                    reuse_rights=reuse_rights,
                )
                known.add(url)
                report.added.append(url)
    return report


def full_text_waits_for_rights(report: ImportReport, full_text: bool, reuse_rights: str) -> bool:
    """Whether sources were added with full text on but rights under which it is never fetched."""
    return bool(report.added) and full_text and not fetches_full_text(full_text, reuse_rights)


def export(sources=None) -> str:
    sources = Source.objects.feeds() if sources is None else sources
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        "    <title>ASEAN Column sources</title>",
        f"    <dateCreated>{timezone.now():%a, %d %b %Y %H:%M:%S +0000}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for source in sources:
        lines.append(
            f'    <outline type="rss" text={quoteattr(source.name)} title={quoteattr(source.name)} '
            f"xmlUrl={quoteattr(source.feed_url)} htmlUrl={quoteattr(source.site_url)} "
            f"language={quoteattr(source.language)}/>"
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
