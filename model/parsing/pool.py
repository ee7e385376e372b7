"""A pool of worker processes that parse files, under limits, with cancellation.

One dispatcher thread owns the workers: it hands queued jobs to idle workers (starting new ones
up to ``jobs``), relays what they say to the listener, and ends a job that outlived the time
limit or whose worker died (out of memory, a crash in a C library) as one failure of that
file; the next job gets a fresh worker. Cancelling a running job terminates its worker.
``close`` ends every worker at once, whatever it is doing.

Workers are started with ``forkserver`` where the platform has it (a fork of a small server
that has the model imported, so a replacement is ready in milliseconds), else ``spawn``: the
calling process (the window's) is never forked, and never imports the PDF libraries itself.

The listener is called on the dispatcher thread; a file found in the cache is answered there
too, without a worker.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from model.parsing.cache import ParseCache, content_hash, entry_key
from model.parsing.job import (
    CHECKED_FILING_JOB,
    Cancelled,
    Counted,
    Crashed,
    Failed,
    Finished,
    JobFunction,
    JobRequest,
    Loaded,
    Outcome,
    PoolEvent,
    Progress,
    Started,
    job_name,
)
from model.parsing.limits import ParseSettings, memory_message, time_message
from model.parsing.worker import Parsed, Retiring, WorkerConfig, serve

Listener = Callable[[PoolEvent], None]
TERMINATE_GRACE_S = 0.3


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["model.parsing.worker", "model.views.checks"])
        return context
    return multiprocessing.get_context("spawn")


@dataclass
class Worker:
    process: BaseProcess
    connection: Connection
    request: JobRequest | None = None
    started: float = 0.0
    retiring: bool = False  # takes no more jobs; ends on its own


@dataclass
class _Commands:
    """What other threads ask of the dispatcher; guarded by the pool's lock."""

    submitted: deque[JobRequest] = field(default_factory=deque)
    cancelled: set[int] = field(default_factory=set)
    closing: bool = False


