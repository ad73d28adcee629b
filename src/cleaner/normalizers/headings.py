"""Sub-headings: short lines standing between paragraphs, freed of decoration, each its own block."""

from __future__ import annotations

import functools
import re

from ..registry import normalizer
from .chars import is_word_char
from .epigraphs import epigraph_headings


class _Lazy:
    """A pattern of this module compiled on its first use: ``cleaner`` starts (and the batch runner
    forks) without compiling the patterns (a few ms) that the texts cleaned may never need. The
    first use binds the module's name for it to the compiled pattern, which later uses find: they
    cost nothing more. (``cleaner.stream`` imports ``_LIST_MARKER`` and ``_SENTENCE_END``: those are
    compiled at once.)"""

    __slots__ = ("name", "pattern")

    def __init__(self, name: str, pattern: str) -> None:
        self.name, self.pattern = name, pattern

    def __getattr__(self, attr: str) -> object:  # ``.match``, ``.search`` ...: the first use
        compiled = globals()[self.name] = re.compile(self.pattern)  # (two threads: the same pattern)
        return getattr(compiled, attr)


# Decoration around a heading: bullets, squares, stars, hashes, dashes before; colons, dashes after.
_LEAD = _Lazy("_LEAD", r"^[\s■□▪▫●•◦◆◇►▶▸★☆✦✪❖*#>\-–—_]+")
# Decoration after it: white space and these (stripped by a loop, see _core).
_TRAIL_PLAIN = "*#:：-–—_"
_BOLD = _Lazy("_BOLD", r"^\*\*(.{1,200})\*\*$")
# A heading ends in a letter, digit, closing quote or bracket, never in sentence punctuation
# (_STOPS, maybe followed by a closing quote or bracket: _ends_with, the same test without a regex).
_SENTENCE_END = re.compile(r"[.!?؟…،,؛;]['\"»”’)\]]?$")  # cleaner.stream uses it
_HAS_LETTER = _Lazy("_HAS_LETTER", r"[^\W\d_]")
_HAS_ALNUM = _Lazy("_HAS_ALNUM", r"[^\W_\u0640]")  # a letter or digit, not the tatweel of a rule "ـــــ"
# Bylines (كتب - فلان, بقلم: فلان), reported speech (وأضاف:), captions in brackets, list markers.
_BYLINE = _Lazy("_BYLINE", r"^(?:كتب|كتبت|كتبه|بقلم|إعداد|اعداد|تحرير|ترجمة|حوار|تقرير|متابعة|تصوير|المصدر|مصدر|المصادر)(?:\s|[-–—:/]|$)")
_LINK_ALONE = _Lazy("_LINK_ALONE", r"(?:https?://|www\.)\S{1,2000}")
_SPEECH = _Lazy(
    "_SPEECH",
    r"^[وف]?(?:قال|أضاف|اضاف|تابع|أكد|اكد|أوضح|اوضح|أشار|اشار|ذكر|صرح|يقول|تقول|يضيف|تضيف"
    r"|أردف|اردف|استطرد|لفت|نوه|شدد|ختم|جاء|أعلن|اعلن|أفاد|افاد|بين|أوضحت|تابعت"
    r"|قلت|قلنا|سأل|سال|سألت|سالت|سألنا|سالنا|أجاب|اجاب|رد|يسأل|يسال)ت?(?:ه|ها|هم|ني)?(?:\s|:|$)"
)
# The last word of a line that introduces what someone says or asks ("في البداية سألناه").
_ASKED_ENDINGS = ("ناه", "ناها", "نا", "ته", "تها", "ت", "وه", "وها")
_SAYING = ("قائلا", "قائلاً", "متسائلا", "متسائلاً")
_INTRODUCES = _Lazy("_INTRODUCES", r"(?:[وف]?(?:سأل|سال)(?:%s)?|%s)$" % ("|".join(_ASKED_ENDINGS), "|".join(_SAYING)))
_INTRODUCES_LAST = frozenset("ل" + "".join(word[-1] for word in _ASKED_ENDINGS + _SAYING))  # how a match ends
_INTRODUCES_TAIL = 16  # more than any match of _INTRODUCES spans (8): the end of a line is enough
# The marks of full vocalisation: a line carrying several is verse or scripture, not a heading.
_MARKS = _Lazy("_MARKS", "[\u064b-\u0652]")
_VOWELS = _Lazy("_VOWELS", "[\u064b-\u0650\u0652]")  # the marks but shadda, which headlines keep
_MAX_MARKS = 2
# A verse's two halves: ".." or "…" with a space before it ("الخيزلي .. فدا"; a headline glues
# it to the word before: "الكويت.. دولة نموذج"), or a wide gap between words.
# (A gap of four spaces or more parts two halves of two words or more each: a label's two words
# spaced wide, "أبرز    النتائج:", are no verse, and once `whitespace` closes the gap a second run
# would judge them otherwise.)
_VERSE_BREAK = _Lazy(
    "_VERSE_BREAK",
    r"[^\W_]\s{1,8}(?:\.{2,6}|…)\s{0,8}[^\W\d_]"
    r"|[^\W_][^\S\n]{1,8}[^\s]{1,40}[^\S\n]{4,80}[^\W\d_][^\s]{0,40}[^\S\n]{1,8}[^\W_]",
)
# The break between a vocalised verse's halves, wherever the spaces stand ("فنٍّ.. به").
_HALVES = _Lazy("_HALVES", r"[^\W_]\s{0,8}(?:\.{2,6}|…)\s{0,8}[^\W\d_]")
# A line naming the verse it quotes: _QUOTES_NEXT without the verbs of saying.
_NAMES_VERSE = _Lazy(
    "_NAMES_VERSE",
    r"(?:^|\s)[وفبكل]?(?:ينشد|أنشد|انشد|بيته|بيتها|أبياته|ابياته|قصيدته|قصيدتها|البيت|الأبيات|الابيات|القصيدة)"
    r"(?:\s{1,3}[^\s:：]{1,30}){0,3}\s{0,3}[:：][\s\-–—_]*$"
)
# The source of a quotation: a line led by a dash right under a line that closes a quotation.
_ATTRIBUTION = _Lazy("_ATTRIBUTION", r"^\s*[-–—]")
_DASHES = frozenset("-–—")
_QUOTE_END = _Lazy("_QUOTE_END", r"[\"»”’)\]﴾][.،]?\s*$")
# The end of a line that introduces a quotation on the next line: a word of saying or reciting a few
# words before a colon ("كقول التجاني يوسف بشير:", "قال بيته المشهور:", "يشدو قائلا :").
_QUOTES_NEXT = _Lazy(
    "_QUOTES_NEXT",
    r"(?:^|\s)[وفبكل]?(?:قول|قوله|قولها|قال|قالت|يقول|تقول|قائلا|قائلاً|قائلة|ينشد|أنشد|انشد|بيته|بيتها|أبياته|ابياته"
    r"|قصيدته|قصيدتها|البيت|الأبيات|الابيات|القصيدة)(?:\s{1,3}[^\s:：]{1,30}){0,3}\s{0,3}[:：][\s\-–—_]*$"
)
_QUOTES_TAIL = 200  # more than any match of _QUOTES_NEXT spans: the end of a line is enough
# A colon followed only by dashes still ends a line that introduces what follows ("قال صاحبي:-").
_COLON_END = _Lazy("_COLON_END", r"[:：][\s\-–—_]*$")
_COLON_TAIL = frozenset(":：-–—_")  # the last character of a match of _COLON_END, or white space


def _colon_end(line: str) -> bool:
    """``_COLON_END.search(line)``, searched only when the last character allows a match."""
    last = line[-1:]
    return (last in _COLON_TAIL or last.isspace()) and _COLON_END.search(line) is not None


# A clause, not a title: a line opening with "أن", "إن" (or "ان" once the alef step ran) …
_CLAUSE = _Lazy("_CLAUSE", r"^\s*(?:أن|ان|إن|بأن|بان|وأن|وان|أنه|انه|أنها|انها)\s")
# … or with a participle that reports speech ("موضحاً أن الفائزين …", "مشيرا إلى …"): the rest of
# a sentence of prose, which a heading may follow.
_REPORTING = _Lazy("_REPORTING", r"[وف]?(?:موضح|مضيف|مشير|مؤكد|لافت|منوه|مبين|معتبر|مشدد|مبرز|معرب)(?:ا\u064b?|\u064bا|ة|ين)\s")


