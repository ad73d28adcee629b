"""Run a batch on a Dask cluster: ``cleaner DIR -o OUT --scheduler tcp://HOST:8786``.

The client (the machine running ``cleaner``) lists the inputs, exactly as a local run does
(:func:`cleaner.runner.plan_tasks`), and sends tasks to the cluster; the workers read, clean and write
their files themselves, so inputs and outputs must be on paths that every worker sees the same way
(a shared file system). Each task calls the local runner's :func:`cleaner.runner.clean_file`, so a
file is cleaned, decoded, reported and written atomically exactly as in a local run; the results
come back to the client in input order, which prints the same progress, summary, ``--report`` and
exit code as ``-j N`` does.

* **The pipeline travels by its steps** (a few hundred bytes of names and parameters); each worker
  process builds it once (:func:`cleaner.integrations.records.pipeline_from_steps` is cached by
  steps), so nothing is rebuilt per file.
* **Small files travel in batches** (up to 64 files or about 4 MB per task), like the local pool.
  A task's paths are the strings :func:`cleaner.runner.plan_tasks` makes (``FileTask`` takes ``str``
  or ``pathlib.Path``; this module reads either).
* **A large JSONL file is split** into byte ranges of about :data:`PART_BYTES` (``CLEANER_PART_SIZE``
  in the environment, e.g. ``256M``) that start and end on line boundaries. The encoding is decided
  once from the head of the whole file, as a local run does. Each range is cleaned by one task and
  written, atomically, to its own part file next to the output,
  ``.cleaner-tmp-<client pid>-part-<run>-<file number>-<index>`` (a hidden temporary name that later
  runs clean up once the client is gone). When every part is in, one more task concatenates the parts in
  order into a temporary file, renames it over the output (``os.replace``) and removes the parts, so
  the output appears whole or not at all, and its bytes are those of a local run. Line numbers and
  byte offsets in messages are those of the whole file. A part retried after a worker died rewrites
  the same part file with the same bytes; a retried assembly finds either all parts (and redoes it)
  or an output of the expected size (and only tidies up). ``--in-place`` and ``--diff`` runs do not
  split: a file is then one task, like a plain text file.
* **Retries are Dask's**: a worker killed mid-task leaves at most a hidden temporary file, never a
  half-written output, and the scheduler runs the task again elsewhere (up to
  ``distributed.scheduler.allowed-failures`` times; then the files of that task are reported as
  failed and the exit code is 123).

``--scheduler local:N`` starts a throwaway ``LocalCluster`` of N single-threaded worker processes on
127.0.0.1 for trying it out. This module imports ``dask``/``distributed`` only inside its functions.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from .. import __version__
from ..jsonl import MAX_PROBLEMS, clean_line
from ..pipeline import Pipeline, Step
from ..runner import (
    FileResult,
    FileTask,
    RunOptions,
    UsageError,
    _batches,
    _is_jsonl_path,
    _open_writer,
    _parent,
    _reason,
    _same_path,
    clean_file,
)
from ..textio import (
    TEMP_PREFIX,
    AtomicWriter,
    BadLine,
    cleanup_temp_files,
    decode_lines,
    iter_text,
)
from .records import pipeline_from_steps

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = [
    "ENV_PART_SIZE",
    "ENV_SCHEDULER",
    "PART_BYTES",
    "clean_part",
    "connect",
    "finish_parts",
    "line_ranges",
    "map_files",
    "run",
]

#: The environment variable that ``--scheduler`` falls back to.
ENV_SCHEDULER = "CLEANER_SCHEDULER"
#: The environment variable that sets the size of the byte ranges of a split JSONL file.
ENV_PART_SIZE = "CLEANER_PART_SIZE"
#: A JSONL file bigger than this is split into ranges of about this size, one task each.
PART_BYTES = 64 << 20

#: Encodings in which the byte 0x0A is always, and only, a line feed (so ranges can be cut on it).
_SPLITTABLE = {"utf-8", "utf-8-sig", "cp1256", "ascii", "latin-1", "iso8859-6"}
_OFFSET = re.compile(r"at byte offset (\d+)")


def part_bytes() -> int:
    """:data:`PART_BYTES`, or ``CLEANER_PART_SIZE`` from the environment (``4096``, ``64M``, ``1G``)."""
    raw = os.environ.get(ENV_PART_SIZE, "").strip()
    if not raw:
        return PART_BYTES
    match = re.fullmatch(r"(\d+)\s*([kKmMgG]?)i?[bB]?", raw)
    if match is None or int(match[1]) <= 0:
        raise UsageError(f"{ENV_PART_SIZE}={raw!r}: expected a size in bytes such as 67108864 or 64M")
    return int(match[1]) << {"": 0, "k": 10, "m": 20, "g": 30}[match[2].lower()]


# ---------------------------------------------------------------------------------------------
# Connecting


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'cleaner[dask]' (dask and distributed)") from None
    return distributed


@contextlib.contextmanager
def connect(address: str, timeout: float | None = None) -> Iterator[Client]:
    """A ``distributed.Client`` for ``address`` (``tcp://host:8786``, a scheduler file path ending in
    ``.json``, or ``local:N`` for a throwaway ``LocalCluster`` of N worker processes on 127.0.0.1).

    ``timeout`` (seconds) defaults to Dask's ``distributed.comm.timeouts.connect`` setting.

    Raises :class:`~cleaner.runner.UsageError` when Dask is missing or the address is unusable.
    """
    distributed = _import_distributed()
    address = address.strip()
    if address == "local" or address.startswith("local:"):
        count = address.partition(":")[2] or "2"
        if not count.isdigit() or int(count) < 1:
            raise UsageError(f"--scheduler {address}: expected local:N with N worker processes, e.g. local:2")
        with (
            distributed.LocalCluster(
                n_workers=int(count),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
                silence_logs=logging.ERROR,
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            yield client
        return
    wait = {} if timeout is None else {"timeout": timeout}
    try:
        if address.endswith(".json") and os.path.isfile(address):
            client = distributed.Client(scheduler_file=address, **wait)
        else:
            client = distributed.Client(address, **wait)
    except (OSError, TimeoutError, ValueError) as err:
        raise UsageError(f"--scheduler {address}: cannot reach a Dask scheduler there ({err})") from None
    with client:
        yield client


def _probe(steps: tuple[Step, ...]) -> str:
    """Run on a worker: build the pipeline (fails if a step is unknown there); return our version."""
    pipeline_from_steps(steps)
    return __version__


def _threads(client: Client) -> int:
    """How many tasks the cluster runs at once (its worker threads)."""
    return max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]


def check_workers(client: Client, pipeline: Pipeline) -> int:
    """Make sure the cluster has workers that run this version of cleaner and this pipeline.

    Returns how many tasks it runs at once (its worker threads). Raises :class:`~cleaner.runner.UsageError` otherwise.
    """
    try:
        client.wait_for_workers(1, timeout=60)
    except Exception as err:  # noqa: BLE001 - distributed raises TimeoutError or its own
        raise UsageError(f"the Dask cluster has no workers ({type(err).__name__})") from None
    try:
        version = client.submit(_probe, pipeline.steps, pure=False).result()
    except Exception as err:  # noqa: BLE001 - anything a worker raises comes back here
        raise UsageError(
            f"the Dask workers cannot run this pipeline: {type(err).__name__}: {err} "
            "(is cleaner installed on the workers?)"
        ) from None
    if version != __version__:
        raise UsageError(f"the Dask workers run cleaner {version}, this is cleaner {__version__}; install the same")
    return _threads(client)


# ---------------------------------------------------------------------------------------------
# JSONL byte ranges


def line_ranges(handle: BinaryIO, size: int, target: int) -> list[tuple[int, int]]:
    """Cut ``[0, size)`` into ranges of at least ``target`` bytes (but the last), each ending just after
    the first ``\\n`` at or past its target length (the last one at ``size``). Reads only around each cut.

    >>> import io
    >>> data = b"aaaa\\nbb\\ncccccc\\nd\\n"
    >>> cuts = line_ranges(io.BytesIO(data), len(data), 4)
    >>> cuts, [data[a:b] for a, b in cuts]
    ([(0, 5), (5, 15), (15, 17)], [b'aaaa\\n', b'bb\\ncccccc\\n', b'd\\n'])
    """
    bounds = [0]
    pos = target
    while pos < size:
        handle.seek(pos - 1)
        cut = -1
        where = pos - 1
        while cut < 0:
            chunk = handle.read(1 << 16)
            if not chunk:
                break
            nl = chunk.find(b"\n")
            if nl >= 0:
                cut = where + nl + 1
            where += len(chunk)
        if cut < 0 or cut >= size:
            break
        bounds.append(cut)
        pos = cut + target
    return list(zip(bounds, [*bounds[1:], size], strict=True))


class _Range:
    """A read-only view of ``[start, start + length)`` of an open binary file."""

    def __init__(self, handle: BinaryIO, start: int, length: int):
        handle.seek(start)
        self.handle, self.left = handle, length

    def read(self, n: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        n = self.left if n < 0 else min(n, self.left)
        data = self.handle.read(n)
        self.left -= len(data)
        return data


class _Compare:
    """Writes cleaned bytes on (if there is a writer) and notes whether they differ from the input's."""

    def __init__(self, writer: AtomicWriter | None, original: _Range):
        self.writer, self.original = writer, original
        self.size, self.same = 0, True

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.writer is not None:
            self.writer.write(data)
        if self.same and self.original.read(len(data)) != data:
            self.same = False

    def changed(self) -> bool:
        if self.same and self.original.read(1):
            self.same = False
        return not self.same


