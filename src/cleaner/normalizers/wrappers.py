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
#: A line of fields only (a wrapper-only line: markup): fields of _LINE_FIELDS, each opened and closed
#: on the line or left open to its end, with nothing after a closing tag but spaces. A line of prose
#: holding such a field ("راجع الرابط <URL>http://x.com</URL> حيث …") is text: the tags go, its words stay.
#: Each item opens with "<" and its text stops at the next "<": read in one way only, linear.
_FIELD_ONLY = re.compile(
    f"{_SKIP}{{0,40}}(?:<(?:{_LINE_FIELDS})>[^<\n]*|</(?:{_LINE_FIELDS})>{_SKIP}{{0,40}})+"
)
_LINE_FIELD_NAMES = frozenset(_LINE_FIELDS.split("|"))
_INLINE_FIELD = re.compile(f"</?(?:{_LINE_FIELDS})>")  # a field's tag inside a line of prose
_CLOSE = re.compile(f"</([A-Z]{{2,12}})>{_SKIP}{{0,40}}$")
#: Fields of the TREC record (as in the ANT corpus); only TITLE and TEXT carry article text.
TREC_FIELDS = frozenset({"DOC", "DOCNO", "DOCID", "URL", "SRC", "CAT", "TITLE", "TIME", "DATE", "AUTHOR",
                         "ABSTRACT", "TEXT", "HEADLINE", "HEAD"})
_KEPT = {"TITLE": "title", "HEADLINE": "title", "HEAD": "title", "TEXT": "text"}


#: Up to 8 lines of fields only (as _FIELD_ONLY reads them), each with its line break. Each starts
#: with "<" and a field name and stops at its line break, so the lines are read in one way only; the
#: group is atomic, so a record that fails is never read again another way: linear time.
# (One field a line, as the common layout writes them: a line of _FIELD_ONLY from its "<".)
_FIELD_LINE = f"(?:<(?:{_LINE_FIELDS})>[^<\n]*(?:</(?:{_LINE_FIELDS})>[ \t]*)?|</(?:{_LINE_FIELDS})>[ \t]*)\n"
_FIELD_LINES = f"(?>(?:{_FIELD_LINE}){{0,8}})"
#: A whole record in the common layout, from the lines before its <DOC> line (group 1, without the
#: line break before <DOC>; absent when <DOC> opens the text read; the loop below keeps them as text)
#: to the line break after </DOC>, or to the end of the text (a record cut out of a file ends with
#: </DOC>): the title (group 2, no "<" in it) and the lines of TEXT (group 3, without the line break
#: before </TEXT>; absent when TEXT has no line), with field lines between its lines. A record that
#: matches is read in one step, with what the line-by-line loop would make of it (field lines are
#: markup there too); any other goes line by line.
_RECORD = re.compile(
    "(?:([^<]*)\n)?<DOC>\n"
    f"{_FIELD_LINES}<TITLE>([^<\n]*)</TITLE>\n{_FIELD_LINES}"
    f"(?:<ABSTRACT>\n(?:[^<]*\n)?</ABSTRACT>\n{_FIELD_LINES})?"
    f"<TEXT>\n(?:([^<]*)\n)?</TEXT>\n{_FIELD_LINES}</DOC>(?:\n|\\Z)"
)
_FIELD_RUN = re.compile(f"(?>(?:{_FIELD_LINE})+)")  # one or more of those lines
_BLANK = re.compile(r"\s*")  # the white space str.strip() removes (both use Py_UNICODE_ISSPACE)