def _reporting(core: str) -> bool:
    """``core`` (no white space around it) opens with a participle that reports speech."""
    return (core[:1] == "م" or core[1:2] == "م") and _REPORTING.match(core) is not None
# … and the line after a sentence broken over two lines goes on with "أن" ("… أستاذ الباطنة" / "أن
# مرض السكر …"); not "إن" or a folded "ان", which open many a paragraph.
# (Bidi marks around the word: see _INVISIBLE.)
_GOES_ON = _Lazy("_GOES_ON", r"^[\s\u200b\u200e\u200f\u061c]*(?:أن|بأن|وأن|أنه|أنها)[\s\u200b\u200e\u200f\u061c]")
_GOES_ON_FIRST = frozenset("أبو\u200b\u200e\u200f\u061c")  # how a match starts, or white space
_LIST_MARKER = re.compile(r"^\s*(?:[■□▪▫●•◦◆◇►▶▸*\-–—]|\(?[0-9٠-٩]{1,3}[.)\-–]|\(?[a-zA-Zأ-ي][.)])\s*")
# A match of _LIST_MARKER starts, after the indentation, with a bullet, a bracket or a digit, or
# has "." or ")" second (after a letter); a match of _LINK_ALONE starts with "h" or "w".
_LISTED_FIRST = frozenset("■□▪▫●•◦◆◇►▶▸*-–—(0123456789٠١٢٣٤٥٦٧٨٩")
_LISTED_SECOND = frozenset(".)")
_LINK_FIRST = frozenset("hw")
_MAX_COLON_WORDS = 3  # "التمويل:" is a heading; "وتتضمن الخطة ثلاثة محاور:" introduces a list
_BRACKETED = _Lazy("_BRACKETED", r"^[(\[].*[)\]]$")  # a caption or aside in brackets; a quoted title may head a section
# "ثانيا: مقرات الأندية": an ordinal opening a numbered section, even with a colon and a longer title.
_ORDINALS = ("أولا", "اولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا")
_ORDINAL = _Lazy("_ORDINAL", r"^(?:%s)[ًٌٍ]?\s{0,3}[:：\-–—]{0,3}\s{0,3}[^\W\d_]" % "|".join(_ORDINALS))
_ORDINAL_HEADS = frozenset(word[:2] for word in _ORDINALS)  # how a match starts
_MAX_ORDINAL_WORDS = 14
# An ordinal section title ending in a colon over the numbered list it introduces may be longer.
_MAX_LIST_TITLE_WORDS = 24
# A number opening a section ("1- …", "4: …", "(2) …"), then a word.
_NUMBERED_HEAD = _Lazy("_NUMBERED_HEAD", r"^\(?[0-9٠-٩]{1,2}\s?[.):\-–]\s{0,3}[(\[]?[^\W\d_]")
_NUMBER_FIRST = frozenset("(0123456789٠١٢٣٤٥٦٧٨٩")  # how a match of _NUMBERED_HEAD or _NUMBER starts
_SECTION_NUMBER = _Lazy("_SECTION_NUMBER", r"^\s*\([0-9٠-٩]{1,2}\)\s*$")
# A short question standing alone between paragraphs ("كيف تكافح من يشتري المتابعين؟") heads what
# answers it; one led by a dash or ">" is an interview turn.
_TURN = _Lazy("_TURN", r"^\s*(?:[-–—>•]|س\s{0,2}[:/])")
# The second line of a heading broken in two continues its phrase: it opens with a preposition.
# (With the spellings the alef and yeh steps leave: "علي", "الي", "لدي".)
_CONTINUES = _Lazy("_CONTINUES", r"^(?:على|علي|في|فى|من|مع|إلى|الى|الي|عن|خارج|داخل|بين|حول|ضد|عبر|لدى|لدي|نحو|تجاه|بعد|قبل)\s")
# Words no sentence ends on: a preposition, a conjunction, "أن", a relative pronoun, a particle that
# needs its verb, a title that needs its name ("يوضح لهم الدكتور" / "محمد فلان أستاذ الباطنة" / "أن
# …"). A line ending in one goes on in the next line: neither it nor the line under it is a heading.
# (With the spellings the alef and yeh steps leave, but not "علي", which is also the name "Ali", nor
# "بين", which ends "شعور بين بين", nor titles that are family names too: "السيد", "الشيخ".) A line
# ending in a colon announces what follows: no sentence cut there.
_DANGLING = frozenset(
    "في فى من على إلى الى إلي الي عن مع حتى حتي منذ لدى لدي عند نحو حول ضد عبر خلال دون تجاه"
    " و ف أو او ثم أم ام لكن بل أن ان إن لأن لان كي لكي الذي الذى التي التى الذين اللذين اللتين اللواتي اللاتي"
    " قد لم لن الدكتور الدكتورة الدكتوره الأستاذ الاستاذ الأستاذة الاستاذة الاستاذه المهندس المهندسة"
    " المهندسه".split()
)


_DANGLING_LAST = frozenset(word[-1] for word in _DANGLING)  # how a word of _DANGLING ends


def _dangling(line: str) -> bool:
    """``line`` ends on a word no sentence ends on (see ``_DANGLING``): its sentence goes on."""
    last = line[-1:]
    if last not in _DANGLING_LAST and last not in _INVISIBLE and not last.isspace():
        return False  # (a line of prose mostly ends in a stop: no word to split off)
    words = line.rsplit(None, 1)
    return bool(words) and words[-1].strip(_INVISIBLE) in _DANGLING


# Bidi and zero-width marks, which the unicode step removes before this one runs but a caller of
# this step alone may leave around words ("\u200fأن\u200f"): never part of a word these tests read.
_INVISIBLE = "\u200b\u200e\u200f\u061c\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _core(line: str) -> str:
    """The heading text inside its decoration, with single spaces."""
    return " ".join(_core_words(line.strip()))


def _core_words(stripped: str) -> list[str]:
    """The words of the heading text inside the decoration of a stripped line."""
    if stripped[:1] in _LEAD_CHARS or stripped[-1:] in _TRAIL_CHARS:
        bold = _BOLD.match(stripped)
        if bold:
            stripped = bold.group(1)
        lead = _LEAD.match(stripped)
        if lead:
            stripped = stripped[_lead_end(stripped, lead.end()) :]
        kept = stripped
        while True:  # strip trailing decoration, in linear time whatever precedes a long trailing run
            shorter = kept.rstrip().rstrip(_TRAIL_PLAIN)
            if shorter == kept:
                break
            kept = shorter
        stripped = stripped[: _trail_end(stripped, len(kept))]
    return stripped.split()


# Decoration glued to a word may belong to it: a hashtag ("#عاجل", "#كفوا_عن_تعنيفها"), "#1", a
# negative number ("-7"), "C#", "F#". Such characters stay (links treats what a strip would leave
# differently: "!#z#" -> "!#z" is a hashtag on the next run). A run of "#" ("###السيسي …") and the
# stars, dashes, bullets and underscores scraped headings glue to their words ("*نقلا عن …",
# "-جيرتس يستعيد توازنه", "_وأخيرا..", "محراب إيران*") are decoration.


def _word(char: str) -> bool:
    return char == "_" or is_word_char(char)


def _lead_end(text: str, end: int) -> int:
    """Where the heading starts once the decoration ``text[:end]`` is stripped, giving back a
    hashtag's ``#`` (a single one, with no letter, digit or ``_`` before it) and a minus sign."""
    if end >= len(text) or not _word(text[end]):
        return end  # decoration ends in a space or before a quote, a bracket: no word to keep
    start = end
    while start > 0 and text[start - 1] == "_":
        start -= 1  # "#_وسم": the hashtag's underscores
    if start > 0 and text[start - 1] == "#" and (start == 1 or not (_word(text[start - 2]) or text[start - 2] == "#")):
        return start - 1  # "#عاجل", "■ #1", not "###السيسي" nor "_#x" (no hashtag for links)
    if start == end and text[end - 1] == "-" and text[end].isdecimal():
        return end - 1  # "-7": a negative number
    return end


