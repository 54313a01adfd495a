"""Storing a pass: one transaction per source, idempotent (re-running a pass changes nothing)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cms.models import Country, Pillar, Topic

from . import decide, dedupe
from .intents import ClassifiedItem, Counts, PassOutcome
from .models import EnrichState, FetchLog, Item, ItemStatus, ReuseRights, Source, StoryCluster, Tombstone
from .sanitize import to_text

CLUSTER_WINDOW = timedelta(days=3)
EXCERPT_CHARS = 400


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
        text = to_text(item.summary or item.content)
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
        "title_signature": dedupe.title_signature(item.title),
        "image_url": item.image_url,
    }


def _set_labels(obj: Item, entry: ClassifiedItem, taxonomy: Taxonomy) -> None:
    result = entry.classification
    obj.topics.set([taxonomy.topics[s] for s in result.topics if s in taxonomy.topics])
    obj.countries.set([taxonomy.countries[c] for c in result.countries if c in taxonomy.countries])


def _cluster(obj: Item, now: datetime) -> None:
    """Put a visible item in the story cluster of the most similar recent item of another source."""
    candidates = list(
        Item.objects.filter(
            status=ItemStatus.VISIBLE,
            published_at__gte=obj.published_at - CLUSTER_WINDOW,
            published_at__lte=obj.published_at + CLUSTER_WINDOW,
        )
        .exclude(source_id=obj.source_id)
        .exclude(title_signature="")
        .order_by("-published_at")
        .values_list("pk", "title_signature", "cluster_id")[:2000]
    )
    match = dedupe.best_match(obj.title_signature, [(pk, sig) for pk, sig, _c in candidates])
    if match is None:
        return
    cluster_id = next(c for pk, _s, c in candidates if pk == match)
    if cluster_id is None:
        other = Item.objects.get(pk=match)
        cluster = StoryCluster.objects.create(title=other.title[:500], first_seen_at=now, item_count=1)
        Item.objects.filter(pk=match).update(cluster=cluster)
        cluster_id = cluster.pk
    obj.cluster_id = cluster_id
    Item.objects.filter(pk=obj.pk).update(cluster_id=cluster_id)
    StoryCluster.objects.filter(pk=cluster_id).update(item_count=F("item_count") + 1)


def _store_items(source: Source, outcome: PassOutcome, taxonomy: Taxonomy, now: datetime, counts: Counts):
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
    for plan in plans:
        entry = by_key[plan.key]
        if plan.action == "new":
            obj = Item.objects.create(
                source=source,
                published_at=entry.item.published_at,
                first_seen_at=now,
                updated_at=now,
                enrich_state=EnrichState.PENDING if wants_full_text and entry.relevant else EnrichState.NONE,
                **_fields(source, entry, taxonomy),
            )
            _set_labels(obj, entry, taxonomy)
            if entry.relevant:
                counts.new += 1
                _cluster(obj, now)
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


def record_pass(outcome: PassOutcome, taxonomy: Taxonomy, now: datetime | None = None) -> Counts:
    """Apply one source's pass in one transaction, update its health and leave a fetch log row."""
    now = now or timezone.now()
    counts = Counts(sources=1)
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=outcome.source_id)
        if outcome.status == "ok":
            if outcome.identity_note:
                source.identity_policy = outcome.identity_policy
                source.identity_note = outcome.identity_note[:300]
            _store_items(source, outcome, taxonomy, now, counts)
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
    return counts
