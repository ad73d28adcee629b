"""Defects found by the third review (issue 3 follow-up), each pinned by a test that failed before its fix.

1. A possessive repeat of a group misran on CPython 3.11.0-3.11.4 (gh-106052, gh-100061; fixed in
   3.11.5), and ``requires-python`` is ``>=3.11``: the punctuation window pattern returned the same
   empty match forever on Debian 12's 3.11.2 (a worker grew to 5 GB). Every pattern of the package
   that repeats possessively or holds an atomic group must match on such a Python exactly as here.
2. JSONL: a line whose bytes do not decode failed the whole file; it is now copied through as it is
   and reported with its line number, like a line that is not JSON. Blank lines (JSON's spaces
   only) hold no record: copied through, not reported.
3. ``--report``: line-ending normalisation (CRLF to LF, done by whichever step reads lines first) was
   counted as that step's change (``"boilerplate": 2`` for a two-line CRLF file); a failed file's
   record named an output never written and 0 bytes in; the ``--diff`` summary said "changed".
4. ``--diff``: a file name holding a newline split its header over two lines.
5. Exit codes: Ctrl-C at start-up printed click's "Aborted!" and exited 1 (the code of ``--check``
   finding changes); it exits 130. ``--help`` and the README list every code.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner import resolve
from cleaner.cli import main
from cleaner.counting import run_counted
from cleaner.jsonl import clean_lines
from cleaner.textio import BadLine, iter_lines

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3.11"
DIRTY = "أعلن الرئيس  عن جـــديد [[system-code:ad:autoads]] على الطريق.\n"


def cli(*args: str, **kw) -> subprocess.CompletedProcess[bytes]:  # noqa: ANN003
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], capture_output=True, env=env, timeout=120, check=False, **kw
    )


# --- 1. patterns on CPython 3.11.0-3.11.4 ------------------------------------------------------------

# What a possessive repeat (``*+ ++ ?+ {m,n}+``) or an atomic group looks like in a pattern's text (a
# superset: ``[*+]`` counts too, and only costs a pattern more in the comparison).
_POSSESSIVE = re.compile(r"[*+?}]\+|\(\?>")
_TRICKY = [
    "في المنطقة ، واكد ضرورة التعاون .\n",  # the review's case: 3.11.2 looped on it
    "قال الوزير , إن النمو بلغ 3.5% في 10:30 ؟؟ زوروا www.site.com/?a=1,2 !!!",
    "حقا؟!قالها ثم مضى...وانتهى\n\nنص  ،  نص ، ،\n",
    "كتب - فلان\n\u00a0\nالقاهرة -\nنص الخبر.\n",
    "\n  ـ ـ  : قد يهمك أيضا\nاقرأ أيضا: خبر\n",
    "<DOC>\n<DOCNO>1</DOCNO>\n<DOCNOX>\n<TITLE>عنوان</TITLE>\n<TEXT>\nنص\n</TEXT>\n</DOC>\n",
    "[[system-code:ad:autoads]] [ [ s y s ] ] ]]\n",
    "عنوان قصير\nنص الخبر الطويل الذي يلي العنوان.\n(أرشيفية)\nتصوير: فلان\n",
]
_TOKENS = [
    " ", "  ", "\n", "\t", "\u00a0", "ا", "ب", "ل", "a", "Z", "1", "٣", "ـ", "\u06e5", "\u064e", "،", "؛", "؟",
    "!", ".", "...", ":", "…", ",", ";", "?", "(", ")", "«", "»", "[", "]", "[[", "]]", "-", "_", "<", ">", "/",
    '"', "'", "”", "|", "©", "@", "#", "كتب", "تصوير", "قد", "<DOCNO>", "</TITLE>", "<TEXT>",
]


def _texts() -> list[str]:
    rng = random.Random(106052)
    made = ["".join(rng.choice(_TOKENS) for _ in range(rng.choice([1, 3, 8, 20, 60]))) for _ in range(400)]
    samples = sorted((ROOT / "samples" / "articles").glob("*.txt"))
    return _TRICKY + made + [p.read_text("utf-8") for p in samples]


def _package_patterns() -> list[tuple[str, int]]:
    """Every pattern of the package that repeats possessively or holds an atomic group: those its
    modules hold (at any depth of a dict, list or tuple) and those built while cleaning (their caches
    cleared first, so that they are built again)."""
    modules = [cleaner]
    for info in pkgutil.walk_packages(cleaner.__path__, "cleaner."):
        if ".integrations" not in info.name and not info.name.endswith("__main__"):  # (optional dependencies)
            modules.append(importlib.import_module(info.name))
    found: dict[tuple[str, int], None] = {}

    def note(value: object, depth: int = 0) -> None:
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str) and _POSSESSIVE.search(value.pattern):
            found[value.pattern, value.flags] = None
        elif isinstance(value, dict) and depth < 3:
            for item in value.values():
                note(item, depth + 1)
        elif isinstance(value, list | tuple | set | frozenset) and depth < 3:
            for item in value:
                note(item, depth + 1)

    for module in modules:
        for value in vars(module).values():
            note(value)
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    compile_ = re.compile

    def recording(pattern, flags=0):  # noqa: ANN001, ANN202
        compiled = compile_(pattern, flags)
        note(compiled)
        return compiled

    re.compile = recording  # type: ignore[assignment]
    try:
        for profile in ("default", "strict", "search", "preserve"):
            pipeline = resolve(profile)
            for text in _TRICKY + [p.read_text("utf-8") for p in sorted((ROOT / "samples" / "articles").glob("*.txt"))]:
                pipeline(text)
    finally:
        re.compile = compile_
    return sorted(found)


_MATCHES = """
import json, re, sys
patterns, texts = json.load(sys.stdin)
out = []
for pattern, flags in patterns:
    compiled = re.compile(pattern, flags)
    spans = []
    for text in texts:
        found = []
        for match in compiled.finditer(text):
            found.append([match.span(), match.groups()])
            if len(found) > len(text) + 1:  # more matches than positions: the empty match repeats
                found.append("endless")
                break
        spans.append(found)
    out.append(spans)