def _trail_end(text: str, end: int) -> int:
    """Where the heading ends once the decoration ``text[end:]`` is stripped, giving back the ``#``
    and ``_`` glued to its last word when that word is "C#" or holds a hashtag ("#وسم_")."""
    if end == 0 or end >= len(text) or not _word(text[end - 1]):
        return end
    glued = end
    while glued < len(text) and text[glued] in "#_":
        glued += 1
    if glued == end:
        return end  # "محراب إيران*", "المشهد التونسي-", "العناوين:"
    if text[end] == "#" or "#" in text[text.rfind(" ", 0, end) + 1 : end]:
        return glued  # "C#", "!#z#", "#وسم_"
    return end


_STOPS = frozenset(".!?؟…،,؛;")
_FINAL_STOPS = _STOPS - frozenset("?؟…")  # a candidate ends in none (but in "..": an ellipsis)
_CLOSERS = frozenset("'\"»”’)]")


def _ends_with(core: str, marks: frozenset[str]) -> bool:
    """``core`` ends in one of ``marks``, maybe followed by a closing quote or bracket."""
    if not core:
        return False
    last = core[-1]
    return last in marks or (last in _CLOSERS and len(core) > 1 and core[-2] in marks)


_QUESTION_MARKS = frozenset("؟?")
# A line of a few words may end in an ellipsis ("الشعر نغم...") and still head a section, unless "و"
# or "ف" opens it: it goes on with what came before ("ويعاني من سوء الإدارة...").
_MAX_DOTS_WORDS = 3
_GOES_ON_WORD = _Lazy("_GOES_ON_WORD", r"^[وف][^\W\d_]{2}")


def _is_candidate(line: str, core: str, max_words: int, count: int | None = None) -> bool:
    """A short plain line that may head a section, judged on its own (``core``: ``_core(line)``,
    ``count``: its words).

    (A pattern anchored at either end is tried only when the first or last characters allow a
    match: ``_ORDINAL_HEADS``, ``_NUMBER_FIRST``, ``_INTRODUCES_LAST``, ``_colon_end``; a first
    character that is a letter is the letter ``_HAS_LETTER`` looks for.)
    """
    if count is None:
        count = len(core.split())
    if line.lstrip()[:1] == "(" and _SECTION_NUMBER.match(line):
        return True  # "(2)" alone: the number of a section in a column
    if (
        count <= _MAX_ORDINAL_WORDS
        and (
            (core[:2] in _ORDINAL_HEADS and _ORDINAL.match(core))
            or (core[:1] in _NUMBER_FIRST and _NUMBERED_HEAD.match(core))
        )
        and not _ends_with(core, _STOPS)
    ):
        return True  # "ثانيا: …", "1- مسابقة الشعر (…)", "4: فلان (17 عاما، …)"
    if core[:2] in _ORDINAL_HEADS and count <= _MAX_LIST_TITLE_WORDS and _ORDINAL.match(core) and _colon_end(line):
        return True  # "أولا: مقرات الأندية المعتمدة للتنفيذ عددها (14) مقر ناد وهي:": over a list only (_decide)
    if len(core) < 2 or count > max_words or len(core) > 12 * max_words or ("\u0640" in core and not _HAS_ALNUM.search(core)):
        return False  # (a letter alone, "س", marks a question in an interview; "ـــــ" is a rule)
    if count <= _MAX_DOTS_WORDS and (core.endswith("..") or core.endswith("…")) and not _GOES_ON_WORD.match(core):
        trimmed = core.rstrip(".…").rstrip()
        if trimmed and not _ends_with(trimmed, _STOPS):
            core = trimmed  # "مبارك قبل الحكم..": a headline's trailing ellipsis, no sentence's end
    plain = core
    if _MARKS.search(core):
        if len(_VOWELS.findall(core)) > _MAX_MARKS:
            return False  # a line of verse, fully vocalised
        plain = _MARKS.sub("", core)
    # (_VERSE_BREAK needs ".." or "…", or a gap of four spaces between two words, which a line
    # equal to its single-spaced core once stripped cannot have: no search then. A link or an
    # address: "@", "://" or "www.", three ``in`` tests, cheaper than one search for the three.)
    if (
        ".." in line or "…" in line or (line != core and line.strip() != core)
    ) and _VERSE_BREAK.search(line) or "@" in core or "://" in core or "www." in core:
        return False  # a verse's two halves, a quotation cut short, a link
    if (
        _CLAUSE.match(plain)
        or _reporting(plain)
        or (plain[-1:] in _INTRODUCES_LAST and _INTRODUCES.search(plain[-_INTRODUCES_TAIL:]))
        or (":" in plain and _SPEECH.match(plain))
    ):
        return False  # the rest of a sentence, or what introduces or reports speech ("قلت: وما ذاك؟")
    # (_ends_with(core, ...) written out: core is not empty here, a single character once trimmed.)
    last = core[-1]
    before_closer = core[-2:-1] if last in _CLOSERS else ""
    letter = core[0].isalpha() or _HAS_LETTER.search(core) is not None
    if (last in _QUESTION_MARKS or before_closer in _QUESTION_MARKS) and letter and not _TURN.match(line):
        return not _ends_with(core[:-1].rstrip(), _STOPS)
    if last in _STOPS or before_closer in _STOPS or not letter:
        return False
    if (core[0] in "([" and _BRACKETED.match(core)) or _BYLINE.match(core):
        return False
    if _colon_end(line) and (count > _MAX_COLON_WORDS or _SPEECH.match(plain)):
        return False  # reported speech or a sentence introducing what follows
    return True


# Characters _LEAD and the trailing strip can remove from a stripped line's first and last character.
_LEAD_CHARS = frozenset("■□▪▫●•◦◆◇►▶▸★☆✦✪❖*#>-–—_")
_TRAIL_CHARS = frozenset("*#:：-–—_")
# A heading line is at most this many characters per word of the longest heading allowed.
_CHARS_PER_WORD = 12


@functools.lru_cache(maxsize=64)
def _short_lines(max_chars: int) -> re.Pattern[str]:
    """Lines that may be sub-headings: after a line break, at most ``max_chars`` characters past the
    indentation, not ending in sentence punctuation (a question mark may end one), and followed by
    another line. One pass over the text in C; lines it skips can never be headings (a heading
    line is short, has a line after it, and the first line of a text is never one)."""
    return re.compile(
        r"\n[^\S\n]*+[^\s][^\n]{0,%d}+(?<![!،,؛;])(?<![^.]\.)(?<![.!…،,؛;]['\"»”’)\]])(?=\n)" % (max_chars - 1)
    )


