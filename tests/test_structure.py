"""Article structure: bylines, captions, datelines, repeated paragraphs, and the `strict` profile."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import cleaner
from cleaner.normalizers.structure import (
    bylines,
    captions,
    classify_lines,
    dateline_kind,
    datelines,
    duplicate_paragraphs,
    is_caption,
)
from strategies import article, texts

TITLE = "عنوان الخبر الرئيسي"
PARA = "نص الفقرة الأولى من الخبر يطول قليلا وينتهي بنقطة كما ينبغي."
PARA2 = "نص الفقرة الثانية من الخبر يطول أيضا وينتهي بنقطة في آخره."


@pytest.mark.parametrize(
    "line",
    [
        "كتبت- فلانة الفلانية",
        "كتب - فلان الفلاني:",
        "كتب: فلان بن فلان الفلاني -",
        "بقلم: فلان الفلاني",
        "إعداد - فلانة الفلانية",
        "للشاعر المرحوم فلان الفلاني",
        "author@example.com",
        "بغداد/ فلان الفلاني",
        "بغداد-فلان فلان الفلاني",
        "فلان الفلاني – جدة",
    ],
)
def test_byline_lines(line: str) -> None:
    assert classify_lines([TITLE, line, PARA]) == [None, "byline", None]
    assert bylines(f"{TITLE}\n{line}\n{PARA}") == f"{TITLE}\n{PARA}"


@pytest.mark.parametrize(
    "line",
    [
        "الجزيرة - الرياض :",
        "القاهرة - أ ش أ",
        "تونس - لندن: «الشرق الأوسط»",
        "عين اليوم – برشلونة",
        "26 مارس 2020",
        "17/04/2012",
        "الأربعاء 10 أغسطس 2015",
        "أنقرة 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس",
        "10:47 ص",
    ],
)
def test_dateline_lines(line: str) -> None:
    assert dateline_kind(line) == "dateline"
    assert datelines(f"{TITLE}\n{line}\n{PARA}") == f"{TITLE}\n{PARA}"


@pytest.mark.parametrize(
    "line",
    [
        "لندن (رويترز) - قال مسؤول إن المحادثات مستمرة.",
        "القاهرة - أعلنت الوزارة اليوم عن خطة جديدة لدعم المزارعين في الصعيد.",
        "(1)",
        "3 إصلاحات",
        "مكان الميلاد : الخرطوم",
        "5- مقر نادي الأمل بالبكيرية",
        "الفائزون :",
    ],
)
def test_a_dateline_opening_a_paragraph_and_other_lines_stay(line: str) -> None:
    text = f"{TITLE}\n{PARA}\n{line}\n{PARA2}"
    for step in (bylines, captions, datelines):
        assert step(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "المتظاهرون في الميدان (تصوير فلان الفلاني)",
        "(تصوير فلان الفلاني)",
        "صورة أرشيفية",
        "الصورة: الوزير خلال زيارته",
        "عدسة: فلان الفلاني",
        # photo credits and notes anywhere in a short line
        "صورة تعبيرية",
        "*ملاحظة: الصورة توضيحية-",
        "تحقيق: القسم الاقتصادي - تصوير: فلان الفلاني",
        "ارتفعت الإيرادات في الربع الثاني. تصوير: فلان الفلاني",
        "اضغط على الصورة لمشاهدة الحجم الكامل",
        "جميع الصور تنتمي الى أصحاب حقوق الطبع والنشر.",
    ],
)
def test_caption_lines(line: str) -> None:
    assert is_caption(line)
    assert captions(f"{PARA}\n{line}\n{PARA2}") == f"{PARA}\n{PARA2}"


@pytest.mark.parametrize(
    "line",
    [
        "وقال المصور إن الصورة التي التقطها فازت بجائزة دولية في مسابقة العام الماضي.",
        "صورة المجتمع في الرواية العربية الحديثة",
        "تصوير الفيلم يبدأ الشهر المقبل في المغرب كما أعلن المخرج في مؤتمر صحفي أمس.",
        "بدء تصوير المسلسل الجديد",
    ],
)
def test_prose_about_photos_stays(line: str) -> None:
    text = f"{PARA}\n{line}\n{PARA2}"
    assert captions(text) == text


def test_a_name_alone_is_a_byline_only_under_the_title_or_at_the_end() -> None:
    assert classify_lines([TITLE, "فلان الفلاني", PARA, PARA2]) == [None, "byline", None, None]
    assert classify_lines([TITLE, PARA, PARA2, "فلان الفلاني"]) == [None, None, None, "byline"]
    # in the middle, a short line between paragraphs is a sub-heading's business
    assert classify_lines([TITLE, PARA, "دعم مستمر", PARA2]) == [None, None, None, None]


def test_a_name_and_a_colon_at_the_head_is_a_credit() -> None:
    # the author or the desk under the title or its subtitle ("?": a bullet lost to the code page)
    assert classify_lines([TITLE, "ثقافة اليوم:", PARA]) == [None, "byline", None]
    assert classify_lines([TITLE, "تجربة الكاتبة في القراءة", "ثقافة اليوم:", PARA]) == [None, None, "byline", None]
    assert classify_lines([TITLE, "?راشد مفتاح السليطي:", "(1)", PARA]) == [None, "byline", None, None]
    # not under a paragraph, nor next to another bare name (a list: removing one would expose the next)
    assert classify_lines([TITLE, PARA + " " + PARA2 + " " + PARA, "تعريف الرقية:", PARA2]) == [None] * 4
    assert classify_lines([TITLE, "فلان الفلاني:", "علان العلاني:", PARA]) == [None] * 4


def test_a_byline_glued_to_the_first_paragraph_goes() -> None:
    text = f"{TITLE}\nإعداد – فلانة الفلانية: {PARA}\n{PARA2}"
    assert bylines(text) == f"{TITLE}\n{PARA}\n{PARA2}"
    text = f"{TITLE}\nفلان الفلاني – الجزيرة {PARA}\n{PARA2}"
    assert bylines(text) == f"{TITLE}\n{PARA}\n{PARA2}"


def test_duplicate_paragraphs_keep_the_first() -> None:
    lead = "هذه مقدمة الخبر التي يعيدها الموقع في آخر المقال كما هي تماما دون تغيير."
    text = f"{lead}\n{PARA}\n{PARA2}\n{lead.replace(' ', '  ')}"
    assert duplicate_paragraphs(text) == f"{lead}\n{PARA}\n{PARA2}"
    refrain = "بى الفن والرجالة"
    poem = f"{refrain}\nالليلة اتحفتونا\n{refrain}"
    assert duplicate_paragraphs(poem) == poem  # a short refrain is kept
    assert duplicate_paragraphs(text, min_words=100) == text


def test_strict_profile_is_default_plus_structure() -> None:
    strict, default = cleaner.resolve("strict").names, cleaner.resolve("default").names
    assert set(strict) - set(default) == {"bylines", "captions", "datelines"}
    for name in ("html", "boilerplate", "duplicate_paragraphs", "wrappers"):
        assert name in default
    for name in ("bylines", "captions", "datelines"):
        assert name not in default and name not in cleaner.resolve("preserve").names
    order = cleaner.ORDER
    assert order.index("wrappers") < order.index("html") < order.index("unicode") < order.index("cms_markers")
    assert order.index("unicode") < order.index("boilerplate") < order.index("duplicate_paragraphs")
    assert order.index("duplicate_paragraphs") < order.index("bylines") < order.index("headings")


def test_strict_on_a_small_article() -> None:
    raw = "\n".join(
        [
            "<p>عنوان الخبر الرئيسي</p>",
            "<p>كتب - فلان الفلاني:</p>",
            "<p>القاهرة - أ ش أ</p>",
            f"<p>{PARA}</p>",
            "<p>اقرأ أيضاً: عنوان خبر آخر</p>",
            "<p>صورة أرشيفية</p>",
            f"<p>{PARA2}</p>",
            "<p>تابعونا على فيسبوك</p>",
        ]
    )
    assert cleaner.clean(raw, profile="strict", disable=["alef", "yeh"]) == f"عنوان الخبر الرئيسي\n\n{PARA}\n\n{PARA2}\n"
    kept = cleaner.clean(raw, profile="preserve")
    assert "كتب - فلان الفلاني" in kept and "صورة أرشيفية" in kept and "اقرأ أيضاً" not in kept


@settings(max_examples=200, deadline=None)
@given(texts)
def test_structure_steps_are_idempotent(text: str) -> None:
    for step in (bylines, captions, datelines, duplicate_paragraphs):
        once = step(text)
        assert step(once) == once


@settings(max_examples=200, deadline=None)
@given(article)
def test_strict_is_idempotent_on_generated_articles(text: str) -> None:
    once = cleaner.clean(text, profile="strict")
    assert cleaner.clean(once, profile="strict") == once


# Inputs found by fuzzing the web-residue and structure steps with furniture fragments, controls
# and marks: each once made a profile non-idempotent (a later step revealed something to an earlier one).
FOUND_BY_FUZZING = [
    ("default", "اقرأ أيضاًكتب - فلان:وأضاف المتحدث أن العمل مستمر."),
    ("search", "<h2Next Previous>"),
    ("search", "\u064dاقرأ أيضا"),
    ("search", "o@e.gاقرأ أيضا"),
    ("search", "تابعنا علىhttp://x"),
    ("search", "# سماتo@e.d:"),
    ("search", ".\u064fسمات"),
    ("default", "لNext Previous!"),
    ("default", "بـNext Previous"),
    ("default", "<DOCNO\u200d><DOC>"),
    ("search", "\u064b<DOCNO><DOC>"),
    ("default", "<TITLE><DOCNO><DOC>"),
    ("default", "<!--\u200f&gt;"),
    ("default", ";سمات# <script> [[sysة<DOCNO>x</DOCNO>ا ھفيسبوك:"),
    ("strict", "كتب-لان:تابعنا على;ب ى"),
    ("strict", ";<h2>■«ە<h2>!"),
    ("strict", "د<h2>\u064b<br><span>ب\tي"),
]


@pytest.mark.parametrize(("profile", "text"), FOUND_BY_FUZZING)
def test_inputs_found_by_fuzzing_are_idempotent(profile: str, text: str) -> None:
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once
