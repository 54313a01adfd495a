"""Scheduled publishing run by the app's scheduler, and its single-active-instance lock."""

import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from cms import scheduler
from cms.scheduler import SchedulerLock, publish_scheduled_pages, register_jobs, wait_for_lock
from tests.cms.factories import make_article


def test_go_live_and_expiry_are_applied_by_the_scheduler_job(portal):
    page = make_article(portal.column_vi, "Đăng theo lịch", publish=False)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()  # with a future go-live time this only schedules it
    page.refresh_from_db()
    assert not page.live
    revision = page.latest_revision
    assert revision.approved_go_live_at is not None

    publish_scheduled_pages()
    page.refresh_from_db()
    assert not page.live  # not yet time

    # Let the clock pass the go-live time: move both recorded times into the past.
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    publish_scheduled_pages()
    page.refresh_from_db()
    assert page.live

    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save()
    publish_scheduled_pages()
    page.refresh_from_db()
    assert not page.live and page.expired


def test_scheduler_registers_scheduled_publishing():
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = BackgroundScheduler()
    register_jobs(scheduler)
    jobs = {job.id for job in scheduler.get_jobs()}
    # One scheduler runs everything: publishing, the heartbeat, the newsrooms' digests and the aggregator.
    assert {"publish_scheduled", "heartbeat", "shared_digests", "aggregator_feed_pass", "aggregator_prune"} <= jobs


@pytest.mark.django_db
def test_only_one_process_holds_the_scheduler_lock(settings, tmp_path):
    settings.SCHEDULER_LOCK_FILE = str(tmp_path / "scheduler.lock")
    first, second = SchedulerLock(), SchedulerLock()
    try:
        assert first.acquire()
        assert not second.acquire()
        first.release()  # the active scheduler dies: the standby takes over
        assert second.acquire()
    finally:
        first.release()
        second.release()


@pytest.fixture
def standby(settings, tmp_path, monkeypatch):
    """A holder of the lock, and a standby waiting for it in a thread: (holder, stop, answers, thread)."""
    settings.SCHEDULER_LOCK_FILE = str(tmp_path / "scheduler.lock")
    monkeypatch.setattr(scheduler, "STANDBY_RETRY_SECONDS", 0.05)
    holder, waiting = SchedulerLock(), SchedulerLock()
    assert holder.acquire()
    stop, answers = threading.Event(), []
    thread = threading.Thread(target=lambda: answers.append(wait_for_lock(waiting, stop)))
    thread.start()
    thread.join(0.5)
    assert thread.is_alive() and not answers  # waiting while the holder lives
    yield holder, stop, answers, thread
    stop.set()
    thread.join(5)
    holder.release()
    waiting.release()


@pytest.mark.django_db
def test_standby_takes_over_when_the_holder_lets_go(standby):
    holder, _stop, answers, thread = standby
    holder.release()  # the active scheduler dies
    thread.join(5)
    assert answers == [True]


@pytest.mark.django_db
def test_standby_gives_up_when_stopped(standby):
    holder, stop, answers, thread = standby
    stop.set()
    thread.join(5)
    assert answers == [False]
    holder.release()
    after = SchedulerLock()
    try:
        assert after.acquire()  # the standby did not take the lock on its way out
    finally:
        after.release()


def test_outside_a_scheduler_jobs_always_keep_going():
    from cms.scheduler import is_active

    assert is_active()  # fetch_feeds and "Fetch now" run passes without any scheduler in the process
