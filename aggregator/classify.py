"""Classification: ASEAN relevance, pillar, topics and member countries from weighted keyword rules.

Pure: rules come in as data (:class:`Rule`), text comes in as a string. Matching is case-insensitive on
NFC text. A term with Vietnamese marks matches only that spelling; an ASCII term matches the folded text
too (so "viet nam" finds "Việt Nam" and "Viet Nam"). At each place the longest term wins, so a
zero-weight rule such as "Lào Cai" keeps "Lào" from counting inside a province name. A term found in the
title counts twice. A zero-weight rule with a target points at the target without adding relevance.

Every word of every item passes here, so the text is folded in C (``cms.text.OneByteFolder``), one
character to one ASCII character so that offsets in the exact and the folded text are the same. A
character with no one-letter ASCII form becomes a stand-in of its kind: "X" for a letter or digit, a
space for white space, NUL for anything else. No pattern can match a stand-in where it could not match
the character: terms are lower case, their words hold no white space, and a rule set with a NUL in a
term (SQLite could store one) takes the slower way below. Folding then keeps every word boundary, so the
words of the folded text rule out the terms that cannot occur, those with marks included (where "lào"
occurs, the folded text has the word "lao"), before any pattern runs. A text holding a character whose
one-letter form is of another kind (the modifier letter apostrophe folds to "'", a letter to
punctuation) is read the slower way: folded with such characters kept, and a word set for each form.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from cms.text import OneByteFolder, character_kind, fold

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


class _KindChanges(Exception):
    """A character folds to one character of another kind: word boundaries would move."""


_STAND_INS = {"word": "X", "space": " ", "other": "\x00"}


@lru_cache(maxsize=4096)
def _one_byte_form(char: str) -> str:
    ascii_form = anyascii(char).lower()
    if len(ascii_form) != 1:
        return _STAND_INS[character_kind(char)]
    if character_kind(ascii_form) != character_kind(char):
        raise _KindChanges(char)
    return ascii_form


def _fold_rare(error: UnicodeEncodeError) -> tuple[bytes, int]:
    run = error.object[error.start : error.end]
    return "".join(map(_one_byte_form, run)).encode("ascii"), error.end


codecs.register_error("aggregator.classify.one_byte", _fold_rare)
_fold_with_stand_ins = OneByteFolder("aggregator.classify.one_byte")
# str.translate is quick on ASCII text: every ASCII character that is not a word character becomes a space.
_WORDS_APART = {code: " " for code in range(128) if character_kind(chr(code)) != "word"}


@dataclass(frozen=True)
class _Term:
    text: str  # prepared (NFC, lower-case, single spaces); folded when ``folded``
    folded: bool  # an ASCII term: matched in the folded text
    tokens: frozenset[str]  # its words, all of which a text must contain for the term to occur
    folded_tokens: frozenset[str]  # the same, folded with stand-ins (empty: the term is always tried)
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
            try:
                folded_tokens = frozenset(_TOKEN.findall(_fold_with_stand_ins(text)))
            except _KindChanges:
                folded_tokens = frozenset()
            pattern = _whole_words(text.split())
            tokens = frozenset(_TOKEN.findall(text))
            self.terms.append(_Term(text, folded, tokens, folded_tokens, pattern, tuple(by_term[term])))
        # A NUL in a term (SQLite stores one) could match a stand-in: such rule sets take the slower way.
        self._stand_ins_are_safe = not any("\x00" in term.text for term in self.terms)
        # Each term filed under its longest folded word (the rarest, likely): a text's words find the few
        # terms worth a look without testing every term. Terms without such words are always tried.
        self._by_word: dict[str, list[int]] = defaultdict(list)
        self._always: list[int] = []
        for index, term in enumerate(self.terms):
            if term.folded_tokens:
                self._by_word[max(sorted(term.folded_tokens), key=len)].append(index)
            else:
                self._always.append(index)
        self._filed_words = frozenset(self._by_word)
        # Every folded word of every term: a text's words are kept only if they are among these (a set of
        # the few a text shares with the terms, not of its hundreds of words).
        self._term_words = frozenset().union(*(term.folded_tokens for term in self.terms))

    def occurrences(self, text: str) -> dict[Rule, int]:
        exact = _prepare(text)
        candidates, folded = self._candidates(exact)
        taken: list[tuple[int, int]] = []  # shared: a span used by a longer term is not counted again
        found: dict[Rule, int] = {}
        for term in candidates:
            count = _count(term.pattern, folded if term.folded else exact, taken)
            if count:
                for rule in term.rules:
                    found[rule] = count
        return found

    def _candidates(self, exact: str) -> tuple[list[_Term], str]:
        """The terms whose words all occur in ``exact``, longest first, and the folded text."""
        if self._stand_ins_are_safe:
            try:
                folded = exact if exact.isascii() else _fold_with_stand_ins(exact)
            except _KindChanges:
                pass
            else:
                words = self._term_words.intersection(folded.translate(_WORDS_APART).split())
                indexes = set(self._always)
                for word in words & self._filed_words:
                    indexes.update(self._by_word[word])
                terms = (self.terms[index] for index in sorted(indexes))  # longest first, as listed
                return [term for term in terms if term.folded_tokens <= words], folded
        folded = _fold_aligned(exact)
        exact_words, folded_words = set(_TOKEN.findall(exact)), set(_TOKEN.findall(folded))
        return [term for term in self.terms if term.tokens <= (folded_words if term.folded else exact_words)], folded


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
        for t_start, t_end in taken:
            if start < t_end and t_start < end:
                break
        else:
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
    for rule in set(in_title) | set(in_body):
        factor = TITLE_FACTOR if rule in in_title else 1.0
        score += rule.weight * factor
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
    )
