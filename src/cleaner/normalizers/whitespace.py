"""Line endings, spaces and paragraph breaks."""

from __future__ import annotations

import re

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
    # Each step is a C-level pass guarded by an ``in`` check: no per-line Python loop.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", " ")  # a run holding a tab becomes one space below
    if "  " in text:
        text = _SPACES.sub(" ", text)
    # Runs are single spaces now: a space next to a line break is a line's leading or trailing one.
    if " \n" in text:
        text = text.replace(" \n", "\n")
    if "\n " in text:
        text = text.replace("\n ", "\n")
    if "\n" not in text:
        text = text.strip(" ")
        return text + "\n" if text else ""
    lines = list(filter(None, text.split("\n")))
    if not lines:
        return ""
    # The ends are trimmed and the final newline added on the end lines, not by copying the whole text.
    first, last = lines[0].lstrip(" "), lines[-1].rstrip(" ")
    if not first or not last:  # a line of spaces at an end (not left by the steps above): the plain way
        text = "\n\n".join(lines).strip(" ")
        return text + "\n" if text else ""
    if len(lines) == 1:
        return first.rstrip(" ") + "\n"
    lines[0], lines[-1] = first, last + "\n"
    return "\n\n".join(lines)
