"""Throughput and latency of the column pages and the embeds against a trivial Django view, on one gunicorn server.

    .venv/bin/python bench/run.py                     # SQLite file, local-memory cache
    .venv/bin/python bench/run.py --postgres --redis  # PostgreSQL database asean_bench, Redis cache
    .venv/bin/python bench/run.py --suite embed       # the embeds only (--suite columns: the column pages only)

One run: a fresh database (bench/results/bench.sqlite3, or the PostgreSQL database ``asean_bench``,
dropped and created again), migrate, bootstrap, seed N articles (bench/seed.py), collectstatic,
count SQL queries per page in process (bench/probe.py), then twice, for the page cache on
("cached": anonymous visitors' normal case) and off (PAGE_CACHE_SECONDS=0, "cold": every request
renders): start gunicorn with bench.settings, check every target answers 200 with the expected
content, warm up, and load each target for --duration seconds with --concurrency connections
(wrk, else a Python load generator). The trivial view is measured first and last on the same
server; ratio = target req/s / mean trivial req/s. Results: a markdown table on stdout and in
bench/results/latest.md, everything in bench/results/latest.json. With --strict the exit status is
1 when a column page misses the goal (cached ratio < --goal). Only 127.0.0.1 is ever contacted.

Embeds (--suite embed or all): the portal column's iframe HTML, its JSON (with the Origin header of an
origin registered during set-up with ``manage.py allow_embed_origin portal``) and the widget script,
gzip requested, at --embed-concurrency connections (50), each against the trivial view loaded the same
way on the same server in the same rounds (the server of the first mode, normally "cached": the embeds'
payload cache does not depend on PAGE_CACHE_SECONDS). Bytes over the wire per response = what the load
generator read (status line, headers and the gzipped body). Goal: --embed-goal (0.8) of the trivial view.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.client
import json
import multiprocessing
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
BIN_DIR = Path(sys.executable).parent
GUNICORN = BIN_DIR / "gunicorn"
WRK_SCRIPT = BENCH_DIR / "wrk_report.lua"
HOST = "127.0.0.1"
REDIS_KEY_PREFIX = "asean-bench"
COLUMN_KEYS = ("index", "page2", "filtered", "search", "article")
EMBED_KEYS = ("embed_frame", "embed_json", "embed_js")
TRIVIAL_PATH = "/bench/trivial/"


def log(message: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {message}", flush=True)


# --- Environment and set-up -----------------------------------------------------------------------


def django_env(database_url: str, media: str, drop: tuple[str, ...] = (), **values: str) -> dict[str, str]:
    """The environment of a benchmark's Django child processes: bench settings, this run's database.

    Variables of the caller's shell that would change what is measured are dropped (``drop`` adds more);
    ``values`` are set last.
    """
    dropped = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "DEBUG", *drop}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=secrets.token_urlsafe(40),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SCHEDULER_MODE="off",
        MEDIA_ROOT=str(RESULTS_DIR / f"media-{media}"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(REPO_DIR),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(values)
    return env


def bench_env(args, database_url: str) -> dict[str, str]:
    """The column benchmark's children: its database and cache."""
    env = django_env(database_url, args.label, drop=("PAGE_CACHE_SECONDS",), CACHE_KEY_PREFIX=args.redis_prefix)
    if args.redis:
        env["REDIS_URL"] = args.redis_url
    return env


def save_report(prefix: str, label: str, report: dict, table: str) -> None:
    """bench/results/<prefix>latest.json and .md, and a time-stamped copy of the JSON."""
    text = json.dumps(report, indent=2, ensure_ascii=False)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS_DIR / f"{prefix}latest.json").write_text(text)
    (RESULTS_DIR / f"{prefix}{stamp}{'-' + label if label else ''}.json").write_text(text)
    (RESULTS_DIR / f"{prefix}latest.md").write_text(table + "\n")


def run_step(name: str, command: list[str], env: dict[str, str], timings: dict, timeout: int = 600) -> str:
    log(f"{name}: {' '.join(str(part) for part in command[1:])}")
    started = time.perf_counter()
    completed = subprocess.run(
        [str(part) for part in command], cwd=REPO_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    timings[name] = round(time.perf_counter() - started, 2)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise SystemExit(f"{name} failed (exit {completed.returncode})")
    return completed.stdout


def postgres_admin(args):
    import psycopg

    return psycopg.connect(args.postgres_admin_url, autocommit=True, connect_timeout=5)


def recreate_postgres(args) -> None:
    name = args.postgres_db
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"unsafe database name {name!r}")
    with postgres_admin(args) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")


def drop_postgres(args) -> None:
    with postgres_admin(args) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{args.postgres_db}" WITH (FORCE)')


