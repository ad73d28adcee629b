"""Other stories' headlines stacked between paragraphs with no prompt (BBC related links).

Some sites (BBC Arabic) insert links to related stories between the paragraphs of an article with
no prompt: one to three headlines of other stories, each on its own line, at times over a short
sub-heading of the article (``الحكومة تعلن خطة جديدة لدعم المزارعين في الجنوب`` over ``أرقام
قياسية``). A scrape keeps them as lines of the article. One such line alone reads as a
sub-heading, and is left alone; a *stack* of them is told from the article's own stacks of
heading lines (kicker and headline, headline and sub-title, section and heading, the headline of
the next story of a compilation, verse, questions and answers, pulled quotes) as follows:

- the stack stands between two paragraphs: the line above and the line below are prose (more
  than 12 words, ending a sentence, not headline-like, no closing contact or short line);
- it holds two or three lines, each headline-like and not ending with a full stop; it opens with
  one or more *headlines* (below) and at most one more line follows them: a short sub-heading
  of the article (up to 6 words, with Arabic letters, no colon, no question, no credit);
- a headline has 6 to 15 words, opens with an Arabic letter (after any ``#`` or ``*``), not with a
  connective (the article going on: ``_GOES_ON``, ``_OPENER``, ``_TEASER_GOES_ON``, ``ف``), a
  preposition (a kicker: ``على هامش …``) or a list item; it ends with no colon, comma, dash or
  exclamation mark and holds none of them nor a second sentence (a headline is one clause: a
  pulled quote, a speaker's words or a tweet is not), no vowel marks (verse), no emoji, hashtag or
  mention, and neither ``كان``/``قد`` (a story told in the past: a pulled quote) nor ``صورة`` (a
  photo caption). A question is a headline only over another headline (an interview's question
  stands over its answer). One of the stack's headlines has a verb in the present or a question
  word (a headline reads as a sentence; a photo caption or a section title over a heading does
  not);
- the paragraph below does not take the headlines up: the headline of the story under it has its
  words echoed in the story's first sentence ("هيئة مياه الخرطوم تسيطر على …" over "أكدت هيئة
  مياه الخرطوم سيطرتها على …"); a related headline is about another story. A stack where more
  than half of a headline's words (by their stems) stand in the first 40 words of the paragraph
  under it (or four of them) is left alone.

The headlines go; the sub-heading under them stays. Lines the strict steps drop wherever they
stand (a source, a byline, a caption: ``structure._local_label``) are looked past.

The rule is a step of its own, after ``boilerplate``, ``duplicate_paragraphs`` and (in ``strict``)
the structure steps: it reads the text without the furniture between the lines (a widget line, a
prompt with its headlines), without repeated paragraphs and without the signatures and datelines
``strict`` drops, as a second run does, so a second run decides alike (inside
``boilerplate``, a paragraph of ten words or more repeated next to a stack kept it apart from the
first run on, and ``duplicate_paragraphs`` then brought its lines together for the second). It
decides each stack from the paragraph above it, its lines and the paragraph under it alone, so a
stream is cut between two lines where no stack can span the cut (:func:`may_cut`). One thing the
rule reads further: ``boilerplate`` leaves a block of other stories' leads closing the text when a
headline-like line stands over it, so a stack over such a block stays (:func:`_over_leads`), or a
second run, without the stack, would take the block.

Checked on the bulk corpus (inside ``boilerplate``, sixth session): 140 documents (all BBC) lose
314 lines, 94 of the 156 places read, none wrong. As a step of its own (seventh session) its output
on the 20,595 bulk documents is the same, ``default`` and ``strict``.
"""

from __future__ import annotations

import functools
import re

from ..registry import normalizer
from .boilerplate import (
    _ARABIC_LETTERS,
    _GOES_ON,
    _LETTER_FOLD,
    _LIST_ITEM,
    _MARKS_RE,
    _OPENER,
    _CLOSING_REACH,
    _TEASER_GOES_ON,
    _TEASER_MARKED,
    _TEASER_RUN,
    _apparatus,
    _at_most,
    _ends_sentence,
    _headline_like,
    _lead_marked,
    _line_key,
    _teaser_line,
    _trailing_ok,
)
from .headings import _MARKDOWN_HEADING
from .structure import _lf, _local_label, _rebuild

__all__ = ["related_headlines", "classify_related", "may_cut", "HELD_ROWS"]

