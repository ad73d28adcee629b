"""diacritics: Arabic marks removed by class; the dagger alef becomes ا inside a word."""

from __future__ import annotations

import pytest

from cleaner.normalizers.diacritics import ALL_CLASSES, diacritics

CASES = [
    # (input, expected, note)
    ("السَّمٰوَاتِ", "السماوات", "dagger alef inside a word becomes alef (CAMeL gives السموت, camel#114)"),
    ("السمٰوات", "السماوات", "the issue's example"),
    ("هٰذَا", "هذا", "modern spelling has no alef: not هاذا (pyarabic#39)"),
    ("ذٰلِكَ", "ذلك", "no alef in ذلك"),
    ("لٰكِنَّ", "لكن", "no alef in لكن"),
    ("ٱللَّهُ", "ٱلله", "الله keeps its spelling; alef wasla is the alef step's job"),
    ("ٱلرَّحْمَـٰنِ", "ٱلرحمـن", "الرحمن has no alef; tatweel is the tatweel step's job"),
    ("وَإِلَٰهُ مُوسَىٰ", "وإله موسى", "prefix و before إله; after ى the dagger alef just goes"),
    ("عَلَىٰ", "على", "على stays على: never علا"),
    ("إِبْرَٰهِيمَ", "إبراهيم", "dagger alef after ر becomes alef"),
    ("كِتَابٌ مُدَرِّسٌ", "كتاب مدرس", "tanween and shadda"),
    ("أَحْمَدُ", "أحمد", "hamza on alef is a letter, not a mark"),
    ("ا\u0654", "ا\u0654", "combining hamza stays (it spells أ)"),
    ("آمن", "آمن", "madda alef untouched"),
    ("ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ ۛ هُدًى", "ذلك ٱلكتاب لا ريب  فيه  هدى", "Quranic pause marks go"),
    ("الآية ۝١٢", "الآية ۝١٢", "end-of-ayah sign encloses the number: kept"),
    ("۞ قال", "۞ قال", "rub el hizb is a stand-alone sign: kept"),
    ("صلى الله عليه وسلم ؐ", "صلى الله عليه وسلم ", "honorific mark U+0610 goes"),
    ("2000 www ... COVID-19 😀 中文", "2000 www ... COVID-19 😀 中文", "nothing else is touched"),
    ("", "", "empty"),
]


@pytest.mark.parametrize(("text", "expected", "note"), CASES, ids=[c[2] for c in CASES])
def test_all_classes(text: str, expected: str, note: str) -> None:
    assert diacritics(text) == expected


SELECTED = [
    ("مُدَرِّسٌ", ("harakat",), "مدرٌِّ"[:0] + "مدرّسٌ"),
    ("مُدَرِّسٌ", ("tanween",), "مُدَرِّس"),
    ("مُدَرِّسٌ", ("shadda",), "مُدَرِسٌ"),
    ("السَّمٰوَاتِ", ("harakat",), "السّمٰوات"),
    ("السَّمٰوَاتِ", ("dagger_alef",), "السَّماوَاتِ"),
    ("ذَٰلِكَ ۛ", ("quranic",), "ذَٰلِكَ "),
    ("مُدَرِّسٌ", (), "مُدَرِّسٌ"),
]


@pytest.mark.parametrize(("text", "classes", "expected"), SELECTED)
def test_selected_classes(text: str, classes: tuple[str, ...], expected: str) -> None:
    assert diacritics(text, classes=classes) == expected


def test_default_is_every_class() -> None:
    assert ALL_CLASSES == ("harakat", "tanween", "shadda", "dagger_alef", "quranic")


def test_unknown_class_names_the_closest() -> None:
    with pytest.raises(ValueError, match="unknown class 'harakaat' \\(did you mean 'harakat'\\?\\)"):
        diacritics("نص", classes=("harakaat",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نَادَىٰ رَبَّهُ", "نادى ربه"),  # every dagger alef just goes: one pass with the marks
        ("نَادَىٰ والسمٰوات وَهٰذا", "نادى والسماوات وهذا"),  # some become alef
        ("كَتَبَ " * 20000 + "السمٰوات " + "قَالَ " * 20000, "كتب " * 20000 + "السماوات " + "قال " * 20000),
    ],
)
def test_dagger_alef_among_many_marks(text: str, expected: str) -> None:
    assert diacritics(text) == expected


def test_a_long_run_is_cut_as_before() -> None:
    """A run of word characters longer than 60 is cut into pieces of 60 before its dagger alefs are read:
    here the first dagger alef opens the second piece (no letter before it in its piece), so it goes."""
    run = "بَ" * 29 + "سمٰوات" + "ـ" * 40 + "سمٰوات"
    assert diacritics(run, classes=("dagger_alef",)) == "بَ" * 29 + "سموات" + "ـ" * 40 + "سماوات"
    assert diacritics(run) == "ب" * 29 + "سموات" + "ـ" * 40 + "سماوات"
