"""The fast paths of the ``headings`` step decide exactly as the checks they stand for.

Each guard (a first or last character that must be there for an anchored pattern to match) gives
the pattern's own answer; ``_Rows.prose`` gives ``info``'s; a line ``_written_as_is`` leaves unjudged
comes out as the full decision writes it. (Heading behaviour itself: ``test_structure.py``.)
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.normalizers import headings as H
from strategies import FRAGMENTS, article, heading, paragraph, texts

# Lines built from what the guarded patterns look for, in any order (and some noise).
PIECES = [
    *FRAGMENTS, " ", "  ", "\t", "\u200f", "\u061c", "(", ")", "1", "٣", "12", "3-", "4:", "(2)", "a.", "ب)", "■", "-",
    "–", "—", "*", "#", "_", ":", "：", ":-", "h", "w", "http://a.b/c", "www.x.y", ".", "..", "…", "؟", "?", "!", "،",
    "«", "»", '"', "أولا", "اولا", "ثانيا", "عاشرا", "سألناه", "سال", "فسألته", "قائلا", "قائلاً", "متسائلاً", "و", "ف",
    "وأضاف", "فأشار", "أن", "بأن", "أنها", "في", "على", "الدكتور", "المهندسة", "لكن", "كلمة", "عنوان", "قال",
]  # fmt: skip
line_of_pieces = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
one_line = line_of_pieces.map(lambda s: s.replace("\r", " ").replace("\n", " "))
block = st.one_of(
    paragraph, heading, line_of_pieces, heading.map(lambda h: f"■ {h}:"), heading.map(lambda h: h + "؟"),
    heading.map(lambda h: h + ".."), paragraph.map(lambda p: "(3) " + p), heading.map(lambda h: "امتداد " + h),
    heading.map(lambda h: "خارج " + h), heading.map(lambda h: "وأضاف أن " + h + "."),
    heading.map(lambda h: h.split()[0]), heading.map(lambda h: "دورة الكاتب الراحل  فلان " + h + " صدرت هذا العام"),
)  # fmt: skip
SEPARATORS = ["\n", "\n\n", "\n\n\n", "\n \n", "\n\t\n"]
# Blocks parted by empty lines, or not: a feed of articles with their titles, lists, verse.
feed = st.lists(st.tuples(block, st.sampled_from(SEPARATORS)), max_size=14).map(
    lambda parts: "".join(b + s for b, s in parts)
)
any_text = st.one_of(texts, article, feed)


def lines(text: str) -> list[str]:
    return text.split("\n")


# --- guards: the first or last characters an anchored pattern needs -----------------------------------


@pytest.mark.parametrize("word", H._ORDINALS)
def test_every_ordinal_starts_with_one_of_the_ordinal_heads(word: str) -> None:
    assert word[:2] in H._ORDINAL_HEADS
    assert H._ORDINAL.match(word + ": مقرات الأندية")


@pytest.mark.parametrize(
    "word",
    [
        *(f"{a}{b}{c}" for a in ("", "و", "ف") for b in ("سأل", "سال") for c in ("", *H._ASKED_ENDINGS)),
        *H._SAYING,
    ],
)
def test_every_word_that_introduces_speech_ends_in_one_of_the_last_characters(word: str) -> None:
    assert H._INTRODUCES.search("في البداية " + word)
    assert word[-1] in H._INTRODUCES_LAST


@pytest.mark.parametrize("word", sorted(H._DANGLING))
def test_every_dangling_word_is_found_past_its_last_character_guard(word: str) -> None:
    assert H._dangling("يوضح لهم " + word)
    assert H._dangling("يوضح لهم \u200f" + word + "\u200f ")


@pytest.mark.parametrize(
    ("line", "ends_in_a_colon"),
    [
        ("التمويل:", True),
        ("التمويل :", True),
        ("قال صاحبي:-", True),
        ("قال صاحبي: - ", True),
        ("المراحل：", True),
        ("قال صاحبي:\t", True),
        ("التمويل", False),
        ("التمويل: مستمر", False),
        ("ـــ", False),
        ("", False),
    ],
)
def test_colon_end_is_the_pattern_search(line: str, ends_in_a_colon: bool) -> None:
    assert H._colon_end(line) is ends_in_a_colon
    assert (H._COLON_END.search(line) is not None) is ends_in_a_colon


@given(one_line)
@settings(max_examples=500, deadline=None)
def test_guarded_line_tests_give_the_patterns_answers(line: str) -> None:
    assert H._colon_end(line) == (H._COLON_END.search(line) is not None)
    words = line.rsplit(None, 1)
    assert H._dangling(line) == (bool(words) and words[-1].strip(H._INVISIBLE) in H._DANGLING)
    for other in ("(3) تتمة", "3- تتمة", line):
        first, second = H._NUMBER.match(line), H._NUMBER.match(other)
        numbered = bool(first and second) and int(second.group(1)) == int(first.group(1)) + 1
        assert H._numbered(line, other) == numbered
    stripped = line.strip()
    listed = bool(H._LIST_MARKER.match(line)) or H._LINK_ALONE.fullmatch(stripped) is not None
    rows = H._Rows("x\n" + line + "\nx", 10)
    if stripped:
        assert rows.info(2)[3] == listed


@given(one_line)
@settings(max_examples=500, deadline=None)
def test_guarded_verse_and_list_tests_give_the_patterns_answers(line: str) -> None:
    core = H._core(line)
    # a whole verse line (both halves) is a line of verse
    assert not H._verse(line, core, whole=True) or H._verse(line, core)
    # item 1 of a numbered list, told past the first character's guard
    number = H._NUMBER.match(line)
    first = bool(number) and int(number.group(1)) == 1 and H._LIST_MARKER.match(line) is not None
    assert H._first_item(line) == first
    # a bracketed title starts with its bracket
    assert not H._BRACKETED.match(core) or core[:1] in H._OPENERS
    # only an ordinal over a colon is a candidate longer than any heading (_decide tells it by its head)
    if core and H._is_candidate(line, core, 10) and len(core.split()) > H._MAX_ORDINAL_WORDS:
        assert core[:2] in H._ORDINAL_HEADS and H._colon_end(line)


@given(any_text)
@settings(max_examples=400, deadline=None)
def test_the_first_line_guard_lets_every_opening_label_through(text: str) -> None:
    """``_decide`` looks for a label opening the text only when its first line ends in a colon or
    white space, or is empty: every label ``_opening_label`` finds has such a first line."""
    for given_text in (text.replace("\r", "\n"), "العناوين" + text.replace("\r", "\n")):
        end = given_text.find("\n")
        guard = end == 0 or (end > 0 and (given_text[end - 1] in H._COLON_TAIL or given_text[end - 1].isspace()))
        if H._opening_label(H._Rows(given_text, 10)) is not None:
            assert guard


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("العناوين:\nفقرة أولى طويلة تنتهي بنقطة.", True),
        ("\n \nالعناوين :\nفقرة أولى طويلة تنتهي بنقطة.", True),
        ("العناوين:\n- بند أول.\n- بند ثان.", True),
        ("عنوان المقال\nفقرة أولى طويلة تنتهي بنقطة.", False),
        ("العناوين:", False),
        ("القاهرة:\nفقرة أولى طويلة تنتهي بنقطة.", False),
    ],
)
def test_a_label_opening_the_text(text: str, found: bool) -> None:
    assert (H._opening_label(H._Rows(text, 10)) is not None) is found


@given(line_of_pieces, line_of_pieces)
@settings(max_examples=300, deadline=None)
def test_a_quotation_is_judged_whatever_the_order_of_its_checks(core: str, after: str) -> None:
    who, colon, said = core.partition(":")
    expected = (
        bool(colon)
        and 0 < len(who.split()) <= H._SPEAKER_WORDS
        and H._HAS_LETTER.search(who) is not None
        and not H._ORDINAL.match(core)
        and len(said.split(None, H._QUOTED_WORDS)) >= H._QUOTED_WORDS
        and H._SAME_SPEAKER.match(after) is not None
    )
    assert H._quotation(core, after) == expected


def test_a_printable_line_has_no_white_space_but_the_space() -> None:
    """``_written_as_is`` reads a printable line with single spaces as its own single-spaced form."""
    odd = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable() and c != " "]
    assert odd == []


# --- _Rows: the neighbours of a line, and prose told at once ------------------------------------------


@given(any_text)
@settings(max_examples=300, deadline=None)
def test_prose_is_what_the_line_info_says(text: str) -> None:
    text = text.replace("\r", "\n")
    rows = H._Rows(text, 10)
    start = 0
    for line in lines(text):
        end = start + len(line)
        if line.strip():
            _, _, _, listed, candidate, paragraph = H._Rows(text, 10).info(start)
            assert rows.prose(start, end) == (paragraph and not candidate and not listed), repr(line)
            above = [s for s in range(start) if (s == 0 or text[s - 1] == "\n") and text[s : text.find("\n", s)].strip()]
            assert rows.prev(start) == (above[-1] if above else None)
        start = end + 1


# --- lines written as they stand are left unjudged, and come out the same -------------------------------

FEED = "عنوان الخبر الأول\n\nفقرة أولى طويلة تنتهي بنقطة.\n\nعنوان الخبر الثاني\n\nفقرة ثانية تنتهي بنقطة.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Titles alone in their blocks, each over a paragraph: nothing to write.
        (FEED, FEED),
        # Decoration to strip, white space to fold, a line right under it: written.
        (
            "فقرة أولى طويلة تنتهي بنقطة.\n\n■ دعم مستمر:\n\nفقرة ثانية.\n",
            "فقرة أولى طويلة تنتهي بنقطة.\n\nدعم مستمر\n\nفقرة ثانية.\n",
        ),
        (
            "فقرة أولى طويلة تنتهي بنقطة.\n\nدعم  مستمر\n\nفقرة ثانية.\n",
            "فقرة أولى طويلة تنتهي بنقطة.\n\nدعم مستمر\n\nفقرة ثانية.\n",
        ),
        (
            "فقرة أولى طويلة تنتهي بنقطة.\n\nدعم مستمر\nفقرة ثانية.\n",
            "فقرة أولى طويلة تنتهي بنقطة.\n\nدعم مستمر\n\nفقرة ثانية.\n",
        ),
        # A heading broken in two over an empty line: the second line is still judged with the first.
        (
            "فقرة أولى طويلة تنتهي بنقطة.\n\nامتداد القوميات\n\n■ خارج الحدود الإيرانية\n\nفقرة ثانية.\n",
            "فقرة أولى طويلة تنتهي بنقطة.\n\nامتداد القوميات\n\nخارج الحدود الإيرانية\n\nفقرة ثانية.\n",
        ),
        # The middle of a stack of three is found from the heading above it, which stands alone in
        # its block (unjudged on the fast path: the stack is judged in full).
        (
            "فقرة أولى طويلة تنتهي بنقطة.\n\nمسابقة القصة القصيرة\n\n"
            "دورة الكاتب الراحل  فلان الفلاني لأفضل مجموعة قصصية صدرت هذا العام الماضي\nالفائزون:\nفقرة ثانية.\n",
            "فقرة أولى طويلة تنتهي بنقطة.\n\nمسابقة القصة القصيرة\n\n"
            "دورة الكاتب الراحل فلان الفلاني لأفضل مجموعة قصصية صدرت هذا العام الماضي\n\nالفائزون\n\nفقرة ثانية.\n",
        ),
        # A kicker over its headline, under prose and over a paragraph: two headings.
        (
            "فقرة أولى طويلة تنتهي بنقطة.\n\nجديد المكتبات\nكتاب عن تاريخ المدينة في القرن الماضي\n"
            "فقرة ثانية طويلة تنتهي بنقطة في آخرها.\n",
            "فقرة أولى طويلة تنتهي بنقطة.\n\nجديد المكتبات\n\nكتاب عن تاريخ المدينة في القرن الماضي\n\n"
            "فقرة ثانية طويلة تنتهي بنقطة في آخرها.\n",
        ),
    ],
)
def test_titles_alone_in_their_blocks_come_out_as_they_stand(text: str, expected: str) -> None:
    assert H.headings(text) == expected
    assert H._write(text, H._decide(text, 10), False) == expected


def test_markdown_writes_every_heading_even_one_alone_in_its_block() -> None:
    assert H.headings(FEED, style="markdown") == FEED.replace("\n\nعنوان", "\n\n## عنوان")


@given(any_text, st.sampled_from([10, 3, 14]))
@settings(max_examples=400, deadline=None)
def test_the_lines_left_unjudged_are_written_as_they_stand(text: str, max_words: int) -> None:
    text = text.replace("\r", "\n")
    full = H._decide(text, max_words)
    fast = H._decide(text, max_words, as_written=True)
    assert fast.items() <= full.items()
    for start in full.keys() - fast.keys():
        assert text[start : text.find("\n", start)] == full[start]
    assert H._write(text, fast, False) == H._write(text, full, False)


# --- patterns compiled on first use ----------------------------------------------------------------------


def test_each_lazy_pattern_is_bound_to_its_own_name() -> None:
    lazy = {name: value for name, value in vars(H).items() if isinstance(value, H._Lazy)}
    for name, value in lazy.items():
        assert value.name == name
        re.compile(value.pattern)
    H.headings(FEED + "■ تمويل:\n(2)\nثانيا: مقرات\nوأضاف أن النمو مستمر.\n", style="markdown")
    for name in lazy:
        value = getattr(H, name)
        assert isinstance(value, re.Pattern | H._Lazy)
        if isinstance(value, H._Lazy):
            value.search("")  # the first use binds the name to the compiled pattern
        assert isinstance(getattr(H, name), re.Pattern), name


@pytest.mark.parametrize("gap", ["  ", "    ", "\t\t", " \t   ", "        "])
def test_a_label_spaced_wide_is_judged_as_when_single_spaced(gap: str) -> None:
    """`whitespace` closes a run of spaces after `headings`: a wide gap between a label's two words
    is no verse break (verse halves hold two words or more each), so a second run decides alike."""
    text = f"وأكد المتحدث أن العمل مستمر.\nأبرز{gap}النتائج:\nارتفعت المبيعات بنسبة كبيرة خلال العام الماضي في كل الأسواق."
    once = cleaner.clean(text)
    assert once == cleaner.clean(text.replace(gap, " "))
    assert cleaner.clean(once) == once
