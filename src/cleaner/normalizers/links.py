"""Links: URLs, e-mail addresses, @mentions and #hashtags, each kept, removed or replaced.

The URL and e-mail patterns here also mark the spans that other steps (punctuation, digits,
elongation) must not change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from ..registry import normalizer
from .chars import ARABIC_MARKS, is_word_char

# A URL starts with a scheme or www. and runs to a space, a quote or a bracket (bounded); Arabic
# punctuation ends it unless more of the URL follows (…/من-أنت؟-.html); sentence punctuation at its
# very end is not part of it.
# (The first character is a case-sensitive class and the "not after a letter" check comes after it,
# so the regex engine skips to candidate characters instead of trying every position; the matches
# are those of ``(?<![A-Za-z0-9])(?:(?:https?|ftp)://|www\.)…`` with re.IGNORECASE.)
URL = re.compile(
    r"(?-i:[hHfFwW])(?<![A-Za-z0-9].)(?:(?<=[hH])ttps?://|(?<=[fF])tp://|(?<=[wW])ww\.)"
    r"(?:[^\s<>\"'«»“”‘’()\[\]{}|\\^`،؛؟]|[،؛؟](?=[A-Za-z0-9/_.%=&?#\-])){1,2048}",
    re.IGNORECASE,
)
_URL_TRAIL = ".,:;!?*-~"
_SCHEME_END = re.compile("://")
_W_DOTS = (re.compile(r"w\."), re.compile(r"W\."))
# An e-mail address: an ASCII local part, @, and a domain with at least one dot.
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}\.[A-Za-z0-9.\-]{1,190}(?![A-Za-z0-9_%+@.\-])")
_WORD_BODY = f"\\w{ARABIC_MARKS}"
# @mention: @ and a user name, not inside a word or e-mail address, and the whole name (no partial).
# (The lookbehind follows the @ so the engine searches for the literal @ first.)
MENTION = re.compile(f"@(?<![\\w@#&.{ARABIC_MARKS}]@)[A-Za-z0-9_]{{1,30}}(?![{_WORD_BODY}@#])")
# #hashtag: # and a word holding at least one letter; not after a letter, digit, _, #, & (HTML
# entities) or / (URL fragments); ## headings and #123 are not hashtags.
HASHTAG = re.compile(
    f"#(?<![\\w#&/{ARABIC_MARKS}]#)(?=[\\w{ARABIC_MARKS}]{{0,100}}[^\\W\\d_])[{_WORD_BODY}]{{1,100}}(?![{_WORD_BODY}#@])"
)

KINDS = ("urls", "emails", "mentions", "hashtags")
_ACTIONS = ("keep", "remove", "placeholder")
PLACEHOLDERS = {"urls": "<URL>", "emails": "<EMAIL>", "mentions": "<USER>", "hashtags": "<HASHTAG>"}


def _trim(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1] in _URL_TRAIL:
        end -= 1
    return end


def url_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of every URL in ``text`` (trailing sentence punctuation excluded)."""
    return [(m.start(), _trim(text, m.start(), m.end())) for m in _url_matches(text)]


def _url_matches(text: str) -> list[re.Match[str]]:
    """The matches of ``URL.finditer(text)``, tried only where one can start instead of at every h, f or w.

    A URL opens with ``ftp``, ``http`` or ``https`` right before a ``://``, or with a ``www.``: so
    its start lies 3, 4 or 5 characters before a ``://``, or 2 before a ``w.``; found with
    literal searches (the regex engine's are faster than ``str.find`` for these) and tried with
    ``URL.match`` from left to right, skipping those inside a match.
    """
    starts: set[int] = set()
    for m in _SCHEME_END.finditer(text):
        i = m.start()
        starts.update((i - 5, i - 4, i - 3))
    for pattern in _W_DOTS:
        starts.update(m.start() - 2 for m in pattern.finditer(text))
    found: list[re.Match[str]] = []
    last = 0
    for start in sorted(starts):
        if start < last:
            continue
        match = URL.match(text, start)
        if match is not None:
            found.append(match)
            last = match.end()
    return found


