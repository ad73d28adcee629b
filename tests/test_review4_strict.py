"""Review 4, the strict-only steps: what ``bylines``, ``captions`` and ``datelines`` must leave alone.

- A short line closing an article is a signature only when it is a person's name (a given name of
  ``data/given_names.txt`` first, an "عبد…" name, or "بن"/"بنت"/"ولد" after the first name): a slogan,
  a thanks or a closing formula stays.
- A line that quotes a bracket opening with "تصوير" or "صورة" (a sign, a saying) is a sentence, not
  a caption over a photo credit.
- A date alone that heads an entry of a list (a timeline, a schedule) is no dateline: under a line
  of text ending in a colon, or a few lines of text away from another date alone over text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import resolve
from cleaner.normalizers.structure import (
    bylines,
    captions,
    classify_lines,
    dateline_kind,
    datelines,
)
from cleaner.stream import _plain_run, _structure_plain
from streaming import split_at, streamed
from test_structure import _STEPS, _reference  # the steps as classify_lines defines them

TITLE = "الحكومة تعلن خطة لدعم المزارعين"
PARA = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية تشمل قروضا ميسرة."
PARA2 = "وقال وزير الزراعة إن الخطة ستنفذ على ثلاث مراحل تبدأ الشهر المقبل."
ENTRY = "أعلنت الوزارة تسجيل أول حالة في العاصمة ونقل المصاب إلى المستشفى."
ENTRY2 = "قررت الحكومة إغلاق المدارس والجامعات حتى إشعار آخر."
STRICT = resolve("strict")


def _strict_twice(text: str) -> str:
    once = STRICT(text)
    assert STRICT(once) == once
    return once


# --- [5] bylines: a closing line is a signature only when it is a person's name -----------------

CLOSING_TEXT = [
    "تحيا مصر",
    "شكرا لكم",
    "والله ولي التوفيق",
    "وبالله التوفيق والسداد",
    "عاش الوطن حرا",
    "دمتم سالمين",
    "رئيس التحرير",
    "نتائج مباريات الجولة",
    "آمين يا رب العالمين",
    "صباح الخير يا وطني",
]


@pytest.mark.parametrize("closing", CLOSING_TEXT)
def test_a_closing_line_that_is_no_name_stays(closing: str) -> None:
    text = f"{TITLE}\n{PARA}\n{PARA2}\n{closing}"
    assert bylines(text) == text
    assert classify_lines(text.split("\n"))[-1] is None
    assert STRICT(closing).strip() in _strict_twice(text)


CLOSING_NAMES = [
    "سامر الخطيب",
    "فاطمة الزهراني",
    "عبد الرحمن الشامي",
    "عبدالعزيز المطيري",
    "مريم أحمد سالم",
    "هيفاء بنت سعيد الهاشمي",
    "جوناثان سميث",
]


@pytest.mark.parametrize("closing", CLOSING_NAMES)
def test_a_closing_name_still_goes(closing: str) -> None:
    text = f"{TITLE}\n{PARA}\n{PARA2}\n{closing}"
    assert bylines(text) == f"{TITLE}\n{PARA}\n{PARA2}"
    assert classify_lines(text.split("\n"))[-1] == "byline"
    assert closing.split()[-1] not in _strict_twice(text)


# --- [6] captions: a sentence quoting a bracket is no caption ------------------------------------

QUOTING = [
    "وعلقت السلطات لافتة كتب عليها (تصوير المنشآت العسكرية ممنوع)",
    "وقال: (تصوير الأفلام ممنوع في المنطقة العسكرية)",
    "ورفع المحتجون لافتات في الساحة (صورة الشهيد في كل بيت)",
    "فأجاب المسؤول بلهجة حازمة (تصوير المكان ممنوع)",
    "رفع الأهالي لافتة كتب عليها (تصوير الجنود ممنوع)",
    "وشارك الطلاب في معرض بعنوان (صورة المدينة القديمة)",
]


@pytest.mark.parametrize("line", QUOTING)
def test_a_line_quoting_a_bracket_stays(line: str) -> None:
    text = f"{TITLE}\n{PARA}\n{line}\n{PARA2}"
    assert captions(text) == text
    assert classify_lines(text.split("\n"))[2] is None
    assert STRICT(line).strip() in _strict_twice(text)


CAPTIONS = [
    "المتظاهرون في الميدان يرفعون الأعلام (تصوير سامر الخطيب)",
    "وزير الخارجية خلال المؤتمر الصحفي (تصوير: فاطمة الزهراني)",
    "وليد العمري في مكتبه بالعاصمة (رويترز)",
    "(تصوير الأفلام ممنوع)",  # a credit alone goes wherever it stands
    "فريق الإنقاذ في موقع الحادث (أ ف ب)",
]


@pytest.mark.parametrize("line", CAPTIONS)
def test_a_caption_over_a_credit_still_goes(line: str) -> None:
    text = f"{TITLE}\n{PARA}\n{line}\n{PARA2}"
    assert captions(text) == f"{TITLE}\n{PARA}\n{PARA2}"
    assert classify_lines(text.split("\n"))[2] == "caption"


# --- [7] datelines: the dates of a timeline or a schedule stay -----------------------------------

LISTS = [
    # under a line ending in a colon, each date over its entry
    [TITLE, PARA, "وهذه أبرز المحطات:", "15 يناير 2020", ENTRY, "11 مارس 2020", ENTRY2],
    # a list with no colon above it
    [TITLE, PARA, PARA2, "15/01/2020", ENTRY, "11/03/2020", ENTRY2, PARA],
    # two or three lines of text under each date
    [TITLE, PARA, "الأحد 15 يناير 2020", ENTRY, PARA2, "الاثنين 16 يناير 2020", ENTRY2, PARA, ENTRY],
    # one date under a colon
    [TITLE, PARA, "وجاء في جدول المباريات:", "السبت 18 فبراير 2017", ENTRY, PARA2],
    # a schedule of clock times
    [TITLE, PARA, "10:30", ENTRY, "12:45", ENTRY2, PARA2],
]


@pytest.mark.parametrize("lines", LISTS, ids=range(len(LISTS)))
def test_the_dates_of_a_list_stay(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert datelines(text) == text
    assert "dateline" not in classify_lines(lines)
    out = _strict_twice(text)
    for line in lines:
        if dateline_kind(line):
            assert STRICT(line).strip() in out


DATELINES = [
    # under the title: the article's date
    ([TITLE, "15 يناير 2020", PARA, PARA2], 1),
    # alone between paragraphs
    ([TITLE, PARA, "17/04/2012", PARA2], 2),
    # two dates too far apart to be a list (four lines of text between them)
    ([TITLE, PARA, "15 يناير 2020", ENTRY, PARA, PARA2, ENTRY2, "11 مارس 2020", PARA], 2),
    # a date over no text (the last line)
    ([TITLE, PARA, "15 يناير 2020", ENTRY, "11 مارس 2020"], 4),
    # under a byline that ends in a colon (a credit, not a list's introduction)
    ([TITLE, "كتب - سامر الخطيب:", "15 يناير 2020", PARA, PARA2], 2),
]


@pytest.mark.parametrize(("lines", "index"), DATELINES, ids=range(len(DATELINES)))
def test_a_dateline_still_goes(lines: list[str], index: int) -> None:
    assert classify_lines(lines)[index] == "dateline"
    assert lines[index] not in datelines("\n".join(lines)).split("\n")


# --- the guarantees: idempotent, the steps as classify_lines decides, streaming as whole ---------

_LINES = [
    TITLE, PARA, PARA2, ENTRY, ENTRY2, "", "وهذه أبرز المحطات:", "وجاء في البيان:", "15 يناير 2020", "11/03/2020",
    "10:30", "14 أكتوبر", "الأحد 15 يناير 2020", "القاهرة -", "الرياض", "القاهرة - أ ش أ", "تحيا مصر", "شكرا لكم",
    "سامر الخطيب", "فلان بن فلان الفلاني", "محمد علي:", "كتب - سامر الخطيب:", "صورة أرشيفية", *QUOTING[:2], CAPTIONS[0],
]




@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES), max_size=16), st.sampled_from(["\n", "\n\n"]))
def test_generated_lists_are_idempotent_and_match_classify_lines(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    for step, func in _STEPS.items():
        assert func(text) == _reference(step, text), step
    for profile in ("strict", "default"):
        once = cleaner.clean(text, profile=profile)
        assert cleaner.clean(once, profile=profile) == once


_PLAIN = [
    "قال الوزير إن الحكومة ستعمل على حل المشكلة قريبا.", "وأضاف أن المحادثات مستمرة منذ أسابيع في العاصمة.",
    "عنوان الخبر الرئيسي", "سطر بلا نهاية", ENTRY, ENTRY2, "وهذه أبرز المحطات:",
]
_runs = st.lists(
    st.tuples(
        st.lists(st.sampled_from(_PLAIN), min_size=1, max_size=8),
        st.lists(st.sampled_from(["15 يناير 2020", "11/03/2020", "10:30", "تحيا مصر", "سامر الخطيب", QUOTING[0]]), max_size=2),
    ),
    max_size=8,
).map(lambda runs: [line for plain, other in runs for line in plain + other])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_runs, cuts=st.lists(st.integers(min_value=0), max_size=8), target=st.sampled_from([1, 17, 200]))
def test_lists_stream_as_whole(lines: list[str], cuts: list[int], target: int) -> None:
    text = "\n".join(lines) + "\n"
    find = _plain_run(_structure_plain())  # type: ignore[arg-type]
    end = text.rfind("\n") + 1
    while end > 0:  # every cut the strict steps' finder allows changes nothing
        cut = find(text[:end])
        if cut <= 0:
            break
        for step in _STEPS.values():
            assert step(text[:cut]) + step(text[cut:]) == step(text), (step.__name__, cut)
        end = text.rfind("\n", 0, end - 1) + 1
    out = streamed(STRICT, split_at(text, cuts), target)
    assert out is None or out == STRICT(text)