def clear_redis_keys(args) -> int:
    """Deletes this benchmark's keys only (the Redis database may be shared): ``--redis-prefix``:*."""
    import redis

    client = redis.Redis.from_url(args.redis_url, socket_timeout=5)
    keys = list(client.scan_iter(match=f"{args.redis_prefix}:*", count=1000))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])
    return len(keys)


def collectstatic(env: dict[str, str], timings: dict) -> None:
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "--clear"]
    run_step("collectstatic", command, env, timings)


def setup(args, env: dict[str, str]) -> dict:
    timings: dict[str, float] = {}
    if args.postgres:
        log(f"recreating PostgreSQL database {args.postgres_db}")
        recreate_postgres(args)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.sqlite_path}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
    if args.redis:
        clear_redis_keys(args)
    python = sys.executable
    run_step("migrate", [python, "manage.py", "migrate", "--noinput"], env, timings)
    run_step("bootstrap", [python, "manage.py", "bootstrap"], env, timings)
    collectstatic(env, timings)
    seed_json = RESULTS_DIR / f"seed-{args.label}.json"
    output = run_step(
        "seed", [python, BENCH_DIR / "seed.py", "--count", args.count, "--json", seed_json], env, timings, timeout=900
    )
    print(output, end="")
    if args.suite != "columns":
        allow_embed_origin(args, env, timings)
    return {"timings_s": timings, "seed": json.loads(seed_json.read_text())}


def allow_embed_origin(args, env: dict[str, str], timings: dict) -> None:
    """Registers the benchmark's Origin for the portal column's embeds (idempotent), so the JSON answers CORS."""
    command = [sys.executable, "manage.py", "allow_embed_origin", "portal", args.embed_origin]
    print(run_step("allow_embed_origin", command, env, timings), end="")


def probe(args, env: dict[str, str]) -> dict:
    probe_json = RESULTS_DIR / f"probe-{args.label}.json"
    timings: dict[str, float] = {}
    command = [sys.executable, BENCH_DIR / "probe.py", "--json", probe_json]
    if args.suite == "embed":
        command.append("--no-columns")
    if args.suite != "columns":
        command += ["--embed-origin", args.embed_origin]
    output = run_step("probe", command, env, timings)
    print(output, end="")
    return json.loads(probe_json.read_text())


