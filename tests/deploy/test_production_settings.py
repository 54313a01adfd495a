"""The production profile's media store and front-end cache follow the environment (no network needed)."""

import json
import os
import subprocess
import sys

from cms.settings.env import BASE_DIR

PROBE = """
import json
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
print(json.dumps({
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "url": default_storage.url("images/anh-hoi-nghi.jpg"),
    "frontend_cache": getattr(settings, "WAGTAILFRONTENDCACHE", None),
}))
"""

REQUIRED = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "test-only-secret-key-for-settings-probe-0123456789abcdef",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
    "ALLOWED_HOSTS": "asean.soctrang.gov.vn",
}
DEPLOY_VARIABLES = ("MEDIA_S3_", "FRONTEND_CACHE_URL", "MEDIA_ROOT")


def probe(**variables: str) -> dict:
    """Loads the production settings in a fresh interpreter with only these deployment variables set."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(DEPLOY_VARIABLES)}
    env.update(REQUIRED, **variables)
    script = f"import django; django.setup()\n{PROBE}"
    result = subprocess.run(  # noqa: S603 (the running interpreter and our own script)
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_media_on_disk_and_no_purges_by_default():
    settings = probe(MEDIA_ROOT="/srv/asean/media")
    assert settings["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert settings["url"] == "/media/images/anh-hoi-nghi.jpg"
    assert settings["frontend_cache"] is None


def test_s3_media_and_purges_when_configured():
    settings = probe(
        MEDIA_S3_BUCKET="asean-media",
        MEDIA_S3_ENDPOINT_URL="https://s3.soctrang.gov.vn",
        MEDIA_S3_ACCESS_KEY="access",
        MEDIA_S3_SECRET_KEY="secret",
        MEDIA_S3_PUBLIC_DOMAIN="media.soctrang.gov.vn",
        FRONTEND_CACHE_URL="http://127.0.0.1:8081",
    )
    assert settings["storage"] == "storages.backends.s3.S3Storage"
    # A public, unsigned URL on the media host: stable, so pages that show it stay cacheable.
    assert settings["url"] == "https://media.soctrang.gov.vn/images/anh-hoi-nghi.jpg"
    assert settings["frontend_cache"] == {
        "nginx": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:8081"}
    }