_SIGNATURE = re.compile("<DOCNO>")
_DOC = re.compile("<DOC>")
#: A record written in lower case: a ``<doc>`` opening with its ``<docno>`` (spaces and line breaks
#: between them); its tags (:data:`TREC_LOWER`) are read as the upper-case ones.
_LOWER_RECORD = re.compile("<doc>[\\s]{0,40}<docno>")
_LOWER_DOC = re.compile("<doc>")
_LOWER_TAG = re.compile("<(/?)(" + "|".join(sorted((n.lower() for n in TREC_FIELDS), key=lambda n: (-len(n), n))) + ")>")
#: The fields' tags in lower case (``html`` escapes them as the upper-case ones when a record is in lower case).
TREC_LOWER = frozenset(n.lower() for n in TREC_FIELDS)


def is_trec(text: str) -> bool:
    """Whether ``text`` holds a TREC-style record: a ``<DOC>`` and a ``<DOCNO>`` field line, or a
    record in lower case (a ``<doc>`` opening with ``<docno>``).

    The record may stand anywhere (after a CMS marker, say); unwrapping drops its ``DOCNO``, so
    the output is never taken for a record again.
    """
    # "<" first (one-character search, the fastest); then the regex engine's literal searches, faster
    # than ``str.__contains__`` for these.
    if "<" not in text:
        return False
    if _DOC.search(text) is not None and _SIGNATURE.search(text) is not None:
        return True
    return _LOWER_DOC.search(text) is not None and _LOWER_RECORD.search(text) is not None


# --- one-line records: the structural tags put on lines of their own --------------------------------
#
# A record may be written on one line (``<DOC><DOCNO>1</DOCNO><TITLE>…</TITLE><TEXT>…</TEXT></DOC>``)
# or with its tags glued to text (``<TEXT>نص``, ``نص</TEXT></DOC>``). Such a line is first written in
# the common layout: <DOC>, <TEXT>, <ABSTRACT> and their closing tags each on a line of its own, a
# title's opening tag at the start of a line and its closing tag at the end of one. The lines that
# result read as the common layout reads (a line of fields only is markup, see _FIELD_ONLY).
_OWN_LINE = ("DOC", "TEXT", "ABSTRACT")
_TITLES = ("TITLE", "HEADLINE", "HEAD")
#: A structural tag out of the common layout's place: an opening tag after something on its line, or
#: <DOC>, <TEXT>, <ABSTRACT>, their closing tags or a title's closing tag before something on its line.
#: (Each opens with "<", looking behind by two characters: the engine skips to each "<".)
_MISPLACED = re.compile(
    "<(?:(?<=[^\\n]<)(?:/?(?:DOC|TEXT|ABSTRACT)|TITLE|HEADLINE|HEAD)>"
    "|(?:/?(?:DOC|TEXT|ABSTRACT)|/TITLE|/HEADLINE|/HEAD)>(?=[^\\n]))"
)
_STRUCTURAL = re.compile("<(/?)(DOC|TEXT|ABSTRACT|TITLE|HEADLINE|HEAD)>")
_SKIP_ONLY = re.compile(f"{_SKIP}*")


def _relayout(text: str) -> str:
    """``text`` with each line holding a misplaced structural tag written in the common layout."""
    m = _MISPLACED.search(text)
    if m is None:
        return text
    out: list[str] = []
    last = 0
    while m is not None:
        begin = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        out.append(text[last:begin])
        out.append(_split_line(text[begin:end]))
        last = end
        m = _MISPLACED.search(text, end)
    out.append(text[last:])
    return "".join(out)


def _split_line(line: str) -> str:
    """One line cut before and after its <DOC>, <TEXT>, <ABSTRACT> tags, before a title's opening
    tag and after its closing tag; each part stripped, the parts of spaces (or of what later steps
    delete) alone dropped, as the tag lines of the common layout drop them."""
    cuts = [0]
    for m in _STRUCTURAL.finditer(line):
        closing, name = m.group(1), m.group(2)
        if name in _OWN_LINE or not closing:
            cuts.append(m.start())
        if name in _OWN_LINE or closing:
            cuts.append(m.end())
    cuts.append(len(line))
    parts = (line[a:b].strip() for a, b in zip(cuts, cuts[1:]))
    return "\n".join(part for part in parts if not _SKIP_ONLY.fullmatch(part))


