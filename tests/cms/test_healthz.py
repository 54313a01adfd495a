"""/healthz: database, cache and the scheduler's heartbeat; 200 when all answer, 503 otherwise."""

import socket
from datetime import timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from cms.models import SchedulerHeartbeat
from cms.scheduler import register_jobs

pytestmark = pytest.mark.django_db


def run_heartbeat_job() -> None:
    """Runs the job the active scheduler runs, as registered (not started: no other job runs)."""
    scheduler = BackgroundScheduler(timezone=settings.TIME_ZONE)
    register_jobs(scheduler)
    job = scheduler.get_job("heartbeat")
    assert job.trigger.interval == timedelta(seconds=settings.SCHEDULER_POLL_SECONDS)
    job.func()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthy_after_the_scheduler_beats(client):
    run_heartbeat_job()
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200  # no language redirect, no slash redirect
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "scheduler": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_a_stale_heartbeat_fails(client):
    SchedulerHeartbeat.beat(timezone.now() - timedelta(seconds=2 * settings.SCHEDULER_POLL_SECONDS + 1))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "ok", "cache": "ok", "scheduler": "fail"}}


def test_no_heartbeat_at_all_fails(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["scheduler"] == "fail"


def test_recovery_is_seen_at_once_nothing_is_cached(client):
    assert client.get("/healthz").status_code == 503
    run_heartbeat_job()
    assert client.get("/healthz").status_code == 200


def test_an_unreachable_cache_fails_without_telling_why(client):
    run_heartbeat_job()
    port = closed_port()
    unreachable = {
        "default": {"BACKEND": "cms.redis_cache.PooledRedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0"}
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "ok", "cache": "fail", "scheduler": "ok"}}
    assert str(port) not in response.content.decode()


def test_a_redis_cache_that_answers_is_ok(client):
    run_heartbeat_job()
    redis = {
        "default": {
            "BACKEND": "cms.redis_cache.PooledRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": "asean-test-healthz",
        }
    }
    with override_settings(CACHES=redis):
        response = client.get("/healthz")
    assert response.status_code == 200
