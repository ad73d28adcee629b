"""Start-up: wall time of ``cleaner --version`` and of cleaning a 2 KB article from stdin.

    python bench/startup.py              # 21 runs of each command, interleaved; medians
    python bench/startup.py --runs 5

Each command is a fresh process of the interpreter running this script (the ``cleaner`` console
script next to it, or ``python -m cleaner`` when there is none). The reference is ``python -c pass``
on the same machine; the target is a 2 KB article within 120 ms of it. The article is the first
2 KB (cut at a line end) of the repository's seed sample article. ``-X importtime`` then shows the
imports that cost most when cleaning from stdin.

Besides wall time, the CPU time of each run (user + system, from ``getrusage`` of the child) is
shown: on a machine shared with other work the wall-clock medians grow with the load, the CPU
times much less, so they are the figures to compare between two runs of this script.

The warm-up run of each command writes bytecode even when ``PYTHONDONTWRITEBYTECODE`` is set
(an installed package has its ``.pyc`` files; without them every run would compile the sources
again, about 20 ms here, and the figures would measure the compiler, not the start-up).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C  # noqa: E402


def cleaner_command() -> list[str]:
    script = Path(sys.executable).parent / "cleaner"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cleaner"]


def article(size: int = 2048) -> bytes:
    """At least ``size`` bytes of the seed sample article (repeated when shorter), cut at a line end."""
    samples = sorted((C.ROOT / "samples" / "articles").glob("*.txt"))
    data = samples[0].read_bytes() if samples else C.article_text(size * 2).encode("utf-8")
    while len(data) < size + 200:
        data += b"\n" + data
    cut = data.find(b"\n", size)  # the first line end at or after 2 KB
    return data[: cut if cut > 0 else size] + b"\n"


def wall(cmd: list[str], stdin: bytes | None, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds of wall time and of CPU time (user + system) of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def import_costs(cmd: list[str], stdin: bytes, top: int) -> list[tuple[int, str]]:
    """The ``top`` slowest imports (cumulative microseconds) of one run, from ``-X importtime``."""
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    proc = subprocess.run(cmd, input=stdin, capture_output=True, env=env, check=False)
    rows = []
    for line in proc.stderr.decode(errors="replace").splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line[len("import time:") :].split("|")
        rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


_PHASES = """
import time, sys
t0 = time.perf_counter()
import cleaner.cli
t1 = time.perf_counter()
import cleaner
pipeline = cleaner.resolve("default")
t2 = time.perf_counter()
text = sys.stdin.read()
pipeline(text)
t3 = time.perf_counter()
pipeline(text)
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def phases(stdin: bytes, runs: int) -> list[float]:
    """Median seconds, in one process: import the CLI module, resolve ``default``, first and second clean."""
    samples = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", _PHASES], input=stdin, capture_output=True, check=True)
        samples.append([float(x) for x in proc.stdout.split()])
    return [C.median([s[k] for s in samples]) for k in range(4)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=21, help="runs of each command [%(default)s]")
    p.add_argument("--top", type=int, default=12, help="slowest imports shown [%(default)s]")
    args = p.parse_args(argv)
    text = article()
    cleaner = cleaner_command()
    commands = {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "cleaner --version": (cleaner + ["--version"], None),
        f"cleaner - < {len(text)} B article": (cleaner + ["-"], text),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for name, (cmd, stdin) in commands.items():  # one warm-up run each (disk cache, .pyc files written)
        wall(cmd, stdin, warm)
    for _ in range(args.runs):
        for name, (cmd, stdin) in commands.items():
            elapsed, used = wall(cmd, stdin)
            times[name].append(elapsed)
            cpu[name].append(used)
    base = C.median(times["python -c pass"])
    cpu_base = C.median(cpu["python -c pass"])
    print("## Start-up\n")
    print(f"Machine: {C.machine_line()}; command: {' '.join(cleaner)}\n")
    rows = []
    for name, values in times.items():
        m, mc = C.median(values), C.median(cpu[name])
        first = name == "python -c pass"
        rows.append([
            name, f"{m * 1000:.0f}", f"{min(values) * 1000:.0f}", "" if first else f"{(m - base) * 1000:+.0f}",
            f"{mc * 1000:.0f}", "" if first else f"{(mc - cpu_base) * 1000:+.0f}",
        ])
    print(C.table(["command", f"median ms ({args.runs} runs)", "fastest ms", "over python -c pass",
                   "median CPU ms", "CPU over python -c pass"], rows))
    print()
    key = f"cleaner - < {len(text)} B article"
    over = (C.median(times[key]) - base) * 1000
    over_cpu = (C.median(cpu[key]) - cpu_base) * 1000
    verdict = "met" if over <= 120 else "NOT met"
    print(f"Target: a 2 KB article within 120 ms of `python -c pass`: {over:.0f} ms, {verdict} "
          f"(CPU time: {over_cpu:.0f} ms over; load average {C.load_average()}).\n")
    parts = phases(text, max(3, args.runs // 3))
    print("Where the time goes, in one process (median ms):\n")
    print(C.table(["import cleaner.cli", "resolve default", "first clean of the article", "second clean"],
                  [[f"{x * 1000:.1f}" for x in parts]]))
    print()
    if args.top:
        print("Slowest imports when cleaning from stdin (`-X importtime`, cumulative, one run):\n")
        costs = import_costs(cleaner + ["-"], text, args.top)
        print(C.table(["module", "ms"], [[f"`{name.strip()}`", f"{us / 1000:.1f}"] for us, name in costs]))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
