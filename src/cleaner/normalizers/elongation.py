"""Elongation: a letter typed three or more times in a row for emphasis (جمييييل)."""

from __future__ import annotations

import functools
import operator
import re

from ..registry import normalizer
from .chars import ARABIC_LETTERS


_LETTER = operator.itemgetter(1)  # a match's letter, as ``\1`` would give it, without a Python call per match


@functools.lru_cache(maxsize=16)
def _run(keep_triple: str) -> re.Pattern[str]:
    """An Arabic letter repeated three or more times, except exactly three of a ``keep_triple`` letter.

    ``(.)\\1`` first: two equal characters in a row are rare, so the engine fails fast at nearly every
    position, and only then checks (by a lookbehind) that the character is an Arabic letter: digits,
    Latin letters, punctuation and symbols never match, so 2000, www, ... and !!! stay. A run of
    exactly three ``keep_triple`` letters does not match at all (it is kept). The match starts where
    its run starts (a match takes its whole run) and ``\\1+`` takes the rest of it: the matches are
    those of ``([letters])\\1\\1+`` less the kept triples, and no match means no copy.
    """
    keep = "".join(re.escape(c) for c in sorted(set(keep_triple)))
    kept = f"(?!(?<=[{keep}])\\1(?!\\1))" if keep else ""
    return re.compile(f"(?s)(.)\\1(?<=[{ARABIC_LETTERS}]){kept}\\1+")


@normalizer("elongation", lossy=True)
def elongation(text: str, *, keep_triple: str = "ت") -> str:
    """Reduce an Arabic letter repeated three or more times to one (جمييييل → جميل); 2000, www, ... stay.

    A run of exactly three of the letters in ``keep_triple`` is kept, because real words have one
    (وتتتابع, تشتتت); four or more are reduced. Only Arabic letters are touched: digits, Latin,
    punctuation and emoji never are.

    >>> elongation("جمييييل جداااا وتتتابع سنة 2000 www.site.com ...")
    'جميل جدا وتتتابع سنة 2000 www.site.com ...'
    """
    return _run(keep_triple).sub(_LETTER, text)
