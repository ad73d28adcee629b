"""Batch internals: outputs committed in place or by background threads, results in order, clear
reasons; the fast paths decide exactly as the definitions they replace."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import resolve
from cleaner import runner
from cleaner.config import PatternTimeout
from cleaner.pool import ForkPool, reap_left
from cleaner.runner import FileTask, RunOptions, clean_file, clean_many


def _tasks(tmp_path: Path, n: int) -> list[FileTask]:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    tasks = []
    for i in range(n):
        (src / f"{i:03d}.txt").write_text(f"نص رقم {i} مع تطويـــل.\n", "utf-8")
        tasks.append(FileTask(src / f"{i:03d}.txt", out / f"{i:03d}.txt", f"{i:03d}.txt", 0, out))
    return tasks


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_output_is_written_and_results_keep_their_order(tmp_path: Path, jobs: int) -> None:
    tasks = _tasks(tmp_path, 150)
    results = list(clean_many(tasks, resolve("default"), RunOptions(), jobs))
    assert [r.path for r in results] == [t.name for t in tasks]
    assert all(r.error is None and r.changed for r in results)
    for task in tasks:
        assert task.dst is not None and "تطويل" in task.dst.read_text("utf-8")
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".cleaner-tmp-")]


def test_a_failed_commit_fails_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tasks = _tasks(tmp_path, 40)
    real = runner.AtomicWriter.commit

    def commit(self: runner.AtomicWriter) -> None:
        if self.path.name == "007.txt":
            self.abort()
            raise OSError(28, "No space left on device")
        real(self)

    monkeypatch.setattr(runner.AtomicWriter, "commit", commit)
    results = list(clean_many(tasks, resolve("default"), RunOptions(), 1))
    assert [r.path for r in results] == [t.name for t in tasks]
    assert results[7].error == "No space left on device" and results[7].dst is not None
    assert all(r.error is None for i, r in enumerate(results) if i != 7)
    assert not (tmp_path / "out" / "007.txt").exists() and (tmp_path / "out" / "008.txt").exists()
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".cleaner-tmp-")]


def test_a_slow_user_pattern_is_reported_clearly(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("نص", "utf-8")

    def pipeline(text: str) -> str:
        raise PatternTimeout("cms_markers", "(a|aa)+$", 0.2)

    result = clean_file(FileTask(tmp_path / "a.txt", tmp_path / "out.txt"), pipeline, RunOptions())  # type: ignore[arg-type]
    assert result.error is not None and not result.error.startswith("internal error")
    assert result.error.startswith("cms_markers: pattern '(a|aa)+$' ran longer than 0.2 s and was stopped; the file was not cleaned")
    assert not (tmp_path / "out.txt").exists()


def test_slow_commits_go_to_background_threads_and_keep_the_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "_SLOW_COMMIT", -1.0)  # every commit counts as slow (as on a disk)
    monkeypatch.setattr(runner, "_SLOW_ROOTS", set())
    tasks = _tasks(tmp_path, 120)
    results = list(clean_many(tasks, resolve("default"), RunOptions(), 1))
    assert runner._SLOW_ROOTS == {tmp_path / "out"}  # two slow commits in a row: the rest in threads
    assert [r.path for r in results] == [t.name for t in tasks]
    assert all(r.error is None and r.changed for r in results)
    for task in tasks:
        assert task.dst is not None and "تطويل" in task.dst.read_text("utf-8")
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".cleaner-tmp-")]


def test_an_output_folder_removed_during_the_run_is_made_again(tmp_path: Path) -> None:
    import shutil

    tasks = _tasks(tmp_path, 6)
    group = runner._clean_group(tasks, resolve("default"), RunOptions())
    first = next(group)
    shutil.rmtree(tmp_path / "out")  # checked and made for the first file: gone for the second
    results = [first, *group]
    assert all(r.error is None for r in results), [r.error for r in results]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{i:03d}.txt" for i in range(1, 6)]


@pytest.mark.parametrize(("count", "jobs"), [(1, 2), (10, 2), (150, 2), (6084, 2), (1000, 4)])
def test_batches_keep_every_task_in_order_and_shrink_towards_the_end(count: int, jobs: int) -> None:
    tasks = [FileTask(Path(f"{i}.txt"), size=100) for i in range(count)]
    batches = runner._batches(tasks, jobs)
    assert [t for b in batches for t in b] == tasks
    sizes = [len(b) for b in batches]
    assert max(sizes) <= 64 and sizes[-1] <= max(1, count // (jobs * 16)) and sizes[-1] <= 8


def test_a_usage_error_found_late_in_the_listing_still_writes_nothing(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cleaner.cli import main

    for root in ("a", "b"):  # the same 70 names under both: the clash is found after 70 files
        (tmp_path / root).mkdir()
        for i in range(70):
            (tmp_path / root / f"{i:03d}.txt").write_text("نص  جـــديد\n", "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out), "-j", "2"])
    assert result.exit_code == 2 and "would both be written to" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("files", [0, 1, 3])
def test_a_pool_started_before_the_listing_serves_any_number_of_files(tmp_path: Path, files: int) -> None:
    """-j 2 on a folder forks its workers before the files are listed; with none or one file the
    pool is let go and the run is the same as -j 1."""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for i in range(files):
        (folder / f"{i}.txt").write_text(f"نص  رقم {i} مع تطويـــل\n", "utf-8")
    code = runner.run([str(folder)], str(out), resolve("default"), RunOptions(), jobs=2, quiet=True)
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [f"{i}.txt" for i in range(files)] if files else not out.exists()
    for i in range(files):
        assert (out / f"{i}.txt").read_text("utf-8") == f"نص رقم {i} مع تطويل\n"


@pytest.mark.parametrize("inside", [False, True])
def test_files_handed_out_while_the_folder_is_listed_give_the_same_outputs(tmp_path: Path, inside: bool) -> None:
    """-j 2 into a new output folder hands the first batches to the workers during the listing; the
    outputs equal those of -j 1, and an output folder made inside the input folder meanwhile is never
    taken for input."""
    outs = {}
    for jobs in (1, 2):
        folder = tmp_path / f"in{jobs}"
        for i in range(700):  # more than the batches handed out early (64 files each, three per worker)
            sub = folder / f"{i // 100}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{i:04d}.txt").write_text(f"نص  رقم {i} مع تطويـــل\n", "utf-8")
        (folder / "z").mkdir()  # listed last: by then the workers may have made the output folder in it
        out = (folder / "z" if inside else tmp_path) / f"out{jobs}"
        assert runner.run([str(folder)], str(out), resolve("default"), RunOptions(), jobs=jobs, quiet=True) == 0
        outs[jobs] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.txt")}
    assert len(outs[2]) == 700 and outs[1] == outs[2]
    assert outs[2]["3/0345.txt"] == "نص رقم 345 مع تطويل\n".encode()


# The fast paths of a batch run must decide exactly as the definitions they replace.

_BYTES = st.binary(max_size=60) | st.lists(
    st.sampled_from([b"\xd8", b"\xd9\xa7", "عربي".encode(), "نص، ".encode("cp1256"), b"\x01", b"A", b" ", b"\x80", b"\x00"]),
    max_size=30,
).map(b"".join)


@given(_BYTES)
@settings(max_examples=400, deadline=None)
def test_windows_1256_detection_on_bytes_equals_the_text_definition(data: bytes) -> None:
    import re

    from cleaner import textio

    assert textio._mostly_arabic_cp1256(data) == textio._mostly_arabic(data.decode("cp1256"))
    run = re.search(rb"(?:[\xd8-\xdb][\x80-\xbf]){4}", data)
    assert textio._utf8_arabic_run(data) == (run.start() if run else -1)


def _glob_reference(rel: str, patterns: tuple[str, ...]) -> bool:
    """:func:`cleaner.discover.matches` as first written: one fnmatch (or path regex) per pattern."""
    import fnmatch

    from cleaner.discover import _path_regex

    name = rel.rsplit("/", 1)[-1]
    return any(_path_regex(p).match(rel) is not None if "/" in p else fnmatch.fnmatchcase(name, p) for p in patterns)


@given(
    st.lists(st.sampled_from(["*.txt", "*.md", "*.jsonl", "a/*.txt", "a/**/*.txt", "*", "x?.t*", "[ab]*.txt", "*.tx[tm]", "*.*", "b.txt", "**/x*"]), max_size=4),
    st.lists(st.text("abx.tm/", min_size=1, max_size=5).filter(lambda s: "//" not in s and not s.startswith("/") and not s.endswith("/")), min_size=1, max_size=8),
)
@settings(max_examples=300, deadline=None)
def test_one_matcher_for_all_globs_equals_one_glob_at_a_time(patterns: list[str], rels: list[str]) -> None:
    from cleaner.discover import matches

    for rel in rels:
        assert matches(rel, patterns) == _glob_reference(rel, tuple(patterns)), (rel, patterns)


def test_a_umask_changed_between_two_runs_is_followed(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        first = _tasks(tmp_path / "a", 2)
        list(clean_many(first, resolve("default"), RunOptions(), 1))
        os.umask(0o077)
        second = _tasks(tmp_path / "b", 2)
        list(clean_many(second, resolve("default"), RunOptions(), 1))
    finally:
        os.umask(old)
    assert all(t.dst is not None and t.dst.stat().st_mode & 0o777 == 0o644 for t in first)
    assert all(t.dst is not None and t.dst.stat().st_mode & 0o777 == 0o600 for t in second)


def test_a_fifo_is_refused_without_being_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    opened: list[str] = []
    real = runner._open_nonblocking
    monkeypatch.setattr(runner, "_open_nonblocking", lambda path, flags: opened.append(path) or real(path, flags))
    result = runner.clean_file(FileTask(fifo, None, "pipe.txt"), resolve("default"), RunOptions())
    assert result.error == "not a regular file" and opened == []


def test_a_report_that_cannot_be_finished_is_said_and_fails_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk when the report is written: the cleaned files stay, the run says why and ends with 123."""
    import io

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text("نص  جـــديد\n", "utf-8")
    report = tmp_path / "report.json"
    real = runner.AtomicWriter.commit

    def commit(self: runner.AtomicWriter) -> None:
        if self.path == report:
            raise OSError(28, "No space left on device")
        real(self)

    monkeypatch.setattr(runner.AtomicWriter, "commit", commit)
    err = io.StringIO()
    code = runner.run([str(folder)], str(tmp_path / "out"), resolve("default"), RunOptions(), jobs=1, report_path=str(report), stderr=err)
    assert code == 123 and f"--report {report}: cannot write it: No space left on device" in err.getvalue()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["0.txt", "1.txt", "2.txt"]
    assert not report.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".cleaner-tmp-")]