_STACK_WORDS = (6, 15)  # a headline's words
_STACK_RUN = (2, 3)  # lines in the stack
_STACK_TAIL_WORDS = 6  # the sub-heading under the headlines
_STACK_ECHO = 0.5  # of a headline's stems, at most this share in the first words of the paragraph below
_STACK_ECHO_WORDS = 40
_STACK_ECHO_STEMS = 4  # or at least this many of them
# A stack's first line: ``#`` and ``*`` and spaces, a letter, then 18 to 398 characters, none of
# them a comma or colon (nor ``#``, ``@``, ``|``), not ending (but a space) with a full stop, ``!``
# or a dash; under it, past blank lines and lines of at most 30 words ending with a full stop (which
# the rule may look past: a caption, a source), a line of at most 400 characters not ending with a
# full stop (a line of the stack). The search finds the line end before each such line (the text is
# searched once): a superset of the lines :func:`_stack_head` accepts that have a line of a stack as
# their next row. (A skipped line is checked for a line of the stack first: no backtracking.)
# (The decoration ``headings`` strips from a heading, before and after it, is left out first: a
# second run, after ``headings``, reads the line without it.)
_STACK_LEAD = re.compile("[\\s■□▪▫●•◦◆◇►▶▸★☆✦✪❖*#>\\-–—_]*+")
_STACK_TRAIL = "*#:：-–—_"
_STACK_BODY = re.compile(r"[^\W\d_][^\n،,:：#@|]{18,398}+")
_STACK_LINE_END = "[^\\n]{1,400}+\\n(?<!\\.\\n)(?<!\\.[^\\S\\n]\\n)"  # a line of at most 400 characters, no full stop
_STACK_SCAN = re.compile(
    "\\n(?=(?:[^\\S\\n]|[■□▪▫●•◦◆◇►▶▸★☆✦✪❖*#>\\-–—_])*+[^\\W\\d_][^\\n،,:：#@|]{18,398}+(?:[^\\S\\n]|[*#:：\\-–—_])*+\\n"
    "(?<![.!]\\n)(?<![.!][^\\S\\n]\\n)(?:[^\\S\\n]*+\\n)*+"
    # (greedy, not possessive, outside: Python before 3.11.5 misruns a possessive repeat of this group;
    # a skipped line is no line of the stack, so giving one back fails at once)
    f"(?:(?!{_STACK_LINE_END})[^\\S\\n]*+(?:[^\\s]++[^\\S\\n]*+){{1,30}}+\\n(?:[^\\S\\n]*+\\n)*+)*{_STACK_LINE_END})"
)


def _stack_core(line: str) -> str:
    """``line`` without the decoration ``headings`` strips (before and after) and without its end spaces."""
    s = line[_STACK_LEAD.match(line).end() :]  # type: ignore[union-attr]
    while True:
        t = s.rstrip().rstrip(_STACK_TRAIL)
        if t == s:
            return s
        s = t
_STACK_INNER = re.compile(r"[.!?؟…][\"'»”)]?\s+\S|\.\.|[،,#@|:：!-]\s*$")
_STACK_KICKER = re.compile(
    r"(?:في|على|علي|مع|من|عن|الى|الي|حتى|حتي|منذ|عند|لدى|لدي|ف[^\W\d_]+)(?=[\s\u00a0]|$)".translate(_LETTER_FOLD)
)
_STACK_STORY = re.compile(r"(?<!\S)(?:كان|كانت|كانوا|قد|لقد|[وب]?(?:ال)?صور[ةه])(?!\S)".translate(_LETTER_FOLD))
# A headline's verb in the present or future, or a question word: a headline reads as a sentence (a
# photo caption, a section title or a name does not). (Nouns opening with those letters count too:
# a loose check.)
_STACK_VERB = re.compile(
    "(?<![^\\s\"'«“(])(?:[وف]?(?:[يتن]|س[يت])[\u0621-\u064a]{2,}|هل|ما|ماذا|من|كيف|لماذا|متي|اين|لن|لم)(?![^\\s\"'»”)])"
)
_STACK_VOWELS = re.compile("[\u064b-\u0650\u0652]")


_STACK_SYMBOL = re.compile("[\u2190-\u2bff\u2600-\u27bf\U0001f000-\U0001faff]")
_STEM_WORD = re.compile("[\u0621-\u064a]+|[A-Za-z]+|[0-9]+")
_STEM_STOP = frozenset(
    "في من الي علي عن مع بعد قبل بين ان او ما لا لم لن هل هذا هذه ذلك التي الذي الذين كان كانت قد حول ضد عند منذ كل اي انه انها".split()
)
_STEM_PREFIXES = frozenset(("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف"))
_STEM_SUFFIXES = frozenset(("ات", "ون", "ين", "ها", "هم", "يه", "ه", "ي"))


