"""Review 4's defects in the markup steps (``wrappers``, ``html``), the markdown headings of HTML and
the ``rn`` residue rule: TREC records on one line or in lower case, maths taken for tags, quoted
``>`` in attributes, words glued where markup stood, unclosed scripts, CDATA, namespaced tags."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import resolve
from cleaner.normalizers.html import html
from cleaner.normalizers.wrappers import wrappers
from streaming import split_at, streamed

BODY = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين."
MORE = "وقال وزير الزراعة إن الخطة ستنفذ على ثلاث مراحل."


# --- wrappers: a record is unwrapped whatever its layout --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the whole record on one line: its title and text stay (they vanished)
            f"<DOC><DOCNO>ANT_1</DOCNO><TITLE>عنوان الخبر</TITLE><TEXT>{BODY}</TEXT></DOC>",
            f"عنوان الخبر\n\n{BODY}\n",
        ),
        (  # two one-line records, the second one's text on two lines
            f"<DOC><DOCNO>1</DOCNO><TITLE>أول</TITLE><TEXT>{BODY}</TEXT></DOC>\n"
            f"<DOC><DOCNO>2</DOCNO><URL>https://example.com/2</URL><TITLE>ثان</TITLE><TEXT>{MORE}\n{BODY}</TEXT></DOC>\n",
            f"أول\n\n{BODY}\n\nثان\n\n{MORE}\n{BODY}\n",
        ),
        (  # fields glued to the tags of the common layout
            f"<DOC>\n<DOCNO>1</DOCNO><TITLE>عنوان</TITLE>\n<TEXT>{BODY}\n{MORE}</TEXT>\n</DOC>\n",
            f"عنوان\n\n{BODY}\n{MORE}\n",
        ),
        (  # a line of prose holding a field keeps its words; a line of fields only is markup
            f"<DOC>\n<DOCNO>1</DOCNO>\n<TITLE>عنوان</TITLE>\n<TEXT>\n{BODY}\n"
            "وللمزيد راجع الرابط <URL>http://x.com</URL> حيث نشرت الوزارة التفاصيل.\n"
            "<URL>http://y.com</URL>\n</TEXT>\n</DOC>\n",
            f"عنوان\n\n{BODY}\nوللمزيد راجع الرابط http://x.com حيث نشرت الوزارة التفاصيل.\n",
        ),
        (  # a record in lower case reads as one in upper case
            f"<doc>\n<docno>1</docno>\n<title>عنوان</title>\n<text>\n{BODY}\n</text>\n</doc>\n",
            f"عنوان\n\n{BODY}\n",
        ),
    ],
    ids=["one-line", "one-line-records", "glued-fields", "inline-field", "lower-case"],
)
def test_records_of_any_layout_keep_title_and_text(text: str, expected: str) -> None:
    assert wrappers(text) == expected
    assert wrappers(expected) == expected


@pytest.mark.parametrize(
    "text",
    [
        "نص يذكر الوسم <doc> ولا سجل فيه",
        "<doc>\n<title>ليس سجلا: لا docno فيه</title>\n</doc>",
        "نص <TITLE>ليس</TITLE> سجلا",
    ],
)
def test_text_that_is_no_record_is_untouched(text: str) -> None:
    assert wrappers(text) == text


@pytest.mark.parametrize(
    "text",
    [
        f"<DOC><DOCNO>1</DOCNO><TITLE>أول</TITLE><TEXT>{BODY}</TEXT></DOC>\n" * 3,
        f"<doc>\n<docno>1</docno>\n<title>عنوان</title>\n<text>\n{BODY}\n{MORE}\n</text>\n</doc>\n" * 3,
    ],
    ids=["one-line", "lower-case"],
)
@pytest.mark.parametrize("profile", ["default", "strict"])
def test_such_records_stream_as_they_clean_whole(text: str, profile: str) -> None:
    pipeline = resolve(profile)
    for cuts in ([], [5, 40, 90], list(range(0, len(text), 17))):
        out = streamed(pipeline, split_at(text, cuts), 50)
        assert out is None or out == pipeline(text)


# --- html: what is a tag ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prose",
    [
        "إذا كانت a <b و b> c فإن a < c",
        "المتباينة 0 <p و q> 1 صحيحة.",
        "س < 5 و ص > 3",
    ],
)
def test_maths_is_not_markup(prose: str) -> None:
    assert html(prose) == prose
    assert html(f"<p>{prose}</p>") == f"\n{prose}\n"  # also beside real markup


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f'<a href="x" title="a > b">رابط</a> {BODY}', f"رابط {BODY}"),  # a quoted '>' is in the value
        ("<a title='س > ص' href=/x>رابط</a>", "رابط"),
        ('<img alt = "صورة الوزير" src=x.jpg>نص', "نص"),  # a value may hold any letter
        ("<font face=”Arial” size=2>نص</font>", "نص"),  # Word's curly quotes
        ('<p class=MsoNormal>نص<o:p></o:p></p>', "\nنص\n"),  # namespaced tags are markup
        ("<st1:City w:st=\"on\">القاهرة</st1:City>", "القاهرة"),
        ("<![CDATA[" + BODY + "]]>", BODY),  # the section's text stays, its brackets go
        (f"{BODY}\n<script>var adslot = 'top'; googletag.display('div-gpt-ad');", f"{BODY}\n"),  # never closed
    ],
)
def test_markup_is_removed(raw: str, expected: str) -> None:
    assert html(raw) == expected
    assert html(expected) == expected


def test_an_unclosed_script_before_arabic_text_keeps_that_text() -> None:
    # the scrape lost "</script>": the article's text after it is not code
    assert html(f"<script>var a = 1;\n{BODY}") == f"var a = 1;\n{BODY}"


# --- html: removing markup never glues two words ------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>وقال الوزير<!-- -->إن الخطة جاهزة.</p>", "\nوقال الوزير إن الخطة جاهزة.\n"),
        ("وقال<script>x()</script>الوزير", "وقال الوزير"),
        ("<select><option>نعم</option><option>لا</option></select>", "نعم لا"),
        ("صورة<img src=x.jpg>الوزير", "صورة الوزير"),
        ("الاسم<input name=q>العنوان", "الاسم العنوان"),
        ("قبل <!-- تعليق --> بعد", "قبل  بعد"),  # spaces around already: none added
        # inline elements inside a word stay joined
        ("ال<b>كتاب</b>", "الكتاب"),
        ("كل<span>مة</span>", "كلمة"),
        ("H<sub>2</sub>O", "H2O"),
        # an exponent is written with "^", never glued into another number
        ("مساحة المربع 3<sup>2</sup> متر", "مساحة المربع 3^2 متر"),
        ("10<sup>-3</sup> متر", "10^-3 متر"),
        ("1<sup>st</sup>", "1st"),
    ],
)
def test_removed_markup_never_glues_words(raw: str, expected: str) -> None:
    assert html(raw) == expected
    assert html(expected) == expected


# --- html headings in markdown: a heading whatever its length ------------------------------------


def _para(i: int) -> str:
    return f"<p>أعلنت الوزارة عن الخطة رقم {i} لدعم المزارعين في المناطق الريفية، وقال الوزير إنها تشمل {i} مليار ريال.</p>"


LONG = "المرحلة الأولى: دعم صغار المزارعين في المناطق الريفية والنائية خلال العامين المقبلين بقروض ميسرة"
PAGE = _para(1) + "<h2>تفاصيل الخطة</h2>" + _para(2) + f"<h2>{LONG}</h2>" + _para(3) + "<h4>الخلاصة.</h4>" + _para(4)


@pytest.mark.parametrize(
    "params",
    [{"headings": {"style": "markdown"}}, {"headings": {"style": "markdown"}, "html": {"heading_style": "markdown"}}],
    ids=["format-markdown", "both"],
)
def test_markdown_output_marks_every_html_heading(params: dict) -> None:
    out = cleaner.clean(PAGE, profile="preserve", params=params)
    assert [line for line in out.split("\n") if line.startswith("## ")] == [
        "## تفاصيل الخطة",
        f"## {LONG}",
        "## الخلاصة.",
    ]
    assert cleaner.clean(out, profile="preserve", params=params) == out


def test_text_output_writes_every_html_heading_alike() -> None:
    # html writes "## heading"; headings (text) writes them all without the marks, long or short
    out = cleaner.clean(PAGE, profile="preserve", params={"html": {"heading_style": "markdown"}})
    assert "#" not in out
    assert f"\n\n{LONG}\n\n" in out and "\n\nتفاصيل الخطة\n\n" in out


# --- boilerplate: the residue of "\r\n", never a quoted word ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('قال: "rn" هو اختصار ممرضة مسجلة.', 'قال: "rn" هو اختصار ممرضة مسجلة.\n'),
        ("قال: «rn» هو اختصار ممرضة مسجلة.", "قال: «rn» هو اختصار ممرضة مسجلة.\n"),
        ("انتهى الاجتماع.rnrnوقال الوزير إن الخطة جاهزة.", "انتهى الاجتماع. وقال الوزير إن الخطة جاهزة.\n"),
    ],
)
def test_rn_residue_goes_a_quoted_rn_stays(text: str, expected: str) -> None:
    assert cleaner.clean(text, profile="preserve") == expected


@pytest.mark.parametrize("params", [None, {"headings": {"style": "markdown"}}], ids=["text", "markdown"])
def test_markdown_headings_stream_as_they_clean_whole(params: dict | None) -> None:
    def para(i: int) -> str:
        return f"وقال الوزير إن الخطة رقم {i} ستنفذ على ثلاث مراحل تبدأ الشهر المقبل في كل المحافظات.\n"

    text = "".join(f"{para(3 * i)}{para(3 * i + 1)}## {LONG} {i}\n{para(3 * i + 2)}" for i in range(6)) + f"## {LONG}\n"
    pipeline = resolve("default", params=params)
    whole = pipeline(text)
    assert whole.count(LONG.replace("أ", "ا").replace("ى", "ي")) == 7
    for cuts in ([], list(range(0, len(text), 97)), list(range(0, len(text), 13))):
        out = streamed(pipeline, split_at(text, cuts), 120)
        assert out is None or out == whole


# --- properties: idempotent, and streamed as cleaned whole, on these shapes --------------------------

_PIECES = [
    "<DOC>", "</DOC>", "<DOCNO>1</DOCNO>", "<TITLE>عنوان</TITLE>", "<TEXT>", "</TEXT>", "<URL>http://x.com</URL>",
    "<doc>", "<docno>", "</docno>", "<text>", "<a title=\"a > b\">", "<a ", "title=\"", "\"", ">", "<", "</a>",
    "<b و b>", "<p", " و ", "<!-- -->", "<script>", "</script>", "<![CDATA[", "]]>", "<o:p>", "</o:p>",
    "<option>", "3<sup>2</sup>", "<img src=x>", "## ", "نص الخبر.", "كلمة", " ", "\n", "\n\n", "&lt;", "&gt;", "\u200b",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_markup_steps_are_idempotent_on_these_shapes(text: str) -> None:
    for step in (html, wrappers):
        once = step(text)
        assert step(once) == once
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.lists(st.integers(min_value=0), max_size=6))
def test_these_shapes_stream_as_they_clean_whole(text: str, cuts: list[int]) -> None:
    pipeline = resolve("default", params={"headings": {"style": "markdown"}})
    out = streamed(pipeline, split_at(text, cuts), 20)
    assert out is None or out == pipeline(text)
