"""Site furniture: related-article prompts, share and follow widgets, subscribe prompts, copyright lines.

The phrases are data (``data/boilerplate.txt``); the ``phrases`` parameter adds more, from a
configuration file (``[tool.cleaner.params.boilerplate] phrases = [...]``) or a Python call
(``cleaner.clean(text, params={"boilerplate": {"phrases": ("…",)}})``).
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from ..registry import normalizer
from .html import _TAG as _HTML_TAG

_SECTIONS = ("related", "line", "alone", "span", "tail")


@functools.cache
def load_phrases() -> dict[str, tuple[str, ...]]:
    """The built-in phrase lists by section (``related``, ``line``, ``span``, ``tail``)."""
    raw = resources.files(__package__).joinpath("data", "boilerplate.txt").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {s: [] for s in _SECTIONS}
    current = "line"
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]") and line[1:-1] in sections:
            current = line[1:-1]
            continue
        sections[current].append(line)
    return {k: tuple(v) for k, v in sections.items()}


# Short vowels, superscript alef, tatweel and the Quranic marks (a later step may drop any of them).
_MARK_CHARS = "\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_MARKS = f"[{_MARK_CHARS}]{{0,4}}"
_MARKS_LIST = "".join(  # the characters of _MARK_CHARS, one by one
    chr(c)
    for a, b in ((0x610, 0x61A), (0x64B, 0x65F), (0x670, 0x670), (0x640, 0x640), (0x6D6, 0x6DC), (0x6DF, 0x6E8), (0x6EA, 0x6ED))
    for c in range(a, b + 1)
)
_FOLD = {"ا": "اأإآٱ", "أ": "اأإآٱ", "إ": "اأإآٱ", "آ": "اأإآٱ", "ي": "يى", "ى": "يى", "ة": "ةه", "ه": "ةه"}


def _runs(chars: str) -> list[tuple[int, int]]:
    """The runs of consecutive code points in ``chars`` (first, last), in order."""
    runs: list[list[int]] = []
    for c in sorted(set(map(ord, chars))):
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return [(a, b) for a, b in runs]


@functools.lru_cache(maxsize=512)
def _cls(chars: str, cats: str = "") -> str:
    """A pattern matching one character of ``chars`` or of the class escapes ``cats`` (``"\\W"``),
    written to compile fast.

    ``re`` builds a 64 K bitmap (about 0.1 ms) for a class holding more than two runs of code
    points when one lies outside Latin-1, and merges an alternation of classes into one class. So
    such a set is written as classes of at most two runs each, the last followed by an empty
    look-ahead (an alternative of two items is not merged). The same characters match.
    """
    runs = _runs(chars)
    if len(runs) <= 2 or runs[-1][1] < 256:
        body = "".join(_item(a, b) for a, b in runs) + cats
        return body if not cats and len(runs) == 1 and runs[0][0] == runs[0][1] else f"[{body}]"
    parts = [f"[{''.join(_item(a, b) for a, b in run)}{'' if k else cats}]" for k, run in enumerate(_pairs(runs))]
    return f"(?:{'|'.join(parts)}(?=))"


def _item(a: int, b: int) -> str:
    """The run of code points ``a`` to ``b`` in a class."""
    return re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"


def _pairs(runs: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """``runs`` two by two."""
    return [runs[i : i + 2] for i in range(0, len(runs), 2)]


def _phrase_pattern(phrase: str, marks: bool = True) -> str:
    """The pattern of ``phrase`` (with re.IGNORECASE); ``marks=False``: for a text holding no mark,
    where the marks allowed after each letter would match nothing anyway."""
    parts = []
    for ch in phrase:
        if ch.isspace():
            parts.append(r"[\s\u00a0]{1,3}")
        elif ch in _FOLD:
            parts.append(f"{_cls(_FOLD[ch])}{_MARKS if marks else ''}")
        elif ch.isalpha() and "\u0600" <= ch <= "\u06ff":
            parts.append(re.escape(ch) + (_MARKS if marks else ""))
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _alternation(phrases: tuple[str, ...], marks: bool = True) -> str:
    unique = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(_phrase_pattern(p, marks) for p in unique) or r"(?!)"


# What a phrase's first letter matches under re.IGNORECASE when it is an ASCII letter (checked
# against every code point): the two cases, and for i, k, s the special folds.
_ASCII_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _search_pattern(phrases: tuple[str, ...], marks: bool = True) -> re.Pattern[str]:
    """``re.compile(f"(?:{_alternation(phrases)})", re.IGNORECASE)`` with the same matches, faster to search.

    The plain alternation is tried at every position of a line. Here one case-sensitive class of
    the characters a phrase can start with comes first (the engine skips to them), then the phrases
    grouped by their first letter, each group checked once by a lookbehind, with the marks after
    that letter read once. Phrases keep their order within a group, and groups match disjoint
    first characters, so at any position the same phrase wins as in the plain alternation.
    """
    def plain() -> re.Pattern[str]:
        return re.compile(f"(?:{_alternation(phrases, marks)})", re.IGNORECASE)

    unique = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    groups: dict[str, tuple[str, frozenset[str], list[str]]] = {}
    for phrase in unique:
        ch = phrase[0]
        if ch in _FOLD:
            first, chars, key = _cls(_FOLD[ch]), frozenset(_FOLD[ch]), _FOLD[ch]
        elif ch.isascii() and ch.isalpha():
            low = ch.lower()
            first, chars, key = re.escape(ch), frozenset(low + low.upper() + _ASCII_FOLDS.get(low, "")), low
        elif ch.lower() == ch == ch.upper() and not _MARKS_RE.match(ch) and not ch.isspace():
            first, chars, key = re.escape(ch), frozenset(ch), ch
        else:
            return plain()  # a cased non-ASCII first letter: keep the plain alternation
        pattern = _phrase_pattern(phrase, marks)
        if not pattern.startswith(first):
            return plain()
        group = groups.setdefault(key, (first, chars, []))
        group[2].append(pattern[len(first) :])
    keys = list(groups)
    for a in range(len(keys)):
        for b in range(a + 1, len(keys)):
            if groups[keys[a]][1] & groups[keys[b]][1]:
                return plain()  # two groups start with one character: order across them would matter
    alternatives = []
    for first, _, rests in groups.values():
        # The marks after the first letter are read once when every phrase of the group goes on
        # with something that is not a mark (so it never matters how many marks were taken).
        if all(r.startswith(_MARKS) and not _MARKS_RE.match(r[len(_MARKS) : len(_MARKS) + 1] or "x") for r in rests):
            alternatives.append(f"(?<={first}){_MARKS}(?:{'|'.join(r[len(_MARKS):] for r in rests)})")
        else:
            alternatives.append(f"(?<={first})(?:{'|'.join(rests)})")
    if not alternatives:
        return plain()
    starts = "".join(sorted(set().union(*(chars for _, chars, _ in groups.values()))))
    return re.compile(f"(?-i:[{re.escape(starts)}])(?:{'|'.join(alternatives)})", re.IGNORECASE)


# What may stand before a phrase at the start of a line: decoration, stray marks, and a link, e-mail
# address or mention glued to it (the `links` step of the search profile removes those later).
_LEAD_CHARS = f"[\\s*#>\\-–—•■▪●◆|/{_MARK_CHARS}]{{0,8}}"
_ASCII = f"[\\x21-\\x7e{_MARK_CHARS}]"
_LEAD = (
    f"^{_LEAD_CHARS}(?:(?:https?://|www\\.|[@#]){_ASCII}{{0,200}}|{_ASCII}{{1,64}}@{_ASCII}{{1,200}})?{_LEAD_CHARS}"
)
_FULL_STOP = re.compile(r"(?<!\.)[.!؟?]['\"»”)]?$")
_MARKS_RE = re.compile(f"[{_MARK_CHARS}]")
_SEP = re.compile(r"[\s\u00a0]{0,3}[:|¦/\\\-–—>»]")
_SENTENCE_END = re.compile(r"[.!?؟][\"'»”)\]]?\s*$")
_WORD = re.compile(r"[^\s:：،,؛;]+")  # words; punctuation glued to the next word splits too
_LETTER = re.compile(r"[^\W\d_]")
# Words that open a new sentence in Arabic news prose: where a glued related headline ends.
# Alef forms, final yeh and teh marbuta folded, as the letter steps (which run first) may have done.
_LETTER_FOLD = str.maketrans("أإآٱىة", "اااايه")
_OPENER = re.compile(
    r"(?:[وف](?:قال|أضاف|اضاف|أكد|اكد|أوضح|اوضح|أشار|اشار|ذكر|بين|بيّن|شرح|ثمن|أعرب|اعرب|أعلن|اعلن|تابع"
    r"|لفت|نوه|شدد|دعا|طالب|كشف|أفاد|افاد|أشاد|اشاد|قد|كان|في|من|على|تأتي|يأتي|تعد|يعد|يعمل|تعمل)ت?"
    r"|كما|من جانبه|من جانبها|من جهته|من جهتها|تجدر|يذكر|يشار|وتجدر|ويذكر|كتب|كتبت|يوفر|توفر|بينما"
    r"|وأشارت|وأكدت|وأوضحت|وبينت|وأضافت|وقالت"
    # "وتوفر", "ويعمل": and + a verb in the present; not a verbal noun of the pattern تفعيل
    # ("وتوظيف ذوي الإعاقة" goes on a headline), which no verb in the present has
    r"|و(?!ت[^\W\d_]{2}ي[^\W\d_](?:[\s\u00a0،,:]|$))[يت][^\W\d_]{2,5})(?=[\s\u00a0،,:]|$)"
    .translate(_LETTER_FOLD)
)


# --- The prefilter: one search over the whole text finds every line a rule may act on ------------
#
# Most lines of an article are prose that no rule touches. One compiled search finds the few lines
# that may hold furniture; the rules only look at those. The search is a superset: wherever a rule
# can match, it finds something in the same line (tested against the rules on generated lines). It
# looks for
# - a navigation token, and a related prompt with a letter glued after it: a piece of the phrase
#   that starts with its rarest letter, so that the engine skips ahead to a few rare letters and
#   seldom stops;
# - a related prompt or a tail widget after the end of a sentence (a full stop, then at most 11
#   spaces, marks and closing quotes): the phrase's first letters; and any colon, with a tail widget
#   in the words before it (checked in Python: colons are rare). Tail widgets are made of common
#   letters: looked for at their letters, they stopped the search some 570,000 times in the 28 MB
#   bulk file; a related prompt inside a sentence ("عن المزيد من") made a candidate for nothing;
# - a phrase that opens a line (all but the navigation tokens, and the user's phrases): a line end,
#   the decoration a line may open with, then the phrase's first letters;
# - what else a rule keys on: ``©``, ``(c)``, ``محفوظة``, "rights", and the ``://``, ``www.``, ``@``
#   and ``#`` of an address or mention that may stand before a phrase or make a social line.

# Characters per 10,000 in Arabic news text (the bulk corpus after the `default` letter steps);
# a character not listed is rarer than all of these.
_FREQ = dict(
    zip(
        "الیيمونرتبةعدسفقهكحج،شصط.خض\"زذثئغء-ظؤ:()/0123456789",
        (1428, 900, 690, 690, 496, 420, 410, 386, 379, 290, 270, 252, 244, 209, 200, 183, 175, 145, 144, 112,
         82, 77, 76, 74, 65, 64, 55, 54, 51, 43, 42, 36, 33, 28, 22, 16, 9, 9, 5, 5, 3,
         17, 17, 14, 6, 5, 6, 5, 5, 4, 4),
    )
)
# The pattern is compiled at start-up, so it is written to compile fast: the engine's compiler
# builds a 64 K bitmap for a character class holding more than two runs of code points outside
# Latin-1 (about 0.1 ms each), so every class here holds at most two such runs (see _cls: an
# alternation of classes is merged into one unless kept apart), and the marks and spaces are
# matched loosely by character categories (a superset: more candidates, never fewer). For a long
# text the same pattern is written with merged classes (slower to compile, quicker to test).
_T_SPACE = "[^\\S\\n]"  # a space inside one line (what ``\s`` matches there)
# A mark: one class, quick to test. The marks other than tatweel and the small waw and yeh are
# neither letters nor spaces; those three are letters to the engine, so a text holding one of them
# gets the looser pattern, where a mark may also be a space or punctuation.
_T_MARKS = {False: "[^\\w\\s]", True: "[\\W\u0640\u06e5\u06e6]"}
_TATWEELS = ("\u0640", "\u06e5", "\u06e6")
_T_LEAD = f"{_T_SPACE}*+(?:[^\\w\\n]|[\u0640\u06e5\u06e6]){{0,16}}+"  # what _LEAD allows before a phrase, loosely
_PIECE_LETTERS = 4  # a piece found inside a line holds at most this many letters from its rare letter on
_BEHIND = 6  # and checks this many characters before it
_HEAD_CHARS = 4  # a piece found at the start of a line holds this many characters of the phrase
# Pieces for the rules that key on something other than a phrase (the copyright notice, addresses).
_SPECIAL = ("©", "(c)", "محفوظ", "rights", "://", "www.", "@", "#", "rn")


def _chars(ch: str) -> str | None:
    """The characters a phrase's ``ch`` matches under re.IGNORECASE (``None``: a cased non-ASCII letter)."""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch.isascii() and ch.isalpha():
        low = ch.lower()
        return low + low.upper() + _ASCII_FOLDS.get(low, "")
    if ch.lower() != ch or ch.upper() != ch:
        return None
    return ch


@functools.lru_cache(maxsize=4096)
def _one_of(chars: str, *more: str, merged: bool = False) -> str:
    """A pattern matching one character of ``chars`` or of the patterns ``more`` (each one
    character wide): fast to compile (see :func:`_cls`: the alternatives are not merged), or
    (``merged``) quick to test: ``re`` merges classes into one (a bitmap, slow to compile)."""
    if merged:
        parts = [f"[{''.join(_item(a, b) for a, b in run)}]" for run in _pairs(_runs(chars))]
        parts = [p if p[1:-1] != re.escape(p[1:-1].replace("\\", "")) or len(p) != 3 else p[1:-1] for p in parts]
        parts += more
        return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"
    parts = ([_cls(chars)] if chars else []) + list(more)
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)}(?=))"


def _arabic(ch: str) -> bool:
    """Whether the phrase pattern allows marks after ``ch`` (see :func:`_phrase_pattern`)."""
    return ch in _FOLD or (ch.isalpha() and "\u0600" <= ch <= "\u06ff")


