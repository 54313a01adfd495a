"""Search of the shared database through its JSON API against an unindexed ILIKE scan, on PostgreSQL.

    .venv/bin/python bench/shared_search_bench.py             # 100,000 items in asean_searchbench (dropped after)
    .venv/bin/python bench/shared_search_bench.py --keep-db   # keep the database; --reuse measures it again

One run: a fresh PostgreSQL database ``asean_searchbench``; ``manage.py migrate``; then, in a child process
with Django set up (bench.settings, the production profile):

1. **seed**: ``--items`` shared items (100,000) generated deterministically from the word lists of
   bench/feed_farm.py and the ASEAN themes below: original Vietnamese news text with diacritics (title,
   lead, 4-7 paragraphs), 12 outlets (10 feeds with full-text, excerpt or link-only rights and 2
   newsrooms), all three pillars, 1-2 topics, the countries an item is about (Laos, Cambodia and Thailand
   most often, Brunei and Timor-Leste rarely), kinds, 85 % kept by the ASEAN filter, dates over two
   years. ``bulk_create`` in batches of 1,000 (the triggers of migrations aggregator/0004 and 0006 fill
   ``search_vector`` and the search table), the topic and country links into the M2M tables, then
   ``VACUUM ANALYZE``.
2. **measure**: a newsroom token; every query of ``QUERIES`` through the real API (``GET
   /api/shared/v1/items/?q=...`` with ``Authorization: Bearer``, Django's test ``Client`` in process:
   the whole Django stack, middleware, token check, rate limit, filter set, SQL and JSON, without an HTTP
   server and a load generator competing for the 2 cores), one warm-up round, then ``--repeat``
   interleaved rounds, latency per request. The baseline in the same process and run: for each query,
   ``title/summary/content ILIKE '%word%'`` for each word as typed (no unaccent, no index), the count and
   the newest 20, as the API page does (``--scan-repeat`` rounds). ``EXPLAIN (ANALYZE, BUFFERS)`` of the
   SQL the API ran for one common and one rare query.

Prints a markdown table and writes every number to bench/results/search-latest.json (and a time-stamped
copy) and the table to bench/results/search-latest.md. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

# bench/ is sys.path[0] when this file runs as a script: share the other benchmarks' helpers.
from aggregator_bench import drop_postgres, postgres_admin, recreate_postgres
from run import cpu_name, django_env, log, run_step, save_report

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
ITEMS_URL = "/api/shared/v1/items/"
TARGET_P95_MS = 100.0
TARGET_RATIO = 20.0
ANCHOR = datetime(2026, 11, 25, 5, 0, tzinfo=UTC)  # the newest item; every date is fixed from here
SPREAD = timedelta(days=730)

# What journalists of the provincial newspaper and radio-TV station look for: common and rare, with and
# without diacritics, one word to a phrase, the last one still being typed; two with filters.
QUERIES: list[dict[str, str]] = [
    {"q": "xuất khẩu gạo"},
    {"q": "xuat khau gao"},
    {"q": "Campuchia"},
    {"q": "Thái Lan"},
    {"q": "thai lan"},
    {"q": "hội nghị cấp cao ASEAN"},
    {"q": "Mê Công"},
    {"q": "me cong"},
    {"q": "học bổng Lào"},
    {"q": "đầu tư Thái Lan"},
    {"q": "biển Đông"},
    {"q": "du lịch Sóc Trăng"},
    {"q": "du lich soc trang"},
    {"q": "điện gió ngoài khơi"},
    {"q": "sầu riêng"},
    {"q": "Singapore trung tâm dữ liệu"},
    {"q": "rùa biển"},
    {"q": "Timor-Leste"},
    {"q": "Oóc Om Bóc"},
    {"q": "đua ghe ngo"},
    {"q": "xâm nhập mặn"},
    {"q": "chuyển đổi số"},
    {"q": "gạo", "country": "kh"},
    {"q": "du lịch", "pillar": "van-hoa-xa-hoi", "since": "2026-01-01"},
]
EXPLAINED = {"common": "Thái Lan", "rare": "Oóc Om Bóc"}

# --- Generated items ------------------------------------------------------------------------------

# (code, name in text, weight): who the provincial press writes about, most often the Mekong neighbours.
COUNTRIES = [
    ("la", "Lào", 18),
    ("kh", "Campuchia", 16),
    ("th", "Thái Lan", 15),
    ("sg", "Singapore", 10),
    ("my", "Malaysia", 8),
    ("id", "Indonesia", 8),
    ("ph", "Philippines", 6),
    ("mm", "Myanmar", 5),
    ("bn", "Brunei", 2),
    ("tl", "Timor-Leste", 2),
]
PLACES_ABROAD = {
    "la": ["thủ đô Viêng Chăn", "tỉnh Champasak", "vùng Nam Lào"],
    "kh": ["tỉnh Siem Reap", "thủ đô Phnôm Pênh", "tỉnh Kampot"],
    "th": ["thủ đô Bangkok", "tỉnh Chiang Mai", "vịnh Thái Lan"],
    "sg": ["Singapore"],
    "my": ["bang Sabah", "thủ đô Kuala Lumpur"],
    "id": ["đảo Bali", "thủ đô Jakarta"],
    "ph": ["thủ đô Manila", "đảo Cebu"],
    "mm": ["thành phố Yangon", "thủ đô Naypyidaw"],
    "bn": ["thủ đô Bandar Seri Begawan"],
    "tl": ["thủ đô Dili"],
}
# Themes beyond the farm's: (share of items, title ending, sentence of the body). {country} is filled in.
THEMES = [
    (
        0.08,
        "trước thềm Hội nghị cấp cao ASEAN",
        "Hội nghị cấp cao ASEAN lần này sẽ thông qua nhiều văn kiện quan trọng.",
    ),
    (0.07, "trên dòng Mê Công", "Ủy hội sông Mê Công quốc tế khuyến nghị các nước chia sẻ dữ liệu dòng chảy."),
    (0.04, "về tình hình biển Đông", "Các bên nhấn mạnh giải quyết tranh chấp trên biển Đông bằng biện pháp hòa bình."),
    (0.05, "cho sinh viên {country}", "Chương trình học bổng dành cho sinh viên {country} được mở rộng."),
    (0.06, "thu hút du khách đến Sóc Trăng", "Du lịch Sóc Trăng thu hút du khách nhờ chùa Khmer và chợ nổi."),
    (0.05, "về xuất khẩu gạo", "Xuất khẩu gạo sang {country} tăng mạnh nhờ giống lúa thơm chất lượng cao."),
    (0.05, "về đầu tư của {country}", "Các nhà đầu tư {country} quan tâm đến khu công nghiệp và năng lượng sạch."),
    (0.04, "ứng phó xâm nhập mặn", "Tình trạng xâm nhập mặn đe dọa vụ lúa đông xuân ở vùng ven biển."),
    (0.005, "dịp lễ hội Oóc Om Bóc", "Lễ hội Oóc Om Bóc và giải đua ghe Ngo thu hút đông đảo bà con Khmer."),
]
OUTLET_RIGHTS = ["full", "full", "full", "full", "excerpt", "excerpt", "excerpt", "link", "full", "excerpt"]
NEWSROOMS = [("Báo Sóc Trăng", "bao-soc-trang"), ("Đài Phát thanh - Truyền hình Sóc Trăng", "dai-ptth-soc-trang")]
KINDS = [("article", 80), ("photo", 9), ("video", 6), ("audio", 2), ("document", 3)]


def _weighted(rng: random.Random, choices: list[tuple]) -> tuple:
    return rng.choices(choices, weights=[choice[-1] for choice in choices])[0]


def generate_item(number: int, farm) -> dict:
    """Item ``number``'s fields: the same number gives the same item."""
    rng = random.Random(f"asean-shared-item-{number}")
    countries = [_weighted(rng, COUNTRIES)]
    if rng.random() < 0.25:
        countries.append(_weighted(rng, COUNTRIES))
    countries = list(dict.fromkeys(countries))
    code, country = countries[0][0], countries[0][1]
    partner = rng.choice([country, country, *PLACES_ABROAD[code], "các nước ASEAN"])
    title = (
        f"{rng.choice(farm.ORGS)} {rng.choice(farm.PLACES)} {rng.choice(farm.VERBS)} {rng.choice(farm.OBJECTS)} "
        f"{rng.choice(['với', 'tại'])} {partner}"
    )
    themes = [theme for theme in THEMES if rng.random() < theme[0]]
    if themes and rng.random() < 0.6:
        title += " " + themes[0][1].format(country=country)
    elif rng.random() < 0.4:
        title += " " + farm._fill(rng, rng.choice(farm.TOPICS))
    first = farm._sentence(rng)
    second = rng.choice(themes)[2].format(country=country) if themes else farm._sentence(rng)
    lead = f"<p>{first} {second}</p>"
    paragraphs = []
    for _ in range(rng.randint(4, 7)):
        sentences = [farm._sentence(rng) for _ in range(rng.randint(3, 5))]
        if rng.random() < 0.5:
            sentences.insert(rng.randrange(len(sentences)), f"Phía {rng.choice(countries)[1]} đánh giá cao hợp tác.")
        for theme in themes:
            if rng.random() < 0.5:
                sentences.append(theme[2].format(country=country))
        paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    published = ANCHOR - timedelta(seconds=rng.randrange(int(SPREAD.total_seconds())))
    return {
        "title": title,
        "summary": lead,
        "content": "\n".join(paragraphs),
        "author": rng.choice(farm.AUTHORS),
        "published_at": published,
        "kind": _weighted(rng, KINDS)[0],
        "visible": rng.random() < 0.85,
        "countries": [entry[0] for entry in countries] + (["vn"] if rng.random() < 0.5 else []),
        "pillar": rng.choice(["chinh-tri-an-ninh", "kinh-te", "kinh-te", "van-hoa-xa-hoi"]),
        "topics": rng.sample(range(12), rng.randint(1, 2)),
        "outlet": rng.randrange(12),
        "image": rng.random() < 0.4,
    }


