"""Digits: Arabic-Indic (٠–٩) and Persian (۰–۹) digits to ASCII, or ASCII digits to Arabic-Indic."""

from __future__ import annotations

import re

from ..registry import normalizer

_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
_ASCII = "0123456789"
_ANY_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"

_TO_ASCII = str.maketrans(_ARABIC_INDIC + _PERSIAN, _ASCII * 2)
# A run of Arabic-Indic and Persian digits and the Arabic separators ٪ ٫ ٬ (U+0660–U+066C,
# U+06F0–U+06F9), found by one scan and converted by one call per run. The scan opens with the one
# range U+0660–U+06F9 (the engine's fast class test), and the lookbehind then drops its other
# characters (Persian and Urdu letters, Quranic marks) before the run is taken.
_NON_ASCII = "\u0660-\u066c\u06f0-\u06f9"
_NON_ASCII_RUN = re.compile(f"[\u0660-\u06f9](?<=[{_NON_ASCII}])[{_NON_ASCII}]*")
_DIGIT_SET = frozenset("0123456789" + _ARABIC_INDIC + _PERSIAN)
_SEPARATORS = {"\u066b": ".", "\u066c": ",", "\u066a": "%"}
# Where the runs are dense (64 in the 64K characters from the first), a Python call per run costs
# more than a pass per separator and a ``replace`` per digit: Arabic decimal separator ٫ and
# thousands separator ٬ between two digits; percent sign ٪ after one. (The separator comes first
# and the digit before it is checked by a lookbehind over both, so the engine searches for the
# separator itself instead of trying every position.)
_DENSE = 64
_DECIMAL = re.compile(f"\u066b(?<=[{_ANY_DIGIT}]\u066b)(?=[{_ANY_DIGIT}])")
_THOUSANDS = re.compile(f"\u066c(?<=[{_ANY_DIGIT}]\u066c)(?=[{_ANY_DIGIT}])")
_PERCENT = re.compile(f"\u066a(?<=[{_ANY_DIGIT}]\u066a)")
_ASCII_PAIRS = tuple(zip(_ARABIC_INDIC + _PERSIAN, _ASCII * 2))


def _ascii_run(match: re.Match[str]) -> str:
    """A run in ASCII: its digits, the decimal separator ٫ and the thousands separator ٬ between two
    digits, and ٪ right after one (a digit next to the run is an ASCII one: the run is maximal)."""
    run = match.group()
    if run.isdecimal():  # digits only (٪ ٫ ٬ are not decimal)
        return run.translate(_TO_ASCII)
    text, start, end = match.string, match.start(), match.end()
    out = []
    for k, char in enumerate(run):
        ascii_char = _SEPARATORS.get(char)
        if ascii_char is not None:
            before = run[k - 1] if k else (text[start - 1] if start else "")
            after = run[k + 1] if k + 1 < len(run) else (text[end] if end < len(text) else "")
            if before in _DIGIT_SET and (char == "\u066a" or after in _DIGIT_SET):
                char = ascii_char
        out.append(char)
    return "".join(out).translate(_TO_ASCII)


_TO_ARABIC = str.maketrans(_ASCII + _PERSIAN, _ARABIC_INDIC * 2)
_NEEDS_ARABIC = re.compile("[0-9\u06f0-\u06f9]")
# A number written with ASCII or Persian digits: digits with single inner separators . , : / -
# (bounded). It is converted unless a Latin letter, '_' or '@' touches it (COVID-19, mp3, H2O) or it
# lies inside a URL or e-mail address.
_SEP = ".,:/\\-"
_NUMBER = re.compile(
    f"(?<![A-Za-z_@{_ANY_DIGIT}])(?<![A-Za-z_{_ANY_DIGIT}][{_SEP}])"
    f"[{_ANY_DIGIT}]{{1,40}}(?:[{_SEP}][{_ANY_DIGIT}]{{1,40}}){{0,8}}"
    f"(?![A-Za-z_@{_ANY_DIGIT}])(?![{_SEP}][A-Za-z_{_ANY_DIGIT}])%?"
)


def _to_arabic_number(match: re.Match[str]) -> str:
    number = match.group()
    percent = number.endswith("%")
    body = number[:-1] if percent else number
    if body.count(".") == 1 and not re.search("[,:/\\-]", body):
        body = body.replace(".", "\u066b")  # a decimal: 3.5 → ٣٫٥
    if re.fullmatch(f"[{_ANY_DIGIT}]{{1,3}}(?:,[{_ANY_DIGIT}]{{3}}){{1,8}}", body):
        body = body.replace(",", "\u066c")  # thousands groups: 1,000 → ١٬٠٠٠
    return body.translate(_TO_ARABIC) + ("\u066a" if percent else "")


@normalizer("digits", lossy=True)
def digits(text: str, *, to: str = "ascii") -> str:
    """Write digits as ASCII (``to="ascii"``) or Arabic-Indic (``to="arabic"``), separators included.

    To ASCII: Arabic-Indic and Persian digits become 0–9, the Arabic decimal separator ٫ becomes
    ``.`` and the thousands separator ٬ becomes ``,`` only between two digits, and ٪ becomes ``%``
    only right after a digit; nothing else changes. To Arabic: ASCII and Persian digits become ٠–٩,
    a single decimal point ``.`` becomes ٫, thousands commas (``1,000``) become ٬ and a ``%`` after
    the number becomes ٪; numbers touching Latin letters (COVID-19, mp3) and numbers inside URLs and
    e-mail addresses keep their ASCII digits.

    >>> digits("عام ٢٠٢٤ بنسبة ٣٫٥٪ و۱۲")
    'عام 2024 بنسبة 3.5% و12'
    >>> digits("عام 2024 بنسبة 3.5% من 1,000 في COVID-19", to="arabic")
    'عام ٢٠٢٤ بنسبة ٣٫٥٪ من ١٬٠٠٠ في COVID-19'
    """
    if to == "ascii":
        first = _NON_ASCII_RUN.search(text)
        if first is None:
            return text
        if len(_NON_ASCII_RUN.findall(text, first.start(), first.start() + (1 << 16))) < _DENSE:
            # Each separator's test looks only at its neighbours, whose digits stay digits: one pass.
            return _NON_ASCII_RUN.sub(_ascii_run, text)
        if "\u066b" in text:
            text = _DECIMAL.sub(".", text)
        if "\u066c" in text:
            text = _THOUSANDS.sub(",", text)
        if "\u066a" in text:
            text = _PERCENT.sub("%", text)
        for char, ascii_digit in _ASCII_PAIRS:
            if char in text:
                text = text.replace(char, ascii_digit)
        return text
    if to == "arabic":
        if not _NEEDS_ARABIC.search(text):
            return text
        from .links import protected_spans

        spans = protected_spans(text)
        if not spans:
            return _NUMBER.sub(_to_arabic_number, text)
        out, last = [], 0
        for start, end in spans:
            out.append(_NUMBER.sub(_to_arabic_number, text[last:start]))
            out.append(text[start:end])
            last = end
        out.append(_NUMBER.sub(_to_arabic_number, text[last:]))
        return "".join(out)
    raise ValueError(f"digits: 'to' must be 'ascii' or 'arabic', not {to!r}")
