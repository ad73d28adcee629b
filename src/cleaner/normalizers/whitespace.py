"""Line endings, spaces and paragraph breaks."""

from __future__ import annotations

import re
from itertools import repeat

from ..registry import normalizer

# A run of two or more spaces, written as two spaces and any more: the pattern opens with a literal
# pair, so the regex engine skips ahead to the next pair instead of stopping at every space.
_SPACES = re.compile("   *")
# In text without a run of spaces, ending in a line break and starting with neither a space nor a
# line break, what keeps it from being its own output: a line break alone between two lines (not a
# paragraph break), three or more together, or one with a space before or after it. (The pattern
# opens with the line break, so the engine skips from one to the next.)
_BREAK_FAULT = re.compile("\n(?:(?<=[^\n]\n)(?=[^\n])|\n\n|(?<= \n)|(?= ))")


@normalizer("whitespace")
def whitespace(text: str) -> str:
    """One space between words, lines trimmed, one blank line between paragraphs, one final newline.

    CRLF and lone CR become LF; runs of spaces and tabs become one space; every non-empty line is a
    paragraph, separated from the next by exactly one blank line; no blank lines at either end.

    >>> whitespace("  سطر\\t أول  \\r\\n\\r\\n\\n سطر ثان \\r")
    'سطر أول\\n\\nسطر ثان\\n'
    """
    # A few C-level passes, each guarded by a cheap check, and Python code only for the lines that
    # hold a run of spaces.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", " ")  # a run holding a tab becomes one space below
    pos = _first_run(text, 0)
    if pos < 0 and _clean(text):
        return text  # already clean (a second run, --check): no split, no join, no copy
    lines = text.split("\n")
    if pos >= 0:
        lines = _collapse(text, lines, pos)
    # Runs are single spaces now. Each line loses its end spaces (str.strip called from C by map),
    # empty lines go, and the paragraphs are joined by one blank line: a split, a filter and a join
    # replace the two whole-text passes (" \n" and the break regex) and the trimming of both ends.
    out = "\n\n".join(filter(None, map(str.strip, lines, repeat(" "))))
    if not out:
        return ""
    out += "\n"  # in place: `out` is the only reference, so no second copy of the text
    return out


def _clean(text: str) -> bool:
    """Whether ``text``, holding no CR, tab or run of spaces, is its own output: one final line break,
    neither a space nor a line break at the start, and between lines only paragraph breaks (one blank
    line) with no space around them. The one scan stops at the first fault: on text that needs
    cleaning it seldom goes far."""
    return (
        text[-1:] == "\n"
        and text[0] not in " \n"
        and text[-2:] != "\n\n"
        and _BREAK_FAULT.search(text) is None
    )


def _collapse(text: str, lines: list[str], pos: int) -> list[str]:
    """``text.split("\\n")`` (that is ``lines``) with every run of spaces made one space, given the first
    run at ``pos``: only the lines holding a run are rewritten, found from run to run by a literal
    search (each line's number counted from the line breaks before it); when runs fill many lines,
    the whole text is rewritten at once instead."""
    row = counted = fixed = 0  # lines[row] starts at `counted`
    while pos >= 0:
        row += text.count("\n", counted, pos)
        lines[row] = _SPACES.sub(" ", lines[row])
        counted = text.find("\n", pos) + 1
        if not counted:  # the last line
            break
        fixed += 1
        if not fixed & 63 and fixed * 256 > counted:  # a run every 256 characters or more often
            return _SPACES.sub(" ", text).split("\n")
        row += 1
        pos = _first_run(text, counted)
    return lines


def _first_run(text: str, start: int) -> int:
    """``text.find("  ", start)``: the regex engine's literal search is the faster one here."""
    match = _SPACES.search(text, start)
    return match.start() if match else -1
