"""Wrapper formats that scrapers leave around an article: the TREC ``<DOC>`` record."""

from __future__ import annotations

import re

from ..registry import normalizer

# What may stand before a field: spaces, and the controls, invisible marks and Arabic marks that later
# steps delete (so a record that shows up after them was a record the first time already).
_SKIP = (
    "[\\s\\x00-\\x1f\\x7f-\\x9f\\u00ad\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff"
    "\\u0610-\\u061a\\u064b-\\u065f\\u0670\\u06d6-\\u06ed]"
)
_FIELD = re.compile(f"^{_SKIP}{{0,40}}<(/?)([A-Z]{{2,12}})>")
_LINE_FIELDS = "DOCNO|DOCID|URL|SRC|CAT|TIME|DATE|AUTHOR"  # fields that fill a line of their own
_ANY_FIELD = re.compile(f"<(/?)({_LINE_FIELDS})>")  # a field line, wherever it starts
#: A line (after a line break) that opens with a field of _ANY_FIELD, with that line break.
_FIELD_LINE = re.compile(f"\n</?(?:{_LINE_FIELDS})>[^\n]*")
_CLOSE = re.compile(f"</([A-Z]{{2,12}})>{_SKIP}{{0,40}}$")
#: Fields of the TREC record (as in the ANT corpus); only TITLE and TEXT carry article text.
TREC_FIELDS = frozenset({"DOC", "DOCNO", "DOCID", "URL", "SRC", "CAT", "TITLE", "TIME", "DATE", "AUTHOR",
                         "ABSTRACT", "TEXT", "HEADLINE", "HEAD"})
_KEPT = {"TITLE": "title", "HEADLINE": "title", "HEAD": "title", "TEXT": "text"}


#: A whole record in the common layout (the field lines of _FIELD_LINE already gone), from its <DOC>
#: line to the line break after </DOC>: the title (no "<" in it) and the lines of TEXT (group 2,
#: without the line break before </TEXT>; absent when TEXT has no line). A record that matches is
#: read in one step, with what the line-by-line loop would make of it; any other goes line by line.
_RECORD = re.compile(
    "<DOC>\n<TITLE>([^<\n]*)</TITLE>\n"
    "(?:<ABSTRACT>\n(?:[^<]*\n)?</ABSTRACT>\n)?"
    "<TEXT>\n(?:([^<]*)\n)?</TEXT>\n</DOC>\n"
)

_SIGNATURE = re.compile("<DOCNO>")
_DOC = re.compile("<DOC>")


def is_trec(text: str) -> bool:
    """Whether ``text`` holds a TREC-style record: a ``<DOC>`` and a ``<DOCNO>`` field line.

    The record may stand anywhere (after a CMS marker, say); unwrapping drops its ``DOCNO``, so
    the output is never taken for a record again.
    """
    # "<" first (one-character search, the fastest); then the regex engine's literal searches, faster
    # than ``str.__contains__`` for these.
    return "<" in text and _DOC.search(text) is not None and _SIGNATURE.search(text) is not None


def _role(line: str, inside: str | None) -> tuple[str, str, str | None]:
    """One line's role, the text it keeps and the field open after it, given the field open before it."""
    if "<" not in line:  # no field starts or ends here: the open field decides
        if inside and inside not in _KEPT:
            return "markup", "", inside
        return (_KEPT.get(inside, "text") if inside else "text"), line, inside
    if _ANY_FIELD.search(line):
        return "markup", "", inside  # DOCNO, URL, SRC…: a field line, whatever stands around it
    opened = _FIELD.match(line)
    if opened and opened.group(2) in TREC_FIELDS:
        closing, name = opened.group(1), opened.group(2)
        if closing:
            return "markup", "", None
        rest = line[opened.end() :]
        closed = _CLOSE.search(rest)
        if closed and closed.group(1) == name:
            rest, field_open = rest[: closed.start()], False
        else:
            field_open = True
        inside = name if field_open and name != "DOC" else None
        kept = _KEPT.get(name)
        rest = rest.strip()
        return (kept, rest, inside) if kept and rest else ("markup", "", inside)
    closed = _CLOSE.search(line)
    if inside and closed and closed.group(1) == inside:
        kept = _KEPT.get(inside)
        body = line[: closed.start()].strip()
        return (kept, body, None) if kept and body else ("markup", "", None)
    if inside and inside not in _KEPT:
        return "markup", "", inside
    return (_KEPT.get(inside, "text") if inside else "text"), line, inside


