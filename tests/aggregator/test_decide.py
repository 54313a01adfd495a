from datetime import UTC, datetime, timedelta

import pytest

from aggregator import decide

NOW = datetime(2026, 9, 14, 12, 0, tzinfo=UTC)
M15 = timedelta(minutes=15)


def test_success_uses_the_interval_and_resets_failures():
    plan = decide.schedule(now=NOW, interval=M15, failures_before=4, ok=True)
    assert plan == decide.Schedule(NOW + M15, 0)


def test_max_age_longer_than_interval_is_respected_but_bounded():
    assert decide.schedule(
        now=NOW, interval=M15, failures_before=0, ok=True, max_age=3600
    ).next_fetch_at == NOW + timedelta(hours=1)
    assert decide.schedule(now=NOW, interval=M15, failures_before=0, ok=True, max_age=60).next_fetch_at == NOW + M15
    far = decide.schedule(now=NOW, interval=M15, failures_before=0, ok=True, max_age=10**9).next_fetch_at
    assert far == NOW + timedelta(hours=24)


@pytest.mark.parametrize(
    ("failures_before", "delay"),
    [
        (0, M15),
        (1, M15),
        (2, timedelta(hours=1)),
        (3, timedelta(hours=2)),
        (7, timedelta(hours=6)),
        (50, timedelta(hours=6)),
    ],
)
def test_backoff_after_three_failures_is_bounded(failures_before, delay):
    plan = decide.schedule(now=NOW, interval=M15, failures_before=failures_before, ok=False)
    assert plan.consecutive_failures == failures_before + 1
    assert plan.next_fetch_at == NOW + delay


def test_retry_after_is_a_floor():
    assert decide.schedule(
        now=NOW, interval=M15, failures_before=0, ok=False, retry_after=7200
    ).next_fetch_at == NOW + timedelta(hours=2)
    assert decide.schedule(
        now=NOW, interval=M15, failures_before=5, ok=False, retry_after=60
    ).next_fetch_at == NOW + timedelta(hours=4)


def test_jitter_stretches_by_at_most_ten_percent():
    assert decide.next_update_after(NOW, timedelta(minutes=10), 0.0) == NOW + timedelta(minutes=10)
    assert decide.next_update_after(NOW, timedelta(minutes=10), 0.5) == NOW + timedelta(minutes=10, seconds=30)
    assert decide.next_update_after(NOW, timedelta(minutes=10), 7.0) == NOW + timedelta(minutes=11)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("max-age=300", 300),
        ("public, max-age=600, must-revalidate", 600),
        ('max-age="60"', 60),
        ("s-maxage=90", None),
        ("no-cache", None),
        (None, None),
        ("max-age=abc", None),
    ],
)
def test_max_age(header, seconds):
    assert decide.max_age(header) == seconds


def test_quiet_needs_three_gaps_and_a_day():
    hour = timedelta(hours=1)
    assert decide.is_quiet(now=NOW, last_new_item_at=NOW - 23 * hour, typical_gap=hour) is False
    assert decide.is_quiet(now=NOW, last_new_item_at=NOW - 24 * hour, typical_gap=hour) is True
    assert decide.is_quiet(now=NOW, last_new_item_at=NOW - 48 * hour, typical_gap=20 * hour) is False
    assert decide.is_quiet(now=NOW, last_new_item_at=NOW - 60 * hour, typical_gap=20 * hour) is True
    assert decide.is_quiet(now=NOW, last_new_item_at=None, typical_gap=hour) is False
    assert decide.needs_alert(failures=10, quiet=False) and not decide.needs_alert(failures=9, quiet=False)


def test_typical_gap_is_the_median():
    dates = [NOW - timedelta(hours=h) for h in (0, 1, 2, 3, 10)]
    assert decide.typical_gap(dates) == timedelta(hours=1)
    assert decide.typical_gap(dates[:4]) is None


def test_plan_items():
    existing = {"g:1": (10, "h1"), "g:2": (11, "h2")}
    by_url = {"https://b.example/3": (12, "h3")}
    plans = decide.plan_items(
        [
            ("g:1", "h1", ""),
            ("g:2", "changed", ""),
            ("g:new", "h", "https://b.example/3"),
            ("g:4", "h4", ""),
            ("g:4", "h4", ""),
            ("g:dead", "h", ""),
            ("l:https://b.example/deleted", "h", "https://b.example/deleted"),
            ("g:5", "h5", "https://b.example/5"),
        ],
        existing,
        by_url,
        {"g:dead"},
        {"https://b.example/deleted"},
    )
    assert [(p.action, p.key, p.existing_id) for p in plans] == [
        ("unchanged", "g:1", 10),
        ("update", "g:2", 11),
        ("update", "g:new", 12),  # a new guid for a link already stored
        ("new", "g:4", None),
        ("tombstoned", "g:dead", None),
        ("tombstoned", "l:https://b.example/deleted", None),  # deleted under another key, same link
        ("new", "g:5", None),
    ]
