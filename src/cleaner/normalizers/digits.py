"""Digits: Arabic-Indic (٠–٩) and Persian (۰–۹) digits to ASCII, or ASCII digits to Arabic-Indic."""

from __future__ import annotations

import re

from ..registry import normalizer

_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
_PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
_ASCII = "0123456789"
_ANY_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"

_TO_ASCII = str.maketrans(_ARABIC_INDIC + _PERSIAN, _ASCII * 2)
# str.translate looks every character of the text up in a dict: slow on Arabic text. Where these
# digits are rare, the runs of them (found by one scan) are translated one by one; where they are
# dense, one ``in`` test and ``replace`` per digit costs less than a Python call per run.
_DIGIT_RUN = re.compile("[\u0660-\u0669\u06f0-\u06f9][\u0660-\u0669\u06f0-\u06f9]*")
_ASCII_PAIRS = tuple(zip(_ARABIC_INDIC + _PERSIAN, _ASCII * 2))
_NON_ASCII_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9\u066b\u066c\u066a]")
# Arabic decimal separator ٫ and thousands separator ٬ between two digits; percent sign ٪ after one.
# (The separator comes first and the digit before it is checked by a lookbehind over both, so the
# engine searches for the separator itself instead of trying every position.)
_DECIMAL = re.compile(f"\u066b(?<=[{_ANY_DIGIT}]\u066b)(?=[{_ANY_DIGIT}])")
_THOUSANDS = re.compile(f"\u066c(?<=[{_ANY_DIGIT}]\u066c)(?=[{_ANY_DIGIT}])")
_PERCENT = re.compile(f"\u066a(?<=[{_ANY_DIGIT}]\u066a)")

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


def _ascii_run(match: re.Match[str]) -> str:
    return match.group().translate(_TO_ASCII)


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
        first = _NON_ASCII_DIGIT.search(text)
        if first is None:
            return text
        if "\u066b" in text:
            text = _DECIMAL.sub(".", text)
        if "\u066c" in text:
            text = _THOUSANDS.sub(",", text)
        if "\u066a" in text:
            text = _PERCENT.sub("%", text)
        if len(_DIGIT_RUN.findall(text, first.start(), first.start() + (1 << 16))) < 64:
            return _DIGIT_RUN.sub(_ascii_run, text)
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