class _Rows:
    """The non-empty lines around a position of ``text``, each worked out once, on demand."""

    __slots__ = ("text", "max_words", "limit", "_info", "one_space")

    def __init__(self, text: str, max_words: int, one_space: bool = False) -> None:
        self.text = text
        self.max_words = max_words
        # (markdown: a run of spaces between words read as one, as `whitespace` leaves it for a
        # second run: a gap of four spaces is no verse's break then, nor a run a long line.)
        self.one_space = one_space
        self.limit = max(max_words, _MAX_ORDINAL_WORDS)
        self._info: dict[int, tuple[str, str, bool, bool, bool, bool]] = {}

    def prev(self, start: int) -> int | None:
        """Where the non-empty line before the line starting at ``start`` starts."""
        text = self.text
        while start > 0:
            end = start - 1
            start = text.rfind("\n", 0, end) + 1
            if start < end and (not text[start].isspace() or not text[start:end].isspace()):
                return start
        return None

    def next(self, start: int) -> int | None:
        """Where the non-empty line after the line starting at ``start`` starts."""
        text = self.text
        end = text.find("\n", start)
        while end >= 0:
            start = end + 1
            end = text.find("\n", start)
            stop = len(text) if end < 0 else end
            if start < stop and (not text[start].isspace() or not text[start:stop].isspace()):
                return start
        return None

    def info(self, start: int) -> tuple[str, str, bool, bool, bool, bool]:
        """(line, core, long prose, listed, candidate on its own, paragraph on its own)."""
        got = self._info.get(start)
        if got is None:
            text = self.text
            end = text.find("\n", start)
            line = text[start:] if end < 0 else text[start:end]
            stripped = line.strip()
            limit, max_words = self.limit, self.max_words
            # An item of a list: a bullet or number, or a link alone on its line (a list of links).
            # (The first character after the indentation, or the second, tells when _LIST_MARKER
            # may match: see _LISTED_FIRST; a link starts with "h" or "w".)
            first = stripped[:1]
            listed = (
                (first in _LISTED_FIRST or stripped[1:2] in _LISTED_SECOND) and _LIST_MARKER.match(line) is not None
            ) or (first in _LINK_FIRST and _LINK_ALONE.fullmatch(stripped) is not None)
            words = None
            if len(stripped) > 2 * limit and first not in _LEAD_CHARS and stripped[-1] not in _TRAIL_CHARS:
                words = stripped.split(None, limit)
                if len(words) > limit:
                    got = (line, "", True, listed, False, True)  # prose: its core only if a neighbour asks
                    self._info[start] = got
                    return got
                # (Fewer words than the limit: all of them, and no decoration for _core_words to strip.)
            if self.one_space and ("  " in stripped or "\t" in stripped):
                line = _INNER_RUN.sub(" ", line)  # (a long line is prose whatever its spaces: not searched)
                stripped = line.strip()
            if words is None:
                words = _core_words(stripped)
            core = " ".join(words)
            count = len(words)
            candidate = len(stripped) <= _CHARS_PER_WORD * limit and _is_candidate(line, core, max_words, count)
            paragraph = (
                _ends_with(core, _STOPS)
                or count > max_words
                or (count > _MAX_COLON_WORDS and _colon_end(stripped))
                or _reporting(core)  # the rest of a sentence
            )
            got = (line, core, False, listed, candidate, paragraph)
            self._info[start] = got
        return got

    def prose(self, start: int, end: int) -> bool:
        """The line ``text[start:end]`` is a paragraph on its own, no candidate heading and no list item."""
        text = self.text
        last = text[end - 1] if end - start > 1 else ""
        if (
            last
            and (last in _FINAL_STOPS and text[end - 2] != "." or last in _STOPS and end - start > _CHARS_PER_WORD * self.limit)
            and not text[start].isspace()
            and text[start] not in _LISTED_FIRST
            and text[start] not in _LINK_FIRST
            and text[start + 1] not in _LISTED_SECOND
        ):
            # The common case, told without cutting the line out: a sentence-final mark last (so a
            # paragraph), which no candidate ends in (not "?", "…" nor "..") or longer than any
            # candidate; no indentation and no list marker first.
            return True
        _, _, _, listed, candidate, paragraph = self.info(start)
        return paragraph and not candidate and not listed

    def candidate(self, start: int, before: int | None, after: int | None) -> bool:
        """A candidate heading: short and plain on its own, and no item of a run of list items."""
        _, _, _, listed, candidate, _ = self.info(start)
        if not candidate or not listed:
            return candidate
        return not ((before is not None and self.info(before)[3]) or (after is not None and self.info(after)[3]))

    def paragraph(self, start: int, before: int | None, after: int | None) -> bool:
        """Prose: a sentence-final mark, or longer than any heading (and no candidate heading)."""
        return self.info(start)[5] and not self.candidate(start, before, after)


_DIGIT = _Lazy("_DIGIT", r"[0-9٠-٩]")
_NUMBER = _Lazy("_NUMBER", r"\s*\(?([0-9٠-٩]{1,3})[.)\-–]")


def _numbered(before: str, after: str) -> bool:
    """``before`` and ``after`` are consecutive items of a numbered list ("(2) …", "(3) …")."""
    b, a = before[:1], after[:1]
    if not ((b in _NUMBER_FIRST or b.isspace()) and (a in _NUMBER_FIRST or a.isspace())):
        return False  # (a match of _NUMBER starts with white space, a bracket or a digit)
    first, second = _NUMBER.match(before), _NUMBER.match(after)
    return bool(first and second) and int(second.group(1)) == int(first.group(1)) + 1


def _credit(line: str) -> bool:
    """A byline or dateline (``القاهرة: فلان``), which a blank line may set apart too."""
    from .structure import byline_start, dateline_kind

    return byline_start(line) or dateline_kind(line) is not None


# "الزيادي: التوقيت حسب نوع العملية" over "وأشار إلى أن …": a speaker's words after their name and a
# colon, over a paragraph that goes on with the same speaker (a verb of saying with no subject named:
# "وأضاف أن", "وأشار إلى", "وتابع:") is a quotation pulled out of that speech, not the title of a
# section. (A section's sub-headline in that form names its speaker below: "قال فلان …".)
_SPEAKER_WORDS = 4  # a name: at most this many words before the colon
_QUOTED_WORDS = 4  # the words quoted after it: at least this many
_AND_THEN = frozenset("وف")
_SAME_SPEAKER = _Lazy(
    "_SAME_SPEAKER",
    r"^\s*[وف](?:أضاف|اضاف|أشار|اشار|تابع|أوضح|اوضح|أكد|اكد|لفت|شدد|بين|استطرد|أردف|اردف|ختم|نوه"
    r"|يضيف|يشير|يتابع|يوضح|يؤكد|يوكد)ت?(?:\s{0,3}[:：]|\s{1,3}(?:أن|ان|إن|بأن|بان|إلى|الى|إلي|الي|على|علي"
    r"|قائلا|قائلاً|قائلة)(?:\s|$))"
)


def _quotation(core: str, after: str) -> bool:
    """``core`` is "speaker: what they said" over ``after``, which goes on with the same speaker."""
    first = after[:1]
    if not (first in _AND_THEN or first.isspace()) or _SAME_SPEAKER.match(after) is None:
        return False  # (a match of _SAME_SPEAKER starts with "و" or "ف" after the indentation)
    who, colon, said = core.partition(":")
    return (
        bool(colon)
        and 0 < len(who.split()) <= _SPEAKER_WORDS
        and _HAS_LETTER.search(who) is not None  # a name, not a section's number ("4: فلان …")
        and not _ORDINAL.match(core)
        and len(said.split(None, _QUOTED_WORDS)) >= _QUOTED_WORDS
    )


def _verse(line: str, core: str, *, whole: bool = False) -> bool:
    """``line`` is a line of verse that no rule takes for a heading: fully vocalised, or a verse's
    two halves parted by a gap or by ".." with spaces around it. Body text of the article, as a
    paragraph is: a title may stand over or under it. ``whole``: the line holds both halves of
    the verse ("حُسنُ الحَضارَةِ مَجلوبٌ بِتَطرِيَةٍ.. وَفي البَداوَةِ حُسنٌ غَيرُ مَجلوبِ"), not one of
    them, so the line above it is no first half."""
    dots = ".." in line or "…" in line
    marked = _MARKS.search(core) is not None
    plain = _MARKS.sub("", line) if marked else line
    if (dots or "  " in plain.strip() or "\t" in plain) and _VERSE_BREAK.search(plain):
        return True  # (_VERSE_BREAK needs ".." or "…", or a gap of four spaces)
    if not marked or len(_VOWELS.findall(core)) <= _MAX_MARKS:
        return False
    # Vocalised: ".." between two words, glued to the first as a headline has it (the punctuation
    # step glues it so), is the break between the halves too.
    return not whole or (dots and _HALVES.search(plain) is not None)


def _introducer(line: str, core: str, candidate: bool, *, verse: bool = False) -> bool:
    """``line`` introduces what follows it and is no heading: a speaker before a colon ("قال لي
    صاحبي :-", no candidate) or a line naming the verse or saying it quotes. With ``verse``, only a
    line naming the verse ("صاحب البيت الشهير:", "ومن أبياته:"), not one a line of dialogue may stand
    over ("قال ابنه:"). Body text of the article: a title may stand over it. (Not a byline or a
    dateline ending in a colon.)"""
    if not _colon_end(line):
        return False
    if verse:
        named = _NAMES_VERSE.search(line[-_QUOTES_TAIL:]) is not None
    else:
        named = (not candidate and _SPEECH.match(_MARKS.sub("", core)) is not None) or (
            _QUOTES_NEXT.search(line[-_QUOTES_TAIL:]) is not None
        )
    return named and not _credit(line)


def _prose_under(line: str, core: str, long_prose: bool, paragraph: bool, candidate: bool, max_words: int) -> bool:
    """``line``, under a line of verse and a short line, is prose (so the short line is a title,
    not the verse's next line): longer than any heading, or a sentence of several words ending in a
    full stop, no verse itself; or a line introducing what follows ("قال التلميذ لأستاذه:")."""
    if long_prose:
        return True
    if _introducer(line, core, candidate):
        return True
    if not paragraph or candidate or _verse(line, core):
        return False
    count = len(core.split())
    return count > max_words or (count >= _BODY_WORDS and _ends_with(core, _FULL_STOPS))


