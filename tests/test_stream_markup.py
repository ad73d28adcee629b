"""Streaming text with HTML comments, scripts and styles: pieces are cut outside them, and the
streamed output is the whole-text output (or the stream says it must be read whole)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import resolve
from cleaner.pipeline import Pipeline
from cleaner.stream import StreamFallback, clean_blocks
from streaming import split_at, streamed

_PIECES = [
    "<!--", "-->", "<!-- تعليق -->", "<script>", "</script>", "<SCRIPT type=x>", "</Script >", "<style>",
    "</style>", "var a = 1 < 2;", "<p>", "</p>", "<br>", "&amp;", "&lt;!--", "نص عربي قصير.", "كلمة", " ",
    "\n", "\n", "\n", "\r\n", "\u200f", "<scr\u200bipt>", "<!\u200b-- x -->", "İ", "-->\n", "<s", "<!-",
]
_markup_docs = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@pytest.mark.parametrize("steps", [["html"], ["html", "whitespace"], "default", "strict"], ids=str)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_markup_docs, cuts=st.lists(st.integers(min_value=0), max_size=12), target=st.sampled_from([1, 8, 64]))
def test_markup_streamed_equals_whole(steps: list[str] | str, text: str, cuts: list[int], target: int) -> None:
    pipeline = resolve(steps) if isinstance(steps, str) else Pipeline(steps)
    out = streamed(pipeline, split_at(text, cuts), target)
    assert out is None or out == pipeline(text)


@pytest.mark.parametrize(
    "text",
    [
        "نص أول.\n<!-- تعليق\nعلى سطرين -->\nنص ثان.\n" * 50,
        "نص أول.\n<script>\nvar a = 1;\n</script>\nنص ثان.\n<style>\np {}\n</style>\n" * 50,
        "<p>فقرة</p>\n<!-- <script>\n -->\nنص.\n<script>\n// <b>\n</script>\n" * 50,
    ],
    ids=["comments", "scripts-and-styles", "nested"],
)
def test_comments_scripts_and_styles_stream_in_pieces(text: str) -> None:
    pipeline = Pipeline(["html", "whitespace"])  # headings and boilerplate would not cut between these short lines
    pieces = list(clean_blocks(pipeline, [text[i : i + 40] for i in range(0, len(text), 40)], target=64))
    assert len(pieces) > 10  # really cut, not read whole
    assert "".join(pieces) == pipeline(text)


def test_an_unclosed_comment_keeps_the_rest_of_the_text_together() -> None:
    text = "نص.\n" * 40 + "<!-- بلا نهاية\n" + "نص آخر.\n" * 40
    pipeline = Pipeline(["html"])
    out = streamed(pipeline, [text[i : i + 10] for i in range(0, len(text), 10)], 16)
    assert out is None or out == pipeline(text)


def test_markup_hidden_by_an_invisible_mark_falls_back() -> None:
    with pytest.raises(StreamFallback):
        "".join(clean_blocks(resolve("default"), ["نص.\n<!\u200b-- x\n", "y -->\nنص.\n"], target=1))
