"""Storing a pass: one transaction per source, idempotent (re-running a pass changes nothing)."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from cms.models import Country, Pillar, Topic

from . import bulk, decide, dedupe, statements
from .clustering import CLUSTER_WINDOW, IndexedItem, StoryIndex
from .intents import ClassifiedItem, Counts, PassOutcome
from .models import EnrichState, Item, ItemStatus, StoryCluster, fetches_full_text
from .statements import LockedSource

logger = logging.getLogger(__name__)


@dataclass
class Taxonomy:
    """Pillars, topics and countries by slug/code, loaded once per run."""

    pillars: dict[str, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Taxonomy:
        return cls(
            pillars=dict(Pillar.objects.values_list("slug", "pk")),
            topics=dict(Topic.objects.values_list("slug", "pk")),
            countries=dict(Country.objects.values_list("code", "pk")),
        )


def _fields(source: LockedSource, entry: ClassifiedItem, taxonomy: Taxonomy) -> dict:
    item, result = entry.item, entry.classification
    return {
        "key": item.key,
        "guid": item.guid,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,  # as the reuse rights allow (normalize.as_stored, in the digest)
        "content": item.content,
        "author": item.author,
        "original_source": item.original_source,
        "language": source.language,
        "content_hash": item.content_hash,
        "status": ItemStatus.VISIBLE if entry.relevant else ItemStatus.FILTERED,
        "relevance": result.score,
        "pillar_id": taxonomy.pillars.get(result.pillar or ""),
        "title_signature": entry.signature or dedupe.title_signature(item.title),
        "image_url": item.image_url,
    }


def _label_ids(entry: ClassifiedItem, taxonomy: Taxonomy) -> tuple[list[int], list[int]]:
    result = entry.classification
    return (
        [taxonomy.topics[s] for s in result.topics if s in taxonomy.topics],
        [taxonomy.countries[c] for c in result.countries if c in taxonomy.countries],
    )


def _set_labels(obj: Item, entry: ClassifiedItem, taxonomy: Taxonomy) -> None:
    topics, countries = _label_ids(entry, taxonomy)
    obj.topics.set(topics)
    obj.countries.set(countries)


def _insert_new(new: list[tuple[dict, ClassifiedItem]], taxonomy: Taxonomy, stories: StoryIndex, now: datetime):
    """Insert a source's new items (rows of column values) and their labels, and cluster them."""
    touched = _assign_stories([row for row, entry in new if entry.relevant], stories, now)
    pks = bulk.insert_rows(Item, [row for row, _entry in new])
    topic_links, country_links = [], []
    for pk, (row, entry) in zip(pks, new, strict=True):
        topics, countries = _label_ids(entry, taxonomy)
        topic_links += [{"item_id": pk, "topic_id": topic} for topic in topics]
        country_links += [{"item_id": pk, "country_id": country} for country in countries]
        if entry.relevant and row["title_signature"]:
            indexed = IndexedItem(pk, row["source_id"], row["published_at"], row["title_signature"], row["title"])
            stories.add(indexed, row["cluster_id"])
    bulk.insert_rows(Item.topics.through, topic_links, returning=False)
    bulk.insert_rows(Item.countries.through, country_links, returning=False)
    if touched:
        statements.recount_stories(touched)


