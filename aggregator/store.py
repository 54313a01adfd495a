"""Storing a pass: one transaction per source, idempotent (re-running a pass changes nothing)."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connections, router, transaction
from django.db.models import Case, Count, DateTimeField, Model, OuterRef, Subquery, Value, When
from django.utils import timezone

from cms.models import Country, Pillar, Topic

from . import decide, dedupe
from .clustering import CLUSTER_WINDOW, IndexedItem, StoryIndex
from .intents import ClassifiedItem, Counts, PassOutcome
from .models import EnrichState, FetchLog, Item, ItemStatus, ReuseRights, Source, StoryCluster, Tombstone

EXCERPT_CHARS = 400

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


def _reuse(source: Source, entry: ClassifiedItem) -> tuple[str, str]:
    """(summary, content) as much as the outlet's reuse rights allow."""
    item = entry.item
    if source.reuse_rights == ReuseRights.LINK_ONLY:
        return "", ""
    if source.reuse_rights == ReuseRights.EXCERPT:
        text = item.excerpt
        if len(text) > EXCERPT_CHARS:
            text = text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
        return text, ""
    return item.summary, item.content


def _fields(source: Source, entry: ClassifiedItem, taxonomy: Taxonomy) -> dict:
    item, result = entry.item, entry.classification
    summary, content = _reuse(source, entry)
    return {
        "key": item.key,
        "guid": item.guid,
        "url": item.url,
        "title": item.title,
        "summary": summary,
        "content": content,
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


def insert_rows(objs: list[Model], batch_size: int = 500) -> None:
    """``bulk_create`` for plain rows, without the ORM's per-value preparation; sets the objects' pks.

    For new items and their label links: a pass stores thousands of rows, and preparing each of their 30
    values through its field took most of ``bulk_create``'s time. Values go to the driver as they are,
    but for dates, which SQLite stores as text; the search vector is left to the database's trigger.
    No ``pre_save``: for models without ``auto_now`` fields (defaults are set when an object is made).
    """
    if not objs:
        return
    model = type(objs[0])
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.attname != "search_vector"]
    adapt = connection.ops.adapt_datetimefield_value
    dates = [index for index, f in enumerate(fields) if isinstance(f, DateTimeField)]
    table, pk = connection.ops.quote_name(model._meta.db_table), model._meta.pk
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start : start + batch_size]
            values: list = []
            for obj in batch:
                own = [getattr(obj, f.attname) for f in fields]
                for index in dates:
                    own[index] = adapt(own[index])
                values += own
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(batch))} "  # noqa: S608 (model's own names)
                f"RETURNING {connection.ops.quote_name(pk.column)}",
                values,
            )
            for obj, (obj_pk,) in zip(batch, cursor.fetchall(), strict=True):
                obj.pk = obj_pk
                obj._state.adding, obj._state.db = False, connection.alias


def _insert_new(new: list[tuple[Item, ClassifiedItem]], taxonomy: Taxonomy, stories: StoryIndex, now: datetime):
    """Insert a source's new items in one statement, their labels in one per table, and cluster them."""
    touched = _assign_stories([obj for obj, entry in new if entry.relevant], stories, now)
    insert_rows([obj for obj, _entry in new])
    topic_links, country_links = [], []
    for obj, entry in new:
        topics, countries = _label_ids(entry, taxonomy)
        topic_links += [Item.topics.through(item_id=obj.pk, topic_id=pk) for pk in topics]
        country_links += [Item.countries.through(item_id=obj.pk, country_id=pk) for pk in countries]
    insert_rows(topic_links)
    insert_rows(country_links)
    for obj, entry in new:
        if entry.relevant and obj.title_signature:
            indexed = IndexedItem(obj.pk, obj.source_id, obj.published_at, obj.title_signature, obj.title)
            stories.add(indexed, obj.cluster_id)
    if touched:
        count = Item.objects.filter(cluster=OuterRef("pk")).order_by().values("cluster").annotate(n=Count("pk"))
        StoryCluster.objects.filter(pk__in=touched).update(item_count=Subquery(count.values("n")))


