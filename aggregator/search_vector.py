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
limits are PostgreSQL's: positions stop at 16383, a word keeps its first 255 (``||`` may keep 256),
words over 2046 characters are left out. A letter that ``unaccent`` leaves alone (Greek, Cyrillic,
Thai...) is transliterated here and dropped there: the words searched for are folded in Python
(``shared.search``), so the vector built here is the one such a query can match.
"""

from __future__ import annotations

import re
from collections import defaultdict

from cms.text import folded_words

MAX_POSITION = 16383  # every later word is at this position (PostgreSQL's MAXENTRYPOS - 1)
MAX_POSITIONS = 255  # positions a word keeps (what tsvector input keeps: MAXNUMPOS - 1)
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
    """The ``tsvector`` literal of an item's text, e.g. ``'ha':1A 'noi':2A 'can':3B 'tho':4B``."""
    fields = [(words(title or ""), "A"), (words(summary or ""), "B"), (words(content or ""), "C")]
    if sum(len(field_words) for field_words, _weight in fields) >= MAX_POSITION:
        return _literal(_clamped(fields))
    labels: defaultdict[str, list[str]] = defaultdict(list)  # word -> its positions with their weight
    start = 1
    for field_words, weight in fields:
        for word, label in zip(field_words, _LABELS[weight][start : start + len(field_words)], strict=True):
            labels[word].append(label)
        start += len(field_words)
    return _literal(labels)


def _clamped(fields: list[tuple[list[str], str]]) -> dict[str, list[str]]:
    """Labels of a text of more than ``MAX_POSITION`` words: the later words all at that position, once."""
    labels: dict[str, list[str]] = {}
    position = 0
    for field_words, weight in fields:
        for word in field_words:
            position = min(position + 1, MAX_POSITION)
            kept = labels.setdefault(word, [])
            if not kept or position < MAX_POSITION or kept[-1][:-1] != str(MAX_POSITION):
                kept.append(f"{position}{weight}")
    return labels


def _literal(labels: dict[str, list[str]]) -> str:
    if max(map(len, labels.values()), default=0) > MAX_POSITIONS:
        labels = {word: kept[:MAX_POSITIONS] for word, kept in labels.items()}
    # Words are [a-z0-9]+: nothing to quote or escape.
    return " ".join([f"'{word}':{','.join(kept)}" for word, kept in labels.items()])


# "1A", "2A", ... for each weight, position 0 unused: formatting them per word cost more than the rest.
_LABELS = {weight: [f"{position}{weight}" for position in range(MAX_POSITION + 1)] for weight in "ABC"}
