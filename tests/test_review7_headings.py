"""Review 7, `headings`: a ``## heading`` on the last line of a text is a heading like any other:
the text style writes it without the marks, the markdown style keeps ``## ``."""

from __future__ import annotations

import pytest

import cleaner
from cleaner import resolve
from cleaner.normalizers.headings import headings
from streaming import split_at, streamed

PARA = "وقال الوزير إن الخطة رقم ثلاثة ستنفذ على مراحل تبدأ الشهر المقبل في كل المحافظات."


@pytest.mark.parametrize(
    ("text", "as_text", "as_markdown"),
    [
        (f"{PARA}\n## الخلاصة", f"{PARA}\n\nالخلاصة", f"{PARA}\n\n## الخلاصة"),
        (f"{PARA}\n## الخلاصة\n", f"{PARA}\n\nالخلاصة\n", f"{PARA}\n\n## الخلاصة\n"),
        (f"{PARA}\n\n## الخلاصة\n\n", f"{PARA}\n\nالخلاصة\n\n", f"{PARA}\n\n## الخلاصة\n\n"),
        (f"## أول\n{PARA}\n## آخر  ", f"أول\n\n{PARA}\n\nآخر", f"## أول\n\n{PARA}\n\n## آخر"),
        ("## عنوان وحيد", "عنوان وحيد", "## عنوان وحيد"),
    ],
)
def test_a_markdown_heading_on_the_last_line(text: str, as_text: str, as_markdown: str) -> None:
    assert headings(text) == as_text
    assert headings(text, style="markdown") == as_markdown
    assert headings(as_text) == as_text
    assert headings(as_markdown, style="markdown") == as_markdown


PAGE = f"<p>{PARA}</p><h2>تفاصيل الخطة</h2><p>{PARA}</p><h2>الخلاصة</h2>"


@pytest.mark.parametrize("profile", ["preserve", "default", "strict"])
def test_an_html_heading_closing_the_page(profile: str) -> None:
    # html writes "## heading" (heading_style markdown); the text style writes every heading without marks
    out = cleaner.clean(PAGE, profile=profile, params={"html": {"heading_style": "markdown"}})
    assert "#" not in out and out.rstrip("\n").endswith("\n\nالخلاصة")
    assert cleaner.clean(out, profile=profile, params={"html": {"heading_style": "markdown"}}) == out
    # the markdown style marks it as it marks the one before
    md = cleaner.clean(PAGE, profile=profile, params={"headings": {"style": "markdown"}})
    assert [line for line in md.split("\n") if line.startswith("#")] == ["## تفاصيل الخطة", "## الخلاصة"]
    assert cleaner.clean(md, profile=profile, params={"headings": {"style": "markdown"}}) == md


@pytest.mark.parametrize("params", [None, {"headings": {"style": "markdown"}}], ids=["text", "markdown"])
def test_it_streams_as_it_cleans_whole(params: dict | None) -> None:
    text = f"{PARA}\n" * 12 + "## تفاصيل\n" + f"{PARA}\n" * 12 + "## الخلاصة"
    pipeline = resolve("default", params=params)
    whole = pipeline(text)
    assert whole.rstrip("\n").endswith("\n\n## الخلاصة" if params else "\n\nالخلاصة")
    for step in (7, 31, 97):
        out = streamed(pipeline, split_at(text, list(range(0, len(text), step))), 120)
        assert out is None or out == whole
