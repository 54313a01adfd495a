"""Story clustering: one story told by several outlets, matched in memory against the window's titles.

A :class:`StoryIndex` holds the visible items of the time window a pass needs (loaded from the database
as that window grows, once per pass), so that a new title is compared only with the few stored titles
that could be similar to it. Comparing every new item with the 2,000 nearest items (one query and 2,000
comparisons each) was most of a pass's time.

A similar title shares at least ``dedupe.min_shared_words`` of the new title's words (more when it is as
long or longer), so finding the candidates is counting, for every stored title, how many of the new
title's words it has. Counting through word -> items sets took a step per item per word, and news titles
share many words ("asean", places, organisations): thousands of steps a title. Instead, items sit in
blocks of up to ``BLOCK_SLOTS`` slots, and a block keeps per word one Python int whose bit ``i`` says
whether slot ``i``'s title has the word: :func:`_count` adds up the new title's words' ints for every
slot at once (binary counts, one int per bit) and :func:`_at_least` compares the counts with the bound,
a few dozen big-int operations a title. Blocks bound the cost of setting a bit (an int is rebuilt on
every change) and let blocks published outside the window be skipped. The items counted this way are
checked one by one against the exact bound for both titles' lengths (``dedupe.may_match``), and the rest
scored by ``dedupe.best_match`` in primary key order: the answer is the one comparing every title of the
window with ``dedupe.similarity`` would give, ties included.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from . import dedupe
from .models import Item, ItemStatus

CLUSTER_WINDOW = timedelta(days=3)
BLOCK_SLOTS = 1 << 14  # items per block: larger blocks mean fewer operations per match, slower adds


@dataclass(frozen=True, slots=True)
class IndexedItem:
    pk: int
    source_id: int
    published_at: datetime
    signature: str
    title: str
    words: frozenset[str] = field(init=False, repr=False, compare=False)
    length: int = field(init=False, repr=False, compare=False)  # words counting repeats

    def __post_init__(self) -> None:
        sequence = self.signature.split()
        object.__setattr__(self, "words", frozenset(sequence))
        object.__setattr__(self, "length", len(sequence))


@dataclass
class Match:
    """Where a new item goes: an existing story, or a new one started with ``partner``."""

    cluster_id: int | None
    partner: IndexedItem | None = None


def _count(bitsets: list[int]) -> list[int]:
    """How many of ``bitsets`` have each bit set, for every position at once: bit j of the counts in int j.

    A carry-save adder tree: a full adder turns three ints of one weight into their sum at that weight
    and their carry at the next, about five big-int operations per int counted.
    """
    planes: list[int] = []
    pending = list(bitsets)  # ints of the current weight still to add up
    while pending:
        carries = []
        while len(pending) >= 3:
            first, second, third = pending.pop(), pending.pop(), pending.pop()
            half = first ^ second
            pending.append(half ^ third)
            carries.append((first & second) | (half & third))
        if len(pending) == 2:
            first, second = pending
            pending = [first ^ second]
            carries.append(first & second)
        planes.append(pending[0])
        pending = carries
    return planes


def _at_least(planes: list[int], needed: int) -> int:
    """The positions whose number, bit j in ``planes[j]``, is at least ``needed`` (>= 1), compared from the top bit."""
    if needed >= 1 << len(planes):
        return 0
    above = 0  # positions whose number is already known to exceed ``needed``
    # Positions whose number equals ``needed`` in the bits seen so far: all of them to begin with (-1 has
    # every bit set); ``needed`` has a set bit within the planes, so ``equal`` becomes a plain mask there.
    equal = -1
    for level in reversed(range(len(planes))):
        plane = planes[level]
        if needed >> level & 1:
            equal &= plane
        else:
            above |= equal & plane
            equal &= ~plane
    return above | equal


@dataclass
class _Block:
    """Up to ``BLOCK_SLOTS`` items, with per word an int with a bit set for each slot whose title has it.

    ``lengths`` holds the titles' lengths (words counting repeats) the same way as ``_count``'s counts:
    bit j of every slot's length in ``lengths[j]``.
    """

    earliest: datetime
    latest: datetime
    items: list[IndexedItem] = field(default_factory=list)
    bits: dict[str, int] = field(default_factory=dict)
    lengths: list[int] = field(default_factory=list)

    def add(self, item: IndexedItem) -> None:
        slot = 1 << len(self.items)
        self.items.append(item)
        for word in item.words:
            self.bits[word] = self.bits.get(word, 0) | slot
        for level in range(item.length.bit_length()):
            if level == len(self.lengths):
                self.lengths.append(0)
            if item.length >> level & 1:
                self.lengths[level] |= slot
        self.earliest = min(self.earliest, item.published_at)
        self.latest = max(self.latest, item.published_at)

    def sharing(self, words: set[str], needed: int, longer: int, needed_longer: int) -> list[IndexedItem]:
        """This block's items that have ``needed`` of ``words``, or ``needed_longer`` if ``longer`` words long."""
        bitsets = [bits for word in words if (bits := self.bits.get(word))]
        if len(bitsets) < needed:
            return []
        counts = _count(bitsets)
        slots = _at_least(counts, needed)
        if slots and needed_longer > needed:  # keep the long titles only if they have ``needed_longer``
            slots &= ~_at_least(self.lengths, longer) | _at_least(counts, needed_longer)
        found = []
        while slots:
            slot = slots.bit_length() - 1
            slots ^= 1 << slot
            found.append(self.items[slot])
        return found


