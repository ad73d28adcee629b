"""The README stays true: its commands are the ones CI runs, its tables name every normalizer."""

from __future__ import annotations

import re
from pathlib import Path

import cleaner

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def _commands() -> list[str]:
    return re.findall(r"```sh\n(python3 -m venv .venv && [^\n]+)\n```", README)


def test_the_readme_has_the_two_setup_commands() -> None:
    install, tests = _commands()[:2]
    assert "cleaner samples/articles/000_ef6d2234d4644e58.txt" in install
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    assert _commands()[1] in (ROOT / ".ci" / "run").read_text("utf-8")


def test_every_normalizer_and_profile_is_documented() -> None:
    for entry in cleaner.list_normalizers():
        assert f"| `{entry.name}` |" in README, entry.name
    for profile in cleaner.PROFILES:
        assert f"| `{profile}` |" in README, profile


def test_the_main_normalizer_table_is_in_pipeline_order_with_the_right_profiles() -> None:
    section = README.split("## Normalizers\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| `")]
    names = [cells[0].strip().strip("`") for cells in rows]
    assert names == [n.name for n in cleaner.list_normalizers()]
    profiles = ["default", "preserve", "search", "strict"]
    assert sorted(cleaner.PROFILES) == sorted(profiles)
    for cells, entry in zip(rows, cleaner.list_normalizers(), strict=True):
        assert cells[1].strip() == ("yes" if entry.lossy else "no"), entry.name
        ticked = [p for p, cell in zip(profiles, cells[2:6], strict=True) if cell.strip() == "✓"]
        assert ticked == [p for p in profiles if entry.name in cleaner.PROFILES[p]], entry.name
