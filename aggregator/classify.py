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


def _is_ascii(term: str) -> bool:
    return term.isascii()


def _find(term: str, text: str, taken: list[tuple[int, int]]) -> int:
    """How many times ``term`` occurs as whole words in ``text`` outside spans already ``taken``."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in term.split()) + r"(?!\w)")
    count = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        count += 1
    return count


def _fold_aligned(text: str) -> str:
    """``text`` folded character by character, so offsets in both strings are the same."""
    out = []
    for char in text:
        ascii_form = anyascii(char)
        out.append(ascii_form.lower() if len(ascii_form) == 1 else char)
    return "".join(out)


def _occurrences(rules: list[Rule], text: str) -> dict[Rule, int]:
    exact = _prepare(text)
    folded = _fold_aligned(exact)
    taken: list[tuple[int, int]] = []  # shared: a span used by a longer term is not counted again
    by_term: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        term = " ".join(_prepare(rule.term).split())
        if term:
            by_term[term].append(rule)
    found: dict[Rule, int] = {}
    for term in sorted(by_term, key=len, reverse=True):
        count = _find(fold(term), folded, taken) if _is_ascii(term) else _find(term, exact, taken)
        if count:
            for rule in by_term[term]:
                found[rule] = count
    return found


def classify(title: str, body: str, rules: list[Rule]) -> Classification:
    in_title = _occurrences(rules, title)
    in_body = _occurrences(rules, body)
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