def child_seed(count: int, out: Path) -> None:
    """Creates the sources and ``count`` items, their links; VACUUM ANALYZE."""
    import django

    django.setup()
    import feed_farm as farm
    from django.db import connection, transaction

    from aggregator.models import Item, ItemStatus, Source, SourceKind
    from cms.bootstrap.taxonomy import ensure_taxonomy
    from cms.models import Country, Pillar, Topic
    from shared.models import Newsroom

    ensure_taxonomy()
    sources = [
        Source.objects.create(
            name=f"{outlet} - ASEAN",
            outlet=outlet,
            feed_url=f"https://tin-{index}.example.vn/asean.rss",
            site_url=f"https://tin-{index}.example.vn/",
            reuse_rights=OUTLET_RIGHTS[index],
            agreement_number=f"{index + 1}/2026/TTHT",
            agreement_date=datetime(2026, 1, 15).date(),
        )
        for index, outlet in enumerate(farm.OUTLETS)
    ]
    for name, slug in NEWSROOMS:
        # A bootstrapped database (bench/load_bench.py) already has the first one.
        newsroom = Newsroom.objects.filter(slug=slug).select_related("source").first()
        if newsroom is None:
            source = Source.objects.create(
                name=name, outlet=name, kind=SourceKind.NEWSROOM, feed_url=None, enabled=False
            )
            newsroom = Newsroom.objects.create(name=name, slug=slug, source=source)
        sources.append(newsroom.source)
    pillars = dict(Pillar.objects.values_list("slug", "pk"))
    topics = list(Topic.objects.order_by("sort_order").values_list("pk", flat=True))
    countries = dict(Country.objects.values_list("code", "pk"))
    TopicLink, CountryLink = Item.topics.through, Item.countries.through

    started = time.perf_counter()
    generating = 0.0
    batch_size = 1000
    for start in range(0, count, batch_size):
        tick = time.perf_counter()
        generated = [generate_item(number, farm) for number in range(start, min(start + batch_size, count))]
        generating += time.perf_counter() - tick
        items = [
            Item(
                source=sources[data["outlet"]],
                key=f"bench-{start + offset}",
                guid=f"bench-{start + offset}",
                url=f"https://tin-{data['outlet']}.example.vn/asean/{start + offset}.html",
                title=data["title"],
                summary=data["summary"],
                content=data["content"],
                author=data["author"],
                language="vi",
                kind=data["kind"],
                published_at=data["published_at"],
                first_seen_at=data["published_at"],
                updated_at=data["published_at"],
                content_hash=f"{start + offset:064d}",
                status=ItemStatus.VISIBLE if data["visible"] else ItemStatus.FILTERED,
                relevance=5 if data["visible"] else 0,
                pillar_id=pillars[data["pillar"]],
                image_url=f"https://tin-{data['outlet']}.example.vn/anh/{start + offset}.jpg" if data["image"] else "",
            )
            for offset, data in enumerate(generated)
        ]
        with transaction.atomic():
            Item.objects.bulk_create(items)
            TopicLink.objects.bulk_create(
                TopicLink(item_id=item.pk, topic_id=topics[index])
                for item, data in zip(items, generated, strict=True)
                for index in data["topics"]
            )
            CountryLink.objects.bulk_create(
                CountryLink(item_id=item.pk, country_id=countries[code])
                for item, data in zip(items, generated, strict=True)
                for code in data["countries"]
            )
        if (start // batch_size) % 20 == 19:
            log(f"seed: {start + batch_size} items")
    inserting = time.perf_counter() - started - generating
    tick = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT avg(length(content))::int, avg(length(summary))::int FROM aggregator_item")
        content_chars, summary_chars = cursor.fetchone()
    result = {
        "items": Item.objects.count(),
        "visible": Item.objects.filter(status=ItemStatus.VISIBLE).count(),
        "generate_s": round(generating, 1),
        "insert_s": round(inserting, 1),
        "vacuum_analyze_s": round(time.perf_counter() - tick, 1),
        "mean_content_chars": content_chars,
        "mean_summary_chars": summary_chars,
    }
    out.write_text(json.dumps(result))


# --- Measuring ------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def summary_ms(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": round(statistics.median(values), 1),
        "p95": round(percentile(values, 0.95), 1),
        "max": round(max(values), 1),
    }