def _stack_prose(line: str) -> bool:
    """A paragraph bounding a stack: more than 12 words, the end of a sentence, not headline-like, no
    closing contact or short line (a line ``boilerplate`` leaves as it is)."""
    return (
        len(line.split(None, 13)) > 12
        and _ends_sentence(line)
        and not _headline_like(line)
        and not _trailing_ok(line)
    )


def _stack_line(line: str) -> bool:
    """A line of a stack: at most 400 characters, headline-like and not ending with a full stop once
    its decoration is left out."""
    if len(line) > 400 or line.rstrip().endswith("."):
        return False  # (quick: a full stop at the end is at the end of the line without decoration)
    s = _stack_core(line)
    return _headline_like(s) and not s.endswith(".")


@functools.lru_cache(maxsize=1024)
def _stack_head(line: str) -> bool:
    """Whether ``line`` has the shape of another story's headline in a stack (see above). (What
    :data:`_STACK_SCAN` finds the line end before: it finds every such line.)"""
    s = _stack_core(line)
    if not 19 <= len(s) <= 399 or s[-1:] in ".!،," or not _STACK_BODY.fullmatch(s) or _STACK_INNER.search(s):
        return False
    if line.rstrip()[-1:] in ":：" and not _MARKDOWN_HEADING.match(line):
        # It introduces what follows (a colon ending a line this long stays: see headings); but a
        # "## heading" with text under it is a heading whatever its length, written without it.
        return False
    words = s.split()
    if not _STACK_WORDS[0] <= len(words) <= _STACK_WORDS[1] or not _ARABIC_LETTERS.match(s):
        return False
    if _STACK_VOWELS.search(s) or _STACK_SYMBOL.search(s):
        return False
    head = _MARKS_RE.sub("", s).translate(_LETTER_FOLD)
    return not (
        _STACK_KICKER.match(head)
        or _LIST_ITEM.match(head)
        or _GOES_ON.match(head)
        or _OPENER.match(head)
        or _TEASER_GOES_ON.match(head)
        or _STACK_STORY.search(head)
    )


@functools.lru_cache(maxsize=256)  # (a headline is compared with the paragraph under it)
def _stems(text: str, words: int | None = None) -> frozenset[str]:
    """The rough stems of the content words of ``text`` (of its first ``words`` words): marks dropped,
    letters folded, the article, a clitic and a common suffix cut, the first four letters kept (the
    prefix of a verb in the present too)."""
    found = _STEM_WORD.findall(_MARKS_RE.sub("", text[: 20 * words if words else 2000]).translate(_LETTER_FOLD))
    out = set()
    for w in found[:words] if words else found:
        if w in _STEM_STOP:
            continue
        n = len(w)
        cut = 3 if w[:3] in _STEM_PREFIXES else 2 if w[:2] in _STEM_PREFIXES else 1 if w[:1] in _STEM_PREFIXES else 0
        if n - cut < 3:  # (then a shorter prefix: the longest that leaves three letters)
            cut = 2 if n >= 5 and w[:2] in _STEM_PREFIXES else 1 if n >= 4 and w[:1] in _STEM_PREFIXES else 0
        w = w[cut:]
        n -= cut
        if n >= 5 and w[-2:] in _STEM_SUFFIXES:
            w = w[:-2]
        elif n >= 4 and w[-1:] in _STEM_SUFFIXES:
            w = w[:-1]
        if len(w) < 3:
            continue
        if len(w) >= 4 and w[0] in "يتن":
            w = w[1:]
        out.add(w[:4])
    return frozenset(out)


def _stack_tail(line: str) -> bool:
    """The line under a stack's headlines: a short sub-heading of the article."""
    s = _stack_core(line)
    return (
        len(s) > 2
        and _at_most(s, _STACK_TAIL_WORDS)
        and not s.endswith(("-", "؟", "?"))
        and ":" not in s
        and "：" not in s
        and _ARABIC_LETTERS.search(s) is not None
        and _local_label(s) is None
    )


