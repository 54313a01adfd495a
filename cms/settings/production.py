"""Data-centre profile: refuses to start without its secrets and hosts; passes `manage.py check --deploy`."""

from .base import *  # noqa: F403
from .base import LOGGING, MIDDLEWARE, STORAGES
from .env import env_bool, env_int, env_list, env_required, env_str

SECRET_KEY = env_required("SECRET_KEY")
env_required("DATABASE_URL")  # parsed in base; required here so production never runs on the default
env_required("ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DEBUG = False
SCHEDULER_MODE = "off"

# Static files come from the app server itself (hashed names, compressed), behind nginx's cache.
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE.insert(_security + 1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# HTTPS only: nginx terminates TLS and says so in X-Forwarded-Proto (it must overwrite a client's value).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Monitoring asks the app server directly, over plain HTTP on the local network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# nginx passes the client's address in X-Real-IP; without this every client would share nginx's address
# for the login throttle (cms/throttle.py).
CLIENT_ADDRESS_HEADER = env_str("CLIENT_ADDRESS_HEADER", "HTTP_X_REAL_IP")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT = env_str("LOG_FORMAT", "json")

# --- Media store (deploy): an S3-compatible bucket when MEDIA_S3_BUCKET is set, else MEDIA_ROOT --------------
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL"),  # MinIO, Ceph, a provider's; unset: AWS
            "region_name": env_str("MEDIA_S3_REGION"),
            "access_key": env_str("MEDIA_S3_ACCESS_KEY"),
            "secret_key": env_str("MEDIA_S3_SECRET_KEY"),
            # Published media are public: plain URLs that nginx and browsers can cache, not signed ones that
            # change on every render (and would defeat the page caches).
            "custom_domain": env_str("MEDIA_S3_PUBLIC_DOMAIN"),
            "querystring_auth": False,
            "file_overwrite": False,  # Wagtail relies on new names for replaced files and renditions
            "addressing_style": env_str("MEDIA_S3_ADDRESSING_STYLE", "path"),  # what MinIO/Ceph expect
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
        },
    }

# --- Front-end cache (deploy): PURGE requests to nginx on publish, unpublish, move (cms/frontend_cache.py) -----
FRONTEND_CACHE_URL = env_str("FRONTEND_CACHE_URL")  # e.g. http://127.0.0.1:8081, nginx's local purge server
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "nginx": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": FRONTEND_CACHE_URL}
    }
