"""Lossy spelling folds for search: teh marbuta to heh, hamza on waw and yeh to the bare letter."""

from __future__ import annotations

import re

from pyarabic import araby

from ..registry import normalizer

_HAMZA_CARRIER_TABLE = str.maketrans({araby.WAW_HAMZA: araby.WAW, araby.YEH_HAMZA: araby.YEH})
_CARRIER_HAMZA = re.compile(f"(?<=[{araby.WAW}{araby.YEH}])\u0654+")


@normalizer("teh_marbuta", lossy=True)
def teh_marbuta(text: str) -> str:
    """Fold teh marbuta ة to heh ه (مدرسة → مدرسه); nothing else changes.

    >>> teh_marbuta("المدرسة الجديدة")
    'المدرسه الجديده'
    """
    if araby.TEH_MARBUTA not in text:
        return text
    return text.replace(araby.TEH_MARBUTA, araby.HEH)


@normalizer("hamza_carriers", lossy=True)
def hamza_carriers(text: str) -> str:
    """Fold hamza on waw ؤ to و and hamza on yeh ئ to ي; bare hamza ء and alef forms stay.

    Unlike pyarabic's ``normalize_hamza("uniform")`` nothing becomes ء, so مؤتمر becomes موتمر,
    not مءتمر.

    >>> hamza_carriers("مؤتمر رئيس سماء")
    'موتمر رييس سماء'
    """
    if araby.WAW_HAMZA not in text and araby.YEH_HAMZA not in text and "\u0654" not in text:
        return text
    # Two str.replace calls: the same as translate(_HAMZA_CARRIER_TABLE), without a dict lookup per character.
    if araby.WAW_HAMZA in text:
        text = text.replace(araby.WAW_HAMZA, araby.WAW)
    if araby.YEH_HAMZA in text:
        text = text.replace(araby.YEH_HAMZA, araby.YEH)
    if "\u0654" in text:  # ؤ ئ in two characters (و/ي + combining hamza, or left after ؤ + hamza): fold too,
        text = _CARRIER_HAMZA.sub("", text)  # or the next run's `unicode` composes them again
    return text
