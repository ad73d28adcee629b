"""A fuzzing fallback without atheris: hypothesis drives the same checks for a while.

    python fuzz/run_hypothesis.py [pipeline|steps|jsonl|all] [--seconds 60]

Hypothesis is not coverage-guided like libFuzzer, but it shrinks a failure to a small example and
prints it; put that example into ``tests/test_reliability_fuzz.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tests"))

from strategies import FRAGMENTS  # noqa: E402
from targets import check_jsonl, check_pipeline, check_steps  # noqa: E402

SURROGATES = ["\ud800", "\udfff"]
texts = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.one_of(st.characters(), st.sampled_from(SURROGATES)), max_size=200),
    st.lists(st.sampled_from(FRAGMENTS + SURROGATES), max_size=120).map("".join),
)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=10,
)


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["record", "record", "text-list", "garbage", "other-json", "blank"]))
        if kind == "record":
            record = draw(st.dictionaries(st.text(max_size=5), values, max_size=4))
            record["text"] = draw(texts)
            line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        elif kind == "text-list":
            line = json.dumps({"text": draw(st.lists(texts, max_size=3))}, ensure_ascii=False)
        elif kind == "other-json":
            line = json.dumps(draw(values))
        elif kind == "garbage":
            line = draw(st.text(max_size=50))
        else:
            line = ""
        lines.append(line)
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    data = ending.join(lines).encode("utf-8", "surrogatepass")
    return data if draw(st.booleans()) else data + draw(st.binary(max_size=20))


def run(name: str, seconds: float) -> int:
    """Run rounds of 200 random examples until ``seconds`` have passed; a failure raises, shrunk."""
    deadline = time.monotonic() + seconds
    count = 0
    target = {"pipeline": check_pipeline, "steps": check_steps, "jsonl": check_jsonl}[name]
    strategy = texts if name != "jsonl" else st.one_of(jsonl_files(), st.binary(max_size=300))

    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def fuzz(data: object) -> None:
        nonlocal count
        count += 1
        target(data)  # type: ignore[arg-type]

    while time.monotonic() < deadline:
        fuzz()
    print(f"{name}: {count} inputs, no failure")
    return count


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", nargs="?", default="all", choices=["pipeline", "steps", "jsonl", "all"])
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    for name in ["pipeline", "steps", "jsonl"] if args.target == "all" else [args.target]:
        run(name, args.seconds)
