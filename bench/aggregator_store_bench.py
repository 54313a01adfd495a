"""Storing alone: ``store.record_pass`` over a farm pass digested beforehand, on SQLite or PostgreSQL.

    .venv/bin/python bench/aggregator_store_bench.py              # SQLite files in bench/results/
    .venv/bin/python bench/aggregator_store_bench.py --postgres   # PostgreSQL databases asean_storebench*

A first pass (bench/aggregator_bench.py) shares the cores between the digest workers, the storing thread
and the database, and its time moves with everything else the machine does. This measures the storing
stage alone, for changes to store.py, statements.py, bulk.py or the database's triggers and indexes:
the farm (bench/feed_farm.py) is imported and digested once, its outcomes pickled, then each round
stores them into a fresh copy of the imported database, in one thread as a pass does, and reports the
wall time, the thread's CPU and, on PostgreSQL, the database backend's CPU. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import sys
import time
from pathlib import Path

from aggregator_bench import (
    RESULTS_DIR,
    _proc_stat,
    bench_env,
    copy_postgres,
    copy_sqlite,
    drop_postgres,
    recreate_postgres,
    remove_sqlite,
)
from run import log, run_step


def child_capture(out: Path) -> None:
    """Fetch and digest every source once, in this process; pickle the outcomes."""
    import django

    django.setup()
    from aggregator import fetch, pipeline
    from aggregator.intents import SourceSnapshot
    from aggregator.models import Source

    session = fetch.shared_session()
    with pipeline.make_digester() as digester:
        outcomes = [pipeline.gather(SourceSnapshot.of(s), digester, session) for s in Source.objects.order_by("pk")]
    out.write_bytes(pickle.dumps(outcomes))


def _backend_cpu_s(connection) -> float | None:
    """CPU seconds of this connection's PostgreSQL backend so far (the server runs on this machine)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    fields = _proc_stat(pid)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_store(outcomes_path: Path, out: Path) -> None:
    """Store the pickled outcomes, one source after the other, as ``pipeline.run_pass`` does."""
    import django

    django.setup()
    from django.db import connection

    from aggregator.clustering import StoryIndex
    from aggregator.models import Item, StoryCluster
    from aggregator.store import Taxonomy, record_pass

    outcomes = pickle.loads(outcomes_path.read_bytes())  # written by this script's own capture child
    taxonomy, stories = Taxonomy.load(), StoryIndex()
    backend = _backend_cpu_s(connection)
    cpu, wall = time.thread_time(), time.perf_counter()
    for outcome in outcomes:
        record_pass(outcome, taxonomy, stories=stories)
    wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
    if backend is not None:
        backend = round(_backend_cpu_s(connection) - backend, 2)
    result = {
        "wall_s": round(wall, 3),
        "python_cpu_s": round(cpu, 3),
        "backend_cpu_s": backend,
        "items": Item.objects.count(),
        "stories": StoryCluster.objects.count(),
    }
    out.write_text(json.dumps(result))


def _fresh_copy(args, template_url: str, template_path: Path, round_path: Path) -> str:
    """A database holding what the template holds; its URL."""
    if args.postgres:
        copy_postgres(args.postgres_admin_url, f"{args.postgres_db}_template", args.postgres_db)
        return template_url.rsplit("/", 1)[0] + f"/{args.postgres_db}"
    copy_sqlite(template_path, round_path)
    return f"sqlite:///{round_path}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--postgres-admin-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--postgres-db", default="asean_storebench")
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", choices=["capture", "store"], help=argparse.SUPPRESS)
    parser.add_argument("--outcomes", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "capture":
        child_capture(Path(args.out))
        return 0
    if args.child == "store":
        child_store(Path(args.outcomes), Path(args.out))
        return 0

    from feed_farm import FeedFarm, make_feeds, write_opml

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    label = "postgresql" if args.postgres else "sqlite"
    template_path = RESULTS_DIR / "store-template.sqlite3"
    round_path = RESULTS_DIR / "store-round.sqlite3"
    if args.postgres:
        template_url = args.postgres_admin_url.rsplit("/", 1)[0] + f"/{args.postgres_db}_template"
    else:
        template_url = f"sqlite:///{template_path}"
    python, script = sys.executable, str(Path(__file__).resolve())
    outcomes_path, out_path = RESULTS_DIR / "store-outcomes.pickle", RESULTS_DIR / "store-round.json"
    timings: dict = {}
    rounds = []
    try:
        with FeedFarm(make_feeds(args.feeds, args.items)) as farm:
            opml = RESULTS_DIR / "store-farm.opml"
            write_opml(farm, opml)
            if args.postgres:
                recreate_postgres(args.postgres_admin_url, f"{args.postgres_db}_template")
            else:
                remove_sqlite(template_path)
            env = bench_env(template_url)
            run_step("migrate", [python, "manage.py", "migrate", "--noinput"], env, timings)
            run_step("import_opml", [python, "manage.py", "import_opml", opml, "--keep-all"], env, timings)
            run_step("capture", [python, script, "--child", "capture", "--out", outcomes_path], env, timings)
        for number in range(args.rounds):
            url = _fresh_copy(args, template_url, template_path, round_path)
            command = [python, script, "--child", "store", "--outcomes", outcomes_path, "--out", out_path]
            run_step(f"round {number + 1}", command, bench_env(url), timings)
            rounds.append(json.loads(out_path.read_text()))
            log(f"round {number + 1}: {rounds[-1]}")
    finally:
        if args.postgres:
            for name in (args.postgres_db, f"{args.postgres_db}_template"):
                drop_postgres(args.postgres_admin_url, name)

    medians = {
        key: statistics.median(r[key] for r in rounds)
        for key in ("wall_s", "python_cpu_s", "backend_cpu_s")
        if rounds and rounds[0][key] is not None
    }
    report = {"label": label, "feeds": args.feeds, "items": args.items, "rounds": rounds, "medians": medians}
    (RESULTS_DIR / f"aggregator-store-{label}.json").write_text(json.dumps(report, indent=2))
    print(
        f"\n**{label}**: storing {rounds[0]['items'] if rounds else 0} items of {args.feeds} sources, medians of "
        f"{len(rounds)} rounds: " + ", ".join(f"{key} {value:.2f}" for key, value in medians.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
