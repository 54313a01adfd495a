"""Fault experiments: gunicorn + the scheduler on a throwaway PostgreSQL and Redis, under the feed farm.

    .venv/bin/python bench/faults.py             # the 200-feed farm, twice (two halves of 10,000 items)
    .venv/bin/python bench/faults.py --feeds 30  # a quicker run

Never touches the shared servers: PostgreSQL is initdb'd into /tmp and listens on 5544, Redis on 6390; both
are stopped (and the PostgreSQL cluster deleted) at the end. Run as root, the PostgreSQL commands run as the
``postgres`` user. Four faults, each with a prober requesting two URLs every 100 ms (a column page, served
from the page cache, and a column search with a new query every time, which always reaches the database):

(a) kill -9 the scheduler in the middle of a feed pass, restart it: what was committed is kept, nothing is
    stored twice, the pass completes (every source fetched, every item stored once).
(b) restart PostgreSQL during a pass (a standby scheduler running beside the active one): the web answers
    again and the scheduler's next pass stores the rest; which schedulers call themselves active afterwards.
(c) fill Redis (maxmemory 2 MB, 30,000 foreign keys), with allkeys-lru and with noeviction: pages served.
(d) stop Redis: the site serves without the cache; start it again: pages are cached again.

Results (the numbers quoted in bench/README.md, "Faults") go to bench/results/faults-latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.feed_farm import FeedFarm, make_feeds, write_opml
from bench.paths import REPO_DIR, RESULTS_DIR

PG_PORT = 5544
REDIS_PORT = 6390
PG_DIR = Path("/tmp/asean-faults-pg")
DATABASE = "asean_faults"
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PG_PORT}/{DATABASE}"
PG_BIN = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]) if Path("/usr/lib/postgresql").exists() else None
WEB_PORT = 8031
PYTHON = sys.executable


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def wait_until(condition: Callable[[], object], timeout: float, what: str, step: float = 0.2) -> float:
    """Seconds until ``condition`` held; raises when ``timeout`` passes first."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(step)
    raise TimeoutError(f"{what}: not within {timeout} s")


# --- Throwaway servers -----------------------------------------------------------------------------------


def as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def pg_ctl(*args: str) -> None:
    command = [str(PG_BIN / "pg_ctl"), "-D", str(PG_DIR), "-w", "-l", str(PG_DIR / "server.log"), *args]
    subprocess.run(as_postgres(command), check=True, stdout=subprocess.DEVNULL)


def start_postgres() -> None:
    if PG_DIR.exists():
        shutil.rmtree(PG_DIR)
    PG_DIR.mkdir()
    if os.geteuid() == 0:
        shutil.chown(PG_DIR, "postgres", "postgres")
    initdb = [str(PG_BIN / "initdb"), "-D", str(PG_DIR), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
    subprocess.run(as_postgres(initdb), check=True, stdout=subprocess.DEVNULL)
    pg_ctl("-o", f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1", "start")
    with psycopg.connect(f"postgres://postgres@127.0.0.1:{PG_PORT}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def postgres_up() -> bool:
    try:
        with psycopg.connect(DATABASE_URL, connect_timeout=1) as connection:
            connection.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def start_redis() -> subprocess.Popen:
    command = ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    client = redis.Redis(port=REDIS_PORT)
    wait_until(lambda: _pings(client), 10, "redis-server on 6390")
    return server


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


# --- The service -----------------------------------------------------------------------------------------


def service_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "MEDIA_ROOT"}}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback
        SECRET_KEY=secrets.token_urlsafe(40),
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SCHEDULER_MODE="off",
        MEDIA_ROOT=str(RESULTS_DIR / "media-faults"),
        LOG_LEVEL="INFO",
        AGGREGATOR_ALLOWED_NETWORKS="127.0.0.0/8",
        PYTHONPATH=str(REPO_DIR),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=REPO_DIR, env=env, check=True, stdout=subprocess.DEVNULL)


