"""Pull quotes: a short line standing between paragraphs that restates one of them nearby.

A print page sets a sentence of the article apart in large type: "القراءة اليومية تفتح أبواب المعرفة
أمام الأجيال" between two paragraphs, a few lines under (or over) "وقال الكاتب: إن القراءة اليومية
تفتح أبواب المعرفة أمام الأجيال، …". A scrape keeps it as a line of the text; its words
stay in the paragraph it restates, so removing it loses nothing. The ``captions`` step (strict)
removes it as it removes a photo's caption (see :func:`pull_quote_starts`).

What a pull quote is, and what stays:

- its shape (:func:`shape`): 6 to 20 words and at most :data:`_CHARS` characters (white space made
  single, as ``whitespace`` leaves it), judged without the decoration ``headings`` strips from a
  heading (``■ …``); no sentence punctuation at its end (but ``..``), no colon there (a line that
  introduces what follows), no list number, no quotation standing alone (quotation marks around
  it, braces, ``﴿``), not vocalised (verse);
- where it stands: right under and right over a *paragraph* (a line with no label of at least
  :data:`_PARAGRAPH` words that ends with a full stop or has more than :data:`_LONG` words), past
  blank lines and the captions and datelines the strict steps remove; not under a question (an
  answer); with no blank line right under it (a title or a heading stands so: the next article's
  title in a file of articles, or any line the headings step made a heading, which it sets apart:
  a second run leaves what the first kept, as the later steps only add blank lines); and under at
  least :data:`_BEFORE` *window lines* (lines with no label of their own and not of its shape)
  before any other line (the head of an article or of a section: a title, a sub-heading);
- what it says: at least :data:`_MIN_WORDS` content words (folded, without the article, one clitic
  letter and function words, cut to four letters), of which one paragraph among the
  :data:`_BEFORE` window lines above or among the second to :data:`_AFTER`-th below holds
  :data:`_SHARE`, :data:`_RUN` of them in a row in the same order, and :data:`_OWN` of them in no
  other paragraph of the window (the topic's words, which every paragraph repeats, make no copy).
  The window under it ends at :data:`_BREAK` lines in a row that are neither window lines nor passed
  over (a list of headlines, verse, another article's head). A line that restates the paragraph
  right under it is a sub-heading over it (or a title over its lead): it stays; and a line compared
  with a paragraph further down stays if it shares a word with the paragraph right under it (a
  heading over its section, a title over its lead) or opens with a speaker and a colon (an
  interview's sub-heading over the paragraphs where that person speaks).
- Lines are taken from the top down: a pull quote taken is passed over by the lines under it, as a
  second run, without it, passes over nothing there.

Removing one never changes what a second run decides (the steps stay idempotent):
- it is no window line and never stands next to a line of its shape or a labelled line, so no
  other line's window changes; the lines passed over are passed over whether or not they are there;
- ``boilerplate`` (run before) reads the paragraph under it and the one over it as they are: the one
  over it is no related-article headline (it ends a sentence or is long), so no list of headlines
  under a prompt reaches past it, and the one under it is no other story's lead, no note about the
  text and no line of a closing block (:func:`_closing_safe`), so every closing block ends under it;
  the whole-text check of boilerplate's decisions that an earlier version ran is not needed;
- ``bylines`` and ``datelines`` look at the head and the end of the article and at names and places
  standing next to each other: a paragraph stands on each side of the pull quote (a dateline over
  it that introduces it, ``الرياض -``, is then decided with the paragraph under it, in this run as
  in the next).

Portrait captions (:func:`_is_portrait_caption`) go the same way: a page with a photo of each
expert it quotes prints under it the expert's name and a line of what they say ("فلان: الحلول
المؤقتة لا تكفي"). A scrape keeps that line where the photo stood: between paragraphs, with a
blank line under it, in a text whose paragraphs follow one another with no blank line and whose
sub-headings stand right over their paragraphs. The speaker is someone the paragraphs around name,
but the line heads no section of theirs: a paragraph going on with the speaker over it ("وأضاف أن
…") or a sub-heading comes under it, and another such line stands in its window (a page's
portraits; the next article's title in a file of articles stands alone). On the bulk corpus
(20,595 documents, and its three files read whole) it takes the three lines of the one article
that has such portraits; "speaker: words" lines with a blank line under them elsewhere are
sub-headings over the paragraphs where their speaker is named, titles, or lines of texts laid out
with a blank line under every line, and stay.

Cost: one pass in C finds the line ends the rule looks at (:data:`_END`); quick looks at a line and
its neighbours (:func:`shape`, :func:`_near_paragraph`) leave few lines to compare,
each line is stemmed once (:func:`_content`, cached) and a huge text is never split
(:class:`_Lines`); another pass in C finds the lines that may be portrait captions
(:data:`_SPEAKER_LINE`). ``cleaner.stream`` cuts the strict steps where the rule cannot look across the
cut (see ``stream._plain_run``): :func:`shape` tells it which lines are of a pull quote's shape.
"""

