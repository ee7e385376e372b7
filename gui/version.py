"""The version shown by ``--version`` and the About box."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

_PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def app_version() -> str:
    """The installed package's version, or pyproject's when running from a source checkout."""
    try:
        return version("tickmark")
    except PackageNotFoundError:
        if _PYPROJECT.is_file():
            return tomllib.loads(_PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
        return "unknown"