# --- Server ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, timeout: float = 30) -> tuple[int, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def fetch_raw(port: int, path: str, headers: dict[str, str] | None = None, timeout: float = 30) -> dict:
    """One GET as the load generator sends it, read off the socket: status, headers, sizes on the wire, text."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {HOST}:{port}", *(f"{k}: {v}" for k, v in (headers or {}).items())]
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        response_headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            response_headers[name.strip().lower()] = value.strip()
        length = int(response_headers.get("content-length", -1))
        while length < 0 or len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    if length >= 0:
        body = body[:length]
    raw = gzip.decompress(body) if response_headers.get("content-encoding") == "gzip" else body
    return {
        "status": int(status_line.split()[1]),
        "headers": response_headers,
        "header_bytes": len(head) + 4,
        "body_bytes": len(body),
        "raw_body_bytes": len(raw),
        "text": raw.decode("utf-8", "replace"),
    }


class Server:
    """gunicorn serving cms.wsgi with bench.settings on 127.0.0.1, started and stopped by this run."""

    def __init__(self, args, env: dict[str, str], mode: str):
        self.args = args
        self.env = dict(env)
        self.mode = mode
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log_path = RESULTS_DIR / f"gunicorn-{args.label}-{mode}.log"

    @property
    def command(self) -> list[str]:
        return [
            str(GUNICORN),
            "cms.wsgi:application",
            f"--bind={HOST}:{self.port}",
            f"--workers={self.args.workers}",
            f"--worker-class={self.args.worker_class}",
            f"--threads={self.args.threads}",
            "--preload",
            "--backlog=2048",
            "--keep-alive=5",
            "--timeout=60",
            "--log-level=warning",
            f"--chdir={REPO_DIR}",
        ]

    def __enter__(self) -> Server:
        log(f"[{self.mode}] starting {' '.join(self.command[1:7])}")
        log_file = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command, cwd=REPO_DIR, env=self.env, stdout=log_file, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                if fetch(self.port, TRIVIAL_PATH, timeout=5)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not answer within 90 s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def __exit__(self, *exc) -> None:
        self.stop()


# --- Load generators ------------------------------------------------------------------------------


def ensure_wrk(allow_install: bool) -> str | None:
    path = shutil.which("wrk")
    if path or not allow_install:
        return path
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        log("wrk not found: trying apt-get install -y wrk")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], capture_output=True, timeout=300, check=False)
    return shutil.which("wrk")


def weighted_quantile(points: list[tuple[float, float]], fraction: float) -> float:
    """The ``fraction`` quantile of (value, weight) points."""
    if not points:
        return 0.0
    ordered = sorted(points)
    total = sum(weight for _, weight in ordered)
    running = 0.0
    for value, weight in ordered:
        running += weight
        if running >= fraction * total:
            return value
    return ordered[-1][0]


def quantile_points(latencies_us: list[float], requests: int) -> list[tuple[float, float]]:
    """100 equal-weight points (the 0.5th ... 99.5th percentiles), the form wrk_report.lua prints."""
    if not latencies_us:
        return []
    ordered = sorted(latencies_us)
    last = len(ordered) - 1
    return [(ordered[min(last, int((i + 0.5) / 100 * len(ordered)))], requests / 100) for i in range(100)]


def load_wrk(
    wrk: str,
    port: int,
    path: str,
    duration: float,
    concurrency: int,
    headers: dict | None = None,
    script: Path = WRK_SCRIPT,
    script_args: tuple[str, ...] = (),
    timeout_s: int = 10,
) -> dict:
    """One wrk run. ``script`` must print wrk_report.lua's WRKJSON line; a WRKSTATUS line (bench/wrk_load.lua)
    adds the responses counted by status class as ``statuses``."""
    threads = max(1, min(os.cpu_count() or 1, concurrency, 4))
    command = [
        wrk,
        f"-t{threads}",
        f"-c{concurrency}",
        f"-d{max(1, round(duration))}s",
        f"--timeout={timeout_s}s",
        *(f"-H{name}: {value}" for name, value in (headers or {}).items()),
        "-s",
        str(script),
        f"http://{HOST}:{port}{path}",
        *(["--", *script_args] if script_args else []),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + timeout_s + 60, check=False)
    lines = {ln.split(" ", 1)[0]: ln.split(" ", 1)[1] for ln in completed.stdout.splitlines() if ln.startswith("WRK")}
    if "WRKJSON" not in lines:
        raise RuntimeError(f"wrk failed: {completed.stdout[-500:]} {completed.stderr[-500:]}")
    data = json.loads(lines["WRKJSON"])
    weight = data["requests"] / 100
    result = {
        "requests": data["requests"],
        "seconds": data["duration_us"] / 1e6,
        "bytes": data["bytes"],
        "errors": {key: value for key, value in data["errors"].items() if value},
        "max_us": data["max_us"],
        "points": [(value, weight) for value in data["quantiles_us"]],
    }
    if "WRKSTATUS" in lines:
        result["statuses"] = json.loads(lines["WRKSTATUS"])
    return result


def _python_load_worker(
    port: int, path: str, headers: dict, deadline: float, threads: int, max_requests: int, queue
) -> None:
    """One process of the Python load generator: ``threads`` keep-alive clients until ``deadline``."""
    import threading

    latencies: list[float] = []
    counters = {"requests": 0, "status": 0, "read": 0, "bytes": 0}
    lock = threading.Lock()

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        local: list[float] = []
        requests = status_errors = read_errors = size = 0
        while time.monotonic() < deadline and requests < max_requests:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                size += len(response.read())
                # status line and headers, as wrk counts them
                size += 15 + len(response.reason) + sum(len(k) + len(v) + 4 for k, v in response.getheaders()) + 2
                if response.status >= 400:
                    status_errors += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                read_errors += 1
                connection.close()
                continue
            local.append((time.perf_counter() - started) * 1e6)
            requests += 1
        connection.close()
        with lock:
            latencies.extend(local)
            counters["requests"] += requests
            counters["status"] += status_errors
            counters["read"] += read_errors
            counters["bytes"] += size

    pool = [threading.Thread(target=client) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    queue.put((counters, latencies))


def load_python(port: int, path: str, duration: float, concurrency: int, headers: dict | None = None) -> dict:
    """Fallback when wrk is missing: processes x threads of http.client, bounded in time and count."""
    context = multiprocessing.get_context("fork")
    processes = max(1, min(os.cpu_count() or 1, concurrency, 4))
    queue = context.Queue()
    started = time.monotonic()
    deadline = started + duration
    workers = [
        context.Process(
            target=_python_load_worker,
            args=(
                port,
                path,
                headers or {},
                deadline,
                concurrency // processes + (i < concurrency % processes),
                200_000,
                queue,
            ),
        )
        for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    parts = [queue.get(timeout=duration + 60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    latencies = [value for _, values in parts for value in values]
    requests = sum(counters["requests"] for counters, _ in parts)
    errors = {key: sum(c[key] for c, _ in parts) for key in ("status", "read")}
    return {
        "requests": requests,
        "seconds": time.monotonic() - started,
        "bytes": sum(c["bytes"] for c, _ in parts),
        "errors": {key: value for key, value in errors.items() if value},
        "max_us": max(latencies, default=0),
        "points": quantile_points(latencies, requests),
    }


def merge_samples(samples: list[dict]) -> dict:
    """One target's rounds as one result: throughput over the summed time, merged latency quantiles."""
    requests = sum(sample["requests"] for sample in samples)
    seconds = sum(sample["seconds"] for sample in samples)
    points = [point for sample in samples for point in sample["points"]]
    errors: dict[str, int] = {}
    for sample in samples:
        for key, value in sample["errors"].items():
            errors[key] = errors.get(key, 0) + value
    cpu = [sample["cpu"] for sample in samples if sample.get("cpu")]
    return {
        "requests": requests,
        "seconds": round(seconds, 2),
        "rps": round(requests / seconds, 1) if seconds else 0.0,
        "rounds_rps": [round(sample["requests"] / sample["seconds"], 1) for sample in samples if sample["seconds"]],
        "p50_ms": round(weighted_quantile(points, 0.50) / 1000, 2),
        "p95_ms": round(weighted_quantile(points, 0.95) / 1000, 2),
        "p99_ms": round(weighted_quantile(points, 0.99) / 1000, 2),
        "max_ms": round(max((sample["max_us"] for sample in samples), default=0) / 1000, 2),
        "errors": errors,
        "bytes_per_response": round(sum(sample["bytes"] for sample in samples) / max(1, requests)),
        "cpu": {key: round(sum(c[key] for c in cpu) / len(cpu), 3) for key in cpu[0]} if cpu else {},
        # CPU the server (and PostgreSQL/Redis) spent per request: what a request costs whatever else
        # ran on the machine at the time.
        "cpu_ms_per_request": round(
            sum(c["server_seconds"] + c["database_seconds"] for c in cpu) * 1000 / max(1, requests), 3
        )
        if cpu
        else None,
    }