from __future__ import annotations

import functools
import re

from . import headings as _h
from . import structure as _s
from .headings import _LEAD_CHARS, _TRAIL_CHARS, _core_words

_CHARS = 300
_MIN_WORDS, _MAX_WORDS = 6, 20
_BEFORE, _AFTER = 4, 4  # window lines looked at above and below
_BREAK = 2  # lines in a row that are neither window lines nor passed over: the window ends
_PARAGRAPH = 12  # words of a paragraph
_LONG = 25  # words of a paragraph that need not end with a full stop
_SHARE, _RUN, _OWN = 0.8, 4, 0.5
_SHORT_TEXT = 1 << 12  # (characters: a quick count of the lines of a short text)

# The ends of the lines that may be pull quotes: a line break after a line ending with no sentence
# punctuation (or with two dots, or with white space, which _is_pull_quote strips), before a line
# that is not blank. One pass in C that stops at each line break for a look around it.
_END = re.compile(r"\n(?:(?<=[^.!?؟…،,؛;\s]\n)|(?<=\.\.\n)|(?<=[^\S\n]\n))(?![^\S\n]*+(?:\n|\Z))")
_STOPS = frozenset(".!?؟…،,؛;")
_CLOSERS = "'\"»”’)]"
_QUOTES = (frozenset("\"«“'‘"), frozenset("\"»”'’"))
_NUMBERED = re.compile(r"\(?[0-9٠-٩]{1,3}\s?[.)\-–:]")
_VOWEL_MARKS = re.compile("[\u064c-\u0652]")  # not the fathatan of an adverb ("شيئًا مفيدًا")
_FUNCTION_WORDS = frozenset(
    _s._fold(w)
    for w in (
        "في من على علي إلى الى الي إلي عن مع أن ان إن لا لم لن ما هل كيف لماذا هذا هذه ذلك تلك التي التى الذي الذى "
        "الذين و أو او ثم قد كل بعد قبل حول بين عند كان كانت يكون تكون هو هي هم هن نحن أنا انا له لها لهم به بها "
        "فيه فيها منه منها عليه عليها إليه اليه كما أيضا ايضا حيث إذا اذا لقد غير بل لكن ولكن حتى منذ خلال دون "
        "عبر نحو أي اي تم يتم ليس وقد فقد وهو وهي وفي ومن وعلى وإلى والى وعن ومع وأن وان وكان وكانت وهذا وهذه وذلك"
    ).split()
)
# The words of a folded line: runs of letters and digits.
_WORDS = re.compile(r"[^\W_]+")
_ARTICLES = ("وال", "بال", "فال", "كال")


