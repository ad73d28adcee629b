"""The catalogue in the profiles: search, punctuation in default and preserve, whole-pipeline guarantees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cleaner
from cleaner.profiles import ORDER, PROFILES, resolve

_ALA = re.compile(r"(?<!\w)علا(?!\w)")  # pyarabic's normalize_alef turns على into this
SEARCH_EXTRA = ("diacritics", "teh_marbuta", "hamza_carriers", "digits", "elongation", "links")


def test_search_is_default_plus_the_search_folds() -> None:
    assert set(PROFILES["search"]) == set(PROFILES["default"]) | set(SEARCH_EXTRA)


def test_search_removes_links_and_writes_ascii_digits() -> None:
    steps = {s.name: dict(s.params) for s in resolve("search").steps}
    assert steps["links"] == {"urls": "remove", "emails": "remove", "mentions": "remove", "hashtags": "words"}
    assert steps["digits"] == {}  # the default direction: ASCII


@pytest.mark.parametrize("profile", ["default", "preserve"])
def test_default_and_preserve_gain_punctuation_only(profile: str) -> None:
    names = resolve(profile).names
    assert "punctuation" in names
    assert not set(SEARCH_EXTRA) & set(names)


def test_order_puts_letter_steps_before_elongation_and_links_after_diacritics() -> None:
    """Elongation runs after every step that can bring two equal letters together; links after the
    steps that can turn a non-mention into one (marks, Persian digits)."""
    rank = {n: i for i, n in enumerate(ORDER)}
    for earlier in ("tatweel", "diacritics", "alef", "yeh", "teh_marbuta", "hamza_carriers", "lookalikes"):
        assert rank[earlier] < rank["elongation"]
    assert rank["diacritics"] < rank["links"] and rank["digits"] < rank["links"]
    assert rank["punctuation"] < rank["headings"] < rank["whitespace"]


SEARCH_CASES = [
    ("السَّمٰوَاتِ", "السماوات\n"),
    ("مؤتمر الرئيس على المنصة", "موتمر الرييس علي المنصه\n"),  # on the search side ى → ي as in Lucene
    ("نسبة ٣٫٥٪ عام ٢٠٢٤", "نسبه 3.5% عام 2024\n"),
    ("جمييييل جداااا", "جميل جدا\n"),
    ("المصدر: https://example.com/a و @user و #وسم_عربي", "المصدر: و و وسم عربي\n"),
    ("سنة 2000 موقع www", "سنه 2000 موقع www\n"),
    # found by the property tests: each is a fixed point of search on its second run
    ("ء .@user_1", "ء .@user_1\n"),  # ".@user" is one token: punctuation never splits it into a new mention
    ("[[systًem-code:]]", ""),  # the mark inside hid the marker from cms_markers; diacritics removes it
    ("0 ،\":0", "0، \":0\n"),  # never glue two words
]


@pytest.mark.parametrize(("text", "expected"), SEARCH_CASES)
def test_search_profile(text: str, expected: str) -> None:
    assert cleaner.clean(text, profile="search") == expected


def test_preserve_keeps_spelling_and_digits() -> None:
    text = "على مؤتمر ٢٠٢٤ السمٰوات, إلى"
    assert cleaner.clean(text, profile="preserve") == "على مؤتمر ٢٠٢٤ السمٰوات، إلى\n"


def _articles(shared: Path) -> list[tuple[str, str]]:
    out = [("seed", (shared / "seed" / "000_ef6d2234d4644e58.txt").read_text(encoding="utf-8"))]
    for path in sorted((shared / "corpus" / "articles").glob("*.txt")):
        data = path.read_bytes()
        try:
            out.append((path.name, data.decode("utf-8")))
        except UnicodeDecodeError:
            out.append((path.name, data.decode("cp1256", errors="replace")))
    return out


@pytest.mark.parametrize("profile", ["default", "preserve", "search"])
def test_corpus_is_a_fixed_point(shared: Path, profile: str) -> None:
    """clean(clean(x)) == clean(x) on the seed article and every corpus article (UTF-8 or cp1256)."""
    pipeline = resolve(profile)
    unstable = []
    for name, text in _articles(shared):
        once = pipeline(text)
        if pipeline(once) != once:
            unstable.append(name)
    assert unstable == []


def test_corpus_damage_never_happens(shared: Path) -> None:
    """Under search: numbers keep their separators, URLs are removed whole, no علا from على."""
    pipeline = resolve("search")
    for name, text in _articles(shared):
        out = pipeline(text)
        assert "://" not in out, name
        assert len(_ALA.findall(out)) <= len(_ALA.findall(text)), name
