"""Settings shared by every profile (dev, test, production).

Values that vary per machine come from ``cms.settings.env``; nothing here reads ``os.environ``.
"""

import dj_database_url

from .env import BASE_DIR, DEFAULT_SQLITE_URL, env_bool, env_int, env_list, env_str

PROJECT_DIR = BASE_DIR / "cms"

INSTALLED_APPS = [
    "cms",
    "home",
    "agencies",
    "aggregator",
    "shared",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "cms.logs.RequestLogMiddleware",  # first: times everything, tags every log record with the request id
    "django.middleware.security.SecurityMiddleware",
    "cms.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.SiteLocaleMiddleware",
    "cms.middleware.AdminDefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", DEFAULT_SQLITE_URL)
# Health checks: a persistent connection broken by a database restart is replaced at the start of the next
# request instead of failing it (bench/README.md, "Faults").
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the scheduler writes; IMMEDIATE avoids lock upgrades that
    # SQLite answers with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: it compiles a query whose estimated cost is high (a search ranking thousands of matches) and
    # spends ~50-100 ms doing so, more than a web request's query itself takes.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if env_str("TEST_DATABASE_NAME"):
    # Lets two test runs share one PostgreSQL server without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.redis_cache.PooledRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "asean"),
            "TIMEOUT": 600,
            # Fail fast when Redis does not answer: the backend then serves without it (cms/redis_cache.py).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 600}}

# Rendered public pages are cached for anonymous visitors and invalidated on publish (see cms.cache).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# How long a process may serve pages of the content version it last read (see cms.cache).
PAGE_CACHE_VERSION_SECONDS = env_int("PAGE_CACHE_VERSION_SECONDS", 2)

# --- Security -------------------------------------------------------------------------------------
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
# ".localhost" lets the demo agency with its own host name (vhttdl.localhost) answer on a laptop.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", ".localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Nothing frames our pages: embeds opt out per view, and Wagtail's preview sets SAMEORIGIN on its own responses.
X_FRAME_OPTIONS = "DENY"
# Admin sessions (the public site sets no cookie) last one working day at most, and end with the browser.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Admin login throttling (cms/throttle.py), counted in the shared cache: failures per submitted user name (any
# name, existing or not) and per client address within the window; one office behind one NAT address shares
# the latter, hence its higher limit. A refused attempt is not checked at all, even with the right password.
LOGIN_FAILURES_PER_USERNAME = env_int("LOGIN_FAILURES_PER_USERNAME", 5)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 20)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
# The request header holding the client address set by the reverse proxy (nginx: X-Real-IP), e.g.
# "HTTP_X_REAL_IP"; unset: REMOTE_ADDR, right when nothing sits in front of the app server.
CLIENT_ADDRESS_HEADER = env_str("CLIENT_ADDRESS_HEADER")
WAGTAILADMIN_USER_LOGIN_FORM = "cms.throttle.ThrottledLoginForm"

# Content-Security-Policy (cms/security.py); embeds under /embed/ set their own. Public pages: no inline
# script or style element; style attributes stay allowed for Wagtail's responsive video wrapper
# (padding-bottom per aspect ratio). Video frames from the oEmbed providers editors use.
CSP_PUBLIC = {
    "default-src": ["'self'"],
    "script-src": ["'self'", *env_list("CSP_PUBLIC_SCRIPT_SOURCES")],  # e.g. the EMC tracking script's origin
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],  # EMC badge, media store
    "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin writes inline scripts and styles whose text varies per form (see cms/security.py), so it
# needs 'unsafe-inline'; scripts still come only from here. Shared-database items show press photos by URL.
CSP_ADMIN = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https:"],  # page previews; video embeds in the editor
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
CSP_ADMIN_PREFIXES = ["/admin/"]

# --- Languages and time ---------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Wagtail leaves Vietnamese out of its default admin languages; our own catalogue in locale/ fills
# the gaps in its translation of the screens editors use daily.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Chuyên mục ASEAN")
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "heic": "webp"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: every admin page would send each user's e-mail hash (and the visit) abroad.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- Scheduler ------------------------------------------------------------------------------------
# "inprocess": `manage.py serve` runs the scheduler beside the web server (laptop default).
# "off": web processes never schedule; a separate `run_aggregator` process does (production).
SCHEDULER_MODE = env_str("SCHEDULER_MODE", "inprocess")
SCHEDULER_LOCK_FILE = env_str("SCHEDULER_LOCK_FILE", str(BASE_DIR / "data" / "scheduler.lock"))
PUBLISH_SCHEDULED_SECONDS = env_int("PUBLISH_SCHEDULED_SECONDS", 60)
# The active scheduler records a heartbeat this often (the feed pass's interval); /healthz fails when the last
# one is older than two of these (cms/healthz.py).
SCHEDULER_POLL_SECONDS = env_int("SCHEDULER_POLL_SECONDS", 60)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "asean-column@localhost")

