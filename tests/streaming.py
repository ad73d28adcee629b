"""Helpers for the streaming tests: cut a text into blocks, clean blocks as a stream."""

from __future__ import annotations

from cleaner.pipeline import Pipeline
from cleaner.stream import StreamFallback, clean_blocks


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
