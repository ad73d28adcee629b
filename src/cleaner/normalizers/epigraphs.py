"""Epigraphs: a verse set as display text under a section's title and printed again further down.

A page of letters often opens a section with its title, then a verse of the poem the section
quotes further down, as a pull-quote. The verse is display text, a heading of the section, not a
line of the poem: the poem below holds it again (its two halves maybe on two lines, spaced or
vocalised otherwise). :func:`epigraph_lines` finds such lines, and the title over them;
``headings`` takes them for headings.

A run of epigraphs opens with a line that

- is short (three to sixteen words) and shaped as verse: its halves parted by ``..``, ``...`` or
  ``…`` (or one half ending in them: ``فكم من غيمة مرت بلا مطر ..!!``), or fully vocalised (more
  than two vowel marks, fathatan left out: plain prose writes it on many an adverb, ``جداً``); and
  ends in no full stop, comma, semicolon or colon (a sentence, or a line introducing a quotation);
- stands right under a title-shaped line (one to eight words, a letter, no sentence's end, no verse,
  no byline or dateline, no words of saying or reciting: ``قال الشاعر``, ``من قصيدته``);
- is held again further down: a later line, or two adjacent later lines (the verse's halves), hold
  its words in order (letters folded; marks, tatweel and punctuation left out), at least 80% of its
  words and it at least 80% of theirs, with a line of prose between, at most :data:`REACH` non-empty
  lines under it.

Each line right under it is an epigraph too while it is short and held again so (a line of no
verse's shape only when two adjacent lines hold it: its halves). A line of verse's shape under the
run that is held nowhere makes the run the opening lines of a poem: no epigraph then.

So a poem repeating its refrain has no epigraph (the line over a refrain is a line of the poem, no
title; a poem opening with its refrain goes on under it in verse), nor has a verse quoted again
inside a paragraph (a whole line must hold it), nor a repeated sentence of prose (no verse's shape;
``duplicate_paragraphs`` handles those).

Every test but the cheap first ones (lengths, ".." or marks) reads a line through
``headings._core``, as the step writes a heading: a second run, on the text the step wrote, decides
alike. A run is decided from the title over it down to REACH lines under its first line:
:func:`open_epigraph` tells whether a text cut after some lines may decide a run otherwise than the
whole text (a reader cutting a text into pieces must not cut there).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

#: An epigraph has at most this many words (a verse: one or two halves) ...
MAX_WORDS = 16
#: ... and at least this many.
MIN_WORDS = 3
#: A title over an epigraph has at most this many words.
TITLE_WORDS = 8
#: The repeat is at most this many non-empty lines below the first epigraph under a title.
REACH = 60
#: The share of the words of the epigraph and of its repeat that the other holds in order.
SHARE = 0.8
#: A line of prose: more words than a verse, or a sentence of this many words ending in a full stop.
_PROSE_SENTENCE = 6

# The vowel marks of a vocalised line: headings' _VOWELS but fathatan, which plain prose writes on
# many an adverb (جداً، أيضاً); more than _MAX_MARKS of them on a line: fully vocalised.
_VOWEL_CHARS = "\u064c\u064d\u064e\u064f\u0650\u0652"
_MAX_MARKS = 2
_STOPS = frozenset(".!?؟…،,؛;:")
_CLOSERS = "'\"»”’)]"
# What ``headings._core`` strips from the end of a line (white space and its _TRAIL_PLAIN): a line's
# last character once these are stripped is its heading text's last character.
_TRAIL = " \t\r\f\v*#:：-–—_"
# A verse's length in characters; a line longer than _MAX_LINE (white space and decoration
# included) is no epigraph nor title over one.
_MAX_CHARS = 12 * MAX_WORDS
_TITLE_CHARS = 12 * TITLE_WORDS
_MAX_LINE = 2 * _MAX_CHARS


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a word, a vowel mark, three vowel marks on a line with at most 200 other characters between
    two of them), compiled on first use (``cleaner`` starts without them)."""
    vowel = "[%s]" % _VOWEL_CHARS
    gap = "[^%s\\n]{0,200}+" % _VOWEL_CHARS  # (possessive and bounded: linear time)
    return re.compile(r"[^\W_]+"), re.compile(vowel), re.compile(vowel + gap + vowel + gap + vowel)


