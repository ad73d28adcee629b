"""HTML left in scraped text: tags, comments, scripts and character entities."""

from __future__ import annotations

import bisect
import html as _html
import re
from collections.abc import Callable

from ..registry import normalizer
from .chars import TATWEEL
from .diacritics import CLASSES
from .wrappers import TREC_FIELDS, TREC_LOWER, is_trec

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

#: Elements that separate the words on either side (a form control, an embedded object): removed,
#: they leave a space between two words they stood between (``<option>نعم</option><option>لا``).
SEPARATOR_TAGS = frozenset(
    """audio button iframe img input meta link object option picture select source svg textarea
    video""".split()
)
# Namespaced elements (Word's <o:p>, <w:Sdt>, <st1:City>): markup, removed as inline elements.
_NAMESPACED = r"[a-zA-Z][a-zA-Z0-9]{0,15}:[a-zA-Z][-a-zA-Z0-9_.]{0,40}"
_NAMES = "|".join(sorted(KNOWN_TAGS, key=lambda n: (-len(n), n))) + "|" + _NAMESPACED
# A tag's reach as `boilerplate` looks for one: a known element name, then anything but '<' or '>'
# (bounded), then '>'.
_TAG = re.compile(rf"<(?=[/a-zA-Z])(/?)({_NAMES})(?=[\s/>])([^<>]{{0,4000}})>", re.IGNORECASE)

#: Attributes that real markup writes without a value (``<option selected>``, ``<td nowrap>``). Any
#: other bare word, unless it is hyphenated (``aria-hidden``, ``data-v-1a2b``), makes the "attributes"
#: prose: ``a <b and c> d`` is English, not a ``b`` element.
BARE_ATTRIBUTES = frozenset(
    """allowfullscreen async autofocus autoplay border checked compact controls default defer disabled
    download formnovalidate hidden inert ismap itemscope loop multiple muted nomodule noresize noshade
    novalidate nowrap open playsinline readonly required reversed selected""".split()
)
# A tag as this step removes it: a known element name, then a list of attributes, then '>'. An
# attribute is ``name=value`` (a name of ASCII characters: ``class``, ``data-x``, ``xml:lang``,
# ``:href``, ``@click``; spaces may stand around '='; the value quoted with '"' or "'", and then it
# may hold any character but '<' (a '>' too, also across lines: ``title="a > b"``), or unquoted,
# or empty), or a bare name of :data:`BARE_ATTRIBUTES` or a hyphenated one; '/' and white space
# stand between. So "a <b and c> d", "a <b و b> c", "0 <p و q> 1" or "a <b + c> d" are prose. A value
# that opens a quote never closed (before the next '<') reads as unquoted, the quote included
# (``href="x>``); a tag whose quoted values only close when they hold a '>' is read once more with
# values that hold none (it ends at its first '>'). Every item opens with its own character class
# and is bounded, the lists are atomic and stop at the next '<': read in one way only, linear time.
# (Atomic groups, no possessive repeats: Python before 3.11.5 runs those on groups wrong.)
_ATTR_NAME = r"[-a-zA-Z_:@#*.\[\]()][-a-zA-Z0-9_:@#*.\[\]()$]{0,100}"
_BARE = (
    "(?ai:" + "|".join(sorted(BARE_ATTRIBUTES, key=lambda n: (-len(n), n))) + ")"
    r"|[a-zA-Z][a-zA-Z0-9]{0,40}(?:[-:][a-zA-Z0-9]{1,40}){1,8}"
)


def _items(quoted: str) -> str:
    """An attribute list (atomic); ``quoted`` is what a quoted value may hold besides its quote."""
    value = (
        rf'"[^"{quoted}]{{0,4000}}"|\'[^\'{quoted}]{{0,4000}}\''  # quoted
        r"|[\"']?[^<>\"'\s]{0,4000}"  # unquoted (a quote never closed reads as part of it), or empty
    )
    item = rf"\s+|/|{_ATTR_NAME}\s{{0,8}}=\s{{0,8}}(?:{value})|(?:{_BARE})(?=[\s/>])"
    return rf"(?>(?:{item})*)"


