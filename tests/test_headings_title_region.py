"""The headings of the title region (``headings._title_region``) and a label over a short line.

- a short first line right over a longer headline stays the title: a kicker and a title over its
  sub-title have one shape (a kicker rule was wrong on 3 of 41 bulk firings), so neither is marked;
- a deck closed by a spaced dash under the headline ("… -", as some papers print it) is a heading;
- a label ("الجوائز:") under prose over a line of five words or more that ends no sentence heads it.

Every example is written for these tests (no corpus text).
"""

from __future__ import annotations

import pytest

import cleaner
from cleaner.normalizers import headings as H
from cleaner.normalizers.headings import heading_decisions, headings
from cleaner.profiles import resolve
from streaming import split_at, streamed

BODY = "أحرز المنتخب الوطني لقب البطولة العربية للشباب بعد فوزه في المباراة النهائية أمس على منافسه بهدفين نظيفين."
BODY2 = "وقال مدرب المنتخب في مؤتمر صحفي عقب اللقاء إن اللاعبين قدموا أداء كبيرا طوال أيام البطولة رغم صعوبة المنافسة."
HEADLINE = "المنتخب الوطني يحرز لقب البطولة العربية للشباب"


def found(text: str) -> list[str]:
    """The heading lines of ``text`` (as ``eval/structure.py`` and the step decide them)."""
    lines = text.split("\n")
    return [lines[i] for i in sorted(heading_decisions(lines))]


# --- a kicker over the headline ---------------------------------------------------------------

KICKERS = [
    "في ختام الدورة",
    "تقرير لشركة استشارية",
    "قضايا ثقافية",
    "رؤى",
    "بعد مباراة مثيرة",
]


@pytest.mark.parametrize("kicker", KICKERS)
def test_a_short_first_line_over_the_headline_stays_the_title(kicker: str) -> None:
    text = f"{kicker}\n{HEADLINE}\n{BODY}\n{BODY2}"
    assert found(text) == []
    assert H._title_region(H._Rows(text, 10)) == {}
    assert headings(text, style="markdown") == text


@pytest.mark.parametrize(
    "text",
    [
        # a blank line between the two lines: a title over a sub-title, or a rubric set apart
        f"في ختام الدورة\n\n{HEADLINE}\n{BODY}",
        # a name over the headline (a credit), a title over a credit
        f"محمد الأحمد\n{HEADLINE}\n{BODY}",
        f"جديد الأسواق\nرأي: سالم بن علي الحربي\n{BODY}",
        # a number, a colon, Latin letters, decoration, a question
        f"الجولة 12\n{HEADLINE}\n{BODY}",
        f"الاقتصاد: قراءة\n{HEADLINE}\n{BODY}",
        f"Bottom of Form\n{HEADLINE}\n{BODY}",
        f"- في ختام الدورة -\n{HEADLINE}\n{BODY}",
        f"من الفائز؟\n{HEADLINE}\n{BODY}",
        # a headline broken over two lines: the second goes on with a preposition
        f"تراجع صادرات المصانع\nفي الربع الأول من العام الحالي\n{BODY}",
        # the line under it no longer (a verse's halves, two short lines), or a sentence
        f"في ختام الدورة\nفوز المنتخب الوطني\n{BODY}",
        f"في ختام الدورة\n{HEADLINE}.\n{BODY}",
        # five words: a headline, not a kicker
        f"المنتخب الوطني يحرز لقب البطولة\nالمدرب يشيد بأداء اللاعبين في المباراة النهائية\n{BODY}",
        # no paragraph under the headline: a list of titles, a short line
        f"في ختام الدورة\n{HEADLINE}\nصورة من المباراة",
        f"في ختام الدورة\n{HEADLINE}",
        # a line ending on a word no sentence ends on
        f"بطولة الشباب في\n{HEADLINE}\n{BODY}",
    ],
)
def test_nothing_in_the_title_region(text: str) -> None:
    assert H._title_region(H._Rows(text, 10)) == {}
    assert text.split("\n")[0] not in found(text)


