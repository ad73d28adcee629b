"""One picklable batch callable for engines: :class:`BatchCleaner`.

It takes what dataframe and dataset engines hand a function and gives back the same shape:

* a string -> the cleaned string (``None`` stays ``None``);
* a list of strings -> a list of cleaned strings;
* a record (a mapping whose ``text_key`` holds a string) -> a new record, other fields untouched;
* a column batch (a mapping whose ``text_key`` holds a list: Hugging Face ``datasets`` with
  ``batched=True``) -> a new mapping with that column cleaned;
* a list of records -> a list of new records;
* a pandas ``Series`` -> a ``Series``; a pandas ``DataFrame`` -> a copy with the text column cleaned
  (pandas is duck-typed, never imported here).

It pickles by its pipeline's steps, its ``text_key`` and its name only, so the bytes are the same in
every process (stable ``datasets`` fingerprints), and a worker process builds the pipeline once
(:func:`pipeline_from_steps` is cached by steps).

>>> clean = BatchCleaner("preserve")
>>> clean.__name__
'cleaner_preserve'
>>> clean(["أخبار  جـــديد", None])
['أخبار جديد\\n', None]
>>> clean({"id": [1, 2], "text": ["نص", "جـــديد"]})
{'id': [1, 2], 'text': ['نص\\n', 'جديد\\n']}
>>> clean({"id": 7, "text": "نص  [[system-code:ad:x]]"})
{'id': 7, 'text': 'نص\\n'}
>>> import pickle; pickle.loads(pickle.dumps(clean)) == clean
True
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from ..pipeline import Pipeline, Step
from ..profiles import resolve

__all__ = ["BatchCleaner", "pipeline_from_steps"]


@functools.lru_cache(maxsize=32)
def pipeline_from_steps(steps: tuple[Step, ...]) -> Pipeline:
    """The pipeline of ``steps``, built once per process (steps are hashable plain data)."""
    return Pipeline(steps)


class BatchCleaner:
    """Clean a string, a list of strings, a record, a column batch or a pandas column.

    ``BatchCleaner(profile, enable=..., disable=..., params=..., text_key="text")`` resolves a profile
    like the CLI does; ``BatchCleaner(pipeline=p)`` uses an explicit :class:`~cleaner.Pipeline`.
    The name (``__name__`` and ``name``) is ``cleaner_<profile>`` unless given: engines use it to
    name the stage or the column.
    """

    __slots__ = ("__name__", "__qualname__", "name", "steps", "text_key")

    def __init__(
        self,
        profile: str = "default",
        *,
        enable: Iterable[str] = (),
        disable: Iterable[str] = (),
        params: Mapping[str, Mapping[str, Any]] | None = None,
        pipeline: Pipeline | None = None,
        text_key: str = "text",
        name: str | None = None,
    ):
        if pipeline is None:
            pipeline = resolve(profile, enable, disable, params)
            default_name = f"cleaner_{profile}"
        else:
            default_name = "cleaner_pipeline"
        self._set(pipeline.steps, text_key, name or default_name)

    def _set(self, steps: tuple[Step, ...], text_key: str, name: str) -> None:
        self.steps = tuple(steps)
        self.text_key = text_key
        self.name = self.__name__ = self.__qualname__ = name

    @classmethod
    def _restore(cls, steps: tuple[Step, ...], text_key: str, name: str) -> BatchCleaner:
        self = cls.__new__(cls)
        self._set(steps, text_key, name)
        return self

    def __reduce__(self) -> tuple[Any, tuple[tuple[Step, ...], str, str]]:
        return (BatchCleaner._restore, (self.steps, self.text_key, self.name))

    @property
    def pipeline(self) -> Pipeline:
        return pipeline_from_steps(self.steps)

    def clean(self, text: str | None) -> str | None:
        """Clean one text; ``None`` (a missing value) stays ``None``."""
        if text is None:
            return None
        if not isinstance(text, str):
            raise TypeError(f"{self.name}: expected a string or None, not {type(text).__name__}")
        return self.pipeline(text)

    def __call__(self, batch: Any) -> Any:
        if batch is None or isinstance(batch, str):
            return self.clean(batch)
        if isinstance(batch, Mapping):
            return self._mapping(batch)
        if hasattr(batch, "columns") and hasattr(batch, "assign"):  # a pandas DataFrame
            return batch.assign(**{self.text_key: self._series(batch[self.text_key])})
        if hasattr(batch, "map") and hasattr(batch, "index") and hasattr(batch, "dtype"):  # a pandas Series
            return self._series(batch)
        if isinstance(batch, Iterable):
            return [self._mapping(item) if isinstance(item, Mapping) else self.clean(item) for item in batch]
        raise TypeError(f"{self.name}: cannot clean a {type(batch).__name__}")

    def _mapping(self, record: Mapping[str, Any]) -> dict[str, Any]:
        if self.text_key not in record:
            raise KeyError(f"{self.name}: no {self.text_key!r} field (fields: {', '.join(map(str, record))})")
        value = record[self.text_key]
        out = dict(record)
        if value is None or isinstance(value, str):
            out[self.text_key] = self.clean(value)
        elif isinstance(value, Iterable) and not isinstance(value, Mapping | bytes):  # a column
            out[self.text_key] = [self.clean(v) for v in value]
        else:
            raise TypeError(f"{self.name}: field {self.text_key!r} holds a {type(value).__name__}, not text")
        return out

    def _series(self, series: Any) -> Any:
        pipeline = self.pipeline
        return series.map(lambda v: pipeline(v) if isinstance(v, str) else v)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BatchCleaner) and (self.steps, self.text_key, self.name) == (
            other.steps,
            other.text_key,
            other.name,
        )

    def __hash__(self) -> int:
        return hash((self.steps, self.text_key, self.name))

    def __repr__(self) -> str:
        return f"BatchCleaner({self.name!r}, steps={[str(s) for s in self.steps]!r}, text_key={self.text_key!r})"
