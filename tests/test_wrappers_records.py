"""A file of many TREC records: each record keeps its own title and text, in order, and such a file
streams record by record with the output of cleaning it whole."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import resolve
from cleaner.normalizers.wrappers import wrappers
from cleaner.pipeline import Pipeline
from cleaner.stream import clean_blocks
from streaming import split_at, streamed


def _record(number: int, title: str, body: str) -> str:
    return (
        f"<DOC>\n<DOCNO>X-{number}</DOCNO>\n<URL>https://example.com/{number}</URL>\n"
        f"<TITLE>{title}</TITLE>\n<TEXT>\n{body}\n</TEXT>\n</DOC>\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_record(1, "عنوان أول", "نص الخبر الأول."), "عنوان أول\n\nنص الخبر الأول.\n"),
        (
            _record(1, "عنوان أول", "نص الخبر الأول.") + _record(2, "عنوان ثان", "نص الخبر الثاني.\nسطر آخر."),
            "عنوان أول\n\nنص الخبر الأول.\n\nعنوان ثان\n\nنص الخبر الثاني.\nسطر آخر.\n",
        ),
        (  # a line before the first record stays before it, not under its title
            "[[system-code:ad:autoads]]\n" + _record(1, "عنوان", "نص."),
            "[[system-code:ad:autoads]]\n\nعنوان\n\nنص.\n",
        ),
        (  # a record with no text keeps its title; one with no title keeps its text
            _record(1, "عنوان وحده", "") + "<DOC>\n<DOCNO>X-2</DOCNO>\n<TEXT>\nنص وحده.\n</TEXT>\n</DOC>\n",
            "عنوان وحده\n\nنص وحده.\n",
        ),
        (  # CRLF records
            _record(1, "عنوان", "نص.").replace("\n", "\r\n") * 2,
            "عنوان\n\nنص.\n\nعنوان\n\nنص.\n",
        ),
    ],
    ids=["one", "two", "prefix", "empty-fields", "crlf"],
)
def test_each_record_keeps_its_title_and_text(text: str, expected: str) -> None:
    assert wrappers(text) == expected
    assert wrappers(expected) == expected


_TITLES = st.sampled_from(["عنوان", "عنوان الخبر الأول", "خبر: تفاصيل", ""])
_BODIES = st.lists(
    st.sampled_from(["نص الخبر.", "سطر ثان طويل فيه كلمات.", "", " ", "<p>فقرة</p>", "اقرأ أيضاً:", "نص"]),
    max_size=5,
).map("\n".join)
_records = st.lists(st.tuples(_TITLES, _BODIES), min_size=1, max_size=8).map(
    lambda recs: "".join(_record(i, t, b) for i, (t, b) in enumerate(recs))
)
_files = st.tuples(st.sampled_from(["", "سطر قبل السجلات\n", "\n"]), _records, st.sampled_from(["\n", "\r\n"])).map(
    lambda p: (p[0] + p[1]).replace("\n", p[2])
)


@pytest.mark.parametrize("steps", [["wrappers"], "default", "strict"], ids=str)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_files, cuts=st.lists(st.integers(min_value=0), max_size=10), target=st.sampled_from([1, 50, 400]))
def test_records_streamed_equal_whole(steps: list[str] | str, text: str, cuts: list[int], target: int) -> None:
    pipeline = resolve(steps) if isinstance(steps, str) else Pipeline(steps)
    out = streamed(pipeline, split_at(text, cuts), target)
    assert out is None or out == pipeline(text)
    assert wrappers(wrappers(text)) == wrappers(text)


def test_a_file_of_records_is_cut_between_records() -> None:
    text = "".join(_record(i, f"عنوان {i}", "نص الخبر الذي يطول قليلا وينتهي بنقطة.") for i in range(200))
    pipeline = Pipeline(["wrappers"])
    pieces = list(clean_blocks(pipeline, [text[i : i + 100] for i in range(0, len(text), 100)], target=1000))
    assert len(pieces) > 20
    assert "".join(pieces) == pipeline(text)


def test_real_trec_records_stream(shared) -> None:  # noqa: ANN001
    path = shared / "corpus" / "bulk" / "ant_jawhara_trec.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    data = path.read_bytes()[: 1 << 20]
    text = data[: data.rfind(b"</DOC>\n") + 7].decode("utf-8")
    for profile in ("default", "strict"):
        pipeline = resolve(profile)
        blocks = [text[i : i + 4096] for i in range(0, len(text), 4096)]
        assert "".join(clean_blocks(pipeline, blocks, target=1 << 14)) == pipeline(text), profile


@pytest.mark.parametrize("profile", ["default", "strict", "search"])
def test_plain_text_still_streams_in_bounded_pieces(profile: str) -> None:
    # wrappers' stage may cut a text with no record after any line: memory stays bounded
    line = "قال المتحدث الرسمي إن الاجتماع ناقش عددا من الملفات المهمة في المنطقة، وأكد ضرورة التعاون.\n\n"
    text = "".join(line.replace("الاجتماع", f"الاجتماع {i}") for i in range(20_000))
    pipeline = resolve(profile)
    pieces = list(clean_blocks(pipeline, [text[i : i + 4096] for i in range(0, len(text), 4096)], target=1 << 16))
    assert len(pieces) > 10
    assert max(len(p) for p in pieces) < 1 << 19
    assert "".join(pieces) == pipeline(text)
