"""duplicate_paragraphs in bounded memory: a window of the last DUPLICATE_WINDOW distinct paragraphs,
the same whole and streamed; the coarse keys that make it fast never miss a repeat."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.normalizers import structure
from cleaner.normalizers.structure import (
    _CASED_ASTRAL,
    _COARSE_UNSAFE,
    _LO_DELETE,
    _LO_TABLE,
    _UNSAFE_HI,
    _coarse,
    _key,
    _lf,
    _lo_key,
    duplicate_paragraphs,
    paragraph_key,
)
from cleaner.pipeline import Pipeline
from cleaner.stream import clean_blocks

LEAD = "قال المتحدث الرسمي إن الاجتماع ناقش عدداً من الملفات المهمة في المنطقة اليوم."


def _reference(text: str, min_words: int = 10, window: int | None = None) -> str:
    """The step's definition, line by line: the last ``window`` distinct long paragraphs kept are remembered."""
    text = _lf(text)
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    remembered: list[str] = []
    out = []
    for line in lines:
        if len(line.split(None, min_words - 1)) >= min_words:
            key = paragraph_key(line)
            if key in remembered:
                continue
            remembered.append(key)
            if window is not None and len(remembered) > window:
                remembered.pop(0)
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Al Mayadeen: the lead repeated at the end of the article goes
        (f"{LEAD}\nنص الخبر.\n{LEAD}", f"{LEAD}\nنص الخبر."),
        # folded repeats: spacing, alef forms, tatweel, marks, case, no-break space, other spaces
        (f"{LEAD}\n{LEAD.replace(' ', '  ')}", LEAD),
        (f"{LEAD}\n{LEAD.replace('إن', 'ان').replace('الملفات', 'المـلفات')}", LEAD),
        (f"{LEAD} ABC\n{LEAD} abc", f"{LEAD} ABC"),
        (f"{LEAD} Émile\n{LEAD} émile", f"{LEAD} Émile"),
        (f"{LEAD}\n{LEAD.replace(' ', chr(0x2003))}", LEAD),
        (f"{LEAD}\n{LEAD.replace(' ', chr(0xA0))}", LEAD),
        (f"{LEAD}\n\u064e{LEAD}", LEAD),
        # short lines and blank lines stay
        ("الفائزون :\nالفائزون :\n\n\n", "الفائزون :\nالفائزون :\n\n\n"),
    ],
)
def test_repeats(text: str, expected: str) -> None:
    assert duplicate_paragraphs(text) == expected
    assert duplicate_paragraphs(expected) == expected


_WORDS = ["أحمد", "احمد", "إلى", "الى", "مدرسة", "مدرسه", "ـ", "\u064e", "\u0670", "ى", "ي", "ٱ", "ر", "٠",
          "ABC", "abc", "É", "é", "Σ", "σ", "ς", "İ", "i", "Д", "д", "x", "\u200b", "\u2003", "\x85", "\xa0", "\t", ""]
_lines = st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join)
_texts = st.lists(_lines, min_size=1, max_size=6).flatmap(
    lambda base: st.lists(st.sampled_from(base), max_size=14).map("\n".join)
)


@settings(max_examples=400, deadline=None)
@given(text=_texts, min_words=st.sampled_from([1, 3, 10]))
def test_equals_the_definition(text: str, min_words: int) -> None:
    assert duplicate_paragraphs(text, min_words=min_words) == _reference(text, min_words)


@settings(max_examples=300, deadline=None)
@given(text=_texts, window=st.integers(min_value=1, max_value=4), cuts=st.lists(st.integers(min_value=0), max_size=6))
def test_a_small_window_whole_streamed_and_idempotent(text: str, window: int, cuts: list[int]) -> None:
    old = structure.DUPLICATE_WINDOW
    structure.DUPLICATE_WINDOW = window
    try:
        whole = duplicate_paragraphs(text, min_words=1)
        assert whole == _reference(text, 1, window)
        assert duplicate_paragraphs(whole, min_words=1) == whole  # idempotent: dropped repeats never refresh
        points = sorted({c % (len(text) + 1) for c in cuts})
        blocks = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
        pipeline = Pipeline([("duplicate_paragraphs", {"min_words": 1})])
        assert "".join(clean_blocks(pipeline, blocks, target=1)) == whole
    finally:
        structure.DUPLICATE_WINDOW = old


def test_the_coarse_key_folds_like_the_key_for_every_code_point() -> None:
    """Every character whose key differs from itself (lower case, whitespace) is either folded by the
    coarse key too or marks its line (then the line's real key is used)."""
    for cp in range(0x80, sys.maxunicode + 1):
        if 0xD800 <= cp < 0xE000:
            continue
        char = chr(cp)
        if char.lower() == char and not char.isspace():
            continue
        data = char.encode()
        marked = bytes([0xFF]) in _coarse(data) or any(p.search(data) for p in _COARSE_UNSAFE)
        assert marked or _coarse(data) == _coarse(_key("x" + char + "x").encode()).replace(b"x", b"", 2) or cp == 0xA0, hex(cp)