@dataclass(frozen=True, slots=True)
class PartResult:
    """What cleaning one byte range of a JSONL file did (picklable; sent back to the assembling task)."""

    index: int
    records: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    changed: bool = False
    counts: tuple[tuple[str, int], ...] = ()
    problems: tuple[tuple[int, str], ...] = ()  # (line number within the part, reason), at most MAX_PROBLEMS
    more_problems: int = 0
    error: str | None = None
    path: str | None = None  # the part file written (None: nothing written)


def clean_part(
    task: FileTask,
    index: int,
    start: int,
    end: int,
    codec: str,
    steps: tuple[Step, ...],
    options: RunOptions,
    part_path: str | None,
) -> PartResult:
    """Clean the JSONL lines in ``[start, end)`` of ``task.src``; write them to ``part_path`` atomically.

    ``codec`` is the encoding chosen for the whole file. Never raises for bad input.
    """
    name = task.name or str(task.src)
    pipeline = pipeline_from_steps(steps)
    counts: dict[str, int] | None = {} if options.counts else None
    problems: list[tuple[int, str]] = []
    more = 0
    writer: AtomicWriter | None = None
    try:
        with open(task.src, "rb") as handle, open(task.src, "rb") as original:
            decoder = "utf-8" if codec == "utf-8-sig" and start > 0 else codec
            # line by line, as a local run reads JSONL (cleaner.textio.iter_lines): a line that does
            # not decode comes as its bytes (a BadLine), copied as it is and reported
            lines = decode_lines(_Range(handle, start, end - start), decoder, options.errors, start, options.block_size)  # type: ignore[arg-type]
            if part_path is not None:
                writer = _open_writer(FileTask(task.src, Path(part_path), root=task.root))
            sink = _Compare(writer, _Range(original, start, end - start))
            records = 0
            for records, line in enumerate(lines, 1):
                if isinstance(line, BadLine):
                    out: str | bytes = line
                    problem: str | None = line.reason
                else:
                    out, problem = clean_line(line, pipeline, options.text_keys, counts)
                if problem is not None:
                    if len(problems) < MAX_PROBLEMS:
                        problems.append((records, problem))
                    else:
                        more += 1
                sink.write(out if isinstance(out, bytes) else out.encode("utf-8"))
            changed = sink.changed()
        if writer is not None:
            writer.commit()
        return PartResult(
            index,
            records,
            end - start,
            sink.size,
            changed,
            tuple(sorted((counts or {}).items())),
            tuple(problems),
            more,
            None,
            part_path,
        )
    except Exception as err:  # noqa: BLE001 - never raise for bad input: the joining task reports it
        if writer is not None:
            writer.abort()
        return PartResult(index, error=_reason(err))


