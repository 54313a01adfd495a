"""A column draft made from a shared item under its reuse terms (the rules are in ``shared.reuse``)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.coreutils import find_available_slug
from wagtail.rich_text import RichText

from aggregator.models import Item, ItemKind
from aggregator.sanitize import clean_html, to_text
from cms.blocks import RICH_TEXT_FEATURES
from cms.models import AseanArticlePage, AseanColumnPage, Pillar
from cms.text import fold
from shared.ledger import record_reuse
from shared.models import Reuse, ReuseChannel
from shared.reuse import ReuseTerms, fingerprints, outlet_name, rule_violations

LEAD_MAX_LENGTH = AseanArticlePage._meta.get_field("lead").max_length
TITLE_MAX_LENGTH = AseanArticlePage._meta.get_field("title").max_length


class ReuseRefused(Exception):
    """The item may not be reused; the message says why."""


def editor_html(html: str) -> str:
    """The item's sanitised HTML as the article editor stores it, so that opening and saving the draft
    unchanged leaves it identical. Inline images are dropped: images come as their own blocks."""
    soup = BeautifulSoup(clean_html(html), "html.parser")
    for tag in soup.find_all(["img", "figure"]):
        tag.decompose()
    if not soup.get_text(strip=True):
        return ""
    converter = ContentstateConverter(RICH_TEXT_FEATURES)
    # bs4 writes void elements as "<br/>", the only spelling the editor's parser accepts.
    return converter.to_database_format(converter.from_database_format(str(soup)))


def reused_lead(item: Item, terms: ReuseTerms) -> str:
    """The item's summary (or first paragraph) when the terms allow it; otherwise the column's own pointer."""
    if terms.includes_lead:
        text = to_text(item.summary)
        if not text:
            first = BeautifulSoup(item.content or "", "html.parser").find("p")
            text = to_text(str(first)) if first else ""
        if text:
            return Truncator(text).chars(LEAD_MAX_LENGTH)
    return _("Read the full article on %(outlet)s.") % {"outlet": outlet_name(item.source)}


def reused_blocks(item: Item) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    html = editor_html(item.content or item.summary)
    if html:
        blocks.append(("paragraph", RichText(html)))
    for attachment in item.attachments.filter(kind=ItemKind.PHOTO, image__isnull=False).select_related("image"):
        image_block = {"image": attachment.image, "caption": attachment.caption, "credit": attachment.credit}
        blocks.append(("image", {**image_block, "alt_text": ""}))
    return blocks


@transaction.atomic
def make_column_draft(item: Item, column: AseanColumnPage, user, terms: ReuseTerms, pillar: Pillar) -> AseanArticlePage:
    """A draft article under ``column`` reproducing what the terms allow, recorded in the ledger.

    Its go-live time is the earliest publication time when that is still ahead, so scheduled publishing
    waits; the draft then follows the column's moderation workflow like any other.
    """
    if not terms.allowed:
        raise ReuseRefused(terms.reason)
    with translation.override(column.locale.language_code):
        lead = reused_lead(item, terms)
    title = item.title[:TITLE_MAX_LENGTH]
    page = AseanArticlePage(
        title=title,
        slug=find_available_slug(column, slugify(fold(title))[:80].strip("-") or "bai-viet"),
        lead=lead,
        body=reused_blocks(item) if terms.includes_body else [],
        featured_image=item.image if terms.includes_body else None,
        pillar=pillar,
        source_outlet=outlet_name(item.source),
        source_url=item.url,
        source_author=item.author,
        source_published_at=item.published_at,
        go_live_at=terms.not_before if terms.must_wait() else None,
        owner=user,
        live=False,
    )
    page.topics.set(item.topics.all())
    page.countries.set(item.countries.all())
    column.add_child(instance=page)
    record_reuse(
        item,
        ReuseChannel.COLUMN,
        user,
        page=page,
        fingerprints=fingerprints(page, terms),
        not_before=terms.not_before,
    )
    page.save_revision(user=user, log_action=True)
    return page


def check_reused_article(page: AseanArticlePage) -> None:
    """Refuses saving (and so publishing) a reused draft whose reused text was edited, or set to go live early."""
    if page.pk is None:
        return
    reuse = Reuse.objects.filter(page_id=page.pk, channel=ReuseChannel.COLUMN).select_related("item__source").first()
    if reuse is None:
        return
    errors = rule_violations(page, reuse.fingerprints, reuse.not_before, outlet_name(reuse.item.source))
    if errors:
        raise ValidationError(errors)
