"""Where the shared real filings live, and a skip for machines without them."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FILINGS = REPO.parent / "shared" / "filings"
REFERENCE = FILINGS / "iij-1h-fy2017-release.txt"
SAMPLE = REPO / "resources" / "sample-iij-1h-fy2017-release.txt"
FIDELITY = REPO.parent / "shared" / "fidelity" / "docs"

needs_filings = pytest.mark.skipif(
    not FILINGS.is_dir(),
    reason="the shared real filings (../shared/filings beside the repository) are not on this machine",
)


def filing(name: str) -> Path:
    """A real filing by file name; skips the calling test when it is not there."""
    path = FILINGS / name
    if not path.exists():
        pytest.skip(f"{name} is not in ../shared/filings on this machine")
    return path


def fidelity_document(name: str) -> Path:
    """A document of the fidelity corpus by file name; skips the calling test when it is not there."""
    path = FIDELITY / name
    if not path.exists():
        pytest.skip(f"{name} is not in ../shared/fidelity/docs on this machine")
    return path