# (Case is ignored in the name only: ignoring it in the classes would let "i" match "\u0130", out of ASCII.)
_MARKUP = re.compile(rf"<(?=[/a-zA-Z])(/?)((?i:{_NAMES}))(?=[\s/>])(?:{_items('<')}>|{_items('<>')}>)")
# Whether a tag (as :data:`_MARKUP` reads one) that opens at a '<' may still be open at the end of
# the text (``match(text, pos, endpos)``): its attributes read as :data:`_MARKUP` reads them (with
# quoted values that may hold '>') up to the end, where a value's quote may still be open, or a
# name wait for its '='. (A reading that ends in a '>', or in what is no attribute, has closed or
# is no tag; a tag read with values that hold no '>' closes at the first '>'.) The streaming
# ``html`` cuts a text only where no tag may be open (see ``stream._tags_closed``).
_OPEN_VALUE = (
    r'"[^"<]{0,4000}"|\'[^\'<]{0,4000}\''
    r'|"[^"<]{0,4000}\Z|\'[^\'<]{0,4000}\Z'  # a quote still open at the end
    r"|[\"']?[^<>\"'\s]{0,4000}"
)
_OPEN_ITEM = rf"\s+|/|{_ATTR_NAME}\s{{0,8}}=\s{{0,8}}(?:{_OPEN_VALUE})|(?:{_BARE})(?=[\s/>])"
_TAG_OPEN = re.compile(
    rf"<(?=[/a-zA-Z])/?(?i:{_NAMES})(?=[\s/>]|\Z)(?>(?:{_OPEN_ITEM})*)(?:{_ATTR_NAME}\s{{0,8}})?\Z"
)
_ENTITY = re.compile(
    r"&(?:(?:amp|AMP|#0{0,4}38|#[xX]0{0,4}26);)*"  # a chain of escaped ampersands (&amp;amp;…)
    r"(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)?"  # then one entity
)
# Markup: a tag or comment, or an entity. Two patterns, each opening with a literal, so the engine
# skips ahead to it (one pattern of both would be tried at every position). The lookahead after
# '<' rejects a '<' that opens no name before the engine tries the long alternation of names (a
# text of 8 MB of '<' took seconds).
_MAYBE_TAG_OR_COMMENT = re.compile(rf"<(?=[/!a-zA-Z])(?:/?(?:{_NAMES})(?=[\s/>])|!--|!\[CDATA\[)", re.IGNORECASE)
_MAYBE_ENTITY = re.compile(r"&(?:#[0-9xX]|[A-Za-z][A-Za-z0-9]{1,31};)", re.IGNORECASE)
_HEADING = re.compile(r"h[1-6]", re.IGNORECASE)


def has_markup(text: str) -> bool:
    """Whether ``text`` holds an HTML tag, comment or character entity (the fast-path check)."""
    return ("<" in text and _MAYBE_TAG_OR_COMMENT.search(text) is not None) or (
        "&" in text and _MAYBE_ENTITY.search(text) is not None
    )


#: What stands for a comment or a dropped element between two characters that are not white space: a
#: separator element, which the tag pass of the same round turns into a space or nothing (see _SEPARATOR).
_GAP_TAG = "<img>"


def _gap(text: str, start: int, end: int) -> str:
    """What stands for ``text[start:end]`` once removed: :data:`_GAP_TAG` between two characters that
    are not white space (removing it must not glue two words), else nothing."""
    if 0 < start and end < len(text) and not text[start - 1].isspace() and not text[end].isspace():
        return _GAP_TAG
    return ""


def _drop_comments(text: str) -> str:
    """Comments go (a space stays between the words they stood between); so do the brackets of a
    ``<![CDATA[…]]>`` section, whose text stays."""
    if "<!" not in text:
        return text
    last_close = text.rfind("]]>")
    out, i = [], 0
    while True:
        j = text.find("<!", i)
        if j < 0:
            break
        if text.startswith("<!--", j):
            k = text.find("-->", j + 4)
            if k < 0:
                break  # an unclosed comment: left as text
            out.append(text[i:j])
            out.append(_gap(text, j, k + 3))
            i = k + 3
        elif text.startswith("<![CDATA[", j):
            k = text.find("]]>", j + 9) if j + 9 <= last_close else -1  # (no search past the last "]]>")
            if k < 0:  # an unclosed section: left as text
                out.append(text[i : j + 9])
                i = j + 9
                continue
            out.append(text[i:j])
            out.append(text[j + 9 : k])
            i = k + 3
        else:
            out.append(text[i : j + 2])
            i = j + 2
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
            # never closed: code to the end of the text (no Arabic letter after it) goes with it
            if _ARABIC_LETTER.search(text, m.end()) is None:
                out.append(text[i : m.start()])
                i = len(text)
            break
        end = lower.find(">", close)
        end = len(text) if end < 0 else end + 1
        out.append(text[i : m.start()])
        out.append(_gap(text, m.start(), end))
        i = end
    out.append(text[i:])
    return "".join(out)


_ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")


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
    unwrap), also one hidden by what the ``unicode`` and ``cms_markers`` steps delete (``<a\x7f>``,
    ``<sp\u200can>``, ``<DOC[[system-code:x]]NO>``). A ``<`` is markup when its region up to the
    first ``>`` (no ``<`` that stays in between), cleaned as those steps would (:func:`_later`), is
    one of those; or when it opens ``<!--`` with a ``-->`` anywhere after it.

    Decided right to left, in one pass: escaping a tag inside another one's attributes makes the
    outer one a tag (``<a <a<a>>``, ``<a\x0b<a<a>\x00>``), which a left-to-right pass, or a second
    escape after this one, missed, and the next run removed it.
    """
    if "<" not in text:
        return text
    closes = _positions(text, ">")
    hiding = _hiding(text)
    last_close = text.rfind("-->")  # an unclosed "<!--" is text and stays as it is
    # TREC fields only matter when they make a record that `wrappers` would unwrap next time; a
    # literal "<DOC>" in prose stays as it is.
    trec_found: list[bool] = []  # decided on the first TREC field seen (rare): a whole-text check

    def trec() -> bool:
        if not trec_found:
            trec_found.append(is_trec(_later(text, marks=False)))  # as `unicode` and `cms_markers` leave it
        return trec_found[0]

    cdata_closer: list[bool] = []  # whether the text, as the later steps leave it, holds a "]]>" (rare: once)

    def cdata(i: int) -> bool:
        if not _later(text[i : i + 64]).startswith("<![CDATA["):
            return False
        if not cdata_closer:
            cdata_closer.append("]]>" in _later(text))
        return cdata_closer[0]

    escaped: list[int] = []
    stopper = len(text)  # the nearest "<" to the right that stays
    following = -1  # the nearest "<" to the right
    for i in reversed(_positions(text, "<")):
        j = -1
        markup = text.startswith("<!--", i) and i + 4 <= last_close
        # a CDATA section made by this run (a first round drops the brackets of those in the source)
        markup = markup or (text.startswith("<!", i) and cdata(i))
        if not markup:
            k = bisect.bisect_left(closes, i)
            j = closes[k] if k < len(closes) else -1
            if 0 <= j < stopper and j - i <= 4002:
                region = text[i : j + 1]
                if "<" in region[1:]:
                    region = "<" + region[1:].replace("<", "&lt;")  # the inner ones are escaped
                if hiding and _HIDING.search(region):
                    region = _later(region)
                comment = region.startswith("<!--") and region.find("-->", 4) >= 0
                markup = comment or bool(_MARKUP.fullmatch(region)) or (bool(_TREC_FIELD.fullmatch(region)) and trec())
            if not markup and j >= 0 and (following < 0 or j < following):
                # a tag whose quoted value holds a '>' reaches past its region, up to the next '<' at most
                reach = text[i : following if following >= 0 else len(text)]
                markup = _MARKUP.match(_later(reach) if hiding and _HIDING.search(reach) else reach) is not None
        if markup:
            escaped.append(i)
        else:
            stopper = i
        following = i
    if not escaped:
        return text
    out, last = [], 0
    for i in reversed(escaped):
        out.append(text[last:i])
        out.append("&lt;")
        last = i + 1
    out.append(text[last:])
    return "".join(out)


_TREC = "|".join(sorted(TREC_FIELDS | TREC_LOWER, key=lambda n: (-len(n), n)))
_TREC_FIELD = re.compile(rf"</?(?:{_TREC})>")  # upper or lower case, as `wrappers` reads them


# Controls and invisible marks that the `unicode` step (which runs after this one) deletes or turns
# into spaces: inside "<…>" they can hide a tag ("<sp\u200can>", "<a\x7f>") that would show up then.
_ODD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_REGION = re.compile(r"<[^<>]{0,4000}>")
# Arabic diacritics, which the `diacritics` step (search) deletes outside Arabic words, and tatweel,
# which the `tatweel` step deletes after a letter or a mark: inside a tag name or an entity they hide
# it ("<pً>", "&lًt;", "<pًـ>"). Seen through everywhere (a superset of what those steps delete, as
# `cms_markers` does), so what a second run sees through is never more than this run saw through.
_MARKS = re.compile(f"[{''.join(CLASSES.values())}{TATWEEL}]")


_HIDING_CLASS = f"\\[{_ODD.pattern[1:-1]}{_MARKS.pattern[1:-1]}"
_HIDING = re.compile(f"[{_HIDING_CLASS}]")
# A region of `_REGION` holding a character of `_HIDING` (the first one splits it: linear).
_HIDING_REGION = re.compile(f"<[^<>{_HIDING_CLASS}]{{0,4000}}[{_HIDING_CLASS}][^<>]{{0,4000}}>")
# An entity that a character of `_HIDING` may hide ("&lt\u2069;", "&g\x07t;", "&lًt;"): no '&', ';',
# '<', '>' or plain space inside, bounded (each '&' starts one short scan, split at its first such character).
_HIDDEN_ENTITY = re.compile(f"&[^&;<>\t\n\r {_HIDING_CLASS}]{{0,64}}[{_HIDING_CLASS}][^&;<>\t\n\r ]{{0,64}};")


def _hiding(text: str) -> bool:
    """Whether ``text`` holds a character that a later step deletes: a control or invisible mark,
    a CMS marker's bracket or an Arabic diacritic."""
    return _HIDING.search(text) is not None