def _assign_stories(rows: list[dict], stories: StoryIndex, now: datetime) -> set[int]:
    """Set ``cluster_id`` in the rows of new items that retell another outlet's story; ids of stories touched.

    A partner that was in no story yet starts one, with its own title. A constant number of queries
    however many stories start.
    """
    if rows:  # the batch's whole window in one read
        dates = [row["published_at"] for row in rows]
        stories.cover(min(dates) - CLUSTER_WINDOW, max(dates) + CLUSTER_WINDOW + timedelta(microseconds=1))
    started: dict[int, dict] = {}  # partner pk -> the row of the story it starts
    joining: list[tuple[dict, int]] = []  # (new item's row, partner pk)
    for row in rows:
        match = stories.match(row["title_signature"], row["source_id"], row["published_at"])
        if match is None:
            continue
        if match.cluster_id:
            row["cluster_id"] = match.cluster_id
            continue
        if match.partner.pk not in started:
            started[match.partner.pk] = {"title": match.partner.title[:500], "first_seen_at": now, "item_count": 0}
        joining.append((row, match.partner.pk))
    if started:
        story_pks = dict(zip(started, bulk.insert_rows(StoryCluster, list(started.values())), strict=True))
        statements.join_stories([(story_pk, partner_pk) for partner_pk, story_pk in story_pks.items()])
        for partner_pk, story_pk in story_pks.items():
            stories.set_cluster(partner_pk, story_pk)  # the next retelling joins this story
        for row, partner_pk in joining:
            row["cluster_id"] = story_pks[partner_pk]
    return {row["cluster_id"] for row in rows if row["cluster_id"]}


def _store_items(
    source: LockedSource, outcome: PassOutcome, taxonomy: Taxonomy, now: datetime, counts: Counts, stories: StoryIndex
) -> None:
    by_key: dict[str, ClassifiedItem] = {}
    for entry in outcome.items:
        by_key.setdefault(entry.item.key, entry)
    urls = list(dict.fromkeys(e.item.url for e in by_key.values() if e.item.url))
    stored = statements.stored_state(source, list(by_key), urls)
    plans = decide.plan_items(
        [(e.item.key, e.item.content_hash, e.item.url) for e in by_key.values()],
        stored.by_key,
        stored.by_url,
        stored.tombstones,
        stored.tombstoned_urls,
    )
    wants_full_text = fetches_full_text(source.full_text, source.reuse_rights)
    new: list[tuple[dict, ClassifiedItem]] = []
    for plan in plans:
        entry = by_key[plan.key]
        if plan.action == "new":
            row = _fields(source, entry, taxonomy)
            row.update(
                source_id=source.pk,
                published_at=entry.item.published_at,
                first_seen_at=now,
                updated_at=now,
                cluster_id=None,
                enrich_state=EnrichState.PENDING if wants_full_text and entry.relevant else EnrichState.NONE,
            )
            if entry.search_vector is not None:  # else the database's trigger makes it
                row["search_vector"] = entry.search_vector
            new.append((row, entry))
            if entry.relevant:
                counts.new += 1
            else:
                counts.filtered += 1
        elif plan.action == "update":
            obj = Item.objects.get(pk=plan.existing_id)
            values = _fields(source, entry, taxonomy)
            if obj.enrich_state == EnrichState.DONE and not values["content"]:
                values.pop("content")  # keep the full text enrichment found
            if entry.item.dated:
                values["published_at"] = entry.item.published_at
            if obj.classified_by_editor:
                for name in ("status", "relevance", "pillar_id"):
                    values.pop(name)
            for name, value in values.items():
                setattr(obj, name, value)
            obj.updated_at = now
            obj.save()
            if not obj.classified_by_editor:
                _set_labels(obj, entry, taxonomy)
            counts.updated += 1
    if new:
        _insert_new(new, taxonomy, stories, now)


def record_pass(
    outcome: PassOutcome, taxonomy: Taxonomy, now: datetime | None = None, stories: StoryIndex | None = None
) -> Counts:
    """Apply one source's pass in one transaction, update its health and leave a fetch log row.

    ``stories`` is the pass's story index; after a failed call it may hold rows that were rolled back,
    so the caller starts a new one.
    """
    now = now or timezone.now()
    if outcome.status == "not_modified" and outcome.poll_interval is not None:
        counts = _record_unchanged(outcome, now)
    else:
        counts = _record(outcome, taxonomy, now, stories if stories is not None else StoryIndex())
    # After the commit: one structured line per pass (cms.logs), the fetch log row's twin for log collectors.
    logger.info(
        "pass over source %s: %s, %s new, %s updated, %s filtered out",
        outcome.source_id,
        outcome.status,
        counts.new,
        counts.updated,
        counts.filtered,
        extra={
            "source_id": outcome.source_id,
            "status": outcome.status,
            "http_status": outcome.http_status,
            "new": counts.new,
            "updated": counts.updated,
            "filtered": counts.filtered,
            "duration_ms": round(outcome.duration.total_seconds() * 1000, 1),
            "error": outcome.error[:500],
        },
    )
    return counts


