"""The aggregator's feed pass against a plain feedparser loop and the ``reader`` library, on a loopback farm.

    .venv/bin/python bench/aggregator_bench.py              # SQLite file bench/results/aggregator.sqlite3
    .venv/bin/python bench/aggregator_bench.py --postgres   # PostgreSQL database asean_aggbench (dropped after)

One run: generate the feed farm (bench/feed_farm.py: --feeds feeds x --items items, ~125 KB each,
Vietnamese text) and serve it on 127.0.0.1; a template database: ``manage.py migrate``, ``manage.py
import_opml FARM --keep-all`` (full text off); then ``--rounds`` rounds (3), each on a fresh copy of the
template and each step in its own process so that peak RSS is that process's own (``os.wait4``):

1. **first pass**: ``fetch_feeds --all`` through ``call_command`` (the project's pipeline, AGGREGATOR_WORKERS
   threads): pass seconds, items stored (counted in the database afterwards), items/s, peak RSS;
2. **second pass**, nothing changed: every feed must answer 304 (counted by the farm) in under 2 s;
3. **(a) sequential**: ``requests.get`` + ``feedparser.parse`` for each feed, one after the other, nothing
   stored: items parsed/s;
4. **(b) reader**: ``reader.make_reader`` on a fresh SQLite file, ``add_feed`` x N, ``update_feeds(workers=4)``
   (then a second, unchanged update), run with the interpreter of a separate venv
   (bench/results/reader-venv, created with ``python -m venv`` + ``pip install reader``: ``reader`` is not a
   project dependency).

A round's ratio is our first pass items/s / reader's items/s in that round: the two run a few seconds
apart, so a slow stretch of the machine weighs on both. The run's ratio is the median round's, whose
steps fill the table; every round's numbers are listed under it. Writes every number to
bench/results/aggregator-latest.json (and a time-stamped copy). Only 127.0.0.1 is contacted.
The module's top level uses the standard library only: the reader child imports it from the reader venv.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

# bench/ is sys.path[0] when this file runs as a script: share the column benchmark's helpers.
from run import cpu_name, django_env, log, run_step, save_report

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
READER_VENV = RESULTS_DIR / "reader-venv"
# reader 3.26 vendors a feedparser that still imports ``sgmllib``; feedparser 6.0.14 (its declared
# dependency) now ships ``feedparser_sgmllib`` instead, so the old module is installed beside it.
READER_PACKAGES = ("reader", "sgmllib3k")
TARGET_RATIO = 1.5
TARGET_SECOND_PASS_S = 2.0
TARGET_RSS_MB = 300
SQLITE_SUFFIXES = ("", "-wal", "-shm")


def _peak_rss_mb() -> float:
    """This process's peak RSS since exec (VmHWM), in MB.

    Not ``ru_maxrss``: Linux keeps the high-water mark of the memory image replaced by exec, so a child
    forked from this (farm-serving, ~60 MB) process would report at least the parent's size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --- Children: each measured step runs in a process of its own ------------------------------------


def child_ours(out: Path) -> None:
    """One ``fetch_feeds --all`` pass in this process (Django set up by the environment)."""
    import django

    django.setup()
    from django.core.management import call_command

    from aggregator.models import FetchLog, Item, StoryCluster

    breakdown = _instrument()
    before = Item.objects.count()
    buffer = io.StringIO()
    sampler = _TreeMemorySampler()
    sampler.start()
    started = time.perf_counter()
    call_command("fetch_feeds", "--all", stdout=buffer)
    seconds = time.perf_counter() - started
    sampler.stop()
    for mark in ("last_gather_end", "first_record_start", "last_record_end"):
        breakdown[f"{mark}_s"] = round(breakdown.pop(f"_{mark}", started) - started, 3)
    statuses: dict[str, int] = {}
    for status in FetchLog.objects.values_list("status", flat=True):
        statuses[status] = statuses.get(status, 0) + 1
    result = {
        "seconds": round(seconds, 3),
        "summary": buffer.getvalue().strip().splitlines()[-1],
        "items_before": before,
        "items_after": Item.objects.count(),
        "fetch_log_statuses": statuses,
        "items_in_a_story": Item.objects.filter(cluster__isnull=False).count(),
        "stories": StoryCluster.objects.count(),
        "breakdown": {key: round(value, 3) for key, value in breakdown.items()},
        "peak_rss_mb_self": _peak_rss_mb(),
        "peak_rss_mb_with_workers": sampler.peak_mb,
        "pss_readings": sampler.pss_readings,
        "worker_cpu_s": round(_descendants_cpu_s(), 2),
    }
    out.write_text(json.dumps(result))


