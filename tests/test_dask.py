"""The same batch on a real Dask cluster (two worker processes on 127.0.0.1) as on this machine.

Every run here goes through the command line with ``--scheduler``, and is compared byte for byte
with a local run of the same command: outputs, exit code, messages and ``--report``.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import signal
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install -e '.[dask]'")

from cleaner.cli import main
from cleaner.integrations import dask as cdask
from cleaner.textio import TEMP_PREFIX

# Bits of scraped news text: markers, tatweel, presentation forms, invisible marks, Latin, digits.
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
    "https://example.com/a?b=1",
    "،",
    "ﷲ",
)


def _text(rng: random.Random, words: int) -> str:
    lines = []
    while words > 0:
        n = min(words, rng.randint(3, 25))
        words -= n
        lines.append(" ".join(rng.choice(WORDS) for _ in range(n)) + rng.choice(["", "  ", "\t"]))
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n"])


def make_corpus(root: Path, files: int = 24, words: int = 300, records: int = 1500, seed: int = 7) -> Path:
    """A folder of text files, JSONL files (UTF-8, UTF-8 with BOM, windows-1256) and bad inputs."""
    rng = random.Random(seed)
    src = root / "in"
    (src / "sub").mkdir(parents=True)
    for i in range(files):
        (src / ("sub" if i % 3 == 0 else "") / f"a{i:03d}.txt").write_text(_text(rng, words), encoding="utf-8")
    with open(src / "big.jsonl", "w", encoding="utf-8") as out:
        for i in range(records):
            if i in (400, 1234):
                out.write("not json {\n")
                continue
            record = {"id": i, "text": _text(rng, rng.randint(5, 60)), "meta": {"src": "x"}}
            out.write(json.dumps(record, ensure_ascii=i % 5 == 0, separators=(",", ":") if i % 2 else None) + "\n")
    lines = [
        json.dumps({"text": _text(rng, 40).replace("ﷲ", "").replace("ﻷ", "")}, ensure_ascii=False) for _ in range(300)
    ]
    (src / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    arabic = [w for w in WORDS if all("\u0621" <= c <= "\u064a" or c == "ـ" for c in w)]
    cp = [json.dumps({"text": " ".join(rng.choice(arabic) for _ in range(30))}, ensure_ascii=False) for _ in range(300)]
    (src / "cp1256.jsonl").write_bytes(("\n".join(cp) + "\n").encode("cp1256"))
    broken = "\n".join(lines).encode("utf-8")
    (src / "broken.jsonl").write_bytes(broken[: len(broken) * 2 // 3] + b"\xff\xfe" + broken[len(broken) * 2 // 3 :])
    (src / "bad.txt").write_bytes(b"caf\xe9 au lait \xff\n")
    return src


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def report(path: Path, out: Path) -> list[dict[str, object]]:
    """The --report records, with output paths relative to the output folder."""
    records = json.loads(path.read_text(encoding="utf-8"))
    for record in records:
        if record.get("output"):
            record["output"] = os.path.relpath(record["output"], out)
    return records


def invoke(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def messages(stderr: str) -> list[str]:
    """stderr without the timing at the end of the summary line."""
    return [re.sub(r"; [\d.]+ s$", "", line) for line in stderr.splitlines()]


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two single-threaded worker processes on loopback, shared by this module."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield cluster.scheduler_address, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> int:
    """Split JSONL files into ranges of 16 KiB, so the test files are shared by several tasks."""
    monkeypatch.setenv(cdask.ENV_PART_SIZE, "16K")
    return 16 << 10


def test_folder_on_cluster_matches_local_run(cluster, corpus: Path, tmp_path: Path, small_parts: int) -> None:
    address, _ = cluster
    big = corpus / "big.jsonl"
    with open(big, "rb") as handle:
        assert len(cdask.line_ranges(handle, big.stat().st_size, small_parts)) > 5  # really split
    local = invoke([str(corpus), "-o", str(tmp_path / "local"), "-j", "2", "--report", str(tmp_path / "local.json")])
    remote = invoke(
        [str(corpus), "-o", str(tmp_path / "dask"), "--report", str(tmp_path / "dask.json"), "--scheduler", address]
    )
    assert local[0] == remote[0] == 123  # bad.txt cannot be decoded; JSONL lines that are not JSON
    assert messages(remote[2]) == messages(local[2])
    assert "big.jsonl: JSONL lines copied through uncleaned: line 401: not valid JSON" in local[2]
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")
    assert report(tmp_path / "dask.json", tmp_path / "dask") == report(tmp_path / "local.json", tmp_path / "local")
    assert not [p for p in (tmp_path / "dask").rglob(f"{TEMP_PREFIX}*")]


def test_one_jsonl_file_to_one_file(cluster, corpus: Path, tmp_path: Path, small_parts: int) -> None:
    address, _ = cluster
    for name in ("big.jsonl", "cp1256.jsonl", "bom.jsonl"):
        local = invoke([str(corpus / name), "-o", str(tmp_path / f"local-{name}")])
        remote = invoke([str(corpus / name), "-o", str(tmp_path / f"dask-{name}")], env={cdask.ENV_SCHEDULER: address})
        assert remote[0] == local[0], name
        assert remote[2] == local[2], name
        assert (tmp_path / f"dask-{name}").read_bytes() == (tmp_path / f"local-{name}").read_bytes(), name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{side}-{n}" for side in ("local", "dask") for n in ("big.jsonl", "cp1256.jsonl", "bom.jsonl")
    )


def test_check_on_cluster_matches_local_run(cluster, corpus: Path, small_parts: int) -> None:
    address, _ = cluster
    local = invoke([str(corpus), "--check", "--encoding", "utf-8"])
    remote = invoke([str(corpus), "--check", "--encoding", "utf-8", "--scheduler", address])
    assert remote[0] == local[0] == 123
    assert messages(remote[2]) == messages(local[2])
    assert "would change" in local[2]
    # found in a later part; the line is copied through, the others cleaned
    assert re.search(r"broken.jsonl: JSONL lines copied through uncleaned: line \d+: not valid utf-8 at byte offset \d{4,}", local[2])


def test_unreachable_scheduler_is_a_usage_error(corpus: Path, tmp_path: Path) -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, out, err = invoke([str(corpus), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "cannot reach a Dask scheduler" in err
    assert out == ""
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_killed_worker_gives_complete_identical_output(cluster, tmp_path: Path, small_parts: int) -> None:
    """SIGKILL one worker process while it runs tasks: Dask retries them, the output is the same."""
    address, client = cluster
    client.wait_for_workers(2, timeout=30)
    corpus = make_corpus(tmp_path / "c", files=30, words=2500, records=2500, seed=11)
    expected = tmp_path / "local"
    local = invoke([str(corpus), "-o", str(expected)])
    out = tmp_path / "dask"
    done: dict[str, tuple[int, str, str]] = {}
    runner = threading.Thread(
        target=lambda: done.update(r=invoke([str(corpus), "-o", str(out), "--scheduler", address]))
    )
    before = client.run(os.getpid)
    runner.start()
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and time.monotonic() < deadline and runner.is_alive():
        busy = [w for w, keys in client.processing().items() if any("cleaner-" in str(k) for k in keys)]
        if busy and out.is_dir() and any(out.iterdir()):
            killed = before[busy[0]]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.005)
    runner.join(120)
    assert killed is not None, "the run ended before a worker could be killed; make the corpus bigger"
    written = tree(out)
    assert done["r"][0] == local[0] == 123
    assert messages(done["r"][2]) == messages(local[2])
    assert written == tree(expected)
    assert not [p for p in out.rglob(f"{TEMP_PREFIX}*")]
    client.wait_for_workers(2, timeout=30)
    assert killed not in client.run(os.getpid).values()  # the nanny started a new worker process


def test_run_without_cli(cluster, corpus: Path, tmp_path: Path) -> None:
    """The library entry point takes the runner's arguments and writes the same files."""
    from cleaner import resolve
    from cleaner.runner import RunOptions
    from cleaner.runner import run as local_run

    address, _ = cluster
    err = io.StringIO()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    code = cdask.run(address, [str(corpus / "sub")], str(tmp_path / "a"), resolve("preserve"), RunOptions(), stderr=err)
    assert code == local_run(
        [str(corpus / "sub")], str(tmp_path / "b"), resolve("preserve"), RunOptions(), stderr=io.StringIO()
    )
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_a_task_that_keeps_failing_is_reported_and_nothing_half_written(tmp_path: Path) -> None:
    """With no retries allowed, a killed worker's files fail (exit 123); the others are complete."""
    import dask

    corpus = make_corpus(tmp_path / "c", files=30, words=2500, records=10, seed=5)
    expected = tmp_path / "local"
    invoke([str(corpus), "-o", str(expected)])
    out = tmp_path / "dask"
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        pids = client.run(os.getpid)
        done: dict[str, tuple[int, str, str]] = {}
        args = [str(corpus), "-o", str(out), "--scheduler", cluster.scheduler_address]
        runner = threading.Thread(target=lambda: done.update(r=invoke(args)))
        runner.start()
        killed = None
        deadline = time.monotonic() + 60
        while killed is None and time.monotonic() < deadline and runner.is_alive():
            busy = [w for w, keys in client.processing().items() if any("cleaner-" in str(k) for k in keys)]
            if busy and out.is_dir() and any(out.iterdir()):
                killed = pids[busy[0]]
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.005)
        runner.join(120)
    assert killed is not None, "the run ended before a worker could be killed"
    code, _, err = done["r"]
    assert code == 123
    failed = re.findall(r"cleaner: (\S+): worker process failed: KilledWorker", err)
    assert failed
    written, local = tree(out), tree(expected)
    assert all(local[name] == data for name, data in written.items())  # nothing half-written
    assert set(local) - set(written) <= {os.path.relpath(f, corpus) for f in failed}  # the rest are all there
    assert not [p for p in out.rglob(f"{TEMP_PREFIX}*")]
