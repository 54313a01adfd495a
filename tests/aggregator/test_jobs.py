"""Scheduler jobs, alerts and pruning."""

from datetime import timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from aggregator import alerts, jobs
from aggregator.models import FetchLog, Item, ItemStatus, Source, Tombstone

pytestmark = pytest.mark.django_db


def test_register_jobs_adds_the_aggregator_jobs():
    scheduler = BackgroundScheduler()
    jobs.register_jobs(scheduler)
    registered = {job.id: job for job in scheduler.get_jobs()}
    assert set(registered) == {
        "aggregator_feed_pass",
        "aggregator_enrich",
        "aggregator_alerts",
        "aggregator_prune",
    }
    assert registered["aggregator_feed_pass"].max_instances == 1
    assert registered["aggregator_feed_pass"].trigger.interval == timedelta(seconds=settings.SCHEDULER_POLL_SECONDS)


def test_jobs_never_raise(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(jobs.pipeline, "run_pass", boom)
    jobs.feed_pass()  # logged, not raised: the scheduler keeps its job


def test_run_aggregator_calls_the_scheduler(monkeypatch):
    import cms.scheduler

    called = []
    monkeypatch.setattr(cms.scheduler, "run_forever", lambda: called.append(True))
    call_command("run_aggregator")
    assert called == [True]


def test_alert_once_per_incident_and_never_disable(settings):
    settings.AGGREGATOR_ALERT_EMAILS = ["ops@example.org"]
    now = timezone.now()
    failing = Source.objects.create(
        name="Hỏng", feed_url="https://a.example/rss", consecutive_failures=10, last_error="HTTP 500"
    )
    quiet = Source.objects.create(
        name="Im lặng",
        feed_url="https://b.example/rss",
        last_new_item_at=now - timedelta(days=2),
        typical_gap=timedelta(hours=2),
    )
    Source.objects.create(name="Ổn", feed_url="https://c.example/rss", consecutive_failures=9)
    Source.objects.create(name="Tắt", feed_url="https://d.example/rss", consecutive_failures=50, enabled=False)
    assert alerts.send_alerts(now) == 2
    assert len(mail.outbox) == 1
    assert "Hỏng" in mail.outbox[0].body and "Im lặng" in mail.outbox[0].body and "Ổn" not in mail.outbox[0].body
    assert mail.outbox[0].to == ["ops@example.org"]
    assert alerts.send_alerts(now) == 0 and len(mail.outbox) == 1
    failing.refresh_from_db()
    assert failing.enabled and failing.alerted_at is not None
    Source.objects.filter(pk=failing.pk).update(consecutive_failures=0)
    alerts.send_alerts(now)
    failing.refresh_from_db()
    assert failing.alerted_at is None  # recovered: the next incident alerts again
    quiet.refresh_from_db()
    assert quiet.alerted_at is not None


def test_alert_recipients_default_to_superusers(settings):
    from django.contrib.auth import get_user_model

    settings.AGGREGATOR_ALERT_EMAILS = []
    get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    assert alerts.recipients() == ["root@example.org"]


def test_prune_old_logs_and_old_filtered_items_without_tombstones():
    source = Source.objects.create(name="a", feed_url="https://a.example/rss")
    old = timezone.now() - timedelta(days=60)
    FetchLog.objects.create(source=source, started_at=old, duration=timedelta(0), status="ok")
    recent = FetchLog.objects.create(source=source, started_at=timezone.now(), duration=timedelta(0), status="ok")
    common = {"source": source, "published_at": old, "content_hash": "h", "title": "t"}
    Item.objects.create(key="g:old-filtered", status=ItemStatus.FILTERED, first_seen_at=old, **common)
    kept = Item.objects.create(key="g:old-visible", status=ItemStatus.VISIBLE, first_seen_at=old, **common)
    jobs.prune()
    assert list(FetchLog.objects.all()) == [recent]
    assert list(Item.objects.all()) == [kept]
    assert Tombstone.objects.count() == 0