@pytest.mark.parametrize(
    ("layout", "promised"),
    [
        ([], 0),  # an empty folder: no pool at all
        (["a.txt"], 1),  # one file: cleaned here, no pool
        (["a.txt", ".hidden.txt"], 1),
        (["a.txt", "b.txt"], 2),
        (["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"], 4),  # counted up to the jobs asked for
        (["sub/a.txt"], 4),  # a subfolder may hold any number
    ],
)
def test_a_pool_is_forked_early_only_for_as_many_files_as_the_folder_promises(
    tmp_path: Path, layout: list[str], promised: int
) -> None:
    for name in layout:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("نص\n", "utf-8")
    assert runner._promised([str(tmp_path)], 4) == promised


def test_batches_handed_out_early_keep_to_the_batch_size_limit() -> None:
    """--diff results travel back per batch: a batch of big files is cut at about 4 MB, as _batches cuts."""

    class Pool:
        def submit(self, func: object, batch: list[FileTask]) -> object:
            return object()

    prefetch = runner._Prefetch(Pool(), 2)  # type: ignore[arg-type]
    for i in range(6):
        prefetch(FileTask(Path(f"{i}.txt"), None, f"{i}.txt", 3 << 20))
    assert [len(batch) for batch, _ in prefetch.sent] == [2, 2, 2]


