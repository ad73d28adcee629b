"""elongation: a letter typed three or more times becomes one; digits, Latin and punctuation never change."""

from __future__ import annotations

import pytest

from cleaner.normalizers.elongation import elongation

CASES = [
    ("جمييييل", "جميل"),  # the example
    ("جداااا", "جدا"),
    ("هههههه", "ه"),
    ("يااااا سلام", "يا سلام"),
    ("بالآآآه", "بالآه"),  # from the corpus
    ("وتتتابع الدرر", "وتتتابع الدرر"),  # a real word with three ت (the damage case)
    ("تشتتت", "تشتتت"),  # another
    ("تتتتتابع", "تابع"),  # four or more: elongation
    ("2000", "2000"),  # tnkeeh and sahlnlp give 200
    ("www.site.com", "www.site.com"),  # and ww.site.com
    ("...", "..."),  # and ..
    ("!!!", "!!!"),  # punctuation is the punctuation step's job
    ("Goooal", "Goooal"),  # Latin never
    ("٢٢٢ ۱۱۱", "٢٢٢ ۱۱۱"),  # Arabic-Indic digits never
    ("😀😀😀", "😀😀😀"),
    ("جَمِيييل", "جَمِيل"),
    ("مدرّسة", "مدرّسة"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_elongation(text: str, expected: str) -> None:
    assert elongation(text) == expected


def test_keep_triple_can_be_emptied() -> None:
    assert elongation("وتتتابع", keep_triple="") == "وتابع"


@pytest.mark.parametrize(
    ("text", "keep_triple", "expected"),
    [
        ("تتت تتتت", "ت", "تتت ت"),  # exactly three kept, four reduced
        ("ببب تتت", "بت", "ببب تتت"),
        ("ببب-ببببب", "]\\^-ب", "ببب-ب"),  # characters special in a regex class are plain letters here
        ("---___   ٠٠٠ aaa", "", "---___   ٠٠٠ aaa"),  # runs of anything but an Arabic letter stay
        ("ييي\nووووو", "ت", "ي\nو"),
        ("ـــــ", "", "ـــــ"),  # tatweel is no letter
    ],
)
def test_keep_triple_and_runs_of_other_characters(text: str, keep_triple: str, expected: str) -> None:
    assert elongation(text, keep_triple=keep_triple) == expected


def test_nothing_to_do_returns_the_text_itself() -> None:
    text = "نص بلا تطويل " * 100
    assert elongation(text) is text