class ParsePool:
    """Parses files in worker processes; ``submit`` returns a ticket that the listener's events name."""

    def __init__(self, settings: ParseSettings, listener: Listener, job: str | JobFunction = CHECKED_FILING_JOB) -> None:
        self.settings = settings
        self.job = job_name(job)
        self._listener = listener
        self._cache = ParseCache(settings.folder, settings.cache_max_bytes) if settings.cache else None
        self._tickets = itertools.count(1)
        self._lock = threading.Lock()
        self._commands = _Commands()
        self._wake_reader, self._wake_writer = multiprocessing.Pipe(duplex=False)
        self._queue: deque[JobRequest] = deque()
        self._workers: list[Worker] = []
        self._context = _context()
        self._thread = threading.Thread(target=self._run, name="tickmark-parse-pool", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ any thread

    def submit(self, path: str | Path, password: str = "") -> int:
        ticket = next(self._tickets)
        with self._lock:
            self._commands.submitted.append(JobRequest(ticket, str(path), password))
        self._wake()
        return ticket

    def cancel(self, tickets: Iterable[int]) -> None:
        """Queued jobs are dropped, running ones end with their worker; each reports Cancelled."""
        with self._lock:
            self._commands.cancelled.update(tickets)
        self._wake()

    def close(self, timeout: float = 1.0) -> None:
        """End every worker now and stop the dispatcher; jobs under way report nothing more."""
        with self._lock:
            self._commands.closing = True
            workers = list(self._workers)
        for worker in workers:  # from this thread too: the dispatcher may be busy starting a worker
            _end(worker.process)
        self._wake()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _wake(self) -> None:
        try:
            with self._lock:
                self._wake_writer.send_bytes(b"!")
        except OSError:
            pass  # the dispatcher has stopped and closed its end

    # ------------------------------------------------------------------ the dispatcher thread

    def _run(self) -> None:
        try:
            while self._take_commands():
                self._start_jobs()
                self._wait_and_handle()
                self._enforce_time_limit()
        except Exception as error:  # noqa: BLE001 - a bug here must not leave files loading for ever
            self._fail_everything(f"{type(error).__name__}: {error}", traceback.format_exc())
        finally:
            for worker in self._workers:
                _end(worker.process)
            for worker in self._workers:
                worker.process.join(TERMINATE_GRACE_S)
                worker.connection.close()
            self._wake_reader.close()
            with self._lock:
                self._wake_writer.close()

    def _fail_everything(self, error: str, details: str) -> None:
        """Every job still waiting or running ends as a crash of Tickmark, with the reason."""
        with self._lock:
            self._commands.closing = True
            waiting = list(self._commands.submitted)
        waiting += list(self._queue) + [w.request for w in self._workers if w.request is not None]
        for request in waiting:
            self._listener(Finished(request.ticket, Crashed(request.path, error, details)))

    def _take_commands(self) -> bool:
        while self._wake_reader.poll():
            self._wake_reader.recv_bytes()
        with self._lock:
            if self._commands.closing:
                return False
            submitted, self._commands.submitted = self._commands.submitted, deque()
            cancelled, self._commands.cancelled = self._commands.cancelled, set()
        for request in submitted:
            self._queue_or_answer(request)
        if cancelled:
            self._cancel(cancelled)
        return True

    def _queue_or_answer(self, request: JobRequest) -> None:
        """A file found in the cache is answered at once; others wait for a worker."""
        if self._cache is None or request.password:  # a protected PDF's contents are never kept
            self._queue.append(request)
            return
        content = content_hash(request.path)
        if content is None:
            self._queue.append(request)  # not a regular file: the worker says why it cannot be read
            return
        key = entry_key(content, request.path, self.job)
        value = self._cache.load(key)
        if value is None:
            self._queue.append(JobRequest(request.ticket, request.path, request.password, key, content))
            return
        self._listener(Finished(request.ticket, Loaded(value, from_cache=True)))

    def _cancel(self, tickets: set[int]) -> None:
        for request in [r for r in self._queue if r.ticket in tickets]:
            self._queue.remove(request)
            self._listener(Finished(request.ticket, Cancelled(request.path)))
        for worker in [w for w in self._workers if w.request is not None and w.request.ticket in tickets]:
            self._retire(worker, Cancelled(worker.request.path))

    def _start_jobs(self) -> None:
        while self._queue:
            worker = next((w for w in self._workers if w.request is None and not w.retiring), None)
            if worker is None:
                if len(self._workers) >= self.settings.jobs:
                    return
                try:
                    worker = self._start_worker()
                except (OSError, RuntimeError) as error:  # out of processes; a script without a __main__ guard
                    request = self._queue.popleft()
                    self._listener(Finished(request.ticket, Failed(request.path, f"no worker process could be started to read it ({error})")))
                    continue
            request = self._queue.popleft()
            try:
                worker.connection.send(request)
            except OSError:  # it died idle: replace it and try again
                self._queue.appendleft(request)
                self._retire(worker, None)
                continue
            worker.request, worker.started = request, time.monotonic()
            self._listener(Started(request.ticket))

    def _start_worker(self) -> Worker:
        ours, theirs = self._context.Pipe()
        cache_folder = str(self.settings.folder) if self.settings.cache else None
        config = WorkerConfig(self.job, self.settings.memory_limit, cache_folder, self.settings.cache_max_bytes)
        process = self._context.Process(target=serve, args=(theirs, config), name="tickmark-parse-worker", daemon=True)
        process.start()
        theirs.close()
        worker = Worker(process, ours)
        with self._lock:
            self._workers.append(worker)
        return worker

    def _wait_and_handle(self) -> None:
        waitables: list[object] = [self._wake_reader]
        for worker in self._workers:
            waitables += [worker.connection, worker.process.sentinel]
        ready = set(wait(waitables, self._time_to_deadline()))
        with self._lock:
            if self._commands.closing:
                return  # ended by close(): nothing more to report
        for worker in list(self._workers):
            if worker.connection in ready:
                self._read(worker)
        for worker in list(self._workers):
            if worker.process.sentinel in ready and worker in self._workers:
                self._read(worker)  # whatever it said before it ended
                if worker in self._workers:
                    request = worker.request
                    self._retire(worker, _death(request.path, worker.process.exitcode, self.settings) if request else None)

    def _read(self, worker: Worker) -> None:
        try:
            while worker.connection.poll():
                self._relay(worker, worker.connection.recv())
        except (EOFError, OSError):
            pass  # it ended: its sentinel tells how

    def _relay(self, worker: Worker, message: object) -> None:
        if isinstance(message, (Counted, Progress)):
            self._listener(message)
        elif isinstance(message, Retiring):
            worker.retiring = True
        elif isinstance(message, Finished):
            outcome = message.outcome
            if isinstance(outcome, Parsed):
                outcome = Loaded(pickle.loads(outcome.payload))
            worker.request = None
            self._listener(Finished(message.ticket, outcome))

    def _time_to_deadline(self) -> float | None:
        limit = self.settings.time_limit
        running = [w.started for w in self._workers if w.request is not None]
        if limit is None or not running:
            return None
        return max(0.0, min(running) + limit - time.monotonic())

    def _enforce_time_limit(self) -> None:
        limit = self.settings.time_limit
        if limit is None:
            return
        now = time.monotonic()
        for worker in [w for w in self._workers if w.request is not None and now - w.started >= limit]:
            self._retire(worker, Failed(worker.request.path, time_message(limit)))

    def _retire(self, worker: Worker, outcome: Outcome | None) -> None:
        """End a worker (stuck, cancelled or dead) and report its job's outcome."""
        _end(worker.process)
        worker.process.join(TERMINATE_GRACE_S)
        worker.connection.close()
        with self._lock:
            self._workers.remove(worker)
        if worker.request is not None and outcome is not None:
            self._listener(Finished(worker.request.ticket, outcome))


def _end(process: BaseProcess) -> None:
    if process.exitcode is None:
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass  # already gone, or never started


def _death(path: str, exitcode: int | None, settings: ParseSettings) -> Outcome:
    """What a worker that ended in the middle of a job means for its file."""
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else f"signal {number}"
        if number in (signal.SIGABRT, signal.SIGKILL):  # a C library's failed allocation aborts; the kernel kills
            return Failed(path, f"{memory_message(path, settings.memory_limit)} (its reader aborted: {name})")
        return Crashed(path, f"the reader process crashed ({name})", "")
    return Failed(path, f"the reader process ended unexpectedly (exit status {exitcode})")


def parse_in_order(
    paths: list[str | Path],
    settings: ParseSettings,
    job: str | JobFunction,
    progress: Callable[[float, str], None] | None = None,
) -> list[Outcome]:
    """Parse ``paths`` in the pool and wait: one outcome per path, in the order given."""
    outcomes: dict[int, Outcome] = {}
    fractions: dict[int, float] = {}
    done = threading.Event()
    lock = threading.Lock()
    names: dict[int, str] = {}

    def listen(event: PoolEvent) -> None:
        with lock:
            if isinstance(event, Finished):
                outcomes[event.ticket] = event.outcome
                fractions[event.ticket] = 1.0
                if len(outcomes) == len(paths):
                    done.set()
            elif isinstance(event, Progress):
                fractions[event.ticket] = event.fraction
                if progress is not None:
                    progress(sum(fractions.values()) / len(paths), f"{names.get(event.ticket, '')}: {event.message}")

    pool = ParsePool(settings, listen, job)
    try:
        with lock:
            # the largest first, so that no worker is left alone with a long file at the end
            by_size = sorted(range(len(paths)), key=lambda number: -_size(paths[number]))
            submitted = {number: pool.submit(paths[number]) for number in by_size}
            tickets = [submitted[number] for number in range(len(paths))]
            names.update((ticket, Path(path).name) for ticket, path in zip(tickets, paths))
        if paths:
            done.wait()
    finally:
        pool.close()
    return [outcomes[ticket] for ticket in tickets]


def _size(path: str | Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the worker reports why it cannot be read
