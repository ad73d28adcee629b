"""HTML left in scraped text: tags, comments, scripts and character entities."""

from __future__ import annotations

import bisect
import html as _html
import re
from collections.abc import Callable

from ..registry import normalizer
from .wrappers import TREC_FIELDS, is_trec

#: Elements that start a new line when rendered.
BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html li main
    menu nav noscript ol p pre section summary table tbody td tfoot th thead title tr ul""".split()
)
#: Elements that flow inside a line: removed without a break (``كل<span>مة</span>`` is one word).
INLINE_TAGS = frozenset(
    """a abbr acronym audio b bdi bdo big blink cite code data del dfn em font i img input ins kbd
    label link mark meta nobr object picture q rp rt ruby s samp select small source span strike
    strong sub sup svg textarea time tt u var video wbr""".split()
)
#: Elements dropped together with everything up to their closing tag.
DROPPED_TAGS = ("script", "style")
KNOWN_TAGS = BLOCK_TAGS | INLINE_TAGS | frozenset(DROPPED_TAGS) | frozenset({"iframe", "button", "option"})

_NAMES = "|".join(sorted(KNOWN_TAGS, key=lambda n: (-len(n), n)))
# A tag: a known element name, then attributes (no '<' or '>' inside, bounded), then '>'.
# Attribute text stops at the next '<' or '>', so the scans from successive '<' never overlap.
_TAG = re.compile(rf"<(?=[/a-zA-Z])(/?)({_NAMES})(?=[\s/>])([^<>]{{0,4000}})>", re.IGNORECASE)
_ENTITY = re.compile(
    r"&(?:(?:amp|AMP|#0{0,4}38|#[xX]0{0,4}26);)*"  # a chain of escaped ampersands (&amp;amp;…)
    r"(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)?"  # then one entity
)
# Markup: a tag or comment, or an entity. Two patterns, each opening with a literal, so the engine
# skips ahead to it (one pattern of both would be tried at every position). The lookahead after
# '<' rejects a '<' that opens no name before the engine tries the long alternation of names (a
# text of 8 MB of '<' took seconds).
_MAYBE_TAG_OR_COMMENT = re.compile(rf"<(?=[/!a-zA-Z])(?:/?(?:{_NAMES})(?=[\s/>])|!--)", re.IGNORECASE)
_MAYBE_ENTITY = re.compile(r"&(?:#[0-9xX]|[A-Za-z][A-Za-z0-9]{1,31};)", re.IGNORECASE)
_HEADING = re.compile(r"h[1-6]", re.IGNORECASE)


def has_markup(text: str) -> bool:
    """Whether ``text`` holds an HTML tag, comment or character entity (the fast-path check)."""
    return ("<" in text and _MAYBE_TAG_OR_COMMENT.search(text) is not None) or (
        "&" in text and _MAYBE_ENTITY.search(text) is not None
    )


def _drop_comments(text: str) -> str:
    if "<!--" not in text:
        return text
    out, i = [], 0
    while True:
        j = text.find("<!--", i)
        if j < 0:
            break
        k = text.find("-->", j + 4)
        if k < 0:
            break  # an unclosed comment: left as text
        out.append(text[i:j])
        i = k + 3
    out.append(text[i:])
    return "".join(out)


_SCRIPT_OR_STYLE = re.compile("<[sS]")
#: The start tag of an element dropped with its content.
_ELEMENT_OPEN = re.compile(r"<(script|style)(?=[\s/>])[^<>]{0,4000}>", re.IGNORECASE)


def _drop_elements(text: str) -> str:
    """Remove ``<script>…</script>`` and ``<style>…</style>`` with their content."""
    if _SCRIPT_OR_STYLE.search(text) is None:  # "<s" or "<S": what "<script" or "<style" in text.lower() needs
        return text
    lower = text.lower()
    if "<script" not in lower and "<style" not in lower:
        return text
    out, i = [], 0
    while True:
        m = _ELEMENT_OPEN.search(text, i)
        if not m:
            break
        close = lower.find(f"</{m.group(1).lower()}", m.end())
        if close < 0:
            break
        end = lower.find(">", close)
        end = len(text) if end < 0 else end + 1
        out.append(text[i : m.start()])
        i = end
    out.append(text[i:])
    return "".join(out)


def _decode(match: re.Match[str]) -> str:
    """``&amp;amp;…`` folds to ``&``; the entity after it decodes on its own; unknown names stay."""
    last = match.group(1)
    if last is None:
        return "&"
    decoded = _html.unescape("&" + last)
    if decoded == "&" + last:
        return "&" + last
    if any(ord(c) == 0 or 0xD800 <= ord(c) <= 0xDFFF for c in decoded):
        return ""
    return decoded


def _positions(text: str, char: str) -> list[int]:
    """Every index of ``char`` in ``text``, found by ``str.find`` (C speed), not a loop over characters."""
    found: list[int] = []
    i = text.find(char)
    while i >= 0:
        found.append(i)
        i = text.find(char, i + 1)
    return found


def _escape_new_tags(text: str) -> str:
    """Write ``&lt;`` for every ``<`` that a second run would take for markup, so it finds none.

    Markup is what the second run's first phase removes: a tag, a comment or, when they make a
    record, a TREC field (``<DOCNO>``, which the ``wrappers`` step, running before this one, would
    unwrap), also one
    hidden by characters the ``unicode`` step deletes (``<a\x7f>``, ``<sp\u200can>``). A ``<`` is
    markup when its region up to the first ``>`` (no ``<`` that stays in between), cleaned as
    ``unicode`` would, is one of those; or when it opens ``<!--`` with a ``-->`` anywhere after it.

    Decided right to left, in one pass: escaping a tag inside another one's attributes makes the
    outer one a tag (``<a <a<a>>``, ``<a\x0b<a<a>\x00>``), which a left-to-right pass, or a second
    escape after this one, missed, and the next run removed it.
    """
    if "<" not in text:
        return text
    from .unicode import unicode as _unicode

    closes = _positions(text, ">")
    last_close = text.rfind("-->")  # an unclosed "<!--" is text and stays as it is
    # TREC fields only matter when they make a record that `wrappers` would unwrap next time; a
    # literal "<DOC>" in prose stays as it is.
    trec_found: list[bool] = []  # decided on the first TREC field seen (rare): a whole-text check

    def trec() -> bool:
        if not trec_found:
            trec_found.append(is_trec(_ODD.sub("", text) if _ODD.search(text) else text))  # as `unicode` leaves it
        return trec_found[0]

    escaped: list[int] = []
    stopper = len(text)  # the nearest "<" to the right that stays
    for i in reversed(_positions(text, "<")):
        markup = text.startswith("<!--", i) and i + 4 <= last_close
        if not markup:
            k = bisect.bisect_left(closes, i)
            j = closes[k] if k < len(closes) else -1
            if 0 <= j < stopper and j - i <= 4002:
                region = text[i : j + 1]
                if "<" in region[1:]:
                    region = "<" + region[1:].replace("<", "&lt;")  # the inner ones are escaped
                if _ODD.search(region):
                    region = _unicode(region)
                comment = region.startswith("<!--") and region.find("-->", 4) >= 0
                markup = comment or bool(_TAG.fullmatch(region)) or (bool(_TREC_FIELD.fullmatch(region)) and trec())
        if markup:
            escaped.append(i)
        else:
            stopper = i
    if not escaped:
        return text
    out, last = [], 0
    for i in reversed(escaped):
        out.append(text[last:i])
        out.append("&lt;")
        last = i + 1
    out.append(text[last:])
    return "".join(out)


_TREC = "|".join(sorted(TREC_FIELDS, key=lambda n: (-len(n), n)))
_TREC_FIELD = re.compile(rf"</?(?:{_TREC})>")


# Controls and invisible marks that the `unicode` step (which runs after this one) deletes or turns
# into spaces: inside "<…>" they can hide a tag ("<sp\u200can>", "<a\x7f>") that would show up then.
_ODD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_REGION = re.compile(r"<[^<>]{0,4000}>")


def _unhide_tags(text: str, *, escape: bool = False) -> str:
    """Show the tags that the `unicode` step would reveal: clean them (so they are removed now), or,
    once the text is done (``escape=True``), write their ``<`` as ``&lt;`` so no later run sees a tag."""
    if "<" not in text or not _ODD.search(text):
        return text
    from .unicode import unicode as _unicode

    def fix(m: re.Match[str]) -> str:
        region = m.group(0)
        if not _ODD.search(region):
            return region
        cleaned = _unicode(region)
        comment = cleaned.startswith("<!--") and cleaned.find("-->", 4) >= 0  # as _drop_comments sees it
        if not (comment or _TAG.fullmatch(cleaned)):
            return region  # not markup this step removes (a TREC field is `_escape_new_tags`' business)
        return "&lt;" + region[1:] if escape else cleaned

    return _sub_changed(_REGION, fix, text)


def _sub_changed(pattern: re.Pattern[str], func: Callable[[re.Match[str]], str], text: str) -> str:
    """``pattern.sub(func, text)``, but the text itself (no copy) when no replacement changes its match."""
    out: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        new = func(m)
        if new != m.group():
            out.append(text[last : m.start()])
            out.append(new)
            last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


@normalizer("html")
def html(text: str, *, heading_style: str = "text") -> str:
    """Remove HTML tags, comments, scripts and styles, keep their text and decode entities.

    Block elements (``p``, ``div``, ``br``, ``li``, ``tr``, ``h1``–``h6`` …) become line breaks and
    inline ones (``span``, ``b``, ``a`` …) vanish, so ``كل<span>مة</span>`` stays one word; ``h1``–
    ``h6`` become blocks of their own (``heading_style="markdown"`` writes ``## heading``); only
    known element names count as tags, so prose such as ``س < 5 و ص > 3`` or ``<<`` stays.

    >>> html("<p>نص <b>مهم</b>&nbsp;&amp; آخر</p><script>x()</script><br>سطر")
    '\\nنص مهم\\xa0& آخر\\n\\nسطر'
    >>> html("إذا كان س < 5 و ص > 3")
    'إذا كان س < 5 و ص > 3'
    """
    if heading_style not in ("text", "markdown"):
        raise ValueError(f"html: heading_style must be 'text' or 'markdown', not {heading_style!r}")
    if "<" not in text and "&" not in text:
        return text
    text = _unhide_tags(text)
    if not has_markup(text):
        # no markup now; one that `unicode` would reveal (a TREC field split by a mark) is escaped
        return _escape_new_tags(text) if "<" in text and _ODD.search(text) else text
    text = _drop_comments(text)
    text = _drop_elements(text)

    def tag(m: re.Match[str]) -> str:
        closing, name = m.group(1), m.group(2).lower()
        if _HEADING.fullmatch(name):
            if closing:
                return "\n\n"
            return "\n\n## " if heading_style == "markdown" else "\n\n"
        if name in BLOCK_TAGS:
            return "\n"
        return ""

    text = _TAG.sub(tag, text)
    while "&" in text:  # decoding can make a new entity ("&&#97;mp;"): repeat; each round shortens
        decoded = _sub_changed(_ENTITY, _decode, text)
        if decoded == text:
            break
        text = decoded
    return _escape_new_tags(text)  # it also escapes the tags that `unicode` would reveal
