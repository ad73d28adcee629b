"""CMS placeholders such as ``[[system-code:ad:autoads]]`` that scrapers leave in article text."""

from __future__ import annotations

import re

from ..registry import normalizer
from .chars import TATWEEL, is_word_char
from .diacritics import CLASSES

_OPEN = "[[system-code:"
_PREFIX = "system-code:"
_MAX_CONTENT = 1000  # characters between "system-code:" and "]]"
_BRACKET = re.compile(r"[\[\]]")
# What later steps may remove from inside a line (diacritics: the marks; tatweel: a stroke): a marker
# is found through them ("[[systًem-code:x]]"), else removing them would reveal one on a second run.
_IGNORABLE_CLASS = "".join(CLASSES.values()) + TATWEEL
_IGNORABLE = frozenset(ch for ch in map(chr, range(0x0600, 0x0700)) if re.match(f"[{_IGNORABLE_CLASS}]", ch))
# "[[system-code:" and "]]" with up to _MAX_RUN ignorable characters between any two of their
# characters (a bound keeps every look at a bracket constant-time; a real mark stack is 1-3 long).
_MAX_RUN = 32
_RUN = f"[{_IGNORABLE_CLASS}]{{0,{_MAX_RUN}}}+"
_LOOSE_OPEN = re.compile(_RUN.join(re.escape(ch) for ch in _OPEN))
_CLOSE = re.compile(f"\\]{_RUN}\\]")
_ANY_IGNORABLE = re.compile(f"[{_IGNORABLE_CLASS}]")


def _strip_line(line: str, joins: list[int] | None = None) -> str:
    """Remove every marker from one line (no newlines), innermost first, in one left-to-right pass.

    A marker's content holds no brackets, so when a ``]]`` is reached the output so far ends with a
    marker exactly when its last bracket is the second ``[`` of ``[[system-code:``. Removing it can
    join fragments into a new marker: ``[[sys[[system-code:x]]tem-code:y]]``, whose ``]]`` still lies
    ahead, or ``[[system-code:x][[system-code:y]]]``, whose ``]]`` is the ``]`` just before the
    removed marker and the one just after it (taken at once, before reading on). So one pass reaches
    the fixed point that repeated removal would. ``joins`` receives where, in the output, each
    removed marker stood (a later step may see markup joined there).
    """
    out: list[str] = []  # output characters
    brackets: list[int] = []  # indices into ``out`` of every '[' and ']'
    i, n = 0, len(line)
    loose: list[bool] = []  # whether the line holds marks or tatweel (found when first needed)
    while i < n:
        close = _CLOSE.search(line, i)  # "]]", or "]" and "]" with ignorable characters between
        j, after = (close.start(), close.end()) if close is not None else (-1, n)
        chunk = line[i:] if j < 0 else line[i:j]
        base = len(out)
        out.extend(chunk)
        if "[" in chunk or "]" in chunk:
            brackets.extend(base + m.start() for m in _BRACKET.finditer(chunk))
        if j < 0:
            break
        i = after
        start = _start(out, brackets, line, loose)
        if start < 0:
            brackets.extend((len(out), len(out) + after - j - 1))
            out.extend(line[j:after])
            continue
        while start >= 0:
            del out[start:]
            while brackets and brackets[-1] >= start:
                brackets.pop()
            # A "]" left right before the marker and one right after it make a new "]]" (with at
            # most _MAX_RUN ignorable characters between them), which may close an earlier marker.
            k = _joined_close(out, brackets, line, i)
            if k < 0:
                break
            b = brackets.pop()
            tail = out[b:]
            del out[b:]
            start = _start(out, brackets, line, loose)
            if start < 0:  # not a marker: the brackets stay, and are read on as text
                brackets.append(b)
                out.extend(tail)
            else:
                i = k
        if joins is not None:
            joins.append(len(out))
        if out and i < n and is_word_char(out[-1]) and is_word_char(line[i]) and not _inside_open(out, brackets):
            out.append(" ")  # the marker separated two words: never glue them
    return "".join(out)


def _start(out: list[str], brackets: list[int], line: str, loose: list[bool]) -> int:
    """Where the marker that a ``]]`` read right after ``out`` closes starts in ``out``, or -1."""
    b = brackets[-1] if brackets else -1
    content = len(out) - b - 1 - len(_PREFIX)
    if (  # the usual marker: no ignorable characters inside "[[system-code:" and at most 1000 after
        b >= 1
        and out[b] == "["
        and out[b - 1] == "["
        and 0 <= content <= _MAX_CONTENT
        and "".join(out[b + 1 : b + 1 + len(_PREFIX)]) == _PREFIX
    ):
        return b - 1
    if not loose:
        loose.append(_ANY_IGNORABLE.search(line) is not None)
    return _marker_start(out, brackets) if loose[0] else -1


