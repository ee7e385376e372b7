"""The worker process: reads one file at a time, as the parent asks, under the memory limit.

Each job first reports the file's page count, then progress as the reader goes, then how it
ended. A parsed value is pickled once: the same bytes go into the cache and to the parent.
A worker that ran out of memory reports it and exits, since a process that hit its limit may
be left in a bad state; the pool starts a fresh one.
"""

from __future__ import annotations

import pickle
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection

from model.errors import FilingError, PasswordRequired
from model.parsing.cache import ParseCache, content_hash
from model.parsing.job import Counted, Crashed, Failed, Finished, JobFunction, JobRequest, Locked, Progress, resolve
from model.parsing.limits import apply_memory_limit, memory_message
from model.readers.files import NOT_FOUND_REASON, REMOVED_REASON


@dataclass(frozen=True)
class Parsed:
    """A value parsed in the worker, still pickled: the parent unpickles it once."""

    payload: bytes


@dataclass(frozen=True)
class Retiring:
    """Said before the last job's outcome: this process takes no more jobs."""


@dataclass(frozen=True)
class WorkerConfig:
    job: str
    memory_limit: int | None
    cache_folder: str | None  # None: results are not cached
    cache_max_bytes: int


def serve(connection: Connection, config: WorkerConfig) -> None:
    """The worker's main loop: one JobRequest at a time until None or the parent is gone."""
    apply_memory_limit(config.memory_limit)
    function = resolve(config.job)
    cache = ParseCache(config.cache_folder, config.cache_max_bytes) if config.cache_folder else None
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return  # the parent closed its end
        if request is None or not run_job(connection, function, request, cache, config.memory_limit):
            return


def run_job(connection: Connection, function: JobFunction, request: JobRequest, cache: ParseCache | None, memory_limit: int | None) -> bool:
    """Read one file and send how it went; False when this process must not take another job."""
    from model.page_counts import page_count

    ticket, path = request.ticket, request.path
    connection.send(Counted(ticket, page_count(path)))
    keep_serving = True
    try:
        value = function(path, progress=lambda fraction, message: connection.send(Progress(ticket, fraction, message)), password=request.password)
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        outcome: object = Failed(path, memory_message(path, memory_limit))
        keep_serving = False
    except PasswordRequired as error:
        outcome = Locked(error.path, error.reason)
    except FilingError as error:
        # the parent read the file to look it up in the cache: it was there when it was chosen
        removed = error.reason == NOT_FOUND_REASON and request.content_hash
        outcome = Failed(error.path, REMOVED_REASON if removed else error.reason)
    except Exception as error:  # noqa: BLE001 - a bug in a reader: reported with its traceback, never swallowed
        outcome = Crashed(path, f"{type(error).__name__}: {error}", traceback.format_exc())
    else:
        if cache is not None and request.cache_key and content_hash(path) == request.content_hash:
            cache.store(request.cache_key, payload)
        outcome = Parsed(payload)
    if not keep_serving:
        connection.send(Retiring())
    connection.send(Finished(ticket, outcome))  # type: ignore[arg-type]
    return keep_serving
