"""The imperative shell: fetch, parse, normalise and classify in a thread pool (no database there), then
store each source's result in the calling thread, one transaction per source.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import replace
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from . import decide, fetch, normalize, parse
from .classify import Rule, classify
from .intents import ClassifiedItem, Counts, PassOutcome, SourceSnapshot
from .models import KeywordRule, Source
from .store import Taxonomy, record_pass

logger = logging.getLogger(__name__)

MAX_ENTRIES = 500


def load_rules() -> list[Rule]:
    return [
        Rule(term=r.term, weight=r.weight, target=r.target, slug=r.target_slug)
        for r in KeywordRule.objects.filter(enabled=True)
    ]


def due_sources(now=None):
    now = now or timezone.now()
    return Source.objects.feeds().filter(enabled=True).filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))


def gather(snapshot: SourceSnapshot, rules: list[Rule], threshold: float, session=None, now=None) -> PassOutcome:
    """Fetch one source and turn its document into classified items. No database access."""
    started = timezone.now()
    clock = time.monotonic()

    def done(status: str, **kwargs) -> PassOutcome:
        return PassOutcome(
            source_id=snapshot.id,
            started_at=started,
            duration=timedelta(seconds=time.monotonic() - clock),
            status=status,
            **kwargs,
        )

    try:
        with fetch.host_slot(snapshot.feed_url):  # several section feeds of one outlet: be polite
            result = fetch.fetch(
                snapshot.feed_url, etag=snapshot.etag, last_modified=snapshot.last_modified, session=session
            )
    except fetch.BotWall as exc:
        return done("blocked", http_status=exc.status, retry_after=exc.retry_after, error=str(exc))
    except fetch.FetchError as exc:
        return done("error", http_status=exc.status, retry_after=exc.retry_after, error=f"{exc.kind}: {exc}")
    hints = {"http_status": result.status, "max_age": decide.max_age(result.headers.get("Cache-Control"))}
    if result.not_modified:
        return done("not_modified", **hints)
    try:
        feed = parse.parse_feed(result.content, result.headers, result.url)
    except parse.ParseError as exc:
        return done("error", error=f"parse: {exc}", malformed=True, **hints)
    except Exception as exc:  # a parser crash is this source's problem, never the pass's
        logger.exception("parsing %s failed", snapshot.feed_url)
        return done("error", error=f"parse: {exc!r}", malformed=True, **hints)
    entries = feed.entries[:MAX_ENTRIES]  # a feed is a window on recent news, not an archive
    policy, note = normalize.choose_identity(snapshot.identity_policy, entries)
    if note:
        logger.warning("source %s: %s", snapshot.feed_url, note)
    now = now or timezone.now()
    items = []
    for entry in entries:
        item = normalize.normalize_entry(
            entry, policy=policy, time_zone=snapshot.time_zone, now=now, base_url=feed.link or result.url
        )
        result_ = classify(item.title, item.text, rules)
        relevant = not snapshot.asean_filter or result_.score >= threshold
        items.append(ClassifiedItem(item, result_, relevant))
    return done(
        "ok",
        etag=result.headers.get("ETag", ""),
        last_modified=result.headers.get("Last-Modified", ""),
        malformed=feed.malformed,
        error=f"malformed feed: {feed.problem}" if feed.malformed else "",
        identity_policy=policy,
        identity_note=note,
        items=items,
        **hints,
    )


def _record_store_failure(outcome: PassOutcome, taxonomy: Taxonomy, exc: Exception) -> Counts:
    """Record a pass whose items could not be stored as a failure, so the source backs off and has a log."""
    failed = replace(outcome, status="error", error=f"store: {exc!r}"[:2000], items=[], etag="", last_modified="")
    try:
        return record_pass(failed, taxonomy)
    except Exception:
        logger.exception("recording the failure of source %s failed too", outcome.source_id)
        return Counts(sources=1, errors=1)


def run_pass(
    sources: Iterable[Source],
    *,
    workers: int | None = None,
    progress: Callable[[Source, Counts], None] | None = None,
    session=None,
) -> Counts:
    """One pass over ``sources``: network work in parallel, storage one source at a time."""
    sources = list(sources)
    total = Counts()
    if not sources:
        return total
    rules = load_rules()
    taxonomy = Taxonomy.load()
    threshold = settings.AGGREGATOR_RELEVANCE_THRESHOLD
    session = session or fetch.shared_session()
    by_id = {s.pk: s for s in sources}
    with ThreadPoolExecutor(max_workers=workers or settings.AGGREGATOR_WORKERS) as pool:
        futures = {pool.submit(gather, SourceSnapshot.of(s), rules, threshold, session): s for s in sources}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except Exception as exc:  # a bug on one source's input must not stop the pass
                logger.exception("the pass over %s failed", futures[future].feed_url)
                now = timezone.now()
                outcome = PassOutcome(futures[future].pk, now, timedelta(0), "error", error=f"internal: {exc!r}")
            try:
                counts = record_pass(outcome, taxonomy)
            except Exception as exc:
                logger.exception("storing the pass of source %s failed", outcome.source_id)
                counts = _record_store_failure(outcome, taxonomy, exc)
            total.add(counts)
            if progress:
                progress(by_id[outcome.source_id], counts)
    return total