def _words(core: str) -> list[str]:
    """The words of ``core``, letters folded (alef, yeh, teh marbuta, case), marks and tatweel out."""
    from .structure import _fold

    return _patterns()[0].findall(_fold.__wrapped__(core))


def _verse_shaped(core: str) -> bool:
    """``core`` holds a verse's break (``..``, ``…``), or ends in one, or is fully vocalised."""
    return ".." in core or "…" in core or len(_patterns()[1].findall(core)) > _MAX_MARKS


def _ends_sentence(text: str) -> bool:
    """``text`` ends as a sentence of prose or a line introducing what follows: a full stop (not an
    ellipsis), a comma, a semicolon or a colon, maybe before a closing quote or bracket."""
    last = text.rstrip(_CLOSERS)
    return last[-1:] in "،,؛;:" or (last[-1:] == "." and last[-2:] != "..")


def _title_shaped(core: str) -> bool:
    """``core`` may be a section's title: a few words, a letter, no sentence's end, no verse, no
    byline or dateline, no speech or quotation it introduces."""
    if not core or len(core) > _TITLE_CHARS or len(core.split()) > TITLE_WORDS:
        return False
    if core.rstrip(_CLOSERS)[-1:] in _STOPS or _verse_shaped(core) or not any(c.isalpha() for c in core):
        return False
    return not (
        headings._SPEECH.match(core) or headings._QUOTES_NEXT.search(core[-200:] + ":") or headings._credit(core)
    )


def _short(core: str) -> bool:
    """``core`` has the length of a verse (one or two halves) and ends in no sentence's end."""
    return MIN_WORDS <= len(core.split()) <= MAX_WORDS and len(core) <= _MAX_CHARS and not _ends_sentence(core)


def _candidate(core: str) -> bool:
    """``core`` has an epigraph's own shape: a verse's length, and its break or marks."""
    return _short(core) and _verse_shaped(core)


def _marked(line: str) -> bool:
    """``line`` holds ".." or "…", or three vowel marks close together."""
    return ".." in line or "…" in line or _patterns()[2].search(line) is not None


def _opens(line: str, above: str | None) -> bool:
    """``line`` may open a run of epigraphs under ``above``, its title (their shapes only). (The
    cheap tests first: the end of ``above`` as its heading text ends, ``_TRAIL`` stripped.)"""
    if above is None or len(line) > _MAX_LINE or len(above) > _MAX_LINE:
        return False
    end = above.rstrip(_TRAIL).rstrip(_CLOSERS)[-1:]
    if not end or end in _STOPS or _ends_sentence(line.rstrip(_TRAIL)) or not _marked(line):
        return False
    return _candidate(headings._core(line)) and _title_shaped(headings._core(above))


def _prose(core: str) -> bool:
    """``core`` is a line of prose: longer than a verse, or a sentence ending in a full stop."""
    count = len(core.split())
    if count > MAX_WORDS:
        return True
    return count >= _PROSE_SENTENCE and core.endswith(".") and not core.endswith("..")


def _in_order(a: list[str], b: list[str]) -> int:
    """The number of words of ``a`` found in ``b`` in the same order (longest common subsequence)."""
    row = [0] * (len(b) + 1)
    for word in a:
        diagonal = 0
        for j, other in enumerate(b):
            above = row[j + 1]
            row[j + 1] = diagonal + 1 if word == other else max(above, row[j])
            diagonal = above
    return row[-1]


def _repeats(words: list[str], other: list[str]) -> bool:
    """``other`` holds ``words`` again: each holds at least SHARE of the other's words, in order."""
    if not other or len(other) < SHARE * len(words) or len(words) < SHARE * len(other):
        return False
    if len(set(words) & set(other)) < SHARE * len(set(words)):
        return False  # (a cheap test first)
    common = _in_order(words, other)
    return common >= SHARE * len(words) and common >= SHARE * len(other)


