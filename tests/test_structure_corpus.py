"""The web-residue and structure steps on the real articles of ../shared (skipped when it is absent)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

import cleaner
from cleaner.registry import get

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("wrappers", "html", "boilerplate", "duplicate_paragraphs", "bylines", "captions", "datelines", "headings")


def _decode(data: bytes) -> str:
    data = data.rstrip(b"\x00")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1256")


def _articles(shared: Path, pattern: str = "*.txt") -> list[tuple[str, str]]:
    return [(p.name, _decode(p.read_bytes())) for p in sorted((shared / "corpus" / "articles").glob(pattern))]


@pytest.mark.parametrize("name", STEPS)
def test_each_step_is_idempotent_on_every_article(shared: Path, name: str) -> None:
    func = get(name).func
    for article, text in _articles(shared):
        once = func(text)
        assert func(once) == once, f"{article}: {name} is not idempotent"


def test_no_markup_survives_in_the_html_articles(shared: Path) -> None:
    tag = re.compile(r"</?(?:p|div|span|strong|br)\b|&nbsp;|&amp;|data-language")
    articles = _articles(shared, "rad__*.txt")
    assert articles
    for article, text in articles:
        out = cleaner.clean(text)
        assert not tag.search(out), f"{article}: markup left"
        assert out.strip()


def test_trec_records_keep_only_title_and_text(shared: Path) -> None:
    articles = _articles(shared, "ant*.txt")
    assert articles
    for article, text in articles:
        out = cleaner.clean(text, profile="preserve")
        assert not re.search(r"</?(?:DOC|DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>", out), article
        title = re.search(r"<TITLE>(.*?)</TITLE>", text, re.S)
        if title and title.group(1).strip():
            assert out.split("\n", 1)[0].strip(), article


def test_the_seed_keeps_its_two_subheadings(shared: Path) -> None:
    text = (shared / "seed" / "000_ef6d2234d4644e58.txt").read_text(encoding="utf-8")
    for profile in ("default", "strict"):
        lines = cleaner.clean(text, profile=profile).split("\n")
        assert "دعم مستمر" in lines and "برنامج بوتين" in lines, profile


def test_boilerplate_never_empties_an_article(shared: Path) -> None:
    for article, text in _articles(shared):
        before = cleaner.clean(text, profile="preserve", disable=["boilerplate", "duplicate_paragraphs"])
        after = cleaner.clean(text, profile="preserve")
        # a Mayadeen article may be its lead twice: half of it goes; more would be suspicious
        assert len(after) >= 0.45 * len(before), f"{article}: boilerplate removed more than half"


def _load_eval():
    spec = importlib.util.spec_from_file_location("eval_structure", ROOT / "eval" / "structure.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_structure"] = module
    spec.loader.exec_module(module)
    return module


def test_evaluation_script_runs_and_reports(shared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = _load_eval()
    assert module.main(["--no-misses"]) == 0
    out = capsys.readouterr().out
    if "skipped: no labels" in out:
        pytest.skip("no labels written yet")
    for label in ("heading lines", "boilerplate lines", "byline lines", "caption lines", "dateline lines", "glued spans"):
        assert label in out


def test_evaluation_script_skips_without_the_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = _load_eval()
    module.ARTICLES = tmp_path / "nowhere"
    assert module.main([]) == 0
    assert "skipped" in capsys.readouterr().out