# One line per request (cms.logs.RequestLogMiddleware) and per fetch pass, each with its request id.
# LOG_FORMAT "json" (production's default): one JSON object per line, with the fields of each event.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cms.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "cms.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        # The request line is ours (cms.requests); runserver's own would repeat it.
        "django.server": {"level": "WARNING"},
        # Both log every page save and every background task at INFO: too chatty for operations.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# --- Aggregator (aggregator/) ---------------------------------------------------------------------
# Address ranges the fetcher may reach although they are not public (comma-separated CIDRs). Empty in
# production: loopback, private, link-local and multicast addresses are refused (SSRF guard).
AGGREGATOR_ALLOWED_NETWORKS = env_list("AGGREGATOR_ALLOWED_NETWORKS")
AGGREGATOR_USER_AGENT = env_str("AGGREGATOR_USER_AGENT", f"ASEANColumnBot/1.0 (+{WAGTAILADMIN_BASE_URL})")
AGGREGATOR_CONNECT_TIMEOUT = env_int("AGGREGATOR_CONNECT_TIMEOUT", 5)
AGGREGATOR_READ_TIMEOUT = env_int("AGGREGATOR_READ_TIMEOUT", 15)
AGGREGATOR_TOTAL_TIMEOUT = env_int("AGGREGATOR_TOTAL_TIMEOUT", 60)
AGGREGATOR_MAX_BYTES = env_int("AGGREGATOR_MAX_BYTES", 10 * 1024 * 1024)
AGGREGATOR_MAX_REDIRECTS = env_int("AGGREGATOR_MAX_REDIRECTS", 5)
AGGREGATOR_WORKERS = env_int("AGGREGATOR_WORKERS", 8)  # fetches in flight (threads)
# Parsing holds the GIL: passes over at least AGGREGATOR_PROCESS_MIN_SOURCES sources digest their feeds in
# this many worker processes (0: in the fetching threads). Smaller passes are not worth starting them.
AGGREGATOR_PROCESSES = env_int("AGGREGATOR_PROCESSES", 2)
AGGREGATOR_PROCESS_MIN_SOURCES = env_int("AGGREGATOR_PROCESS_MIN_SOURCES", 10)
AGGREGATOR_RELEVANCE_THRESHOLD = float(env_str("AGGREGATOR_RELEVANCE_THRESHOLD", "3"))
AGGREGATOR_FETCH_LOG_DAYS = env_int("AGGREGATOR_FETCH_LOG_DAYS", 30)
AGGREGATOR_ALERT_EMAILS = env_list("AGGREGATOR_ALERT_EMAILS")

# --- Shared database: contributions (shared/contribute.py) -----------------------------------------
# Per-file upload limits. 300 MB of media is about five minutes of broadcast-quality 1080p video (8 Mbit/s),
# the length of a TV news item; longer programmes are shared as a link, which also spares provincial upload
# links and proxy time-outs. The web server's request-body limit must allow the largest of these.
SHARED_MAX_IMAGE_MB = env_int("SHARED_MAX_IMAGE_MB", 20)
SHARED_MAX_MEDIA_MB = env_int("SHARED_MAX_MEDIA_MB", 300)
SHARED_MAX_DOCUMENT_MB = env_int("SHARED_MAX_DOCUMENT_MB", 50)
# Checked from the image header, before anything is decoded (decompression bombs).
SHARED_MAX_IMAGE_PIXELS = env_int("SHARED_MAX_IMAGE_PIXELS", 40_000_000)
SHARED_MAX_PHOTOS = env_int("SHARED_MAX_PHOTOS", 20)  # per contributed item
# Uploads above 2.5 MB stream to a temporary file instead of memory; form fields (an article body pasted
# as HTML) may take up to 5 MB. Neither limits the size of uploaded files: the limits above do.
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)

# --- Shared database: API for newsroom systems (shared/api.py, docs/shared-api.md) -----------------
# Requests per token and window ("120/min", "10/s", "5000/day"), counted in the shared cache.
SHARED_API_RATE = env_str("SHARED_API_RATE", "120/min")
