"""The whole benchmark in one command: throughput, start-up and memory, as Markdown on stdout.

    python bench/run.py                       # about ten minutes on a two-core machine
    python bench/run.py --output bench.md     # also keep the report in a file
    python bench/run.py --quick               # tiny inputs: checks that every script runs

Progress goes to stderr. Run it on an otherwise idle machine: the numbers are single-core timings.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C  # noqa: E402
import startup  # noqa: E402
import throughput  # noqa: E402


class _Tee(io.TextIOBase):
    def __init__(self, *streams: io.TextIOBase):
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
            stream.flush()
        return len(text)


def _script(name: str, args: list[str]) -> int:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve().parent / name), *args],
                          capture_output=True, text=True, check=False)
    sys.stderr.write(proc.stderr)
    print(proc.stdout, end="")
    return proc.returncode


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--output", type=Path, help="also write the report to this file")
    p.add_argument("--quick", action="store_true", help="tiny inputs and few runs: a smoke run")
    args = p.parse_args(argv)
    start = time.perf_counter()
    sink = io.StringIO()
    codes = []
    with contextlib.redirect_stdout(_Tee(sys.stdout, sink)):
        codes.append(throughput.main(["--quick"] if args.quick else []))
        codes.append(startup.main(["--runs", "2", "--top", "3"] if args.quick else []))
        # In a fresh process: a child started by this big one would be charged its memory.
        codes.append(_script("memory.py", ["--probe-mb", "0.2", "--size-mb", "0.5"] if args.quick else []))
        print(f"Whole benchmark: {time.perf_counter() - start:.0f} s on {C.machine_line()}")
    if args.output:
        args.output.write_text(sink.getvalue(), encoding="utf-8")
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