def _record_unchanged(outcome: PassOutcome, now: datetime) -> Counts:
    """A 304, the most common pass: the source's health is written with one UPDATE, without reading it.

    A success resets the failure count whatever it was, so the row holds nothing the schedule needs but
    the poll interval, which the outcome carries. A source deleted during the pass is left alone.
    """
    counts = Counts(sources=1, unchanged=1)
    plan = _schedule(outcome, now, interval=outcome.poll_interval, failures_before=0)
    with transaction.atomic():
        found = statements.update_source(
            outcome.source_id,
            {
                "next_fetch_at": plan.next_fetch_at,
                "consecutive_failures": plan.consecutive_failures,
                "last_fetch_at": now,
                "last_status": outcome.http_status,
                "last_error": "",
            },
        )
        if found:
            _log_fetch(outcome, counts)
    return counts


def _record(outcome: PassOutcome, taxonomy: Taxonomy, now: datetime, stories: StoryIndex) -> Counts:
    """A source deleted during the pass is left alone (nothing stored, no log)."""
    counts = Counts(sources=1)
    with transaction.atomic():
        source = statements.lock_source(outcome.source_id)
        if source is None:
            return counts
        health = {}
        if outcome.status == "ok":
            if outcome.identity_note:
                health["identity_policy"] = outcome.identity_policy
                health["identity_note"] = outcome.identity_note[:300]
            _store_items(source, outcome, taxonomy, now, counts, stories)
            health["etag"] = outcome.etag[:300]
            health["last_modified"] = outcome.last_modified[:100]
            health["malformed"] = outcome.malformed
        elif outcome.status == "not_modified":
            counts.unchanged += 1
        else:
            counts.errors += 1
        plan = _schedule(outcome, now, interval=source.poll_interval, failures_before=source.consecutive_failures)
        health.update(
            next_fetch_at=plan.next_fetch_at,
            consecutive_failures=plan.consecutive_failures,
            last_fetch_at=now,
            last_status=outcome.http_status,
            last_error="" if outcome.ok else outcome.error[:2000],
        )
        if counts.new or counts.updated or counts.filtered:
            latest = 30 if counts.new else 0  # the dates the usual gap is measured on
            health["item_count"], dates = statements.visible_items(source.pk, ItemStatus.VISIBLE, latest)
            if counts.new:
                health["last_new_item_at"] = now
                health["typical_gap"] = decide.typical_gap(dates) or source.typical_gap
        statements.update_source(source.pk, health)
        _log_fetch(outcome, counts)
    return counts


def _schedule(outcome: PassOutcome, now: datetime, *, interval: timedelta, failures_before: int) -> decide.Schedule:
    return decide.schedule(
        now=now,
        interval=interval,
        failures_before=failures_before,
        ok=outcome.ok,
        max_age=outcome.max_age,
        retry_after=outcome.retry_after,
        jitter=random.random(),  # noqa: S311 (spreading load, not security)
    )


def _log_fetch(outcome: PassOutcome, counts: Counts) -> None:
    statements.log_fetch(
        {
            "source_id": outcome.source_id,
            "started_at": outcome.started_at,
            "duration": outcome.duration,
            "status": outcome.status,
            "http_status": outcome.http_status,
            "new": counts.new,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "filtered": counts.filtered,
            "malformed": outcome.malformed,
            "error": outcome.error[:2000],
        }
    )
