"""Folding (cms.text), checked against its definition on every character Unicode has."""

import sys

import pytest
from anyascii import anyascii

from cms.text import COMMON_CHARACTERS, fold, search_document, search_terms, single_spaced


def folded_by_definition(text: str) -> str:
    return " ".join(anyascii(text).split()).lower()


def test_fold_examples():
    assert fold("  Việt  Nam \u2013 ĐÀ NẴNG\n") == "viet nam - da nang"
    assert fold("VIỆT NAM") == fold("viet nam") == fold("Viet\u00a0Nam") == "viet nam"
    assert fold("Ω ß æ 東京") == "o ss ae dongjing"
    assert fold("") == fold(None) == ""
    assert search_document("Hội nghị ASEAN-Úc") == " hoi nghi asean uc"
    assert search_terms("Đà Nẵng, Lào x") == ["da", "nang", "lao"]


def test_fold_follows_its_definition_for_every_character():
    # In blocks, with a capital sigma before each (its lower case depends on what follows) and the ohm
    # sign on its own (its lower case folds differently, so a text holding it is folded another way).
    for start in range(0, sys.maxunicode + 1, 1024):
        block = "".join("Σ" + chr(code) for code in range(start, start + 1024) if not 0xD800 <= code <= 0xDFFF)
        block = block.replace("\u2126", "")
        assert fold(block) == folded_by_definition(block), hex(start)
    assert fold("\u2126 A\u2126") == folded_by_definition("\u2126 A\u2126") == "ohm aohm"


def test_common_characters_each_fold_to_one_letter_of_their_kind():
    assert len(COMMON_CHARACTERS) <= 128 and "đ" in COMMON_CHARACTERS and "ự" in COMMON_CHARACTERS
    for char in COMMON_CHARACTERS:
        assert len(anyascii(char)) == 1 and fold(f"a{char}b") == folded_by_definition(f"a{char}b")


@pytest.mark.parametrize("text", ["", " ", "a b", " a  b ", "a\tb\nc", "a\u00a0b", "a\u2003 b", "\u200b a", "x\u3000"])
def test_single_spaced(text):
    assert single_spaced(text) == " ".join(text.split())
