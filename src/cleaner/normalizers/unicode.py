"""Invisible characters, odd spaces, controls and PDF presentation forms."""

from __future__ import annotations

import re
import unicodedata

from ..registry import normalizer
from .chars import is_word_char

#: Zero-width and bidi marks that can stand where a space was: removed, or a space between words.
_SEPARATING_MARKS = "\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\u061c\ufeff"
#: Joiners belong inside a word: removed without a space.
_JOINERS = "\u200c\u200d"
_INVISIBLE = re.compile(f"[{_SEPARATING_MARKS}{_JOINERS}]+")


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Controls: C0 (but tab, LF, CR), DEL, C1. Line-like controls become a newline.
    for cp in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]:
        table[cp] = None
    for cp in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029):
        table[cp] = "\n"
    # Unicode spaces become a plain space.
    for cp in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):
        table[cp] = " "
    # Arabic presentation forms A and B, one character at a time (never a global NFKC).
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]:
        folded = unicodedata.normalize("NFKC", chr(cp))
        if folded != chr(cp):
            # Isolated harakat forms (U+FE70, U+FE72 …) fold to "space + mark": keep the mark only.
            table[cp] = folded.lstrip(" ")
    # Lone surrogates cannot be written as UTF-8: a documented replacement character.
    for cp in range(0xD800, 0xE000):
        table[cp] = "\ufffd"
    return table


_TABLE = _build_table()
_NEEDS_TABLE = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE) if cp < 0xD800 or cp >= 0xE000) + "\ud800-\udfff]"
)
_COMBINING_HAMZA = re.compile("[\u0653-\u0655]")
# Letter + combining madda/hamza pairs that have a precomposed form (ا + U+0654 is أ): NFC's
# composition, applied only where it changes Arabic letters, and without reordering other marks.
_COMPOSED = {
    chr(base) + chr(mark): unicodedata.normalize("NFC", chr(base) + chr(mark))
    for base in range(0x0621, 0x06FF)
    for mark in (0x0653, 0x0654, 0x0655)
    if len(unicodedata.normalize("NFC", chr(base) + chr(mark))) == 1
}
_DECOMPOSED = re.compile("|".join(sorted(_COMPOSED)))


def _mark_replacement(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    if not match.group().strip(_JOINERS):
        return ""  # joiners alone sit inside a word
    if 0 < start and end < len(text) and is_word_char(text[start - 1]) and is_word_char(text[end]):
        return " "
    return ""


def _compose(match: re.Match[str]) -> str:
    return _COMPOSED[match.group()]


@normalizer("unicode")
def unicode(text: str) -> str:
    """Remove controls and invisible marks (a space where they split words), fold spaces and presentation forms.

    Zero-width and bidi marks between two words become a space, elsewhere they go; joiners (ZWNJ,
    ZWJ) go. NBSP and other spaces become a plain space; NUL and other controls go. Presentation
    forms become base letters one character at a time (ﻷ becomes لأ); no global NFKC, so ``م²``
    and ``½`` stay. A letter with a combining hamza or madda is composed (ا + U+0654 becomes أ).

    >>> unicode("كلمة\\u200fأخرى ﻷن\\u00a0النص")
    'كلمة أخرى لأن النص'
    """
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub(_mark_replacement, text)
    if _NEEDS_TABLE.search(text):
        text = text.translate(_TABLE)
    if _COMBINING_HAMZA.search(text):
        text = _DECOMPOSED.sub(_compose, text)
    return text