@functools.lru_cache(maxsize=16384)
def shape(line: str) -> bool:
    """Whether ``line`` has a pull quote's shape (see above); ``cleaner.stream`` asks too."""
    if "\n" in line:
        return False
    s = line.strip()
    if len(s) < 11 or s[-1] in ":：":
        return False  # (a line ending with a colon introduces what follows)
    if s[0] not in _LEAD_CHARS and s[-1] not in _TRAIL_CHARS:  # (quick: no decoration, its words are the line's)
        parts = s.split(None, _MAX_WORDS)
        end = s.rstrip(_CLOSERS)
        if len(parts) > _MAX_WORDS or len(parts) < _MIN_WORDS or not end or (end[-1] in _STOPS and not end.endswith("..")):
            return False
    s = " ".join(line.split()) if len(s) > _CHARS or "  " in s else s  # as whitespace leaves it
    if not 11 <= len(s) <= _CHARS or "{" in s or "﴿" in s:
        return False
    if len(s.split(None, _MIN_WORDS - 1)) < _MIN_WORDS:
        return False  # fewer words, and fewer still without the decoration
    words = _core_words(s)  # without a heading's decoration: the headings step strips it
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return False
    core = " ".join(words)
    end = core.rstrip(_CLOSERS)
    if not end or (end[-1] in _STOPS and not end.endswith("..")):
        return False
    if core[0] in _QUOTES[0] and core[-1] in _QUOTES[1]:
        return False  # a quotation standing alone
    if _NUMBERED.match(core) or len(_VOWEL_MARKS.findall(s)) > 2:
        return False  # a numbered item; vocalised verse or scripture
    return True


def _fold_line(line: str) -> str:
    """``line`` folded as ``paragraph_key`` folds it, its spacing kept."""
    for char, folded in _s._FOLD_PAIRS:
        if char in line:
            line = line.replace(char, folded)
    return _s._MARKS.sub("", line).lower()


@functools.lru_cache(maxsize=4096)
def _content(line: str) -> tuple[str, ...]:
    """The content words of ``line``, folded and stemmed, in their order: a word without its article
    (if two letters are left) or else without one clitic letter (if four are left), cut to four
    letters; numbers whole; no function words."""
    out = []
    for word in _WORDS.findall(_fold_line(line)):
        if len(word) < 2 or word in _FUNCTION_WORDS:
            continue
        if word.isdigit():
            out.append(word)
            continue
        n = len(word)
        if n >= 5 and word[:3] in _ARTICLES:
            word = word[3:]
        elif n >= 4 and (word[:2] == "لل" or word[:2] == "ال"):
            word = word[2:]
        elif n >= 5 and word[0] in "وفبلك":
            word = word[1:]
        out.append(word[:4])
    return tuple(out)


def _longest_run(words: tuple[str, ...], paragraph: tuple[str, ...]) -> int:
    """The most words of ``words`` in a row that ``paragraph`` holds in a row too."""
    where: dict[str, list[int]] = {}
    for k, w in enumerate(paragraph):
        where.setdefault(w, []).append(k)
    best = 0
    previous: dict[int, int] = {}
    for w in words:
        current = {k: previous.get(k - 1, 0) + 1 for k in where.get(w, ())}
        if current:
            best = max(best, *current.values())
        previous = current
    return best


def _speaker(line: str) -> bool:
    """A line that opens with a speaker and a colon ("فلان: …", "د. فلان: …"): a colon in its first
    four words."""
    return any(":" in w or "：" in w for w in line.split(None, 4)[:4])


def _words_at_least(line: str, n: int) -> bool:
    return len(line.split(None, n - 1)) >= n


def _prose(line: str) -> bool:
    """A paragraph standing next to a pull quote: at least _PARAGRAPH words, and ending with a full
    stop or longer than _LONG words (no related-article headline for ``boilerplate``)."""
    if len(line) < 2 * _PARAGRAPH or not _words_at_least(line, _PARAGRAPH):
        return False
    s = line.rstrip()
    return (s[-1] == "." and s[-2:] != "..") or _words_at_least(s, _LONG + 1)


def _closing_safe(line: str) -> bool:
    """The paragraph under a pull quote ends every block of ``boilerplate``'s closing rules there:
    it is no other story's lead, no note about the text, no line of a closing series or of the
    furniture closing an article (see boilerplate._teaser_tail, _closing_notes, _closing_series,
    _trailing_ok). (_prose lines have more than 12 words and end a sentence or have more than 25.)"""
    from . import boilerplate as b

    return not (b._teaser_line(line) or b._note_line(line) or b._trailing_ok(line) or b._series_line(line))


