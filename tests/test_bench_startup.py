"""Smoke test for bench/startup.py: it runs to the end with few runs (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_startup_runs_and_reports_the_target() -> None:
    cmd = [sys.executable, str(BENCH / "startup.py"), "--runs", "1", "--top", "3"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "python -c pass" in proc.stdout and "cleaner --version" in proc.stdout
    assert "Target: a 2 KB article" in proc.stdout
