"""The quick paths of ``boilerplate`` and ``wrappers`` decide as the slow ones they stand for.

Each pre-check skips work only where the full rule could not act: these tests hold each to the
reading it replaces (speed itself is measured by the scripts in ``bench/``, never here).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.normalizers import boilerplate as b
from cleaner.normalizers.wrappers import _unwrap, wrappers


def _fold_by_translate(text: str) -> str:
    """The fold as ``translate`` reads it (what :func:`boilerplate._quick_fold` stands for)."""
    text = text.translate(b._QUICK_FOLD).lower()
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def test_quick_fold_folds_every_character_as_translate() -> None:
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    assert [b._quick_fold(c) for c in chars] == [_fold_by_translate(c) for c in chars]


def test_fold_letters_folds_every_character_as_translate() -> None:
    chars = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert b._fold_letters(chars) == chars.translate(b._LETTER_FOLD)
    assert all(b._fold_letters(c) == c.translate(b._LETTER_FOLD) for c in "أإآٱىةايهبA")


_FOLDED = sorted({chr(c) for c in b._QUICK_FOLD} | set("اأإآيىةه بتكلمن\n\tAIKSiks") | {"\u0130", "\u212a", "\u0640"})


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_FOLDED), max_size=40))
def test_quick_fold_folds_texts_as_translate(text: str) -> None:
    assert b._quick_fold(text) == _fold_by_translate(text)


def test_quick_groups_hold_every_phrase_once() -> None:
    inside, _ = b._quick_phrases(())
    groups = b._quick_groups(inside)
    members = [p for _, group in groups for p in group]
    assert sorted(members) == sorted(inside)
    assert all(word in p.split(" ") or (group == (word,) and p == word) for word, group in groups for p in group)


@pytest.mark.parametrize(
    "text",
    [
        "نص الخبر.\nاقرأ أيضاً: عنوان آخر\nنص أخير.",
        "نص الخبر.\nطالع أيضا عنوان آخر",
        "خبر ذات صلة بالموضوع",
        "Read more about it",
        "نص الخبر كاملا ولا شيء غيره.",
        "هذا المقال منشور بالتعاون مع موقع آخر",
    ],
)
def test_quick_none_with_groups_as_with_each_phrase(text: str) -> None:
    inside, opening = b._quick_phrases(())
    folded = b._quick_fold(text)
    each = any(p in folded for p in inside) or any(p in text for p in b._PARTNER_WORDS)
    lead = any(line.lstrip(b._QUICK_LEAD).startswith(opening) for line in folded.split("\n"))
    assert b._quick_none(text, ()) == (not each and not lead)


_NOTE_LINES = st.sampled_from(
    [
        "علماً أن الموقع لا يمكنه التأكد من صحة المعلومات المتداولة عبر مواقع التواصل.",
        "ولم يتسن التحقق من هذه الأرقام.",
        "لا يمكن التاكد من صحة ما تناقلته مواقع التواصل.",
        "نص الخبر الأخير.",
        "وقال المتحدث إن الوفد سيعود غداً.",
        "",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_NOTE_LINES, max_size=6))
def test_a_note_is_never_missed_by_the_note_check(lines: list[str]) -> None:
    if any(b._note_line(line) for line in lines):
        assert b._may_note(lines)


def _record(title: str, body: str) -> str:
    return f"<DOC>\n<DOCNO>X-1</DOCNO>\n<TITLE>{title}</TITLE>\n<TEXT>\n{body}\n</TEXT>\n</DOC>\n"


_TITLES = st.sampled_from(["عنوان", "عنوان الخبر الأول", " ", ""])
_BODIES = st.lists(st.sampled_from(["نص الخبر.", "سطر ثان.", "", " ", "نص"]), max_size=4).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(title=_TITLES, body=_BODIES, count=st.integers(min_value=1, max_value=3))
def test_records_cut_out_of_a_file_read_as_line_by_line(title: str, body: str, count: int) -> None:
    """A record ending the text with ``</DOC>`` and no line break (as cut out of a file) is read in
    one step, as the line-by-line loop reads it and as it reads with the line break."""
    text = (_record(title, body) * count)[:-1]
    assert wrappers(text) == wrappers(text + "\n")
    lines = text.split("\n")
    assert wrappers(text) == _unwrap_lines(lines)


def _unwrap_lines(lines: list[str]) -> str:
    """The records read line by line only (each line on its own, so no record is matched whole)."""
    from cleaner.normalizers.wrappers import _assemble, _role

    titles: list[str] = []
    body: list[str] = []
    outs: list[str] = []
    inside: str | None = None
    for line in lines:
        if line == "<DOC>" and (titles or body):
            outs.append(_assemble(titles, body))
            titles, body = [], []
        role, kept, inside = _role(line, inside)
        if role == "title":
            titles.append(kept)
        elif role == "text":
            body.append(kept)
    outs.append(_assemble(titles, body))
    return "\n".join(out for out in outs if out)


def test_unwrap_reads_a_record_at_the_end_whole() -> None:
    text = _record("عنوان", "نص الخبر.\nسطر ثان.")[:-1]
    assert _unwrap(text) == "عنوان\n\nنص الخبر.\nسطر ثان.\n"
