"""Issue 6's load test: 100 clients browse the column, articles, search and embeds for 60 s while the
aggregator's scheduler ingests the 200-feed farm, on PostgreSQL with 10,000 articles and 100,000 shared items.

    .venv/bin/python bench/load_bench.py            # fresh database asean_loadbench, dropped at the end (~8 min)
    .venv/bin/python bench/load_bench.py --keep-db  # keep it, and the seeded state as asean_loadbench_seed
    .venv/bin/python bench/load_bench.py --reuse    # start again from asean_loadbench_seed: no seeding (~2 min)

One run (bench/README.md, "Load"):

1. **Database**: ``asean_loadbench`` dropped and created; migrate, bootstrap, collectstatic, 10,000 articles
   (bench/seed.py), the portal's embed origin, 100,000 shared items (bench/shared_search_bench.py's seeder).
   With --keep-db that state is copied to ``asean_loadbench_seed``; --reuse copies it back instead of seeding.
2. **Farm**: 200 feeds x 50 items served on 127.0.0.1 (bench/feed_farm.py), imported with
   ``import_opml --keep-all``: 200 new sources, all due at once. The seeded items' sources (example.vn) are
   disabled, so the scheduler contacts nothing but the farm.
3. **Web**: gunicorn with bench.settings (the production profile over plain HTTP) and Redis, as in the column
   benchmark (``run.Server``), the shared API's rate limit raised (``SHARED_API_RATE``: one token serves
   the whole load). The path lists are checked and warmed: every column, search, API and embed URL
   requested once (so their page cache is filled, as on a site visited in the last 5 minutes), 20 articles.
4. **Load**: ``manage.py run_aggregator`` (the production scheduler) starts; when its first feed request
   reaches the farm, five wrk processes start at once for --duration seconds, 100 connections in all, each
   request a random line of its type's path list (bench/wrk_load.lua): column pages (index, pages, filters)
   25, articles (all 10,000, uniformly) 25, the column's search 15, the shared API's search 10, embeds 25.
5. **After**: the scheduler finishes its pass; every farm item must be stored exactly once (50 per source,
   the farm's guids), every fetch log "ok". Page-cache hit ratio per type from the page keys Redis holds
   before and after the window (a key = one render).

Everything goes to bench/results/ (load-latest.json, load-latest.md, a time-stamped JSON copy, the path lists,
gunicorn and scheduler logs). Exit status 1 when a check fails. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

# bench/ is sys.path[0] when this file runs as a script: the other benchmarks' helpers.
from feed_farm import FeedFarm, make_feeds, write_opml
from run import (
    BENCH_DIR,
    REPO_DIR,
    RESULTS_DIR,
    CpuMeter,
    Server,
    allow_embed_origin,
    bench_env,
    child_pids,
    clear_redis_keys,
    collectstatic,
    ensure_wrk,
    fetch_raw,
    load_wrk,
    log,
    machine_info,
    merge_samples,
    postgres_admin,
    process_cpu_seconds,
    run_step,
    save_report,
    setup,
    weighted_quantile,
)

WRK_LOAD_SCRIPT = BENCH_DIR / "wrk_load.lua"
# (key, name, share of the connections): the issue's four page types, search split between the public
# column search and the newsrooms' API.
PAGE_TYPES = (
    ("column", "column pages (index, pages, filters)", 25),
    ("article", "article pages (any article, uniformly)", 25),
    ("search", "column search (?q=)", 15),
    ("api_search", "shared API search (Bearer token)", 10),
    ("embed", "embeds (iframe, JSON, script)", 25),
)
PAGE_PREFIXES = ("/vi/", "/en/")  # what the page cache answers (cms.cache.PageCacheMiddleware)
# A request unanswered after gunicorn's worker timeout (Server: 60 s) would be a 502/504 behind nginx.
CLIENT_TIMEOUT_S = 60
LINES_SEED = 2045


# --- Child (Django set up): the path lists -------------------------------------------------------------------


def child_prepare(farm_url: str, embed_origin: str, out: Path) -> None:
    """Disables the seeded sources, issues an API token and writes every page type's path list."""
    import django

    django.setup()
    from urllib.parse import urlencode

    import seed
    from shared_search_bench import QUERIES

    from aggregator.models import Source
    from cms.models import AseanArticlePage, AseanColumnPage, Country, Pillar, Topic
    from cms.text import fold
    from shared import tokens
    from shared.models import Newsroom

    # The seeded items' sources point at example.vn: the scheduler must reach the farm only.
    disabled = Source.objects.feeds().exclude(feed_url__startswith=farm_url).update(enabled=False)
    token = tokens.issue(Newsroom.objects.order_by("pk").first(), "load benchmark").key

    rng = random.Random(LINES_SEED)
    column = AseanColumnPage.objects.get(locale__language_code="vi")
    column_en = AseanColumnPage.objects.get(locale__language_code="en")
    url = column.url
    slugs = list(AseanArticlePage.objects.live().child_of(column).order_by("path").values_list("slug", flat=True))
    pillars = list(Pillar.objects.values_list("slug", flat=True))
    topics = list(Topic.objects.values_list("slug", flat=True))
    countries = list(Country.objects.values_list("code", flat=True))
    last_page = -(-len(slugs) // column.per_page)

    # Repeated lines are requested more often: visitors mostly open the first pages.
    column_lines = [url] * 10 + [column_en.url] * 2
    column_lines += [f"{url}?page={number}" for number in range(2, 6) for _ in range(3)]
    column_lines += [f"{url}?page={number}" for number in range(6, 21)]
    deep = range(21, last_page + 1)
    column_lines += [f"{url}?page={number}" for number in rng.sample(deep, min(10, len(deep)))]
    column_lines += [f"{url}?pillar={slug}" for slug in pillars]
    column_lines += [f"{url}?topic={slug}" for slug in topics]
    column_lines += [f"{url}?country={code}" for code in countries]
    column_lines += [f"{url}?{urlencode({'pillar': p, 'topic': t})}" for p in pillars for t in rng.sample(topics, 2)]

    words = [*seed.PRODUCTS, *(name for _, name in seed.PARTNERS), "hợp tác", "du lịch cộng đồng", "RCEP"]
    queries = [{"q": word} for word in words] + [{"q": fold(word)} for word in words[:8]]  # typed without marks
    queries += [{"q": "xuất khẩu", "pillar": "kinh-te"}, {"q": "gạo", "page": "2"}, {"q": "lao", "country": "la"}]
    search_lines = [f"{url}?{urlencode(params)}" for params in queries]

    api_lines = [f"/api/shared/v1/items/?{urlencode(params)}" for params in QUERIES]

    embeds = [{"limit": 5}, {"limit": 10}, {"limit": 3, "theme": "dark"}, {"limit": 5, "lang": "en"}]
    embeds += [{"limit": 5, "pillar": slug} for slug in pillars]
    embed_lines = []
    for params in embeds:
        query = urlencode({"agency": "portal", "lang": "vi", **params})
        embed_lines += [f"/embed/asean/?{query}", f"/embed/asean.json?{query}\tOrigin: {embed_origin}"]
    embed_lines += ["/embed/asean.js"] * 3

    lines = {
        "column": column_lines,
        "article": [f"{url}{slug}/" for slug in slugs],
        "search": search_lines,
        "api_search": api_lines,
        "embed": embed_lines,
    }
    out.write_text(json.dumps({"disabled_sources": disabled, "token": token, "lines": lines}, ensure_ascii=False))


# --- Database --------------------------------------------------------------------------------------------------


def copy_database(args, template: str, name: str) -> None:
    for database in (template, name):
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
            raise SystemExit(f"unsafe database name {database!r}")
    with postgres_admin(args) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # FILE_COPY copies the files after a checkpoint; the default strategy would write ~2 GB of WAL.
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')


def drop_database(args, name: str) -> None:
    with postgres_admin(args) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_exists(args, name: str) -> bool:
    with postgres_admin(args) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def seed_database(args, env: dict[str, str]) -> dict:
    """Step 1: a fresh database with the articles (run.setup) and the shared items."""
    seeded = setup(args, env)
    out = RESULTS_DIR / "load-shared-seed.json"
    command = [sys.executable, BENCH_DIR / "shared_search_bench.py", "--child", "seed", "--items", args.items]
    run_step("shared items", [*command, "--out", out], env, seeded["timings_s"], timeout=3600)
    seeded["shared_items"] = json.loads(out.read_text())
    return seeded


# --- The farm, the scheduler, the checks -----------------------------------------------------------------------

FARM_SOURCES_SQL = "SELECT id, feed_url FROM aggregator_source WHERE feed_url LIKE %s"


def farm_pattern(farm: FeedFarm) -> str:
    return farm.base_url + "/feeds/%"


def recorded_sources(database_url: str, farm: FeedFarm) -> int:
    """Farm sources the scheduler has recorded a pass for (a fetch log: stored, unchanged or failed)."""
    import psycopg

    with psycopg.connect(database_url, connect_timeout=5) as connection:
        return connection.execute(
            "SELECT count(DISTINCT f.source_id) FROM aggregator_fetchlog f "
            "JOIN aggregator_source s ON s.id = f.source_id WHERE s.feed_url LIKE %s",
            [farm_pattern(farm)],
        ).fetchone()[0]


def start_scheduler(env: dict[str, str]) -> tuple[subprocess.Popen, Path]:
    log_path = RESULTS_DIR / "load-scheduler.log"
    with log_path.open("w") as handle:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_aggregator"],
            cwd=REPO_DIR,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: its digest worker processes stop with it
        )
    return process, log_path


