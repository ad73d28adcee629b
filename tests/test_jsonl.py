"""JSONL corpora: the text fields are cleaned, every other byte of every record passes through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import main
from cleaner.jsonl import MAX_PROBLEMS, clean_line, clean_lines, split_lines

P = cleaner.resolve("default")
DIRTY = "جـــديد  على [[system-code:ad:x]] الطريق"
CLEAN = P(DIRTY)


@pytest.mark.parametrize(
    ("line", "keys", "expected", "problem"),
    [
        ('{"id": 1, "text": "%s"}\n' % DIRTY, ("text",), '{"id": 1, "text": %s}\n' % json.dumps(CLEAN, ensure_ascii=False), None),
        ('{"id":1,"text":"%s"}\n' % DIRTY, ("text",), '{"id":1,"text":%s}\n' % json.dumps(CLEAN, ensure_ascii=False), None),
        # pure-ASCII input keeps \\u escapes
        (json.dumps({"text": DIRTY}) + "\n", ("text",), json.dumps({"text": CLEAN}) + "\n", None),
        # nested and list fields, other fields (1.50 stays 1.50) and key order untouched, CRLF kept
        (
            '{"a": 1.50, "meta": {"title": "%s", "n": [1, 2]}, "text": ["%s", "x"]}\r\n' % (DIRTY, DIRTY),
            ("meta.title", "text"),
            '{"a": 1.50, "meta": {"title": %s, "n": [1, 2]}, "text": [%s, "x\\n"]}\r\n'
            % (json.dumps(CLEAN, ensure_ascii=False), json.dumps(CLEAN, ensure_ascii=False)),
            None,
        ),
        # a key with a dot in it is found first
        ('{"meta.title": "%s"}\n' % DIRTY, ("meta.title",), '{"meta.title": %s}\n' % json.dumps(CLEAN, ensure_ascii=False), None),
        # unchanged records are copied byte for byte, whatever their formatting
        ('{ "text" :  "نص\\n" ,"n":1.50 }\n', ("text",), '{ "text" :  "نص\\n" ,"n":1.50 }\n', None),
        ("\n", ("text",), "\n", None),
        ("{oops\n", ("text",), "{oops\n", "not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("[1, 2]\n", ("text",), "[1, 2]\n", "not a JSON object (a list)"),
        ('{"body": "x"}\n', ("text",), '{"body": "x"}\n', "no key 'text'"),
        ('{"text": 5}\n', ("text",), '{"text": 5}\n', "key 'text' holds int, not text"),
        ('{"text": "x"}', ("text",), '{"text": "x\\n"}', None),  # last line without a newline
        # a changed record keeps every untouched byte: numbers as written, odd spacing, escapes, nesting
        (
            '{ "n" : 1.50 ,"big":1E+3, "t":"\\u0041", "text" :"%s" , "x": [1.0, {"y": -0.0}] }\n' % DIRTY,
            ("text",),
            '{ "n" : 1.50 ,"big":1E+3, "t":"\\u0041", "text" :%s , "x": [1.0, {"y": -0.0}] }\n'
            % json.dumps(CLEAN, ensure_ascii=False),
            None,
        ),
        (
            '{"meta": {"n": 2.50, "title": "%s"}, "text": "x\\n", "z": 1e5}\n' % DIRTY,
            ("meta.title", "text"),
            '{"meta": {"n": 2.50, "title": %s}, "text": "x\\n", "z": 1e5}\n' % json.dumps(CLEAN, ensure_ascii=False),
            None,
        ),
    ],
)
def test_clean_line(line: str, keys: tuple[str, ...], expected: str, problem: str | None) -> None:
    assert clean_line(line, P, keys) == (expected, problem)


def test_split_lines_across_blocks() -> None:
    blocks = ['{"a"', ': 1}\n{"b": 2}\n{', '"c": 3}']
    assert list(split_lines(blocks)) == ['{"a": 1}\n', '{"b": 2}\n', '{"c": 3}']
    assert list(split_lines(["\n\n"])) == ["\n", "\n"]


def test_problems_are_capped_and_counted() -> None:
    problems: list[str] = []
    out = list(clean_lines(["x\n"] * (MAX_PROBLEMS + 5), P, ("text",), problems))
    assert out == ["x\n"] * (MAX_PROBLEMS + 5)
    assert len(problems) == MAX_PROBLEMS + 1 and problems[0].startswith("line 1: ") and problems[-1] == "and 5 more line(s)"


def test_a_jsonl_file_through_the_cli(tmp_path: Path) -> None:
    src = tmp_path / "corpus.jsonl"
    records = [{"id": i, "text": DIRTY, "url": f"https://x.test/{i}"} for i in range(100)]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[10] = '{"id": 10, "body": "no text"}'
    src.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "clean.jsonl"
    result = CliRunner().invoke(main, [str(src), "-o", str(out)])
    assert result.exit_code == 123 and "line 11: no key 'text'" in result.stderr
    got = out.read_text("utf-8").splitlines()
    assert len(got) == 100 and got[10] == lines[10]
    for i, line in enumerate(got):
        if i != 10:
            assert json.loads(line) == {**records[i], "text": CLEAN}


def test_jsonl_flag_and_text_key_on_stdin() -> None:
    data = json.dumps({"body": DIRTY, "text": "keep  me"}, ensure_ascii=False).encode() + b"\n"
    result = CliRunner().invoke(main, ["--jsonl", "--text-key", "body"], input=data)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"body": CLEAN, "text": "keep  me"}


def test_no_jsonl_treats_a_jsonl_file_as_text(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "%s"}\n' % DIRTY, "utf-8")
    result = CliRunner().invoke(main, [str(src), "--no-jsonl"])
    assert result.exit_code == 0 and result.stdout == P('{"text": "%s"}\n' % DIRTY)  # cleaned as plain text


_RAW_VALUES = ["1.50", "1E+3", "-0.0", "100000000000000000000001", "0.1000", '"\\u0041\\/"', "[1.0, 2.50]",
               '{"x": 1.10}', "true", "null", '"نص"', " 7 "]


@pytest.mark.parametrize("seed", range(20))
def test_a_changed_record_keeps_every_other_byte(seed: int) -> None:
    import random

    rng = random.Random(seed)
    before = ", ".join(f'"k{i}":{rng.choice(["", " "])}{rng.choice(_RAW_VALUES)}' for i in range(rng.randint(0, 4)))
    after = ", ".join(f'"z{i}" :{rng.choice(_RAW_VALUES)}' for i in range(rng.randint(0, 4)))
    head = "{" + before + (", " if before else "") + '"text": '
    tail = (", " if after else "") + after + "}\n"
    out, problem = clean_line(head + json.dumps(DIRTY, ensure_ascii=False) + tail, P, ("text",))
    assert problem is None and out == head + json.dumps(CLEAN, ensure_ascii=False) + tail
