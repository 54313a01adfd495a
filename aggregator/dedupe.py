"""Grouping the same story from several outlets: normalised-title similarity (pure functions)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from cms.text import fold

SIMILARITY_THRESHOLD = 0.72
# Words that carry no story: Vietnamese function words and English articles, already folded.
STOP_WORDS = frozenset(
    [
        "va",
        "cua",
        "cac",
        "nhung",
        "mot",
        "voi",
        "cho",
        "tai",
        "trong",
        "la",
        "se",
        "duoc",
        "ve",
        "tu",
        "den",
        "khi",
        "ngay",
        "nay",
        "do",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "to",
        "for",
        "and",
        "at",
        "by",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")
_PREFIX = re.compile(r"^\s*(?:\[[^\]]*\]|\([^)]*\)|(?:video|anh|infographic|clip|truc tiep)\s*[:|-])\s*", re.I)


def title_signature(title: str) -> str:
    """Folded significant words of a title, in order, e.g. "ASEAN họp tại Lào" → "asean hop lao"."""
    folded = _PREFIX.sub("", fold(title))
    return " ".join(w for w in _WORD.findall(folded) if w not in STOP_WORDS)[:500]


def similarity(a: str, b: str) -> float:
    """Between 0 and 1: the better of word-set overlap and ordered character similarity."""
    if not a or not b:
        return 0.0
    wa, wb = set(a.split()), set(b.split())
    jaccard = len(wa & wb) / len(wa | wb)
    # ``a`` second: difflib analyses its second sequence, which best_match keeps for all candidates.
    return max(jaccard, SequenceMatcher(None, b, a, autojunk=False).ratio())


def best_match(signature: str, candidates: list[tuple[int, str]]) -> int | None:
    """The candidate id whose signature is most similar to ``signature``, if similar enough.

    Same result as taking ``similarity`` of every candidate, but cheaper: the word overlap is exact and
    cheap, and difflib's upper bounds (``real_quick_ratio``, ``quick_ratio``) rule most candidates out
    before the slow ``ratio``. One matcher keeps ``signature`` analysed as its second sequence.
    """
    if len(signature.split()) < 3:
        return None  # too short to say two titles are the same story
    best_id, best_score = None, SIMILARITY_THRESHOLD
    words = set(signature.split())
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(signature)
    for candidate_id, candidate in candidates:
        other = set(candidate.split())
        shared = len(words & other)
        if shared * 3 < min(len(words), len(other)):
            continue  # fewer than a third of the words in common: not worth the slow comparison
        score = shared / len(words | other)
        floor = max(score, best_score)  # the slow ratio matters only if it can beat both
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() > floor and matcher.quick_ratio() > floor:
            score = max(score, matcher.ratio())
        if score >= best_score:
            best_id, best_score = candidate_id, score
    return best_id
