"""Fuzz every profile of the pipeline with atheris (coverage-guided, libFuzzer).

    pip install atheris
    python fuzz/fuzz_pipeline.py -max_total_time=300 -max_len=4096 fuzz/corpus-pipeline/

``CLEANER_FUZZ_MODE=steps`` checks each normalizer alone; ``CLEANER_FUZZ_PROFILES=default,preserve``
limits the profiles. A crash prints the input and saves it as ``crash-<sha1>``; turn it into a regression test in
``tests/test_reliability_fuzz.py`` (``CRASHES``). Without atheris: ``python fuzz/run_hypothesis.py``.
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

with atheris.instrument_imports():
    import cleaner  # noqa: F401
    import cleaner.normalizers  # noqa: F401
    from targets import check_pipeline, check_steps

#: CLEANER_FUZZ_MODE=steps fuzzes each normalizer on its own instead of the profiles.
CHECK = check_steps if os.environ.get("CLEANER_FUZZ_MODE") == "steps" else check_pipeline


def one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    text = provider.ConsumeUnicode(len(data))  # lone surrogates included
    CHECK(text)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
