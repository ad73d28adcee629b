from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared corpus folder next to the repository; tests using it skip when it is absent."""
    if not (SHARED / "corpus" / "articles").is_dir():
        pytest.skip(f"shared corpus not found at {SHARED} (it sits next to the repository in CI)")
    return SHARED
