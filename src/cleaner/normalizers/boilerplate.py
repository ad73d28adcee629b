"""Site furniture: related-article prompts, share and follow widgets, subscribe prompts, copyright lines.

The phrases are data (``data/boilerplate.txt``); the ``phrases`` parameter adds more, from a
configuration file (``[tool.cleaner.params.boilerplate] phrases = [...]``) or a Python call
(``cleaner.clean(text, params={"boilerplate": {"phrases": ("…",)}})``).
"""

from __future__ import annotations

import functools
import re
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
_FOLD = {"ا": "اأإآٱ", "أ": "اأإآٱ", "إ": "اأإآٱ", "آ": "اأإآٱ", "ي": "يى", "ى": "يى", "ة": "ةه", "ه": "ةه"}


def _phrase_pattern(phrase: str) -> str:
    parts = []
    for ch in phrase:
        if ch.isspace():
            parts.append(r"[\s\u00a0]{1,3}")
        elif ch in _FOLD:
            parts.append(f"[{_FOLD[ch]}]{_MARKS}")
        elif ch.isalpha() and "\u0600" <= ch <= "\u06ff":
            parts.append(re.escape(ch) + _MARKS)
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _alternation(phrases: tuple[str, ...]) -> str:
    unique = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(_phrase_pattern(p) for p in unique) or r"(?!)"


# What a phrase's first letter matches under re.IGNORECASE when it is an ASCII letter (checked
# against every code point): the two cases, and for i, k, s the special folds.
_ASCII_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _search_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """``re.compile(f"(?:{_alternation(phrases)})", re.IGNORECASE)`` with the same matches, faster to search.

    The plain alternation is tried at every position of a line. Here one case-sensitive class of
    the characters a phrase can start with comes first (the engine skips to them), then the phrases
    grouped by their first letter, each group checked once by a lookbehind, with the marks after
    that letter read once. Phrases keep their order within a group, and groups match disjoint
    first characters, so at any position the same phrase wins as in the plain alternation.
    """
    def plain() -> re.Pattern[str]:
        return re.compile(f"(?:{_alternation(phrases)})", re.IGNORECASE)

    unique = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    groups: dict[str, tuple[str, frozenset[str], list[str]]] = {}
    for phrase in unique:
        ch = phrase[0]
        if ch in _FOLD:
            first, chars, key = f"[{_FOLD[ch]}]", frozenset(_FOLD[ch]), _FOLD[ch]
        elif ch.isascii() and ch.isalpha():
            low = ch.lower()
            first, chars, key = re.escape(ch), frozenset(low + low.upper() + _ASCII_FOLDS.get(low, "")), low
        elif ch.lower() == ch == ch.upper() and not _MARKS_RE.match(ch) and not ch.isspace():
            first, chars, key = re.escape(ch), frozenset(ch), ch
        else:
            return plain()  # a cased non-ASCII first letter: keep the plain alternation
        pattern = _phrase_pattern(phrase)
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