def test_a_kicker_is_only_the_first_line_of_the_text() -> None:
    text = f"{BODY}\nفي ختام الدورة\n{HEADLINE}\n{BODY2}"
    assert "في ختام الدورة" not in found(text)


# --- a deck closed by a spaced dash under the headline ----------------------------------------

TITLE = "اللجنة الثقافية تعلن برنامج الموسم الجديد"
DECK = "عشر أمسيات تناقش قضايا الكتاب والنشر -"
BYLINE = "كتب: سالم الحربي -"
OPENING = "أعلنت اللجنة الثقافية أمس برنامج موسمها الجديد الذي يضم عشر أمسيات يشارك فيها عدد من الكتاب والناشرين."


@pytest.mark.parametrize(
    "text",
    [
        f"{TITLE}\n{DECK}\n{BYLINE}\n{OPENING}",
        f"{TITLE}\n\n{DECK}\n{OPENING}",
        f"{TITLE}\nهل تنجح الخطة في إنقاذ الموسم -\n{OPENING}",
    ],
)
def test_a_deck_closed_by_a_dash_is_a_heading(text: str) -> None:
    deck = text.split("\n")[2] if "\n\n" in text else text.split("\n")[1]
    assert found(text) == [deck]
    out = headings(text)
    assert f"\n\n{H._core(deck)}\n\n" in out  # its own block, the dash stripped


@pytest.mark.parametrize(
    "text",
    [
        # credits closed by a dash: a place and a name, a name, a place and an office
        f"{TITLE}\nالرياض - مكتب الجريدة -\n{OPENING}",
        f"{TITLE}\nالمدينة / سالم الحربي -\n{OPENING}",
        f"{TITLE}\nسالم بن علي الحربي -\n{OPENING}",
        f"{TITLE}\n{BYLINE}\n{OPENING}",
        # a title ending a sentence or longer than a heading: no headline
        f"أعلنت اللجنة الثقافية برنامج الموسم.\n{DECK}\n{OPENING}",
        f"{OPENING[:-1]}\n{DECK}\n{OPENING}",
        # no dash, or a dash glued to the word (a range, a compound)
        f"{TITLE}\nعشر أمسيات تناقش قضايا الكتاب والنشر\n{OPENING}",
        f"{TITLE}\nعشر أمسيات تناقش قضايا الكتاب-\n{OPENING}",
        # two words: no deck
        f"{TITLE}\nعشر أمسيات -\n{OPENING}",
        # nothing under it (a final line break is no line)
        f"{TITLE}\n{DECK}\n",
        f"{TITLE}\n\n{DECK}\n\n",
    ],
)
def test_no_deck(text: str) -> None:
    assert H._title_region(H._Rows(text, 10)) == {}


def test_a_second_line_closed_by_a_dash_is_a_deck_never_a_headline_under_a_kicker() -> None:
    # (once written without its dash in its own block, neither rule fires again)
    text = f"في ختام الدورة\n{HEADLINE} -\n{BODY}"
    assert found(text) == [f"{HEADLINE} -"]
    assert headings(text) == f"في ختام الدورة\n\n{HEADLINE}\n\n{BODY}"


# --- a label over a short line ------------------------------------------------------------------


def test_a_label_over_a_short_line_heads_it() -> None:
    text = f"{BODY}\nالجوائز:\nنال عددا من الأوسمة وشهادات التقدير\n{BODY2}"
    assert found(text) == ["الجوائز:"]
    assert headings(text) == f"{BODY}\n\nالجوائز\n\nنال عددا من الأوسمة وشهادات التقدير\n{BODY2}"


def test_a_short_line_between_that_line_and_the_prose_is_the_next_heading() -> None:
    text = f"{BODY}\nالجوائز:\nنال عددا من الأوسمة وشهادات التقدير\nتكريم مستحق\n{BODY2}"
    assert found(text) == ["الجوائز:", "تكريم مستحق"]