def test_the_fast_key_folds_like_the_key_for_every_code_point() -> None:
    """The fast coarse key (low bytes of UTF-16): every character of U+0000-U+FFFF outside the
    blocks of _UNSAFE_HI, except "\\n" and the few that mark their line (ٱ, U+200A, U+2028, U+2029,
    U+202F), has the fast key of its folded form, so lines with one paragraph_key share a fast key;
    and nothing else becomes "\\n", which ends a line."""
    marking = {0x0A, 0x0671, 0x200A, 0x2028, 0x2029, 0x202F}
    for cp in range(0x10000):
        if cp >> 8 in _UNSAFE_HI or cp in marking:
            continue
        text = "a" + chr(cp) + "b"
        assert _lo_key(text) == _lo_key(_key(text)), hex(cp)
    assert _LO_TABLE.count(b"\n") == 1 and _LO_TABLE[0x0A] == 0x0A and 0x0A not in _LO_DELETE


def test_the_characters_beyond_u_ffff_that_fold_are_under_the_marking_high_surrogates() -> None:
    for cp in range(0x10000, sys.maxunicode + 1):
        char = chr(cp)
        if char.lower() != char or char.isspace():
            high = 0xD800 + ((cp - 0x10000) >> 10)
            assert high >> 8 == 0xD8 and high & 0xFF in _CASED_ASTRAL, hex(cp)


LONG = "الفقرة الطويلة تتكرر هنا في النص كما هي تماما بلا أي تغيير يذكر"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whitespace the fast key cannot fold: the line is keyed by its real key
        (f"{LONG}\n{LONG.replace(' ', chr(0x2028), 1)}", LONG),
        (f"{LONG}\n{LONG.replace(' ', chr(0x202F))}", LONG),
        (f"{LONG.replace(' ', chr(0x200A))}\nنص\n{LONG}", f"{LONG.replace(' ', chr(0x200A))}\nنص"),
        ("“" * 40 + f"\n{LONG}\n{LONG.replace(' ', chr(0x2029), 2)} “”", "“" * 40 + f"\n{LONG}\n{LONG.replace(' ', chr(0x2029), 2)} “”"),
        ("“" * 40 + f"\n{LONG} “”\n{LONG.replace(' ', chr(0x2029), 2)} “”", "“" * 40 + f"\n{LONG} “”"),
        # characters of blocks with case, beyond U+FFFF, ٱ, U+060A (its low byte is "\n"'s)
        (f"{LONG} ДОМ ΣΟΦΙΑ\n{LONG} дом σοφια", f"{LONG} ДОМ ΣΟΦΙΑ"),
        (f"{LONG} 😊\n{LONG} 😊\n{LONG} 😊x", f"{LONG} 😊\n{LONG} 😊x"),
        (f"{LONG} 😊 مدرسة\n{LONG}  😊 مدرسه\n😊", f"{LONG} 😊 مدرسة\n😊"),  # 😊's low surrogate ends in 0x0A
        (f"{LONG} \U00010400\n{LONG} \U00010428", f"{LONG} \U00010400"),
        (f"ٱ{LONG}\n{LONG}\nا{LONG}", f"ٱ{LONG}\n{LONG}"),
        (f"{LONG}\u060a\n{LONG}\u060a\n{LONG}\u250a\n{LONG}\u250a", f"{LONG}\u060a\n{LONG}\u250a"),
        # many characters of such blocks, a lone surrogate: the plain UTF-8 keys
        ("Д" * 300 + f"\n{LONG}\n{LONG}", "Д" * 300 + f"\n{LONG}"),
        (f"\udc80\n{LONG}\n{LONG} \udc80\n{LONG} \udc80", f"\udc80\n{LONG}\n{LONG} \udc80"),
    ],
)
def test_rare_characters(text: str, expected: str) -> None:
    assert duplicate_paragraphs(text) == expected
    assert duplicate_paragraphs(expected) == expected


_RARE = ["ٱ", "ا", "\u2028", "\u2029", "\u202f", "\u200a", "\u060a", "\u250a", "\u0a0a", "“" * 33, "😊", "\U00010400", "\U00010428",
         "Ω", "Ω", "K", "k", "Ａ", "ａ", "\u3000", "\u1680", "ß", "\u0307", "\x00", "\u2000", "،", "؟", "q", "ﻻ", "\x1c"]
_rare_lines = st.lists(st.sampled_from(_WORDS + _RARE), max_size=14).map(" ".join)
_rare_texts = st.lists(_rare_lines, min_size=1, max_size=6).flatmap(
    lambda base: st.lists(st.sampled_from(base), max_size=14).map("\n".join)
)


@settings(max_examples=400, deadline=None)
@given(text=_rare_texts, min_words=st.sampled_from([1, 3, 10]), chunk=st.sampled_from([1, 5, 40, 1 << 16]))
def test_chunks_and_rare_characters_equal_the_definition(text: str, min_words: int, chunk: int) -> None:
    """The text is keyed in chunks of lines (a chunk ends at the first line end past ``chunk``
    characters); any chunk size gives the definition."""
    old = structure._DUPLICATE_CHUNK
    structure._DUPLICATE_CHUNK = chunk
    try:
        assert duplicate_paragraphs(text, min_words=min_words) == _reference(text, min_words)
    finally:
        structure._DUPLICATE_CHUNK = old
