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
_ZWJ = "\u200d"
_EMOJI_JOIN: list = []  # the compiled pattern of an emoji ZWJ sequence's joint, built on first use


def _joins_emoji(text: str, start: int) -> bool:
    """Whether the ZWJ at ``text[start]`` joins two emoji (👨‍👩‍👧, 🏳️‍🌈, 🧑🏽‍💻): it is part of that emoji.

    Before it an emoji, a skin-tone modifier, VS16 or the last tag of a flag; after it an emoji
    (Unicode's Extended_Pictographic, as the ``regex`` module knows it, imported only here).
    """
    if start == 0 or start + 1 >= len(text) or text[start - 1].isascii():
        return False
    if not _EMOJI_JOIN:
        import regex

        before = r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f\U000e0020-\U000e007f]"
        _EMOJI_JOIN.append(regex.compile(before + r"\u200d\p{Extended_Pictographic}"))
    return _EMOJI_JOIN[0].match(text, start - 1) is not None


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
#: One character of the table, as a replacement string ("" for a removed one).
_SINGLE = {chr(cp): value or "" for cp, value in _TABLE.items()}


def _ranges(codepoints: list[int]) -> str:
    """A regex class body for sorted code points, consecutive ones as ranges (short, quick to compile)."""
    parts = []
    i = 0
    while i < len(codepoints):
        j = i
        while j + 1 < len(codepoints) and codepoints[j + 1] == codepoints[j] + 1:
            j += 1
        first, last = re.escape(chr(codepoints[i])), re.escape(chr(codepoints[j]))
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "".join(parts)


_TABLE_CLASS = _ranges(sorted(_TABLE))
#: The combining madda and hamza marks that :data:`_COMPOSED` joins to the letter before them.
_COMBINING = "\u0653-\u0655"
# Every character this step may change or compose, found in one scan. The pattern opens with a plain
# class (not ``[...]+``), so the regex engine skips ahead with the class instead of trying every position.
_ANY = f"{_SEPARATING_MARKS}{_JOINERS}{_TABLE_CLASS}{_COMBINING}"
_SPECIAL = re.compile(f"[{_ANY}][{_ANY}]*")
# In ASCII text only the controls can change, and a small class scans faster than the big one.
_ASCII_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_SPECIAL_ASCII = re.compile(f"[{_ASCII_CONTROLS}][{_ASCII_CONTROLS}]*")
_COMBINING_HAMZA = re.compile(f"[{_COMBINING}]")
_COMBINING_MARKS = frozenset("\u0653\u0654\u0655")
# Letter + combining madda/hamza pairs that have a precomposed form (ا + U+0654 is أ): NFC's
# composition, applied only where it changes Arabic letters, and without reordering other marks.
_COMPOSED = {
    chr(base) + chr(mark): unicodedata.normalize("NFC", chr(base) + chr(mark))
    for base in range(0x0621, 0x06FF)
    for mark in (0x0653, 0x0654, 0x0655)
    if len(unicodedata.normalize("NFC", chr(base) + chr(mark))) == 1
}


def _fix_run(text: str, start: int, end: int) -> str:
    """The replacement of ``text[start:end]``, a run of invisible marks and table characters.

    A stretch of invisible marks becomes a space when it stands between two word characters of the
    original text (and is not joiners alone), else nothing; table characters are translated.
    """
    run = text[start:end]
    parts = []
    i = 0
    for match in _INVISIBLE.finditer(run):
        a, b = match.span()
        if a > i:
            parts.append(run[i:a].translate(_TABLE))
        if (
            match.group().strip(_JOINERS)  # joiners alone sit inside a word
            and start + a > 0
            and start + b < len(text)
            and is_word_char(text[start + a - 1])
            and is_word_char(text[start + b])
        ):
            parts.append(" ")
        i = b
    parts.append(run[i:].translate(_TABLE))
    return "".join(parts)


def _compose(text: str) -> str:
    """Compose every letter + combining hamza/madda pair of :data:`_COMPOSED`, left to right.

    A mark is never the first half of a pair, so pairs cannot overlap.
    """
    out: list[str] = []
    last = 0
    for match in _COMBINING_HAMZA.finditer(text, 1):
        i = match.start()
        composed = _COMPOSED.get(text[i - 1 : i + 1])
        if composed is not None:
            out.append(text[last : i - 1])
            out.append(composed)
            last = i + 1
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


@normalizer("unicode")
def unicode(text: str) -> str:
    """Remove controls and invisible marks (a space where they split words), fold spaces and presentation forms.

    Zero-width and bidi marks between two words become a space, elsewhere they go; joiners (ZWNJ,
    ZWJ) go, but a lone ZWJ between two emoji stays (it makes them one emoji: 👨‍👩‍👧). NBSP and
    other spaces become a plain space; NUL and other controls go. Presentation forms become base
    letters one character at a time (ﻷ becomes لأ); no global NFKC, so ``م²`` and ``½`` stay. A letter with a combining hamza or madda is composed (ا + U+0654 becomes أ).

    >>> unicode("كلمة\\u200fأخرى ﻷن\\u00a0النص")
    'كلمة أخرى لأن النص'
    """
    # One scan, and a Python step per run found (news text has a few per article: NBSP, RLM). The
    # character before a run is not special, so it is the one a combining mark may compose with.
    out: list[str] = []
    last = 0
    for match in (_SPECIAL_ASCII if text.isascii() else _SPECIAL).finditer(text):
        start, end = match.span()
        run = match.group()
        if end - start == 1:  # the usual case: one character, decided without building a run
            replacement = _SINGLE.get(run)
            if replacement is None:
                if run in _COMBINING_MARKS:
                    composed = _COMPOSED.get(text[start - 1 : end]) if start else None
                    if composed is None:
                        continue
                    start, replacement = start - 1, composed
                elif run in _JOINERS:
                    replacement = run if run == _ZWJ and _joins_emoji(text, start) else ""
                else:  # a separating mark: a space between two word characters
                    between = 0 < start and end < len(text) and is_word_char(text[start - 1]) and is_word_char(text[end])
                    replacement = " " if between else ""
        else:
            replacement = _fix_run(text, start, end)
            if _COMBINING_HAMZA.search(replacement):
                before = text[start - 1] if start else ""
                composed = _compose(before + replacement)
                if before and composed[0] != before:  # the letter before the run took the mark
                    start -= 1
                    replacement = composed
                else:
                    replacement = composed[len(before) :]
        if replacement != run:
            out.append(text[last:start])
            out.append(replacement)
            last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)
