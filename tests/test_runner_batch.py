"""Batch internals: outputs committed in a background thread, results in order, clear reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import resolve
from cleaner import runner
from cleaner.config import PatternTimeout
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
