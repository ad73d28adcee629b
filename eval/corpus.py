"""Read the shared article corpus the way the evaluation set numbers it.

Line numbers in ``eval/labels/*.tsv`` are 1-based indices into :func:`article_lines`: the file is
decoded as UTF-8 (BOM dropped) or, when that fails, as windows-1256; trailing NULs are dropped;
CRLF and CR are line breaks. Run ``python eval/corpus.py FILE`` to print an article with its
line numbers.
"""

from __future__ import annotations

import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
ARTICLES = SHARED / "corpus" / "articles"


def decode_article(data: bytes) -> str:
    data = data.rstrip(b"\x00")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1256")


def article_lines(path: Path) -> list[str]:
    text = decode_article(path.read_bytes())
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def article_paths() -> list[Path]:
    return sorted(p for p in ARTICLES.glob("*.txt"))


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        path = Path(arg)
        if not path.exists():
            path = ARTICLES / arg
        print(f"### {path.name}")
        for number, line in enumerate(article_lines(path), 1):
            if line.strip():
                print(f"{number}\t{line}")