def _joined_close(out: list[str], brackets: list[int], line: str, i: int) -> int:
    """When ``out`` ends with a ``]`` (then ignorable characters) and ``line[i:]`` starts with a ``]``
    (after ignorable characters), together a ``]]`` as :data:`_CLOSE` reads one: where it ends in
    ``line``; else -1."""
    if not brackets or out[brackets[-1]] != "]" or i >= len(line):
        return -1
    b = brackets[-1]
    gap = len(out) - b - 1
    if gap > _MAX_RUN or (gap and not _IGNORABLE.issuperset(out[b + 1 :])):
        return -1
    k, stop = i, min(len(line), i + _MAX_RUN - gap + 1)
    while k < stop and line[k] in _IGNORABLE:
        k += 1
    return k + 1 if k < stop and line[k] == "]" else -1


def _opening(out: list[str], brackets: list[int]) -> int:
    """Where the ``system-code:`` of an open ``[[`` ending at the last bracket of ``out`` would
    start, or -1 when the last two brackets are not ``[`` ``[`` with at most _MAX_RUN ignorable
    characters between them."""
    if len(brackets) < 2:
        return -1
    b, a = brackets[-1], brackets[-2]
    if out[b] != "[" or out[a] != "[":
        return -1
    if b - a > 1 and (b - a - 1 > _MAX_RUN or not _IGNORABLE.issuperset(out[a + 1 : b])):
        return -1
    return b + 1


def _prefix_end(out: list[str], k: int) -> int:
    """After ``system-code:`` read from ``out[k]`` on, skipping up to _MAX_RUN ignorable characters
    before each of its characters: its end; -1 when another character comes first, -2 when ``out``
    ends first (a prefix of it)."""
    n = len(out)
    for ch in _PREFIX:
        stop = min(n, k + _MAX_RUN)
        while k < stop and out[k] in _IGNORABLE:
            k += 1
        if k >= n:
            return -2
        if out[k] != ch:
            return -1
        k += 1
    return k


def _marker_start(out: list[str], brackets: list[int]) -> int:
    """When ``out`` ends with a marker's ``[[system-code:…`` (its ``]]`` just read): where it starts, else -1.

    A marker's content holds no brackets, so this is the last bracket of ``out`` and the one before.
    """
    k = _opening(out, brackets)
    if k < 0:
        return -1
    k = _prefix_end(out, k)
    if k < 0:
        return -1
    content = len(out) - k
    if content > _MAX_CONTENT:  # count what is left when the ignorable characters are gone
        content = 0
        for ch in out[k:]:
            if ch not in _IGNORABLE:
                content += 1
                if content > _MAX_CONTENT:
                    return -1
    return brackets[-2]


def _inside_open(out: list[str], brackets: list[int]) -> bool:
    """Whether ``out`` ends inside an unfinished ``[[system-code:`` (where fragments must join)."""
    k = _opening(out, brackets)
    return k >= 0 and _prefix_end(out, k) != -1


@normalizer("cms_markers")
def cms_markers(text: str, *, patterns: tuple[str, ...] = ()) -> str:
    """Remove CMS placeholders ``[[system-code:…]]`` and the lines they leave empty.

    Removal repeats until none is left (removing one can join fragments into a new marker), a
    marker glued between two words leaves a space, and editorial ``[[ … ]]`` around text stays.
    Diacritics or tatweel inside a marker (which later steps remove) do not hide it.

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
    start = _find_open(text, 0)
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
        start = _find_open(text, pos)
    if pos <= len(text):
        kept.append(text[pos:])
    return "\n".join(kept)


def strip_markers(text: str, joins: list[int] | None = None) -> str:
    """``text`` with every marker removed as :func:`cms_markers` removes it, but no line dropped:
    what the step leaves inside the lines (``html`` reads markup through it). ``joins`` receives
    where each removed marker stood in the result.

    >>> strip_markers("<a[[system-code:ad:x]]>\\n[[system-code:ad:y]]")
    '<a>\\n'
    """
    start = _find_open(text, 0)
    if start < 0:
        return text
    out: list[str] = []
    pos = 0  # start of the first line not yet copied
    size = 0  # length of the output so far
    while start >= 0:
        begin = text.rfind("\n", 0, start) + 1
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        local: list[int] = []
        line = _strip_line(text[begin:end], local)
        out.append(text[pos:begin])
        out.append(line)
        if joins is not None:
            joins.extend(size + begin - pos + j for j in local)
        size += begin - pos + len(line)
        pos = end
        start = _find_open(text, end)
    out.append(text[pos:])
    return "".join(out)


def _find_open(text: str, pos: int) -> int:
    """Where the next ``[[system-code:`` starts, ignorable characters inside it allowed (-1: none)."""
    pos = text.find("[", pos)  # a plain search first: most texts hold no bracket at all
    if pos < 0:
        return -1
    match = _LOOSE_OPEN.search(text, pos)
    return -1 if match is None else match.start()


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
