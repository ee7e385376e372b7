"""Errors a user can act on: each names the file and says what is wrong in plain words."""

from __future__ import annotations

from pathlib import Path


class FilingError(Exception):
    """A file could not be read as a filing."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.file_name = Path(path).name
        self.reason = reason
        super().__init__(f"{self.file_name}: {reason}")


class LoadCancelled(Exception):
    """The user cancelled a load that was under way."""


class PasswordRequired(FilingError):
    """A PDF that opens only with a password, and none (or a wrong one) was given: the window
    asks for it; the password is handed to this one load and never kept."""
