"""An item's full-text search vector, built in Python, where a feed pass has cores to spare.

PostgreSQL builds the same vector with ``aggregator_item_search_document`` (migration
``aggregator/0008``) for rows written without one: an editor's save, an ``UPDATE`` of the text. Built
there for every new item of a pass, it cost more than the rest of the item's insert, on the one thread
that stores a pass; built here, in the digest worker processes, the database only reads it
(bench/README.md, "Aggregator").

Both read a field the same way: markup (``<...>``) and character references (``&amp;``) become spaces,
the text is folded to lower-case ASCII (``cms.text.fold`` here, ``unaccent`` and ``lower`` there) and
each run of ``[a-z0-9]`` is a word at the next position; the title is weighted A, the summary B and the
content C, and positions run on from one field to the next, as PostgreSQL's ``||`` joins vectors. The
limits are PostgreSQL's: positions stop at 16383, a word keeps at most 255 positions of one field
(``to_tsvector``) and 256 in all (``||``), words over 2046 characters are left out. A letter that
``unaccent`` leaves alone (Greek, Cyrillic, Thai...) is transliterated here and dropped there: the
words searched for are folded in Python (``shared.search``), so the vector built here is the one such a
query can match.
"""

from __future__ import annotations

import re
from collections import Counter

from cms.text import folded_words

MAX_POSITION = 16383  # every later word is at this position (PostgreSQL's MAXENTRYPOS - 1)
MAX_POSITIONS = 255  # positions a word keeps of one field (to_tsvector's limit: MAXNUMPOS - 1)
MAX_JOINED_POSITIONS = 256  # positions a word keeps in all (the limit of || and of tsvector input: MAXNUMPOS)
MAX_WORD = 2046  # longer words are not indexed (to_tsvector's limit, MAXSTRLEN, is 2047 bytes)

MARKUP = re.compile(r"<[^>]*>|&[#a-zA-Z0-9]+;")


def words(text: str) -> list[str]:
    """The indexed words of one field, in order."""
    if "<" in text or "&" in text:
        text = MARKUP.sub(" ", text)
    found = folded_words(text)
    if len(text) > MAX_WORD and any(len(word) > MAX_WORD for word in found):
        return [word for word in found if len(word) <= MAX_WORD]
    return found


def search_vector(title: str, summary: str = "", content: str = "") -> str:
    """The ``tsvector`` literal of an item's text, e.g. ``ha:1A,5B noi:2A,6B can:3B tho:4B``.

    Each word once with its positions: PostgreSQL reads the literal character by character, so the
    shortest one costs the database least (writing the word again at each position saved the digest
    ~45 µs of Python an item and cost the database ~25 µs more to read: a pass no faster, its database
    busier).
    """
    fields = [(words(title or ""), "A"), (words(summary or ""), "B"), (words(content or ""), "C")]
    total = sum(len(field_words) for field_words, _weight in fields)
    if total >= MAX_POSITION:
        return _literal(_kept_labels(fields))
    entries: dict[str, str] = {}  # word -> "word:1A,5B", grown as the word comes again
    entry_of = entries.get
    start = 1
    for field_words, weight in fields:
        for word, label in zip(field_words, _LABELS[weight][start : start + len(field_words)], strict=True):
            entry = entry_of(word)
            entries[word] = f"{word}:{label}" if entry is None else f"{entry},{label}"
        start += len(field_words)
    if total - len(entries) >= MAX_POSITIONS and _most_repeated(fields) > MAX_POSITIONS:
        return _literal(_kept_labels(fields))  # a word past a limit (it takes that many repeats to be)
    return " ".join(entries.values())


def _most_repeated(fields: list[tuple[list[str], str]]) -> int:
    counts: Counter[str] = Counter()
    for field_words, _weight in fields:
        counts.update(field_words)
    return max(counts.values())


def _kept_labels(fields: list[tuple[list[str], str]]) -> dict[str, list[str]]:
    """Each word's labels, as PostgreSQL keeps them for a long or repetitive text.

    At most ``MAX_POSITIONS`` from one field and ``MAX_JOINED_POSITIONS`` in all; the words past
    ``MAX_POSITION`` all at that position, each once.
    """
    labels: dict[str, list[str]] = {}
    position = 0
    for field_words, weight in fields:
        in_field: Counter[str] = Counter()
        for word in field_words:
            position = min(position + 1, MAX_POSITION)
            kept = labels.setdefault(word, [])
            in_field[word] += 1
            if in_field[word] > MAX_POSITIONS or len(kept) >= MAX_JOINED_POSITIONS:
                continue
            if not kept or kept[-1][:-1] != str(MAX_POSITION):
                kept.append(f"{position}{weight}")
    return labels


def _literal(labels: dict[str, list[str]]) -> str:
    # Words are [a-z0-9]+: nothing to quote or escape.
    return " ".join([f"{word}:{','.join(kept)}" for word, kept in labels.items()])


# "1A", "2A", ... for each weight, position 0 unused: formatting them per word cost more than the rest.
_LABELS = {weight: [f"{position}{weight}" for position in range(MAX_POSITION + 1)] for weight in "ABC"}