def _later(text: str, *, marks: bool = True) -> str:
    """``text`` as the steps after this one leave it: ``unicode``, ``cms_markers`` (the markers
    inside the lines) and (``marks``) ``diacritics`` (the view in which a second run looks for markup).

    Also across lines (``<a[[system-code:x]]\\nhref=1>`` is a tag): the streaming ``html`` cuts
    after a line end that no tag spans as this view shows it (each of these is line-local).
    """
    if _ODD.search(text):
        from .unicode import unicode as _unicode

        text = _unicode(text)
    if "[" in text:
        from .markers import strip_markers

        text = strip_markers(text)
    if marks and _MARKS.search(text):
        text = _MARKS.sub("", text)
    return text


# "<!--" and "-->" with up to 8 characters that `unicode` or `diacritics` deletes between any two of
# their characters ("<!-\u200b-", "-\u200d->"); between these signs `unicode` deletes every mark.
_GAP = f"[{_ODD.pattern[1:-1]}{_MARKS.pattern[1:-1]}]{{0,8}}"
_HIDDEN_OPENER = re.compile(f"<{_GAP}!{_GAP}-{_GAP}-")
_HIDDEN_CLOSER = re.compile(f"-{_GAP}-{_GAP}>")


def _unhide_comments(text: str) -> str:
    """Write ``<!--`` and ``-->`` hidden by characters a later step deletes as they will be
    (``-\u200d->`` becomes ``-->``), so the comment is dropped now and not on the next run."""
    if not _ODD.search(text) and not _MARKS.search(text):
        return text

    def fix(m: re.Match[str]) -> str:
        sign, closer = m.group(), m.group()[0] == "-"
        if len(sign) == (3 if closer else 4):  # nothing between its characters
            return sign
        # only where it makes a comment: an opener with a closer after it, a closer after an opener
        # (not one sharing its dashes: "<!--ً>"); elsewhere the sign is text and stays as it is
        if closer and m.string.rfind("<!--", 0, m.start()) < 0:
            return sign
        if not closer and _HIDDEN_CLOSER.search(m.string, m.end()) is None:
            return sign
        seen = _later(sign)
        return seen if seen == ("-->" if closer else "<!--") else sign

    if "<" in text:
        text = _sub_changed(_HIDDEN_OPENER, fix, text)
    return _sub_changed(_HIDDEN_CLOSER, fix, text) if ">" in text else text


def _unhide_entities(text: str) -> str:
    """Decode-ready form of the entities that characters the `unicode` step deletes hide
    (``&lt\u2069;`` becomes ``&lt;``), so they are decoded now and not on the next run."""
    if "&" not in text:
        return text

    def fix(m: re.Match[str]) -> str:
        region = m.group()
        seen = _later(region)
        entity = _ENTITY.fullmatch(seen)
        return seen if entity is not None and _decode(entity) != seen else region

    return _sub_changed(_HIDDEN_ENTITY, fix, text)