@dataclass
class Service:
    name: str
    command: list[str]
    env: dict[str, str]
    log_path: Path
    popen: subprocess.Popen | None = None

    def start(self) -> None:
        handle = self.log_path.open("ab")
        self.popen = subprocess.Popen(
            self.command, cwd=REPO_DIR, env=self.env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        handle.close()

    def kill(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)  # the process and its pass workers
            self.popen.wait()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def claims_active(self) -> int:
        return self.log_text().count("this process is the active scheduler")


@dataclass
class Prober:
    """Requests a cached page and an uncached search every 100 ms; keeps (time, url kind, status)."""

    base: str
    column: str
    samples: list[tuple[float, str, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        n = 0
        while not self._stop.wait(0.1):
            n += 1
            for kind, url in (("page", self.column), ("search", f"{self.column}?q=probe{n}")):
                self.samples.append((time.monotonic(), kind, fetch_status(self.base + url)))

    def summary(self, since: float, until: float | None = None) -> dict:
        until = until or time.monotonic()
        window = [s for s in self.samples if since <= s[0] <= until]
        result = {}
        for kind in ("page", "search"):
            statuses = [status for _, k, status in window if k == kind]
            result[kind] = {
                "requests": len(statuses),
                "ok": sum(status == 200 for status in statuses),
                "5xx": sum(500 <= status < 600 for status in statuses),
                "no answer": sum(status == 0 for status in statuses),
            }
        return result

    def first_ok_after(self, moment: float, kind: str) -> float | None:
        return next((t - moment for t, k, status in self.samples if t >= moment and k == kind and status == 200), None)

    def last_failure(self, kind: str) -> float | None:
        return max((t for t, k, status in self.samples if k == kind and status != 200), default=None)


def fetch_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0  # refused, reset or timed out


# --- Database facts ----------------------------------------------------------------------------------------


def item_counts() -> dict[str, int]:
    with psycopg.connect(DATABASE_URL, connect_timeout=3) as connection:
        items, distinct = connection.execute(
            "SELECT count(*), count(DISTINCT (source_id, key)) FROM aggregator_item"
        ).fetchone()
        fetched = connection.execute(
            "SELECT count(*) FROM aggregator_source WHERE kind = 'feed' AND last_fetch_at IS NOT NULL"
        ).fetchone()[0]
    return {"items": items, "distinct": distinct, "sources fetched": fetched}


def safe_item_counts() -> dict[str, int] | None:
    try:
        return item_counts()
    except psycopg.Error:
        return None


# --- The experiments ---------------------------------------------------------------------------------------


def kill_scheduler_mid_pass(scheduler: Service, feeds: int, items_per_feed: int) -> dict:
    wait_until(lambda: (safe_item_counts() or {}).get("items", 0) >= feeds * items_per_feed // 4, 900, "a quarter")
    scheduler.kill()
    killed_at = time.monotonic()
    at_kill = item_counts()
    log(f"(a) scheduler killed at {at_kill}")
    scheduler.start()
    total = feeds * items_per_feed
    wait_until(lambda: item_counts()["items"] >= total and item_counts()["sources fetched"] >= feeds, 900, "(a) pass")
    after = item_counts()
    log(f"(a) after restart {after}")
    return {
        "at kill": at_kill,
        "after restart": after,
        "expected items": total,
        "seconds from kill to complete": round(time.monotonic() - killed_at, 1),
    }


def restart_postgres_mid_pass(
    prober: Prober, env: dict[str, str], second_opml: Path, half: int, per: int, schedulers: list[Service]
) -> dict:
    before = item_counts()
    manage(env, "import_opml", str(second_opml), "--keep-all")  # new sources: due at the next pass
    target = before["items"] + half * per
    wait_until(lambda: (safe_item_counts() or {}).get("items", 0) > before["items"] + per, 300, "(b) pass started")
    at_restart = item_counts()
    stopped_at = time.monotonic()
    pg_ctl("-m", "fast", "stop")  # a restart that takes a few seconds, as a package upgrade would
    time.sleep(3)
    pg_ctl("-o", f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1", "start")
    up_at = time.monotonic()
    log(f"(b) PostgreSQL down {up_at - stopped_at:.1f} s, items at restart {at_restart}")
    wait_until(lambda: item_counts()["items"] >= target, 600, "(b) remaining items stored by a later pass")
    after = item_counts()
    time.sleep(2 * 5)  # two standby retries (cms.scheduler.STANDBY_RETRY_SECONDS): does the standby take over?
    return {
        "'this process is the active scheduler' lines per scheduler": {s.name: s.claims_active() for s in schedulers},
        "items before": before,
        "items at restart": at_restart,
        "after recovery": after,
        "expected items": target,
        "database down seconds": round(up_at - stopped_at, 1),
        "probes while the database was down": prober.summary(stopped_at, up_at),
        "probes after it was up": prober.summary(up_at),
        "seconds until an uncached page answered after the database was up": _round(
            prober.first_ok_after(up_at, "search")
        ),
        "seconds from the database up to every item stored": round(time.monotonic() - up_at, 1),
    }


def fill_cache(prober: Prober, client: redis.Redis) -> dict:
    result = {}
    for policy in ("allkeys-lru", "noeviction"):
        client.config_set("maxmemory-policy", policy)
        client.config_set("maxmemory", "2mb")
        started = time.monotonic()
        refused = 0
        for n in range(30_000):
            try:
                client.set(f"filler:{policy}:{n}", b"x" * 1000)
            except redis.exceptions.OutOfMemoryError:
                refused += 1
        time.sleep(3)  # the prober's requests against the full cache
        info = client.info("memory")
        result[policy] = {
            "filler writes refused": refused,
            "used memory MB": round(info["used_memory"] / 1e6, 2),
            "keys": client.dbsize(),
            "probes": prober.summary(started),
        }
        client.config_set("maxmemory", "0")
        for key in client.scan_iter(match="filler:*", count=1000):
            client.delete(key)
    client.config_set("maxmemory-policy", "noeviction")
    return result


def stop_redis(prober: Prober, server: subprocess.Popen) -> tuple[dict, subprocess.Popen]:
    server.kill()
    server.wait()
    down_at = time.monotonic()
    time.sleep(5)
    up_server = start_redis()
    up_at = time.monotonic()
    client = redis.Redis(port=REDIS_PORT)
    back = wait_until(lambda: any(True for _ in client.scan_iter(match="*pages:*", count=100)), 60, "cached again")
    time.sleep(3)  # the prober's requests against the returned Redis
    page_bytes = [client.memory_usage(key) for key in client.scan_iter(match="*pages:*", count=100)]
    return {
        "bytes in Redis per cached response (min, max)": [min(page_bytes), max(page_bytes)],
        "redis down seconds": round(up_at - down_at, 1),
        "probes while down": prober.summary(down_at, up_at),
        "probes after": prober.summary(up_at),
        "seconds until a page was cached in Redis again": round(back, 1),
    }, up_server


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200, help="farm feeds per half (default 200)")
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()
    if PG_BIN is None or shutil.which("redis-server") is None:
        raise SystemExit("needs PostgreSQL server binaries and redis-server")
    RESULTS_DIR.mkdir(exist_ok=True)
    logs = RESULTS_DIR / "faults-logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir()
    results: dict = {"feeds": args.feeds, "items per feed": args.items}
    with ExitStack() as cleanup:
        log("starting PostgreSQL on 5544 and Redis on 6390")
        start_postgres()
        cleanup.callback(lambda: shutil.rmtree(PG_DIR, ignore_errors=True))
        cleanup.callback(lambda: pg_ctl("-m", "immediate", "stop") if postgres_up() else None)
        servers = {"redis": start_redis()}
        cleanup.callback(lambda: (servers["redis"].kill(), servers["redis"].wait()))

        feeds = make_feeds(2 * args.feeds, args.items)
        farm = cleanup.enter_context(FeedFarm(feeds))
        first, second = RESULTS_DIR / "faults-farm-1.opml", RESULTS_DIR / "faults-farm-2.opml"
        write_opml(_Half(farm, feeds[: args.feeds]), first)
        write_opml(_Half(farm, feeds[args.feeds :]), second)

        env = service_env()
        log("migrate, bootstrap, collectstatic, import the first half of the farm")
        manage(env, "migrate", "--noinput")
        manage(env, "bootstrap")
        manage(env, "collectstatic", "--noinput")
        manage(env, "import_opml", str(first), "--keep-all")

        gunicorn = [PYTHON, "-m", "gunicorn", "cms.wsgi:application", "-b", f"127.0.0.1:{WEB_PORT}", "-w", "2"]
        web = Service("web", gunicorn, env, logs / "web.log")
        run_aggregator = [PYTHON, "manage.py", "run_aggregator"]
        scheduler = Service("scheduler", run_aggregator, env, logs / "scheduler.log")
        standby = Service("standby", run_aggregator, env, logs / "standby.log")
        for service in (web, scheduler):
            service.start()
            cleanup.callback(service.kill)
        base = f"http://127.0.0.1:{WEB_PORT}"
        column = "/vi/chuyen-muc-asean/"
        wait_until(lambda: fetch_status(base + column) == 200, 60, "gunicorn")
        prober = Prober(base, column)
        prober.start()
        cleanup.callback(prober.stop)

        log("(a) kill -9 the scheduler mid-pass")
        results["a"] = kill_scheduler_mid_pass(scheduler, args.feeds, args.items)
        log("(b) restart PostgreSQL during a pass")
        standby.start()
        cleanup.callback(standby.kill)
        wait_until(lambda: "waiting as standby" in standby.log_text(), 60, "the standby scheduler")
        results["b"] = restart_postgres_mid_pass(prober, env, second, args.feeds, args.items, [scheduler, standby])
        log("(c) fill the cache")
        results["c"] = fill_cache(prober, redis.Redis(port=REDIS_PORT))
        log("(d) Redis down, then back")
        results["d"], servers["redis"] = stop_redis(prober, servers["redis"])
        results["whole run probes"] = prober.summary(0)
        results["scheduler log lines"] = {
            s.name: [line for line in s.log_text().splitlines() if "scheduler:" in line or "aggregator:" in line][-12:]
            for s in (scheduler, standby)
        }
        results["web errors logged"] = web.log_text().count("ERROR")
    out = RESULTS_DIR / "faults-latest.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    log(f"written to {out}")
    return 0


@dataclass
class _Half:
    """What ``write_opml`` reads of a farm, for a part of its feeds."""

    farm: FeedFarm
    feeds: list

    @property
    def base_url(self) -> str:
        return self.farm.base_url


if __name__ == "__main__":
    raise SystemExit(main())
