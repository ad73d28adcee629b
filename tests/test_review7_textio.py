"""Review 7, atomic writes: after the rename, the folder is fsynced (POSIX), so a crash cannot lose
the rename; where a folder cannot be opened (Windows) the write still succeeds."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cleaner import textio
from cleaner.textio import AtomicWriter, atomic_write


def _record_fsyncs(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[tuple[str, bool]]:
    """Record, for every os.fsync, whether it synced a folder or a file, and whether ``target`` had
    its new content when it ran; the calls go through to the real os.fsync."""
    calls: list[tuple[str, bool]] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        calls.append((kind, target.exists() and target.read_bytes() == b"new"))
        real(fd)

    monkeypatch.setattr(textio.os, "fsync", fsync)
    return calls


@pytest.mark.parametrize("existing", [True, False], ids=["replaces", "creates"])
@pytest.mark.skipif(not hasattr(os, "O_DIRECTORY"), reason="no folders to open and fsync on this system")
def test_the_folder_is_fsynced_after_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool) -> None:
    target = tmp_path / "a.txt"
    if existing:
        target.write_bytes(b"old")
    calls = _record_fsyncs(monkeypatch, target)
    atomic_write(target, b"new")
    # the file first (before the rename: the target not yet new), then its folder (after it)
    assert calls == [("file", False), ("folder", True)]
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_folder_that_cannot_be_opened_or_synced_does_not_fail_the_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    monkeypatch.delattr(textio.os, "O_DIRECTORY", raising=False)  # Windows
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    monkeypatch.undo()

    real = os.fsync

    def refusing(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(22, "Invalid argument")  # some file systems refuse to fsync a folder
        real(fd)

    monkeypatch.setattr(textio.os, "fsync", refusing)
    with AtomicWriter(target) as writer:
        writer.write(b"newer")
    assert target.read_bytes() == b"newer" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]
