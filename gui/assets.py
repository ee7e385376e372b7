"""Files shipped in the ``resources`` package: the sample filing, the icon, the style sheet,
the desktop launcher template."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SAMPLE_FILING = "sample-iij-1h-fy2017-release.txt"
ICON_PNG = "tickmark.png"
ICON_SVG = "tickmark.svg"
STYLE_SHEET = "tickmark.qss"
DESKTOP_TEMPLATE = "tickmark.desktop.in"


def asset_path(name: str) -> Path:
    """A resource as a real path (the package is installed as plain files, never zipped)."""
    return Path(str(files("resources").joinpath(name)))


def sample_filing() -> Path:
    return asset_path(SAMPLE_FILING)
