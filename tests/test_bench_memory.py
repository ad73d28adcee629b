"""Smoke test for bench/memory.py: it cleans a tiny generated file (no size or time is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_memory_runs_on_a_tiny_file() -> None:
    cmd = [sys.executable, str(BENCH / "memory.py"), "--probe-mb", "0.1", "--size-mb", "0.3"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "peak RSS MB" in proc.stdout and "| ok |" in proc.stdout
