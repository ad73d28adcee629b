"""CMS placeholders such as ``[[system-code:ad:autoads]]`` that scrapers leave in article text."""

from __future__ import annotations

import re

from ..registry import normalizer
from .chars import is_word_char

_OPEN = "[[system-code:"
_PREFIX = "system-code:"
_MAX_CONTENT = 1000  # characters between "system-code:" and "]]"
_BRACKET = re.compile(r"[\[\]]")


def _strip_line(line: str) -> str:
    """Remove every marker from one line (no newlines), innermost first, in one left-to-right pass.

    A marker's content holds no brackets, so when a ``]]`` is reached the output so far ends with a
    marker exactly when its last bracket is the second ``[`` of ``[[system-code:``. Removing it can
    join fragments into a new marker (``[[sys[[system-code:x]]tem-code:y]]``); the new marker's
    ``]]`` still lies ahead, so one pass reaches the fixed point that repeated removal would.
    """
    out: list[str] = []  # output characters
    brackets: list[int] = []  # indices into ``out`` of every '[' and ']'
    i, n = 0, len(line)
    while i < n:
        j = line.find("]]", i)
        chunk = line[i:] if j < 0 else line[i:j]
        base = len(out)
        out.extend(chunk)
        if "[" in chunk or "]" in chunk:
            brackets.extend(base + m.start() for m in _BRACKET.finditer(chunk))
        if j < 0:
            break
        i = j + 2
        b = brackets[-1] if brackets else -1
        content = len(out) - b - 1 - len(_PREFIX)
        if (
            b >= 1
            and out[b] == "["
            and out[b - 1] == "["
            and 0 <= content <= _MAX_CONTENT
            and "".join(out[b + 1 : b + 1 + len(_PREFIX)]) == _PREFIX
        ):
            del out[b - 1 :]
            while brackets and brackets[-1] >= b - 1:
                brackets.pop()
            if out and i < n and is_word_char(out[-1]) and is_word_char(line[i]) and not _inside_open(out, brackets):
                out.append(" ")  # the marker separated two words: never glue them
        else:
            brackets.extend((len(out), len(out) + 1))
            out.extend("]]")
    return "".join(out)


def _inside_open(out: list[str], brackets: list[int]) -> bool:
    """Whether ``out`` ends inside an unfinished ``[[system-code:`` (where fragments must join)."""
    if not brackets or out[brackets[-1]] != "[":
        return False
    b = brackets[-1]
    if b < 1 or out[b - 1] != "[":
        return False
    tail = "".join(out[b + 1 : b + 1 + len(_PREFIX)])
    return _PREFIX.startswith(tail) or tail == _PREFIX


@normalizer("cms_markers")
def cms_markers(text: str, *, patterns: tuple[str, ...] = ()) -> str:
    """Remove CMS placeholders ``[[system-code:…]]`` and the lines they leave empty.

    Removal repeats until none is left (removing one can join fragments into a new marker), a
    marker glued between two words leaves a space, and editorial ``[[ … ]]`` around text stays.

    >>> cms_markers("الأولى\\n[[system-code:ad:autoads]]\\nالثانية")
    'الأولى\\nالثانية'
    >>> cms_markers("[[sys[[system-code:ad:autoads]]tem-code:ad:x]]")
    ''

    ``patterns`` adds a site's own markers: regular expressions (``regex`` module syntax, matched
    within one line, each run with a time limit) whose matches go the same way.

    >>> cms_markers("نص {{ad-slot-3}}\\n{{ad-slot-4}}", patterns=(r"\\{\\{ad-slot-\\d+\\}\\}",))
    'نص \\n'
    """
    if patterns:
        return _with_patterns(text, tuple(patterns))
    start = text.find(_OPEN)
    if start < 0:
        return text
    # Only the lines holding a marker are visited; the lines between them are kept as whole chunks
    # (joining a chunk of lines with "\n" is the same as joining its lines one by one).
    kept: list[str] = []
    pos = 0  # start of the first line not yet kept or dropped
    while start >= 0:
        begin = text.rfind("\n", 0, start) + 1
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if begin > pos:
            kept.append(text[pos : begin - 1])
        line = text[begin:end]
        stripped = _strip_line(line)
        if stripped == line or stripped.strip(" \t\r"):
            kept.append(stripped)
        elif end == len(text):
            kept.append("")  # a last line of markers goes; the line break before it is the line above's
        # else: the line held only markers and goes with its own line break
        pos = end + 1
        start = text.find(_OPEN, pos)
    if pos <= len(text):
        kept.append(text[pos:])
    return "\n".join(kept)


def _with_patterns(text: str, patterns: tuple[str, ...]) -> str:
    """Built-in and user markers removed together, until neither finds one (bounded)."""
    from ..config import compile_patterns, remove_patterns

    compiled = compile_patterns("cms_markers", patterns)
    for _ in range(16):
        cleaned = cms_markers(remove_patterns(text, compiled, "cms_markers"))
        if cleaned == text:
            break
        text = cleaned
    return text
