"""Grouping the same story from several outlets: normalised-title similarity (pure functions)."""

from __future__ import annotations

import math
import re
from difflib import SequenceMatcher

from cms.text import fold

SIMILARITY_THRESHOLD = 0.72
MIN_WORDS = 3  # shorter titles are too short to say two of them are the same story
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
    """Between 0 and 1: the better of word-set overlap and ordered word similarity.

    Words, not characters: folded Vietnamese titles use few letters, so unrelated titles looked alike
    character by character, and comparing characters was most of a feed pass's time.
    """
    if not a or not b:
        return 0.0
    wa, wb = set(a.split()), set(b.split())
    jaccard = len(wa & wb) / len(wa | wb)
    # ``a`` second: difflib analyses its second sequence, which best_match keeps for all candidates.
    return max(jaccard, SequenceMatcher(None, b.split(), a.split(), autojunk=False).ratio())


def shares_enough_words(shared: int, length: int, other_length: int) -> bool:
    """Two titles are compared at all only when they share half the words of the shorter one.

    Retellings of one story keep its key words; titles that share only an organisation or a country with
    another story ("Sở Công Thương ... Campuchia") scored above the threshold on characters alone
    when a third was enough, and made false stories (and most of the comparisons).
    """
    return shared * 2 >= min(length, other_length)


def min_shared_words(signature: str) -> int:
    """Fewest distinct words any title must share with ``signature`` to reach ``SIMILARITY_THRESHOLD``.

    The ordered ratio is 2M / (a + b) for titles of a and b words with M matched words, and M <= b, so
    reaching T needs b >= T a / (2 - T) and then M >= T a / (2 - T) (about 56 % of a at 0.72); word-set
    overlap reaching T needs more. A word repeated in ``signature`` can be matched twice: repeats are
    taken off. Lets an index rule titles out without comparing them.
    """
    words = signature.split()
    repeats = len(words) - len(set(words))
    return max(1, math.ceil(SIMILARITY_THRESHOLD * len(words) / (2 - SIMILARITY_THRESHOLD) - 1e-9) - repeats)


def best_match(signature: str, candidates: list[tuple[int, str]]) -> int | None:
    """The candidate id whose signature is most similar to ``signature``, if similar enough.

    Same result as taking ``similarity`` of every candidate, but cheaper: the word overlap is exact and
    cheap, and difflib's upper bounds (``real_quick_ratio``, ``quick_ratio``) rule most candidates out
    before the slow ``ratio``. One matcher keeps ``signature`` analysed as its second sequence.
    """
    if len(signature.split()) < MIN_WORDS:
        return None
    best_id, best_score = None, SIMILARITY_THRESHOLD
    words = set(signature.split())
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(signature.split())
    for candidate_id, candidate in candidates:
        other = set(candidate.split())
        shared = len(words & other)
        if not shares_enough_words(shared, len(words), len(other)):
            continue
        score = shared / len(words | other)
        floor = max(score, best_score)  # the slow ratio matters only if it can beat both
        matcher.set_seq1(candidate.split())
        if matcher.real_quick_ratio() > floor and matcher.quick_ratio() > floor:
            score = max(score, matcher.ratio())
        if score >= best_score:
            best_id, best_score = candidate_id, score
    return best_id
