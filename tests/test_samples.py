"""The sample articles and their expected output for every profile and format (golden files).

After a deliberate change of behaviour: `python scripts/regen_samples.py`, then review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.profiles import resolve

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "samples" / "articles").glob("*.txt"))
FORMATS = ("text", "markdown")
CASES = [(a, p, f) for a in ARTICLES for p in sorted(cleaner.PROFILES) for f in FORMATS]


def _params(fmt: str) -> dict:
    return {"headings": {"style": "markdown"}} if fmt == "markdown" else {}


def test_there_are_the_seed_and_at_least_five_written_articles() -> None:
    names = [a.name for a in ARTICLES]
    assert "000_ef6d2234d4644e58.txt" in names and len(names) >= 6


@pytest.mark.parametrize(("article", "profile", "fmt"), CASES, ids=[f"{a.stem}-{p}-{f}" for a, p, f in CASES])
def test_expected_output(article: Path, profile: str, fmt: str) -> None:
    expected = ROOT / "samples" / "expected" / f"{profile}-{fmt}" / article.name
    assert expected.exists(), f"missing {expected}: run python scripts/regen_samples.py"
    text = article.read_bytes().decode("utf-8-sig")
    pipeline = resolve(profile, params=_params(fmt))
    assert pipeline(text).encode("utf-8") == expected.read_bytes()
    assert pipeline(expected.read_text("utf-8")) == expected.read_text("utf-8")  # idempotent
