"""/healthz for the load balancer and monitoring: database, cache and scheduler, as JSON; 200 or 503.

Each check answers "ok" or "fail" and nothing else: the reason goes to the log, never to the response,
since an exception's text may hold a host name or a connection string.
"""

import logging
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cms.models import SchedulerHeartbeat

logger = logging.getLogger(__name__)

CACHE_PROBE_KEY = "healthz:probe"


def database_reachable() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_reachable() -> bool:
    token = uuid.uuid4().hex  # a key per probe: two probes at once must not read each other's value
    key = f"{CACHE_PROBE_KEY}:{token}"
    cache.set(key, token, timeout=10)
    return cache.get(key) == token


def scheduler_alive() -> bool:
    """The active scheduler's heartbeat is younger than two poll intervals."""
    last = SchedulerHeartbeat.last()
    return last is not None and timezone.now() - last < timedelta(seconds=2 * settings.SCHEDULER_POLL_SECONDS)


CHECKS: dict[str, Callable[[], bool]] = {
    "database": database_reachable,
    "cache": cache_reachable,
    "scheduler": scheduler_alive,
}


def _run(name: str, check: Callable[[], bool]) -> str:
    try:
        if check():
            return "ok"
        logger.warning("healthz: %s check failed", name)
    except Exception:
        logger.exception("healthz: %s check raised", name)
    return "fail"


@never_cache
@require_safe
def healthz(request):
    checks = {name: _run(name, check) for name, check in CHECKS.items()}
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)
