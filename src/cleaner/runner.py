"""Batch cleaning: files, folders, stdin, JSONL corpora; in place, check and diff; a process pool.

Stable contract (the Dask scale-out reuses it; keep it as is):

``clean_file(task: FileTask, pipeline: Pipeline, options: RunOptions) -> FileResult``
    A module-level, picklable function. Reads ``task.src``, decodes it (``options.encoding``:
    ``auto`` = UTF-8 / UTF-16 with BOM / windows-1256 Arabic, see :mod:`cleaner.textio`), cleans it
    as plain text or as JSONL records (``options.jsonl``; ``None`` = by the ``.jsonl`` suffix), and
    writes ``task.dst`` atomically (temporary file in the same folder, fsync, permission bits,
    ``os.replace``). ``task.dst is None`` (``--check``/``--diff``) writes nothing. When ``task.dst`` is
    ``task.src`` (``--in-place``) an unchanged file is not rewritten. It never raises for a bad
    input: the reason goes into ``FileResult.error``. Files above ``options.stream_threshold`` bytes
    are cleaned as a stream in bounded memory (:mod:`cleaner.stream`), with the same output.

``FileTask``, ``RunOptions``, ``FileResult`` are frozen, picklable dataclasses. A ``FileTask``'s
paths (``src``, ``dst``, ``root``) are ``str`` or ``pathlib.Path``: :func:`plan_tasks` makes ``str``
(a ``Path`` per file cost the listing, and the workers unpickling it, more than the rest of a task);
tasks made with ``Path`` work as before. ``FileResult``
carries: ``path``, ``encoding``, ``changed``, ``skipped``, ``bytes_in``, ``bytes_out``,
``counts`` (per-normalizer change counts as ``((name, n), ...)``, filled when ``options.counts``;
see :mod:`cleaner.counting` for the definition), ``error``, ``diff`` (unified diff text when
``options.diff`` and changed), ``dst``, ``records`` (JSONL lines) and ``note`` (why a file was
skipped, when it is not the usual reason).

``Report`` aggregates results: ``add(result)``, ``summary()``, ``return_code`` (0 done, 1
``--check`` found changes, 123 some inputs failed; 2 for usage errors is the CLI's), and JSON
records (``FileResult.to_record()``) written by ``--report``.

``clean_many(tasks, pipeline, options, jobs)`` runs ``clean_file`` over tasks: in the calling
process for one job or one file, else in a pool of worker processes (forked ones fed by the calling
thread itself, :class:`cleaner.pool.ForkPool`; a ``concurrent.futures.ProcessPoolExecutor`` where workers are not
forked); results are yielded in input order (a worker sends a result back without the name and output
path that the parent knows from the task; a worker that dies fails the files it held, the run goes on). Either way a result is yielded once its file is committed; outputs are
committed as they are made while commits are fast, and by a few background threads while the next
files are cleaned once the disk makes them slow (fsync latency). A folder run (:func:`run`) forks
its workers before listing the files: each worker builds its patterns on a sample while the parent
lists; a pool that :func:`clean_many` starts itself forks after the parent ran the pipeline once on a
sample, so the workers inherit its compiled patterns. ``run(..., mapper=...)`` takes another mapper of the same shape
(``mapper(tasks, pipeline, options)``, results in input order) for folder runs: the Dask scale-out.
"""

from __future__ import annotations

import collections
import io
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextlib import suppress as _suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from .counting import run_counted
from .discover import DEFAULT_INCLUDE, discover, first_selected
from .discover import _prefix as _discover_prefix
from .pipeline import Pipeline
from .pool import ForkPool, WorkerLost  # noqa: F401 - WorkerLost: part of what a failed batch reports
from .textio import TEMP_PREFIX, AtomicWriter, DecodeError, cleanup_temp_files, decode_auto, forget_umask, iter_text

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "FileTask",
    "RunOptions",
    "FileResult",
    "Report",
    "UsageError",
    "clean_file",
    "clean_stream",
    "clean_many",
    "plan_tasks",
    "run",
    "EXIT_OK",
    "EXIT_CHECK_CHANGED",
    "EXIT_USAGE",
    "EXIT_INPUT_FAILED",
]

EXIT_OK = 0
EXIT_CHECK_CHANGED = 1
EXIT_USAGE = 2
EXIT_INPUT_FAILED = 123

#: Files bigger than this are cleaned as a stream (bounded memory); smaller ones are read whole.
STREAM_THRESHOLD = 8 << 20


class UsageError(ValueError):
    """Arguments that do not fit together (exit code 2); nothing has been written."""


#: A path in a :class:`FileTask`: a ``str`` (what :func:`plan_tasks` makes) or a ``pathlib.Path``.
PathLike = str | Path


@dataclass(frozen=True, slots=True)
class FileTask:
    """One file to clean: read ``src``, write ``dst`` (``None``: write nothing; ``== src``: in place).

    ``name`` is how messages and the report show the file (defaults to ``src``); ``size`` is its
    size in bytes when known (for progress); ``root`` is the output folder that ``dst`` must stay in.
    The paths are ``str`` or ``pathlib.Path``, as the caller likes: :func:`plan_tasks` makes ``str``
    (cheaper to make, and to send to a worker process, than a ``Path``); "in place" is ``dst`` and
    ``src`` naming the same path as ``pathlib`` compares them. Read them with ``os.fspath`` (or
    ``Path(...)``) when the type matters.
    """

    src: PathLike
    dst: PathLike | None = None
    name: str = ""
    size: int = 0
    root: PathLike | None = None


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How every file of a run is read, cleaned and written."""

    check: bool = False
    diff: bool = False
    skip_existing: bool = False
    encoding: str = "auto"
    errors: str = "strict"
    jsonl: bool | None = None  # None: files ending in .jsonl are JSONL
    text_keys: tuple[str, ...] = ("text",)
    counts: bool = False  # per-normalizer change counts (costs a little; --report turns it on)
    stream_threshold: int = STREAM_THRESHOLD
    block_size: int = 1 << 18  # bytes read at a time when streaming


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file."""

    path: str
    encoding: str | None = None
    changed: bool = False
    skipped: bool = False
    bytes_in: int = 0
    bytes_out: int = 0
    counts: tuple[tuple[str, int], ...] = ()
    error: str | None = None
    diff: str | None = None
    dst: str | None = None
    records: int | None = None
    note: str | None = None  # why a file was skipped, when that is not the usual (an output there already)

    @property
    def failed(self) -> bool:
        return self.error is not None

    def to_record(self) -> dict[str, Any]:
        """The ``--report`` record: path, output, encoding, changed, skipped, bytes, changes, error."""
        record: dict[str, Any] = {
            "path": self.path,
            "output": None if self.error is not None and self.records is None else self.dst,  # failed: nothing written
            "encoding": self.encoding,
            "changed": self.changed,
            "skipped": self.skipped,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "changes": dict(self.counts),
            "error": self.error,
        }
        if self.records is not None:
            record["records"] = self.records
        if self.note is not None:
            record["note"] = self.note
        return record


