"""JSONL corpora: clean the text field(s) of each record, pass everything else through, one line at a time.

Each line is one JSON object. The string at each text key (``"text"``; a dotted path such as
``"meta.title"`` reaches into nested objects; a key that itself contains a dot is found first) is
cleaned; a list of strings there has each string cleaned. A record whose text did not change is
written back byte for byte. In a changed record only the changed strings are written anew, in
place: every other byte of the line stays as it was (numbers such as ``1.50`` or ``1e3``, spacing, key
order, escapes); a new string escapes non-ASCII (``\\u0627``) only when the input line was pure ASCII.
A line that is not JSON, not an object, or lacks a key (or holds no string there) is
copied through unchanged and reported with its line number; so is a line whose bytes do not decode
(a :class:`~cleaner.textio.BadLine` from :func:`~cleaner.textio.iter_lines`: its bytes are copied
as they are). A blank line (nothing but JSON's spaces: space, tab, carriage return) holds no record:
it is copied through and not reported; a line of other invisible characters (a no-break space)
is not JSON and is reported.

>>> from cleaner import resolve
>>> problems = []
>>> out = list(clean_lines(['{"id": 1, "text": "جـــديد"}\\n', 'oops\\n'], resolve("preserve"), ("text",), problems))
>>> out
['{"id": 1, "text": "جديد\\\\n"}\\n', 'oops\\n']
>>> problems
['line 2: not valid JSON (Expecting value at column 1)']
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .counting import run_counted
from .pipeline import Pipeline
from .textio import BadLine, iter_lines, split_lines

__all__ = ["clean_lines", "split_lines", "iter_lines", "BadLine", "MAX_PROBLEMS"]

#: Problems listed per file; the rest are counted.
MAX_PROBLEMS = 20


def _locate(record: dict[str, Any], key: str) -> tuple[dict[str, Any], str] | None:
    if key in record:
        return record, key
    node: Any = record
    parts = key.split(".")
    for part in parts[:-1]:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    if isinstance(node, dict) and parts[-1] in node:
        return node, parts[-1]
    return None


def _clean_value(value: Any, pipeline: Pipeline, counts: dict[str, int] | None) -> Any:
    if isinstance(value, str):
        return run_counted(pipeline, value, counts)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [run_counted(pipeline, v, counts) for v in value]
    raise TypeError


class _RepeatedKey(Exception):
    pass


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len({key for key, _ in pairs}) != len(pairs):
        raise _RepeatedKey
    return dict(pairs)


def _repeats_a_key(body: str) -> bool:
    """Whether an object in this JSON text holds a key twice (checked only for lines to rewrite)."""
    try:
        json.loads(body, object_pairs_hook=_unique_pairs)
    except _RepeatedKey:
        return True
    return False


def _dump(record: dict[str, Any], line: str) -> str:
    spaced = '": ' in line or '", "' in line
    separators = (", ", ": ") if spaced else (",", ":")
    ascii_only = line.isascii()
    return json.dumps(record, ensure_ascii=ascii_only, separators=separators)


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _NotFound(Exception):
    pass


def _skip(body: str, pos: int) -> int:
    return _SPACE.match(body, pos).end()  # type: ignore[union-attr]


def _value_span(body: str, path: list[str], pos: int = 0) -> tuple[int, int]:
    """Start and end in ``body`` of the value at ``path`` (keys of nested objects) in the JSON object
    starting at ``pos`` (after spaces). ``body`` is valid JSON with no repeated key."""
    pos = _skip(body, pos)
    if body[pos : pos + 1] != "{":
        raise _NotFound
    pos = _skip(body, pos + 1)
    while body[pos : pos + 1] == '"':
        key, pos = json.decoder.scanstring(body, pos + 1)
        pos = _skip(body, pos)
        if body[pos : pos + 1] != ":":
            break
        start = _skip(body, pos + 1)
        if key == path[0]:
            if len(path) > 1:
                return _value_span(body, path[1:], start)
            return start, _DECODER.raw_decode(body, start)[1]
        pos = _skip(body, _DECODER.raw_decode(body, start)[1])
        if body[pos : pos + 1] != ",":
            break
        pos = _skip(body, pos + 1)
    raise _NotFound


def _string_spans(body: str, start: int) -> list[tuple[int, int]]:
    """Spans of the items of the JSON array starting at ``start``."""
    spans: list[tuple[int, int]] = []
    pos = _skip(body, start + 1)
    if body[pos : pos + 1] == "]":
        return spans
    while True:
        end = _DECODER.raw_decode(body, pos)[1]
        spans.append((pos, end))
        pos = _skip(body, end)
        if body[pos : pos + 1] != ",":
            return spans
        pos = _skip(body, pos + 1)


def _encode(value: str, ascii_only: bool) -> str:
    out = json.dumps(value, ensure_ascii=ascii_only)
    try:
        out.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate escaped in the input: keep it escaped
        out = json.dumps(value, ensure_ascii=True)
    return out


def _patch(body: str, changes: list[tuple[list[str], Any, Any]]) -> str:
    """``body`` with the changed strings of each ``(path, old value, new value)`` written anew in place."""
    ascii_only = body.isascii()
    edits: list[tuple[int, int, str]] = []
    for path, old, new in changes:
        start, end = _value_span(body, path)
        if isinstance(new, str):
            edits.append((start, end, _encode(new, ascii_only)))
            continue
        spans = _string_spans(body, start)
        if len(spans) != len(new):
            raise _NotFound
        edits.extend((a, b, _encode(n, ascii_only)) for (a, b), o, n in zip(spans, old, new, strict=True) if o != n)
    edits.sort()
    out, last = [], 0
    for start, end, text in edits:
        if start < last:
            raise _NotFound  # two keys reaching the same value
        out.append(body[last:start])
        out.append(text)
        last = end
    out.append(body[last:])
    return "".join(out)


def clean_line(
    line: str, pipeline: Pipeline, text_keys: tuple[str, ...], counts: dict[str, int] | None = None
) -> tuple[str, str | None]:
    """Clean one JSONL line (with its line ending); returns ``(output line, problem or None)``."""
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    if not body.strip(" \t\r"):  # blank: no record (what json.loads skips as spaces)
        return line, None
    try:
        record = json.loads(body)
    except ValueError as err:
        reason = err.msg if isinstance(err, json.JSONDecodeError) else str(err)
        column = f" at column {err.colno}" if isinstance(err, json.JSONDecodeError) else ""
        return line, f"not valid JSON ({reason}{column})"
    except RecursionError:  # '[' * 100000: too deep for the parser; the line is copied through
        return line, "JSON nested too deeply to read"
    if not isinstance(record, dict):
        return line, f"not a JSON object (a {type(record).__name__})"
    changes: list[tuple[list[str], Any, Any]] = []
    for key in text_keys:
        found = _locate(record, key)
        if found is None:
            return line, f"no key {key!r}"
        node, name = found
        try:
            cleaned = _clean_value(node[name], pipeline, counts)
        except TypeError:
            return line, f"key {key!r} holds {type(node[name]).__name__}, not text"
        if cleaned != node[name]:
            changes.append(([key] if key in record else key.split("."), node[name], cleaned))
            node[name] = cleaned
    if not changes:
        return line, None
    if _repeats_a_key(body):  # json.loads kept the last value only: writing it back would lose the others
        return line, "a key repeated in one object; copied through uncleaned"
    try:
        return _patch(body, changes) + ending, None
    except (_NotFound, ValueError, IndexError):
        pass  # not found in place (valid JSON always is): the record is written whole
    out = _dump(record, body)
    try:
        out.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate escaped in the input: keep it escaped
        out = json.dumps(record, ensure_ascii=True, separators=(", ", ": ") if '": ' in body else (",", ":"))
    return out + ending, None


def clean_lines(
    lines: Iterable[str | BadLine],
    pipeline: Pipeline,
    text_keys: tuple[str, ...],
    problems: list[str],
    counts: dict[str, int] | None = None,
) -> Iterator[str | BadLine]:
    """Clean JSONL lines lazily; each problem is appended to ``problems`` as ``"line N: reason"``.

    A :class:`~cleaner.textio.BadLine` (bytes that do not decode) comes out as it went in, reported.
    Only the first :data:`MAX_PROBLEMS` are listed; later ones add to a final ``"… more"`` entry.
    """
    extra = 0
    for number, line in enumerate(lines, 1):
        if isinstance(line, BadLine):
            out: str | BadLine = line
            problem: str | None = line.reason
        else:
            out, problem = clean_line(line, pipeline, text_keys, counts)
        if problem is not None:
            if len(problems) < MAX_PROBLEMS:
                problems.append(f"line {number}: {problem}")
            else:
                extra += 1
        yield out
    if extra:
        problems.append(f"and {extra} more line(s)")
