"""Find the files to clean below folders: sorted, filtered by globs, hidden names and folder links skipped.

>>> matches("a/b/news.txt", ("*.txt",)), matches("a/b/news.txt", ("a/*/*.txt",)), matches("x.csv", ("*.txt",))
(True, True, False)
>>> matches("a/b/news.txt", ("a/*.txt",)), matches("a/b/news.txt", ("a/**/*.txt",)), matches("a/n.txt", ("a/**/*.txt",))
(False, True, True)
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .textio import TEMP_PREFIX, cleanup_temp_files

__all__ = ["DEFAULT_INCLUDE", "Found", "discover", "first_selected", "matches"]

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.jsonl")


@dataclass(frozen=True, slots=True)
class Found:
    """A file to clean: its path, its path relative to the argument it was found under, its size.

    ``path`` is a ``str``: the argument in ``pathlib``'s normal form (``str(Path(root))``) joined with
    the names below it, the same text as ``str(Path(root) / rel)``, without a ``Path`` made per file.
    ``error`` is set (and the rest may be empty) when the argument itself cannot be used. ``link``:
    found in a folder walk as a symbolic link (to a file); a root named on purpose never is.
    """

    path: str
    rel: str  # POSIX form ("sub/a.txt"): joined to an output folder once, not parsed twice
    size: int = 0
    error: str | None = None
    link: bool = False


@functools.lru_cache(maxsize=256)
def _path_regex(pattern: str) -> re.Pattern[str]:
    """A glob over a relative path: ``*`` and ``?`` stay within one folder name, ``**`` crosses them."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[":
            j = pattern.find("]", i + 2)
            if j < 0:
                out.append(re.escape("["))
                i += 1
            else:
                body = pattern[i + 1 : j]
                out.append("[^" + body[1:] + "]" if body.startswith("!") else "[" + body + "]")
                i = j + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matches(rel: str, patterns: Iterable[str]) -> bool:
    """Whether a relative POSIX path matches a glob: patterns with a ``/`` match the whole path
    (``*`` within one folder name, ``**`` across folders), others the last name."""
    return _matcher(tuple(patterns))(rel, rel.rsplit("/", 1)[-1])


@functools.lru_cache(maxsize=64)
def _matcher(patterns: tuple[str, ...]) -> Callable[[str, str], bool]:
    """One test for all of ``patterns``: ``test(rel, name)`` is :func:`matches` (``name``: the last part
    of ``rel``). ``*.txt``-like patterns are a suffix test; the other name patterns one regex; the path
    patterns another."""
    simple = [p for p in patterns if "/" not in p and p.startswith("*") and not _GLOB_CHARS.search(p[1:])]
    suffixes = tuple(p[1:] for p in simple)
    names = [fnmatch.translate(p) for p in patterns if "/" not in p and p not in simple]
    paths = [_path_regex(p).pattern for p in patterns if "/" in p]
    name_match = re.compile("|".join(f"(?:{n})" for n in names)).match if names else None
    path_match = re.compile("|".join(f"(?:{n})" for n in paths)).match if paths else None
    if not names and not paths:
        return lambda rel, name: name.endswith(suffixes)  # the usual case: *.txt, *.md, *.jsonl
    return lambda rel, name: (
        name.endswith(suffixes)
        or (name_match is not None and name_match(name) is not None)
        or (path_match is not None and path_match(rel) is not None)
    )


_GLOB_CHARS = re.compile(r"[*?\[]")


def discover(
    roots: Iterable[str],
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
    prune: Iterable[str] = (),
    clean_temp: bool = False,
) -> Iterator[Found]:
    """Yield the files under each root, in argument order, each folder walked in sorted name order.

    A root that is a file is yielded whatever the globs (it was named on purpose). Below a folder:
    names starting with ``.`` are skipped (files and folders), symbolic links to folders are not
    followed (so there are no loops), a file is taken when it matches an ``include`` glob and no
    ``exclude`` glob, and a folder matching an ``exclude`` glob or in ``prune`` (real paths, e.g. the
    output folder) is not entered. With ``clean_temp``, leftover temporary files of killed runs in
    the folders walked are removed.
    """
    included, excluded = _matcher(tuple(include)), _matcher(tuple(exclude))
    pruned = {os.path.realpath(p) for p in prune}
    for root in roots:
        shown = str(Path(root))  # pathlib's normal form: "a//b/" -> "a/b", "./a" -> "a"
        try:
            info = os.stat(root)
        except OSError as err:
            yield Found(shown, os.path.basename(root) or root, error=err.strerror or str(err))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(shown, "", included, excluded, pruned, clean_temp)
        else:
            yield Found(shown, os.path.basename(os.path.normpath(root)), info.st_size)


def _prefix(folder: str) -> str:
    """What goes before a name in ``folder``, as ``Path(folder) / name`` writes it (``folder`` in
    ``pathlib``'s normal form): ``"a"`` -> ``"a/"``, ``"/"`` -> ``"/"``, ``"."`` -> ``""``."""
    if folder == ".":
        return ""
    return folder if folder.endswith(os.sep) else folder + os.sep


def _walk(
    folder: str,
    rel: str,
    included: Callable[[str, str], bool],
    excluded: Callable[[str, str], bool],
    pruned: set[str],
    clean_temp: bool,
) -> Iterator[Found]:
    """The files below ``folder`` (in ``pathlib``'s normal form), whose path relative to the root is
    ``rel`` (``""``: the root itself)."""
    if pruned and os.path.realpath(folder) in pruned:
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        yield Found(folder, rel, error=f"cannot list folder: {err.strerror or err}")
        return
    if clean_temp and any(e.name.startswith(TEMP_PREFIX) for e in entries):
        cleanup_temp_files(folder)
    prefix = _prefix(folder)
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        posix = f"{rel}/{name}" if rel else name
        try:
            if entry.is_dir(follow_symlinks=False):
                if not excluded(posix, name):
                    yield from _walk(prefix + name, posix, included, excluded, pruned, clean_temp)
                continue
            link = entry.is_symlink()
            if link and entry.is_dir():
                continue  # a link to a folder: never followed
            if not included(posix, name) or excluded(posix, name):
                continue
            size = entry.stat().st_size if entry.is_file() else 0
        except OSError as err:
            yield Found(prefix + name, posix, error=err.strerror or str(err))
            continue
        yield Found(prefix + name, posix, size, None, True) if link else Found(prefix + name, posix, size)


def first_selected(
    root: str, folder: str, include: Iterable[str] = DEFAULT_INCLUDE, exclude: Iterable[str] = ()
) -> str | None:
    """The first file below ``folder`` (as ``folder`` + its path below it) that :func:`discover` of the
    folder ``root`` would yield, or ``None``: none there, ``folder`` is not inside ``root`` (real
    paths), or the walk never enters it (a hidden or excluded folder, or a link, on the way).

    >>> first_selected(".", "/") is None
    True
    """
    included, excluded = _matcher(tuple(include)), _matcher(tuple(exclude))
    real_root, real = os.path.realpath(root), os.path.realpath(folder)
    if real == real_root or not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return None
    posix, current = "", real_root
    for name in real[len(real_root.rstrip(os.sep)) + 1 :].split(os.sep):
        posix = f"{posix}/{name}" if posix else name
        current = os.path.join(current, name)
        if name.startswith(".") or os.path.islink(current) or excluded(posix, name):
            return None
    for found in _walk(str(Path(folder)), posix, included, excluded, set(), False):
        if found.error is None:
            return found.path
    return None
