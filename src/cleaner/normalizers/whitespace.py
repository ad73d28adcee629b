"""Line endings, spaces and paragraph breaks."""

from __future__ import annotations

import re
from itertools import repeat

from ..registry import normalizer

_SPACES = re.compile("  +")


@normalizer("whitespace")
def whitespace(text: str) -> str:
    """One space between words, lines trimmed, one blank line between paragraphs, one final newline.

    CRLF and lone CR become LF; runs of spaces and tabs become one space; every non-empty line is a
    paragraph, separated from the next by exactly one blank line; no blank lines at either end.

    >>> whitespace("  سطر\\t أول  \\r\\n\\r\\n\\n سطر ثان \\r")
    'سطر أول\\n\\nسطر ثان\\n'
    """
    # A few C-level passes, each guarded by a cheap check, and no Python code per line.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", " ")  # a run holding a tab becomes one space below
    if "  " in text:
        text = _SPACES.sub(" ", text)
    # Runs are single spaces now. Each line loses its end spaces (str.strip called from C by map),
    # empty lines go, and the paragraphs are joined by one blank line: a split, a filter and a join
    # replace the two whole-text passes (" \n" and the break regex) and the trimming of both ends.
    out = "\n\n".join(filter(None, map(str.strip, text.split("\n"), repeat(" "))))
    if not out:
        return ""
    out += "\n"  # in place: `out` is the only reference, so no second copy of the text
    return out
