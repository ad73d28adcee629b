"""A corpus of bad input files, generated at test time (only ``tiny.png`` is committed).

:func:`build` writes the corpus into a folder and returns, for every bad file, the words its error
message must contain. Good files are written next to them, so a test can check that the rest of the
batch goes on. Nothing here needs root or non-root: unreadability is simulated by the tests
themselves (see ``tests/test_reliability_badfiles.py``).

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     bad = build(pathlib.Path(d))
...     sorted(bad)[:3]
['image.txt', 'invalid-utf8-middle.txt', 'mixed-encodings.txt']
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
PNG = (HERE / "tiny.png").read_bytes()

SENTENCE = "قال الرئيس إن النمو بلغ {n} في المئة هذا العام وفق التقرير الرسمي."
#: Good files: name -> content. Their cleaned output must appear whatever the bad files do.
GOOD = {
    "good.txt": "خبر  جـــديد\n[[system-code:ad:autoads]]\n",
    "name with spaces.txt": "نص  بمسافات\n",
    "line\nbreak.txt": "نص باسم فيه سطر جديد\n",
    "عربي.txt": "اسم   عربي\n",
    "sub/deeper/good.md": "نص في مجلد عميق\n",
}
GOOD_CLEANED = {
    "good.txt": "خبر جديد\n",
    "name with spaces.txt": "نص بمسافات\n",
    "line\nbreak.txt": "نص باسم فيه سطر جديد\n",
    "عربي.txt": "اسم عربي\n",
    "sub/deeper/good.md": "نص في مجلد عميق\n",
}


def article(lines: int) -> str:
    """``lines`` distinct sentences (distinct, so duplicate-paragraph removal keeps them all)."""
    return "".join(SENTENCE.format(n=i) + "\n" for i in range(lines))


def _invalid_in_the_middle(lines: int) -> tuple[bytes, int]:
    data = article(lines).encode("utf-8")
    middle = len(data) // 2
    while data[middle] & 0xC0 == 0x80:  # not inside a character
        middle += 1
    return data[:middle] + b"\xff" + data[middle:], middle


def build(folder: Path) -> dict[str, tuple[str, ...]]:
    """Write good and bad files below ``folder``; return ``{bad file name: words its message holds}``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    bad: dict[str, tuple[str, ...]] = {}

    (folder / "image.txt").write_bytes(PNG)  # binary data under a text name
    bad["image.txt"] = ("binary",)

    (folder / "utf16-no-bom.txt").write_bytes(article(30).encode("utf-16-le"))
    bad["utf16-no-bom.txt"] = ("UTF-16", "--encoding utf-16-le")

    mixed = article(30).encode("utf-8")
    (folder / "mixed-encodings.txt").write_bytes(mixed + article(30).encode("cp1256"))
    bad["mixed-encodings.txt"] = ("not valid UTF-8", f"offset {len(mixed)}")

    data, offset = _invalid_in_the_middle(20_000)  # about 2.4 MB, one bad byte in its middle
    (folder / "invalid-utf8-middle.txt").write_bytes(data)
    bad["invalid-utf8-middle.txt"] = ("not valid", f"offset {offset}", "0xff")  # utf-8 (the first MiB decides)

    (folder / "nul-every-line.txt").write_bytes("".join(f"سطر {i}\x00 نص\n" for i in range(300)).encode())
    bad["nul-every-line.txt"] = ("binary", "NUL")

    return bad
