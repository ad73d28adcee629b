"""Tatweel (kashida, U+0640), the stretching stroke of justified Arabic text."""

from __future__ import annotations

import re

from ..registry import normalizer
from .chars import ARABIC_INDIC_DIGITS, ARABIC_LETTERS, ARABIC_MARKS, PERSIAN_DIGITS, TATWEEL

# A run of tatweel attached to the letter before it, unless it joins a prefix to a number or a Latin
# word that follows (الـ7, بـ 1000, الـCIA). A tatweel standing alone between spaces is a dash: kept.
# A tatweel carrying a combining hamza or madda (وـٔ) is the hamza's seat: kept.
# The pattern starts with the tatweel itself (the letter before it is checked by a lookbehind that
# spans it), so the regex engine scans for the literal instead of trying every position.
_STRETCH = re.compile(
    f"{TATWEEL}(?<=[{ARABIC_LETTERS}{ARABIC_MARKS}]{TATWEEL}){TATWEEL}*"
    f"(?![{TATWEEL} ]{{0,3}}[0-9A-Za-z{ARABIC_INDIC_DIGITS}{PERSIAN_DIGITS}]|[{TATWEEL}\u0653-\u0655])"
)


@normalizer("tatweel")
def tatweel(text: str) -> str:
    """Remove tatweel that stretches a word, keep it where it joins a prefix to a number or Latin word.

    A tatweel standing alone is a dash and one carrying a combining hamza (وـٔ) is its seat: both stay.

    >>> tatweel("جـــديد الـ7 بـ 1000")
    'جديد الـ7 بـ 1000'
    """
    if TATWEEL not in text:
        return text
    return _STRETCH.sub("", text)