class _Lines:
    """The lines of ``text`` around the ones asked for, by their start: found with ``find`` and
    ``rfind`` (a huge text is not split), each line's label and kind worked out once."""

    def __init__(self, text: str, captions: set[int]):
        self.text = text
        self.captions = captions  # the starts of the lines labelled caption (found by the step)
        self.kinds: dict[int, int] = {}
        self.labels: dict[int, str | None] = {}

    def line(self, start: int) -> str:
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def up(self, start: int) -> int:
        """The start of the line before the one at ``start`` (-1: none)."""
        return -1 if start == 0 else self.text.rfind("\n", 0, start - 1) + 1

    def down(self, start: int) -> int:
        """The start of the line after the one at ``start`` (-1: none)."""
        end = self.text.find("\n", start)
        return -1 if end < 0 else end + 1

    def label(self, start: int) -> str | None:
        """The label the line at ``start`` earns on its own (see structure._local_label)."""
        got = self.labels.get(start, _UNKNOWN)
        if got is _UNKNOWN:
            if start in self.captions:
                got = _s.CAPTION
            else:
                line = self.line(start)
                if not _s._filled(line) or len(line) > 400:
                    got = None  # (a long line is prose, see structure._local_label)
                elif len(line.split(None, 12)) > 12:
                    # Past 12 words a line earns a caption's label (found already) or an interview's credit.
                    got = _s.BYLINE if _s._INTERVIEW.match(line) and _s.is_interview_credit(line) else None
                elif _s._SHORT_LINE.fullmatch("\n" + line) and not _s._may_label(line):
                    got = None  # (the quick look of the steps: no label, see structure._may_label)
                else:
                    got = _s._local_label(line)
            self.labels[start] = got
        return got  # type: ignore[return-value]

    def kind(self, start: int) -> int:
        got = self.kinds.get(start)
        if got is None:
            line = self.line(start)
            if not _s._filled(line):
                got = _BLANK
            elif (
                len(line) > 2 * _MAX_WORDS
                and start not in self.captions
                and len(line.split(None, _MAX_WORDS)) > _MAX_WORDS
                and line.lstrip()[0] not in _LEAD_CHARS
                and line.rstrip()[-1] not in _TRAIL_CHARS
                and not _s._INTERVIEW.match(line)
            ):
                got = _PARAGRAPH_LINE  # (quick: a long line, no label of its own and no decoration)
            else:
                label = self.label(start)
                if label in (_s.CAPTION, _s.DATELINE):
                    got = _PASS
                elif label is not None or shape(line):
                    got = _BLOCK
                else:
                    got = _PARAGRAPH_LINE if _s._long(line, _PARAGRAPH) else _WINDOW
            self.kinds[start] = got
        return got

    def next_kept(self, start: int, step: int) -> int:
        """The nearest line from ``start`` on (``step`` -1: up, 1: down) that is neither blank nor
        passed over (-1: none)."""
        move = self.up if step < 0 else self.down
        start = move(start)
        while start >= 0 and self.kind(start) <= _PASS:
            start = move(start)
        return start

    def walk(self, start: int, step: int, want: int, stop: int = _BREAK) -> list[int]:
        """Up to ``want`` window lines from the line at ``start`` on, not past ``stop`` lines in a
        row that are neither window lines nor passed over."""
        move = self.up if step < 0 else self.down
        found: list[int] = []
        blocked = 0
        start = move(start)
        while start >= 0 and len(found) < want:
            got = self.kind(start)
            if got >= _WINDOW:
                found.append(start)
                blocked = 0
            elif got == _BLOCK:
                blocked += 1
                if blocked == stop:
                    break
            start = move(start)
        return found


_UNKNOWN = object()
_BLANK, _PASS, _BLOCK, _WINDOW, _PARAGRAPH_LINE = range(5)


def _restates(said: tuple[str, ...], held: tuple[str, ...]) -> list[str] | None:
    """The words of ``said`` that ``held`` (a paragraph's) holds, if it holds _SHARE of them with
    _RUN in a row: a copy; else None."""
    misses = len(said) - _SHARE * len(said)
    have = set(held)
    kept = [w for w in said if w in have]
    if len(said) - len(kept) > misses or _longest_run(said, held) < _RUN:
        return None
    return kept