def _stacked_headlines(lines: list[str], filled: list[int]) -> list[int]:
    """The indices of the other stories' headlines stacked between paragraphs of ``lines`` (see
    above); ``filled``: the indices of the non-empty lines. Lines the strict steps drop wherever they
    stand (a source, a byline, a caption: :func:`_looked_past`) are looked past, as a second run,
    with them gone, would."""
    out: list[int] = []
    if not any(_stack_head(lines[i]) for i in filled):
        return out
    rows = [i for i in filled if not _looked_past(lines[i])]
    n = len(rows)
    k = 0
    while k < n - 2:
        i = rows[k]
        if not _stack_head(lines[i]):
            k += 1
            continue
        if not k or not _stack_prose(lines[rows[k - 1]]):
            k += 1
            continue
        j = k
        while j < n and j - k <= _STACK_RUN[1] and _stack_line(lines[rows[j]]):
            j += 1
        run = rows[k:j]
        k = max(j, k + 1)
        if not _STACK_RUN[0] <= len(run) <= _STACK_RUN[1] or j >= n or not _stack_prose(lines[rows[j]]):
            continue
        # A line repeated in the stack (same paragraph_key) counts once and goes with the line it
        # repeats (duplicate_paragraphs, which runs before this step, keeps a line of under ten words
        # repeated: the stack is the same whatever the count).
        keyed: dict[str, str] = {}  # a line's paragraph_key -> the first line of the stack with it
        for x in run:
            keyed.setdefault(_line_key(lines[x]) if len(lines[x]) <= 4096 else lines[x], lines[x].strip())
        texts = list(keyed.values())
        if len(texts) < _STACK_RUN[0]:
            continue
        heads = 0
        while heads < len(texts) and _stack_head(texts[heads]):
            heads += 1
        if not heads or len(texts) - heads > 1 or texts[heads - 1].endswith(("؟", "?")):
            continue
        if heads < len(texts) and not _stack_tail(texts[heads]):
            continue
        if not any(_STACK_VERB.search(_MARKS_RE.sub("", t).translate(_LETTER_FOLD)) for t in texts[:heads]):
            continue  # no headline reads as a sentence: a caption, a section title
        below = _stems(lines[rows[j]], _STACK_ECHO_WORDS)
        if any(len(s & below) >= min(_STACK_ECHO_STEMS, _STACK_ECHO * len(s) + 0.5) for s in map(_stems, texts[:heads])):
            continue  # the headline of the story under it
        gone = {key for key, t in keyed.items() if t in texts[:heads]}
        out.extend(x for x in run if (_line_key(lines[x]) if len(lines[x]) <= 4096 else lines[x]) in gone)
    return out


#: Lines read under a stack's first line: the rest of a stack of up to three lines, one more (a
#: fourth line of the stack's shape makes it the article's own list) and the paragraph under it.
_STACK_BELOW = 4


def _may_be_looked_past(line: str) -> bool:
    """A quick check before :func:`_looked_past`: at most 30 words in under 400 characters."""
    return len(line) < 400 and len(line.split(None, 31)) <= 30


@functools.lru_cache(maxsize=4096)  # (the rows of a window are asked about again by the rule)
def _looked_past(line: str) -> bool:
    """A line the strict steps drop wherever it stands (a source, a byline, a caption): the rule
    looks past it, as a second run, with it gone, would. (``structure._local_label`` is ``None``
    for a line of more than 30 words.)"""
    return _may_be_looked_past(line) and _local_label(line) is not None


def _may_open(text: str, first: int) -> bool:
    """A quick check before the rule reads the lines around the line at ``first`` (of a
    headline's shape): the next row (past lines looked past) is a line of a stack, and the row
    above is a paragraph; ``False``: the line opens no stack (``True`` when unsure: a line of a
    stack, or a paragraph, itself looked past). Whether a line is looked past is asked last, of the
    few lines passed on the way that may be (:func:`_may_be_looked_past`)."""
    n = len(text)
    skipped: list[str] = []
    at = text.find("\n", first)
    while True:
        if at < 0:
            return False  # (no row under it)
        start = at + 1
        at = text.find("\n", start)
        line = text[start : n if at < 0 else at]
        if not line.strip():
            continue
        if _stack_line(line):
            break
        if not _may_be_looked_past(line) or len(skipped) == _STACK_BELOW:
            return False if not skipped else all(map(_looked_past, skipped)) and _may_be_looked_past(line)
        skipped.append(line)
    if not all(map(_looked_past, skipped)):
        return False  # the next row is no line of a stack
    skipped = []
    end = first - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip():
            continue
        if _stack_prose(line):
            return all(map(_looked_past, skipped))
        if not _may_be_looked_past(line) or len(skipped) == _STACK_BELOW:
            return False if not skipped else all(map(_looked_past, skipped)) and _may_be_looked_past(line)
        skipped.append(line)
    return False  # (no row above it)