def _merge_problems(parts: Sequence[PartResult]) -> str | None:
    listed: list[str] = []
    total = 0
    line0 = 0
    for part in parts:
        for number, problem in part.problems:
            if len(listed) < MAX_PROBLEMS:
                listed.append(f"line {line0 + number}: {problem}")
        total += len(part.problems) + part.more_problems
        line0 += part.records
    if not total:
        return None
    if total > len(listed):
        listed.append(f"and {total - len(listed)} more line(s)")
    return "JSONL lines copied through uncleaned: " + "; ".join(listed)


def _remove(paths: Sequence[str | None]) -> None:
    for path in paths:
        if path is not None:
            with contextlib.suppress(OSError):
                os.unlink(path)


def finish_parts(
    task: FileTask, parts: Sequence[PartResult], codec: str, part_paths: Sequence[str | None]
) -> FileResult:
    """Merge the parts of a split JSONL file into one result; concatenate them into ``task.dst``.

    Runs as a task after every part is in. Safe to run again: parts are only removed after the
    output has been replaced, and a rerun that finds them gone checks the output's size instead.
    """
    name = task.name or str(task.src)
    dst = str(task.dst) if task.dst is not None else None
    parts = sorted(parts, key=lambda p: p.index)
    for part in parts:
        if part.error is not None:
            _remove(part_paths)
            return FileResult(name, error=part.error, dst=dst)
    counts: collections.Counter[str] = collections.Counter()
    for part in parts:
        counts.update(dict(part.counts))
    bytes_out = sum(p.bytes_out for p in parts)
    if task.dst is not None:
        present = [p is not None and os.path.exists(p) for p in part_paths]
        if all(present):
            writer: AtomicWriter | None = None
            try:
                writer = _open_writer(task)
                assert writer is not None
                for path in part_paths:
                    assert path is not None
                    with open(path, "rb") as handle:
                        while chunk := handle.read(1 << 20):
                            writer.write(chunk)
                writer.commit()
            except Exception as err:  # noqa: BLE001 - the output folder is gone, full, read-only: report it
                if writer is not None:
                    writer.abort()
                _remove(part_paths)
                return FileResult(name, error=_reason(err), dst=dst)
        elif not (os.path.exists(task.dst) and os.path.getsize(task.dst) == bytes_out):
            return FileResult(
                name, error="parts of the output went missing before they were joined; not written", dst=dst
            )
        _remove(part_paths)
    return FileResult(
        name,
        codec,
        any(p.changed for p in parts),
        False,
        sum(p.bytes_in for p in parts),
        bytes_out,
        tuple(sorted(counts.items())),
        _merge_problems(parts),
        None,
        dst,
        sum(p.records for p in parts),
    )


