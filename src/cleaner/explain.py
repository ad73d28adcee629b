"""What each normalizer changed in one text, and the catalogue that ``--list`` prints.

>>> from cleaner import resolve
>>> cleaned, report = explain(resolve("default"), "نص [[system-code:ad:x]] أخير")
>>> [(r.name, r.chars_removed) for r in report if r.changed]
[('cms_markers', 20), ('alef', 0), ('whitespace', 0)]
>>> report[[r.name for r in report].index("alef")].examples[0].render()
'line 1: …نص  ⟦أ→ا⟧خير…'
"""

from __future__ import annotations

import difflib
import doctest
import inspect
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from .pipeline import Pipeline

__all__ = ["Example", "StepReport", "explain", "format_report", "report_json", "format_list", "example_of"]

_CONTEXT = 20  # characters of context on each side of an example
_SHOWN = 40  # characters of a changed segment shown in an example
_DIFF_LIMIT = 4_000  # larger changed stretches are counted wholesale, not diffed character by character


@dataclass(frozen=True)
class Example:
    """One change in context: ``line`` (1-based, in the step's input), text before and after."""

    line: int
    before: str
    removed: str
    added: str
    after: str

    def render(self) -> str:
        return f"line {self.line}: …{_show(self.before)}⟦{_show(self.removed)}→{_show(self.added)}⟧{_show(self.after)}…"


@dataclass
class StepReport:
    """What one step did to one text."""

    name: str
    changed: bool
    chars_before: int
    chars_after: int
    chars_removed: int = 0
    chars_added: int = 0
    chars_replaced: int = 0
    lines_removed: int = 0
    lines_added: int = 0
    examples: list[Example] = field(default_factory=list)

    def summary(self) -> str:
        if not self.changed:
            return "unchanged"
        parts = []
        for count, what in (
            (self.chars_replaced, "replaced"),
            (self.chars_removed, "removed"),
            (self.chars_added, "added"),
        ):
            if count:
                parts.append(f"{count} char{'s' if count != 1 else ''} {what}")
        for count, what in ((self.lines_removed, "removed"), (self.lines_added, "added")):
            if count:
                parts.append(f"{count} line{'s' if count != 1 else ''} {what}")
        return ", ".join(parts)


def _show(text: str) -> str:
    """Make newlines and invisible characters visible."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("⏎")
        elif ch == "\t":
            out.append("⇥")
        elif unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp") or (ch.isspace() and ch != " "):
            out.append(f"<U+{ord(ch):04X}>")
        else:
            out.append(ch)
    return "".join(out)


def _clip(text: str, limit: int = _SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compare(before: str, after: str, report: StepReport, examples: int) -> None:
    """Count characters and lines removed, added and replaced; keep the first few examples."""
    a_lines = before.split("\n")
    b_lines = after.split("\n")
    # Offsets of each line start, to give examples their context in the whole text.
    a_starts = [0]
    for line in a_lines[:-1]:
        a_starts.append(a_starts[-1] + len(line) + 1)
    matcher = difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old = "\n".join(a_lines[i1:i2])
        new = "\n".join(b_lines[j1:j2])
        if op == "delete":
            report.lines_removed += i2 - i1
            report.chars_removed += len(old) + 1  # the lines and one line break each
            _example(report, examples, before, a_starts[i1], a_starts[i1] + len(old), i1, "")
            continue
        if op == "insert":
            report.lines_added += j2 - j1
            report.chars_added += len(new) + 1
            at = a_starts[i1] if i1 < len(a_starts) else len(before)
            _example(report, examples, before, at, at, i1, new + "\n")
            continue
        # replace: pair lines one to one when the counts match, else diff the block as a whole
        if i2 - i1 > j2 - j1:
            report.lines_removed += (i2 - i1) - (j2 - j1)
        elif j2 - j1 > i2 - i1:
            report.lines_added += (j2 - j1) - (i2 - i1)
        if i2 - i1 == j2 - j1:
            pairs = [(a_starts[i1 + k], a_lines[i1 + k], b_lines[j1 + k], i1 + k) for k in range(i2 - i1)]
        else:
            pairs = [(a_starts[i1], old, new, i1)]
        for offset, x, y, line_no in pairs:
            if x == y:
                continue
            for cop, c1, c2, d1, d2 in _char_ops(x, y):
                if cop == "delete":
                    report.chars_removed += c2 - c1
                elif cop == "insert":
                    report.chars_added += d2 - d1
                else:
                    common = min(c2 - c1, d2 - d1)
                    report.chars_replaced += common
                    report.chars_removed += (c2 - c1) - common
                    report.chars_added += (d2 - d1) - common
                extra_lines = x[:c1].count("\n")
                _example(report, examples, before, offset + c1, offset + c2, line_no + extra_lines, y[d1:d2])


def _runs(ops: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Merge adjacent operations of the same kind."""
    merged: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if merged and merged[-1][0] == op[0] and merged[-1][2] == op[1] and merged[-1][4] == op[3]:
            last = merged[-1]
            merged[-1] = (last[0], last[1], op[2], last[3], op[4])
        else:
            merged.append(op)
    return merged


