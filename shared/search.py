"""Full-text search over shared items: diacritic-insensitive, ranked, on PostgreSQL and SQLite.

PostgreSQL: ``Item.search_vector`` is kept by a trigger (migration ``aggregator/0004_item_search``) from
``unaccent`` + the ``simple`` configuration, weighted A title / B summary / C content, and copied with the
item's date into the narrow ``aggregator_item_search_index`` table under a GIN index (``aggregator/0006``):
matches are found and ordered by date there, without reading the items' wide rows; the item's own vector
ranks the few rows chosen. The query is folded in Python to the same ASCII words and every word must
match; in ``search()`` the last one also as a prefix (the user may still be typing it), in the filter set
as a whole word.

SQLite (development and tests): no full-text index that folds Vietnamese, so each connection gets a
deterministic ``shared_search_words()`` SQL function (see ``shared.signals``) and words are matched at word
starts in the folded title, summary and content. A title hit ranks above a summary hit above a body hit.

Ranking and counting read every match, so they cost in proportion to the matches: fine for a rare word,
~1 s for a word in a fifth of 100,000 items (bench/README.md, "Shared database search"). The
filter set (admin filters, API, saved searches) therefore ranks only the newest ``RANKED_MATCHES`` matches
(``newest_matches``, then ``rank_among``) and stops counting at ``COUNT_CAP``.
"""

from __future__ import annotations

import html
import math
import re
from datetime import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, FloatField, Func, Q, QuerySet, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from aggregator.models import Item
from cms.text import search_document, search_terms

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
SQLITE_FUNCTION = "shared_search_words"
# newest_matches gives this many of the newest matches to rank; capped_count counts exactly up to COUNT_CAP. Equal,
# so that a capped count ("more than 1,000") is also where the ranked list ends.
RANKED_MATCHES = 1000
COUNT_CAP = 1000
# newest_matches walks the search table's matches while the other filters admit at least this share.
WALK_MIN_ADMITTED = 0.05
# PostgreSQL: the functions over the narrow search table of aggregator/migrations/0006 (the tsquery is
# always a parameter).
_INDEX_MATCHES = "SELECT * FROM aggregator_item_search_matches(to_tsquery('simple', %s))"
_NEWEST_INDEX_MATCHES = "SELECT * FROM aggregator_item_search_newest(to_tsquery('simple', %s), %s, %s, %s, %s)"
# Ids as one array parameter: a thousand "IN (%s, ...)" parameters cost more to send than the query takes.
_AMONG = "SELECT unnest(%s::bigint[])"

# ts_rank weights for D, C, B, A. ts_rank saturates (50 body hits outscore one title hit), so tiers come
# first: every word in the title, then every word in title or lead; ts_rank (< 1) orders within a tier.
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]
TITLE_TIER, LEAD_TIER = 2.0, 1.0
# Weights of the SQLite fallback, per matching word.
SQLITE_WEIGHTS = {"title": 1.0, "summary": 0.4, "content": 0.2}

_TAGS = re.compile(r"<[^>]*>")


def query_words(q: str) -> list[str]:
    """The folded words searched for: at most ``MAX_QUERY_WORDS`` from the first ``MAX_QUERY_LENGTH`` characters."""
    return search_terms((q or "")[:MAX_QUERY_LENGTH], limit=MAX_QUERY_WORDS)


def search(queryset: QuerySet[Item], q: str) -> QuerySet[Item]:
    """Items of ``queryset`` matching every word of ``q``, annotated with ``rank`` and best first.

    Among equally ranked items the newer comes first. A blank ``q`` returns ``queryset`` untouched; a
    ``q`` without any searchable word (punctuation only, one-letter words) matches nothing. The last word
    is a prefix: this is the search box of someone typing. Every match is ranked: see ``newest_matches``.
    """
    if not (q or "").strip():
        return queryset
    return _ranked(matching(queryset, q), q).order_by("-rank", "-published_at", "-pk")


