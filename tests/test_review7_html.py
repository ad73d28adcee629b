"""Review 7, `html`: what is a tag. A known element name followed by attributes that look like
markup (``name``, ``name=value``, ``name="…"``); an attribute list of words is English prose."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.normalizers.html import html
from cleaner.pipeline import Pipeline
from cleaner.stream import clean_blocks
from streaming import split_at, streamed

BODY = "وقال الوزير إن الخطة جاهزة للتنفيذ."


@pytest.mark.parametrize(
    "prose",
    [
        "a <b and c> d",
        "if x <i or j> y then",
        "a <b + c> d",
        "a <b = c> d",
        "a <b c> d",
        "the sets <p and q> are equal",
        "وكتب a <b and c> d في المعادلة",
        "<a title=x -->",  # "-->" is no attribute
    ],
)
def test_an_attribute_list_of_words_is_prose(prose: str) -> None:
    assert html(prose) == prose
    assert html(f"<p>{prose}</p>") == f"\n{prose}\n"  # also beside real markup


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # bare attributes that real markup writes without a value, any case; hyphenated ones
        ("<option selected>نعم</option>", "نعم"),
        ("<td nowrap valign=top>خلية</td>", "\nخلية\n"),
        ('<input type="checkbox" CHECKED>', ""),
        ("<video controls autoplay muted loop playsinline src=v.mp4>", ""),
        ("<div aria-hidden data-v-1a2b>نص</div>", "\nنص\n"),
        # names of any ASCII form, spaces around '=', empty and unquoted values, '/' between
        ('<span class="VIiyi" lang="ar" data-phrase-index="0">نص</span>', "نص"),
        ('<div :class="x" @click="y()" xml:lang=ar>نص</div>', "\nنص\n"),
        ("<P ALIGN=CENTER>نص</P>", "\nنص\n"),
        ('<a href="x"title="y">رابط</a>', "رابط"),  # no space between two attributes
        ("<img alt= src=x.jpg>نص", "نص"),
        ("<img src=x.jpg />نص", "نص"),
        ('<a href="x>رابط</a>', "رابط"),  # a quote never closed: the tag ends at its first '>'
    ],
)
def test_attributes_that_look_like_markup_make_a_tag(raw: str, expected: str) -> None:
    assert html(raw) == expected
    assert html(expected) == expected


MULTILINE = [
    (f'<a href="x"\ntitle="a > b">رابط</a> {BODY}', f"رابط {BODY}"),
    (f"<span class=x\n  title='س > ص'\n  lang=ar>{BODY}</span>", BODY),
    (f'<img alt="أ > ب\nج > د" src=x.jpg>{BODY}', BODY),
]


@pytest.mark.parametrize(("raw", "expected"), MULTILINE)
def test_a_quoted_gt_in_a_tag_across_lines_stays_in_the_tag(raw: str, expected: str) -> None:
    assert html(raw) == expected
    assert html(expected) == expected


@pytest.mark.parametrize(("raw", "expected"), MULTILINE)
@pytest.mark.parametrize("target", [1, 16, 64])
def test_such_tags_stream_as_they_clean_whole(raw: str, expected: str, target: int) -> None:
    text = (f"{BODY}\n" * 3 + raw + "\n") * 4
    pipeline = Pipeline(["html"])
    for size in (5, 11, 40):
        blocks = [text[i : i + size] for i in range(0, len(text), size)]
        assert "".join(clean_blocks(pipeline, blocks, target=target)) == pipeline(text)


_PIECES = [
    "<a", "<span", " ", "\n", "title=", "class=x", '"', "'", ">", "<", "a > b", "and", "selected", "=",
    "</a>", "نص", "x", "data-x", "/",
]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_PIECES), max_size=40).map("".join), cuts=st.lists(st.integers(min_value=0), max_size=8))
def test_html_streams_as_whole_and_is_idempotent_on_attribute_shapes(text: str, cuts: list[int]) -> None:
    pipeline = Pipeline(["html"])
    once = pipeline(text)
    assert pipeline(once) == once
    out = streamed(pipeline, split_at(text, cuts), 1)
    assert out is None or out == once
