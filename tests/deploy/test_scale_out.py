"""Scale-out on loopback: two web processes and two schedulers share one PostgreSQL database and Redis.

Both webs serve the column and the JSON API; exactly one scheduler holds the advisory lock and fetches the
feed (its items are stored once), the other waits as a standby; when the active one is killed (SIGKILL)
the standby takes the lock and runs the next pass. When the lock's database session ends under the active
scheduler (as in a PostgreSQL restart), it stops running jobs and waits for the lock again.

The processes use pytest-django's test database, which a ``transaction=True`` test commits to, so they see
what the test writes and the test sees what they store. The advisory lock is per database, so other test
runs on the same server do not compete for it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from aggregator.models import FetchLog, Item, Source
from cms.scheduler import ADVISORY_LOCK_KEY
from shared import tokens
from shared.bootstrap import ensure_newsroom
from tests.aggregator.feeds import item, rss

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="scale-out needs PostgreSQL: several processes share one database and its advisory lock "
        "(run with DATABASE_URL=postgres://...)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),  # whatever transactional test ran before
]

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = 7  # ours alone on the shared Redis; keys carry a per-run prefix and are deleted at the end
ACTIVE = "this process is the active scheduler"
STANDBY = "another process is active; waiting as standby"
LOST = "lost the lock"
PASS_DONE = "aggregator: 1 sources"
DEADLINE_SECONDS = 45

FEEDS = {
    "/first.xml": rss("".join(item(n, f"Hợp tác ASEAN về lúa gạo, bản tin số {n}") for n in range(1, 6))),
    "/second.xml": rss("".join(item(n, f"Diễn đàn thanh niên ASEAN, phiên thứ {n}") for n in range(11, 14))),
}


class FeedHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = FEEDS.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path
    killed: bool = False

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        # Each process leads its own group: gunicorn's workers and any pass worker processes go with it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait()
        self.killed = True


@pytest.fixture
def processes() -> Iterator[list[Process]]:
    started: list[Process] = []
    yield started
    for process in started:
        process.kill()


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    prefix = f"scale-out-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


def wait_for(condition: Callable[[], object], what: str, processes: list[Process]) -> object:
    """Polls ``condition`` until it is truthy; fails with every process's log when the deadline passes."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        for process in processes:
            assert process.killed or process.popen.poll() is None, f"{process.name} exited early:\n{process.output()}"
        time.sleep(0.1)
    logs = "\n".join(f"--- {process.name}\n{process.output()[-3000:]}" for process in processes)
    pytest.fail(f"timed out waiting for {what}\n{logs}")


def listening_socket() -> socket.socket:
    """A bound, listening socket handed to gunicorn (``fd://``): no port can be taken in between."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def get(url: str, token: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    # The socket listens from the start, so the request waits in its backlog while the worker boots.
    with urllib.request.urlopen(request, timeout=DEADLINE_SECONDS) as response:
        return response.status, response.read()


def stored_items() -> tuple[int, int]:
    """(items, distinct (source, key) pairs): equal when nothing was stored twice."""
    keys = list(Item.objects.values_list("source_id", "key"))
    return len(keys), len(set(keys))


def test_two_webs_and_two_schedulers(portal, feed_server, processes, redis_prefix, tmp_path):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "CACHE_KEY_PREFIX": redis_prefix,
        "SCHEDULER_MODE": "off",
        "AGGREGATOR_ALLOWED_NETWORKS": "127.0.0.0/8",
        "PYTHONUNBUFFERED": "1",
    }
    newsroom = ensure_newsroom("Hệ thống thử", "he-thong-thu")
    token = tokens.issue(newsroom, "scale-out test").key
    Source.objects.create(name="first", feed_url=f"{feed_server}/first.xml", asean_filter=False)

    def start(name: str, command: list[str], pass_fds: tuple[int, ...] = ()) -> Process:
        log = tmp_path / f"{name}.log"
        with log.open("wb") as out:
            popen = subprocess.Popen(  # noqa: S603 (our own commands)
                command,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                pass_fds=pass_fds,
                start_new_session=True,
            )
        process = Process(name, popen, log)
        processes.append(process)
        return process

    webs = []
    for name in ("web-a", "web-b"):
        sock = listening_socket()
        gunicorn = [sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--workers", "1", "--threads", "2"]
        start(name, [*gunicorn, "--bind", f"fd://{sock.fileno()}"], pass_fds=(sock.fileno(),))
        webs.append(f"http://127.0.0.1:{sock.getsockname()[1]}")
        sock.close()  # gunicorn holds its own copy
    schedulers = [start(name, [sys.executable, "manage.py", "run_aggregator"]) for name in ("sched-a", "sched-b")]

    # Exactly one scheduler takes the lock; the other announces it is a standby.
    def roles():
        active = [s for s in schedulers if ACTIVE in s.output()]
        standby = [s for s in schedulers if STANDBY in s.output()]
        return (active[0], standby[0]) if len(active) == 1 and len(standby) == 1 else None

    active, standby = wait_for(roles, "one active scheduler and one standby", processes)
    assert active is not standby

    # The active one fetches the feed: five items, stored once, in one pass logged by it alone.
    wait_for(lambda: PASS_DONE in active.output(), "the active scheduler's first pass", processes)
    assert stored_items() == (5, 5)
    assert FetchLog.objects.count() == 1
    assert PASS_DONE not in standby.output()
    assert ACTIVE not in standby.output()

    # Both webs serve the column (through the shared Redis page cache) and the JSON API.
    column_path = portal.column_vi.get_url_parts()[2]
    for web in webs:
        for _ in range(2):  # the second answer comes from the page cache
            status, body = get(f"{web}{column_path}")
            assert status == 200
            assert portal.column_vi.title.encode() in body
        status, body = get(f"{web}/api/shared/v1/items/", token)
        assert status == 200
        assert json.loads(body)["count"] == 5
    cache = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    assert any(b":pages:" in key for key in cache.scan_iter(match=f"{redis_prefix}:*"))
    cache.close()

    # SIGKILL the active scheduler: its session ends, PostgreSQL drops the lock, the standby takes over.
    active.kill()
    Source.objects.create(name="second", feed_url=f"{feed_server}/second.xml", asean_filter=False)
    wait_for(lambda: ACTIVE in standby.output(), "the standby to take the lock", processes)
    wait_for(lambda: PASS_DONE in standby.output(), "the new active scheduler's pass", processes)
    assert stored_items() == (8, 8)
    assert Item.objects.filter(source__name="second").count() == 3
    # The first source is not due again for its poll interval: nothing of it was fetched twice.
    assert FetchLog.objects.count() == 2
    for web in webs:
        status, body = get(f"{web}/api/shared/v1/items/", token)
        assert json.loads(body)["count"] == 8

    # The lock's session ends (a database restart does that to every session): the scheduler notices, stops
    # its jobs and, being the only one left, takes the lock again.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND granted "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            [ADVISORY_LOCK_KEY],
        )
        assert cursor.fetchall() == [(True,)]
    wait_for(lambda: LOST in standby.output(), "the scheduler to notice it lost the lock", processes)
    wait_for(lambda: standby.output().count(ACTIVE) == 2, "the scheduler to take the lock again", processes)
