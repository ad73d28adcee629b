"""Issue 4 (boilerplate recall): other stories' headlines stacked between paragraphs with no prompt.

A site inserts links to related stories between the paragraphs of an article: one to three
headlines, each on its own line, at times over a short sub-heading of the article. A stack of them
goes (the ``related_headlines`` step, after ``boilerplate`` and ``duplicate_paragraphs``); one alone,
and the article's own stacks of heading lines (kicker and headline, the next story's headline and
its lead, questions and answers, verse, pulled quotes, captions, section titles), stay. The inputs
are written here, not taken from the corpus.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import resolve
from cleaner.normalizers.boilerplate import _rounds, boilerplate
from cleaner.normalizers.related_headlines import classify_related, may_cut, related_headlines
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
    return [line for line in related_headlines("\n".join(lines)).split("\n") if line.strip()]


GOES = [
    pytest.param([P1, H1, SUB, P2], [H1], id="headline over a sub-heading"),
    pytest.param([P1, H2, H3, P2], [H2, H3], id="two headlines, a question over a headline"),
    pytest.param([P1, H1, H3, H4, P2], [H1, H3, H4], id="three headlines"),
    pytest.param([P1, H4, H1, SUB, P2], [H4, H1], id="two headlines over a sub-heading"),
    pytest.param([P1, "", H1, "", SUB, "", P2], [H1], id="blank lines between"),
    pytest.param([P1, "## " + H1, SUB, P2], ["## " + H1], id="decorated"),
    pytest.param([P1, "## " + H1 + ":", H3, P2], ["## " + H1 + ":", H3], id="a markdown heading: headings drops its colon"),
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
    assert classify_related(lines) == [False, True, True, False, False, True, False, False]
    assert _kept(lines) == [P1, P2, P3, SUB, last]



@pytest.mark.parametrize("profile", ["default", "preserve", "search", "strict"])
def test_every_profile_drops_the_stack(profile: str) -> None:
    out = cleaner.clean("\n".join([P1, H1, SUB, P2]), profile=profile)
    assert "المزارعين" not in out and "قياسي" in out


def test_a_stack_under_a_prompt_is_the_prompts() -> None:
    # Under a related prompt the headlines go with it (boilerplate), as before.
    assert [x for x in boilerplate("\n".join([P1, "اقرأ أيضاً:", H1, H3, P2])).split("\n") if x.strip()] == [P1, P2]


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param([P1, "تابعونا على فيسبوك", H1, SUB, P2], id="a widget line between the paragraph and the stack"),
        pytest.param([P1, "", "تابعونا على فيسبوك", "", H2, H3, P2], id="and blank lines"),
        pytest.param([P1, "شارك هذا الخبر على فيسبوك", H1, H3, "تابعونا على تويتر", P2], id="above and under it"),
        pytest.param([P1, H1 + " تابعونا على تويتر", SUB, P2], id="a widget glued to the headline"),
    ],
)
@pytest.mark.parametrize("profile", ["default", "strict"])
def test_furniture_around_a_stack_goes_first(lines: list[str], profile: str) -> None:
    # boilerplate runs first: the stack step reads the paragraphs around the stack without it.
    once = cleaner.clean("\n".join(lines), profile=profile)
    assert "المزارعين" not in once and "المفاوضات" not in once and "فيسبوك" not in once
    assert cleaner.clean(once, profile=profile) == once


def test_may_cut() -> None:
    assert may_cut(P2, P3)
    assert may_cut(P2, SUB)  # a short line opens no stack
    assert not may_cut(P2, H1)  # H1 may open a stack: the rule reads P2 above it
    assert not may_cut(H1, SUB)  # H1 may be a line of a stack: the rule reads the lines around it
    assert not may_cut(H1, P3)
    assert not may_cut(P2, "المصدر: وكالات")  # a line the rule looks past
    assert not may_cut(P2 + "\r" + P3, P3)  # two lines to the step
    assert may_cut(P2 + "\r", P3 + "\r")  # CRLF line ends


# Other stories' leads (made up here), two with a weekday between commas: boilerplate takes a block
# of three to five closing the text under the article's text, not under a headline-like line.
LEADS = [
    "أعلن رئيس الحكومة، فلان الفلاني، الثلاثاء، أن الموازنة الجديدة ستعرض على البرلمان قبل نهاية الشهر الجاري.",
    "كشفت هيئة الأرصاد، الثلاثاء، عن موجة حارة تضرب البلاد خلال الأيام المقبلة مع ارتفاع كبير في درجات الحرارة.",
    "افتتح وزير النقل الطريق السريع الجديد الذي يربط العاصمة بالمدن الساحلية بعد سنوات من العمل المتواصل.",
]


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param([P2, P3, H1, H3, *LEADS], id="under a paragraph"),
        pytest.param([P2, P1, H1, H3, *LEADS[:2]], id="under a paragraph of a lead's shape"),
        pytest.param([P2, P3, H1, SUB, *LEADS], id="over a sub-heading"),
    ],
)
@pytest.mark.parametrize("profile", ["default", "strict"])
def test_a_stack_over_a_closing_block_of_leads_stays(lines: list[str], profile: str) -> None:
    # boilerplate leaves leads under a headline-like line (the article's own); without the stack a
    # second run would take them: the stack stays, and so do they.
    text = "\n".join(lines)
    assert _kept(lines) == [x for x in lines if x.strip()]
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once
    assert "المزارعين" in once and "الموازنة" in once


def test_a_stack_over_other_paragraphs_goes() -> None:
    assert _kept([P2, H1, H3, *LEADS, P3]) == [P2, *LEADS, P3]  # the text goes on under the leads
    assert _kept([P2, H1, H3, LEADS[0]]) == [P2, LEADS[0]]  # one lead: no block
    assert _kept([P2, H1, H3, *LEADS, *LEADS[::-1], P1]) == [P2, *LEADS, *LEADS[::-1], P1]  # six: the article's own


# --- Whole, by parts, streamed, twice: the same -------------------------------------------------------

_PIECES = [P1, P2, P3, H1, H2, H3, H4, SUB, "", " ",
           "قال الوزير إن الخطة جاهزة.", "اقرأ أيضاً:", "تابعونا على فيسبوك", "المصدر: وكالات",
           "نص الخبر هنا. اقرأ أيضاًالعالمعنوان خبر عن حدث آخر كما أعلنت الوزارة أمس.",
           H1 + " تابعونا على تويتر", "الوزير يزور المصنع، ويلتقي العمال في القاعة الكبرى",
           "أكدت وزارة الخارجية، الاثنين، أن الأنباء التي تم تداولها عن استدعاء السفير غير صحيحة تماما.",
           "(تصوير: أحمد)", *LEADS]
_texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts)
def test_by_parts_equals_whole_and_twice_equals_once(text: str) -> None:
    once = boilerplate(text)
    if text.strip():
        assert once == _rounds(text, ())
    assert boilerplate(once) == once


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts)
def test_the_windows_find_the_stacks_of_the_whole_text(text: str) -> None:
    # The step reads a few lines around each line of a headline's shape; the rule itself reads
    # every line (classify_related): the same lines go. Twice is once.
    lines = text.split("\n")
    flags = classify_related(lines)
    once = related_headlines(text)
    assert once == "\n".join(line for line, gone in zip(lines, flags, strict=True) if not gone)
    assert related_headlines(once) == once


@pytest.mark.parametrize(
    "steps",
    [["related_headlines"], ["boilerplate", "duplicate_paragraphs", "related_headlines", "whitespace"], "default", "strict"],
    ids=str,
)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts, cuts=st.lists(st.integers(min_value=0), max_size=12), target=st.sampled_from([1, 16, 300]))
def test_stacks_streamed_equal_whole(steps: list[str] | str, text: str, cuts: list[int], target: int) -> None:
    pipeline = resolve(steps) if isinstance(steps, str) else Pipeline(steps)
    whole = pipeline(text)
    assert streamed(pipeline, split_at(text, cuts), target) == whole
    assert pipeline(whole) == whole


# Long texts: a stream's pieces are cleaned as text that does not end there once HELD_ROWS lines
# follow them (the stacks over leads closing the text are read in the last ones).
@pytest.mark.parametrize("steps", [["related_headlines"], "default"], ids=str)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    lines=st.lists(st.sampled_from([*_PIECES, P1 + " " + P3, P2 + " " + P3]), min_size=60, max_size=160),
    closing=st.sampled_from([[], LEADS, [H1, H3, *LEADS], [H1, SUB, *LEADS[:2]]]),
    cuts=st.lists(st.integers(min_value=0), max_size=12),
)
def test_long_texts_streamed_equal_whole(steps: list[str] | str, lines: list[str], closing: list[str], cuts: list[int]) -> None:
    pipeline = resolve(steps) if isinstance(steps, str) else Pipeline(steps)
    text = "\n".join([*lines, P2, *closing])
    whole = pipeline(text)
    blocks = split_at(text, [*cuts, *range(0, len(text), 700)])  # (a stream reads blocks: many pieces)
    assert streamed(pipeline, blocks, 1) == whole
    assert pipeline(whole) == whole


# A long paragraph repeated next to a stack: duplicate_paragraphs drops the repeat before the stack
# step reads the lines, so the first run takes the stack as the second does. (Inside boilerplate,
# which runs before duplicate_paragraphs, the repeat kept the stack apart on the first run only.)
@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        pytest.param([P1, H1, P1, H3, P2], [P1, P2], id="the paragraph over it repeated between two headlines"),
        pytest.param([P3, P1, H1, P3, H3, P2], [P3, P1, P2], id="a paragraph from further up repeated between them"),
        pytest.param([P1, H1, H3, P1, P2], [P1, P2], id="the paragraph over it repeated under it"),
        pytest.param([P1, H1, P2, H3, P2, P3], [P1, H1, P2, H3, P3], id="one headline each side of a paragraph: no stack"),
    ],
)
@pytest.mark.parametrize("profile", ["default", "strict"])
def test_a_long_repeat_in_a_stack_gives_the_same_second_run(lines: list[str], kept: list[str], profile: str) -> None:
    once = cleaner.clean("\n".join(lines), profile=profile)
    assert cleaner.clean(once, profile=profile) == once
    assert once == cleaner.clean("\n".join(kept), profile=profile)


# Found by a generated text (the sixth session's rule inside boilerplate had it too): a short line
# that ``bylines`` takes for a signature (a bare name over a source line), or a dateline, between a
# stack and the paragraph under it. ``related_headlines`` runs after the strict removals, so it reads
# the text without them on the first run as on the second.
@pytest.mark.parametrize("apparatus", [["قصير جدا هنا", "المصدر: وكالات"], ["عنوان الخبر الرئيسي", "القاهرة - أ ش أ"]])
def test_a_signature_under_a_stack_gives_the_same_second_run(apparatus: list[str]) -> None:
    text = "\n".join([P3, H3, H2, H4, *apparatus, P1 + " " + P2])
    once = cleaner.clean(text, profile="strict")
    assert cleaner.clean(once, profile="strict") == once
