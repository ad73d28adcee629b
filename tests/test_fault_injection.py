"""Fault injection through the real command line (issue 8): nothing is lost or half-written.

* SIGKILL at random moments of an ``--in-place`` folder run, many times over: every file is either
  its original bytes or the full cleaned output, and the next run removes the leftover temporary files.
  The same for a mirror-tree run (``-o DIR``, alternating with ``--skip-existing`` resumes): every
  output file is either absent or the full cleaned output, never partial, the inputs are untouched,
  and the next run completes the tree and removes the leftover temporary files.
  The whole process group is killed (the main process and its workers), as a crash or the OOM killer
  would. The seed of each run is in the failure message.
* A write that fails: a real file-size limit (``RLIMIT_FSIZE``, with ``SIGXFSZ`` ignored, so writes
  past it fail with ``EFBIG`` as on a full disk) in a subprocess, and ``ENOSPC`` injected at
  ``fsync`` in-process. The original stays intact and the file is reported.
* A read-only output folder: real permissions when not root; as root (CI), permissions do not stop
  writes, so the folder is made immutable (``chattr +i``) when the file system allows it, and
  otherwise, as in the in-process test, creating the temporary file fails with ``EROFS``.
* An input deleted while the run goes on: a real concurrent deletion (subprocess) and a
  deterministic one (see ``test_reliability_badfiles.py``).
"""

from __future__ import annotations

import errno
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import textio
from cleaner.cli import main
from cleaner.textio import TEMP_PREFIX

KILLS = int(os.environ.get("CLEANER_FAULT_KILLS", "12"))


def command(*args: object) -> list[str]:
    return [sys.executable, "-m", "cleaner", *(str(a) for a in args)]


def cli(*args: object, timeout: float = 120, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(command(*args), capture_output=True, timeout=timeout, check=False, **kwargs)


def make_corpus(folder: Path, files: int = 30, seed: int = 8) -> None:
    """Articles that need cleaning, some large (so a kill often lands mid-write), a few already clean."""
    rng = random.Random(seed)
    words = "قال الرئيس إن النمو بلغ في المئة هذا العام وفق التقرير الرسمي جـــديد الحكومة مستمر".split()
    for i in range(files):
        size = rng.choice([20, 200, 1000, 3000])  # lines
        lines = []
        for j in range(size):
            line = " ".join(rng.choice(words) for _ in range(12)) + f" {i}.{j}."
            if j % 7 == 0:
                line += "  [[system-code:ad:autoads]]"
            lines.append(line)
        sub = folder / f"part{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"article {i:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "clean.txt").write_text("نص نظيف.\n", encoding="utf-8")  # already clean


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(TEMP_PREFIX)]


def _reference_run(src: Path, expected_dir: Path) -> tuple[dict[str, bytes], dict[str, bytes], float]:
    """Make the corpus and clean it once undisturbed: (inputs, expected outputs, seconds it took)."""
    make_corpus(src)
    start = time.perf_counter()
    reference = cli(src, "-o", expected_dir)
    duration = time.perf_counter() - start
    assert reference.returncode == 0, reference.stderr.decode()
    original, cleaned = snapshot(src), snapshot(expected_dir)
    assert original.keys() == cleaned.keys()
    return original, cleaned, duration