_FULL_STOPS = frozenset(".!?؟")


def _dotted(core: str) -> bool:
    """``core`` holds ".." or "…": a verse's break, a cry ("أخيراً.."), no title next to verse."""
    return ".." in core or "…" in core


_OPENERS = frozenset("([")  # how a match of _BRACKETED starts


def _bracketed_title(rows: _Rows, start: int, core: str) -> bool:
    """``core``, the line at ``start``, is a title of a few words in brackets ("( إشارات )") between
    a paragraph and the first item of a numbered list ("(1) …", "1- …"): the list's title, not a
    caption or an aside in brackets (which no list follows)."""
    if not _BRACKETED.match(core):
        return False
    inner = core[1:-1].strip()
    if (
        not inner
        or len(inner.split()) > _MAX_COLON_WORDS
        or _DIGIT.search(inner)
        or "(" in inner or ")" in inner or "[" in inner or "]" in inner
        or not _is_candidate(inner, inner, rows.max_words)
    ):
        return False
    before, after = rows.prev(start), rows.next(start)
    if before is None or after is None:
        return False
    _, _, b_long, b_listed, b_candidate, b_paragraph = rows.info(before)
    if not (b_long or (b_paragraph and not b_candidate and not b_listed)):
        return False
    return _first_item(rows.info(after)[0])


def _opening_label(rows: _Rows) -> int | None:
    """Where the first line of the text starts when it is a label of a few words and a colon
    ("العناوين:") over a paragraph or a list, which it heads (no title ends in a colon). Not a
    dateline or a byline ("القاهرة:", "كتب:"), nor a speaker ("قال:")."""
    text = rows.text
    end = text.find("\n")
    if end < 0:
        return None  # a single line: nothing to head
    start = 0 if _filled(text, 0, end) else rows.next(0)
    if start is None:
        return None
    stop = text.find("\n", start)
    if stop < 0 or not (text[stop - 1] in _COLON_TAIL or text[stop - 1].isspace()):
        return None  # (the common case: a title, which ends in no colon)
    line, core, _, listed, candidate, _ = rows.info(start)
    if not _colon_end(line):
        return None
    after = rows.next(start)
    if not candidate or listed or after is None:
        return None
    _, _, a_long, a_listed, a_candidate, a_paragraph = rows.info(after)
    if a_candidate and not a_listed or not (a_long or a_listed or a_paragraph):
        return None
    return start if _label(line, "", core, a_listed, a_paragraph or a_long, a_candidate) else None


_ARABIC_LETTER = _Lazy("_ARABIC_LETTER", r"[\u0621-\u064a]")
# A deck under the headline, closed by a spaced dash as some papers print it ("… الاستثمارية -").
_DASH_CLOSED = _Lazy("_DASH_CLOSED", r"\s[-–—]\s*$")
_DECK_MIN_WORDS = 3


def _title_region(rows: _Rows) -> dict[int, str]:
    """The headings among the first two lines of the text (line start -> heading text): a deck
    closed by a spaced dash under the headline (see ``_opening_deck``). Both lines are short and no
    paragraph (no sentence's end, at most ``max_words`` words), so ``cleaner.stream`` never cuts
    above the line under them: each piece after the first starts with a paragraph, which the rule
    never takes for the first line.

    A short first line right over a longer headline stays the title: a kicker over the headline
    ("تقرير لشركة استشارية" / the headline) and a title over its sub-title ("فيزياء المستقبل" /
    "العلم يغير حياتنا") have the same shape, and a rule for kickers was wrong on 3 of its 41
    firings in the bulk corpus."""
    text = rows.text
    first_end = text.find("\n")
    if first_end < 0:
        return {}
    start = 0 if _filled(text, 0, first_end) else rows.next(0)
    if start is None:
        return {}
    stop = text.find("\n", start)
    if stop < 0 or stop - start > _CHARS_PER_WORD * rows.max_words + 40:
        return {}  # (the common case: a first line longer than a title, or a paragraph)
    after = stop + 1
    while text[after : after + 1] == "\n":
        after += 1  # (empty lines)
    after_end = text.find("\n", after)
    if after_end < 0 or text[after].isspace() and not _filled(text, after, after_end):
        return {}  # nothing under the second line (no heading), or a line of white space only (no rule)
    last = text[after_end - 1]
    if (last in _DASHES or last.isspace()) and text[after:after_end].rstrip()[-1:] in _DASHES:
        # (Once the deck is written without its dash, in its own block, the rule does not fire again.)
        return {after: rows.info(after)[1]} if _opening_deck(rows, start, after) else {}
    return {}


def _opening_deck(rows: _Rows, start: int, after: int) -> bool:
    """The line at ``after``, under the first line of the text (``start``), is a deck: a
    line of a few words closed by a spaced dash ("8 جلسات تناقش الأعمال التجارية -"), as some
    papers print the decks under a headline and the credits under them, under a first line of a
    title's shape (no sentence's end, at most ``max_words`` words). Not a credit: a name, a place
    and a name ("صلالة - مكتب الجريدة -", "المدينة / فلان -")."""
    line, core, long_prose, listed, _, paragraph = rows.info(start)
    if long_prose or listed or paragraph or not core or not _HAS_LETTER.search(core) or _credit(line):
        return False
    a_line, a_core, a_long, a_listed, _, a_paragraph = rows.info(after)
    if (
        a_long
        or a_listed
        or a_paragraph
        or a_core.count(" ") < _DECK_MIN_WORDS - 1
        or not _DASH_CLOSED.search(a_line)
        or _PARTS.search(a_core)
        or not _ARABIC_LETTER.search(a_core)
        or _ends_with(a_core, _QUESTION_MARKS)
        or _credit(a_line)
    ):
        return False
    if rows.next(after) is None:
        return False  # nothing under it: no heading
    from .structure import _name_only

    return not _name_only(a_core)


def _first_item(line: str) -> bool:
    """``line`` is item 1 of a numbered list ("(1) …", "1- …")."""
    first = _NUMBER.match(line) if line[:1] in _NUMBER_FIRST or line[:1].isspace() else None
    return first is not None and int(first.group(1)) == 1 and _LIST_MARKER.match(line) is not None


def _verse_at(rows: _Rows, start: int | None) -> bool:
    """The line at ``start`` is a line of verse (see ``_verse``), no candidate heading."""
    if start is None:
        return False
    line, core, long_prose, listed, candidate, _ = rows.info(start)
    return not (long_prose or listed or candidate) and _verse(line, core)


def _introducer_at(rows: _Rows, start: int) -> bool:
    """The line at ``start`` introduces what follows (see ``_introducer``)."""
    line, core, long_prose, listed, candidate, _ = rows.info(start)
    return not (long_prose or listed) and _introducer(line, core, candidate)


def _closes_verse(rows: _Rows, before: int) -> bool:
    """The two lines from ``before`` up are a line of verse in its two halves that a line ending in
    a colon introduced ("وفيه يقول ابن قيس الرقيات:"), with no quotation left open ("«…" goes on
    under them). A line under them, over a paragraph, closes the quotation: the next section's
    heading ("مصعب بن الزبير"). (Longer runs of verse may have a third half or a free line: no
    telling a heading from them.)"""
    upper = rows.prev(before)
    if upper is None:
        return False
    introducer = rows.prev(upper)
    if introducer is None:
        return False
    halves = []
    for start in (upper, before):
        # Short lines, no paragraph (so ``cleaner.stream`` never cuts between them and the introducer).
        line, core, long_prose, _, _, paragraph = rows.info(start)
        if long_prose or paragraph or not core or _colon_end(line):
            return False
        halves.append(line)
    if sum(h.count("«") - h.count("»") for h in halves) or sum(h.count('"') for h in halves) % 2:
        return False  # a quotation still open
    line = rows.info(introducer)[0]
    return _colon_end(line[-8:]) and _QUOTES_NEXT.search(line[-_QUOTES_TAIL:]) is not None



def _label(line: str, b_line: str, core: str, a_listed: bool, a_paragraph: bool, a_candidate: bool) -> bool:
    """``line`` is a label that heads what follows: at most three words and a colon, no "و" or "ف"
    tying it to the line before ("وتشمل:"), over a paragraph or a list item. Not under a question
    (the speaker of its answer: "السيد الرئيس:"), nor a dateline ("القدس المحتلة-وكالات:")."""
    return (
        _colon_end(line)
        and len(core.split()) <= _MAX_COLON_WORDS
        and not _GOES_ON_WORD.match(core)
        and (a_listed or (a_paragraph and not a_candidate))
        and not _ends_with(b_line.rstrip(), _QUESTION_MARKS)
        and not _credit(line)
    )