json.dump(out, sys.stdout)
"""


def _system_python_version() -> tuple[int, ...] | None:
    if not Path(SYSTEM_PYTHON).exists():
        return None
    run = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import sys; print(*sys.version_info[:3])"], capture_output=True, timeout=60, check=False
    )
    return tuple(map(int, run.stdout.split())) if run.returncode == 0 else None


def test_the_package_holds_patterns_of_the_kind_that_misran() -> None:
    """The comparison below has something to compare (and the search for patterns works)."""
    patterns = _package_patterns()
    assert len(patterns) >= 5, patterns
    assert any("\\n" in p and "{0,16}+" in p for p, _ in patterns), "boilerplate's built pattern was not found"


def test_every_possessive_pattern_matches_alike_on_a_python_before_3_11_5() -> None:
    version = _system_python_version()
    if version is None:
        pytest.skip(f"no {SYSTEM_PYTHON} here to compare with")
    if version >= (3, 11, 5):
        pytest.skip(f"{SYSTEM_PYTHON} is {'.'.join(map(str, version))}: it has the fix of gh-106052 and gh-100061")
    patterns, texts = _package_patterns(), _texts()
    data = json.dumps([patterns, texts])
    here = json.loads(subprocess.run([sys.executable, "-c", _MATCHES], input=data, capture_output=True, text=True,
                                     timeout=300, check=True).stdout)
    there = subprocess.run(
        [SYSTEM_PYTHON, "-c", _MATCHES], input=data, capture_output=True, text=True, timeout=300, check=False
    )
    assert there.returncode == 0, there.stderr[-2000:]
    differ = [
        (pattern[:120], texts[i][:80], a[i][:3], b[i][:3])
        for (pattern, _), a, b in zip(patterns, here, json.loads(there.stdout), strict=True)
        for i in range(len(texts))
        if a[i] != b[i]
    ]
    assert not differ, f"{len(differ)} differences on {SYSTEM_PYTHON}, the first: {differ[:3]}"


def test_the_punctuation_window_needs_no_memory_per_character() -> None:
    """The window pattern is linear and keeps no record per character (a greedy repeat of the old
    group would, some 115 bytes each): one window of 2 million characters is found at once."""
    from cleaner.normalizers.punctuation import _TRIGGER_WINDOW

    text = "كلمة ," + "ا،" * 1_000_000
    assert [m.span() for m in _TRIGGER_WINDOW.finditer(text)] == [(5, len(text))]


# --- 2. JSONL lines that do not decode; blank lines ---------------------------------------------------


def _lines(data: bytes, **kw) -> tuple[str, list[str | BadLine]]:  # noqa: ANN003
    import io

    name, lines = iter_lines(io.BytesIO(data), block_size=kw.pop("block_size", 1 << 16), **kw)
    return name, list(lines)


@pytest.mark.parametrize("block_size", [3, 7, 1 << 16])
def test_a_line_that_does_not_decode_comes_as_its_bytes_and_the_others_as_text(block_size: int) -> None:
    data = '{"id":1,"text":"خبر  جـــديد"}\n'.encode() + b'{"id":2,"text":"bad \xff byte"}\n' + b'{"id":3}'
    name, lines = _lines(data, block_size=block_size)
    assert name == "utf-8"
    assert lines[0] == '{"id":1,"text":"خبر  جـــديد"}\n' and lines[2] == '{"id":3}'
    assert isinstance(lines[1], BadLine) and lines[1] == b'{"id":2,"text":"bad \xff byte"}\n'
    offset = len('{"id":1,"text":"خبر  جـــديد"}\n'.encode()) + len(b'{"id":2,"text":"bad ')
    assert lines[1].reason == f"not valid utf-8 at byte offset {offset} (byte 0xff)"
    assert b"".join(x if isinstance(x, bytes) else x.encode() for x in lines) == data


def test_jsonl_encodings_line_by_line() -> None:
    bom = b"\xef\xbb\xbf" + '{"text":"نص"}\n{"text":"اخر"}\n'.encode()
    assert _lines(bom) == ("utf-8-sig", ['{"text":"نص"}\n', '{"text":"اخر"}\n'])  # the BOM of the first line only
    cp = ('{"text":"%s"}\n' % ("نص عربي " * 20)).encode("cp1256") * 3
    mixed = cp + '{"text":"نص بترميز اخر"}\n'.encode() + cp
    name, lines = _lines(mixed, encoding="cp1256")
    assert name == "cp1256" and [type(x) for x in lines] == [str] * 3 + [BadLine] + [str] * 3
    assert "windows-1256 text with UTF-8 at byte offset" in lines[3].reason  # type: ignore[union-attr]
    # auto: a short file mixing both is neither (never guessed): read as UTF-8, its windows-1256 lines bad
    name, lines = _lines(mixed)
    assert name == "utf-8" and [type(x) for x in lines] == [BadLine] * 3 + [str] + [BadLine] * 3
    name, lines = _lines(cp * 4000 + mixed)  # a long one is decided from its first megabyte: windows-1256
    assert name == "cp1256" and sum(isinstance(x, BadLine) for x in lines) == 1
    utf16 = '{"text":"نص"}\n{"text":"b"}\n'.encode("utf-16")  # 0x0A bytes inside characters: decoded whole
    assert _lines(utf16) == ("utf-16", ['{"text":"نص"}\n', '{"text":"b"}\n'])
    assert _lines(b'{"text":"\xff"}\n', errors="replace", encoding="utf-8") == ("utf-8", ['{"text":"\ufffd"}\n'])


def test_a_line_that_does_not_decode_is_reported_with_its_number_and_copied() -> None:
    problems: list[str] = []
    bad = BadLine(b'{"text":"\xff"}\n', "not valid utf-8 at byte offset 22 (byte 0xff)")
    out = list(clean_lines(['{"text":"a  b"}\n', bad, '{"text":"c"}'], resolve("default"), ("text",), problems))
    assert out == ['{"text":"a b\\n"}\n', bad, '{"text":"c\\n"}']
    assert problems == ["line 2: not valid utf-8 at byte offset 22 (byte 0xff)"]


def test_blank_lines_hold_no_record_and_other_invisible_lines_are_reported() -> None:
    """Decision: a line of JSON's spaces only (space, tab, CR) is no record: copied, not reported (JSONL
    readers skip such lines); a line of other invisible characters (a no-break space, a form feed) is
    not JSON to any reader: copied and reported."""
    problems: list[str] = []
    lines = ["\n", " \t\r\n", '{"text":"a"}\n', "\u00a0\n", "\x0c\n", "   "]
    out = list(clean_lines(lines, resolve("default"), ("text",), problems))
    assert out == ["\n", " \t\r\n", '{"text":"a\\n"}\n', "\u00a0\n", "\x0c\n", "   "]
    assert [p.split(":")[0] for p in problems] == ["line 4", "line 5"]


def test_a_jsonl_file_with_a_bad_byte_is_cleaned_but_that_line(tmp_path: Path) -> None:
    """The review's case: exit 123 and no output at all, the message naming a byte offset only."""
    src = tmp_path / "a.jsonl"
    src.write_bytes(b'{"text":"a"}\n{"text":"\xff"}\n{"text":"b  c"}\n')
    run = cli(str(src), "-o", str(tmp_path / "out.jsonl"))
    assert run.returncode == 123
    assert (tmp_path / "out.jsonl").read_bytes() == b'{"text":"a\\n"}\n{"text":"\xff"}\n{"text":"b c\\n"}\n'
    assert b"a.jsonl: JSONL lines copied through uncleaned: line 2: not valid utf-8" in run.stderr
    piped = cli("--jsonl", input=src.read_bytes())
    assert piped.returncode == 123 and piped.stdout == (tmp_path / "out.jsonl").read_bytes()


