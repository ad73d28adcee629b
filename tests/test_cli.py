"""The command line for one file and for pipes, through Click's runner and real processes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "articles" / "000_ef6d2234d4644e58.txt"


def run(*args: str, input: bytes | None = None):  # noqa: A002, ANN201
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_a_file_is_cleaned_to_stdout() -> None:
    result = run(str(SEED))
    assert result.exit_code == 0
    assert result.stdout_bytes == cleaner.clean(SEED.read_text("utf-8")).encode("utf-8")
    assert result.stderr == ""


@pytest.mark.parametrize("args", [[], ["-"]])
def test_stdin_is_cleaned_to_stdout(args: list[str]) -> None:
    result = run(*args, input="أ\u200fب".encode())
    assert result.exit_code == 0 and result.stdout_bytes == "ا ب\n".encode()


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    result = run(str(SEED), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_bytes() == run(str(SEED)).stdout_bytes
    assert not [p for p in tmp_path.iterdir() if p.name != "clean.txt"]  # no temporary file left


def test_profiles_enable_disable_and_format() -> None:
    text = "■ عنوان\nفقرة أولى تنتهي هنا.\n■ دعم مستمر\nفقرة إلى آخرها.".encode()
    assert run("--profile", "preserve", input=text).stdout_bytes.decode().count("إلى") == 1
    assert "الي" in run(input=text).stdout
    assert "إلي" in run("--disable", "alef", input=text).stdout
    assert "## دعم مستمر" in run("--format", "markdown", input=text).stdout
    assert "■ دعم مستمر" in run("--disable", "headings", input=text).stdout


def test_a_bom_is_dropped() -> None:
    assert run(input=b"\xef\xbb\xbf\xd9\x86\xd8\xb5").stdout_bytes == "نص\n".encode()


def test_invalid_utf8_names_the_file_and_offset_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("نص سليم".encode() + b"\xff\xfe" + "بقية".encode())
    out = tmp_path / "out.txt"
    result = run(str(bad), "-o", str(out), "--encoding", "utf-8") if _has_option("--encoding") else run(
        str(bad), "-o", str(out)
    )
    assert result.exit_code == 123
    assert str(bad) in result.stderr and "byte offset 13" in result.stderr
    assert result.stdout == "" and not out.exists()


def _has_option(name: str) -> bool:
    return any(name in p.opts for p in main.params)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--profile", "defualt"], "did you mean 'default'"),
        (["--enable", "alf"], "did you mean 'alef'"),
        (["--format", "html"], "'html' is not one of"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args: list[str], message: str) -> None:
    result = run(*args, input=b"x")
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_several_files_without_an_output_are_a_usage_error() -> None:
    result = run(str(SEED), str(SEED))
    assert result.exit_code == 2 and "-o" in result.stderr and result.stdout == ""


def test_list_shows_every_normalizer() -> None:
    result = run("--list")
    assert result.exit_code == 0
    for entry in cleaner.list_normalizers():
        assert re.search(rf"^{entry.name}\s", result.stdout, re.M), entry.name


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"cleaner {cleaner.__version__}"
    help_text = run("--help").stdout
    assert "Exit codes" in help_text and "123" in help_text and "Examples" in help_text


# --- the seed article: the "done when" ----------------------------------------------


def test_seed_default() -> None:
    out = run(str(SEED)).stdout
    original = [line for line in SEED.read_text("utf-8").split("\n") if line and "[[" not in line]
    assert "[[system-code" not in out
    assert not set(out) & set("أإآى")
    blocks = out.rstrip("\n").split("\n\n")
    assert len(blocks) == len(original) == 15 and "\n" not in "".join(blocks)
    assert "دعم مستمر" in blocks and "برنامج بوتين" in blocks
    first_words = [line.split()[1] for line in original]  # text lines kept in order
    assert [b.split()[1] for b in blocks] == [cleaner.clean(w).strip() for w in first_words]


def test_seed_markdown() -> None:
    out = run("--format", "markdown", str(SEED)).stdout
    assert "\n\n## دعم مستمر\n\n" in out and "\n\n## برنامج بوتين\n\n" in out


def test_seed_preserve_keeps_every_spelling() -> None:
    out = run("--profile", "preserve", str(SEED)).stdout
    words_in = [w for w in SEED.read_text("utf-8").split() if "[[" not in w]
    assert out.split() == words_in


# --- real processes -------------------------------------------------------------------------


def _cleaner(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, env=env, check=False
    )


def test_a_pipe_and_a_file_give_the_same_bytes() -> None:
    piped = _cleaner(stdin=SEED.read_bytes())
    named = _cleaner(str(SEED))
    dashed = _cleaner("-", stdin=SEED.read_bytes())
    assert piped.returncode == named.returncode == dashed.returncode == 0
    assert piped.stdout == named.stdout == dashed.stdout and piped.stdout
    assert piped.stderr == b""


def test_a_closed_pipe_is_not_an_error_message_storm() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", str(SEED)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait()
    assert b"Traceback" not in err
