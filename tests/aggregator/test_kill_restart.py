"""A real process killed in the middle of a pass, then restarted: no duplicate, nothing committed lost.

The killed process needs a database of its own that outlives it, so this test uses an SQLite file whatever
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


def test_kill_mid_pass_and_restart(tmp_path, feed_server):
    db = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{db}",
        "AGGREGATOR_ALLOWED_NETWORKS": "127.0.0.0/8",
    }
    assert manage(env, "migrate", "-v0").wait() == 0
    create = (
        "from aggregator.models import Source;"
        f"Source.objects.create(name='fast', feed_url='{feed_server}/fast.xml', asean_filter=False);"
        f"Source.objects.create(name='slow', feed_url='{feed_server}/slow.xml', asean_filter=False)"
    )
    assert manage(env, "shell", "-c", create).wait() == 0

    first = manage(env, "fetch_feeds", "--all", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while count(db, "SELECT count(*) FROM aggregator_item") < 5 and time.monotonic() < deadline:
        assert first.poll() is None, first.communicate()
        time.sleep(0.05)
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
