"""What crosses the process boundary: a job for one file, what the worker says while it reads
(pages counted, progress), and how the job ended. All plain, picklable data; a parsed result
travels as the pickled bytes of the model's dataclasses (see ``worker``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

# The one loader path, as the window wants it (with the checks) and as the export wants it.
CHECKED_FILING_JOB = "model.views.checks:load_checked_filing"
FILING_JOB = "model.filing:load_filing"

JobFunction = Callable[..., object]  # (path, progress=..., password=...) -> the parsed value


def job_name(job: str | JobFunction) -> str:
    """``module:qualified name`` of a module-level function: what a worker process imports."""
    if isinstance(job, str):
        return job
    return f"{job.__module__}:{job.__qualname__}"


def resolve(name: str) -> JobFunction:
    module, _, qualified = name.partition(":")
    target: object = importlib.import_module(module)
    for part in qualified.split("."):
        target = getattr(target, part)
    if not callable(target):
        raise TypeError(f"{name} is not a function")
    return target


@dataclass(frozen=True)
class JobRequest:
    ticket: int
    path: str
    password: str = ""
    cache_key: str = ""  # where the worker stores the result; empty: not cached
    content_hash: str = ""  # the content the key was made for: a file changed since is not stored


# ----------------------------------------------------------------------------- how a job ended


@dataclass(frozen=True)
class Loaded:
    value: object
    from_cache: bool = False


@dataclass(frozen=True)
class Failed:
    """The file cannot be read, with the plain reason (a FilingError, or a limit it broke)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Locked:
    """A PDF that opens only with its password."""

    path: str
    reason: str


@dataclass(frozen=True)
class Crashed:
    """A bug in a reader: the exception as text, with the worker's traceback."""

    path: str
    error: str
    details: str


@dataclass(frozen=True)
class Cancelled:
    path: str


Outcome = Loaded | Failed | Locked | Crashed | Cancelled


class WorkerCrash(Exception):
    """A reader's unexpected exception in a worker process, handed to the error route."""

    def __init__(self, path: str, error: str, details: str) -> None:
        super().__init__(f"{error} while reading {path}\n\nIn the worker process:\n{details}")
        self.path = path
        self.error = error
        self.details = details


# ----------------------------------------------------------------------------- what the pool reports


@dataclass(frozen=True)
class Started:
    ticket: int


@dataclass(frozen=True)
class Counted:
    ticket: int
    pages: int


@dataclass(frozen=True)
class Progress:
    ticket: int
    fraction: float
    message: str


@dataclass(frozen=True)
class Finished:
    ticket: int
    outcome: Outcome


PoolEvent = Started | Counted | Progress | Finished