_BODY_WORDS = 6
# A label heads a line of at least this many words that ends no sentence (shorter: a field's value).
_LABEL_LINE_WORDS = 5
# A line at least this share of the length of the unfinished line above it goes on with its
# sentence: text broken into lines of a fixed width.
_WRAPPED = 0.8
# The end of a short line that is a cry or verse, not a sentence of prose: an ellipsis ("..!!").
_TRAILING_DOTS = _Lazy("_TRAILING_DOTS", r"(?:\.\.|…)[!؟?]{0,3}['\"»”’)\]]?$")
_DOTS_END = frozenset(".…!؟?'\"»”’)]")  # the last character of a match of _TRAILING_DOTS


def _prose_above(rows: _Rows, start: int) -> bool:
    """The line at ``start``, or else the one before it, is body text: a sentence of several
    words or a long paragraph, not a title or a date. It looks no further up than a line that is a
    paragraph (see ``cleaner.stream``: a cut between two paragraphs changes no decision)."""
    for _ in range(2):
        line, core, long_prose, listed, candidate, paragraph = rows.info(start)
        if long_prose or (paragraph and not candidate and not _LIST_MARKER.match(line)):
            count = len(core.split()) if core else rows.limit + 1
            return not listed and (count > rows.limit or (_ends_with(core, _STOPS) and count >= _BODY_WORDS))
        above = rows.prev(start)
        if above is None:
            return False
        start = above
    return False


#: A line opening with "##", spaces and a character that is not white space or "#" (group 1: the rest
#: of it); spaces before it too (as `whitespace`, after this step, may leave them: "##  x" is "## x").
_MARKDOWN_HEADING = re.compile("^[^\\S\\n]{0,8}##[^\\S\\n]{1,8}(?=[^\\s#])([^\\n]*)", re.MULTILINE)
_MARKDOWN_HASHES = re.compile("##")  # (the fast check: a literal search)


def _decide(text: str, max_words: int, *, as_written: bool = False, markdown: bool = False) -> dict[int, str]:
    """Line start -> heading text for every sub-heading of ``text``.

    Only the lines `_short_lines` finds are looked at, with their non-empty neighbours. With
    ``as_written`` (the ``headings`` step writing plain text), a line that comes out the same
    whether or not it is a heading is not judged, and left out (see ``_written_as_is``). With
    ``markdown`` (the step writing ``## heading``), a line is judged alike whether or not a blank
    line parts it from the line above (as `whitespace` leaves every line), so a second run agrees.
    """
    rows = _Rows(text, max_words, markdown)
    info, prev, following = rows.info, rows.prev, rows.next
    found: dict[int, str] = {}
    end = text.find("\n")
    if end == 0 or (end > 0 and (text[end - 1] in _COLON_TAIL or text[end - 1].isspace())):
        # (The first line ends in a colon or white space, or is empty: see _opening_label.)
        first = _opening_label(rows)
        if first is not None:
            found[first] = info(first)[1]  # "العناوين:" over the article: a label, no title ends in a colon
    if end >= 0 and (end <= _CHARS_PER_WORD * max_words + 40 or text[0].isspace()):
        # (A first line longer than any title, with no indentation: the common case, neither.)
        found.update(_title_region(rows))  # a deck under the headline
    if _MARKDOWN_HASHES.search(text):  # "## heading", as `html` writes an HTML heading (h1-h6): a heading whatever its length
        for match in _MARKDOWN_HEADING.finditer(text):  # (the last line too: the text style writes no "## ")
            found.setdefault(match.start(), _core(match.group()) or match.group(1).rstrip())
    for match in _short_lines(_CHARS_PER_WORD * rows.limit).finditer(text):
        here = match.start() + 1
        if here in found:
            continue  # the second line of a heading broken in two
        if as_written and _written_as_is(rows, here, match.end()):
            continue
        line, core, _, listed, candidate, _ = info(here)
        if not candidate:
            if core[:1] in _OPENERS and _bracketed_title(rows, here, core):
                found[here] = core  # "( إشارات )" over the first item of a list
            continue
        before = prev(here)
        if before is None:
            continue  # the first line: a title
        after = following(here)
        if after is None:
            continue  # nothing after it: no heading (a closing line, a signature: kept as it is)
        b_line, b_core, b_long, b_listed, b_candidate, b_paragraph = info(before)
        if _dangling(b_line) or (_dangling(core) and not _colon_end(line)):
            continue  # a sentence going on over the line break, not a title
        if b_paragraph and b_core[-1:] in _DOTS_END and _TRAILING_DOTS.search(b_core) and len(b_core.split()) <= _BODY_WORDS:
            continue  # under "أبناء وطن المجد والعزة..": a cry or a line of verse, no paragraph
        a_line, a_core, a_long, a_listed, a_candidate, a_paragraph = info(after)
        if core[:2] in _ORDINAL_HEADS and len(core.split()) > rows.limit and not _first_item(a_line):
            continue  # an ordinal over a colon, longer than a heading: the title of the list it introduces only
        if listed and (b_listed or a_listed):
            continue  # an item of a list
        if not listed and _numbered(b_line, a_line):
            continue  # a short line between items (2) and (3) of a list (a quotation's author) is in it
        if b_paragraph and _colon_end(b_line[-8:]) and _QUOTES_NEXT.search(b_line[-_QUOTES_TAIL:]):
            continue  # the verse or saying the line before introduces ("كقول الشاعر:", "حينما يصدح قائلا:")
        # A heading follows a paragraph (prose, no candidate heading) or closes a list; a label
        # (a few words and a colon: "الفائزون :", "المراحل التعليمية:") heads the paragraph or list
        # under it whatever stands above (a list of names, "تاريخ الميلاد : 1938م") ...
        if not (
            b_listed
            or (b_paragraph and not b_candidate)
            or _label(line, b_line, core, a_listed, a_paragraph, a_candidate)
            or (a_paragraph and not a_candidate and not a_listed and not listed and _closes_verse(rows, before))
            or (
                not (a_listed or listed or b_candidate or b_listed or b_long)
                and _verse(b_line, b_core)
                and not _dotted(core)
                and _prose_under(a_line, a_core, a_long, a_paragraph, a_candidate, max_words)
                and _verse_at(rows, prev(before))
            )  # under two lines of verse ("وَقَديماً كانَ في الناسِ الحَسَد"), over prose
        ):
            # ... or a blank line parts it from the lines before (verse, a list) and a paragraph
            # (no list item) follows. In the body only (a sentence one or two lines above those:
            # not under a title, a date or a byline), not after a date, no dateline or byline itself;
            # not after a line with a blank line before it: that one may be a heading given its
            # own block on an earlier run.
            before2 = prev(before)
            if (
                listed
                or before2 is None
                or text.find("\n", before) + 1 == here
                or text.find("\n", before2) + 1 != before
                or not a_paragraph
                or a_candidate
                or a_listed
                or _DIGIT.search(b_line)
                or not _prose_above(rows, before2)
                or _credit(line)
            ):
                continue
        if (
            not b_long
            and b_paragraph
            and len(core) >= _WRAPPED * len(b_line.strip())
            and (prev(before) is not None if markdown else text.find("\n", before) + 1 == here)
            and core == line.strip()
            and not _ends_with(b_core, _STOPS)
            and not _colon_end(b_line)
            and not _NUMBERED_HEAD.match(core)
            and not _ORDINAL.match(core)
        ):
            # As long as the line right above, which breaks off mid-sentence: prose wrapped at a
            # width. (No decoration to strip: once blank lines part the two, the line may pass for
            # a heading, and must come out the same. Written "## heading", it would not: in markdown
            # a blank line between the two changes nothing, as `whitespace` puts one there; and
            # under the first line, the title, such a line is its deck, blank line or not.)
            continue
        if core[-1] in ".…" and not b_long and len(b_core.split()) < _BODY_WORDS:
            continue  # a short line ending in an ellipsis under another short line: an item, a cry
        if (a_line[:1] in _GOES_ON_FIRST or a_line[:1].isspace()) and _GOES_ON.match(a_line):
            continue  # the next line goes on with "أن …": a sentence broken over two lines
        if ":" in core and _quotation(core, a_line):
            continue  # "الزيادي: التوقيت حسب نوع العملية": a speaker's words, pulled out
        if (line[:1] in _DASHES or line[:1].isspace()) and _ATTRIBUTION.match(line) and _QUOTE_END.search(b_line):
            continue  # "- من سورة الحج" under a quotation: its source
        # What may follow a heading: a paragraph, or the first item of a numbered or bulleted list.
        if a_listed and not a_paragraph and _HAS_ALNUM.search(a_core):
            # The first item of a list has another after it: "د. فلان" alone is a name, not a list
            # (a rule of dashes under a heading is no item).
            after2 = following(after)
            a_listed = after2 is not None and info(after2)[3]
        if (
            a_listed
            or (a_paragraph and not a_candidate)
            # over a whole line of verse, or a line naming the verse it quotes ("صاحب البيت الشهير:")
            or (
                not (a_listed or a_long)
                and (
                    (not a_candidate and not _dotted(core) and _verse(a_line, a_core, whole=True))
                    or _introducer(a_line, a_core, a_candidate, verse=True)
                )
            )
        ):
            if a_long or not _ends_with(core, _QUESTION_MARKS) or len(a_core.split()) > max_words:
                found[here] = core
            continue
        after2 = following(after)
        if (
            after2 is not None
            and rows.candidate(after, here, after2)
            and _CONTINUES.match(a_core)
            and len(core.split()) + len(a_core.split()) <= max_words
            and (rows.paragraph(after2, after, following(after2)) or info(after2)[3] or _introducer_at(rows, after2))
        ):
            # A heading broken over two lines ("امتداد القوميات" / "خارج الحدود الإيرانية").
            found[here] = core
            found[after] = a_core
        elif (
            after2 is not None
            and a_candidate
            and not (a_listed or b_listed)
            and _colon_end(a_line)
            and not _credit(a_line)
            and (rows.paragraph(after2, after, following(after2)) or info(after2)[3] or _introducer_at(rows, after2))
        ):
            # A heading over a sub-heading that labels what follows ("أعماله:" / "دواوينه الشعرية:").
            found[here] = core
            found[after] = a_core
        elif (
            a_candidate
            and core.count(" ") < _KICKER_WORDS  # (a core is single-spaced: at most three words)
            and a_core.count(" ") > core.count(" ")
            and len(a_core) >= _HEADLINE_SHARE * len(core)
            and b_paragraph
            and not b_candidate
            and after2 is not None
            and not (listed or b_listed or info(after)[3])
            and not _colon_end(b_line)
            and _kicker(line, core)
            and _stacked(a_line, a_core)
            and _prose_at(rows, after2)
            and not _goes_on_speaking(info(after2)[0])
        ):
            # A kicker of a few words over its headline, under prose and over a paragraph
            # ("جديد المكتبات" / "كتاب عن تاريخ المدينة في القرن الماضي"): both head the section.
            # (Under a line that introduces something with a colon, the two may be verse; two
            # short lines of about the same length between paragraphs are a verse's halves; over
            # "وقال …", the story above goes on: the two lines were put in it, links to others.)
            found[here] = core
            found[after] = a_core
        elif (
            a_candidate
            and not (a_listed or b_candidate or b_listed)
            and b_paragraph
            and a_core.count(" ") >= _LABEL_LINE_WORDS - 1
            and not _colon_end(a_line)
            and not _ends_with(a_core, _QUESTION_MARKS)
            and _label(line, b_line, core, True, False, False)
            and after2 is not None
            and _one_line_then_prose(rows, after2)
        ):
            # A label under prose over a line of a few words that ends no sentence ("الجوائز:" /
            # "نال عددا من الأوسمة وشهادات الشكر"), then prose: it heads what follows as over
            # a paragraph. (Over a question, "سؤال:" is an interviewer's turn; over a run of such
            # lines, a list, which ``boilerplate`` reads with the label's colon.)
            found[here] = core
            if (
                core.count(" ") < _KICKER_WORDS
                and a_core.count(" ") > core.count(" ")
                and len(a_core) >= _HEADLINE_SHARE * len(core)
                and not info(after)[3]
                and _kicker(core, core)
                and _stacked(a_line, a_core)
                and _prose_at(rows, after2)
                and not _goes_on_speaking(info(after2)[0])
            ):
                # Written without its colon, the label is a kicker over its headline (the rule
                # above, on the next run): the two head the section ("المدرب:" / "سنقاتل حتى النهاية").
                found[after] = a_core
            elif not _prose_at(rows, after2):
                # A line of a few words between that line and the prose under it heads the prose
                # ("الجوائز:" / "نال عددا من الأوسمة" / "تكريم مستحق" / the paragraph).
                found[after2] = info(after2)[1]
    found = {**epigraph_headings(text), **found}  # a verse under a title, printed again below (epigraphs)
    if found and not _between_headings(rows, found, complete=not as_written):
        return _decide(text, max_words, markdown=markdown)  # (rare: a heading above a stack's middle line left unjudged)
    return found


