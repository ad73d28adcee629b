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
_ALEF_TABLE = str.maketrans({c: araby.ALEF for c in _ALEF_FORMS})
_ALEF_SEARCH = re.compile(f"[{_ALEF_FORMS}]")

FARSI_YEH = "\u06cc"  # ی
_YEH_FORMS = araby.ALEF_MAKSURA + FARSI_YEH + "\u06d0"  # ى ی ې
_YEH_TABLE = str.maketrans({c: araby.YEH for c in _YEH_FORMS})
_YEH_SEARCH = re.compile(f"[{_YEH_FORMS}]")

_LOOKALIKE_TABLE = str.maketrans(
    {
        "\u06a9": araby.KAF,  # ک keheh
        "\u06c1": araby.HEH,  # ہ heh goal
        "\u06d5": araby.HEH,  # ە ae
        "\u06be": araby.HEH,  # ھ heh doachashmee
    }
)
_LOOKALIKE_SEARCH = re.compile(f"[\u06a9\u06c1\u06d5\u06be{FARSI_YEH}]")
# Farsi yeh at the end of a word (nothing but marks after it before a non-letter) is alef maksura.
_FINAL_FARSI_YEH = re.compile(f"{FARSI_YEH}(?=[{ARABIC_MARKS}]{{0,4}}(?![{ARABIC_LETTERS}{ARABIC_MARKS}]))")


@normalizer("alef", lossy=True)
def alef(text: str) -> str:
    """Fold hamza and madda alef forms (أ إ آ ٱ ٲ ٳ) to bare alef ا; never touches ى.

    >>> alef("أحمد إلى آخر على")
    'احمد الى اخر على'
    """
    if not _ALEF_SEARCH.search(text):
        return text
    return text.translate(_ALEF_TABLE)


@normalizer("yeh", lossy=True)
def yeh(text: str) -> str:
    """Fold alef maksura ى and Persian and Urdu yeh (ی ې) to Arabic yeh ي.

    >>> yeh("الأولى فی")
    'الأولي في'
    """
    if not _YEH_SEARCH.search(text):
        return text
    return text.translate(_YEH_TABLE)


@normalizer("lookalikes")
def lookalikes(text: str) -> str:
    """Replace Persian and Urdu look-alike letters with Arabic ones (ک→ك, ہ ە ھ→ه, ی by position).

    Persian yeh ی becomes alef maksura ى at the end of a word and yeh ي elsewhere (when the ``yeh``
    fold runs first, no ی is left).

    >>> lookalikes("کتاب فی تجرید")
    'كتاب فى تجريد'
    """
    if not _LOOKALIKE_SEARCH.search(text):
        return text
    text = text.translate(_LOOKALIKE_TABLE)
    if FARSI_YEH in text:
        text = _FINAL_FARSI_YEH.sub(araby.ALEF_MAKSURA, text).replace(FARSI_YEH, araby.YEH)
    return text