@dataclass
class StoryIndex:
    items: dict[int, IndexedItem] = field(default_factory=dict)
    clusters: dict[int, int | None] = field(default_factory=dict)  # item pk -> its story, if any
    blocks: list[_Block] = field(default_factory=list)
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
        if not self.blocks or len(self.blocks[-1].items) >= BLOCK_SLOTS:
            self.blocks.append(_Block(earliest=item.published_at, latest=item.published_at))
        self.blocks[-1].add(item)

    def _candidates(self, sequence: list[str], source_id: int, published_at: datetime) -> list[tuple[int, str]]:
        """Items of other outlets in the window whose title could be similar to ``sequence``'s words.

        In primary key order, which settles ties in ``dedupe.best_match``.
        """
        words = set(sequence)
        needed = dedupe.min_shared_words(sequence)
        # Titles as long as this one or longer must share more of its words: holding those to it leaves a
        # few items to check instead of many.
        needed_longer = dedupe.min_shared_words(sequence, len(sequence))
        start, end = published_at - CLUSTER_WINDOW, published_at + CLUSTER_WINDOW
        found = []
        for block in self.blocks:
            if block.latest < start or block.earliest > end:
                continue
            inside = start <= block.earliest and block.latest <= end  # then no item's date needs checking
            for item in block.sharing(words, needed, len(sequence), needed_longer):
                if item.source_id == source_id or not (inside or start <= item.published_at <= end):
                    continue
                other = item.words
                if dedupe.may_match(len(words & other), len(sequence), len(words), item.length, len(other)):
                    found.append((item.pk, item.signature))
        found.sort()
        return found

    def match(self, signature: str, source_id: int, published_at: datetime) -> Match | None:
        """The story a new item of ``source_id`` belongs to, from another outlet's similar title."""
        sequence = signature.split()
        if len(sequence) < dedupe.MIN_WORDS:
            return None
        self.cover(published_at - CLUSTER_WINDOW, published_at + CLUSTER_WINDOW + timedelta(microseconds=1))
        candidates = self._candidates(sequence, source_id, published_at)
        best = dedupe.best_match(signature, candidates) if candidates else None
        if best is None:
            return None
        cluster_id = self.clusters[best]
        return Match(cluster_id) if cluster_id else Match(None, partner=self.items[best])

    def set_cluster(self, pk: int, cluster_id: int) -> None:
        self.clusters[pk] = cluster_id
