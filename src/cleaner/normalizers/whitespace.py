"""Line endings, spaces and paragraph breaks."""

from __future__ import annotations

import re

from ..registry import normalizer

_SPACES = re.compile("  +")
#: A line break with the blank lines and leading spaces after it: one paragraph break.
_BREAK = re.compile("\n[ \n]*")


@normalizer("whitespace")
def whitespace(text: str) -> str:
    """One space between words, lines trimmed, one blank line between paragraphs, one final newline.

    CRLF and lone CR become LF; runs of spaces and tabs become one space; every non-empty line is a
    paragraph, separated from the next by exactly one blank line; no blank lines at either end.

    >>> whitespace("  سطر\\t أول  \\r\\n\\r\\n\\n سطر ثان \\r")
    'سطر أول\\n\\nسطر ثان\\n'
    """
    # A few C-level passes, each guarded by a cheap check: no per-line Python loop, no list of lines.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", " ")  # a run holding a tab becomes one space below
    if " " in text:
        text = _SPACES.sub(" ", text)  # the text itself when there is no run (one scan, no copy)
    if "\n" in text:
        # Runs are single spaces now: a space before a line break is a line's trailing one; the
        # break, the empty lines and leading spaces after it become one blank line.
        if " \n" in text:
            text = text.replace(" \n", "\n")
        text = _BREAK.sub("\n\n", text)
    # What is left at either end is at most a space and a paragraph break: trimmed in one slice.
    start, end = 0, len(text)
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    if start == end:
        return ""
    if end < len(text) and text[end] == "\n":
        return text if start == 0 and end + 1 == len(text) else text[start : end + 1]
    out = text[start:end]
    out += "\n"  # in place when the slice is a new string: one big allocation, not two
    return out
