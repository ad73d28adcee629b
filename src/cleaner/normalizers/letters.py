"""Letter folds: alef and yeh spellings (lossy) and look-alike letters from other keyboards."""

from __future__ import annotations

import re

from pyarabic import araby

from ..registry import normalizer
from .chars import ARABIC_LETTERS, ARABIC_MARKS

_ALEF_FORMS = (
    araby.ALEF_HAMZA_ABOVE  # أ
    + araby.ALEF_HAMZA_BELOW  # إ
    + araby.ALEF_MADDA  # آ
    + araby.ALEF_WASLA  # ٱ
    + "\u0672\u0673"  # ٲ ٳ (wavy hamza above, below)
)

FARSI_YEH = "\u06cc"  # ی
_YEH_FORMS = araby.ALEF_MAKSURA + FARSI_YEH + "\u06d0"  # ى ی ې

_LOOKALIKES = {
    "\u06a9": araby.KAF,  # ک keheh
    "\u06c1": araby.HEH,  # ہ heh goal
    "\u06d5": araby.HEH,  # ە ae
    "\u06be": araby.HEH,  # ھ heh doachashmee
}
_LOOKALIKE = re.compile(f"[{''.join(_LOOKALIKES)}{FARSI_YEH}]")
_FARSI_YEH = re.compile(FARSI_YEH)
# Farsi yeh at the end of a word (nothing but marks after it before a non-letter) is alef maksura.
# Checked on the text before the other look-alikes are replaced: they are letters before and after.
_WORD_END = re.compile(f"[{ARABIC_MARKS}]{{0,4}}(?![{ARABIC_LETTERS}{ARABIC_MARKS}])")


# A fold can leave a letter + combining hamza or madda that the ``unicode`` step composes on the next
# run (ی + U+0654 → ي + U+0654 → ئ): the folds finish that composition themselves, so they stay idempotent.
# Runs of the (rare) marks are found first and the letter before each is checked, rather than
# trying a match at every alef (the most frequent letter).
_COMBINING_RUN = re.compile("[\u0653-\u0655][\u0653-\u0655]*")
_YEH_HAMZA = araby.YEH + "\u0654"


def _finish_alef(text: str) -> str:
    """ا + combining madda or hamza is an alef form too (آ, أ, إ written in two characters): bare ا."""
    if "\u0653" not in text and "\u0654" not in text and "\u0655" not in text:
        return text
    out: list[str] = []
    last = 0
    for match in _COMBINING_RUN.finditer(text, 1):
        start = match.start()
        if text[start - 1] == araby.ALEF:
            out.append(text[last:start])
            last = match.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _finish_yeh(text: str) -> str:
    """ي + combining hamza above, left by a fold, is ئ (what NFC and the ``unicode`` step make of it)."""
    # The lone mark first: a one-character search is a memchr-like scan, ten times cheaper than
    # looking for the two-character pair (whose first letter, ي, is everywhere).
    if "\u0654" not in text or _YEH_HAMZA not in text:
        return text
    return text.replace(_YEH_HAMZA, araby.YEH_HAMZA)


def _replace_each(text: str, forms: str, target: str) -> str:
    """Replace every character of ``forms`` with ``target``; the text itself when none occurs.

    An ``in`` check and one ``str.replace`` per form that occurs: C loops over the text, many times
    faster than ``str.translate``, which looks every character up in a dict.
    """
    for form in forms:
        if form in text:
            text = text.replace(form, target)
    return text


@normalizer("alef", lossy=True)
def alef(text: str) -> str:
    """Fold hamza and madda alef forms (أ إ آ ٱ ٲ ٳ) to bare alef ا; never touches ى.

    >>> alef("أحمد إلى آخر على")
    'احمد الى اخر على'
    """
    return _finish_alef(_replace_each(text, _ALEF_FORMS, araby.ALEF))


@normalizer("yeh", lossy=True)
def yeh(text: str) -> str:
    """Fold alef maksura ى and Persian and Urdu yeh (ی ې) to Arabic yeh ي.

    >>> yeh("الأولى فی")
    'الأولي في'
    """
    return _finish_yeh(_replace_each(text, _YEH_FORMS, araby.YEH))


@normalizer("lookalikes")
def lookalikes(text: str) -> str:
    """Replace Persian and Urdu look-alike letters with Arabic ones (ک→ك, ہ ە ھ→ه, ی by position).

    Persian yeh ی becomes alef maksura ى at the end of a word and yeh ي elsewhere (when the ``yeh``
    fold runs first, no ی is left).

    >>> lookalikes("کتاب فی تجرید")
    'كتاب فى تجريد'
    """
    present = [form for form in _LOOKALIKES if form in text]
    had_farsi_yeh = FARSI_YEH in text
    if not present and not had_farsi_yeh:
        return text
    # The fixed folds are C-level replaces; only ی (decided by what follows it) needs a Python call.
    # Its decision looks at letters and marks after it, and the other look-alikes are letters before
    # and after their fold: the order does not matter.
    for form in present:
        text = text.replace(form, _LOOKALIKES[form])
    if had_farsi_yeh:
        text = _finish_yeh(_FARSI_YEH.sub(_replace_lookalike, text))
    return text


def _replace_lookalike(match: re.Match[str]) -> str:
    char = match.group()
    if char != FARSI_YEH:
        return _LOOKALIKES[char]
    return araby.ALEF_MAKSURA if _WORD_END.match(match.string, match.end()) else araby.YEH
