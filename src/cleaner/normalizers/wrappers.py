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
_CLOSE = re.compile(f"</([A-Z]{{2,12}})>{_SKIP}{{0,40}}$")
#: Fields of the TREC record (as in the ANT corpus); only TITLE and TEXT carry article text.
TREC_FIELDS = frozenset({"DOC", "DOCNO", "DOCID", "URL", "SRC", "CAT", "TITLE", "TIME", "DATE", "AUTHOR",
                         "ABSTRACT", "TEXT", "HEADLINE", "HEAD"})
_KEPT = {"TITLE": "title", "HEADLINE": "title", "HEAD": "title", "TEXT": "text"}


#: Up to 8 lines in a row that open with a field of _ANY_FIELD, each with its line break. Each starts
#: with "<" and a field name and stops at its line break, so the lines are read in one way only; the
#: group is atomic, so a record that fails is never read again another way: linear time.
_FIELD_LINES = f"(?>(?:</?(?:{_LINE_FIELDS})>[^\n]*\n){{0,8}})"
#: A whole record in the common layout, from the lines before its <DOC> line (group 1, without the
#: line break before <DOC>; absent when <DOC> opens the text read; the loop below keeps them as text)
#: to the line break after </DOC>: the title (group 2, no "<" in it) and the lines of TEXT (group 3,
#: without the line break before </TEXT>; absent when TEXT has no line), with field lines between its
#: lines. A record that matches is read in one step, with what the line-by-line loop would make of it
#: (field lines are markup there too); any other goes line by line.
_RECORD = re.compile(
    "(?:([^<]*)\n)?<DOC>\n"
    f"{_FIELD_LINES}<TITLE>([^<\n]*)</TITLE>\n{_FIELD_LINES}"
    f"(?:<ABSTRACT>\n(?:[^<]*\n)?</ABSTRACT>\n{_FIELD_LINES})?"
    f"<TEXT>\n(?:([^<]*)\n)?</TEXT>\n{_FIELD_LINES}</DOC>\n"
)
_FIELD_RUN = re.compile(f"(?>(?:</?(?:{_LINE_FIELDS})>[^\n]*\n)+)")  # one or more of those lines
_BLANK = re.compile(r"\s*")  # the white space str.strip() removes (both use Py_UNICODE_ISSPACE)

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


@normalizer("wrappers")
def wrappers(text: str) -> str:
    """Unwrap TREC-style ``<DOC>`` records, keeping only each record's title and text.

    The fields ``DOCNO``, ``URL``, ``SRC``, ``CAT``, ``TIME``, ``AUTHOR`` and ``ABSTRACT`` go; each
    record becomes its ``TITLE`` line, a blank line and the lines of its ``TEXT``. A file of many
    records keeps them in order, a blank line between two; text outside the records stays where it is.

    >>> wrappers("<DOC>\\n<DOCNO>X-1</DOCNO>\\n<TITLE>عنوان</TITLE>\\n<ABSTRACT>\\nملخص\\n</ABSTRACT>\\n<TEXT>\\nنص\\n</TEXT>\\n</DOC>\\n")
    'عنوان\\n\\nنص\\n'
    """
    if not is_trec(text):
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unwrap_records(text)


def unwrap_records(text: str) -> str:
    """Each record of a TREC text (LF line breaks) unwrapped on its own, the results joined by a blank
    line: the text is cut before every line that opens with ``<DOC>`` (the lines before the first
    record are a part of their own). :mod:`cleaner.stream` calls it on pieces cut the same way.

    >>> unwrap_records("<DOC>\\n<TITLE>أ</TITLE>\\n<TEXT>\\nنص أ\\n</TEXT>\\n</DOC>\\n<DOC>\\n<TITLE>ب</TITLE>\\n</DOC>\\n")
    'أ\\n\\nنص أ\\n\\nب\\n'
    """
    outs: list[str] = []
    start, n = 0, len(text)
    while True:
        if text.startswith("<DOC>\n", start):  # a record of the common layout, alone up to the next one
            record = _RECORD.match(text, start)
            end = record.end() if record is not None else n
            while end < n and text[end] == "\n":  # blank lines after it belong to its part, and add nothing
                end += 1
            if record is not None and (end == n or text.startswith("<DOC>", end)):
                _, title, lines = record.groups()  # no lines before it: it starts at "<DOC>"
                title = title.strip()
                out = _assemble([title] if title else [], [] if lines is None else [lines])
                if out:
                    outs.append(out)
                if end == n:
                    return "\n".join(outs)
                start = end
                continue
        cut = text.find("\n<DOC>", start) + 1
        out = _unwrap(text[start:cut] if cut else text[start:] if start else text)
        if out:
            outs.append(out)
        if not cut:
            return "\n".join(outs)
        start = cut


def _unwrap(text: str) -> str:
    """One record (or the text before the first one): its title line, a blank line, its text."""
    # A field line of _ANY_FIELD is markup and leaves the open field as it was: the records of the
    # common layout skip theirs in _RECORD, the loop drops the others (_role). Only the lines holding a
    # "<" can open or close a field; the lines between two of them share the role that the open field
    # gives, and are kept or dropped as one chunk.
    titles: list[str] = []
    body: list[str] = []  # pieces of one or more lines, joined by line breaks
    inside: str | None = None
    seen: dict[tuple[str, str | None], tuple[str, str, str | None]] = {}
    pos, n = 0, len(text)
    record_at = _RECORD.match
    while True:
        lt = text.find("<", pos)
        if inside is None and lt >= 0 and text.startswith("<DOC>\n", lt):
            record = record_at(text, pos)  # records back to back, each with the lines before it
            if record is not None:
                while record is not None:
                    before, title, lines = record.groups()
                    if before is not None:
                        body.append(before)
                    title = title.strip()
                    if title:
                        titles.append(title)
                    if lines is not None:
                        body.append(lines)
                    pos = record.end()
                    record = record_at(text, pos)
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
        if lt == start:
            fields = _FIELD_RUN.match(text, start)
            if fields is not None:  # field lines: markup, the open field stays open
                pos = fields.end()
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
    return _assemble(titles, body)


def _assemble(titles: list[str], body: list[str]) -> str:
    """The titles joined by spaces, a blank line and the body (its pieces joined by line breaks, without
    blank lines at either end), with one final line break; built by one join."""
    first = last = -1
    for i, piece in enumerate(body):  # the first piece that is not blank (usually the first one)
        if _BLANK.match(piece).end() < len(piece):
            first = i
            break
    if first >= 0:
        last = len(body) - 1
        while not body[last] or body[last].isspace():
            last -= 1
    head = " ".join(titles) + "\n" if titles else None
    if first < 0:
        return head or ""
    pieces = body[first : last + 1]
    begin = _BLANK.match(pieces[0]).end()  # the first character that is not white space ...
    begin = pieces[0].rfind("\n", 0, begin) + 1  # ... and the start of its line
    if begin:
        pieces[0] = pieces[0][begin:]
    tail = pieces[-1]
    end = tail.find("\n", len(tail.rstrip()))  # the end of the line of the last character that is not white space
    if end >= 0:
        pieces[-1] = tail[:end]
    if head is not None:
        pieces.insert(0, head)
    pieces.append("")
    return "\n".join(pieces)
