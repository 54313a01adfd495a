"""The decider: pure functions from the old state, what the fetch returned, and now, to what to do.

No I/O here: the pipeline gathers the inputs and applies the decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

BACKOFF_AFTER = 3  # consecutive failures before backing off
BACKOFF_STEP = timedelta(hours=1)
BACKOFF_CAP = timedelta(hours=6)
ALERT_AFTER = 10  # consecutive failures before admins are alerted
MAX_HINT = timedelta(hours=24)  # server hints longer than this are not trusted
JITTER = 0.1  # up to +10% of the delay
QUIET_FACTOR = 3
QUIET_MINIMUM = timedelta(hours=24)


@dataclass(frozen=True)
class Schedule:
    next_fetch_at: datetime
    consecutive_failures: int


def next_update_after(now: datetime, delay: timedelta, jitter: float) -> datetime:
    """``now + delay`` stretched by up to ``JITTER`` of it; ``jitter`` is a number in [0, 1)."""
    return now + delay * (1 + JITTER * min(max(jitter, 0.0), 1.0))


def schedule(
    *,
    now: datetime,
    interval: timedelta,
    failures_before: int,
    ok: bool,
    max_age: int | None = None,
    retry_after: int | None = None,
    jitter: float = 0.0,
) -> Schedule:
    """When to check a source next, and its new failure count.

    Success: the poll interval, or the server's max-age if longer. Failure: the interval until the third
    failure in a row, then 1 h x n (capped at 6 h). Retry-After (429/503) is a floor either way.
    """
    if ok:
        failures = 0
        delay = max(interval, min(timedelta(seconds=max_age or 0), MAX_HINT))
    else:
        failures = failures_before + 1
        if failures >= BACKOFF_AFTER:
            delay = min(BACKOFF_STEP * (failures - BACKOFF_AFTER + 1), BACKOFF_CAP)
            delay = max(delay, interval)
        else:
            delay = interval
    if retry_after:
        delay = max(delay, min(timedelta(seconds=retry_after), MAX_HINT))
    return Schedule(next_update_after(now, delay, jitter), failures)


def max_age(cache_control: str | None) -> int | None:
    """Seconds of ``max-age`` in a Cache-Control header (``s-maxage`` is for shared caches, not us)."""
    for part in (cache_control or "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "max-age" and value.strip().strip('"').isdigit():
            return int(value.strip().strip('"'))
    return None


def is_quiet(*, now: datetime, last_new_item_at: datetime | None, typical_gap: timedelta | None) -> bool:
    """No new item for three times the usual gap, and at least 24 hours."""
    if last_new_item_at is None or typical_gap is None:
        return False
    return now - last_new_item_at >= max(QUIET_FACTOR * typical_gap, QUIET_MINIMUM)


def needs_alert(*, failures: int, quiet: bool) -> bool:
    return failures >= ALERT_AFTER or quiet


def typical_gap(dates: list[datetime]) -> timedelta | None:
    """Median gap between consecutive publication dates (at least 5 dates), or None."""
    ordered = sorted(dates)
    if len(ordered) < 5:
        return None
    gaps = sorted(b - a for a, b in pairwise(ordered))
    return gaps[len(gaps) // 2]


@dataclass(frozen=True)
class ItemPlan:
    action: str  # new | update | unchanged | tombstoned
    key: str
    existing_id: int | None = None


def plan_items(
    keys_and_hashes: list[tuple[str, str, str]],
    existing: dict[str, tuple[int, str]],
    existing_by_url: dict[str, tuple[int, str]],
    tombstones: set[str],
    tombstoned_urls: set[str],
) -> list[ItemPlan]:
    """What to do with each (key, content_hash, url) of a pass, given the stored state of the source.

    A key seen earlier in the same document is ignored (duplicate guids). An unknown key whose link
    is already stored is the same item under a new guid: an update, not a new item; likewise an item
    whose key or link an editor deleted stays deleted.
    """
    plans: list[ItemPlan] = []
    seen: set[str] = set()
    used: set[int] = set()
    for key, content_hash, url in keys_and_hashes:
        if key in seen:
            continue
        seen.add(key)
        if key in existing:
            used.add(existing[key][0])
        if key in tombstones or (url and url in tombstoned_urls):
            plans.append(ItemPlan("tombstoned", key))
        elif key in existing:
            item_id, old_hash = existing[key]
            plans.append(ItemPlan("unchanged" if old_hash == content_hash else "update", key, item_id))
        elif url and url in existing_by_url:
            item_id, _old_hash = existing_by_url[url]
            if item_id in used:
                continue  # two entries of one document with the same link
            plans.append(ItemPlan("update", key, item_id))
        else:
            plans.append(ItemPlan("new", key))
    return plans