def stop_scheduler(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # run_forever stops after the jobs that are running
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and of its live descendants."""
    return process_cpu_seconds(pid) + sum(tree_cpu_seconds(child) for child in child_pids(pid))


def wait_for_first_fetch(farm: FeedFarm, scheduler: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while farm.stats["requests"] == 0:
        if scheduler.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the scheduler did not fetch the farm; see bench/results/load-scheduler.log")
        time.sleep(0.02)


def check_items(database_url: str, farm: FeedFarm, window: tuple[datetime, datetime]) -> dict:
    """Every farm item stored exactly once (the farm's guids, per source), fetch logs, what the window stored."""
    import psycopg

    expected = {
        farm.base_url + feed.path: {f"farm-{feed.number:03d}-{index:04d}" for index in range(feed.items)}
        for feed in farm.feeds
    }
    with psycopg.connect(database_url, connect_timeout=5) as connection:
        sources = dict(connection.execute(FARM_SOURCES_SQL, [farm_pattern(farm)]).fetchall())
        stored: dict[str, list[str]] = {url: [] for url in sources.values()}
        for source_id, guid in connection.execute(
            "SELECT source_id, guid FROM aggregator_item WHERE source_id = ANY(%s)", [list(sources)]
        ):
            stored[sources[source_id]].append(guid)
        statuses = dict(
            connection.execute(
                "SELECT status, count(*) FROM aggregator_fetchlog WHERE source_id = ANY(%s) GROUP BY status",
                [list(sources)],
            ).fetchall()
        )
        errors = [
            row[0]
            for row in connection.execute(
                "SELECT error FROM aggregator_fetchlog WHERE source_id = ANY(%s) AND error <> '' LIMIT 5",
                [list(sources)],
            )
        ]
        pass_start, pass_end = connection.execute(
            "SELECT min(started_at), max(started_at + duration) FROM aggregator_fetchlog WHERE source_id = ANY(%s)",
            [list(sources)],
        ).fetchone()
        in_window = connection.execute(
            "SELECT count(*) FROM aggregator_item WHERE source_id = ANY(%s) AND first_seen_at BETWEEN %s AND %s",
            [list(sources), *window],
        ).fetchone()[0]
        all_items = connection.execute("SELECT count(*) FROM aggregator_item").fetchone()[0]
    missing = sum(len(guids - set(stored.get(url, []))) for url, guids in expected.items())
    duplicates = sum(len(guids) - len(set(guids)) for guids in stored.values())
    unexpected = sum(len(set(guids) - expected.get(url, set())) for url, guids in stored.items())
    return {
        "sources": len(sources),
        "expected": sum(len(guids) for guids in expected.values()),
        "stored": sum(len(guids) for guids in stored.values()),
        "missing": missing,
        "duplicates": duplicates,
        "unexpected": unexpected,
        "sources_not_50": sum(len(stored.get(url, [])) != len(guids) for url, guids in expected.items()),
        "fetch_log_statuses": statuses,
        "fetch_errors_sample": errors,
        "items_in_window": in_window,
        "pass_started_s": round((pass_start - window[0]).total_seconds(), 1) if pass_start else None,
        "pass_ended_s": round((pass_end - window[0]).total_seconds(), 1) if pass_end else None,
        "all_items_in_database": all_items,
    }


# --- The web side ----------------------------------------------------------------------------------------------


def split_line(line: str) -> tuple[str, dict[str, str]]:
    path, *headers = line.split("\t")
    return path, dict(header.split(": ", 1) for header in headers)


def check_and_warm(port: int, lines: dict[str, list[str]], headers: dict[str, dict[str, str]]) -> dict[str, list]:
    """Requests every distinct line of each type once (20 articles): the non-200 answers, per type."""
    problems: dict[str, list] = {}
    for key, entries in lines.items():
        distinct = list(dict.fromkeys(entries))
        if key == "article":
            distinct = random.Random(LINES_SEED).sample(distinct, min(20, len(distinct)))
        for line in distinct:
            path, extra = split_line(line)
            status = fetch_raw(port, path, {**headers.get(key, {}), **extra}, timeout=CLIENT_TIMEOUT_S)["status"]
            if status != 200:
                problems.setdefault(key, []).append((path, status))
    return problems


def cached_page_hashes(args) -> set[str]:
    """The path hashes of the pages in Redis (cms.cache.response_cache_key: pages:<version>:<host>:<lang>:<hash>)."""
    import redis

    client = redis.Redis.from_url(args.redis_url, socket_timeout=5)
    return {key.rsplit(b":", 1)[1].decode() for key in client.scan_iter(match=f"{args.redis_prefix}:*pages:*")}


def path_hash(path: str) -> str:
    return hashlib.sha256(path.encode()).hexdigest()[:32]


def run_load(args, wrk: str, port: int, files: dict[str, Path], headers: dict[str, dict[str, str]]) -> dict:
    """Every page type's wrk at once; {key: sample}."""

    def one(key: str, connections: int) -> tuple[str, dict]:
        sample = load_wrk(
            wrk,
            port,
            "/",
            args.duration,
            connections,
            {"Accept-Encoding": "gzip", **headers.get(key, {})},  # as browsers ask
            script=WRK_LOAD_SCRIPT,
            script_args=(str(files[key]),),
            timeout_s=CLIENT_TIMEOUT_S,
        )
        return key, sample

    with ThreadPoolExecutor(max_workers=len(PAGE_TYPES)) as pool:
        futures = [pool.submit(one, key, connections) for key, connections in connections_per_type(args).items()]
        return dict(future.result() for future in futures)


def connections_per_type(args) -> dict[str, int]:
    return {key: max(1, round(share * args.connections / 100)) for key, _name, share in PAGE_TYPES}


def summarise(samples: dict[str, dict], lines: dict[str, list[str]], new_pages: set[str]) -> list[dict]:
    rows = []
    for key, name, _share in PAGE_TYPES:
        sample = samples[key]
        row = merge_samples([sample])
        row.update(key=key, name=name, statuses=sample.get("statuses", {}), distinct_urls=len(set(lines[key])))
        paths = {split_line(line)[0] for line in lines[key]}
        if all(path.startswith(PAGE_PREFIXES) for path in paths):
            renders = len({path_hash(path) for path in paths} & new_pages)
            row["page_cache_renders"] = renders
            row["page_cache_hit_ratio"] = round(1 - renders / row["requests"], 3) if row["requests"] else None
        rows.append(row)
    points = [point for key in samples for point in samples[key]["points"]]
    requests = sum(row["requests"] for row in rows)
    seconds = max(row["seconds"] for row in rows)
    total = {
        "key": "all",
        "name": "all",
        "requests": requests,
        "rps": round(requests / seconds, 1) if seconds else 0.0,
        "p50_ms": round(weighted_quantile(points, 0.50) / 1000, 2),
        "p95_ms": round(weighted_quantile(points, 0.95) / 1000, 2),
        "p99_ms": round(weighted_quantile(points, 0.99) / 1000, 2),
        "max_ms": max(row["max_ms"] for row in rows),
        "statuses": {cls: sum(row["statuses"].get(cls, 0) for row in rows) for cls in ("2xx", "3xx", "4xx", "5xx")},
        "errors": {k: sum(row["errors"].get(k, 0) for row in rows) for k in {k for r in rows for k in r["errors"]}},
    }
    return [*rows, total]


def unanswered(errors: dict[str, int]) -> int:
    """Requests without a response: wrk's connect, read, write and time-out errors ("status" counts answers)."""
    return sum(count for kind, count in errors.items() if kind != "status")


def log_errors(path: Path) -> int:
    """Error lines a process logged (bench.settings logs at WARNING: every 5xx is an ERROR with its traceback)."""
    text = path.read_text(errors="replace") if path.exists() else ""
    return sum(("ERROR" in line or "CRITICAL" in line) for line in text.splitlines())


# --- Report ----------------------------------------------------------------------------------------------------


def code_version() -> dict:
    """The commit measured and the files that differed from it."""

    def git(*arguments: str) -> str:
        return subprocess.run(["git", *arguments], cwd=REPO_DIR, capture_output=True, text=True).stdout.strip()

    return {"commit": git("rev-parse", "--short", "HEAD"), "uncommitted": git("status", "--short").splitlines()}


def _verdict(ok: bool) -> str:
    return "✅" if ok else "❌"


def markdown(report: dict) -> str:
    rows, items, cpu, machine = report["rows"], report["items"], report["cpu"], report["machine"]
    seed = report["seed"]
    lines = [
        f"**{seed['articles']:,} articles, {seed['shared_items']:,} shared items**, PostgreSQL "
        f"{machine.get('postgresql', '?')} + Redis {machine.get('redis', '?')}; gunicorn {report['server']}; "
        f"{report['connections']} connections (wrk, {len(PAGE_TYPES)} processes) for {report['duration']:g} s, "
        f"while the scheduler (`run_aggregator`) ingested {items['sources']} feeds x "
        f"{items['expected'] // max(1, items['sources'])} items; {machine['cores']} cores, load average "
        f"{report['load_average_at_start'][0]:.2f} before the window; code: commit {report['code']['commit']}"
        f" + {len(report['code']['uncommitted'])} files changed.",
        "",
        "| page type | conn. | URLs | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | 5xx | other non-2xx "
        "| no answer | page-cache hits |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        statuses = row["statuses"]
        hits = row.get("page_cache_hit_ratio")
        bold = "**" if row["key"] == "all" else ""
        lines.append(
            f"| {bold}{row['name']}{bold} | {row.get('connections', report['connections'])} "
            f"| {row.get('distinct_urls', '')} | {row['requests']:,} | {bold}{row['rps']:.1f}{bold} "
            f"| {row['p50_ms']:.0f} | {bold}{row['p95_ms']:.0f}{bold} | {row['p99_ms']:.0f} | {row['max_ms']:.0f} "
            f"| {statuses.get('5xx', 0)} | {statuses.get('3xx', 0) + statuses.get('4xx', 0)} "
            f"| {unanswered(row['errors'])} | {'-' if hits is None else f'{hits:.0%}'} |"
        )
    total = rows[-1]
    failed = unanswered(total["errors"])
    logged = report["logged_errors"]
    stored = f"{items['stored']:,} / {items['expected']:,}"
    lines += [
        "",
        f"Aggregator: its pass began {items['pass_started_s']} s into the window and stored "
        f"**{items['items_in_window']:,} of {items['expected']:,} items during it** "
        f"({items['items_in_window'] / report['duration']:.0f} items/s); the pass ended "
        f"{items['pass_ended_s']} s after the window opened. CPU during the window (share of "
        f"{machine['cores']} cores): gunicorn {cpu['server']:.0%}, PostgreSQL + Redis {cpu['database']:.0%}, "
        f"scheduler {cpu['scheduler']:.0%}, wrk + farm {cpu['loadgen']:.0%}, others {cpu['others']:.0%} "
        f"(machine busy {cpu['busy']:.0%}).",
        "",
        "| check | value | met |",
        "|---|--:|:-:|",
        f"| zero 5xx | {total['statuses'].get('5xx', 0)} | {_verdict(report['checks']['no_5xx'])} |",
        f"| every request answered (no time-out or reset, {CLIENT_TIMEOUT_S} s) | {failed} failed "
        f"| {_verdict(report['checks']['all_answered'])} |",
        f"| every page and API answer 2xx (before, during and after the load) "
        f"| {total['statuses'].get('3xx', 0) + total['statuses'].get('4xx', 0)} other, "
        f"{sum(len(v) for v in report['problems'].values())} in the checks | {_verdict(report['checks']['all_2xx'])} |",
        f"| zero lost items: every farm item stored (guids, per source) | {stored}, "
        f"{items['missing']} missing | {_verdict(report['checks']['no_lost_items'])} |",
        f"| no duplicate, nothing unexpected | {items['duplicates']} duplicates, {items['unexpected']} unexpected "
        f"| {_verdict(report['checks']['no_duplicates'])} |",
        f"| fetch logs without errors | {items['fetch_log_statuses']} | {_verdict(report['checks']['fetch_ok'])} |",
        f"| no errors logged | gunicorn {logged['gunicorn']}, scheduler {logged['scheduler']} "
        f"| {_verdict(report['checks']['no_logged_errors'])} |",
    ]
    return "\n".join(lines)


# --- Main ------------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", dest="count", type=int, default=10_000, help="articles to seed (10000)")
    parser.add_argument("--items", type=int, default=100_000, help="shared items to seed (100000)")
    parser.add_argument("--feeds", type=int, default=200, help="farm feeds (200)")
    parser.add_argument("--feed-items", type=int, default=50, help="items per farm feed (50)")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (60)")
    parser.add_argument("--connections", type=int, default=100, help="connections in all, split by type (100)")
    parser.add_argument("--workers", type=int, default=2 * cores + 1, help="gunicorn workers (2*cores+1)")
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--postgres-admin-url",
        default=os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--postgres-db", default="asean_loadbench")
    parser.add_argument("--keep-db", action="store_true", help="keep the databases (the run's and the seeded one)")
    parser.add_argument("--reuse", action="store_true", help="start from the seeded database a --keep-db run left")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument("--redis-prefix", default="asean-loadbench", help="cache key prefix, the only keys deleted")
    parser.add_argument("--embed-origin", default="http://127.0.0.1:8013", help="registered for the portal's embeds")
    parser.add_argument("--pass-timeout", type=float, default=900, help="seconds to wait for the pass to end")
    # Children (internal).
    parser.add_argument("--child", choices=["prepare"], help=argparse.SUPPRESS)
    parser.add_argument("--farm-url", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "prepare":
        child_prepare(args.farm_url, args.embed_origin, Path(args.out))
        return 0
    # What run.setup, run.Server and run.machine_info read.
    args.label, args.suite, args.postgres, args.redis = "load", "all", True, True
    seed_db = f"{args.postgres_db}_seed"

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    database_url = args.postgres_admin_url.rsplit("/", 1)[0] + f"/{args.postgres_db}"
    env = bench_env(args, database_url)
    env["AGGREGATOR_ALLOWED_NETWORKS"] = "127.0.0.0/8"  # the farm
    wrk = ensure_wrk(allow_install=True)
    if not wrk:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    report: dict = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration": args.duration,
        "connections": args.connections,
        "server": f"{args.workers} {args.worker_class} workers x {args.threads} threads",
    }
    seed_path = RESULTS_DIR / "load-seed.json"
    try:
        if args.reuse:
            if not database_exists(args, seed_db):
                raise SystemExit(f"no database {seed_db}: run once with --keep-db")
            log(f"copying {seed_db} to {args.postgres_db}")
            timings: dict[str, float] = {}
            copy_database(args, seed_db, args.postgres_db)
            run_step("migrate", [sys.executable, "manage.py", "migrate", "--noinput"], env, timings)
            collectstatic(env, timings)
            allow_embed_origin(args, env, timings)
            report["setup"] = {"reused": seed_db, "timings_s": timings}
        else:
            report["setup"] = seed_database(args, env)
            seed_path.write_text(json.dumps(report["setup"]))
            if args.keep_db:
                log(f"keeping the seeded state as {seed_db}")
                copy_database(args, args.postgres_db, seed_db)
        seeded = json.loads(seed_path.read_text())
        report["seed"] = {"articles": seeded["seed"]["created"], "shared_items": seeded["shared_items"]["items"]}
        report.update(measure(args, env, wrk, database_url))
    finally:
        clear_redis_keys(args)
        if not args.keep_db:
            log(f"dropping {args.postgres_db} and {seed_db} (--keep-db keeps them)")
            drop_database(args, args.postgres_db)
            drop_database(args, seed_db)
    report["machine"] = machine_info(args, f"wrk {wrk}")
    report["code"] = code_version()
    report["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    report["passed"] = all(report["checks"].values())
    table = markdown(report)
    report["markdown"] = table
    save_report("load-", "", report, table)
    print()
    print(table)
    print(f"\nmachine: {json.dumps(report['machine'], ensure_ascii=False)}")
    print(f"total {report['total_seconds']} s; results in bench/results/load-latest.json")
    return 0 if report["passed"] else 1


def measure(args, env: dict[str, str], wrk: str, database_url: str) -> dict:
    """Steps 2-5: farm, web server, warm-up, the window with the scheduler, the checks."""
    timings: dict[str, float] = {}
    result: dict = {"timings_s": timings}
    with ExitStack() as stack:
        log(f"generating the farm: {args.feeds} feeds x {args.feed_items} items")
        farm = stack.enter_context(FeedFarm(make_feeds(args.feeds, args.feed_items)))
        opml = RESULTS_DIR / "load-farm.opml"
        write_opml(farm, opml)
        run_step("import_opml", [sys.executable, "manage.py", "import_opml", opml, "--keep-all"], env, timings)
        prepared_path = RESULTS_DIR / "load-prepare.json"
        command = [sys.executable, Path(__file__).resolve(), "--child", "prepare", "--farm-url", farm.base_url]
        command += ["--embed-origin", args.embed_origin, "--out", prepared_path]
        run_step("prepare", command, env, timings)
        prepared = json.loads(prepared_path.read_text())
        lines = prepared["lines"]
        result["disabled_sources"] = prepared["disabled_sources"]
        files = {}
        for key, entries in lines.items():
            files[key] = RESULTS_DIR / f"load-paths-{key}.txt"
            files[key].write_text("\n".join(entries) + "\n")
        headers = {"api_search": {"Authorization": f"Bearer {prepared['token']}"}}
        log(f"cleared {clear_redis_keys(args)} keys under {args.redis_prefix}:")

        # One token serves the whole load: its rate limit (120/min) is not what is measured.
        server_env = {**env, "SHARED_API_RATE": "1000000/min"}
        server = stack.enter_context(Server(args, server_env, "load"))
        log("checking and warming every column, search, API and embed URL (20 articles)")
        tick = time.perf_counter()
        result["problems"] = check_and_warm(server.port, lines, headers)
        timings["warm-up"] = round(time.perf_counter() - tick, 1)
        pages_before = cached_page_hashes(args)

        scheduler, scheduler_log = start_scheduler(env)
        stack.callback(stop_scheduler, scheduler)
        log("scheduler started; the load starts with its first request to the farm")
        wait_for_first_fetch(farm, scheduler)
        result["load_average_at_start"] = [round(value, 2) for value in os.getloadavg()]
        meter = CpuMeter(server.process.pid, args.postgres_db)
        meter.start()
        scheduler_cpu = tree_cpu_seconds(scheduler.pid)
        window_start = datetime.now(UTC)
        log(f"load: {connections_per_type(args)} connections for {args.duration:g} s")
        samples = run_load(args, wrk, server.port, files, headers)
        window_end = datetime.now(UTC)
        cpu = meter.stop()
        cpu["scheduler"] = (tree_cpu_seconds(scheduler.pid) - scheduler_cpu) / (
            (window_end - window_start).total_seconds() * (os.cpu_count() or 1)
        )
        cpu["others"] = max(0.0, cpu["others"] - cpu["scheduler"])
        result["cpu"] = {key: round(value, 3) for key, value in cpu.items()}
        new_pages = cached_page_hashes(args) - pages_before
        farm_during = dict(farm.stats)
        log(f"window over; {recorded_sources(database_url, farm)} of {args.feeds} sources recorded so far")
        after = check_and_warm(server.port, {key: lines[key] for key in ("column", "embed")}, headers)
        for key, problems in after.items():
            result["problems"].setdefault(key, []).extend(problems)

        deadline = time.monotonic() + args.pass_timeout
        while recorded_sources(database_url, farm) < args.feeds and time.monotonic() < deadline:
            time.sleep(1)
        log("the pass is over" if time.monotonic() < deadline else "the pass did not end in time")
        result["items"] = check_items(database_url, farm, (window_start, window_end))
        result["farm"] = {"during_window": farm_during, "whole_run": dict(farm.stats)}
        stack.close()  # scheduler and gunicorn stopped: their logs are complete
        result["logged_errors"] = {
            "gunicorn": log_errors(server.log_path),
            "scheduler": log_errors(scheduler_log),
        }
    connections = connections_per_type(args)
    result["rows"] = summarise(samples, lines, new_pages)
    for row in result["rows"][:-1]:
        row["connections"] = connections[row["key"]]
    result["window"] = [window_start.isoformat(), window_end.isoformat()]
    total, items = result["rows"][-1], result["items"]
    result["checks"] = {
        "no_5xx": total["statuses"].get("5xx", 0) == 0,
        "all_answered": unanswered(total["errors"]) == 0,
        "all_2xx": total["statuses"].get("3xx", 0) + total["statuses"].get("4xx", 0) == 0 and not result["problems"],
        "no_lost_items": items["missing"] == 0 and items["sources"] == args.feeds and items["sources_not_50"] == 0,
        "no_duplicates": items["duplicates"] == 0 and items["unexpected"] == 0,
        "fetch_ok": set(items["fetch_log_statuses"]) == {"ok"},
        "no_logged_errors": not any(result["logged_errors"].values()),
    }
    return result


if __name__ == "__main__":
    sys.exit(main())
