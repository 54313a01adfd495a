"""Enrichment: full text and lead image for items of full-text sources, after the feed pass.

A queue in the database (``Item.enrich_state = pending``). Downloads run in a thread pool with at most
two requests at a time per host; the database is written in the calling thread. A failure is recorded on
the item (retried up to three times) and never removes it.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from . import extract, fetch, images
from .models import EnrichState, Item
from .sanitize import to_text

logger = logging.getLogger(__name__)

PER_HOST = fetch.PER_HOST
MAX_ATTEMPTS = 3
RETRY_STEP = timedelta(minutes=10)  # the n-th retry waits n x 10 minutes
MAX_IMAGE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Job:
    item_id: int
    url: str
    title: str
    outlet: str
    rule: extract.Rule


@dataclass(frozen=True)
class Result:
    item_id: int
    content: str = ""
    author: str = ""
    image_url: str = ""
    image: images.VerifiedImage | None = None
    error: str = ""


def _get(url: str, session, accept: str | None = None, max_bytes: int | None = None) -> bytes:
    with fetch.host_slot(url):
        return fetch.fetch(url, session=session, accept=accept, max_bytes=max_bytes).content


def work(job: Job, session=None) -> Result:
    """Download and extract one article and its lead image. No database access."""
    try:
        page = _get(job.url, session, accept="text/html,application/xhtml+xml")
        found = extract.extract(page, job.url, job.rule)
    except fetch.FetchError as exc:
        return Result(job.item_id, error=f"article: {exc.kind}: {exc}")
    except Exception as exc:
        logger.exception("extracting %s failed", job.url)
        return Result(job.item_id, error=f"article: {exc!r}")
    image, error = None, ""
    if found.image_url:
        try:
            image = images.verify(_get(found.image_url, session, accept="image/*", max_bytes=MAX_IMAGE_BYTES))
        except fetch.FetchError as exc:
            error = f"image: {exc.kind}: {exc}"
        except images.BadImage as exc:
            error = f"image: {exc}"
    if not found.content:
        error = "article: no main content found" + (f"; {error}" if error else "")
    return Result(job.item_id, found.content, found.author, found.image_url, image, error)


def apply(result: Result) -> None:
    """Save what was found. The item keeps its feed text when nothing better came back."""
    with transaction.atomic():
        item = Item.objects.select_for_update().select_related("source").filter(pk=result.item_id).first()
        if item is None:
            return  # deleted meanwhile
        if result.content:
            item.content = result.content
        if result.author and not item.author:
            item.author = result.author
        if result.image_url:
            item.image_url = result.image_url
        if result.image is not None:
            credit = item.source.outlet or item.source.name
            item.image = images.store(result.image, to_text(item.title), credit)
            item.image_credit = credit
        item.enrich_attempts += 1
        item.enrich_error = result.error[:500]
        if result.content:
            item.enrich_state = EnrichState.DONE
        elif item.enrich_attempts >= MAX_ATTEMPTS:
            item.enrich_state = EnrichState.FAILED
        else:
            item.enrich_after = timezone.now() + RETRY_STEP * item.enrich_attempts
        item.save()


def _record_failure(item_id: int, error: str) -> None:
    Item.objects.filter(pk=item_id).update(
        enrich_attempts=F("enrich_attempts") + 1,
        enrich_error=error[:500],
        enrich_after=timezone.now() + RETRY_STEP,
    )
    Item.objects.filter(pk=item_id, enrich_attempts__gte=MAX_ATTEMPTS).update(enrich_state=EnrichState.FAILED)


def pending(limit: int = 50, now=None):
    now = now or timezone.now()
    return (
        Item.objects.filter(enrich_state=EnrichState.PENDING, source__full_text=True)
        .filter(Q(enrich_after__isnull=True) | Q(enrich_after__lte=now))
        .exclude(url="")
        .select_related("source")
        .order_by("first_seen_at", "pk")[:limit]
    )


def drain(limit: int = 50, workers: int = 4, session=None) -> int:
    """Enrich up to ``limit`` queued items; returns how many were processed."""
    jobs = [
        Job(
            item.pk,
            item.url,
            item.title,
            item.source.outlet,
            extract.Rule(
                item.source.body_selector,
                item.source.image_selector,
                item.source.author_selector,
                item.source.drop_selector,
            ),
        )
        for item in pending(limit)
    ]
    if not jobs:
        return 0
    session = session or fetch.shared_session()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(work, job, session): job.item_id for job in jobs}
        for future in as_completed(futures):
            try:
                result = future.result()
                apply(result)
            except Exception as exc:
                logger.exception("saving an enrichment failed")
                _record_failure(futures[future], repr(exc))
    return len(jobs)
