"""Helpers for the streaming tests: cut a text into blocks, clean blocks as a stream."""

from __future__ import annotations

from cleaner.pipeline import Pipeline
from cleaner.stream import StreamFallback, _plain_run, _structure_plain, clean_blocks


def split_at(text: str, cuts: list[int]) -> list[str]:
    """``text`` cut at the given offsets (taken modulo its length + 1)."""
    points = sorted({c % (len(text) + 1) for c in cuts})
    return [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]


def streamed(pipeline: Pipeline, blocks: list[str], target: int) -> str | None:
    """The stream's output for ``blocks``, or ``None`` when the stream says it must be read whole."""
    try:
        return "".join(clean_blocks(pipeline, blocks, target=target))
    except StreamFallback:
        return None


def strict_cuts(text: str) -> list[int]:
    """Every offset at which the strict steps' cut finder may cut ``text`` (seen whole or as a prefix)."""
    find = _plain_run(_structure_plain())  # type: ignore[arg-type]
    found = set()
    end = text.rfind("\n") + 1
    while end > 0:
        cut = find(text[:end])
        if cut <= 0:
            break
        found.add(cut)
        end = text.rfind("\n", 0, end - 1) + 1  # every shorter prefix of whole lines
    return sorted(found)