def matching(queryset: QuerySet[Item], q: str, *, prefix: bool = True) -> QuerySet[Item]:
    """Items of ``queryset`` matching every word of ``q``, not ranked (cheap to count or sort by date).

    With ``prefix``, the last word matches the start of a word too. A blank ``q`` returns ``queryset``
    untouched; a ``q`` without any searchable word matches nothing.
    """
    if not (q or "").strip():
        return queryset
    words = query_words(q)
    if not words:
        return queryset.none()
    if _is_postgresql(queryset):
        matches = RawSQL(_INDEX_MATCHES, [_tsquery_text(words, prefix=prefix)])  # noqa: S611 (constant SQL)
        return queryset.filter(pk__in=matches)
    return _filter_fallback(queryset, words, prefix=prefix)


def rank_among(queryset: QuerySet[Item], ids: list[int], q: str, *, prefix: bool = True) -> QuerySet[Item]:
    """The rows of ``queryset`` (its select_related, deferred fields and prefetches) among ``ids``, ranked
    for ``q``: best first, the newer first among equals. Only these rows' vectors are read."""
    among = _among(ids) if _is_postgresql(queryset) else ids
    return _ranked(queryset.filter(pk__in=among), q, prefix=prefix).order_by("-rank", "-published_at", "-pk")


def newest_matches(
    narrowed: QuerySet[Item],
    q: str,
    *,
    prefix: bool = True,
    limit: int,
    published: tuple[datetime | None, datetime | None] = (None, None),
) -> list[int]:
    """Ids of the newest ``limit`` items of ``narrowed`` that match ``q``, newest first.

    ``published``: [since, until), the dates ``narrowed`` is limited to (None: no bound), if any, so
    that the search table is walked within them too.

    An older match is left out: the callers rank or count these (narrow the search, or sort by date, to
    see them all). On PostgreSQL, ordering ``narrowed`` by date would read the wide row of every match
    (migration ``aggregator/0006`` says why that was slow), so the search table's matches are walked
    from the newest, keeping those ``narrowed`` admits, as long as it admits enough of them
    (``WALK_MIN_ADMITTED``); filters that admit fewer (a country, a pillar and a date range) make the
    matches they admit few enough to read them all (a country or a topic, seldom a pillar).
    """
    words = query_words(q)
    by_date = matching(narrowed, q, prefix=prefix).order_by("-published_at", "-pk")
    if not (_is_postgresql(narrowed) and words):
        return list(by_date.values_list("pk", flat=True)[:limit])
    query = _tsquery_text(words, prefix=prefix)
    found: list[int] = []
    walked, chunk = 0, 2 * limit
    with connections[narrowed.db].cursor() as cursor:
        while len(found) < limit:
            cursor.execute(_NEWEST_INDEX_MATCHES, [query, *published, chunk, walked])
            ids = [pk for (pk,) in cursor.fetchall()]
            admitted = set(narrowed.filter(pk__in=_among(ids)).order_by().values_list("pk", flat=True))
            found.extend(pk for pk in ids if pk in admitted)
            walked += len(ids)
            if len(ids) < chunk or len(found) >= limit:
                break
            share = len(found) / walked
            if share < WALK_MIN_ADMITTED:
                return list(by_date.values_list("pk", flat=True)[:limit])
            chunk = math.ceil((limit - len(found)) / share * 1.25)  # enough to finish, most likely
    return found[:limit]


def _among(ids: list[int]) -> RawSQL:
    return RawSQL(_AMONG, [ids])  # noqa: S611 (constant SQL)


def capped_count(queryset: QuerySet, cap: int | None = None) -> tuple[int, bool]:
    """(count, exact): the number of rows of ``queryset`` up to ``cap`` (``COUNT_CAP``), and whether there
    are no more.

    Stops reading at ``cap + 1`` rows, where an exact count of a common word would read every match.
    """
    cap = cap or COUNT_CAP
    count = queryset.order_by()[: cap + 1].count()
    return min(count, cap), count <= cap


