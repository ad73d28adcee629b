"""The ``cleaner`` command: a thin shell over the library.

Stdout carries only cleaned text; every message goes to stderr.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .pipeline import ConfigError, Pipeline
from .profiles import PROFILES

if TYPE_CHECKING:
    from .config import Settings

EXIT_OK = 0
EXIT_CHECK_CHANGED = 1
EXIT_USAGE = 2
EXIT_INPUT_FAILED = 123
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE

_EPILOG = """\b
Examples:
  cleaner article.txt > clean.txt         clean one file to stdout
  cat article.txt | cleaner - | wc -w      clean stdin (no argument means stdin too)
  cleaner article.txt -o clean.txt         write a file (atomically)
  cleaner --profile preserve article.txt   keep every spelling (no alef/yeh folds)
  cleaner --format markdown article.txt    sub-headings written as '## heading'
  cleaner --disable headings article.txt   run the default profile without one step
  cleaner --list                           every normalizer and the profiles using it
  cleaner --profile search article.txt     the search-index form (diacritics, digits, links ...)
  cleaner --explain article.txt >/dev/null what each normalizer changed, on stderr
  cleaner --show-config                    the pipeline from cleaner.toml / pyproject.toml
  cleaner news/ -o clean/                  a folder (*.txt, *.md, *.jsonl) into another
  cleaner --in-place -j 4 news/            rewrite files in place with 4 workers
  cleaner --check news/                    exit 1 if any file would change
  cleaner corpus.jsonl -o clean.jsonl      clean the "text" field of each JSON line
  cleaner news/ -o clean/ --scheduler X    the same on the Dask cluster at X (local:2 to try)

\b
Exit codes:
  0    done
  1    --check found files that would change
  2    usage error (bad option, unknown profile, normalizer or encoding; options
       that do not go together, such as --explain with --in-place)
  123  some inputs could not be read or decoded (the others are still written),
       or the --report file could not be finished
  130  interrupted (Ctrl-C); files written so far are complete, the others untouched
  141  stdout was closed early (cleaner big.txt | head)
"""


def _fail(message: str, code: int) -> None:
    click.echo(f"cleaner: {message}", err=True)
    sys.exit(code)


def _print_list() -> None:
    from .explain import format_list

    click.echo(format_list(), nl=False)


def _read(path: str) -> tuple[str, bytes]:
    if path == "-":
        return "<stdin>", sys.stdin.buffer.read()
    mode = os.stat(path).st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):  # a file or a pipe (`<(cmd)`), as a normal run reads
        raise OSError(0, "not a regular file or a pipe")
    return path, Path(path).read_bytes()


def _encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``--encoding``: ``auto`` or a text codec Python knows; anything else is a usage error before any file is read."""
    if value.lower() == "auto":
        return "auto"
    try:
        info = codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(
            f"unknown encoding {value!r}; use auto or a codec name such as utf-8, cp1256, utf-16"
        ) from None
    if not getattr(info, "_is_text_encoding", True):  # base64, rot13, zlib ...: bytes to bytes, not text
        raise click.BadParameter(f"{value!r} is not a text encoding")
    try:
        codecs.getincrementaldecoder(value)().decode(b"a", False)  # "undefined" and the like refuse any use
    except (UnicodeError, LookupError, TypeError) as err:
        raise click.BadParameter(f"{value!r} cannot decode text: {err}") from None
    return value


@contextlib.contextmanager
def _exit_codes() -> Iterator[None]:
    """Ctrl-C ends with 130 and its usual message, a closed stdout quietly with 141, wherever they
    come (click itself would print "Aborted!" and exit 1, the code of --check finding changes)."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo("cleaner: interrupted; files written so far are complete, the others untouched", err=True)
        raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        raise click.exceptions.Exit(EXIT_BROKEN_PIPE) from None


class _Command(click.Command):
    """The command, with :func:`_exit_codes` around reading the arguments and running."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _exit_codes():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _exit_codes():
            return super().invoke(ctx)