def trec_roles(lines: list[str]) -> list[tuple[str, str]]:
    """Each line's role in a TREC record and the text it keeps: ``("markup", "")``, ``("title", t)``
    or ``("text", t)``; lines outside any field are ``("text", line)``.

    >>> trec_roles(["<DOC>", "<TITLE>عنوان</TITLE>", "<TEXT>", "نص", "</TEXT>", "</DOC>"])
    [('markup', ''), ('title', 'عنوان'), ('markup', ''), ('text', 'نص'), ('markup', ''), ('markup', '')]
    """
    roles: list[tuple[str, str]] = []
    inside: str | None = None  # the open multi-line field
    for line in lines:
        role, kept, inside = _role(line, inside)
        roles.append((role, kept))
    return roles


def _blank(line: str) -> bool:
    return not line.strip()


def _trim_blank_lines(body: str) -> str:
    """``body`` without its leading and trailing blank lines (lines of whitespace only)."""
    end = len(body)
    while True:  # the last line that is not blank ends the body
        start = body.rfind("\n", 0, end) + 1
        if not _blank(body[start:end]):
            break
        if start == 0:
            return ""
        end = start - 1
    begin = 0
    while True:  # and the first one starts it (there is one: the loop above found it)
        stop = body.find("\n", begin, end)
        if stop < 0 or not _blank(body[begin:stop]):
            break
        begin = stop + 1
    return body[begin:end]


@normalizer("wrappers")
def wrappers(text: str) -> str:
    """Unwrap a TREC-style ``<DOC>`` record, keeping only its title and its text.

    The fields ``DOCNO``, ``URL``, ``SRC``, ``CAT``, ``TIME``, ``AUTHOR`` and ``ABSTRACT`` go; the
    ``TITLE`` becomes the first line, followed by the lines of ``TEXT``.

    >>> wrappers("<DOC>\\n<DOCNO>X-1</DOCNO>\\n<TITLE>عنوان</TITLE>\\n<ABSTRACT>\\nملخص\\n</ABSTRACT>\\n<TEXT>\\nنص\\n</TEXT>\\n</DOC>\\n")
    'عنوان\\n\\nنص\\n'
    """
    if not is_trec(text):
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A field line of _ANY_FIELD is markup and leaves the open field as it was: the ones found by one
    # C-level scan (those that open with the field) go first, each with the line break before it.
    text = _FIELD_LINE.sub("", text)
    # Only the lines holding a "<" can open or close a field; the lines between two of them share the
    # role that the open field gives, and are kept or dropped as one chunk.
    titles: list[str] = []
    body: list[str] = []  # pieces of one or more lines
    inside: str | None = None
    seen: dict[tuple[str, str | None], tuple[str, str, str | None]] = {}
    pos, n = 0, len(text)
    while True:
        lt = text.find("<", pos)
        start = n + 1 if lt < 0 else max(text.rfind("\n", pos, lt) + 1, pos)  # the line holding the "<"
        if start > pos:  # the lines before it, text[pos:start - 1], as one chunk
            chunk = text[pos : start - 1]
            if not inside or _KEPT.get(inside) == "text":
                body.append(chunk)
            elif inside in _KEPT:
                titles.extend(chunk.split("\n"))
        if lt < 0:
            break
        if inside is None and lt == start and text.startswith("<DOC>\n<TITLE>", start):
            record = _RECORD.match(text, start)
            if record is not None:
                title, lines = record.group(1).strip(), record.group(2)
                if title:
                    titles.append(title)
                if lines is not None:
                    body.append(lines)
                pos = record.end()
                continue
        end = text.find("\n", lt)
        if end < 0:
            end = n
        line = text[start:end]
        if end - start <= 12:  # the bare tag lines (<DOC>, <TEXT>, </TEXT> …): decided once each
            key = (line, inside)
            decided = seen.get(key)
            if decided is None:
                decided = seen[key] = _role(line, inside)
            role, kept, inside = decided
        else:
            role, kept, inside = _role(line, inside)
        if role == "title":
            titles.append(kept)
        elif role == "text":
            body.append(kept)
        if end == n:
            break
        pos = end + 1
    kept_body = _trim_blank_lines("\n".join(body)) if body else ""
    parts = [" ".join(titles)] if titles else []
    if kept_body:
        parts.append(kept_body)
    return "\n\n".join(parts) + "\n" if parts else ""