def _between_headings(rows: _Rows, found: dict[int, str], *, complete: bool) -> bool:
    """Add to ``found`` each line of a title's shape (no sentence's end, no longer than a numbered
    head) standing between a heading and a label heading under it: the middle of a stack of three
    ("3- مسابقة القصة:" / "دورة الكاتب الراحل / فلان لأفضل مجموعة قصصية صدرت هذا العام" /
    "الفائزون:"), which its length alone made a paragraph. (A run of other stories' headlines has
    no label under it.) False when ``found`` is not ``complete`` (lines written as they stand were
    not judged) and the line above such a middle line is one of those: it may be a heading left
    unjudged, and only a full judgement tells."""
    for below in sorted(found):
        label = found[below]
        if not (
            len(label.split()) <= _MAX_COLON_WORDS
            and _colon_end(rows.info(below)[0])
            and not _GOES_ON_WORD.match(label)
        ):
            continue  # (under the middle line, a label: "الفائزون:")
        middle = rows.prev(below)
        if middle is None or middle in found:
            continue
        line, core, long_prose, listed, _, _ = rows.info(middle)
        if (
            long_prose
            or not core
            or listed
            or len(core.split()) > rows.limit
            or _ends_with(core, _STOPS)
            or _colon_end(line)
            or _dotted(core)
            or _verse(line, core)
            or _credit(line)
        ):
            continue
        upper = rows.prev(middle)
        if upper is None:
            continue
        if upper in found:
            found[middle] = core
        elif not complete:
            stop = rows.text.find("\n", upper)
            if _written_as_is(rows, upper, len(rows.text) if stop < 0 else stop):
                return False
    return True


_KICKER_WORDS = 3
# The headline under a kicker is longer, by a word and this share of its length at least; the two
# halves of a verse have about the same length.
_HEADLINE_SHARE = 1.3
# Two parts of a credit parted by a slash or a spaced dash: a place or a rubric and a name
# ("المدينة – فلان الفلاني", "استطلاع/ المحرر الثقافي"); no kicker or headline of a stack.
_PARTS = _Lazy("_PARTS", r"[^\W\d_]\s{0,3}/|\s[-–—]\s")


def _kicker(line: str, core: str) -> bool:
    """``line`` may be the kicker over a headline: at most three words, no digit (a date, a
    number of a list), no question, no label (colon), no credit."""
    return (
        len(core.split()) <= _KICKER_WORDS
        and not _DIGIT.search(core)
        and not _ends_with(core, _QUESTION_MARKS)
        and not _colon_end(line)
        and not _PARTS.search(core)
        and not _credit(line)
    )


def _stacked(line: str, core: str) -> bool:
    """``line`` (a candidate) may be the headline under a kicker: no question (an interviewer's),
    no label, no item of figures ("7 مليارات …", "السعة: 35,000"), no credit, no verse."""
    return not (
        _ends_with(core, _QUESTION_MARKS)
        or _colon_end(line)
        or _dotted(core)
        or core[:1] in _NUMBER_FIRST
        or _PARTS.search(core)
        or (":" in core and _DIGIT.search(core.partition(":")[2]))
        or _credit(line)
        or (" " in core and _credit(" - ".join(core.rsplit(None, 1))))  # "بي بي سي لندن": an agency, a place
        or _verse(line, core)
    )


