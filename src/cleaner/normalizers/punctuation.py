"""Punctuation in Arabic text: Arabic comma, semicolon and question mark, spacing, repeated marks."""

from __future__ import annotations

import bisect
import re

from ..registry import normalizer
from .chars import ARABIC_LETTERS, ARABIC_MARKS
from .links import inside, protected_spans

_ARABIC = re.compile(f"[{ARABIC_LETTERS}{ARABIC_MARKS}]")
_DIGIT = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]")
_SKIP = " \t!?؟.,،;؛:…\"'»”’)]"  # what lies between a mark and the word it belongs to
_CLOSERS = ")]}»”’\"'"  # closing when nothing is glued after them (Arabic text uses ” and » both ways)
_SKIP_RUN = re.compile("[" + re.escape(_SKIP) + "]+")

# Al-Ahram wraps commas in right-to-left marks: ‏,‏ is an Arabic comma.
_RLM_COMMA = re.compile("\u200f,\u200f")
_LATIN = re.compile(r"[,;?]+")
# (Each pattern opens with the mark it is about, so the regex engine skips ahead to it instead of
# trying every position; the lookbehinds check what stands before.)
_LOST = re.compile(f"\\?(?:(?<=^\\?)|(?<=[\\s(«\"]\\?))[{ARABIC_LETTERS}]", re.MULTILINE)
_LATIN_TO_ARABIC = str.maketrans({",": "،", ";": "؛", "?": "؟"})
# Spaces before a mark (after something on the same line).
_SPACE_BEFORE = re.compile(r"[ \t](?<=[^ \t\n][ \t])[ \t]*(?=[،؛؟!.:])([،؛؟!.:…]+)")
_MARK_AFTER_SPACE = re.compile(r"[،؛؟!.:](?<=[ \t][،؛؟!.:])")
# The commonest case of _SPACE_BEFORE, done without a callback: spaces after an Arabic letter or mark
# and before marks that end a word (a space, a line break or the end of the text after them) just go
# (no protected span can start at such marks: a URL opens with a letter, and an e-mail address needs
# an @ before any space).
_SPACE_BEFORE_END = re.compile(
    f"[ \\t](?<=[{ARABIC_LETTERS}{ARABIC_MARKS}][ \\t])[ \\t]*(?=[،؛؟!.:][،؛؟!.:…]*+(?![^ \\t\\r\\n]))"
)
# Runs of one mark: Arabic marks always; ! : and 4+ dots in Arabic context.
# (``([،؛؟!:])\1+|\.{4,}|…{2,}``, written to open with one class.)
_RUN = re.compile(r"([،؛؟!:.…])(?:(?<=[،؛؟!:])\1+|(?<=\.)\.{3,}|(?<=…)…+)")
# After a mark: no space before a letter, a digit or an opening bracket or quote.
_NO_SPACE_AFTER = re.compile(r"([،؛؟!:])(?=[^\W_]|[«(\[])")
_SPACES_AFTER = re.compile(r"[ \t](?<=[،؛؟][ \t])[ \t]+(?=[^ \t\n])")
# Where any rule above can match (a superset), anchored on one mark so the engine skips ahead on a
# character set: a Latin , ; ?; a mark after a space or tab; ، ؛ ؟ ! : before a mark, a letter or
# digit, an opening bracket or two spaces; four dots; two ….
_TRIGGER = re.compile(
    r"[,;?،؛؟!.:…](?:(?<=[,;?])|(?<=[ \t].)|(?<=[،؛؟!:])(?=[،؛؟!:]|[^\W_]|[«(\[]|[ \t]{2})"
    r"|(?<=\.)(?=\.\.\.)|(?<=…)(?=…))"
)
#: A trigger and the rest of its window (see _windows): everything up to the first line break, space
#: between two letters or digits (``[^\W_]`` is ``str.isalnum``) or the end of the text. A lazy repeat
#: of one character class stopping at a lookahead: linear time and constant memory, each character
#: tried once. (Not a possessive repeat of a group: CPython 3.11.0-3.11.4 misrun those, gh-106052 and
#: gh-100061; ``(?:[^ \n]|(?<![^\W_]) | (?![^\W_]))*+`` returned the same empty match forever on
#: 3.11.2. A greedy repeat of that group keeps a record per character: some 115 bytes each.)
_TRIGGER_WINDOW = re.compile(_TRIGGER.pattern + r"[^\n]*?(?=\n|\Z|(?<=[^\W_]) (?=[^\W_]))")