# ---------------------------------------------------------------------------------------------
# One file


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _printable(message: str) -> str:
    """Control characters (a newline or an escape sequence in a file name) written as ``\\n``,
    ``\\x1b``: one message stays one line, and a name cannot drive the terminal."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], message) if _CONTROL.search(message) else message


def _reason(err: BaseException) -> str:
    if isinstance(err, DecodeError):
        text = str(err)
        prefix = f"{err.source}: "
        return text[len(prefix) :] if text.startswith(prefix) else text
    if isinstance(err, OSError):
        return err.strerror or str(err)
    from .config import PatternTimeout  # loaded already when a user pattern could run

    if isinstance(err, PatternTimeout):  # a user pattern (config or --param) too slow on this file's text
        return f"{err}; the file was not cleaned (make the pattern simpler, or anchor it)"
    return f"internal error: {type(err).__name__}: {err}"


_GIT_ESCAPES = {
    "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\",
}
# What git quotes in a path (core.quotePath off): control characters, '"' and '\'; here also the C1
# controls and the Unicode line and paragraph separators (text tools break lines there), and the bytes
# of a file name that is not UTF-8 (U+DC80-U+DCFF under surrogateescape).
_QUOTED_IN_PATH = re.compile('[\x00-\x1f\x7f-\x9f"\\\\\u2028\u2029\udc80-\udcff]')


def _diff_path(prefix: str, name: str) -> str:
    """``prefix`` + ``name`` for a diff header, quoted as git quotes a path when it holds a newline or
    another character a header cannot carry (``"a/new\\nline.txt"``, other bytes in octal): a header
    is one line, and ``git apply`` and GNU ``patch`` read the name back."""
    path = prefix + name.lstrip("/")
    if _QUOTED_IN_PATH.search(path) is None:
        return path

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _GIT_ESCAPES:
            return _GIT_ESCAPES[char]
        code = ord(char)
        raw = bytes([code - 0xDC00]) if 0xDC80 <= code <= 0xDCFF else char.encode("utf-8")
        return "".join(f"\\{byte:03o}" for byte in raw)

    return '"' + _QUOTED_IN_PATH.sub(escape, path) + '"'


def _diff(before: str, after: str, name: str) -> str:
    import difflib  # --diff only: kept out of start-up

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), _diff_path("a/", name), _diff_path("b/", name)
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


class _Sink:
    """Where cleaned bytes go (a temporary file or spool), compared on the fly with the input bytes."""

    def __init__(self, out: BinaryIO | None, original: BinaryIO | None):
        self.out, self.original = out, original
        self.size = 0
        self.same = original is not None

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.out is not None:
            self.out.write(data)
        if self.same and self.original is not None and self.original.read(len(data)) != data:
            self.same = False

    def reset(self) -> None:
        """Forget everything written (the text is cleaned again, whole)."""
        self.size = 0
        if self.out is not None:
            self.out.seek(0)
            self.out.truncate()
        if self.original is not None:
            self.original.seek(0)
            self.same = True

    def changed(self) -> bool:
        if self.same and self.original is not None and self.original.read(1):
            self.same = False
        return not self.same


def _inside(root: PathLike, folder: PathLike) -> bool:
    """Whether ``folder`` (which may not exist yet) resolves to a place inside ``root``."""
    return _inside_real(os.path.realpath(root), folder)


def _parent(path: str) -> str:
    """``str(Path(path).parent)`` for a path in ``pathlib``'s normal form (``"a"`` -> ``"."``)."""
    return os.path.dirname(path) or "."


def _inside_real(real_root: str, folder: PathLike) -> bool:
    existing = os.fspath(folder)
    while not os.path.exists(existing) and existing != (up := _parent(existing)):
        existing = up
    real = os.path.realpath(existing)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


#: Where a path string may differ from ``pathlib``'s normal form of it ("a//b", "./a", "a/", "a/./b").
_NOT_NORMAL = re.compile(r"//|/\.|\A\.|/\Z|\A\Z")


def _same_path(a: PathLike, b: PathLike) -> bool:
    """``Path(a) == Path(b)`` (no file system access) without making two ``Path`` objects per file:
    two different strings in ``pathlib``'s normal form name different paths (on POSIX)."""
    if a is b:
        return True
    x, y = os.fspath(a), os.fspath(b)
    if x == y:
        return True
    if os.sep == "/" and os.altsep is None and not _NOT_NORMAL.search(x) and not _NOT_NORMAL.search(y):
        return False
    return Path(x) == Path(y)


def _is_jsonl_path(path: PathLike) -> bool:
    """``Path(path).suffix.lower() == ".jsonl"`` (a ``Path`` made for such names only)."""
    text = os.fspath(path)
    if os.altsep is not None:  # Windows: no shortcut
        return Path(text).suffix.lower() == ".jsonl"
    tail = text.rstrip("/")
    return tail[-6:].lower() == ".jsonl" and Path(tail).suffix.lower() == ".jsonl"


def _open_writer(task: FileTask, folders: dict[Any, Any] | None = None, *, again: bool = True) -> AtomicWriter | None:
    """The writer of ``task.dst`` (``None`` when it writes nothing), after the checks that keep it in
    ``task.root``; ``folders`` remembers, for one group of files, the output folders already checked
    and made (``None``: check and make them every time)."""
    if task.dst is None:
        return None
    dst = os.fspath(task.dst)
    parent = _parent(dst)
    root = task.root
    key = (root, parent)
    if root is not None:  # every file: a folder swapped for a link during the run is caught
        real_root = folders.get(root) if folders is not None else None
        if real_root is None or not _inside_real(real_root, parent):
            _makedirs(os.fspath(root))  # made (again, when it went away)
            real_root = os.path.realpath(root)
            if folders is not None:
                folders[root] = real_root
            if not _inside_real(real_root, parent):
                raise OSError(0, f"output {dst} would leave the output folder {root} (a symbolic link); not written")
    if folders is None or key not in folders:
        try:
            _makedirs(parent)
        except OSError as err:  # say it is the output that failed: "Permission denied" alone reads as the input
            raise OSError(err.errno, f"cannot write the output {dst}: {err.strerror or err}") from None
        if folders is not None:
            folders[key] = True
    link = os.path.islink(dst)
    if root is not None and link and not _inside(root, os.path.realpath(dst)):
        # AtomicWriter writes through a link: a link in OUTDIR pointing outside would replace that file.
        raise OSError(0, f"output {dst} is a symbolic link leading out of the output folder {root}; not written")
    try:
        return AtomicWriter(dst, link=link)
    except OSError as err:
        if isinstance(err, FileNotFoundError) and again and folders is not None and folders.pop(key, None):
            return _open_writer(task, folders, again=False)  # the folder went away since it was checked: once more
        raise OSError(err.errno, f"cannot write the output {dst}: {err.strerror or err}") from None


def _makedirs(path: str, parents: bool = True) -> None:
    """``Path(path).mkdir(parents=True, exist_ok=True)`` for a string: one ``mkdir`` when it exists."""
    try:
        os.mkdir(path)
    except FileNotFoundError:
        up = _parent(path)
        if not parents or up == path:
            raise
        _makedirs(up)
        _makedirs(path, parents=False)
    except OSError:
        if not os.path.isdir(path):
            raise


_JSONL_PROBLEMS = "JSONL lines copied through uncleaned: "


