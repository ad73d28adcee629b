"""Smoke test for bench/primitives.py: it runs to the end on a tiny corpus (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_primitives_runs_and_adds_up_the_floors(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text("قال المتحدث إن الاجتماع ناقش الملفات.\nاقرأ أيضاً\nعنوان قصير\n" * 200, "utf-8")
    cmd = [sys.executable, str(BENCH / "primitives.py"), "--corpus", str(tmp_path), "--rounds", "1"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "decode + encode UTF-8" in proc.stdout and "split into lines" in proc.stdout
    assert "thirteen separate steps" in proc.stdout and "fused into one pass" in proc.stdout


def test_primitives_without_a_corpus_says_so(tmp_path: Path) -> None:
    cmd = [sys.executable, str(BENCH / "primitives.py"), "--corpus", str(tmp_path / "absent"), "--rounds", "1"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0 and "not found" in proc.stderr