def email_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of every e-mail address in ``text``."""
    if "@" not in text:
        return []
    return [(m.start(), _trim(text, m.start(), m.end())) for m in _email_matches(text)]


_EMAIL_LOCAL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")


def _email_matches(text: str) -> list[re.Match[str]]:
    """The matches of ``EMAIL.finditer(text)``, found from each ``@`` instead of trying every position.

    A match's local part is a whole run of local-part characters (the lookbehind) of at most 64,
    right before an ``@``: so each ``@`` has one possible start, tried with ``EMAIL.match``.
    """
    found: list[re.Match[str]] = []
    last = 0
    at = text.find("@")
    while at >= 0:
        if at > last:
            start, low = at, max(at - 65, last)
            while start > low and text[start - 1] in _EMAIL_LOCAL:
                start -= 1
            if 0 < at - start <= 64 and (start == 0 or text[start - 1] not in _EMAIL_LOCAL):
                match = EMAIL.match(text, start)
                if match is not None:
                    found.append(match)
                    last = match.end()
        at = text.find("@", at + 1)
    return found


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of URLs and e-mail addresses: text other steps must not change.

    >>> protected_spans("راسلونا a@b.com أو www.site.com.")
    [(8, 15), (19, 31)]
    """
    return _merge(url_spans(text), text)


