"""Idempotence where ``headings`` and ``duplicate_paragraphs`` meet: a decorated line (``■ …``,
``… :``) that ``headings`` makes a heading comes out bare, so ``paragraph_key`` leaves out the
decoration ``headings`` strips; otherwise a heading of exactly ten words (``headings``' word limit and
``duplicate_paragraphs``' ``min_words``) over a later paragraph with its text kept both on the first
run and lost the later one on the second."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.normalizers import headings as headings_module
from cleaner.normalizers.structure import (
    _coarse_keys,
    _duplicate_lines,
    _first_lines,
    _lo_key,
    duplicate_paragraphs,
    paragraph_key,
)

PROFILES = ("default", "preserve", "search", "strict")

TITLE = "الحكومة تطلق خطة للمزارعين"
# Ten words: the longest heading headings allows, the shortest paragraph duplicate_paragraphs compares.
TEN = "الحكومة تعلن خطة جديدة لدعم المزارعين في المناطق الريفية النائية"
NINE = "وزارة الصحة تطلق حملة للتطعيم ضد الحصبة في المدارس"
ELEVEN = "انطلاق فعاليات معرض الكتاب الدولي بمشاركة واسعة من دور النشر العربية"
P1 = "قالت وزارة الزراعة اليوم إنها ستخصص مبالغ كبيرة لدعم صغار المزارعين خلال الموسم المقبل."
P2 = "وأوضح المتحدث باسم الوزارة أن الخطة تشمل تقديم قروض ميسرة وبذور محسنة للمزارعين."
P3 = "ويأمل المزارعون أن تسهم هذه الخطوة في تحسين أوضاعهم المعيشية بعد سنوات من الجفاف."
END = "وختم المتحدث حديثه بالتأكيد على التزام الحكومة."

assert len(TEN.split()) == 10 and len(NINE.split()) == 9 and len(ELEVEN.split()) == 11


def _article(*lines: str) -> str:
    return "\n".join([TITLE, P1, *lines, END])


# (the decorated line, as a heading over P2 and P3, then the same text bare as a paragraph)
DECORATED = [
    pytest.param(f"■ {TEN}", id="square"),  # the case found last session
    pytest.param(f"● {TEN}", id="circle"),
    pytest.param(f"• {TEN}", id="bullet"),
    pytest.param(f"* {TEN}", id="star"),
    pytest.param(f"# {TEN}", id="hash"),
    pytest.param(f"## {TEN}", id="markdown"),
    pytest.param(f"- {TEN}", id="dash"),
    pytest.param(f"— {TEN}", id="em-dash"),
    pytest.param(f"> {TEN}", id="quote"),
    pytest.param(f"▪ {TEN}", id="small-square"),
    pytest.param(f"★ {TEN}", id="black-star"),
    pytest.param(f"■{TEN}", id="square-glued"),
    pytest.param(f"**{TEN}**", id="bold"),
    pytest.param(f"{TEN}:", id="colon"),
    pytest.param(f"{TEN} :", id="spaced-colon"),
    pytest.param(f"{TEN} -", id="trailing-dash"),
    pytest.param(f"■ {TEN} :", id="square-and-colon"),
    pytest.param(f"* {TEN} *", id="stars-around"),
    pytest.param(f"■ {TEN.replace('خطة', 'خـــطة')}", id="square-tatweel"),
    pytest.param(f"■ {TEN.replace('جديدة', 'جَديدة')}", id="square-mark"),
    pytest.param(f"\u00a0■\u00a0{TEN}", id="square-no-break-spaces"),
]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("decorated", DECORATED)
def test_a_decorated_heading_over_its_text_repeated_later(decorated: str, profile: str) -> None:
    """The heading and the later paragraph are one paragraph: the later one goes on the first run."""
    text = _article(decorated, P2, P3, TEN)
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once
    assert once.count("المناطق") == 1


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("decorated", DECORATED[:6] + DECORATED[13:17])
def test_the_text_first_and_a_decorated_heading_later(decorated: str, profile: str) -> None:
    """The reverse: the paragraph first, the decorated line later (made a heading, it would come out
    as the paragraph's text): it is the repeat."""
    text = _article(TEN, P2, decorated, P3)
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once
    assert once.count("المناطق") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a decorated line and the same text bare: one paragraph, the later goes
        (f"■ {TEN}\n{P1}\n{TEN}", f"■ {TEN}\n{P1}"),
        (f"{TEN}\n{P1}\n● {TEN}", f"{TEN}\n{P1}"),
        (f"{TEN}:\n{P1}\n{TEN}", f"{TEN}:\n{P1}"),
        (f"**{TEN}**\n{P1}\n{TEN} -", f"**{TEN}**\n{P1}"),
        (f"# {TEN}\n{P1}\n- {TEN}", f"# {TEN}\n{P1}"),
        (f"■ {TEN.replace('خطة', 'خـطة')} :\n{P1}\n{TEN}", f"■ {TEN.replace('خطة', 'خـطة')} :\n{P1}"),
        # decoration inside the line counts: not the same paragraph
        (f"{TEN} ■ {P1}\n{TEN} {P1}", f"{TEN} ■ {P1}\n{TEN} {P1}"),
        # headings leaves a number in place (1- …), and so does the key
        (f"1- {TEN}\n{P1}\n{TEN}", f"1- {TEN}\n{P1}\n{TEN}"),
        # a line of decoration alone keeps its decoration as its key: two different rules stay
        ("* * * * * * * * * *\n- - - - - - - - - -", "* * * * * * * * * *\n- - - - - - - - - -"),
        ("* * * * * * * * * *\n*  * * * * * * * * *", "* * * * * * * * * *"),
    ],
)
def test_duplicate_paragraphs_reads_past_the_decoration(text: str, expected: str) -> None:
    assert duplicate_paragraphs(text) == expected
    assert duplicate_paragraphs(expected) == expected
    assert _duplicate_lines(text, 10) == expected  # the plain way (UTF-8 coarse keys) too