def _proc_stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd on (the name may hold spaces)


def _descendants() -> list[int]:
    """Live processes below this one (the digest fork server and its workers)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _proc_stat(int(entry.name))):
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [os.getpid()]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def _descendants_cpu_s() -> float:
    """CPU seconds of the processes below this one, and of the children they reaped (exited workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in _descendants():
        if fields := _proc_stat(pid):
            total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / ticks


class _TreeMemorySampler:
    """Peak memory of this process and its worker processes together.

    Summed as PSS (proportional set size): worker processes share the pages the fork server loaded, and
    summing their RSS would count those pages once per process. PSS is dear to read: the kernel walks
    every page of the process for ``smaps_rollup`` (~5 ms for a 130 MB process on the benchmark machine),
    and read for four processes every 100 ms it took a fifth of a core from the pass it measured. So the
    sampler reads the RSS sum (``statm``, a few µs) every 100 ms and PSS only when that sum has grown
    ``PSS_STEP_MB`` past the sum at the last PSS reading: PSS grows no faster than RSS, so the peak is
    under-read by less than that step. Worker processes (started once, at the pass's start) are looked
    up again once a second, not at every sample (a walk over all of /proc).
    """

    INTERVAL_S = 0.1
    LOOKUP_EVERY = 10  # samples
    PSS_STEP_MB = 4.0
    PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20

    def __init__(self) -> None:
        import threading

        self.peak_mb = 0.0
        self.pss_readings = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss_mb(self, pid: int) -> float:
        try:
            return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self.PAGE_MB
        except (OSError, IndexError, ValueError):
            return 0.0

    def _pss_mb(self, pid: int) -> float:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def _run(self) -> None:
        workers: list[int] = []
        samples = 0
        rss_at_reading = float("-inf")
        while not self._stop.wait(self.INTERVAL_S):
            if samples % self.LOOKUP_EVERY == 0:
                workers = _descendants()
            samples += 1
            pids = [os.getpid(), *workers]
            rss = sum(self._rss_mb(pid) for pid in pids)
            if rss < rss_at_reading + self.PSS_STEP_MB:
                continue
            rss_at_reading = rss
            self.pss_readings += 1
            self.peak_mb = max(self.peak_mb, round(sum(self._pss_mb(pid) for pid in pids), 1))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _instrument() -> dict:
    """Wrap the pass's stages (measuring only, behaviour unchanged) to see where the time goes.

    ``gather`` runs in the pool threads: wall time summed over threads (includes waiting for the GIL) and
    CPU time (``time.thread_time``; parsing in worker processes is not in it). ``record_pass`` (storage,
    calling thread) and, inside it, ``_insert_new`` (a source's new items, links and stories) and within
    that ``_assign_stories`` (cross-outlet story matching): wall time in the calling thread.
    """
    import threading

    from aggregator import pipeline, store

    totals: dict[str, float] = {}
    lock = threading.Lock()

    def add(name: str, value: float) -> None:
        with lock:
            totals[name] = totals.get(name, 0.0) + value

    def timed(module, name: str, cpu: bool = False) -> None:
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            wall, thread_cpu = time.perf_counter(), time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                end = time.perf_counter()
                add(f"{name}_wall_s", end - wall)
                if cpu:
                    add(f"{name}_cpu_s", time.thread_time() - thread_cpu)
                    with lock:
                        totals["_last_gather_end"] = max(totals.get("_last_gather_end", 0.0), end)
                elif name == "record_pass":  # one thread: when storing began and ended
                    totals.setdefault("_first_record_start", wall)
                    totals["_last_record_end"] = end

        setattr(module, name, wrapper)

    timed(pipeline, "gather", cpu=True)
    timed(pipeline, "record_pass")
    timed(store, "_insert_new")
    timed(store, "_assign_stories")
    return totals


def child_sequential(urls: list[str], out: Path) -> None:
    """(a) The plainest client: requests.get + feedparser.parse, one feed after the other, nothing stored."""
    import feedparser
    import requests

    started = time.perf_counter()
    items = errors = 0
    for url in urls:
        response = requests.get(url, timeout=30)
        parsed = feedparser.parse(response.content)
        items += len(parsed.entries)
        errors += int(response.status_code != 200 or bool(parsed.bozo))
    seconds = time.perf_counter() - started
    result = {"seconds": round(seconds, 3), "items": items, "errors": errors, "peak_rss_mb_self": _peak_rss_mb()}
    out.write_text(json.dumps(result))


def child_reader(urls: list[str], db_path: Path, workers: int, out: Path) -> None:
    """(b) lemon24/reader: a fresh database, the feeds added, update_feeds(workers=N) twice."""
    import reader

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    feed_reader = reader.make_reader(str(db_path))
    for url in urls:
        feed_reader.add_feed(url)
    started = time.perf_counter()
    feed_reader.update_feeds(workers=workers)
    seconds = time.perf_counter() - started
    rss_first = _peak_rss_mb()
    items = feed_reader.get_entry_counts().total
    started = time.perf_counter()
    feed_reader.update_feeds(workers=workers, scheduled=False)  # not due yet for reader: force the check
    second = time.perf_counter() - started
    errors = sum(1 for feed in feed_reader.get_feeds() if feed.last_exception)
    feed_reader.close()
    result = {
        "version": reader.__version__,
        "seconds": round(seconds, 3),
        "items": items,
        "errors": errors,
        "second_pass_seconds": round(second, 3),
        "peak_rss_mb_first_update": rss_first,
        "peak_rss_mb_self": _peak_rss_mb(),
    }
    out.write_text(json.dumps(result))


# --- Measuring a child ------------------------------------------------------------------------------


def _cpu_jiffies() -> tuple[int, int, int]:
    """(busy, total, stolen) jiffies of the whole machine, from /proc/stat.

    Stolen: time a virtual CPU was ready to run but the hypervisor ran something else. A pass on two
    cores loses more of its speed to it than a one-core program does.
    """
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle, stolen = fields[3] + fields[4], fields[7]
    return sum(fields) - idle - stolen, sum(fields), stolen


def measure(name: str, command: list[str], env: dict[str, str], timeout: float = 600) -> dict:
    """Run ``command``; wall time, its peak RSS and CPU (os.wait4) and the others' share of the machine."""
    log(f"{name}: {' '.join(str(part) for part in command[1:])}")
    out_path = RESULTS_DIR / f"aggregator-{name}.json"
    out_path.unlink(missing_ok=True)
    busy0, total0, stolen0 = _cpu_jiffies()
    self0 = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(part) for part in command] + ["--out", str(out_path)],
        cwd=REPO_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.02)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    busy1, total1, stolen1 = _cpu_jiffies()
    self1 = resource.getrusage(resource.RUSAGE_SELF)
    if process.returncode != 0 or not out_path.exists():
        sys.stderr.write(output[-6000:])
        raise SystemExit(f"{name} failed (exit {process.returncode})")
    ticks = os.sysconf("SC_CLK_TCK")
    cores = os.cpu_count() or 1
    result = json.loads(out_path.read_text())
    # Digest worker processes are the child's grandchildren: wait4 does not count them; the child does.
    child_cpu = usage.ru_utime + usage.ru_stime + result.get("worker_cpu_s", 0)
    farm_cpu = (self1.ru_utime + self1.ru_stime) - (self0.ru_utime + self0.ru_stime)
    machine_cpu = (busy1 - busy0) / ticks
    capacity = (total1 - total0) / ticks or wall * cores
    result.update(
        process_wall_s=round(wall, 3),
        peak_rss_mb=max(result.get("peak_rss_mb_self", 0), result.get("peak_rss_mb_with_workers", 0))
        or round(usage.ru_maxrss / 1024, 1),
        ru_maxrss_mb=round(usage.ru_maxrss / 1024, 1),
        cpu_s=round(child_cpu, 2),
        farm_cpu_s=round(farm_cpu, 2),
        others_cpu_share=round(max(0.0, machine_cpu - child_cpu - farm_cpu) / capacity, 3),
        stolen_share=round((stolen1 - stolen0) / ticks / capacity, 3),
        output_tail=output[-2000:],
    )
    return result


