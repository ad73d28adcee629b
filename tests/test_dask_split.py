"""Splitting a JSONL file into byte ranges and joining the cleaned parts, without a cluster.

The functions that the Dask tasks run are called here directly, in order, out of order and twice
(as a retry would), and the joined output is compared with the local runner's output.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import resolve
from cleaner.integrations.dask import clean_part, finish_parts, line_ranges
from cleaner.runner import FileTask, RunOptions, clean_file
from cleaner.textio import TEMP_PREFIX, iter_text


@given(
    st.lists(st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"")), max_size=30),
    st.booleans(),
    st.integers(1, 100),
)
def test_ranges_cover_the_file_and_cut_after_newlines(lines: list[bytes], last_newline: bool, target: int) -> None:
    data = b"\n".join(lines) + (b"\n" if last_newline and lines else b"")
    ranges = line_ranges(io.BytesIO(data), len(data), target)
    assert b"".join(data[a:b] for a, b in ranges) == data
    assert all(a < b for a, b in ranges) or data == b""
    assert all(data[b - 1 : b] == b"\n" for _, b in ranges[:-1])
    assert all(b - a >= target for a, b in ranges[:-1])


def _jsonl(path: Path, rng: random.Random, lines: int, encoding: str = "utf-8", bom: bool = False) -> None:
    words = ["أخبار", "جـــديد", "[[system-code:ad:x]]", "ﻷ", "في", "2024", "  ", "عاجل"]
    if encoding != "utf-8":  # mostly Arabic letters, or auto-detection would not take windows-1256
        words = ["أخبار", "جـــديد", "الحكومة", "في", "2024", "  ", "عاجل"]
    out = []
    for i in range(lines):
        if i % 97 == 13:
            out.append("{broken")
        elif i % 89 == 5:
            out.append("")
        else:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
            out.append(json.dumps({"id": i, "text": text}, ensure_ascii=encoding == "utf-8" and i % 3 == 0))
    data = "\n".join(out).encode(encoding, "ignore")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def _split_run(task: FileTask, options: RunOptions, target: int, order: list[int] | None = None):
    pipeline = resolve("default")
    with open(task.src, "rb") as handle:
        codec, _ = iter_text(handle, options.encoding, options.errors, str(task.src), options.block_size)
        ranges = line_ranges(handle, task.src.stat().st_size, target)
    paths = [
        None if task.dst is None else str(task.dst.parent / f"{TEMP_PREFIX}0-part-t-0-{i:05d}")
        for i in range(len(ranges))
    ]
    indexes = order or list(range(len(ranges)))
    parts = [clean_part(task, i, *ranges[i], codec, pipeline.steps, options, paths[i]) for i in indexes]
    return ranges, parts, codec, paths


@pytest.mark.parametrize(
    "encoding, bom, counts",
    [("utf-8", False, False), ("utf-8", True, True), ("cp1256", False, True)],
    ids=["utf-8", "utf-8-bom-counts", "cp1256-counts"],
)
def test_parts_joined_equal_the_local_output(tmp_path: Path, encoding: str, bom: bool, counts: bool) -> None:
    src = tmp_path / "in.jsonl"
    _jsonl(src, random.Random(3), 600, encoding, bom)
    options = RunOptions(counts=counts)
    local = clean_file(
        FileTask(src, tmp_path / "local.jsonl", "in.jsonl", src.stat().st_size), resolve("default"), options
    )
    task = FileTask(src, tmp_path / "out" / "split.jsonl", "in.jsonl", src.stat().st_size)
    ranges, parts, codec, paths = _split_run(task, options, 2000, order=None)
    assert len(ranges) > 5
    rng = random.Random(1)
    shuffled = parts[:]
    rng.shuffle(shuffled)  # results may arrive in any order
    result = finish_parts(task, shuffled, codec, paths)
    assert (tmp_path / "out" / "split.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert result.error == local.error and "line 14: not valid JSON" in (result.error or "")
    assert (result.changed, result.bytes_in, result.bytes_out, result.records, result.encoding, result.counts) == (
        local.changed,
        local.bytes_in,
        local.bytes_out,
        local.records,
        local.encoding,
        local.counts,
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["split.jsonl"]  # parts removed
    # A retried join (the worker died after renaming): no parts left, an output of the right size.
    assert finish_parts(task, parts, codec, paths) == result


def test_a_retried_part_writes_the_same_bytes(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    _jsonl(src, random.Random(5), 300)
    task = FileTask(src, tmp_path / "out.jsonl", "in.jsonl", src.stat().st_size)
    _, first, _, paths = _split_run(task, RunOptions(), 1500)
    before = [Path(p).read_bytes() for p in paths if p]
    _, again, _, _ = _split_run(task, RunOptions(), 1500)
    assert first == again
    assert [Path(p).read_bytes() for p in paths if p] == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX) and "-part-" not in p.name]


def test_a_line_that_does_not_decode_names_the_file_offset_and_is_copied(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    _jsonl(src, random.Random(7), 400)
    data = src.read_bytes()
    cut = data.index(b"\n", len(data) * 3 // 4) + 1
    src.write_bytes(data[:cut] + b"\xff" + data[cut:])
    options = RunOptions(encoding="utf-8")  # (auto would take the whole small file for windows-1256)
    task = FileTask(src, tmp_path / "out.jsonl", "in.jsonl", src.stat().st_size)
    local = clean_file(task, resolve("default"), options)
    _, parts, codec, paths = _split_run(task, options, 1000)
    result = finish_parts(task, parts, codec, paths)
    assert result == local
    assert f"at byte offset {cut}" in (result.error or "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]  # the other lines cleaned
    bad_line = (data[:cut] + b"\xff" + data[cut:]).split(b"\n")[data[:cut].count(b"\n")]
    assert bad_line in (tmp_path / "out.jsonl").read_bytes().split(b"\n")  # copied as it was


def test_check_mode_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    _jsonl(src, random.Random(9), 300)
    options = RunOptions(check=True)
    local = clean_file(FileTask(src, None, "in.jsonl"), resolve("default"), options)
    task = FileTask(src, None, "in.jsonl", src.stat().st_size)
    _, parts, codec, paths = _split_run(task, options, 1000)
    assert paths == [None] * len(paths)
    assert finish_parts(task, parts, codec, paths) == local
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]