def _tokens(text: str, loose: bool = False, merged: bool = False) -> list[str] | None:
    """The pattern of ``_piece(text)`` as a list of tokens: a character class per character, spaces
    and the marks allowed after an Arabic letter (``None``: a character it cannot be built for)."""
    parts = []
    for k, ch in enumerate(text):
        if ch.isspace():
            parts.append(f"{_T_SPACE}{{1,3}}")
            continue
        chars = _chars(ch)
        if chars is None:
            return None
        parts.append(_one_of(chars, merged=merged))
        if _arabic(ch) and k + 1 < len(text):  # marks after the last letter cannot matter
            parts.append(f"{_T_MARKS[loose]}{{0,4}}")
    return parts


def _piece(text: str, loose: bool = False, merged: bool = False) -> str | None:
    """A case-sensitive pattern matching (at least) what ``_phrase_pattern(text)`` matches under
    re.IGNORECASE inside a line."""
    tokens = _tokens(text, loose, merged)
    return None if tokens is None else "".join(tokens)


def _inside_checks(
    phrase: str, loose: bool = False, glued: bool = False, merged: bool = False
) -> tuple[str, tuple[str, ...]] | None:
    """The first characters of a pattern finding ``phrase`` inside a line, and the checks (look-arounds,
    all of which must hold) that follow them.

    It starts at the phrase's rarest letter, so that the engine skips ahead to a few rare letters,
    looks ahead at up to :data:`_PIECE_LETTERS` letters of the phrase, and checks up to
    :data:`_BEHIND` characters before that letter with a look-behind of fixed width: the ``d``-th
    character before it may be any character of the ``d`` phrase characters before it, a mark or a
    space (each phrase character stands for one or more characters of text), so the look-behind
    holds wherever the phrase occurs. ``glued``: only where a letter follows the phrase (it looks
    ahead at the whole rest of the phrase, its marks, and that letter).
    """
    best = None
    for k, ch in enumerate(phrase):
        if ch.isspace():
            continue
        chars = _chars(ch)
        if chars is None:
            return None
        cost = sum(_FREQ.get(c, 1) for c in chars)
        if best is None or cost < best[0]:
            best = (cost, k, chars)
    if best is None:
        return None
    _, k, chars = best
    after, count = phrase[k + 1 :], 1
    for end, ch in enumerate(after):
        count += not ch.isspace()
        if count >= _PIECE_LETTERS and not glued:
            after = after[: end + 1]
            break
    ahead = _piece(after, loose, merged)
    if ahead is None:
        return None
    if after and _arabic(phrase[k]):
        ahead = f"{_T_MARKS[loose]}{{0,4}}" + ahead
    if glued:  # the marks after the last letter, then a letter (what str.isalpha accepts, and more)
        ahead += (f"{_T_MARKS[loose]}{{0,4}}" if _arabic(phrase[-1]) else "") + "[^\\W\\d_]"
    # Checked in the order that rejects most candidates soonest: the character just before (one
    # class), the letters after, then the wider look-behind.
    checks = []
    width = min(_BEHIND, k)
    if width:
        classes = []
        for d in range(width, 0, -1):
            near = phrase[k - d : k]
            members = "".join(_chars(c) or c for c in near if not c.isspace())
            more = [_T_MARKS[True]] if any(_arabic(c) for c in near) else []
            more += [_T_SPACE] if any(c.isspace() for c in near) else []
            classes.append(_one_of(members, *more, merged=merged))
        near = "".join(_chars(c) or c for c in phrase[k - 1 : k] if not c.isspace())
        # One class, quick to test (the one check made at every stop: not split for compiling speed).
        checks.append(f"(?<=[{re.escape(near)}\\W\u0640\u06e5\u06e6]{_one_of(chars, merged=merged)})")
    if ahead:
        checks.append(f"(?={ahead})")
    if width > 2:  # the two characters before it (a part of the wider look-behind: quick to reject)
        checks.append(f"(?<={''.join(classes[-2:])}{_one_of(chars, merged=merged)})")
    if width > 1:
        checks.append(f"(?<={''.join(classes)}{_one_of(chars, merged=merged)})")
    return chars, tuple(checks)


def _any_of(checks: Iterable[tuple[str, ...]]) -> str:
    """A pattern holding where all the checks of any one of ``checks`` hold (zero-width look-arounds,
    so the same positions match whatever the order), written to fail soon: a set of checks that
    holds a subset of another's makes it needless, and checks in common are tested once (a tree
    of shared first checks). ``""`` when one set is empty (it always holds)."""
    unique = {tuple(c) for c in checks}
    if () in unique:
        return ""
    kept = [c for c in unique if not any(o != c and set(o) <= set(c) for o in unique)]
    tree: dict[str, list[tuple[str, ...]]] = {}
    for c in sorted(kept):
        tree.setdefault(c[0], []).append(c[1:])
    parts = [first + _any_of(rests) for first, rests in tree.items()]
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


def _heads(phrases: list[str], loose: bool = False, merged: bool = False) -> str | None:
    """A pattern matching the first :data:`_HEAD_CHARS` characters of any of ``phrases`` (which
    open with a letter), one branch per first character: the engine tries only the branches that
    open with the character it meets (``None``: a phrase it cannot be built for)."""
    by_char: dict[str, set[str]] = {}
    for phrase in phrases:
        head = phrase[:_HEAD_CHARS].rstrip()
        chars, rest = _chars(head[0]), _piece(head[1:], loose, merged)
        if chars is None or rest is None:
            return None
        if rest and _arabic(head[0]):
            rest = f"{_T_MARKS[loose]}{{0,4}}" + rest
        by_char.setdefault(chars, set()).add(rest)  # (the alef forms: one branch, opening with a class)
    if not by_char:
        return "(?!)"
    branches = sorted(by_char.items(), key=lambda item: (-sum(_FREQ.get(c, 0) for c in item[0]), item[0]))
    return "(?:" + "|".join(
        _one_of(c, merged=merged) + ("" if "" in r else f"(?:{'|'.join(sorted(r))})") for c, r in branches
    ) + ")"


def _heads_ahead(phrases: list[str], loose: bool = False, merged: bool = False) -> str | None:
    """What :func:`_heads` matches, as a tree (letters in common tested once), for a look-ahead
    only: where it matches, not how far, is the same (``None``: a phrase it cannot be built for)."""
    tree: dict[str, dict] = {}
    for phrase in phrases:
        tokens = _tokens(phrase[:_HEAD_CHARS].rstrip(), loose, merged)  # (as _heads and _piece write them)
        if tokens is None:
            return None
        node = tree
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = {}  # a phrase ends here

    def render(node: dict[str, dict]) -> str:
        if "" in node:
            return ""  # (what follows in longer phrases needs not be tested)
        parts = [token + render(child) for token, child in sorted(node.items())]
        return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"

    return render(tree) if tree else "(?!)"


_NON_SPACE = re.compile(r"\S")