def _subsequence_ops(long: str, short: str, kind: str) -> list[tuple[str, int, int, int, int]] | None:
    """Greedy alignment when ``short`` is ``long`` with characters taken out (None if it is not)."""
    ops = []
    j = 0
    for i, ch in enumerate(long):
        if j < len(short) and short[j] == ch:
            j += 1
        else:
            ops.append((kind, i, i + 1, j, j) if kind == "delete" else (kind, j, j, i, i + 1))
    return _runs(ops) if j == len(short) else None


def _char_ops(x: str, y: str) -> list[tuple[str, int, int, int, int]]:
    """Character edits from ``x`` to ``y`` as difflib opcodes, in linear time for the common cases."""
    if len(x) == len(y):  # substitutions: the translate-style steps
        return _runs([("replace", i, i + 1, i, i + 1) for i in range(len(x)) if x[i] != y[i]])
    p = 0
    while p < min(len(x), len(y)) and x[p] == y[p]:
        p += 1
    q = 0
    while q < min(len(x), len(y)) - p and x[len(x) - 1 - q] == y[len(y) - 1 - q]:
        q += 1
    mx, my = x[p : len(x) - q], y[p : len(y) - q]
    ops: list[tuple[str, int, int, int, int]] | None = None
    if len(my) < len(mx):
        ops = _subsequence_ops(mx, my, "delete")
    elif len(mx) < len(my):
        ops = _subsequence_ops(my, mx, "insert")
    if ops is None:
        if len(mx) + len(my) <= _DIFF_LIMIT:
            ops = [op for op in difflib.SequenceMatcher(None, mx, my, autojunk=False).get_opcodes() if op[0] != "equal"]
        else:
            ops = [("replace", 0, len(mx), 0, len(my))]
    return [(op, c1 + p, c2 + p, d1 + p, d2 + p) for op, c1, c2, d1, d2 in ops]


def _example(report: StepReport, limit: int, text: str, start: int, end: int, line: int, added: str) -> None:
    if len(report.examples) >= limit:
        return
    report.examples.append(
        Example(
            line=line + 1,
            before=text[max(0, start - _CONTEXT) : start],
            removed=_clip(text[start:end]),
            added=_clip(added),
            after=text[end : end + _CONTEXT],
        )
    )


def explain(pipeline: Pipeline, text: str, examples: int = 3) -> tuple[str, list[StepReport]]:
    """Clean ``text`` step by step and report what each step removed, added or replaced."""
    reports = []
    for step, func in zip(pipeline.steps, pipeline._funcs, strict=True):
        after = func(text)
        report = StepReport(step.name, after != text, len(text), len(after))
        if report.changed:
            _compare(text, after, report, examples)
        reports.append(report)
        text = after
    return text, reports


def format_report(source: str, profile: str, reports: list[StepReport]) -> str:
    """The human report ``--explain`` writes to stderr."""
    changed = sum(r.changed for r in reports)
    first = reports[0].chars_before if reports else 0
    last = reports[-1].chars_after if reports else 0
    width = max((len(r.name) for r in reports), default=0)
    lines = [f"explain {source}: profile {profile}, {len(reports)} steps, {changed} changed, {first} → {last} characters"]
    for r in reports:
        lines.append(f"  {r.name:<{width}}  {r.summary()}")
        for ex in r.examples:
            lines.append(f"  {'':<{width}}    {ex.render()}")
    return "\n".join(lines) + "\n"


def report_json(source: str, profile: str, reports: list[StepReport]) -> str:
    """The JSON report ``--explain-json`` writes: one object, steps in order.

    A ``source`` name that is not UTF-8 keeps its undecodable bytes as ``\\udcXX`` escapes (see
    :func:`cleaner.textio.json_text`).
    """
    from .textio import json_text

    data: dict[str, Any] = {
        "source": source,
        "profile": profile,
        "chars_before": reports[0].chars_before if reports else 0,
        "chars_after": reports[-1].chars_after if reports else 0,
        "steps": [asdict(r) for r in reports],
    }
    return json_text(data, indent=2) + "\n"


# --------------------------------------------------------------------------------------------
# The catalogue (--list)


def example_of(func: Any) -> tuple[str, str] | None:
    """The first doctest example of a normalizer's docstring: (source, expected output)."""
    doc = inspect.getdoc(func) or ""
    for example in doctest.DocTestParser().get_examples(doc):
        return example.source.strip(), example.want.strip()
    return None


def format_list() -> str:
    """Every normalizer: name, lossy flag, profiles, summary, parameters and a doctest-checked example."""
    from . import list_normalizers
    from .config import toml_value
    from .profiles import profiles_using

    out = []
    for entry in list_normalizers():
        used = ", ".join(profiles_using(entry.name)) or "none (enable it)"
        out.append(f"{entry.name}  [{'lossy' if entry.lossy else 'lossless'}; profiles: {used}]")
        out.append(f"    {entry.summary}")
        for key, default in entry.params:
            out.append(f"    param {key} = {toml_value(default)}")
        example = example_of(entry.func)
        if example:
            out.append(f"    >>> {example[0]}")
            out.append(f"    {example[1]}")
        out.append("")
    return "\n".join(out)
