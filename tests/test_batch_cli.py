"""Batch cleaning from the command line: folders, in place, check and diff, workers, reports, exit codes."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import main
from cleaner.textio import TEMP_PREFIX

ROOT = Path(__file__).resolve().parent.parent
DIRTY = "أعلن الرئيس  عن جـــديد [[system-code:ad:autoads]] على الطريق.\r\n\r\n■ دعم مستمر:\r\nوأضاف أن العمل مستمر إلى النهاية.\r\n"
CLEAN = cleaner.clean(DIRTY)


def run(*args: str, input: bytes | None = None):  # noqa: A002, ANN201
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def _cleaner(*args: str, stdin: bytes | None = None, **kw) -> subprocess.CompletedProcess[bytes]:  # noqa: ANN003
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, env=env, check=False, **kw
    )


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A scraped folder: text, markdown, JSONL, nested folders, hidden entries, other files."""
    src = tmp_path / "in"
    (src / "world" / "africa").mkdir(parents=True)
    (src / ".cache").mkdir()
    (src / "a.txt").write_text(DIRTY, "utf-8")
    (src / "b.md").write_text(CLEAN, "utf-8")  # already clean
    (src / "world" / "c.txt").write_bytes(DIRTY.encode("cp1256", "replace").replace(b"?", b"-"))
    (src / "world" / "africa" / "d.txt").write_text(DIRTY * 3, "utf-8")
    (src / "world" / "e.jsonl").write_text(json.dumps({"id": 1, "text": DIRTY}, ensure_ascii=False) + "\n", "utf-8")
    (src / "notes.csv").write_text("x,y\n", "utf-8")
    (src / ".hidden.txt").write_text(DIRTY, "utf-8")
    (src / ".cache" / "f.txt").write_text(DIRTY, "utf-8")
    (src / "loop").symlink_to(src, target_is_directory=True)  # a loop, never followed
    return src


def test_a_folder_is_mirrored_under_the_output_folder(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(corpus), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(_tree(out)) == ["a.txt", "b.md", "world/africa/d.txt", "world/c.txt", "world/e.jsonl"]
    assert _tree(out)["a.txt"] == CLEAN.encode()
    assert json.loads(_tree(out)["world/e.jsonl"])["text"] == CLEAN
    assert result.stdout == ""
    assert "4 changed, 1 unchanged, 0 skipped, 0 failed" in result.stderr


def test_include_and_exclude(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(corpus), "-o", str(out), "--include", "*.csv", "--include", "*.txt", "--exclude", "africa").exit_code == 0
    assert sorted(_tree(out)) == ["a.txt", "notes.csv", "world/c.txt"]
    out2 = tmp_path / "out2"
    assert run(str(corpus), "-o", str(out2), "--include", "world/*.txt").exit_code == 0
    assert sorted(_tree(out2)) == ["world/c.txt"]


def test_mixed_files_and_folders(corpus: Path, tmp_path: Path) -> None:
    single = tmp_path / "single.txt"
    single.write_text(DIRTY, "utf-8")
    out = tmp_path / "out"
    result = run(str(single), str(corpus / "world"), "-o", str(out) + "/")
    assert result.exit_code == 0
    assert sorted(_tree(out)) == ["africa/d.txt", "c.txt", "e.jsonl", "single.txt"]


def test_one_file_into_an_existing_folder(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(DIRTY, "utf-8")
    (tmp_path / "out").mkdir()
    assert run(str(src), "-o", str(tmp_path / "out")).exit_code == 0
    assert (tmp_path / "out" / "a.txt").read_text("utf-8") == CLEAN


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{a}", "{a}"], "-o"),
        (["{dir}"], "output folder (-o DIR)"),
        (["{dir}", "-o", "{dir}"], "is the input folder"),
        (["{a}", "--in-place", "-o", "{out}"], "exclude each other"),
        (["{dir}", "--check", "-o", "{out}"], "write nothing"),
        (["{dir}", "--skip-existing", "--in-place"], "--skip-existing needs"),
        (["-", "{a}", "-o", "{out}"], "stdin"),
        (["--in-place"], "--in-place needs files"),
        (["{dir}", "-o", "-"], "-o - (stdout) takes one input"),
    ],
)
def test_usage_errors_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    a = folder / "a.txt"
    a.write_text(DIRTY, "utf-8")
    names = {"a": str(a), "dir": str(folder), "out": str(tmp_path / "out")}
    result = run(*[x.format(**names) for x in args], input=b"x")
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert a.read_bytes() == DIRTY.encode() and not (tmp_path / "out").exists()


