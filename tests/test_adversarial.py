"""Adversarial inputs (issue 8): each has a defined result and a running time linear in its size.

Linearity is checked by ratio, never by absolute seconds: the same input made 8 times longer must not
take more than ``BOUND`` (20) times as long (8 is linear, 64 would be quadratic). Each size is timed
by the fastest of its runs (min-of-N: a busy machine only ever adds time): the small size at least
twice, the large one once, and a cheap run again until its runs add up to ``SPEND`` seconds; when
the ratio looks too high, both are measured again (three and two more runs) before failing.

Sizes: time is compared between 1 MB and 8 MB of each case (the issue's figures), and the defined
result is checked on both sizes; the pipeline runs on the 8 MB input once, so the tier stays under a
minute on a quiet two-core machine. Each normalizer on the nasty mix is compared between 2 MB and
16 MB (both past the processor caches). ``CLEANER_ADVERSARIAL_SCALE=1`` divides the sizes by 8 (a
quick local run). The single long line is 20 MB (compared with 2.5 MB) whatever the scale.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import cleaner
from cleaner.registry import REGISTRY

MB = 1 << 20
SCALE = int(os.environ.get("CLEANER_ADVERSARIAL_SCALE", "8"))
BIG = SCALE * MB  # bytes of UTF-8 of the large size; the small size is BIG // FACTOR
FACTOR = 8
BOUND = 20
# Seconds per byte of the small input: a shorter small run counts as this long. A step that cheap (a
# C-level scan) cannot be superlinear at these sizes (a quadratic one takes seconds on 1 MB), and on
# the large input it pays for outgrowing the processor caches, which other processes share (2-3 times
# the cost per byte, somewhere between 0.5 and 16 MB here): that would read as superlinear.
FLOOR_PER_BYTE = 20e-9
SPEND = 0.1  # seconds: cheap runs are repeated until they add up to this much (each size) ...
MAX_RUNS = 10  # ... in at most this many runs
NORMALIZERS = sorted(n.name for n in cleaner.list_normalizers())  # importing registers them all


def rep(unit: str, nbytes: int) -> str:
    """``unit`` repeated to about ``nbytes`` bytes of UTF-8."""
    return unit * max(1, nbytes // len(unit.encode("utf-8")))


def _min_time(func: Callable[[str], object], text: str, repeat: int, spend: float = 0.0) -> float:
    """The fastest of ``repeat`` runs, with more runs (up to ``MAX_RUNS``) while they add up to less
    than ``spend`` seconds: a cheap step is timed many times, for little, and one stall cannot decide."""
    times: list[float] = []
    while len(times) < repeat or (sum(times) < spend and len(times) < MAX_RUNS):
        start = time.perf_counter()
        func(text)
        times.append(time.perf_counter() - start)
    return min(times)


def assert_linear(
    func: Callable[[str], object],
    make: Callable[[int], str],
    big: int,
    label: str,
    small_time: float | None = None,
    big_time: float | None = None,
) -> None:
    """``make(big // FACTOR)`` against ``make(big)``, min-of-N each; ``small_time`` and ``big_time``:
    one run of each size already timed by the caller (it counts as one of the N)."""
    small_text = make(big // FACTOR)
    floor = FLOOR_PER_BYTE * (big // FACTOR)
    small = _min_time(func, small_text, 1 if small_time is not None else 2, SPEND)
    small = max(min(small, small_time if small_time is not None else small), floor)
    large = big_time if big_time is not None else float("inf")
    if big_time is None or big_time < SPEND:  # cheap (or not timed yet): more runs, for little
        large = min(large, _min_time(func, make(big), 1 if big_time is None else 0, SPEND - (big_time or 0.0)))
    if large / small >= BOUND:  # measure again before blaming the code
        small = max(min(small, _min_time(func, small_text, 3, SPEND)), floor)
        large = min(large, _min_time(func, make(big), 2, SPEND))
    ratio = large / small
    assert ratio < BOUND, f"{label}: {FACTOR}x the input took {ratio:.1f}x the time ({small:.4f}s -> {large:.3f}s)"


def _timed(func: Callable[[str], str], text: str) -> tuple[str, float]:
    start = time.perf_counter()
    out = func(text)
    return out, time.perf_counter() - start


def _same(text: str) -> str:
    """Nothing to clean: the text comes back with the one final newline."""
    return text + "\n"


# id -> (make(nbytes), expected(input) -> output, profile). Results are those of the profile.
CASES: dict[str, tuple[Callable[[int], str], Callable[[str], str]]] = {
    "open-brackets": (lambda n: rep("[[", n), _same),  # editorial brackets, never a marker
    "less-than": (lambda n: rep("<", n), _same),  # not a tag
    "ampersands": (lambda n: rep("&", n), _same),  # not an entity
    "escaped-ampersands": (lambda n: rep("&amp;", n), lambda t: "&" * (len(t) // 5) + "\n"),
    "tatweel-alone": (lambda n: rep("ـ", n), _same),  # a dash, not a stretch
    "tatweel-stretch": (lambda n: "كلم" + rep("ـ", n) + "ة", lambda t: "كلمة\n"),
    "combining-marks": (lambda n: "ب" + rep("\u064e", n), _same),  # harakat stay in default
    "bidi-marks": (lambda n: rep("\u200f", n), lambda t: ""),
    "bidi-between-words": (lambda n: rep("كلمة\u200f", n), lambda t: " ".join(["كلمة"] * t.count("\u200f")) + "\n"),
    "zero-width-mix": (lambda n: rep("\u200b\u200c\u200d\u2060\ufeff\u202a\u202c\u2066\u2069", n), lambda t: ""),
    "unclosed-markers": (lambda n: rep("[[system-code:", n), _same),
    "nested-markers": (
        lambda n: rep("[[system-code:", n // 2)[: 14 * (n // 32)] + "]]" * (n // 32),
        lambda t: "",
    ),  # each removal makes the next marker: all go, in one pass
    "broken-markers": (
        lambda n: rep("[[sys[[system-code:x]]tem-code:y]", n),
        lambda t: "[[system-code:y]" * t.count("[[sys[[") + "\n",
    ),
    "only-markers": (lambda n: rep("[[system-code:ad:autoads]]\n", n), lambda t: ""),
    "nested-html": (
        lambda n: "<div>" * (n // 22) + "<p>نص</p>" + "</div>" * (n // 22),
        lambda t: "نص\n",
    ),
    "broken-html": (lambda n: rep("<div <p <!-- <span", n), lambda t: t.rstrip() + "\n"),
    "only-newlines": (lambda n: rep("\n", n), lambda t: ""),
    "only-whitespace": (lambda n: rep(" \t\r\n\u00a0\u3000\u2028", n), lambda t: ""),
    "cr-line-endings": (lambda n: rep("نص.\r", n), lambda t: "\n\n".join(["نص."] * t.count("\r")) + "\n"),
    "empty": (lambda n: "", lambda t: ""),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_adversarial_input_has_its_defined_result_in_linear_time(case: str) -> None:
    make, expected = CASES[case]
    pipeline = cleaner.resolve("default")
    small_text = make(BIG // FACTOR)
    small, small_time = _timed(pipeline, small_text)
    assert small == expected(small_text), f"{case}: unexpected result (starts {small[:60]!r}, {len(small)} chars)"
    assert pipeline(small) == small  # idempotent (on the smaller size: the tier has a time budget)
    text = make(BIG)
    out, elapsed = _timed(pipeline, text)
    assert out == expected(text), f"{case}: unexpected result at {BIG} bytes (starts {out[:60]!r}, {len(out)} chars)"
    if text:
        assert_linear(pipeline, make, BIG, case, small_time=small_time, big_time=elapsed)


def test_a_single_20_mb_line() -> None:
    """One line of 20 MB of news text (no newline at all) comes back whole, one final newline."""
    unit = "قال الرئيس إن النمو بلغ 3.5% في عام 2024، وفق CIA و https://example.com/a?b=1 "
    make = lambda n: rep(unit, n).rstrip()  # noqa: E731
    text = make(20 * MB)
    pipeline = cleaner.resolve("preserve")
    out, elapsed = _timed(pipeline, text)
    assert out == text + "\n"
    small = max(_min_time(pipeline, make(20 * MB // FACTOR), 1), FLOOR_PER_BYTE * (20 * MB // FACTOR))
    assert elapsed / small < BOUND, f"20 MB took {elapsed / small:.1f}x the time of 2.5 MB"


NASTY = (
    "[[", "<", "&", "ـ", "\u064e", "\u200f", "[[system-code:", "]]", "<div>", "&amp;", "\n", " ", "\r",
    "كلمة", "ا", "اااا", "ى", "ة", "٣", "3", ",", "؟؟", "!!", "http://", "@", "#", "<!--", "-->", "<DOC>",
    "اقرأ أيضاً:", "كتب -", "(تصوير", "\u0654", "ـ7", "www.", ".", "  ",
)  # fmt: skip


@pytest.mark.parametrize("name", NORMALIZERS)
def test_every_normalizer_is_linear_on_a_nasty_mix(name: str) -> None:
    """Every fragment the steps react to, interleaved: no step may go superlinear on it."""
    func = REGISTRY[name].func
    unit = "".join(f"{a}{b}" for a in NASTY[::3] for b in NASTY[1::2])
    make = lambda n: rep(unit, n)  # noqa: E731
    assert_linear(func, make, 2 * BIG, name)  # 2 MB vs 16 MB: both past the processor caches (see FLOOR_PER_BYTE)


# --- lone surrogates through the Python API ------------------------------------------------------------

SURROGATE_TEXTS = ["\ud800", "نص\udfffنص", "a\udc80b", "\ud83d\ude00"]  # the last is a split emoji pair


@pytest.mark.parametrize("profile", sorted(cleaner.PROFILES))
@pytest.mark.parametrize("text", SURROGATE_TEXTS, ids=["lone-high", "in-word", "lone-low", "split-pair"])
def test_lone_surrogates_become_replacement_characters_in_every_profile(profile: str, text: str) -> None:
    """Documented: every profile runs ``unicode``, which writes U+FFFD for each lone surrogate."""
    out = cleaner.clean(text, profile=profile)
    assert "\ufffd" in out
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in out)
    out.encode("utf-8")  # always writable


@pytest.mark.parametrize("name", NORMALIZERS)
def test_no_normalizer_raises_on_lone_surrogates(name: str) -> None:
    """Without ``unicode`` a pipeline passes a lone surrogate through like any other character."""
    func = REGISTRY[name].func
    for text in SURROGATE_TEXTS:
        func(text)
    assert cleaner.Pipeline(["whitespace"])("a\ud800b") == "a\ud800b\n"


# --- the same through the command line: empty, blank and marker-only files ------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", b""),
        (b" \t\r\n\n\xc2\xa0\n   \r\n", b""),
        ("[[system-code:ad:autoads]]\n[[system-code:ad:x]]\r\n".encode() * 1000, b""),
        ("\ufeff".encode() + "نص".encode(), "نص\n".encode()),
    ],
    ids=["empty-file", "whitespace-only", "markers-only", "bom-only-text"],
)
def test_degenerate_files_through_the_command_line(tmp_path: Path, content: bytes, expected: bytes) -> None:
    src, dst = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_bytes(content)
    run = subprocess.run(
        [sys.executable, "-m", "cleaner", str(src), "-o", str(dst)], capture_output=True, timeout=60, check=False
    )
    assert run.returncode == 0, run.stderr.decode()
    assert dst.read_bytes() == expected
    assert run.stdout == b""


@pytest.mark.parametrize(
    ("value", "words"),
    [(b"\xd9\x86\xd8\xb5", ("bytes", "decode")), (None, ("NoneType",)), (42, ("int",)), (["نص"], ("list",))],
)
def test_anything_but_text_is_a_clear_type_error(value: object, words: tuple[str, ...]) -> None:
    with pytest.raises(TypeError) as info:
        cleaner.clean(value)  # type: ignore[arg-type]
    for word in words:
        assert word in str(info.value)
