"""Helpers shared by the benchmark scripts: inputs, generated texts, timing and tables.

Only public tools: ``time.perf_counter``, ``resource``/``os.wait4`` and the standard library.
The shared corpus is read by path at run time; none of its text is stored in the repository.
"""

from __future__ import annotations

import csv
import datetime as _dt
import gc
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The bulk corpus next to the repository (``../shared/corpus/bulk``).
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bulk"

MB = 1_000_000


# --- the machine -------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def machine_line() -> str:
    """One line naming the machine: CPU model, core count, Python, OS, UTC date and load."""
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{cpu_model()}, {os.cpu_count()} cores (nproc), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {now}; load average {load_average()}"
    )


# --- inputs ------------------------------------------------------------------------------------


@dataclass
class Input:
    """One benchmark input: its text, its UTF-8 size and the group it is reported in."""

    name: str
    group: str  # "bulk" (the UTF-8 files), "cp1256" (decoded first) or "worst" (generated)
    text: str
    path: Path | None = None  # a UTF-8 file holding exactly ``text`` (for the I/O floor)

    @property
    def size(self) -> int:
        return len(self.text.encode("utf-8"))


def _manifest(folder: Path) -> dict[str, str]:
    """``file -> encoding`` from the corpus's MANIFEST.tsv, when there is one."""
    manifest = folder / "MANIFEST.tsv"
    if not manifest.is_file():
        return {}
    with manifest.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row.get("encoding", "") for row in csv.DictReader(handle, delimiter="\t")}


def corpus_inputs(folder: Path, say: Callable[[str], None]) -> list[Input]:
    """The UTF-8 files of ``folder`` (group ``bulk``) and its windows-1256 files decoded (``cp1256``).

    A missing folder or an undecodable file is skipped with a message saying why.
    """
    if not folder.is_dir():
        say(f"corpus folder {folder} not found: the bulk-corpus inputs are skipped")
        return []
    encodings = _manifest(folder)
    inputs = []
    for path in sorted(folder.glob("*.txt")):
        data = path.read_bytes()
        encoding = encodings.get(path.name, "")
        if encoding.lower() in ("cp1256", "windows-1256"):
            try:
                text = data.decode("cp1256")
            except UnicodeDecodeError as err:
                say(f"{path.name}: not windows-1256 at byte {err.start}: skipped")
                continue
            inputs.append(Input(path.stem, "cp1256", text))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            say(f"{path.name}: not UTF-8 at byte {err.start} and not listed as cp1256: skipped")
            continue
        inputs.append(Input(path.stem, "bulk", text, path))
    if not inputs:
        say(f"no readable .txt file in {folder}: the bulk-corpus inputs are skipped")
    return inputs


# --- generated texts ---------------------------------------------------------------------------

_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_COMMON = (
    "الرئيس الحكومة الوزير قال إن في من على إلى عن مع أن التي الذي وأضاف أكد المصدر العام "
    "الماضي المقبل اليوم مصر تونس الأردن المغرب الاقتصاد السوق النمو الشركة المشروع الخطة "
    "الأمن الصحة التعليم المدينة البلاد العالم الدولة المجلس اللجنة الاجتماع الملف الدعم"
).split()


