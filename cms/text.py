"""Text helpers shared by search, feeds and the aggregator."""

import re

from anyascii import anyascii

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII form of ``text`` for diacritic-insensitive matching.

    "Việt Nam", "viet nam" and "VIET NAM" fold to the same string and "đ" folds to "d", which neither
    SQLite's FTS5 tokenizer nor PostgreSQL's ``simple`` configuration does on its own.
    """
    return _SPACES.sub(" ", anyascii(text or "")).strip().lower()


_WORDS = re.compile(r"[a-z0-9]+")


def search_document(text: str) -> str:
    """Folded words of ``text``, each preceded by a space, so that `` term`` matches at word starts only."""
    return "".join(f" {word}" for word in _WORDS.findall(fold(text)))


def search_terms(query: str, limit: int = 8) -> list[str]:
    """Folded words of a visitor's query, at most ``limit`` of them, each at least 2 characters."""
    words = _WORDS.findall(fold(query))
    return [word for word in words if len(word) >= 2][:limit]
