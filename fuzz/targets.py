"""What the fuzzers check, as plain functions (used by the atheris harnesses, the hypothesis
fallback runner and ``tests/test_reliability_fuzz.py``). Each raises ``AssertionError`` on a broken
promise; any other exception is a crash.
"""

from __future__ import annotations

import json
import os
import re

import cleaner
from cleaner.jsonl import clean_lines, split_lines
from cleaner.textio import DecodeError, decode_auto

#: CLEANER_FUZZ_PROFILES=default,preserve limits the profiles (to look past a known open defect).
PROFILES = tuple(
    p for p in sorted(cleaner.PROFILES) if p in os.environ.get("CLEANER_FUZZ_PROFILES", ",".join(cleaner.PROFILES)).split(",")
)
PIPELINES = {name: cleaner.resolve(name) for name in PROFILES}
JSONL_PIPELINE = cleaner.resolve("default")
MARKER = re.compile(r"\[\[system-code:[^\[\]\n]{0,1000}\]\]")
#: Known open defects, skipped so that a fuzzing run looks for new ones (each is an xfail test in
#: tests/test_reliability_fuzz.py). Remove an entry once its defect is fixed.
KNOWN: list[re.Pattern[str]] = [
    # html escapes a tag formed when an inner tag inside its attributes was removed; a later step
    # dropping the line with its ">" makes the escape wrong next run (test_an_escaped_tag_whose_end…).
    re.compile(r"<[^<>]{0,100}[\s\x00-\x1f\x7f-\x9f][^<>]{0,100}<"),
]


def check_pipeline(text: str) -> None:
    """Every profile: never raises, idempotent, writable as UTF-8, no CMS marker left."""
    if any(known.search(text) for known in KNOWN):
        for pipeline in PIPELINES.values():
            pipeline(text).encode("utf-8")  # still never raises
        return
    for name, pipeline in PIPELINES.items():
        out = pipeline(text)
        assert pipeline(out) == out, f"{name}: not idempotent on {text!r}"
        out.encode("utf-8")
        assert not MARKER.search(out), f"{name}: a marker survived in {out!r}"


def check_steps(text: str) -> None:
    """Every registered normalizer on its own: never raises, idempotent, returns a str."""
    skip = set(os.environ.get("CLEANER_FUZZ_SKIP_STEPS", "").split(","))  # e.g. past a known open defect
    for entry in cleaner.list_normalizers():
        if entry.name in skip:
            continue
        out = entry.func(text)
        assert isinstance(out, str)
        assert entry.func(out) == out, f"{entry.name}: not idempotent on {text!r}"


def check_jsonl(data: bytes) -> None:
    """The JSONL reader: one output line per input line; a line it does not clean comes out unchanged;
    a cleaned record keeps every other field; the output is writable as UTF-8."""
    try:
        text, _ = decode_auto(data)
    except DecodeError:
        return  # reported by the runner, not the JSONL reader's business
    lines = list(split_lines([text]))
    problems: list[str] = []
    out = list(clean_lines(lines, JSONL_PIPELINE, ("text",), problems))
    assert len(out) == len(lines), "lines lost or invented"
    "".join(out).encode("utf-8")
    for before, after in zip(lines, out, strict=True):
        if before == after:
            continue
        old, new = json.loads(before), json.loads(after)
        assert isinstance(old, dict) and isinstance(new, dict)
        assert old.keys() == new.keys(), f"fields changed: {before!r} -> {after!r}"
        for key in old:
            if key != "text":
                assert json.dumps(old[key]) == json.dumps(new[key]), f"field {key!r} changed in {before!r}"
        value = old["text"]
        expected = JSONL_PIPELINE(value) if isinstance(value, str) else [JSONL_PIPELINE(v) for v in value]
        assert new["text"] == expected, f"text not cleaned as the pipeline cleans it: {before!r}"
