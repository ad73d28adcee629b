"""Fuzz the JSONL reader (decoding, line splitting, record cleaning) with atheris.

    pip install atheris
    python fuzz/fuzz_jsonl.py -max_total_time=300 -max_len=4096 -dict=fuzz/jsonl.dict fuzz/corpus-jsonl/

The input bytes are a whole JSONL file. Without atheris: ``python fuzz/run_hypothesis.py jsonl``.
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

with atheris.instrument_imports():
    import cleaner.jsonl  # noqa: F401
    import cleaner.textio  # noqa: F401
    from targets import check_jsonl


def one_input(data: bytes) -> None:
    check_jsonl(data)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