def epigraph_lines(lines: list[str]) -> set[int]:
    """The indices of ``lines`` that are epigraphs (see the module), with the title over each run
    of them (unless that title is the text's first line: the headline).

    >>> epigraph_lines([
    ...     "مقدمة طويلة عن الشعر والشعراء تنتهي هنا بنقطة كما ينبغي للنثر أن ينتهي دائما في المقالات.",
    ...     "ركن الأدب",
    ...     "سرى الليلُ بالركبانِ .. والنجمُ ساهرُ",
    ...     "ثم قال الشاعر في قصيدته الطويلة التي نشرت في الديوان الأول كلاما كثيرا عن السفر.",
    ...     "سرى الليل بالركبان",
    ...     "والنجم ساهر",
    ... ])
    {1, 2}
    """
    found = epigraph_headings("\n".join(lines))
    index, pos = set(), 0
    for i, line in enumerate(lines):
        if pos in found:
            index.add(i)
        pos += len(line) + 1
    return index


def epigraph_headings(text: str) -> dict[int, str]:
    """Where each epigraph of ``text`` and the title over each run of them start -> its heading text
    (as ``headings`` writes it). Most texts cost a few scans in C: no ".." or "…" nor vowel mark, or
    none on a line under a title."""
    dots = ".." in text or "…" in text
    vowels = any(map(text.__contains__, _VOWEL_CHARS))
    if not (dots or vowels):
        return {}
    found: dict[int, str] = {}
    seen: dict[int, tuple[str, list[str] | None]] = {}  # line start -> (heading text, words), once worked out
    done = -1  # the end of the last run of epigraphs decided
    for start in sorted(set(_marked_lines(text, dots, vowels))):
        if start <= done:
            continue
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > _MAX_LINE or _ends_sentence(text[start:end].rstrip(_TRAIL)):
            continue  # (a paragraph or a sentence: the common case)
        above = _line_above(text, start)
        if above is None or not _opens(text[start:end], text[above[0] : above[1]]):
            continue
        done = _decide(text, above, start, found, seen)
    return found


def _marked_lines(text: str, dots: bool, vowels: bool) -> Iterator[int]:
    """Where each line holding ".." or "…" or three vowel marks close together starts (a line
    maybe more than once)."""
    if dots:
        for needle in ("..", "…"):
            pos = text.find(needle)
            while pos >= 0:
                yield text.rfind("\n", 0, pos) + 1
                end = text.find("\n", pos)
                if end < 0:
                    break
                pos = text.find(needle, end)
    if vowels:
        yield from _vowel_lines(text)


#: The most characters between two of a vocalised line's three close vowel marks (``_patterns``).
_GAP = 200


def _vowel_lines(text: str) -> Iterator[int]:
    """Where each line holding three vowel marks close together starts (``_patterns()[2]``: at
    most :data:`_GAP` characters between two of them): the marks found with ``str.find`` (a scan in
    C far quicker than the pattern's), each line once. Texts dense with marks (vocalised verse) go
    back to the pattern, from the line reached, when the marks outnumber one in 64 characters."""
    find = text.find
    size = len(text)
    budget = size // 64 + 64  # marks read one by one before the pattern takes over
    ahead = {c: find(c) for c in _VOWEL_CHARS}  # each mark's next place (past what was read)
    ahead = {c: at for c, at in ahead.items() if at >= 0}
    before = last = -_GAP - 2  # the two marks read last on the line (``last`` the nearer)
    line_end = -1  # the end of the line of ``last``
    while ahead:
        mark = min(ahead, key=ahead.__getitem__)
        at = ahead[mark]
        budget -= 1
        if budget < 0:  # (dense marks: the pattern, from the start of this line)
            three = _patterns()[2].search
            match = three(text, text.rfind("\n", 0, at) + 1)
            while match is not None:
                yield text.rfind("\n", 0, match.start()) + 1
                end = find("\n", match.end())
                if end < 0:
                    break
                match = three(text, end)
            return
        nxt = find(mark, at + 1)
        if nxt < 0:
            del ahead[mark]
        else:
            ahead[mark] = nxt
        if at > line_end:  # the first mark of a line
            line_end = find("\n", at)
            line_end = size if line_end < 0 else line_end
            before, last = -_GAP - 2, at
            continue
        if at - last - 1 <= _GAP and last - before - 1 <= _GAP:
            yield text.rfind("\n", 0, at) + 1
            for other, place in list(ahead.items()):  # (on to the next line)
                if place < line_end:
                    nxt = find(other, line_end)
                    if nxt < 0:
                        del ahead[other]
                    else:
                        ahead[other] = nxt
            before = last = -_GAP - 2
            line_end = -1
            continue
        before, last = last, at


