"""The cheap paths of links and whitespace (issue 6): the same results as the whole-text rules.

links cleans a long line in bounded parts cut at spaces and line breaks; whitespace hands back text
that is already clean as it is.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import FRAGMENTS, texts

from cleaner.normalizers import links as links_module
from cleaner.normalizers.links import links
from cleaner.normalizers.whitespace import _clean, whitespace

SEARCH = {"urls": "remove", "emails": "remove", "mentions": "remove", "hashtags": "words"}
PLACEHOLDER = {"urls": "placeholder", "emails": "placeholder", "mentions": "placeholder", "hashtags": "placeholder"}
_LINK_BITS = ["https://a.com/x", "www.b.org", "WWW.C.NET", "a@b.com", "@user", "@#tag", "#وسم_عربي", "#@x", "w.", "W.", "://", "@", "#"]
_words = st.lists(st.sampled_from(FRAGMENTS + _LINK_BITS), max_size=40).map(lambda parts: "".join(parts).replace("\n", " "))

# --- links: parts cut at spaces -------------------------------------------------------------------


@pytest.mark.parametrize("params", [SEARCH, PLACEHOLDER])
@settings(max_examples=200, deadline=None)
@given(line=_words)
def test_a_line_is_cleaned_as_its_space_separated_stretches(params: dict, line: str) -> None:
    """No match and no context look crosses a space: cutting there changes nothing."""
    assert links(line, **params) == " ".join(links(piece, **params) for piece in line.split(" "))


@pytest.mark.parametrize("params", [SEARCH, PLACEHOLDER])
@settings(max_examples=300, deadline=None)
@given(text=st.one_of(texts, _words), size=st.integers(1, 40))
def test_tiny_parts_give_the_result_of_one_part(params: dict, text: str, size: int) -> None:
    expected = links(text, **params)
    saved = links_module._PART, links_module._MAX_PART, links_module._SCAN
    try:
        links_module._PART, links_module._MAX_PART, links_module._SCAN = size // 2, size, size
        assert links(text, **params) == expected
    finally:
        links_module._PART, links_module._MAX_PART, links_module._SCAN = saved


def test_a_long_line_dense_with_links_is_cleaned_in_bounded_parts() -> None:
    unit = "قال الوزير إن النمو بلغ 3.5% في عام 2024، وأضاف أن «الخطة» مستمرة (CIA) www.site.com ... "
    text = unit * 20_000  # one line of about 3 MB, a URL in every 90 characters
    parts = list(links_module._marked_parts(text))
    assert len(parts) > 1 and max(end - start for start, end in parts) <= links_module._MAX_PART
    for start, end in parts:
        assert start == 0 or text[start - 1] in " \n"
        assert end == len(text) or text[end] in " \n"
    assert links(text, **SEARCH) == links(unit, **SEARCH) * 20_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("بلا روابط " * 10_000, "بلا روابط " * 10_000),  # no marker: the text itself
        (" " * 70_000 + "@user", " " * 70_000),  # a marker far from the start
        ("@user" + "ن" * 70_000 + " #وسم", "@user" + "ن" * 70_000 + " وسم"),  # a word longer than a part
        (("#وسم " + "ن" * 500 + "\n") * 300, ("وسم " + "ن" * 500 + "\n") * 300),
    ],
)
def test_parts_far_apart_and_long_words(text: str, expected: str) -> None:
    assert links(text, **SEARCH) == expected


# --- whitespace: clean text comes back as it is ---------------------------------------------------

WHITESPACE_CASES = [
    # (input, output): clean text, then each fault that keeps text from being clean
    ("سطر أول\n\nسطر ثان\n", "سطر أول\n\nسطر ثان\n"),
    ("سطر\n", "سطر\n"),
    ("سطر أول\nسطر ثان\n", "سطر أول\n\nسطر ثان\n"),  # a single line break
    ("سطر أول\n\n\nسطر ثان\n", "سطر أول\n\nسطر ثان\n"),  # three
    ("سطر أول \n\nسطر ثان\n", "سطر أول\n\nسطر ثان\n"),  # a space before a break
    ("سطر أول\n\n سطر ثان\n", "سطر أول\n\nسطر ثان\n"),  # a space after one
    (" سطر\n", "سطر\n"),  # a space at the start
    ("\nسطر\n", "سطر\n"),  # a break at the start
    ("سطر\n\n", "سطر\n"),  # two at the end
    ("سطر", "سطر\n"),  # none at the end
    ("سطر  أول\n", "سطر أول\n"),  # a run of spaces
    ("سطر\tأول\n", "سطر أول\n"),
    ("سطر\r\n\r\nثان\r\n", "سطر\n\nثان\n"),
]


@pytest.mark.parametrize(("text", "expected"), WHITESPACE_CASES)
def test_whitespace_clean_text_and_each_fault(text: str, expected: str) -> None:
    out = whitespace(text)
    assert out == expected
    assert whitespace(out) is out  # clean: the very same text, no copy


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(texts, st.lists(st.sampled_from(["ب", "a", " ", "\n", "\n\n", "\u00a0"]), max_size=12).map("".join)))
def test_whitespace_takes_the_fast_path_exactly_on_its_own_outputs(text: str) -> None:
    out = whitespace(text)
    assert whitespace(out) is out or out == ""
    if text and "\r" not in text and "\t" not in text and "  " not in text:
        assert _clean(text) == (out == text)
