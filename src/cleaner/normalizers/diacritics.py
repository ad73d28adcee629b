"""Arabic diacritics (tashkeel), removed by class: harakat, tanween, shadda, dagger alef, Quranic marks."""

from __future__ import annotations

import functools
import re

from ..registry import normalizer
from .chars import ARABIC_LETTERS

#: The mark classes and the characters of each. Nothing outside these is touched: combining hamza
#: and madda (U+0653–U+0655, part of a letter's spelling), the other small vowel signs
#: (U+0656–U+065F) and the Quranic signs that stand alone (U+06DD end of ayah, U+06DE rub el hizb,
#: U+06E9 place of sajdah) stay.
CLASSES: dict[str, str] = {
    "harakat": "\u064e\u064f\u0650\u0652",  # fatha, damma, kasra, sukun
    "tanween": "\u064b\u064c\u064d",  # fathatan, dammatan, kasratan
    "shadda": "\u0651",
    "dagger_alef": "\u0670",  # superscript alef: becomes ا inside a word (see below)
    "quranic": "\u0610-\u061a\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed",
}
ALL_CLASSES: tuple[str, ...] = tuple(CLASSES)

DAGGER_ALEF = "\u0670"
_ALL_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"

# Words whose modern spelling has no alef where the Quranic spelling has a dagger alef: the mark
# is dropped there (هٰذا → هذا, not هاذا). Compared without marks or tatweel, with alef forms folded,
# after the prefixes و ف ب ك ل and ال.
_ALEF_FOLD = str.maketrans("أإآٱ", "اااا")
_NO_ALEF_WORDS = frozenset(
    w.translate(_ALEF_FOLD)
    for w in (
        "هذا هذه هذان هذين هؤلاء هكذا ذلك ذلكم ذلكما ذلكن لكن لكنما لكنه لكنها لكنهم لكني لكنك لكننا "
        "أولئك الله لله اللهم إله إلهكم إلهه إلهي إلهنا إلهك إلهها إلهين الإله إلها آلهة الرحمن رحمن طه"
    ).split()
)
_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "و", "ف", "ب", "ك", "ل", "ال")
_WORD = re.compile(f"[{ARABIC_LETTERS}{_ALL_MARKS}\u0640]{{1,60}}")
_WORD_RUN = re.compile(f"[{ARABIC_LETTERS}{_ALL_MARKS}\u0640]+")
_WORD_CHARS = frozenset(
    chr(cp) for cp in range(0x0600, 0x0900) if _WORD_RUN.fullmatch(chr(cp))
)  # every character of _WORD's class lies in U+0600–U+08FF
_MARKS_RE = re.compile(f"[{_ALL_MARKS}\u0640]")
_LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")
_CARRIERS = "اىوي"  # letters that already carry the long vowel: a dagger alef after them just goes


def _no_alef_word(word: str) -> bool:
    bare = _MARKS_RE.sub("", word).translate(_ALEF_FOLD)
    if bare in _NO_ALEF_WORDS:
        return True
    return any(bare.startswith(p) and bare[len(p) :] in _NO_ALEF_WORDS for p in _PREFIXES)


def _neighbour_letter(word: str, i: int, step: int) -> str:
    """The first character before (``step=-1``) or after (``+1``) index ``i`` that is not a mark."""
    i += step
    while 0 <= i < len(word) and _MARKS_RE.match(word[i]):
        i += step
    return word[i] if 0 <= i < len(word) else ""


def _dagger_word(match: re.Match[str]) -> str:
    word = match.group()
    if DAGGER_ALEF not in word:
        return word
    if _no_alef_word(word):
        return word.replace(DAGGER_ALEF, "")
    out = []
    for i, ch in enumerate(word):
        if ch != DAGGER_ALEF:
            out.append(ch)
            continue
        before, after = _neighbour_letter(word, i, -1), _neighbour_letter(word, i, 1)
        if before and after and _LETTER_RE.match(before) and _LETTER_RE.match(after) and before not in _CARRIERS:
            out.append("\u0627")
    return "".join(out)