def test_ctrl_c_while_the_folder_is_listed_says_so_and_ends_with_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches handed out during the listing may already have written files: the run says it was
    interrupted (exit 130), as it does during cleaning."""
    import io

    real = runner.discover

    def discover(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        for i, found in enumerate(real(*args, **kwargs)):  # type: ignore[arg-type]
            if i == 150:
                raise KeyboardInterrupt
            yield found

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(200):
        (folder / f"{i:03d}.txt").write_text("نص  جـديد\n", "utf-8")
    monkeypatch.setattr(runner, "discover", discover)
    err = io.StringIO()
    code = runner.run([str(folder)], str(tmp_path / "out"), resolve("default"), RunOptions(), jobs=2, stderr=err)
    assert code == 130 and "interrupted; files written so far are complete" in err.getvalue()
    written = list((tmp_path / "out").glob("*.txt")) if (tmp_path / "out").exists() else []
    assert all(p.read_text("utf-8") == "نص جديد\n" for p in written)


# ---------------------------------------------------------------------------------------------
# Tasks carry str paths (plan_tasks makes them); Path tasks keep working, with the same results


_PATHS = [
    "a/b.txt", "a//b.txt", "./a/b.txt", "a/./b.txt", "a/b.txt/", "a/../b.txt", "/a/b.txt", "//a/b.txt",
    "///a/b.txt", ".", "", "a", "./a", ".a", "a/.b", "a/b/.", "../a",
]


@pytest.mark.parametrize("a", _PATHS)
@pytest.mark.parametrize("b", ["a/b.txt", "a", "b.txt", "/a/b.txt", "a/.b", "../a", "."])
def test_same_path_is_pathlib_equality(a: str, b: str) -> None:
    expected = Path(a) == Path(b)
    assert runner._same_path(a, b) == expected
    assert runner._same_path(Path(a), b) == expected
    assert runner._same_path(a, Path(b)) == expected


@pytest.mark.parametrize(
    "path", ["a.jsonl", "a.JSONL", "d/a.jsonl", ".jsonl", "d/.jsonl", "..jsonl", "a.txt", "a.jsonl.txt", "jsonl", "a.jsonl/"]
)
def test_a_jsonl_name_is_decided_as_pathlib_reads_the_suffix(path: str) -> None:
    assert runner._is_jsonl_path(path) == (Path(path).suffix.lower() == ".jsonl")
    assert runner._is_jsonl_path(Path(path)) == (Path(path).suffix.lower() == ".jsonl")


@pytest.mark.parametrize("root", ["in", "in/", "./in", "in//", "in/.", "{tmp}/in", "{tmp}//in/"])
def test_planned_paths_are_the_text_pathlib_would_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, root: str) -> None:
    """plan_tasks makes str paths, with the same text as Path(root) / rel and Path(out) / rel: messages,
    the report and the outputs are those of Path tasks."""
    monkeypatch.chdir(tmp_path)
    for rel in ("a.txt", "sub/b.txt", "sub/deeper/c.md"):
        (tmp_path / "in" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / rel).write_text("نص\n", "utf-8")
    root = root.format(tmp=tmp_path)
    for output in ("out", "out/", f"{tmp_path}//out"):
        tasks, failed = runner.plan_tasks([root], output, False, RunOptions())
        assert not failed
        rels = ["a.txt", "sub/b.txt", "sub/deeper/c.md"]
        assert [t.src for t in tasks] == [str(Path(root) / r) for r in rels]
        assert [t.name for t in tasks] == [str(Path(root) / r) for r in rels]
        assert [t.dst for t in tasks] == [str(Path(output) / r) for r in rels]
        assert all(isinstance(t.src, str) and t.root == str(Path(output)) for t in tasks)
    tasks, _ = runner.plan_tasks([root], None, True, RunOptions())
    assert [t.dst for t in tasks] == [t.src for t in tasks] == [str(Path(root) / r) for r in rels]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("kind", ["output", "in place", "check", "skip existing"])
def test_str_and_path_tasks_give_the_same_results_and_outputs(tmp_path: Path, jobs: int, kind: str) -> None:
    results = {}
    outputs = {}
    for typ in (str, Path):
        base = tmp_path / typ.__name__
        base.mkdir()
        tasks = _tasks(base, 70)
        if kind == "in place":
            tasks = [FileTask(t.src, t.src, t.name, 0, None) for t in tasks]
        elif kind == "check":
            tasks = [FileTask(t.src, None, t.name) for t in tasks]
        elif kind == "skip existing":
            (base / "out").mkdir()
            (base / "out" / "003.txt").write_text("كان هنا\n", "utf-8")
        tasks = [
            FileTask(
                typ(t.src), None if t.dst is None else typ(t.dst), t.name, t.size, None if t.root is None else typ(t.root)
            )
            for t in tasks
        ]
        options = RunOptions(check=kind == "check", skip_existing=kind == "skip existing", counts=True)
        got = list(clean_many(tasks, resolve("default"), options, jobs))
        results[typ] = [
            runner._replace(r, path=r.path.replace(str(base), "BASE"), dst=r.dst and r.dst.replace(str(base), "BASE"))
            for r in got
        ]
        folder = base / ("in" if kind == "in place" else "out")
        outputs[typ] = sorted((p.name, p.read_bytes()) for p in folder.glob("*.txt")) if folder.exists() else []
    assert results[str] == results[Path]
    assert outputs[str] == outputs[Path]
    if kind != "check":
        assert len(outputs[str]) == 70
    assert results[str][3].skipped == (kind == "skip existing")


def test_a_result_travels_back_without_what_its_task_says(tmp_path: Path) -> None:
    task = FileTask("in/a.txt", "out/a.txt", "in/a.txt", 10, "out")
    result = runner.FileResult("in/a.txt", "utf-8", True, False, 10, 9, (("tatweel", 2),), None, None, "out/a.txt", None)
    packed = runner._pack(result, task)
    assert isinstance(packed, tuple) and "in/a.txt" not in packed and "out/a.txt" not in packed
    assert runner._unpack(packed, task) == result
    other = runner._replace(result, path="elsewhere.txt")  # not named as its task: travels whole
    assert runner._unpack(runner._pack(other, task), task) == other
    check = FileTask(Path("in/a.txt"))
    unnamed = runner.FileResult("in/a.txt", "utf-8", error="bad")
    assert runner._unpack(runner._pack(unnamed, check), check) == unnamed


def test_output_folders_are_made_as_pathlib_makes_them(tmp_path: Path) -> None:
    runner._makedirs(str(tmp_path / "a" / "b" / "c"))
    runner._makedirs(str(tmp_path / "a" / "b" / "c"))  # there already: nothing to do
    assert (tmp_path / "a" / "b" / "c").is_dir()
    (tmp_path / "file").write_text("x")
    for path in (tmp_path / "file", tmp_path / "file" / "below"):
        with pytest.raises(OSError) as mine:
            runner._makedirs(str(path))
        with pytest.raises(OSError) as theirs:
            path.mkdir(parents=True, exist_ok=True)
        assert mine.value.errno == theirs.value.errno


# ---------------------------------------------------------------------------------------------
# The forked pool: no helper thread in the parent; a worker that dies fails its own files only


def _fork_pool(jobs: int = 2) -> ForkPool:
    if not runner._forks():
        pytest.skip("workers are not forked on this system (the pool is a ProcessPoolExecutor)")
    return ForkPool(jobs, runner._init_worker, (resolve("default"), RunOptions(), False))


def test_the_forked_pool_returns_each_call_in_its_workers_and_raises_what_a_call_raised() -> None:
    import os

    pool = _fork_pool()
    pids = [w.pid for w in pool._workers]
    jobs = [pool.submit(os.getpid) for _ in range(10)]
    assert {job.result() for job in jobs} <= set(pids) and os.getpid() not in pids
    with pytest.raises(ValueError):
        pool.submit(int, "not a number").result()
    big = [pool.submit(len, b"x" * (1 << 20)) for _ in range(6)]  # requests far above a socket's buffer
    reply = pool.submit(bytes, 4 << 20)  # and a reply
    assert [job.result() for job in big] == [1 << 20] * 6 and reply.result() == bytes(4 << 20)
    pool.shutdown()
    for pid in pids:  # waited for: no zombie left
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


@pytest.mark.parametrize("how", ["killed", "raises"])
def test_a_worker_that_dies_or_fails_fails_its_own_files_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    import os
    import signal

    if not runner._forks():
        pytest.skip("workers are not forked on this system")
    tasks = _tasks(tmp_path, 300)
    real = runner._clean_group

    def group(batch, pipeline, options):  # type: ignore[no-untyped-def]
        if any(t.name == "100.txt" for t in batch):  # runs in a worker (forked after this patch)
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            raise RuntimeError("boom")
        return real(batch, pipeline, options)

    monkeypatch.setattr(runner, "_clean_group", group)
    results = list(clean_many(tasks, resolve("default"), RunOptions(), 2))
    assert [r.path for r in results] == [t.name for t in tasks]
    failed = [r for r in results if r.error is not None]
    assert any(r.path == "100.txt" for r in failed) and len(failed) <= 2 * 64
    expected = "worker process failed: WorkerLost: worker process" if how == "killed" else "worker process failed: RuntimeError: boom"
    assert all(r.error.startswith(expected) for r in failed), failed[0].error  # type: ignore[union-attr]
    assert all((tmp_path / "out" / r.path).exists() for r in results if r.error is None)
    assert len(results) - len(failed) >= 300 - 2 * 64


def test_a_pool_that_cannot_fork_leaves_the_run_to_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    if not runner._forks():
        pytest.skip("workers are not forked on this system")
    tasks = _tasks(tmp_path, 100)

    def fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", fork)
    results = list(clean_many(tasks, resolve("default"), RunOptions(), 2))
    assert [r.path for r in results] == [t.name for t in tasks] and all(r.error is None for r in results)
    assert len(list((tmp_path / "out").glob("*.txt"))) == 100


def test_workers_of_a_pool_let_go_without_waiting_are_waited_for_later(tmp_path: Path) -> None:
    """-j 2 on a folder of one file lets its early pool go (shutdown without waiting): its workers
    are waited for at the next shutdown, and when the process exits, so no zombie piles up."""
    import os
    import time

    if not runner._forks():
        pytest.skip("workers are not forked on this system")
    pools = [_fork_pool() for _ in range(3)]
    pids = [w.pid for pool in pools for w in pool._workers]
    for pool in pools:
        pool.shutdown(wait=False)
    time.sleep(0.3)  # they end as soon as their socket closes
    _fork_pool().shutdown(wait=False)
    time.sleep(0.3)
    reap_left(block=False)
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_terminate_ends_the_workers_at_once_and_names_them() -> None:
    """Ctrl-C: the workers (which ignore SIGINT) are ended mid-call, waited for, and their process
    ids returned (their temporary files are named with them); their calls fail."""
    import os
    import signal
    import time

    pool = _fork_pool()
    pids = sorted(w.pid for w in pool._workers)
    for pid in pids:  # SIGINT (a terminal's Ctrl-C reaches the whole group) does not end a worker
        os.kill(pid, signal.SIGINT)
    assert pool.submit(os.getpid).result() in pids
    slow = pool.submit(time.sleep, 30)
    start = time.monotonic()
    assert sorted(pool.terminate()) == pids and time.monotonic() - start < 5
    with pytest.raises(Exception):  # noqa: B017 - cancelled
        slow.result()
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
    pool.shutdown()  # nothing left to do


@pytest.mark.parametrize(
    ("files", "output", "exclude", "expected"),
    [
        ({"a.txt": "", "sub/a.txt": ""}, "sub", (), "sub/a.txt"),
        ({"a.txt": "", "sub/notes.csv": ""}, "sub", (), None),  # nothing the walk takes
        ({"a.txt": "", "sub/deep/b.md": ""}, "sub", (), "sub/deep/b.md"),
        ({"a.txt": "", "sub/a.txt": ""}, "sub", ("sub",), None),  # excluded: never entered
        ({"a.txt": "", ".out/a.txt": ""}, ".out", (), None),  # hidden: never entered
        ({"a.txt": ""}, "new", (), None),  # not there yet
    ],
)
def test_first_selected_finds_what_a_walk_would_take_below_a_folder(
    tmp_path: Path, files: dict[str, str], output: str, exclude: tuple[str, ...], expected: str | None
) -> None:
    from cleaner.discover import first_selected

    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    found = first_selected(str(tmp_path), str(tmp_path / output), exclude=exclude)
    assert found == (str(tmp_path / expected) if expected else None)
    assert first_selected(str(tmp_path / output), str(tmp_path)) is None  # the input inside the output: not this


def test_a_second_ctrl_c_during_a_one_process_runs_clean_up_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C mid-run, then Ctrl-C again while the run removes its temporary files: the clean-up
    finishes (the second is ignored), the first interrupt still ends the run, Ctrl-C works again after."""
    import os
    import signal

    tasks = _tasks(tmp_path, 4)
    real_clean, real_remove = runner._clean_file, runner._remove_temp_files
    calls: list[str] = []

    def interrupted_at_the_third(task, *args, **kw):  # noqa: ANN001, ANN202
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append("cleaned")
        return real_clean(task, *args, **kw)

    def interrupted_again(*args, **kw):  # noqa: ANN202
        os.kill(os.getpid(), signal.SIGINT)  # the handler would run at the next bytecode
        real_remove(*args, **kw)
        calls.append("clean-up finished")

    monkeypatch.setattr(runner, "_clean_file", interrupted_at_the_third)
    monkeypatch.setattr(runner, "_remove_temp_files", interrupted_again)
    # Python's own handler, as in a terminal (a test run started in the background, e.g. under nohup
    # or "cmd &" in a script, inherits SIGINT ignored).
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            list(runner._clean_group(tasks, resolve("default"), RunOptions()))
        assert calls == ["cleaned", "cleaned", "clean-up finished"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, inherited)
