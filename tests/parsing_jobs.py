"""Job functions for the worker-pool tests: module-level, so that a worker process can import
them by name. Each takes what the real loader takes (path, progress, password)."""

from __future__ import annotations

import time
from pathlib import Path

from model.errors import FilingError


def read_text(path: str, progress=None, password: str = "") -> str:
    """The file's text, after one progress report; a file named ``bad-*`` fails as unreadable."""
    if progress is not None:
        progress(0.5, "reading")
    if Path(path).name.startswith("bad-"):
        raise FilingError(path, "not a filing")
    return Path(path).read_text(encoding="utf-8")


def stuck(path: str, progress=None, password: str = "") -> str:
    """A file named ``stuck-*`` never finishes (a reader caught in a loop); others read."""
    if Path(path).name.startswith("stuck-"):
        while True:
            time.sleep(0.05)
    return read_text(path, progress, password)


def greedy(path: str, progress=None, password: str = "") -> str:
    """A file named ``huge-*`` wants 4 GB at once (a stream that inflates without end)."""
    if Path(path).name.startswith("huge-"):
        hoard = bytearray(4 * 1024**3)
        return str(len(hoard))
    return read_text(path, progress, password)


def broken(path: str, progress=None, password: str = "") -> str:
    """A bug in a reader."""
    raise KeyError("a reader's bug")


def checked_unless_stuck(path: str, progress=None, password: str = ""):
    """The window's loader, except that a file named ``stuck-*`` never finishes."""
    from model.views.checks import load_checked_filing

    if Path(path).name.startswith("stuck-"):
        stuck(path, progress, password)
    return load_checked_filing(path, progress, password=password)


def checked_unless_huge(path: str, progress=None, password: str = ""):
    """The window's loader, except that a file named ``huge-*`` wants 4 GB at once."""
    from model.views.checks import load_checked_filing

    if Path(path).name.startswith("huge-"):
        greedy(path, progress, password)
    return load_checked_filing(path, progress, password=password)


def checked_unless_bad(path: str, progress=None, password: str = ""):
    """The window's loader, except that a file named ``bad.txt`` meets a bug in its reader."""
    from model.views.checks import load_checked_filing

    if Path(path).name == "bad.txt":
        broken(path, progress, password)
    return load_checked_filing(path, progress, password=password)


def checked_slow_if_named(path: str, progress=None, password: str = ""):
    """The window's loader, except that a file named ``slow-*`` takes two seconds longer."""
    from model.views.checks import load_checked_filing

    if Path(path).name.startswith("slow-"):
        time.sleep(2)
    return load_checked_filing(path, progress, password=password)
