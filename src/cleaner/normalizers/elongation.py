"""Elongation: a letter typed three or more times in a row for emphasis (جمييييل)."""

from __future__ import annotations

import re

from ..registry import normalizer
from .chars import ARABIC_LETTERS

# An Arabic letter repeated: the letter, then two or more copies. Digits, Latin letters, punctuation
# and symbols are outside the class, so 2000, www, ... and !!! never match.
# (``\1\1+`` is ``\1{2,}``, but the engine runs it nearly twice as fast.)
_RUN = re.compile(f"([{ARABIC_LETTERS}])\\1\\1+")
# Any character three times in a row: a cheaper scan than _RUN (no class test per character). Every
# run of three or more of one character holds a match of it, so when none of its matches is an
# Arabic letter, _RUN has nothing to do (the fast path).
_TRIPLE = re.compile(r"(.)\1\1")
_LETTER = re.compile(f"[{ARABIC_LETTERS}]")


@normalizer("elongation", lossy=True)
def elongation(text: str, *, keep_triple: str = "ت") -> str:
    """Reduce an Arabic letter repeated three or more times to one (جمييييل → جميل); 2000, www, ... stay.

    A run of exactly three of the letters in ``keep_triple`` is kept, because real words have one
    (وتتتابع, تشتتت); four or more are reduced. Only Arabic letters are touched: digits, Latin,
    punctuation and emoji never are.

    >>> elongation("جمييييل جداااا وتتتابع سنة 2000 www.site.com ...")
    'جميل جدا وتتتابع سنة 2000 www.site.com ...'
    """
    for seen, m in enumerate(_TRIPLE.finditer(text)):
        if seen >= 64 or _LETTER.match(m.group(1)):
            break  # a candidate (or many runs of other characters: let _RUN decide)
    else:
        return text

    def shorten(m: re.Match[str]) -> str:
        run = m.group()
        return run if len(run) == 3 and run[0] in keep_triple else run[0]

    return _RUN.sub(shorten, text)
