"""Pipelines and profiles: plain data that runs, compares, prints, pickles and replays."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

import cleaner
from cleaner import ConfigError, Pipeline, Step, resolve
from cleaner.registry import REGISTRY, normalizer


def test_a_pipeline_runs_its_steps_in_order() -> None:
    p = Pipeline(["cms_markers", "whitespace"])
    assert p("نص\n[[system-code:ad:x]]\nنص") == "نص\n\nنص\n"
    assert p.names == ("cms_markers", "whitespace")


def test_pipelines_compare_hash_and_print_by_their_steps() -> None:
    a = Pipeline(["unicode", ("headings", {"style": "markdown"})])
    b = Pipeline([Step("unicode"), {"name": "headings", "params": {"style": "markdown"}}])
    assert a == b and hash(a) == hash(b)
    assert a != Pipeline(["unicode", "headings"])
    assert repr(a) == "Pipeline(['unicode', \"headings(style='markdown')\"])"


def test_default_parameters_are_not_stored() -> None:
    assert Pipeline([("headings", {"style": "text"})]) == Pipeline(["headings"])


def test_a_pipeline_pickles_as_its_steps_and_replays_from_plain_data() -> None:
    p = resolve("default", params={"headings": {"max_words": 6}})
    data = pickle.dumps(p)
    assert b"function" not in data and b"partial" not in data
    assert pickle.loads(data) == p
    assert Pipeline(p.to_list()) == p


def test_pickled_bytes_are_the_same_in_another_process() -> None:
    code = "import pickle, sys, cleaner; sys.stdout.buffer.write(pickle.dumps(cleaner.resolve('preserve')))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert other == pickle.dumps(resolve("preserve"))


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (["nope"], "unknown normalizer 'nope'"),
        (["whitespce"], "did you mean 'whitespace'"),
        ([("headings", {"max_word": 3})], "did you mean 'max_words'"),
        ([("headings", {"max_words": "3"})], "takes a int"),
        ([("whitespace", {"x": 1})], "takes no parameters"),
        (["unicode", "unicode"], "repeated: unicode"),
    ],
)
def test_bad_pipelines_are_errors_that_say_why(spec: list, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Pipeline(spec)


def test_registering_a_name_twice_is_an_error() -> None:
    with pytest.raises(ValueError, match="already registered"):

        @normalizer("whitespace")
        def whitespace_again(text: str) -> str:
            """Again."""
            return text

    assert REGISTRY["whitespace"].func.__module__ == "cleaner.normalizers.whitespace"


def test_profiles_are_data_in_canonical_order() -> None:
    for name, steps in cleaner.list_profiles().items():
        assert list(steps) == [n for n in cleaner.ORDER if n in steps], name
    assert "alef" in cleaner.list_profiles()["default"]
    assert "yeh" in cleaner.list_profiles()["default"]
    assert not {"alef", "yeh"} & set(cleaner.list_profiles()["preserve"])


def test_enable_puts_a_step_in_its_canonical_place() -> None:
    p = resolve("preserve", enable=["alef"])
    assert p.names.index("alef") < p.names.index("headings")
    assert resolve("default", disable=["headings", "alef"]).names == tuple(
        n for n in resolve("default").names if n not in ("headings", "alef")
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"profile": "defualt"}, "did you mean 'default'"),
        ({"enable": ["alf"]}, "did you mean 'alef'"),
        ({"disable": ["x"]}, "unknown normalizer 'x'"),
        ({"enable": ["alef"], "disable": ["alef"]}, "enabled and disabled at once: alef"),
        ({"params": {"headings": {"style": 3}}}, "takes a str"),
    ],
)
def test_resolve_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve(**kwargs)


def test_clean_and_explain_agree() -> None:
    text = "أخبار [[system-code:ad:x]]\nجـــديد"
    p = resolve()
    cleaned, changes = p.explain(text)
    assert cleaned == p(text) == cleaner.clean(text)
    changed = [c.name for c in changes if c.changed]
    assert {"cms_markers", "tatweel", "alef", "whitespace"} <= set(changed)
    assert Pipeline(changed)(text) == cleaned  # replaying only the steps that changed something


def test_clean_batch() -> None:
    assert resolve().clean_batch(["أ", "ب"]) == ["ا\n", "ب\n"]
