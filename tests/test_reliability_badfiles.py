"""Bad input files never stop a batch (issue 8): each gets a clear message, the others are written.

The corpus is generated in ``tmp_path`` by ``tests/badfiles`` (see its README). The folder runs go
through the real command line (``python -m cleaner``, a subprocess with a timeout). Failures that
depend on the file system are made here:

* Unreadable file: CI runs as root, and root reads a file whatever its permission bits, so the test
  makes ``open`` raise ``PermissionError`` for that one path (an in-process run with ``-j 1``). A
  second test uses real permissions and skips, saying so, when run as root.
* A file deleted during the run: ``open`` deletes that path just before opening it (after the
  folder was listed and the file was stat'ed), exactly the race a concurrent ``rm`` makes.
"""

from __future__ import annotations

import builtins
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from badfiles import GOOD, GOOD_CLEANED, PNG, build
from cleaner.cli import main
from cleaner.textio import TEMP_PREFIX


def cli(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "cleaner", *(os.fsencode(a) if isinstance(a, Path) else str(a) for a in args)]
    return subprocess.run(command, capture_output=True, timeout=timeout, check=False)


def err(run: subprocess.CompletedProcess[bytes]) -> str:
    return run.stderr.decode("utf-8", "replace")


def files_below(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def assert_good_outputs(out: Path) -> None:
    for name, cleaned in GOOD_CLEANED.items():
        assert (out / name).read_text(encoding="utf-8") == cleaned, name


def assert_no_leftovers(folder: Path) -> None:
    leftovers = [p for p in folder.rglob("*") if p.name.startswith(TEMP_PREFIX)]
    assert not leftovers, f"temporary files left behind: {leftovers}"


def message_for(stderr: str, name: str) -> str:
    lines = [line for line in stderr.splitlines() if name in line]
    assert lines, f"no message names {name!r}:\n{stderr}"
    return "\n".join(lines)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_bad_file_is_reported_and_the_rest_of_the_batch_goes_on(tmp_path: Path, jobs: str) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    bad = build(src)
    run = cli(src, "-o", out, "-j", jobs)
    stderr = err(run)
    assert run.returncode == 123, stderr
    assert run.stdout == b""  # messages go to stderr only
    for name, words in bad.items():
        message = message_for(stderr, name)
        for word in words:
            assert word in message, f"{name}: {word!r} missing from {message!r}"
        assert not (out / name).exists(), f"{name}: output written for a file that failed"
    assert_good_outputs(out)
    assert files_below(out) == set(GOOD), "only the good files are written"
    assert_no_leftovers(out)


def test_utf16_without_bom_is_cleaned_when_its_encoding_is_named(tmp_path: Path) -> None:
    src = tmp_path / "u.txt"
    src.write_bytes("خبر  جـــديد\n".encode("utf-16-le"))
    run = cli(src, "--encoding", "utf-16-le")
    assert run.returncode == 0, err(run)
    assert run.stdout == "خبر جديد\n".encode()


def test_a_mixed_encoding_file_is_never_turned_into_mojibake(tmp_path: Path) -> None:
    """Both orders: whatever the file starts with, nothing is guessed and nothing is written."""
    text = "قال الرئيس إن النمو مستمر في كل القطاعات.\n"
    for order, data in {
        "utf8-first": text.encode() * 20 + text.encode("cp1256") * 20,
        "cp1256-first": text.encode("cp1256") * 20 + text.encode() * 20,
    }.items():
        src, dst = tmp_path / f"{order}.txt", tmp_path / f"{order}.out"
        src.write_bytes(data)
        run = cli(src, "-o", dst)
        assert run.returncode == 123, f"{order}: {err(run)}"
        assert "not valid UTF-8" in err(run) and "offset" in err(run)
        assert not dst.exists()


def test_a_genuine_windows_1256_file_is_still_read(tmp_path: Path) -> None:
    src = tmp_path / "legacy.txt"
    src.write_bytes("خبر  جـــديد، ونص آخر.\r\n".encode("cp1256") + b"\x00")
    run = cli(src)
    assert run.returncode == 0, err(run)
    assert run.stdout.decode() == "خبر جديد، ونص اخر.\n"  # default profile: alef folded


def _fail_open_for(monkeypatch: pytest.MonkeyPatch, target: Path, action: str) -> None:
    """Make ``open(target)`` fail in this process: ``action`` is 'deny' or 'delete'."""
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if isinstance(file, str | bytes | os.PathLike) and os.path.abspath(os.fsdecode(file)) == str(target):
            if action == "deny":
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(file))
            os.unlink(target)  # deleted after the folder was listed and the file stat'ed
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)


