"""Whole-response cache of public pages for anonymous visitors.

Pages store their rendered response (``CachedPageMixin``); ``PageCacheMiddleware`` answers repeat
requests before Wagtail routes them, so a cache hit costs no database query at all. Keys carry a
content version that any publish, unpublish, move or delete bumps. Each process remembers the version
for ``PAGE_CACHE_VERSION_SECONDS`` (sparing a cache round trip per request), so a cached page is at
most that much older than the last editorial change; the process that bumps it sees it at once.
Editors (logged in) and previews are never cached, so they never see a page rendered for someone
else, nor an admin bar that is not theirs.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

VERSION_KEY = "pages:content-version"
_remembered = {"version": 0, "until": 0.0}


def _fresh_version() -> int:
    # Starts from the clock, not from 1: after the shared cache is flushed (a Redis restart), a version
    # number must never come back, or per-process copies keyed by an old version would be served again.
    return time.time_ns() // 1000


def content_version() -> int:
    now = time.monotonic()
    if now >= _remembered["until"]:
        _remembered["version"] = cache.get_or_set(VERSION_KEY, _fresh_version, timeout=None)
        _remembered["until"] = now + settings.PAGE_CACHE_VERSION_SECONDS
    return _remembered["version"]


def bump_content_version() -> None:
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:
        version = _fresh_version()
        cache.set(VERSION_KEY, version, timeout=None)
    _remembered.update(version=version, until=time.monotonic() + settings.PAGE_CACHE_VERSION_SECONDS)


def forget_remembered_version() -> None:
    """Read the version from the shared cache on next use (after the cache was cleared, e.g. in tests)."""
    _remembered["until"] = 0.0


def response_cache_key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"pages:{content_version()}:{request.get_host()}:{get_language()}:{path}"


def is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
    )


class PageCacheMiddleware:
    """Serves a page that ``CachedPageMixin`` stored, without routing or rendering it again."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Pages live under the language prefixes only; other URLs never pay for a cache lookup.
        self.page_prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        if request.path.startswith(self.page_prefixes) and is_cacheable_request(request):
            response = cache.get(response_cache_key(request))
            if response is not None:
                return response
        return self.get_response(request)


class CachedPageMixin:
    """Serves anonymous GETs of a page from the cache, renders and stores them otherwise."""

    def serve(self, request, *args, **kwargs):
        if not is_cacheable_request(request):
            return super().serve(request, *args, **kwargs)
        key = response_cache_key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = super().serve(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            patch_cache_control(response, public=True, max_age=60)
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response
