"""Markdown output (``headings`` style ``markdown``) is idempotent: a second run changes nothing.

The first run writes every line in its own block (``whitespace``) and each heading as ``## heading``,
so a step must read a ``## `` line as the plain line it came from, and ``headings`` must judge a line
alike whether or not a blank line parts it from the line above. (Own examples, no corpus text.)
"""

import pytest

import cleaner
from cleaner.normalizers.boilerplate import boilerplate
from cleaner.normalizers.headings import headings

MARKDOWN = {"headings": {"style": "markdown"}}
P1 = "وقال الوزير في مؤتمر صحفي عقده امس ان الحكومة ستواصل العمل على المشروع حتى نهايته."
P2 = "واضاف ان المرحلة المقبلة ستشهد خطوات جديدة في هذا الاتجاه الذي بدأ العام الماضي."

# Lines under a paragraph, right under one another, the last one about as long as the one above it
# (which ends no sentence): read as prose wrapped at a width on the first run, and on the second
# too, once blank lines part them.
WRAPPED = [
    # a stack of other stories' headlines, the last one as long as the one above it
    "\n".join([P1, "الوزير يتوقع انتهاء اعمال المشروع الكبير قبل نهاية العام المقبل",
               "الحكومة: المشروع الجديد يوفر الاف فرص العمل للشباب في المحافظات كلها",
               "الوزارة تعلن انتهاء المرحلة الاولى من المشروع في المحافظات الشمالية", P2]),
    # the same with a blank line above the last one: a heading on both runs
    "\n".join([P1, "الوزير يتوقع انتهاء اعمال المشروع الكبير قبل نهاية العام المقبل",
               "الحكومة: المشروع الجديد يوفر الاف فرص العمل للشباب في المحافظات كلها", "",
               "الوزارة تعلن انتهاء المرحلة الاولى من المشروع في المحافظات الشمالية", P2]),
    # a sentence broken over lines at a width
    "\n".join([P1, "", "اقول هذا وانا اتذكر ما جرى في مدينة اخرى على الضفة الاخرى للنهر، انعقاد اول",
               "اجتماع للمجلس البلدي قبل سنوات قليلة في العاصمة الاقتصادية للبلاد",
               "في الشهور الاولى من عمل المجلس الجديد المنتخب.", "", P2]),
]


@pytest.mark.parametrize("profile", ["default", "strict"])
@pytest.mark.parametrize("text", WRAPPED)
def test_wrapped_line_is_no_heading_on_either_run(text, profile):
    once = cleaner.clean(text, profile=profile, params=MARKDOWN)
    assert cleaner.clean(once, profile=profile, params=MARKDOWN) == once


TITLE = "اجتماع وزراء المال في المنطقة لبحث خطة التعاون الاقتصادي بين البلدان المجاورة"
DECK = "الوزير: التحديات التي تواجه اقتصاداتنا تستدعي العمل المشترك للتغلب عليها"


@pytest.mark.parametrize("profile", ["default", "strict"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_deck_under_the_title_is_a_heading_blank_line_or_not(gap, profile):
    # As long as the title above it, which ends no sentence: in markdown a deck all the same.
    once = cleaner.clean(f"{TITLE}{gap}{DECK}\n{P1}\n", profile=profile, params=MARKDOWN)
    assert f"\n## {DECK}\n" in once
    assert cleaner.clean(once, profile=profile, params=MARKDOWN) == once


@pytest.mark.parametrize("text", WRAPPED)
def test_headings_step_alone_agrees_once_lines_are_blocks(text):
    once = headings(text, style="markdown")
    blocks = "\n\n".join(line for line in once.split("\n") if line.strip())
    assert headings(blocks, style="markdown") == blocks


INTERVIEW = (
    "يحل على العاصمة هذا الاسبوع الروائي المعروف صاحب الاعمال الكثيرة في الادب العربي الحديث فكيف يرى حال الرواية",
    "تربطك علاقة قديمة بالمدينة واهلها كيف وجدتها    بعد 14 عاما؟",  # (a run of spaces inside)
    "جئت اليها اول مرة سنة 1985 ثم صرت ازورها كل ثلاث سنوات الى ان انقطعت عنها طويلا بسبب العمل.",
)


@pytest.mark.parametrize("profile", ["default", "strict"])
@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n \n"])
def test_a_run_of_spaces_counts_as_one_on_the_first_run(gap, profile):
    once = cleaner.clean(gap.join(INTERVIEW), profile=profile, params=MARKDOWN)
    assert "\n## تربطك علاقة قديمة بالمدينة واهلها كيف وجدتها بعد 14 عاما؟\n" in once
    assert cleaner.clean(once, profile=profile, params=MARKDOWN) == once


@pytest.mark.parametrize("run", ["    ", "\t", " \t  "])
def test_headings_markdown_reads_a_run_of_spaces_as_one(run):
    # A gap of four spaces between two words is no verse's break in markdown: `whitespace` makes it
    # one space before a second run reads the line.
    question = INTERVIEW[1].replace("    ", run)
    once = headings("\n".join((INTERVIEW[0], question, INTERVIEW[2])), style="markdown")
    assert "\n## تربطك علاقة قديمة بالمدينة واهلها كيف وجدتها بعد 14 عاما؟\n" in once


# A related-article prompt with its headline on one line, which stays: "## " before it (a heading,
# as markdown writes it) or other decoration is no word of the prompt's phrase.
PROMPTED = [
    "اقرا ايضا هل غيرت رحلة الفنان الى المدينة مسار حياته؟",
    "قد يهمك ايضا: عام على الازمة.. كيف بدأت وتطورت؟",
]
# A [tail] phrase that is a common noun too ("سمات"), opening a heading: the line stays whole
# (it went down to its decoration: "■ سمات الكتب:" became "■").
TAILS = ["سمات البرامج الحديثة: (2)", "سمات الكتب:", "سمات: علوم، ثقافة"]
DECORATIONS = ["## ", "# ", "■ ", "* ", "- "]


@pytest.mark.parametrize("decoration", DECORATIONS)
@pytest.mark.parametrize("line", PROMPTED + TAILS)
def test_boilerplate_reads_a_decorated_line_as_the_plain_one(line, decoration):
    plain = f"{P1}\n\n{line}\n\n{P2}\n"
    dressed = f"{P1}\n\n{decoration}{line}\n\n{P2}\n"
    assert boilerplate(plain) == plain
    assert boilerplate(dressed) == dressed


@pytest.mark.parametrize("profile", ["default", "strict"])
@pytest.mark.parametrize("line", PROMPTED + TAILS)
def test_markdown_heading_from_a_prompt_or_tail_stays(line, profile):
    text = f"{P1}\n{line}\n{P2}\n"
    once = cleaner.clean(text, profile=profile, params=MARKDOWN)
    assert cleaner.clean(once, profile=profile, params=MARKDOWN) == once