def classify_related(lines: list[str]) -> list[bool]:
    """Whether the step drops each line (lines without a line break): another story's headline in
    a stack between paragraphs (see above), the rule read over all the lines at once (the step
    reads a few lines around each line of a headline's shape: the same lines go).

    >>> p = "وقال المتحدث باسم الوزارة إن الاجتماع ناقش عددا من الملفات المهمة وأكد ضرورة التعاون."
    >>> classify_related([p, "الحكومة تعلن خطة جديدة لدعم المزارعين في الجنوب", "أرقام قياسية", p])
    [False, True, False, False]
    """
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    gone = _stacked_headlines(lines, [i for i, line in enumerate(lines) if line.strip()])
    stacks: list[list[int]] = []  # (a stack's lines have no paragraph between them)
    for i in gone:
        if not stacks or any(_stack_prose(lines[k]) for k in range(stacks[-1][-1] + 1, i)):
            stacks.append([])
        stacks[-1].append(i)
    drop = _kept_over_leads("\n".join(lines), [[starts[i] for i in stack] for stack in stacks])
    return [start in drop for start in starts]


def _window(text: str, first: int) -> list[int] | None:
    """The starts of the lines the rule reads for a stack opening at the line at ``first``: the
    row above it (the nearest non-blank line not looked past), the line itself and the
    :data:`_STACK_BELOW` rows under it (fewer at the end of the text); ``None``: no row above."""
    up = -1
    end = first - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip() and not _looked_past(line):
            up = start
            break
        end = start - 1
    if up < 0:
        return None
    rows = [up, first]
    at = text.find("\n", first)
    n = len(text)
    while at >= 0 and len(rows) < 2 + _STACK_BELOW:
        start = at + 1
        at = text.find("\n", start)
        line = text[start : n if at < 0 else at]
        if line.strip() and not _looked_past(line):
            rows.append(start)
    return rows


def _closing(line: str) -> bool:
    """A line ``boilerplate``'s block of other stories' leads closing the text may hold or look past:
    a lead's shape (``boilerplate._teaser_line``), apparatus (``boilerplate._apparatus``), or fewer
    than ten words (a repeat ``duplicate_paragraphs`` keeps, which the block looks past)."""
    return _teaser_line(line) or _apparatus(line) or len(line.split(None, 10)) < 10


def _over_leads(text: str, drop: set[int]) -> int | None:
    """A line of the lowest stack (``drop``: the starts of the lines the rule drops) when, without
    the stacks, ``boilerplate``'s block of other stories' leads closing the text could take lines
    under it (``None``: it could not).

    That rule (``_teaser_tail``) reads the text from its end upwards: lines of a lead's shape, past
    apparatus and repeats, three to five of them, two with a lead's mark, up to a line that is not
    headline-like (a headline-like line over them makes them the article's own). A stack over such
    lines stops the first run's ``boilerplate``; with the stack gone, a second run would take them.
    Read here the same way, looking past every line of fewer than ten words (a repeat that
    ``duplicate_paragraphs`` keeps may be one), so that no such block is missed, and, as that rule,
    no further than the last :data:`boilerplate._CLOSING_REACH` lines (the stacks' lines left out):
    lines that fill them without an end are left alone when more lines stand above them."""
    leads = marked = seen = 0
    passed: int | None = None  # the first line of a stack met from the end
    end = len(text)
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip():
            continue
        if start in drop:
            passed = start if passed is None else passed
            continue
        if seen == _CLOSING_REACH:
            return None  # (a line above the lines read)
        seen += 1
        if _teaser_line(line):
            leads += 1
            marked += _lead_marked(" ".join(line.split()))
            if leads > _TEASER_RUN[1]:
                return None  # a longer run of leads is the article's own
            continue
        if not _closing(line):
            if passed is None or _headline_like(line):
                return None
            break
    # (the run ends at a line that is not headline-like, or at the start of the text)
    return passed if leads >= _TEASER_RUN[0] and marked >= _TEASER_MARKED else None


def _kept_over_leads(text: str, stacks: list[list[int]]) -> set[int]:
    """The starts of the lines of the ``stacks`` (each: the starts of its lines) that go: a stack
    over a block of other stories' leads closing the text stays (see :func:`_over_leads`)."""
    drop = {start for stack in stacks for start in stack}
    while drop and (kept := _over_leads(text, drop)) is not None:
        drop.difference_update(next(stack for stack in stacks if kept in stack))
    return drop


