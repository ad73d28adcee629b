"""Epigraphs: a verse set under a section's title as display text and printed again in the poem
further down is a heading of the section (``cleaner.normalizers.epigraphs``, used by ``headings``).

Every verse here is written for these tests.
"""

from __future__ import annotations

import pytest

import cleaner
from cleaner.normalizers.epigraphs import REACH, epigraph_lines, open_epigraph
from cleaner.normalizers.headings import heading_decisions

PROSE = "وفي هذا الباب نعرض كل أسبوع قصيدة من الشعر القديم مع شرح موجز لمعانيها وظروف قولها ومن قالها."
PROSE2 = "ويرى النقاد أن هذه الأبيات من أجمل ما قيل في وصف السفر والحنين إلى الديار والأهل والأصحاب."
INTRO = "وقال الشاعر في مطلع قصيدته:"

# A title, a whole verse under it, prose, and the poem holding the verse again in its two halves.
HALVES = [
    PROSE,
    "ركن الأدب",
    "سرى الليلُ بالركبانِ .. والنجمُ ساهرُ",
    PROSE2,
    INTRO,
    "مضى الركب في الظلماء",
    "سرى الليل بالركبان",
    "والنجم ساهر",
    PROSE,
]
# Two epigraphs under one title: one repeated as two lines, one as a line (spaced otherwise).
TWO = [
    PROSE,
    "من دفتر الشعر",
    "تَعَلَّمتُ صَبراً في الحَياةِ..وَما الصَّبرُ إلّا مَفتاحُ",
    "وما طال ليل ... إلا وأعقبه فجر",
    "بقلم الشاعر فلان",
    PROSE,
    PROSE2,
    "تعلمت صبرا في الحياة",
    "وما الصبر الا مفتاح",
    PROSE2,
    "وما طال ليل...إلا وأعقبه فجر",
    PROSE,
]
# Under an epigraph, a line of no verse's shape that the poem holds in its two halves.
CHAINED = [
    PROSE,
    "من دفتر الشعر",
    "تَعَلَّمتُ صَبراً في الحَياةِ..وَما الصَّبرُ إلّا مَفتاحُ",
    "فيا قلبي، إن ضاق بك الزمان فاصبر على ما كان",
    "بقلم الشاعر فلان",
    PROSE,
    "تعلمت صبرا في الحياة",
    "وما الصبر الا مفتاح",
    PROSE2,
    "فيا قلبي، إن ضاق بك الزمان",
    "فاصبر على ما كان",
    PROSE,
]
# One word over one half of a verse ending in "..!!", which the poem holds alone on its line.
HALF = [
    PROSE,
    "ملامح",
    "فكم من غيمةٍ مرت بلا مطر ..!!",
    "فلان الفلاني",
    PROSE,
    INTRO,
    "فكم من غيمة مرت بلا مطر",
    "وكم من أرض ظلت تنتظر",
    PROSE2,
]
# Fully vocalised, no break: found because the poem holds it as two lines.
VOCALISED = [
    PROSE,
    "على ضفاف النيل",
    "يَجري النَّهرُ هادِئاً وَيَسقي الحُقولَ الخَضراءَ",
    PROSE,
    "يجري النهر هادئا",
    "ويسقي الحقول الخضراء",
    PROSE2,
]


@pytest.mark.parametrize(
    "lines, expected",
    [
        (HALVES, {1, 2}),
        (TWO, {1, 2, 3}),
        (HALF, {1, 2}),
        (CHAINED, {1, 2, 3}),
        # the line under the epigraph held again on one line only: no verse's halves, not taken
        ([*CHAINED[:9], "فيا قلبي إن ضاق بك الزمان فاصبر على ما كان", PROSE], {1, 2}),
        (VOCALISED, {1, 2}),
        # under the text's first line (its headline): the verse only, the headline stays the title
        (HALVES[1:], {1}),
        # blank lines anywhere (a second run of headings parts the lines): the same lines
        ([x for line in HALVES for x in (line, "")], {2, 4}),
        # decoration and spacing as a heading may carry them, and "## " as markdown writes it
        (["نص.", PROSE, "■ ركن الأدب:", "## سرى الليلُ   بالركبانِ..  والنجمُ ساهرُ", *HALVES[3:]], {2, 3}),
    ],
    ids=["halves", "two-epigraphs", "one-half", "chained", "chained-one-line", "vocalised", "under-headline", "blank-lines", "decorated"],
)
def test_epigraphs_found(lines: list[str], expected: set[int]) -> None:
    assert epigraph_lines(lines) == expected


