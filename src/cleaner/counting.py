"""Per-normalizer change counts for reports, computed cheaply (no difflib).

The count of one step on one text is how many characters it changed, defined line by line:

- a line of the same length: the number of positions that differ (``أحمد`` → ``احمد``: 1);
- a line with as many words: over each changed word, the longer of the removed and the added
  middle once the common prefix and suffix are trimmed (``جـــديد`` → ``جديد``: 3);
- any other changed line: the same, over the whole line;
- when the step adds or removes only blank lines, one per blank line, plus the changes of the
  lines; when it adds or removes text lines, the span from the first to the last changed line.

A step that returns its input counts 0. Line endings are not counted: several steps turn CRLF and a
lone CR into LF before they read lines (whichever runs first does it), and that is not a change of
the text; such a step counts only its other changes. Prefix and suffix are found by binary search
over slice comparisons. Plain runs never pay any of this: the pipeline is only run step by step for
``--report``.

>>> changed_chars("abXcd", "abYYcd"), changed_chars("أحمد إلى", "احمد الى")
(2, 2)
>>> run_counted(__import__("cleaner").resolve("preserve"), "جـــديد  نص", counts := {})
'جديد نص\\n'
>>> counts
{'tatweel': 3, 'whitespace': 2}
>>> run_counted(__import__("cleaner").resolve("preserve"), "نص  اول\\r\\nثان\\r\\n", counts := {}), counts
('نص اول\\n\\nثان\\n', {'whitespace': 2})
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable

from .pipeline import Pipeline
from .registry import get

__all__ = ["changed_chars", "run_counted", "bound_steps"]


def _prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return n
    lo, hi = 0, n  # a[:lo] == b[:lo], a[:hi] != b[:hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _suffix(a: str, b: str, limit: int) -> int:
    n = min(len(a), len(b), limit)
    if n == 0 or a[len(a) - n :] == b[len(b) - n :]:
        return n
    lo, hi = 0, n
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[len(a) - mid : len(a) - lo] == b[len(b) - mid : len(b) - lo]:
            lo = mid
        else:
            hi = mid
    return lo


def _span(before: str, after: str) -> int:
    """Characters changed between the common prefix and suffix: the longer of the two middles."""
    p = _prefix(before, after)
    s = _suffix(before, after, min(len(before), len(after)) - p)
    return max(len(before) - p - s, len(after) - p - s)


def _line(before: str, after: str) -> int:
    if len(before) == len(after):
        return sum(map(operator.ne, before, after))  # substitutions only: count them
    a, b = before.split(" "), after.split(" ")
    if len(a) == len(b):
        return sum(_span(x, y) for x, y in zip(a, b, strict=True) if x != y)
    return _span(before, after)


def changed_chars(before: str, after: str) -> int:
    """How many characters a step changed (see the module docstring)."""
    if before is after or before == after:
        return 0
    if "\n" not in before and "\n" not in after:
        return _line(before, after)
    a, b = before.split("\n"), after.split("\n")
    if len(a) == len(b):
        return sum(_line(x, y) for x, y in zip(a, b, strict=True) if x != y)
    full_a, full_b = [x for x in a if x.strip()], [y for y in b if y.strip()]
    if len(full_a) == len(full_b):  # lines kept, blank lines added or removed
        return abs(len(a) - len(b)) + sum(_line(x, y) for x, y in zip(full_a, full_b, strict=True) if x != y)
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and a[-1 - j] == b[-1 - j]:
        j += 1
    return _span("\n".join(a[i : len(a) - j]), "\n".join(b[i : len(b) - j]))


def _lf(text: str) -> str:
    """``text`` with its line endings (CRLF, a lone CR) made LF, as the steps that read lines make them."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@functools.lru_cache(maxsize=16)
def bound_steps(pipeline: Pipeline) -> tuple[tuple[str, Callable[[str], str]], ...]:
    """The pipeline's steps as ``(name, callable)`` pairs with their parameters bound."""
    out = []
    for step in pipeline.steps:
        func = get(step.name).func
        out.append((step.name, functools.partial(func, **dict(step.params)) if step.params else func))
    return tuple(out)


def run_counted(pipeline: Pipeline, text: str, counts: dict[str, int] | None) -> str:
    """Run ``pipeline`` on ``text``; with a ``counts`` dict, add each step's change count to it."""
    if counts is None:
        return pipeline(text)
    for name, func in bound_steps(pipeline):
        after = func(text)
        n = changed_chars(_lf(text), _lf(after)) if "\r" in text else changed_chars(text, after)
        if n:
            counts[name] = counts.get(name, 0) + n
        text = after
    return text