@click.command(
    cls=_Command,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=_EPILOG,
)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    metavar="FILE|DIR",
    help="Write to FILE (one input) or below folder DIR (folders, several inputs) instead of stdout.",
)
@click.option(
    "--profile", default=None, help=f"Profile: {', '.join(PROFILES)} or one defined in the config file [default: default]."
)
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
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Read settings from FILE, not the nearest cleaner.toml or pyproject.toml [tool.cleaner].",
)
@click.option("--show-config", is_flag=True, help="Print the resolved pipeline and where each value came from; exit.")
@click.option("--explain", "explain_", is_flag=True, help="Also write to stderr what each normalizer changed.")
@click.option(
    "--explain-json", is_flag=True, help="Write what each normalizer changed to stdout as JSON (cleaned text: -o FILE only)."
)
@click.option("--in-place", is_flag=True, help="Rewrite each input file atomically (unchanged files are not touched).")
@click.option("--check", is_flag=True, help="Write nothing; list the files that would change; exit 1 if any would.")
@click.option("--diff", is_flag=True, help="Write nothing; print a unified diff of each file that would change.")
@click.option("--skip-existing", is_flag=True, help="Skip files whose output already exists (resume a run).")
@click.option("--include", multiple=True, metavar="GLOB", help="Clean files matching GLOB in folders [default: *.txt, *.md, *.jsonl].")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB (repeatable).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes [default: number of CPUs].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line (errors are still shown).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), metavar="FILE.json", help="Write one JSON record per file.")
@click.option(
    "--encoding", default="auto", show_default=True, callback=_encoding,
    help="Input encoding: auto (UTF-8, UTF-16 with BOM, windows-1256) or a name.",
)
@click.option("--errors", type=click.Choice(["strict", "replace"]), default="strict", show_default=True, help="Undecodable bytes: fail the file, or U+FFFD.")
@click.option("--jsonl/--no-jsonl", "jsonl", default=None, help="Inputs are JSON lines [default: for *.jsonl files].")
@click.option("--text-key", "text_keys", multiple=True, metavar="KEY", help="JSONL field to clean; dotted for nested (repeatable) [default: text].")
@click.option(
    "--scheduler",
    envvar="CLEANER_SCHEDULER",
    metavar="ADDRESS",
    help="Run a folder or JSONL batch on the Dask cluster at ADDRESS (tcp://HOST:8786, a scheduler file, or "
    "local:N for N local worker processes); paths must be shared. Needs cleaner[dask]. [env: CLEANER_SCHEDULER]",
)
@click.version_option(__version__, "--version", prog_name="cleaner", message="%(prog)s %(version)s")
def main(
    paths: tuple[str, ...],
    output: str | None,
    profile: str,
    enable: tuple[str, ...],
    disable: tuple[str, ...],
    fmt: str,
    list_: bool,
    config_file: str | None = None,
    show_config: bool = False,
    explain_: bool = False,
    explain_json: bool = False,
    in_place: bool = False,
    check: bool = False,
    diff: bool = False,
    skip_existing: bool = False,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    jobs: int | None = None,
    quiet: bool = False,
    report_path: str | None = None,
    encoding: str = "auto",
    errors: str = "strict",
    jsonl: bool | None = None,
    text_keys: tuple[str, ...] = (),
    scheduler: str | None = None,
) -> None:
    """Clean scraped Arabic news text: CMS markers, invisible characters, presentation forms,
    tatweel, alef and yeh spellings, sub-headings and spacing.

    Reads each PATH (a file, a folder, or stdin for '-' or no PATH), detects its encoding (UTF-8,
    UTF-16 with a BOM, windows-1256) and writes the cleaned text as UTF-8: to stdout for one input,
    below -o DIR or in place for folders and several inputs. JSONL files have their text field cleaned.
    """
    if list_:
        _print_list()
        return
    try:
        settings = _settings(profile, enable, disable, fmt, config_file)
    except ConfigError as err:
        raise click.UsageError(str(err)) from None
    if show_config:
        click.echo(settings.describe(), nl=False)
        return
    pipeline = settings.pipeline
    if not (explain_ or explain_json):
        from .runner import UsageError, run

        options = _run_options(check, diff, skip_existing, encoding, errors, jsonl, text_keys, report_path)
        try:
            if scheduler and scheduler.strip():  # on a Dask cluster (cleaner.integrations.dask imports dask lazily)
                from .integrations.dask import run as run_on_cluster

                code = run_on_cluster(
                    scheduler, paths, output, pipeline, options, in_place=in_place, jobs=jobs,
                    include=include or None, exclude=exclude, report_path=report_path, quiet=quiet,
                )
            else:
                code = run(
                    paths, output, pipeline, options, in_place=in_place, jobs=jobs,
                    include=include or None, exclude=exclude, report_path=report_path, quiet=quiet,
                )
        except UsageError as err:
            raise click.UsageError(str(err)) from None
        sys.exit(code)
    _check_explain(
        paths, output, jsonl, in_place=in_place, check=check, diff=diff, skip_existing=skip_existing,
        report=report_path is not None, include=bool(include), exclude=bool(exclude), text_keys=bool(text_keys),
    )
    from .config import PatternTimeout
    from .runner import _printable
    from .textio import DecodeError, atomic_write, decode_auto

    source = paths[0] if paths else "-"
    shown = "<stdin>" if source == "-" else _printable(source)
    try:
        name, data = _read(source)
        text, _ = decode_auto(data, encoding, errors, name)  # as a normal run decodes it
    except DecodeError as err:
        _fail(f"{_printable(str(err))}; nothing written", EXIT_INPUT_FAILED)
    except OSError as err:
        _fail(f"{shown}: {err.strerror or err}; nothing written", EXIT_INPUT_FAILED)
    try:
        cleaned_text = _explain(pipeline, text, name, shown, settings.profile, explain_, explain_json)
    except PatternTimeout as err:
        _fail(f"{shown}: {err}; nothing written", EXIT_INPUT_FAILED)
    if explain_json and (output is None or output == "-"):
        return
    cleaned = cleaned_text.encode("utf-8")
    if output is None or output == "-":
        sys.stdout.buffer.write(cleaned)
        sys.stdout.buffer.flush()
        return
    try:
        atomic_write(Path(output), cleaned)
    except OSError as err:
        reason = err.strerror or err
        _fail(f"cannot write the output {_printable(output)}: {reason}; nothing written", EXIT_INPUT_FAILED)


