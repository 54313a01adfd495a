"""Grouping the same story from several outlets: normalised-title similarity (pure functions)."""

from __future__ import annotations

import math
import re
from collections import Counter
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


def min_shared_words(signature: str | list[str], other_length: int = 0) -> int:
    """Fewest distinct words a similar title of ``other_length`` or more words shares with ``signature``.

    The ordered ratio is 2M / (a + b) for titles of a and b words with M matched words: reaching T needs
    M >= T (a + b) / 2, and as M <= b, M >= T a / (2 - T) whatever b (about 56 % of a at 0.72). A word
    repeated in ``signature`` can be matched twice: repeats are taken off. Word-set overlap reaching T
    needs T of ``signature``'s distinct words. Lets an index rule titles out without comparing them;
    ``signature`` may come split already.
    """
    words = signature.split() if isinstance(signature, str) else signature
    distinct = len(set(words))
    ordered = max(
        SIMILARITY_THRESHOLD * len(words) / (2 - SIMILARITY_THRESHOLD),
        SIMILARITY_THRESHOLD * (len(words) + other_length) / 2,
    )
    # the margin: a whole number computed a hair too high must not ask for one word more
    by_order = math.ceil(ordered - 1e-9) - (len(words) - distinct)
    by_overlap = math.ceil(SIMILARITY_THRESHOLD * distinct - 1e-9)
    return max(1, min(by_order, by_overlap))


def may_match(shared: int, length: int, distinct: int, other_length: int, other_distinct: int) -> bool:
    """Whether ``best_match`` could pick a title for one, from their lengths and the words they share.

    Lengths count words with repeats, ``distinct`` without. Such titles are compared only when they share
    enough words, and score at most their exact word-set overlap or difflib's 2 M / (a + b) with M at most
    the shared words plus the fewer repeats, computed the way difflib computes it so that a ratio exactly
    at the threshold is kept.
    """
    if not shares_enough_words(shared, distinct, other_distinct):
        return False
    if shared / (distinct + other_distinct - shared) >= SIMILARITY_THRESHOLD:
        return True
    repeats = min(length - distinct, other_length - other_distinct)
    return 2.0 * (shared + repeats) / (length + other_length) >= SIMILARITY_THRESHOLD


def best_match(signature: str, candidates: list[tuple[int, str]]) -> int | None:
    """The candidate id whose signature is most similar to ``signature``, if similar enough (ties: the last).

    Same result as taking ``similarity`` of every candidate, but cheaper: the word overlap is exact and
    cheap, and difflib's slow ``ratio`` runs only when its upper bound (what ``quick_ratio`` computes: the
    words both have, counting repeats) could beat the overlap and reach the best score so far, and the
    bound is not already known to be the ratio. One matcher keeps ``signature`` analysed as its second
    sequence.
    """
    sequence = signature.split()
    if len(sequence) < MIN_WORDS:
        return None
    best_id, best_score = None, SIMILARITY_THRESHOLD
    words = set(sequence)
    matcher: SequenceMatcher | None = None
    for candidate_id, candidate in candidates:
        other_sequence = candidate.split()
        other = set(other_sequence)
        shared = len(words & other)
        if not shares_enough_words(shared, len(words), len(other)):
            continue
        score = shared / len(words | other)
        common = _common_words(sequence, words, other_sequence, other, shared)
        # difflib's own formula (2.0 * M / length), so the bound and ratio compare exactly even at a tie
        bound = 2.0 * common / (len(sequence) + len(other_sequence))
        if bound > score and bound >= best_score:
            if _matches_every_shared_word(sequence, words, other_sequence, other):
                score = bound
            else:
                if matcher is None:
                    matcher = SequenceMatcher(None, autojunk=False)
                    matcher.set_seq2(sequence)
                matcher.set_seq1(other_sequence)
                score = max(score, matcher.ratio())
        if score >= best_score:
            best_id, best_score = candidate_id, score
    return best_id


def _common_words(sequence: list[str], words: set[str], other_sequence: list[str], other: set[str], shared: int) -> int:
    """Words two titles have in common counting repeats: the most difflib can match between them."""
    if len(sequence) == len(words) or len(other_sequence) == len(other):
        return shared  # one side has no repeats, so each shared word matches once
    return sum((Counter(sequence) & Counter(other_sequence)).values())


def _matches_every_shared_word(
    sequence: list[str], words: set[str], other_sequence: list[str], other: set[str]
) -> bool:
    """Whether difflib surely matches every shared word, so that its ratio is the bound.

    True when neither title repeats a word and the shared words come in the same order (most retellings):
    difflib matches the longest common run, then does the same on the parts left of it in both titles and
    on the parts right of it; with one order, every shared word left of the run in one title is left of
    it in the other too, so none is ever cut off from its partner.
    """
    if len(sequence) != len(words) or len(other_sequence) != len(other):
        return False
    return [word for word in sequence if word in other] == [word for word in other_sequence if word in words]