def test_a_speaker_label_over_a_headline_is_a_kicker_stack() -> None:
    # written without its colon, the label is a kicker over the headline: both head the section
    text = f"{BODY2}\nالمدرب:\nسنقاتل حتى النهاية من أجل اللقب\n{BODY}"
    assert found(text) == ["المدرب:", "سنقاتل حتى النهاية من أجل اللقب"]
    once = headings(text)
    assert found(once) == ["المدرب", "سنقاتل حتى النهاية من أجل اللقب"]
    assert headings(once) == once


def test_a_label_over_a_list_is_left_to_boilerplate() -> None:
    # a run of such lines under it: a list, which boilerplate reads with the label's colon
    items = ["اليوم الأول: وصول الوفود وتسجيل المشاركين", "اليوم الثاني: جلسات العمل وورش التدريب"]
    text = "\n".join([BODY, "البرنامج:", *items, "اليوم الثالث: الختام"])
    assert "البرنامج:" not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        # an interviewer's turn over a question
        f"{BODY}\nسؤال:\nهل كانت المباراة النهائية أصعب مباريات البطولة؟\n{BODY2}",
        # a field and its value
        f"{BODY}\nالعنوان:\nشارع الملك فهد\n{BODY2}",
        # a sentence introducing what follows, a dateline, a speaker going on
        f"{BODY}\nوتضمنت الخطة ثلاثة محاور رئيسية:\nتطوير الملاعب وتأهيل المدربين الشباب\n{BODY2}",
        f"{BODY}\nالقاهرة:\nانطلاق فعاليات الدورة العربية للشباب\n{BODY2}",
        f"{BODY}\nوأضاف:\nإن الفريق قدم أداء جيدا في البطولة\n{BODY2}",
        # under a line that is no paragraph
        f"عنوان المقال\nالجوائز:\nنال عددا من الأوسمة وشهادات التقدير\n{BODY2}",
    ],
)
def test_no_label_over_a_short_line(text: str) -> None:
    assert text.split("\n")[1] not in found(text)


# --- idempotence and streaming ------------------------------------------------------------------

EXAMPLES = [
    f"في ختام الدورة\n{HEADLINE}\n{BODY}\n{BODY2}",
    f"\n  تقرير لشركة استشارية\n{HEADLINE}\n{BODY}",
    f"{TITLE}\n{DECK}\n{BYLINE}\n{OPENING}\n{BODY2}",
    f"{TITLE}\n\n{DECK}\n\n{OPENING}",
    f"{TITLE}\n{DECK}\n{DECK[:-2]}",
    f"في ختام الدورة\n{HEADLINE} -\n{BODY}",
    f"{BODY}\nالجوائز:\nنال عددا من الأوسمة وشهادات التقدير\nتكريم مستحق\n{BODY2}",
    f"{BODY2}\nالمدرب:\nسنقاتل حتى النهاية من أجل اللقب\n{BODY}",
    f"{BODY}\nفي ختام الدورة\n{HEADLINE}\n{BODY2}\n{BODY}\nفي ختام الدورة\n{HEADLINE}\n{BODY2}",
]


@pytest.mark.parametrize("text", EXAMPLES)
@pytest.mark.parametrize("profile", ["default", "strict"])
@pytest.mark.parametrize("style", ["text", "markdown"])
def test_idempotent(text: str, profile: str, style: str) -> None:
    params = {"headings": {"style": style}}
    once = cleaner.clean(text, profile=profile, params=params)
    assert cleaner.clean(once, profile=profile, params=params) == once


@pytest.mark.parametrize("text", EXAMPLES)
def test_the_step_alone_is_idempotent(text: str) -> None:
    for style in ("text", "markdown"):
        once = headings(text, style=style)
        assert headings(once, style=style) == once


@pytest.mark.parametrize("text", EXAMPLES)
@pytest.mark.parametrize("profile", ["default", "strict"])
def test_streamed_in_small_pieces_equals_whole(text: str, profile: str) -> None:
    pipeline = resolve(profile)
    whole = pipeline(text)
    for cuts in ([], [5], [len(text) // 3, 2 * len(text) // 3], list(range(0, len(text), 7))):
        assert streamed(pipeline, split_at(text, cuts), 1) == whole
