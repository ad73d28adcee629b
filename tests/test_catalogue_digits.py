"""digits: Arabic-Indic and Persian digits to ASCII (or back), separators only between digits."""

from __future__ import annotations

import pytest

from cleaner.normalizers.digits import digits

TO_ASCII = [
    ("٢٠٢٤", "2024"),  # tnkeeh gives ٢.٢٤ (٠ → .)
    ("٣٫٥٪", "3.5%"),  # Tahdheeb gives 35 (٫ deleted); CAMeL arclean gives 3,5
    ("١٬٠٠٠٬٠٠٠", "1,000,000"),  # CAMeL arclean gives 1'000'000
    ("۱۲۳۴", "1234"),  # Persian digits; AraBERT deletes them
    ("٣٫5", "3.5"),  # mixed digits still form a number
    ("عام ٢٠٢٤ بنسبة ٣٫٥٪", "عام 2024 بنسبة 3.5%"),
    ("الساعة ١٠:٣٠", "الساعة 10:30"),
    ("٫٥", "٫5"),  # ٫ not between two digits stays
    ("نص٬ نص", "نص٬ نص"),  # ٬ between words is not a thousands separator
    ("٪ النسبة", "٪ النسبة"),  # ٪ not after a digit stays
    ("٥٠ ٪", "50 ٪"),  # only right after a digit
    ("2024 3.5% 1,000", "2024 3.5% 1,000"),  # ASCII already
    ("نص، نص؛ نص؟", "نص، نص؛ نص؟"),  # Arabic punctuation is never Latinised
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), TO_ASCII)
def test_to_ascii(text: str, expected: str) -> None:
    assert digits(text) == expected


TO_ARABIC = [
    ("2024", "٢٠٢٤"),
    ("3.5%", "٣٫٥٪"),
    ("1,000", "١٬٠٠٠"),
    ("10:30", "١٠:٣٠"),
    ("۱۲", "١٢"),
    ("COVID-19", "COVID-19"),  # touching Latin letters: kept
    ("mp3 H2O v2.0", "mp3 H2O v2.0"),
    ("https://example.com/2024/05/article-12", "https://example.com/2024/05/article-12"),
    ("info2024@example.com", "info2024@example.com"),
    ("1.2.3", "١.٢.٣"),  # not a decimal: the dots stay
    ("1,2", "١,٢"),  # not thousands groups: the comma stays
    ("@user_1", "@user_1"),
]


@pytest.mark.parametrize(("text", "expected"), TO_ARABIC)
def test_to_arabic(text: str, expected: str) -> None:
    assert digits(text, to="arabic") == expected


def test_bad_direction() -> None:
    with pytest.raises(ValueError, match="'to' must be 'ascii' or 'arabic'"):
        digits("1", to="persian")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5٫5 و1٬000 و100٪", "5.5 و1,000 و100%"),  # ASCII digits around an Arabic separator count
        ("٫5 5٫ ٬1 ٪", "٫5 5٫ ٬1 ٪"),  # a separator lacking a digit on the side it needs stays
        ("٣٫٥٫٦٪٪", "3.5.6%٪"),  # each separator looks at its own neighbours only
        ("۱۲٬۳۴۵٫۶۷", "12,345.67"),
        ("یک ٰ ۔ ٭", "یک ٰ ۔ ٭"),  # other characters of U+0660–U+06F9 are not digits
    ],
)
def test_separators_next_to_ascii_digits(text: str, expected: str) -> None:
    assert digits(text) == expected


def test_nothing_to_convert_returns_the_text_itself() -> None:
    text = "عام 2024 بنسبة 3.5% " * 100
    assert digits(text) is text
