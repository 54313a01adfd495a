"""Classification: ASEAN relevance, pillar, topics and member countries from weighted keyword rules.

Pure: rules come in as data (:class:`Rule`), text comes in as a string. Matching is case-insensitive on
NFC text. A term with Vietnamese marks matches only that spelling; an ASCII term matches the folded text
too (so "viet nam" finds "Việt Nam" and "Viet Nam"). At each place the longest term wins, so a
zero-weight rule such as "Lào Cai" keeps "Lào" from counting inside a province name. A term found in the
title counts twice. A zero-weight rule with a target points at the target without adding relevance.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from anyascii import anyascii

from cms.text import fold

TITLE_FACTOR = 2.0


@dataclass(frozen=True)
class Rule:
    term: str
    weight: float
    target: str = "none"  # none | pillar | topic | country
    slug: str = ""


@dataclass(frozen=True)
class Classification:
    score: float
    pillar: str | None
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    matched: tuple[str, ...] = field(default=(), compare=False)


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").lower()


class _FoldTable(dict):
    """``str.translate`` table folding one character to one ASCII letter (offsets stay aligned).

    Filled on first sight of each character: anyascii per character is the costly part of folding.
    Characters without a one-letter ASCII form stay as they are.
    """

    def __missing__(self, code: int) -> str:
        ascii_form = anyascii(chr(code))
        self[code] = value = ascii_form.lower() if len(ascii_form) == 1 else chr(code)
        return value


_FOLD_TABLE = _FoldTable()
_TOKEN = re.compile(r"\w+")


def _fold_aligned(text: str) -> str:
    """``text`` folded character by character, so offsets in both strings are the same."""
    return text.translate(_FOLD_TABLE)


@dataclass(frozen=True)
class _Term:
    text: str  # prepared (NFC, lower-case, single spaces); folded when ``folded``
    folded: bool  # an ASCII term: matched in the folded text
    tokens: frozenset[str]  # its words, all of which a text must contain for the term to occur
    pattern: re.Pattern
    rules: tuple[Rule, ...]


class RuleSet:
    """Rules compiled once (per pass): a pattern per distinct term, longest first.

    Scanning every pattern over every text is what made classification slow; a text's word set rules out
    the terms whose words it does not contain before any pattern runs.
    """

    def __init__(self, rules: Iterable[Rule]):
        by_term: dict[str, list[Rule]] = defaultdict(list)
        for rule in rules:
            term = " ".join(_prepare(rule.term).split())
            if term:
                by_term[term].append(rule)
        self.terms: list[_Term] = []
        for term in sorted(by_term, key=len, reverse=True):
            folded = term.isascii()
            text = fold(term) if folded else term
            pattern = _whole_words(text.split())
            self.terms.append(_Term(text, folded, frozenset(_TOKEN.findall(text)), pattern, tuple(by_term[term])))

    def occurrences(self, text: str) -> dict[Rule, int]:
        exact = _prepare(text)
        folded = _fold_aligned(exact)
        exact_words, folded_words = set(_TOKEN.findall(exact)), set(_TOKEN.findall(folded))
        taken: list[tuple[int, int]] = []  # shared: a span used by a longer term is not counted again
        found: dict[Rule, int] = {}
        for term in self.terms:
            if not term.tokens <= (folded_words if term.folded else exact_words):
                continue
            count = _count(term.pattern, folded if term.folded else exact, taken)
            if count:
                for rule in term.rules:
                    found[rule] = count
        return found


def _whole_words(words: list[str]) -> re.Pattern:
    """``words`` separated by white space, not inside longer words.

    The start is checked by a look-behind *after* the first word, so the pattern begins with a literal
    and the regex engine skips ahead with a fast substring search instead of trying every position.
    """
    first = re.escape(words[0])
    rest = "".join(r"\s+" + re.escape(word) for word in words[1:])
    return re.compile(rf"{first}(?<!\w{first}){rest}(?!\w)")


def _count(pattern: re.Pattern, text: str, taken: list[tuple[int, int]]) -> int:
    """How many times ``pattern`` occurs in ``text`` outside spans already ``taken`` (which it extends)."""
    count = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        count += 1
    return count


def classify(title: str, body: str, rules: RuleSet | Iterable[Rule]) -> Classification:
    """Score and labels of one item; pass a :class:`RuleSet` when classifying many."""
    rule_set = rules if isinstance(rules, RuleSet) else RuleSet(rules)
    in_title = rule_set.occurrences(title)
    in_body = rule_set.occurrences(body)
    score = 0.0
    pillars: dict[str, float] = defaultdict(float)
    topics: dict[str, float] = defaultdict(float)
    countries: dict[str, float] = defaultdict(float)
    matched = []
    for rule in set(in_title) | set(in_body):
        factor = TITLE_FACTOR if rule in in_title else 1.0
        score += rule.weight * factor
        matched.append(rule.term)
        # A rule of weight 0 with a target still points at it (strength 1) without adding relevance.
        strength = (rule.weight if rule.weight else 1.0) * factor
        if rule.target == "pillar":
            pillars[rule.slug] += strength
        elif rule.target == "topic":
            topics[rule.slug] += strength
        elif rule.target == "country":
            countries[rule.slug] += strength
    pillar = max(sorted(pillars), key=lambda slug: pillars[slug]) if pillars else None
    return Classification(
        score=round(score, 3),
        pillar=pillar if pillar and pillars[pillar] > 0 else None,
        topics=tuple(sorted(slug for slug, weight in topics.items() if weight > 0)),
        countries=tuple(sorted(slug for slug, weight in countries.items() if weight > 0)),
        matched=tuple(sorted(matched)),
    )
