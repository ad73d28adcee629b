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
_ANY_FIELD = re.compile(r"<(/?)(DOCNO|DOCID|URL|SRC|CAT|TIME|DATE|AUTHOR)>")  # a field line, wherever it starts
_CLOSE = re.compile(f"</([A-Z]{{2,12}})>{_SKIP}{{0,40}}$")
#: Fields of the TREC record (as in the ANT corpus); only TITLE and TEXT carry article text.
TREC_FIELDS = frozenset({"DOC", "DOCNO", "DOCID", "URL", "SRC", "CAT", "TITLE", "TIME", "DATE", "AUTHOR",
                         "ABSTRACT", "TEXT", "HEADLINE", "HEAD"})
_KEPT = {"TITLE": "title", "HEADLINE": "title", "HEAD": "title", "TEXT": "text"}


_SIGNATURE = re.compile("<DOCNO>")


def is_trec(text: str) -> bool:
    """Whether ``text`` holds a TREC-style record: a ``<DOC>`` and a ``<DOCNO>`` field line.

    The record may stand anywhere (after a CMS marker, say); unwrapping drops its ``DOCNO``, so
    the output is never taken for a record again.
    """
    return "<DOC>" in text and _SIGNATURE.search(text) is not None


def trec_roles(lines: list[str]) -> list[tuple[str, str]]:
    """Each line's role in a TREC record and the text it keeps: ``("markup", "")``, ``("title", t)``
    or ``("text", t)``; lines outside any field are ``("text", line)``.

    >>> trec_roles(["<DOC>", "<TITLE>عنوان</TITLE>", "<TEXT>", "نص", "</TEXT>", "</DOC>"])
    [('markup', ''), ('title', 'عنوان'), ('markup', ''), ('text', 'نص'), ('markup', ''), ('markup', '')]
    """
    roles: list[tuple[str, str]] = []
    inside: str | None = None  # the open multi-line field
    for line in lines:
        if _ANY_FIELD.search(line):
            roles.append(("markup", ""))  # DOCNO, URL, SRC…: a field line, whatever stands around it
            continue
        opened = _FIELD.match(line)
        if opened and opened.group(2) in TREC_FIELDS:
            closing, name = opened.group(1), opened.group(2)
            if closing:
                inside = None
                roles.append(("markup", ""))
                continue
            rest = line[opened.end() :]
            closed = _CLOSE.search(rest)
            if closed and closed.group(1) == name:
                rest, field_open = rest[: closed.start()], False
            else:
                field_open = True
            inside = name if field_open and name != "DOC" else None
            kept = _KEPT.get(name)
            roles.append((kept, rest.strip()) if kept and rest.strip() else ("markup", ""))
            continue
        closed = _CLOSE.search(line)
        if inside and closed and closed.group(1) == inside:
            kept = _KEPT.get(inside)
            body = line[: closed.start()]
            roles.append((kept, body.strip()) if kept and body.strip() else ("markup", ""))
            inside = None
            continue
        if inside and inside not in _KEPT:
            roles.append(("markup", ""))
        else:
            roles.append((_KEPT.get(inside, "text") if inside else "text", line))
    return roles


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
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    titles, body = [], []
    for role, kept in trec_roles(lines):
        if role == "title":
            titles.append(kept)
        elif role == "text":
            body.append(kept)
    while body and not body[-1].strip():
        body.pop()
    while body and not body[0].strip():
        body.pop(0)
    parts = [" ".join(titles)] if titles else []
    if body:
        parts.append("\n".join(body))
    return "\n\n".join(parts) + "\n" if parts else ""
