"""The normalizer registry: every normalizer is a named, documented, pure ``str -> str`` function.

A normalizer is registered with :func:`normalizer`, which records its stable name, the first line
of its docstring as a one-line summary, whether it destroys information (``lossy``) and its
parameters with their defaults. Registering a name twice is an error.

>>> get("alef").lossy
True
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Normalizer", "REGISTRY", "normalizer", "get", "suggest"]


@dataclass(frozen=True, slots=True)
class Normalizer:
    """One registry entry: a pure function and what users need to know about it."""

    name: str
    func: Callable[..., str]
    summary: str
    lossy: bool
    params: tuple[tuple[str, Any], ...]  # (name, default), in signature order

    @property
    def defaults(self) -> dict[str, Any]:
        return dict(self.params)


REGISTRY: dict[str, Normalizer] = {}


def _summary(func: Callable[..., str]) -> str:
    doc = inspect.getdoc(func) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def normalizer(name: str, *, lossy: bool = False) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Register ``func(text, **params) -> str`` under ``name``.

    Parameters are the function's keyword-only arguments; their defaults are the normalizer's defaults.
    """

    def register(func: Callable[..., str]) -> Callable[..., str]:
        if name in REGISTRY:
            raise ValueError(
                f"normalizer {name!r} is already registered by {REGISTRY[name].func.__module__}"
            )
        params = tuple(
            (p.name, p.default)
            for p in inspect.signature(func).parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        )
        if any(default is inspect.Parameter.empty for _, default in params):
            raise ValueError(f"normalizer {name!r}: every parameter needs a default")
        summary = _summary(func)
        if not summary:
            raise ValueError(f"normalizer {name!r} needs a docstring")
        REGISTRY[name] = Normalizer(name, func, summary, lossy, params)
        return func

    return register


def suggest(name: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest of ``choices``, or ``""``."""
    import difflib  # only on a misspelled name: kept out of start-up

    close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def get(name: str) -> Normalizer:
    """Return the normalizer registered as ``name``; unknown names raise ``KeyError`` with a hint."""
    from . import normalizers  # noqa: F401  (registration happens at import)

    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown normalizer {name!r}{suggest(name, REGISTRY)}") from None