def _kill_at_random(args: list[str], rng: random.Random, duration: float) -> bool:
    """Start a run, SIGKILL it and its workers at a random moment; whether it was still running."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(rng.uniform(0.1, duration * 0.95))
    running = proc.poll() is None
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, at once
    except ProcessLookupError:
        pass  # it had finished
    proc.wait(timeout=60)
    time.sleep(0.05)  # let killed workers be reaped by init
    return running


def test_sigkill_during_in_place_runs_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    src, expected_dir, work = tmp_path / "src", tmp_path / "expected", tmp_path / "work"
    original, cleaned, duration = _reference_run(src, expected_dir)
    shutil.copytree(src, work)

    seed = int(os.environ.get("CLEANER_FAULT_SEED", str(random.randrange(1 << 30))))
    rng = random.Random(seed)
    seen_leftovers = killed_mid_run = 0
    for attempt in range(KILLS):
        killed_mid_run += _kill_at_random(command("--in-place", work, "-q"), rng, duration)
        seen_leftovers += len(leftovers(work))
        for rel, data in original.items():
            now = (work / rel).read_bytes()
            assert now in (data, cleaned[rel]), f"seed {seed}, kill {attempt}: {rel} is neither original nor cleaned"
        extra = {
            str(p.relative_to(work)) for p in work.rglob("*") if p.is_file() and not p.name.startswith(TEMP_PREFIX)
        } - original.keys()
        assert not extra, f"seed {seed}: unexpected files {extra}"

    final = cli("--in-place", work)
    assert final.returncode == 0, final.stderr.decode()
    assert snapshot(work) == cleaned, f"seed {seed}: the last run did not finish the job"
    assert not leftovers(work), f"seed {seed}: the last run left temporary files"
    mtimes = {p: p.stat().st_mtime_ns for p in work.rglob("*") if p.is_file()}
    again = cli("--in-place", work)
    assert again.returncode == 0
    assert {p: p.stat().st_mtime_ns for p in work.rglob("*") if p.is_file()} == mtimes, "clean files rewritten"
    assert killed_mid_run > 0, f"seed {seed}: no kill landed during a run ({duration:.2f}s runs)"
    print(f"seed {seed}: {killed_mid_run}/{KILLS} kills mid-run, {seen_leftovers} temporary files left and cleaned up")


def test_sigkill_during_output_folder_runs_never_leaves_a_partial_output(tmp_path: Path) -> None:
    src, expected_dir, out = tmp_path / "src", tmp_path / "expected", tmp_path / "out"
    original, cleaned, duration = _reference_run(src, expected_dir)

    seed = int(os.environ.get("CLEANER_FAULT_SEED", str(random.randrange(1 << 30))))
    rng = random.Random(seed)
    seen_leftovers = killed_mid_run = 0
    for attempt in range(KILLS):
        resume = ("--skip-existing",) if attempt % 2 else ()  # overwrite complete outputs, or resume
        killed_mid_run += _kill_at_random(command(src, "-o", out, "-q", *resume), rng, duration)
        seen_leftovers += len(leftovers(out))
        written = snapshot(out) if out.exists() else {}
        for rel, data in written.items():
            if Path(rel).name.startswith(TEMP_PREFIX):
                continue
            assert rel in cleaned, f"seed {seed}, kill {attempt}: unexpected file {rel} in the output folder"
            assert data == cleaned[rel], f"seed {seed}, kill {attempt}: {rel} is a partial or wrong output"
        assert snapshot(src) == original, f"seed {seed}, kill {attempt}: an input was changed"

    final = cli(src, "-o", out, "--skip-existing")
    assert final.returncode == 0, final.stderr.decode()
    assert snapshot(out) == cleaned, f"seed {seed}: the resumed run did not finish the tree"
    assert not leftovers(out), f"seed {seed}: the resumed run left temporary files"
    again = cli(src, "-o", out)  # a full run over a complete tree: the same bytes, nothing left behind
    assert again.returncode == 0, again.stderr.decode()
    assert snapshot(out) == cleaned and not leftovers(out)
    assert killed_mid_run > 0, f"seed {seed}: no kill landed during a run ({duration:.2f}s runs)"
    print(f"seed {seed}: {killed_mid_run}/{KILLS} kills mid-run, {seen_leftovers} temporary files left and cleaned up")


def _interrupt_at_random(
    args: list[str], rng: random.Random, duration: float, started: Callable[[], bool]
) -> tuple[bool, int, str]:
    """Start a run with SIGINT at its default (a shell's foreground job), press Ctrl-C at a random
    moment once it has started writing (``started()``; Ctrl-C while the interpreter starts is not
    this test's matter) (SIGINT to the whole process group, workers included); returns (still
    running then, exit code, stderr). A run that does not end within 30 s after it is a failure (a deadlock)."""
    proc = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while proc.poll() is None and not started() and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(rng.uniform(0, duration * 0.6))
    running = proc.poll() is None
    try:
        os.killpg(proc.pid, signal.SIGINT)
    except ProcessLookupError:
        pass  # it had finished
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"the run hung after Ctrl-C: {args}")
    for _ in range(100):  # the workers are gone too (ended by the run, not left running)
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.02)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("worker processes outlived the interrupted run")
    return running, proc.returncode, err.decode("utf-8", "replace")


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("mode", ["in-place", "output"])
def test_ctrl_c_mid_run_leaves_no_temporary_file_and_never_hangs(tmp_path: Path, jobs: str, mode: str) -> None:
    """Ctrl-C at random moments, several times: the run ends with 130 and its message, no
    traceback, within seconds (workers ignore SIGINT and the run ends them), and removes its own
    temporary files (the workers' too): every file is the original or the whole cleaned output."""
    src, expected_dir, work, out = tmp_path / "src", tmp_path / "expected", tmp_path / "work", tmp_path / "out"
    original, cleaned, duration = _reference_run(src, expected_dir)
    seed = int(os.environ.get("CLEANER_FAULT_SEED", str(random.randrange(1 << 30))))
    rng = random.Random(seed)
    interrupted = 0
    for attempt in range(int(os.environ.get("CLEANER_FAULT_INTERRUPTS", "4"))):
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(src, work)
        target = ["--in-place", work] if mode == "in-place" else [work, "-o", out, "--report", tmp_path / "r.json"]
        if mode == "in-place":
            def started() -> bool:
                return any(p.name.startswith(TEMP_PREFIX) for p in work.rglob("*"))
        else:
            def started() -> bool:
                return out.exists()
        running, code, err = _interrupt_at_random(command(*target, "-q", "-j", jobs), rng, duration, started)
        where = f"seed {seed}, Ctrl-C {attempt}, -j {jobs} {mode}"
        # -SIGINT: Ctrl-C while the interpreter was shutting down (its handler gone) once the run was done
        done = snapshot(work if mode == "in-place" else out) == cleaned
        assert code in (0, 130) or (code == -signal.SIGINT and done), f"{where}: exit code {code}: {err[-2000:]}"
        assert "Traceback" not in err, f"{where}: {err[-2000:]}"
        if code == 130:
            interrupted += running
            assert "interrupted; files written so far are complete" in err, f"{where}: {err[-500:]}"
        left = leftovers(tmp_path)
        assert not left, f"{where}: the interrupted run left its temporary files {left}"
        assert snapshot(work) == original or mode == "in-place", f"{where}: an input was changed"
        for rel, data in snapshot(work if mode == "in-place" else out).items():
            allowed = (original[rel], cleaned[rel]) if mode == "in-place" else (cleaned[rel],)
            assert data in allowed, f"{where}: {rel} is neither original nor the whole cleaned output"
    assert interrupted > 0, f"seed {seed}: no Ctrl-C landed during a run ({duration:.2f}s runs)"


def _limit_file_size(limit: int):  # noqa: ANN202
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


@pytest.mark.parametrize("mode", ["in-place", "outdir"])
def test_a_failing_write_leaves_the_original_intact_and_is_reported(tmp_path: Path, mode: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    small, big = src / "small.txt", src / "big.txt"
    small.write_text("نص  قصير\n", encoding="utf-8")
    big.write_text("".join(f"سطر  طويل رقم {i} جـــديد.\n" for i in range(20_000)), encoding="utf-8")
    before = big.read_bytes()
    out = tmp_path / "out"
    args = ("--in-place", src) if mode == "in-place" else (src, "-o", out)
    run = cli(*args, "-j", "1", preexec_fn=_limit_file_size(64 * 1024))
    stderr = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 123, stderr
    assert "big.txt" in stderr and "File too large" in stderr, stderr
    assert big.read_bytes() == before
    target = src if mode == "in-place" else out
    assert (target / "small.txt").read_text(encoding="utf-8") == "نص قصير\n"
    assert not (out / "big.txt").exists()
    assert not leftovers(src) and not leftovers(tmp_path)


def test_disk_full_at_fsync_leaves_the_original_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a.txt"
    src.write_text("نص  جـــديد\n", encoding="utf-8")
    before = src.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = CliRunner().invoke(main, ["--in-place", str(tmp_path), "-j", "1"])
    assert result.exit_code == 123, result.stderr
    assert "a.txt" in result.stderr and "No space left on device" in result.stderr
    assert src.read_bytes() == before
    assert not leftovers(tmp_path)


def _read_only(folder: Path) -> str | None:
    """Make ``folder`` unwritable for real; return how, or None when this system cannot."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return "chmod"
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0:
        return "chattr"
    return None


def _writable_again(folder: Path, how: str) -> None:
    if how == "chmod":
        folder.chmod(0o755)
    else:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    (src / "a.txt").write_text("نص  جـــديد\n", encoding="utf-8")
    how = _read_only(out)
    if how is None:
        pytest.skip("cannot make a folder read-only for root here (no chattr +i); see the in-process test")
    try:
        run = cli(src, "-o", out)
    finally:
        _writable_again(out, how)
    stderr = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 123, stderr
    assert "cannot write the output" in stderr and "a.txt" in stderr
    assert not (out / "a.txt").exists()
    assert (src / "a.txt").read_text(encoding="utf-8") == "نص  جـــديد\n"


def test_a_read_only_output_folder_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    (src / "a.txt").write_text("نص  جـــديد\n", encoding="utf-8")
    real_create = textio._create_temp

    def read_only(folder: str) -> tuple[int, str]:
        if Path(folder).resolve().is_relative_to(out.resolve()):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder))
        return real_create(folder)

    monkeypatch.setattr(textio, "_create_temp", read_only)
    result = CliRunner().invoke(main, [str(src), "-o", str(out), "-j", "1"])
    assert result.exit_code == 123, result.stderr
    assert "cannot write the output" in result.stderr and "Read-only file system" in result.stderr
    assert list(out.iterdir()) == []


def test_inputs_deleted_while_the_run_goes_on_are_reported(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    names = [f"f{i:03d}.txt" for i in range(300)]
    for name in names:
        (src / name).write_text("".join(f"سطر  {name} {j} جـــديد.\n" for j in range(300)), encoding="utf-8")
    proc = subprocess.Popen(command(src, "-o", out, "-j", "1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (out / names[0]).exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)  # the folder has been listed once the first file is written
    doomed = names[100:]
    for name in doomed:
        (src / name).unlink()
    stdout, stderr_bytes = proc.communicate(timeout=120)
    stderr = stderr_bytes.decode("utf-8", "replace")
    assert proc.returncode in (0, 123), stderr
    assert "Traceback" not in stderr
    assert stdout == b""
    for name in doomed:
        written = (out / name).exists()
        reported = any(name in line and "No such file" in line for line in stderr.splitlines())
        assert written != reported, f"{name}: written={written} reported={reported}"
    vanished = sum("No such file" in line for line in stderr.splitlines())
    assert vanished > 0, "the run finished before the files were deleted: nothing was exercised"
    assert proc.returncode == 123
    assert not leftovers(out)