def _is_pull_quote(lines: _Lines, start: int) -> bool:
    line = lines.line(start)
    if not shape(line) or lines.label(start) is not None:
        return False
    above = lines.next_kept(start, -1)
    if above < 0 or lines.kind(above) < _WINDOW:
        return False
    text_above = lines.line(above)
    if not _prose(text_above) or text_above.rstrip().endswith(("?", "؟")):
        return False  # not under a paragraph; the answer to a question
    below = lines.next_kept(start, 1)
    if below < 0 or lines.kind(below) < _WINDOW or not _prose(lines.line(below)):
        return False
    said = _content(line)
    if len(said) < _MIN_WORDS:
        return False
    before = lines.walk(start, -1, _BEFORE, stop=1)
    if len(before) < _BEFORE:
        return False  # the head of an article (or of a section): a title or a sub-heading is near above
    after = lines.walk(start, 1, _AFTER)
    misses = len(said) - _SHARE * len(said)
    paragraphs = [p for p in before + after if lines.kind(p) == _PARAGRAPH_LINE]
    # A quick look first: the words are pieces of the paragraphs' folded text, all together.
    folded = _fold_line("\n".join(map(lines.line, paragraphs)))
    if sum(w not in folded for w in said) > misses:
        return False
    found = None
    for p in paragraphs:
        folded = _fold_line(lines.line(p))
        missing = 0
        for w in said:  # a quick look: a word of the paragraph's is a piece of its folded text
            if w not in folded:
                missing += 1
                if missing > misses:
                    break
        if missing > misses:
            continue
        kept = _restates(said, _content(lines.line(p)))
        if kept is None:
            continue
        if p == after[0]:
            return False  # it restates the paragraph right under it: a sub-heading (or a title)
        if p in after and (_speaker(line) or not set(said).isdisjoint(_content(lines.line(after[0])))):
            # A speaker and their words over the paragraphs where they speak, or a line saying
            # something of the paragraph right under it: a sub-heading, or a title over its lead.
            continue
        if found is None:
            others = [set(_content(lines.line(q))) for q in paragraphs if q != p]
            if sum(not any(w in o for o in others) for w in kept) >= _OWN * len(said):
                found = p
    if found is None:
        return False
    return _closing_safe(lines.line(below))


# --- Portrait captions ---------------------------------------------------------------------------
# A line "speaker: words" under an expert's portrait ("فلان: التوقيت يتبع نوع العملية"), set apart from
# the text as a caption is: see _is_portrait_caption. Found in one pass in C: a name of at most 40
# characters and a colon open the line, at most 300 more close it; a blank line is under it, and the
# next line may be what _is_portrait_caption asks for there: a paragraph going on with "و" or "ف" and
# a verb of headings._SAME_SPEAKER ("وأضاف أن …"), a line of at most 12 words (a sub-heading, or a
# dateline passed over), or a line of at most 25 words ending with no full stop right over another
# line (a sub-heading over its paragraph). (Captions passed over: see _speaker_lines.)
_SPEAKER_LINE = re.compile(
    r"\n[^\n:：]{1,40}+[:：][^\n]{8,300}+"
    r"(?=\n[^\S\n]*+\n(?:[^\S\n]*+\n)*+[^\S\n]*+"
    r"(?:[وف](?:[أا]ضاف|[أا]شار|تابع|[أا]وضح|[أا]كد|لفت|شدد|بين|استطرد|[أا]ردف|ختم|نوه|ي)"
    r"|(?:\S++[^\S\n]*+){1,12}+(?:\n|\Z)"
    r"|(?:\S++[^\S\n]*+){13,25}+(?<![^.]\.)(?<![^.]\.\s)(?<![^.]\.\s\s)\n[^\S\n]*+\S))"
)
_BLANK_LINE = re.compile(r"\n[^\S\n]*+\n")
# Titles before a name ("د. فلان"), folded as _content folds a line.
_TITLES = frozenset(_fold_line(w) for w in "د دكتور الدكتور الدكتورة م المهندس أ الأستاذ أستاذ الشيخ".split())
_NAME_WORD = re.compile(r"[^\W\d_]{2,}")