class _Context:
    """For any position, the nearest character before it that is not a space or a mark.

    Most lookups scan back a few characters; a long run of spaces and marks is indexed once, so a
    text of nothing but spaces and commas stays linear.
    """

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] | None = None
        self.ends: list[int] = []

    def _index(self) -> None:
        self.starts = []
        for m in _SKIP_RUN.finditer(self.text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def arabic_before(self, pos: int) -> bool:
        text = self.text
        j = pos - 1
        while j >= 0 and pos - j <= 32 and text[j] in _SKIP:
            j -= 1
        if j >= 0 and pos - j > 32:  # a long run: use the index
            if self.starts is None:
                self._index()
            assert self.starts is not None
            i = bisect.bisect_right(self.starts, pos - 1) - 1
            j = self.starts[i] - 1 if i >= 0 and self.ends[i] >= pos else pos - 1
        return j >= 0 and bool(_ARABIC.match(text[j]))


def _digit_before(text: str, pos: int) -> bool:
    """Whether the nearest character before ``pos`` that is not a space or a mark is a digit."""
    i = pos - 1
    while i >= 0 and pos - i < 64 and text[i] in " \t.!:؟،؛…":
        i -= 1
    return i >= 0 and bool(_DIGIT.match(text[i]))


def _between_digits(text: str, start: int, end: int) -> bool:
    return 0 < start and end < len(text) and bool(_DIGIT.match(text[start - 1])) and bool(_DIGIT.match(text[end]))


@normalizer("punctuation")
def punctuation(text: str) -> str:
    """Arabic punctuation in Arabic text, no space before a mark and one after, repeated marks once.

    After an Arabic word the Latin comma, semicolon and question mark become ، ؛ ؟ (never between
    digits, in URLs, e-mail addresses or Latin text, nor in lines whose ``?`` stand for characters
    lost in decoding); Al-Ahram's ``‏,‏`` becomes ،. Spaces before ، ؛ ؟ go, and before ! . :
    after an Arabic word; when a word is glued after the mark the space moves there, so no two
    words are ever joined (``.@user`` keeps its space: a mention's dot). A letter, digit or opening bracket glued after ، ؛ ؟ (or after ! :
    between Arabic words) gets one space. A run of one mark becomes one mark (!!! → !, ؟؟ → ؟),
    but ``..``, ``...``, ``…`` and ``؟!`` stay. Numbers (3.5, 1,000, .5), times (10:30), URLs and
    e-mail addresses never change; a dot between letters (بيت.كوم) stays.

    >>> punctuation("قال الوزير , إن النمو بلغ 3.5% في 10:30 ؟؟ زوروا www.site.com/?a=1,2 !!!")
    'قال الوزير، إن النمو بلغ 3.5% في 10:30؟ زوروا www.site.com/?a=1,2 !!!'
    >>> punctuation("حقا؟!قالها ثم مضى...وانتهى")
    'حقا؟! قالها ثم مضى...وانتهى'
    """
    match = _TRIGGER.search(text)
    if match is None:
        return text
    # Every rule is line-local (no match, protected span or context look crosses a newline, and no rule
    # adds or removes one), and none looks across a space between two letters or digits either (see
    # _windows). So only the stretches around the triggers are cleaned, joined in one string.
    windows = _windows(text, match.start())
    if sum([end - start for start, end in windows]) * 2 > len(text):
        return _punctuation(text)
    joined = "\n".join([text[start:end] for start, end in windows])
    cleaned = _punctuation(joined)
    if cleaned is joined or cleaned == joined:
        return text
    out: list[str] = []
    last = 0
    for (start, end), piece in zip(windows, cleaned.split("\n"), strict=True):
        out.append(text[last:start])
        out.append(piece)
        last = end
    out.append(text[last:])
    return "".join(out)


_REACH = 64  # how far back (in characters) a window's start is looked for before the line's start


def _windows(text: str, first: int) -> list[tuple[int, int]]:
    """The stretches of ``text`` that :func:`_punctuation` may change, from the trigger at ``first`` on.

    A space between two letters or digits (``isalnum``) cuts the text as a line break does: no rule
    matches across it (every pattern spans marks, spaces and the characters right next to them),
    every look back for context (``_Context``, ``_digit_before``) stops at a letter or digit, every
    look ahead (``_word_after``, the lookaheads) too, and a URL or e-mail address never holds a space;
    so the text is cleaned piece by piece between the cuts, and a piece without a trigger is left
    as it is. A window runs from the cut before a trigger (line breaks are cuts too), looked for up
    to ``_REACH`` characters back and else at the line's start, to the cut after it (the match of
    _TRIGGER_WINDOW, which takes in the triggers on the way); a window holding a ``?`` is its whole
    line (whether a ``?`` stands for lost characters is decided line by line). Windows hold no line
    break, do not overlap and are in order; the searches only go back to the previous window's end,
    or over a line once, so the time stays linear.
    """
    windows: list[tuple[int, int]] = []
    end = -1  # the previous window's end: a line break, a cutting space or the end of the text
    for match in _TRIGGER_WINDOW.finditer(text, first):
        pos, floor = match.start(), end + 1  # the window starts at `floor` or after
        if pos < end:
            continue  # in the line of a window that holds a ?
        low = pos - _REACH if pos - _REACH > floor else floor
        i = text.rfind(" ", low, pos)
        while i > low and not (text[i - 1].isalnum() and text[i + 1].isalnum()):
            i = text.rfind(" ", low, i)
        if i > low:
            start = max(i + 1, text.rfind("\n", i, pos) + 1)
        else:
            start = max(floor, text.rfind("\n", floor, pos) + 1)
        end = match.end()
        if text.find("?", start, end) >= 0:
            start = text.rfind("\n", 0, start) + 1
            while windows and windows[-1][0] >= start:
                windows.pop()  # earlier windows of the line
            end = text.find("\n", end)
            if end < 0:
                end = len(text)
        windows.append((start, end))
    return windows


def _punctuation(text: str) -> str:
    """The rules of :func:`punctuation`, applied to the whole of ``text``."""
    spans = _Spans()
    if "\u200f,\u200f" in text:
        text = _RLM_COMMA.sub(lambda m: m.group() if _between_digits(text, m.start(), m.end()) else "،", text)
    if _LATIN.search(text):
        context = _Context(text)
        lost = _lost_lines(text) if "?" in text else []
        text = _LATIN.sub(lambda m: _latin(m, spans(m.string), context, lost), text)
    # Each sub is one scan; it returns the text itself when nothing matches (spans and context are
    # only computed on a first match), so no search before it.
    if " " in text or "\t" in text:
        text = _SPACE_BEFORE_END.sub("", text)  # its commonest case first, without a callback
    text = _space_before_all(text, spans)
    context = _Context(text)
    text = _RUN.sub(lambda m: _run(m, spans(m.string), context), text)
    context = _Context(text)
    text = _NO_SPACE_AFTER.sub(lambda m: _space_after(m, spans(m.string), context), text)
    if "  " in text or "\t" in text:
        text = _SPACES_AFTER.sub(" ", text)
    return text


def _space_before_all(text: str, spans: _Spans) -> str:
    """``_SPACE_BEFORE.sub(lambda m: _space_before(m, spans(text)), text)``, found from the marks.

    Each match of _SPACE_BEFORE is a run of spaces and tabs (after a character that is none of them
    nor a line break) followed by a mark; so its start is found from the marks that follow a space
    or tab, going back over the run, and tried there with ``_SPACE_BEFORE.match``. The engine then
    stops at the marks, not at every space.
    """
    out: list[str] = []
    last = 0
    for mark in _MARK_AFTER_SPACE.finditer(text):
        end_of_run = mark.start()
        if end_of_run < last:
            continue  # a mark of the previous match
        start = end_of_run - 1
        while start > last and text[start - 1] in " \t":
            start -= 1
        match = _SPACE_BEFORE.match(text, start)
        if match is None:
            continue  # the run opens the text or a line
        new = _space_before(match, spans(text))
        if new != match.group():
            out.append(text[last : match.start()])
            out.append(new)
        else:
            out.append(text[last : match.end()])
        last = match.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


class _Spans:
    """``protected_spans(text)``, found again only when a rule has changed the text."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.spans: list[tuple[int, int]] = []

    def __call__(self, text: str) -> list[tuple[int, int]]:
        if self.text is not text:
            if self.text != text:
                self.spans = protected_spans(text)
            self.text = text
        return self.spans


def _latin(
    match: re.Match[str], spans: list[tuple[int, int]], context: _Context, lost: list[tuple[int, int]]
) -> str:
    text, start, end = match.string, match.start(), match.end()
    run = match.group()
    if inside(spans, start) or _between_digits(text, start, end) or not context.arabic_before(start):
        return run
    if "?" in run and inside(lost, start):
        return run
    return run.translate(_LATIN_TO_ARABIC)


def _lost_lines(text: str) -> list[tuple[int, int]]:
    """Lines where a ``?`` opens an Arabic word: mis-decoded text whose ``?`` stand for lost
    characters (``الذي? ?يقوم``), not questions."""
    lines: list[tuple[int, int]] = []
    for m in _LOST.finditer(text):
        if lines and m.start() < lines[-1][1]:
            continue
        end = text.find("\n", m.start())
        lines.append((text.rfind("\n", 0, m.start()) + 1, len(text) if end < 0 else end))
    return lines


def _space_before(match: re.Match[str], spans: list[tuple[int, int]]) -> str:
    """Spaces before a run of marks go; if a word is glued after the run, the space moves there."""
    text, start, end = match.string, match.start(), match.end()
    marks = match.group(1)
    first = marks[0]
    if inside(spans, match.start(1)):
        return match.group()
    if first not in "،؛؟" and not _ARABIC.match(text[start - 1]):
        return match.group()  # ! . : only right after an Arabic word
    nxt = text[end] if end < len(text) else ""
    if not nxt or nxt in " \t\r\n":
        return marks
    if nxt in _CLOSERS and not _word_after(text, end):
        return marks  # a closing bracket or quote ends the word: no space of its own
    if marks == "." and _DIGIT.match(nxt):
        return match.group()  # "نسبة .5": a number, leave it
    if nxt == "@" and marks[-1] == ".":
        return match.group()  # ".@user" is one token (a mention); a space after the dot would make it a new one
    return marks + " "


def _word_after(text: str, pos: int) -> bool:
    """Whether the text from ``pos`` to the next space holds a letter or digit: a word the marks
    would be glued to if the space before them went (``0 ،":0``)."""
    end = len(text)
    for i in range(pos, end):
        ch = text[i]
        if ch.isspace():
            return False
        if ch.isalnum():
            return True
    return False


def _run(match: re.Match[str], spans: list[tuple[int, int]], context: _Context) -> str:
    text, start = match.string, match.start()
    run = match.group()
    if inside(spans, start):
        return run
    if run[0] in "،؛؟":
        return run[0]
    if not context.arabic_before(start):
        return run
    if run[0] == ".":
        return "..."
    return run[0]


def _space_after(match: re.Match[str], spans: list[tuple[int, int]], context: _Context) -> str:
    text, start, end = match.string, match.start(), match.end()
    mark = match.group(1)
    if inside(spans, start) or end >= len(text):
        return mark
    after = text[end]
    if mark in "،؛؟":
        if _DIGIT.match(after) and _digit_before(text, start):
            return mark  # between digits
        return mark + " "
    # ! and : only between Arabic words (10:30, a:b, http: stay)
    if start > 0 and _ARABIC.match(text[start - 1]) and (_ARABIC.match(after) or after in "«(["):
        return mark + " "
    if start > 0 and text[start - 1] in "؟!" and _ARABIC.match(after) and context.arabic_before(start):
        return mark + " "
    return mark
