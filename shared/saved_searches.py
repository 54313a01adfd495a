"""Saved searches: a journalist's search of the shared list, kept with a secret feed token.

A saved search is the shared list's own query parameters (``SharedItemFilter``), so its feed and its
digest show what the list shows for the same URL, newest first.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from aggregator.models import Item
from shared.api import shared_items
from shared.filters import SharedItemFilter, Sort
from shared.models import SavedSearch

FEED_LENGTH = 50
LIST_URL_NAME = "shared:browse"
# Not search criteria: where the list was, not what it was looking for.
IGNORED_PARAMETERS = {"sort", "page", "page_size"}


def search_parameters(query: QueryDict) -> dict[str, str]:
    """The filters of a list URL's query worth keeping: known, non-empty, and about what is searched."""
    return {
        name: query[name].strip()
        for name in SharedItemFilter.base_filters
        if name not in IGNORED_PARAMETERS and query.get(name, "").strip()
    }


def save(user, name: str, query: QueryDict) -> SavedSearch:
    return SavedSearch.objects.create(
        user=user, name=name.strip(), query=search_parameters(query), feed_token=secrets.token_urlsafe(32)
    )


def querystring(saved: SavedSearch) -> str:
    query = QueryDict(mutable=True)
    query.update(saved.query)
    return query.urlencode()


def list_url(saved: SavedSearch) -> str:
    """The shared list (admin) showing this search."""
    query = querystring(saved)
    return reverse(LIST_URL_NAME) + (f"?{query}" if query else "")


def set_digest(saved: SavedSearch, on: bool, now: datetime | None = None) -> None:
    """Switches the daily digest; switched on, it starts from now rather than sending the whole backlog."""
    saved.digest = on
    if on:
        saved.digest_sent_at = now or timezone.now()
    saved.save(update_fields=["digest", "digest_sent_at"])


def matching_items(saved: SavedSearch) -> QuerySet[Item]:
    """The items the search finds today, newest first; none if it no longer makes sense (a topic was deleted)."""
    query = QueryDict(mutable=True)
    query.update(saved.query)
    query["sort"] = Sort.NEWEST
    filters = SharedItemFilter(query, queryset=shared_items().defer("content"))
    if not filters.is_valid():
        return Item.objects.none()
    return filters.qs


def new_items(saved: SavedSearch, since: datetime, until: datetime) -> QuerySet[Item]:
    """Items the search finds that reached the database in ``(since, until]``, newest first."""
    return matching_items(saved).filter(first_seen_at__gt=since, first_seen_at__lte=until)
