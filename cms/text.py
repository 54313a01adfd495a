"""Text helpers shared by search, feeds and the aggregator.

Folding runs on every item the aggregator reads and on every page search indexes, so the characters
Vietnamese text is made of are folded in C: a charmap codec (the machinery behind single-byte encodings
such as cp1258) gives each of them a byte of its own and ``bytes.translate`` turns that byte into the
character's ASCII letter. Any other character goes to a codec error handler, which calls anyascii.
"""

import codecs
import unicodedata

from anyascii import anyascii


def single_spaced(text: str) -> str:
    """``" ".join(text.split())``: white space runs become one space, none at the ends.

    Splitting a long text makes an object per word; most texts need no more than a strip. Printable text
    has no white space but the plain space (tabs, newlines and no-break spaces are not printable).
    """
    if text.isprintable() and "  " not in text:
        return text.strip()
    return " ".join(text.split())


def _vietnamese_letters() -> str:
    """The lower-case letters of Vietnamese: 12 vowels with no tone or one of 5 tone marks, and đ."""
    vowels = ("a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y")
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    return "đ" + "".join(unicodedata.normalize("NFC", vowel + tone) for vowel in vowels for tone in tones)


def character_kind(char: str) -> str:
    """What a regular expression sees in ``char``: a word character, white space, or something else."""
    if char.isalnum() or char == "_":
        return "word"
    return "space" if char.isspace() else "other"


def one_letter_form(char: str) -> str | None:
    """The lower-case ASCII character ``char`` folds to, when it is one character of the same kind; else None.

    Folding such a character keeps offsets and word boundaries where they were.
    """
    ascii_form = anyascii(char).lower()
    return ascii_form if len(ascii_form) == 1 and character_kind(ascii_form) == character_kind(char) else None


_OTHER_LETTERS = "äåçëîïñöøûüÿ"
# Dashes, quotation marks, bullet, middle dot, prime; no-break, thin and narrow no-break spaces.
_PUNCTUATION = "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u00b7\u2032\u00a0\u2009\u202f"
# Lower-case characters common in our text that fold to one ASCII character of the same kind: at most 128,
# the bytes a charmap codec has beside ASCII.
COMMON_CHARACTERS = "".join(
    char
    for char in dict.fromkeys(_vietnamese_letters() + _OTHER_LETTERS + _PUNCTUATION)
    if not char.isascii() and one_letter_form(char)
)


class OneByteFolder:
    """Folds a string one character to one ASCII character, in C for :data:`COMMON_CHARACTERS`.

    ``errors`` names a codec error handler (``codecs.register_error``) that is given the runs of other
    characters and returns their ASCII bytes.
    """

    def __init__(self, errors: str):
        self.errors = errors
        self.encoding_map = codecs.charmap_build("".join(map(chr, range(128))) + COMMON_CHARACTERS)
        letters = "".join(one_letter_form(char) for char in COMMON_CHARACTERS).encode("ascii")
        self.to_ascii = (bytes(range(128)) + letters).ljust(256, b"\0")  # bytes.translate wants 256 entries

    def __call__(self, text: str) -> str:
        encoded, _length = codecs.charmap_encode(text, self.errors, self.encoding_map)
        return encoded.translate(self.to_ascii).decode("ascii")


def _transliterate(error: UnicodeEncodeError) -> tuple[bytes, int]:
    return anyascii(error.object[error.start : error.end]).lower().encode("ascii"), error.end


codecs.register_error("cms.text.anyascii", _transliterate)
_fold_lower = OneByteFolder("cms.text.anyascii")
_OHM = "\u2126"  # the one character whose lower case ("ω") has another ASCII form ("o", not "ohm")


def _ascii_lower(text: str) -> str:
    """``anyascii(text).lower()``, as anyascii of the lower-case text: the same but for the ohm sign."""
    if text.isascii():
        return text.lower()
    if _OHM in text:
        return anyascii(text).lower()
    return _fold_lower(text.lower())


def fold(text: str) -> str:
    """Lower-case ASCII form of ``text`` for diacritic-insensitive matching.

    "Việt Nam", "viet nam" and "VIET NAM" fold to the same string and "đ" folds to "d", which neither
    SQLite's FTS5 tokenizer nor PostgreSQL's ``simple`` configuration does on its own.
    """
    return single_spaced(_ascii_lower(text or ""))


# Every byte that is not [a-z0-9] becomes a space: splitting on white space then gives the words.
_WORD_BYTES = bytes(byte if chr(byte) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32 for byte in range(256))


def folded_words(text: str) -> list[str]:
    """The runs of ``[a-z0-9]`` in ``fold(text)``, in order: the words search matches."""
    return _ascii_lower(text or "").encode("ascii").translate(_WORD_BYTES).decode("ascii").split()


def search_document(text: str) -> str:
    """Folded words of ``text``, each preceded by a space, so that `` term`` matches at word starts only."""
    return "".join(f" {word}" for word in folded_words(text))


def search_terms(query: str, limit: int = 8) -> list[str]:
    """Folded words of a visitor's query, at most ``limit`` of them, each at least 2 characters."""
    return [word for word in folded_words(query) if len(word) >= 2][:limit]
