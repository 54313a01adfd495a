"""The statements a feed pass runs for every source, written out once instead of composed by the ORM.

A first pass over 200 sources ran some 2,000 of them; building each through a queryset (clone, filter,
compile) cost more Python time than the database took to run it. These are plain SQL over the models'
own table and column names, portable between PostgreSQL and SQLite, with values prepared by the
models' fields (``get_db_prep_save``), so that dates and durations are stored as the ORM stores them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Model

from .models import FetchLog, Item, Source, StoryCluster, Tombstone


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model: type[Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def _duration(value) -> timedelta | None:
    """A duration column as read by a cursor: SQLite keeps microseconds, PostgreSQL an interval."""
    if value is None or isinstance(value, timedelta):
        return value
    return timedelta(microseconds=value)


@dataclass
class LockedSource:
    """What a pass reads of its source, under the row's lock."""

    pk: int
    feed_url: str
    language: str
    full_text: bool
    reuse_rights: str
    poll_interval: timedelta
    consecutive_failures: int
    typical_gap: timedelta | None


_LOCKED_COLUMNS = (
    "id",
    "feed_url",
    "language",
    "full_text",
    "reuse_rights",
    "poll_interval",
    "consecutive_failures",
    "typical_gap",
)


def lock_source(source_id: int) -> LockedSource | None:
    """The source's row, locked until the transaction ends (where the database can); None if it is gone."""
    columns = ", ".join(_column(Source, name) for name in _LOCKED_COLUMNS)
    sql = f"SELECT {columns} FROM {_table(Source)} WHERE {_column(Source, 'id')} = %s"  # noqa: S608 (model's names)
    if connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql, [source_id])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, feed_url, language, full_text, reuse_rights, poll_interval, failures, gap = row
    return LockedSource(
        pk, feed_url or "", language, bool(full_text), reuse_rights, _duration(poll_interval), failures, _duration(gap)
    )


@dataclass
class StoredState:
    """What the database holds of a pass's items: by key and by link (pk, content hash), and the tombstones'
    keys and links among them."""

    by_key: dict[str, tuple[int, str]]
    by_url: dict[str, tuple[int, str]]
    tombstones: set[str]
    tombstoned_urls: set[str]


def stored_state(source: LockedSource, keys: Sequence[str], urls: Sequence[str]) -> StoredState:
    """The source's stored items and the feed's tombstones with one of ``keys`` or ``urls``: one query."""
    state = StoredState({}, {}, set(), set())
    if not keys:
        return state
    key, url, pk, content_hash = (_column(Item, name) for name in ("key", "url", "id", "content_hash"))
    dead_key, dead_url = _column(Tombstone, "key"), _column(Tombstone, "url")
    sql = (
        f"SELECT {key}, {url}, {pk}, {content_hash} FROM {_table(Item)} "  # noqa: S608 (model's names)
        f"WHERE {_column(Item, 'source')} = %s AND {_key_or_url(key, url, keys, urls)} "
        f"UNION ALL SELECT {dead_key}, {dead_url}, NULL, NULL FROM {_table(Tombstone)} "
        f"WHERE {_column(Tombstone, 'feed_url')} = %s AND {_key_or_url(dead_key, dead_url, keys, urls)}"
    )
    keys, urls = list(keys), list(urls)
    with connection.cursor() as cursor:
        cursor.execute(sql, [source.pk, *keys, *urls, source.feed_url, *keys, *urls])
        rows = cursor.fetchall()
    wanted_keys, wanted_urls = set(keys), set(urls)
    for stored_key, stored_url, stored_pk, stored_hash in rows:
        if stored_pk is None:
            state.tombstones.add(stored_key)
            if stored_url in wanted_urls:
                state.tombstoned_urls.add(stored_url)
            continue
        if stored_key in wanted_keys:
            state.by_key[stored_key] = (stored_pk, stored_hash)
        if stored_url in wanted_urls:
            state.by_url[stored_url] = (stored_pk, stored_hash)
    return state


def _key_or_url(key: str, url: str, keys: Sequence[str], urls: Sequence[str]) -> str:
    matching = f"{key} IN ({_placeholders(len(keys))})"
    return f"({matching} OR {url} IN ({_placeholders(len(urls))}))" if urls else matching


def visible_items(source_id: int, status: str, latest: int) -> tuple[int, list[datetime]]:
    """How many items of the source have ``status``, and the publication dates of the ``latest`` newest."""
    table, source, status_column = _table(Item), _column(Item, "source"), _column(Item, "status")
    published = _column(Item, "published_at")
    where = f"WHERE {source} = %s AND {status_column} = %s"
    dates = []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} {where}", [source_id, status])  # noqa: S608 (model's names)
        (count,) = cursor.fetchone()
        if latest:
            cursor.execute(
                f"SELECT {published} FROM {table} {where} ORDER BY {published} DESC LIMIT %s",  # noqa: S608
                [source_id, status, latest],
            )
            dates = [date for (date,) in cursor.fetchall()]
    return count, dates


def update_source(source_id: int, values: dict) -> int:
    """Write ``values`` (field name -> value) into the source's row; how many rows there were (0 or 1)."""
    fields = [Source._meta.get_field(name) for name in values]
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)
    parameters = [field.get_db_prep_save(values[field.name], connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table(Source)} SET {assignments} WHERE {_column(Source, 'id')} = %s",  # noqa: S608
            [*parameters, source_id],
        )
        return cursor.rowcount


_FETCH_LOG_FIELDS = [field for field in FetchLog._meta.concrete_fields if not field.primary_key]


def log_fetch(values: dict) -> None:
    """Insert a fetch log row from ``values`` (attribute name -> value; every column but the id)."""
    columns = ", ".join(connection.ops.quote_name(field.column) for field in _FETCH_LOG_FIELDS)
    parameters = [field.get_db_prep_save(values[field.attname], connection) for field in _FETCH_LOG_FIELDS]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_table(FetchLog)} ({columns}) VALUES ({_placeholders(len(parameters))})",  # noqa: S608
            parameters,
        )


def join_stories(pairs: list[tuple[int, int]]) -> None:
    """Put existing items in stories: (story pk, item pk) pairs."""
    sql = f"UPDATE {_table(Item)} SET {_column(Item, 'cluster')} = %s WHERE {_column(Item, 'id')} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, pairs)


def recount_stories(story_pks: set[int]) -> None:
    """Set each story's item count from its items (one correlated subquery, not one query per story)."""
    ids = sorted(story_pks)
    items, stories, cluster = _table(Item), _table(StoryCluster), _column(Item, "cluster")
    story_id = f"{stories}.{_column(StoryCluster, 'id')}"
    sql = (
        f"UPDATE {stories} SET {_column(StoryCluster, 'item_count')} = "  # noqa: S608 (model's names)
        f"(SELECT COUNT(*) FROM {items} WHERE {items}.{cluster} = {story_id}) "
        f"WHERE {_column(StoryCluster, 'id')} IN ({_placeholders(len(ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
