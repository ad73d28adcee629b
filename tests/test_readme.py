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
