"""Memory: peak RSS of the ``cleaner`` command cleaning one big generated file.

    python bench/memory.py                   # up to 1024 MB, as large as fits --budget seconds
    python bench/memory.py --size-mb 1024    # exactly 1 GB, however long it takes
    python bench/memory.py --size-mb 8       # a quick look

The file is generated news text (paragraphs, sub-headings, markers; no corpus text): a 4 MB block
repeated with a counter in every paragraph (so none repeats), written to a temporary folder and
cleaned with ``cleaner FILE -o OUT -j 1 -q``. Peak RSS comes from GNU time (``/usr/bin/time -f %M``)
when present, else from the child's ``ru_maxrss``. A 16 MB probe runs first: its time decides,
unless ``--size-mb`` is given, the largest size in 1024, 512, 256, 128, 64 MB whose estimated run
fits ``--budget`` (45 s); both rows are printed, so growth of memory with file size shows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C  # noqa: E402
from startup import cleaner_command  # noqa: E402

BLOCK = 4 * C.MB


def generate(path: Path, size: int) -> int:
    """Write about ``size`` bytes (whole lines) of generated text to ``path``; returns the size.

    A 4 MB block of articles is repeated with a counter written into every paragraph, so no
    paragraph repeats (``duplicate_paragraphs`` would otherwise drop all but the first block and
    leave a text of headlines only, which is not what a corpus looks like).
    """
    block = C.article_text(BLOCK, seed=7)
    written = 0
    k = 0
    with open(path, "wb") as handle:
        while written < size:
            k += 1
            text = block
            for end in (".\n", "،\n", ":\n"):
                text = text.replace(end, f" {k}{end}")
            data = text.encode("utf-8")
            if written + len(data) > size:
                data = data[: size - written]
                data = data[: data.rfind(b"\n") + 1]  # whole lines only (never a split character)
                if not data:
                    break
            handle.write(data)
            written += len(data)
    return written


def run(cmd: list[str], err_path: Path) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in bytes and exit code of one child process.

    GNU time (``/usr/bin/time``), when present, runs the command and reports its peak RSS: the
    ``ru_maxrss`` that ``os.wait4`` gives for a direct child also counts what the parent (this
    script, or a bigger one that imported it) held when it started the child.
    """
    gnu_time = Path("/usr/bin/time")
    report = err_path.with_suffix(".time")
    if gnu_time.exists():
        cmd = [str(gnu_time), "-f", "%M", "-o", str(report), *cmd]
    with open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
    rss = usage.ru_maxrss * 1024
    if gnu_time.exists():
        try:
            rss = int(report.read_text().split()[-1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
    return elapsed, rss, proc.returncode


def measure(folder: Path, size: int, profile: str) -> dict:
    src, out, err = folder / f"in-{size}.txt", folder / f"out-{size}.txt", folder / "stderr.txt"
    actual = generate(src, size)
    cmd = cleaner_command() + [str(src), "-o", str(out), "-j", "1", "-q", "--profile", profile]
    elapsed, rss, code = run(cmd, err)
    message = err.read_text(errors="replace").strip()
    out_size = out.stat().st_size if out.exists() else 0
    src.unlink(missing_ok=True)
    out.unlink(missing_ok=True)
    return {"bytes": actual, "seconds": elapsed, "rss": rss, "code": code, "out": out_size, "stderr": message[-300:]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--size-mb", type=float, help="size of the big file in MB (default: the largest that fits --budget)")
    p.add_argument("--budget", type=float, default=45.0, help="seconds allowed for the big run [%(default)s]")
    p.add_argument("--profile", default="default", help="profile to clean with [%(default)s]")
    p.add_argument("--probe-mb", type=float, default=16.0, help="size of the probe run [%(default)s]")
    args = p.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="cleaner-memory-"))
    try:
        rows = []
        probe = measure(tmp, int(args.probe_mb * C.MB), args.profile)
        rows.append(probe)
        if args.size_mb is not None:
            size, why = int(args.size_mb * C.MB), "given with --size-mb"
        else:
            rate = probe["bytes"] / max(probe["seconds"], 1e-3)
            fits = [mb for mb in (1024, 512, 256, 128, 64) if mb * C.MB / rate <= args.budget]
            size = (fits[0] if fits else 64) * C.MB
            why = (f"the largest of 1024/512/256/128/64 MB estimated to finish within {args.budget:.0f} s "
                   f"at the probe's {rate / C.MB:.1f} MB/s")
        free = shutil.disk_usage(tmp).free
        if size * 2.2 > free:
            size = int(free / 2.5)
            why += f"; reduced to fit the free disk space ({free / C.MB:.0f} MB)"
        if size > probe["bytes"]:
            rows.append(measure(tmp, size, args.profile))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("## Memory\n")
    print(f"Machine: {C.machine_line()}\n")
    print(f"`cleaner FILE -o OUT -j 1 -q --profile {args.profile}` on generated news text; big size: {why}.\n")
    table = []
    for row in rows:
        status = "ok" if row["code"] == 0 else f"exit {row['code']}: {row['stderr']}"
        table.append([
            f"{row['bytes'] / C.MB:,.1f}",
            f"{row['rss'] / C.MB:,.0f}",
            f"{row['rss'] / row['bytes']:.2f}",
            f"{row['seconds']:.1f}",
            C.mbps(row["bytes"], row["seconds"]),
            status,
        ])
    print(C.table(["input MB", "peak RSS MB", "RSS ÷ input", "wall s", "MB/s end to end", "status"], table))
    print()
    return 0 if all(r["code"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
