"""The ``cleaner`` command: a thin shell over the library.

Stdout carries only cleaned text; every message goes to stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .pipeline import ConfigError, Pipeline
from .profiles import PROFILES, profiles_using, resolve
from .textio import DecodeError, atomic_write, decode

EXIT_OK = 0
EXIT_CHECK_CHANGED = 1
EXIT_USAGE = 2
EXIT_INPUT_FAILED = 123

_EPILOG = """\b
Examples:
  cleaner article.txt > clean.txt         clean one file to stdout
  cat article.txt | cleaner - | wc -w      clean stdin (no argument means stdin too)
  cleaner article.txt -o clean.txt         write a file (atomically)
  cleaner --profile preserve article.txt   keep every spelling (no alef/yeh folds)
  cleaner --format markdown article.txt    sub-headings written as '## heading'
  cleaner --disable headings article.txt   run the default profile without one step
  cleaner --list                           every normalizer and the profiles using it

\b
Exit codes:
  0    done
  1    --check found files that would change
  2    usage error (bad option, unknown profile or normalizer)
  123  some inputs could not be read or decoded (the others are still written)
"""


def _fail(message: str, code: int) -> None:
    click.echo(f"cleaner: {message}", err=True)
    sys.exit(code)


def _print_list() -> None:
    from . import list_normalizers

    rows = list_normalizers()
    width = max(len(n.name) for n in rows)
    out = [f"{'name':<{width}}  lossy  profiles                  summary"]
    for entry in rows:
        used = ",".join(profiles_using(entry.name)) or "-"
        out.append(f"{entry.name:<{width}}  {'yes' if entry.lossy else 'no ':<5}  {used:<24}  {entry.summary}")
        for key, default in entry.params:
            out.append(f"{'':<{width}}         {key} = {default!r}")
    click.echo("\n".join(out))


def _read(path: str) -> tuple[str, bytes]:
    if path == "-":
        return "<stdin>", sys.stdin.buffer.read()
    return path, Path(path).read_bytes()


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=_EPILOG,
)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write to FILE instead of stdout.")
@click.option("--profile", default="default", show_default=True, help=f"Profile: {', '.join(PROFILES)}.")
@click.option("--enable", multiple=True, metavar="NAME", help="Also run normalizer NAME (repeatable).")
@click.option("--disable", multiple=True, metavar="NAME", help="Do not run normalizer NAME (repeatable).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="Output format; markdown writes sub-headings as '## heading'.",
)
@click.option("--list", "list_", is_flag=True, help="List every normalizer and exit.")
@click.version_option(__version__, "--version", prog_name="cleaner", message="%(prog)s %(version)s")
def main(
    paths: tuple[str, ...],
    output: str | None,
    profile: str,
    enable: tuple[str, ...],
    disable: tuple[str, ...],
    fmt: str,
    list_: bool,
) -> None:
    """Clean scraped Arabic news text: CMS markers, invisible characters, presentation forms,
    tatweel, alef and yeh spellings, sub-headings and spacing.

    Reads each PATH (or stdin for '-' or no PATH) as UTF-8 and writes the cleaned text as UTF-8.
    """
    if list_:
        _print_list()
        return
    try:
        pipeline = _pipeline(profile, enable, disable, fmt)
    except ConfigError as err:
        raise click.UsageError(str(err)) from None
    if len(paths) > 1:
        raise click.UsageError("several inputs need an output folder (-o DIR) or --in-place")
    source = paths[0] if paths else "-"
    try:
        name, data = _read(source)
        text = decode(data, name)
    except DecodeError as err:
        _fail(f"{err}; nothing written", EXIT_INPUT_FAILED)
    except OSError as err:
        _fail(f"{source}: {err.strerror or err}; nothing written", EXIT_INPUT_FAILED)
    cleaned = pipeline(text).encode("utf-8")
    if output is None or output == "-":
        sys.stdout.buffer.write(cleaned)
        sys.stdout.buffer.flush()
    else:
        atomic_write(Path(output), cleaned)


def _pipeline(profile: str, enable: tuple[str, ...], disable: tuple[str, ...], fmt: str) -> Pipeline:
    params = {"headings": {"style": "markdown"}} if fmt == "markdown" else None
    return resolve(profile, enable, disable, params)