@pytest.mark.parametrize(("action", "reason"), [("deny", "Permission denied"), ("delete", "No such file")])
def test_an_unreadable_or_vanished_file_is_reported_and_the_rest_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str, reason: str
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for name, text in GOOD.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    victim = src / "victim.txt"
    victim.write_text("نص\n", encoding="utf-8")
    _fail_open_for(monkeypatch, victim, action)
    result = CliRunner().invoke(main, [str(src), "-o", str(out), "-j", "1"])
    assert result.exit_code == 123, result.stderr
    assert reason in message_for(result.stderr, "victim.txt")
    assert not (out / "victim.txt").exists()
    assert_good_outputs(out)
    assert_no_leftovers(out)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_without_read_permission_is_reported(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "ok.txt").write_text("نص\n", encoding="utf-8")
    locked = src / "locked.txt"
    locked.write_text("نص\n", encoding="utf-8")
    locked.chmod(0)
    try:
        run = cli(src, "-o", out)
    finally:
        locked.chmod(0o644)
    assert run.returncode == 123
    assert "Permission denied" in message_for(err(run), "locked.txt")
    assert (out / "ok.txt").read_text(encoding="utf-8") == "نص\n"


def test_a_symlink_loop_in_a_folder_neither_hangs_nor_repeats(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "a").mkdir(parents=True)
    (src / "a" / "x.txt").write_text("نص  اول\n", encoding="utf-8")
    (src / "loop").symlink_to(src)  # in/loop -> in
    (src / "a" / "up").symlink_to("..")  # in/a/up -> in
    (src / "self").symlink_to("self")  # a link to itself
    run = cli(src, "-o", out, timeout=60)
    assert run.returncode in (0, 123), err(run)
    assert files_below(out) == {"a/x.txt"}
    assert (out / "a" / "x.txt").read_text(encoding="utf-8") == "نص اول\n"


