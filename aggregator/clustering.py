"""Story clustering: one story told by several outlets, matched in memory against the window's titles.

A :class:`StoryIndex` holds the visible items of the time window a pass needs (loaded from the database
as that window grows, once per pass) with an index from title word to items, so a new item is compared
only with the items that share enough words with it. Comparing every new item with the 2,000 nearest
items (one query and 2,000 comparisons each) was most of a pass's time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import chain

from . import dedupe
from .models import Item, ItemStatus

CLUSTER_WINDOW = timedelta(days=3)


@dataclass(frozen=True)
class IndexedItem:
    pk: int
    source_id: int
    published_at: datetime
    signature: str
    title: str
    words: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", frozenset(self.signature.split()))


@dataclass
class Match:
    """Where a new item goes: an existing story, or a new one started with ``partner``."""

    cluster_id: int | None
    partner: IndexedItem | None = None


@dataclass
class StoryIndex:
    items: dict[int, IndexedItem] = field(default_factory=dict)
    clusters: dict[int, int | None] = field(default_factory=dict)  # item pk -> its story, if any
    by_word: dict[str, set[int]] = field(default_factory=dict)
    loaded: tuple[datetime, datetime] | None = None

    def _load(self, start: datetime, end: datetime) -> None:
        rows = (
            Item.objects.filter(status=ItemStatus.VISIBLE, published_at__gte=start, published_at__lt=end)
            .exclude(title_signature="")
            .values_list("pk", "source_id", "published_at", "title_signature", "title", "cluster_id")
            .iterator(chunk_size=2000)
        )
        for pk, source_id, published_at, signature, title, cluster_id in rows:
            self.add(IndexedItem(pk, source_id, published_at, signature, title), cluster_id)

    def cover(self, start: datetime, end: datetime) -> None:
        """Make sure every stored item published in [start, end) is in the index."""
        if self.loaded is None:
            self._load(start, end)
            self.loaded = (start, end)
            return
        low, high = self.loaded
        if start < low:
            self._load(start, low)
        if end > high:
            self._load(high, end)
        self.loaded = (min(start, low), max(end, high))

    def add(self, item: IndexedItem, cluster_id: int | None) -> None:
        if item.pk in self.items:
            return
        self.items[item.pk] = item
        self.clusters[item.pk] = cluster_id
        for word in item.words:
            self.by_word.setdefault(word, set()).add(item.pk)

    def _candidates(self, signature: str, source_id: int, published_at: datetime) -> list[tuple[int, str]]:
        """Items of other outlets in the window that share enough words with ``signature`` to be similar.

        Any title similar enough shares ``dedupe.min_shared_words`` of its words, so at least ``needed -
        skipped`` of the rarer ones even if it has all of the ``skipped`` commonest ("asean", "viet"):
        the rarer words' item sets are counted (``Counter``, in C) and the commonest never read.
        """
        words = sorted(set(signature.split()), key=lambda word: len(self.by_word.get(word, ())))
        needed = dedupe.min_shared_words(signature)
        skipped = min(needed // 2, len(words) - 1)
        counts = Counter(chain.from_iterable(self.by_word.get(word, ()) for word in words[: len(words) - skipped]))
        start, end = published_at - CLUSTER_WINDOW, published_at + CLUSTER_WINDOW
        word_set = frozenset(words)
        found = []
        for pk in sorted(pk for pk, count in counts.items() if count >= needed - skipped):  # ties: the newest
            item = self.items[pk]
            if (
                item.source_id != source_id
                and start <= item.published_at <= end
                and len(word_set & item.words) >= needed
            ):
                found.append((pk, item.signature))
        return found

    def match(self, signature: str, source_id: int, published_at: datetime) -> Match | None:
        """The story a new item of ``source_id`` belongs to, from another outlet's similar title."""
        if len(signature.split()) < dedupe.MIN_WORDS:
            return None
        self.cover(published_at - CLUSTER_WINDOW, published_at + CLUSTER_WINDOW + timedelta(microseconds=1))
        best = dedupe.best_match(signature, self._candidates(signature, source_id, published_at))
        if best is None:
            return None
        cluster_id = self.clusters[best]
        return Match(cluster_id) if cluster_id else Match(None, partner=self.items[best])

    def set_cluster(self, pk: int, cluster_id: int) -> None:
        self.clusters[pk] = cluster_id
