"""The aggregator's periodic jobs, registered on the installation's one scheduler (cms.scheduler)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from cms.scheduler import database_job
from cms.scheduler import is_active as scheduler_is_active

from . import alerts, enrich, pipeline
from .models import FetchLog, Item, ItemStatus, suppress_tombstones

logger = logging.getLogger(__name__)

ENRICH_SECONDS = 60
ALERT_MINUTES = 15
FIRST_PASS_DELAY = 10
FILTERED_ITEM_DAYS = 30


@database_job
def feed_pass() -> None:
    counts = pipeline.run_pass(pipeline.due_sources(), keep_going=scheduler_is_active)
    if counts.sources:
        logger.info(
            "aggregator: %s sources, %s new, %s updated, %s unchanged, %s filtered out, %s errors",
            counts.sources,
            counts.new,
            counts.updated,
            counts.unchanged,
            counts.filtered,
            counts.errors,
        )


@database_job
def enrich_queue() -> None:
    enrich.drain()


@database_job
def check_alerts() -> None:
    alerts.send_alerts()


@database_job
def prune() -> None:
    """Old fetch logs go; old filtered-out items go too (without tombstones: they may come back)."""
    now = timezone.now()
    FetchLog.objects.filter(started_at__lt=now - timedelta(days=settings.AGGREGATOR_FETCH_LOG_DAYS)).delete()
    token = suppress_tombstones.set(True)
    try:
        Item.objects.filter(
            status=ItemStatus.FILTERED, first_seen_at__lt=now - timedelta(days=FILTERED_ITEM_DAYS)
        ).delete()
    finally:
        suppress_tombstones.reset(token)


def register_jobs(scheduler) -> None:
    common = {"max_instances": 1, "coalesce": True, "replace_existing": True}
    scheduler.add_job(
        feed_pass,
        "interval",
        seconds=settings.SCHEDULER_POLL_SECONDS,  # the heartbeat's interval too (/healthz)
        jitter=5,
        id="aggregator_feed_pass",
        # Soon after start (the web server beside it serves the demo feeds), then every minute.
        next_run_time=timezone.now() + timedelta(seconds=FIRST_PASS_DELAY),
        **common,
    )
    scheduler.add_job(enrich_queue, "interval", seconds=ENRICH_SECONDS, jitter=5, id="aggregator_enrich", **common)
    scheduler.add_job(check_alerts, "interval", minutes=ALERT_MINUTES, id="aggregator_alerts", **common)
    scheduler.add_job(prune, "cron", hour=3, minute=17, id="aggregator_prune", **common)