def _joined(text: str, j: int) -> bool:
    """Whether ``text`` holds a tag, a comment's ``<!--`` or ``-->``, or an entity across position
    ``j`` (where a CMS marker stood): markup that removing the marker made."""
    lt = text.rfind("<", max(0, j - 4002), j)
    if lt >= 0 and text.find(">", lt, j) < 0:
        gt = text.find(">", j, lt + 4003)
        if gt >= 0 and text.find("<", j, gt) < 0 and (_MARKUP.fullmatch(text, lt, gt + 1) or _MARKUP.match(text, lt)):
            return True
    if "<!--" in text[max(0, j - 3) : j + 3] or "-->" in text[max(0, j - 2) : j + 2]:  # any one spans j
        return True
    amp = text.rfind("&", max(0, j - 64), j)
    if amp >= 0:
        semi = text.find(";", j, amp + 72)
        entity = _ENTITY.fullmatch(text, amp, semi + 1) if semi >= 0 else None
        if entity is not None and _decode(entity) != entity.group():
            return True
    return False


# A "[" with a character of `_ODD` within the next 32 (where a marker's opening may be hidden).
_ODD_IN_OPEN = re.compile(f"\\[[^\\]\n]{{0,32}}{_ODD.pattern}")


def _may_join(line: str) -> bool:
    """Whether a CMS marker in ``line`` stands where its removal could complete markup: after a
    ``<`` or ``&`` not closed before it, or near a ``-`` or ``!`` (a comment's ``<!--``/``-->``)."""
    from .markers import _find_open

    k = _find_open(line, 0)
    while k >= 0:
        lt = line.rfind("<", 0, k)
        if lt >= 0 and line.find(">", lt, k) < 0:
            return True
        amp = line.rfind("&", max(0, k - 64), k)
        if amp >= 0 and line.find(";", amp, k) < 0:
            return True
        near = line[max(0, k - 16) : k]
        if "-" in near or "!" in near:
            return True
        k = _find_open(line, k + 1)
    return False