def _clean_into(
    handle: BinaryIO,
    size: int,
    name: str,
    pipeline: Pipeline,
    options: RunOptions,
    jsonl: bool,
    sink: _Sink,
    counts: dict[str, int] | None,
) -> tuple[str, str | None, int | None, str | None]:
    """Clean what ``handle`` holds into ``sink``; returns (encoding, error, JSONL records, diff).

    Plain text up to ``options.stream_threshold`` bytes (or with ``--diff``) is read whole; bigger
    text is streamed (:mod:`cleaner.stream`) and, if the stream needs the whole text after all
    (HTML comments, a ``<DOC>`` record), read again from the start and cleaned whole.
    JSONL is always read line by line.
    """
    start = handle.tell()
    if jsonl:
        from .jsonl import clean_lines, iter_lines  # JSONL only: kept out of start-up

        # (A line whose bytes do not decode comes as bytes, a BadLine: copied as it is, reported.)
        encoding, lines = iter_lines(handle, options.encoding, options.errors, name, options.block_size)
        problems: list[str] = []
        before: list[Any] | None = [] if options.diff else None
        after: list[Any] | None = [] if options.diff else None
        if before is not None:
            lines = _tee(lines, before)
        records = 0
        for line in clean_lines(lines, pipeline, options.text_keys, problems, counts):
            records += 1
            if after is not None:
                after.append(line)
            sink.write(line if isinstance(line, bytes) else line.encode("utf-8"))
        diff = None
        if before is not None and after is not None and before != after:
            diff = _diff(_joined(before), _joined(after), name)
        error = _JSONL_PROBLEMS + "; ".join(problems) if problems else None
        return encoding, error, records, diff
    big = not options.diff and size > options.stream_threshold
    if big:
        from .stream import StreamFallback, clean_blocks, stream_plan  # big files only: kept out of start-up
    if big and stream_plan(pipeline) is not None:
        try:
            encoding, blocks = iter_text(handle, options.encoding, options.errors, name, options.block_size)
            for piece in clean_blocks(pipeline, blocks, counts):
                sink.write(piece.encode("utf-8"))
            return encoding, None, None, None
        except StreamFallback:
            handle.seek(start)
            sink.reset()
            if counts is not None:
                counts.clear()
    data = handle.read()
    text, encoding = decode_auto(data, options.encoding, options.errors, name)
    cleaned = run_counted(pipeline, text, counts)
    out = cleaned.encode("utf-8")
    sink.write(out)
    diff = _diff(text, cleaned, name) if options.diff and out != data else None
    return encoding, None, None, diff


def clean_file(task: FileTask, pipeline: Pipeline, options: RunOptions) -> FileResult:
    """Clean one file (see the module docstring for the contract). Never raises for bad input."""
    return _commit(*_clean_file(task, pipeline, options))


def _commit(result: FileResult, writer: AtomicWriter | None) -> FileResult:
    """Commit ``writer`` (flush, fsync, rename); a failure becomes the file's error."""
    if writer is None:
        return result
    try:
        writer.commit()  # it removes its temporary file when it fails
    except Exception as err:
        return FileResult(result.path, error=_reason(err), bytes_in=result.bytes_in, dst=result.dst)
    return result


