"""Properties every profile and every normalizer keeps, on arbitrary and Arabic-heavy text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.registry import REGISTRY
from strategies import article, texts

PROFILES = sorted(cleaner.PROFILES)
NORMALIZERS = sorted(n.name for n in cleaner.list_normalizers())
MARKER = re.compile(r"\[\[system-code:[^\[\]\n]{0,1000}\]\]")
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("profile", PROFILES)
@FAST
@given(text=st.one_of(texts, article))
def test_every_profile_is_idempotent(profile: str, text: str) -> None:
    once = cleaner.clean(text, profile=profile)
    assert cleaner.clean(once, profile=profile) == once


@pytest.mark.parametrize("name", NORMALIZERS)
@FAST
@given(text=texts)
def test_every_normalizer_is_idempotent_and_never_raises(name: str, text: str) -> None:
    func = REGISTRY[name].func
    once = func(text)
    assert isinstance(once, str)
    assert func(once) == once


@pytest.mark.parametrize("profile", PROFILES)
@FAST
@given(text=texts)
def test_no_marker_survives_and_output_is_tidy(profile: str, text: str) -> None:
    out = cleaner.clean(text, profile=profile)
    assert not MARKER.search(out)
    if out:
        assert out.endswith("\n") and not out.endswith("\n\n") and not out.startswith("\n")
        assert "\r" not in out and "\n\n\n" not in out
    out.encode("utf-8")  # always writable


@FAST
@given(text=texts)
def test_default_leaves_no_folded_letters(text: str) -> None:
    out = cleaner.clean(text)
    assert not set(out) & set("أإآٱٲٳىیې")


@FAST
@given(text=texts)
def test_preserve_only_differs_from_default_by_the_letter_folds(text: str) -> None:
    preserve = cleaner.clean(text, profile="preserve")
    assert cleaner.clean(preserve, enable=["alef", "yeh"], profile="preserve") == cleaner.clean(text)