def _label(params: dict[str, str]) -> str:
    return " + ".join([params["q"], *(f"{key}={value}" for key, value in params.items() if key != "q")])


# The baseline: what a search without the full-text index costs. Each word as typed must occur somewhere
# in the title, lead or body (no unaccent: "xuat khau" does not find "xuất khẩu"), on the items the API
# shows, with the other filters; the count and the newest 20, as the API's page.
SCAN_FILTERS = {
    "country": "EXISTS (SELECT 1 FROM aggregator_item_countries ic JOIN cms_country c ON c.id = ic.country_id "
    "WHERE ic.item_id = i.id AND c.code = %s)",
    "pillar": "i.pillar_id = (SELECT id FROM cms_pillar WHERE slug = %s)",
    "since": "i.published_at >= %s::date",
}


def scan_sql(params: dict[str, str]) -> tuple[str, list]:
    conditions, values = ["i.status = 'visible'"], []
    for word in params["q"].split():
        conditions.append("(i.title ILIKE %s OR i.summary ILIKE %s OR i.content ILIKE %s)")
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        values += [pattern] * 3
    for key, value in params.items():
        if key != "q":
            conditions.append(SCAN_FILTERS[key])
            values.append(value)
    return "FROM aggregator_item i WHERE " + " AND ".join(conditions), values


