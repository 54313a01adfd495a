"""Picks the benchmark's URLs and counts SQL queries per request, in process (no server).

    .venv/bin/python bench/probe.py --json bench/results/probe.json

For each target: the path, a string its HTML must contain, and the queries and time of one request
rendered from scratch (page cache off) and of one served from the page cache (after a first
request filled it), through Django's test client. With --embed-origin, the embeds too (iframe HTML,
JSON with that Origin, the script; gzip requested): "miss" renders the payload again (its cache key
is deleted first), "hit" is a repeat request.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

TRIVIAL_PATH = "/bench/trivial/"
EMBED_QUERY = "agency=portal&limit=5&lang=vi"


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


def embed_targets(origin: str) -> list[dict]:
    """The embeds of the portal column (agency code ``portal``), gzip requested; the trivial view first.

    ``kind`` names the payload cache entry (agencies.embed.cached) that a "miss" deletes; ``expect`` are
    response headers each answer must carry.
    """
    from django.utils.html import escape

    from agencies.embed import EmbedParams, build_payload

    newest = build_payload(EmbedParams(agency="portal"))["items"][0]["title"]
    gz = {"Accept-Encoding": "gzip"}
    return [
        {
            "name": "trivial view (baseline)",
            "key": "embed_trivial",
            "path": TRIVIAL_PATH,
            "marker": "Xin chào",
            "headers": gz,
        },
        {
            "name": "iframe HTML",
            "key": "embed_frame",
            "path": f"/embed/asean/?{EMBED_QUERY}",
            "marker": escape(newest),
            "headers": gz,
            "kind": "html",
            "expect": {"Content-Encoding": "gzip", "Content-Security-Policy": origin},
        },
        {
            "name": "JSON (with Origin)",
            "key": "embed_json",
            "path": f"/embed/asean.json?{EMBED_QUERY}",
            "marker": json.dumps(newest, ensure_ascii=False),
            "headers": {**gz, "Origin": origin},
            "kind": "json",
            "expect": {"Content-Encoding": "gzip", "Access-Control-Allow-Origin": origin},
        },
        {
            "name": "widget script",
            "key": "embed_js",
            "path": "/embed/asean.js",
            "marker": "asean-embed:ready",
            "headers": gz,
            "expect": {"Content-Encoding": "gzip"},
        },
    ]


def response_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")


def forget_payload(target: dict) -> None:
    """Deletes the embed payload of ``target`` from the cache (only that key), so the next request renders it."""
    from django.core.cache import cache
    from django.http import QueryDict

    from agencies.embed import EmbedParams

    if target.get("kind"):
        query = target["path"].partition("?")[2]
        cache.delete(EmbedParams.from_query(QueryDict(query)).cache_key(target["kind"]))


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
                headers = target.get("headers", {})
                client.get(target["path"], headers=headers)  # fills the cache (hit) or warms templates (miss)
                if mode == "miss":
                    forget_payload(target)
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(target["path"], headers=headers)
                    elapsed = time.perf_counter() - started
                text = response_text(response)
                ok = response.status_code == 200 and target["marker"] in text
                timed = sorted(((float(q["time"]), q["sql"]) for q in queries.captured_queries), reverse=True)
                results.setdefault(target["key"], {})[mode] = {
                    "queries": len(queries.captured_queries),
                    "ms": round(elapsed * 1000, 2),
                    "sql_ms": round(sum(seconds for seconds, _ in timed) * 1000, 1),
                    "slowest_sql_ms": round(timed[0][0] * 1000, 1) if timed else 0.0,
                    "slowest_sql": _shorten(timed[0][1]) if timed else "",
                    "bytes": len(response.content),
                    "raw_bytes": len(text.encode()),
                    "ok": ok,
                }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write targets and query counts to this file")
    parser.add_argument("--no-columns", action="store_true", help="leave the column pages out")
    parser.add_argument("--embed-origin", help="probe the embeds too, the JSON with this (registered) Origin")
    args = parser.parse_args(argv)

    import django

    django.setup()
    target_list = [] if args.no_columns else targets()
    embeds = embed_targets(args.embed_origin) if args.embed_origin else []
    target_list += embeds
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
        data = {
            "articles": article_count(),
            "targets": [target for target in target_list if target not in embeds],
            "embed_targets": embeds,
            "inprocess": counts,
        }
        Path(args.json).write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return 0 if all(row[mode]["ok"] for row in counts.values() for mode in row) else 1


if __name__ == "__main__":
    sys.exit(main())