def test_names_that_are_not_utf8_are_kept_and_reported(tmp_path: Path) -> None:
    """File names are bytes on Linux: a name that is not UTF-8 is written back under the same bytes."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    good, bad = os.fsdecode(b"caf\xe9 \xff.txt"), os.fsdecode(b"\xfe\xfd bad.txt")
    (src / good).write_text("نص  جيد\n", encoding="utf-8")
    (src / bad).write_bytes(PNG)
    run = cli(src, "-o", out)
    assert run.returncode == 123, err(run)
    assert (out / good).read_text(encoding="utf-8") == "نص جيد\n"
    assert not (out / bad).exists()
    assert "bad.txt" in err(run) and "binary" in err(run)


def test_nothing_is_written_outside_the_output_folder(tmp_path: Path) -> None:
    """Paths that would leave OUTDIR through symbolic links are refused and reported; outside stays as it was."""
    src, out, outside = tmp_path / "in", tmp_path / "out", tmp_path / "outside"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text("نص  أ\n", encoding="utf-8")
    (src / "b.txt").write_text("نص  ب\n", encoding="utf-8")
    (src / "c.txt").write_text("نص  ج\n", encoding="utf-8")
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_text("do not touch\n", encoding="utf-8")
    out.mkdir()
    (out / "sub").symlink_to(outside)  # out/sub -> a folder outside
    (out / "b.txt").symlink_to(victim)  # out/b.txt -> a file outside
    run = cli(src, "-o", out)
    stderr = err(run)
    assert run.returncode == 123, stderr
    assert victim.read_text(encoding="utf-8") == "do not touch\n"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]
    message_for(stderr, "a.txt")
    message_for(stderr, "b.txt")
    assert (out / "c.txt").read_text(encoding="utf-8") == "نص ج\n"


def test_mixed_file_and_folder_arguments(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    build(src / "folder")
    single = src / "single.txt"
    single.write_text("نص  منفرد\n", encoding="utf-8")
    run = cli(single, src / "folder", "-o", out, "-j", "1")
    assert run.returncode == 123  # the folder holds the bad corpus
    assert (out / "single.txt").read_text(encoding="utf-8") == "نص منفرد\n"
    assert_good_outputs(out)  # a folder's files go at their path relative to that folder


def test_bad_jsonl_lines_are_reported_with_their_number_and_copied_through(tmp_path: Path) -> None:
    src, dst = tmp_path / "c.jsonl", tmp_path / "out.jsonl"
    lines = [
        json.dumps({"id": 1, "text": "خبر  جـــديد"}, ensure_ascii=False),
        "not json at all",
        json.dumps({"id": 3, "body": "لا مفتاح"}, ensure_ascii=False),
        json.dumps({"id": 4, "text": 42}),
        "[1, 2]",
        '{"id": 6, "text": "\\ud800 نص"}',  # an escaped lone surrogate
        "",
        json.dumps({"id": 8, "text": "اخر  سطر"}, ensure_ascii=False),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = cli(src, "-o", dst)
    stderr = err(run)
    assert run.returncode == 123, stderr
    out = dst.read_text(encoding="utf-8").split("\n")
    assert len(out) == len(lines) + 1  # one record per line, in order, nothing lost
    assert json.loads(out[0])["text"] == "خبر جديد\n"
    for k in (1, 2, 3, 4):
        assert out[k] == lines[k], f"line {k + 1} not copied through unchanged"
        assert f"line {k + 1}" in stderr
    assert "\ud800" not in json.loads(out[5])["text"]  # cleaned: U+FFFD, writable
    assert json.loads(out[7])["text"] == "اخر سطر\n"


def test_relative_inputs_above_the_working_folder_stay_inside_the_output_folder(tmp_path: Path) -> None:
    data, work = tmp_path / "data", tmp_path / "work"
    (data / "sub").mkdir(parents=True)
    work.mkdir()
    (data / "a.txt").write_text("نص  ا\n", encoding="utf-8")
    (data / "sub" / "b.txt").write_text("نص  ب\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "cleaner", "../data/a.txt", "../data/sub", "-o", "out"],
        cwd=work, capture_output=True, timeout=60, check=False,
    )
    assert run.returncode == 0, err(run)
    assert files_below(tmp_path) == {"data/a.txt", "data/sub/b.txt", "work/out/a.txt", "work/out/b.txt"}


def test_a_streamed_windows_1256_file_with_utf8_later_fails_at_that_offset() -> None:
    """Files above the stream threshold are decoded block by block from the encoding of their first
    MiB: UTF-8 after a windows-1256 start must fail there, not become mojibake."""
    import io

    from cleaner.textio import SNIFF_BYTES, DecodeError, iter_text

    head = ("قال الرئيس إن النمو مستمر في كل القطاعات.\r\n".encode("cp1256")) * (SNIFF_BYTES // 40 + 100)
    data = head + "نص بترميز آخر تماما.\n".encode() * 10
    encoding, blocks = iter_text(io.BytesIO(data), block_size=1 << 16)
    assert encoding == "cp1256"
    with pytest.raises(DecodeError) as info:
        for _ in blocks:
            pass
    assert info.value.offset is not None and len(head) <= info.value.offset <= len(head) + 8
    assert "UTF-8" in str(info.value)


def test_a_bad_file_named_with_a_newline_or_escape_gets_one_printable_message_line(tmp_path: Path) -> None:
    """Once a defect: the name was printed raw, so a newline split the message over two lines and an
    escape sequence in a name reached the terminal."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "bad\nname.txt").write_bytes(PNG)
    (src / "esc\x1b[2J.txt").write_bytes(PNG)
    run = cli(src, "-o", out, "-q")
    stderr = err(run)
    assert run.returncode == 123
    assert "\x1b" not in stderr
    lines = stderr.splitlines()
    assert any("bad\\nname.txt" in line and "binary" in line for line in lines), stderr
    assert any("esc\\x1b[2J.txt" in line and "binary" in line for line in lines), stderr