# --- CPU accounting -------------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _busy_seconds() -> float:
    """CPU time all cores spent busy since boot (/proc/stat), in seconds."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def process_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def child_pids(pid: int) -> list[int]:
    pids = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        pids += [int(child) for child in task.read_text().split()]
    return pids


def _database_seconds(database_name: str | None) -> dict[int, float]:
    """CPU seconds per process of this run's PostgreSQL backends and of Redis.

    PostgreSQL names its backends after their database ("postgres: user asean_bench 127.0.0.1(…)"),
    so backends of other databases (someone else's tests) are not counted.
    """
    seconds = {}
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            name = comm.read_text().strip()
            if name.startswith("redis-server") or (
                database_name and name.startswith("postgres") and database_name in (comm.parent / "cmdline").read_text()
            ):
                pid = int(comm.parent.name)
                seconds[pid] = process_cpu_seconds(pid)
        except OSError:
            continue
    return seconds


class CpuMeter:
    """How busy the machine was during a measurement: server, database, load generator, the rest.

    Other programs on the machine (tests run by someone else, say) take CPU from the server; the
    ``others`` share shows when a number was measured on a machine that was not quiet. It also holds
    kernel time not charged to a process (loopback networking in soft interrupts).
    """

    def __init__(self, server_pid: int, database_name: str | None):
        self.server_pid = server_pid
        self.database_name = database_name
        self.enabled = Path("/proc/stat").exists()

    def _snapshot(self) -> tuple[float, float, dict[int, float], float, dict[int, float]]:
        server = [self.server_pid, *child_pids(self.server_pid)]
        mine = os.times()
        return (
            time.monotonic(),
            _busy_seconds(),
            {pid: process_cpu_seconds(pid) for pid in server},
            mine.user + mine.system + mine.children_user + mine.children_system,
            _database_seconds(self.database_name),
        )

    @staticmethod
    def _delta(before: dict[int, float], after: dict[int, float]) -> float:
        # Processes that ended in between are left out; new ones count from zero.
        return sum(max(0.0, seconds - before.get(pid, 0.0)) for pid, seconds in after.items())

    def start(self) -> None:
        if self.enabled:
            self.begin = self._snapshot()

    def stop(self) -> dict:
        if not self.enabled:
            return {}
        end = self._snapshot()
        elapsed = (end[0] - self.begin[0]) * (os.cpu_count() or 1)
        busy, client = end[1] - self.begin[1], end[3] - self.begin[3]
        server, database = self._delta(self.begin[2], end[2]), self._delta(self.begin[4], end[4])
        return {
            "server_seconds": server,
            "database_seconds": database,
            "busy": min(1.0, busy / elapsed),
            "server": min(1.0, server / elapsed),
            "database": min(1.0, database / elapsed),
            "loadgen": min(1.0, client / elapsed),
            "others": max(0.0, min(1.0, (busy - server - database - client) / elapsed)),
        }


# --- Measurement ----------------------------------------------------------------------------------


def check_targets(port: int, targets: list[dict], wire: dict | None = None) -> dict[str, str]:
    """Problems per target key: each must answer 200 with its marker in the (decompressed) body and the
    headers of ``expect`` (a substring of the value, e.g. the registered origin in the CSP). Fills ``wire``
    with the sizes of one response on the wire: headers, body as sent, body decompressed."""
    problems = {}
    for target in targets:
        answer = fetch_raw(port, target["path"], target.get("headers"))
        wrong = [
            name
            for name, value in target.get("expect", {}).items()
            if value not in answer["headers"].get(name.lower(), "")
        ]
        if answer["status"] != 200 or target["marker"] not in answer["text"] or wrong:
            problems[target["key"]] = (
                f"status {answer['status']}, marker {'found' if target['marker'] in answer['text'] else 'missing'}"
                + (f", header missing or wrong: {', '.join(wrong)}" if wrong else "")
            )
        if wire is not None:
            wire[target["key"]] = {key: answer[key] for key in ("header_bytes", "body_bytes", "raw_body_bytes")} | {
                "content_encoding": answer["headers"].get("content-encoding", "")
            }
    return problems


def drain(port: int, limit: float = 60) -> None:
    """Waits until the server has finished requests the load generator left queued (slow pages)."""
    deadline = time.monotonic() + limit
    fast = 0
    while time.monotonic() < deadline and fast < 3:
        started = time.perf_counter()
        with contextlib.suppress(OSError):
            fetch(port, TRIVIAL_PATH, timeout=limit)
        fast = fast + 1 if time.perf_counter() - started < 0.05 else 0
        time.sleep(0.1)


def measure_mode(args, env, mode: str, targets: list[dict], load, embed_targets: list[dict] = ()) -> dict:
    """One server: the column targets at --concurrency and the embed targets at --embed-concurrency,
    interleaved in the same rounds; each group's ratios are against its own trivial row (its first)."""
    env = dict(env)
    env["PAGE_CACHE_SECONDS"] = "300" if mode == "cached" else "0"
    if args.redis:
        log(f"[{mode}] cleared {clear_redis_keys(args)} benchmark keys from Redis")
    groups = {"columns": list(targets), "embeds": list(embed_targets)}
    every = [
        {**target, "concurrency": args.embed_concurrency if group == "embeds" else args.concurrency}
        for group, members in groups.items()
        for target in members
    ]
    samples: dict[str, list[dict]] = {target["key"]: [] for target in every}
    per_round = max(1, round(args.duration / args.rounds))
    wire: dict[str, dict] = {}
    with Server(args, env, mode) as server:
        problems = check_targets(server.port, every, wire)
        for key, problem in problems.items():
            log(f"[{mode}] PROBLEM {key}: {problem}")
        if args.warmup > 0:
            log(f"[{mode}] warming up: {args.warmup:g} s per target")
            for target in every:
                load(server.port, target["path"], args.warmup, target["concurrency"], target.get("headers"))
                drain(server.port)
        meter = CpuMeter(server.process.pid, args.postgres_db if args.postgres else None)
        for round_number in range(1, args.rounds + 1):
            for target in every:
                meter.start()
                sample = load(server.port, target["path"], per_round, target["concurrency"], target.get("headers"))
                sample["cpu"] = meter.stop()
                drain(server.port)
                samples[target["key"]].append(sample)
                rps = sample["requests"] / sample["seconds"]
                name = f"{target['name']} ({target['concurrency']} conn.)"
                log(
                    f"[{mode}] round {round_number}/{args.rounds} {name:44} {rps:>8.1f} req/s"
                    f"  cpu: server {sample['cpu'].get('server', 0):.0%}, "
                    f"db {sample['cpu'].get('database', 0):.0%}, load generator "
                    f"{sample['cpu'].get('loadgen', 0):.0%}, others {sample['cpu'].get('others', 0):.0%}"
                    f"{'  errors ' + str(sample['errors']) if sample['errors'] else ''}"
                )
        problems_after = check_targets(server.port, every)
        for key, problem in problems_after.items():
            log(f"[{mode}] PROBLEM after load {key}: {problem}")
        server_info = {"command": server.command[1:], "log": str(server.log_path.relative_to(REPO_DIR))}
    result = {
        "server": server_info,
        "page_cache_seconds": int(env["PAGE_CACHE_SECONDS"]),
        "seconds_per_round": per_round,
    }
    for group, members in groups.items():
        rows = []
        for target in members:
            row = merge_samples(samples[target["key"]])
            row.update(key=target["key"], name=target["name"], path=target["path"])
            row["headers"] = target.get("headers", {})
            row["concurrency"] = args.embed_concurrency if group == "embeds" else args.concurrency
            row["problem"] = problems.get(target["key"]) or problems_after.get(target["key"], "")
            row["wire"] = wire.get(target["key"], {})
            rows.append(row)
        trivial_rps = rows[0]["rps"] if rows else None
        trivial_cpu = rows[0]["cpu_ms_per_request"] if rows else None
        for row in rows:
            row["ratio"] = round(row["rps"] / trivial_rps, 3) if trivial_rps else 0.0
            if trivial_cpu and row["cpu_ms_per_request"]:
                row["cpu_ratio"] = round(trivial_cpu / row["cpu_ms_per_request"], 3)
        if group == "columns":
            result.update(trivial_rps=trivial_rps, rows=rows)
        elif rows:
            result.update(embed_trivial_rps=trivial_rps, embed_rows=rows, embed_concurrency=args.embed_concurrency)
    return result


# --- Report ---------------------------------------------------------------------------------------


def cpu_name() -> str:
    """The processor's model name (/proc/cpuinfo), else what the platform module says."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    return next((ln.split(":", 1)[1].strip() for ln in lines if "model name" in ln), platform.processor())


def machine_info(args, loader: str) -> dict:
    import sqlite3

    info = {
        "cpu": cpu_name(),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "loader": loader,
    }
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        info["memory_gb"] = round(kb / 1024 / 1024, 1)
    for package in ("Django", "wagtail", "gunicorn"):
        info[package.lower()] = metadata.version(package)
    if loader.startswith("wrk"):
        out = subprocess.run([loader.split(" ", 1)[-1], "-v"], capture_output=True, text=True, check=False)
        info["wrk"] = (out.stdout or out.stderr).splitlines()[0] if (out.stdout or out.stderr) else "wrk"
    if args.postgres:
        with postgres_admin(args) as connection:
            info["postgresql"] = connection.execute("SHOW server_version").fetchone()[0]
    if args.redis:
        import redis

        info["redis"] = redis.Redis.from_url(args.redis_url, socket_timeout=5).info("server")["redis_version"]
    return info


def add_bare_ratios(modes: dict) -> None:
    """Cached rows against the trivial view of the cache-off server, where no request pays a cache lookup."""
    if "cached" not in modes or "cold" not in modes or not modes["cold"]["rows"]:
        return
    bare = modes["cold"]["rows"][0]
    for row in modes["cached"]["rows"]:
        row["ratio_bare"] = round(row["rps"] / bare["rps"], 3) if bare["rps"] else None
        if bare.get("cpu_ms_per_request") and row.get("cpu_ms_per_request"):
            row["cpu_ratio_bare"] = round(bare["cpu_ms_per_request"] / row["cpu_ms_per_request"], 3)


def _cell(value, pattern: str = "{:.2f}") -> str:
    return "-" if value is None else pattern.format(value)


def markdown(report: dict) -> str:
    modes = report["modes"]
    counts = report["inprocess"]
    goal = report["goal"]
    lines = [
        f"**{report['label']}**, {report['count']} articles; gunicorn {report['server']}; {report['loader']}, "
        f"{report['concurrency']} connections, {report['duration']:g} s per target in {report['rounds']} "
        "interleaved rounds.",
    ]
    if "cached" in modes and modes["cached"]["rows"]:
        data = modes["cached"]
        rounds = ", ".join(f"{value:.0f}" for value in data["rows"][0]["rounds_rps"])
        lines += [
            "",
            f"*Cached* (PAGE_CACHE_SECONDS={data['page_cache_seconds']}); trivial view {data['trivial_rps']:.0f} "
            f"req/s (rounds: {rounds}).",
            "",
            "| target | req/s | p50 ms | p95 ms | ratio | goal | ratio vs trivial, cache off | CPU ms/req "
            "| CPU ratio vs trivial, cache off | others' CPU |",
            "|---|--:|--:|--:|--:|:-:|--:|--:|--:|--:|",
        ]
        for row in data["rows"]:
            flag = " ⚠" if row["errors"] or row["problem"] else ""
            verdict = ("✅" if row["ratio"] >= goal else "❌") if row["key"] in COLUMN_KEYS else ""
            lines.append(
                f"| {row['name']} | {row['rps']:.0f}{flag} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} "
                f"| {row['ratio']:.2f} | {verdict} | {_cell(row.get('ratio_bare'))} "
                f"| {_cell(row.get('cpu_ms_per_request'))} | {_cell(row.get('cpu_ratio_bare'))} "
                f"| {_cell(row['cpu'].get('others'), '{:.0%}')} |"
            )
    if "cold" in modes and modes["cold"]["rows"]:
        data = modes["cold"]
        rounds = ", ".join(f"{value:.0f}" for value in data["rows"][0]["rounds_rps"])
        lines += [
            "",
            f"*Cold* (PAGE_CACHE_SECONDS=0: every request renders); trivial view {data['trivial_rps']:.0f} req/s "
            f"(rounds: {rounds}).",
            "",
            "| target | req/s | p50 ms | p95 ms | ratio | CPU ms/req | SQL queries | in-process ms (SQL ms) "
            "| others' CPU |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for row in data["rows"]:
            flag = " ⚠" if row["errors"] or row["problem"] else ""
            probe = counts.get(row["key"], {}).get("miss", {})
            lines.append(
                f"| {row['name']} | {row['rps']:.1f}{flag} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} "
                f"| {row['ratio']:.3f} | {_cell(row.get('cpu_ms_per_request'))} | {probe.get('queries', '-')} "
                f"| {probe.get('ms', '-')} ({probe.get('sql_ms', '-')}) | {_cell(row['cpu'].get('others'), '{:.0%}')} |"
            )
    if report["suite"] != "embed":
        lines += [
            "",
            f"Goal: column pages ≥ {goal:.0%} of the trivial view's throughput on the same server with the page "
            f"cache on. Result: {'met' if not report['missed'] else 'MISSED: ' + ', '.join(report['missed'])}.",
        ]
    if report["suite"] != "columns":
        lines += ["", *embed_markdown(report)]
    return "\n".join(lines)


def embed_markdown(report: dict) -> list[str]:
    mode, data = next(((mode, data) for mode, data in report["modes"].items() if data.get("embed_rows")), (None, {}))
    if not data:
        return ["*Embeds*: not measured."]
    counts = report["inprocess"]
    rows = data["embed_rows"]
    rounds = ", ".join(f"{value:.0f}" for value in rows[0]["rounds_rps"])
    lines = [
        f"*Embeds* ({mode} server, {data['embed_concurrency']} connections, `Accept-Encoding: gzip`, the JSON with "
        f"`Origin: {report['embed_origin']}`); trivial view {data['embed_trivial_rps']:.0f} req/s at "
        f"{data['embed_concurrency']} connections (rounds: {rounds}).",
        "",
        "| target | req/s | p50 ms | p95 ms | ratio | goal | CPU ms/req | CPU ratio | bytes/response on the wire "
        "| headers + body (body uncompressed) | payload miss: SQL queries, in-process ms | others' CPU |",
        "|---|--:|--:|--:|--:|:-:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        flag = " ⚠" if row["errors"] or row["problem"] else ""
        verdict = ("✅" if row["ratio"] >= report["embed_goal"] else "❌") if row["key"] in EMBED_KEYS else ""
        wire = row.get("wire", {})
        sizes = (
            f"{wire['header_bytes']} + {wire['body_bytes']} ({wire['raw_body_bytes']})"
            + (" gzip" if wire.get("content_encoding") == "gzip" else "")
            if wire
            else "-"
        )
        miss = counts.get(row["key"], {}).get("miss", {})
        cost = (
            f"{miss.get('queries', '-')}, {miss.get('ms', '-')}" if row["key"] in ("embed_frame", "embed_json") else "-"
        )
        lines.append(
            f"| {row['name']} | {row['rps']:.0f}{flag} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} "
            f"| {row['ratio']:.2f} | {verdict} | {_cell(row.get('cpu_ms_per_request'))} "
            f"| {_cell(row.get('cpu_ratio'))} "
            f"| {row['bytes_per_response']} | {sizes} | {cost} | {_cell(row['cpu'].get('others'), '{:.0%}')} |"
        )
    missed = report["embed_missed"]
    lines += [
        "",
        f"Goal: embeds ≥ {report['embed_goal']:.0%} of the trivial view's throughput at "
        f"{data['embed_concurrency']} connections on the same server. "
        f"Result: {'met' if not missed else 'MISSED: ' + ', '.join(missed)}.",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles to seed (default 10000)")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL database asean_bench instead of SQLite")
    parser.add_argument(
        "--postgres-admin-url",
        default=os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="where to CREATE/DROP the benchmark database",
    )
    parser.add_argument("--postgres-db", default="asean_bench")
    parser.add_argument("--keep-db", action="store_true", help="leave the PostgreSQL database after the run")
    parser.add_argument("--redis", action="store_true", help="Django RedisCache instead of local memory")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument("--redis-prefix", default=REDIS_KEY_PREFIX, help="cache key prefix, the only keys ever deleted")
    parser.add_argument("--reuse", action="store_true", help="skip database set-up: reuse the last run's data")
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per target (default 10)")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up load per target (default 2)")
    parser.add_argument(
        "--rounds", type=int, default=5, help="interleaved rounds over all targets, --duration split between them"
    )
    parser.add_argument("--concurrency", type=int, default=16, help="open connections (default 16)")
    parser.add_argument("--workers", type=int, default=2 * cores + 1, help="gunicorn workers (default 2*cores+1)")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class (default sync)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (default 1)")
    parser.add_argument("--modes", default="cached,cold", help="cached, cold or both (default cached,cold)")
    parser.add_argument("--loader", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--goal", type=float, default=0.5, help="required cached ratio of column pages (0.5)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a column page or an embed misses its goal")
    parser.add_argument(
        "--suite", choices=["columns", "embed", "all"], default="all", help="what to measure (default all)"
    )
    parser.add_argument("--embed-concurrency", type=int, default=50, help="connections for the embeds (default 50)")
    parser.add_argument(
        "--embed-origin",
        default="http://127.0.0.1:8013",
        help="origin registered for the portal's embeds and sent as Origin with the JSON (default http://127.0.0.1:8013)",
    )
    parser.add_argument("--embed-goal", type=float, default=0.8, help="required ratio of the embeds (0.8)")
    args = parser.parse_args(argv)
    args.label = ("postgresql" if args.postgres else "sqlite") + ("+redis" if args.redis else "+locmem")
    args.sqlite_path = RESULTS_DIR / "bench.sqlite3"
    modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    if set(modes) - {"cached", "cold"} or not modes:
        parser.error("--modes takes cached, cold or cached,cold")

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if args.postgres:
        database_url = f"postgres://postgres@127.0.0.1:5432/{args.postgres_db}"
        if "@" in args.postgres_admin_url:
            database_url = args.postgres_admin_url.rsplit("/", 1)[0] + f"/{args.postgres_db}"
    else:
        database_url = f"sqlite:///{args.sqlite_path}"
    env = bench_env(args, database_url)

    wrk = None if args.loader == "python" else ensure_wrk(allow_install=True)
    if args.loader == "wrk" and not wrk:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    loader = f"wrk {wrk}" if wrk else "python"

    def load(port, path, duration, concurrency, headers=None):
        if wrk:
            return load_wrk(wrk, port, path, duration, concurrency, headers)
        return load_python(port, path, duration, concurrency, headers)

    report = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "label": args.label,
        "count": args.count,
        "duration": args.duration,
        "warmup": args.warmup,
        "concurrency": args.concurrency,
        "rounds": args.rounds,
        "server": f"{args.workers} {args.worker_class} workers x {args.threads} threads",
        "loader": "wrk" if wrk else "python load generator",
        "goal": args.goal,
        "suite": args.suite,
        "embed_goal": args.embed_goal,
        "embed_concurrency": args.embed_concurrency,
        "embed_origin": args.embed_origin,
    }
    try:
        if args.reuse and (args.postgres or args.sqlite_path.exists()):
            report["setup"] = {"reused": True, "timings_s": {}}
            migrate = [sys.executable, "manage.py", "migrate", "--noinput"]
            run_step("migrate", migrate, env, report["setup"]["timings_s"])
            collectstatic(env, report["setup"]["timings_s"])  # the project's static files may have changed
            if args.suite != "columns":
                allow_embed_origin(args, env, report["setup"]["timings_s"])
        else:
            report["setup"] = setup(args, env)
        probed = probe(args, env)
        targets, report["inprocess"] = probed["targets"], probed["inprocess"]
        report["count"] = probed["articles"]
        # The embeds are measured once, on the first mode's server (normally "cached"); the page cache setting
        # does not apply to them (their payload cache is always on).
        embed_targets = probed.get("embed_targets", [])
        report["modes"] = {}
        for index, mode in enumerate(modes):
            embeds = embed_targets if index == 0 else []
            if targets or embeds:
                report["modes"][mode] = measure_mode(args, env, mode, targets, load, embeds)
        report["machine"] = machine_info(args, loader)
    finally:
        if args.redis:
            clear_redis_keys(args)  # this run's cached pages and content version only
        if args.postgres and not args.keep_db:
            log(f"dropping PostgreSQL database {args.postgres_db} (--keep-db keeps it for --reuse)")
            drop_postgres(args)
    add_bare_ratios(report["modes"])
    cached_rows = report["modes"].get("cached", {}).get("rows", [])
    misses = [row["key"] for row in cached_rows if row["key"] in COLUMN_KEYS and row["ratio"] < args.goal]
    embed_rows = [row for mode in report["modes"].values() for row in mode.get("embed_rows", [])]
    embed_misses = [row["key"] for row in embed_rows if row["key"] in EMBED_KEYS and row["ratio"] < args.embed_goal]
    failures = [
        row["key"]
        for mode in report["modes"].values()
        for row in mode["rows"] + mode.get("embed_rows", [])
        if row["errors"] or row["problem"]
    ]
    columns_passed = bool(cached_rows) and not misses
    embeds_passed = bool(embed_rows) and not embed_misses
    report["passed"] = (columns_passed or args.suite == "embed") and (embeds_passed or args.suite == "columns")
    report["columns_passed"] = columns_passed if args.suite != "embed" else None
    report["embeds_passed"] = embeds_passed if args.suite != "columns" else None
    report["missed"] = misses
    report["embed_missed"] = embed_misses
    report["failures"] = failures
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    table = markdown(report)
    report["markdown"] = table
    save_report("", args.label, report, table)
    print()
    print(table)
    print(f"\nmachine: {json.dumps(report['machine'], ensure_ascii=False)}")
    print(f"total {report['total_seconds']} s; results in {RESULTS_DIR.relative_to(REPO_DIR)}/latest.json")
    if failures:
        print(f"requests failed or content was wrong for: {', '.join(sorted(set(failures)))}", file=sys.stderr)
    if args.strict and (misses or embed_misses or failures):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