def run_scan(cursor, params: dict[str, str]) -> tuple[int, list[int]]:
    where, values = scan_sql(params)
    cursor.execute(f"SELECT count(*) {where}", values)
    count = cursor.fetchone()[0]
    cursor.execute(f"SELECT i.id {where} ORDER BY i.published_at DESC, i.id DESC LIMIT 20", values)
    return count, [row[0] for row in cursor.fetchall()]


def explain_api_request(client, headers: dict, params: dict[str, str]) -> list[dict]:
    """EXPLAIN (ANALYZE, BUFFERS) of each SQL statement of one API request that reads the search vector."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(ITEMS_URL, params, headers=headers)
    assert response.status_code == 200, response.content[:500]
    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            if "to_tsquery" not in query["sql"]:  # the statements of the search, not the token or the page
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.append({"sql": query["sql"], "ms_in_request": round(float(query["time"]) * 1000, 1), "plan": plan})
    return plans


def database_sizes(cursor) -> dict[str, str]:
    """Sizes of the items (with TOAST and indexes) and of the search table of aggregator/0006."""
    sizes = {}
    for name, expression in [
        ("items_table", "pg_total_relation_size('aggregator_item')"),
        ("search_table_rows", "pg_relation_size('aggregator_item_search_index')"),
        ("search_table_total", "pg_total_relation_size('aggregator_item_search_index')"),
        ("search_gin_index", "pg_relation_size('aggregator_item_search_index_gin')"),
    ]:
        cursor.execute(f"SELECT pg_size_pretty({expression})")
        sizes[name] = cursor.fetchone()[0]
    return sizes


def _cpu_jiffies() -> tuple[int, int]:
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields) - fields[3] - fields[4], sum(fields)


def child_measure(repeat: int, scan_repeat: int, out: Path) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from shared import tokens
    from shared.models import Newsroom

    newsroom = Newsroom.objects.get(slug=NEWSROOMS[0][1])
    headers = {"Authorization": f"Bearer {tokens.issue(newsroom, 'search benchmark').key}"}
    client = Client()
    labels = [_label(params) for params in QUERIES]
    api_ms: dict[str, list[float]] = {label: [] for label in labels}
    answers: dict[str, dict] = {}
    busy0, total0 = _cpu_jiffies()
    cpu0 = time.process_time()
    started = time.perf_counter()
    for round_number in range(repeat + 1):  # round 0 warms up: connection, caches, compiled code
        for label, params in zip(labels, QUERIES, strict=True):
            tick = time.perf_counter()
            response = client.get(ITEMS_URL, params, headers=headers)
            elapsed = (time.perf_counter() - tick) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{label}: HTTP {response.status_code} {response.content[:300]!r}")
            if round_number:
                api_ms[label].append(elapsed)
            else:
                page = response.json()
                answers[label] = {
                    "count": page["count"],
                    "count_exact": not page.get("count_capped", False),
                    "first_titles": [item["title"] for item in page["results"][:3]],
                }
    api_wall = time.perf_counter() - started
    api_cpu = time.process_time() - cpu0
    busy1, total1 = _cpu_jiffies()

    scan_ms: dict[str, list[float]] = {label: [] for label in labels}
    with connection.cursor() as cursor:
        for round_number in range(scan_repeat + 1):
            for label, params in zip(labels, QUERIES, strict=True):
                tick = time.perf_counter()
                count, _ = run_scan(cursor, params)
                elapsed = (time.perf_counter() - tick) * 1000
                if round_number:
                    scan_ms[label].append(elapsed)
                else:
                    answers[label]["scan_count"] = count
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
    busy2, total2 = _cpu_jiffies()

    plans = {name: explain_api_request(client, headers, {"q": query}) for name, query in EXPLAINED.items()}
    ticks = os.sysconf("SC_CLK_TCK")
    capacity = (total1 - total0) / ticks
    result = {
        "queries": [
            {
                "label": label,
                "params": params,
                **answers[label],
                "api_ms": summary_ms(api_ms[label]),
                "scan_ms": summary_ms(scan_ms[label]),
            }
            for label, params in zip(labels, QUERIES, strict=True)
        ],
        "api_ms": summary_ms([value for values in api_ms.values() for value in values]),
        "scan_ms": summary_ms([value for values in scan_ms.values() for value in values]),
        "api_samples": api_ms,
        "scan_samples": scan_ms,
        "machine_busy_share_during_api": round((busy1 - busy0) / (total1 - total0), 3) if total1 > total0 else None,
        "machine_busy_share_during_scan": round((busy2 - busy1) / (total2 - total1), 3) if total2 > total1 else None,
        "api_client_cpu_share": round(api_cpu / capacity, 3) if capacity else None,
        "api_wall_s": round(api_wall, 1),
        "jit_on_web_connection": jit,
        "explain": plans,
    }
    with connection.cursor() as cursor:
        result["sizes"] = database_sizes(cursor)
    out.write_text(json.dumps(result, ensure_ascii=False))


# --- Set-up and report ----------------------------------------------------------------------------


def bench_env(database_url: str) -> dict[str, str]:
    return django_env(
        database_url,
        "search",
        drop=("SHARED_API_RATE",),
        SHARED_API_RATE="1000000/min",  # the benchmark measures search, not the rate limit
        PYTHONPATH=f"{REPO_DIR}:{BENCH_DIR}",
    )


def machine_info(admin_url: str) -> dict:
    from importlib import metadata

    info = {
        "cpu": cpu_name(),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
        "django": metadata.version("Django"),
        "wagtail": metadata.version("wagtail"),
    }
    with postgres_admin(admin_url) as connection:
        info["postgresql"] = connection.execute("SHOW server_version").fetchone()[0]
        for setting in ("shared_buffers", "work_mem", "jit"):
            info[f"pg_{setting}"] = connection.execute(f"SHOW {setting}").fetchone()[0]
    return info


def child(name: str, args: list[str], env: dict[str, str], timings: dict) -> dict:
    out = RESULTS_DIR / f"search-{name}.json"
    out.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--out", str(out), *args]
    run_step(name, command, env, timings, timeout=3600)
    return json.loads(out.read_text())


def _verdict(ok: bool) -> str:
    return "✅" if ok else "❌"


def markdown(report: dict) -> str:
    measured, seed = report["measure"], report["seed"]
    api, scan = measured["api_ms"], measured["scan_ms"]
    ratio = report["ratio_p95"]
    machine = report["machine"]
    lines = [
        f"**{seed['items']:,} items** ({seed['visible']:,} kept by the ASEAN filter, the API's set; mean body "
        f"{seed['mean_content_chars']:,} characters; items table {measured['sizes']['items_table']}, search "
        f"table {measured['sizes']['search_table_rows']} of rows, {measured['sizes']['search_table_total']} in all "
        f"with the vectors' TOAST and the GIN index of {measured['sizes']['search_gin_index']}), "
        f"PostgreSQL {machine['postgresql']}, {machine['cores']} cores, load average "
        f"at the start {machine['load_average_at_start'][0]:.2f}, machine busy "
        f"{measured['machine_busy_share_during_api']:.0%} during the API rounds (this client alone "
        f"{measured['api_client_cpu_share']:.0%}). API: {api['n'] // len(measured['queries'])} rounds; scan: "
        f"{scan['n'] // len(measured['queries'])} rounds. ms per request.",
        "",
        "| query | matches (API) | API p50 | API p95 | API max | scan matches | scan p50 | scan p95 | p95 ratio |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for query in measured["queries"]:
        count = f"{query['count']:,}" + ("" if query["count_exact"] else "+")
        a, s = query["api_ms"], query["scan_ms"]
        lines.append(
            f"| `{query['label']}` | {count} | {a['p50']:.1f} | {a['p95']:.1f} | {a['max']:.1f} "
            f"| {query['scan_count']:,} | {s['p50']:.0f} | {s['p95']:.0f} | {s['p95'] / a['p95']:.0f}x |"
        )
    lines += [
        f"| **all queries** | | **{api['p50']:.1f}** | **{api['p95']:.1f}** | **{api['max']:.1f}** | "
        f"| **{scan['p50']:.0f}** | **{scan['p95']:.0f}** | **{ratio:.0f}x** |",
        "",
        "| target | value | met |",
        "|---|--:|:-:|",
        f"| API search p95 < {TARGET_P95_MS:.0f} ms | {api['p95']:.1f} ms "
        f"| {_verdict(report['targets']['p95']['met'])} |",
        f"| ≥ {TARGET_RATIO:.0f}x faster than the scan (p95) | {ratio:.1f}x "
        f"| {_verdict(report['targets']['ratio']['met'])} |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres-admin-url",
        default=os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--postgres-db", default="asean_searchbench")
    parser.add_argument("--keep-db", action="store_true", help="leave the database after the run")
    parser.add_argument("--reuse", action="store_true", help="measure the database a --keep-db run left")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20, help="measured rounds of every query through the API")
    parser.add_argument("--scan-repeat", type=int, default=3, help="measured rounds of the ILIKE scan")
    # Children (internal).
    parser.add_argument("--child", choices=["seed", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child == "seed":
        child_seed(args.items, Path(args.out))
        return 0
    if args.child == "measure":
        child_measure(args.repeat, args.scan_repeat, Path(args.out))
        return 0

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.postgres_db):
        raise SystemExit(f"unsafe database name {args.postgres_db!r}")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    database_url = args.postgres_admin_url.rsplit("/", 1)[0] + f"/{args.postgres_db}"
    env = bench_env(database_url)
    report: dict = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "setup_s": {}}
    report["machine"] = machine_info(args.postgres_admin_url)
    seed_path = RESULTS_DIR / "search-seed-kept.json"
    try:
        if args.reuse:
            run_step("migrate", [sys.executable, "manage.py", "migrate", "--noinput"], env, report["setup_s"])
            report["seed"] = json.loads(seed_path.read_text())
        else:
            log(f"recreating PostgreSQL database {args.postgres_db}")
            recreate_postgres(args.postgres_admin_url, args.postgres_db)
            run_step("migrate", [sys.executable, "manage.py", "migrate", "--noinput"], env, report["setup_s"])
            report["seed"] = child("seed", ["--items", str(args.items)], env, report["setup_s"])
            seed_path.write_text(json.dumps(report["seed"]))
        log(f"seed: {report['seed']}")
        measure_args = ["--repeat", str(args.repeat), "--scan-repeat", str(args.scan_repeat)]
        report["measure"] = child("measure", measure_args, env, report["setup_s"])
    finally:
        if not args.keep_db:
            log(f"dropping PostgreSQL database {args.postgres_db}")
            drop_postgres(args.postgres_admin_url, args.postgres_db)

    api_p95, scan_p95 = report["measure"]["api_ms"]["p95"], report["measure"]["scan_ms"]["p95"]
    report["ratio_p95"] = round(scan_p95 / api_p95, 1)
    report["targets"] = {
        "p95": {"target": TARGET_P95_MS, "value": api_p95, "met": api_p95 < TARGET_P95_MS},
        "ratio": {"target": TARGET_RATIO, "value": report["ratio_p95"], "met": report["ratio_p95"] >= TARGET_RATIO},
    }
    report["passed"] = all(target["met"] for target in report["targets"].values())
    report["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    table = markdown(report)
    report["markdown"] = table
    save_report("search-", "", report, table)
    print()
    print(table)
    for name, plans in report["measure"]["explain"].items():
        for plan in plans:
            print(f"\nEXPLAIN ANALYZE, {name} query {EXPLAINED[name]!r} ({plan['ms_in_request']} ms in the request):")
            print(plan["plan"])
    print(f"\nmachine: {json.dumps(report['machine'], ensure_ascii=False)}")
    print(f"total {report['total_seconds']} s; results in bench/results/search-latest.json")
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
