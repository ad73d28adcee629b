"""Profiles: named, ordered lists of normalizers, as plain data.

Steps always run in the canonical :data:`ORDER`, so enabling a normalizer puts it in its place.

>>> resolve("preserve").names  # doctest: +NORMALIZE_WHITESPACE
('wrappers', 'html', 'unicode', 'cms_markers', 'tatweel', 'lookalikes', 'punctuation', 'boilerplate',
 'duplicate_paragraphs', 'related_headlines', 'headings', 'whitespace')
>>> resolve("default", disable=["headings"]).names  # doctest: +NORMALIZE_WHITESPACE
('wrappers', 'html', 'unicode', 'cms_markers', 'tatweel', 'alef', 'yeh', 'lookalikes', 'punctuation',
 'boilerplate', 'duplicate_paragraphs', 'related_headlines', 'whitespace')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from .pipeline import ConfigError, Pipeline, Step, _freeze
from .registry import REGISTRY, suggest

__all__ = ["ORDER", "PROFILES", "resolve", "profiles_using"]

#: The order in which normalizers run whatever the profile: markup and invisible characters first,
#: then letters, then structure, then spacing.
ORDER: tuple[str, ...] = (
    "wrappers",
    "html",
    "unicode",
    "cms_markers",
    "diacritics",
    "digits",
    "links",
    "tatweel",  # after links: a removed URL can leave a tatweel that joined a prefix to it (بـhttp://…)
    "alef",
    "yeh",
    "teh_marbuta",
    "hamza_carriers",
    "lookalikes",
    "elongation",
    "punctuation",
    # after every letter and link step, so none of them can reveal furniture on a second run
    "boilerplate",
    "duplicate_paragraphs",
    "bylines",
    "captions",
    "datelines",
    # after duplicate_paragraphs and the strict removals, so it reads the text free of repeats and
    # of the lines they drop, as a second run does
    "related_headlines",
    "headings",
    "whitespace",
)

#: Opt-in steps of the catalogue: lossy folds and removals for search indexes, off in default and preserve.
_SEARCH_ONLY = ("links", "diacritics", "digits", "teh_marbuta", "hamza_carriers", "elongation")
#: Steps that remove the article's apparatus (bylines, photo captions, datelines): in ``strict`` only.
_STRICT_ONLY = ("bylines", "captions", "datelines")
_DEFAULT = tuple(n for n in ORDER if n not in _SEARCH_ONLY and n not in _STRICT_ONLY)
PROFILES: dict[str, tuple[str, ...]] = {
    # Markers stripped, alef and yeh unified, headings fixed: text for corpora and search.
    "default": _DEFAULT,
    # default without the lossy letter folds: the spelling of every word is kept.
    "preserve": tuple(n for n in _DEFAULT if n not in ("alef", "yeh")),
    # default plus diacritics, teh marbuta, hamza carriers, ASCII digits, elongation and links removed:
    # the conventional form for search indexes and classic NLP features.
    "search": tuple(n for n in ORDER if n in _DEFAULT or n in _SEARCH_ONLY),
    # default plus bylines, photo captions and dateline-only lines removed: the article text only.
    "strict": tuple(n for n in ORDER if n in _DEFAULT or n in _STRICT_ONLY),
}

#: Parameters a profile sets for its steps (user parameters override them one by one).
PROFILE_PARAMS: dict[str, dict[str, dict[str, Any]]] = {
    "search": {"links": {"urls": "remove", "emails": "remove", "mentions": "remove", "hashtags": "words"}},
}


def _known(name: str) -> None:
    from . import normalizers  # noqa: F401

    if name not in REGISTRY:
        raise ConfigError(f"unknown normalizer {name!r}{suggest(name, REGISTRY)}")


def resolve(
    profile: str = "default",
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    params: Mapping[str, Mapping[str, Any]] | None = None,
) -> Pipeline:
    """Build the pipeline of ``profile`` with normalizers enabled, disabled and parameterised.

    Parameters given for a normalizer that the resolved pipeline does not run are checked, then ignored.
    """
    # Values are frozen (lists become tuples) so a Python call may pass phrases=[...] as a list.
    frozen = tuple(
        sorted((k, tuple(sorted((kk, _freeze(vv)) for kk, vv in v.items()))) for k, v in (params or {}).items())
    )
    return _resolve(profile, tuple(enable), tuple(disable), frozen)


@functools.lru_cache(maxsize=64)
def _resolve(
    profile: str,
    enable: tuple[str, ...],
    disable: tuple[str, ...],
    params: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...],
) -> Pipeline:
    if profile not in PROFILES:
        raise ConfigError(f"unknown profile {profile!r}{suggest(profile, PROFILES)}; profiles: {', '.join(PROFILES)}")
    for name in (*enable, *disable, *(n for n, _ in params)):
        _known(name)
    both = set(enable) & set(disable)
    if both:
        raise ConfigError(f"enabled and disabled at once: {', '.join(sorted(both))}")
    chosen = (set(PROFILES[profile]) | set(enable)) - set(disable)
    by_name = {n: dict(v) for n, v in PROFILE_PARAMS.get(profile, {}).items()}
    for n, v in params:
        by_name.setdefault(n, {}).update(v)
    if by_name.get("headings", {}).get("style") == "markdown" and "html" in chosen:
        # markdown output: an HTML heading (h1-h6) is written "## heading" whatever its length
        by_name.setdefault("html", {}).setdefault("heading_style", "markdown")
    steps = []
    for name in _ordered(chosen):
        steps.append(Step.of((name, dict(by_name.get(name, ())))))
    for name, values in params:  # validate parameters of steps that do not run too
        if name not in chosen:
            Step.of((name, dict(values)))
    return Pipeline(steps)


def _ordered(names: set[str]) -> list[str]:
    rank = {n: i for i, n in enumerate(ORDER)}
    return sorted(names, key=lambda n: (rank.get(n, len(rank)), n))


def profiles_using(name: str) -> list[str]:
    """The profiles whose pipeline runs normalizer ``name``."""
    return [p for p, steps in PROFILES.items() if name in steps]
