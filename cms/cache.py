"""Whole-response cache of public pages for anonymous visitors.

Pages store their rendered response (``CachedPageMixin``); ``PageCacheMiddleware`` answers repeat
requests before Wagtail routes them, so a cache hit costs no database query at all. Keys carry a
content version that any publish, unpublish, move or delete bumps, so a cached page is never older
than the last editorial change. Editors (logged in) and previews are never cached, so they never see
a page rendered for someone else, nor an admin bar that is not theirs.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

VERSION_KEY = "pages:content-version"


def content_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump_content_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


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

    def __call__(self, request):
        if is_cacheable_request(request):
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
