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
_BRACKETED = re.compile(r"^[(\[«\"].*[)\]»\"]$")


def _core(line: str) -> str:
    """The heading text inside its decoration, with single spaces."""
    core = line.strip()
    bold = _BOLD.match(core)
    if bold:
        core = bold.group(1)
    core = _TRAIL.sub("", _LEAD.sub("", core))
    return " ".join(core.split())


def _is_candidate(line: str, core: str, max_words: int) -> bool:
    if not core or len(core.split()) > max_words or len(core) > 12 * max_words:
        return False
    if _SENTENCE_END.search(core) or not _HAS_LETTER.search(core):
        return False
    if _BRACKETED.match(core) or _BYLINE.match(core) or _LINK.search(core):
        return False
    if line.rstrip().endswith(":") and (_SPEECH.match(core) or len(core.split()) > _MAX_COLON_WORDS):
        return False  # reported speech or a sentence introducing what follows
    return True


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
    # Non-empty lines with their index, core text and candidacy.
    rows = [(i, line, _core(line)) for i, line in enumerate(lines) if line.strip()]
    if len(rows) < 3:
        return text
    listed = [bool(_LIST_MARKER.match(line)) for _, line, _ in rows]
    candidate = [
        _is_candidate(line, core, max_words)
        and not (listed[k] and ((k > 0 and listed[k - 1]) or (k + 1 < len(rows) and listed[k + 1])))
        for k, (_, line, core) in enumerate(rows)
    ]
    # A paragraph is prose: a sentence-final mark, or longer than any heading.
    paragraph = [
        not candidate[k]
        and (
            bool(_SENTENCE_END.search(core))
            or len(core.split()) > max_words
            or (line.rstrip().endswith(":") and len(core.split()) > _MAX_COLON_WORDS)
        )
        for k, (_, line, core) in enumerate(rows)
    ]
    replace: dict[int, str] = {}
    drop: set[int] = set()
    for k, (i, _line, core) in enumerate(rows):
        if not candidate[k] or k == 0 or not paragraph[k - 1]:
            continue  # a heading follows a paragraph
        if k + 1 == len(rows):
            drop.add(i)  # dangling at the very end: no text after it
        elif paragraph[k + 1]:
            replace[i] = f"## {core}" if style == "markdown" else core
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
