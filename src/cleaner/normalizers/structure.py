"""Article structure: bylines, photo captions, dateline-only lines and repeated paragraphs.

The detectors are per-line classifiers (:func:`classify_lines`) shared by the normalizers and by
the evaluation (``eval/structure.py``), so the evaluation measures exactly what the steps remove.
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import operator
import re
from collections.abc import Callable, Container
from importlib import resources

from ..registry import normalizer
from .headings import _LEAD_CHARS as _HEADING_LEAD
from .headings import _TRAIL_CHARS as _HEADING_TRAIL

BYLINE, DATELINE, CAPTION = "byline", "dateline", "caption"


@functools.cache
def _gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    raw = resources.files(__package__).joinpath("data", "places.txt").read_text(encoding="utf-8")
    sections: dict[str, set[str]] = {"places": set(), "agencies": set()}
    current = "places"
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, set()).add(_fold(line))
    return frozenset(sections["places"]), frozenset(sections["agencies"])


_FOLD_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None, "\u00a0": " "})
_MARKS = re.compile("[\u064b-\u065f\u0670]")


# _FOLD_TABLE as replacements: str.translate looks every character up in a dict, while an ``in``
# test and a replace per folded character are fast (same result: no target is itself folded).
_FOLD_PAIRS = tuple((chr(k), v or "") for k, v in _FOLD_TABLE.items())


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    for char, folded in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, folded)
    return " ".join(_MARKS.sub("", text).lower().split())


_MONTHS = (
    "يناير فبراير مارس أبريل ابريل إبريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر "
    "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين جانفي فيفري أفريل ماي جوان جويلية أوت "
    "محرم صفر ربيع جمادى رجب شعبان رمضان شوال القعدة الحجة ذو ذي "
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_WEEKDAYS = "السبت الأحد الاحد الإثنين الاثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة".split()
_DATE_FILLERS = (
    "الموافق هـ ه م ص ت الساعة يوم في بتاريخ تاريخ آخر أخر اخر تحديث تحديث: للصفحة نشر نشر: منذ AM PM am pm GMT UTC "
    "الأول الاول الثاني الآخر الاخر"  # كانون الثاني, ربيع الأول
).split()
_DATE_WORDS = frozenset(_fold(w) for w in (*_MONTHS, *_WEEKDAYS, *_DATE_FILLERS))
_DIGITS = re.compile(r"[0-9٠-٩]")
# Brackets part a dateline too: the wire form "واشنطن (رويترز) -" is a place and an agency.
_SEPARATORS = re.compile(r"\s*[-–—ـ/|:،,()]+\s*|\s+[\u0640]+\s+")
_TRIM = " \t\u00a0*#>•■▪●:：-–—ـ_.،,;؛«»\"'“”()[]{}?"
_SENTENCE_END = re.compile(r"(?<!\.)[.!؟?]['\"»”)\]]?\s*$")
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}")
_BYLINE_WORD = re.compile(
    r"^[\s*#>•\-–—]{0,4}(?:كتب|كتبت|كتبه|بقلم|إعداد|اعداد|تحرير|متابعة|حوار|ترجمة|إشراف|اشراف|تقديم|رصد)"
    r"(?=[\s:\-–—ـ/]|$)[\s:\-–—ـ/]{0,6}"
)
# The words of the rest of a byline that no colon or dash follows (see byline_start).
_SECOND_CREDIT = re.compile(r"(?<!\S)\S{1,40}(?=\s{1,6}[^\W\d_]|$)")
_CREDIT_WORDS = frozenset("كتب كتبت كتبه بقلم إعداد اعداد تحرير متابعة حوار ترجمة إشراف اشراف تقديم رصد".split())
_BYLINE_ROLE = re.compile(
    r"^[\s*#>•\-–—]{0,4}(?:لل|بقلم\s{1,3}ال)(?:شاعر|شاعرة|كاتب|كاتبة|أديب|اديب|دكتور|أستاذ|استاذ|زميل|زميلة)(?=\s)"
)
_CAPTION_PAREN = re.compile(r"[(\[](?:\s{0,3})(?:تصوير|صورة|الصورة|عدسة|تصوير:|photo|Photo|AFP|Getty|رويترز|أ ف ب|ا ف ب|أرشيفية|ارشيفية|أرشيف)[^()\[\]]{0,80}[)\]]\s*$")
_CAPTION_START = re.compile(
    r"^[\s*#>•\-–—(]{0,4}(?:(?:تصوير|عدسة|صورة أرشيفية|صورة ارشيفية|Photo|Image|Credit)(?=[\s:\-–—ـ/)]|$)"
    r"|(?:الصورة|صورة)\s{0,3}(?:[:：\-–—/)]|$))"  # a label: "الصورة: …" ("الصورة الكاملة …" is a sentence)
)
# "صورة من …", "صورة لـ…", "الصورة من …": a caption only in a caption's shape (see _caption_kind).
_CAPTION_OF = re.compile(r"^[\s*#>•\-–—(]{0,4}(?:الصورة|صورة)\s{1,3}(?:من(?=\s)|لـ|لل|ل(?=\s))")
# Words that make a clause of a line (a negation, a particle before a verb, a relative, a
# demonstrative): a sentence or a headline, not a caption.
_CLAUSE_WORDS = frozenset(
    _fold(w) for w in "لا لم لن ما هل كيف لماذا قد أن إن ان لقد كان كانت تم يتم ليس هذا هذه ذلك تلك التي الذي الذين".split()
)
# Anywhere in a short line: an archive or illustrative photo, a photographer's credit after other
# credits ("تحقيق: القسم الاقتصادي - تصوير: محمد الفاتح"), a gallery's instructions or rights notice.
_CAPTION_ANY = re.compile(
    r"صورة\s{1,3}(?:أرشيفية|ارشيفية|تعبيرية|توضيحية)|الصورة\s{1,3}(?:تعبيرية|توضيحية)"
    r"|\((?:أرشيفية|ارشيفية|تعبيرية|توضيحية)\)"
    r"|[\-–—|/.]\s{0,3}تصوير\s{0,3}[:：\-–—]\s{0,3}[^\W\d_]"
    r"|(?:اضغط|انقر)\s{1,3}(?:على|علي)\s{1,3}الصورة|جميع الصور تنتمي"
)
_FUNCTION_WORDS = frozenset(
    "في من على إلى الى عن مع أن ان إن لا لم لن ما هل كيف لماذا هذا هذه ذلك التي الذي و أو ثم قد كل بعد قبل حول بين عند".split()
)
# A date proper: numeric (17/04/2012, 03-22-2012), a clock time, or a month or weekday name.
_NUMERIC_DATE = re.compile(r"[0-9٠-٩]{1,4}[/.\-][0-9٠-٩]{1,2}[/.\-][0-9٠-٩]{1,4}|[0-9٠-٩]{1,2}:[0-9٠-٩]{2}")
_MONTH_WORDS = frozenset(_fold(w) for w in (*_MONTHS, *_WEEKDAYS))
_SITE_SUFFIX = frozenset(_fold(w) for w in "نت نيوز net news 24 أونلاين اونلاين online tv".split())


def _words(text: str) -> list[str]:
    return text.split()


def _is_date_word(word: str) -> bool:
    w = word.strip(_TRIM)
    return not w or bool(_DIGITS.search(w)) or _fold(w) in _DATE_WORDS


def _has_real_date(text: str) -> bool:
    """A numeric date or clock time, or a month or weekday name with a number ("26 مارس 2020")."""
    if _NUMERIC_DATE.search(text):
        return True
    return bool(_DIGITS.search(text)) and any(_fold(w.strip(_TRIM)) in _MONTH_WORDS for w in text.split())


@functools.lru_cache(maxsize=16384)
def _part_kind(part: str) -> str:
    """``date``, ``place``, ``agency``, ``name`` (a person's name), ``word`` (one unknown word, such
    as a desk or paper name) or ``other`` for one part of a dateline."""
    core = part.strip(_TRIM)
    if not core:
        return "empty"
    places, agencies = _gazetteer()
    folded = _fold(core)
    if folded in places:
        return "place"
    words = core.split()
    quoted = part.strip().startswith("«") and part.strip().endswith("»")  # «الشرق الأوسط»
    if folded in agencies or (quoted and len(words) <= 4):
        return "agency"
    if 2 <= len(words) <= 3 and _fold(words[-1]) in _SITE_SUFFIX and not re.search(r"[@.:]", core):
        return "agency"  # a news site: "براقش نت"
    if all(_is_date_word(w) for w in words):
        return "date" if _has_real_date(core) else "other"
    # "أنقرة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس": known names around a date
    rest = [w for w in words if not _is_date_word(w)]
    if rest and len(rest) < len(words) and _has_real_date(core):
        if all(_fold(w) in places or _fold(w) in agencies for w in rest) or len(rest) == 1:
            return "date"
    if len(words) == 1 and re.fullmatch(r"[^\W\d_]+", core):
        return "word"
    if 2 <= len(words) <= 4 and not _DIGITS.search(core) and not any(w in _FUNCTION_WORDS for w in words):
        if not _fold(words[0]).startswith("ال") and all(re.fullmatch(r"[^\W\d_]+", w) for w in words):
            return "name"
    return "other"


def is_email_line(line: str) -> bool:
    s = line.strip(_TRIM + " ")
    return bool(s) and _EMAIL.fullmatch(s) is not None


def _parts(line: str) -> list[str]:
    return [p for p in _SEPARATORS.split(line.strip()) if p.strip(_TRIM)]


@functools.lru_cache(maxsize=16384)
def dateline_kind(line: str) -> str | None:
    """``"dateline"`` for a line of places, agencies and dates only, ``"byline"`` for a person's
    name beside a place or paper (``بغداد/ قيس عيدان``), else ``None``.

    >>> dateline_kind("الجزيرة - الرياض :"), dateline_kind("بغداد/ قيس عيدان"), dateline_kind("26 مارس 2020")
    ('dateline', 'byline', 'dateline')
    >>> dateline_kind("لندن (رويترز) - قال مسؤول إن المحادثات مستمرة.") is None
    True
    """
    s = line.strip()
    if not s or len(s) > 120 or len(_words(s)) > 12 or _SENTENCE_END.search(s):
        return None
    if _part_kind(s) == "date":
        return DATELINE  # "17/04/2012", "26 مارس 2020", "7/23/2012 12:49:17 PM آخر تحديث"
    kinds = [k for k in (_part_kind(p) for p in _parts(s)) if k != "empty"]
    if not kinds or "other" in kinds:
        return None
    known = sum(k in ("place", "agency", "date") for k in kinds)
    names, words = kinds.count("name"), kinds.count("word")
    if not known:
        return None
    if names == 0 and words <= 1:
        return DATELINE
    # A name beside a place or paper, joined by a dash or slash (never "field: value").
    inner_colon = re.search(r"\S\s*[:：]\s*\S", s)
    if names == 1 and words == 0 and not inner_colon and kinds.count("date") == 0:
        return BYLINE
    return None


def byline_start(line: str) -> bool:
    """A byline line: ``كتب - فلان``, ``بقلم: فلان``, ``للشاعر فلان`` or an e-mail address alone.

    >>> byline_start("كتبت- حسنات الحكيم"), byline_start("كتب وزير الخارجية مقالاً عن الأزمة.")
    (True, False)
    """
    s = line.strip()
    if not s or len(_words(s)) > 9 or _SENTENCE_END.search(s):
        return False
    if is_email_line(s):
        return True
    m = _BYLINE_WORD.match(s) or _BYLINE_ROLE.match(s)
    if not m:
        return False
    rest = s[m.end() :].strip(_TRIM)
    if not rest or len(_words(rest)) > 6 or _DIGITS.search(rest):
        return False
    if _BYLINE_ROLE.match(s):
        return True
    sep = m.group()[len(m.group().rstrip(" \t\u00a0:-–—ـ/")) :]
    if not sep.strip():
        # No colon or dash after the word ("بقلم فلان"): it opens a phrase when a place follows
        # ("تحرير الموصل - معركة طويلة") or a sentence when a verb of writing follows without a
        # colon or dash of its own ("بقلم الرصاص كتب الطفل رسالته"; "بقلم فلان ترجمة - فلان" is a credit).
        places, _ = _gazetteer()
        if _fold(_words(rest)[0].strip(_TRIM)) in places:
            return False
        if any(w in _CREDIT_WORDS for w in _SECOND_CREDIT.findall(rest)):
            return False
    return not any(w in _FUNCTION_WORDS for w in _words(rest)[1:])


def _credit_core(s: str) -> str:
    """``s`` (stripped) without the credits in brackets at its end: ``(تصوير فلان)``, ``(رويترز)``."""
    while "(" in s or "[" in s:
        m = _CAPTION_PAREN.search(s)
        if m is None:
            break
        s = s[: m.start()].rstrip()
    return s


_SHORT_CAPTION = 15  # words before the credit: a caption is no longer ("… (رويترز)" after more is a paragraph)
_PHOTO_OF_WORDS = 10  # "صورة من …" as a caption: at most this many words

# Words that "و" or "ف" opens and that may open a caption (a noun, not a connective before a verb).
_CAPTION_NOUNS = frozenset(
    _fold(w)
    for w in "وزير وزيرة وزراء وزارة وفد وفود وكيل وكالة ولي والي وسط وقفة ورشة وجه وجوه وداع وصول وثيقة "
    "ولاية وادي فريق فرقة فندق فعالية فعاليات فتاة فتيات فتى فنان فنانة فنانون فيلم فوز فلسطيني "
    "فلسطينية فلسطينيون فلسطينيات".split()
)

# The last words of a sentence that quotes what follows it: "كتب عليها", "رفعوا لافتة بعنوان".
_QUOTE_CUES = frozenset(_fold(w) for w in "عليها عليه فيها فيه بعنوان عنوانها عبارة شعار نصها نصه مفادها مفاده تقول يقول قائلا قائلة".split())


def _quotes_bracket(core: str) -> bool:
    """The text before a bracket at a line's end is a sentence that quotes the bracket, not a
    caption over a credit: it introduces it with a colon ("وقال: (تصوير الأفلام ممنوع …)") or a word
    that announces a quotation ("كتب عليها (…)", "بعنوان (…)"), or opens with a connective glued
    to its first word ("وعلقت السلطات لافتة كتب عليها (تصوير … ممنوع)") that is no given name,
    place or noun a caption opens with ("وزير الخارجية …", "وليد …").

    >>> _quotes_bracket("وعلقت السلطات لافتة كتب عليها"), _quotes_bracket("وزير الخارجية في مؤتمره")
    (True, False)
    """
    words = core.split()
    if not words:
        return False
    if core.rstrip().endswith((":", "：")) or _fold(words[-1].strip(_TRIM)) in _QUOTE_CUES:
        return True
    first = words[0].strip(_TRIM)
    if len(first) < 4 or first[0] not in "وف":
        return False
    folded = _fold(first)
    places, _ = _gazetteer()
    return not ({folded, folded[1:]} & (_given_names() | _CAPTION_NOUNS) or folded in places)


@functools.lru_cache(maxsize=16384)
def _caption_kind(s: str) -> str | None:
    """For a stripped line: ``"strong"`` (a caption wherever it stands), ``"weak"`` (a caption
    unless it is the title: a short text over a credit, ``صورة من …`` in a caption's shape) or None.

    A paragraph that ends with a credit (an agency's tag, ``(صورة أرشيفية)``) is no caption: its
    text ends a sentence before the credit or is longer than a caption.
    """
    words = len(s.split(None, 30))
    if not s or words > 30:
        return None
    core = _credit_core(s) if s[-1] in ")]" else s
    if core is not s:
        if not core.strip(_TRIM):
            return "strong"  # credits alone: "(تصوير فلان)", "(ا ف ب، رويترز)"
        if (
            len(core.split(None, _SHORT_CAPTION)) <= _SHORT_CAPTION
            and not _SENTENCE_END.search(core)
            and not any(_fold(w.strip(_TRIM)) in _CLAUSE_WORDS for w in core.split())
            and not _quotes_bracket(core)
        ):  # "المتظاهرون في الميدان (تصوير فلان)"; not "وقال الوزير إن … (أ ف ب)": a clause is a sentence
            return "weak"  # a title ending "(صورة)" stays
    words = len(core.split(None, 14))
    if words > 14:
        return None
    if not _SENTENCE_END.search(core):
        if _CAPTION_START.match(core):
            return "strong"
        if (
            words <= _PHOTO_OF_WORDS
            and _CAPTION_OF.match(core)
            and ".." not in core
            and "…" not in core
            and not any(_fold(w.strip(_TRIM)) in _CLAUSE_WORDS for w in core.split())
        ):
            return "weak"  # "صورة من داخل القاعة"; not a headline ("صورة من … تثير الجدل" is the title)
    return "strong" if _CAPTION_ANY.search(core) else None


def is_caption(line: str) -> bool:
    """A photo credit or caption: ``(تصوير أحمد شحاتة)`` at a line's end, ``صورة أرشيفية``, ``الصورة: …``.

    The line's own shape only: a short caption (``صورة من …``, a text over a credit) that is the
    article's title stays (see :func:`classify_lines`).

    >>> is_caption("المتظاهرون في الميدان (تصوير أحمد شحاتة)"), is_caption("صورة أرشيفية")
    (True, True)
    >>> is_caption("وقتل خمسة أشخاص في الانفجار الذي وقع صباح اليوم في وسط المدينة. (رويترز)")
    False
    """
    return _caption_kind(line.strip()) is not None


def _name_only(line: str) -> bool:
    if _SENTENCE_END.search(line) or re.search(r"[.!؟?،,]", line):
        return False
    s = line.strip().rstrip(":：").strip(_TRIM)
    if not s or len(s) > 40:
        return False
    return _part_kind(s) == "name"


@functools.cache
def _given_names() -> frozenset[str]:
    """The given names of ``data/given_names.txt``, folded."""
    raw = resources.files(__package__).joinpath("data", "given_names.txt").read_text(encoding="utf-8")
    return frozenset(_fold(line) for line in map(str.strip, raw.splitlines()) if line and not line.startswith("#"))


def _person_name(line: str) -> bool:
    """A bare name (:func:`_name_only`) that is a person's: its first word is a given name of the
    gazetteer (``data/given_names.txt``) or an "عبد…" name, or its second word names the father
    ("بن", "بنت", "ولد"). Two or three words closing an article ("تحيا مصر", "شكرا لكم", "والله ولي
    التوفيق") are text, not a signature.

    >>> _person_name("نبيل بهجت"), _person_name("عبد الله أبو راشد"), _person_name("تحيا مصر")
    (True, True, False)
    """
    if not _name_only(line):
        return False
    words = [_fold(w) for w in line.strip(_TRIM + " ").split(None, 2)]
    return words[0].startswith("عبد") or words[0] in _given_names() or words[1] in ("بن", "بنت", "ولد")


# --- Lines whose own label depends on where they stand ------------------------------------------
# A weak caption (a short text over a credit, "صورة من …") that is the article's title stays. A weak
# dateline (_weak_dateline: one place, a quoted name, a day and month) is a dateline only at the head
# of the article (above the first text, or under a title that ends no sentence with a full stop,
# its bylines, datelines, time stamps and at most two bare names), or when it introduces the
# paragraph under it with a dash or a colon ("القاهرة -"); elsewhere it is a sub-heading, a section
# name or a list item. The rules look only at lines' own labels, the title, bare names, time stamps
# and the next line with no label of its own: what the steps remove in a run never changes them for
# the lines that stay (the steps stay idempotent).
_INTRO_END = re.compile(r"[-–—:：]\s*$")


def _stamp(line: str) -> bool:
    """A time stamp under the title: a short line with a numeric date or a clock time
    ("الثلاثاء 24 جويلية 2012 الساعة 10:40:17 بتوقيت تونس")."""
    return len(line.split(None, 12)) <= 12 and _NUMERIC_DATE.search(line) is not None and not _SENTENCE_END.search(line)


def _is_title(line: str, own: str | None) -> bool:
    """The title is the first non-blank line with no label of its own, or a weak caption."""
    return own is None or (own == CAPTION and _weak_caption(line))


def _demoted(lines: list[str], own: list[str | None]) -> list[int]:
    """The lines labelled on their own (``own``) that keep no label where they stand (see above)."""
    filled = [i for i, line in enumerate(lines) if _filled(line)]
    title = next((i for i in filled if _is_title(lines[i], own[i])), None)
    if title is None:
        return []
    out = [title] if own[title] is not None else []
    # The head ends at the first line with no label of its own past the title and its bare names.
    head_end = title
    if _title_like(lines[title]):
        names = 0
        for i in filled:
            if i <= title or own[i] is not None or _stamp(lines[i]):
                continue
            if names < 2 and _name_only(lines[i]):
                names += 1
                continue
            head_end = i
            break
        else:
            head_end = len(lines)
    for i in filled:
        if i > title and own[i] == DATELINE and _weak_dateline(lines[i]) and i > head_end:
            if _INTRO_END.search(lines[i]):
                after = next((j for j in filled if j > i and own[j] is None), None)
                if after is not None and _is_prose(lines[after]):
                    continue
            out.append(i)
    return out


# A date alone ("15 يناير 2020", "17/04/2012", "10:47 ص") heads an entry of a list (a timeline, a
# schedule), not the article, under a line of text that ends with a colon ("وهذه أبرز المحطات:"), or
# when the next or the previous date alone is one to _LIST_GAP lines of text away and each of the two
# stands over a line of text. The lines the steps before datelines remove (bylines, captions, bare
# names) are looked past, so that bylines (which counts such a date among the first lines, see
# prefix_lines) decides as datelines does; lines of text decide, and they stay: a date kept keeps its
# reason on the next run (the steps stay idempotent). What decides stands within _LIST_GAP lines of
# text of the date, fewer than the plain lines a stream's cut needs on either side: one piece of a
# stream holds it all (stream._plain_run).
_LIST_GAP = 3
_COLON_END = re.compile(r"[:：]\s*$")
_COLON_LINE = re.compile(r"[:：][^\S\n]{0,400}(?=\n|\Z)")  # (the first line ending in a colon)


class _Entries:
    """The lines of ``text`` around its datelines (``datelines``: the starts of all of them), for
    _list_dates: their own labels and their nearest visible neighbours, each found once, and the
    dates alone among them (a date with none before or after it has no pair that way)."""

    def __init__(self, text: str, datelines: list[int]) -> None:
        self.text = text
        self.labels: dict[int, str | None] = dict.fromkeys(datelines, DATELINE)
        self.near: dict[tuple[int, int], tuple[int, str | None]] = {}
        self.alone = sorted(start for start in datelines if self.date_alone(start))

    def line(self, start: int) -> str:
        return _line_at(self.text, start)[0]

    def label(self, start: int) -> str | None:
        if start not in self.labels:
            self.labels[start] = _local_label(self.line(start))
        return self.labels[start]

    def date_alone(self, start: int) -> bool:
        return self.label(start) == DATELINE and all(_is_date_word(w) for w in self.line(start).split())

    def visible(self, start: int, step: int) -> tuple[int, str | None]:
        """The nearest line after (``step`` 1) or before (-1) the line at ``start`` that is no
        blank line, byline, caption or bare name, and its own label ((-1, None): none)."""
        key = (start, step)
        if key not in self.near:
            pos = start
            while True:
                pos = _filled_after(self.text, pos) if step > 0 else _filled_before(self.text, pos)
                if pos < 0:
                    self.near[key] = (-1, None)
                    break
                got = self.label(pos)
                if got not in (BYLINE, CAPTION) and not (got is None and _name_only(self.line(pos))):
                    self.near[key] = (pos, got)
                    break
        return self.near[key]

    def pair(self, start: int, step: int) -> bool:
        """The date alone at ``start`` and the next one (``step`` 1) or the previous one (-1) head
        two entries: one to _LIST_GAP lines of text between them, and a line of text under the later."""
        k = bisect.bisect_left(self.alone, start)
        if not (k + 1 < len(self.alone) if step > 0 else 0 < k):
            return False
        texts = 0
        pos, got = self.visible(start, step)
        while pos >= 0 and got is None and texts <= _LIST_GAP:
            texts += 1
            pos, got = self.visible(pos, step)
        if pos < 0 or not 1 <= texts <= _LIST_GAP or not self.date_alone(pos):
            return False
        under, got = self.visible(max(start, pos), 1)
        return under >= 0 and got is None


def _list_dates(text: str, datelines: list[int], candidates: list[int] | None = None) -> set[int]:
    """The lines among ``candidates`` (their starts; all the ``datelines`` of ``text`` by default)
    that head an entry of a list (see above)."""
    out: set[int] = set()
    entries = _Entries(text, datelines)
    colon = -1  # the colon of the first line ending in one (len(text): none), once a date alone needs it
    for start in datelines if candidates is None else candidates:
        if not entries.date_alone(start):
            continue
        if any(entries.pair(start, step) for step in (1, -1)):
            out.add(start)
            continue
        if colon < 0:
            m = _COLON_LINE.search(text)
            colon = len(text) if m is None else m.start()
        if colon < start:  # (most dates have no such line above them: no need to look)
            above, got = entries.visible(start, -1)
            if above >= 0 and got is None and _COLON_END.search(entries.line(above)):
                out.add(start)
    return out


def _head_credits(rest_line: Callable[[int], str | None]) -> list[int]:
    """The bylines at the head of the article, by their rank among the lines with no label
    (``rest_line(n)``: the n-th such line, None past the last).

    A bare name right under the title, with prose under it. A name and a colon under the title
    or its subtitle (no paragraph above it): the author's or the desk's credit ("راشد مفتاح
    السليطي:", "ثقافة اليوم:"); not next to another bare name (two in a row are a list), so removing
    it never brings a bare name under the title. The rules run again on the lines left, as the next
    run would see them, until none fires (the steps stay idempotent). A section's or column's name
    there ("دعاء اليوم") goes too: a rule that asks for a given name (as closing bylines do) kept
    27 real credits among the 55 head lines it kept in the bulk corpus, so it was not built.
    """
    removed: list[int] = []
    while True:
        cur: list[int] = []  # the first four lines left
        n = 0
        while len(cur) < 4 and rest_line(n) is not None:
            if n not in removed:
                cur.append(n)
            n += 1
        if len(cur) < 3:
            return removed

        def text(k: int) -> str:
            return rest_line(cur[k]) or ""

        if _name_only(text(1)) and _is_prose(text(2)) and _title_like(text(0)):
            removed.append(cur[1])
            continue
        for k in (1, 2):
            if k + 1 < len(cur) and all(_title_like(text(j)) for j in range(k)):
                line = text(k).strip().lstrip("?").strip()  # "?": a bullet lost to the code page
                if (
                    line.endswith((":", "："))
                    and _name_only(line)
                    and not (k == 2 and _name_only(text(1)))
                    and not _name_only(text(k + 1))
                ):
                    removed.append(cur[k])
                    break
        else:
            return removed


def classify_lines(lines: list[str]) -> list[str | None]:
    """Label each line ``"byline"``, ``"dateline"``, ``"caption"`` or ``None`` (article text, blank).

    A line that is only a person's name counts as a byline when it stands right under the title (a
    line that ends no sentence with a full stop), among the last two lines of the article, or over
    the place it was signed in (a full name over a dateline of places). An interview's credit
    (``مقابلة مع … أجرتها فلانة``) is a byline too. A dateline of one place, quoted name or day and
    month, and a short caption that is the title, keep no label where they stand (see _demoted).

    >>> classify_lines(["عنوان الخبر", "كتب - فلان الفلاني:", "القاهرة - أ ش أ", "نص الخبر هنا.", "صورة أرشيفية"])
    [None, 'byline', 'dateline', None, 'caption']
    """
    own: list[str | None] = [None if not _filled(line) else _local_label(line) for line in lines]
    labels = list(own)
    for i in _demoted(lines, own):
        labels[i] = None
    # A line that is only a person's name: a byline right under the title when prose follows it,
    # or as the last line after text. Removing it exposes prose only, so the steps stay idempotent.
    rest = [i for i, line in enumerate(lines) if _filled(line) and labels[i] is None]
    if len(rest) >= 3:
        for n in _head_credits(lambda n: lines[rest[n]] if n < len(rest) else None):
            labels[rest[n]] = BYLINE
        # A signature: a full name (three words or more: a phrase of two, "مسيرة المنتخب", may pass for
        # a name) over the place it was written in ("فلان بن فلان الفلاني" / "السعودية / جدة"; not a
        # date, which may open a timeline), wherever it stands. Not in a list of names and places (no
        # name or dateline right above, no name right under the dateline), so removing it never makes
        # another signature; past the head of the article and not just before a last name, so that
        # removing it changes none of the decisions above or below (the steps stay idempotent).
        # The name stands over the dateline past lines that are bylines on their own: this run
        # removes them, so the next run finds the name right over the dateline.
        filled = [i for i, line in enumerate(lines) if _filled(line)]
        place = {i: k for k, i in enumerate(rest)}
        for k in range(1, len(filled) - 1):
            i = filled[k]
            m = k + 1
            while m < len(filled) - 1 and own[filled[m]] == BYLINE:
                m += 1
            j = filled[m]
            if (
                labels[i] is None
                and place.get(i, 0) >= 4
                and not (place[i] == len(rest) - 2 and _name_only(lines[rest[-1]]))
                and labels[j] == DATELINE
                and labels[filled[k - 1]] != DATELINE
                and _name_only(lines[i])
                and len(lines[i].split()) >= 3
                and not _DIGITS.search(lines[j])
                and not lines[i].strip().endswith((":", "："))
                and not _name_only(lines[filled[k - 1]])
                and not (m + 1 < len(filled) and _name_only(lines[filled[m + 1]]))
            ):
                labels[i] = BYLINE
        # The last line: a person's name in Arabic (a given name first: "تحيا مصر" closing the text
        # stays), no colon, after a line that is no name (two names in a row are a list or verse, not
        # a signature). Seen past the lines labelled above (a signature), as the next run sees the
        # text: it must find no new last name (the steps stay idempotent).
        kept = [i for i in rest if labels[i] is None]
        closing = lines[kept[-1]].strip() if len(kept) >= 2 else ""
        if (
            _person_name(closing)
            and not closing.endswith((":", "："))
            and _ARABIC_NAME.fullmatch(closing)
            and not _name_only(lines[kept[-2]])
        ):
            labels[kept[-1]] = BYLINE
    # A date alone heading an entry of a list keeps no label (see _list_dates). The rules above saw
    # it as a dateline, as _byline_starts does; prefix_lines counts it among the first lines (it stays).
    if DATELINE in labels:
        starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        index = {start: i for i, start in enumerate(starts)}
        dates = [starts[i] for i, got in enumerate(labels) if got == DATELINE]
        every = [starts[i] for i, got in enumerate(own) if got == DATELINE]
        for start in _list_dates("\n".join(lines), every, dates):
            labels[index[start]] = None
    # A pull quote: a short line restating a paragraph a few lines away (see pull_quotes).
    if len(lines) > _PULL_LINES_MIN:
        from .pull_quotes import pull_quote_starts

        text = "\n".join(lines)
        starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        index = {start: i for i, start in enumerate(starts)}
        for start in pull_quote_starts(text, {starts[i] for i, got in enumerate(own) if got == CAPTION}):
            labels[index[start]] = CAPTION
    return labels


_PULL_LINES_MIN = 5  # (a pull quote stands under four window lines and over a paragraph)


# An interview's credit: "مقابلة مع الوزير فلان أجرتها فلانة الفلانية." (conducted by: the author).
_INTERVIEW = re.compile(r"^[\s*#>•\-–—]{0,4}(?:مقابلة|المقابلة|حوار|الحوار|لقاء|اللقاء)\s")
_INTERVIEWER = re.compile(
    r"\s(?:أجرتها|اجرتها|أجراها|اجراها|أجراه|اجراه|أجرته|اجرته|حاورته|حاوره|حاورها|حاورتها|حاورهم|حاورتهم)"
    r"\s{1,3}((?:[^\W\d_]{2,20}\s{1,3}){0,3}[^\W\d_]{2,20})\s{0,3}\.?\s*$"
)


def is_interview_credit(line: str) -> bool:
    """An interview's credit line: it opens with "مقابلة" / "حوار" / "لقاء" and ends with who
    conducted it ("أجرتها فلانة الفلانية"), a name of one to four words.

    >>> is_interview_credit("مقابلة مع وزير الشؤون الاجتماعية فلان الفلاني أجرتها فلانة الفلانية.")
    True
    >>> is_interview_credit("حوار الأديان أجراه المجلس في القاهرة."), is_interview_credit("حوار الأديان أجراه المجلس.")
    (False, False)
    """
    if not _INTERVIEW.match(line):
        return False
    m = _INTERVIEWER.search(line)
    if m is None:
        return False
    name = m.group(1).split()
    return not _fold(name[0]).startswith("ال") and not any(w in _FUNCTION_WORDS for w in name)


@functools.lru_cache(maxsize=16384)
def _filled(line: str) -> bool:
    """Whether ``line`` holds more than white space (``bool(line.strip())`` without copying it).

    >>> _filled(" \t"), _filled(" نص ")
    (False, True)
    """
    return bool(line) and not line.isspace()


def _local_label(line: str) -> str | None:
    """The label a line earns on its own (no context)."""
    if len(line) > 400:
        return None  # long lines are prose: no byline, caption or dateline is that long
    # Words, counted up to 31 (split stops there): a byline has at most 9, a dateline 12, a caption 30.
    words = len(line.split(None, 30))
    if words > 30:
        return None
    if is_interview_credit(line):
        return BYLINE
    if words > 14:  # _caption_kind: only a credit in brackets at the end can make such a line one
        return CAPTION if ("(" in line or "[" in line) and _caption_kind(line.strip()) else None
    if words > 12:
        return CAPTION if _caption_kind(line.strip()) else None
    if byline_start(line):
        return BYLINE
    kind = _caption_kind(line.strip())
    if kind == "strong":
        return CAPTION
    # A dateline before a weak caption: "القاهرة- (رويترز)" is a dateline wherever it stands.
    return dateline_kind(line) or (CAPTION if kind else None)


def _weak_caption(line: str) -> bool:
    """A line labelled caption that stays when it is the article's title (see _caption_kind)."""
    return _caption_kind(line.strip()) == "weak" and _local_label(line) == CAPTION


_STRONG_DATE = re.compile(r"[0-9٠-٩]{4}|" + _NUMERIC_DATE.pattern)


@functools.lru_cache(maxsize=16384)
def _weak_dateline(line: str) -> bool:
    """A dateline of one part that a sub-heading or a list item may be too: one place
    (``الإمارات``), a quoted name the gazetteer does not know (``«أهمية الرياضة»``), or a day and
    month without a year or a clock (``14 أكتوبر``). Such a line is a dateline only where a
    dateline stands (see :func:`_weak_kept`)."""
    if _local_label(line) != DATELINE:
        return False
    s = line.strip()
    if _part_kind(s) == "date":
        return not _STRONG_DATE.search(s)
    parts = [p for p in _parts(s) if _part_kind(p) != "empty"]
    if len(parts) != 1:
        return False
    kind = _part_kind(parts[0])
    if kind == "date":
        return not _STRONG_DATE.search(s)
    if kind == "agency":  # only by its quotation marks: not a known agency, paper or news site
        places, agencies = _gazetteer()
        core = parts[0].strip(_TRIM)
        words = core.split()
        return _fold(core) not in agencies and not (2 <= len(words) <= 3 and _fold(words[-1]) in _SITE_SUFFIX)
    return kind == "place"


# The title: a short line that does not end a sentence with a full stop ("?" and "!" may end one).
_FULL_STOP = re.compile(r"(?<!\.)\.['\"»”)\]]?\s*$")


def _title_like(line: str) -> bool:
    return len(line.split(None, _HEAD_WORDS)) <= _HEAD_WORDS and not _FULL_STOP.search(line)


_HEAD_WORDS = 30  # a title or subtitle is no longer

_ARABIC_NAME = re.compile(r"[\u0621-\u064a\u0660-\u0669\u064b-\u0652\s]{3,60}")


def _is_prose(line: str) -> bool:
    s = line.strip()
    return len(s.split()) > 12 or bool(_SENTENCE_END.search(s))


_PREFIX_CREDIT = re.compile(
    r"^\s{0,3}(?:كتب|كتبت|إعداد|اعداد|بقلم|تقرير|متابعة|تحرير)\s{0,3}[-–—:]\s{0,3}"
    r"((?:[^\W\d_]{2,20}\s{1,3}){0,3}[^\W\d_]{2,20})\s{0,3}[:：\-–—]\s{1,3}(?=\S)"
)
_PREFIX_NAME = re.compile(r"^\s{0,3}((?:[^\W\d_]{2,20}\s{1,3}){1,3}[^\W\d_]{2,20})\s{1,3}[-–—]\s{1,3}")
_NEXT_WORD = re.compile(r"\S+\s+")


def byline_prefix(line: str) -> int:
    """Where a byline glued to the start of the first paragraph ends (0 when there is none):
    ``إعداد – فلانة: نص…`` or ``فلان الفلاني – الجزيرة نص…`` (a name, a dash, a paper or place).

    >>> line = "إعداد – فلانة الفلانية: تبدأ الفقرة هنا وتطول حتى نهايتها بنقطة."
    >>> line[byline_prefix(line):]
    'تبدأ الفقرة هنا وتطول حتى نهايتها بنقطة.'
    """
    m = _PREFIX_CREDIT.match(line)
    if m and not any(w in _FUNCTION_WORDS for w in m.group(1).split()):
        return m.end()
    m = _PREFIX_NAME.match(line)
    if m and _part_kind(m.group(1)) == "name":
        end = m.end()
        for _ in range(3):  # the paper or place: one to three words
            w = _NEXT_WORD.match(line, end)
            if not w:
                break
            end = w.end()
            if _part_kind(line[m.end() : end]) in ("place", "agency") and len(line[end:].split()) >= 8:
                return end
    return 0


def prefix_lines(lines: list[str], labels: list[str | None], text: str | None = None) -> dict[int, int]:
    """Lines among the first three of the article (datelines and captions not counted) that open
    with a glued byline, and its end.

    The text after the byline must be a paragraph of its own (eight words or more, no byline,
    caption or dateline itself), so cutting never exposes another one, and must repeat no line of
    the article (``text``; ``None``: ``lines`` are all of it): ``duplicate_paragraphs``, which ran
    before, kept that line, and a second run would drop it. The byline stays then.
    """
    keys: collections.Counter[str] | None = None
    out: dict[int, int] = {}
    # A dateline or caption line does not count among the first three: the strict profile removes it
    # (after bylines), and the next run would count without it.
    filled = [i for i, line in enumerate(lines) if _filled(line) and labels[i] not in (DATELINE, CAPTION)]
    for i in filled[:3]:
        if labels[i] is None:
            end = byline_prefix(lines[i])
            rest = lines[i][end:]
            if end and len(rest.split()) >= 8 and byline_prefix(rest) == 0 and _local_label(rest) is None:
                from .boilerplate import boilerplate  # the cut must not leave furniture behind

                if boilerplate(rest) == rest:
                    if keys is None:
                        keys = collections.Counter(map(_key, lines if text is None else text.split("\n")))
                    if not keys[_key(rest)]:
                        out[i] = end
    return out


def _lf(text: str) -> str:
    """CRLF and lone CR as LF: a line ended by CR alone is a line for these steps too (as for
    ``whitespace``, which runs later; otherwise a second run would find new lines and drop them)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# --- The steps' fast path: only the lines that can earn a label are classified ----------------------
# classify_lines labels every line; the steps find the few lines that can earn a label of their own
# with a few compiled scans over the whole text and run the rules on those only (the same decisions:
# _local_label is pure, and the lines no scan finds are lines it labels None). _local_label gives a
# label only to a line of at most 400 characters and 30 words, and then only:
# - dateline_kind (a dateline, or a name beside a place): at most 12 words and 120 characters once
#   stripped (_SHORT_LINE);
# - an interview's credit, byline_start (at most 9 words) or _CAPTION_START: a known word after
#   non-word characters at the line's start (_BYLINE_LINE, _CAPTION_OPENING), or an e-mail ("@");
# - _CAPTION_PAREN: a line ending with ")" or "]" (then spaces); _CAPTION_ANY: a line holding one of
#   its phrases (_CAPTION_PHRASE, or "(أرشيفية)" and its kind, found at its ")").
# A line is found by the scans at the "\n" before it: the first line is always classified. The
# captions and datelines steps need the lines labelled ``caption`` or ``dateline`` only (the context
# rules of classify_lines only ever add bylines); bylines needs the bylines and the datelines (for a
# signature above one), and classifies the few lines at the head and the end of the text itself.
_SHORT_LINE = re.compile(
    r"\n[^\S\n]{0,400}+(?=[^\n]{1,120}+[^\S\n]{0,400}+(?:\n|\Z))(?:\S{1,120}+[^\S\n]{0,400}+){1,12}+(?=\n|\Z)"
)
_BYLINE_WORDS = "كتب|كتبت|كتبه|بقلم|إعداد|اعداد|تحرير|متابعة|حوار|ترجمة|إشراف|اشراف|تقديم|رصد|لل|مقابلة|المقابلة|الحوار|لقاء|اللقاء"
_BYLINE_LINE = re.compile(r"\n(?:" + _SHORT_LINE.pattern[2:] + r"|([^\w\n]{0,400}+(?:" + _BYLINE_WORDS + ")))")
_CAPTION_OPENING = re.compile(r"\n[^\w\n]{0,400}+(?:تصوير|عدسة|الصورة|صورة|Photo|Image|Credit)")
_CAPTION_PHRASE = re.compile(
    r"صو(?:رة\s{1,3}(?:أرشيفية|ارشيفية|تعبيرية|توضيحية)|ير\s{0,3}[:：\-–—]|ر تنتمي"
    r"|رة(?:(?<=عل[ىي]\sالصورة)|(?<=عل[ىي]\s\sالصورة)|(?<=عل[ىي]\s\s\sالصورة)))"
)
_CAPTION_CLOSE = re.compile(r"\)(?:(?<=\((?:أرشيفية|ارشيفية|تعبيرية|توضيحية)\))|[^\S\n]{0,400}+(?=\n|\Z))")
_BRACKET_END = re.compile(r"\][^\S\n]{0,400}+(?=\n|\Z)")


def _line_at(text: str, start: int) -> tuple[str, int]:
    """The line starting at ``start`` and the start of the next one (``len(text) + 1`` after the last)."""
    end = text.find("\n", start)
    if end < 0:
        return text[start:], len(text) + 1
    return text[start:end], end + 1


def _label_at(text: str, start: int) -> str | None:
    """The label the line starting at ``start`` earns on its own (None for a blank line)."""
    line = _line_at(text, start)[0]
    return _local_label(line) if _filled(line) else None


# A line _SHORT_LINE finds earns a label only when it holds one of _FLAGS (an e-mail, a bracket, a
# quotation mark, a digit, a mark, part of a _CAPTION_ANY phrase), opens with a known word, or holds
# a word of a place or agency (or a site's suffix) as one of its pieces (_SPLITTER): dateline_kind
# needs a date (digits), a quoted paper, or a part that folds to a name of the gazetteer. The words
# are matched as written: _written_names lists every way of writing each (no marks: a line with
# marks is always classified). And without a digit or a quotation mark, a part of more words than
# any name of the gazetteer, a person's name (4) or a site (3) is "other": no dateline either.
_FLAGS = re.compile(r"[@(\[«0-9٠-٩\u064b-\u065f\u0670]|صو")
_OPENING = re.compile(r"[^\w]{0,400}+(?:" + _BYLINE_WORDS + "|تصوير|عدسة|الصورة|صورة|Photo|Image|Credit)")
_SPLITTER = re.compile("[\\s" + re.escape("".join(sorted(set(_TRIM + "-–—ـ/|:،,")))) + "]+")


@functools.cache
def _longest_name() -> int:
    """Words in the longest part that can be no "other" without a digit or a quotation mark."""
    places, agencies = _gazetteer()
    return max(4, *(len(name.split()) for name in (*places, *agencies)))


@functools.cache
def _written_names() -> frozenset[str]:
    """Every spelling (no marks) of every piece of a gazetteer name or a site's suffix, folded."""
    places, agencies = _gazetteer()
    pieces = {p for name in (*places, *agencies, *_SITE_SUFFIX) for p in _SPLITTER.split(name) if p}
    wanted = {c for p in pieces for c in p}
    spellings: dict[str, set[str]] = {c: set() for c in wanted}
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or _MARKS.match(char):
            continue
        folded = char.translate(_FOLD_TABLE).lower()
        if folded in spellings:
            spellings[folded].add(char)
    out: set[str] = set()
    for piece in pieces:
        out.update(map("".join, itertools.product(*(sorted(spellings[c]) for c in piece))))
    return frozenset(out)


# Five words in a row, no separator, quotation mark or other character _TRIM strips between or in
# them: a part of at least five words (quick to find; the exact count is taken below).
_FIVE_WORDS = re.compile(
    r"(?<!\S)(?:[^\s" + re.escape("".join(sorted(set(_TRIM + "-–—ـ/|:،,")))) + r"]{1,120}+[^\S\n]{1,120}+){4}"
    r"[^\s" + re.escape("".join(sorted(set(_TRIM + "-–—ـ/|:،,")))) + "]"
)


def _may_label(line: str) -> bool:
    """False for a line _SHORT_LINE found that earns no label (see above); True: classify it."""
    if _FLAGS.search(line) or _OPENING.match(line):
        return True
    if _longest_name() < 5 and _FIVE_WORDS.search(line):
        return False
    if _written_names().isdisjoint(_SPLITTER.split(line)):
        return False
    # No digit, quotation mark or mark: a longer part is no place, agency, date, name or word
    # ("other"), and dateline_kind gives None.
    cores = map(str.strip, _SEPARATORS.split(line.strip()), itertools.repeat(_TRIM))
    return max(map(len, map(str.split, cores))) <= _longest_name()


def _starts_of(text: str, positions: list[int]) -> set[int]:
    """The starts of the lines holding ``positions``: each line looked at once (a very long line
    holding many of them costs one search back to its start, not one each)."""
    starts = set()
    end = -1
    for pos in sorted(positions):
        if pos < end:
            continue  # on the line just found
        starts.add(text.rfind("\n", 0, pos) + 1)
        end = text.find("\n", pos)
        if end < 0:
            break
    return starts


def _found_labels(text: str, label: str) -> dict[int, str]:
    """The lines of ``text`` (by their start) whose own label may be ``label`` (bylines: also the
    datelines), with their label when they have one."""
    starts = {0}
    found = {}
    if label == CAPTION:
        starts.update(m.start() + 1 for m in _CAPTION_OPENING.finditer(text))
        ends = [m.start() for m in _CAPTION_PHRASE.finditer(text)]
        ends += [m.start() for m in _CAPTION_CLOSE.finditer(text)]
        if "]" in text:
            ends += [m.start() for m in _BRACKET_END.finditer(text)]
        starts.update(_starts_of(text, ends))
    else:
        for m in (_BYLINE_LINE if label == BYLINE else _SHORT_LINE).finditer(text):
            if m.lastindex:  # a known word opens the line
                starts.add(m.start() + 1)
            else:
                line = text[m.start() + 1 : m.end()]
                if _may_label(line):
                    got = _local_label(line)
                    if got is not None:
                        found[m.start() + 1] = got
        if label == BYLINE and "@" in text:
            ats = []
            pos = text.find("@")
            while pos >= 0:
                ats.append(pos)
                end = text.find("\n", pos)  # the next "@" of the line adds nothing
                pos = text.find("@", end) if end >= 0 else -1
            starts.update(_starts_of(text, ats))
    for start in starts:
        got = _label_at(text, start)
        if got is not None:
            found[start] = got
    return found


def _rebuild(text: str, drop: list[int], cut: dict[int, int] | None = None) -> str:
    """``text`` without the lines starting at ``drop`` and with the first ``cut[start]`` characters
    of the lines at ``cut`` removed: what joining the kept lines with "\\n" gives."""
    pieces = []
    pos = 0
    last_dropped = False
    dropped = set(drop)
    for start in sorted(dropped.union(cut or ())):
        nxt = _line_at(text, start)[1]
        if start > pos:
            pieces.append(text[pos:start])  # the kept lines before, each with its "\n"
        last_dropped = start in dropped
        if not last_dropped:
            pieces.append(text[start + cut[start] : nxt])  # type: ignore[index]
        pos = nxt
    if pos <= len(text):
        pieces.append(text[pos:])
        last_dropped = False
    if last_dropped and pieces:  # the last kept line ends with the "\n" of a dropped line's
        pieces[-1] = pieces[-1][:-1]
    return "".join(pieces)


def _filled_before(text: str, start: int, skip: Container[int] = ()) -> int:
    """The start of the nearest non-blank line before the line at ``start`` (-1: none), past the
    lines in ``skip``."""
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        if _filled(text[prev : start - 1]) and prev not in skip:
            return prev
        start = prev
    return -1


def _filled_after(text: str, start: int, skip: Container[int] = ()) -> int:
    """The start of the nearest non-blank line after the line at ``start`` (-1: none), past the
    lines in ``skip``."""
    start = _line_at(text, start)[1]
    while start <= len(text):
        line, nxt = _line_at(text, start)
        if _filled(line) and start not in skip:
            return start
        start = nxt
    return -1


def _last_two(text: str, labels: dict[int, str | None], demoted: set[int] = frozenset()) -> list[int]:  # type: ignore[assignment]
    """The starts of the last two non-blank lines of ``text`` with no label (in ``labels``, by start,
    or of their own, unless ``demoted``), the last one first."""
    found: list[int] = []
    start = text.rfind("\n") + 1
    while True:
        got = _line_at(text, start)[0]
        if _filled(got) and labels.get(start) is None and (start in demoted or _local_label(got) is None):
            found.append(start)
            if len(found) == 2:
                return found
        if start == 0:
            return found
        start = text.rfind("\n", 0, start - 1) + 1


def _byline_starts(text: str) -> tuple[list[int], set[int]]:
    """The lines classify_lines labels ``byline`` in ``text``, by their start (see there), and the
    lines labelled on their own that keep no label where they stand (_demoted)."""
    found = _found_labels(text, BYLINE)
    demoted = _demoted_starts(text, found)
    labels: dict[int, str | None] = {s: got for s, got in found.items() if s not in demoted}
    line = functools.partial(_line_at, text)

    def text_of(start: int) -> str:
        return line(start)[0]

    # The first four and the last two lines with no label ("rest" in classify_lines).
    head: list[int] = []
    start = 0
    while len(head) < 4 and start <= len(text):
        got, nxt = line(start)
        if _filled(got) and (start in demoted or _local_label(got) is None):
            head.append(start)
        start = nxt
    tail = _last_two(text, labels, demoted)[::-1]
    if len(head) >= 3:
        more = list(head)  # the lines with no label, found as _head_credits asks for them
        scan = [start]  # where the search for more stopped

        def rest_line(n: int) -> str | None:
            while n >= len(more) and scan[0] <= len(text):
                got, following = line(scan[0])
                if _filled(got) and (scan[0] in demoted or _local_label(got) is None):
                    more.append(scan[0])
                scan[0] = following
            return text_of(more[n]) if n < len(more) else None

        for n in _head_credits(rest_line):
            labels[more[n]] = BYLINE
        # A signature over a dateline (its rank among rest at least 4: after head[3]), past bylines.
        own_bylines = {s for s, got in found.items() if got == BYLINE}
        for j in sorted(s for s, got in found.items() if got == DATELINE and s not in demoted):
            i = _filled_before(text, j, own_bylines)
            if i < 0 or len(head) < 4 or i <= head[3] or labels.get(i) is not None:
                continue
            if _local_label(text_of(i)) is not None:
                continue
            before = _filled_before(text, i)
            if before < 0:
                continue
            if i == tail[0] and _name_only(text_of(tail[-1])):
                continue
            after = _filled_after(text, j)
            li = text_of(i)
            if (
                (found.get(before) != DATELINE or before in demoted)
                and _name_only(li)
                and len(li.split()) >= 3
                and not _DIGITS.search(text_of(j))
                and not li.strip().endswith((":", "："))
                and not _name_only(text_of(before))
                and not (after >= 0 and _name_only(text_of(after)))
            ):
                labels[i] = BYLINE
        # The last two lines with no label now (past a signature), as classify_lines' "kept".
        kept = _last_two(text, labels, demoted)
        closing = text_of(kept[0]).strip() if len(kept) == 2 else ""
        if (
            _person_name(closing)
            and not closing.endswith((":", "："))
            and _ARABIC_NAME.fullmatch(closing)
            and not _name_only(text_of(kept[1]))
        ):
            labels[kept[0]] = BYLINE
    # The dates heading the entries of a list stay (see _list_dates): as lines with no label, for
    # the first lines that prefix_lines looks at.
    every = [s for s, got in found.items() if got == DATELINE]
    listed = _list_dates(text, every, [s for s in every if s not in demoted])
    return sorted(s for s, got in labels.items() if got == BYLINE), demoted | listed


def _demoted_starts(text: str, found: dict[int, str]) -> set[int]:
    """_demoted on ``text``: the lines of ``found`` (starts and own labels: the captions, or the
    datelines) that keep no label where they stand."""
    weak = sorted(s for s, got in found.items() if got == DATELINE and _weak_dateline(_line_at(text, s)[0]))
    # The title, then the end of the head (see _demoted).
    start, title, own_title = 0, -1, None
    while start <= len(text):
        line, nxt = _line_at(text, start)
        if _filled(line):
            own = _local_label(line)
            if _is_title(line, own):
                title, own_title = start, own
                break
        start = nxt
    if title < 0:
        return set()
    out = {title} if own_title is not None else set()
    if not weak:
        return out
    head_end = title
    if _title_like(_line_at(text, title)[0]):
        names = 0
        start = _line_at(text, title)[1]
        head_end = len(text) + 1
        while start <= len(text):
            line, nxt = _line_at(text, start)
            if _filled(line) and _local_label(line) is None and not _stamp(line):
                if names < 2 and _name_only(line):
                    names += 1
                else:
                    head_end = start
                    break
            start = nxt
    prose: dict[int, bool] = {}  # the line after a weak dateline: is the next line with no own label prose?
    for start in reversed(weak):
        if start <= head_end:
            continue
        line, nxt = _line_at(text, start)
        if _INTRO_END.search(line):
            seen = []
            after = False
            while nxt <= len(text):
                if nxt in prose:
                    after = prose[nxt]
                    break
                seen.append(nxt)
                got, following = _line_at(text, nxt)
                if _filled(got) and _local_label(got) is None:
                    after = _is_prose(got)
                    break
                nxt = following
            for k in seen:
                prose[k] = after
            if after:
                continue
        out.add(start)
    return out


def _drop(text: str, label: str) -> str:
    """``text`` without its lines labelled ``label`` (``caption`` or ``dateline``): the labels a line
    earns on its own, but for the few that depend on where the line stands (see _demoted)."""
    text = _lf(text)
    found = _found_labels(text, label)
    demoted = _demoted_starts(text, found) if found else set()
    drop = [start for start, got in found.items() if got == label and start not in demoted]
    if label == DATELINE and drop:  # but the dates heading the entries of a list (see _list_dates)
        listed = _list_dates(text, [start for start, got in found.items() if got == DATELINE], drop)
        drop = [start for start in drop if start not in listed]
    if label == CAPTION:  # and the pull quotes (see pull_quotes)
        from .pull_quotes import pull_quote_starts

        drop += pull_quote_starts(text, {start for start, got in found.items() if got == CAPTION})
    return _rebuild(text, drop) if drop else text


@normalizer("bylines", lossy=True)
def bylines(text: str) -> str:
    """Remove byline lines: ``كتبت- فلانة``, ``بقلم: فلان``, ``بغداد/ فلان``, an author's e-mail alone.

    A byline glued to the start of one of the first lines (``إعداد – فلانة: نص…``) goes too, and
    so do an interview's credit (``مقابلة مع الوزير فلان أجرتها فلانة``) and a signature (a full
    name over the place it was written in). A bare name goes under the title, or closing the
    article when it is a person's (a given name first): ``تحيا مصر`` closing it stays.

    >>> bylines("كتب - ممدوح فهمي:\\nنص الخبر.")
    'نص الخبر.'
    """
    drop, demoted = _byline_starts(text)
    # prefix_lines on the kept lines: it looks at the first three non-blank ones only. A dateline or
    # a caption of its own does not count: the strict profile removes it after this step, and the
    # next run would count without it.
    dropped = set(drop)
    head: list[int] = []
    start = 0
    while len(head) < 3 and start <= len(text):
        line, nxt = _line_at(text, start)
        if start not in dropped and _filled(line) and (start in demoted or _local_label(line) not in (DATELINE, CAPTION)):
            head.append(start)
        start = nxt
    lines = [_line_at(text, start)[0] for start in head]
    own = [None if start in demoted else _local_label(line) for start, line in zip(head, lines, strict=True)]
    cut = {head[i]: end for i, end in prefix_lines(lines, own, text).items()}
    if not cut and not drop:
        return text
    return _rebuild(text, drop, cut)


@normalizer("captions", lossy=True)
def captions(text: str) -> str:
    """Remove photo captions and credits: ``(تصوير أحمد شحاتة)``, ``صورة أرشيفية``, ``الصورة: …``.

    A paragraph ending with a credit (``… وفق ما أعلنت الشرطة. (رويترز)``) stays whole, and so does
    a title that opens with ``صورة من`` or ends with ``(صورة)``. A pull quote goes too: a short line
    between two paragraphs that copies most of the words of a paragraph a few lines away (see
    ``pull_quotes``); a sub-heading over the text it sums up, and a line with a blank line under
    it, stay. Portraits' captions go too: "speaker: words" set apart with a blank line under it in
    a text laid out without blank lines, among the paragraphs that quote the speaker (see
    ``pull_quotes``).

    >>> captions("نص الخبر.\\nصورة أرشيفية\\nنص آخر.")
    'نص الخبر.\\nنص آخر.'
    """
    return _drop(text, CAPTION)


@normalizer("datelines", lossy=True)
def datelines(text: str) -> str:
    """Remove lines that hold only a dateline (``الجزيرة - الرياض :``); one opening a paragraph stays.

    A line of one place, quoted name or day and month (``الرياض``, ``«الوطن»``, ``9 نوفمبر``) goes only
    where a dateline stands: at the head of the article, or over the paragraph it introduces with a
    dash or a colon (``الرياض -``); between paragraphs it is a sub-heading or a list item and stays.
    A date alone heading an entry of a list stays too: under a line ending in a colon
    (``وهذه أبرز المحطات:``), or one to three lines of text from another date alone over text.

    >>> datelines("الجزيرة - الرياض :\\nلندن (رويترز) - قال مسؤول إن المحادثات مستمرة.")
    'لندن (رويترز) - قال مسؤول إن المحادثات مستمرة.'
    """
    return _drop(text, DATELINE)


def paragraph_key(line: str) -> str:
    """A paragraph's identity for duplicate detection: case, spacing, tatweel and marks folded, and
    the decoration ``headings`` strips from a heading left out at either end (bullets, squares,
    stars, hashes, dashes before it; colons, stars, dashes after it). A decorated line that
    ``headings`` makes a heading keeps its key once bare, so a second run finds no repeat the first
    kept (nor keeps one the first dropped). A line of decoration alone keeps it.

    >>> paragraph_key("■ دعـم مستمر للمزارعين :") == paragraph_key("دعم مستمر للمزارعين")
    True
    """
    return _key(line)


# The decoration headings strips (its _LEAD_CHARS before the text, _TRAIL_CHARS after it, white space
# on both sides; a test checks headings' own strip against it), as paragraph_key strips it from a
# folded line, whose white space is single spaces.
_KEY_LEAD = "".join(sorted(_HEADING_LEAD)) + " "
_KEY_TRAIL = "".join(sorted(_HEADING_TRAIL)) + " "


def _key(line: str) -> str:
    """paragraph_key without a cache: paragraphs are not worth caching."""
    folded = _fold.__wrapped__(line)
    return folded.lstrip(_KEY_LEAD).rstrip(_KEY_TRAIL) or folded


#: ``duplicate_paragraphs`` remembers at most this many distinct paragraphs: the most recent ones
#: kept (first in, first out). Whole text and stream use the same window, so both give the same output,
#: and a stream's memory stays bounded (about 30 MB of 16-byte digests at most).
DUPLICATE_WINDOW = 1 << 18

# The plain coarse key (for what the fast key below, _LO_TABLE, leaves out): a coarse key per line,
# from the UTF-8 bytes of the whole text in a few C-level passes: bytes.translate
# deletes and maps bytes so that every change paragraph_key makes (alef forms, ى, ة, tatweel, marks,
# no-break space, ASCII case, spacing) leaves the coarse key as it was. Lines with the same
# paragraph_key thus share a coarse key, and only lines whose coarse key repeats need their real key.
# Characters the coarse key cannot fold (letters other than A-Z that have a lower case, whitespace other
# than ASCII and the no-break space) mark their line: the lead bytes that only start such characters
# become 0xFF (a byte UTF-8 never uses), the other sequences are found by _COARSE_UNSAFE; a marked
# line gets the coarse key of its real key. A test checks every code point. The decoration
# paragraph_key strips at either end of a line: every byte that the coarse key of a decoration character
# holds is stripped at either end of a coarse key (_COARSE_STRIP; more than the decoration goes, a letter
# whose bytes are among them too, but two lines with one paragraph_key still share a coarse key).
_MARKER = 0xFF
_MARKED = frozenset([*range(0xC3, 0xCA), *range(0xCD, 0xD6), 0xE1, 0xE3, 0xEA])
_COARSE_TABLE = bytes(
    _MARKER if b in _MARKED
    else 0x87 if b == 0xA9
    else 0xA7 if b in (0xA2, 0xA3, 0xA5, 0xB1)
    else 0x8A if b == 0x89
    else b + 32 if 0x41 <= b <= 0x5A
    else b
    for b in range(256)
)
_COARSE_DELETE = bytes([0x09, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x80, 0xA0, 0xB0, 0xC2, 0xD8, 0xD9, *range(0x8B, 0xA0)])
_COARSE_UNSAFE = tuple(
    re.compile(pattern)  # each starts with a literal byte: a fast scan
    for pattern in (rb"\xe2(?:\x80[\x80-\x8a\xa8\xa9\xaf]|[\x81\x84-\x86\x92\x93\xb0-\xb3])", rb"\xef\xbc", rb"\xf0[\x90\x91\x96\x9e]", rb"\xc2\x85")
)


def _coarse(data: bytes) -> bytes:
    return data.translate(_COARSE_TABLE, _COARSE_DELETE)


_COARSE_STRIP = bytes(sorted(set(_coarse("".join(_HEADING_LEAD | _HEADING_TRAIL).encode("utf-8", "surrogatepass")))))


def _unsafe(data: bytes) -> bool:
    return bytes([_MARKER]) in _coarse(data) or any(pattern.search(data) for pattern in _COARSE_UNSAFE)


def _coarse_keys(text: str, lines: list[str]) -> list[bytes]:
    """One coarse key per line of ``text`` (``lines`` is ``text.split("\\n")``); see above. A marked
    line gets the coarse key of its real key instead (or, when that is marked too, its real key after
    a 0xFF byte, which no other coarse key holds)."""
    data = text.encode("utf-8", "surrogatepass")
    folded = _coarse(data)
    coarse = [key.strip(_COARSE_STRIP) for key in folded.split(b"\n")]
    marked: set[int] = set()
    for source, found in ((folded, [m.start() for m in re.finditer(b"\xff", folded)] if b"\xff" in folded else []),
                          (data, [m.start() for pattern in _COARSE_UNSAFE for m in pattern.finditer(data)])):
        line_no = last = 0
        for pos in sorted(found):
            line_no += source.count(b"\n", last, pos)
            last = pos
            marked.add(line_no)
    for line_no in marked:
        key = _key(lines[line_no]).encode("utf-8", "surrogatepass")
        coarse[line_no] = b"\xff" + key if _unsafe(key) else _coarse(key).strip(_COARSE_STRIP)
    return coarse


def _long(line: str, min_words: int) -> bool:
    return len(line.split(None, min_words - 1)) >= min_words  # at least min_words words (split stops there)


# The fast coarse key: one byte per character, the low byte of its UTF-16 code unit, through
# bytes.translate. UTF-16 costs a quarter of UTF-8 to encode, and the low bytes are all that tells
# Arabic letters (U+06xx) and ASCII / Latin-1 (U+00xx) apart from each other. _LO_TABLE and
# _LO_DELETE fold (or delete) a low byte as paragraph_key folds every character of those two blocks
# that has that low byte (alef forms, ى, ة, tatweel, marks, case, whitespace), and delete the low
# bytes of U+2000-U+2009 and U+205F (spaces): lines with the same paragraph_key thus share a coarse
# key as long as all their characters are in U+0000-U+06FF, U+2000-U+20FF or a block that
# paragraph_key leaves alone (no case, no whitespace). A line with a character the table cannot fold
# (ٱ, U+200A / U+2028 / U+2029 / U+202F, a character of _UNSAFE_HI's blocks, one beyond U+FFFF) gets
# the coarse key of its real key instead. A test checks every code point. As paragraph_key strips
# the decoration of a heading at either end of a line, the fast key strips the bytes of that decoration
# (_LO_STRIP, which holds alef's and a few letters' bytes too) at either end.
_LO_DELETE = bytes([*range(0x00, 0x0A), 0x0B, 0x0C, 0x0D, *range(0x1C, 0x21), 0x40, *range(0x4B, 0x60), *range(0x6B, 0x7B), 0x85, 0xA0])
_LO_TABLE = bytes(
    0x22 if b in (0x23, 0x25, 0x27)  # آ أ إ ا
    else 0x29 if b in (0x47, 0x67)  # ة ه (and G g)
    else 0x49 if b in (0x4A, 0x69, 0x6A)  # ى ي (and I J i j)
    else b - 0x20 if 0x61 <= b <= 0x68 or (0xE0 <= b <= 0xFE and b != 0xF7)  # a-h, à-þ
    else b
    for b in range(256)
)
_LO_STRIP = bytes(sorted(set(
    "".join(_HEADING_LEAD | _HEADING_TRAIL).encode("utf-16-le", "surrogatepass")[0::2].translate(_LO_TABLE, _LO_DELETE)
)))
#: High bytes of the blocks with characters paragraph_key changes that _LO_TABLE does not cover
#: (Latin Extended, Greek, Cyrillic, Armenian, Georgian, Cherokee, letterlike and enclosed letters,
#: fullwidth letters, U+1680 and U+3000 spaces) and of surrogates (characters beyond U+FFFF).
_UNSAFE_HI = bytes([*range(0x01, 0x06), 0x10, 0x13, 0x16, 0x1C, 0x1E, 0x1F, 0x21, 0x24, 0x2C, 0x30, 0xA6, 0xA7, *range(0xD8, 0xE0), 0xFF])
_SAFE_HI = bytes(sorted(set(range(256)) - set(_UNSAFE_HI)))
_SPACES_20 = frozenset([0x0A, 0x28, 0x29, 0x2F])  # low bytes of U+200A, U+2028, U+2029, U+202F
_CASED_ASTRAL = frozenset([0x01, 0x03, 0x06, 0x1B, 0x3A])  # low bytes of the high surrogates D801, D803, D806, D81B, D83A
_SPACE_CLASS = bytes(1 if b in _SPACES_20 else 2 if b == 0x20 else 0 for b in range(256))
_DUPLICATE_CHUNK = 1 << 16  # characters of text keyed at a time (the buffers stay in the CPU cache)


def _lo_key(text: str) -> bytes:
    """The fast coarse key of a line (see _LO_TABLE)."""
    return text.encode("utf-16-le", "surrogatepass")[0::2].translate(_LO_TABLE, _LO_DELETE).strip(_LO_STRIP)


def _first_lines(text: str) -> tuple[list[int], list[tuple[int, int, int]]] | None:
    """For each line of ``text``, the number of the first line with its coarse key (a hash of it),
    and the chunks of lines keyed, as (start, end, first line); None when a chunk holds what the fast
    key does not handle (a lone surrogate, a character other than "\\n" whose low byte is "\\n"'s
    and that marks no line) or when there are more lines than DUPLICATE_WINDOW."""
    first: dict[int, int] = {}
    setdefault = first.setdefault
    firsts: list[int] = []
    chunks = []
    start, size = 0, len(text)
    while True:
        end = text.find("\n", start + _DUPLICATE_CHUNK) if start + _DUPLICATE_CHUNK < size else -1
        if end < 0:
            end = size
        chunk = text[start:end]
        try:
            data = chunk.encode("utf-16-le")
        except UnicodeEncodeError:  # a lone surrogate
            return None
        lo = data[0::2]
        keys = lo.translate(_LO_TABLE, _LO_DELETE).split(b"\n")
        hi = data[1::2]
        rest = hi.translate(None, b"\x00\x06")  # high bytes of what is not in U+00xx or U+06xx
        marked = []  # lines to key by their real key
        check = "\u060a" in chunk  # its low byte is that of "\n": the lines must be counted
        if rest:
            at = []  # the characters (code units) that mark their line
            spaces = rest.count(b" ")
            if spaces <= 32:
                p = hi.find(b" ") if spaces else -1
                while p >= 0:
                    if lo[p] in _SPACES_20:
                        at.append(p)
                    p = hi.find(b" ", p + 1)
            else:  # many U+20xx (quotes, dashes): find the few spaces among them in one scan
                classes = data.translate(_SPACE_CLASS)
                p = classes.find(b"\x01\x02")
                while p >= 0:
                    if not p & 1:  # a code unit, not the high byte of one and the low byte of the next
                        at.append(p >> 1)
                    p = classes.find(b"\x01\x02", p + 1)
            unsafe = rest.translate(None, _SAFE_HI)
            for b in set(unsafe):
                p = hi.find(b)
                while p >= 0:
                    at.append(p)
                    p = hi.find(b, p + 1)
            if len(rest) != spaces + len(unsafe):  # characters of other blocks, whose low byte may be "\n"'s
                check = True
            if at:
                at.sort()
                split = []  # pieces that go on the line before: a code unit's low byte was that of "\n"
                line = last = k = 0
                while k < len(at):
                    p = at[k]
                    k += 1
                    line += lo.count(b"\n", last, p)
                    last = p
                    if lo[p] == 0x0A:
                        split.append(line + 1)
                    b = hi[p]
                    if 0xD8 <= b <= 0xDF and not (b == 0xD8 and lo[p] in _CASED_ASTRAL):
                        continue  # a character beyond U+FFFF without case (an emoji, say)
                    marked.append(line + 1 - len(split) if lo[p] == 0x0A else line - len(split))
                    end_of_line = lo.find(b"\n", p + 1)  # the rest of the line needs no look
                    k = bisect.bisect_left(at, end_of_line, k) if end_of_line >= 0 else len(at)
                for k in reversed(split):
                    keys[k - 1 : k + 1] = [keys[k - 1] + b"\n" + keys[k]]
        if check and len(keys) != chunk.count("\n") + 1:
            return None
        keys = list(map(bytes.strip, keys, itertools.repeat(_LO_STRIP)))  # (the decoration: see _LO_STRIP)
        if "\u0671" in chunk:
            p = chunk.find("\u0671")
            line = last = 0
            while p >= 0:
                line += chunk.count("\n", last, p)
                last = p
                marked.append(line)
                p = chunk.find("\u0671", p + 1)
        if marked:
            lines = chunk.split("\n")
            for k in marked:
                keys[k] = _lo_key(_key(lines[k]))
        base = len(firsts)
        if base + len(keys) > DUPLICATE_WINDOW:
            return None
        chunks.append((start, end, base))
        firsts += map(setdefault, map(hash, keys), range(base, base + len(keys)))
        if end == size:
            return firsts, chunks
        start = end + 1


@normalizer("duplicate_paragraphs", lossy=True)
def duplicate_paragraphs(text: str, *, min_words: int = 10) -> str:
    """Keep a paragraph repeated verbatim (after normalisation) once, at its first place.

    Only paragraphs of at least ``min_words`` words count, so a repeated refrain or a short label
    line (``الفائزون :``) stays. Case, spacing, tatweel and marks are folded, and the decoration
    ``headings`` strips from a heading is left out at either end (``■ نص`` repeats ``نص``; see
    :func:`paragraph_key`). A paragraph is compared with the last :data:`DUPLICATE_WINDOW`
    (262,144) distinct paragraphs kept, not with all of a huge text: memory stays bounded, the same
    whole or streamed. An article holds far fewer, so within an article every repeat goes (a lead
    repeated at the end of the article, say).

    >>> duplicate_paragraphs("المقدمة تتكرر في آخر الخبر كما هي هنا تماما بلا تغيير.\\nنص.\\nالمقدمة  تتكرر في آخر الخبر كما هي هنا تماما بلا تغيير.")
    'المقدمة تتكرر في آخر الخبر كما هي هنا تماما بلا تغيير.\\nنص.'
    """
    text = _lf(text)
    if "\n" not in text:
        return text
    found = _first_lines(text)
    if found is None:
        return _duplicate_lines(text, min_words)
    # No more lines than the window holds, so it cannot fill: a long line goes when an earlier long
    # line has its key, and only a line whose coarse key an earlier line has (a "repeat") can. A
    # repeat that is the same text as the first line with its coarse key (its "head") goes when it is
    # long; the real keys are needed only in a group of lines with one coarse key and different texts.
    firsts, chunks = found
    n = len(firsts)
    repeats = list(itertools.compress(itertools.count(), map(operator.ne, firsts, itertools.count())))
    if not repeats:
        return text
    heads = sorted(set(map(firsts.__getitem__, repeats)))
    repeats.append(n)
    heads.append(n)
    head_text: dict[int, str] = {}
    head_long: dict[int, bool] = {}
    mixed: set[int] = set()
    seen: set[str] = set()
    keys: dict[str, str] = {}
    out = []
    r = h = 0
    ends = [chunk[2] for chunk in chunks[1:]]
    ends.append(n)
    for (start, end, base), stop in zip(chunks, ends, strict=True):
        if repeats[r] >= stop and heads[h] >= stop:
            out.append(text[start:end])
            continue
        lines = text[start:end].split("\n")
        while heads[h] < stop:
            head_text[heads[h]] = lines[heads[h] - base]
            h += 1
        drop = []
        while repeats[r] < stop:
            i = repeats[r]
            r += 1
            line = lines[i - base]
            if not line:
                continue
            j = firsts[i]
            if j not in mixed:
                head = head_text[j]
                if line == head:
                    long = head_long.get(j)
                    if long is None:
                        long = head_long[j] = _long(line, min_words)
                    if long:
                        drop.append(i - base)
                    continue
                mixed.add(j)
                if head and _long(head, min_words):
                    seen.add(_key(head))
            if _long(line, min_words):
                key = keys.get(line)
                if key is None:
                    key = keys[line] = _key(line)
                if key in seen:
                    drop.append(i - base)
                else:
                    seen.add(key)
        if not drop:
            out.append(text[start:end])
        elif len(drop) < len(lines):
            kept, last = [], 0
            for k in drop:
                kept.extend(lines[last:k])
                last = k + 1
            kept.extend(lines[last:])
            out.append("\n".join(kept))
    return "\n".join(out)


def _duplicate_lines(text: str, min_words: int) -> str:
    """duplicate_paragraphs the plain way: the coarse keys from UTF-8 (any text), or, past
    DUPLICATE_WINDOW lines, the window itself."""
    lines = text.split("\n")
    drop: list[int] = []
    if len(lines) <= DUPLICATE_WINDOW:
        # The window cannot fill (no more lines than it holds): a long line goes when an earlier long
        # line has its key, and only lines whose coarse key repeats can share a key.
        coarse = _coarse_keys(text, lines)
        counted = collections.Counter(coarse)
        if len(counted) == len(lines):
            return text
        repeated = {k for k, n in counted.items() if n > 1}
        seen: set[str] = set()
        for i in [i for i, k in enumerate(coarse) if k in repeated]:
            line = lines[i]
            if line and _long(line, min_words):
                key = _key(line)
                if key in seen:
                    drop.append(i)
                else:
                    seen.add(key)
    else:
        window = DuplicateWindow()
        for i, line in enumerate(lines):
            if _long(line, min_words) and not window.add(_key(line)):
                drop.append(i)
    if not drop:
        return text
    kept, last = [], 0
    for i in drop:
        kept.extend(lines[last:i])
        last = i + 1
    kept.extend(lines[last:])
    return "\n".join(kept)


class DuplicateWindow:
    """The paragraphs ``duplicate_paragraphs`` remembers: the last :data:`DUPLICATE_WINDOW` distinct
    keys added (first in, first out). Dropped repeats never refresh a key, so a second run sees the
    same window at every kept paragraph: the step stays idempotent."""

    __slots__ = ("seen", "order", "size")

    def __init__(self, size: int | None = None):
        self.seen: set[object] = set()
        self.order: collections.deque[object] = collections.deque()
        self.size = DUPLICATE_WINDOW if size is None else size

    def add(self, key: object) -> bool:
        """Remember ``key``; ``False`` when it is already remembered (a repeat to drop)."""
        if key in self.seen:
            return False
        self.seen.add(key)
        self.order.append(key)
        if len(self.order) > self.size:
            self.seen.discard(self.order.popleft())
        return True
