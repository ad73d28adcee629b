"""Sub-headings: short lines standing between paragraphs, freed of decoration, each its own block."""

from __future__ import annotations

import re

from ..registry import normalizer

# Decoration around a heading: bullets, squares, stars, hashes, dashes before; colons, dashes after.
_LEAD = re.compile(r"^[\s■□▪▫●•◦◆◇►▶▸★☆✦✪❖*#>\-–—_]+")
_TRAIL = re.compile(r"[\s*#:：\-–—_]+$")
_BOLD = re.compile(r"^\*\*(.{1,200})\*\*$")
# A heading ends in a letter, digit, closing quote or bracket, never in sentence punctuation.
_SENTENCE_END = re.compile(r"[.!?؟…،,؛;]['\"»”’)\]]?$")
_HAS_LETTER = re.compile(r"[^\W\d_]")
# Bylines (كتب - فلان, بقلم: فلان), reported speech (وأضاف:), captions in brackets, list markers.
_BYLINE = re.compile(r"^(?:كتب|كتبت|كتبه|بقلم|إعداد|اعداد|تحرير|ترجمة|حوار|تقرير|متابعة|تصوير|المصدر|مصدر|المصادر)(?:\s|[-–—:/]|$)")
_LINK = re.compile(r"@|://|www\.")
_SPEECH = re.compile(
    r"^[وف]?(?:قال|أضاف|اضاف|تابع|أكد|اكد|أوضح|اوضح|أشار|اشار|ذكر|صرح|يقول|تقول|يضيف|تضيف"
    r"|أردف|اردف|استطرد|لفت|نوه|شدد|ختم|جاء|أعلن|اعلن|أفاد|افاد|بين|أوضحت|تابعت)ت?(?:\s|:|$)"
)
_LIST_MARKER = re.compile(r"^\s*(?:[■□▪▫●•◦◆◇►▶▸*\-–—]|\(?[0-9٠-٩]{1,3}[.)\-–]|\(?[a-zA-Zأ-ي][.)])\s*")
_MAX_COLON_WORDS = 3  # "التمويل:" is a heading; "وتتضمن الخطة ثلاثة محاور:" introduces a list
_BRACKETED = re.compile(r"^[(\[].*[)\]]$")  # a caption or aside in brackets; a quoted title may head a section
# "ثانيا: مقرات الأندية": an ordinal opening a numbered section, even with a colon and a longer title.
_ORDINAL = re.compile(
    r"^(?:أولا|اولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا)[ًٌٍ]?\s{0,3}[:：\-–—]{0,3}\s{0,3}[^\W\d_]"
)
_MAX_ORDINAL_WORDS = 14
_SECTION_NUMBER = re.compile(r"^\s*\([0-9٠-٩]{1,2}\)\s*$")
# A short question standing alone between paragraphs ("كيف تكافح من يشتري المتابعين؟") heads what
# answers it; one led by a dash or ">" is an interview turn.
_QUESTION = re.compile(r"[؟?]['\"»”’)\]]?$")
_TURN = re.compile(r"^\s*(?:[-–—>•]|س\s{0,2}[:/])")
# The second line of a heading broken in two continues its phrase: it opens with a preposition.
_CONTINUES = re.compile(r"^(?:على|في|فى|من|مع|إلى|الى|عن|خارج|داخل|بين|حول|ضد|عبر|لدى|نحو|تجاه|بعد|قبل)\s")


def _core(line: str) -> str:
    """The heading text inside its decoration, with single spaces."""
    core = line.strip()
    bold = _BOLD.match(core)
    if bold:
        core = bold.group(1)
    core = _TRAIL.sub("", _LEAD.sub("", core))
    return " ".join(core.split())


def _is_candidate(line: str, core: str, max_words: int) -> bool:
    if _SECTION_NUMBER.match(line):
        return True  # "(2)" alone: the number of a section in a column
    if _ORDINAL.match(core) and len(core.split()) <= _MAX_ORDINAL_WORDS and not _SENTENCE_END.search(core):
        return True
    if not core or len(core.split()) > max_words or len(core) > 12 * max_words:
        return False
    if _QUESTION.search(core) and not _TURN.match(line) and _HAS_LETTER.search(core):
        return not _SENTENCE_END.search(core[:-1].rstrip()) and not _LINK.search(core)
    if _SENTENCE_END.search(core) or not _HAS_LETTER.search(core):
        return False
    if _BRACKETED.match(core) or _BYLINE.match(core) or _LINK.search(core):
        return False
    if line.rstrip().endswith(":") and (_SPEECH.match(core) or len(core.split()) > _MAX_COLON_WORDS):
        return False  # reported speech or a sentence introducing what follows
    return True


# Characters _LEAD and _TRAIL can strip from a stripped line's first and last character.
_LEAD_CHARS = frozenset("■□▪▫●•◦◆◇►▶▸★☆✦✪❖*#>-–—_")
_TRAIL_CHARS = frozenset("*#:：-–—_")


