"""The command-line contract defects C1-C6 and W1 of the review, each pinned by the inputs that showed it.

C1  --report with a file name that is not UTF-8 crashed (a lone surrogate cannot be UTF-8).
C2-C4  --explain decoded as UTF-8 only, explained JSONL lines as text, and ignored flags it cannot honour.
C5  an unknown --encoding failed each file (123) instead of being a usage error (2).
C6  the report said ``changed: false`` for every JSONL input cleaned to stdout or from stdin.
W1  a streamed file whose first megabyte is ASCII was decided UTF-8 (windows-1256 later failed).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import main
from cleaner.runner import FileTask, RunOptions, clean_file
from cleaner.textio import SNIFF_BYTES, DecodeError, decode_auto, iter_text, json_text

ROOT = Path(__file__).resolve().parent.parent
ARABIC = "قال الرئيس إن النمو مستمر في كل القطاعات،  وأكد ضرورة التعاون.\n"
CP1256 = ARABIC.encode("cp1256")
ASCII_LINE = b"2024-05-01 12:00:00 +0300 #17 | 42.5 | 1000 | -\n"  # ASCII without letters: Arabic decides


def run(*args: str, input: bytes | None = None, env: dict[str, str] | None = None):  # noqa: A002, ANN201
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def cleaner_process(*args: str | bytes, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("CLEANER_SCHEDULER", None)
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, env=env, check=False, timeout=120
    )


def leftovers(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(".cleaner-tmp-")]


# --- C1: --report and file names that are not UTF-8 ---------------------------------------------------


@pytest.fixture
def odd_name(tmp_path: Path) -> bytes:
    """A file whose name holds byte 0xff (not UTF-8), with text that the default profile changes."""
    name = os.path.join(os.fsencode(tmp_path), b"bad\xff name.txt")
    with open(name, "wb") as handle:
        handle.write("نص  عربي\n".encode())
    return name


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([], 0),  # one file to stdout
        (["--check"], 1),  # changed: exit 1, not a crash
        (["-o", b"OUT"], 0),  # one file to a folder below
    ],
    ids=["stdout", "check", "folder-output"],
)
def test_report_carries_a_name_that_is_not_utf8(tmp_path: Path, odd_name: bytes, args: list, code: int) -> None:
    args = [os.path.join(os.fsencode(tmp_path), a) if isinstance(a, bytes) else a for a in args]
    report = tmp_path / "report.json"
    src = odd_name if "-o" not in args else os.path.dirname(odd_name)
    if "-o" in args:  # a folder run: the input folder holds only the odd file
        folder = os.path.join(os.fsencode(tmp_path), b"in")
        os.mkdir(folder)
        os.rename(odd_name, os.path.join(folder, os.path.basename(odd_name)))
        src = folder
    proc = cleaner_process("--report", str(report), *args, src)
    assert proc.returncode == code, proc.stderr
    assert b"Traceback" not in proc.stderr
    records = json.loads(report.read_bytes().decode("utf-8"))  # strict UTF-8: the file is valid UTF-8 JSON
    assert len(records) == 1 and records[0]["error"] is None
    assert os.fsencode(records[0]["path"]).endswith(b"bad\xff name.txt")  # the original bytes, losslessly
    if records[0]["output"] is not None:
        assert os.path.exists(os.fsencode(records[0]["output"]))
    assert not leftovers(tmp_path)


def test_json_text_escapes_lone_surrogates_only() -> None:
    value = {"path": os.fsdecode(b"\xd9\x86\xff.txt"), "text": "نص 😀", "n": 1}
    out = json_text(value)
    out.encode("utf-8")  # never raises
    assert "\\udcff" in out and "نص 😀" in out  # everything else stays as it is
    assert json.loads(out) == value


def test_a_report_that_cannot_be_created_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    src = tmp_path / "a.txt"
    src.write_text("نص\n")
    result = run("--report", str(blocker / "r.json"), str(src))
    assert result.exit_code == 2 and "--report" in result.stderr and result.stdout == ""


def test_explain_json_carries_a_name_that_is_not_utf8(odd_name: bytes) -> None:
    proc = cleaner_process("--explain-json", odd_name)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout.decode("utf-8"))
    assert os.fsencode(data["source"]) == odd_name


# --- C2-C4: --explain decodes as a normal run, refuses what it cannot do --------------------------------


@pytest.mark.parametrize(
    ("data", "args"),
    [
        (CP1256, []),  # auto: windows-1256
        (CP1256, ["--encoding", "cp1256"]),
        (b"\xff\xfe" + ARABIC.encode("utf-16-le"), []),  # UTF-16 with a BOM
        (ARABIC.encode("utf-16-le"), ["--encoding", "utf-16-le"]),
        (ARABIC.encode() + b"\xff" + ARABIC.encode(), ["--errors", "replace"]),
    ],
    ids=["cp1256-auto", "cp1256-named", "utf16-bom", "utf16-named", "errors-replace"],
)
def test_explain_decodes_exactly_as_a_normal_run(tmp_path: Path, data: bytes, args: list[str]) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(data)
    normal = run(*args, str(src))
    explained = run("--explain", *args, str(src))
    assert normal.exit_code == explained.exit_code == 0, explained.stderr
    assert explained.stdout_bytes == normal.stdout_bytes and normal.stdout_bytes
    assert explained.stderr.startswith(f"explain {src}: profile default")
    as_json = run("--explain-json", *args, str(src))
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["chars_before"] > 0


def test_explain_fails_undecodable_input_as_a_normal_run_does(tmp_path: Path) -> None:
    src = tmp_path / "latin.txt"
    src.write_bytes(b"caf\xe9 au lait")
    normal, explained = run(str(src)), run("--explain", str(src))
    assert normal.exit_code == explained.exit_code == 123
    assert "byte offset 3" in explained.stderr and explained.stdout == ""


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--in-place"], "--in-place"),
        (["--check"], "--check"),
        (["--diff"], "--diff"),
        (["--report", "REPORT"], "--report"),
        (["--skip-existing"], "--skip-existing"),
        (["--include", "*.txt"], "--include"),
        (["--exclude", "x"], "--exclude"),
        (["--text-key", "body"], "--text-key"),
        (["--scheduler", "local:1"], "--scheduler"),
    ],
)
@pytest.mark.parametrize("flag", ["--explain", "--explain-json"])
def test_explain_refuses_flags_it_cannot_honour(tmp_path: Path, flag: str, args: list[str], named: str) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes("نص  عربي\n".encode())
    before = src.read_bytes()
    args = [str(tmp_path / "r.json") if a == "REPORT" else a for a in args]
    result = run(flag, *args, str(src))
    assert result.exit_code == 2 and named in result.stderr and result.stdout == ""
    assert src.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["in.txt"]  # nothing written


def test_explain_runs_locally_when_the_scheduler_comes_from_the_environment(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes("نص  عربي\n".encode())
    result = run("--explain", str(src), env={"CLEANER_SCHEDULER": "local:1"})
    assert result.exit_code == 0 and result.stdout_bytes == "نص عربي\n".encode()


@pytest.mark.parametrize(
    ("name", "args", "stdin"),
    [
        ("c.jsonl", [], None),
        ("c.JSONL", [], None),
        ("c.txt", ["--jsonl"], None),
        (None, ["--jsonl", "-"], b'{"text": "x"}\n'),
    ],
    ids=["suffix", "suffix-upper", "flag", "stdin"],
)
def test_explain_refuses_jsonl(tmp_path: Path, name: str | None, args: list[str], stdin: bytes | None) -> None:
    paths = []
    if name is not None:
        (tmp_path / name).write_bytes(b'{"text": "\xd9\x86\xd8\xb5  x"}\n')
        paths = [str(tmp_path / name)]
    result = run("--explain", *args, *paths, input=stdin)
    assert result.exit_code == 2 and "JSONL" in result.stderr and result.stdout == ""


def test_explain_takes_a_jsonl_file_as_text_with_no_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_bytes('{"text": "نص  x"}\n'.encode())
    result = run("--explain", "--no-jsonl", str(src))
    assert result.exit_code == 0 and result.stdout_bytes == run("--no-jsonl", str(src)).stdout_bytes


@pytest.mark.parametrize("case", ["folder", "two-inputs", "output-folder", "output-is-input"])
def test_explain_usage_errors_for_its_inputs_and_output(tmp_path: Path, case: str) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes("نص\n".encode())
    args = {
        "folder": [str(tmp_path)],
        "two-inputs": [str(src), str(src)],
        "output-folder": [str(src), "-o", str(tmp_path)],
        "output-is-input": [str(src), "-o", str(src)],
    }[case]
    result = run("--explain", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert src.read_bytes() == "نص\n".encode() and sorted(os.listdir(tmp_path)) == ["in.txt"]


def test_explain_reads_a_pipe_as_a_normal_run_does(tmp_path: Path) -> None:
    """`cleaner --explain <(cmd)`: a named pipe is read like a file; a folder or a device is not."""
    import threading

    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes("نص  جـديد\n".encode()))
    writer.start()
    result = run("--explain", str(fifo))
    writer.join()
    assert result.exit_code == 0 and result.stdout == "نص جديد\n" and "tatweel" in result.stderr
    device = run("--explain", "/dev/null")
    assert device.exit_code == 123 and "not a regular file or a pipe" in device.stderr


def test_explain_an_unwritable_output_is_123_not_a_traceback(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes("نص\n".encode())
    result = run("--explain", str(src), "-o", str(tmp_path / "in.txt" / "out.txt"))
    assert result.exit_code == 123 and "cannot write the output" in result.stderr


# --- C5: --encoding NAME is checked before any file is read ---------------------------------------------


@pytest.mark.parametrize("name", ["klingon", "utf-9", "base64", "rot13", "zlib"])
@pytest.mark.parametrize("extra", [[], ["--explain"], ["--check"]])
def test_an_unknown_or_non_text_encoding_is_a_usage_error(tmp_path: Path, name: str, extra: list[str]) -> None:
    missing = tmp_path / "does-not-exist.txt"  # a usage error before any file is read: not 123
    result = run("--encoding", name, *extra, str(missing))
    assert result.exit_code == 2 and "--encoding" in result.stderr and result.stdout == ""


def test_an_unknown_encoding_writes_nothing_for_a_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes("نص\n".encode())
    result = run("--encoding", "klingon", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["auto", "AUTO", "utf-8", "UTF8", "windows-1256", "cp1256", "latin-1"])
def test_known_encodings_are_accepted(name: str) -> None:
    result = run("--encoding", name, input=b"abc\n")
    assert result.exit_code == 0 and result.stdout_bytes == b"abc\n"


# --- C6: the report's changed for JSONL to stdout and from stdin ----------------------------------------

CHANGED = '{"id": 1, "text": "نص  عربي\\n"}\n'.encode()
UNCHANGED = '{"id": 1, "text": "نص عربي\\n"}\n{"id": 2, "text": "abc\\n"}\n'.encode()


@pytest.mark.parametrize(("data", "changed"), [(CHANGED, True), (UNCHANGED, False), (UNCHANGED + CHANGED, True)])
@pytest.mark.parametrize("how", ["file-to-stdout", "stdin-to-stdout", "stdin-to-file", "file-to-file", "stdin-check"])
def test_report_changed_for_jsonl_says_what_happened(tmp_path: Path, data: bytes, changed: bool, how: str) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(data)
    report = tmp_path / "report.json"
    out = tmp_path / "out.jsonl"
    args = {
        "file-to-stdout": [str(src)],
        "stdin-to-stdout": ["--jsonl", "-"],
        "stdin-to-file": ["--jsonl", "-", "-o", str(out)],
        "file-to-file": [str(src), "-o", str(out)],
        "stdin-check": ["--jsonl", "--check", "-"],
    }[how]
    result = run("--report", str(report), *args, input=data if "-" in args else None)
    assert result.exit_code == (1 if how == "stdin-check" and changed else 0), result.stderr
    record = json.loads(report.read_text("utf-8"))[0]
    assert record["changed"] is changed and record["records"] == data.count(b"\n")
    assert record["bytes_in"] == len(data)
    written = out.read_bytes() if out.exists() else result.stdout_bytes
    if how != "stdin-check":
        assert (written != data) is changed and record["bytes_out"] == len(written)


def test_report_changed_for_jsonl_that_is_only_re_encoded(tmp_path: Path) -> None:
    """windows-1256 JSONL whose text is clean: the output (UTF-8) differs from the input bytes."""
    data = '{"text": "نص عربي\\n"}\n'.encode("cp1256")
    report = tmp_path / "r.json"
    result = run("--report", str(report), "--jsonl", "-", input=data)
    assert result.exit_code == 0 and result.stdout_bytes == data.decode("cp1256").encode()
    record = json.loads(report.read_text("utf-8"))[0]
    assert record["encoding"] == "cp1256" and record["changed"] is True


# --- W1: --encoding auto on a streamed file decides from the first non-ASCII bytes -----------------------


class _Pipe(io.RawIOBase):
    """A stream that cannot seek and hands out at most 1000 bytes a read (like a pipe)."""

    def __init__(self, data: bytes):
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001
        chunk = self.data.read(min(len(buffer), 1000))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _streamed(data: bytes, pipe: bool) -> tuple[str, str] | tuple[str, int | None]:
    handle = io.BufferedReader(_Pipe(data)) if pipe else io.BytesIO(data)
    try:
        name, blocks = iter_text(handle, block_size=1 << 16)
        return name, "".join(blocks)
    except DecodeError as err:
        return "error", err.offset


def _whole(data: bytes) -> tuple[str, str] | tuple[str, int | None]:
    try:
        text, name = decode_auto(data)
        return name, text
    except DecodeError as err:
        return "error", err.offset


@pytest.mark.parametrize("head", [100, SNIFF_BYTES - 5, SNIFF_BYTES + 7, 2 * SNIFF_BYTES + 11])
@pytest.mark.parametrize(
    "tail",
    [CP1256 * 40, ARABIC.encode() * 40, b"", "caf\xe9 ".encode("latin-1") * 20, CP1256 + ARABIC.encode()],
    ids=["cp1256", "utf-8", "nothing", "latin-1", "mixed"],
)
@pytest.mark.parametrize("pipe", [False, True], ids=["seekable", "pipe"])
def test_iter_text_gets_the_encoding_a_whole_read_gets(head: int, tail: bytes, pipe: bool) -> None:
    data = (ASCII_LINE * (head // len(ASCII_LINE) + 1))[:head] + tail
    assert _streamed(data, pipe) == _whole(data)


def test_iter_text_decides_from_the_bytes_after_a_long_ascii_start() -> None:
    """A long English head (more than the first block) does not outvote the windows-1256 body after it:
    the megabyte from the first non-ASCII byte decides. (Read whole, this file is mostly Arabic too.)"""
    head = b"English words only in this long header. " * (2 * SNIFF_BYTES // 40)
    data = head + CP1256 * (3 * len(head) // len(CP1256))
    assert _whole(data) == _streamed(data, False) == _streamed(data, True) == ("cp1256", data.decode("cp1256"))


def test_iter_text_leaves_a_seekable_handle_after_the_first_block() -> None:
    """Reading ahead past an ASCII start moves the handle back: the caller's position is as before."""
    data = ASCII_LINE * (2 * SNIFF_BYTES // len(ASCII_LINE)) + CP1256 * 2000
    handle = io.BytesIO(data)
    name, blocks = iter_text(handle, block_size=1 << 16)
    assert name == "cp1256" and handle.tell() == SNIFF_BYTES
    assert "".join(blocks) == data.decode("cp1256")


@pytest.fixture
def small_sniff(monkeypatch: pytest.MonkeyPatch) -> int:
    """A small sniff size, so that a few kB exercise what 1 MiB does in a real run."""
    import cleaner.textio

    monkeypatch.setattr(cleaner.textio, "SNIFF_BYTES", 512)
    return 512


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_a_streamed_file_with_an_ascii_start_is_cleaned_as_when_read_whole(
    tmp_path: Path, small_sniff: int, suffix: str
) -> None:
    if suffix == ".txt":
        data = ASCII_LINE * 100 + CP1256 * 50
    else:
        data = b'{"text": "1234567"}\n' * 100 + ('{"text": "' + ARABIC.strip() + '"}\n').encode("cp1256") * 30
    src = tmp_path / f"in{suffix}"
    src.write_bytes(data)
    pipeline = cleaner.resolve("default")
    whole = clean_file(FileTask(src, tmp_path / f"whole{suffix}"), pipeline, RunOptions())
    streamed = clean_file(
        FileTask(src, tmp_path / f"streamed{suffix}"), pipeline, RunOptions(stream_threshold=1000, block_size=256)
    )
    assert whole.error is None and streamed.error is None, (whole.error, streamed.error)
    assert whole.encoding == streamed.encoding == "cp1256"
    assert (tmp_path / f"whole{suffix}").read_bytes() == (tmp_path / f"streamed{suffix}").read_bytes()


def test_a_streamed_jsonl_from_stdin_with_an_ascii_start(small_sniff: int) -> None:
    """stdin cannot seek: the ASCII start read ahead is spooled and cleaned after all; every byte counted once."""
    from cleaner.runner import clean_stream

    data = b'{"text": "1234567"}\n' * 200 + ('{"text": "' + ARABIC.strip() + '"}\n').encode("cp1256") * 50
    pipeline = cleaner.resolve("default")
    whole, streamed = io.BytesIO(), io.BytesIO()
    expected = clean_stream(io.BytesIO(data), whole, pipeline, RunOptions(jsonl=True, counts=True))
    result = clean_stream(
        io.BufferedReader(_Pipe(data)), streamed, pipeline, RunOptions(jsonl=True, counts=True, block_size=256)
    )
    assert expected.error is None and result.error is None, result.error
    assert result.encoding == expected.encoding == "cp1256"
    assert streamed.getvalue() == whole.getvalue() and whole.getvalue().count(b"\n") == 250
    assert result.bytes_in == expected.bytes_in == len(data) and result.records == 250
    assert result.changed is expected.changed is True and result.counts == expected.counts


@pytest.mark.parametrize("check", [False, True])
def test_an_english_start_then_windows_1256_gets_one_encoding_read_whole_or_streamed(
    tmp_path: Path, small_sniff: int, check: bool
) -> None:
    """English letters before the first non-ASCII byte do not count against windows-1256: a big file is
    decided from the bytes after it, read whole (--check, --diff, small enough files) or streamed."""
    data = b"The quick brown fox jumps over the lazy dog again.\n" * 40 + CP1256 * 20
    src = tmp_path / "in.txt"
    src.write_bytes(data)
    pipeline = cleaner.resolve("default")
    whole = clean_file(FileTask(src, None if check else tmp_path / "whole.txt"), pipeline, RunOptions(check=check))
    streamed = clean_file(
        FileTask(src, None if check else tmp_path / "streamed.txt"),
        pipeline,
        RunOptions(check=check, stream_threshold=1000, block_size=256),
    )
    assert whole.error is None and streamed.error is None, (whole.error, streamed.error)
    assert whole.encoding == streamed.encoding == "cp1256" and whole.changed == streamed.changed
    if not check:
        assert (tmp_path / "whole.txt").read_bytes() == (tmp_path / "streamed.txt").read_bytes()


@pytest.mark.parametrize("name", ["undefined", "base64", "no-such-codec"])
def test_an_encoding_that_cannot_decode_text_is_a_usage_error(tmp_path: Path, name: str) -> None:
    src = tmp_path / "in.txt"
    src.write_text("نص\n", "utf-8")
    result = run("--encoding", name, str(src))
    assert result.exit_code == 2 and result.stdout == ""
