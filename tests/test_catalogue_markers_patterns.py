"""cms_markers(patterns=...): a site's own markers, as user regexes run with a time limit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.config import PatternTimeout, compile_patterns, remove_patterns
from cleaner.normalizers.markers import cms_markers

AD = (r"\{\{ad-slot-\d+\}\}", r"<!-- ?ad ?-->")

CASES = [
    ("نص {{ad-slot-3}} آخر", "نص  آخر"),
    ("نص{{ad-slot-3}}آخر", "نص آخر"),  # glued between two words: a space, never joined
    ("الأولى\n{{ad-slot-4}}\nالثانية", "الأولى\nالثانية"),  # a line left empty goes
    ("الأولى\n<!-- ad -->  {{ad-slot-1}}\nالثانية", "الأولى\nالثانية"),
    ("[[system-code:ad:x]] {{ad-slot-9}}", ""),  # built-in and user markers together
    ("[[system-code:{{ad-slot-2}}ad:x]]", ""),  # removing one can make another: removed too
    ("[[sys{{ad-slot-2}}tem-code:ad:x]]", "[[sys tem-code:ad:x]]"),  # between letters: a space, always
    ("{{ad-slot-}} {{ad-slot-x}}", "{{ad-slot-}} {{ad-slot-x}}"),  # exact about what it removes
    ("سعر 3.5 في 10:30 و https://a.com/{x}", "سعر 3.5 في 10:30 و https://a.com/{x}"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_user_patterns(text: str, expected: str) -> None:
    assert cms_markers(text, patterns=AD) == expected


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(["نص", " ", "\n", "{{ad-slot-1}}", "{{", "ad-slot-", "}}", "<!-- ad -->", "[[system-code:", "x]]"]), max_size=20).map("".join))
def test_idempotent(text: str) -> None:
    once = cms_markers(text, patterns=AD)
    assert cms_markers(once, patterns=AD) == once


def test_bad_patterns_are_named() -> None:
    with pytest.raises(ValueError, match=r"cms_markers: pattern '\(' does not compile"):
        cms_markers("", patterns=("(",))
    with pytest.raises(ValueError, match="matches the empty string"):
        cms_markers("", patterns=("x?",))


def test_a_slow_pattern_is_stopped_and_named() -> None:
    compiled = compile_patterns("cms_markers", ("(a|aa)+$",))
    with pytest.raises(PatternTimeout, match=r"cms_markers: pattern '\(a\|aa\)\+\$' ran longer than 0.2 s"):
        remove_patterns("a" * 60 + "!", compiled, "cms_markers", timeout=0.2)
