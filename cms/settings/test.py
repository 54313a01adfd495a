"""Test profile: fast hashing, in-memory media-free defaults, never a scheduler thread."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="asean-test-media-")
SCHEDULER_MODE = "off"
PAGE_CACHE_SECONDS = 300
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