def _role(line: str, inside: str | None) -> tuple[str, str, str | None]:
    """One line's role, the text it keeps and the field open after it, given the field open before it."""
    if "<" not in line:  # no field starts or ends here: the open field decides
        if inside and inside not in _KEPT:
            return "markup", "", inside
        return (_KEPT.get(inside, "text") if inside else "text"), line, inside
    if _FIELD_ONLY.fullmatch(line):
        return "markup", "", inside  # DOCNO, URL, SRC…: a line of fields only
    role, kept, inside = _role_of_tagged(line, inside)
    if kept and _INLINE_FIELD.search(kept):  # "راجع <URL>http://x.com</URL> حيث": the tags go, the words stay
        kept = _INLINE_FIELD.sub(_untag, kept)
    return role, kept, inside


def _untag(m: re.Match[str]) -> str:
    """A field's tag inside prose: nothing, or a space where it stood between two words."""
    s, i, j = m.string, m.start(), m.end()
    return " " if 0 < i and j < len(s) and not s[i - 1].isspace() and not s[j].isspace() else ""


def _role_of_tagged(line: str, inside: str | None) -> tuple[str, str, str | None]:
    """:func:`_role` of a line holding a "<" that is not a line of fields."""
    opened = _FIELD.match(line)
    if opened and opened.group(2) in TREC_FIELDS and opened.group(2) not in _LINE_FIELD_NAMES:
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
    A record on one line (``<DOC><DOCNO>…</DOCNO><TITLE>…</TITLE><TEXT>…</TEXT></DOC>``) or in lower
    case (``<doc>`` opening with ``<docno>``) reads as the common layout. Only a line of fields alone
    is markup: a line of prose holding a field (``راجع <URL>http://x.com</URL>``) keeps its words.

    >>> wrappers("<DOC>\\n<DOCNO>X-1</DOCNO>\\n<TITLE>عنوان</TITLE>\\n<ABSTRACT>\\nملخص\\n</ABSTRACT>\\n<TEXT>\\nنص\\n</TEXT>\\n</DOC>\\n")
    'عنوان\\n\\nنص\\n'
    """
    if not is_trec(text):
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unwrap_records(text)


def _upper_tags(text: str) -> str:
    """A record written in lower case (``<doc>`` opening with ``<docno>``) with its fields' tags in
    upper case, read then as any record; another text as it is."""
    if _LOWER_DOC.search(text) is None or _LOWER_RECORD.search(text) is None:
        return text
    return _LOWER_TAG.sub(lambda m: m.group().upper(), text)


def unwrap_records(text: str, *, laid_out: bool = False) -> str:
    """Each record of a TREC text (LF line breaks) unwrapped on its own, the results joined by a blank
    line: the text is cut before every line that opens with ``<DOC>`` (the lines before the first
    record are a part of their own). :mod:`cleaner.stream` calls it on pieces cut the same way.

    >>> unwrap_records("<DOC>\\n<TITLE>أ</TITLE>\\n<TEXT>\\nنص أ\\n</TEXT>\\n</DOC>\\n<DOC>\\n<TITLE>ب</TITLE>\\n</DOC>\\n")
    'أ\\n\\nنص أ\\n\\nب\\n'
    """
    text = _upper_tags(text)
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
        part = text[start:cut] if cut else text[start:] if start else text
        if not laid_out and _MISPLACED.search(part) is not None:
            # tags out of the common layout's place (a record on one line): laid out, then read as any text
            out = unwrap_records(_relayout(part), laid_out=True)
        else:
            out = _unwrap(part)
        if out:
            outs.append(out)
        if not cut:
            return "\n".join(outs)
        start = cut


def _unwrap(text: str) -> str:
    """One record (or the text before the first one): its title line, a blank line, its text."""
    # A line of fields only (_FIELD_ONLY) is markup and leaves the open field as it was: the records of the
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