def test_nothing_is_written_outside_the_output_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "x.txt").write_text(DIRTY, "utf-8")
    (src / "y.txt").write_text(DIRTY, "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)  # a trap inside the output folder
    result = run(str(src), "-o", str(out))
    assert result.exit_code == 123 and "would leave the output folder" in result.stderr
    assert list(elsewhere.iterdir()) == [] and (out / "y.txt").read_text("utf-8") == CLEAN


def test_in_place_rewrites_changed_files_only(corpus: Path) -> None:
    a, b = corpus / "a.txt", corpus / "b.md"
    a.chmod(0o640)
    old = time.time() - 1000
    os.utime(b, (old, old))
    result = run(str(corpus), "--in-place")
    assert result.exit_code == 0, result.stderr
    assert a.read_text("utf-8") == CLEAN and stat.S_IMODE(a.stat().st_mode) == 0o640
    assert b.stat().st_mtime == old  # unchanged: not rewritten
    assert (corpus / ".hidden.txt").read_bytes() == DIRTY.encode()
    assert not [p for p in corpus.rglob(f"{TEMP_PREFIX}*")]
    second = run(str(corpus), "--check")
    assert second.exit_code == 0, second.stderr  # idempotent


def test_check_lists_changes_writes_nothing_and_exits_1(corpus: Path) -> None:
    before = _tree(corpus)
    result = run(str(corpus), "--check")
    assert result.exit_code == 1
    assert f"would change {corpus / 'a.txt'}" in result.stderr and "b.md" not in result.stderr
    assert result.stdout == "" and _tree(corpus) == before


def test_diff_prints_unified_diffs_and_writes_nothing(corpus: Path) -> None:
    before = _tree(corpus)
    result = run(str(corpus / "a.txt"), str(corpus / "b.md"), "--diff")
    assert result.exit_code == 0
    assert f"--- a{corpus / 'a.txt'}\n+++ b{corpus / 'a.txt'}\n" in result.stdout
    assert "\n+" + CLEAN.splitlines()[0] + "\n" in result.stdout
    assert "b.md" not in result.stdout and _tree(corpus) == before


def test_skip_existing_resumes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text("done before", "utf-8")
    result = run(str(corpus), "-o", str(out), "--skip-existing")
    assert result.exit_code == 0 and "1 skipped" in result.stderr
    assert (out / "a.txt").read_text("utf-8") == "done before" and (out / "b.md").exists()


def test_parallel_output_and_messages_equal_serial(corpus: Path, tmp_path: Path) -> None:
    for i in range(30):
        (corpus / f"n{i:02d}.txt").write_text(DIRTY * (i + 1), "utf-8")
    (corpus / "n05.txt").write_bytes(b"\x00\x01binary\x00\x00\x00")
    serial = run(str(corpus), "-o", str(tmp_path / "s"), "-j", "1", "--report", str(tmp_path / "s.json"))
    parallel = run(str(corpus), "-o", str(tmp_path / "p"), "-j", "3", "--report", str(tmp_path / "p.json"))
    assert serial.exit_code == parallel.exit_code == 123
    assert _tree(tmp_path / "s") == _tree(tmp_path / "p")
    strip = lambda text: [line for line in text.splitlines() if " s" not in line[-4:]]  # noqa: E731
    assert strip(serial.stderr)[:-1] == strip(parallel.stderr)[:-1]
    records = lambda p: [{k: v for k, v in r.items() if k != "output"} for r in json.loads(p.read_text())]  # noqa: E731
    assert records(tmp_path / "s.json") == records(tmp_path / "p.json")


def test_report_records(corpus: Path, tmp_path: Path) -> None:
    (corpus / "bad.txt").write_bytes(b"\x00" * 100)
    report = tmp_path / "r.json"
    result = run(str(corpus), "-o", str(tmp_path / "out"), "--report", str(report))
    assert result.exit_code == 123
    records = {Path(r["path"]).name: r for r in json.loads(report.read_text("utf-8"))}
    assert set(records) == {"a.txt", "b.md", "bad.txt", "c.txt", "d.txt", "e.jsonl"}
    a = records["a.txt"]
    assert a["encoding"] == "utf-8" and a["changed"] and a["error"] is None and a["bytes_in"] == len(DIRTY.encode())
    assert a["changes"]["tatweel"] == 3 and a["changes"]["cms_markers"] > 0 and "alef" in a["changes"]
    assert records["c.txt"]["encoding"] == "cp1256"
    assert records["b.md"]["changed"] is False and records["b.md"]["changes"] == {}
    assert "binary" in records["bad.txt"]["error"] and records["e.jsonl"]["records"] == 1


def test_summary_line_and_quiet(corpus: Path, tmp_path: Path) -> None:
    result = run(str(corpus), "-o", str(tmp_path / "out"))
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("cleaner: 4 changed, 1 unchanged, 0 skipped, 0 failed;") and " in, " in last and last.endswith(" s")
    quiet = run(str(corpus), "-o", str(tmp_path / "out2"), "-q")
    assert quiet.stderr == "" and quiet.exit_code == 0


def test_bad_inputs_do_not_stop_the_batch(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "1-good.txt").write_text(DIRTY, "utf-8")
    (src / "2-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (src / "3-latin.txt").write_bytes("Café crème".encode("latin-1"))
    (src / "4-vanished.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(src / "5-fifo.txt")
    (src / "6-good.txt").write_text(DIRTY, "utf-8")
    result = run(str(src), "-o", str(tmp_path / "out"), "-j", "2")
    assert result.exit_code == 123
    assert sorted(_tree(tmp_path / "out")) == ["1-good.txt", "6-good.txt"]
    err = result.stderr
    assert f"{src / '2-binary.txt'}: binary file" in err
    assert f"{src / '3-latin.txt'}: not valid UTF-8 at byte offset 3" in err and "--encoding" in err
    assert f"{src / '4-vanished.txt'}: No such file or directory" in err
    assert f"{src / '5-fifo.txt'}: not a regular file" in err
    assert "2 changed, 0 unchanged, 0 skipped, 4 failed" in err
    assert err.index("2-binary") < err.index("3-latin") < err.index("4-vanished")  # input order


def test_a_missing_argument_is_reported_and_the_rest_written(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(DIRTY, "utf-8")
    result = run(str(tmp_path / "nope.txt"), str(good), "-o", str(tmp_path / "out"))
    assert result.exit_code == 123 and "nope.txt: No such file or directory" in result.stderr
    assert (tmp_path / "out" / "good.txt").read_text("utf-8") == CLEAN


def test_forced_encoding_and_replace(tmp_path: Path) -> None:
    src = tmp_path / "l.txt"
    src.write_bytes("Café, déjà.".encode("latin-1"))
    assert _cleaner(str(src), "--encoding", "latin-1").stdout == "Café, déjà.\n".encode()  # Latin text: its comma stays
    assert run(str(src), "--encoding", "latin-1").stdout.startswith("Caf")
    assert "\ufffd" in run(str(src), "--errors", "replace").stdout
    assert run(str(src)).exit_code == 123


# --- real processes ------------------------------------------------------------------------------


def test_exit_codes_in_real_processes(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, "utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(DIRTY, "utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00" * 64)
    assert _cleaner("--check", str(clean)).returncode == 0
    assert _cleaner("--check", str(clean), str(dirty)).returncode == 1
    assert _cleaner(str(clean), str(dirty)).returncode == 2
    assert _cleaner("--check", str(dirty), str(binary)).returncode == 123
    help_text = _cleaner("--help").stdout.decode()
    codes = help_text.split("Exit codes:", 1)[-1]
    listed = [code for code in ("0", "1", "2", "123", "130", "141") if re.search(rf"^ +{code} +\S", codes, re.M)]
    assert "Exit codes:" in help_text and listed == ["0", "1", "2", "123", "130", "141"], codes


def test_jsonl_on_stdin_is_streamed_in_order(tmp_path: Path) -> None:
    lines = [json.dumps({"id": i, "meta": {"title": DIRTY}, "text": DIRTY}, ensure_ascii=False) for i in range(200)]
    lines.insert(50, "{broken")
    data = ("\n".join(lines) + "\n").encode()
    proc = _cleaner("--jsonl", "--text-key", "text", "--text-key", "meta.title", stdin=data)
    assert proc.returncode == 123 and b"<stdin>: JSONL lines copied through uncleaned: line 51: not valid JSON" in proc.stderr
    out = proc.stdout.decode().splitlines()
    assert len(out) == 201 and out[50] == "{broken"
    records = [json.loads(x) for i, x in enumerate(out) if i != 50]
    assert [r["id"] for r in records] == list(range(200))
    assert all(r["text"] == CLEAN and r["meta"]["title"] == CLEAN for r in records)


def test_a_pipe_with_a_cp1256_article(tmp_path: Path) -> None:
    data = DIRTY.replace("■", "*").encode("cp1256")
    proc = _cleaner(stdin=data)
    assert proc.returncode == 0 and proc.stdout == cleaner.clean(DIRTY.replace("■", "*")).encode()


def test_progress_bar_only_on_a_terminal(corpus: Path, tmp_path: Path) -> None:
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", str(corpus), "-o", str(tmp_path / "out"), "-j", "1"],
        stdout=subprocess.PIPE, stderr=slave, env=env, check=False, timeout=120,
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert proc.returncode == 0 and proc.stdout == b""
    assert b"files" in shown and b"MB/s" in shown and b"left" in shown
    piped = _cleaner(str(corpus), "-o", str(tmp_path / "out2"))
    assert b"MB/s" not in piped.stderr and b"\r" not in piped.stderr


def test_sigkill_during_in_place_leaves_every_file_whole(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    originals = {}
    for i in range(300):
        text = (DIRTY + f"فقرة رقم {i} طويلة بما يكفي لتكون نصا.\n") * (20 + i % 40)
        (src / f"{i:03d}.txt").write_text(text, "utf-8")
        originals[f"{i:03d}.txt"] = text
    expected = {name: cleaner.clean(text).encode() for name, text in originals.items()}
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    mid_run = []  # kills that found some files cleaned and some not yet
    for delay in (0.4, 0.8, 1.3, 0.6, 1.0):
        if mid_run and delay < 1.3:
            continue  # one kill mid-run is what the test needs
        proc = subprocess.Popen(
            [sys.executable, "-m", "cleaner", "--in-place", "-j", "2", "-q", str(src)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True,
        )
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, at once
        proc.wait()
        for path in sorted(src.iterdir()):
            if path.name.startswith(TEMP_PREFIX):
                continue  # a leftover: removed by the next run
            data = path.read_bytes()
            assert data in (originals[path.name].encode(), expected[path.name]), path.name
        cleaned_now = sum((src / name).read_bytes() == data for name, data in expected.items())
        if 0 < cleaned_now < len(expected):
            mid_run.append(delay)
    assert mid_run, "no kill landed mid-run (all files cleaned, or none yet, at every kill)"
    done = _cleaner("--in-place", str(src))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in src.iterdir()) == sorted(expected)  # leftovers cleaned up
    assert all((src / name).read_bytes() == data for name, data in expected.items())


# --- the output folder inside an input folder; the report's temporary file; links under --in-place --------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_output_folder_inside_the_input_holding_its_files_is_refused(tmp_path: Path, jobs: str) -> None:
    """``cleaner in -o in/sub`` with in/sub/a.txt there: in/a.txt would be written over it (the walk
    skips the output folder). A usage error naming both folders; nothing written, with or without
    workers (whose first batches are handed out while the files are listed)."""
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for i in range(300):
        (src / f"{i:03d}.txt").write_text(DIRTY, "utf-8")
    (src / "a.txt").write_text("top  one\n", "utf-8")
    (src / "sub" / "a.txt").write_text("ORIGINAL\n", "utf-8")
    before = _tree(tmp_path)
    done = _cleaner(str(src), "-o", str(src / "sub"), "-j", jobs)
    assert done.returncode == 2, done.stderr
    message = done.stderr.decode()
    assert f"-o {src / 'sub'} is inside the input folder {src}" in message and "sub/a.txt" in message, message
    assert _tree(tmp_path) == before and not list(tmp_path.rglob(TEMP_PREFIX + "*"))


def test_an_output_folder_inside_the_input_is_fine_while_new_or_empty(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(DIRTY, "utf-8")
    first = _cleaner(str(src), "-o", str(src / "clean"))  # first use: new
    assert first.returncode == 0 and (src / "clean" / "a.txt").read_text("utf-8") == CLEAN, first.stderr
    again = _cleaner(str(src), "-o", str(src / "clean"))  # it holds a.txt now, which the walk would take
    assert again.returncode == 2 and b"already holds files it would clean" in again.stderr
    (src / "clean" / "a.txt").unlink()
    (src / "clean" / "notes.csv").write_text("x\n", "utf-8")  # nothing the walk would take
    assert _cleaner(str(src), "-o", str(src / "clean")).returncode == 0
    assert (src / "clean" / "a.txt").read_text("utf-8") == CLEAN and not (src / "clean" / "clean").exists()
    hidden = src / ".out"  # never walked: whatever it holds
    hidden.mkdir()
    (hidden / "a.txt").write_text("kept\n", "utf-8")
    assert _cleaner(str(src), "-o", str(hidden)).returncode == 0 and (hidden / "a.txt").read_text("utf-8") == CLEAN


def test_a_report_temporary_file_left_by_a_killed_run_is_removed_by_the_next_run(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(DIRTY, "utf-8")
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    dead = int(gone.stdout)  # a process that has ended: its temporary files are leftovers
    reports = tmp_path / "reports"
    reports.mkdir()
    leftover = reports / f"{TEMP_PREFIX}{dead}-0a1b2c3d-0"
    leftover.write_bytes(b'[\n{"path": "half written')
    running = reports / f"{TEMP_PREFIX}{os.getpid()}-0a1b2c3d-0"  # a run going on: kept
    running.write_bytes(b"[")
    done = _cleaner(str(src), "-o", str(tmp_path / "out"), "--report", str(reports / "r.json"))
    assert done.returncode == 0, done.stderr
    assert not leftover.exists() and running.exists()
    assert json.loads((reports / "r.json").read_text("utf-8"))[0]["path"] == str(src / "a.txt")


def test_in_place_on_a_folder_does_not_rewrite_through_a_link(tmp_path: Path) -> None:
    """A link found in the folder walk is skipped (counted, said on stderr and in the report): it
    would rewrite a file elsewhere. A link named on the command line is cleaned, as asked."""
    (tmp_path / "in").mkdir()
    (tmp_path / "elsewhere").mkdir()
    victim = tmp_path / "elsewhere" / "victim.txt"
    victim.write_text(DIRTY, "utf-8")
    (tmp_path / "in" / "link.txt").symlink_to(victim)
    (tmp_path / "in" / "own.txt").write_text(DIRTY, "utf-8")
    report = tmp_path / "r.json"
    done = _cleaner("--in-place", str(tmp_path / "in"), "--report", str(report))
    assert done.returncode == 0, done.stderr
    assert victim.read_bytes() == DIRTY.encode() and (tmp_path / "in" / "own.txt").read_bytes() == CLEAN.encode()
    assert b"link.txt: skipped: a symbolic link" in done.stderr and b"1 changed, 0 unchanged, 1 skipped" in done.stderr
    records = {Path(r["path"]).name: r for r in json.loads(report.read_text("utf-8"))}
    assert records["link.txt"]["skipped"] and "symbolic link" in records["link.txt"]["note"]
    assert records["link.txt"]["output"] is None
    quiet = _cleaner("--in-place", "-q", str(tmp_path / "in"))
    assert quiet.returncode == 0 and quiet.stderr == b""
    named = _cleaner("--in-place", str(tmp_path / "in" / "link.txt"))  # named on purpose: cleaned through it
    assert named.returncode == 0 and victim.read_bytes() == CLEAN.encode()
    assert (tmp_path / "in" / "link.txt").is_symlink()