def _unhide_markers(text: str) -> str:
    """Remove now the CMS markers whose removal (by `cms_markers`, after `unicode`) makes markup:
    ``<a[[system-code:x]]>`` is a tag, so the line is replaced by what those steps make of it and
    the tag goes in this run, not the next. Other markers stay for `cms_markers`. Line by line."""
    if "[" not in text or ("<" not in text and "&" not in text):
        return text
    from .markers import strip_markers
    from .unicode import unicode as _unicode

    out: list[str] = []
    last = pos = 0
    while (i := text.find("[", pos)) >= 0:
        begin = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        pos = end + 1
        line = text[begin:end]
        if "<" not in line and "&" not in line:
            continue
        odd = _ODD.search(line) is not None
        # (a marker's "[[system-code:" may be hidden by controls or marks that `unicode` deletes)
        if not _may_join(line) and not (odd and _ODD_IN_OPEN.search(line) and _may_join(_ODD.sub("", line))):
            continue
        seen = _unicode(line) if odd else line
        joins: list[int] = []
        stripped = strip_markers(seen, joins)
        if any(_joined(stripped, j) for j in joins):
            out.append(text[last:begin])
            out.append(stripped)
            last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _unhide_tags(text: str, *, escape: bool = False) -> str:
    """Show the tags that the `unicode` and `cms_markers` steps would reveal (``<sp\u200can>``,
    ``<a[[system-code:x]]>``): clean them (so they are removed now), or, once the text is done
    (``escape=True``), write their ``<`` as ``&lt;`` so no later run sees a tag."""
    if "<" not in text or not _hiding(text):
        return text

    def fix(m: re.Match[str]) -> str:
        region = m.group(0)
        if len(region) > 4002:  # longer than a `_REGION`
            return region
        cleaned = _later(region)
        comment = cleaned.startswith("<!--") and cleaned.find("-->", 4) >= 0  # as _drop_comments sees it
        if not (comment or _MARKUP.fullmatch(cleaned)):
            return region  # not markup this step removes (a TREC field is `_escape_new_tags`' business)
        return "&lt;" + region[1:] if escape else cleaned

    return _sub_changed(_HIDING_REGION, fix, text)


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
    known element names count as tags, and only with attributes that look like markup (``name=value``
    with an ASCII name, a quoted value holding any letter and ``>``, also across lines; or a bare
    ``selected``, ``nowrap``, ``aria-hidden`` …), so prose such as ``س < 5 و ص > 3``, ``a <b و b> c``,
    ``a <b and c> d`` or ``<<`` stays. Removing markup never glues two words: a comment, script, form control or embedded
    object (``option``, ``img`` …) between two words leaves a space, and ``3<sup>2</sup>`` is ``3^2``.
    A ``script`` or ``style`` never closed goes to the end when no Arabic letter follows it;
    ``<![CDATA[…]]>`` keeps its text; namespaced tags (``<o:p>``, ``<st1:City>``) are markup.
    Markup that decoding makes (double-escaped ``&lt;p&gt;``) is removed as markup too, and markup
    is read through what the next steps delete (controls and invisible marks, CMS markers, Arabic
    diacritics): ``<a[[system-code:x]]>`` and ``&lt\u2069;`` go now, not on a second run.

    >>> html("<p>نص <b>مهم</b>&nbsp;&amp; آخر</p><script>x()</script><br>سطر")
    '\\nنص مهم\\xa0& آخر\\n\\nسطر'
    >>> html("إذا كان س < 5 و ص > 3")
    'إذا كان س < 5 و ص > 3'
    >>> html("&lt;b&gt;نص&lt;/b&gt; و &lt;&lt; اقتباس &gt;&gt;")
    'نص و << اقتباس >>'
    """
    if heading_style not in ("text", "markdown"):
        raise ValueError(f"html: heading_style must be 'text' or 'markdown', not {heading_style!r}")
    if "<" not in text and "&" not in text:
        return text
    # Tags that decoding or removing markup makes (double-escaped "&lt;p&gt;", "<<b>p>") are markup
    # too: rounds until one changes nothing. Comments, scripts and styles are dropped in the first
    # round only, where they stand in the source (they span lines: a decoded "--&gt;" must not close
    # a comment in one streamed piece and not in the whole text); made later, they are escaped.
    # Each changing round removes or decodes something.
    for rounds in range(_ROUNDS):
        cleaned = _round(text, heading_style, rounds == 0)
        if cleaned == text:
            break
        text = cleaned
        if "<" not in text:
            return text
    # what no round removed but a next run would (a TREC field, a tag hidden by a marker) is escaped
    # (a tag hidden by a diacritic or a marker inside one line was shown and removed by the round)
    return _escape_new_tags(text) if "<" in text and (rounds or "[" in text or _ODD.search(text)) else text


def _replace_tags(text: str, tag: Callable[[re.Match[str]], str]) -> str:
    """Every tag of ``text`` replaced by what ``tag`` gives; a :data:`_SEPARATOR` becomes a space when
    the nearest characters left on either side are not white space (two words stay apart), else
    nothing. Two passes over the pieces: linear, however many separators stand in a row."""
    out: list[str] = []
    seps: list[int] = []
    last = 0
    for m in _MARKUP.finditer(text):
        out.append(text[last : m.start()])
        got = tag(m)
        if got is _SEPARATOR:
            seps.append(len(out))
            got = ""
        out.append(got)
        last = m.end()
    if not out:
        return text
    out.append(text[last:])
    if seps:
        after = [""] * (len(out) + 1)  # the first character of the pieces from i on
        for i in range(len(out) - 1, -1, -1):
            after[i] = out[i][:1] or after[i + 1]
        k, before = 0, ""  # the last character of the pieces before i
        for i, piece in enumerate(out):
            if k < len(seps) and seps[k] == i:
                k += 1
                nxt = after[i + 1]
                if before and nxt and not before.isspace() and not nxt.isspace():
                    out[i] = piece = " "
            if piece:
                before = piece[-1]
    return "".join(out)


#: What ``tag`` gives for a separator element (compared by identity).
_SEPARATOR = "\x00separator"

#: What an exponent opens with (after ``<sup>``).
_POWER = re.compile("[-+\u2212]?[0-9]")

#: At most this many rounds of :func:`html` (markup escaped that many times over is left escaped).
_ROUNDS = 16


def _round(text: str, heading_style: str, first: bool) -> str:
    """One round of :func:`html`: hidden markup shown, (``first``: comments and elements dropped),
    tags removed, entities decoded."""
    text = _unhide_tags(text)
    text = _unhide_comments(text)
    text = _unhide_markers(text)
    text = _unhide_entities(text)
    if not has_markup(text):
        return text
    if first:
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
        if name in SEPARATOR_TAGS:
            return _SEPARATOR
        if name == "sup" and not closing and _POWER.match(m.string, m.end()) and m.start() and m.string[m.start() - 1].isdigit():
            return "^"  # 3<sup>2</sup>: 3^2, not the number 32
        return ""

    text = _replace_tags(text, tag)
    while "&" in text:  # decoding can make a new entity ("&&#97;mp;"): repeat; each round shortens
        decoded = _sub_changed(_ENTITY, _decode, _unhide_entities(text))
        if decoded == text:
            break
        text = decoded
    return text
