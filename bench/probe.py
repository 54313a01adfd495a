"""Picks the benchmark's URLs and counts SQL queries per request, in process (no server).

    .venv/bin/python bench/probe.py --json bench/results/probe.json

For each target: the path, a string its HTML must contain, and the queries and time of one request
rendered from scratch (page cache off) and of one served from the page cache (after a first
request filled it), through Django's test client.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

TRIVIAL_PATH = "/bench/trivial/"


def targets() -> list[dict]:
    """name, path and marker of every page the benchmark loads; the trivial view first."""
    from django.utils.html import escape

    from cms.models import AseanArticlePage, AseanColumnPage, Pillar, Topic

    column = AseanColumnPage.objects.get(locale__language_code="vi")
    pillar = Pillar.objects.get(slug="kinh-te")
    topic = Topic.objects.get(slug="du-lich")
    # A bulk-created article from the middle of the list that has an image, topics and countries,
    # so that every part of the article template (picture, related articles, tags) is rendered.
    # (every seeded article has at least one topic and one country).
    pks = list(column.articles().filter(featured_image__isnull=False).values_list("pk", flat=True))
    article = AseanArticlePage.objects.get(pk=pks[len(pks) // 2])
    url = column.url
    return [
        {"name": "trivial view (baseline)", "key": "trivial", "path": TRIVIAL_PATH, "marker": "Xin chào"},
        {"name": "column index", "key": "index", "path": url, "marker": 'class="card"'},
        {"name": "column page 2", "key": "page2", "path": f"{url}?page=2", "marker": 'class="card"'},
        {
            "name": "column filtered (pillar + topic)",
            "key": "filtered",
            "path": f"{url}?pillar={pillar.slug}&topic={topic.slug}",
            "marker": 'class="card"',
        },
        {"name": "column search (?q=)", "key": "search", "path": f"{url}?q=g%E1%BA%A1o+st25", "marker": 'class="card"'},
        {"name": "article page", "key": "article", "path": article.url, "marker": escape(article.title)},
    ]


def _shorten(sql: str) -> str:
    """The SQL without its long column list, to recognise the query in a report."""
    select, _, rest = sql.partition(" FROM ")
    head = select if len(select) < 60 else select[:40] + " …"
    return f"{head} FROM {rest}"[:400]


def article_count() -> int:
    from cms.models import AseanColumnPage

    return AseanColumnPage.objects.get(locale__language_code="vi").articles().count()


def measure(target_list: list[dict]) -> dict:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for mode, seconds in (("miss", 0), ("hit", 300)):
        with override_settings(PAGE_CACHE_SECONDS=seconds):
            for target in target_list:
                client.get(target["path"])  # fills the cache (hit) or warms renditions/templates (miss)
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(target["path"])
                    elapsed = time.perf_counter() - started
                ok = response.status_code == 200 and target["marker"] in response.content.decode()
                timed = sorted(((float(q["time"]), q["sql"]) for q in queries.captured_queries), reverse=True)
                results.setdefault(target["key"], {})[mode] = {
                    "queries": len(queries.captured_queries),
                    "ms": round(elapsed * 1000, 2),
                    "sql_ms": round(sum(seconds for seconds, _ in timed) * 1000, 1),
                    "slowest_sql_ms": round(timed[0][0] * 1000, 1) if timed else 0.0,
                    "slowest_sql": _shorten(timed[0][1]) if timed else "",
                    "bytes": len(response.content),
                    "ok": ok,
                }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write targets and query counts to this file")
    args = parser.parse_args(argv)

    import django

    django.setup()
    target_list = targets()
    counts = measure(target_list)
    for target in target_list:
        row = counts[target["key"]]
        print(
            f"{target['name']:34} queries miss/hit {row['miss']['queries']:>2}/{row['hit']['queries']:<2} "
            f"ms miss/hit {row['miss']['ms']:>7}/{row['hit']['ms']:<6} (SQL {row['miss']['sql_ms']:>5} ms, "
            f"slowest {row['miss']['slowest_sql_ms']:>5} ms)"
            f"{'' if row['miss']['ok'] and row['hit']['ok'] else '  NOT OK'}"
        )
    if args.json:
        data = {"articles": article_count(), "targets": target_list, "inprocess": counts}
        Path(args.json).write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return 0 if all(row[mode]["ok"] for row in counts.values() for mode in row) else 1


if __name__ == "__main__":
    sys.exit(main())