def _presence_patterns(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two patterns, one of which finds something in a line exactly when one of ``phrases`` occurs in it.

    Only whether a phrase occurs is asked, not which one, so the phrases without a cased letter
    are grouped under each exact first letter (a fold class spelled out letter by letter, marks
    after it read once) and need no re.IGNORECASE: the engine skips to those letters and rejects
    the other groups on one comparison. The phrases with a cased letter go to :func:`_search_pattern`.
    """
    unique = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    cased = tuple(p for p in unique if any(c.lower() != c or c.upper() != c for c in p))
    groups: dict[str, list[str]] = {}
    for phrase in unique:
        if phrase in cased:
            continue
        ch = phrase[0]
        first = f"[{_FOLD[ch]}]" if ch in _FOLD else re.escape(ch)
        pattern = _phrase_pattern(phrase)
        if not pattern.startswith(first):
            return _search_pattern(phrases), re.compile(r"(?!)")
        for letter in _FOLD.get(ch, ch):
            groups.setdefault(letter, []).append(pattern[len(first) :])
    alternatives = []
    for letter, rests in groups.items():
        if all(r.startswith(_MARKS) for r in rests):
            alternatives.append(re.escape(letter) + _MARKS + f"(?:{'|'.join(r[len(_MARKS):] for r in rests)})")
        else:
            alternatives.append(re.escape(letter) + f"(?:{'|'.join(rests)})")
    uncased = re.compile("|".join(alternatives) or r"(?!)")
    return uncased, _search_pattern(cased) if cased else re.compile(r"(?!)")


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
    r"|و[يت][^\W\d_]{2,5})(?=[\s\u00a0،,:]|$)"  # "وتوفر", "ويعمل": and + a verb in the present
    .translate(_LETTER_FOLD)
)


class _Rules:
    """Compiled matchers for one set of phrases (the built-in lists plus the user's)."""

    def __init__(self, extra: tuple[str, ...]):
        lists = load_phrases()
        self.related = re.compile(_LEAD + f"(?:{_alternation(lists['related'])})", re.IGNORECASE)
        self.line = re.compile(_LEAD + f"(?:{_alternation(lists['line'] + extra)})", re.IGNORECASE)
        self.alone = re.compile(_LEAD + f"(?:{_alternation(lists['alone'])})", re.IGNORECASE)
        self.glued = _search_pattern(lists["related"])
        self.span = _search_pattern(lists["span"])
        self.tail = _search_pattern(lists["tail"])
        # One search tells whether a line can hold a glued widget at all (the fast path per line).
        self._presence = _presence_patterns(lists["span"] + lists["related"] + lists["tail"])

    @functools.cached_property
    def any_span(self) -> re.Pattern[str]:
        """Any span, glued or tail phrase (compiled on first use; :meth:`may_hold_span` is the fast test)."""
        lists = load_phrases()
        return _search_pattern(lists["span"] + lists["related"] + lists["tail"])

    def may_hold_span(self, line: str) -> bool:
        """Whether ``any_span`` finds something in ``line`` (a faster test of the same)."""
        uncased, cased = self._presence
        return bool(uncased.search(line) or cased.search(line))


@functools.lru_cache(maxsize=32)
def rules(extra: tuple[str, ...] = ()) -> _Rules:
    return _Rules(tuple(extra))


def _words(text: str) -> int:
    return len(text.split())


def _headline_like(line: str) -> bool:
    """A related-article headline under a prompt: short, with letters, not a finished sentence."""
    s = line.strip()
    return bool(s) and _words(s) <= 25 and bool(_LETTER.search(s)) and not re.search(r"(?<!\.)\.\s*$", s)


def _same_script(a: str, b: str) -> bool:
    """Whether two letters belong to one word: both Arabic or both Latin (``تابعنا علىhttp`` is two)."""
    if not a or not b:
        return False
    arabic = ("\u0600" <= a <= "\u06ff", "\u0600" <= b <= "\u06ff")
    return arabic[0] == arabic[1] and b.isalnum()


def line_kind(line: str, extra: tuple[str, ...] = ()) -> str | None:
    """``"related"`` (a prompt alone: headlines may follow), ``"line"`` (one furniture line) or ``None``."""
    r = rules(extra)
    s = line.strip()
    if not s:
        return None
    for kind, matcher in (("related", r.related), ("line", r.line)):
        m = matcher.match(s)
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
        if _SEP.match(rest):
            return "line"
        if _words(s) <= 12 and not _SENTENCE_END.search(s):
            return "line"
        if len(m.group(0).split()) >= 3 and _words(s) <= 20:
            return "line"  # a long, specific phrase ("جميع المقالات المنشورة تمثل رأي كتابها")
    if r.span.search(s) and r.span.sub("", s).strip() == "":
        return "line"
    if len(s.split(None, 20)) <= 20 and _COPYRIGHT.search(s):  # at most 20 words, a copyright notice
        return "line"
    m = r.alone.match(s)
    if m and not _LETTER.search(s[m.end() :]):
        return "line"
    if _SOCIAL.match(s):
        return "line"
    return None


# A copyright notice anywhere in a short line.
_COPYRIGHT = re.compile(
    r"©|\([cC]\)\s{0,2}[0-9]{4}|(?:جميع|كل)\s{1,3}الحقوق\s{1,3}محفوظ[ةه]|حقوق\s{1,3}(?:الطبع|النشر)\s{1,3}محفوظ[ةه]"
    r"|all\s{1,3}rights\s{1,3}reserved",
    re.IGNORECASE,
)
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
    """A line that may belong to a furniture block closing the article: short, not a sentence."""
    s = line.strip()
    if _CONTACT.match(s) or _SOCIAL.match(s):
        return True
    return _words(s) <= 12 and not _SENTENCE_END.search(s)


def classify_boilerplate(lines: list[str], extra: tuple[str, ...] = ()) -> list[bool]:
    """Whether each line is furniture; a prompt alone takes up to five headline lines after it.

    >>> classify_boilerplate(["نص الخبر.", "اقرأ أيضاً:", "عنوان خبر آخر", "نص آخر طويل ينتهي بنقطة."])
    [False, True, True, False]
    """
    return _classify(lines, extra, {})


def _classify(lines: list[str], extra: tuple[str, ...], kinds: dict[str, str | None]) -> list[bool]:
    """:func:`classify_boilerplate`, with ``line_kind`` of each distinct line kept in ``kinds``."""
    out = [False] * len(lines)
    pending = 0  # headline lines a standalone prompt may still take
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        kind = kinds.get(line, _UNKNOWN)
        if kind is _UNKNOWN:
            kind = kinds[line] = line_kind(line, extra)
        if kind:
            out[i] = True
            pending = 5 if kind == "related" else 0
        elif pending and _headline_like(line):
            out[i] = True
            pending -= 1
        else:
            pending = 0
    # A series list closing the article ("مذكرات فلان (2): …", "مذكرات فلان (3): …"): three or more
    # short lines at the very end that open with the same words link to other episodes.
    run = _closing_series(lines, filled)
    for j in run:
        out[j] = True
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


def _closing_series(lines: list[str], filled: list[int]) -> list[int]:
    """A series list at the end of the article: three or more short lines opening with the same words.

    One short line after the series may close the article (the `headings` step drops such a
    dangling line later); the series is found with or without it, so the steps stay idempotent.
    """

    def head(i: int) -> list[str]:
        return lines[i].split()[:3]

    def series(indices: list[int]) -> list[int]:
        run: list[int] = []
        for i in indices:
            words = lines[i].split()
            if len(words) > 20 or len(words) < 4 or _SENTENCE_END.search(lines[i]):
                break
            if not re.search(r"[0-9٠-٩:(]", lines[i]):
                break  # an episode list numbers or labels its items: "مذكرات فلان (2): …"
            if run:
                ref, mine = head(run[-1]), head(i)
                if mine[0] != ref[0] or len(set(mine) & set(ref)) < 2:
                    break
            run.append(i)
        distinct = len({" ".join(lines[i].split()) for i in run}) == len(run)  # episodes differ
        return run if len(run) >= 3 and distinct else []

    backwards = list(reversed(filled))
    found = series(backwards)
    if not found and len(backwards) > 3 and _words(lines[backwards[0]]) <= 12:
        found = series(backwards[1:])
    return found


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
    spans: list[tuple[int, int]] = []
    for m in r.span.finditer(line):
        after = line[m.end()] if m.end() < len(line) else " "
        if m.start() > 8 or line[: m.start()].strip() or not after.isspace():
            continue  # navigation opens the line ("Next Previous فلان – جدة"); elsewhere it stays
        spans.append((m.start(), m.end()))
    covered = -1  # prompts inside an earlier prompt's headline go with it
    for m in r.glued.finditer(line):
        start, end = m.start(), m.end()
        if start < covered:
            continue
        before = _MARKS_RE.sub("", line[max(0, start - 12) : start]).rstrip(" \t\u00a0")  # bounded look behind
        glued = end < len(line) and line[end].isalpha()
        if start and line[start - 1].isalnum():
            continue  # inside a longer word
        if not before and not glued:
            continue  # a prompt opening the line: a furniture line, not a span
        if before and not glued and not _SENTENCE_END.search(before):
            continue  # mid-sentence use of the words ("… للمزيد من …")
        stop = _headline_end(line, end, glued)
        if stop is None:
            continue  # no clear end: leave it rather than cut article text
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
        if not (_SENTENCE_END.search(before) or ":" in " ".join(rest.split()[:5])):
            continue
        if _words(rest) > 15 or _SENTENCE_END.search(rest.rstrip()):
            continue
        spans.append((start, end_of_text))
    return _merge(spans)


def _trimmed(line: str, i: int) -> int:
    """``i`` moved left over the spaces before it (the span keeps its punctuation, not the gap)."""
    while i > 0 and line[i - 1] in " \t\u00a0":
        i -= 1
    return i


def _headline_end(line: str, pos: int, glued: bool = False) -> int | None:
    """Where a glued related headline starting at ``pos`` ends: before the next sentence opener.

    ``None`` when the text after the prompt reads as a sentence (it ends in a full stop first) or
    runs on for more than 30 words: then it is not cut.
    """
    count = 0
    last_end = pos
    for w in _WORD.finditer(line, pos):
        if count >= 3 and _OPENER.match(_MARKS_RE.sub("", line[w.start() : w.start() + 24]).translate(_LETTER_FOLD)):
            return _trimmed(line, w.start())
        if count >= 3 and "  " in line[last_end : w.start()]:
            return _trimmed(line, w.start())
        word = w.group(0)
        if (count or not glued) and _FULL_STOP.search(word) and not 1 <= len(word.strip(".!؟?'\"»”)")) <= 2:
            return None  # a finished sentence ("د." is an abbreviation): article text, not a headline
        count += 1
        last_end = w.end()
        if count > 30:
            return None
    return _trimmed(line, len(line))  # the headline closes the line


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
    extra = tuple(phrases)
    if not text.strip():
        return text
    if "\r" in text:  # a line ended by CR alone is a line (``whitespace`` makes it one later anyway)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Removing a widget can expose another (a prompt now after a sentence end): repeat a few times.
    # What a line is and what its glued widgets leave depend on the line alone: each distinct line
    # is worked out once across the rounds.
    kinds: dict[str, str | None] = {}
    kept: dict[str, str] = {}
    for _ in range(5):
        cleaned = _strip_once(text, extra, kinds, kept)
        if cleaned == text:
            break
        text = cleaned
    return text


def _strip_once(text: str, extra: tuple[str, ...], kinds: dict[str, str | None], kept: dict[str, str]) -> str:
    r = rules(extra)
    lines = text.split("\n")
    drop = _classify(lines, extra, kinds)
    # No widget phrase anywhere in a short text (one search): then none in any of its lines.
    maybe = len(text) > 65536 or r.may_hold_span(text)
    out = []
    changed = False
    for line, dropped in zip(lines, drop, strict=True):
        if dropped:
            changed = True
            continue
        new = kept.get(line)
        if new is None:
            new = kept[line] = _without_widgets(line, extra, r) if maybe else line
        if new is not line:
            changed = changed or new != line
            if not new.strip():
                continue
            line = new
        out.append(line)
    return "\n".join(out) if changed else text


def _without_widgets(line: str, extra: tuple[str, ...], r: _Rules) -> str:
    """``line`` without its glued widgets (``line`` itself when it holds none)."""
    spans = glued_spans(line, extra) if r.may_hold_span(line) else []
    if not spans:
        return line
    new = remove_spans(line, spans)
    if "<" in new and _HTML_TAG.search(new) and not _HTML_TAG.search(line):
        return line  # the cut would join "<h2" and ">" into a tag: leave the line alone
    return new