def _speaker_name(line: str) -> str | None:
    """The last word of the name that opens ``line`` before a colon ("د. فلان الفلاني: …" gives
    "الفلاني"), folded; None when no name and words said follow: at most four words before the colon
    and at most three of them no title, three words or more after it, no verb of saying opening the
    line ("وقال فلان: …" is a quotation in the text)."""
    colon = line.find(":")
    wide = line.find("：")
    if colon < 0 or 0 <= wide < colon:
        colon = wide
    who, said = line[:colon], line[colon + 1 :]
    if colon < 1 or len(who.split(None, 4)) > 4 or len(said.split(None, 3)) < 3:
        return None
    names = [w for w in _WORDS.findall(_fold_line(who)) if w not in _TITLES]
    if not 1 <= len(names) <= 3 or not _NAME_WORD.fullmatch(names[-1]):
        return None
    if _h._SPEECH.match(" ".join(_core_words(line))):
        return None
    return names[-1]


def _named(name: str, line: str) -> bool:
    """``line`` names ``name`` after another word that is no function word (a given name, a title:
    "حمود الزيادي", "د. فلان")."""
    if name not in line:
        return False
    words = _WORDS.findall(line)
    return any(w == name and k and words[k - 1] not in _FUNCTION_WORDS for k, w in enumerate(words))


def _past_captions(lines: _Lines, start: int, step: int) -> int:
    """The start of the line next to the one at ``start`` (``step`` -1: up, 1: down) past the lines
    labelled caption, which the step removes (-1: none)."""
    move = lines.up if step < 0 else lines.down
    start = move(start)
    while start >= 0 and start in lines.captions:
        start = move(start)
    return start


def _is_portrait_caption(lines: _Lines, start: int) -> bool:
    """A portrait's caption: "speaker: words" (:func:`_speaker_name`) of a pull quote's shape,
    standing apart from text laid out otherwise. The page sets the text's paragraphs one under the
    other and each sub-heading right over its paragraph, and the caption with a blank line under it:

    - a blank line right under it, and a blank line or a paragraph right above it (past captions);
      a paragraph is the nearest line above it, past blank lines, under at least :data:`_BEFORE`
      window lines (not the head of the article);
    - two paragraphs of its window (see :func:`_is_pull_quote`) stand one right under the other, with
      no blank line between them: the text is not laid out with a blank line under every line (as
      ``whitespace`` leaves it: a second run finds none);
    - a paragraph of its window names the speaker, after a given name or a title (a person quoted in
      the text), but the line under it does not: it heads no section of that speaker's (an
      interview's or a report's sub-heading, "فلان: …" over "وقال فلان …", stays);
    - the line under it is a paragraph going on with the speaker of the paragraphs over it ("وأضاف
      أن …", as ``headings`` reads a quotation pulled out of a speech), or a sub-heading right over a
      paragraph (with no blank line between them).

    Removing it changes no other line's decision: it has a window line on either side (past blank
    lines and captions), it is no window line, and it has a blank line under it and none of its
    rules reads it; the lines under it are decided without it (see :func:`pull_quote_starts`)."""
    line = lines.line(start)
    name = _speaker_name(line)
    if name is None or not shape(line) or not _may_head(lines, start):
        return False
    if lines.label(start) is not None:
        return False
    under = _past_captions(lines, start, 1)
    over = _past_captions(lines, start, -1)
    if under < 0 or over < 0 or lines.kind(under) != _BLANK:
        return False
    if lines.kind(over) != _BLANK and not (lines.kind(over) >= _WINDOW and _prose(lines.line(over))):
        return False
    above = lines.next_kept(start, -1)
    if above < 0 or lines.kind(above) < _WINDOW or not _prose(lines.line(above)):
        return False
    below = lines.next_kept(start, 1)
    if below < 0 or lines.kind(below) < _WINDOW:
        return False
    text_below = lines.line(below)
    if name in _WORDS.findall(_fold_line(text_below)):
        return False  # over the text where its speaker is named: a sub-heading
    if _prose(text_below):
        if _h._SAME_SPEAKER.match(text_below) is None:
            return False  # a paragraph of its own: the line heads it
    else:
        nxt = _past_captions(lines, below, 1)
        if nxt < 0 or lines.kind(nxt) != _PARAGRAPH_LINE or not _prose(lines.line(nxt)):
            return False  # no sub-heading right over its paragraph
    before = lines.walk(start, -1, _BEFORE, stop=1)
    if len(before) < _BEFORE:
        return False
    after = lines.walk(start, 1, _AFTER)
    text = lines.text
    laid_out = False
    for run in (before, after):
        for p, q in zip(run, run[1:]):
            if lines.kind(p) == lines.kind(q) == _PARAGRAPH_LINE:
                lo, hi = (p, q) if p < q else (q, p)
                if _BLANK_LINE.search(text, lo, text.find("\n", hi) + 1 or len(text)) is None:
                    laid_out = True
                    break
        if laid_out:
            break
    if not laid_out:
        return False
    if not any(_named(name, _fold_line(lines.line(p))) for p in before + after if lines.kind(p) == _PARAGRAPH_LINE):
        return False
    # Another speaker's line set apart the same way in its window: the page's portraits (the title
    # of the next article in a file of articles, "فلان: …" over its deck and lead, stands alone).
    other = before[-1]
    end = after[-1] if after else start
    while 0 <= other <= end:
        if other != start and _set_apart_speaker(lines, other):
            return True
        other = lines.down(other)
    return False


