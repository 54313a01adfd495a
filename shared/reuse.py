"""The rules for reusing press work in the column: Ministry letter 3835/BTTTT (2019) and Decree 147/2024.

Pure functions over an item, its source and a page; nothing here reads or writes the database.

- Reuse needs the written agreement with the outlet on record (its number and date on the source); a
  newsroom's contributions are the province's own and need none.
- The source's reuse rights decide what a draft gets: full text (title, lead, body, images), an excerpt
  (title, lead and the link) or the link only (title and the link).
- Publication waits the source's delay after the original (3 hours by default).
- The reused text is not edited: its fingerprints are kept when the draft is made and compared on every
  save; the editor's own words go in "own introduction" blocks before it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bs4 import BeautifulSoup
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from aggregator.models import Item, ReuseRights, Source, SourceKind
from cms.blocks import OWN_INTRO


def outlet_name(source: Source) -> str:
    return source.outlet or source.name


def has_agreement(source: Source) -> bool:
    """Whether the source may be reused at all: its written agreement is on record, or it is a newsroom's."""
    if source.kind == SourceKind.NEWSROOM:
        return True
    return bool(source.agreement_number.strip()) and source.agreement_date is not None


def earliest_publication(item: Item) -> datetime:
    """The original's publication time plus the source's delay, rounded up to the minute: the editor's
    go-live field keeps minutes only, and a rounded-down time would fall before the limit."""
    moment = item.published_at + item.source.reuse_delay
    rounded = moment.replace(second=0, microsecond=0)
    return rounded if rounded == moment else rounded + timedelta(minutes=1)


@dataclass(frozen=True)
class ReuseTerms:
    """What may be done with one item, and why (``reason`` is shown to the journalist when not empty)."""

    allowed: bool
    rights: str
    reason: str
    not_before: datetime

    @property
    def includes_lead(self) -> bool:
        return self.allowed and self.rights in {ReuseRights.FULL_TEXT, ReuseRights.EXCERPT}

    @property
    def includes_body(self) -> bool:
        """Body text, images and media files: only under a full-text agreement."""
        return self.allowed and self.rights == ReuseRights.FULL_TEXT

    def must_wait(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) < self.not_before


def reuse_terms(item: Item) -> ReuseTerms:
    source = item.source
    outlet = outlet_name(source)
    not_before = earliest_publication(item)
    if not has_agreement(source):
        reason = _(
            "There is no written reuse agreement with %(outlet)s on record (Letter 3835/BTTTT, Decree 147/2024), "
            "so its work cannot be reused. An administrator can record the agreement's number and date on the source."
        )
        return ReuseTerms(False, source.reuse_rights, reason % {"outlet": outlet}, not_before)
    reasons = {
        ReuseRights.FULL_TEXT: "",
        ReuseRights.EXCERPT: _("The agreement with %(outlet)s allows only an excerpt and a link."),
        ReuseRights.LINK_ONLY: _("The agreement with %(outlet)s allows only the title and a link."),
    }
    reason = reasons.get(source.reuse_rights, reasons[ReuseRights.LINK_ONLY])
    return ReuseTerms(True, source.reuse_rights, reason % {"outlet": outlet} if reason else "", not_before)


def local_time(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "d/m/Y H:i")


# --- The reused text stays unedited ------------------------------------------------------------------------


def plain_text(html: str) -> str:
    """Words of an HTML fragment, white space collapsed: what a reader sees, insensitive to markup details
    the rich-text editor rewrites on save (block keys, ``<br/>`` spelling, attribute order)."""
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())


def reused_body(body) -> str:
    """The body's reused blocks (everything but own introductions) as comparable text, in order."""
    parts = []
    for block in body:
        if block.block_type == OWN_INTRO:
            continue
        if block.block_type == "paragraph":
            parts.append(f"paragraph:{plain_text(block.value.source)}")
        else:
            prepared = block.block.get_prep_value(block.value)
            parts.append(f"{block.block_type}:{json.dumps(prepared, sort_keys=True, ensure_ascii=False)}")
    return "\n".join(parts)


def reused_part_names(terms: ReuseTerms) -> list[str]:
    """The parts of a draft that reproduce the outlet's work, plus the attribution that must stand under it."""
    names = ["title", "source_outlet", "source_url"]
    if terms.includes_lead:
        names.append("lead")
    if terms.includes_body:
        names += ["body", "featured_image"]
    return names


def page_parts(page) -> dict[str, str]:
    return {
        "title": " ".join(page.title.split()),
        "source_outlet": page.source_outlet,
        "source_url": page.source_url,
        "lead": " ".join(page.lead.split()),
        "body": reused_body(page.body),
        "featured_image": str(page.featured_image_id or ""),
    }


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def fingerprints(page, terms: ReuseTerms) -> dict[str, str]:
    """What is kept of a new draft to recognise later edits: a SHA-256 of each reused part."""
    parts = page_parts(page)
    return {name: digest(parts[name]) for name in reused_part_names(terms)}


def changed_parts(page, recorded: Mapping[str, str]) -> list[str]:
    """Names of the recorded parts whose text differs now."""
    parts = page_parts(page)
    return [name for name, value in recorded.items() if digest(parts.get(name, "")) != value]


def intro_after_reused_text(body) -> bool:
    """Whether an own introduction sits inside or after the reused text instead of before it."""
    seen_reused = False
    for block in body:
        if block.block_type != OWN_INTRO:
            seen_reused = True
        elif seen_reused:
            return True
    return False


def rule_violations(
    page, recorded: Mapping[str, str], not_before: datetime | None, outlet: str, now: datetime | None = None
) -> dict[str, list[str]]:
    """Errors by form field for a reused draft about to be saved: edited reused text, or publication too early."""
    errors: dict[str, list[str]] = {}
    edited = {
        "title": _("This is %(outlet)s's title: reused work keeps its title as published."),
        "lead": _(
            "This is %(outlet)s's lead: reused work keeps it as published. Add your own words in an "
            "“Own introduction” block."
        ),
        "body": _(
            "The text reused from %(outlet)s cannot be edited. Add your own words in an “Own introduction” "
            "block before it."
        ),
        "featured_image": _("The image reused from %(outlet)s cannot be changed."),
        "source_outlet": _("The original outlet must stay under reused work."),
        "source_url": _("The link to the original must stay under reused work."),
    }
    for name in changed_parts(page, recorded):
        errors.setdefault(name, []).append(edited[name] % {"outlet": outlet})
    if "body" in recorded and intro_after_reused_text(page.body):
        errors.setdefault("body", []).append(_("Your own introduction goes before the reused text, not inside it."))
    now = now or timezone.now()
    if not_before and now < not_before and (page.go_live_at is None or page.go_live_at < not_before):
        message = _(
            "Work reused from %(outlet)s may be published from %(time)s only (the agreed delay after the "
            "original). Set the go-live date/time to that time or later."
        )
        errors["go_live_at"] = [message % {"outlet": outlet, "time": local_time(not_before)}]
    return errors
