"""The reuse ledger: one row per reuse of a shared item (column draft, newspaper, radio-TV script)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from aggregator.models import Item
from shared.models import Newsroom, Reuse, ReuseChannel


def newsroom_of(user) -> Newsroom | None:
    """The newsroom a journalist reuses for (a journalist normally belongs to one; the first by name otherwise)."""
    return user.newsrooms.order_by("name").first()


def record_reuse(
    item: Item,
    channel: ReuseChannel,
    user,
    *,
    page=None,
    note: str = "",
    fingerprints: Mapping[str, str] | None = None,
    not_before: datetime | None = None,
) -> Reuse:
    return Reuse.objects.create(
        item=item,
        channel=channel,
        user=user,
        newsroom=newsroom_of(user),
        page=page,
        note=note.strip(),
        fingerprints=dict(fingerprints or {}),
        not_before=not_before,
    )
