"""Configuration files, user profiles, --show-config and every config error, through the command line."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import main

TEXT = "السَّمٰوَاتِ على مؤتمر ٢٠٢٤ جمييييل {{ad-7}} https://example.com/x\n"


def run(args: list[str], input: str | None = None):  # noqa: ANN201, A002
    return CliRunner().invoke(main, args, input=input, catch_exceptions=False)


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# -------------------------------------------------------------------------------------------
# Finding the file, precedence


def test_cleaner_toml_in_the_current_folder(tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "cleaner.toml", 'profile = "search"\n')
    monkeypatch.chdir(tmp_path)
    result = run([str(article)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == cleaner.clean(TEXT, profile="search")


def test_pyproject_tool_cleaner_found_from_a_subfolder(tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.cleaner]\nprofile = "search"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    result = run([str(article)])
    assert result.stdout == cleaner.clean(TEXT, profile="search")


def test_pyproject_without_tool_cleaner_is_skipped(tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "cleaner.toml", 'profile = "search"\n')
    sub = tmp_path / "project"
    sub.mkdir()
    write(sub, "pyproject.toml", '[project]\nname = "x"\n')
    monkeypatch.chdir(sub)
    assert run([str(article)]).stdout == cleaner.clean(TEXT, profile="search")


def test_config_option_wins_over_discovery(tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "cleaner.toml", 'profile = "search"\n')
    other = write(tmp_path, "other.toml", 'profile = "preserve"\n')
    monkeypatch.chdir(tmp_path)
    assert run(["--config", str(other), str(article)]).stdout == cleaner.clean(TEXT, profile="preserve")


def test_command_line_overrides_the_file(tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        "cleaner.toml",
        """\
        profile = "search"
        enable = ["diacritics"]
        disable = ["elongation"]

        [params.digits]
        to = "arabic"
        """,
    )
    monkeypatch.chdir(tmp_path)
    result = run(["--profile", "default", "--disable", "diacritics", "--enable", "elongation", str(article)])
    expected = cleaner.clean(TEXT, profile="default", enable=["elongation"])
    assert result.stdout == expected


def test_parameters_from_the_file(tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        "cleaner.toml",
        """\
        profile = "search"
        [params.digits]
        to = "arabic"
        [params.links]
        urls = "placeholder"
        [params.cms_markers]
        patterns = ['\\{\\{ad-\\d+\\}\\}']
        [params.diacritics]
        classes = ["harakat", "shadda"]
        """,
    )
    monkeypatch.chdir(tmp_path)
    out = run([str(article)]).stdout
    assert "٢٠٢٤" in out and "<URL>" in out and "{{ad-7}}" not in out
    assert "\u0670" in out  # dagger alef class not selected: kept


# -------------------------------------------------------------------------------------------
# User profiles


def test_user_profile_based_on_a_builtin(tmp_path: Path, article: Path) -> None:
    config = write(
        tmp_path,
        "cleaner.toml",
        """\
        profile = "index"
        [profiles.index]
        base = "search"
        disable = ["elongation"]
        [profiles.index.params.links]
        urls = "keep"
        """,
    )
    out = run(["--config", str(config), str(article)]).stdout
    expected = cleaner.clean(TEXT, profile="search", disable=["elongation"], params={"links": {"urls": "keep"}})
    assert out == expected


def test_user_profile_based_on_a_user_profile_chosen_on_the_command_line(tmp_path: Path, article: Path) -> None:
    config = write(
        tmp_path,
        "cleaner.toml",
        """\
        [profiles.light]
        base = "preserve"
        enable = ["digits"]
        [profiles.lighter]
        base = "light"
        disable = ["headings"]
        """,
    )
    out = run(["--config", str(config), "--profile", "lighter", str(article)]).stdout
    assert out == cleaner.clean(TEXT, profile="preserve", enable=["digits"], disable=["headings"])


def test_user_profile_default_base_is_default(tmp_path: Path, article: Path) -> None:
    config = write(tmp_path, "cleaner.toml", '[profiles.mine]\nenable = ["teh_marbuta"]\n')
    out = run(["--config", str(config), "--profile", "mine", str(article)]).stdout
    assert out == cleaner.clean(TEXT, enable=["teh_marbuta"])


# -------------------------------------------------------------------------------------------
# --show-config


def test_show_config_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["--show-config"])
    assert result.exit_code == 0
    assert "config file: none found (built-in defaults)" in result.stdout
    assert "profile: default  (built-in default)" in result.stdout
    assert re.search(r"\d+\. punctuation +\(profile default\)", result.stdout)


def test_show_config_names_the_source_of_every_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = write(
        tmp_path,
        "cleaner.toml",
        """\
        profile = "search"
        enable = ["lookalikes"]
        [params.digits]
        to = "arabic"
        """,
    )
    monkeypatch.chdir(tmp_path)
    out = run(["--show-config", "--format", "markdown", "--disable", "elongation"]).stdout
    assert f"config file: {config}" in out
    assert f"profile: search  ({config})" in out
    assert f'to = "arabic"  ({config} [params.digits])' in out
    assert 'urls = "remove"  (profile search)' in out
    assert 'style = "markdown"  (command line)' in out
    assert 'max_words = 10  (built-in default)' in out
    assert "elongation" not in out


def test_show_config_shows_user_profiles(tmp_path: Path) -> None:
    config = write(tmp_path, "cleaner.toml", 'profile = "mine"\n[profiles.mine]\nbase = "search"\nenable = ["punctuation"]\n')
    out = run(["--config", str(config), "--show-config"]).stdout
    assert "profile: mine" in out and "user profiles: mine" in out
    assert "(profile search)" in out


# -------------------------------------------------------------------------------------------
# Errors: exit code 2, one line naming the file and the closest valid name

ERRORS = [
    ('profil = "search"\n', "unknown key 'profil' (did you mean 'profile'?)"),
    ('enable = ["diacritic"]\n', "unknown normalizer 'diacritic' (did you mean 'diacritics'?)"),
    ('disable = ["headngs"]\n', "unknown normalizer 'headngs' (did you mean 'headings'?)"),
    ('enable = "digits"\ndisable = ["digits"]\n', "enabled and disabled at once: digits"),
    ('enable = [1]\n', "must be a list of normalizer names"),
    ('profile = "serch"\n', "unknown profile 'serch' (did you mean 'search'?)"),
    ('profile = 3\n', "profile must be a name"),
    ("[params.digit]\nto = 'arabic'\n", "unknown normalizer 'digit' (did you mean 'digits'?)"),
    ("[params.digits]\ntoo = 'arabic'\n", "digits: unknown parameter 'too' (did you mean 'to'?)"),
    ("[params.digits]\nto = 1\n", "digits: parameter 'to' takes a str (default 'ascii'), not 1"),
    ("[params.digits]\nto = 'roman'\n", "digits: 'to' must be 'ascii' or 'arabic', not 'roman'"),
    ("[params.diacritics]\nclasses = ['harakaat']\n", "unknown class 'harakaat' (did you mean 'harakat'?)"),
    ("[params.links]\nurls = 'delete'\n", "links: urls must be one of keep, remove, placeholder"),
    ("[params.tatweel]\nx = 1\n", "tatweel: unknown parameter 'x' (it takes no parameters)"),
    ("[params.cms_markers]\npatterns = ['(']\n", "cms_markers: pattern '(' does not compile"),
    ("[params.cms_markers]\npatterns = ['a*']\n", "cms_markers: pattern 'a*' matches the empty string"),
    ("[profiles.search]\nbase = 'default'\n", "'search' is a built-in profile; give yours another name"),
    ("[profiles.mine]\nbsae = 'default'\n", "unknown key 'bsae' (did you mean 'base'?)"),
    ("[profiles.mine]\nbase = 'serch'\n", "unknown base profile 'serch' (did you mean 'search'?)"),
    (
        "profile = 'a'\n[profiles.a]\nbase = 'b'\n[profiles.b]\nbase = 'a'\n",
        "profiles based on each other: a → b → a",
    ),
    ("profile = 'mien'\n[profiles.mine]\n", "unknown profile 'mien' (did you mean 'mine'?)"),
    ("profile = \n", "not valid TOML"),
]


@pytest.mark.parametrize(("body", "message"), ERRORS, ids=[m for _, m in ERRORS])
def test_config_errors(tmp_path: Path, article: Path, body: str, message: str) -> None:
    config = write(tmp_path, "cleaner.toml", body)
    result = run(["--config", str(config), str(article)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_error_in_pyproject_names_the_table(tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "pyproject.toml", "[tool.cleaner]\nprofil = 'search'\n")
    monkeypatch.chdir(tmp_path)
    result = run([str(article)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'pyproject.toml'} [tool.cleaner]: unknown key 'profil'" in result.stderr


def test_config_file_without_tool_cleaner(tmp_path: Path, article: Path) -> None:
    config = write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n")
    result = run(["--config", str(config), str(article)])
    assert result.exit_code == 2
    assert "no [tool.cleaner] table" in result.stderr


def test_missing_config_file(tmp_path: Path, article: Path) -> None:
    result = run(["--config", str(tmp_path / "nope.toml"), str(article)])
    assert result.exit_code == 2
    assert "nope.toml: cannot read config file" in result.stderr


def test_unknown_profile_on_the_command_line_suggests_user_profiles(tmp_path: Path, article: Path) -> None:
    config = write(tmp_path, "cleaner.toml", "[profiles.newsroom]\n")
    result = run(["--config", str(config), "--profile", "newsrom", str(article)])
    assert result.exit_code == 2
    assert "unknown profile 'newsrom' (did you mean 'newsroom'?)" in result.stderr


def test_unknown_normalizer_on_the_command_line(article: Path) -> None:
    result = run(["--enable", "elongaton", str(article)])
    assert result.exit_code == 2
    assert "unknown normalizer 'elongaton' (did you mean 'elongation'?)" in result.stderr


def test_a_pattern_that_times_out_is_named(tmp_path: Path) -> None:
    config = write(tmp_path, "cleaner.toml", "[params.cms_markers]\npatterns = ['(a|aa)+$']\n")
    article = tmp_path / "slow.txt"
    article.write_text("نص " + "a" * 60 + "!\n", encoding="utf-8")
    result = run(["--config", str(config), str(article)])
    assert result.exit_code == 123
    assert "cms_markers: pattern '(a|aa)+$' ran longer than 1 s and was stopped" in result.stderr
    assert result.stdout == ""


def test_real_process_reads_the_config(tmp_path: Path, article: Path) -> None:
    """One run through the installed entry point, in a folder holding a cleaner.toml."""
    write(tmp_path, "cleaner.toml", 'profile = "search"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", str(article)], cwd=tmp_path, capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == cleaner.clean(TEXT, profile="search")