# --- Set-up -----------------------------------------------------------------------------------------


def bench_env(database_url: str) -> dict[str, str]:
    return django_env(
        database_url, "aggregator", drop=("AGGREGATOR_WORKERS",), AGGREGATOR_ALLOWED_NETWORKS="127.0.0.0/8"
    )


def postgres_admin(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True, connect_timeout=5)


def recreate_postgres(admin_url: str, name: str) -> None:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"unsafe database name {name!r}")
    with postgres_admin(admin_url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")


def copy_postgres(admin_url: str, template: str, name: str) -> None:
    """Database ``name`` made afresh as a copy of ``template``."""
    drop_postgres(admin_url, name)
    with postgres_admin(admin_url) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def drop_postgres(admin_url: str, name: str) -> None:
    with postgres_admin(admin_url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def reader_python() -> Path:
    """The interpreter of bench/results/reader-venv, created and given ``reader`` on first use."""
    python = READER_VENV / "bin" / "python"
    check = [str(python), "-c", "import reader, sgmllib, requests"]
    if python.exists() and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    log(f"creating {READER_VENV.relative_to(REPO_DIR)} (python -m venv + pip install reader sgmllib3k)")
    shutil.rmtree(READER_VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(READER_VENV)], check=True)
    completed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *READER_PACKAGES], capture_output=True, text=True, timeout=600
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-3000:])
        raise SystemExit("pip install reader failed (is PyPI reachable?)")
    return python