def _line(text: str, start: int) -> str:
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


@normalizer("related_headlines", lossy=True)
def related_headlines(text: str) -> str:
    """Remove a stack of two or three other stories' headlines standing between two paragraphs.

    BBC Arabic inserts links to related stories between an article's paragraphs with no prompt: one
    to three headlines (one with a verb in the present or a question), at times over a short
    sub-heading of the article, which stays. A headline alone, a kicker over its headline, a
    question over its answer, verse, a caption, a section title, a speaker's words and the next
    story's headline over its lead stay. Runs after ``duplicate_paragraphs``.

    >>> related_headlines("قال الوزير إن الحكومة ستواصل العمل مع الشركاء لضمان وصول المساعدات إلى جميع المناطق.\\nالحكومة تعلن خطة جديدة لدعم المزارعين في الجنوب\\nأرقام قياسية\\nوأشار التقرير إلى أن الأسعار ارتفعت بنسبة كبيرة خلال الأشهر الماضية بسبب نقص الإمدادات.")
    'قال الوزير إن الحكومة ستواصل العمل مع الشركاء لضمان وصول المساعدات إلى جميع المناطق.\\nأرقام قياسية\\nوأشار التقرير إلى أن الأسعار ارتفعت بنسبة كبيرة خلال الأشهر الماضية بسبب نقص الإمدادات.'
    """
    return _related(text)


#: A stream's piece is cleaned as text that does not end there when at least this many non-blank
#: lines follow it: what :func:`_over_leads` reads (the last :data:`boilerplate._CLOSING_REACH` lines
#: and the lines of the stacks among them, three at most above each) is then all after it.
HELD_ROWS = 4 * _CLOSING_REACH + 4


def _related(text: str, last: bool = True) -> str:
    """:func:`related_headlines` of ``text``; ``last=False``: text that does not end there (a
    stream's piece with at least :data:`HELD_ROWS` non-blank lines after it), where no stack stays
    over a block of leads closing the text (:func:`_over_leads`)."""
    if "\n" not in text:
        return text
    firsts = [m.start() + 1 for m in _STACK_SCAN.finditer(text)]
    if not firsts:
        return text
    if "\r" in text:  # (a line ended by CR alone is a line, as for the steps before)
        text = _lf(text)
        firsts = [m.start() + 1 for m in _STACK_SCAN.finditer(text)]
    stacks: list[list[int]] = []  # the starts of the lines each stack drops
    drop: set[int] = set()  # (all of them)
    for first in firsts:
        if first in drop or not _may_open(text, first) or not _stack_head(_line(text, first)):
            continue
        rows = _window(text, first)
        if rows is None:
            continue
        # Each stack is decided from the row above it, its lines and the row under it alone: the
        # stacks found in the windows are those of the whole text.
        lines = [_line(text, start) for start in rows]
        gone = [rows[i] for i in _stacked_headlines(lines, list(range(len(lines))))]
        if gone:
            stacks.append(gone)
            drop.update(gone)
    if last:
        drop = _kept_over_leads(text, stacks)
    return _rebuild(text, sorted(drop)) if drop else text


def may_cut(a: str, b: str) -> bool:
    """Whether a stream may be cut between ``a`` and ``b``, two consecutive non-blank lines, each
    piece then cleaned on its own giving what the whole text gives.

    No stack spans the cut: a stack reads the row above it, its lines (each a line of a stack's
    shape, the first a headline's) and the row under it; ``a`` is no line of a stack, so it could
    only be the row above one, and ``b`` opens none. Neither is a line the rule looks past (the rows
    either side of the cut are then ``a`` and ``b``), and neither holds a CR (a line of its own to
    the step). (What the rule reads from the end of the text is read in the stream's last pieces:
    see :data:`HELD_ROWS`.)

    >>> p = "قال المتحدث باسم الوزارة إن الاجتماع ناقش عددا من الملفات المهمة وأكد ضرورة التعاون."
    >>> may_cut(p, p), may_cut(p, "الحكومة تعلن خطة جديدة لدعم المزارعين في الجنوب")
    (True, False)
    """
    a, b = a.rstrip("\r"), b.rstrip("\r")
    if "\r" in a or "\r" in b or _looked_past(a) or _looked_past(b):
        return False
    return not _stack_line(a) and not _stack_head(b)
