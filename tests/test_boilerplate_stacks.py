"""Issue 4 (boilerplate recall): other stories' headlines stacked between paragraphs with no prompt.

A site inserts links to related stories between the paragraphs of an article: one to three
headlines, each on its own line, at times over a short sub-heading of the article. A stack of them
goes (``boilerplate._stacked_headlines``); one alone, and the article's own stacks of heading lines
(kicker and headline, the next story's headline and its lead, questions and answers, verse, pulled
quotes, captions, section titles), stay. The inputs are written here, not taken from the corpus.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import resolve
from cleaner.normalizers.boilerplate import _rounds, boilerplate, classify_boilerplate, stack_may_open
from cleaner.pipeline import Pipeline
from streaming import split_at, streamed

# Paragraphs: more than 12 words, ending a sentence.
P1 = "قال المتحدث باسم الوزارة إن الاجتماع ناقش عددا من الملفات المهمة في المنطقة وأكد ضرورة التعاون."
P2 = "وأشار التقرير إلى أن الأسعار ارتفعت بنسبة كبيرة خلال الأشهر الماضية بسبب نقص الإمدادات في الأسواق."
P3 = "وتابع المسؤول أن الحكومة ستواصل العمل مع الشركاء الدوليين لضمان وصول المساعدات إلى جميع المناطق."
# Other stories' headlines (6 to 15 words, one of them with a verb in the present or a question).
H1 = "الحكومة تعلن خطة جديدة لدعم المزارعين في الجنوب"
H2 = "هل تنجح المفاوضات في إنهاء النزاع على الحدود؟"
H3 = "مجلس النواب يقر قانونا جديدا لتنظيم الاستثمار الأجنبي"
H4 = "ارتفاع أسعار النفط بعد قرار خفض الإنتاج"  # no verb: a headline only in a stack with one that has
SUB = "أرقام قياسية"  # a short sub-heading of the article


def _kept(lines: list[str]) -> list[str]:
    return [line for line in boilerplate("\n".join(lines)).split("\n") if line.strip()]


GOES = [
    pytest.param([P1, H1, SUB, P2], [H1], id="headline over a sub-heading"),
    pytest.param([P1, H2, H3, P2], [H2, H3], id="two headlines, a question over a headline"),
    pytest.param([P1, H1, H3, H4, P2], [H1, H3, H4], id="three headlines"),
    pytest.param([P1, H4, H1, SUB, P2], [H4, H1], id="two headlines over a sub-heading"),
    pytest.param([P1, "", H1, "", SUB, "", P2], [H1], id="blank lines between"),
    pytest.param([P1, "## " + H1, SUB, P2], ["## " + H1], id="decorated"),
]


@pytest.mark.parametrize(("lines", "gone"), GOES)
def test_stacked_headlines_go_and_the_sub_heading_stays(lines: list[str], gone: list[str]) -> None:
    assert _kept(lines) == [x for x in lines if x.strip() and x not in gone]


STAYS = [
    pytest.param([P1, H1, P2], id="one headline alone: a sub-heading"),
    pytest.param([P1, SUB, H1, P2], id="a kicker over its headline"),
    pytest.param([H1, SUB, P2], id="no paragraph above: the title"),
    pytest.param([P1, H1, SUB], id="no paragraph under it"),
    pytest.param([P1, H1, H3, H2, H4, P2], id="four lines: the article's own list"),
    pytest.param(["قال الوزير إن الخطة جاهزة.", H1, SUB, P2], id="a short sentence above"),
    pytest.param([P1, H4, SUB, P2], id="no headline with a verb: a caption or a section title"),
    pytest.param([P1, "التباين في الألوان بين ضوء النهار وضوء المصابيح", "السعر", P2], id="a photo caption over a section"),
    pytest.param([P1, "هيئة المياه تعلن إصلاح الخط الرئيسي المغذي للمدينة", SUB,
                  "أعلنت هيئة المياه إصلاح الخط الرئيسي المغذي للمدينة بعد عطل استمر ثلاثة أيام متتالية في الأحياء."],
                 id="the next story's headline: its lead takes up its words"),
    pytest.param([P1, "هل يجوز تأجيل الصلاة بسبب العمل في المصنع؟", "الجواب", P2], id="a question over its answer"),
    pytest.param([P1, H2, H1, H3, P2][:2] + ["هل يمكن للمزارعين الحصول على قروض جديدة؟", P2], id="a question under a question"),
    pytest.param([P1, "على هامش المعرض الدولي للكتاب في العاصمة", "الكتاب والأدباء يحتفون بالإصدارات الجديدة", P2],
                 id="a kicker opening with a preposition"),
    pytest.param([P1, "وأضاف الوزير أن الخطة ستبدأ الشهر المقبل في المدن", SUB, P2], id="the article going on"),
    pytest.param([P1, "الحكومة كانت تعلم بالأزمة منذ شهور طويلة قبل إعلانها", SUB, P2], id="a pulled quote in the past"),
    pytest.param([P1, "صورة الوزير خلال تفقده المصنع الجديد في المدينة الصناعية", SUB, P2], id="a photo caption"),
    pytest.param([P1, "يُحيِّي الشاعرُ الديارَ ويبكي على أطلالها في الليل", "ويذكر أيام الصبا", P2], id="verse"),
    pytest.param([P1, H1, "المصدر: وكالات", P2], id="a credit under it"),
    pytest.param([P1, "الرئيس: نعمل على حل الأزمة في أقرب وقت ممكن", SUB, P2], id="a speaker's words"),
    pytest.param([P1, "الوزير يزور المصنع، ويلتقي العمال في القاعة الكبرى", SUB, P2], id="a comma: two clauses"),
    pytest.param([P1, H1, H1, P2], id="a repeated line"),
    pytest.param([P1, H1, "الحكومة تعلن خطة ثانية لدعم المزارعين في الشمال والغرب والشرق أيضا", P2][:3] + [SUB, SUB, P2],
                 id="more than one line under the headlines"),
]


@pytest.mark.parametrize("lines", STAYS)
def test_the_articles_own_stacks_stay(lines: list[str]) -> None:
    assert _kept(lines) == [x for x in lines if x.strip()]


def test_the_labelled_shape_and_classify_agree() -> None:
    last = "وختم المسؤول حديثه بالتأكيد على أن الوزارة ستعلن النتائج الكاملة للدراسة خلال الأسابيع المقبلة."
    lines = [P1, H2, H3, P2, P3, H1, SUB, last]
    assert classify_boilerplate(lines) == [False, True, True, False, False, True, False, False]



@pytest.mark.parametrize("profile", ["default", "preserve", "search", "strict"])
def test_every_profile_drops_the_stack(profile: str) -> None:
    out = cleaner.clean("\n".join([P1, H1, SUB, P2]), profile=profile)
    assert "المزارعين" not in out and "قياسي" in out


def test_a_stack_under_a_prompt_is_the_prompts() -> None:
    # Under a related prompt the headlines go with it, as before.
    assert _kept([P1, "اقرأ أيضاً:", H1, H3, P2]) == [P1, P2]


def test_stack_may_open() -> None:
    assert stack_may_open([H1, SUB, P2])
    assert not stack_may_open([P2, H1, SUB])
    assert not stack_may_open([SUB, P2])
    assert stack_may_open(["تابعونا على فيسبوك", H1, SUB, P2])  # the widget goes: the stack comes up
    assert stack_may_open(["اقرأ أيضاً:", SUB, H1, SUB, P2])  # the prompt may take the line between
    assert not stack_may_open([SUB, H1, SUB, P2])  # a sub-heading no rule drops stays above it
    assert stack_may_open(["تابعونا على فيسبوك"] * 9 + [P2])  # read no further: unsure


# --- Whole, by parts, streamed, twice: the same -------------------------------------------------------

_PIECES = [P1, P2, P3, H1, H2, H3, H4, SUB, "", " ",
           "قال الوزير إن الخطة جاهزة.", "اقرأ أيضاً:", "تابعونا على فيسبوك", "المصدر: وكالات",
           "نص الخبر هنا. اقرأ أيضاًالعالمعنوان خبر عن حدث آخر كما أعلنت الوزارة أمس.",
           H1 + " تابعونا على تويتر", "الوزير يزور المصنع، ويلتقي العمال في القاعة الكبرى",
           "أكدت وزارة الخارجية، الاثنين، أن الأنباء التي تم تداولها عن استدعاء السفير غير صحيحة تماما."]
_texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts)
def test_by_parts_equals_whole_and_twice_equals_once(text: str) -> None:
    once = boilerplate(text)
    if text.strip():
        assert once == _rounds(text, ())
    assert boilerplate(once) == once


@pytest.mark.parametrize("steps", [["boilerplate", "whitespace"], "default", "strict"], ids=str)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts, cuts=st.lists(st.integers(min_value=0), max_size=12), target=st.sampled_from([1, 16, 300]))
def test_stacks_streamed_equal_whole(steps: list[str] | str, text: str, cuts: list[int], target: int) -> None:
    pipeline = resolve(steps) if isinstance(steps, str) else Pipeline(steps)
    whole = pipeline(text)
    assert streamed(pipeline, split_at(text, cuts), target) == whole
    if not _repeats_a_paragraph(text):  # (see the known gap below)
        assert pipeline(whole) == whole


def _repeats_a_paragraph(text: str) -> bool:
    filled = [line.strip() for line in text.split("\n") if line.strip()]
    return len(set(filled)) < len(filled)


# Known gap (issue 4 note): the rule does not look past a long paragraph repeated next to a stack.
# duplicate_paragraphs drops the repeat after this step, and a second run then takes the stack.
# (Looking past it made the rule read across lines the parts and the stream treat as fixed.)
@pytest.mark.xfail(strict=True, reason="known gap: a long repeat next to a stack is not looked past")
@pytest.mark.parametrize(
    "lines",
    [
        pytest.param([P1, H1, P1, H3, P2], id="the paragraph over it repeated between two headlines"),
        pytest.param([P3, P1, H1, P3, H3, P2], id="a paragraph from further up repeated between them"),
    ],
)
@pytest.mark.parametrize("profile", ["default", "strict"])
def test_a_long_repeat_in_a_stack_gives_the_same_second_run(lines: list[str], profile: str) -> None:
    once = cleaner.clean("\n".join(lines), profile=profile)
    assert cleaner.clean(once, profile=profile) == once