# --- 3. report counts and records ---------------------------------------------------------------------


def test_line_endings_are_no_step_s_change() -> None:
    crlf: dict[str, int] = {}
    lf: dict[str, int] = {}
    assert run_counted(resolve("default"), "نص اول\r\nنص ثان\r\n", crlf) == "نص اول\n\nنص ثان\n"
    assert run_counted(resolve("default"), "نص اول\nنص ثان\n", lf) == "نص اول\n\nنص ثان\n"
    assert crlf == lf == {"whitespace": 1}  # was {"boilerplate": 2, "whitespace": 1}


def test_the_windows_1256_articles_count_as_their_lf_forms(shared: Path) -> None:
    """The 35 windows-1256 articles (CRLF) all showed boilerplate counts: their line endings."""
    pipeline = resolve("default")
    seen = 0
    for path in sorted((shared / "corpus" / "articles").glob("*.txt")):
        data = path.read_bytes()
        if b"\r" not in data:
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1256")
        crlf: dict[str, int] = {}
        lf: dict[str, int] = {}
        run_counted(pipeline, text, crlf)
        run_counted(pipeline, text.replace("\r\n", "\n").replace("\r", "\n"), lf)
        assert crlf == lf, path.name
        seen += 1
    assert seen >= 30


def test_a_crlf_file_reports_no_boilerplate(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("نص اول\r\nنص ثان\r\n".encode())
    run = cli(str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.txt"), "--report", str(tmp_path / "r.json"))
    assert run.returncode == 0, run.stderr
    (record,) = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert record["changes"] == {"whitespace": 1}  # the blank line between paragraphs; no "boilerplate"


def test_a_failed_file_s_record_names_no_output_and_its_bytes(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    bad = b"caf\xe9 au lait \xff\n"
    (tmp_path / "in" / "bad.txt").write_bytes(bad)
    (tmp_path / "in" / "good.txt").write_text(DIRTY, "utf-8")
    run = cli(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "--report", str(tmp_path / "r.json"))
    assert run.returncode == 123
    records = {r["path"].rsplit("/", 1)[-1]: r for r in json.loads((tmp_path / "r.json").read_text("utf-8"))}
    assert records["bad.txt"]["output"] is None and not (tmp_path / "out" / "bad.txt").exists()
    assert records["bad.txt"]["bytes_in"] == len(bad)
    assert records["good.txt"]["output"] and os.path.exists(records["good.txt"]["output"])


def test_the_diff_summary_says_would_change_as_check_does(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DIRTY, "utf-8")
    (tmp_path / "b.txt").write_text(DIRTY, "utf-8")
    for flag in ("--diff", "--check"):
        run = cli(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), flag)
        assert b"cleaner: 2 would change, 0 unchanged" in run.stderr, (flag, run.stderr)
    single = cli(str(tmp_path / "a.txt"), "--diff")
    assert b"cleaner: 1 would change, 0 unchanged" in single.stderr, single.stderr


# --- 4. a diff header is one line ---------------------------------------------------------------------


def test_a_diff_header_quotes_a_file_name_holding_a_newline_as_git_does(tmp_path: Path) -> None:
    (tmp_path / "new\nline.txt").write_text(DIRTY, "utf-8")
    (tmp_path / 'q"uote.txt').write_text(DIRTY, "utf-8")
    (tmp_path / "نص.txt").write_text(DIRTY, "utf-8")
    out = cli("--diff", "new\nline.txt", 'q"uote.txt', "نص.txt", cwd=tmp_path).stdout.decode()
    headers = [line for line in out.splitlines() if line.startswith(("--- ", "+++ "))]
    assert headers == [
        '--- "a/new\\nline.txt"', '+++ "b/new\\nline.txt"',
        '--- "a/q\\"uote.txt"', '+++ "b/q\\"uote.txt"',
        "--- a/نص.txt", "+++ b/نص.txt",  # nothing to quote: as it is
    ]


# --- 5. exit codes ------------------------------------------------------------------------------------


def test_ctrl_c_before_the_run_starts_exits_130_not_1(monkeypatch: pytest.MonkeyPatch) -> None:
    """click turned a KeyboardInterrupt outside the runner into "Aborted!" and exit 1."""

    def interrupted(*args: object, **kw: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("cleaner.cli._settings", interrupted)
    result = CliRunner().invoke(main, ["--check", "x.txt"])
    assert result.exit_code == 130
    assert "cleaner: interrupted; files written so far are complete" in result.stderr
    assert "Aborted" not in result.stderr


def test_a_closed_stdout_outside_the_runner_exits_141(monkeypatch: pytest.MonkeyPatch) -> None:
    def closed() -> None:
        raise BrokenPipeError

    monkeypatch.setattr("cleaner.cli._print_list", closed)
    assert CliRunner().invoke(main, ["--list"]).exit_code == 141


def test_ctrl_c_of_a_real_process_reading_stdin_exits_130(tmp_path: Path) -> None:
    """Deterministic: the signal comes once the process waits for stdin (it has started), which is
    where it said "Aborted!" and exited 1 (the runner has no handler around a stdin read)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "--check", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=env, start_new_session=True,
        # SIGINT as a terminal gives it (a test run started in the background inherits it ignored)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                waiting = "pipe" in Path(f"/proc/{proc.pid}/wchan").read_text()
            except OSError:
                pytest.skip("no /proc/PID/wchan here to see when the process waits for stdin")
            if waiting:
                break
            time.sleep(0.02)
        else:
            pytest.skip("the process never showed it waits for stdin")
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert b"cleaner: interrupted" in err and b"Aborted" not in err and b"Traceback" not in err


def test_help_and_readme_list_every_exit_code() -> None:
    from cleaner import cli as cli_module

    codes = {value for name, value in vars(cli_module).items() if name.startswith("EXIT_")}
    assert codes == {0, 1, 2, 123, 130, 141}
    help_text = CliRunner().invoke(main, ["--help"]).stdout
    listed = {int(m) for m in re.findall(r"^\s+(\d+)\s{2,}\S", help_text.split("Exit codes:")[1], re.M)}
    assert listed == codes
    readme = (ROOT / "README.md").read_text("utf-8")
    mentions = [re.split(r"\n\n|\n- ", readme[m.start() :])[0] for m in re.finditer(r"Exit codes:", readme)]
    assert len(mentions) >= 3
    for mention in mentions:
        assert {int(c) for c in re.findall(r"`(\d+)`", mention)} == codes, mention