def _may_head(lines: _Lines, start: int) -> bool:
    """A quick look at the first line under the one at ``start`` past blank lines, before the lines
    passed over are known: the line under a portrait caption (see _is_portrait_caption) is a
    paragraph going on with its speaker, a line right over another, or past lines passed over."""
    text = lines.text
    first = text.find("\n", start) + 1  # the line under it
    if not first:
        return False
    blank = False
    while True:
        end = text.find("\n", first)
        line = text[first:] if end < 0 else text[first:end]
        if _s._filled(line):
            break
        if end < 0:
            return False  # no line under it
        blank = True
        first = end + 1
    if not blank:
        return True  # a caption right under it, maybe: the whole look
    if _h._SAME_SPEAKER.match(line) is not None:
        return True
    if not _prose(line) and end >= 0:
        nxt = text.find("\n", end + 1)
        if _s._filled(text[end + 1 :] if nxt < 0 else text[end + 1 : nxt]):
            return True  # right over another line
    # passed over: a caption, or a dateline (at most 12 words)
    return first in lines.captions or (not _words_at_least(line, 13) and lines.kind(first) == _PASS)


def _set_apart_speaker(lines: _Lines, start: int) -> bool:
    """The line at ``start`` is "speaker: words" of a pull quote's shape with a blank line under it
    (past captions)."""
    line = lines.line(start)
    if ":" not in line[:41] and "：" not in line[:41]:
        return False
    under = _past_captions(lines, start, 1)
    return under >= 0 and lines.kind(under) == _BLANK and shape(line) and _speaker_name(line) is not None


def _speaker_lines(text: str, captions: set[int] | frozenset[int]) -> list[int]:
    """The starts of the lines that may be portrait captions, latest first: "name: …" with a blank
    line under it, or over captions that a blank line follows (the step removes them: a second run
    finds the blank line right under it)."""
    if ":" not in text and "：" not in text:
        return []
    found = {m.start() + 1 for m in _SPEAKER_LINE.finditer(text)}
    for start in captions:
        # a caption under blank lines under it
        over = text.rfind("\n", 0, start - 1) + 1 if start else -1
        blank = False
        while over >= 0 and not _s._filled(text[over : text.find("\n", over)]):
            blank = True
            over = text.rfind("\n", 0, over - 1) + 1 if over else -1
        if blank and over >= 0 and (":" in text[over : over + 41] or "：" in text[over : over + 41]):
            found.add(over)
        over = start
        while over > 0 and over in captions:
            over = text.rfind("\n", 0, over - 1) + 1
        under = start
        while under in captions:
            end = text.find("\n", under)
            under = -1 if end < 0 else end + 1
        if over in captions or under < 0:
            continue
        end = text.find("\n", under)
        if _s._filled(text[under:] if end < 0 else text[under:end]):
            continue
        head = text[over : over + 41]
        if ":" in head or "：" in head:
            found.add(over)
    return sorted(found, reverse=True)


