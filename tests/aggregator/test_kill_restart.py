"""A real process stopped in the middle of a pass: killed, then restarted (no duplicate, nothing committed
lost), or the scheduler asked to stop with SIGTERM (it ends the pass first); and a second scheduler that waits
as standby until the first is killed.

The stopped process needs a database of its own that outlives it, so these tests use an SQLite file whatever
the suite's database is (the in-process crash test in test_pipeline.py runs on both databases).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .feeds import items, rss

ROOT = Path(__file__).resolve().parents[2]
RELEASE = threading.Event()


class FeedHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow.xml":
            RELEASE.wait(60)  # holds the second source until the first one is stored and the process killed
            body = rss(items(3, start=10))
        else:
            body = rss(items(5))
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    RELEASE.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    RELEASE.set()
    server.shutdown()
    server.server_close()


def manage(env, *args, **kwargs):
    command = [sys.executable, str(ROOT / "manage.py"), *args]  # our own arguments only
    return subprocess.Popen(command, cwd=ROOT, env=env, **kwargs)  # noqa: S603


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db, timeout=10) as connection:
        return connection.execute(sql).fetchone()[0]


def fast_and_slow_sources(tmp_path, feed_server) -> tuple[dict, Path]:
    """An SQLite database with two sources: "fast" answers at once, "slow" only once RELEASE is set."""
    db = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{db}",
        "AGGREGATOR_ALLOWED_NETWORKS": "127.0.0.0/8",
        "SCHEDULER_LOCK_FILE": str(tmp_path / "scheduler.lock"),
    }
    assert manage(env, "migrate", "-v0").wait() == 0
    create = (
        "from aggregator.models import Source;"
        f"Source.objects.create(name='fast', feed_url='{feed_server}/fast.xml', asean_filter=False);"
        f"Source.objects.create(name='slow', feed_url='{feed_server}/slow.xml', asean_filter=False)"
    )
    assert manage(env, "shell", "-c", create).wait() == 0
    return env, db


def wait_for_the_fast_source(process: subprocess.Popen, db: Path) -> None:
    deadline = time.monotonic() + 60
    while count(db, "SELECT count(*) FROM aggregator_item") < 5 and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)


def test_kill_mid_pass_and_restart(tmp_path, feed_server):
    env, db = fast_and_slow_sources(tmp_path, feed_server)
    first = manage(env, "fetch_feeds", "--all", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_for_the_fast_source(first, db)
    first.send_signal(signal.SIGKILL)  # mid-pass: the slow source is still being fetched
    first.wait()
    assert count(db, "SELECT count(*) FROM aggregator_item") == 5  # what was committed is kept
    RELEASE.set()

    restart = manage(env, "fetch_feeds", "--all", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = restart.communicate(timeout=120)
    assert restart.returncode == 0, err
    assert "new items: 3," in out
    assert count(db, "SELECT count(*) FROM aggregator_item") == 8
    assert count(db, "SELECT count(DISTINCT source_id || key) FROM aggregator_item") == 8
    assert count(db, "SELECT count(*) FROM aggregator_fetchlog") == 3  # the killed pass logged its first source


@pytest.mark.parametrize(("signals", "items", "logs"), [(1, 8, 2), (2, 5, 1)], ids=["once", "twice"])
def test_sigterm_stops_the_scheduler_after_the_running_pass(tmp_path, feed_server, signals, items, logs):
    # Once: the pass goes on to its last source, then the process ends. Twice: the operator is in a hurry,
    # the pass ends before its next source (nothing of that source is stored, so the next pass takes it).
    env, db = fast_and_slow_sources(tmp_path, feed_server)
    scheduler = manage(env, "run_aggregator", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for_the_fast_source(scheduler, db)  # the first pass starts ~10 s after the scheduler
    for _ in range(signals):
        scheduler.send_signal(signal.SIGTERM)
        time.sleep(0.5)  # handled before the slow source answers
    assert scheduler.poll() is None  # still in the pass: the slow source has not answered
    RELEASE.set()
    _out, err = scheduler.communicate(timeout=60)
    assert scheduler.returncode == 0, err
    assert "stopping after the jobs that are running" in err
    assert count(db, "SELECT count(*) FROM aggregator_item") == items
    assert count(db, "SELECT count(*) FROM aggregator_fetchlog") == logs


def wait_for_line(log: Path, text: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while text not in log.read_text() and time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        time.sleep(0.05)
    assert text in log.read_text()


def test_a_second_scheduler_waits_as_standby_and_takes_over(tmp_path, feed_server):
    # On SQLite the lock is a file lock (tests/deploy/test_scale_out.py runs the same on PostgreSQL).
    RELEASE.set()
    env, db = fast_and_slow_sources(tmp_path, feed_server)
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    first = manage(env, "run_aggregator", stderr=logs[0].open("w"))
    second = None
    try:
        wait_for_line(logs[0], "this process is the active scheduler", first)
        second = manage(env, "run_aggregator", stderr=logs[1].open("w"))
        wait_for_line(logs[1], "waiting as standby", second)
        while count(db, "SELECT count(*) FROM aggregator_fetchlog") < 2:  # the first one's pass: both sources
            assert first.poll() is None, logs[0].read_text()
            time.sleep(0.05)
        assert "this process is the active scheduler" not in logs[1].read_text()  # one active at a time
        first.send_signal(signal.SIGKILL)
        first.wait()
        wait_for_line(logs[1], "this process is the active scheduler", second)  # the file lock died with it
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=60) == 0
    finally:
        for process in (first, second):
            if process and process.poll() is None:
                process.kill()
    assert count(db, "SELECT count(*) FROM aggregator_item") == 8
    assert count(db, "SELECT count(*) FROM aggregator_fetchlog") == 2
