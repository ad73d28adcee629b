"""Differential tests: alef, yeh, teh_marbuta and diacritics against CAMeL Tools (and pyarabic).

CAMeL Tools is an optional test oracle. Its normalisation functions need only
``pip install --no-deps camel-tools`` plus ``pip install emoji six`` (no torch); ``.ci/run`` installs
them. Every case where cleaner deliberately differs is written out below and in the README table
"Deliberate differences from CAMeL Tools and pyarabic".
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.normalizers.diacritics import diacritics
from cleaner.normalizers.letters import alef, yeh
from cleaner.normalizers.orthography import teh_marbuta

normalize = pytest.importorskip(
    "camel_tools.utils.normalize",
    reason="CAMeL Tools is not installed (pip install --no-deps camel-tools emoji six; .ci/run does it)",
)
dediac = pytest.importorskip("camel_tools.utils.dediac", reason="CAMeL Tools is not installed")

LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيٱ"
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"  # what dediac_ar removes, but U+0670
EXTRA_ALEFS = "\u0672\u0673"  # ٲ ٳ: cleaner folds them too
EXTRA_YEHS = "\u06cc\u06d0"  # ی ې: cleaner folds them too
QURANIC = "\u0610\u0611\u0612\u06d6\u06da\u06e5\u06ed"
OTHER = " \n،.؟!0123456789٠١٢٣abc"

words = st.text(alphabet=st.sampled_from(LETTERS + MARKS), min_size=1, max_size=12)
arabic = st.lists(st.one_of(words, st.sampled_from(list(OTHER))), max_size=30).map("".join)
with_extras = st.lists(
    st.one_of(words, st.sampled_from(list(OTHER + EXTRA_ALEFS + EXTRA_YEHS + QURANIC + "\u0670"))), max_size=30
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=with_extras)
def test_alef_matches_normalize_alef_ar(text: str) -> None:
    """Same as CAMeL on أ إ آ ٱ; cleaner also folds the wavy-hamza alefs ٲ ٳ."""
    assert alef(text) == normalize.normalize_alef_ar(text.translate(str.maketrans(EXTRA_ALEFS, "اا")))


@settings(max_examples=500, deadline=None)
@given(text=with_extras)
def test_yeh_matches_normalize_alef_maksura_ar(text: str) -> None:
    """Same as CAMeL on ى; cleaner also folds Persian ی and Uighur ې to ي."""
    assert yeh(text) == normalize.normalize_alef_maksura_ar(text.translate(str.maketrans(EXTRA_YEHS, "يي")))


@settings(max_examples=500, deadline=None)
@given(text=with_extras)
def test_teh_marbuta_matches_normalize_teh_marbuta_ar(text: str) -> None:
    assert teh_marbuta(text) == normalize.normalize_teh_marbuta_ar(text)


@settings(max_examples=500, deadline=None)
@given(text=arabic)
def test_diacritics_matches_dediac_ar_without_dagger_or_quranic_marks(text: str) -> None:
    assert diacritics(text) == dediac.dediac_ar(text)


@settings(max_examples=500, deadline=None)
@given(text=with_extras)
def test_diacritics_differs_from_dediac_ar_only_on_dagger_alef_and_quranic_marks(text: str) -> None:
    """With the dagger alef and Quranic classes left out, cleaner removes exactly CAMeL's set (minus U+0670)."""
    ours = diacritics(text, classes=("harakat", "tanween", "shadda"))
    assert ours.replace("\u0670", "") == dediac.dediac_ar(text)


# The deliberate differences, case by case (the README table lists the same).
DIFFERENCES = [
    # (ours, camel, input, why)
    (diacritics, dediac.dediac_ar, "السمٰوات", "السماوات", "السموات", "dagger alef inside a word is an alef (camel#114)"),
    (diacritics, dediac.dediac_ar, "إبرٰهيم", "إبراهيم", "إبرهيم", "dagger alef inside a word is an alef"),
    (diacritics, dediac.dediac_ar, "ذَٰلِكَ ۛ", "ذلك ", "ذلك ۛ", "Quranic annotation marks are a class of their own"),
    (alef, normalize.normalize_alef_ar, "ٲ ٳ", "ا ا", "ٲ ٳ", "wavy-hamza alef forms are alef forms too"),
    (yeh, normalize.normalize_alef_maksura_ar, "فی", "في", "فی", "Persian yeh is folded with alef maksura"),
]


@pytest.mark.parametrize(
    ("ours", "camel", "text", "expected", "camel_gives", "why"), DIFFERENCES, ids=[d[-1] for d in DIFFERENCES]
)
def test_deliberate_differences(ours, camel, text: str, expected: str, camel_gives: str, why: str) -> None:  # noqa: ANN001
    assert ours(text) == expected
    assert camel(text) == camel_gives


# pyarabic (a dependency, so always present): the damage cleaner avoids.
PYARABIC = [
    ("normalize_alef", "على", "على", "علا", "pyarabic folds alef maksura into alef (pyarabic#39)"),
    ("normalize_alef", "هٰذا", "هٰذا", "هاذا", "pyarabic turns every dagger alef into alef"),
    ("normalize_hamza", "مؤتمر", "موتمر", "مءتمر", "uniform hamza makes non-words; cleaner's hamza_carriers uses ؤ→و"),
    ("strip_tashkeel", "مُدَرِّسٌ\u0670", "مدرس", "مدرس\u0670", "strip_tashkeel keeps the dagger alef"),
]


@pytest.mark.parametrize(("func", "text", "ours", "theirs", "why"), PYARABIC, ids=[p[-1] for p in PYARABIC])
def test_pyarabic_differences(func: str, text: str, ours: str, theirs: str, why: str) -> None:
    from pyarabic import araby

    from cleaner.registry import get

    mine = {
        "normalize_alef": lambda t: alef(t),
        "normalize_hamza": lambda t: get("hamza_carriers").func(t),
        "strip_tashkeel": lambda t: diacritics(t),
    }[func]
    assert mine(text) == ours
    assert getattr(araby, func)(text) == theirs