def _word(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(_COMMON)
    return "".join(rng.choice(_LETTERS) for _ in range(rng.randint(2, 7)))


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(_word(rng) for _ in range(words))


def article_text(size: int, seed: int = 1) -> str:
    """Plain generated news articles (paragraphs, a few sub-headings, a marker): about ``size`` UTF-8 bytes.

    Used where a realistic, non-adversarial text is wanted without reading the corpus.
    """
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        lines = [_sentence(rng, rng.randint(4, 9))]  # a title
        for k in range(rng.randint(4, 9)):
            lines.append(_sentence(rng, rng.randint(15, 60)) + rng.choice([".", ".", ".", "،", ":"]))
            if k == 2:
                lines.append(_sentence(rng, rng.randint(2, 4)))  # a sub-heading
            if rng.random() < 0.1:
                lines.append("[[system-code:ad:autoads]]")
        block = "\n".join(lines) + "\n\n"
        parts.append(block)
        total += len(block.encode("utf-8"))
    return "".join(parts)


#: One line holding work for every character-level normalizer (and the structure ones on neighbours).
_WORST_LINE = (
    "<p>قال\u00a0الوزير\u200f إن <b>النمو</b> &amp; الاستثمار&nbsp;بلغ ٣٫٥٪ و۱۲ في 2024 , وأكد أن "
    "الخطة جـــديدة جدااااا ومُحَمَّد كتب على الطاولة في المدرسة سؤال سئل عن کتاب ھذا یوم "
    "[[system-code:ad:autoads]] ﻷن ا\u0654ن النص تابعونا على https://example.com/a?b=1 و info@example.org "
    "#وسم_جديد @user_1 ؟؟ !!!   \t  نهاية الفقرة الأولى.</p>  "
)
_WORST_BLOCK = [
    _WORST_LINE,
    "■ دعم مستمر:",  # a decorated sub-heading between two paragraphs
    _WORST_LINE.replace("الأولى", "الثانية"),
    _WORST_LINE.replace("الأولى", "الثانية"),  # a duplicate paragraph
    "كتب - أحمد محمود",  # a byline
    "(تصوير: محمد علي)",  # a caption
    "القاهرة - ",  # a dateline-only line
    "اقرأ أيضا: الحكومة تقر الخطة",  # a related-article prompt
    _WORST_LINE.replace("الأولى", "الثالثة") + "\r",
    "",
]


def worst_case(size: int) -> str:
    """A generated worst case of about ``size`` UTF-8 bytes: every normalizer has work on every block.

    A TREC record (``wrappers``) holding HTML (``html``), invisible marks, NBSP, presentation forms
    and a decomposed hamza (``unicode``), markers, tatweel, diacritics, Arabic-Indic digits, every
    letter fold, elongation, links, Latin punctuation, space runs and CR, sub-headings, duplicate
    paragraphs, bylines, captions, datelines and furniture lines. Paragraphs differ by a counter so
    that ``duplicate_paragraphs`` keeps most of them.
    """
    lines = ["<DOC>", "<DOCNO>X-1</DOCNO>", "<TITLE>عنوان المقال</TITLE>", "<TEXT>"]
    total = 0
    n = 0
    while total < size:
        for line in _WORST_BLOCK:
            if line.startswith("<p>") and n % 2:
                line = line.replace("النمو", f"النمو {n}")
            lines.append(line)
            total += len(line.encode("utf-8")) + 1
        n += 1
    lines += ["</TEXT>", "</DOC>", ""]
    return "\n".join(lines)


def adversarial(kind: str, size: int) -> str:
    """Degenerate inputs of about ``size`` UTF-8 bytes for the linear-time check.

    ``brackets``: ``[[[[…``; ``angles``: ``<<<<…``; ``tatweel``: runs of 100 000 tatweels after a
    letter; ``one_line``: ordinary Arabic prose with punctuation, digits and Latin on one single line.
    """
    if kind == "brackets":
        return "[" * size
    if kind == "angles":
        return "<" * size
    if kind == "tatweel":
        unit = "ب" + "\u0640" * 100_000 + "ب "
        return unit * max(1, size // len(unit.encode("utf-8")))
    if kind == "one_line":
        unit = "قال الوزير إن النمو بلغ 3.5% في عام 2024، وأضاف أن «الخطة» مستمرة (CIA) www.site.com ... "
        return unit * max(1, size // len(unit.encode("utf-8")))
    raise ValueError(f"unknown adversarial input {kind!r}")


ADVERSARIAL = ("brackets", "angles", "tatweel", "one_line")


# --- timing ------------------------------------------------------------------------------------


def timed(func: Callable[[], object]) -> float:
    """Seconds one call of ``func`` takes, garbage collector off during the call (as ``timeit`` does)."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()
    del result
    return elapsed


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --- tables ------------------------------------------------------------------------------------


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; numbers are written as given (format them before)."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def mbps(size: int, seconds: float) -> str:
    if not seconds or seconds != seconds:
        return "n/a"
    value = size / MB / seconds
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def ratio(value: float) -> str:
    if value != value:  # NaN
        return "n/a"
    if value < 1:
        return f"{value:.2f}×"
    return f"{value:.1f}×" if value < 100 else f"{value:,.0f}×"


def err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