# ---------------------------------------------------------------------------------------------
# Mapping tasks over the cluster


def clean_batch(tasks: Sequence[FileTask], steps: tuple[Step, ...], options: RunOptions) -> list[FileResult]:
    """Run on a worker: :func:`cleaner.runner.clean_file` over a few files with the cached pipeline."""
    pipeline = pipeline_from_steps(steps)
    return [clean_file(task, pipeline, options) for task in tasks]


def _is_jsonl(task: FileTask, options: RunOptions) -> bool:
    return options.jsonl if options.jsonl is not None else _is_jsonl_path(task.src)


def _split_plan(task: FileTask, options: RunOptions, target: int) -> tuple[str, list[tuple[int, int]]] | None:
    """``(encoding, byte ranges)`` for a JSONL file worth splitting, else ``None`` (one task)."""
    if options.diff or task.size <= target or not _is_jsonl(task, options):
        return None
    if task.dst is not None and _same_path(task.dst, task.src):  # in place: a retry must never read a replaced file
        return None
    if options.skip_existing and task.dst is not None and os.path.lexists(task.dst):
        return None
    try:
        with open(task.src, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            codec, _ = iter_text(
                handle, options.encoding, options.errors, task.name or str(task.src), options.block_size
            )
            if codec not in _SPLITTABLE:
                return None
            ranges = line_ranges(handle, size, target)
    except (OSError, ValueError):  # unreadable or undecodable: one task reports it as a local run does
        return None
    return (codec, ranges) if len(ranges) > 1 else None


@dataclass
class _Unit:
    """Work in flight whose results come back in input order: a batch of files, or one split file."""

    tasks: Sequence[FileTask]
    future: Future[Any]
    part_paths: list[str | None] = field(default_factory=list)


def _failed(unit: _Unit, err: BaseException) -> list[FileResult]:
    _remove(unit.part_paths)
    reason = f"worker process failed: {type(err).__name__}: {err}"
    return [
        FileResult(t.name or str(t.src), error=reason, dst=str(t.dst) if t.dst is not None else None)
        for t in unit.tasks
    ]


def map_files(
    client: Client,
    tasks: Sequence[FileTask],
    pipeline: Pipeline,
    options: RunOptions,
    *,
    workers: int | None = None,
    target: int | None = None,
) -> Iterator[FileResult]:
    """Clean ``tasks`` on the cluster behind ``client``; yield one result per task, in input order.

    The drop-in for :func:`cleaner.runner.clean_many` (``runner.run(..., mapper=...)``). A bounded
    number of tasks is in flight at once, so millions of files need no more client memory than ten.
    """
    steps = pipeline.steps
    workers = workers or _threads(client)
    target = target or part_bytes()
    run_token = uuid.uuid4().hex[:8]
    client_pid = os.getpid()
    parents: set[str] = {_parent(os.fspath(t.dst)) for t in tasks if t.dst is not None}

    def units() -> Iterator[_Unit]:
        pending: list[FileTask] = []

        def flush() -> Iterator[_Unit]:
            for batch in _batches(pending, workers):
                future = client.submit(
                    clean_batch, list(batch), steps, options, pure=False, key=f"cleaner-batch-{uuid.uuid4().hex}"
                )
                yield _Unit(batch, future)
            pending.clear()

        for number, task in enumerate(tasks):
            plan = _split_plan(task, options, target)
            if plan is None:
                pending.append(task)
                if len(pending) >= 64 * workers * 4:
                    yield from flush()
                continue
            yield from flush()
            codec, ranges = plan
            paths: list[str | None] = []
            futures = []
            for index, (start, end) in enumerate(ranges):
                path = None
                if task.dst is not None:
                    path = os.path.join(
                        _parent(os.fspath(task.dst)), f"{TEMP_PREFIX}{client_pid}-part-{run_token}-{number}-{index:05d}"
                    )
                paths.append(path)
                futures.append(
                    client.submit(
                        clean_part,
                        task,
                        index,
                        start,
                        end,
                        codec,
                        steps,
                        options,
                        path,
                        pure=False,
                        key=f"cleaner-part-{run_token}-{number}-{index:05d}",
                    )
                )
            done = client.submit(
                finish_parts, task, futures, codec, paths, pure=False, key=f"cleaner-join-{run_token}-{number}"
            )
            yield _Unit([task], done, paths)
        yield from flush()

    window: collections.deque[_Unit] = collections.deque()
    limit = workers * 4
    source = units()
    try:
        for unit in source:
            window.append(unit)
            if len(window) >= limit:
                break
        while window:
            unit = window.popleft()
            try:
                result = unit.future.result()
                results = [result] if isinstance(result, FileResult) else list(result)
            except Exception as err:  # noqa: BLE001 - KilledWorker after too many deaths, lost data, ...
                results = _failed(unit, err)
            unit.future.release()  # type: ignore[no-untyped-call]
            nxt = next(source, None)
            if nxt is not None:
                window.append(nxt)
            yield from results
    except BaseException:
        for unit in window:
            unit.future.cancel()  # type: ignore[no-untyped-call]
            _remove(unit.part_paths)
        raise
    finally:
        for parent in parents:  # temporary files of workers killed mid-write (their process is gone)
            cleanup_temp_files(parent)


# ---------------------------------------------------------------------------------------------
# The command


def run(
    scheduler: str,
    paths: Sequence[str],
    output: str | None,
    pipeline: Pipeline,
    options: RunOptions,
    *,
    stderr: IO[str] | None = None,
    **kwargs: Any,
) -> int:
    """``cleaner ... --scheduler ADDRESS``: :func:`cleaner.runner.run` with files cleaned on a cluster.

    Takes the arguments of :func:`cleaner.runner.run` (``jobs`` is ignored: the cluster has its own
    workers). Input from stdin or output to stdout is not a batch: it runs here, with a note. One
    file to one output file becomes a batch of one, so a large JSONL file is still split.
    """
    import sys

    from .. import runner

    stderr = stderr if stderr is not None else sys.stderr
    kwargs.pop("jobs", None)
    paths = list(paths) or ["-"]
    one = len(paths) == 1 and (paths[0] == "-" or not os.path.isdir(paths[0]))
    dry = options.check or options.diff
    in_place = bool(kwargs.get("in_place"))
    to_stdout = one and not in_place and not dry and output in (None, "-")
    if paths == ["-"] or to_stdout:
        stderr.write("cleaner: --scheduler: stdin and stdout are not shared with a cluster; cleaning here\n")
        return runner.run(paths, output, pipeline, options, stderr=stderr, **kwargs)
    to_file = (
        one
        and not in_place
        and not dry
        and output is not None
        and not (os.path.isdir(output) or output.endswith(("/", os.sep)))
    )
    part_bytes()  # a bad CLEANER_PART_SIZE is a usage error before anything runs
    with connect(scheduler) as client:
        workers = check_workers(client, pipeline)

        def mapper(tasks: Sequence[FileTask], pipeline: Pipeline, options: RunOptions) -> Iterator[FileResult]:
            return map_files(client, tasks, pipeline, options, workers=workers)

        if to_file:
            assert output is not None
            return _run_to_file(paths[0], output, pipeline, options, mapper, stderr, **kwargs)
        return runner.run(paths, output, pipeline, options, mapper=mapper, stderr=stderr, **kwargs)


def _run_to_file(
    source: str,
    output: str,
    pipeline: Pipeline,
    options: RunOptions,
    mapper: Callable[[Sequence[FileTask], Pipeline, RunOptions], Iterator[FileResult]],
    stderr: IO[str],
    *,
    report_path: str | None = None,
    quiet: bool = False,
    **_: Any,
) -> int:
    """``cleaner FILE -o OUT --scheduler ...``: one task, with the messages of a local one-file run."""
    from .. import runner

    if options.skip_existing:
        raise UsageError("--skip-existing needs an output folder (-o DIR)")
    src, dst = Path(source), Path(output)
    if dst.exists() and runner._same_file(dst, src):
        raise UsageError(f"-o {output} is the input file; use --in-place to rewrite it")
    try:
        size = src.stat().st_size
    except OSError:
        size = 0
    dst.parent.mkdir(parents=True, exist_ok=True)
    cleanup_temp_files(dst.parent)
    report = runner.Report(check=options.check, dry=options.diff)
    records = runner._ReportWriter(report_path)
    for result in mapper([FileTask(src, dst, source, size)], pipeline, options):
        if result.error is not None:
            suffix = "; nothing written" if result.records is None else ""
            stderr.write(f"cleaner: {result.path}: {result.error}{suffix}\n")
        report.add(result)
        records.add(result)
    records.commit()
    return report.return_code
