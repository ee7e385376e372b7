"""Loading filings, and other model work, off the GUI thread.

Filings are parsed in worker processes (``model.parsing.pool``): several at once, each under a
memory and a time limit, so that a hostile or stuck file costs one error for that file, never
the window. What the pool's thread reports is queued and handed to the GUI thread through a
socket pair watched by a ``QSocketNotifier``: the pool's thread never touches a Qt object, so a
loader deleted while files are still being read cannot break it. The loader drops results that
went stale (a newer load of the same file, or a cancelled batch) and reports each batch once,
with the files that failed and why.

Other work (combining the workspace, checking a workspace file's sources) runs through a
``TaskRunner``: the latest request only, older runs cancelled and their results dropped.
"""

from __future__ import annotations

import queue
import socket
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QSocketNotifier, QThreadPool, Signal, Slot

from model.errors import LoadCancelled
from model.page_counts import estimated_pages
from model.parsing.job import CHECKED_FILING_JOB, Counted, Crashed, Failed, Finished, Loaded, Locked, PoolEvent, Progress, WorkerCrash
from model.parsing.limits import ParseSettings
from model.parsing.pool import ParsePool


class ThreadEvents(QObject):
    """Hands objects from any thread to ``handler`` on the GUI thread, in order."""

    def __init__(self, handler: Callable[[object], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handler = weakref.WeakMethod(handler)  # the sending thread must not keep the receiver alive
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def close(self) -> None:
        if shiboken6.isValid(self._notifier):
            self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()

    def put(self, item: object) -> None:
        """From any thread."""
        self._queue.put(item)
        try:
            self._writer.send(b"\0")
        except OSError:
            pass  # a wake-up is already pending (the buffer is full), or the GUI side is gone

    @Slot()
    def _drain(self) -> None:
        try:
            while self._reader.recv(4096):
                pass
        except OSError:
            pass  # drained: nothing more to read now
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            handler = self._handler()
            if handler is None:
                return
            handler(item)


class _Channel:
    """A loader's pool and the channel its events come back by, released together: by
    ``shutdown``, or when a loader that was never shut down is collected."""

    def __init__(self, events: ThreadEvents) -> None:
        self.events = events
        self.pool: ParsePool | None = None

    def close_pool(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def release(self) -> None:
        self.close_pool()
        self.events.close()


@dataclass
class Batch:
    """Files asked for together (one drop, one Open dialog): reported together when done."""

    number: int
    tickets: set[int] = field(default_factory=set)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    locked: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): PDFs that need a password
    loaded: int = 0
    cancelled: bool = False


class FilingLoader(QObject):
    """Loads files in the worker processes and hands each result to the GUI thread."""

    loaded = Signal(int, object)  # batch number, CheckedFiling
    crashed = Signal(str, object)  # path, exception
    progress_changed = Signal(float, str)  # overall fraction of the running loads, latest message
    busy_changed = Signal(bool)
    batch_finished = Signal(int, int, list)  # batch number, files loaded, [(path, reason)] of failures
    password_needed = Signal(str, str)  # path, reason: after its batch, a PDF that opens only with a password

    def __init__(self, parent: QObject | None = None, settings: ParseSettings | None = None, job: str = CHECKED_FILING_JOB) -> None:
        super().__init__(parent)
        self._settings = settings or ParseSettings()
        self._job = job
        self._channel = _Channel(ThreadEvents(self._on_event, self))
        weakref.finalize(self, self._channel.release)
        self._paths: dict[int, str] = {}  # ticket -> path, while it loads
        self._batch_of: dict[int, Batch] = {}
        self._latest_ticket: dict[str, int] = {}
        self._fractions: dict[int, float] = {}
        self._pages: dict[int, int] = {}  # ticket -> pages of its file (estimated until counted)
        self._next_batch = 1

    @property
    def busy(self) -> bool:
        return bool(self._paths)

    @property
    def settings(self) -> ParseSettings:
        return self._settings

    def set_settings(self, settings: ParseSettings) -> None:
        """Loads started once the loads under way have finished use ``settings``."""
        self._settings = settings
        if not self.busy:
            self._channel.close_pool()

    def _pool_for_loading(self) -> ParsePool:
        channel = self._channel
        if channel.pool is not None and channel.pool.settings != self._settings and not self.busy:
            channel.close_pool()
        if channel.pool is None:
            channel.pool = ParsePool(self._settings, channel.events.put, self._job)
        return channel.pool

    def shutdown(self) -> None:
        """End every worker now (the window is closing); nothing more is reported."""
        self._channel.close_pool()
        was_busy = self.busy
        for store in (self._paths, self._batch_of, self._latest_ticket, self._fractions, self._pages):
            store.clear()
        if was_busy:
            self.busy_changed.emit(False)

    def load(self, paths: list[str], password: str = "") -> int:
        """Start loading; returns the batch number that ``batch_finished`` will report.
        ``password`` opens protected PDFs of this batch (it is not kept)."""
        batch = Batch(self._next_batch)
        self._next_batch += 1
        was_busy = self.busy
        unique = list(dict.fromkeys(str(Path(p).absolute()) for p in paths))
        if not unique:
            self.batch_finished.emit(batch.number, 0, [])
            return batch.number
        pool = self._pool_for_loading()
        for path in unique:
            ticket = pool.submit(path, password)
            self._paths[ticket] = path
            self._batch_of[ticket] = batch
            self._latest_ticket[path] = ticket
            self._fractions[ticket] = 0.0
            self._pages[ticket] = estimated_pages(path)
            batch.tickets.add(ticket)
        if not was_busy:
            self.busy_changed.emit(True)
        return batch.number

    def cancel(self) -> None:
        """Stop every load: queued files are dropped, files being read end with their worker;
        whatever they still deliver is dropped."""
        for batch in {id(b): b for b in self._batch_of.values()}.values():
            batch.cancelled = True
        if self._channel.pool is not None and self._paths:
            self._channel.pool.cancel(list(self._paths))

    def _is_current(self, ticket: int) -> bool:
        batch = self._batch_of.get(ticket)
        path = self._paths.get(ticket)
        if batch is None or path is None or batch.cancelled:
            return False
        return self._latest_ticket.get(path) == ticket

    def _on_event(self, event: object) -> None:
        if isinstance(event, Counted):
            if event.ticket in self._pages:
                self._pages[event.ticket] = event.pages
        elif isinstance(event, Progress):
            self._on_progress(event.ticket, event.fraction, event.message)
        elif isinstance(event, Finished):
            self._on_finished(event.ticket, event)

    def _on_progress(self, ticket: int, fraction: float, message: str) -> None:
        if ticket not in self._fractions or not self._is_current(ticket):
            return
        self._fractions[ticket] = fraction
        self.progress_changed.emit(*self.progress(ticket, message))

    def progress(self, ticket: int, message: str) -> tuple[float, str]:
        """The share of all pages of the running loads that is read, and what to say: the
        file and step, then pages read of all pages and which file of how many."""
        total = sum(self._pages.get(t, 1) for t in self._fractions)
        done = sum(fraction * self._pages.get(t, 1) for t, fraction in self._fractions.items())
        tickets = sorted(self._fractions)
        name = Path(self._paths[ticket]).name
        where = f"page {round(done)} of {total} in {len(tickets)} files (file {tickets.index(ticket) + 1})" if len(tickets) > 1 else f"{total} page(s)"
        return done / total if total else 0.0, f"{name}: {message} \u00b7 {where}"

    def _on_finished(self, ticket: int, event: PoolEvent) -> None:
        if ticket not in self._paths:
            return
        outcome = event.outcome  # type: ignore[union-attr]
        path = self._paths[ticket]
        if self._is_current(ticket):
            batch = self._batch_of[ticket]
            if isinstance(outcome, Loaded):
                batch.loaded += 1
                self.loaded.emit(batch.number, outcome.value)
            elif isinstance(outcome, Locked):
                batch.locked.append((outcome.path, outcome.reason))
            elif isinstance(outcome, Failed):
                batch.failures.append((outcome.path, outcome.reason))
            elif isinstance(outcome, Crashed):
                batch.failures.append((path, f"Tickmark failed while reading it ({outcome.error}); the details are in the error log"))
                self.crashed.emit(path, WorkerCrash(path, outcome.error, outcome.details))
        self._fractions[ticket] = 1.0
        self._finish(ticket)

    def _finish(self, ticket: int) -> None:
        self._paths.pop(ticket, None)
        batch = self._batch_of.pop(ticket, None)
        if batch is None:
            return
        batch.tickets.discard(ticket)
        if not batch.tickets:
            self.batch_finished.emit(batch.number, batch.loaded, list(batch.failures))
            if not batch.cancelled:
                for path, reason in batch.locked:
                    self.password_needed.emit(path, reason)
        if not self._paths:
            self._latest_ticket.clear()
            self._fractions.clear()  # finished files count as read until every load is done
            self._pages.clear()
            self.busy_changed.emit(False)


# ----------------------------------------------------------------------------- other work off the GUI thread

Work = Callable[[Callable[[], bool]], object]  # gets "has this been cancelled?", returns the result


class TaskSignals(QObject):
    returned = Signal(int, object)  # ticket, result
    crashed = Signal(int, object)  # ticket, an unexpected exception (a bug) for the error route
    finished = Signal(int)


class Task(QRunnable):
    """Runs one piece of model work (combining a workspace, checking its sources)."""

    def __init__(self, ticket: int, work: Work, cancel: threading.Event, signals: TaskSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it, as with LoadWorker
        self.ticket = ticket
        self.work = work
        self.signals = signals
        self._cancel = cancel

    def run(self) -> None:
        try:
            result = self.work(self._cancel.is_set)
        except LoadCancelled:
            pass  # a newer run took over; it delivers instead
        except Exception as error:  # noqa: BLE001 - a bug in the model: handed to the error route, never swallowed
            self.signals.crashed.emit(self.ticket, error)
        else:
            self.signals.returned.emit(self.ticket, result)
        finally:
            self.signals.finished.emit(self.ticket)


class TaskRunner(QObject):
    """Runs one kind of work on the global pool, the latest request only: starting a new run
    cancels the one under way, and whatever an older run still delivers is dropped."""

    returned = Signal(object)  # the result of the latest run
    crashed = Signal(object)  # an exception the latest run raised
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._tasks: dict[int, Task] = {}
        self._cancel = threading.Event()
        self._latest = 0
        self._awaited: int | None = None  # the run whose result is still to come

    @property
    def busy(self) -> bool:
        """Some run is still on the pool (a cancelled one may take a moment to stop)."""
        return bool(self._tasks)

    @property
    def awaiting(self) -> bool:
        """The latest run has not delivered yet."""
        return self._awaited is not None

    def run(self, work: Work) -> int:
        self._cancel.set()
        self._cancel = threading.Event()
        self._latest += 1
        self._awaited = self._latest
        signals = TaskSignals(self)  # parented: deleted on the GUI thread, never by a worker
        task = Task(self._latest, work, self._cancel, signals)
        signals.returned.connect(self._on_returned)
        signals.crashed.connect(self._on_crashed)
        signals.finished.connect(self._on_finished)
        was_busy = self.busy
        self._tasks[self._latest] = task
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(task)
        return self._latest

    def cancel(self) -> None:
        """Stop the run under way; it delivers nothing."""
        self._cancel.set()
        self._latest += 1
        self._awaited = None

    @Slot(int, object)
    def _on_returned(self, ticket: int, result: object) -> None:
        if ticket == self._latest:
            self._awaited = None
            self.returned.emit(result)

    @Slot(int, object)
    def _on_crashed(self, ticket: int, error: object) -> None:
        if ticket == self._latest:
            self._awaited = None
            self.crashed.emit(error)

    @Slot(int)
    def _on_finished(self, ticket: int) -> None:
        if ticket == self._awaited:  # ended without a word: cancelled from within
            self._awaited = None
        task = self._tasks.pop(ticket, None)
        if task is not None:
            task.signals.deleteLater()
        if not self._tasks:
            self.busy_changed.emit(False)