def _merge(urls: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """``protected_spans(text)`` from the already found ``url_spans(text)``."""
    spans = sorted(urls + email_spans(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether position ``pos`` falls in one of the sorted ``spans``."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] <= pos


def _replace(text: str, spans: list[tuple[int, int]], replacement: Callable[[str], str]) -> str:
    out, last = [], 0
    for start, end in spans:
        new = replacement(text[start:end])
        if not new and 0 < start and end < len(text) and is_word_char(text[start - 1]) and is_word_char(text[end]):
            new = " "  # never glue the words on either side
        out.append(text[last:start])
        out.append(new)
        last = end
    out.append(text[last:])
    return "".join(out)


def _hashtag_words(tag: str) -> str:
    return tag[1:].replace("_", " ")


@normalizer("links", lossy=True)
def links(
    text: str, *, urls: str = "keep", emails: str = "keep", mentions: str = "keep", hashtags: str = "keep"
) -> str:
    """Keep, remove or replace URLs, e-mail addresses, @mentions and #hashtags (one parameter per kind).

    Each of ``urls``, ``emails``, ``mentions`` and ``hashtags`` is ``keep``, ``remove`` or
    ``placeholder`` (``<URL>``, ``<EMAIL>``, ``<USER>``, ``<HASHTAG>``); ``hashtags`` can also be
    ``words``: ``#وسم_عربي`` becomes ``وسم عربي``. A URL is ``http(s)://``, ``ftp://`` or ``www.``
    up to a space, quote, bracket or Arabic punctuation; trailing sentence punctuation stays. A
    removal never glues the words on either side.

    >>> links("زوروا https://example.com/a?b=1، أو راسلونا info@example.com #وسم_عربي", urls="remove", emails="placeholder", hashtags="words")
    'زوروا ، أو راسلونا <EMAIL> وسم عربي'
    """
    for kind, action in (("urls", urls), ("emails", emails), ("mentions", mentions)):
        if action not in _ACTIONS:
            raise ValueError(f"links: {kind} must be one of {', '.join(_ACTIONS)}, not {action!r}")
    if hashtags not in (*_ACTIONS, "words"):
        raise ValueError(f"links: hashtags must be one of {', '.join(_ACTIONS)}, words, not {hashtags!r}")
    if urls == emails == mentions == hashtags == "keep":
        return text
    out: list[str] = []
    last = 0
    for start, end in _marked_parts(text):
        part = text[start:end]
        changed = _links_part(part, urls, emails, mentions, hashtags)
        if changed != part:
            out.append(text[last:start])
            out.append(changed)
            last = end
    if not out:
        return text  # nothing changed: no copy
    out.append(text[last:])
    return "".join(out)


_MAX_ROUNDS = 8
# Every URL holds "://" or a "w." / "W." ("www."), every e-mail address and mention an "@", every
# hashtag a "#": text holding none of these is left as it is. No match, and no character a match's
# context looks at, lies across a space or a line break (both are whitespace: no pattern matches
# one, no lookaround, trailing-punctuation trim or e-mail scan takes one for part of a match, and the
# "never glue" check treats one as the end of the text does), and no replacement removes one; so
# the stretches between two of them that hold a marker are cleaned on their own, each to its fixed
# point, with the same result as the whole text. Each kind of marker is searched for from the end of
# the last part only (literal searches: the engine skips to them), so the markers inside a part cost
# nothing. A part runs from the space or line break before its first marker to the first one
# _PART characters after it, and takes in the next marker found within _PART characters of its end,
# up to _MAX_PART characters: a text dense with markers is cleaned in few parts, and a long line in
# windows that stay in the CPU cache (each pass over a part and each copy of it is cheap), not in
# passes over the whole line.
_URL_MARKS = tuple(re.compile(marker).search for marker in ("://", r"w\.", r"W\."))
_CUT = re.compile("[ \n]")
_PART = 4096
_MAX_PART = _SCAN = 1 << 16


def _marked_parts(text: str) -> Iterator[tuple[int, int]]:
    """Sorted, disjoint ``(start, end)`` spans that hold every marker of ``text``, each starting at the
    start of the text or after a space or line break, and ending at the end or before one."""
    size = len(text)
    # nexts[i]: where the next marker of kind i starts, or, when found[i] is false, where the search
    # for it goes on (none lies before). Each search looks _SCAN characters ahead from where the last
    # one stopped: a kind absent from the text is not looked for in one pass over all of it.
    finds = [functools.partial(_next_mark, search, text) for search in _URL_MARKS]
    finds += [functools.partial(_next_char, text.find, char) for char in "@#"]  # str.find: faster for one character
    nexts = [0] * len(finds)
    found = [False] * len(finds)
    part_start = part_end = 0  # the part being extended (none while part_end is 0)
    end = 0  # the last part's end: a space or line break (the first part's start is found from 0)
    while (pos := min(nexts)) < size:
        i = nexts.index(pos)
        if not found[i]:
            nexts[i], found[i] = finds[i](pos, size)
            continue
        # back to the cut before the marker, no further than the last part's end (linear in all)
        start = max(text.rfind(" ", end, pos), text.rfind("\n", end, pos)) + 1
        cut = _CUT.search(text, pos + _PART)
        end = cut.start() if cut else size
        if part_end and start - part_end <= _PART and end - part_start <= _MAX_PART:
            part_end = end
        else:
            if part_end:
                yield part_start, part_end
            part_start, part_end = start, end
        for i, find in enumerate(finds):
            if nexts[i] < end:
                nexts[i], found[i] = find(end, size)
    if part_end:
        yield part_start, part_end


def _next_mark(search: Callable[..., re.Match[str] | None], text: str, pos: int, size: int) -> tuple[int, bool]:
    """The start of the first marker ``search`` finds from ``pos`` and True, or ``pos + _SCAN`` (at
    most ``size``) and False when none starts before it."""
    m = search(text, pos, pos + _SCAN + 2)  # + 2: a marker of 3 characters starting before pos + _SCAN
    return (m.start(), True) if m else (min(pos + _SCAN, size), False)


def _next_char(find: Callable[[str, int, int], int], char: str, pos: int, size: int) -> tuple[int, bool]:
    """:func:`_next_mark` for one character, with ``find``, the text's ``str.find``."""
    at = find(char, pos, pos + _SCAN)
    return (at, True) if at >= 0 else (min(pos + _SCAN, size), False)


def _links_part(text: str, urls: str, emails: str, mentions: str, hashtags: str) -> str:
    # One kind's removal can make another ("@#tag" -> "@tag", a new mention): repeat to a fixed point.
    memo: list = []  # the last text and its URL spans: each text is scanned for URLs once
    for _ in range(_MAX_ROUNDS):
        changed = _links_once(text, urls, emails, mentions, hashtags, memo)
        if changed == text:
            break
        text = changed
    return text


def _url_spans(text: str, memo: list) -> list[tuple[int, int]]:
    if not memo or memo[0] is not text:
        memo[:] = [text, url_spans(text)]
    return memo[1]


def _outside_urls(pattern: re.Pattern[str], text: str, memo: list) -> list[tuple[int, int]]:
    """Spans of ``pattern`` in ``text`` that do not start inside a URL or e-mail address."""
    spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if spans:
        protected = _merge(_url_spans(text, memo), text)
        spans = [span for span in spans if not inside(protected, span[0])]
    return spans


def _links_once(text: str, urls: str, emails: str, mentions: str, hashtags: str, memo: list) -> str:
    if urls != "keep" and (spans := _url_spans(text, memo)):
        text = _replace(text, spans, lambda _: "" if urls == "remove" else PLACEHOLDERS["urls"])
    if emails != "keep" and (spans := email_spans(text)):
        text = _replace(text, spans, lambda _: "" if emails == "remove" else PLACEHOLDERS["emails"])
    if mentions != "keep" and "@" in text and (spans := _outside_urls(MENTION, text, memo)):
        text = _replace(text, spans, lambda _: "" if mentions == "remove" else PLACEHOLDERS["mentions"])
    if hashtags != "keep" and "#" in text and (spans := _outside_urls(HASHTAG, text, memo)):
        if hashtags == "words":
            text = _replace(text, spans, _hashtag_words)
        else:
            text = _replace(text, spans, lambda _: "" if hashtags == "remove" else PLACEHOLDERS["hashtags"])
    return text