def machine_info(postgres_url: str | None) -> dict:
    import sqlite3
    from importlib import metadata

    info = {
        "cpu": cpu_name(),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }
    for package in ("Django", "wagtail", "feedparser", "requests", "nh3"):
        info[package.lower()] = metadata.version(package)
    if postgres_url:
        with postgres_admin(postgres_url) as connection:
            info["postgresql"] = connection.execute("SHOW server_version").fetchone()[0]
    return info


# --- Report -----------------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "✅" if ok else "❌"


def round_ratio(steps: dict) -> float | None:
    """Fill in a round's items and rates; its ratio, our first pass items/s / reader's."""
    first, sequential, reader = steps["first_pass"], steps["sequential"], steps["reader"]
    first["items_stored"] = first["items_after"] - first["items_before"]
    first["items_per_s"] = round(first["items_stored"] / first["seconds"], 1)
    sequential["items_per_s"] = round(sequential["items"] / sequential["seconds"], 1)
    reader["items_per_s"] = round(reader["items"] / reader["seconds"], 1) if reader.get("items") else None
    return round(first["items_per_s"] / reader["items_per_s"], 2) if reader.get("items_per_s") else None


def summarise(report: dict, rounds: list[dict]) -> None:
    """The median round's steps as the run's, every round in ``report["rounds"]``, and the targets.

    Second pass and memory are held to the worst round, every item stored to every round.
    """
    median = sorted(rounds, key=lambda steps: steps["ratio"] or 0.0)[(len(rounds) - 1) // 2]  # the lower middle
    ratio = median["ratio"] if all(steps["ratio"] for steps in rounds) else None
    report.update({name: median[name] for name in ("first_pass", "second_pass", "sequential", "reader")})
    first, sequential = report["first_pass"], report["sequential"]
    report["ratio_vs_reader"] = ratio
    report["ratio_vs_sequential"] = round(first["items_per_s"] / sequential["items_per_s"], 2)
    report["rounds"] = [
        {
            "ratio": steps["ratio"],
            "first_pass_s": steps["first_pass"]["seconds"],
            "reader_s": steps["reader"]["seconds"],
            "first_pass_cpu_s": steps["first_pass"]["cpu_s"],
            "reader_cpu_s": steps["reader"]["cpu_s"],
            "second_pass_s": steps["second_pass"]["seconds"],
            "second_pass_not_modified": steps["second_pass"]["farm"]["not_modified"],
            "peak_rss_mb": steps["first_pass"]["peak_rss_mb"],
            "items_stored": steps["first_pass"]["items_stored"],
        }
        for steps in rounds
    ]
    expected = report["feeds"] * report["items"]
    slowest_second = max(r["second_pass_s"] for r in report["rounds"])
    peak = max(r["peak_rss_mb"] for r in report["rounds"])
    fewest_stored = min(r["items_stored"] for r in report["rounds"])
    report["targets"] = {
        "first_pass_ratio_vs_reader": {"target": TARGET_RATIO, "value": ratio, "met": bool(ratio) and ratio >= 1.5},
        "second_pass_seconds": {
            "target": TARGET_SECOND_PASS_S,
            "value": slowest_second,
            "met": slowest_second < TARGET_SECOND_PASS_S
            and all(r["second_pass_not_modified"] == report["feeds"] for r in report["rounds"]),
        },
        "peak_rss_mb": {"target": TARGET_RSS_MB, "value": peak, "met": peak < TARGET_RSS_MB},
        "all_items_stored": {"target": expected, "value": fewest_stored, "met": fewest_stored == expected},
    }
    report["passed"] = all(target["met"] for target in report["targets"].values())


def markdown(report: dict) -> str:
    first, second = report["first_pass"], report["second_pass"]
    sequential, reader = report["sequential"], report["reader"]
    targets = report["targets"]
    farm = report["farm"]
    lines = [
        f"**{report['label']}**: {report['feeds']} feeds x {report['items']} items, {farm['mean_bytes'] / 1000:.0f} KB "
        f"a feed ({farm['total_mb']:.1f} MB, served gzipped: {farm['gzip_total_mb']:.1f} MB); our pass with "
        f"{report['workers']} workers, reader {reader.get('version', '?')} with update_feeds(workers="
        f"{report['reader_workers']}); load average at the start {report['machine']['load_average'][0]:.2f}.",
        "",
        "| run | seconds | items | items/s | peak RSS MB | CPU s | others' CPU | stolen | process wall s |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]

    def row(name: str, data: dict, items: int | None, rate) -> str:
        rate_text = "-" if rate is None else f"{rate:.0f}"
        return (
            f"| {name} | {data['seconds']:.2f} | {items if items is not None else '-'} | {rate_text} "
            f"| {data['peak_rss_mb']:.0f} | {data['cpu_s']:.1f} | {data['others_cpu_share']:.0%} "
            f"| {data['stolen_share']:.1%} | {data['process_wall_s']:.1f} |"
        )

    lines.append(row("first pass (`fetch_feeds --all`), stored", first, first["items_stored"], first["items_per_s"]))
    lines.append(
        row(
            f"second pass, unchanged ({second['farm']['not_modified']}/{second['farm']['requests']} answered 304)",
            second,
            second["items_after"] - second["items_before"],
            None,
        )
    )
    lines.append(row("(a) sequential requests + feedparser, not stored", sequential, sequential["items"],
                     sequential["items_per_s"]))  # fmt: skip
    lines.append(
        row("(b) reader `update_feeds(workers=4)`, stored", reader, reader.get("items"), reader["items_per_s"])
    )
    lines.append(
        f"| (b) reader, second update, unchanged | {reader['second_pass_seconds']:.2f} | 0 | - | - | - | - | - | - |"
    )
    ratio = report["ratio_vs_reader"]
    lines += [
        "",
        "| target | value | met |",
        "|---|--:|:-:|",
        f"| first pass ≥ {TARGET_RATIO}x reader's items/s (median round) | {ratio:.2f}x (vs sequential "
        f"{report['ratio_vs_sequential']:.2f}x) | {_verdict(targets['first_pass_ratio_vs_reader']['met'])} |",
        f"| unchanged second pass < {TARGET_SECOND_PASS_S:g} s (slowest round) "
        f"| {targets['second_pass_seconds']['value']:.2f} s | {_verdict(targets['second_pass_seconds']['met'])} |",
        f"| first pass peak RSS < {TARGET_RSS_MB} MB (highest round) | {targets['peak_rss_mb']['value']:.0f} MB "
        f"| {_verdict(targets['peak_rss_mb']['met'])} |",
        f"| every item stored (every round) | {targets['all_items_stored']['value']} / "
        f"{report['feeds'] * report['items']} | {_verdict(targets['all_items_stored']['met'])} |",
        "",
        "Rounds, in order (ratio; our first pass and reader, seconds and CPU seconds; second pass): "
        + "; ".join(
            f"**{r['ratio']:.2f}x** ({r['first_pass_s']:.2f} s / {r['first_pass_cpu_s']:.1f} CPU s vs "
            f"{r['reader_s']:.2f} s / {r['reader_cpu_s']:.1f} CPU s; {r['second_pass_s']:.2f} s)"
            for r in report["rounds"]
        )
        + ". The table shows the median round.",
        "",
        f"Summary line of the first pass: `{first['summary']}`; second: `{second['summary']}`. Cross-outlet "
        f"story clusters after the first pass: {first.get('stories', '-')} stories holding "
        f"{first.get('items_in_a_story', '-')} items.",
    ]
    parts = first.get("breakdown")
    if parts:
        lines += [
            "",
            f"First pass, where the time went: storing (`record_pass`, one thread) {parts['record_pass_wall_s']:.1f} s "
            f"of {first['seconds']:.1f} s, of which inserting new items with their links and stories "
            f"(`_insert_new`) {parts.get('_insert_new_wall_s', 0):.1f} s, story matching "
            f"(`_assign_stories`) {parts.get('_assign_stories_wall_s', 0):.1f} s; fetch + digest "
            f"(`gather`, {report['workers']} threads) {parts['gather_cpu_s']:.1f} s of CPU in the threads, "
            f"{first.get('worker_cpu_s', 0):.1f} s in digest worker processes; storing from "
            f"{parts.get('first_record_start_s', 0):.2f} s to {parts.get('last_record_end_s', 0):.2f} s, the last "
            f"`gather` done at {parts['last_gather_end_s']:.2f} s. Peak memory with the worker processes (PSS): "
            f"{first.get('peak_rss_mb_with_workers', 0):.0f} MB.",
        ]
    return "\n".join(lines)


def run_round(args, farm, env, python, script, reader_py, urls_path, label, *, profile: bool) -> dict:
    """One round on a fresh database: our first and second pass, the sequential loop, reader."""
    steps: dict = {}
    ours = [python, script, "--child", "ours"]
    if args.profile and profile:
        py_spy = os.environ.get("PY_SPY", "/tmp/pyspy/bin/py-spy")
        profile_env = os.environ.get("PYTHONPATH", "")
        env_spy = dict(env, PYTHONPATH=f"{env['PYTHONPATH']}:{profile_env}".rstrip(":"))
        raw = RESULTS_DIR / f"aggregator-profile-{label}.txt"
        command = [py_spy, "record", "--gil", "--format", "raw", "--rate", "200", "-o", raw, "--", *ours]
        steps["first_pass"] = measure("first-pass", command, env_spy)
        steps["profile"] = str(raw.relative_to(REPO_DIR))
    else:
        steps["first_pass"] = measure("first-pass", ours, env)
    steps["first_pass"]["farm"] = farm.reset_stats()
    log(f"first pass: {steps['first_pass']['seconds']} s, {steps['first_pass']['summary']}")
    steps["second_pass"] = measure("second-pass", ours, env)
    steps["second_pass"]["farm"] = farm.reset_stats()
    log(f"second pass: {steps['second_pass']['seconds']} s, {steps['second_pass']['summary']}")

    steps["sequential"] = measure("sequential", [python, script, "--child", "sequential", "--urls", urls_path], env)
    steps["sequential"]["farm"] = farm.reset_stats()
    log(f"sequential: {steps['sequential']['seconds']} s, {steps['sequential']['items']} items")

    reader_db = RESULTS_DIR / f"aggregator-reader-{label}.sqlite3"
    reader = [reader_py, script, "--child", "reader", "--urls", urls_path, "--reader-db", reader_db]
    reader += ["--reader-workers", str(args.reader_workers)]
    reader_env = {k: v for k, v in env.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
    steps["reader"] = measure("reader", reader, reader_env)
    steps["reader"]["farm"] = farm.reset_stats()
    log(f"reader: {steps['reader']['seconds']} s, {steps['reader']['items']} items")
    return steps


def remove_sqlite(path: Path) -> None:
    for suffix in SQLITE_SUFFIXES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_sqlite(template: Path, path: Path) -> None:
    """A fresh copy of the template database (its write-ahead log holds the newest pages: copied with it)."""
    remove_sqlite(path)
    for suffix in SQLITE_SUFFIXES:
        if Path(f"{template}{suffix}").exists():
            shutil.copyfile(f"{template}{suffix}", f"{path}{suffix}")


# --- Main -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL database --postgres-db instead of SQLite")
    parser.add_argument(
        "--postgres-admin-url",
        default=os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--postgres-db", default="asean_aggbench")
    parser.add_argument("--keep-db", action="store_true", help="leave the PostgreSQL database after the run")
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--feed-bytes", type=int, default=125_000, help="target size of one feed (125000)")
    parser.add_argument("--workers", type=int, default=None, help="AGGREGATOR_WORKERS (default: the setting, 8)")
    parser.add_argument("--reader-workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="rounds on fresh databases; the median round's ratio")
    parser.add_argument("--profile", action="store_true", help="first pass under py-spy (PY_SPY or /tmp/pyspy)")
    # Children (internal): one measured step each.
    parser.add_argument("--child", choices=["ours", "sequential", "reader"], help=argparse.SUPPRESS)
    parser.add_argument("--urls", help=argparse.SUPPRESS)
    parser.add_argument("--reader-db", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        out = Path(args.out)
        urls = Path(args.urls).read_text().split() if args.urls else []
        if args.child == "ours":
            child_ours(out)
        elif args.child == "sequential":
            child_sequential(urls, out)
        else:
            child_reader(urls, Path(args.reader_db), args.reader_workers, out)
        return 0

    sys.path.insert(0, str(BENCH_DIR))
    from feed_farm import FeedFarm, make_feeds, write_opml

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    label = "postgresql" if args.postgres else "sqlite"
    sqlite_path = RESULTS_DIR / "aggregator.sqlite3"
    template_path = RESULTS_DIR / "aggregator-template.sqlite3"
    template_db = f"{args.postgres_db}_template"
    if args.postgres:
        server = args.postgres_admin_url.rsplit("/", 1)[0]
        database_url, template_url = f"{server}/{args.postgres_db}", f"{server}/{template_db}"
    else:
        database_url, template_url = f"sqlite:///{sqlite_path}", f"sqlite:///{template_path}"
    env, template_env = bench_env(database_url), bench_env(template_url)
    if args.workers:
        env["AGGREGATOR_WORKERS"] = str(args.workers)
    python = sys.executable
    script = str(Path(__file__).resolve())
    reader_py = reader_python()

    log(f"generating {args.feeds} feeds x {args.items} items")
    feeds = make_feeds(args.feeds, args.items, args.feed_bytes)
    sizes = [len(feed.body) for feed in feeds]
    report: dict = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "label": label,
        "feeds": args.feeds,
        "items": args.items,
        "workers": args.workers or 8,
        "reader_workers": args.reader_workers,
        "farm": {
            "mean_bytes": round(sum(sizes) / len(sizes)),
            "total_mb": round(sum(sizes) / 1e6, 2),
            "gzip_total_mb": round(sum(len(feed.gzipped) for feed in feeds) / 1e6, 2),
        },
        "setup_s": {},
    }
    report["machine"] = machine_info(args.postgres_admin_url if args.postgres else None)
    rounds: list[dict] = []
    try:
        with FeedFarm(feeds) as farm:
            opml_path = RESULTS_DIR / "aggregator-farm.opml"
            urls_path = RESULTS_DIR / "aggregator-farm-urls.txt"
            write_opml(farm, opml_path)
            urls_path.write_text("\n".join(farm.urls()) + "\n")
            log(f"farm on {farm.base_url}, OPML {opml_path.relative_to(REPO_DIR)}")

            if args.postgres:
                log(f"recreating PostgreSQL database {template_db}")
                recreate_postgres(args.postgres_admin_url, template_db)
            else:
                remove_sqlite(template_path)
            run_step("migrate", [python, "manage.py", "migrate", "--noinput"], template_env, report["setup_s"])
            output = run_step(
                "import_opml",
                [python, "manage.py", "import_opml", opml_path, "--keep-all"],
                template_env,
                report["setup_s"],
            )
            report["import_opml"] = output.strip().splitlines()[-1]
            log(f"import_opml: {report['import_opml']}")

            for number in range(1, args.rounds + 1):
                if args.postgres:
                    copy_postgres(args.postgres_admin_url, template_db, args.postgres_db)
                else:
                    copy_sqlite(template_path, sqlite_path)
                steps = run_round(args, farm, env, python, script, reader_py, urls_path, label, profile=number == 1)
                steps["ratio"] = round_ratio(steps)
                rounds.append(steps)
                log(f"round {number}: ratio {steps['ratio']}x ({steps['first_pass']['seconds']} s vs reader "
                    f"{steps['reader']['seconds']} s)")  # fmt: skip
            if "profile" in rounds[0]:
                report["profile"] = rounds[0]["profile"]
    finally:
        if args.postgres:
            log(f"dropping PostgreSQL database {template_db}" + ("" if args.keep_db else f" and {args.postgres_db}"))
            drop_postgres(args.postgres_admin_url, template_db)
            if not args.keep_db:
                drop_postgres(args.postgres_admin_url, args.postgres_db)

    summarise(report, rounds)
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    table = markdown(report)
    report["markdown"] = table
    save_report("aggregator-", label, report, table)
    print()
    print(table)
    print(f"\nmachine: {json.dumps(report['machine'], ensure_ascii=False)}")
    print(f"total {report['total_seconds']} s; results in bench/results/aggregator-latest.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
