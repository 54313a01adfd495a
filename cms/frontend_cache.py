"""Purges nginx's (or a CDN's) cached copies of public pages when what they show changes.

Our own page cache (``cms.cache``) is versioned: one bump refreshes every page. A front-end cache has
no such version, so each publish, unpublish or move names the URLs it changes, in every language: the
page itself, the columns that list it (with their feeds), the agency columns that also list the portal's
articles, and the pages holding those columns (their latest articles). The URLs are computed while the
page is still where the event left it and sent after the transaction commits, so nginx cannot fetch the
old content again in between.

Uses Wagtail's front-end cache backends (``WAGTAILFRONTENDCACHE``; the HTTP backend sends PURGE
requests), but not its own signal handlers: those purge the page alone and rewrite its URL per language,
which our translated slugs (/vi/chuyen-muc-asean/, /en/asean-column/) defeat. Off when the setting is absent.

nginx (deploy/nginx/asean.conf) caches page URLs without a query string only, so these exact URLs are all
its copies of pages. Filtered listings are left to our versioned cache; embeds, whose parameters make
countless URLs, are kept by nginx for seconds instead of being purged.
"""

import logging
from collections import defaultdict
from copy import copy
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page

logger = logging.getLogger(__name__)

# Paths under a column that list its articles, besides the column itself (cms.models.AseanColumnPage).
COLUMN_SUBPATHS = ("", "rss/", "atom/")


def is_enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _with_translations(page: Page) -> list[Page]:
    return [page, *page.get_translations().specific()]


def _columns_listing(page: Page) -> list[Page]:
    """Columns whose listings show ``page``: its own column(s), and agency columns listing the portal's."""
    from cms.models import AseanColumnPage

    columns = list(AseanColumnPage.objects.ancestor_of(page, inclusive=True))
    column_ids = {column.pk for column in columns}
    for candidate in AseanColumnPage.objects.filter(include_portal_articles=True, locale_id=page.locale_id):
        portal_column = candidate.portal_column()
        if portal_column is not None and portal_column.pk in column_ids and candidate.pk not in column_ids:
            columns.append(candidate)
    return columns


def urls_showing(page: Page) -> set[str]:
    """Full URLs of every public page that shows ``page`` (or a link to it), in every language."""
    urls = set()
    for translation in _with_translations(page):
        urls.add(translation.get_full_url())
        for column in _columns_listing(translation):
            column_url = column.get_full_url()
            urls.update(column_url + subpath for subpath in COLUMN_SUBPATHS if column_url)
            urls.add(column.get_parent().get_full_url())  # a home or agency section: its latest articles
    urls.discard(None)
    return urls


def urls_before_move(page: Page, url_path_before: str, parent_before: Page) -> set[str]:
    """URLs that showed ``page`` at its old place: its old address and the old parent's listings."""
    page_before = copy(page)
    page_before.url_path = url_path_before
    urls = urls_showing(parent_before.specific)
    urls.add(page_before.get_full_url())
    urls.discard(None)
    return urls


def purge(urls: set[str]) -> None:
    """Sends the URLs to every configured backend that serves their host."""
    by_host = defaultdict(list)
    for url in sorted(urls):
        by_host[urlsplit(url).netloc].append(url)
    for name, backend in get_backends().items():
        for host, host_urls in by_host.items():
            if backend.invalidates_hostname(host):
                logger.info("frontend cache: purging %d URLs of %s from %s", len(host_urls), host, name)
                backend.purge_batch(host_urls)


def purge_after_commit(urls: set[str]) -> None:
    # robust: a cache that cannot be reached must never undo or fail an editor's publish.
    transaction.on_commit(lambda: purge(urls), robust=True)