def _take_portrait(lines: _Lines, start: int, out: list[int]) -> None:
    if start not in out and _is_portrait_caption(lines, start):
        out.append(start)
        lines.kinds[start] = _PASS  # the lines under it see the text without it, as a second run does


def pull_quote_starts(text: str, captions: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """The starts of the pull quotes of ``text`` (LF line ends) and of its portrait captions (see
    :func:`_is_portrait_caption`); ``captions``: the starts of its lines labelled caption (others
    are labelled here, as they are needed)."""
    if text.count("\n", 0, _SHORT_TEXT) < _BEFORE + 1 and len(text) < _SHORT_TEXT:
        return []  # (quick: too few lines for a pull quote under four window lines and over a paragraph)
    lines: _Lines | None = None
    out = []
    seen: dict[tuple[int, int], bool] = {}
    # The portrait captions, taken in the same pass from the top down (a line taken is passed over
    # by the lines under it, whichever rule took it).
    portraits = _speaker_lines(text, captions)
    for m in _END.finditer(text):
        end = m.start()
        start = text.rfind("\n", 0, end) + 1
        while portraits and portraits[-1] < start:
            if lines is None:
                lines = _Lines(text, set(captions))
            _take_portrait(lines, portraits.pop(), out)
        # A quick look first: not the first line (the title, or the head of the text), of a pull
        # quote's shape; a paragraph stands over it and under it, past blank lines and lines that
        # may be datelines or captions (see _near_paragraph).
        if start == 0 or end - start < 11:
            continue
        line = text[start:end]
        if not _MIN_WORDS <= len(line.split(None, _MAX_WORDS)) <= _MAX_WORDS and not _decorated(line):
            continue  # (quick: more or fewer words than a pull quote's, see shape)
        # (The same checks in an order that is quick on a list of short lines as on prose: a short
        # line right above is seldom passed over, a long one is mostly a paragraph.)
        if start - text.rfind("\n", 0, start - 1) > 2 * _PARAGRAPH * _MIN_WORDS:
            if not shape(line) or not _near_paragraph(text, start, -1, captions, seen):
                continue
        elif not _near_paragraph(text, start, -1, captions, seen) or not shape(line):
            continue
        if not _near_paragraph(text, start, 1, captions, seen):
            continue
        if lines is None:
            lines = _Lines(text, set(captions))
        if _is_pull_quote(lines, start):
            out.append(start)
            lines.kinds[start] = _PASS  # the lines under it see the text without it, as a second run does
    while portraits:
        if lines is None:
            lines = _Lines(text, set(captions))
        _take_portrait(lines, portraits.pop(), out)
    return sorted(out)


def _decorated(line: str) -> bool:
    """Whether ``line`` may end or start with a heading's decoration (or white space)."""
    return line[0] in _LEAD_CHARS or line[-1] in _TRAIL_CHARS or line[0].isspace() or line[-1].isspace()


def _near_paragraph(
    text: str, start: int, step: int, captions: set[int] | frozenset[int], seen: dict[tuple[int, int], bool]
) -> bool:
    """Whether a line that may be a paragraph (_prose) is the nearest from the line at ``start``
    (``step`` -1: up, 1: down) past blank lines and lines that may be passed over: captions, and
    lines that may be datelines (at most 12 words and 120 characters, see structure._may_label).
    ``seen`` keeps the answer for each line passed (the same from there): each line is read once."""
    passed = [start]
    got = None
    while got is None:
        got = seen.get((start, step))
        if got is not None:
            break
        if step < 0:
            if start == 0:
                got = False
                break
            end = start - 1
            start = text.rfind("\n", 0, end) + 1
        else:
            end = text.find("\n", start)
            if end < 0:
                got = False
                break
            start = end + 1
            end = text.find("\n", start)
            if end < 0:
                end = len(text)
        line = text[start:end]
        if not line or line.isspace() or start in captions:
            passed.append(start)
            continue
        if _prose(line):
            got = True
        elif len(line) > 400 or not _s._SHORT_LINE.fullmatch("\n" + line) or not _s._may_label(line):
            got = False
        else:
            passed.append(start)
    for k in passed:
        seen[k, step] = got
    return got
