"""Batch benchmark: a folder of article files with -j 1 and -j N, and one huge generated text file.

Usage (from the repository root, with cleaner installed)::

    python bench/batch.py                         # folder: 20 MB of the bulk corpus; huge file: 2 GB
    python bench/batch.py --huge-mb 256           # a smaller huge file, for a quick run
    python bench/batch.py --folder-mb 20 --jobs 2 --huge-mb 0

The folder is made from ``../shared/corpus/bulk`` in a temporary directory: each TREC ``<DOC>``
record and each windows-1256 article (they end with a NUL) becomes one file; nothing is written
in the repository. 22 of the windows-1256 articles are already mojibake in the source (their
Arabic letters were replaced by ``?`` long ago): they fail, as undecodable input should, and a
folder run that holds them ends with exit code 123. The huge file repeats the article paragraphs
of the same corpus (TREC markup removed) in random order up to the size asked for. Every run is the real command line in a child process, timed
with ``time.perf_counter``, after two untimed runs on a few files that compile the bytecode into the
scratch folder (``PYTHONPYCACHEPREFIX``): no timed run compiles source, as none would once installed
(with ``PYTHONDONTWRITEBYTECODE`` set and a stale ``__pycache__``, each run used to recompile every
changed module, about 0.04 s of one core before any file is read); peak memory is the command's ``ru_maxrss`` from ``os.wait4`` (the
largest of the process and its workers), taken in a small launcher process so that this script's own
memory is not counted; CPU time is user + system of the command and its workers. For reference it
also times N CPU-bound Python loops side by side against one: the speed-up this machine itself
allows -j N. Needs only the
standard library.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BULK = ROOT.parent / "shared" / "corpus" / "bulk"
#: The huge file's default pipeline: the default profile without its slowest whole-article steps,
#: so a 2 GB run takes minutes (pass --huge-args "" for the default profile itself).
HUGE_ARGS = "--disable boilerplate --disable punctuation --disable duplicate_paragraphs"


def split_corpus(dest: Path, limit: int) -> tuple[int, int]:
    """Write one file per article under ``dest``; returns (files, bytes)."""
    files = size = 0
    for source in sorted(BULK.glob("*.txt")):
        data = source.read_bytes()
        if b"<DOC>" in data[:100]:
            docs = [b"<DOC>" + d for d in data.split(b"<DOC>")[1:]]
        else:  # windows-1256 articles, each ending with a NUL, separated by blank lines
            docs = [d + b"\x00" for d in data.split(b"\x00") if d.strip()]
        folder = dest / source.stem
        for i, doc in enumerate(docs):
            sub = folder / f"{i // 1000:03d}"
            if i % 1000 == 0:
                sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{i:06d}.txt").write_bytes(doc)
            files += 1
            size += len(doc)
            if limit and size >= limit:
                return files, size
    return files, size


def make_huge(path: Path, size: int, seed: int = 1) -> int:
    """A plain UTF-8 text of about ``size`` bytes: corpus paragraphs in random order, CRLF and LF."""
    paragraphs: list[bytes] = []
    for source in sorted(BULK.glob("ant_*.txt")):
        text = source.read_text("utf-8")
        for body in re.findall(r"<TEXT>\n(.*?)</TEXT>", text, flags=re.S):
            paragraphs.extend(p.strip().encode() for p in body.split("\n") if len(p.split()) > 3)
    rng = random.Random(seed)
    written = 0
    with path.open("wb") as out:
        while written < size:
            block = b"\n\n".join(rng.sample(paragraphs, 2000)) + b"\n\n"
            out.write(block)
            written += len(block)
    return written


#: A small launcher: forked from it, the measured command starts with a small address space (a child
#: forked from this script would count this script's memory in its peak RSS until it execs).
_LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = proc.stderr.read()
_, status, usage = os.wait4(proc.pid, 0)
elapsed = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": elapsed, "code": os.waitstatus_to_exitcode(status), "rss": usage.ru_maxrss * 1024,
               "cpu": usage.ru_utime + usage.ru_stime, "stderr": err.decode(errors="replace")}, out)
"""


#: Where the measured commands keep their bytecode (set by :func:`main` to a scratch folder).
PYCACHE: Path | None = None