def test_the_key_leaves_out_what_headings_strips_for_every_code_point() -> None:
    """Whatever character ``headings`` strips before or after a heading's text, the bare text has the
    key of the decorated line, and so has the same fast and plain coarse keys."""
    core = "دعم مستمر"
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp < 0xE000 or cp == 0x0A or cp == 0x0D:
            continue
        char = chr(cp)
        for line in (char + core + char, f"{char} {core} {char}", char * 2 + core + char * 2):
            bare = headings_module._core(line)
            if bare == line or not bare:
                continue
            assert paragraph_key(bare) == paragraph_key(line), (hex(cp), line)
            keys = _coarse_keys(f"{line}\n{bare}", [line, bare])
            assert keys[0] == keys[1], (hex(cp), line)
            found = _first_lines(f"{line}\n{bare}")
            assert found is None or found[0] == [0, 0], (hex(cp), line)


def test_the_fast_key_strips_as_the_key_does() -> None:
    for char in sorted(headings_module._LEAD_CHARS | headings_module._TRAIL_CHARS):
        assert _lo_key(f"{char} {TEN} {char}") == _lo_key(TEN) == _lo_key(paragraph_key(f"{char}{TEN}{char}"))


# --- property: texts of decorated sentence variants and their repeats -----------------------------

_SENTENCES = [TEN, NINE, ELEVEN, "البنك المركزي يرفع سعر الفائدة لمواجهة التضخم المتزايد هذا العام"]
_LEADS = ["", "", "■ ", "● ", "• ", "* ", "# ", "## ", "- ", "— ", "> ", "■", "▪ ", "★ ", "_", "1- ", "أولا: ", "ـ "]
_TRAILS = ["", "", ":", " :", " -", "*", " —", "..", "؟", ".", "_", " ■", "#"]


def _variant(sentence: int, lead: str, trail: str, how: str, at: int) -> str:
    words = _SENTENCES[sentence].split()
    i = at % len(words)
    if how == "tatweel":
        words[i] = words[i][:1] + "ـــ" + words[i][1:]
    elif how == "mark":
        words[i] = words[i][:1] + "\u064e" + words[i][1:]
    elif how == "drop":
        del words[i]
    elif how == "add":
        words.insert(i, "اليوم")
    elif how == "bold":
        return lead + "**" + " ".join(words) + "**" + trail
    return lead + " ".join(words) + trail


_variants = st.builds(
    _variant,
    st.integers(0, len(_SENTENCES) - 1),
    st.sampled_from(_LEADS),
    st.sampled_from(_TRAILS),
    st.sampled_from(["", "", "", "tatweel", "mark", "drop", "add", "bold"]),
    st.integers(0, 20),
)
_lines = st.one_of(_variants, _variants, st.sampled_from([P1, P2, P3, "", "القاهرة -", "(تصوير: أحمد)", "الفائزون :"]))
_texts = st.lists(_lines, min_size=2, max_size=10).map(lambda lines: "\n".join([TITLE, *lines]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts, profile=st.sampled_from(["default", "strict"]))
def test_decorated_repeats_are_idempotent(text: str, profile: str) -> None:
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once


def _reference(text: str, min_words: int) -> str:
    """duplicate_paragraphs by its definition, line by line (no coarse keys)."""
    seen: set[str] = set()
    out = []
    for line in text.split("\n"):
        if len(line.split()) >= min_words:
            key = paragraph_key(line)
            if key in seen:
                continue
            seen.add(key)
        out.append(line)
    return "\n".join(out)


_short = st.sampled_from(["■", "* * *", "ـــ", "من", "ما؟", "ات", "- ت -", "الفائزون :", "ا", "•ا", "#ا#"])
_mixed = st.lists(st.one_of(_lines, _short), min_size=2, max_size=10).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(text=_mixed, min_words=st.sampled_from([1, 3, 10]))
def test_decorated_repeats_fast_plain_and_defined_agree(text: str, min_words: int) -> None:
    """The coarse keys (fast and plain) never part two lines with one paragraph_key."""
    expected = _reference(text, min_words)
    assert duplicate_paragraphs(text, min_words=min_words) == expected
    assert _duplicate_lines(text, min_words) == expected


@pytest.mark.parametrize("byline", ["كتب - محمد علي - ", "بقلم: أحمد حسن - "])
def test_a_byline_glued_to_a_paragraph_repeated_later_gives_the_same_second_run(byline: str) -> None:
    """strict cuts a byline glued to the first paragraph; when the rest repeats a later paragraph,
    duplicate_paragraphs (run before) kept both, and a second run would drop the later one: the
    byline stays then."""
    x = "الحكومة تعلن خطة جديدة لدعم المزارعين في المناطق الريفية النائية."
    p1 = "قالت وزارة الزراعة اليوم إنها ستخصص مبالغ كبيرة لدعم صغار المزارعين خلال الموسم المقبل."
    once = cleaner.clean("\n".join(["عنوان الخبر", byline + x, p1, x]), profile="strict")
    assert cleaner.clean(once, profile="strict") == once
