"""A pipeline: an ordered list of named normalizer steps with their parameters.

A :class:`Pipeline` is plain data with a fast ``__call__``: it compares, hashes, prints and pickles
by its steps only, so it can be shipped to worker processes and replayed from its description.

>>> p = Pipeline(["cms_markers", ("headings", {"style": "markdown"}), "whitespace"])
>>> p
Pipeline(['cms_markers', "headings(style='markdown')", 'whitespace'])
>>> p("نص [[system-code:ad:x]]")
'نص\\n'
>>> import pickle; pickle.loads(pickle.dumps(p)) == p
True
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from .registry import get, suggest

__all__ = ["Step", "Pipeline", "StepChange", "ConfigError"]


class ConfigError(ValueError):
    """A pipeline, profile or parameter that does not exist or does not fit."""


def _freeze(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    return value


def _check_param(step: str, key: str, value: Any, default: Any) -> Any:
    value = _freeze(value)
    expected: type = type(default)
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, expected)
    if not ok:
        raise ConfigError(
            f"{step}: parameter {key!r} takes a {expected.__name__} (default {default!r}), not {value!r}"
        )
    return value


@dataclass(frozen=True, slots=True)
class Step:
    """One configured use of a normalizer: its registered name and the parameters that differ."""

    name: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, spec: str | Step | tuple[str, Mapping[str, Any]] | Mapping[str, Any]) -> Step:
        """Build a validated step from a name, a ``(name, params)`` pair or ``{"name", "params"}``."""
        if isinstance(spec, Step):
            name, params = spec.name, dict(spec.params)
        elif isinstance(spec, str):
            name, params = spec, {}
        elif isinstance(spec, Mapping):
            name, params = spec["name"], dict(spec.get("params", {}))
        else:
            name, raw = spec
            params = dict(raw)
        try:
            entry = get(name)
        except KeyError as err:
            raise ConfigError(err.args[0]) from None
        defaults = entry.defaults
        checked = {}
        for key, value in params.items():
            if key not in defaults:
                hint = suggest(key, defaults) if defaults else " (it takes no parameters)"
                raise ConfigError(f"{name}: unknown parameter {key!r}{hint}")
            value = _check_param(name, key, value, defaults[key])
            if value != defaults[key]:
                checked[key] = value
        return cls(name, tuple(sorted(checked.items())))

    def __str__(self) -> str:
        if not self.params:
            return self.name
        return f"{self.name}(" + ", ".join(f"{k}={v!r}" for k, v in self.params) + ")"

    def to_dict(self) -> dict[str, Any]:
        """A JSON- and TOML-ready form: ``{"name": ..., "params": {...}}``."""
        return {"name": self.name, "params": {k: list(v) if isinstance(v, tuple) else v for k, v in self.params}}


class StepChange(NamedTuple):
    """What one step did to one text (see :meth:`Pipeline.explain`)."""

    name: str
    changed: bool
    chars_before: int
    chars_after: int


def _bind(step: Step) -> Callable[[str], str]:
    func = get(step.name).func
    return functools.partial(func, **dict(step.params)) if step.params else func


def _not_text(value: object) -> str:
    """The message for a value that is not a ``str`` (bytes must be decoded by the caller)."""
    hint = " (decode it first, e.g. data.decode('utf-8'))" if isinstance(value, bytes | bytearray) else ""
    return f"cleaner cleans text (str), not {type(value).__name__}{hint}"


class Pipeline:
    """Run normalizers in order: ``Pipeline(["unicode", "whitespace"])("text")``."""

    __slots__ = ("steps", "_funcs")

    def __init__(self, steps: Iterable[str | Step | tuple[str, Mapping[str, Any]] | Mapping[str, Any]] = ()):
        self.steps: tuple[Step, ...] = tuple(Step.of(s) for s in steps)
        names = [s.name for s in self.steps]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise ConfigError(f"a pipeline runs each normalizer once; repeated: {', '.join(duplicated)}")
        self._funcs = tuple(_bind(s) for s in self.steps)

    def __call__(self, text: str) -> str:
        if not isinstance(text, str):
            raise TypeError(_not_text(text))
        for func in self._funcs:
            text = func(text)
        return text

    clean = __call__

    def clean_batch(self, texts: Iterable[str]) -> list[str]:
        """Clean many texts: the batch form that dataframe and dataset engines call."""
        return [self(t) for t in texts]

    def explain(self, text: str) -> tuple[str, list[StepChange]]:
        """Clean ``text`` and say, step by step, whether and how much each step changed it."""
        changes = []
        for step, func in zip(self.steps, self._funcs, strict=True):
            after = func(text)
            changes.append(StepChange(step.name, after != text, len(text), len(after)))
            text = after
        return text, changes

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.steps)

    def to_list(self) -> list[dict[str, Any]]:
        """The steps as plain data; ``Pipeline(p.to_list()) == p``."""
        return [s.to_dict() for s in self.steps]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and self.steps == other.steps

    def __hash__(self) -> int:
        return hash(self.steps)

    def __repr__(self) -> str:
        return f"Pipeline({[str(s) for s in self.steps]!r})"

    def __reduce__(self) -> tuple[type[Pipeline], tuple[tuple[Step, ...]]]:
        return (Pipeline, (self.steps,))
