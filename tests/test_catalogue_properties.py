"""Hypothesis strategies for the catalogue tests: Arabic-heavy text with the pieces that break tools."""

from __future__ import annotations

from hypothesis import strategies as st

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةٱ"
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0653\u0654\u0655\u0610\u06d6\u06e5\u06dd"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
PUNCT = ",;?!.:،؛؟…٫٬٪%\"'«»()-_/#@"
SPACES = "  \t\n\u200f\u00a0"
OTHER = "abcXYZéـ😀中"
TOKENS = [
    "http://example.com/a?b=1,2",
    "https://ar.wikipedia.org/wiki/مصر",
    "www.ahram.org.eg",
    "info@example.com",
    "@user_1",
    "#وسم_عربي",
    "#tag",
    "10:30",
    "3.5",
    "1,000",
    "٣٫٥٪",
    "٢٠٢٤",
    "...",
    "؟!",
    "\u200f,\u200f",
    "السمٰوات",
    "هٰذا",
    "جمييييل",
    "وتتتابع",
    "2000",
    "[[system-code:ad:autoads]]",
    "بيت.كوم",
    " ?يقوم",
    " .",
    " :",
    " ، ",
    "!!",
    "5 ،6",
    "؟؟ ",
    "قال",
    "نص",
]

chars = st.text(alphabet=st.sampled_from(ARABIC_LETTERS + MARKS + DIGITS + PUNCT + SPACES + OTHER), max_size=60)
arabic_text = st.lists(st.one_of(chars, st.sampled_from(TOKENS)), max_size=12).map("".join)

# ---------------------------------------------------------------------------------------------
# Properties of every catalogue normalizer, under every parameter value users can choose.

import pytest  # noqa: E402
import re  # noqa: E402
import unicodedata  # noqa: E402

from hypothesis import assume, given, settings  # noqa: E402

import cleaner  # noqa: E402
from cleaner.normalizers.links import protected_spans  # noqa: E402
from cleaner.registry import get  # noqa: E402

CONFIGURED = [
    ("diacritics", {}),
    ("diacritics", {"classes": ("harakat",)}),
    ("diacritics", {"classes": ("dagger_alef", "quranic")}),
    ("teh_marbuta", {}),
    ("hamza_carriers", {}),
    ("digits", {}),
    ("digits", {"to": "arabic"}),
    ("punctuation", {}),
    ("elongation", {}),
    ("elongation", {"keep_triple": ""}),
    ("links", {}),
    ("links", {"urls": "remove", "emails": "remove", "mentions": "remove", "hashtags": "remove"}),
    ("links", {"urls": "placeholder", "emails": "placeholder", "mentions": "placeholder", "hashtags": "words"}),
]
IDS = [f"{n}-{'-'.join(f'{k}={v}' for k, v in p.items()) or 'defaults'}" for n, p in CONFIGURED]


@pytest.mark.parametrize(("name", "params"), CONFIGURED, ids=IDS)
@settings(max_examples=300, deadline=None)
@given(text=arabic_text)
def test_idempotent_and_never_raises(name: str, params: dict, text: str) -> None:
    func = get(name).func
    once = func(text, **params)
    assert isinstance(once, str)
    assert func(once, **params) == once


@pytest.mark.parametrize(("name", "params"), CONFIGURED, ids=IDS)
@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC 0123456789.,:;!?-/'\n", max_size=80))
def test_latin_text_is_left_alone(name: str, params: dict, text: str) -> None:
    """Pure Latin text without links or Arabic: no catalogue step changes it (digits to Arabic aside)."""
    if name == "digits" and params.get("to") == "arabic":
        return
    if name == "links" and ("@" in text or "#" in text or "www." in text or "://" in text):
        return
    assert get(name).func(text, **params) == text


@settings(max_examples=300, deadline=None)
@given(text=arabic_text)
def test_protected_spans_survive_punctuation_elongation_and_digits(text: str) -> None:
    """URLs and e-mail addresses come out of these steps exactly as they went in."""
    for name, params in (("punctuation", {}), ("elongation", {}), ("digits", {"to": "arabic"})):
        out = get(name).func(text, **params)
        before = [text[a:b] for a, b in protected_spans(text)]
        after = [out[a:b] for a, b in protected_spans(out)]
        for span in before:
            if span.isascii():
                assert span in after or any(span in s for s in after), (name, span, out)


@pytest.mark.parametrize("profile", ["default", "preserve", "search"])
@settings(max_examples=200, deadline=None)
@given(text=arabic_text)
def test_every_profile_is_idempotent(profile: str, text: str) -> None:
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once


def test_a_tatweel_carrying_a_combining_hamza_stays() -> None:
    """Regression: removing it joined و and ٔ after `unicode` had run, so a second run composed ؤ."""
    once = cleaner.clean("وـٔ", profile="preserve")
    assert cleaner.clean(once, profile="preserve") == once


@settings(max_examples=200, deadline=None)
@given(text=arabic_text)
def test_no_word_is_glued(text: str) -> None:
    """No step lowers the number of words (space-separated tokens holding a letter or a digit)."""

    def words(t: str) -> int:  # a modifier letter alone (ۥ, ـ) is a Quranic mark or a stroke, not a word
        return sum(1 for token in t.split() if any(ch.isalnum() and unicodedata.category(ch) != "Lm" for ch in token))

    for name in ("punctuation", "diacritics", "elongation", "digits", "teh_marbuta", "hamza_carriers"):
        assert words(get(name).func(text)) >= words(text), name