def heading_decisions(lines: list[str], *, max_words: int = 10) -> tuple[dict[int, str], set[int]]:
    """Which of ``lines`` are sub-headings (index -> heading text) and which dangle at the end (dropped).

    This is the detector the ``headings`` step applies; ``eval/structure.py`` measures it.

    >>> heading_decisions(["فقرة أولى طويلة تنتهي بنقطة.", "■ دعم مستمر:", "فقرة ثانية."])
    ({1: 'دعم مستمر'}, set())
    """
    # Non-empty lines with their index, core text and candidacy. A line without decoration at either
    # end and with more words than any heading can have (most paragraphs) is prose: it is never a
    # candidate and always a paragraph, and its core is only worked out if a neighbour asks for it.
    limit = max(max_words, _MAX_ORDINAL_WORDS)
    rows: list[tuple[int, str, str]] = []
    long_prose: list[bool] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if (
            stripped[0] not in _LEAD_CHARS
            and stripped[-1] not in _TRAIL_CHARS
            and len(stripped.split(None, limit)) > limit
        ):
            rows.append((i, line, ""))  # core left out: see core_of
            long_prose.append(True)
        else:
            rows.append((i, line, _core(line)))
            long_prose.append(False)
    if len(rows) < 3:
        return {}, set()
    listed = [bool(_LIST_MARKER.match(line)) for _, line, _ in rows]
    candidate = [
        not long_prose[k]
        and _is_candidate(line, core, max_words)
        and not (listed[k] and ((k > 0 and listed[k - 1]) or (k + 1 < len(rows) and listed[k + 1])))
        for k, (_, line, core) in enumerate(rows)
    ]
    # A paragraph is prose: a sentence-final mark, or longer than any heading.
    paragraph = [
        not candidate[k]
        and (
            long_prose[k]
            or bool(_SENTENCE_END.search(core))
            or len(core.split()) > max_words
            or (line.rstrip().endswith(":") and len(core.split()) > _MAX_COLON_WORDS)
        )
        for k, (_, line, core) in enumerate(rows)
    ]

    def core_of(k: int) -> str:
        return _core(rows[k][1]) if long_prose[k] else rows[k][2]

    # What may follow a heading: a paragraph, or the first item of a numbered or bulleted list.
    opens = [paragraph[k] or listed[k] for k in range(len(rows))]
    replace: dict[int, str] = {}
    drop: set[int] = set()
    for k, (i, _line, core) in enumerate(rows):
        if not candidate[k] or k == 0 or not (paragraph[k - 1] or (listed[k - 1] and not listed[k])):
            continue  # a heading follows a paragraph or closes a list
        if k + 1 == len(rows):
            if paragraph[k - 1] or not candidate[k - 1]:
                drop.add(i)  # dangling at the very end: no text after it
            # (after a line that could head itself, dropping would leave that one dangling for the
            # next run to drop: not idempotent)
        elif opens[k + 1] and (not _QUESTION.search(core) or len(core_of(k + 1).split()) > max_words):
            replace[i] = core
        elif (
            k + 2 < len(rows)
            and candidate[k + 1]
            and opens[k + 2]
            and _CONTINUES.match(core_of(k + 1))
            and len(core.split()) + len(core_of(k + 1).split()) <= max_words
        ):
            # A heading broken over two lines ("امتداد القوميات" / "خارج الحدود الإيرانية").
            replace[i] = core
            replace[rows[k + 1][0]] = core_of(k + 1)
    return replace, drop


@normalizer("headings")
def headings(text: str, *, max_words: int = 10, style: str = "text") -> str:
    """Make each sub-heading its own block, strip its decoration, and drop one left dangling at the end.

    A sub-heading is a short line (at most ``max_words`` words) without sentence-final punctuation
    that stands between two paragraphs (lines that end a sentence or are longer than any heading); bylines (``كتب - فلان``), reported speech (``وأضاف:``),
    bracketed captions and list items (a run of bulleted or numbered lines) are not headings.
    ``style="markdown"`` writes each heading as ``## heading``.

    >>> headings("فقرة أولى طويلة تنتهي بنقطة.\\n■ دعم مستمر:\\nفقرة ثانية.", style="markdown")
    'فقرة أولى طويلة تنتهي بنقطة.\\n\\n## دعم مستمر\\n\\nفقرة ثانية.'
    """
    if style not in ("text", "markdown"):
        raise ValueError(f"headings: style must be 'text' or 'markdown', not {style!r}")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    replace, drop = heading_decisions(lines, max_words=max_words)
    if style == "markdown":
        replace = {i: f"## {core}" for i, core in replace.items()}
    if not replace and not drop:
        return text
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in drop:
            continue
        if i in replace:
            if out and out[-1].strip():
                out.append("")  # its own block: a blank line before
            out.append(replace[i])
            if i + 1 < len(lines) and lines[i + 1].strip():
                out.append("")  # and after
        else:
            out.append(line)
    return "\n".join(out)