def _check_explain(
    paths: tuple[str, ...], output: str | None, jsonl: bool | None, **given: bool
) -> None:
    """Raise a usage error (exit 2) for what ``--explain`` / ``--explain-json`` cannot do: it explains
    one plain-text input, decoded as a normal run decodes it, to stdout or one output file."""
    names = {
        "in_place": "--in-place", "check": "--check", "diff": "--diff", "skip_existing": "--skip-existing",
        "report": "--report", "include": "--include", "exclude": "--exclude", "text_keys": "--text-key",
    }
    refused = [names[key] for key, on in given.items() if on]
    ctx = click.get_current_context()
    if ctx.params.get("scheduler") and ctx.get_parameter_source("scheduler") != click.core.ParameterSource.ENVIRONMENT:
        refused.append("--scheduler")  # CLEANER_SCHEDULER from the environment: explained here, locally
    if refused:
        raise click.UsageError(
            f"--explain/--explain-json explain one text and cannot take {', '.join(refused)}; run without them"
        )
    if len(paths) > 1:
        raise click.UsageError("--explain/--explain-json take one input (a file or '-' for stdin)")
    source = paths[0] if paths else "-"
    if source != "-" and os.path.isdir(source):
        raise click.UsageError(f"--explain/--explain-json take one file, and {source} is a folder")
    if jsonl or (jsonl is None and source.lower().endswith(".jsonl")):
        raise click.UsageError(
            "--explain/--explain-json explain plain text, not JSONL records; explain one record's text "
            "(jq -r .text FILE.jsonl | cleaner --explain -), or use --no-jsonl to explain the file as text"
        )
    if output is not None and output != "-":
        if os.path.isdir(output) or output.endswith(("/", os.sep)):
            raise click.UsageError(f"-o {output}: --explain writes one output file, not a folder")
        if source != "-" and os.path.exists(output) and os.path.samefile(output, source):
            raise click.UsageError(f"-o {output} is the input file; --explain does not rewrite its input")


def _settings(
    profile: str | None, enable: tuple[str, ...], disable: tuple[str, ...], fmt: str, config_file: str | None
) -> Settings:
    """The config file (found or given) resolved with the command line's choices, which win."""
    from .config import settings_for

    params = {"headings": {"style": "markdown"}} if fmt == "markdown" else None
    return settings_for(config_file, profile, enable, disable, params)


def _explain(pipeline: Pipeline, text: str, name: str, shown: str, profile: str, human: bool, as_json: bool) -> str:
    """Explain ``text`` (``name``: the input as JSON carries it; ``shown``: as a message line shows it)."""
    from .explain import explain, format_report, report_json

    cleaned, reports = explain(pipeline, text)
    if human:
        click.echo(format_report(shown, profile, reports), err=True, nl=False)
    if as_json:
        sys.stdout.buffer.write(report_json(name, profile, reports).encode("utf-8"))
        sys.stdout.buffer.flush()
    return cleaned


def _run_options(
    check: bool,
    diff: bool,
    skip_existing: bool,
    encoding: str,
    errors: str,
    jsonl: bool | None,
    text_keys: tuple[str, ...],
    report_path: str | None,
):  # noqa: ANN202 - a RunOptions
    from .runner import RunOptions

    return RunOptions(
        check=check,
        diff=diff,
        skip_existing=skip_existing,
        encoding=encoding,
        errors=errors,
        jsonl=jsonl,
        text_keys=text_keys or ("text",),
        counts=report_path is not None,
    )
