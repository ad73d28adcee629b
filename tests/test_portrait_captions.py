"""Portrait captions (``captions``, strict): "speaker: words" set apart from the text as a caption is.

A page with a photo of each expert quoted prints under it the expert's name and a line of what they
say. A scrape keeps that line where the photo stood: between paragraphs, with a blank line under it,
in a text whose paragraphs follow one another with no blank line and whose sub-headings stand right
over their paragraphs. The speaker is someone the paragraphs around quote by name, but the line heads
no section of theirs: a paragraph going on with the speaker over it ("وأضاف أن …") or a sub-heading
comes under it. Made-up text (no corpus text in the repository): an article on water shortages.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import resolve
from cleaner.normalizers.structure import captions, classify_lines
from streaming import strict_cuts, streamed

TITLE = "خبراء يحذرون من أزمة المياه في المدن الكبرى"
LEAD = "حذر خبراء في شؤون البيئة من تفاقم أزمة المياه في المدن الكبرى خلال السنوات المقبلة بسبب النمو السكاني وتراجع الأمطار."
HEAD1 = "أرقام مقلقة"
HEAD2 = "حلول مكلفة"
# The first expert, named in full with a title, then by surname; the paragraphs under go on with him.
P1 = "ويؤكد الباحث في علوم المياه سالم الحربي أن استهلاك الفرد في المدن تضاعف خلال العقدين الماضيين، وأن الشبكات القديمة تهدر جزءا كبيرا من المياه."
P2 = "وأشار إلى أن إصلاح الشبكات وحده يوفر ما يكفي لسد حاجة مئات الآلاف من السكان، داعيا إلى خطة وطنية لترشيد الاستهلاك في المنازل والمصانع."
P3 = "وأكد الحربي أن حملات التوعية لم تحقق أهدافها لأنها تخاطب الناس بلغة بعيدة عن حياتهم اليومية، وأن المدارس نقطة البداية في أي حملة جديدة."
P4 = "وأضاف أن الأسر تستطيع خفض استهلاكها إلى النصف بأدوات بسيطة رخيصة الثمن، لكن أحدا لا يشرح لها كيف تفعل ذلك في بيوتها."
P5 = "ولفت إلى أن المصانع تستهلك وحدها ثلث المياه في بعض المدن، وأن إعادة تدوير مياهها توفر كميات كبيرة من غير كلفة عالية على الدولة."
# The second expert, named under the sub-heading.
P6 = "ويرى د. نادر القحطاني أستاذ الهندسة البيئية في الجامعة أن تحلية مياه البحر حل مكلف لكنه ضروري للمدن الساحلية التي لا تملك مصادر أخرى."
P7 = "وقال إن كلفة التحلية تراجعت كثيرا في السنوات الأخيرة بفضل الطاقة الشمسية، وإن المشروعات الجديدة يجب أن تقام بالشراكة مع القطاع الخاص."
CAP1 = "الحربي: إصلاح الشبكات يسد حاجة مئات الآلاف من السكان"
CAP2 = "د. القحطاني: تحلية مياه البحر حل مكلف لكنه ضروري"

# The article as the page lays it out: the captions with a blank line under them (the first also
# over it, the second right under a paragraph), each sub-heading right over its paragraph.
ARTICLE = [TITLE, LEAD, "", HEAD1, P1, P2, P3, "", CAP1, "", P4, P5, CAP2, "", HEAD2, P6, P7]


def _without(lines: list[str], *gone: str) -> str:
    return "\n".join(line for line in lines if line not in gone)


def test_portrait_captions_go() -> None:
    labels = classify_lines(ARTICLE)
    assert [ARTICLE[k] for k, got in enumerate(labels) if got] == [CAP1, CAP2]
    assert captions("\n".join(ARTICLE)) == _without(ARTICLE, CAP1, CAP2)
    assert captions("\r\n".join(ARTICLE)) == _without(ARTICLE, CAP1, CAP2)


@pytest.mark.parametrize(
    ("lines", "gone"),
    [
        (ARTICLE, [CAP1, CAP2]),
        # a title before the name, a heading's decoration, the wide colon, a caption's credit under it
        ([*ARTICLE[:8], "د. سالم الحربي: إصلاح الشبكات يسد حاجة مئات الآلاف", *ARTICLE[9:]], ["د. سالم الحربي: إصلاح الشبكات يسد حاجة مئات الآلاف", CAP2]),
        ([*ARTICLE[:8], "■ " + CAP1, *ARTICLE[9:]], ["■ " + CAP1, CAP2]),
        ([*ARTICLE[:8], CAP1.replace(":", "："), *ARTICLE[9:]], [CAP1.replace(":", "："), CAP2]),
        ([*ARTICLE[:9], "(تصوير فلان الفلاني)", *ARTICLE[9:]], [CAP1, "(تصوير فلان الفلاني)", CAP2]),
        # glued under the paragraph over it, and over a paragraph going on with its speaker
        ([*ARTICLE[:7], CAP1, "", P4, *ARTICLE[11:]], [CAP1, CAP2]),
    ],
)
def test_portrait_captions_in_their_forms(lines: list[str], gone: list[str]) -> None:
    assert captions("\n".join(lines)) == _without(lines, *gone)


# The same article without the captions.
PLAIN = [TITLE, LEAD, "", HEAD1, P1, P2, P3, P4, P5]


@pytest.mark.parametrize(
    "lines",
    [
        # a sub-heading right over its paragraph (no blank line under it) ...
        [*PLAIN[:7], CAP1, P4, P5],
        [*PLAIN, "", "القحطاني: تحلية مياه البحر حل مكلف لكنه ضروري", P6, P7],
        # ... or over the paragraph that names its speaker: it heads that speaker's section
        [*PLAIN, "", CAP2, "", P6, P7],
        [*PLAIN, "", "الوزير: الموازنة تصدر الشهر المقبل", "", "وقال الوزير في مؤتمر صحفي إن الموازنة الجديدة ستصدر في الشهر المقبل بعد موافقة البرلمان.", P7],
        # a text with a blank line under every line (as the whitespace step leaves it)
        [part for line in ARTICLE if line for part in (line, "")][:-1],
        # a speaker the paragraphs do not name, or name after a function word only
        [*PLAIN[:7], "", "الوزير: إصلاح الشبكات يسد حاجة مئات الآلاف من السكان", "", P4, P5],
        [*PLAIN[:4], P1.replace("سالم الحربي", "الخبراء"), P2, P3.replace("الحربي", "أن الحربي"), "", CAP1, "", P4, P5],
        # a paragraph of its own under it: the line heads it (no speaker going on)
        [*PLAIN[:7], "", CAP1, "", "وأعلنت وزارة المياه أنها ستبدأ العام المقبل خطة لتجديد الشبكات في عشر مدن بكلفة تتجاوز مليار دولار.", P5],
        # a quotation in the text (a verb of saying opens it), a line ending a sentence, too few words said
        [*PLAIN[:7], "", "وقال الحربي: إصلاح الشبكات يسد حاجة مئات الآلاف", "", P4, P5],
        [*PLAIN[:7], "", CAP1 + ".", "", P4, P5],
        [*PLAIN[:7], "", "الحربي: إصلاح الشبكات ضروري", "", P4, P5],
        # the head of the article (fewer than four window lines over it), a short line right over it
        [TITLE, P1, P2, "", CAP1, "", P4, P5],
        [*PLAIN[:7], "أرقام وحقائق", CAP1, "", P4, P5],
        # a sub-heading under it with a blank line between it and its paragraph
        [*PLAIN, CAP2, "", HEAD2, "", P6, P7],
        # one speaker's line alone: the page's portraits come two or more (the title of the next
        # article in a file of articles, over its deck and lead, stands so)
        [*PLAIN[:7], "", CAP1, "", P4, P5, P6],
        [*PLAIN, "", "", "سالم الحربي: المياه أزمة العقد المقبل في المدن الكبرى", "", "حوار مع باحث في علوم المياه", P1, P2],
    ],
)
def test_speaker_lines_that_stay(lines: list[str]) -> None:
    assert "caption" not in classify_lines(lines)
    assert captions("\n".join(lines)) == "\n".join(lines)


@pytest.mark.parametrize("profile", ["default", "strict"])
@pytest.mark.parametrize("style", ["text", "markdown"])
@pytest.mark.parametrize("sep", ["\n", "\r\n"])
def test_profiles_stay_idempotent(profile: str, style: str, sep: str) -> None:
    text = sep.join(ARTICLE)
    params = {"headings": {"style": style}}
    once = cleaner.clean(text, profile=profile, params=params)
    assert cleaner.clean(once, profile=profile, params=params) == once
    if profile == "strict":
        assert CAP1 not in once and CAP2 not in once
        assert once == cleaner.clean(_without(ARTICLE, CAP1, CAP2), profile=profile, params=params)


# Lines to build articles from: the ones above, a credit, and lines that stay.
_LINES = [
    TITLE, LEAD, HEAD1, HEAD2, P1, P2, P3, P4, P5, P6, P7, CAP1, CAP2, "", "", "",
    "(تصوير فلان الفلاني)", "القاهرة - أ ش أ", "الوزير: الموازنة تصدر الشهر المقبل",
    "القراءة اليومية تفتح أبواب المعرفة وتبني جسور التواصل بين الأجيال",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=24))
def test_the_step_is_idempotent_on_generated_articles(lines: list[str]) -> None:
    text = "\n".join(lines)
    once = captions(text)
    assert captions(once) == once
    assert captions(text) == "\n".join(line for line, got in zip(lines, classify_lines(lines), strict=True) if got != "caption")
    strict = cleaner.clean(text, profile="strict")
    assert cleaner.clean(strict, profile="strict") == strict


_FILLER = "وتابعت اللجنة المختصة دراسة الملف رقم {} في اجتماعها الأسبوعي، على أن تعرض نتائجها على الوزارة قريبا."


def test_the_stream_decides_as_the_whole_text() -> None:
    # Articles in a row between paragraphs of other matters (numbered: duplicate_paragraphs keeps
    # them all), at every distance from where the stream may cut: each piece of a stream decides as
    # the whole text does.
    lines: list[str] = []
    for n in range(14):
        fill = [_FILLER.format(100 * n + k) for k in range(10)]
        k = n % 7
        article = [line.replace("ة.", f"ة رقم {n}.").replace("ا.", f"ا رقم {n}.") for line in ARTICLE]
        if n % 3 == 2:
            article.remove(CAP2)  # one caption alone stays
        lines += [*fill[: 2 + k], *article, *fill[2 + k :]]
    text = "\n".join(lines) + "\n"
    cuts = strict_cuts(text)
    assert cuts and CAP1 in text and 0 < captions(text).count(CAP1) < text.count(CAP1)
    for cut in cuts:
        assert captions(text[:cut]) + captions(text[cut:]) == captions(text)
    pipeline = resolve("strict")
    whole = pipeline(text)
    for target in (1, 150, 700, 3000):
        assert streamed(pipeline, [text[i : i + 37] for i in range(0, len(text), 37)], target) == whole