def _goes_on_speaking(line: str) -> bool:
    """``line`` goes on with what someone said above it: "و" or "ف" and a verb of saying ("وقال
    فلان …", "وأضافت …")."""
    stripped = line.lstrip()
    return stripped[:1] in _AND_THEN and _SPEECH.match(stripped) is not None


def _one_line_then_prose(rows: _Rows, start: int) -> bool:
    """The line at ``start`` is prose (see ``_prose_at``), or a line of at most three words (a
    heading's shape, no list item) right over prose: not the next item of a list."""
    if _prose_at(rows, start):
        return True
    line, core, long_prose, listed, candidate, _ = rows.info(start)
    if long_prose or listed or not candidate or len(core.split()) > _MAX_COLON_WORDS:
        return False
    below = rows.next(start)
    return below is not None and _prose_at(rows, below)


def _prose_at(rows: _Rows, start: int) -> bool:
    """The line at ``start`` is body text: longer than any heading, or a sentence of several words
    ending in a full stop (no verse)."""
    line, core, long_prose, listed, candidate, paragraph = rows.info(start)
    if long_prose:
        return True
    if listed or candidate or not paragraph:
        return False
    count = len(core.split())
    return count > rows.limit or (count >= _BODY_WORDS and _ends_with(core, _FULL_STOPS) and not _verse(line, core))


def _written_as_is(rows: _Rows, start: int, end: int) -> bool:
    """The line ``text[start:end]`` comes out of ``headings`` (plain text) as it stands whether it
    is a heading or not, and judging it changes no other line: a blank line (or none) above and
    under it, nothing for ``_core`` to strip (it is its own heading text), and under it a
    paragraph (no candidate, no list item), so no heading in two lines starts here (see the end
    of ``_decide``). Most titles of a feed of articles, each alone in its block, are such lines."""
    text = rows.text
    if start >= 2 and text[start - 2] != "\n" and _filled(text, text.rfind("\n", 0, start - 1) + 1, start - 1):
        return False  # a line above it, to part from a heading
    line = text[start:end]
    if line[:1] in _LEAD_CHARS or line[-1:] in _TRAIL_CHARS:
        return False  # decoration to strip
    # (A printable line has no white space but spaces: see test_headings_paths.py.)
    if not (line.isprintable() and "  " not in line and line[0] != " " and line[-1] != " ") and " ".join(line.split()) != line:
        return False  # white space to strip
    after = end + 2
    if text[end + 1 : after] == "\n" and after < len(text) and not text[after].isspace():
        stop = text.find("\n", after)  # the common case: an empty line, then the line under it
        return rows.prose(after, len(text) if stop < 0 else stop)
    stop = end
    while stop >= 0:  # the first non-empty line under it (as ``rows.next``)
        after = stop + 1
        stop = text.find("\n", after)
        after_end = len(text) if stop < 0 else stop
        if _filled(text, after, after_end):
            return after > end + 1 and rows.prose(after, after_end)  # (not right under it)
    return True  # no line after it: no heading


def heading_decisions(lines: list[str], *, max_words: int = 10) -> dict[int, str]:
    """Which of ``lines`` are sub-headings: line index -> heading text.

    This is the detector the ``headings`` step applies; ``eval/structure.py`` measures it.

    >>> heading_decisions(["فقرة أولى طويلة تنتهي بنقطة.", "■ دعم مستمر:", "فقرة ثانية."])
    {1: 'دعم مستمر'}
    """
    text = "\n".join(lines)
    starts = {}
    pos = 0
    for i, line in enumerate(lines):
        starts[pos] = i
        pos += len(line) + 1
    return {starts[s]: core for s, core in _decide(text, max_words).items()}


@normalizer("headings")
def headings(text: str, *, max_words: int = 10, style: str = "text") -> str:
    """Make each sub-heading its own block and strip its decoration.

    A sub-heading is a short line (at most ``max_words`` words) without sentence-final punctuation
    that stands between two paragraphs (lines that end a sentence or are longer than any heading),
    or after a blank line in the body of the text with a paragraph under it; a numbered section head
    (``1- …``, ``4: …``) may have up to 14 words, a headline of three words may end in an ellipsis
    (``مبارك قبل الحكم..``), a label line (``دواوينه الشعرية:``) may stand under one, a label of up
    to three words heads the paragraph under it whatever stands above, and a line may close a line
    of verse quoted in its two halves. A kicker of up to three words (no digit, no question, no
    credit) over its headline, under prose and over a paragraph, heads the section with it (``جديد
    المكتبات`` / ``كتاب عن تاريخ المدينة``), and a line between a heading and a label under it (``3-
    مسابقة القصة:`` / ``دورة الكاتب الراحل …`` / ``الفائزون:``) is part of the stack. Verse is body
    text: a title may stand under two lines of it (over prose), or over a whole line of verse (both
    halves) or a line naming the verse it quotes (``صاحب البيت الشهير:``), and a title over a
    sub-title may stand over a speaker (``قال لي صاحبي:``). A list's title may be in brackets (``(
    إشارات )``) or open with an ordinal and end in a colon (up to 24 words) over item 1, and a label
    of up to three words and a colon opening the text (``العناوين:``) heads it: no title ends in a
    colon. In the title region, a deck
    closed by a spaced dash under the first line (``8 جلسات تناقش … -``) is a heading; a label under
    prose heads a line of five words or more that ends no sentence when prose follows (``الجوائز:``
    / ``نال عددا من الأوسمة``), and with the line as its headline when the two make a kicker's stack
    (``المدرب:`` / ``سنقاتل حتى النهاية``). A sentence that goes on over the line break (the line above ends on a preposition, a
    conjunction, ``أن`` or a title such as ``الدكتور``) and a speaker's words pulled out of the
    speech that goes on below (``فلان: …`` over ``وأضاف أن …``) are not headings.
    Bylines (``كتب - فلان``), reported speech (``وأضاف:``, ``قلت: …``, ``موضحاً أن …``), verse
    (vocalised, two halves, introduced by ``كقول الشاعر:``, or under a short line ending in ``..``),
    prose wrapped at a fixed width, bracketed captions and list items (a run of bulleted or numbered
    lines) are not headings. Decoration glued to a word goes (``*محاور``, ``###عنوان``) unless it
    belongs to it: ``C#``, ``#1``, a hashtag (``#عاجل``) and a negative number (``-7``) stay. No
    line is ever dropped: a short line at the very end (a signature, a closing formula) is kept as
    it is. ``style="markdown"`` writes each heading as ``## heading`` (and reads a run of spaces
    between two words as one, as ``whitespace`` leaves it: a second run then judges every line alike).

    >>> headings("فقرة أولى طويلة تنتهي بنقطة.\\n■ دعم مستمر:\\nفقرة ثانية.", style="markdown")
    'فقرة أولى طويلة تنتهي بنقطة.\\n\\n## دعم مستمر\\n\\nفقرة ثانية.'
    """
    if style not in ("text", "markdown"):
        raise ValueError(f"headings: style must be 'text' or 'markdown', not {style!r}")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    markdown = style == "markdown"
    return _write(text, _decide(text, max_words, as_written=not markdown, markdown=markdown), markdown)


_INNER_RUN = re.compile(r"(?<=\S)(?:[ \t]{2,}+|\t)(?=\S)")  # spaces and tabs between two words


def _write(text: str, found: dict[int, str], markdown: bool) -> str:
    """``text`` with each heading of ``found`` (line start -> heading text) in its own block."""
    out: list[str] = []
    pos = 0
    for start in sorted(found):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end  # (a "## heading" may be the last line)
        heading = found[start]
        # Its own block: a blank line before and after it (unless there is one, or a heading).
        before = text.rfind("\n", 0, start - 1) + 1
        gap_before = before not in found and _filled(text, before, start - 1)
        after = text.find("\n", end + 1)
        gap_after = _filled(text, end + 1, len(text) if after < 0 else after)
        if not (gap_before or gap_after or markdown) and end - start == len(heading) and text.startswith(heading, start):
            continue  # a heading alone in its block already, with no decoration: nothing to write
        out.append(text[pos:start])
        if gap_before:
            out.append("\n")
        out.append(f"## {heading}" if markdown else heading)
        if gap_after:
            out.append("\n")
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _filled(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` holds something besides white space (read without copying it when its
    first character does)."""
    return start < end and (not text[start].isspace() or not text[start:end].isspace())