def _open_nonblocking(path: str, flags: int) -> int:
    """``open``'s opener for inputs: O_NONBLOCK, so that a FIFO cannot block (``fstat`` then rejects it)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _read(raw: io.RawIOBase, n: int) -> bytes:
    data = raw.read(n)
    if data is None:  # "no data now" from a non-blocking descriptor: never taken for the end of the file
        raise BlockingIOError("the input would block; not read")
    return data


def _read_all(raw: io.RawIOBase, size: int) -> bytes:
    """The whole content of an unbuffered file (``size``: its size when opened; it may have changed)."""
    data = _read(raw, size + 1)
    more = _read(raw, max(size, 1 << 16)) if data else b""
    if not more:
        return data
    parts = [data, more]
    while more := _read(raw, 1 << 20):
        parts.append(more)
    return b"".join(parts)


def _clean_file(
    task: FileTask, pipeline: Pipeline, options: RunOptions, folders: dict[Any, Any] | None = None
) -> tuple[FileResult, AtomicWriter | None]:
    """Clean one file; returns its result and the writer still to commit (``None``: nothing to commit).
    ``folders``: see :func:`_open_writer`."""
    name = task.name or str(task.src)
    dst = str(task.dst) if task.dst is not None else None
    if options.skip_existing and task.dst is not None and not _same_path(task.dst, task.src) and os.path.lexists(task.dst):
        return FileResult(name, skipped=True, dst=dst), None
    writer: AtomicWriter | None = None
    size_in = 0  # the input's size once known: a failed file's record says how many bytes it had
    try:
        if not stat.S_ISREG(os.stat(task.src).st_mode):  # a FIFO or a device is never opened
            return FileResult(name, error="not a regular file", dst=dst), None
        try:  # unbuffered: a whole file is one read; no buffer, no terminal probe
            raw: io.RawIOBase = open(task.src, "rb", buffering=0, opener=_open_nonblocking)  # noqa: SIM115
        except IsADirectoryError:
            return FileResult(name, error="not a regular file", dst=dst), None
        with raw:
            info = os.fstat(raw.fileno())
            if not stat.S_ISREG(info.st_mode):
                return FileResult(name, error="not a regular file", dst=dst), None
            size_in = info.st_size
            jsonl = options.jsonl if options.jsonl is not None else _is_jsonl_path(task.src)
            in_place = task.dst is not None and _same_path(task.dst, task.src)
            counts: dict[str, int] | None = {} if options.counts else None
            writer = _open_writer(task, folders)
            if jsonl or (not options.diff and info.st_size > options.stream_threshold):
                os.set_blocking(raw.fileno(), True)
                with io.BufferedReader(raw) as handle, open(task.src, "rb") as original:
                    sink = _Sink(writer.handle if writer is not None else None, original)
                    encoding, error, records, diff = _clean_into(
                        handle, info.st_size, name, pipeline, options, jsonl, sink, counts  # type: ignore[arg-type]
                    )
                    changed, size = sink.changed(), sink.size
            else:  # read whole: the cleaned bytes are compared with the bytes read (no second handle)
                data = _read_all(raw, info.st_size)
                text, encoding = decode_auto(data, options.encoding, options.errors, name)
                cleaned = run_counted(pipeline, text, counts)
                out = cleaned.encode("utf-8")
                changed, size, error, records = out != data, len(out), None, None
                diff = _diff(text, cleaned, name) if options.diff and changed else None
                if writer is not None and (changed or not in_place):
                    writer.write_all(out)
        if writer is not None and in_place and not changed:
            writer.abort()  # nothing to change: the file keeps its bytes and its mtime
            writer = None
        return FileResult(
            name, encoding, changed, False, info.st_size, size,
            tuple(sorted((counts or {}).items())), error, diff, dst, records,
        ), writer
    except Exception as err:  # never raise for one bad file: report it
        if writer is not None:
            writer.abort()
        return FileResult(name, error=_reason(err), bytes_in=size_in, dst=dst), None
    except BaseException:  # Ctrl-C: its temporary file goes too
        if writer is not None:
            writer.abort()
        raise


#: Outputs whose commit may be pending at once in :func:`_clean_group` (each holds an open file).
_PENDING_COMMITS = 32
#: A commit (fsync, rename) slower than this is slow: the disk makes it wait (tmpfs takes microseconds).
_SLOW_COMMIT = 0.0005
#: Threads committing at once when commits are slow: a journaling file system (ext4) writes the
#: fsyncs that come together in one journal commit, so several at once go several times faster.
_COMMIT_THREADS = 8
#: Output folders (``FileTask.root``; ``None``: in place) where this process saw slow commits.
_SLOW_ROOTS: set[Path | None] = set()


def _clean_group(tasks: Iterable[FileTask], pipeline: Pipeline, options: RunOptions) -> Iterator[FileResult]:
    """:func:`clean_file` over ``tasks``, results in order. A result is yielded once its file is
    committed, so what the caller sees as written is written, and an interrupted run leaves complete
    files only.

    Each output is committed right away while commits are fast (tmpfs, a disk cache): handing a
    commit to a thread costs more than the commit then (the GIL goes back and forth). Once two commits
    in a row were slow (the disk's fsync latency), the outputs of that folder are committed by a few
    background threads while the next files are cleaned: the fsync waits (without the GIL) hide
    behind the cleaning and behind each other."""
    pending: collections.deque[FileResult | Future[FileResult]] = collections.deque()
    committer = None
    folders: dict[Any, Any] = {}  # output folders checked and made (see _open_writer)
    forget_umask()  # no commit thread of this group runs yet: reading it cannot race
    slow = 0  # slow commits in a row
    writer = None  # an output made and not yet committed (or handed to a thread): aborted on Ctrl-C
    try:
        for task in tasks:
            result, writer = _clean_file(task, pipeline, options, folders)
            if writer is None:
                pending.append(result)
            elif committer is None and task.root not in _SLOW_ROOTS:
                start = time.perf_counter()
                pending.append(_commit(result, writer))
                writer = None
                slow = slow + 1 if time.perf_counter() - start > _SLOW_COMMIT else 0
                if slow >= 2:
                    _SLOW_ROOTS.add(task.root)
            else:
                if committer is None:
                    from concurrent.futures import ThreadPoolExecutor

                    committer = ThreadPoolExecutor(_COMMIT_THREADS, thread_name_prefix="cleaner-commit")
                pending.append(committer.submit(_commit, result, writer))
                writer = None
            while pending and (len(pending) > _PENDING_COMMITS or isinstance(pending[0], FileResult) or pending[0].done()):
                first = pending.popleft()
                yield first if isinstance(first, FileResult) else first.result()
        while pending:
            first = pending.popleft()
            yield first if isinstance(first, FileResult) else first.result()
    except KeyboardInterrupt:
        with _sigint_ignored():  # a second Ctrl-C must not cut the clean-up short
            if writer is not None:  # Ctrl-C between a file's cleaning and its commit
                writer.abort()
            if committer is not None:
                committer.shutdown(wait=True)
                committer = None
            # A Ctrl-C can land between a temporary file's creation and its writer taking charge of it:
            # once no commit runs, this process's temporary files left in its output folders are removed.
            _remove_temp_files({key[1] for key in folders if isinstance(key, tuple)}, [os.getpid()])
        raise
    finally:
        if committer is not None:
            committer.shutdown(wait=True)  # every output started is finished: complete files only


def _tee(lines: Iterable[Any], into: list[Any]) -> Iterator[Any]:
    for line in lines:
        into.append(line)
        yield line


def _joined(lines: list[str | bytes]) -> str:
    """JSONL lines as one text for a diff (a line that did not decode shows U+FFFD for its bad bytes)."""
    return "".join(line if isinstance(line, str) else line.decode("utf-8", "replace") for line in lines)


def clean_stream(
    source: BinaryIO, target: BinaryIO | None, pipeline: Pipeline, options: RunOptions, name: str = "<stdin>"
) -> FileResult:
    """Clean a byte stream (stdin, or one file to stdout) into ``target``; ``None`` writes nothing.

    JSONL goes to ``target`` line by line. Plain text is spooled (in memory up to
    ``options.stream_threshold`` bytes, then in a temporary file), cleaned like a file, and copied
    to ``target``; memory stays bounded. Errors are returned in the result; with an error, nothing
    is written to ``target`` unless it is JSONL (whose bad lines are copied through).
    """
    jsonl = bool(options.jsonl)
    counts: dict[str, int] | None = {} if options.counts else None
    try:
        if jsonl and target is not None and not options.diff:
            # ``changed``: the size and checksums (CRC-32 and Adler-32) of the input bytes against those
            # of the output bytes; nothing is kept (the encoding detection may read far ahead of the output).
            import zlib

            seen = {"in": (0, 1), "out": (0, 1)}

            def digest(key: str, data: bytes) -> None:
                crc, adler = seen[key]
                seen[key] = (zlib.crc32(data, crc), zlib.adler32(data, adler))

            class Read:
                """Reads ``source``, digesting what it hands out."""

                def read(self, n: int = -1) -> bytes:
                    data = source.read(n)
                    digest("in", data)
                    return data

            class Digested:
                """Writes to ``target``, digesting what it writes."""

                def write(self, data: bytes) -> None:
                    digest("out", data)
                    target.write(data)  # type: ignore[union-attr]

            counter = _CountingReader(Read())  # type: ignore[arg-type]
            sink = _Sink(Digested(), None)  # type: ignore[arg-type]
            encoding, error, records, diff = _clean_into(counter, 0, name, pipeline, options, True, sink, counts)  # type: ignore[arg-type]
            target.flush()
            return FileResult(
                name, encoding, counter.size != sink.size or seen["in"] != seen["out"], False,
                counter.size, sink.size,
                tuple(sorted((counts or {}).items())), error, None, None, records,
            )
        with tempfile.SpooledTemporaryFile(max_size=options.stream_threshold) as spool, \
                tempfile.SpooledTemporaryFile(max_size=options.stream_threshold) as out:
            size = 0
            while chunk := source.read(1 << 20):
                spool.write(chunk)
                size += len(chunk)
            spool.seek(0)
            sink = _Sink(out, None)
            encoding, error, records, diff = _clean_into(spool, size, name, pipeline, options, jsonl, sink, counts)
            out.seek(0)
            spool.seek(0)
            changed = _differ(out, spool)
            if target is not None and (error is None or jsonl):
                out.seek(0)
                shutil.copyfileobj(out, target, 1 << 20)
                target.flush()
        return FileResult(
            name, encoding, changed, False, size, sink.size,
            tuple(sorted((counts or {}).items())), error, diff, None, records,
        )
    except BrokenPipeError:
        raise  # the reader went away: not a problem of this input
    except Exception as err:
        return FileResult(name, error=_reason(err))


def _differ(a: BinaryIO, b: BinaryIO) -> bool:
    while True:
        x, y = a.read(1 << 20), b.read(1 << 20)
        if x != y:
            return True
        if not x:
            return False


class _CountingReader:
    def __init__(self, raw: BinaryIO):
        self.raw, self.size = raw, 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.size += len(data)
        return data

    def tell(self) -> int:
        return self.size


# ---------------------------------------------------------------------------------------------
# Many files


_WORKER: dict[str, Any] = {}


def _init_worker(pipeline: Pipeline, options: RunOptions, warm: bool = False) -> None:
    _WORKER["pipeline"], _WORKER["options"] = pipeline, options
    if warm:  # forked before the parent warmed up: build the patterns here, while the parent plans
        try:
            pipeline(_WARM_TEXT)
        except Exception:  # noqa: BLE001 - a warm-up only: each file is cleaned (and reported) on its own
            pass


#: A result as a worker sends it back: see :func:`_pack`.
_Packed = FileResult | tuple[Any, ...]


def _clean_batch(tasks: Sequence[FileTask]) -> list[_Packed]:
    """Run in a worker: the results of ``tasks``, each packed by :func:`_pack` (the parent has the tasks)."""
    pipeline, options = _WORKER["pipeline"], _WORKER["options"]
    return [_pack(result, task) for result, task in zip(_clean_group(tasks, pipeline, options), tasks, strict=True)]


def _pack(result: FileResult, task: FileTask) -> _Packed:
    """``result`` without what the parent knows from ``task`` (its name and output, both paths): a
    plain tuple, a quarter of the bytes and a fraction of the time to pickle and unpickle. A result
    that does not name its task as usual travels whole."""
    if result.path != (task.name or str(task.src)) or result.dst != (str(task.dst) if task.dst is not None else None):
        return result
    return (
        result.encoding, result.changed, result.skipped, result.bytes_in, result.bytes_out,
        result.counts, result.error, result.diff, result.records,
    )


def _unpack(packed: _Packed, task: FileTask) -> FileResult:
    """The :class:`FileResult` that :func:`_pack` packed, for ``task``."""
    if isinstance(packed, FileResult):
        return packed
    encoding, changed, skipped, bytes_in, bytes_out, counts, error, diff, records = packed
    return FileResult(
        task.name or str(task.src), encoding, changed, skipped, bytes_in, bytes_out, counts, error, diff,
        str(task.dst) if task.dst is not None else None, records,
    )


#: A short article that takes every step of the default profiles through its usual paths.
_WARM_TEXT = (
    "<p>عنوان الخبر</p>\r\n\r\nالقاهرة - أ ش أ\nقال المتحدث الرسمي إن الاجتماع ناقش عدداً من الملفات المهمة "
    "في المنطقة ، وأكد ضرورة التعاون .\n\nاقرأ أيضاً:\nمقالات ذات صلة\nقال المتحدث الرسمي إن الاجتماع ناقش "
    "عدداً من الملفات المهمة في المنطقة ، وأكد ضرورة التعاون .\nتابعونا على فيسبوك\n"
)


def _warm(pipeline: Pipeline, task: FileTask) -> None:
    """Run the pipeline once in this process before the pool forks, on a sample and on the start of
    the first file: the patterns compiled and the tables loaded on first use are then inherited by
    every worker (fork) instead of being built again in each. Any failure is left to the workers."""
    if not _forks():
        return  # spawned workers start from scratch: nothing to inherit
    try:
        pipeline(_WARM_TEXT)
        if not stat.S_ISREG(os.stat(task.src).st_mode):  # a FIFO would block open()
            return
        with open(task.src, "rb") as handle:
            head = handle.read(1 << 16)
        text = head.decode("utf-8", "replace") if b"\0" not in head[:-1] else ""
        pipeline(text[: text.rfind("\n") + 1] if "\n" in text else text)
    except Exception:  # noqa: BLE001 - a warm-up only: the file itself is cleaned (and reported) by a worker
        pass


#: A batch of files holds about this many bytes at most (its results, diffs included, travel back together).
_BATCH_BYTES = 4 << 20


def _batches(tasks: Sequence[FileTask], jobs: int) -> list[Sequence[FileTask]]:
    """Small files travel in batches (fewer round trips); a batch holds about 4 MB at most. Towards
    the end batches get smaller (a few files), so that the workers finish at about the same time."""
    per = max(1, min(64, len(tasks) // (jobs * 16) or 1))
    out: list[list[FileTask]] = []
    current: list[FileTask] = []
    size = 0
    left = len(tasks)
    limit = per
    for task in tasks:
        current.append(task)
        size += task.size
        if len(current) >= limit or size >= _BATCH_BYTES:
            out.append(current)
            left -= len(current)
            current, size = [], 0
            limit = max(1, min(per, left // (jobs * 4)))
    if current:
        out.append(current)
    return out


def _forks() -> bool:
    """Whether worker processes are forked (``multiprocessing``'s start method; when nothing imported
    ``multiprocessing``, none was chosen: the platform's default, without importing it)."""
    mp = sys.modules.get("multiprocessing")
    if mp is None:
        return hasattr(os, "fork") and sys.platform not in ("darwin", "win32")
    return bool(mp.get_start_method() == "fork")


def _start_pool(pipeline: Pipeline, options: RunOptions, jobs: int, warm: bool = False) -> _Pool | None:
    """A process pool of ``jobs`` workers, started (forked) now; ``None`` if this system cannot make one.

    Where workers fork it is a :class:`cleaner.pool.ForkPool`; elsewhere a ``ProcessPoolExecutor``. The garbage
    collector's view of this process is frozen while the workers fork, so that their collections do
    not walk (and write to, and so copy) the pages they share with it."""
    import gc

    if _forks():
        gc.freeze()
        try:
            return ForkPool(jobs, _init_worker, (pipeline, options, warm))
        except OSError:
            return None
        finally:
            gc.unfreeze()
    from concurrent.futures import ProcessPoolExecutor  # a pool only for many files: kept out of start-up

    try:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(pipeline, options, warm))
    except (OSError, NotImplementedError, ImportError):
        return None
    try:
        pool.submit(int)  # the workers start now
    except (OSError, RuntimeError):
        pool.shutdown(wait=False, cancel_futures=True)
        return None
    return pool


#: What :func:`clean_many` and :class:`_Prefetch` use of a pool: ``submit``, results, ``shutdown``.
_Pool = Any


def early_pool(paths: Sequence[str], pipeline: Pipeline, options: RunOptions, jobs: int | None) -> _Pool | None:
    """A pool started before the inputs are listed, when a folder among ``paths`` promises many files and
    workers fork: each worker then builds its patterns while this process lists the files, instead of
    this process building them first and the workers waiting. ``None`` when not worth it."""
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    if jobs == 1 or not _forks() or not any(os.path.isdir(p) for p in paths):
        return None
    workers = _promised(paths, jobs)
    return _start_pool(pipeline, options, workers, warm=True) if workers > 1 else None


def _promised(paths: Sequence[str], cap: int) -> int:
    """How many files ``paths`` promise, up to ``cap``: files named, and the entries at the top of each
    folder (a subfolder may hold any number: ``cap``). An empty folder or one file forks no pool."""
    count = 0
    for path in paths:
        if not os.path.isdir(path):
            count += 1
            continue
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        return cap
                    count += 1
                    if count >= cap:
                        return cap
        except OSError:
            continue  # the listing says why, later
    return min(count, cap)


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def clean_many(
    tasks: Sequence[FileTask],
    pipeline: Pipeline,
    options: RunOptions,
    jobs: int | None = None,
    *,
    pool: _Pool | None = None,
    prefetched: _Prefetch | None = None,
) -> Iterator[FileResult]:
    """Clean every task; results come in input order. One job or one file runs in this process.

    With more jobs, files go in small batches to a process pool, with a bounded number of batches in
    flight (memory stays flat for millions of files). If a pool cannot be created, runs serially.
    ``pool``: one started by the caller (see :func:`early_pool`) for ``jobs`` workers; it is shut down
    here. ``prefetched``: the first tasks, already handed to that pool while they were listed.
    """
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    if jobs == 1 or len(tasks) <= 1:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        yield from _clean_group(tasks, pipeline, options)
        return
    sent = prefetched.sent if prefetched is not None and pool is not None else []
    batches = _batches(tasks[sum(len(batch) for batch, _ in sent) :], jobs)
    if pool is None:
        if _forks():
            _warm(pipeline, tasks[0])
        pool = _start_pool(pipeline, options, min(jobs, len(batches)))
    if pool is None:
        yield from _clean_group(tasks, pipeline, options)
        return
    window: collections.deque[tuple[Sequence[FileTask], Future[list[_Packed]]]] = collections.deque(sent)
    queued = iter(batches)
    batch: Sequence[FileTask] | None = None
    try:
        while len(window) < jobs * 3 and (batch := next(queued, None)) is not None:
            window.append((batch, pool.submit(_clean_batch, batch)))
        while window:
            batch, future = window[0]
            window.popleft()
            try:
                results = [_unpack(packed, task) for packed, task in zip(future.result(), batch, strict=True)]
            except Exception as err:  # a worker died (killed, out of memory): those files failed
                results = [
                    FileResult(t.name or str(t.src), error=f"worker process failed: {type(err).__name__}: {err}")
                    for t in batch
                ]
            nxt = next(queued, None)
            if nxt is not None:
                window.append((nxt, pool.submit(_clean_batch, nxt)))
            yield from results
    except KeyboardInterrupt:
        _interrupted(pool, [batch or (), *(b for b, _ in window)])
        raise
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _interrupted(pool: _Pool, batches: Iterable[Sequence[FileTask]]) -> None:
    """Ctrl-C during a pooled run: the workers (which ignore SIGINT) are ended at once, and the
    temporary files they may have left (a file half written, commits pending) are removed from the
    output folders of the ``batches`` they held. Files already committed stay, whole; no worker is
    waited on beyond its end. A second Ctrl-C meanwhile is ignored."""
    terminate = getattr(pool, "terminate", None)
    if terminate is None:  # a ProcessPoolExecutor: its workers end with the parent
        pool.shutdown(wait=False, cancel_futures=True)
        return
    with _sigint_ignored():
        pids = terminate()
        folders = {_parent(os.fspath(t.dst)) for batch in batches for t in batch if t.dst is not None}
        _remove_temp_files(folders, pids)


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl-C while the block runs (a clean-up that must finish), where signals can be set."""
    import signal

    try:
        old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        old = None
    try:
        yield
    finally:
        if old is not None:
            signal.signal(signal.SIGINT, old)


def _remove_temp_files(folders: Iterable[str], pids: Iterable[int]) -> None:
    """Remove from ``folders`` the temporary files of the processes ``pids`` (ended)."""
    prefixes = tuple(f"{TEMP_PREFIX}{pid}-" for pid in pids)
    if not prefixes:
        return
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(prefixes):
                with _suppress(OSError):
                    os.unlink(entry.path)


class _Prefetch:
    """Hands the first files to a pool's workers while the rest are still being listed (the listing of
    a big folder takes a while; the workers need not wait for it): full batches of
    ``_PREFETCH_BATCH`` tasks, up to three per worker, in input order. Only for plans that cannot end
    in a usage error (see :func:`plan_tasks`). A pool that holds back calls until a worker has room
    (:class:`cleaner.pool.ForkPool`) is looked at once per batch's worth of files listed after that."""

    def __init__(self, pool: _Pool, jobs: int):
        self.pool, self.limit = pool, jobs * 3
        self.sent: list[tuple[list[FileTask], Future[list[_Packed]]]] = []
        self.batch: list[FileTask] = []
        self.size = 0
        self.poll = getattr(pool, "poll", None)
        self.listed = 0

    def __call__(self, task: FileTask) -> None:
        if len(self.sent) >= self.limit:
            self.listed += 1
            if self.poll is not None and self.listed % _PREFETCH_BATCH == 0:
                self.poll()
            return
        self.batch.append(task)
        self.size += task.size
        if len(self.batch) == _PREFETCH_BATCH or self.size >= _BATCH_BYTES:  # as _batches cuts them
            self.sent.append((self.batch, self.pool.submit(_clean_batch, self.batch)))
            self.batch, self.size = [], 0