def _assign_stories(items: list[Item], stories: StoryIndex, now: datetime) -> set[int]:
    """Set ``cluster_id`` on new (unsaved) items that retell another outlet's story; ids of stories touched.

    A partner that was in no story yet starts one, with its own title. A constant number of queries
    however many stories start.
    """
    if items:  # the batch's whole window in one read
        dates = [obj.published_at for obj in items]
        stories.cover(min(dates) - CLUSTER_WINDOW, max(dates) + CLUSTER_WINDOW + timedelta(microseconds=1))
    started: dict[int, StoryCluster] = {}  # partner pk -> the story it starts
    joining: list[tuple[Item, StoryCluster]] = []
    for obj in items:
        match = stories.match(obj.title_signature, obj.source_id, obj.published_at)
        if match is None:
            continue
        if match.cluster_id:
            obj.cluster_id = match.cluster_id
            continue
        story = started.get(match.partner.pk)
        if story is None:
            story = started[match.partner.pk] = StoryCluster(title=match.partner.title[:500], first_seen_at=now)
        joining.append((obj, story))
    if started:
        StoryCluster.objects.bulk_create(started.values())
        Item.objects.filter(pk__in=started).update(
            cluster_id=Case(*(When(pk=pk, then=Value(story.pk)) for pk, story in started.items()))
        )
        for partner_pk, story in started.items():
            stories.set_cluster(partner_pk, story.pk)  # the next retelling joins this story
        for obj, story in joining:
            obj.cluster_id = story.pk
    return {obj.cluster_id for obj in items if obj.cluster_id}


def _store_items(
    source: Source, outcome: PassOutcome, taxonomy: Taxonomy, now: datetime, counts: Counts, stories: StoryIndex
) -> None:
    by_key: dict[str, ClassifiedItem] = {}
    for entry in outcome.items:
        by_key.setdefault(entry.item.key, entry)
    keys = list(by_key)
    urls = [e.item.url for e in by_key.values() if e.item.url]
    existing = {
        key: (pk, content_hash)
        for key, pk, content_hash in Item.objects.filter(source=source, key__in=keys).values_list(
            "key", "pk", "content_hash"
        )
    }
    existing_by_url = {
        url: (pk, content_hash)
        for url, pk, content_hash in Item.objects.filter(source=source, url__in=urls).values_list(
            "url", "pk", "content_hash"
        )
    }
    tombstones = set(Tombstone.objects.filter(feed_url=source.feed_url, key__in=keys).values_list("key", flat=True))
    plans = decide.plan_items(
        [(e.item.key, e.item.content_hash, e.item.url) for e in by_key.values()],
        existing,
        existing_by_url,
        tombstones,
    )
    wants_full_text = source.full_text and source.reuse_rights == ReuseRights.FULL_TEXT
    new: list[tuple[Item, ClassifiedItem]] = []
    for plan in plans:
        entry = by_key[plan.key]
        if plan.action == "new":
            obj = Item(
                source=source,
                published_at=entry.item.published_at,
                first_seen_at=now,
                updated_at=now,
                enrich_state=EnrichState.PENDING if wants_full_text and entry.relevant else EnrichState.NONE,
                **_fields(source, entry, taxonomy),
            )
            new.append((obj, entry))
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
    stories = stories if stories is not None else StoryIndex()
    counts = Counts(sources=1)
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=outcome.source_id)
        if outcome.status == "ok":
            if outcome.identity_note:
                source.identity_policy = outcome.identity_policy
                source.identity_note = outcome.identity_note[:300]
            _store_items(source, outcome, taxonomy, now, counts, stories)
            source.etag = outcome.etag[:300]
            source.last_modified = outcome.last_modified[:100]
            source.malformed = outcome.malformed
        elif outcome.status == "not_modified":
            counts.unchanged += 1
        else:
            counts.errors += 1
        plan = decide.schedule(
            now=now,
            interval=source.poll_interval,
            failures_before=source.consecutive_failures,
            ok=outcome.ok,
            max_age=outcome.max_age,
            retry_after=outcome.retry_after,
            jitter=random.random(),  # noqa: S311 (spreading load, not security)
        )
        source.next_fetch_at = plan.next_fetch_at
        source.consecutive_failures = plan.consecutive_failures
        source.last_fetch_at = now
        source.last_status = outcome.http_status
        source.last_error = "" if outcome.ok else outcome.error[:2000]
        if counts.new:
            source.last_new_item_at = now
            dates = list(
                source.items.filter(status=ItemStatus.VISIBLE)
                .order_by("-published_at")
                .values_list("published_at", flat=True)[:30]
            )
            source.typical_gap = decide.typical_gap(dates) or source.typical_gap
        if counts.new or counts.updated or counts.filtered:
            source.item_count = source.items.filter(status=ItemStatus.VISIBLE).count()
        source.save()
        FetchLog.objects.create(
            source=source,
            started_at=outcome.started_at,
            duration=outcome.duration,
            status=outcome.status,
            http_status=outcome.http_status,
            new=counts.new,
            updated=counts.updated,
            unchanged=counts.unchanged,
            filtered=counts.filtered,
            malformed=outcome.malformed,
            error=outcome.error[:2000],
        )
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
