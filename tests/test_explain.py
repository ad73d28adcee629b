"""--explain, --explain-json and --list through the command line, and the explain library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import main
from cleaner.explain import explain, format_list
from cleaner.registry import REGISTRY

ARTICLE = "أخبار [[system-code:ad:autoads]]\nقال الوزير , إن النمو بلغ ٣٫٥٪\nجمييييل\n"


def run(args: list[str], input: str | None = None):  # noqa: ANN201, A002
    return CliRunner().invoke(main, args, input=input, catch_exceptions=False)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_explain_writes_the_report_to_stderr_and_the_text_to_stdout(article: Path) -> None:
    result = run(["--explain", str(article)])
    assert result.exit_code == 0
    assert result.stdout == cleaner.clean(ARTICLE)
    err = result.stderr
    assert err.startswith(f"explain {article}: profile default,")
    assert "cms_markers" in err and "26 chars removed" in err
    assert "⟦[[system-code:ad:autoads]]→⟧" in err
    assert "punctuation" in err and "⟦ ,→،⟧" in err
    assert "alef" in err and "⟦أ→ا⟧" in err
    assert "tatweel" in err and "unchanged" in err


def test_explain_from_stdin_with_another_profile() -> None:
    result = run(["--explain", "--profile", "search", "-"], input=ARTICLE)
    assert result.stdout == cleaner.clean(ARTICLE, profile="search")
    assert "explain <stdin>: profile search" in result.stderr
    assert "digits" in result.stderr and "⟦٣٫٥٪→3.5%⟧" in result.stderr
    assert "elongation" in result.stderr


def test_explain_json(article: Path) -> None:
    result = run(["--explain-json", "--profile", "search", str(article)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)  # the report is the output: no cleaned text mixed in
    assert data["source"] == str(article) and data["profile"] == "search"
    steps = {s["name"]: s for s in data["steps"]}
    assert [s["name"] for s in data["steps"]] == list(cleaner.resolve("search").names)
    assert steps["cms_markers"]["chars_removed"] == 26
    assert steps["elongation"]["chars_removed"] == 3
    assert steps["digits"]["chars_replaced"] == 4  # ٣ ٫ ٥ ٪
    assert steps["tatweel"]["changed"] is False
    example = steps["teh_marbuta"]["examples"]
    assert example == [] or set(example[0]) == {"line", "before", "removed", "added", "after"}
    assert data["chars_after"] == len(cleaner.clean(ARTICLE, profile="search"))


def test_explain_json_with_an_output_file(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    result = run(["--explain-json", str(article), "-o", str(out)])
    assert json.loads(result.stdout)["profile"] == "default"
    assert out.read_text(encoding="utf-8") == cleaner.clean(ARTICLE)


def test_explain_counts_lines(article: Path) -> None:
    result = run(["--explain-json", str(article)])
    steps = {s["name"]: s for s in json.loads(result.stdout)["steps"]}
    assert steps["whitespace"]["lines_added"] >= 1


def test_explain_an_unchanged_text() -> None:
    text = "نص نظيف.\n"
    cleaned, reports = explain(cleaner.resolve("default"), text)
    assert cleaned == text and not any(r.changed for r in reports)


def test_explain_agrees_with_clean_on_the_corpus(shared: Path) -> None:
    """explain's cleaned text is clean()'s, and each step's counts add up to its length change."""
    paths = sorted((shared / "corpus" / "articles").glob("*.txt"))[:40]
    for path in paths:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1256", errors="replace")
        for profile in ("default", "search"):
            cleaned, reports = explain(cleaner.resolve(profile), text)
            assert cleaned == cleaner.clean(text, profile=profile)
            for r in reports:
                assert r.chars_before - r.chars_removed + r.chars_added == r.chars_after, (path.name, r.name)


def test_list_shows_params_lossy_profiles_and_examples() -> None:
    result = run(["--list"])
    assert result.exit_code == 0
    out = result.stdout
    for name, entry in REGISTRY.items():
        assert f"{name}  [{'lossy' if entry.lossy else 'lossless'}; profiles:" in out
    assert "digits  [lossy; profiles: search]" in out
    assert "punctuation  [lossless; profiles: default, preserve, search" in out
    assert 'param to = "ascii"' in out
    assert 'param classes = ["harakat", "tanween", "shadda", "dagger_alef", "quranic"]' in out
    assert ">>> diacritics(" in out and "'السماوات وهذا كتاب'" in out
    assert out == format_list()


def test_every_normalizer_has_a_doctest_example() -> None:
    from cleaner.explain import example_of

    missing = [name for name, entry in REGISTRY.items() if example_of(entry.func) is None]
    assert missing == []


def test_explain_through_a_real_process(article: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "cleaner", "--explain", str(article)], capture_output=True, check=False)
    assert proc.returncode == 0
    assert proc.stdout.decode("utf-8") == cleaner.clean(ARTICLE)
    assert "cms_markers" in proc.stderr.decode("utf-8")
