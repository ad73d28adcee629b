"""Regenerate samples/expected/ from samples/articles/ with the current code, through the real CLI.

Run it after a deliberate change of behaviour, then review the diff of samples/expected/ by eye:
    python scripts/regen_samples.py && git diff --stat samples/expected
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "samples" / "articles"
EXPECTED = ROOT / "samples" / "expected"
FORMATS = ("text", "markdown")


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from cleaner import PROFILES

    shutil.rmtree(EXPECTED, ignore_errors=True)
    for profile in PROFILES:
        for fmt in FORMATS:
            folder = EXPECTED / f"{profile}-{fmt}"
            folder.mkdir(parents=True)
            for article in sorted(ARTICLES.glob("*.txt")):
                out = subprocess.run(
                    [sys.executable, "-m", "cleaner", "--profile", profile, "--format", fmt, str(article)],
                    check=True,
                    capture_output=True,
                    env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
                ).stdout
                (folder / article.name).write_bytes(out)
    print(f"wrote {EXPECTED.relative_to(ROOT)}/", file=sys.stderr)


if __name__ == "__main__":
    main()
