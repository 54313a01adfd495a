"""Benchmark profile: the production profile on loopback, plain HTTP, with a trivial baseline view.

bench/run.py sets SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS (required by production) and, with
--redis, REDIS_URL. PAGE_CACHE_SECONDS=0 turns the page cache off for the cold (cache-miss) run.
"""

import os

from cms.settings.production import *  # noqa: F403

from .paths import RESULTS_DIR

# Served over plain HTTP on 127.0.0.1: no redirect to https, no HSTS, no secure-only cookies.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
DEBUG = False

# DATABASES is base.py's, as in production: DATABASE_URL parsed once, with WAL, busy timeout, IMMEDIATE
# transactions and no persistent connections for SQLite, CONN_MAX_AGE=60 for PostgreSQL.

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = RESULTS_DIR / "static"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(RESULTS_DIR / "media")

# One log line per request would cost as much as the trivial view itself; errors still show.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
