"""cleaner: turn raw scraped Arabic news articles into clean text.

>>> import cleaner
>>> cleaner.clean("أخبار [[system-code:ad:autoads]]\\nجـــديد")
'اخبار\\n\\nجديد\\n'
>>> cleaner.clean("أخبار جـــديد", profile="preserve")
'أخبار جديد\\n'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .pipeline import ConfigError, Pipeline, Step, StepChange
from .profiles import ORDER, PROFILES, resolve
from .registry import REGISTRY, Normalizer

__version__ = "0.1.0"

__all__ = [
    "clean",
    "resolve",
    "Pipeline",
    "Step",
    "StepChange",
    "ConfigError",
    "Normalizer",
    "list_normalizers",
    "list_profiles",
    "ORDER",
    "PROFILES",
    "__version__",
]


def clean(
    text: str,
    profile: str = "default",
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    params: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """Clean one text with a profile, optionally enabling or disabling normalizers."""
    return resolve(profile, enable, disable, params)(text)


def list_normalizers() -> list[Normalizer]:
    """Every registered normalizer, in pipeline order (then by name)."""
    from . import normalizers  # noqa: F401

    rank = {n: i for i, n in enumerate(ORDER)}
    return sorted(REGISTRY.values(), key=lambda n: (rank.get(n.name, len(rank)), n.name))


def list_profiles() -> dict[str, tuple[str, ...]]:
    """Every profile and the normalizers it runs, in order."""
    return {name: resolve(name).names for name in PROFILES}
