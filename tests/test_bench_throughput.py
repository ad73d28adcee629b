"""Smoke tests for bench/throughput.py: it runs to the end on tiny inputs (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, str(BENCH / "throughput.py"), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)


def test_quick_run_prints_every_table(tmp_path: Path) -> None:
    raw = tmp_path / "raw.json"
    proc = run("--quick", "--no-scale", "--json", str(raw))
    assert proc.returncode == 0, proc.stderr[-2000:]
    for title in ("## Inputs", "## Throughput", "## Ratios", "## Each normalizer alone"):
        assert title in proc.stdout
    assert "profile `default`" in proc.stdout and "I/O floor" in proc.stdout
    data = json.loads(raw.read_text(encoding="utf-8"))
    assert data["inputs"] and "profile:default" in data["times"]


def test_a_corpus_folder_is_read_by_its_manifest(tmp_path: Path) -> None:
    (tmp_path / "MANIFEST.tsv").write_text("file\tencoding\nsmall.txt\tutf-8\nold.txt\tcp1256\n", encoding="utf-8")
    (tmp_path / "small.txt").write_text("نص عربي قصير.\n" * 50, encoding="utf-8")
    (tmp_path / "old.txt").write_bytes("نص قديم.\r\n".encode("cp1256") * 50)
    proc = run("--corpus", str(tmp_path), "--worst-mb", "0.02", "--rounds", "1", "--no-scale", "--no-peers")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| small | bulk UTF-8 |" in proc.stdout and "| old | cp1256 (decoded) |" in proc.stdout
    assert "## Targets" in proc.stdout  # checked (not met or met) because a bulk input exists


def test_missing_corpus_is_skipped_with_a_reason(tmp_path: Path) -> None:
    proc = run("--corpus", str(tmp_path / "absent"), "--worst-mb", "0.02", "--rounds", "1", "--no-scale", "--no-peers")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "not found" in proc.stderr


def test_scale_worker_times_small_and_big_inputs() -> None:
    proc = run("--scale-worker", "step:tatweel", "--scale-mb", "0.01,0.02")
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    done = [r for r in rows if "big" in r]  # a line when the 1 MB run ends, another when the big one does
    assert {r["input"] for r in done} == {"brackets", "angles", "tatweel", "one_line"}
    assert all(r["small"] >= 0 and r["big"] >= 0 for r in done)