def measure(args: list[str]) -> tuple[float, int, int, str, float]:
    """Run the command line; returns (seconds, exit code, peak RSS in bytes, its summary line,
    CPU seconds of the process and its workers). Peak RSS is ``ru_maxrss`` from ``os.wait4``:
    the largest of the command and the workers it waited for. With :data:`PYCACHE` set, bytecode is
    read from (and written to) there, so that a source file changed since its ``__pycache__`` was
    written (with ``PYTHONDONTWRITEBYTECODE`` set) is not compiled again in every timed run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    if PYCACHE is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    with tempfile.NamedTemporaryFile("r", suffix=".json") as result:
        subprocess.run(
            [sys.executable, "-c", _LAUNCHER, result.name, sys.executable, "-m", "cleaner", *args], env=env, check=True
        )
        got = json.load(result)
    if got["code"] not in (0, 123):
        sys.exit(f"cleaner {' '.join(args)} failed ({got['code']}):\n{got['stderr']}")
    lines = got["stderr"].strip().splitlines()
    return got["seconds"], got["code"], got["rss"], lines[-1] if lines else "", got["cpu"]


#: A pure-Python CPU loop: what one process does alone, and what two or more do side by side.
_SPIN = "x = 0\nfor i in range(30_000_000):\n    x += i & 7"


def machine_scaling(jobs: int, rounds: int = 3) -> float:
    """How much more work ``jobs`` CPU-bound processes get done together than one alone: the ceiling a
    process pool can reach on this machine (virtual CPUs may share a physical core, or a host)."""
    import time

    def wall(n: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(n)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - start

    one = min(wall(1) for _ in range(rounds))
    many = min(wall(jobs) for _ in range(rounds))
    return jobs * one / many


def warm_up(scratch: Path, folder: Path, jobs: int) -> None:
    """Untimed runs (-j 1 and -j N) on a few of the files, which write the bytecode of every module a
    run imports to ``scratch/pycache``: the timed runs then start as an installed cleaner does,
    whatever the state of the checkout's ``__pycache__`` folders."""
    global PYCACHE
    PYCACHE = scratch / "pycache"
    few = scratch / "warm-up"
    for i, path in enumerate(sorted(folder.rglob("*.txt"))[: 4 * jobs]):
        (few / f"{i}").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, few / f"{i}" / path.name)
    for j in (1, jobs):
        measure([str(few), "-o", str(scratch / f"warm-up-out-{j}"), "-j", str(j)])
        shutil.rmtree(scratch / f"warm-up-out-{j}", ignore_errors=True)
    shutil.rmtree(few)


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder-mb", type=float, default=20, help="stop the folder at about this many MB (0: the whole bulk corpus, 58 MB)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="N for the -j N run (default: CPUs)")
    parser.add_argument("--huge-mb", type=float, default=2048, help="size of the generated huge file in MB (0: skip)")
    parser.add_argument("--huge-args", default=HUGE_ARGS, help=f"cleaner options for the huge file (default: {HUGE_ARGS!r})")
    parser.add_argument("--repeat", type=int, default=1, help="run -j 1 and -j N this many times each, keep the best")
    parser.add_argument("--tmp", default=None, help="scratch folder (default: the system temporary folder)")
    opts = parser.parse_args()
    if not BULK.is_dir():
        sys.exit(f"the bulk corpus is not at {BULK}")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    print(f"machine: {os.cpu_count()} CPUs ({cpu}); Python {sys.version.split()[0]}")
    scratch = Path(tempfile.mkdtemp(prefix="cleaner-bench-", dir=opts.tmp))
    try:
        folder = scratch / "articles"
        files, size = split_corpus(folder, int(opts.folder_mb * 1e6))
        print(f"folder: {files} article files, {size / 1e6:.1f} MB (from {BULK})")
        warm_up(scratch, folder, opts.jobs)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        best: dict[int, tuple[float, int, int, str, float]] = {}
        runs: dict[int, list[float]] = {1: [], opts.jobs: []}
        for rep in range(opts.repeat):  # interleaved, best of each: other load on the machine is noise
            for jobs in (1, opts.jobs):
                out = scratch / f"out-j{jobs}"
                shutil.rmtree(out, ignore_errors=True)
                before = os.getloadavg()[0]
                got = measure([str(folder), "-o", str(out), "-j", str(jobs)])
                runs[jobs].append(got[0])
                print(f"  run {rep + 1} -j {jobs}: {got[0]:6.2f} s  CPU {got[4]:5.1f} s  (1-min load average before it: {before:.2f})")
                if jobs not in best or got[0] < best[jobs][0]:
                    best[jobs] = got
        rows = []
        for jobs in (1, opts.jobs):
            seconds, code, rss, summary, cpu = best[jobs]
            rows.append((jobs, seconds, rss))
            print(
                f"  -j {jobs}: {seconds:7.1f} s  {files / seconds:8.1f} files/s  {size / 1e6 / seconds:6.2f} MB/s  "
                f"CPU {cpu:6.1f} s  peak RSS {rss / 1e6:4.0f} MB  (exit {code})\n        {summary}"
            )
        print(f"  load average before the runs: {load}")
        same = _tree_bytes(scratch / "out-j1") == _tree_bytes(scratch / f"out-j{opts.jobs}")
        medians = {j: statistics.median(t) for j, t in runs.items()}
        pairs = [a / b for a, b in zip(runs[1], runs[opts.jobs], strict=True)]
        print(
            f"  speed-up -j {opts.jobs} / -j 1: best {rows[0][1] / rows[1][1]:.2f}x, medians {medians[1] / medians[opts.jobs]:.2f}x, "
            f"per run {', '.join(f'{x:.2f}' for x in pairs)}; outputs byte-identical: {same}"
        )
        scaling = machine_scaling(opts.jobs)
        print(
            f"  this machine: {opts.jobs} CPU-bound Python processes side by side do {scaling:.2f}x the work of one "
            f"(the ceiling for -j {opts.jobs} / -j 1)"
        )
        shutil.rmtree(folder)
        if opts.huge_mb > 0:
            huge = scratch / "huge.txt"
            written = make_huge(huge, int(opts.huge_mb * 1e6))
            extra = opts.huge_args.split()
            seconds, code, rss, _, cpu = measure([str(huge), "-o", str(scratch / "huge.clean.txt"), *extra])
            print(
                f"huge file: {written / 1e6:.0f} MB, cleaner {' '.join(extra) or '(default profile)'}\n"
                f"  {seconds:7.1f} s  {written / 1e6 / seconds:6.2f} MB/s  CPU {cpu:.1f} s  peak RSS {rss / 1e6:.0f} MB  (exit {code})"
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
