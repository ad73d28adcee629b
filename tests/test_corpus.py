"""Every real article of the shared corpus, through every profile: no exception, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner

SHARED_ARTICLES = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "articles"


def _decode(data: bytes) -> str:
    data = data.rstrip(b"\x00")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1256")  # the 35 windows-1256 articles


@pytest.mark.parametrize("profile", sorted(cleaner.PROFILES))
def test_every_article_is_cleaned_by_every_profile(shared: Path, profile: str) -> None:
    articles = sorted((shared / "corpus" / "articles").glob("*.txt"))
    assert len(articles) >= 200
    pipeline = cleaner.resolve(profile)
    for path in articles:
        text = _decode(path.read_bytes())
        once = pipeline(text)
        assert pipeline(once) == once, f"{path.name}: not idempotent under {profile}"
        assert "[[system-code:" not in once, path.name
        if text.strip():
            assert once.strip(), f"{path.name}: everything removed"