_PREFETCH_BATCH = 64


@dataclass
class Report:
    """Totals of a run, the exit code, and the per-file JSON records of ``--report``."""

    check: bool = False
    dry: bool = False  # --diff: nothing is written either
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    started: float = field(default_factory=time.perf_counter)

    def add(self, result: FileResult) -> None:
        if result.skipped:
            self.skipped += 1
        elif result.error is not None and result.records is None:
            self.failed += 1
        else:
            if result.error is not None:
                self.failed += 1  # JSONL with bad lines: written, and failed
            elif result.changed:
                self.changed += 1
            else:
                self.unchanged += 1
        self.bytes_in += result.bytes_in
        self.bytes_out += result.bytes_out

    @property
    def return_code(self) -> int:
        if self.failed:
            return EXIT_INPUT_FAILED
        if self.check and self.changed:
            return EXIT_CHECK_CHANGED
        return EXIT_OK

    def summary(self) -> str:
        elapsed = time.perf_counter() - self.started
        verb = "would change" if self.check or self.dry else "changed"
        return (
            f"{self.changed} {verb}, {self.unchanged} unchanged, {self.skipped} skipped, {self.failed} failed; "
            f"{_mb(self.bytes_in)} in, {_mb(self.bytes_out)} out; {elapsed:.1f} s"
        )


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