def _line_above(text: str, start: int) -> tuple[int, int] | None:
    """(start, end) of the non-empty line above the line starting at ``start``, or None."""
    end = start - 1
    while end > 0:
        top = text.rfind("\n", 0, end) + 1
        if top < end and not text[top:end].isspace():
            return top, end
        end = top - 1
    return None


def _rows_below(text: str, start: int, count: int) -> list[tuple[int, str]]:
    """The line starting at ``start`` and the non-empty lines under it, ``count`` at most in all:
    (start, line)."""
    rows: list[tuple[int, str]] = []
    size = len(text)
    while start <= size and len(rows) < count:
        end = text.find("\n", start)
        end = size if end < 0 else end
        if start < end and not text[start:end].isspace():
            rows.append((start, text[start:end]))
        start = end + 1
    return rows


def _decide(
    text: str, title: tuple[int, int], start: int, found: dict[int, str], seen: dict[int, tuple[str, list[str] | None]]
) -> int:
    """Decide the run of epigraphs that may open at ``start`` under ``title`` (its start and end),
    from the lines down to REACH lines under it; add what it holds to ``found``. Returns where the
    run ends (``start`` when there is none). ``seen`` keeps each line's heading text and words for
    the runs decided after this one (the windows of runs overlap)."""
    rows = _rows_below(text, start, REACH + 1)
    for row, line in rows:
        if row not in seen:
            seen[row] = (headings._core(line), None)
    cores = [seen[row][0] for row, _ in rows]

    def said(k: int) -> list[str]:
        row = rows[k][0]
        core, got = seen[row]
        if got is None:
            got = _words(core)
            seen[row] = (core, got)
        return got

    def repeated(k: int, halves: bool = False) -> bool:
        """A later row, or two adjacent later rows (only those with ``halves``), hold row ``k``
        again, with a line of prose between."""
        verse = said(k)
        if len(verse) < MIN_WORDS:
            return False
        prose = False  # a line of prose stands between row k and the row looked at
        before: list[str] = []  # the words of the row above the one looked at, prose above it
        for j in range(k + 1, len(rows)):
            core = cores[j]
            if len(core.split(None, MAX_WORDS + 1)) > MAX_WORDS + 1:
                prose, before = True, []  # (longer than any verse: prose, no repeat)
                continue
            here = said(j)
            if prose and not halves and _repeats(verse, here):
                return True
            if len(before) > 1 and len(here) > 1 and _repeats(verse, before + here):
                return True  # the verse's two halves, on two lines
            before = here if prose else []
            if _prose(core):
                prose = True
        return False

    if not repeated(0):
        return start
    # An epigraph under its title; more may follow it (a line under an epigraph that the text holds
    # again in two lines needs no verse's shape of its own).
    k = 1
    while k < len(rows) and _short(cores[k]) and repeated(k, halves=not _verse_shaped(cores[k])):
        k += 1
    if k < len(rows) and _candidate(cores[k]):
        return start  # more verse under them, no epigraph: the opening lines of a poem
    for j in range(k):
        found[rows[j][0]] = cores[j]
    if _line_above(text, title[0]) is not None:  # (not the text's headline)
        found[title[0]] = headings._core(text[title[0] : title[1]])
    return rows[k - 1][0]


def open_epigraph(lines: list[str]) -> bool:
    """A line among the last REACH non-empty ``lines`` may open a run of epigraphs whose repeat is
    still to come: a text cut after ``lines`` may decide it otherwise than the whole text. (A run is
    decided from the line above it to REACH lines under its first line.)"""
    filled = [line for line in lines if line and not line.isspace()][-REACH - 1 :]
    return any(_opens(filled[k], filled[k - 1]) for k in range(1, len(filled)))


from . import headings  # noqa: E402  (last: headings imports this module as it starts)
