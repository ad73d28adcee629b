"""The fuzzing targets (``fuzz/targets.py``) on seed inputs and on every input a fuzzer broke.

The fuzzers themselves (``fuzz/fuzz_pipeline.py``, ``fuzz/fuzz_jsonl.py``, atheris; or
``fuzz/run_hypothesis.py``) are not run in CI; each failure they found is a row below.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))

from targets import check_jsonl, check_pipeline, check_steps  # noqa: E402

import cleaner  # noqa: E402
from cleaner.jsonl import clean_line  # noqa: E402

#: Inputs the fuzzers broke, with what was wrong; all fixed (see the closing note of issue 8).
PIPELINE_CRASHES = [
    "0\r0@0.0",  # strict: a line ended by CR alone was not a line for bylines (run_hypothesis)
    "ؤٔ",  # search: hamza_carriers left و + combining hamza (run_hypothesis)
    "ءـHTTP://0",  # search: links removed the URL a kept tatweel joined (run_hypothesis)
    "B\t@#q\x00u\n\x14\x00I \t\n\n/@Y",  # search: '#q' -> 'q' made '@q' a new mention (atheris)
    "k;#\nkk%kB\t;#\n \t*W\x0b\x0fIY",  # default: headings dropped one dangling line per run (atheris)
    "<a\x0b<a<a>>",  # html alone: escaping an inner tag made the outer one a tag (atheris, steps mode)
    "<a\x0b-<a>\n>x",  # default: headings dropped the line holding an escaped tag's '>' (atheris)
    ";\tX\tA\t3\n; X\tA\t4\n;\tX\tA\t43\n$\tX\tA\tY:\nD",  # headings' drop exposed a closing series (atheris)
    "-\n!#z#\n!",  # search: headings stripped the '#' of '!#z#', revealing a hashtag '#z' (atheris)
    # default: boilerplate removed the similar 'www.' lines left once duplicate_paragraphs dropped a repeat (atheris)
    "www.:@m @` !8X6 m8X6 @@ !8X6 !@@ !@8X6 m8X6 mCu@\nwww.:@m @` ! m\n"
    "www.:@m @` !8X6 m8X6 @@ !8X6 !@@ !@8X6 m8X6 mCu@\nwww.:@m @` 6 m",
]

PIPELINE_SEEDS = [
    "",
    "\ud800",
    "[[system-code:ad:autoads]]",
    "<p>نص</p>&amp;",
    "قال الرئيس، إن النمو بلغ 3.5% في 2024.\r\nاقرأ أيضاً: عنوان\r\n",
]


@pytest.mark.parametrize("text", PIPELINE_CRASHES + PIPELINE_SEEDS)
def test_pipeline_target(text: str) -> None:
    check_pipeline(text)
    check_steps(text)


JSONL_CRASHES: list[bytes] = [
    b'{"text": "a"}\n' + b"[" * 100_000 + b"]" * 100_000 + b"\n",  # RecursionError failed the whole file
]

JSONL_SEEDS = [
    b"",
    b"\n\n",
    '{"id": 1, "text": "خبر  جـــديد"}\n{"text": ["a  b", "ج"]}\r\n'.encode(),
    b'{"text": "\\ud800 x", "k": "\\udfff"}\n',
    b"not json\n[1]\n{}\n",
    b'{"text": 1e999, "n": NaN}\n',
    b"\xef\xbb\xbf" + '{"text": "نص"}'.encode(),
    b'{"text": "' + b"9" * 5000 + b'"}\n{"n": ' + b"9" * 5000 + b"}\n",
]


@pytest.mark.parametrize("data", JSONL_CRASHES + JSONL_SEEDS)
def test_jsonl_target(data: bytes) -> None:
    check_jsonl(data)


# Fixed in the web-residue steps (was a strict xfail found by atheris).
@pytest.mark.parametrize("text", ["Y2a<a\x7f\x0b&>", "x <sp\u200can>y</span>", "<\u200bp>نص"])
def test_a_tag_split_by_an_invisible_character(text: str) -> None:
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once


# Fixed in the web-residue steps (was a strict xfail found by atheris).
def test_a_dangling_heading_after_a_name_like_line_in_strict() -> None:
    text = "\x01v!x\x01//\x0b/+\x00 jIa\x7f\x01!\t@1\n;\t\x7f\x7f\x7f\x7fh\x7f\x02X\tA\x00\t\x00\x00Y:\nD-?"
    once = cleaner.clean(text, profile="strict")
    assert cleaner.clean(once, profile="strict") == once


# Fixed in the web-residue steps (was a strict xfail found by atheris).
def test_a_line_that_becomes_boilerplate_once_links_ran() -> None:
    text = "]/\x10\x01@Y\x00/\x0b\x7f\x7fE\x0b@\x00\x00@[\x01)XN\x0cX@\x00\x00X@\x00\x00@[\x01)XN\x0cX@\x00"
    once = cleaner.clean(text, profile="search")
    assert cleaner.clean(once, profile="search") == once


# Fixed in the web-residue steps (was a strict xfail found by atheris).
def test_a_closing_series_exposed_by_a_dropped_dangling_line() -> None:
    text = (
        "\x01v//!+\x0b;\t\x7fAX\tA\n;\t\x7f\x7fh\x7f\x02X\t\x7fAX\tA\n;\t\x7f\x7fh\x7f\x02X\t\x7f\x00"
        "X&Y\t[\x08\x00YYYYYYYYYYYYYYY:\nD-?"
    )
    once = cleaner.clean(text)
    assert cleaner.clean(once) == once


def test_a_line_too_deep_for_the_parser_is_copied_through_and_reported() -> None:
    line = "[" * 100_000 + "]" * 100_000 + "\n"
    out, problem = clean_line(line, cleaner.resolve("default"), ("text",))
    assert out == line
    assert problem is not None and "deep" in problem


def test_a_record_with_a_repeated_key_loses_nothing() -> None:
    """Once a defect: re-serialising kept only the last of the repeated values (json.loads)."""
    line = '{"id": 1, "text": "خبر  جـــديد", "meta": {"a": 1, "a": 2}}\n'
    out, problem = clean_line(line, cleaner.resolve("default"), ("text",))
    assert out == line  # copied through unchanged
    assert problem is not None and "repeated" in problem
    clean = '{"id": 1, "text": "خبر  جـــديد"}\n'
    assert json.loads(clean_line(clean, cleaner.resolve("default"), ("text",))[0])["text"] == "خبر جديد\n"


# Fixed in headings: it no longer drops a short last line, so the line holding the '>' of the tag
# html escaped stays (was a strict xfail found by atheris).
@pytest.mark.parametrize("profile", sorted(cleaner.PROFILES))
def test_an_escaped_tag_whose_end_a_later_step_drops(profile: str) -> None:
    text = "<a\x0b-<a>\n>x"
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once


# Fixed in html._escape_new_tags: one right-to-left decision for tags, comments, TREC fields and
# tags hidden by characters `unicode` deletes (was a strict xfail found by atheris).
def test_html_escapes_a_hidden_tag_inside_another() -> None:
    from cleaner.registry import get

    html = get("html").func
    once = html("<a\x0b<a<a>\x00>")
    assert html(once) == once


# Fixed: TREC fields are escaped only when they make a record `wrappers` would unwrap (was a strict
# xfail found by hypothesis: escaping depended on whether other markup was present).
def test_a_trec_field_next_to_a_would_be_tag() -> None:
    once = cleaner.clean("<DOC><a")
    assert cleaner.clean(once) == once


# Fixed in headings: the short last line 'D' stays, so no closing series is exposed for boilerplate
# on a later run (was a strict xfail found by atheris).
@pytest.mark.parametrize("profile", sorted(cleaner.PROFILES))
def test_a_closing_series_exposed_by_a_dropped_dangling_line_after_a_colon(profile: str) -> None:
    text = ";\tX\tA\t3\n; X\tA\t4\n;\tX\tA\t43\n$\tX\tA\tY:\nD"
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once


# Fixed in headings: a "#" glued to a word stays ("C#", a hashtag), so stripping the closing "#" of
# "!#z#" no longer makes "#z" a hashtag that links (search: hashtags="words") turns into "z" on the
# next run (was a strict xfail found by atheris).
@pytest.mark.parametrize("profile", sorted(cleaner.PROFILES))
def test_a_hashtag_revealed_by_headings(profile: str) -> None:
    text = "-\n!#z#\n!"
    once = cleaner.clean(text, profile=profile)
    assert "#z#" in once
    assert cleaner.clean(once, profile=profile) == once


# Decoration glued to a heading's word that a strip would turn into a hashtag, or take from one.
@pytest.mark.parametrize("profile", sorted(cleaner.PROFILES))
@pytest.mark.parametrize("line", ["!#z#", "#z_#", "_#z", "##z", "■#عاجل", "#_وسم_:", "لغة C#:", "-#z-", "*#z*"])
def test_decoration_glued_to_a_hashtag_is_idempotent(profile: str, line: str) -> None:
    body = "وقال المتحدث إن الاجتماع تناول عدة ملفات مهمة في الجلسة التي عقدت صباح اليوم."
    text = f"{body}\n{line}\nوأضاف أن اللجنة ستعقد جلستها المقبلة الأسبوع القادم لمناقشة التوصيات."
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once


# Fixed in boilerplate (the uncommitted boilerplate.py change of this round: a closing series leaves
# out lines that duplicate_paragraphs would drop as repeats): the first run dropped the repeated line,
# which left three similar 'www.' lines that boilerplate removed whole on the next run (was a strict
# xfail in tests/test_adversarial.py, found by atheris).
@pytest.mark.parametrize("profile", sorted(cleaner.PROFILES))
def test_similar_lines_left_by_duplicate_paragraphs(profile: str) -> None:
    text = (
        "www.:@m @` !8X6 m8X6 @@ !8X6 !@@ !@8X6 m8X6 mCu@\nwww.:@m @` ! m\n"
        "www.:@m @` !8X6 m8X6 @@ !8X6 !@@ !@8X6 m8X6 mCu@\nwww.:@m @` 6 m"
    )
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once
