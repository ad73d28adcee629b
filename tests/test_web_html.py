"""The `html` and `wrappers` normalizers: markup left by scrapers, removed without touching prose."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.normalizers.html import html
from cleaner.normalizers.wrappers import trec_roles, wrappers

from strategies import texts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # tags go, their text stays; block elements break the line, inline ones join
        ("<p>نص الخبر</p>", "\nنص الخبر\n"),
        ("سطر<br>سطر", "سطر\nسطر"),
        ("سطر<br/>سطر<BR />سطر", "سطر\nسطر\nسطر"),
        ("<div>أول</div><div>ثان</div>", "\nأول\n\nثان\n"),
        ("<ul><li>بند</li><li>آخر</li></ul>", "\n\nبند\n\nآخر\n\n"),
        ("<table><tr><td>خلية</td></tr></table>", "\n\n\nخلية\n\n\n"),
        ("كل<span>مة</span>", "كلمة"),
        ("<b>كلمة</b>أخرى", "كلمةأخرى"),
        ("كلمة <strong>مهمة</strong> هنا", "كلمة مهمة هنا"),
        ('<a href="https://x.example/a?b=1&amp;c=2">رابط</a>', "رابط"),
        ('<span class="VIiyi" lang="ar" data-phrase-index="0">نص مترجم</span>', "نص مترجم"),
        # h1–h6: a block of their own
        ("<h2>عنوان فرعي</h2>نص", "\n\nعنوان فرعي\n\nنص"),
        # script, style and comments go with their content
        ("قبل<script>var a = '<p>';</script>بعد", "قبل بعد"),  # a space stays: words never glue
        ("قبل <style>p {color: red}</style> بعد", "قبل  بعد"),
        ("قبل <!-- تعليق <p> --> بعد", "قبل  بعد"),
        # entities are decoded
        ("&nbsp;", "\u00a0"),
        ("أ &amp; ب", "أ & ب"),
        ("&#39;اقتباس&#39;", "'اقتباس'"),
        ("&#x627;&#1604;", "ال"),
        ("&quot;نص&quot;", '"نص"'),
        ("&amp;amp;", "&"),
    ],
)
def test_markup_is_removed_and_text_kept(raw: str, expected: str) -> None:
    assert html(raw) == expected


@pytest.mark.parametrize(
    "prose",
    [
        "إذا كان س < 5 و ص > 3",
        "<< اقتباس من المصدر >>",
        "النسبة <10% في الربع الأول",
        "a < b and c > d",
        "x<y و y>z",
        "اسم المستخدم <user> في الرسالة",
        "<DOC> ليس وسما من HTML",
        "سعر السهم 3 <-> 4 دولارات",
        "Q&A: أسئلة وأجوبة",
        "AT&T و R&D",
        "رابط https://example.com/?a=1&b=2",
        "&foo; ليس كيانا",
        "نص عربي عادي بلا أي وسم",
    ],
)
def test_prose_is_never_mistaken_for_markup(prose: str) -> None:
    assert html(prose) == prose


def test_markup_made_by_removal_or_decoding_is_removed_so_a_second_run_finds_nothing() -> None:
    # removing <b> joins "<scr" and "ipt>": the new tag goes in a second round (its content stays:
    # only a script element standing in the source is dropped whole)
    once = html("<scr<b>ipt>alert(1)</script>")
    assert once == "alert(1)"
    assert html(once) == once
    # double-escaped HTML decodes to markup, removed like markup: plain text, not "&lt;p>نص"
    assert html("&lt;p&gt;نص") == "\nنص"


def test_heading_style_markdown() -> None:
    assert html("<h3>عنوان</h3>", heading_style="markdown") == "\n\n## عنوان\n\n"
    with pytest.raises(ValueError):
        html("<p>x</p>", heading_style="html")


def test_real_cms_markup_through_the_default_profile() -> None:
    raw = (
        '<p>مقدمة الخبر.</p>\n<p>&nbsp;</p>\n<div class="J0lOec"><span class="VIiyi" lang="ar">'
        '<span class="JLqJ4b" data-language-for-alternatives="ar">نص مترجم.</span></span></div>\n'
        '<div class="UdTY9 qhIQqf Yb6eTe" aria-hidden="true" data-location="2">&nbsp;</div>\n'
    )
    assert cleaner.clean(raw, profile="preserve") == "مقدمة الخبر.\n\nنص مترجم.\n"


@pytest.mark.parametrize(
    "hostile",
    [
        "<" * 1_000_000,
        "&" * 1_000_000,
        "<<<<" * 250_000,
        "<b>" * 300_000,
        "<div>" * 100_000 + "نص" + "</div>" * 100_000,
        "<p a" * 250_000,
        "&amp;" * 200_000,
        "<!--" * 250_000,
        "<script>" * 100_000,
        "&#" * 500_000,
    ],
    ids=["lt", "amp", "lt4", "b", "nested", "open-attr", "amp-entity", "comment", "script", "hash"],
)
def test_linear_time_on_hostile_input(hostile: str) -> None:
    start = time.perf_counter()
    once = html(hostile)
    assert html(once) == once
    assert time.perf_counter() - start < 10  # linear: well under a second each on a laptop


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.lists(st.sampled_from(
    ["<p>", "</p>", "<b>", "</b>", "<br>", "<", ">", "&", "amp;", "&lt;", "&#", "60;", "p", "scr", "ipt",
     "<!--", "-->", "نص", " ", "\n", "<script>", "</script>", "&nbsp;", "lt;", "<h2>", "</h2>"]
), max_size=40).map("".join)))
def test_html_is_idempotent(text: str) -> None:
    once = html(text)
    assert html(once) == once


# --- the TREC <DOC> wrapper of the ANT articles -------------------------------------------------

TREC = (
    "<DOC>\n<DOCNO>XX-economy-1-20180101</DOCNO>\n<URL>https://example.com/a</URL>\n<SRC>Site</SRC>\n"
    "<CAT>economy</CAT>\n<TITLE>عنوان الخبر</TITLE>\n<TIME>Mon, 01 Jan 2018 08:00:00 +0000</TIME>\n"
    "<AUTHOR></AUTHOR>\n<ABSTRACT>\nملخص يتكرر في النص\n</ABSTRACT>\n<TEXT>\nالفقرة الأولى.\n"
    "الفقرة الثانية.\n</TEXT>\n</DOC>\n"
)


def test_trec_wrapper_keeps_title_and_text_only() -> None:
    assert wrappers(TREC) == "عنوان الخبر\n\nالفقرة الأولى.\nالفقرة الثانية.\n"
    assert wrappers(wrappers(TREC)) == wrappers(TREC)


def test_trec_roles_name_every_line() -> None:
    roles = [r for r, _ in trec_roles(TREC.split("\n"))]
    assert roles.count("title") == 1
    assert roles.count("text") == 3  # two paragraphs and the empty line after </DOC>
    assert roles[:5] == ["markup"] * 5


def test_text_that_is_not_a_trec_record_is_untouched() -> None:
    for text in ("نص <TITLE>ليس</TITLE> سجلا", "<p>HTML</p>", ""):
        assert wrappers(text) == text


def test_wrapped_article_through_the_default_profile() -> None:
    assert cleaner.clean(TREC, profile="preserve") == "عنوان الخبر\n\nالفقرة الأولى.\n\nالفقرة الثانية.\n"


_WEB = st.lists(
    st.sampled_from(
        [
            "<p>", "</p>", "<div class=\"x\">", "</div>", "<br>", "<span lang=\"ar\">", "</span>", "<h2>", "</h2>",
            "&nbsp;", "&amp;", "&#39;", "&lt;", "<!-- c -->", "<script>x</script>", "اقرأ أيضاً:", "اقرأ أيضاً",
            "المملكة", "تابعونا على فيسبوك", "كتب - فلان:", "القاهرة - أ ش أ", "صورة أرشيفية", "(تصوير فلان)",
            "<DOC>", "<TITLE>", "</TITLE>", "<TEXT>", "</TEXT>", "</DOC>", "Next Previous", "سمات",
            "نص الخبر هنا.", "وأضاف المتحدث أن العمل مستمر.", "عنوان", " ", "\n", "\n\n", ".", "  ",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_WEB)
@pytest.mark.parametrize("profile", ["default", "preserve", "strict"])
def test_profiles_are_idempotent_on_web_residue(profile: str, text: str) -> None:
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once