@pytest.mark.parametrize(
    "lines",
    [
        # a poem opening with its refrain, the refrain again after the commentary: the poem goes on
        # under its first line (verse, repeated nowhere), so no epigraph
        [
            PROSE,
            "نشيد الصباح",
            "أقبل الفجر علينا.. يا رفاق الدرب هيا",
            "وانهضوا للعمل الحر.. وكونوا يدا قوية",
            PROSE2,
            "أقبل الفجر علينا.. يا رفاق الدرب هيا",
            "لنا وطن نحميه.. بالروح والدم الزكي",
            PROSE,
        ],
        # a refrain under a line of the poem, repeated after the commentary: no title over it
        [
            PROSE,
            "نشيد الصباح",
            "لنا وطن نحميه.. بالروح والدم الزكي",
            "أقبل الفجر علينا.. يا رفاق الدرب هيا",
            PROSE2,
            "أقبل الفجر علينا.. يا رفاق الدرب هيا",
            PROSE,
        ],
        # a refrain repeated inside a run of verse, no prose between
        [
            PROSE,
            "نشيد الصباح",
            "أقبل الفجر علينا.. يا رفاق الدرب هيا",
            "وانهضوا للعمل الحر.. وكونوا يدا قوية",
            "أقبل الفجر علينا.. يا رفاق الدرب هيا",
            PROSE,
        ],
        # the verse quoted again inside a paragraph, not on its own line
        [
            PROSE,
            "ركن الأدب",
            "سرى الليلُ بالركبانِ .. والنجمُ ساهرُ",
            PROSE2,
            "وقد أحسن الشاعر حين قال سرى الليل بالركبان والنجم ساهر فجمع في شطر واحد صورة السفر كلها بلا تكلف.",
            PROSE,
        ],
        # a sentence of prose under a title, repeated further down (duplicate_paragraphs' job)
        [
            PROSE,
            "أخبار المدينة",
            "البلدية تعلن.. خطة جديدة للنقل العام.",
            PROSE2,
            "البلدية تعلن.. خطة جديدة للنقل العام.",
            PROSE,
        ],
        # a line introducing the verse, no title
        [PROSE, "قال الشاعر", *HALVES[2:]],
        # a byline over the verse
        [PROSE, "بقلم: فلان الفلاني", *HALVES[2:]],
        # a plain line, no verse's shape, repeated in two lines
        [PROSE, "ركن الأدب", "سرى الليل بالركبان والنجم ساهر", *HALVES[3:]],
        # printed again above, not below
        [PROSE, "سرى الليل بالركبان", "والنجم ساهر", PROSE2, "ركن الأدب", "سرى الليلُ بالركبانِ .. والنجمُ ساهرُ", PROSE],
        # the repeat too far below
        [*HALVES[:4], *[PROSE2] * REACH, *HALVES[4:]],
        # half the words only
        [*HALVES[:6], "سرى الليل", "والقمر بعيد في السماء", PROSE],
    ],
    ids=["refrain-opens-poem", "refrain-under-verse", "refrain-in-verse", "inside-paragraph", "prose-sentence", "introducer",
         "byline", "no-verse-shape", "repeat-above", "too-far", "half-the-words"],
)
def test_no_epigraph(lines: list[str]) -> None:
    assert epigraph_lines(lines) == set()


def test_headings_take_the_epigraph_and_its_title() -> None:
    found = heading_decisions(HALF)
    assert 1 in found and found[2] == "فكم من غيمةٍ مرت بلا مطر ..!!"


ARTICLE = "\n".join(["عنوان المقال", *TWO]) + "\n"


@pytest.mark.parametrize("profile", ["default", "strict", "preserve", "search"])
@pytest.mark.parametrize("style", ["text", "markdown"])
def test_idempotent(profile: str, style: str) -> None:
    params = {"headings": {"style": style}}
    once = cleaner.clean(ARTICLE, profile=profile, params=params)
    assert cleaner.clean(once, profile=profile, params=params) == once


def test_markdown_writes_the_epigraphs_as_headings() -> None:
    out = cleaner.clean(ARTICLE, profile="default", params={"headings": {"style": "markdown"}})
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## من دفتر الشعر",
        "## تَعَلَّمتُ صَبراً في الحَياةِ..وَما الصَّبرُ الّا مَفتاحُ",
        "## وما طال ليل... الا واعقبه فجر",
    ]


def test_no_verse_shape_no_epigraph() -> None:
    # no "..", no "…", no vowel mark: nothing to look for (the cheap test)
    assert epigraph_lines([PROSE, "عنوان", "سطر قصير", PROSE2, "سطر قصير"]) == set()
    assert not open_epigraph([PROSE, "عنوان", "سطر قصير", PROSE2])


def test_open_epigraph_tells_a_verse_waiting_for_its_repeat() -> None:
    assert open_epigraph(HALVES[:4])
    assert not open_epigraph([*HALVES[:4], *[PROSE2] * (REACH + 1)])


def _prose(i: int) -> str:
    """A sentence of prose of its own for each ``i`` (no repeat for duplicate_paragraphs)."""
    words = "الشعر الحنين السفر الديار الأهل الليل النجم القافلة الصحراء المدينة القصيدة الشاعر".split()
    return " ".join(words[(i + k) % len(words)] + ("ات" if (i >> k) & 1 else "") for k in range(12)) + f" في المقال {i}."


# An epigraph and its repeat with many lines of prose between: a stream may cut between them.
LONG = "\n".join(
    [
        "عنوان المقال",
        *[_prose(100 + i) for i in range(30)],
        "من دفتر الشعر",
        "تَعَلَّمتُ صَبراً في الحَياةِ..وَما الصَّبرُ إلّا مَفتاحُ",
        "بقلم الشاعر فلان",
        *[_prose(200 + i) for i in range(30)],
        "تعلمت صبرا في الحياة",
        "وما الصبر الا مفتاح",
        *[_prose(300 + i) for i in range(30)],
    ]
) + "\n"


@pytest.mark.parametrize("target", [1, 200])
def test_streamed_equals_whole(target: int) -> None:
    from cleaner.pipeline import Pipeline

    from streaming import split_at, streamed

    pipeline = Pipeline([("headings", {"style": "markdown"})])  # the step alone: the stream cuts where it allows
    whole = pipeline(LONG)
    assert "## تَعَلَّمتُ صَبراً في الحَياةِ..وَما الصَّبرُ إلّا مَفتاحُ" in whole.splitlines()
    assert streamed(pipeline, split_at(LONG, list(range(0, len(LONG), 5))), target) == whole
