"""The `boilerplate` normalizer: site furniture goes, article text stays."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.normalizers.boilerplate import (
    boilerplate,
    classify_boilerplate,
    glued_spans,
    load_phrases,
    remove_spans,
)
from strategies import article, texts

BEFORE = "الفقرة الأولى من الخبر تنتهي بنقطة."
AFTER = "الفقرة الأخيرة من الخبر تنتهي بنقطة."


@pytest.mark.parametrize(
    "furniture",
    [
        "اقرأ أيضاً:",
        "اقرأ أيضا¦",
        "اقرأ أيضا|",
        "إقرأ أيضاً: عنوان خبر آخر في الموقع",
        "للمزيد: عنوان خبر آخر في الموقع",
        "ذات صلة",
        "قصص ذات صلة:",
        "شاهد أيضاً: فيديو عن الحدث",
        "قد يهمك/ عنوان آخر",
        "تابعونا على فيسبوك وتويتر",
        "تابعونا على تطبيق الأخبار",
        "اشترك في النشرة البريدية",
        "جميع الحقوق محفوظة © 2024",
        "Copyright © 2024 Example News. All rights reserved.",
        "© 2024 موقع الأخبار",
        "حقوق النشر محفوظة لموقع الأخبار 2024.",
        "** جميع المقالات المنشورة تمثل رأي كتابها فقط.",
        "Share on facebookShare on twitterShare on emailMore Sharing Services",
        "Follow us on Twitter",
        "Read more: another headline",
        "فيسبوك: https://facebook.com/example",
        "// انتهى //",
    ],
)
def test_a_furniture_line_goes(furniture: str) -> None:
    assert boilerplate(f"{BEFORE}\n{furniture}\n{AFTER}") == f"{BEFORE}\n{AFTER}"


@pytest.mark.parametrize(
    "prose",
    [
        "تابعوا التطورات في الأيام المقبلة كما قال الوزير في مؤتمر صحفي عقده أمس في العاصمة.",
        "نقلا عن مصادر مطلعة، قالت الصحيفة إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة.",
        "للمزيد من الوضوح، شرح المتحدث تفاصيل الخطة على مراحل.",
        "انتهى الاجتماع دون اتفاق.",
        "ذات صلة بالموضوع قال الوزير إن الحكومة ستعلن خطة جديدة لدعم الشركات الصغيرة في المدن.",
        "إعلان نتائج الانتخابات البلدية في المدينة",
        "Related to this, the minister said the plan will be announced next week in the capital city.",
        "الشراكة مع فيسبوك وتويتر تتوسع",
    ],
)
def test_article_text_that_looks_like_furniture_stays(prose: str) -> None:
    text = f"{BEFORE}\n{prose}\n{AFTER}"
    assert boilerplate(text) == text


def test_a_standalone_prompt_takes_the_headlines_under_it_and_no_more() -> None:
    text = "\n".join([BEFORE, "اقرأ أيضاً:", "عنوان أول عن حدث ما", "عنوان ثان.. وتصريح", AFTER])
    assert boilerplate(text) == f"{BEFORE}\n{AFTER}"
    assert classify_boilerplate(text.split("\n")) == [False, True, True, True, False]


def test_a_widget_glued_inside_a_paragraph_goes_and_the_paragraph_stays() -> None:
    # the shape of the example: "…عبر البوابة.  اقرأ أيضاًالمملكةالقبض على (3) مقيمين … وتوفر البوابة…"
    line = "ويمكن التقديم عبر البوابة.  اقرأ أيضاًالمملكةالقبض على (3) مقيمين لمخالفتهم النظام وتوفر البوابة خدمات أخرى."
    assert boilerplate(line) == "ويمكن التقديم عبر البوابة. وتوفر البوابة خدمات أخرى."
    (span,) = glued_spans(line)
    assert line[span[0] : span[1]].startswith("اقرأ أيضاًالمملكة")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("نص الخبر هنا. اقرأ أيضاًالعالمعنوان خبر عن حدث آخر كما أعلنت الوزارة أمس.", "نص الخبر هنا. كما أعلنت الوزارة أمس."),
        ("Next Previous فلان الفلاني – جدة", "فلان الفلاني – جدة"),
        ("وانتهى الموسم بفوز الفريق. سمات الفريق الأول الدوري", "وانتهى الموسم بفوز الفريق."),
        ("سمات الشخصية القيادية كثيرة ومنها الصبر والحكمة.", "سمات الشخصية القيادية كثيرة ومنها الصبر والحكمة."),
        ("قال إن للمزيد من التفاصيل موعدا آخر.", "قال إن للمزيد من التفاصيل موعدا آخر."),
        # "rn" left of an escaped line end ("\\r\\n") after Arabic prose goes; elsewhere it stays
        ("واعتبرت من صفاته و خصائصه الطبيعية.rn rn", "واعتبرت من صفاته و خصائصه الطبيعية."),
        ("دون أن يؤمن في واقعه ويقظته.rnالرؤيا في المنام", "دون أن يؤمن في واقعه ويقظته. الرؤيا في المنام"),
        ("الرابط https://example.com/a.rn للتحميل.", "الرابط https://example.com/a.rn للتحميل."),
        ("It is a modern world. rn is a token.", "It is a modern world. rn is a token."),
    ],
)
def test_glued_spans(line: str, expected: str) -> None:
    assert boilerplate(line) == expected


def test_a_closing_contact_block_goes_whole() -> None:
    text = "\n".join(
        [BEFORE, AFTER, "للتواصل مع الكاتب ارسل رسالة SMS", "تبدأ بالرمز (2) ثم مسافة", "88591 - Stc", "635031 - Mobily"]
    )
    assert boilerplate(text) == f"{BEFORE}\n{AFTER}"


def test_a_closing_series_list_goes() -> None:
    series = [f"مذكرات الفنانة ({n}): عنوان الحلقة رقم {n}" for n in range(2, 6)]
    text = "\n".join([BEFORE, AFTER, *series])
    assert boilerplate(text) == f"{BEFORE}\n{AFTER}"


SERIES = [f"مذكرات الفنانة ({n}): عنوان الحلقة رقم {n} من مذكراتها عن أيام الطفولة" for n in range(2, 5)]  # 11 words


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A repeat of a series line inside the series neither breaks nor counts: it goes with the series.
        ([BEFORE, SERIES[0], SERIES[1], SERIES[0], SERIES[2]], [BEFORE]),
        ([BEFORE, SERIES[0], SERIES[1], SERIES[1], SERIES[2], "انتهى"], [BEFORE]),  # (a closing block: all goes)
        # The lead repeated among the series lines goes with them (duplicate_paragraphs would drop it).
        ([BEFORE, SERIES[0], BEFORE, SERIES[1], SERIES[2]], [BEFORE]),
        # Two lines and a repeat are no series of three: all stay (duplicate_paragraphs drops the repeat).
        ([BEFORE, SERIES[0], SERIES[1], SERIES[0]], [BEFORE, SERIES[0], SERIES[1], SERIES[0]]),
        # A repeat after the series is not part of it.
        ([BEFORE, *SERIES, BEFORE], [BEFORE, BEFORE]),
    ],
)
def test_a_repeated_line_neither_breaks_nor_counts_in_a_closing_series(lines: list[str], expected: list[str]) -> None:
    assert boilerplate("\n".join(lines)) == "\n".join(expected)


def test_a_series_line_repeating_a_line_before_the_closing_part_is_left_out() -> None:
    # A phrase earlier in the text makes boilerplate clean by parts; the copy of the series line
    # stands after the last fixed line, its original before it.
    fixed = f"{BEFORE} {AFTER} {BEFORE}"  # over 12 words, a sentence end: no rule reaches across it
    kept = [BEFORE, SERIES[0], fixed, SERIES[1], SERIES[0], SERIES[2]]  # two series lines and a repeat
    assert boilerplate("\n".join(["اقرأ أيضاً:", "عنوان خبر آخر", *kept])) == "\n".join(kept)


def test_a_repeated_long_sentence_does_not_end_the_closing_part() -> None:
    # A link makes boilerplate clean by parts; the repeated lead is a fixed line (long, a sentence
    # end) inside the series: the closing part starts before it, and it goes with the series.
    lead = f"{BEFORE} {BEFORE}"
    series = ["مذكرات فلان (2): الحلقة الثانية", "مذكرات فلان (3): الحلقة الثالثة", "مذكرات فلان http://x.com/a الرابط"]
    text = "\n".join([lead, series[0], lead, *series[1:]])
    assert boilerplate(text) == lead


# A hypothesis find: the source line under the series ("المصدر: وكالات") took the place of the one
# closing line, so the series under a line of another head went unseen; strict's datelines step then
# dropped the source line, and a second run found the series and, with nothing above it, wiped the text.
_FOUND = (
    "www.:@m @` (2): الحلقة الثانية\nwww.:@m @` (2): الحلقة الثانية\nwww.:@m @` (3): الحلقة الثالثة من المذكرات"
    " الطويلة جدا والتي تحكي عن أيام الطفولة في القرية\nwww.:@m @` !8X6 m8X6 @@ !8X6 !@@ !@8X6 m8X6 mCu@\n"
    "مذكرات فلان (2): الحلقة الثانية\nالمصدر: وكالات"
)
OTHER = "مذكرات فلان (2): الحلقة الثانية"  # a series line of another head
# (over 12 words: a furniture line above them does not make them a closing furniture block)
LONG_SERIES = [f"{line} في القرية" for line in SERIES]
SOURCE = "المصدر: وكالات"  # a source line: the datelines step's


@pytest.mark.parametrize("profile", ["default", "preserve", "search", "strict"])
@pytest.mark.parametrize(
    "text",
    [
        _FOUND,
        "\n".join([*SERIES, OTHER, SOURCE]),  # the find, minimal
        "\n".join([BEFORE, *SERIES, OTHER, SOURCE]),  # under article text
        "\n".join([BEFORE, *SERIES, "شكرا", SOURCE]),  # two closing lines, one the datelines step's
        "\n".join([BEFORE, *SERIES, "محمد أحمد علي", SOURCE]),  # a signature and a source
        "\n".join([BEFORE, SERIES[0], SOURCE, *SERIES[1:], "شكرا"]),  # a source line inside the series
    ],
)
def test_lines_a_later_step_drops_change_nothing_for_the_closing_series(text: str, profile: str) -> None:
    pipeline = cleaner.resolve(profile)
    once = pipeline(text)
    assert pipeline(once) == once


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The source line is left out (the datelines step's): the line above it closes the series.
        ([BEFORE, *SERIES, OTHER, SOURCE], [BEFORE, SOURCE]),
        ([BEFORE, *SERIES, "شكرا", SOURCE], [BEFORE, SOURCE]),
        ([BEFORE, *SERIES, "محمد أحمد علي", SOURCE], [BEFORE, SOURCE]),
        # inside the series it goes with it
        ([BEFORE, SERIES[0], SOURCE, *SERIES[1:]], [BEFORE]),
        # Nothing of the article above the series: it is the content, not furniture under an article.
        (SERIES, SERIES),
        ([*SERIES, OTHER, SOURCE], [*SERIES, OTHER, SOURCE]),
        ([*SERIES, "شكرا"], [*SERIES, "شكرا"]),
        (["القاهرة - أ ش أ", *SERIES], ["القاهرة - أ ش أ", *SERIES]),  # a dateline is no article text
        (["اقرأ أيضاً: عنوان خبر آخر", "", *LONG_SERIES], ["", *LONG_SERIES]),  # nor is furniture
    ],
)
def test_a_closing_series_stands_under_article_text_and_looks_past_apparatus(
    lines: list[str], expected: list[str]
) -> None:
    assert boilerplate("\n".join(lines)) == "\n".join(expected)


def test_the_closing_part_of_a_text_cleaned_by_parts_has_article_text_above() -> None:
    # A phrase earlier in the text makes boilerplate clean by parts; the closing part starts at
    # the fixed line, which stays: the series under it goes.
    fixed = f"{BEFORE} {AFTER} {BEFORE}"  # 18 words, a sentence end: a fixed line
    text = "\n".join(["اقرأ أيضاً:", "عنوان خبر آخر", fixed, *SERIES, SOURCE])
    assert boilerplate(text) == "\n".join([fixed, SOURCE])


def test_a_long_apparatus_line_inside_the_series_does_not_start_the_closing_part() -> None:
    # An interview's credit is a fixed line (long, a sentence end) that the bylines step drops: the
    # closing series looks past it, so the closing part starts above it, as cleaning the whole text.
    from cleaner.normalizers.boilerplate import _rounds

    credit = "مقابلة مع وزير الشؤون الاجتماعية والعمل في الحكومة الجديدة فلان الفلاني أجرتها فلانة الفلانية."
    fixed = f"{BEFORE} {AFTER} {BEFORE}"  # 18 words, a sentence end: a fixed line
    text = "\n".join(["اقرأ أيضاً:", "عنوان خبر آخر", fixed, SERIES[0], credit, *SERIES[1:]])
    assert boilerplate(text) == _rounds(text, ()) == fixed


def test_a_schedule_is_no_closing_series() -> None:
    # Items that share only a time or a number and punctuation ("14:30 :") open a schedule or a
    # fixtures list, not links to a series (the words of a title open each of those).
    games = [
        "14:30 : نادي حمام الأنف – شبيبة القيروان : أمير لوصيف",
        "14:30 : مستقبل المرسى – مستقبل قابس : نضال باللطيف",
        "14:30 : الملعب القابسي – النادي البنزرتي : رشدي قزقز",
    ]
    bullets = ["- البرتغال * التشيك / الخميس 21 يونيو", "- ألمانيا * اليونان / الجمعة 22 يونيو", "- إسبانيا * فرنسا / السبت 23 يونيو"]
    for items in (games, bullets):
        text = "\n".join([BEFORE, *items])
        assert boilerplate(text) == text
    listed = [f"- {line}" for line in SERIES]  # a bulleted series: the title's words follow the bullet
    assert boilerplate("\n".join([BEFORE, *listed])) == BEFORE


# The atheris find where duplicate_paragraphs exposed a closing series is a regression test in
# tests/test_reliability_fuzz.py (every profile).


_ENDING_BODY = [
    BEFORE,
    "وقال المتحدث إن الاجتماع سيعقد يوم 12 مارس في القاهرة بحضور الوزراء العرب.",
    "عنوان خبر آخر",
    "اقرأ أيضاً: عنوان خبر عن حدث آخر",
    "www.example.com/news/2024 :@m @` الرابط الكامل للخبر هنا مع صور وفيديو حصري 8X6",
    "",
]
_SERIES_HEADS = ["مذكرات فلان", "www.:@m @`", "الحلقة", "مذكرات الفنانة سعاد"]
_SERIES_TAILS = [
    "(2): الحلقة الثانية",
    "(3): الحلقة الثالثة من المذكرات الطويلة جدا والتي تحكي عن أيام الطفولة في القرية",
    "!8X6 m8X6 @@ !8X6 !@@ !@8X6 m8X6 mCu@",
    "! m",
    "6 m",
    "http://x.com/a?b=1 الرابط",
    "10:30 مساء السبت",
    "(5): عنوان الحلقة الخامسة.",
]


@st.composite
def _article_endings(draw: st.DrawFn) -> str:
    """Article endings: body lines, series-like lines, repeats of earlier lines, a dangling line."""
    lines = draw(st.lists(st.sampled_from(_ENDING_BODY), max_size=4))
    lines += draw(st.lists(st.sampled_from([f"{h} {t}" for h in _SERIES_HEADS for t in _SERIES_TAILS]), max_size=6))
    for _ in range(draw(st.integers(0, 3))):
        if lines:
            k = draw(st.integers(0, len(lines) - 1))
            lines.insert(draw(st.integers(k + 1, len(lines))), lines[k])
    closers = ["شكرا", "المصدر: وكالات", "انتهى", "http://x.com", "محمد أحمد علي", "القاهرة - 12 مارس 2020"]
    lines += draw(st.lists(st.sampled_from(closers), max_size=2))  # closing lines, some a later step's
    return draw(st.sampled_from(["\n", "\n\n"])).join(lines)


@settings(max_examples=400, deadline=None)
@given(_article_endings(), st.sampled_from(["default", "preserve", "search", "strict"]))
def test_profiles_are_idempotent_on_article_endings_with_series_and_repeats(text: str, profile: str) -> None:
    pipeline = cleaner.resolve(profile)
    once = pipeline(text)
    assert pipeline(once) == once


def test_phrases_are_data_and_extensible() -> None:
    lists = load_phrases()
    assert "اقرأ أيضا" in lists["related"] and "تابعونا على" in lists["line"]
    text = f"{BEFORE}\nمحتوى برعاية شركة ما\n{AFTER}"
    assert boilerplate(text) == text
    assert boilerplate(text, phrases=("محتوى برعاية",)) == f"{BEFORE}\n{AFTER}"
    # the same through the pipeline, as a configuration file would pass it
    params = {"boilerplate": {"phrases": ["محتوى برعاية"]}}  # a list, as from JSON
    assert cleaner.clean(text, profile="preserve", params=params) == f"{BEFORE}\n\n{AFTER}\n"


def test_remove_spans_never_glues_words() -> None:
    assert remove_spans("أول ودجت ثان", [(4, 8)]) == "أول ثان"
    assert remove_spans("أولودجتثان", [(3, 7)]) == "أول ثان"
    assert remove_spans("نص", []) == "نص"


def test_linear_time_on_hostile_input() -> None:
    for hostile in (
        "اقرأ أيضا" * 100_000,
        "اقرأ أيضاًالمملكة" + "كلمة " * 200_000,
        ("سمات " * 50_000 + ".\n") * 4,
        ". اقرأ أيضاًا " * 50_000,
        ". للمزيد " * 100_000,
        ". اقرأ أيضاًالعالم عنوان وأكد " * 50_000,
        "Next Previous " * 50_000,
    ):
        start = time.perf_counter()
        once = boilerplate(hostile)
        assert boilerplate(once) == once
        assert time.perf_counter() - start < 20


@settings(max_examples=300, deadline=None)
@given(texts)
def test_idempotent_on_any_text(text: str) -> None:
    once = boilerplate(text)
    assert boilerplate(once) == once


@settings(max_examples=200, deadline=None)
@given(article)
def test_generated_articles_without_furniture_are_untouched(text: str) -> None:
    assert boilerplate(text) == text


# --- The prefilter: one search finds every line a rule may act on -------------------------------

_MARKS = "\u064b\u064e\u0650\u0651\u0652\u0640"


def _variants(phrase: str) -> list[str]:
    """``phrase`` as the rules still match it: marks after the letters, other spaces, other case."""
    marked = "".join(c + ("\u064e\u0651" if "\u0621" <= c <= "\u064a" else "") for c in phrase)
    return [phrase, marked, phrase.replace(" ", "\u00a0 "), phrase.upper(), phrase.replace("ا", "أ")]


@pytest.mark.parametrize("extra", [(), ("خبر عاجل", "-- ملحوظة", "Advertisement")])
def test_the_prefilter_finds_every_phrase_wherever_a_rule_can_use_it(extra: tuple[str, ...]) -> None:
    from cleaner.normalizers.boilerplate import _quick_none, rules

    r = rules(extra)
    lists = load_phrases()
    inside = set(lists["related"] + lists["span"])
    for phrase in {p for ps in lists.values() for p in ps} | set(extra):
        for v in _variants(phrase):
            lines = [v, f"  - {v}: عنوان", f"http://x.com{v}"]  # where a line-opening phrase counts
            lines += [f"نص الخبر. {v} عنوان", f"نص{v}نص"] if phrase in inside else []  # and one inside a line
            if phrase in lists["tail"]:  # a tail widget counts after a sentence end or before a colon
                lines += [f"نص الخبر. {v} عنوان", f"نص «الخبر.»\u064e  {v}عنوان", f"نص الخبر {v} أ ب ج د:هـ"]
            for line in lines:
                assert r.may_hold(line), (phrase, line)
                assert not _quick_none(line, extra), (phrase, line)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_a_line_the_prefilter_passes_over_holds_nothing_for_any_rule(text: str) -> None:
    from cleaner.normalizers.boilerplate import _COPYRIGHT, _SOCIAL, _quick_none, rules

    r = rules(())
    for line in text.split("\n"):
        s = line.strip()
        fires = bool(
            s
            and (
                r.related.match(s) or r.line.match(s) or r.alone.match(s) or r.span.search(s) or r.glued.search(s)
                or _tail_fires(s) or _COPYRIGHT.search(s) or _SOCIAL.match(s)
            )
        )
        if fires:
            assert r.may_hold(line) and not _quick_none(line, ())


def _tail_fires(line: str) -> bool:
    """Whether a tail widget in ``line`` stands where ``glued_spans`` may cut it: after the end of a
    sentence, or before a colon in the five words after it."""
    from cleaner.normalizers.boilerplate import _MARKS_RE, _SENTENCE_END, rules

    for m in rules(()).tail.finditer(line):
        before = _MARKS_RE.sub("", line[max(0, m.start() - 12) : m.start()]).rstrip(" \t\u00a0")
        if _SENTENCE_END.search(before) or ":" in " ".join(line[m.end() :].split()[:5]):
            return True
    return False


@pytest.mark.parametrize(
    "line",
    [
        "وانتهى الموسم بفوز الفريق. سمات الفريق الأول الدوري",
        "وانتهى الموسم بفوز «الفريق.»\u064e  وسوم الفريق الأول الدوري",
        "وانتهى الموسم بفوز الفريق، الكلمات المفتاحية للخبر: الفريق، الدوري",
        "وانتهى الموسم بفوز الفريق رابط الخبر المختصر هنا الآن:https://example.com/a",
    ],
)
def test_the_prefilter_finds_a_tail_widget_where_it_is_cut(line: str) -> None:
    from cleaner.normalizers.boilerplate import rules

    assert glued_spans(line), line  # the rule cuts it
    assert rules(()).may_hold(line) and rules(()).trigger(line).positions(line), line


_WORDS = ["نص", "الخبر", "10:30", "http://x.com/a", "وقال", "أ", "ب:", ":", "x", "«جدا»", "عنوان", "Read"]
_PUNCT = [".", "!", "؟", "?", ".»", '."', ".)", "،", "", " ", ":", "-", "\u064e", "\u0640", "\u00a0"]


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=8),
    st.lists(st.sampled_from(_PUNCT), max_size=3),
    st.sampled_from(sorted({p for ps in load_phrases().values() for p in ps})),
    st.lists(st.sampled_from(_PUNCT + ["", "", "نص"]), max_size=2),
    st.lists(st.sampled_from(_WORDS), max_size=18),
)
def test_the_prefilter_passes_no_line_a_rule_cuts(
    before: list[str], gap: list[str], phrase: str, glue: list[str], after: list[str]
) -> None:
    from unittest import mock

    from cleaner.normalizers.boilerplate import _Rules, line_kind, rules

    line = " ".join(before) + "".join(gap) + phrase + "".join(glue) + " ".join(after)
    with mock.patch.object(_Rules, "trigger", lambda self, text: None):  # every line looked at
        acts = bool(glued_spans(line)) or line_kind(line) is not None
    if acts:
        assert rules(()).may_hold(line), line


_PIECES = [
    "نص الخبر الأول طويل بما يكفي ليكون فقرة كاملة من فقرات المقال وهو ينتهي بنقطة في آخره.",
    "عنوان خبر آخر",
    "اقرأ أيضاً:",
    "قصص ذات صلة",
    "تابعونا على فيسبوك",
    "مذكرات فلان (2): الحلقة الثانية",
    "مذكرات فلان (3): الحلقة الثالثة",
    "مذكرات فلان (4): الحلقة الرابعة",
    "نص الخبر هنا. اقرأ أيضاًالعالمعنوان خبر عن حدث آخر كما أعلنت الوزارة أمس.",
    "للتواصل: 0501234567",
    "جميع الحقوق محفوظة",
    "المصدر: وكالات",
    "محمد أحمد علي",
    "مقابلة مع وزير الشؤون الاجتماعية والعمل في الحكومة الجديدة فلان الفلاني أجرتها فلانة الفلانية.",
    "  ",
    "",
    # other stories' leads (a block of them closes an article) and a note about the text
    "أكدت وزارة الخارجية، الاثنين، أن الأنباء التي تم تداولها عن استدعاء السفير غير صحيحة تماما.",
    "قررت المحكمة، الأحد، تأجيل النظر في القضية إلى جلسة الشهر المقبل لاستكمال الاستماع إلى الشهود",
    "فاز المنتخب الوطني على نظيره بثلاثة أهداف مقابل هدف في المباراة الودية التي أقيمت في العاصمة أمس.",
    "علماً أن الموقع لا يمكنه التأكد من صحة المعلومات المتناقلة عبر مواقع التواصل الاجتماعي.",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from(["\n", "\r\n"]))
def test_cleaning_by_parts_equals_cleaning_the_whole_text(lines: list[str], sep: str) -> None:
    from cleaner.normalizers.boilerplate import _rounds

    text = sep.join(lines)
    assert boilerplate(text) == (_rounds(text.replace("\r\n", "\n"), ()) if text.strip() else text)


# The closing part's search walks up from the end asking, line by line, whether a long line repeats
# an earlier one; the sliding window must answer exactly as _repeats does (it replaced a re-keying of
# up to 64 KB per line, which made a text ending in thousands of repeats crawl).
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["alpha", "ALPHA", "بيت", "بيـت", "قال", "x", " ", ""]), max_size=5).map(" ".join),
    st.lists(st.integers(0, 7), min_size=1, max_size=40),
    st.sampled_from([5, 12, 30, 80, 1 << 16]),
)
def test_the_sliding_repeat_window_answers_as_repeats(word: str, picks: list[int], reach: int) -> None:
    import cleaner.normalizers.boilerplate as boilerplate

    pool = [word, "alpha beta", "ALPHA  beta", "بيت كبير", "بيـت كبير", "", "  ", "قال"]
    text = "\n".join(pool[i] for i in picks)
    saved = boilerplate._REPEAT_REACH
    boilerplate._REPEAT_REACH = reach
    try:
        window = boilerplate._RepeatWindow(text)
        end = len(text)
        while end >= 0:
            start = text.rfind("\n", 0, end) + 1
            if text[start:end].strip():
                expected = 0 in boilerplate._repeats([text[start:end]], text[max(0, start - reach) : start])
                assert window.repeats(start, end) == expected, (text, start)
            end = start - 1
    finally:
        boilerplate._REPEAT_REACH = saved


# --- Fast paths that must answer as the plain search does -----------------------------------------

_LINE_BITS = sorted({p for p in load_phrases()["related"]}) + [
    "نص", "الخبر", " ", "  ", ".", ". ", "\u064e", "\u0651", "\u0640", "\u00a0", "أ", "ا", "ى", "ة", "ه",
    "المزيد", "ذات", "صلة", "أيضاً", "READ MORE", "see", "x", ":", "«", "»", "قد", "يهمك", "كذلك",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINE_BITS), max_size=60).map("".join))
def test_the_search_near_anchors_finds_the_related_prompts_the_whole_search_finds(line: str) -> None:
    import cleaner.normalizers.boilerplate as bp

    saved = bp._NEAR_CHARS
    bp._NEAR_CHARS = 0  # every line searched near its anchors
    try:
        for r in (bp.rules(()), bp.rules(()).plain):
            assert [m.span() for m in bp._finditer_related(r.glued, line)] == [m.span() for m in r.glued.finditer(line)]
        near = glued_spans(line)
    finally:
        bp._NEAR_CHARS = saved
    bp._NEAR_CHARS = 1 << 30  # every line searched whole
    try:
        assert glued_spans(line) == near
    finally:
        bp._NEAR_CHARS = saved


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PUNCT, "نص", "x", " ", "\n", "\t", "»", ")", "]", "'", '"']), max_size=12).map("".join))
def test_the_sentence_end_checks_look_at_the_end_only_and_answer_as_the_full_search(text: str) -> None:
    import re

    from cleaner.normalizers.boilerplate import _SENTENCE_END, _at_most, _ends_sentence, _headline_like, _words

    assert _ends_sentence(text) == bool(_SENTENCE_END.search(text))
    assert _at_most(text, 3) == (_words(text) <= 3)
    s = text.strip()
    expected = bool(s) and _words(s) <= 25 and bool(re.search(r"[^\W\d_]", s)) and not re.search(r"(?<!\.)\.\s*$", s)
    assert _headline_like(text) == expected


def test_a_tail_widget_before_a_colon_counts_when_an_earlier_colon_is_far_up_the_line() -> None:
    from cleaner.normalizers.boilerplate import rules

    line = "قال المتحدث: " + "نص الخبر الطويل " * 40 + "رابط الخبر المختصر هنا الآن:https://example.com/a"
    assert glued_spans(line), line
    assert rules(()).may_hold(line) and rules(()).trigger(line).positions(line)
    closed = "قال المتحدث: " + "نص الخبر الطويل " * 40 + "رابط الخبر: هنا."  # a sentence end closes the line
    assert not glued_spans(closed)


# --- Written to compile fast: the same matches as the patterns written plainly ---------------------

_SET_CHARS = "اأإآٱيىةهؤئكخsSſkK\u212aiIİı(©.-]^\\\u064e\u0640\u06e5 \u00a0"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SET_CHARS, min_size=1, max_size=8), st.sampled_from(["", "\\W", "\\s"]))
def test_a_class_written_to_compile_fast_matches_the_same_characters(chars: str, cats: str) -> None:
    import re

    from cleaner.normalizers.boilerplate import _cls, _one_of

    plain = re.compile(f"[{re.escape(chars)}{cats}]")
    for flags in (0, re.IGNORECASE):
        fast = re.compile(_cls(chars, cats), flags)
        one = re.compile(_one_of(chars, *([f"[{cats}]"] if cats else [])), flags)
        merged = re.compile(_one_of(chars, *([f"[{cats}]"] if cats else []), merged=True), flags)
        slow = re.compile(plain.pattern, flags)
        for c in _SET_CHARS + "ab.:ـ\n":
            expected = bool(slow.fullmatch(c))
            assert bool(fast.fullmatch(c)) == expected, (chars, cats, c)
            assert bool(one.fullmatch(c)) == bool(merged.fullmatch(c)) == expected, (chars, cats, c)


_MARKED_BITS = sorted({p for ps in load_phrases().values() for p in ps}) + [
    "نص", " ", "  ", ".", ": ", "\u064e", "\u064b\u0651", "\u0640", "\u06e5", "\u0670" * 5, "\u064e" * 4, "ا",
    "أ", "ى", "ة", "x", "-", "•", "http://x.com", "@a", "\u00a0", "سمات", "وسوم", "ال",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_MARKED_BITS), max_size=14).map("".join),
    st.integers(0, 40),
    st.integers(0, 80),
)
def test_the_matchers_for_a_line_holding_marks_answer_as_the_patterns_written_with_marks(
    line: str, pos: int, endpos: int
) -> None:
    # The matchers without marks, used on the line without the marks after its letters, find what
    # the patterns written with a mark class after every letter find (which are slow to compile).
    from cleaner.normalizers.boilerplate import _lead_pattern, _search_pattern, _Unmarking, rules

    r = rules(())
    for name, section, compile_ in (
        ("related", "related", _lead_pattern),
        ("line", "line", _lead_pattern),
        ("alone", "alone", _lead_pattern),
        ("glued", "related", _search_pattern),
        ("span", "span", _search_pattern),
        ("tail", "tail", _search_pattern),
    ):
        written = compile_(load_phrases()[section], True)
        matcher = getattr(r, name)
        assert isinstance(matcher, _Unmarking) or matcher.pattern == written.pattern, name
        a, b = written.match(line), matcher.match(line)
        assert (a and a.span()) == (b and b.span()), (name, line)
        assert (a and a.group(0)) == (b and b.group(0)), (name, line)
        a, b = written.search(line, pos, endpos), matcher.search(line, pos, endpos)
        assert (a and a.span()) == (b and b.span()), (name, line, pos, endpos)
        spans = [m.span() for m in written.finditer(line, pos)]
        assert [m.span() for m in matcher.finditer(line, pos)] == spans, (name, line, pos)
        assert matcher.sub("", line) == written.sub("", line), (name, line)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_MARKED_BITS + ["\n", "\n", ". ", "؟ ", ":"]), max_size=40).map("".join))
def test_the_trigger_quick_to_compile_finds_what_the_trigger_quick_to_search_finds(text: str) -> None:
    from cleaner.normalizers.boilerplate import _trigger

    for loose in (False, True):
        fast, merged = _trigger((), loose), _trigger((), loose, True)
        assert [m.span() for m in fast.pattern.finditer(text)] == [m.span() for m in merged.pattern.finditer(text)]
        assert [m.span() for m in fast.colon.finditer(text)] == [m.span() for m in merged.colon.finditer(text)]


_APART_BITS = _MARKED_BITS + ["\n", "\n", ". ", "؟ ", ":", ": ", "ك", "كان ", "مك", "همك", "ة ", " هم", "يهمكم", "الخبر"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_APART_BITS), max_size=40).map("".join))
def test_the_trigger_searching_a_branch_apart_finds_what_one_alternation_finds(text: str) -> None:
    # The branch of a common letter (the kaf of "قد يهمك") is searched on its own, and a colon's
    # line is looked at first with the pieces of the tail widgets: the same candidates as the one
    # alternation holding every branch, with the colon's line searched for the widgets themselves.
    import re

    from cleaner.normalizers.boilerplate import _Trigger, _trigger

    for loose in (False, True):
        for merged in (False, True):
            trigger = _trigger((), loose, merged)
            assert trigger.apart and (trigger.near is not None) == merged
            whole = re.compile("|".join([trigger.pattern.pattern] + [p.pattern for p in trigger.apart]))
            one = _Trigger(whole, trigger.colon)
            assert trigger.positions(text) == one.positions(text)
            for line in text.split("\n"):
                assert trigger.holds(line) == one.holds(line)
                assert trigger.near is None or trigger.colon.search(line) is None or trigger.near.search(line)