class Progress:
    """A one-line progress bar on a terminal's stderr: files done of total, MB/s, time left."""

    def __init__(self, total_files: int, total_bytes: int, stream: IO[str], enabled: bool):
        self.total_files, self.total_bytes = total_files, max(total_bytes, 1)
        self.stream, self.enabled = stream, enabled
        self.files = self.bytes = 0
        self.started = self.shown = time.perf_counter()

    def update(self, result: FileResult) -> None:
        self.files += 1
        self.bytes += result.bytes_in
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.shown < 0.1 and self.files < self.total_files:
            return
        self.shown = now
        elapsed = max(now - self.started, 1e-6)
        rate = self.bytes / elapsed
        left = (self.total_bytes - self.bytes) / rate if rate > 0 else 0.0
        width = 24
        done = int(width * self.files / max(self.total_files, 1))
        bar = "#" * done + "-" * (width - done)
        self.stream.write(
            f"\r[{bar}] {self.files}/{self.total_files} files  {rate / 1e6:.1f} MB/s  "
            f"{int(max(left, 0)) // 60}:{int(max(left, 0)) % 60:02d} left "
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


# ---------------------------------------------------------------------------------------------
# From command-line arguments to tasks


def _same_file(a: PathLike, b: PathLike) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _check_usage(paths: Sequence[str], output: str | None, in_place: bool, options: RunOptions) -> Path | None:
    """Raise :class:`UsageError` for arguments that do not fit together; returns the output folder."""
    dry = options.check or options.diff
    if in_place and output is not None:
        raise UsageError("--in-place and -o/--output exclude each other")
    if dry and (in_place or output is not None):
        raise UsageError("--check and --diff write nothing; drop -o/--output and --in-place")
    if options.skip_existing and (output is None or in_place):
        raise UsageError("--skip-existing needs an output folder (-o DIR)")
    if output == "-":
        raise UsageError("-o - (stdout) takes one input file; use -o DIR for folders and several inputs")
    folders = [p for p in paths if os.path.isdir(p)]
    outdir: Path | None = None
    if output is not None:
        outdir = Path(output)
        if outdir.exists() and not outdir.is_dir():
            raise UsageError(f"-o {output}: several inputs or a folder need an output folder, and this is a file")
        for folder in folders:
            if outdir.exists() and _same_file(outdir, Path(folder)):
                raise UsageError(f"-o {output} is the input folder {folder}; use --in-place to rewrite it")
    elif not in_place and not dry:
        raise UsageError("several inputs or a folder need an output folder (-o DIR) or --in-place (or --check/--diff)")
    return outdir


#: Why ``--in-place`` leaves a symbolic link found in a folder alone (the report's ``note``).
_LINK_SKIPPED = "a symbolic link found in a folder is not rewritten in place (name the file itself to clean it)"


def _check_nested_output(
    paths: Sequence[str], output: str, include: Sequence[str], exclude: Sequence[str]
) -> None:
    """An existing output folder inside an input folder that holds files the walk of that input
    would take is a :class:`UsageError`: those files would be cleaned onto themselves or written
    over by others (``in/a.txt`` onto ``in/sub/a.txt`` with ``-o in/sub``). A new or empty one is
    fine (it is never entered)."""
    for path in paths:
        if os.path.isdir(path):
            found = first_selected(path, output, include, exclude)
            if found is not None:
                raise UsageError(
                    f"-o {output} is inside the input folder {path} and already holds files it would clean "
                    f"({found}); choose an output folder outside {path}, or a new or empty one"
                )


def plan_tasks(
    paths: Sequence[str],
    output: str | None,
    in_place: bool,
    options: RunOptions,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    *,
    on_task: Callable[[FileTask], None] | None = None,
) -> tuple[list[FileTask], list[FileResult]]:
    """Turn file and folder arguments into tasks (and results for arguments that failed outright).

    Raises :class:`UsageError` for combinations that make no sense, before anything is written.
    ``on_task`` is called with each task as soon as it is planned when no usage error can follow
    (one folder into a new output folder, or ``--check``/``--diff``; the output folder is then never
    entered, should it appear below the input); otherwise it is not called.
    """
    outdir = _check_usage(paths, output, in_place, options)
    out_exists = outdir is not None and outdir.exists()
    if out_exists:
        _check_nested_output(paths, str(outdir), include, exclude)
    dry = options.check or options.diff
    early = on_task if len(paths) == 1 and not in_place and (dry or (outdir is not None and not out_exists)) else None
    prune = [str(outdir)] if out_exists or (early is not None and outdir is not None) else []
    tasks: list[FileTask] = []
    failed: list[FileResult] = []
    seen: dict[str, str] = {}
    real_seen: set[str] = set()
    parents: set[str] = set()
    # Paths are strings (str(outdir) / rel written as Path would): no Path made, parsed or pickled per file.
    root = str(outdir) if outdir is not None else None
    prefix = _discover_prefix(root) if root is not None else ""
    for found in discover(paths, include, exclude, prune, clean_temp=in_place):
        shown = found.path
        if found.error is not None:
            failed.append(FileResult(shown, error=found.error))
            continue
        if in_place:
            if found.link:  # a link found in a folder: rewriting it would rewrite the file it leads to
                failed.append(FileResult(shown, skipped=True, note=_LINK_SKIPPED))
                continue
            real = os.path.realpath(shown)
            if real in real_seen:
                continue  # the same file under two names: clean it once
            real_seen.add(real)
            dst: str | None = shown
        elif root is not None:
            dst = prefix + found.rel
            key = os.path.normpath(dst)
            if key in seen:
                raise UsageError(f"{seen[key]} and {shown} would both be written to {dst}")
            seen[key] = shown
            if not out_exists:  # nothing in it to clash with, no leftovers to remove
                tasks.append(FileTask(shown, dst, shown, found.size, root))
                if early is not None:
                    early(tasks[-1])
                continue
            if os.path.exists(dst) and _same_file(dst, shown):
                raise UsageError(f"{shown} would be written over itself; use --in-place")
        else:
            dst = None
        if dst is not None:
            parents.add(_parent(dst))
        tasks.append(FileTask(shown, dst, shown, found.size, root))
        if early is not None:
            early(tasks[-1])
    for parent in parents:  # temporary files a killed run left next to its outputs
        cleanup_temp_files(parent)
    return tasks, failed


def run(
    paths: Sequence[str],
    output: str | None,
    pipeline: Pipeline,
    options: RunOptions,
    *,
    in_place: bool = False,
    jobs: int | None = None,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    report_path: str | None = None,
    quiet: bool = False,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
    stderr: IO[str] | None = None,
    mapper: Callable[[Sequence[FileTask], Pipeline, RunOptions], Iterable[FileResult]] | None = None,
) -> int:
    """Everything the ``cleaner`` command does with its inputs; returns the exit code.

    Raises :class:`UsageError` (exit code 2) before writing anything when arguments do not fit.
    ``mapper(tasks, pipeline, options)``, when given, replaces :func:`clean_many` for a batch and must
    yield one result per task in input order (the Dask scale-out passes one; ``jobs`` is then unused).
    """
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    stderr = stderr if stderr is not None else sys.stderr
    paths = list(paths) or ["-"]

    def say(message: str) -> None:
        stderr.write(f"cleaner: {_printable(message)}\n")
        stderr.flush()

    if "-" in paths and len(paths) > 1:
        raise UsageError("'-' (stdin) must be the only input")
    dry = options.check or options.diff
    single = len(paths) == 1 and (paths[0] == "-" or not os.path.isdir(paths[0]))
    to_stream = single and not in_place and not dry and (
        output is None or output == "-" or not (os.path.isdir(output) or output.endswith(("/", os.sep)))
    )
    if paths == ["-"]:
        if in_place:
            raise UsageError("--in-place needs files, not stdin")
        if options.skip_existing:
            raise UsageError("--skip-existing needs an output folder (-o DIR)")
        if output is not None and output != "-" and not to_stream:
            raise UsageError(f"-o {output}: stdin has no file name to write under a folder")
        return _piped(lambda: _run_one(None, output, pipeline, options, stdin, stdout, say, report_path, quiet), stdout)
    if to_stream:
        if options.skip_existing:
            raise UsageError("--skip-existing needs an output folder (-o DIR)")
        source = paths[0]
        if output not in (None, "-") and os.path.exists(output) and _same_file(Path(output), Path(source)):
            raise UsageError(f"-o {output} is the input file; use --in-place to rewrite it")
        return _piped(lambda: _run_one(source, output, pipeline, options, stdin, stdout, say, report_path, quiet), stdout)

    _check_usage(paths, output, in_place, options)  # before a pool starts
    records = _ReportWriter(report_path)  # one that cannot be written is a usage error, before any file
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    pool = early_pool(paths, pipeline, options, jobs) if mapper is None else None
    prefetch = _Prefetch(pool, jobs) if pool is not None else None
    try:
        try:
            planned = plan_tasks(paths, output, in_place, options, include or DEFAULT_INCLUDE, exclude, on_task=prefetch)
        except KeyboardInterrupt:  # batches handed out during the listing may have written files
            if pool is not None and prefetch is not None:
                _interrupted(pool, [b for b, _ in prefetch.sent])
            say("interrupted; files written so far are complete, the others untouched")
            return 130
        return _run_tasks(planned, pipeline, options, jobs, pool, prefetch, mapper, records, quiet, stdout, stderr, say)
    finally:
        records.abort()  # nothing left to abort once committed
        if pool is not None:  # normally shut down already; not when planning failed (a usage error)
            pool.shutdown(wait=False, cancel_futures=True)


def _run_tasks(
    planned: tuple[list[FileTask], list[FileResult]],
    pipeline: Pipeline,
    options: RunOptions,
    jobs: int | None,
    pool: _Pool | None,
    prefetch: _Prefetch | None,
    mapper: Callable[[Sequence[FileTask], Pipeline, RunOptions], Iterable[FileResult]] | None,
    records: _ReportWriter,
    quiet: bool,
    stdout: BinaryIO,
    stderr: IO[str],
    say: Callable[[str], None],
) -> int:
    """Clean planned tasks, record and report each result in order; returns the exit code."""
    tasks, failed = planned
    report = Report(check=options.check, dry=options.diff)
    progress = Progress(len(tasks), sum(t.size for t in tasks), stderr, not quiet and stderr.isatty() and len(tasks) > 1)
    cleaned: Iterable[FileResult] | None = None
    try:
        for result in failed:
            _record(result, report, records, options, stdout, say, progress, quiet)
        cleaned = (
            clean_many(tasks, pipeline, options, jobs, pool=pool, prefetched=prefetch)
            if mapper is None
            else mapper(tasks, pipeline, options)
        )
        for result in cleaned:
            _record(result, report, records, options, stdout, say, progress, quiet)
    except KeyboardInterrupt:
        progress.close()
        records.abort()
        throw = getattr(cleaned, "throw", None)
        if throw is not None:  # the cleaning stopped at a result: it ends its workers and temporary files
            with _suppress(KeyboardInterrupt, Exception):  # whatever it ends with, the run ends with 130
                throw(KeyboardInterrupt())
        say("interrupted; files written so far are complete, the others untouched")
        return 130
    progress.close()
    records.commit()
    if not quiet:
        say(report.summary())
    if records.error is not None:
        say(records.error)
        return EXIT_INPUT_FAILED
    return report.return_code


def _record(
    result: FileResult,
    report: Report,
    records: _ReportWriter,
    options: RunOptions,
    stdout: BinaryIO,
    say: Callable[[str], None],
    progress: Progress,
    quiet: bool = False,
) -> None:
    report.add(result)
    records.add(result)
    if result.error is not None:
        progress.close()
        say(f"{result.path}: {result.error}")
    elif options.check and result.changed:
        progress.close()
        say(f"would change {result.path}")
    elif result.note is not None and not quiet:
        progress.close()
        say(f"{result.path}: skipped: {result.note}")
    if result.diff:
        stdout.write(result.diff.encode("utf-8", "surrogateescape"))
        stdout.flush()
    progress.update(result)


def _run_one(
    source: str | None,
    output: str | None,
    pipeline: Pipeline,
    options: RunOptions,
    stdin: BinaryIO,
    stdout: BinaryIO,
    say: Callable[[str], None],
    report_path: str | None,
    quiet: bool,
) -> int:
    """One input (a file or stdin) to stdout or to one output file, in bounded memory."""
    name = source if source is not None else "<stdin>"
    if options.jsonl is None:
        options = _replace(options, jsonl=bool(source and source.lower().endswith(".jsonl")))
    report = Report(check=options.check, dry=options.diff)
    records = _ReportWriter(report_path)
    dry = options.check or options.diff
    to_file = not dry and output not in (None, "-")
    if source is not None and to_file:
        assert output is not None
        cleanup_temp_files(Path(output).parent if Path(output).parent.is_dir() else ".")
        result = clean_file(FileTask(Path(source), Path(output), source), pipeline, options)
    else:
        try:
            handle: BinaryIO = stdin if source is None else open(source, "rb")  # noqa: SIM115
        except OSError as err:
            result = FileResult(name, error=err.strerror or str(err))
        else:
            try:
                if dry:
                    result = clean_stream(handle, None, pipeline, options, name)
                elif not to_file:
                    result = clean_stream(handle, stdout, pipeline, options, name)
                else:
                    assert output is not None
                    Path(output).parent.mkdir(parents=True, exist_ok=True)
                    cleanup_temp_files(Path(output).parent)
                    writer = AtomicWriter(output)
                    result = clean_stream(handle, writer, pipeline, options, name)  # type: ignore[arg-type]
                    if result.error is not None and not options.jsonl:
                        writer.abort()
                    else:
                        writer.commit()
                    result = _replace(result, dst=output)
            finally:
                if source is not None:
                    handle.close()
    if result.error is not None:
        suffix = "; nothing written" if (output not in (None, "-") and not options.jsonl) else ""
        say(f"{result.path}: {result.error}{suffix}")
    elif options.check and result.changed:
        say(f"would change {result.path}")
    if result.diff:
        stdout.write(result.diff.encode("utf-8", "surrogateescape"))
        stdout.flush()
    report.add(result)
    records.add(result)
    records.commit()
    if records.error is not None:
        say(records.error)
        return EXIT_INPUT_FAILED
    return report.return_code


def _piped(func: Callable[[], int], stdout: BinaryIO) -> int:
    """Run ``func``; when the reader of stdout goes away (``cleaner big.txt | head``), end quietly
    with 141 (128 + SIGPIPE), as command-line tools killed by SIGPIPE do."""
    try:
        return func()
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass
        return 141


def _replace(obj: Any, **changes: Any) -> Any:
    import dataclasses

    return dataclasses.replace(obj, **changes)


class _ReportWriter:
    """``--report FILE.json``: a JSON array, one record per file (one per line), written atomically.

    A file name that is not UTF-8 (each undecodable byte a lone surrogate, ``surrogateescape``) is
    written with ``\\udcXX`` escapes (:func:`cleaner.textio.json_text`): ``os.fsencode`` of the
    name read back gives the original bytes. A report that cannot be created is a :class:`UsageError`
    (raised before any input is read). Temporary files that killed runs left in the report's folder
    are removed first (:func:`cleaner.textio.cleanup_temp_files`: those of running processes stay)."""

    def __init__(self, path: str | None):
        self.writer: AtomicWriter | None = None
        self.count = 0
        self.path = path
        self.error: str | None = None  # why the report could not be written (a full disk…); the run says so
        if path is not None:
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                cleanup_temp_files(Path(os.path.realpath(path)).parent)
                self.writer = AtomicWriter(path)
            except OSError as err:
                raise UsageError(f"--report {path}: cannot write it: {err.strerror or err}") from None
            self.writer.write(b"[")

    def add(self, result: FileResult) -> None:
        if self.writer is None:
            return
        from .textio import json_text  # --report only

        sep = b",\n" if self.count else b"\n"
        try:
            self.writer.write(sep + json_text(result.to_record()).encode("utf-8"))
        except OSError as err:
            self._failed(err)
        self.count += 1

    def commit(self) -> None:
        if self.writer is not None:
            try:
                self.writer.write(b"\n]\n")
                self.writer.commit()
            except OSError as err:
                self._failed(err)
            self.writer = None

    def _failed(self, err: OSError) -> None:
        self.error = f"--report {self.path}: cannot write it: {err.strerror or err}"
        self.abort()

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.abort()
            self.writer = None