def _is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _ranked(matches: QuerySet[Item], q: str, *, prefix: bool = True) -> QuerySet[Item]:
    """``matches`` annotated with the ``rank`` of ``q`` (0 when ``q`` has no searchable word)."""
    words = query_words(q)
    if not words:
        return matches.annotate(rank=Value(0.0, output_field=FloatField()))
    if _is_postgresql(matches):
        return matches.annotate(
            rank=_tier(_tsquery(words, "A", prefix=prefix), TITLE_TIER)
            + _tier(_tsquery(words, "AB", prefix=prefix), LEAD_TIER)
            + SearchRank(F("search_vector"), _tsquery(words, prefix=prefix), weights=RANK_WEIGHTS)
        )
    return _rank_fallback(matches, words, prefix=prefix)


def _tsquery(words: list[str], weights: str = "", *, prefix: bool = True) -> SearchQuery:
    return SearchQuery(_tsquery_text(words, weights, prefix=prefix), search_type="raw", config="simple")


def _tsquery_text(words: list[str], weights: str = "", *, prefix: bool = True) -> str:
    """``a & b & c:*`` (``c:*`` with ``prefix``), limited to lexemes of ``weights`` (e.g. "A") if given."""
    # Words are [a-z0-9]+ (folded), so they are safe inside tsquery syntax.
    terms = []
    for last, word in _with_last(words):
        flags = ("*" if prefix and last else "") + weights
        terms.append(f"{word}:{flags}" if flags else word)
    return " & ".join(terms)


def _with_last(words: list[str]) -> list[tuple[bool, str]]:
    return [(index == len(words) - 1, word) for index, word in enumerate(words)]


def _tier(query: SearchQuery, score: float) -> Case:
    return Case(When(Q(search_vector=query), then=Value(score)), default=Value(0.0), output_field=FloatField())


def _folded(field: str) -> Func:
    return Func(Coalesce(F(field), Value("")), function=SQLITE_FUNCTION, output_field=TextField())


def _patterns(words: list[str], prefix: bool) -> list[str]:
    # Folded documents are " word word ... ": a leading space anchors at a word start, a trailing one
    # makes a whole word; with ``prefix`` the last query word is a prefix, as on PostgreSQL.
    return [f" {word}" if prefix and last else f" {word} " for last, word in _with_last(words)]


def _hit(field: str, pattern: str) -> Q:
    return Q(**{f"_words_{field}__contains": pattern})


def _with_folded_fields(queryset: QuerySet[Item]) -> QuerySet[Item]:
    if "_words_title" in queryset.query.annotations:
        return queryset
    return queryset.annotate(**{f"_words_{field}": _folded(field) for field in SQLITE_WEIGHTS})


def _filter_fallback(queryset: QuerySet[Item], words: list[str], prefix: bool) -> QuerySet[Item]:
    queryset = _with_folded_fields(queryset)
    for pattern in _patterns(words, prefix):
        queryset = queryset.filter(Q.create([_hit(field, pattern) for field in SQLITE_WEIGHTS], connector=Q.OR))
    return queryset


def _rank_fallback(matches: QuerySet[Item], words: list[str], prefix: bool) -> QuerySet[Item]:
    rank = Value(0.0, output_field=FloatField())
    for pattern in _patterns(words, prefix):
        for field, weight in SQLITE_WEIGHTS.items():
            hit = _hit(field, pattern)
            rank = rank + Case(When(hit, then=Value(weight)), default=Value(0.0), output_field=FloatField())
    return _with_folded_fields(matches).annotate(rank=rank)


def search_words(value: str | None) -> str:
    """Folded words of an HTML or text value as `` word word ``: the SQLite function behind the fallback."""
    text = html.unescape(_TAGS.sub(" ", value or ""))
    return search_document(text) + " "