def _dagger_runs(text: str) -> list[tuple[int, int]]:
    """Start and end of each maximal run of word characters holding a dagger alef.

    _WORD cuts a maximal run of word characters into pieces of 60 from its start, so each such run
    is cut the same way on its own; the others are left as they are by ``_WORD.sub(_dagger_word, ...)``.
    """
    runs: list[tuple[int, int]] = []
    last = 0
    pos = text.find(DAGGER_ALEF)
    while pos >= 0:
        start = pos
        while start > last and text[start - 1] in _WORD_CHARS:
            start -= 1
        end = _WORD_RUN.match(text, pos).end()  # type: ignore[union-attr]  (the dagger alef itself)
        runs.append((start, end))
        last = end
        pos = text.find(DAGGER_ALEF, end)
    return runs


_CHUNK = 1 << 16  # characters: the marks of the text between the runs are removed a chunk at a time


def _daggers_and_marks(text: str, pattern: re.Pattern[str] | None, with_dagger: re.Pattern[str]) -> str:
    """``pattern.sub("", _WORD.sub(_dagger_word, text))`` (``pattern`` None: no mark class), in one pass.

    Only the runs holding a dagger alef change before the marks go, and removing a mark looks at
    nothing around it. So when every dagger alef of the text just goes, ``with_dagger`` (the marks
    and the dagger alef) removes them all in one pass; otherwise the text between the runs loses its
    marks as it is, a chunk at a time (small copies, one large one: the result).
    """
    runs = _dagger_runs(text)
    fixed = [_WORD.sub(_dagger_word, text[start:end]) for start, end in runs]
    if all(new == text[start:end].replace(DAGGER_ALEF, "") for (start, end), new in zip(runs, fixed)):
        return with_dagger.sub("", text)
    out: list[str] = []
    last = 0
    for (start, end), new in zip((*runs, (len(text), len(text))), (*fixed, "")):
        for i in range(last, start, _CHUNK):
            piece = text[i : min(i + _CHUNK, start)]
            out.append(pattern.sub("", piece) if pattern is not None else piece)
        out.append(pattern.sub("", new) if pattern is not None else new)
        last = end
    return "".join(out)


@functools.lru_cache(maxsize=32)
def _compiled(classes: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The pattern of one mark of ``classes`` other than the dagger alef (None: no such class), and
    (when ``dagger_alef`` is one of them) that of one mark or dagger alef."""
    unknown = [c for c in classes if c not in CLASSES]
    if unknown:
        from ..registry import suggest

        raise ValueError(
            f"diacritics: unknown class {unknown[0]!r}{suggest(unknown[0], CLASSES)}; classes: {', '.join(CLASSES)}"
        )
    body = "".join(CLASSES[c] for c in classes if c != "dagger_alef")
    # One mark per match (not ``[...]+``): the engine then skips ahead with the class, twice as fast.
    with_dagger = re.compile(f"[{body}{DAGGER_ALEF}]") if "dagger_alef" in classes else None
    return (re.compile(f"[{body}]") if body else None), with_dagger


@normalizer("diacritics", lossy=True)
def diacritics(text: str, *, classes: tuple[str, ...] = ALL_CLASSES) -> str:
    """Remove Arabic diacritics by class; a dagger alef inside a word becomes ا (السمٰوات → السماوات).

    ``classes`` picks among ``harakat`` (fatha, damma, kasra, sukun), ``tanween``, ``shadda``,
    ``dagger_alef`` (U+0670) and ``quranic`` (annotation marks U+0610–U+061A, U+06D6–U+06ED except
    the stand-alone signs ۝ ۞ ۩). A dagger alef after a letter and before another becomes ا, except
    in words spelled without alef today (هٰذا → هذا, ذٰلك → ذلك, الله, الرحمٰن, لٰكن); elsewhere it
    goes. Combining hamza and madda (U+0653–U+0655) are part of the spelling and stay.

    >>> diacritics("السَّمٰوَاتِ وَهٰذَا كِتَابٌ")
    'السماوات وهذا كتاب'
    >>> diacritics("مُدَرِّسٌ", classes=("tanween",))
    'مُدَرِّس'
    """
    pattern, with_dagger = _compiled(tuple(classes))
    if with_dagger is not None and DAGGER_ALEF in text:
        return _daggers_and_marks(text, pattern, with_dagger)
    if pattern is not None:
        text = pattern.sub("", text)  # the text itself when there is no mark
    return text
