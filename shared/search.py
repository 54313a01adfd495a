"""Full-text search over shared items: diacritic-insensitive, ranked, on PostgreSQL and SQLite.

PostgreSQL: ``Item.search_vector`` is kept by a trigger (migration ``aggregator/0004_item_search``) from
``unaccent`` + the ``simple`` configuration, weighted A title / B summary / C content, under a GIN index.
The query is folded in Python to the same ASCII words and every word must match, the last one as a prefix
(the user may still be typing it).

SQLite (development and tests): no full-text index that folds Vietnamese, so each connection gets a
deterministic ``shared_search_words()`` SQL function (see ``shared.signals``) and words are matched at word
starts in the folded title, summary and content. A title hit ranks above a summary hit above a body hit.

Ranking reads every match's whole vector, so it costs in proportion to the matches: fine for a rare word,
~0.5 s for a word in most of 100,000 items (bench/shared_search_bench.py). ``rank_newest`` therefore ranks
only the newest ``RANKED_MATCHES`` matches, which an index on the date finds without reading the others;
the filter set and the API use it, and count up to ``COUNT_CAP`` (``capped_count``).
"""

from __future__ import annotations

import html
import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, FloatField, Func, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce

from aggregator.models import Item
from cms.text import search_document, search_terms

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
SQLITE_FUNCTION = "shared_search_words"
# rank_newest ranks this many of the newest matches; capped_count counts exactly up to COUNT_CAP. Equal,
# so that a capped count ("more than 1,000") is also where the ranked list ends.
RANKED_MATCHES = 1000
COUNT_CAP = 1000

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
    ``q`` without any searchable word (punctuation only, one-letter words) matches nothing. Every match is
    ranked: see ``rank_newest`` for a bounded cost.
    """
    if not (q or "").strip():
        return queryset
    return _ranked(matching(queryset, q), q).order_by("-rank", "-published_at", "-pk")


def matching(queryset: QuerySet[Item], q: str) -> QuerySet[Item]:
    """Items of ``queryset`` matching every word of ``q``, not ranked (cheap to count or sort by date).

    A blank ``q`` returns ``queryset`` untouched; a ``q`` without any searchable word matches nothing.
    """
    if not (q or "").strip():
        return queryset
    words = query_words(q)
    if not words:
        return queryset.none()
    if _is_postgresql(queryset):
        return queryset.filter(search_vector=_tsquery(words))
    return _filter_fallback(queryset, words)


def rank_newest(
    queryset: QuerySet[Item], matches: QuerySet[Item], q: str, limit: int = RANKED_MATCHES
) -> QuerySet[Item]:
    """The newest ``limit`` of ``matches`` (``queryset`` narrowed by ``matching`` and any filter), ranked.

    Rows of ``queryset`` (its select_related, deferred fields and prefetches), best first, the newer
    first among equals. An older match is left out: narrow the search, or sort by date to see them all.
    """
    newest = matches.order_by("-published_at", "-pk").values("pk")[:limit]
    # Only the chosen ids, not matches' conditions again: the vectors of at most ``limit`` rows are read.
    return _ranked(queryset.filter(pk__in=newest), q).order_by("-rank", "-published_at", "-pk")


def capped_count(queryset: QuerySet, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(count, exact): the number of rows of ``queryset`` up to ``cap``, and whether there are no more.

    Stops reading at ``cap + 1`` rows, where an exact count of a common word would read every match.
    """
    count = queryset.order_by()[: cap + 1].count()
    return min(count, cap), count <= cap


def _is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _ranked(matches: QuerySet[Item], q: str) -> QuerySet[Item]:
    """``matches`` annotated with the ``rank`` of ``q`` (0 when ``q`` has no searchable word)."""
    words = query_words(q)
    if not words:
        return matches.annotate(rank=Value(0.0, output_field=FloatField()))
    if _is_postgresql(matches):
        query = _tsquery(words)
        return matches.annotate(
            rank=_tier(_tsquery(words, "A"), TITLE_TIER)
            + _tier(_tsquery(words, "AB"), LEAD_TIER)
            + SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS)
        )
    return _rank_fallback(matches, words)


def _tsquery(words: list[str], weights: str = "") -> SearchQuery:
    """``a & b & c:*`` (the last word as a prefix), limited to lexemes of ``weights`` (e.g. "A") if given."""
    # Words are [a-z0-9]+ (folded), so they are safe inside tsquery syntax.
    terms = [f"{word}:{weights}" if weights else word for word in words[:-1]] + [f"{words[-1]}:*{weights}"]
    return SearchQuery(" & ".join(terms), search_type="raw", config="simple")


def _tier(query: SearchQuery, score: float) -> Case:
    return Case(When(Q(search_vector=query), then=Value(score)), default=Value(0.0), output_field=FloatField())


def _folded(field: str) -> Func:
    return Func(Coalesce(F(field), Value("")), function=SQLITE_FUNCTION, output_field=TextField())


def _patterns(words: list[str]) -> list[str]:
    # Folded documents are " word word ... ": a leading space anchors at a word start, a trailing one
    # makes a whole word; the last query word is a prefix, as on PostgreSQL.
    return [f" {word} " for word in words[:-1]] + [f" {words[-1]}"]


def _hit(field: str, pattern: str) -> Q:
    return Q(**{f"_words_{field}__contains": pattern})


def _with_folded_fields(queryset: QuerySet[Item]) -> QuerySet[Item]:
    if "_words_title" in queryset.query.annotations:
        return queryset
    return queryset.annotate(**{f"_words_{field}": _folded(field) for field in SQLITE_WEIGHTS})


def _filter_fallback(queryset: QuerySet[Item], words: list[str]) -> QuerySet[Item]:
    queryset = _with_folded_fields(queryset)
    for pattern in _patterns(words):
        queryset = queryset.filter(Q.create([_hit(field, pattern) for field in SQLITE_WEIGHTS], connector=Q.OR))
    return queryset


def _rank_fallback(matches: QuerySet[Item], words: list[str]) -> QuerySet[Item]:
    rank = Value(0.0, output_field=FloatField())
    for pattern in _patterns(words):
        for field, weight in SQLITE_WEIGHTS.items():
            hit = _hit(field, pattern)
            rank = rank + Case(When(hit, then=Value(weight)), default=Value(0.0), output_field=FloatField())
    return _with_folded_fields(matches).annotate(rank=rank)


def search_words(value: str | None) -> str:
    """Folded words of an HTML or text value as `` word word ``: the SQLite function behind the fallback."""
    text = html.unescape(_TAGS.sub(" ", value or ""))
    return search_document(text) + " "
