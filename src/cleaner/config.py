"""Configuration files: ``cleaner.toml`` or ``[tool.cleaner]`` in ``pyproject.toml``, and user regexes.

A configuration names a profile, normalizers to enable and disable, parameters per normalizer
(``[tool.cleaner.params.NAME]``, any registered normalizer) and user profiles
(``[tool.cleaner.profiles.NAME]``, each based on another profile). The file is found from the
current folder upwards (``cleaner.toml`` first, then a ``pyproject.toml`` that has a
``[tool.cleaner]`` table), or given with ``--config FILE``. Command-line options override the file.
Every unknown key, normalizer, parameter or profile is an error naming the closest valid one.

>>> settings = resolve_settings(table={"profile": "search", "params": {"digits": {"to": "arabic"}}}, label="x.toml")
>>> steps = {step.name: dict(step.params) for step in settings.pipeline.steps}
>>> steps["digits"], steps["links"]["urls"]
({'to': 'arabic'}, 'remove')
>>> settings.origin["params.digits.to"]
'x.toml [params.digits]'

User regexes (extra CMS marker patterns, extra boilerplate phrases) are compiled with the ``regex``
module and run with a time limit, so one bad pattern cannot hang a batch:

>>> compiled = compile_patterns("cms_markers", ("<!-- ad -->",))
>>> remove_patterns("نص<!-- ad -->آخر\\n<!-- ad -->\\nسطر", compiled, "cms_markers")
'نص آخر\\nسطر'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pipeline import ConfigError, Pipeline, _freeze
from .registry import REGISTRY, suggest

__all__ = [
    "CONFIG_FILE",
    "KEYS",
    "PROFILE_KEYS",
    "USER_REGEX_TIMEOUT",
    "PatternTimeout",
    "Settings",
    "compile_patterns",
    "find_config",
    "load_config",
    "remove_patterns",
    "resolve_settings",
]

CONFIG_FILE = "cleaner.toml"
#: Keys of ``[tool.cleaner]`` (or of ``cleaner.toml``) and of each ``[tool.cleaner.profiles.NAME]``.
KEYS = ("profile", "enable", "disable", "params", "profiles")
PROFILE_KEYS = ("base", "enable", "disable", "params")
#: Seconds one user pattern may run on one line before it is stopped and reported.
USER_REGEX_TIMEOUT = 1.0

DEFAULT = "built-in default"
COMMAND_LINE = "command line"


# --------------------------------------------------------------------------------------------
# User regexes


class PatternTimeout(RuntimeError):
    """A user pattern ran longer than its time limit; the message names the step and the pattern."""

    def __init__(self, owner: str, pattern: str, timeout: float):
        super().__init__(f"{owner}: pattern {pattern!r} ran longer than {timeout:g} s and was stopped")
        self.owner = owner
        self.pattern = pattern


@functools.lru_cache(maxsize=128)
def compile_patterns(owner: str, patterns: tuple[str, ...]) -> tuple[tuple[str, Any], ...]:
    """Compile user patterns with the ``regex`` module; a bad one raises ``ValueError`` naming it."""
    import regex  # only when there are user patterns: kept out of start-up

    compiled = []
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern:
            raise ValueError(f"{owner}: a pattern must be a non-empty string, not {pattern!r}")
        try:
            rx = regex.compile(pattern)
        except regex.error as err:
            raise ValueError(f"{owner}: pattern {pattern!r} does not compile: {err}") from None
        try:
            empty = rx.fullmatch("", timeout=USER_REGEX_TIMEOUT) is not None
        except TimeoutError:
            raise PatternTimeout(owner, pattern, USER_REGEX_TIMEOUT) from None
        if empty:
            raise ValueError(f"{owner}: pattern {pattern!r} matches the empty string")
        compiled.append((pattern, rx))
    return tuple(compiled)


def _is_word_char(char: str) -> bool:
    from .normalizers.chars import is_word_char

    return is_word_char(char)


def _removal(match: Any) -> str:
    text, start, end = match.string, match.start(), match.end()
    if 0 < start and end < len(text) and _is_word_char(text[start - 1]) and _is_word_char(text[end]):
        return " "  # never glue the words on either side
    return ""


def remove_patterns(
    text: str, compiled: Iterable[tuple[str, Any]], owner: str, timeout: float = USER_REGEX_TIMEOUT
) -> str:
    """Remove every match of the user ``compiled`` patterns, line by line; drop lines left empty.

    A match between two words leaves a space. A pattern running longer than ``timeout`` seconds on
    one line raises :class:`PatternTimeout`.
    """
    compiled = tuple(compiled)
    out = []
    changed = False
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        new = line
        for source, rx in compiled:
            try:
                if rx.search(new, timeout=timeout):
                    new = rx.sub(_removal, new, timeout=timeout)
            except TimeoutError:
                raise PatternTimeout(owner, source, timeout) from None
        if new != line:
            changed = True
            if not new.strip(" \t\r"):
                if number == len(lines) and out:
                    out.append("")  # the line break before a removed last line belongs to the line above
                continue
        out.append(new)
    return "\n".join(out) if changed else text


# --------------------------------------------------------------------------------------------
# Finding and reading files


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``cleaner.toml``, or ``pyproject.toml`` with ``[tool.cleaner]``, from ``start`` up."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_cleaner_table(pyproject):
            return pyproject
    return None


def _has_cleaner_table(pyproject: Path) -> bool:
    """Whether ``pyproject`` is valid TOML with a ``[tool.cleaner]`` table (unreadable: no)."""
    try:
        raw = pyproject.read_bytes()
    except OSError:
        return False
    if b"cleaner" not in raw and b"\\" not in raw:  # no key can spell it: skip the TOML parser (start-up)
        return False
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))  # as read_text()
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "cleaner" in data["tool"]


def load_config(path: Path | str) -> tuple[dict[str, Any], str]:
    """Read a config file: its ``[tool.cleaner]`` table (or ``cleaner.toml``'s top level) and a label."""
    import tomllib

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise ConfigError(f"{path}: cannot read config file: {err.strerror or err}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise ConfigError(f"{path}: not valid UTF-8 at byte offset {err.start}") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    if path.name == "pyproject.toml" or "tool" in data:
        tool = data.get("tool", {})
        table = tool.get("cleaner") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError(f"{path}: no [tool.cleaner] table")
        extra = sorted(set(data) - {"tool"}) if path.name != "pyproject.toml" else []
        if extra:
            raise ConfigError(f"{path}: unknown key {extra[0]!r} next to [tool.cleaner]")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.cleaner] must be a table")
        return table, f"{path} [tool.cleaner]"
    return data, str(path)


# --------------------------------------------------------------------------------------------
# Resolving


@dataclass
class Settings:
    """The resolved configuration: the pipeline and where every choice came from."""

    pipeline: Pipeline
    profile: str
    path: Path | None
    #: "profile" → source; "step.NAME" → why the step runs; "params.NAME.KEY" → source of a value.
    origin: dict[str, str] = field(default_factory=dict)
    user_profiles: tuple[str, ...] = ()

    def describe(self) -> str:
        """The text ``--show-config`` prints: steps, parameters and where each value came from."""
        lines = [f"config file: {self.path if self.path else 'none found (built-in defaults)'}"]
        lines.append(f"profile: {self.profile}  ({self.origin.get('profile', DEFAULT)})")
        if self.user_profiles:
            lines.append(f"user profiles: {', '.join(self.user_profiles)}")
        lines.append("pipeline:")
        width = max((len(s.name) for s in self.pipeline.steps), default=0)
        for i, step in enumerate(self.pipeline.steps, 1):
            lines.append(f"  {i:>2}. {step.name:<{width}}  ({self.origin.get('step.' + step.name, DEFAULT)})")
            values = dict(step.params)
            for key, default in REGISTRY[step.name].params:
                value = values.get(key, default)
                source = self.origin.get(f"params.{step.name}.{key}", DEFAULT) if key in values else DEFAULT
                lines.append(f"        {key} = {toml_value(value)}  ({source})")
        return "\n".join(lines) + "\n"


def toml_value(value: Any) -> str:
    """A value as TOML writes it: ``"text"``, ``true``, ``1.5``, ``["a", "b"]``."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _names(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of normalizer names, not {value!r}")
    for name in value:
        if name not in REGISTRY:
            raise ConfigError(f"{where}: unknown normalizer {name!r}{suggest(name, REGISTRY)}")
    return tuple(value)


def _check_keys(table: Mapping[str, Any], allowed: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise ConfigError(f"{where}: unknown key {key!r}{suggest(key, allowed)}; keys: {', '.join(allowed)}")


def _params(value: Any, where: str) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of [params.NAME] tables")
    out = {}
    for name, values in value.items():
        if name not in REGISTRY:
            raise ConfigError(f"{where}: unknown normalizer {name!r}{suggest(name, REGISTRY)}")
        if not isinstance(values, dict):
            raise ConfigError(f"{where}.{name} must be a table of parameters")
        defaults = REGISTRY[name].defaults
        for key in values:
            if key not in defaults:
                hint = suggest(key, defaults) if defaults else " (it takes no parameters)"
                raise ConfigError(f"{where}.{name}: unknown parameter {key!r}{hint}")
        out[name] = {k: _freeze(v) for k, v in values.items()}
    return out


def resolve_settings(
    table: Mapping[str, Any] | None = None,
    label: str = "",
    path: Path | None = None,
    profile: str | None = None,
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    params: Mapping[str, Mapping[str, Any]] | None = None,
    params_label: str = COMMAND_LINE,
) -> Settings:
    """Resolve a config ``table`` (from ``label``) and command-line choices into a pipeline.

    Precedence, lowest first: built-in defaults, the profile (and the profiles it is based on), the
    file's ``enable``/``disable``/``params``, then the command line.
    """
    from . import normalizers  # noqa: F401  (registration)
    from .profiles import PROFILE_PARAMS, PROFILES, resolve

    table = dict(table or {})
    where = label or "config"
    _check_keys(table, KEYS, where)
    origin: dict[str, str] = {}

    # User profiles.
    raw_profiles = table.get("profiles", {})
    if not isinstance(raw_profiles, dict):
        raise ConfigError(f"{where}: profiles must be a table of [profiles.NAME] tables")
    user: dict[str, dict[str, Any]] = {}
    for name, spec in raw_profiles.items():
        spot = f"{where} [profiles.{name}]"
        if name in PROFILES:
            raise ConfigError(f"{spot}: {name!r} is a built-in profile; give yours another name")
        if not isinstance(spec, dict):
            raise ConfigError(f"{spot} must be a table")
        _check_keys(spec, PROFILE_KEYS, spot)
        base = spec.get("base", "default")
        if not isinstance(base, str):
            raise ConfigError(f"{spot}: base must be a profile name, not {base!r}")
        user[name] = {
            "base": base,
            "enable": _names(spec.get("enable", []), f"{spot} enable"),
            "disable": _names(spec.get("disable", []), f"{spot} disable"),
            "params": _params(spec.get("params", {}), f"{spot} params"),
        }
    known = [*PROFILES, *user]
    for name in user:  # every user profile must resolve, chosen or not
        _builtin_base(name, user, known, where)

    # The profile, expanded down to a built-in base.
    if profile is not None:
        origin["profile"] = COMMAND_LINE
    elif "profile" in table:
        profile = table["profile"]
        if not isinstance(profile, str):
            raise ConfigError(f"{where}: profile must be a name, not {profile!r}")
        origin["profile"] = where
    else:
        profile = "default"
    if profile not in known:
        raise ConfigError(f"unknown profile {profile!r}{suggest(profile, known)}; profiles: {', '.join(known)}")
    builtin, chain = _builtin_base(profile, user, known, where)
    chosen = set(PROFILES[builtin])
    why = {n: f"profile {builtin}" for n in chosen}
    merged: dict[str, dict[str, Any]] = {}
    for step, values in PROFILE_PARAMS.get(builtin, {}).items():
        for key, value in values.items():
            merged.setdefault(step, {})[key] = value
            origin[f"params.{step}.{key}"] = f"profile {builtin}"
    for name in reversed(chain):
        spec = user[name]
        source = f"profile {name} ({where})"
        for step in spec["enable"]:
            chosen.add(step)
            why[step] = source
        chosen -= set(spec["disable"])
        for step, values in spec["params"].items():
            for key, value in values.items():
                merged.setdefault(step, {})[key] = value
                origin[f"params.{step}.{key}"] = source

    # The file's and the command line's own choices.
    layers = [
        (_names(table.get("enable", []), f"{where} enable"), _names(table.get("disable", []), f"{where} disable"), where),
        (_names(list(enable), "--enable"), _names(list(disable), "--disable"), COMMAND_LINE),
    ]
    for on, off, source in layers:
        both = sorted(set(on) & set(off))
        if both:
            raise ConfigError(f"{source}: enabled and disabled at once: {', '.join(both)}")
        for step in on:
            chosen.add(step)
            why[step] = f"enabled in {source}" if source != COMMAND_LINE else "--enable"
        chosen -= set(off)
    file_params = _params(table.get("params", {}), f"{where} params")
    for values_by_step, source in ((file_params, None), (dict(params or {}), params_label)):
        for step, values in values_by_step.items():
            if step not in REGISTRY:
                raise ConfigError(f"{source}: unknown normalizer {step!r}{suggest(step, REGISTRY)}")
            for key, value in values.items():
                merged.setdefault(step, {})[key] = _freeze(value)
                origin[f"params.{step}.{key}"] = source or f"{where} [params.{step}]"

    base_set = set(PROFILES[builtin])
    try:
        pipeline = resolve(builtin, sorted(chosen - base_set), sorted(base_set - chosen), merged)
    except ConfigError as err:
        raise ConfigError(f"{where}: {err}" if label else str(err)) from None
    _check_values(merged)
    for step in pipeline.names:
        origin[f"step.{step}"] = why.get(step, f"profile {builtin}")
    return Settings(pipeline, profile, path, origin, tuple(user))


def _builtin_base(
    profile: str, user: Mapping[str, Mapping[str, Any]], known: list[str], where: str
) -> tuple[str, list[str]]:
    """The built-in profile under ``profile`` and the user profiles on the way (outermost first)."""
    chain: list[str] = []
    name = profile
    while name in user:
        if name in chain:
            raise ConfigError(f"{where}: profiles based on each other: {' → '.join([*chain, name])}")
        chain.append(name)
        name = user[name]["base"]
        if name not in known:
            spot = f"{where} [profiles.{chain[-1]}]"
            raise ConfigError(f"{spot}: unknown base profile {name!r}{suggest(name, known)}")
    return name, chain


def _check_values(params: Mapping[str, Mapping[str, Any]]) -> None:
    """Let each normalizer reject bad values now (it is called once on an empty text)."""
    for name, values in params.items():
        try:
            REGISTRY[name].func("", **dict(values))
        except PatternTimeout as err:
            raise ConfigError(str(err)) from None
        except (ValueError, TypeError) as err:
            message = str(err)
            raise ConfigError(message if message.startswith(name) else f"{name}: {message}") from None


def settings_for(
    config: str | None = None,
    profile: str | None = None,
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    params: Mapping[str, Mapping[str, Any]] | None = None,
    start: Path | None = None,
) -> Settings:
    """Find or read the config file (``config`` given: that file only) and resolve it with CLI choices."""
    path = Path(config) if config else find_config(start)
    table, label = load_config(path) if path else ({}, "")
    return resolve_settings(table, label, path, profile, enable, disable, params)