class _Trigger:
    """Finds the lines any rule may act on: :meth:`positions` in a whole text, :meth:`holds` for one line.

    ``pattern`` finds a piece of a phrase (see :func:`_inside_checks`), a line start followed by the
    first letters of a phrase that opens a line, a related prompt or tail widget after the end of a
    sentence, a special, or a colon (a tail widget may stand before it: ``colon`` finds one, and
    each line is looked at once).
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        colon: re.Pattern[str],
        near: re.Pattern[str] | None = None,
        apart: tuple[re.Pattern[str], ...] = (),
    ):
        self.pattern = pattern
        self.colon = colon
        self.near = near  # a quick first look for ``colon`` (a superset: finds something wherever it does)
        # Branches for a common first character, searched on their own (see _trigger).
        self.apart = apart

    def head(self, line: str) -> bool:
        """Whether ``line`` (or the first line of a text) opens with a phrase that opens a line."""
        # The pattern's line-start branch (the only one opening with a line end), on the line's
        # first characters: the spaces before the first other character, and what may follow them.
        first = _NON_SPACE.search(line)
        end = (first.start() if first else len(line)) + 200
        return self.pattern.match("\n" + line[:end]) is not None

    def _hits(self, text: str, first: bool = False) -> list[int]:
        """The candidates in ``text`` (``first``: the first one only)."""
        out: list[int] = []
        line_end, colon_ok = -1, False  # the line of the last colon met, and whether it counts
        # The pattern and the branches searched apart: the first match from ``pos`` of the one
        # alternation holding them all is the first of theirs (no two branches open with one
        # character, and a match at a position does not depend on where the search started).
        searches = [self.pattern.search, *(p.search for p in self.apart)]
        found = [search(text, 0) for search in searches]
        pos = 0
        while True:
            m = None
            for i, search in enumerate(searches):
                f = found[i]
                if f is not None and f.start() < pos:
                    f = found[i] = search(text, pos)  # (else still the first from pos)
                if f is not None and (m is None or f.start() < m.start()):
                    m = f
            if m is None:
                break
            start, end = m.span()
            pos = end
            if text[end - 1] == ":" and start == end - 1:
                if end > line_end:
                    line_end = text.find("\n", end)
                    line_end = len(text) if line_end < 0 else line_end
                    colon_ok = self._colon_line(text, end - 1, line_end)
                if not colon_ok:
                    continue
            out.append(end - 1)
            # One candidate is enough for a line: go on from its end (a line start is found there).
            pos = text.find("\n", end)
            if first or pos < 0:
                break
        return out

    def _colon_line(self, text: str, at: int, line_end: int) -> bool:
        """Whether a tail widget may stand before a colon (at ``at``) in its line, once for the line.

        The widget starts in the last 400 characters of the line, a colon follows it, and the line
        does not end with the end of a sentence."""
        start = max(text.rfind("\n", max(0, line_end - 401), at) + 1, line_end - 400, 0)
        region = text[start:line_end]
        if _ends_sentence(region) or (self.near is not None and self.near.search(region) is None):
            return False
        m = self.colon.search(region)
        return m is not None and ":" in region[m.start() + 1 :]  # (after its start: a loose match may take a colon in)

    def positions(self, text: str) -> list[int]:
        """Positions in ``text`` (a whole text) of furniture candidates: every line a rule may act
        on holds one (the first line may hold one at 0)."""
        out = [0] if self.head(text) else []
        out.extend(self._hits(text))
        return out

    def holds(self, line: str) -> bool:
        """Whether a rule may act on ``line`` (one line): ``False`` means no rule does."""
        return self.head(line) or self.inside(line)

    def inside(self, line: str) -> bool:
        """Whether a rule may find furniture inside ``line`` (no line end: no line-start piece)."""
        return bool(self._hits(line, first=True))


#: A branch of the trigger for a first character at least this common (per 10,000, see _FREQ) is searched apart.
_APART_FREQ = 100

#: A text this long is searched with the trigger quicker to search (its classes merged: some 10 ms
#: more to compile, some 5% less to search).
_MERGED_CHARS = 1 << 20


@functools.lru_cache(maxsize=32)
def _trigger(extra: tuple[str, ...] = (), loose: bool = False, merged: bool = False) -> _Trigger | None:
    """The :class:`_Trigger` for the built-in phrases plus ``extra`` (``None``: cannot be built);
    ``loose``: for a text holding a tatweel or a small waw or yeh (see :data:`_T_MARKS`); ``merged``:
    the classes written to be quick to test rather than to compile (the same matches)."""
    lists = load_phrases()
    # Inside a line, a related prompt is cut only after the end of a sentence or where a letter
    # follows it, a tail widget only after the end of a sentence or before a colon (see
    # glued_spans): they are looked for there, not wherever their letters stand (common letters:
    # they would stop the search often and find many lines no rule acts on).
    related = {p.strip() for p in lists["related"]} - {""}
    tails = {p.strip() for p in lists["tail"]} - {""}
    inside = {p.strip() for p in lists["span"]}
    opening = ({p.strip() for p in lists["line"] + lists["alone"] + extra} | related | tails) - inside
    # After the decoration _LEAD allows (an address before it is a special), the first letters.
    inside |= {p for p in opening if p and not p[0].isalpha()}
    starts = _heads(sorted(p for p in opening if p and p[0].isalpha()), loose, merged)
    gated = sorted(related | tails)
    after_stop = _heads(gated, loose, merged)
    if starts is None or after_stop is None or not all(p[0].isalpha() for p in gated):
        return None
    tail_whole = set()
    for phrase in sorted(tails):
        rest, chars = _piece(phrase[1:], loose, merged), _chars(phrase[0])
        if rest is None or chars is None:
            return None
        marks = f"{_T_MARKS[loose]}{{0,4}}" if _arabic(phrase[0]) and rest else ""
        tail_whole.update(re.escape(c) + marks + rest for c in chars)  # each opens with its letter: quick to search
    # One branch per first character: the engine skips to those characters (the set of first
    # characters of the branches) and tries only the branch that opens with the one it found.
    by_char: dict[str, set[tuple[str, ...]]] = {}
    pieces = [(p, False) for p in sorted(inside | set(_SPECIAL)) if p] + [(p, True) for p in sorted(related)]
    for phrase, glued in pieces:
        piece = _inside_checks(phrase, loose, glued, merged)
        if piece is None:
            return None
        for ch in piece[0]:
            by_char.setdefault(ch, set()).add(piece[1])
    # After the end of a sentence (then a closing quote or bracket, spaces and marks: the sentence
    # end is at most 12 characters back), the first letters of a related prompt or a tail widget;
    # and any colon (checked in _Trigger._hits).
    # (Only the last of a run of sentence ends and colons is tried: the run is one word.)
    gap = "(?:[^\\w\\n]|[\u0640\u06e5\u06e6]){0,11}+"  # (a phrase's first letter is neither)
    for ch in ".!?؟":
        by_char.setdefault(ch, set()).add(("(?![.!?؟])", f"(?={gap}{_heads_ahead(gated, loose, merged)})"))
    # A colon counts where _Trigger._colon_line may find a tail widget before it: in the last 400
    # characters of a line that does not end with the end of a sentence (a colon further up that
    # line is not needed: the search goes on to one there). Checked here, far fewer colons are
    # looked at in Python.
    by_char.setdefault(":", set()).add(("(?!:)", "(?=[^\\n]{0,400}+(?<![.!?؟])(?:\\n|\\Z))"))
    alternatives = [re.escape("\n") + _T_LEAD + starts]
    # The engine tries the branches in turn at each stop: the commonest first characters first.
    # A branch for a letter as common as kaf (the kaf of "قد يهمك": some 300,000 stops in the 38 MB
    # of bulk text) is searched apart: a search for one character skips ahead far quicker than the
    # engine tests each character against the set of the alternation's first characters, and each
    # stop there is not tried against every other branch.
    apart = []
    for ch, checks in sorted(by_char.items(), key=lambda item: (-_FREQ.get(item[0], 0), item[0])):
        if _FREQ.get(ch, 0) >= _APART_FREQ:
            apart.append(re.compile(re.escape(ch) + _any_of(checks)))
        else:
            alternatives.append(re.escape(ch) + _any_of(checks))
    colon = re.compile(f"(?:{'|'.join(sorted(tail_whole))})" if tail_whole else "(?!)")
    # ``colon`` stops at each of its phrases' first letters (common ones: alef, waw, reh): in a long
    # text (``merged``; a short one is not worth compiling it for) a region is first looked at with
    # the pieces of those phrases starting at their rarest letter (as above: wherever a phrase
    # occurs, its piece is found), and searched with ``colon`` only where one is.
    near_by_char: dict[str, set[tuple[str, ...]]] = {}
    for phrase in sorted(tails) if merged else ():
        piece = _inside_checks(phrase, loose, False, merged)
        if piece is None:
            return None
        for ch in piece[0]:
            near_by_char.setdefault(ch, set()).add(piece[1][:2])  # (the first two checks: quick to compile)
    near = "|".join(re.escape(ch) + _any_of(checks) for ch, checks in sorted(near_by_char.items()))
    return _Trigger(re.compile("|".join(alternatives)), colon, re.compile(near) if near else None, tuple(apart))


def _lead_pattern(phrases: tuple[str, ...], marks: bool = True) -> re.Pattern[str]:
    """The phrases opening a line, after what may stand before them (see :data:`_LEAD`)."""
    return re.compile(_LEAD + f"(?:{_alternation(phrases, marks)})", re.IGNORECASE)


# --- A line holding marks: the matchers without marks, on the line without the marks they allow ---
#
# A phrase pattern allows up to four marks after each Arabic letter (:data:`_MARKS`). Written after
# every letter of every phrase, that class (seven runs of code points: a 64 K bitmap each to
# compile) made the matchers for a line holding a mark cost some 0.1 s to compile on first use.
# Instead, the first four marks after each Arabic letter of the line are taken out, the matchers
# written without marks run on what is left, and the positions found are moved back. They find
# the same matches: only a letter token of a phrase matches an Arabic letter (the decoration and
# address allowed before a phrase hold none), and after one the marks pattern takes all the marks
# up to four (what follows it in a phrase is never a mark; at a phrase's end the match ends after
# them), fails on a fifth before another token, and the text left holds the fifth; where no letter
# token is, the marks taken out are never reached. Phrases holding a mark are written with marks.

_MARKS_SET = frozenset(_MARKS_LIST)
_MARK_RUN = re.compile(f"[{_MARK_CHARS}]+")
# What _unmark gives: the text left, and for each cut where it stands in that text, where it starts
# in the line, and how many characters were taken out up to and with it.
_Cuts = tuple[str, list[int], list[int], list[int]]


@functools.lru_cache(maxsize=64)
def _unmark(line: str) -> _Cuts | None:
    """``line`` without the first four marks after each Arabic letter (not itself a mark), with the
    cuts: where each stands in the text left, its start in ``line``, and how many characters were
    taken out up to and with it; ``None``: no mark follows a letter."""
    at: list[int] = []
    starts: list[int] = []
    total: list[int] = []
    pieces: list[str] = []
    last = cut = 0
    for m in _MARK_RUN.finditer(line):
        a = m.start()
        if a == 0:
            continue
        c = line[a - 1]
        if not ("\u0600" <= c <= "\u06ff" and c.isalpha()) or c in _MARKS_SET:
            continue
        n = min(4, m.end() - a)
        pieces.append(line[last:a])
        last = a + n
        at.append(a - cut)
        starts.append(a)
        cut += n
        total.append(cut)
    if not at:
        return None
    pieces.append(line[last:])
    return "".join(pieces), at, starts, total


class _Moved:
    """A match found in the text left by :func:`_unmark`, at its place in the line."""

    __slots__ = ("string", "_start", "_end")

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, index: int = 0) -> str:
        if index:
            raise IndexError("no such group")
        return self.string[self._start : self._end]


class _Unmarking:
    """A phrase matcher written without marks, used on a line holding marks as the matcher written
    with marks would be (see above): ``match``, ``search``, ``finditer`` and ``sub`` with ``""``."""

    __slots__ = ("plain",)

    def __init__(self, plain: re.Pattern[str]):
        self.plain = plain

    @staticmethod
    def _back(cuts: _Cuts, i: int) -> int:
        """The position in the line of position ``i`` of the text left (after the marks cut there)."""
        k = bisect.bisect_right(cuts[1], i)
        return i + (cuts[3][k - 1] if k else 0)

    @staticmethod
    def _into(cuts: _Cuts, p: int) -> int:
        """The position in the text left of position ``p`` of the line (of the next character kept)."""
        k = bisect.bisect_right(cuts[2], p)
        if not k:
            return p
        before = cuts[3][k - 2] if k > 1 else 0  # taken out by the cuts before the one at or before p
        n = cuts[3][k - 1] - before
        return p - before - min(n, p - cuts[2][k - 1])

    def _moved(self, line: str, cuts: _Cuts, m: re.Match[str], endpos: int) -> _Moved:
        return _Moved(line, self._back(cuts, m.start()), min(self._back(cuts, m.end()), endpos))

    def _first(
        self, find: Callable[..., re.Match[str] | None], line: str, pos: int, endpos: int
    ) -> _Moved | re.Match[str] | None:
        """``find`` (the plain pattern's ``match`` or ``search``) on ``line`` read without its marks."""
        cuts = _unmark(line)
        if cuts is None:
            return find(line, pos, endpos)
        m = find(cuts[0], self._into(cuts, pos), self._into(cuts, endpos))
        return None if m is None else self._moved(line, cuts, m, endpos)

    def match(self, line: str, pos: int = 0, endpos: int = sys.maxsize) -> _Moved | re.Match[str] | None:
        return self._first(self.plain.match, line, pos, endpos)

    def search(self, line: str, pos: int = 0, endpos: int = sys.maxsize) -> _Moved | re.Match[str] | None:
        return self._first(self.plain.search, line, pos, endpos)

    def finditer(self, line: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[_Moved | re.Match[str]]:
        cuts = _unmark(line)
        if cuts is None:
            yield from self.plain.finditer(line, pos, endpos)
            return
        for m in self.plain.finditer(cuts[0], self._into(cuts, pos), self._into(cuts, endpos)):
            yield self._moved(line, cuts, m, endpos)

    def sub(self, repl: str, line: str) -> str:
        if repl:
            raise ValueError("only removal is supported")
        out, last = [], 0
        for m in self.finditer(line):
            out.append(line[last : m.start()])
            last = m.end()
        out.append(line[last:])
        return "".join(out)


class _Rules:
    """Compiled matchers for one set of phrases (the built-in lists plus the user's), each compiled on first use."""

    def __init__(self, extra: tuple[str, ...], marks: bool = True):
        self.extra = extra
        self.marks = marks  # False: the matchers for a line holding no mark (smaller, faster to compile)
        self.merged: set[bool] = set()  # the triggers quicker to search compiled so far (by ``loose``)

    @functools.cached_property
    def plain(self) -> _Rules:
        """The same rules for a line holding no mark (see :func:`_phrase_pattern`)."""
        return _Rules(self.extra, marks=False) if self.marks else self

    def for_line(self, line: str) -> _Rules:
        return self if _MARKS_RE.search(line) else self.plain

    def _phrases(self, name: str) -> tuple[str, ...]:
        return load_phrases()[name] + (self.extra if name == "line" else ())

    def _matcher(
        self, attr: str, section: str, compile_: Callable[[tuple[str, ...], bool], re.Pattern[str]]
    ) -> re.Pattern[str] | _Unmarking:
        """The matcher ``attr`` for the phrases of ``section``: compiled without marks for a line
        holding none; for a line holding marks, that one used on the line without them (see
        :class:`_Unmarking`), or itself when no phrase holds an Arabic letter (no mark is allowed
        anywhere then)."""
        phrases = self._phrases(section)
        if not self.marks:
            return compile_(phrases, False)
        plain = getattr(self.plain, attr)
        if not any(_arabic(c) for p in phrases for c in p):
            return plain
        if any(c in _MARKS_SET for p in phrases for c in p):
            return compile_(phrases, True)  # a phrase holding a mark or tatweel: written with the marks
        return _Unmarking(plain)

    @functools.cached_property
    def related(self) -> re.Pattern[str] | _Unmarking:
        return self._matcher("related", "related", _lead_pattern)

    @functools.cached_property
    def line(self) -> re.Pattern[str] | _Unmarking:
        return self._matcher("line", "line", _lead_pattern)

    @functools.cached_property
    def alone(self) -> re.Pattern[str] | _Unmarking:
        return self._matcher("alone", "alone", _lead_pattern)

    @functools.cached_property
    def glued(self) -> re.Pattern[str] | _Unmarking:
        return self._matcher("glued", "related", _search_pattern)

    @functools.cached_property
    def span(self) -> re.Pattern[str] | _Unmarking:
        return self._matcher("span", "span", _search_pattern)

    @functools.cached_property
    def tail(self) -> re.Pattern[str] | _Unmarking:
        return self._matcher("tail", "tail", _search_pattern)

    def trigger(self, text: str) -> _Trigger | None:
        """:func:`_trigger` for these phrases and ``text`` (``None``: every line must be looked at):
        the one quicker to compile, or for a long text (or once compiled) the one quicker to search."""
        loose = any(t in text for t in _TATWEELS)
        if loose in self.merged or len(text) >= _MERGED_CHARS:
            self.merged.add(loose)
            return _trigger(self.extra, loose, True)
        return _trigger(self.extra, loose)

    def may_hold(self, line: str) -> bool:
        """Whether any rule may find furniture in ``line``: ``False`` means none does."""
        trigger = self.trigger(line)
        return trigger is None or trigger.holds(line)

    def may_hold_inside(self, line: str) -> bool:
        """Whether a rule may find furniture inside ``line`` (a glued widget): ``False`` means none does."""
        trigger = self.trigger(line)
        return trigger is None or trigger.inside(line)


@functools.lru_cache(maxsize=32)
def rules(extra: tuple[str, ...] = ()) -> _Rules:
    return _Rules(tuple(extra))


def _words(text: str) -> int:
    return len(text.split())


def _at_most(text: str, words: int) -> bool:
    """``_words(text) <= words``, splitting no more than that."""
    return len(text.split(None, words)) <= words


# --- The text as ``whitespace`` will leave it ------------------------------------------------------
#
# ``whitespace`` (later in every profile) makes each run of spaces and tabs one space. A rule that
# counted spaces (``[\s]{0,3}`` before a separator, between a phrase's words, in the decoration
# before it) would find on a second run what it missed on the first: the rules read each line with
# its runs made one space (:func:`_view`), and the positions found are moved back (:func:`_view_map`).
_SPACE_RUN = re.compile(r"[ \t]{2,}|\t")  # (one class: linear; used only on a line holding a run)


def _has_run(text: str) -> bool:
    return "  " in text or "\t" in text


_SPACES = re.compile("  +")  # (opens with a literal pair: the engine skips ahead to the next one)


def _view(line: str) -> str:
    """``line`` with each run of spaces and tabs made one space (as ``whitespace`` leaves it)."""
    if "\t" in line:
        line = line.replace("\t", " ")
    return _SPACES.sub(" ", line) if "  " in line else line


def _view_map(line: str) -> tuple[str, list[int], list[int], list[int]]:
    """:func:`_view` of ``line``, and for each run made one space: where the text after it starts in
    the view and in ``line`` (to move a position of the view back, see :func:`_to_line`), and where
    the space stands in the view when the run held two characters or more."""
    runs = [m.span() for m in _SPACE_RUN.finditer(line)]
    in_line = [b for _, b in runs]
    in_view = [b - shift for b, shift in zip(in_line, itertools.accumulate(b - a - 1 for a, b in runs))]
    wide = [at - 1 for (a, b), at in zip(runs, in_view) if b - a >= 2]
    return _SPACE_RUN.sub(" ", line), in_view, in_line, wide


def _to_line(pos: int, in_view: list[int], in_line: list[int]) -> int:
    """A position of the view (:func:`_view_map`) moved back into the line (a run's space: its start)."""
    k = bisect.bisect_right(in_view, pos) - 1
    return pos if k < 0 else in_line[k] + pos - in_view[k]


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END.search(text)``, looking at the end of ``text`` only (the full stop and its
    closing quote are the last characters but spaces, which ``\\s`` and ``str.rstrip`` both match)."""
    return _SENTENCE_END.search(text, max(0, len(text.rstrip()) - 2)) is not None


_DOT_END = re.compile(r"(?<!\.)\.\s*$")


def _headline_like(line: str) -> bool:
    """A related-article headline under a prompt: short, with letters, not a finished sentence."""
    s = line.strip()
    return bool(s) and _at_most(s, 25) and bool(_LETTER.search(s)) and not _DOT_END.search(s, max(0, len(s) - 1))


# How the article's own text, not a headline, opens: a connective or particle ("ولم", "إذاً،",
# "لكن"), a word and a comma ("إذاً، ما سبب …؟"), or a sentence opener (:data:`_OPENER`). Alef
# forms, final yeh and teh marbuta folded (see _LETTER_FOLD).
_GOES_ON = re.compile(
    r"(?:و?(?:لم|لن|لا|لكن|لكنه|لكنها|اذ|اذا|اذن|ان|انه|انها)|ولقد|لقد|فقد|فان|فلم|ثم|بل|لذا|لذلك|هكذا|وهكذا"
    r"|وبذلك|بذلك|غير ان|بيد ان|اما|واما|من جه[هة] اخرى|من ناحي[هة] اخرى|في المقابل|وفي المقابل"
    r"|في الوقت نفسه|وفي الوقت نفسه|في غضون ذلك|وفي غضون ذلك)(?=[\s\u00a0،,]|$)"
    r"|[^\W\d_]{1,12}[،,]"  # (the marks are dropped first)
    .translate(_LETTER_FOLD)
)


_LETTER_PAIRS = tuple((chr(a), chr(b)) for a, b in _LETTER_FOLD.items())


def _fold_letters(text: str) -> str:
    """``text.translate(_LETTER_FOLD)``, one ``str.replace`` a letter: on a line many times faster
    than ``translate``, which looks every character up in the table."""
    for letter, folded in _LETTER_PAIRS:
        text = text.replace(letter, folded)
    return text


def _goes_on(s: str) -> bool:
    """Whether ``s`` (a stripped line) is the article going on, not one more headline: it introduces
    what follows (it ends with a colon), or it opens as a sentence of the article does (:data:`_GOES_ON`)."""
    if s.endswith((":", "：")):
        return True
    head = _fold_letters(_MARKS_RE.sub("", _view(s)[:40]))
    return bool(_GOES_ON.match(head) or _OPENER.match(head))


# A past-tense verb of saying or reporting opening a line: how a lead or a paragraph opens ("قال
# الرئيس …", "وصل الرئيس الأمريكي إلى الرياض …"), not a headline (which opens with a noun or a verb
# in the present: "ترامب يصف …", "الخارجية التركية تستدعي …"). Only forms that are no noun too
# ("كشف", "منح", "طالب", "صرح", "نفي" are). Alef forms, final yeh and teh marbuta folded.
_REPORTED = re.compile(
    r"(?:قال|قالت|اعلن|اعلنت|اكد|اكدت|اوضح|اوضحت|اشار|اشارت|ذكرت|افاد|افادت|اضاف|اضافت|صرحت|نفت|اعرب|اعربت"
    r"|اشاد|اشادت|شدد|شددت|دعا|دعت|طالبت|كشفت|وصل|وصلت|اعتبر|اعتبرت|رات|نوه|نوهت|حذرت)(?=[\s\u00a0،,:]|$)"
    .translate(_LETTER_FOLD)
)
#: A headline under a prompt has at most this many words (the longest in the corpus: 16).
_PROMPTED_WORDS = 16


def _prompted_headline(line: str) -> bool:
    """Whether ``line``, under a prompt that stands alone (or under the headlines it took), is one
    more related headline: headline-like (:func:`_headline_like`), at most :data:`_PROMPTED_WORDS`
    words, not the article going on (:func:`_goes_on`) and not opening as a lead does (:data:`_REPORTED`)."""
    s = line.strip()
    if not _headline_like(s) or not _at_most(s, _PROMPTED_WORDS) or _goes_on(s):
        return False
    return _REPORTED.match(_fold_letters(_MARKS_RE.sub("", _view(s)[:40]))) is None


def _same_script(a: str, b: str) -> bool:
    """Whether two letters belong to one word: both Arabic or both Latin (``تابعنا علىhttp`` is two)."""
    if not a or not b:
        return False
    arabic = ("\u0600" <= a <= "\u06ff", "\u0600" <= b <= "\u06ff")
    return arabic[0] == arabic[1] and b.isalnum()


# A note that the article is published with a partner, opening a line of at most 20 words ("هذا
# المقال منشور بالتعاون مع موقع …"). (Marks dropped and letters folded first.) Not a phrase
# of the trigger (a common word would slow its search down): a line holding one of _PARTNER_WORDS
# is looked at whatever the trigger finds (see line_kind, _quick_none and _by_parts).
_PARTNER_WORDS = ("بالتعاون", "بالشراك")
_PARTNER_WORD = re.compile("|".join(_PARTNER_WORDS))  # (one pass for both: the engine skips to their common start)
_PARTNER_NOTE = re.compile(
    r"(?:هذا?|هذه)[\s\u00a0]{1,3}(?:المقال|المقاله|الماده|التقرير|المحتوي|الموضوع|الخبر)[\s\u00a0]{1,3}"
    r"(?:منشور|منشوره|ينشر|تنشر|نشر|نشرت|مقدم|مقدمه|يقدم|تقدم)[\s\u00a0]{1,3}(?:بالتعاون|بالشراكه)[\s\u00a0]{1,3}مع"
    r"(?![^\W\d_])"
)


def line_kind(line: str, extra: tuple[str, ...] = ()) -> str | None:
    """``"related"`` (a prompt alone: headlines may follow), ``"line"`` (one furniture line) or ``None``."""
    r = rules(extra)
    s = _view(line.strip())  # (a run of spaces counts as one: as a second run, after ``whitespace``, sees it)
    line = s
    if (
        (_PARTNER_WORDS[0] in s or _PARTNER_WORDS[1] in s)
        and len(s.split(None, 20)) <= 20
        and _PARTNER_NOTE.match(_MARKS_RE.sub("", s).translate(_LETTER_FOLD))
    ):
        return "line"  # "هذا المقال منشور بالتعاون مع موقع …": the site's note, not the article's text
    if not s or not r.may_hold(line):
        return None
    r = r.for_line(s)
    for kind in ("related", "line"):
        m = getattr(r, kind).match(s)  # (the line matcher compiled only when it is needed)
        if not m:
            continue
        rest = s[m.end() :]
        if rest and _LETTER.match(rest) and rest[:1].isalpha() and not m.group(0)[-1:].isspace():
            if kind == "related":
                return None  # "اقرأ أيضاًالمملكة…": a glued prompt, handled as a span
            if _same_script(m.group(0)[-1:], rest[:1]):
                continue  # the phrase is the start of a longer word
        core = rest.strip(" \t\u00a0:|¦/\\-–—.>»")
        if not core or not _LETTER.search(core):
            return kind if kind == "related" else "line"
        if kind == "line" and not _widget_shape(m.group(0), core):
            continue  # a verb that opens news sentences too ("شارك آلاف …"), without its widget's shape
        if _SEP.match(rest):
            return "line"
        if _words(s) <= 12 and not _SENTENCE_END.search(s):
            return "line"
        if sum(1 for w in m.group(0).split() if _LETTER.search(w)) >= 3 and _words(s) <= 20:
            # A long, specific phrase ("جميع المقالات المنشورة تمثل رأي كتابها"); the decoration
            # before it is no word of it ("## اقرأ أيضا …", as markdown writes a heading, is judged as the line without it).
            return "line"
    if r.span.search(s) and _DECORATION.fullmatch(r.span.sub("", s)):
        return "line"  # navigation alone, or dressed as a heading ("■ Next Previous", "Next Previous:")
    if _copyright_line(s):  # at most 20 words, a copyright notice with its shape
        return "line"
    m = r.alone.match(s)
    if m and not _LETTER.search(s[m.end() :]):
        return "line"
    if _SOCIAL.match(s):
        return "line"
    return None


# A note about the text closing the article, alone on a line of at most 25 words holding one sentence:
# the outlet cannot verify what circulates on social media ("علماً أن الموقع لا يمكنه التأكد من صحة
# المعلومات المتناقلة عبر مواقع التواصل الاجتماعي."). A sentence that cannot verify something else
# ("ولم يتسن التأكد من دقة هذه الأعداد.") is the article's. It goes where it closes the text, with
# only furniture or other stories' leads after it (see _classify); such a line may belong to the
# furniture closing the article (_trailing_ok). (Marks dropped and letters folded first.)
_NOTE_SPACE = "[\\s\\u00a0]{1,3}"
_VERIFY_NOTE = re.compile(
    f"(?:لا|لم){_NOTE_SPACE}(?:يمكن|يمكنه|يمكنها|يمكننا|تستطيع|يستطيع|نستطيع|يتسني|يتسن){_NOTE_SPACE}"
    f"(?:ل[^\\s\\u00a0]{{1,20}}{_NOTE_SPACE})?(?:التاكد|التحقق)"
)
_CIRCULATED = re.compile("التواصل|تناقل|تداول")
_INNER_STOP = re.compile("[.!?؟][\"'»”)]?[\\s\\u00a0]+[^\\s\\u00a0]")
_NOTE_WORDS = ("التحقق", "لتاكد", "لتأكد")  # a note holds one (as written: with marks inside a word it holds none)


def _may_note(lines: list[str]) -> bool:
    """Whether a line of ``lines`` may be a note (:func:`_note_line`): one holds a word of :data:`_NOTE_WORDS`."""
    text = "\n".join(lines)  # (one search a word: none holds a line break)
    return any(word in text for word in _NOTE_WORDS)


def _note_line(line: str) -> bool:
    """Whether ``line`` is a verification note alone (see above)."""
    if "التحقق" not in line and "لتاكد" not in line and "لتأكد" not in line:
        return False  # (quick: the words it needs; written with marks inside, a note stays)
    s = _view(line.strip())
    if not _at_most(s, 25) or _INNER_STOP.search(s):
        return False
    folded = _MARKS_RE.sub("", s).translate(_LETTER_FOLD)
    return _VERIFY_NOTE.search(folded) is not None and _CIRCULATED.search(folded) is not None


# Phrases of the [line] list that open ordinary news sentences too ("شارك على الأقل 500 شخص …",
# "اشترك في الحملة آلاف …", "حمل تطبيق الشرطة أكثر من مليون …", "نقلا عن مصادر مطلعة: …"): a line
# opening with one is furniture only when the rest of it has the shape of that widget.
_WIDGET_SHAPES = {
    "platforms": ("شارك على", "مشاركة على"),  # a share widget: the networks' names, nothing else
    "subscribe": ("اشترك في", "اشتركوا في"),  # a subscribe prompt: what one subscribes to
    "app": ("حمل تطبيق", "حملوا تطبيق"),  # a download prompt: the stores, the devices, or a name alone
    "credit": ("نقلا عن",),  # a source credit: a short name, nothing said after it
    # a copyright notice: a name, a year, what is reserved; no clause ("جميع الحقوق محفوظة لا تكفي …")
    "copyright": ("جميع الحقوق محفوظة", "كل الحقوق محفوظة", "حقوق النشر محفوظة", "All rights reserved"),
}
# Social networks and sharing services (alef forms, final yeh and teh marbuta folded, see _LETTER_FOLD).
_PLATFORM_NAMES = (
    r"فيسبوك|فيس بوك|تويتر|تويتير|يوتيوب|يو تيوب|انستغرام|انستجرام|انستقرام|تيليجرام|تيليغرام|تلغرام|تلجرام"
    r"|لينكد ان|لينكدان|لينكدين|سناب شات|سنابشات|تيك توك|تيكتوك|واتساب|واتس اب|جوجل بلس|غوغل بلس|بينتريست"
    r"|ماسنجر|مسنجر|ريديت|البريد الالكتروني|البريد|الايميل|مواقع التواصل الاجتماعي|مواقع التواصل|وسائل التواصل الاجتماعي"
    r"|وسائل التواصل|الشبكات الاجتماعيه|Facebook|Twitter|YouTube|Instagram|Telegram|LinkedIn|TikTok|WhatsApp|Google\+?"
    r"|Pinterest|Messenger|Reddit|Snapchat|E-?mail|X"
)
_PLATFORM = f"(?<![^\\W\\d_])و?(?:{_PLATFORM_NAMES.translate(_LETTER_FOLD)})(?![^\\W\\d_])"
# What may stand between the names in a share widget: links, separators, and these words.
_WIDGET_LINK = re.compile(r"(?:https?://|www\.)\S{1,200}")
_WIDGET_SEPARATORS = str.maketrans({c: " " for c in ":：|¦/\\-–—.,،;؛>»«•*+()[]"})
_WIDGET_GLUE = frozenset(w.translate(_LETTER_FOLD) for w in ("و", "او", "على", "عبر", "and", "or", "on", "via"))
# What one subscribes to: a newsletter, a channel, a service, a list, an account, an app, a network.
_SUBSCRIBE_OBJECT = (
    r"(?:ال)?(?:نشر[هت]|نشرات|نشرتنا|قائم[هت]|قائمتنا|قنا[هت]|قناتنا|قنوات|قنواتنا|خدم[هت]|خدمات|خدمتنا|حساب|حسابنا|صفح[هت]"
    r"|صفحتنا|موقع|موقعنا|تطبيق|تطبيقنا|مجل[هت]|مجلتنا|بريد|بريدنا|رسائل|الرسائل|newsletter)(?![^\W\d_])"
).translate(_LETTER_FOLD)
# Where one downloads an app from, or what on.
_APP_PLACE = (
    r"(?<![^\W\d_])(?:متجر|جوجل بلاي|غوغل بلاي|قوقل بلاي|اب ستور|ابل ستور|ابستور|اندرويد|ايفون|ايباد|هاتفك|جوالك|الهاتف"
    r"|الهواتف|الجوال|الموبايل|مجانا|الان|Google Play|App Store|Android|iPhone|iPad|iOS)(?![^\W\d_])"
).translate(_LETTER_FOLD)


@functools.cache
def _widget_pattern(source: str) -> re.Pattern[str]:
    """One of the patterns above, compiled on first use (a line that needs it is rare)."""
    return re.compile(source, re.IGNORECASE)


def _gated(matched: str) -> str | None:
    """The widget shape a [line] match needs (``None``: none), by the phrase it ends with (compared
    as :func:`_quick_fold` folds them: no pattern to compile)."""
    folded = _quick_fold(matched).rstrip()
    for shape, phrases in _WIDGET_SHAPES.items():
        for phrase in phrases:
            key = _quick_fold(phrase)
            if folded.endswith(key) and not folded[-len(key) - 1 : -len(key)].isalpha():
                return shape
    return None


def _widget_shape(matched: str, core: str) -> bool:
    """Whether ``core`` (a [line] phrase's line without the phrase, ``matched``, and the separators
    around) has the shape of the phrase's widget (``True`` for a phrase that needs none)."""
    shape = _gated(matched)
    if shape is None:
        return True
    text = _MARKS_RE.sub("", core).translate(_LETTER_FOLD)
    platform = _widget_pattern(_PLATFORM)
    if shape == "platforms":
        if platform.search(text) is None:
            return False
        rest = platform.sub(" ", _WIDGET_LINK.sub(" ", text)).translate(_WIDGET_SEPARATORS)
        return all(word.lower() in _WIDGET_GLUE for word in rest.split())
    if shape == "subscribe":
        return _widget_pattern(_SUBSCRIBE_OBJECT).match(text) is not None or platform.match(text) is not None
    if shape == "app":
        return _at_most(text, 2) or _widget_pattern(_APP_PLACE).search(text) is not None or "://" in text or "www." in text
    if shape == "copyright":
        return not _clause(core)
    # credit: a short name (at most six words), no colon or comma after it, no full stop
    return _at_most(text, 6) and not any(c in text for c in ":：،,؛;") and not _SENTENCE_END.search(text)


# What may dress a line of navigation tokens: bullets, heading marks, brackets and punctuation.
_DECORATION = re.compile(f"[\\s*#>\\-–—•■▪●◆|/\\\\:.,،;؛!?؟()\\[\\]«»\"'_~=+{_MARK_CHARS}]*")
# A copyright notice anywhere in a short line.
_COPYRIGHT = re.compile(
    r"©|\([cC]\)\s{0,2}[0-9]{4}|(?:جميع|كل)\s{1,3}الحقوق\s{1,3}محفوظ[ةه]|حقوق\s{1,3}(?:الطبع|النشر)\s{1,3}محفوظ[ةه]"
    r"|all\s{1,3}rights\s{1,3}reserved",
    re.IGNORECASE,
)
# A copyright notice makes a line furniture with a notice's shape only: it opens the line, or what
# stands before it is a year or a short name (at most four words, none joining a sentence: see
# _SENTENCE_WORD), and no clause follows it (:func:`_clause`). A sentence that mentions the notice
# ("وقال المحامي إن عبارة جميع الحقوق محفوظة لا تكفي …", "وأوضح الخبير أن الرمز © يعني …") stays.
_CLAUSE_WORD = (
    r"(?<![^\W\d_])[وف]?(?:ان|انه|انها|لا|لم|لن|قد|كان|كانت|يكون|تكون|هو|هي|هل|لكن|بل|ثم|الذي|التي|الذين|اذا|عندما|حيث"
    r"|يعني|تعني|يمنع|تمنع)(?![^\W\d_])"
    r"|(?<![A-Za-z])(?:is|are|was|were|be|means?|that|which|does|do|did|not|can|cannot|will|would|should|must|has|have|had)"
    r"(?![A-Za-z])"
).translate(_LETTER_FOLD)


def _clause(text: str) -> bool:
    """Whether ``text`` holds a word that makes a clause of it (:data:`_CLAUSE_WORD`)."""
    return _widget_pattern(_CLAUSE_WORD).search(_MARKS_RE.sub("", text).translate(_LETTER_FOLD)) is not None


def _copyright_line(s: str) -> bool:
    """Whether ``s`` (a stripped line) is a copyright notice of at most 20 words (see above)."""
    if not _at_most(s, 20):
        return False
    m = _COPYRIGHT.search(s)
    if m is None:
        return False
    head = s[: m.start()]  # a year, a name, or decoration alone
    if not _DECORATION.fullmatch(head) and (
        not _at_most(head, 4)
        or _clause(head)
        or _widget_pattern(_SENTENCE_WORD).search(_MARKS_RE.sub("", head).translate(_LETTER_FOLD)) is not None
    ):
        return False
    return not _clause(s[m.end() :])
# "فيسبوك: http://facebook.com/…": a social network's name and the site's address or handle, alone.
_SOCIAL = re.compile(
    r"^[\s*#>\-–—•]{0,4}(?:فيسبوك|فيس بوك|تويتر|يوتيوب|انستغرام|أنستغرام|انستجرام|إنستغرام|إنستجرام"
    r"|تيليجرام|تلغرام|تلجرام|لينكد إن|لينكدإن|سناب شات|تيك توك|واتساب|Facebook|Twitter|YouTube|Instagram|Telegram"
    r"|LinkedIn|TikTok|WhatsApp)\s{0,3}[:：]?\s{0,3}(?:https?://|www\.|@)\S{1,200}$",
    re.IGNORECASE,
)
# A contact line in a press-release footer: a short label, then an e-mail, a phone number or a link.
_CONTACT = re.compile(
    r"^[^\n:：]{1,30}[:：]\s{0,3}(?:[\w.+-]{1,64}@[\w.-]{1,100}|\+?[0-9٠-٩][0-9٠-٩ ()\-]{5,25}|(?:https?://|www\.)\S{1,200})\s*$"
)


def _trailing_ok(line: str) -> bool:
    """A line that may belong to a furniture block closing the article: short, not a sentence, a
    contact, or a note about the text (:func:`_note_line`)."""
    s = _view(line.strip())
    if _CONTACT.match(s) or _SOCIAL.match(s):
        return True
    return (_at_most(s, 12) and not _ends_sentence(s)) or _note_line(s)


# --- Other stories' leads closing the article ------------------------------------------------------
#
# A news page lists a few other stories under the article, each by the first sentence of its lead
# ("أعلنت وزارة الخارجية، الإثنين، أن …"), cut at a fixed length; a scrape keeps them as the
# article's last paragraphs. Each reads as a lead, not as the article going on: it opens with a
# verb or a noun, never with a connective ("وأضاف", "كما", "بدوره،", "يذكر أن"), and is short for a
# paragraph (at most 260 characters). Leads carry the marks of a first sentence: the weekday between
# commas after the subject ("قال الرئيس الأمريكي، دونالد ترامب، الإثنين، إن …"), or the cut (a long
# line ending inside a word, without a full stop). The block goes when it closes the text and three
# to five such lines hold at least two marks: an article's closing paragraphs open with connectives
# or lack the marks, and a longer run of such lines is the article's own list (a round-up of news).

_TEASER_CHARS = (60, 260)  # a lead's length, spaces counted once
_TEASER_WORDS = 8
_TEASER_RUN = (3, 5)  # lines in the block
_TEASER_MARKED = 2  # of which at least this many bear a lead's mark
_TEASER_CUT_CHARS = 150  # a line at least this long ending in a letter was cut
_WEEKDAY_LEAD = re.compile(
    r"[،,][\s\u00a0]{0,2}(?:(?:اليوم|يوم|صباح|مساء|فجر|ظهر|ليله|نهار)[\s\u00a0]{1,2})?"
    r"(?:الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت)[\s\u00a0]{0,2}[،,]"
    .translate(_LETTER_FOLD)
)
# How the article's own later paragraphs open besides the connectives of _GOES_ON and _OPENER: a
# background clause ("كان وفد … قد زار", "يذكر أن"), a link to what was said ("بدوره،", "في سياق
# متصل،", "جاء ذلك"), and "و" before any word but a verb whose root opens with waw ("وافقت كندا …",
# "وجه الرئيس …", "وقعت الشركتان …").
_TEASER_GOES_ON = re.compile(
    r"(?:كان|كانت|كانوا|يذكر|يشار|تجدر|بدوره|بدورها|ايضا|علما|الي ذلك|الى ذلك|هذا|هذه|في سياق|في هذا|في حين"
    r"|فيما|حيث|اذ|ياتي ذلك|جاء ذلك|تاتي|ياتي)(?=[\s\u00a0،,:]|$)"
    r"|و(?!(?:افق|جه|صف|قع|صل|دع|بخ|فر|ضع|عد|قف|سع|زع|جد|ثق)(?:ت|ا|تا|وا)?(?:[\s\u00a0،,:]|$))"
    .translate(_LETTER_FOLD)
)
_WAW_ROOTS = frozenset(("اف", "جه", "صف", "قع", "صل", "دع", "بخ", "فر", "ضع", "عد", "قف", "سع", "زع", "جد", "ثق"))
# A negation opens a lead ("لم يفقد النجم …") as often as the article's next sentence: only with a mark.
_TEASER_NEGATION = re.compile(r"(?:لم|لن|لا|ما)(?=[\s\u00a0]|$)")
# A list item, or a schedule's item opening with its day and date ("يوم السبت 7 نوفمبر من الساعة …"):
# a lead opens with its verb or its subject ("يوم الأحد الماضي، صادق البرلمان …" may).
_LIST_ITEM = re.compile(
    r"[0-9٠-٩]{1,3}[\s\u00a0]{0,2}[.\-–)/:]|[\-–—•*·▪■●]"
    r"|(?:يوم[\s\u00a0]{1,2})?(?:الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت)[\s\u00a0]{1,2}[0-9٠-٩]".translate(_LETTER_FOLD)
)
_ARABIC_LETTERS = re.compile("[\u0621-\u064a]")


def _lead_marked(s: str) -> bool:
    """Whether ``s`` (a line, spaces made single) bears a lead's mark: the weekday between commas in
    its first 16 words, or the cut of a long line (it ends inside a word)."""
    if len(s) >= _TEASER_CUT_CHARS and _ARABIC_LETTERS.fullmatch(s[-1]):
        return True
    head = " ".join(s.split(None, 16)[:16])
    return _WEEKDAY_LEAD.search(_fold_letters(_MARKS_RE.sub("", head))) is not None


def _teaser_line(line: str) -> bool:
    """Whether ``line`` has the shape of another story's lead (see above): 60 to 260 characters and
    at least 8 words, opening with an Arabic letter or a number (not a list item, no label and colon
    in its first words), not with a connective; opening with a negation, it bears a lead's mark."""
    n = len(line)
    if n < _TEASER_CHARS[0]:
        return False
    if n > _TEASER_CHARS[1] and n - line.count(" ") - line.count("\t") - line.count("\xa0") > _TEASER_CHARS[1]:
        return False  # (quick: most paragraphs are longer; spaces made single, it is still too long)
    s = line.lstrip()
    if s[:1] == "و" and s[1:3] not in _WAW_ROOTS and not _MARKS_RE.search(s, 1, 3):
        return False  # (quick: "و" and a word, the article going on; see _TEASER_GOES_ON)
    return _teaser_shape(line)


@functools.lru_cache(maxsize=1024)  # a line is asked about by several rules and rounds
def _teaser_shape(line: str) -> bool:
    s = line.lstrip()
    # How it opens first (quick: most paragraphs of an article open with a connective).
    head = _fold_letters(_MARKS_RE.sub("", s[:40]))
    if not (_ARABIC_LETTERS.match(head) or head[:1] in "0123456789٠١٢٣٤٥٦٧٨٩") or _LIST_ITEM.match(head):
        return False
    words = s.split()
    s = " ".join(words)
    if not _TEASER_CHARS[0] <= len(s) <= _TEASER_CHARS[1] or len(words) < _TEASER_WORDS:
        return False
    negation = _TEASER_NEGATION.match(head) is not None
    if not negation and (_TEASER_GOES_ON.match(head) or _GOES_ON.match(head) or _OPENER.match(head)):
        return False
    if any(":" in w or "：" in w for w in words[:4]):
        return False  # a label ("المجموعة الأولى: …"), not a lead
    return not negation or _lead_marked(s)


#: The rules for the closing block look at most this many of the last lines not yet dropped (the
#: block and the lines they look past inside it: a source, a repeat).
_CLOSING_REACH = 16


def _last_kept(filled: list[int], out: list[bool]) -> list[int]:
    """The indices of the last :data:`_CLOSING_REACH` non-empty lines not dropped (``out``), last first."""
    tail: list[int] = []
    for i in reversed(filled):
        if not out[i]:
            tail.append(i)
            if len(tail) == _CLOSING_REACH:
                break
    return tail


def _closing_notes(lines: list[str], filled: list[int], out: list[bool], before: str | Callable[[], str]) -> None:
    """Mark in ``out`` the notes about the text (:func:`_note_line`) closing ``lines``: from the end,
    looking past the lines already dropped, repeats of earlier lines and the lines the strict steps
    drop wherever they stand (as :func:`_teaser_tail` does), and a bare name (a signature, which
    ``bylines`` drops where it closes the article: a second run would find the note closing it)."""
    tail = _last_kept(filled, out)
    if not any(_note_line(lines[i]) for i in tail):
        return
    repeats = _repeats(lines, before() if callable(before) else before)
    notes: list[int] = []
    for i in tail:
        if i in repeats or _apparatus(lines[i]):
            continue
        if not _note_line(lines[i]):
            break
        notes.append(i)
    # Article text stands above them (content never vanishes: a text made of such notes stays).
    if notes and _text_above(lines, filled, out, min(notes), before):
        for i in notes:
            out[i] = True


def _closing_leads(text: str) -> bool:
    """Whether three of the last :data:`_CLOSING_REACH` non-empty lines of ``text`` have the shape
    of a lead (see :func:`_teaser_line`), or one is a note about the text (:func:`_note_line`): a
    block of leads or a note may close it."""
    seen = found = 0
    for line in _lines_backwards(text, len(text)):
        if line.strip():
            if _note_line(line):
                return True
            found += _teaser_line(line)
            seen += 1
            if found >= _TEASER_RUN[0]:
                return True
            if seen >= _CLOSING_REACH:
                break
    return False


def _teaser_tail(
    lines: list[str], filled: list[int], out: list[bool], before: str | Callable[[], str]
) -> list[int]:
    """The block of other stories' leads closing ``lines`` (see above): the indices to drop, or ``[]``.

    The block is the run of lead-shaped lines at the end, under a paragraph of the article or at
    the start of the text; under a headline-like line (a title, a sub-heading, a list item) the
    lines are the article's own. The lines a rule already drops (``out``), repeats of earlier lines
    (:func:`_repeats`, which ``duplicate_paragraphs`` drops) and lines the strict steps drop
    wherever they stand (a source, a byline, a caption: ``structure._local_label``) are looked
    past, as a second run, with them gone, would; they go with the block when they stand inside it.
    A bare name is no lead and is dropped only where it ends the article: closing the text (a
    signature, which ``bylines`` drops there) it is looked past and stays; above the block's last
    lead it ends the block, as a title does. Only the last :data:`_CLOSING_REACH` lines not dropped are looked at: a run that
    fills them without an end is left alone. Article text stays above the block (:func:`_text_above`:
    a text made only of leads is content). A run reaching the start of ``lines`` goes on in the
    text ``before`` them: under a lead-shaped line it is left alone (a stream's last piece, see
    ``stream._boilerplate_ok``; the closing part of a text cleaned by parts starts at a line that is
    no lead, neither a repeat nor apparatus when a block may close the text, see ``_by_parts``)."""
    lo, hi = _TEASER_RUN
    tail = _last_kept(filled, out)
    leads = [i for i in tail if _teaser_line(lines[i])]
    if len(leads) < lo or sum(_lead_marked(" ".join(lines[i].split())) for i in leads) < _TEASER_MARKED:
        return []  # (the block is made of such lines: no need to look further)
    from .structure import _local_label, _name_only

    repeats = _repeats(lines, before() if callable(before) else before)
    run: list[int] = []
    skipped: list[int] = []
    for i in tail:
        if i in repeats or _local_label(lines[i]) is not None:
            skipped.append(i)
            continue
        if not run and _name_only(lines[i]):
            continue  # a signature closing the text (strict drops it: a second run finds the block)
        if not _teaser_line(lines[i]):
            if _headline_like(lines[i]):
                return []  # under a title, a sub-heading or a list item: the article's own paragraphs
            break  # the article's text: the block ends here
        run.append(i)
        if len(run) > hi:
            return []  # a longer run of such lines is the article's own
    else:
        # No line ended the run. With more lines above the ones looked at, the block is not seen to
        # end: left alone. At the start of ``lines``, the text ``before`` them (a stream's earlier
        # pieces) goes on: ending in a lead-shaped line, the run may go on there: left alone too.
        if len(tail) == _CLOSING_REACH and any(not out[i] for i in filled if i < tail[-1]):
            return []
        text = before() if callable(before) else before
        if text and _teaser_line(next((x for x in _lines_backwards(text, len(text)) if x.strip()), "")):
            return []
    if len(run) < lo:
        return []
    if sum(_lead_marked(" ".join(lines[i].split())) for i in run) < _TEASER_MARKED:
        return []
    # Article text stands above the block (content never vanishes: a "news in brief" text made of
    # such lines stays), as for the closing series.
    if not _text_above(lines, filled, out, min(run), before):
        return []
    return run + [i for i in skipped if min(run) < i < max(run)]


def classify_boilerplate(lines: list[str], extra: tuple[str, ...] = ()) -> list[bool]:
    """Whether each line is furniture; a prompt alone takes up to five headline lines after it.

    >>> classify_boilerplate(["نص الخبر.", "اقرأ أيضاً:", "عنوان خبر آخر", "نص آخر طويل ينتهي بنقطة."])
    [False, True, True, False]
    """
    return _classify(lines, extra, {})


def _classify(
    lines: list[str],
    extra: tuple[str, ...],
    kinds: dict[str, str | None],
    plain: bool = False,
    before: str | Callable[[], str] | None = "",
) -> list[bool]:
    """:func:`classify_boilerplate`, with ``line_kind`` of each distinct line kept in ``kinds``;
    ``before``: the text before ``lines`` (``None``: ``lines`` do not end the text)."""
    out = [False] * len(lines)
    pending = 0  # headline lines a standalone prompt may still take
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        kind = kinds.get(line, _UNKNOWN)
        if kind is _UNKNOWN:
            kind = kinds[line] = None if plain else line_kind(line, extra)
        if kind:
            out[i] = True
            pending = 5 if kind == "related" else 0
        elif pending and _prompted_headline(line):  # (the article's text ends the list)
            out[i] = True
            pending -= 1
        else:
            pending = 0
    # A series list closing the article ("مذكرات فلان (2): …", "مذكرات فلان (3): …"): three or more
    # short lines at the very end that open with the same words link to other episodes. It closes
    # an article: article text that stays stands above it (a text made only of such lines, or of
    # such lines under furniture and apparatus, is the content itself, and is left alone).
    run = _closing_series(lines, filled, before) if before is not None else []
    if run and (not _text_above(lines, filled, out, min(run), before) or _introduced(lines, filled, out, min(run), before)):
        run = []
    for j in run:
        out[j] = True
    # Other stories' leads closing the article (a "more stories" block), and notes about the text
    # closing it (above the leads or under them).
    if before is not None:
        notes = _may_note(lines)  # (quick: with no note's word in the text, no note closes it)
        if notes:
            _closing_notes(lines, filled, out, before)
        for j in _teaser_tail(lines, filled, out, before):
            out[j] = True
        if notes:
            _closing_notes(lines, filled, out, before)
    # A furniture line followed only by short lines (contacts, SMS codes, names) to the end of the
    # article: the whole tail is furniture.
    for k, i in enumerate(filled):
        if out[i] and len(filled) - k - 1 <= 12:
            tail = filled[k + 1 :]
            if tail and all(out[j] or _trailing_ok(lines[j]) for j in tail):
                from .structure import dateline_kind  # a closing dateline is the datelines step's

                for j in tail:
                    out[j] = out[j] or dateline_kind(lines[j]) != "dateline"
                break
    return out


_UNKNOWN = "?"  # not yet classified (a sentinel: line_kind returns None or a kind name)


def _series_line(line: str) -> bool:
    """A line that may be an item of a closing series: 4 to 20 words, a number or label, no sentence
    end, no time of day (a schedule's item: "الساعة 10:00 - افتتاح المؤتمر")."""
    if not _SERIES_MARK.search(line):
        return False  # an episode list numbers or labels its items: "مذكرات فلان (2): …"
    if not 4 <= len(line.split(None, 20)) <= 20 or _SENTENCE_END.search(line):  # (21 pieces: over 20 words)
        return False
    return not _TIME.search(line)


_SERIES_MARK = re.compile(r"[0-9٠-٩:(]")
_TIME = re.compile(r"(?<![0-9٠-٩])[0-9٠-٩]{1,2}\s?[:：.][0-9٠-٩]{2}(?![0-9٠-٩])")


def _closing_series(lines: list[str], filled: list[int], before: str | Callable[[], str] = "") -> list[int]:
    """A series list at the end of the article: three or more short lines opening with the same words.

    One short line after the series may close the article (it is kept as it is); the series is
    found with or without it, so the steps stay idempotent.
    The series is looked for in the lines as the later steps leave them, so that a second run
    finds what the first found. A line repeating an earlier line of the text (``before`` it, or in
    ``lines``; see :func:`_repeats`) as ``duplicate_paragraphs`` compares them, and a line that the
    steps of the article's apparatus may drop on their own (:func:`_apparatus`: a source or
    dateline, a byline, a caption, a bare name), are left out: they neither count in the series
    nor break it, nor take the place of the one closing line, and go with the series when they
    stand inside it. Whether they are there (``default``, or before those steps) or gone
    (``strict``, on a second run), the same series is found.
    """
    if not _three_series_lines(lines[i] for i in reversed(filled)):
        return []  # (leaving lines out only makes fewer)
    repeats: set[int] | None = None
    apparatus: list[int] = []
    backwards: list[int] = []  # the lines from the end, the above left out, up to the second breaking line
    breaking = 0
    for i in reversed(filled):
        if repeats is None:
            repeats = _repeats(lines, before() if callable(before) else before)
        if i in repeats:
            continue
        if _apparatus(lines[i]):
            apparatus.append(i)
            continue
        backwards.append(i)
        if not _series_line(lines[i]):
            breaking += 1
            if breaking == 2 and len(backwards) > 4:
                break

    def head(i: int) -> list[str]:
        return lines[i].split()[:3]

    def series(indices: list[int]) -> list[int]:
        run: list[int] = []
        for i in indices:
            if not _series_line(lines[i]):
                break
            if run:
                ref, mine = head(run[-1]), head(i)
                common = {w for w in set(mine) & set(ref) if _LETTER.search(w)}
                if mine[0] != ref[0] or len(common) < 2:
                    # Items share a title of two words or more ("مذكرات فلان (2): …"); a list whose
                    # items share one word and differ by a number or letter is the article's own
                    # ("المادة 1 - …", "المجموعة A - …").
                    break
            run.append(i)
        distinct = len({" ".join(lines[i].split()) for i in run}) == len(run)  # episodes differ
        return run if len(run) >= 3 and distinct else []

    found = series(backwards)
    if not found and len(backwards) > 3 and _words(lines[backwards[0]]) <= 12:
        found = series(backwards[1:])
    if found and (repeats or apparatus):
        first, last = found[-1], found[0]
        found += [i for i in (*repeats, *apparatus) if first < i < last]
    return found


def _apparatus(line: str) -> bool:
    """A line the steps of the article's apparatus (``bylines``, ``captions``, ``datelines``) may
    drop wherever it stands: one they label on its own (``المصدر: وكالات``, ``كتب - فلان``,
    ``صورة أرشيفية``), or a bare name (a signature; ``bylines`` drops one by where it stands)."""
    from .structure import _local_label, _name_only

    return _local_label(line) is not None or _name_only(line)


def _text_above(
    lines: list[str], filled: list[int], out: list[bool], first: int, before: str | Callable[[], str]
) -> bool:
    """Whether article text that stays stands above ``lines[first]``: a line that no rule drops
    (``out``) and that is no apparatus (:func:`_apparatus`: the strict profile drops it, then a
    second run would find nothing above), or any text ``before`` ``lines`` (the closing part of a
    text cleaned by parts starts at a fixed line, or just after one: article text that stays)."""
    for i in filled:
        if i >= first:
            break
        if not out[i] and not _apparatus(lines[i]):
            return True
    text = before() if callable(before) else before
    return bool(text) and not text.isspace()


def _introduced(
    lines: list[str], filled: list[int], out: list[bool], first: int, before: str | Callable[[], str]
) -> bool:
    """Whether the article introduces the lines from ``lines[first]`` on as its own list: the line
    above them that stays ends with a colon ("وجاء البرنامج كما يلي:"). The lines a rule drops
    (``out``), apparatus (:func:`_apparatus`) and repeats of earlier lines (:func:`_repeats`) are
    looked past, as a second run, with them gone, would."""
    from .structure import _local_label

    repeats: set[int] | None = None
    for i in reversed(filled):
        if i >= first or out[i]:
            continue
        colon = lines[i].rstrip().endswith((":", "："))
        # A short line ending in a colon ("وجاء البرنامج كما يلي:") may pass for a bare name; it
        # introduces the list all the same (a name with a colon is a byline only under the title).
        if _apparatus(lines[i]) and not (colon and _local_label(lines[i]) is None):
            continue
        if repeats is None:
            repeats = _repeats(lines, before() if callable(before) else before)
        if i in repeats:
            continue
        return colon
    return False


def _three_series_lines(lines: Iterable[str], counts: dict[str, int] | None = None) -> bool:
    """Whether three of ``lines`` may be items of one closing series: :func:`_series_line`, with
    the same first word (each item opens with the first word of the next); ``counts``: those met
    before ``lines`` (updated)."""
    counts = {} if counts is None else counts
    for line in lines:
        if _series_line(line):
            first = line.split(None, 1)[0]
            counts[first] = n = counts.get(first, 0) + 1
            if n == 3:
                return True
    return False


def _lines_backwards(text: str, end: int) -> Iterator[str]:
    """The lines of ``text[:end]``, last first."""
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        yield text[start:end]
        end = start - 1


#: How far back a line is compared with earlier lines to tell a repeat (characters, cut at a line
#: start): an article is far shorter, so within an article every repeat counts, as it does for
#: ``duplicate_paragraphs``; in a huge text a repeat of a line further back is not seen here.
_REPEAT_REACH = 1 << 16


@functools.lru_cache(maxsize=1024)  # the same lines come back in every round (``_fold``'s cache is for words)
def _line_key(line: str) -> str:
    """``paragraph_key`` of a line up to 4,096 characters (as ``duplicate_paragraphs`` compares lines)."""
    from .structure import _key

    return _key(line)


def _repeats(lines: list[str], before: str) -> set[int]:
    """The lines of ``lines`` (``before`` precedes them; it ends where a line starts, or ``lines``
    start with a blank) whose ``paragraph_key`` an earlier non-blank line has, within
    :data:`_REPEAT_REACH` characters of the end."""
    if len(before) > _REPEAT_REACH or len(before) + sum(map(len, lines)) + len(lines) > _REPEAT_REACH:
        text = (before[-_REPEAT_REACH:] + "\n".join(lines))[-_REPEAT_REACH:]
        every = text[text.find("\n") + 1 :].split("\n")  # from a line start (the line cut in two is left out)
    else:
        every = (before + "\n".join(lines)).split("\n")
    offset = len(every) - len(lines)  # every[offset + i] is lines[i] (for offset + i > 0)
    seen: set[str] = set()
    found: set[int] = set()
    for j, line in enumerate(every):
        if line and not line.isspace():
            key = _line_key(line) if len(line) <= 4096 else _line_key.__wrapped__(line)  # (cache no long line)
            if key not in seen:
                seen.add(key)
            elif j - offset > 0 or (j == offset and lines[0].strip()):
                found.add(j - offset)
    return found


class _RepeatWindow:
    """:func:`_repeats` of one line at a time, for lines asked from the end of ``text`` upwards.

    ``repeats(start, end)`` equals ``0 in _repeats([text[start:end]], text[max(0, start - R):start])``
    (R = :data:`_REPEAT_REACH`), but the keys of the lines in the window are kept from one call to the
    next (the window only moves up), so walking up over many lines keys each line once.
    """

    def __init__(self, text: str):
        self.text = text
        self.lines: collections.deque[tuple[int, str | None]] = collections.deque()  # (start, key)
        self.counts: collections.Counter[str] = collections.Counter()
        self.low = -1  # the first line start in the window (-1: empty)

    def repeats(self, start: int, end: int) -> bool:
        text, reach = self.text, _REPEAT_REACH
        low = 0
        if min(start, reach) + (end - start) + 1 > reach:  # the window is cut at a line start
            newline = text.find("\n", max(0, end - reach), end)
            low = start if newline < 0 else newline + 1
        lines, counts = self.lines, self.counts
        while lines and lines[-1][0] >= start:  # the target and the lines after it leave the window
            _, key = lines.pop()
            if key is not None:
                counts[key] -= 1
        while lines and lines[0][0] < low:  # (the window's start only moves up; kept exact anyway)
            _, key = lines.popleft()
            if key is not None:
                counts[key] -= 1
        if not lines:
            self.low = start
        if low < self.low:  # the lines from low up to the window
            at, added = low, []
            for line in text[low : self.low - 1].split("\n"):
                added.append((at, _window_key(line)))
                at += len(line) + 1
            for item in reversed(added):
                lines.appendleft(item)
                if item[1] is not None:
                    counts[item[1]] += 1
            self.low = low
        return counts[_window_key(text[start:end]) or ""] > 0


def _window_key(line: str) -> str | None:
    if not line or line.isspace():
        return None
    return _line_key(line) if len(line) <= 4096 else _line_key.__wrapped__(line)


def glued_spans(line: str, extra: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Character spans of furniture glued inside a line of article text, to be removed.

    A related-article prompt inside a paragraph takes its headline up to the next sentence
    opener; navigation tokens (``Next Previous``) go wherever they stand; a tag list or link
    prompt (``سمات …``, ``رابط الخبر: …``) after the end of a sentence takes the rest of the line.

    >>> line = "نص الخبر هنا.  اقرأ أيضاًالمملكةعنوان خبر آخر هنا وأضاف المتحدث أن العمل مستمر."
    >>> [line[s:e] for s, e in glued_spans(line)]
    ['اقرأ أيضاًالمملكةعنوان خبر آخر هنا']
    """
    r = rules(extra)
    if _has_run(line):  # read as ``whitespace`` will leave it, the spans moved back (see _view)
        view, in_view, in_line, wide = _view_map(line)
        if not r.may_hold_inside(view):
            return []
        found = _glued_in(view, extra, r, wide)
        return _merge([(_to_line(s, in_view, in_line), _to_line(e, in_view, in_line)) for s, e in found])
    if not r.may_hold_inside(line):
        return []
    return _glued_in(line, extra, r, [])


def _glued_in(line: str, extra: tuple[str, ...], r: _Rules, wide: list[int]) -> list[tuple[int, int]]:
    """:func:`glued_spans` of ``line`` (holding no run of spaces), given where runs of two spaces or
    more stood in it (``wide``: a headline may end there, see :func:`_headline_end`)."""
    r = r.for_line(line)
    spans: list[tuple[int, int]] = []
    # Navigation tokens go wherever they stand, a run of them at once (glued or apart: "…جاهزة.Share
    # on facebookShare on twitter…More Sharing Servicesوقال …"), unless the run reads as English
    # prose (a Latin word or a digit before it, a lower-case word after it: "you can share on Facebook",
    # "Share on Facebook if …") or is glued to a prefix by a tatweel or a mark ("بـNext Previous":
    # ``tatweel`` would change the prefix on a second run). A token running into a longer word
    # ("Share on printers") is none.
    first = last = -1
    for m in [*r.span.finditer(line), None]:
        if m is not None:
            a, b = m.span()
            if b < len(line) and line[b].isascii() and (line[b].islower() or line[b].isdigit()):
                continue
            if last >= 0 and not line[last:a].strip(" \t\u00a0"):
                last = b  # the run goes on
                continue
        if last >= 0:
            j = _trimmed(line, first)
            left = line[j - 1] if j else ""
            k = last
            while k < len(line) and line[k] in " \t\u00a0":
                k += 1
            right = line[k] if k < len(line) else ""
            prose = (left.isascii() and left.isalnum()) or (k > last and right.isascii() and right.islower())
            if not prose and not (j == first and left in _MARKS_SET):
                spans.append((first, last))
        if m is not None:
            first, last = m.span()
    covered = -1  # prompts inside an earlier prompt's headline go with it
    alone = -1  # where the last prompt that went without a headline ended
    for m in _finditer_related(r.glued, line):
        start, end = m.start(), m.end()
        if start < covered:
            continue
        before = _MARKS_RE.sub("", line[max(0, start - 12) : start]).rstrip(" \t\u00a0")  # bounded look behind
        glued = end < len(line) and line[end].isalpha()
        if start and line[start - 1].isalnum():
            continue  # inside a longer word
        if not before and not glued:
            continue  # a prompt opening the line: a furniture line, not a span
        # (right after a prompt that went alone, as after the sentence end before that one)
        stop_before = _SENTENCE_END.search(before) is not None or (alone >= 0 and not line[alone:start].strip(" \t\u00a0"))
        if before and not glued and not stop_before:
            continue  # mid-sentence use of the words ("… للمزيد من …")
        # A prompt for certain: after the end of a sentence with its separator ("… البوابة. اقرأ
        # أيضا: القبض على …"). (Glued to a letter, the phrase may open a longer word: "اخترنا لكم".)
        sep = None if glued else _SEP.match(line, end)
        certain = sep is not None and bool(before) and stop_before
        stop = _headline_end(line, end, glued, wide, certain)
        if stop is None:
            if certain and sep is not None:
                # No clear end after "اقرأ أيضا:": the prompt and its separator go, what follows
                # stays (it may be article text). Glued to a letter, the prompt stays.
                spans.append((start, sep.end()))
                covered = alone = sep.end()
            continue  # otherwise leave it rather than cut article text
        spans.append((start, stop))
        covered = stop
    # A tail widget holds at most 15 words, so only the end of the line can hold one.
    window = max(0, len(line) - 400)
    end_of_text = len(line.rstrip(" \t\u00a0"))
    for m in r.tail.finditer(line, window):
        start = m.start()
        before = _MARKS_RE.sub("", line[max(0, start - 12) : start]).rstrip(" \t\u00a0")
        rest = line[m.end() :]
        if not before or (start and line[start - 1].isalnum()) or _same_script(m.group(0)[-1:], rest[:1]):
            continue
        if _DECORATION.fullmatch(line, 0, start):
            continue  # decoration only before it ("■ سمات …", "## سمات …" as markdown writes a heading): it opens the line
        if not (_SENTENCE_END.search(before) or ":" in " ".join(rest.split()[:5])):
            continue
        if _words(rest) > 15 or _SENTENCE_END.search(rest.rstrip()):
            continue
        if _common_tail(m.group(0)) and not _tag_list(rest):
            continue  # "سمات القائد الناجح كثيرة ومنها الحزم": a sentence, not a tag list
        spans.append((start, end_of_text))
    # "rn" left of an escaped line end ("\\r\\n" that lost its backslashes) after a sentence of
    # Arabic text: ".rn rn" closing a paragraph, ".rnالرؤيا" glued to the next sentence.
    if "rn" in line:
        for m in _RN.finditer(line):
            if line[m.start() - 1] in "\"”'’»" and line.startswith(('"', "”", "“", "'", "’", "«", "»"), m.end()):
                continue  # a quoted word ('قال: "rn" هو …'), not the residue of a line end
            if _ARABIC_LETTER.search(line, max(0, m.start() - 12), m.start()):
                spans.append((m.start(), m.end()))
    return _merge(spans)


# [tail] phrases that are common nouns too ("سمات" is a tag list's label and the word for traits):
# what follows one goes only when it reads as a tag list.
_COMMON_TAILS = ("سمات",)
# A word that joins a sentence, not a tag: a preposition, particle, pronoun, relative or verb of
# being, alone or after "و"/"ف" (alef forms, final yeh and teh marbuta folded, see _LETTER_FOLD).
_SENTENCE_WORD = (
    r"(?<![^\W\d_])[وف]?(?:من|في|على|الى|عن|مع|بين|حتى|منذ|عند|لدى|منها|منه|فيها|فيه|عليها|عليه|لها|له|بها|به|ان|انه"
    r"|انها|قد|لا|لم|لن|ما|هل|كان|كانت|يكون|تكون|هو|هي|هم|التي|الذي|الذين|هذا|هذه|ذلك|تلك|كما|او|ثم|بل|لكن)(?![^\W\d_])"
).translate(_LETTER_FOLD)


def _common_tail(matched: str) -> bool:
    """Whether a [tail] match is one of :data:`_COMMON_TAILS` (compared as :func:`_quick_fold` folds them)."""
    return _quick_fold(matched).strip() in {_quick_fold(p) for p in _COMMON_TAILS}


def _tag_list(rest: str) -> bool:
    """Whether ``rest`` (what follows a tail phrase) reads as a tag list: a colon or separator opens
    it, or no word of it joins a sentence (:data:`_SENTENCE_WORD`)."""
    if _SEP.match(rest):
        return True
    return _widget_pattern(_SENTENCE_WORD).search(_MARKS_RE.sub("", rest).translate(_LETTER_FOLD)) is None


@functools.cache
def _width(phrases: tuple[str, ...]) -> int:
    """At most how many characters a match of a :func:`_phrase_pattern` of ``phrases`` spans."""
    return max((sum(3 if c.isspace() else 5 if _arabic(c) else 1 for c in p.strip()) for p in phrases), default=0)


#: A line at least this long is searched for related prompts near their anchors only (see
#: :func:`_finditer_related`); a shorter one is searched whole, which costs less than finding anchors.
_NEAR_CHARS = 48


@functools.cache
def _related_anchors() -> tuple[re.Pattern[str], int] | None:
    """A pattern finding, wherever a related prompt may occur, one character of it (its rarest
    letter, checked as :func:`_inside_checks` checks it, with the looser marks, which find more),
    and how far a match of the related patterns reaches from its start (``None``: cannot be built)."""
    phrases = {p.strip() for p in load_phrases()["related"]} - {""}
    by_char: dict[str, set[tuple[str, ...]]] = {}
    for phrase in sorted(phrases):
        piece = _inside_checks(phrase, loose=True)
        if piece is None:
            return None
        for ch in piece[0]:
            by_char.setdefault(ch, set()).add(piece[1])
    if not by_char:
        return None
    alternatives = [re.escape(ch) + _any_of(checks) for ch, checks in sorted(by_char.items())]
    return re.compile("|".join(alternatives)), _width(tuple(phrases))


def _finditer_related(pattern: re.Pattern[str], line: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(line)`` for ``pattern`` a related-prompt pattern of :class:`_Rules`, the
    same matches, searched near the anchors of :func:`_related_anchors` only in a long line.

    Every match holds an anchor at most ``width`` characters after its start and ends at most
    ``width`` characters after it, and the patterns look neither ahead past a match nor behind
    its start. So the leftmost match at or after ``cur`` starts within ``width`` before the first
    anchor at or after ``cur`` that has one, and a search cut ``width`` characters after that
    anchor finds it as the whole line does; the text between anchors is never searched.
    """
    near = _related_anchors() if len(line) >= _NEAR_CHARS else None
    if near is None:
        yield from pattern.finditer(line)
        return
    anchors, width = near
    cur = 0  # matches start here or after (the end of the last match)
    done = -1  # no match starts at or before this position but those found
    for a in anchors.finditer(line):
        at = a.start()
        lo = max(cur, at - width, done + 1)
        while lo <= at:
            m = pattern.search(line, lo, at + width + 1)
            if m is None or m.start() > at:
                break
            yield m
            cur = lo = m.end()
        done = max(done, at)


# (It opens with "rn", then looks behind: the engine skips to each "rn" instead of trying every position.)
_RN = re.compile(r"rn(?<=[.!?؟:)\]»\"”]rn)(?:rn)*(?:[ \t\u00a0]{1,2}(?:rn)+)*(?![A-Za-z0-9/])")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def _trimmed(line: str, i: int) -> int:
    """``i`` moved left over the spaces before it (the span keeps its punctuation, not the gap)."""
    while i > 0 and line[i - 1] in " \t\u00a0":
        i -= 1
    return i


def _headline_end(
    line: str, pos: int, glued: bool = False, wide: list[int] | None = None, certain: bool = False
) -> int | None:
    """Where a glued related headline starting at ``pos`` ends: before the next sentence opener,
    at a run of spaces (two or more; ``wide``: where such runs stood in a line read with each made
    one), or where a verb of saying is glued to a word's end (``…في شرم الشيخوأكد الوزير``).

    ``None`` when the text after the prompt reads as a sentence (it ends in a full stop first) or
    runs on for more than 30 words (to the end of the line: more than :data:`_PROMPTED_WORDS`, a
    headline's length): then it is not cut. After a prompt that is one for certain
    (``certain``, see glued_spans), a full stop after two to :data:`_PROMPTED_WORDS` words ends the
    headline, and a sentence opener right after the prompt leaves no headline to cut.
    """
    count = 0
    last_end = pos
    for w in _WORD.finditer(line, pos):
        if (count >= 3 or (certain and not count)) and _OPENER.match(
            _MARKS_RE.sub("", line[w.start() : w.start() + 24]).translate(_LETTER_FOLD)
        ):
            return _trimmed(line, w.start())  # (certain, right after the prompt: no headline, the prompt alone goes)
        if count >= 3 and ("  " in line[last_end : w.start()] or _stands_in(wide, last_end, w.start())):
            return _trimmed(line, w.start())
        word = w.group(0)
        if count >= 1 and len(word) >= 6 and "و" in word[-12:-3]:  # (quick: where the verb's "و" may stand)
            inside = _glued_opener(word)
            if inside is not None:
                return w.start() + inside
        if (count or not glued) and _FULL_STOP.search(word) and not 1 <= len(word.strip(".!؟?'\"»”)")) <= 2:
            if certain and 1 <= count < _PROMPTED_WORDS:
                return w.end()  # the headline's own full stop
            return None  # a finished sentence ("د." is an abbreviation): article text, not a headline
        count += 1
        last_end = w.end()
        if count > 30:
            return None
    if count > _PROMPTED_WORDS:
        return None  # longer than a headline is: the article's text may close the line
    return _trimmed(line, len(line))  # the headline closes the line


def _stands_in(positions: list[int] | None, a: int, b: int) -> bool:
    """Whether one of ``positions`` (sorted) is in ``[a, b)``."""
    if not positions:
        return False
    k = bisect.bisect_left(positions, a)
    return k < len(positions) and positions[k] < b


# A verb of saying glued to the end of a related headline's last word, where the scrape lost the
# space before the article's next sentence ("… القمة العربية المقبلة في شرم الشيخوأكد الوزير …").
# Those verbs only, after two letters at least (a word ending in "وكان" is a name: "شوكان"). Marks
# dropped and alef forms folded first.
_GLUED_OPENER = re.compile(
    r"(?<=[^\W\d_]{2})و(?:قال|قالت|اكد|اكدت|اضاف|اضافت|اوضح|اوضحت|اشار|اشارت|اعلن|اعلنت|ذكر|ذكرت|افاد|افادت)$"
)


def _glued_opener(word: str) -> int | None:
    """Where in ``word`` a verb of saying glued to its end starts (``None``: none)."""
    tail = word[-32:]
    folded = _MARKS_RE.sub("", tail).translate(_LETTER_FOLD)
    m = _GLUED_OPENER.search(folded)
    if m is None:
        return None
    need = len(folded) - m.start()  # letters from the verb's "و" on
    i = len(tail)
    while need:
        i -= 1
        if tail[i] not in _MARKS_SET:
            need -= 1
    return len(word) - len(tail) + i


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def remove_spans(line: str, spans: list[tuple[int, int]]) -> str:
    """Cut ``spans`` out of ``line``; the text on both sides of a cut meets at one space.

    >>> remove_spans("أول  ودجت ثان", [(3, 9)])
    'أول ثان'
    """
    if not spans:
        return line
    pieces, last = [], 0
    for s, e in spans:
        pieces.append(line[last:s])
        last = e
    pieces.append(line[last:])
    text = pieces[0]
    for piece in pieces[1:]:
        left, right = text.rstrip(" \t\u00a0"), piece.lstrip(" \t\u00a0")
        # One space where a word follows; none before closing punctuation ("… !" is not written).
        space = bool(left and right) and (right[0].isalnum() or right[0] in "([{«\"'“‘<#@")
        text = left + (" " if space else "") + right
    return text


@normalizer("boilerplate", lossy=True)
def boilerplate(text: str, *, phrases: tuple[str, ...] = ()) -> str:
    """Remove site furniture lines and widgets glued into paragraphs, in Arabic and English.

    Related-article prompts (``اقرأ أيضاً:``, ``للمزيد:``, ``ذات صلة``) with their headlines, share,
    follow and subscribe widgets and copyright lines go; a related prompt glued inside a paragraph
    goes with its headline and the paragraph stays. ``phrases`` adds line-opening phrases.

    >>> boilerplate("نص الخبر.\\nاقرأ أيضاً: عنوان آخر\\nتابعونا على فيسبوك\\nنص أخير.")
    'نص الخبر.\\nنص أخير.'
    """
    return _after(text, tuple(phrases), "")


@dataclass(frozen=True)
class _Read:
    """What a stream read before a piece, as the whole text's :func:`_by_parts` reads it: the last
    :data:`_REPEAT_REACH` + 1 characters of it as read (for the repeats of a closing part's first
    line) and how many lines that may be items of a closing series open with each first word
    (:func:`_three_series_lines`, up to 3)."""

    raw: str = ""
    series: tuple[tuple[str, int], ...] = ()


def _after(text: str, extra: tuple[str, ...], before: str | None, read: _Read | None = None) -> str:
    """:func:`boilerplate` of ``text`` that follows ``before`` (the cleaned text before it, ending
    where a line starts; a stream's earlier pieces): the closing rules look for repeats and for
    article text above in it, as they do in the whole text. ``None``: ``text`` does not end the
    text (a stream's piece with more after it): the closing rules are not applied."""
    if not text or text.isspace():
        return text
    if "\r" in text:  # a line ended by CR alone is a line (``whitespace`` makes it one later anyway)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) <= _QUICK_CHARS and _quick_none(text, extra):
        return _rounds(text, extra, plain=True, before=before)  # no phrase anywhere: no pattern compiled at all
    trigger = rules(extra).trigger(text)
    if trigger is None:
        return _rounds(text, extra, before=before)
    return _by_parts(text, extra, trigger, before, read or _Read())


# --- Short texts: a check with no pattern to compile ------------------------------------------------
#
# Compiling the trigger costs start-up time that a short text (a single article from stdin) would
# spend for nothing when it holds no furniture. There, the text is folded as the phrase patterns
# fold it (marks and tatweel dropped, alef, yeh and teh marbuta forms unified, case folded, runs of
# spaces made one) and searched with ``in`` for each phrase that may stand inside a line and each
# special, and the start of each line (after any decoration) is compared with the phrases that open
# a line. Finding none, no rule but the closing series can act on any line.

_QUICK_CHARS = 1 << 16
_QUICK_FOLD = {ord(c): None for c in _MARKS_LIST}
_QUICK_FOLD.update({ord(c): "ا" for c in "أإآٱ"})
_QUICK_FOLD.update({ord("ى"): "ي", ord("ة"): "ه", ord("İ"): "i", ord("ı"): "i", ord("ſ"): "s", ord("\u212a"): "k"})
_QUICK_FOLD.update({ord(c): " " for c in "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"})
_QUICK_FOLD.update({c: " " for c in range(0x2000, 0x200B)})
_QUICK_LEAD = " *#>-–—•■▪●◆|/"


#: The fold's letters (each folded by one ``str.replace``, a scan in C) and its rare characters (spaces
#: and a few Latin letters, folded by ``translate`` only when the text holds one); with the marks
#: dropped by one ``sub`` they fold a text as ``text.translate(_QUICK_FOLD)`` does, many times faster
#: than translate's lookup of every character in a dict.
_QUICK_LETTERS = tuple((chr(k), v) for k, v in _QUICK_FOLD.items() if v and v != " " and chr(k) not in "İıſ\u212a")
_QUICK_RARE = re.compile(
    "[" + "".join(re.escape(chr(k)) for k, v in _QUICK_FOLD.items() if v and chr(k) not in dict(_QUICK_LETTERS)) + "]"
)


def _quick_fold(text: str) -> str:
    text = _MARK_RUN.sub("", text)  # (the characters _QUICK_FOLD drops)
    for letter, folded in _QUICK_LETTERS:
        text = text.replace(letter, folded)
    if _QUICK_RARE.search(text) is not None:
        text = text.translate(_QUICK_FOLD)
    text = text.lower()
    while "  " in text:
        text = text.replace("  ", " ")
    return text


@functools.lru_cache(maxsize=32)
def _quick_phrases(extra: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(phrases searched anywhere, phrases that open a line), folded; ``None``: no quick check."""
    lists = load_phrases()
    inside = {p.strip() for p in lists["related"] + lists["span"] + lists["tail"]} | set(_SPECIAL)
    opening = set()
    for phrase in {p.strip() for p in lists["line"] + lists["alone"] + extra}:
        if any(c.isalpha() and (c.lower() != c or c.upper() != c) and not c.isascii() for c in phrase):
            return None  # a cased non-ASCII letter: its case folds are not worked out here
        (opening if phrase[:1].isalpha() else inside).add(phrase)
    fold = lambda ps: tuple(sorted({_quick_fold(p).strip() for p in ps if p.strip()}))  # noqa: E731
    return fold(inside), fold(opening)


@functools.lru_cache(maxsize=32)
def _quick_groups(inside: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The phrases searched anywhere, grouped under a word that several of them hold ("ايضا" for
    "اقرا ايضا", "شاهد ايضا" …): a phrase occurs only where its group's word does, so one search
    for the word stands for the group's (a phrase that shares no word is a group of its own)."""
    left = set(inside)
    groups: list[tuple[str, tuple[str, ...]]] = []
    while left:
        words = collections.Counter(w for p in left for w in set(p.split(" ")) if w)
        word, count = max(words.items(), key=lambda item: (item[1], len(item[0]), item[0]), default=("", 0))
        if count < 2:
            break
        members = tuple(sorted(p for p in left if word in p.split(" ")))
        groups.append((word, members))
        left.difference_update(members)
    groups.extend((p, (p,)) for p in sorted(left))
    return tuple(groups)


def _quick_none(text: str, extra: tuple[str, ...]) -> bool:
    """Whether no phrase, special or address occurs in ``text`` (``False`` when unsure)."""
    phrases = _quick_phrases(extra)
    if phrases is None:
        return False
    inside, opening = phrases
    folded = _quick_fold(text)
    if any(word in folded and any(p in folded for p in group) for word, group in _quick_groups(inside)):
        return False
    if _PARTNER_WORD.search(text) is not None:
        return False
    return not any(line.lstrip(_QUICK_LEAD).startswith(opening) for line in folded.split("\n"))


def _by_parts(text: str, extra: tuple[str, ...], trigger: _Trigger, before: str | None = "", read: _Read = _Read()) -> str:
    """:func:`_rounds` on the parts of ``text`` that may change, the rest as it is.

    A *fixed line* is a line no rule touches in any round, and which stops every rule that carries
    over lines: no phrase in it (the trigger finds nothing), more than 12 words ending a sentence,
    not a headline a prompt could take, not a closing contact line. The rules carry state forward
    (a prompt takes the next headlines) and look back only from the end of the text (a closing
    series, a closing furniture block), and none of them reaches across a fixed line. So the text
    is cut into parts: from a line holding a candidate to the next fixed line, and the *closing
    part* from the last fixed line to the end; each is cleaned on its own (every round of
    :func:`_rounds`), and the lines between parts stay as they are. The closing part starts at a
    fixed line that repeats no earlier line and is no apparatus: the closing series looks past those.
    """
    hits = trigger.positions(text)
    n = len(text)
    starts: list[int] = []  # the lines holding a candidate (their first offsets, in order)
    line_end = -1
    for h in sorted(hits):
        if h <= line_end:
            continue  # on the line found last
        starts.append(text.rfind("\n", max(line_end, 0), h) + 1)  # looks back no further than that line
        line_end = text.find("\n", h)
        if line_end < 0:
            break
    m = _PARTNER_WORD.search(text)  # (a partner note: see line_kind)
    while m is not None:  # (one a line: the search goes on from the line's end)
        starts.append(text.rfind("\n", 0, m.start()) + 1)
        at = text.find("\n", m.end())
        m = None if at < 0 else _PARTNER_WORD.search(text, at)
    starts = sorted(set(starts))
    marked = set(starts)
    # A line holding a run of spaces or a tab is read as ``whitespace`` will leave it (see _view):
    # it holds a candidate when its view does (such lines are few: each is looked at).
    firsts = [first for first in _run_lines(text) if first not in marked]
    if firsts:
        views = [_view(text[first : n if end < 0 else end]) for first in firsts for end in (text.find("\n", first),)]
        joined = "\n".join(views)  # (one search for them all; each hit is in one of them)
        found = rules(extra).trigger(joined)
        if found is None:
            marked.update(firsts)
        else:
            ends = list(itertools.accumulate(len(v) + 1 for v in views))
            marked.update(firsts[bisect.bisect_right(ends, h)] for h in found.positions(joined))
        starts = sorted(marked)
    kinds: dict[str, str | None] = {}  # line_kind and the line without widgets, of each line met, for every part
    kept: dict[str, str] = {}

    r = rules(extra)

    def part(start: int, end: int | None = None, look: bool = False) -> tuple[str, bool]:
        """``text[start:end]``, and (``look``) whether the first round of :func:`_rounds` would
        leave it as it is: no line of it furniture (then no rule of a part that does not end the
        text drops a line) and none holding a widget. Each line is worked out as _classify and
        _strip_once would (the same functions, the same caches)."""
        piece = text[start:end]
        at = start
        quiet = look
        for line in piece.split("\n"):
            if at not in marked:
                # A line holding no candidate holds nothing for any rule (the trigger finds a
                # candidate in every line a rule may act on): known without looking at it again.
                if (kinds.setdefault(line, None) is not None or kept.setdefault(line, line) != line) and quiet:
                    quiet = False  # (the same line found as a candidate elsewhere: as known)
            elif quiet:
                if line.strip():
                    kind = kinds.get(line, _UNKNOWN)
                    if kind is _UNKNOWN:
                        kind = kinds[line] = line_kind(line, extra)
                    quiet = kind is None
                if quiet:
                    new = kept.get(line)
                    if new is None:
                        new = kept[line] = _without_widgets(line, extra, r)
                    quiet = new == line
            at += len(line) + 1
        return piece, quiet

    def fixed(start: int, end: int) -> bool:
        if start in marked:
            return False
        line = text[start:end]
        return (
            len(line.split(None, 13)) > 12
            and _ends_sentence(line)
            and not _headline_like(line)
            and not _trailing_ok(line)
        )

    may_series: list[bool] = []
    window = _RepeatWindow(read.raw + text)  # (the text read before ``text`` too: see _Read)
    shift = len(read.raw)

    def boundary(start: int, end: int) -> bool:
        # The closing part starts at a fixed line that is no lead of another story: a block of them
        # closing the text is found whole (see _teaser_tail).
        # A fixed line that repeats an earlier line, or that is apparatus (an interview's credit), does
        # not stop the closing series or that block (it is left out of them, see _closing_series):
        # the closing part starts at a fixed line that is neither. (Without three lines that may be
        # series items in the text, or three leads among its last lines, neither is found anyway.)
        if not fixed(start, end) or _teaser_line(text[start:end]):
            return False
        if not may_series:
            may_series.append(
                _three_series_lines(_lines_backwards(text, n), dict(read.series)) or _closing_leads(read.raw + text)
            )
        return not may_series[0] or not (window.repeats(start + shift, end + shift) or _apparatus(text[start:end]))

    # The closing part: from the last fixed line on.
    close = 0
    end = n
    while end > 0:
        start = text.rfind("\n", 0, end) + 1 if end > 0 else 0
        if boundary(start, end):
            close = start
            break
        end = start - 1
    out: list[str] = []
    pos = 0  # text[:pos] is done; pos is a line start or just after a fixed line
    k = 0
    while k < len(starts) and starts[k] < close:
        start = starts[k]
        # The part runs to the next fixed line after its candidates (at the latest the closing one).
        end = text.find("\n", start)
        while True:
            nxt = end + 1
            while k < len(starts) and starts[k] < nxt:
                k += 1
            if nxt >= close:
                end = -1  # the part reaches the closing part: they are cleaned together
                break
            stop = text.find("\n", nxt)
            stop = n if stop < 0 else stop
            if fixed(nxt, stop):
                end = stop
                break
            end = stop
        if end < 0:
            # Join the closing part, from the fixed line before this part (or the last part's end).
            back = start - 1
            close = pos
            while back > pos:
                first = text.rfind("\n", pos, back) + 1 if back > 0 else 0
                first = max(first, pos)
                if boundary(first, back):
                    close = first
                    break
                back = first - 1
            break
        out.append(text[pos:start])
        piece, quiet = part(start, end, look=True)
        out.append(piece if quiet else _rounds(piece, extra, False, kinds, kept, None))
        pos = end
    out.append(text[pos:close])
    ahead = None if before is None else (lambda: _last_chars([before, *out], _REPEAT_REACH + 1))
    out.append(_rounds(part(close)[0], extra, False, kinds, kept, ahead))
    return "".join(out)


def _run_lines(text: str) -> list[int]:
    """The first offsets of the lines of ``text`` holding a run of spaces or a tab, in order."""
    out: list[int] = []
    pos = 0
    spaces = text.find("  ")
    tab = text.find("\t")
    while True:
        if 0 <= spaces < pos:
            spaces = text.find("  ", pos)
        if 0 <= tab < pos:
            tab = text.find("\t", pos)
        hit = tab if spaces < 0 else spaces if tab < 0 or spaces < tab else tab
        if hit < 0:
            break
        out.append(text.rfind("\n", 0, hit) + 1)
        end = text.find("\n", hit)
        if end < 0:
            break
        pos = end + 1
    return out


def _last_chars(pieces: list[str], count: int) -> str:
    """The last ``count`` characters of ``"".join(pieces)`` (fewer when there are fewer), joining only those."""
    tail: list[str] = []
    size = 0
    for piece in reversed(pieces):
        tail.append(piece)
        size += len(piece)
        if size >= count:
            break
    return "".join(reversed(tail))[-count:]


def _rounds(
    text: str,
    extra: tuple[str, ...],
    plain: bool = False,
    kinds: dict[str, str | None] | None = None,
    kept: dict[str, str] | None = None,
    before: str | Callable[[], str] | None = "",
) -> str:
    """The rules on ``text`` as a whole, repeated while they change it (at most five rounds);
    ``plain``: no line holds a phrase (only the closing rules can act); ``kinds`` and ``kept``: what
    is known of lines met before (see :func:`_strip_once`), shared by the parts of one text;
    ``before``: the text before ``text`` (``None``: a part that does not end the text)."""
    # Removing a widget can expose another (a prompt now after a sentence end): repeat a few times.
    # What a line is and what its glued widgets leave depend on the line alone: each distinct line
    # is worked out once across the rounds (and across the parts of a text: a site's furniture
    # line repeats in every article of a bulk file).
    kinds = {} if kinds is None else kinds
    kept = {} if kept is None else kept
    for _ in range(5):
        cleaned = _strip_once(text, extra, kinds, kept, plain, before)
        if cleaned == text:
            break
        text = cleaned
    return text


def _strip_once(
    text: str,
    extra: tuple[str, ...],
    kinds: dict[str, str | None],
    kept: dict[str, str],
    plain: bool = False,
    before: str | Callable[[], str] | None = "",
) -> str:
    r = rules(extra)
    lines = text.split("\n")
    drop = _classify(lines, extra, kinds, plain, before)
    out = []
    changed = False
    for line, dropped in zip(lines, drop, strict=True):
        if dropped:
            changed = True
            continue
        new = kept.get(line)
        if new is None:
            new = kept[line] = line if plain else _without_widgets(line, extra, r)
        if new != line:  # (compared by value: an equal line met before is the same line)
            changed = True
            if not new.strip():
                continue
            line = new
        out.append(line)
    return "\n".join(out) if changed else text


def _without_widgets(line: str, extra: tuple[str, ...], r: _Rules) -> str:
    """``line`` without its glued widgets (``line`` itself when it holds none)."""
    spans = glued_spans(line, extra)
    if not spans:
        return line
    new = remove_spans(line, spans)
    if "<" in new and _HTML_TAG.search(new) and not _HTML_TAG.search(line):
        return line  # the cut would join "<h2" and ">" into a tag: leave the line alone
    return new
