"""teh_marbuta and hamza_carriers: the lossy search folds, exact about what they touch."""

from __future__ import annotations

import pytest

from cleaner.normalizers.orthography import hamza_carriers, teh_marbuta

TEH = [
    ("مدرسة", "مدرسه"),
    ("المدرسة الجديدة", "المدرسه الجديده"),
    ("ة", "ه"),
    ("مدرسته", "مدرسته"),  # teh marbuta becomes ت before a suffix: nothing to do
    ("على مستشفى", "على مستشفى"),  # alef maksura untouched
    ("ۃ", "ۃ"),  # Urdu teh marbuta goal is the lookalikes step's business
    ("2000 www.site.com", "2000 www.site.com"),
]


@pytest.mark.parametrize(("text", "expected"), TEH)
def test_teh_marbuta(text: str, expected: str) -> None:
    assert teh_marbuta(text) == expected


HAMZA = [
    ("مؤتمر", "موتمر"),  # never مءتمر (pyarabic normalize_searchtext)
    ("رئيس", "رييس"),
    ("سؤال وجواب", "سوال وجواب"),
    ("شاطئ", "شاطي"),
    ("سماء", "سماء"),  # bare hamza stays
    ("أحمد إلى آخر", "أحمد إلى آخر"),  # alef forms are the alef step's job
    ("على", "على"),
]


@pytest.mark.parametrize(("text", "expected"), HAMZA)
def test_hamza_carriers(text: str, expected: str) -> None:
    assert hamza_carriers(text) == expected
