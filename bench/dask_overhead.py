"""What a Dask cluster costs per file: ``--scheduler local:2`` against ``-j 2`` on the same folder.

Usage::

    python bench/dask_overhead.py [--files 400] [--words 400] [--repeat 5] [--folder DIR]

Without ``--folder`` it writes a folder of synthetic scraped-news files (Arabic words, CMS markers,
tatweel, presentation forms, invisible marks) into a temporary directory. Each configuration is
timed with ``time.perf_counter`` twice: as the whole command in a fresh process (interpreter, pool
or LocalCluster start-up included), and as the batch alone (inside one process, from workers ready
to last result, through the same ``runner.run``), so the per-file cost of going through the
scheduler is told apart from the one-off start-up. Every configuration runs once per round for
``--repeat`` rounds, so a busy moment of a shared machine slows them all alike; the best and the
median of the rounds are printed, and the overheads are computed from the medians.
Needs ``pip install -e '.[dask]'``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "أخبار",
    "جـــديد",
    "الرئيس",
    "قال",
    "في",
    "مدينة",
    "[[system-code:ad:autoads]]",
    "عاجل",
    "اليوم",
    "ﻷ",
    "كتب",
    "إلى",
    "مستشفى",
    "\u200f",
    "2024",
    "COVID-19",
    "،",
    "الحكومة",
    "وزير",
    "الاقتصاد",
)

# Run inside a fresh interpreter: time the batch from "cluster up" to "last result", apart from start-up.
_INNER = r"""
import sys, time
from cleaner import resolve
from cleaner.runner import RunOptions, run
mode, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
pipeline = resolve("default")
t0 = time.perf_counter()
if mode == "local":
    t1 = time.perf_counter()
    code = run([src], out, pipeline, RunOptions(), jobs=2, quiet=True)
    t2 = time.perf_counter()
else:
    from cleaner.integrations import dask as cdask
    with cdask.connect("local:2") as client:
        workers = cdask.check_workers(client, pipeline)
        t1 = time.perf_counter()
        mapper = lambda tasks, p, o: cdask.map_files(client, tasks, p, o, workers=workers)
        code = run([src], out, pipeline, RunOptions(), quiet=True, mapper=mapper)
        t2 = time.perf_counter()
t3 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t1:.4f} {t3 - t2:.4f} {code}")
"""


def make_folder(folder: Path, files: int, words: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(files):
        lines = []
        left = words
        while left > 0:
            n = min(left, rng.randint(5, 30))
            left -= n
            lines.append(" ".join(rng.choice(WORDS) for _ in range(n)))
        data = "\n".join(lines).encode("utf-8")
        (folder / f"article-{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--words", type=int, default=400, help="words per synthetic file")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (every configuration once per round)")
    parser.add_argument("--folder", type=Path, help="clean this folder instead of a synthetic one")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    try:
        if args.folder:
            src = args.folder
            files = [p for p in src.rglob("*") if p.is_file()]
            count, size = len(files), sum(p.stat().st_size for p in files)
        else:
            src = work / "in"
            size = make_folder(src, args.files, args.words)
            count = args.files
        cleaner = [sys.executable, "-m", "cleaner"]

        def out() -> str:
            path = work / "out"
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir()
            return str(path)

        def inner(mode: str) -> tuple[float, float, float]:
            done = subprocess.run(
                [sys.executable, "-c", _INNER, mode, str(src), out()], check=True, capture_output=True, text=True
            ).stdout.split()
            return float(done[0]), float(done[1]), float(done[2])

        # Rounds: every configuration once per round, so a busy moment of the machine hits all alike.
        keys = ("serial", "local", "whole", "local_batch", "startup", "batch", "shutdown")
        times: dict[str, list[float]] = {k: [] for k in keys}
        for _ in range(args.repeat):
            times["serial"].append(timed([*cleaner, str(src), "-o", out(), "-j", "1"]))
            times["local"].append(timed([*cleaner, str(src), "-o", out(), "-j", "2"]))
            times["whole"].append(timed([*cleaner, str(src), "-o", out(), "--scheduler", "local:2"]))
            times["local_batch"].append(inner("local")[1])
            startup, batch, shutdown = inner("dask")
            times["startup"].append(startup)
            times["batch"].append(batch)
            times["shutdown"].append(shutdown)
        best = {k: min(v) for k, v in times.items()}
        median = {k: statistics.median(v) for k, v in times.items()}

        mb = size / 1e6
        print(f"folder: {count} files, {mb:.1f} MB ({'given' if args.folder else 'synthetic'}); {args.repeat} rounds")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; seconds as best / median of the rounds")
        rows = [
            ("-j 1, whole command", "serial"),
            ("-j 2, whole command", "local"),
            ("--scheduler local:2, whole command", "whole"),
            ("-j 2, batch alone", "local_batch"),
            ("--scheduler local:2, batch alone", "batch"),
        ]
        for label, key in rows:
            b, m = best[key], median[key]
            print(f"{label:<36} {b:6.2f} / {m:6.2f} s  {count / m:7.1f} files/s  {mb / m:5.2f} MB/s (median)")
        print(f"{'LocalCluster start-up (2 workers)':<36} {best['startup']:6.2f} / {median['startup']:6.2f} s")
        print(f"{'LocalCluster shut-down':<36} {best['shutdown']:6.2f} / {median['shutdown']:6.2f} s")
        per_batch = (median["batch"] - median["local_batch"]) / count * 1e3
        per_whole = (median["whole"] - median["local"]) / count * 1e3
        print(f"overhead per file, batch alone:   {per_batch:+.2f} ms (cluster vs -j 2, medians)")
        print(f"overhead per file, whole command: {per_whole:+.2f} ms (cluster vs -j 2, medians, start-up included)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
