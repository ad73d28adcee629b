"""Legacy encodings in the shared corpus: every windows-1256 article comes out as clean UTF-8."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

import cleaner
from cleaner.cli import main


def _manifest(folder: Path) -> dict[str, str]:
    with (folder / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return {row["file"]: row["encoding"] for row in csv.DictReader(handle, delimiter="\t")}


def test_the_cp1256_articles_come_out_as_clean_utf8(shared: Path, tmp_path: Path) -> None:
    articles = shared / "corpus" / "articles"
    encodings = _manifest(articles)
    legacy = sorted(name for name, enc in encodings.items() if enc == "cp1256")
    assert legacy, "the corpus has windows-1256 articles"
    out, report = tmp_path / "out", tmp_path / "report.json"
    result = CliRunner().invoke(main, [str(articles), "-o", str(out), "--include", "*.txt", "--report", str(report), "-j", "2"])
    assert result.exit_code == 0, result.stderr
    records = {Path(r["path"]).name: r for r in json.loads(report.read_text("utf-8"))}
    for name in legacy:
        raw = (articles / name).read_bytes()
        assert raw.endswith(b"\x00") and b"\r\n" in raw  # CRLF and a trailing NUL, as documented
        assert records[name]["encoding"] == "cp1256" and records[name]["error"] is None
        text = (out / name).read_bytes().decode("utf-8")  # valid UTF-8
        assert "\x00" not in text and "\r" not in text and text.endswith("\n")
        assert text == cleaner.clean(raw.decode("cp1256"))
    for name, enc in encodings.items():
        if enc.startswith("utf-8") and name in records:
            assert records[name]["encoding"].startswith("utf-8")


def test_one_cp1256_article_to_stdout(shared: Path) -> None:
    articles = shared / "corpus" / "articles"
    name = next(n for n, e in _manifest(articles).items() if e == "cp1256")
    result = CliRunner().invoke(main, [str(articles / name)])
    assert result.exit_code == 0 and result.stdout_bytes == cleaner.clean((articles / name).read_bytes().decode("cp1256")).encode()
