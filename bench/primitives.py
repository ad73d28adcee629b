"""What pure Python can do at best: the cost of the building blocks every normalizer is made of.

Usage (from the repository root)::

    python bench/primitives.py              # the bulk UTF-8 corpus of ../shared/corpus/bulk
    python bench/primitives.py --rounds 7

Each row is one whole-text operation on the same decoded text, in ms per MB of UTF-8 input (median
of the rounds, garbage collector off during a call, as ``timeit`` does). The rows are what a
normalizer costs at the least when it does that kind of work: a step that finds nothing to change
pays one scan; a step that changes characters everywhere pays at least a copy; a step that judges
lines pays at least one split into lines, one Python-level loop over them and one join. The last
lines add these floors up for the thirteen steps of the ``default`` profile (five judge lines, five
change letters everywhere, three usually find nothing), as separate steps and with the per-line
steps fused into one pass, against the 10 ms/MB that 100 MB/s allows: how far a pure-Python
pipeline can go, and so what closing the gap would take (README, "Where the remaining time goes").
Needs only the standard library and the corpus (skipped with a message when it is absent).
"""

from __future__ import annotations

import argparse
import re
import sys

from _common import DEFAULT_CORPUS, MB, corpus_inputs, err, machine_line, median, table, timed

#: Letters the ``alef``/``yeh``/``teh``-style folds replace: frequent in any Arabic text.
_FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"}


def _replace_chain(text: str) -> str:
    for old, new in _FOLDS.items():
        text = text.replace(old, new)
    return text


_TABLE = str.maketrans(_FOLDS)
_ABSENT = re.compile(r"[\x00-\x08\x0e-\x1f]")  # a class that matches nothing in news text
_ARABIC_RUN = re.compile(r"[\u0621-\u064a]+")  # a class that matches almost every word
_SHORT_LINE = re.compile(r"(?m)^[^\n]{1,40}$")  # candidate lines, as a heading finder looks for them


def _lines_loop(text: str) -> str:
    lines = text.split("\n")
    out = [line for line in lines if not line.startswith("اقرأ")]
    return "\n".join(out)


OPERATIONS = [
    ("decode + encode UTF-8 (the I/O floor without the disk)", lambda t, b: b.decode("utf-8").encode("utf-8")),
    ("`str.find` of a character that is absent", lambda t, b: t.find("\x07")),
    ("`re.search` of a class that matches nothing", lambda t, b: _ABSENT.search(t)),
    ("`str.replace` of an absent character (no copy)", lambda t, b: t.replace("\x07", "")),
    ("4 × `str.replace` of frequent letters (alef/yeh folds)", lambda t, b: _replace_chain(t)),
    ("`str.translate` with the same 4 letters", lambda t, b: t.translate(_TABLE)),
    ("`re.sub` over every Arabic word (identity)", lambda t, b: _ARABIC_RUN.sub(lambda m: m.group(), t)),
    ("`re.finditer` of short lines", lambda t, b: sum(1 for _ in _SHORT_LINE.finditer(t))),
    ("split into lines + one test per line + join", lambda t, b: _lines_loop(t)),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="folder of the bulk corpus")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per operation (median)")
    opts = parser.parse_args(argv)
    from pathlib import Path

    inputs = [i for i in corpus_inputs(Path(opts.corpus), err) if i.group == "bulk"]
    if not inputs:
        err("no bulk UTF-8 input: nothing measured")
        return 0
    texts = [(i.text, i.text.encode("utf-8")) for i in inputs]
    size = sum(len(b) for _, b in texts)
    print(f"{machine_line()}; {size / MB:.1f} MB of bulk UTF-8 text, median of {opts.rounds} rounds\n")
    costs: dict[str, float] = {}
    for name, op in OPERATIONS:
        seconds = median([sum(timed(lambda t=t, b=b: op(t, b)) for t, b in texts) for _ in range(opts.rounds)])
        costs[name] = seconds * 1000 / (size / MB)
    print(table(["operation", "ms/MB", "MB/s"], [(n, f"{c:.2f}", f"{1000 / c:,.0f}" if c else "n/a") for n, c in costs.items()]))
    floor = costs[OPERATIONS[0][0]]
    copy = costs[OPERATIONS[4][0]] / 4  # one frequent-letter replace: a full copy of the text
    lines = costs[OPERATIONS[8][0]]
    # default = 13 steps: 5 per-line steps (boilerplate, duplicate_paragraphs, headings, whitespace,
    # punctuation); 5 letter/character steps that change text everywhere (unicode, tatweel, alef,
    # yeh, lookalikes); 3 that usually find nothing (wrappers, html, cms_markers).
    scan = costs[OPERATIONS[1][0]]
    separate = floor + 5 * lines + 5 * copy + 3 * scan
    fused = floor + lines + 5 * copy + 3 * scan
    print(
        f"\nLeast cost of `default` as thirteen separate steps: I/O floor {floor:.2f} + 5 per-line steps × {lines:.2f}"
        f" + 5 changing steps × {copy:.2f} + 3 scans × {scan:.2f} = {separate:.1f} ms/MB ({1000 / separate:.0f} MB/s)."
        f"\nThe same with the five per-line steps fused into one pass over the lines: {fused:.1f} ms/MB"
        f" ({1000 / fused:.0f} MB/s). 100 MB/s allows 10 ms/MB in all."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
