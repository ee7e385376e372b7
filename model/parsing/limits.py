"""How files are parsed: how many at once, under which memory and time limits, and whether
parsed files are kept in a cache; and the plain words for a file that broke a limit."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no address-space limit; the time limit still holds
    resource = None  # type: ignore[assignment]

GB = 1024**3
MB = 1024**2
DEFAULT_MEMORY_LIMIT = int(1.5 * GB)
DEFAULT_TIME_LIMIT_S = 120.0
DEFAULT_CACHE_BYTES = 512 * MB
CACHE_FOLDER_ENV = "TICKMARK_CACHE_DIR"  # tests and benchmarks point this at a folder of their own


def machine_cores() -> int:
    """The cores this process may run on (a container's share, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def default_cache_folder() -> Path:
    """The user's cache folder for Tickmark: $TICKMARK_CACHE_DIR, else the platform's place
    (XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, LOCALAPPDATA on Windows)."""
    chosen = os.environ.get(CACHE_FOLDER_ENV)
    if chosen:
        return Path(chosen)
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "Tickmark" / "Cache"
    if os.uname().sysname == "Darwin":
        return Path.home() / "Library" / "Caches" / "Tickmark"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tickmark"


@dataclass(frozen=True)
class ParseSettings:
    """``memory_limit`` is bytes of address space per worker process and ``time_limit`` seconds
    per file; None lifts the limit. ``cache_folder`` None is the default cache folder."""

    jobs: int = field(default_factory=machine_cores)
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT
    time_limit: float | None = DEFAULT_TIME_LIMIT_S
    cache: bool = True
    cache_folder: Path | None = None
    cache_max_bytes: int = DEFAULT_CACHE_BYTES

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise ValueError("at least one worker process is needed")

    @property
    def folder(self) -> Path:
        return self.cache_folder if self.cache_folder is not None else default_cache_folder()


def describe_bytes(size: int) -> str:
    """``1.5 GB``, ``512 MB``, ``480 KB``."""
    if size >= GB:
        return f"{size / GB:.3g} GB"
    if size >= MB:
        return f"{size / MB:.3g} MB"
    return f"{size / 1024:.3g} KB"


def what_it_is(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return "the PDF"
    if suffix in (".htm", ".html", ".xhtml"):
        return "the HTML file"
    return "the file"


def memory_message(path: str | Path, limit: int | None) -> str:
    limit_text = f"the {describe_bytes(limit)} limit" if limit is not None else "the memory this machine has"
    stream = ": it may hold a stream too large to read safely" if what_it_is(path) == "the PDF" else ""
    return f"{what_it_is(path)} needs more memory than {limit_text}{stream}"


def time_message(limit: float) -> str:
    return f"reading stopped after {limit:g} s, the time limit for one file"


def apply_memory_limit(limit: int | None) -> None:
    """Cap this process's address space, so that a file that needs more fails with a
    MemoryError (or aborts this process) instead of taking the machine's memory."""
    if limit is None or resource is None:
        return
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ValueError, OSError):
        pass  # macOS refuses some address-space limits: the file is read without one, the time limit still holds
