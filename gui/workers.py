"""Loading filings, and other model work, off the GUI thread.

Each file is one ``QRunnable`` on the global ``QThreadPool``; its signals live on a separate
``QObject`` (a runnable is not a QObject) and reach the GUI thread queued. The loader holds a
reference to every worker until it has finished, drops results that went stale (a newer
load of the same file, or a cancelled batch) and reports each batch once, with the files
that failed and why.

Files load one after another: reading a filing is pure Python, so a second thread would only
compete for the GIL (with the GUI thread too) and finish no sooner; measured on four real
filings, two threads took as long as one and froze the window for up to 0.6 s at a time.

Other work (combining the workspace, checking a workspace file's sources) runs through a
``TaskRunner``: the latest request only, older runs cancelled and their results dropped.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from model.errors import FilingError, LoadCancelled, PasswordRequired


class WorkerSignals(QObject):
    started = Signal(int)  # ticket
    progress = Signal(int, float, str)  # ticket, fraction, message
    returned = Signal(int, object)  # ticket, CheckedFiling
    errored = Signal(int, str, str)  # ticket, path, plain reason
    locked = Signal(int, str, str)  # ticket, path, reason: a PDF that needs its password
    crashed = Signal(int, object)  # ticket, an unexpected exception (a bug) for the error route
    cancelled = Signal(int)
    finished = Signal(int)


class LoadWorker(QRunnable):
    """Reads one filing through the model's one loader path and runs its checks."""

    def __init__(self, ticket: int, path: str, cancel: threading.Event, signals: WorkerSignals, password: str = "") -> None:
        super().__init__()
        # Python owns the worker (the loader holds it until ``finished``); the pool reads
        # autoDelete before run(), so it never touches the object afterwards
        self.setAutoDelete(False)
        self.ticket = ticket
        self.path = path
        self.signals = signals
        self._cancel = cancel
        self._password = password  # this load's only: dropped with the worker, never stored

    def run(self) -> None:
        # imported here so that the window can appear before pandas and the readers load
        from model.views.checks import load_checked_filing

        ticket = self.ticket
        self.signals.started.emit(ticket)
        try:
            loaded = load_checked_filing(
                self.path,
                progress=lambda fraction, message: self.signals.progress.emit(ticket, fraction, message),
                cancelled=self._cancel.is_set,
                password=self._password,
            )
        except LoadCancelled:
            self.signals.cancelled.emit(ticket)
        except PasswordRequired as error:
            self.signals.locked.emit(ticket, error.path, error.reason)
        except FilingError as error:
            self.signals.errored.emit(ticket, error.path, error.reason)
        except Exception as error:  # noqa: BLE001 - a bug in a reader: handed to the error route, never swallowed
            self.signals.crashed.emit(ticket, error)
        else:
            self.signals.returned.emit(ticket, loaded)
        finally:
            self.signals.finished.emit(ticket)


class CountSignals(QObject):
    counted = Signal(int, int)  # ticket, pages
    finished = Signal(int)  # batch number


class PageCounter(QRunnable):
    """Counts the pages of a batch's files (a PDF's own count; text and HTML by size), so that
    progress is pages across every file, known before the files are read one by one."""

    def __init__(self, batch: int, paths: dict[int, str], signals: CountSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the loader holds it until ``finished``, as its workers
        self.batch = batch
        self.paths = paths
        self.signals = signals

    def run(self) -> None:
        from model.page_counts import page_count

        try:
            for ticket, path in self.paths.items():
                self.signals.counted.emit(ticket, page_count(path))
        finally:
            self.signals.finished.emit(self.batch)


@dataclass
class Batch:
    """Files asked for together (one drop, one Open dialog): reported together when done."""

    number: int
    tickets: set[int] = field(default_factory=set)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    locked: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): PDFs that need a password
    loaded: int = 0
    cancel: threading.Event = field(default_factory=threading.Event)


MAX_PARALLEL_LOADS = 1


class FilingLoader(QObject):
    """Loads files on the pool, one at a time, and hands each result to the GUI thread."""

    loaded = Signal(int, object)  # batch number, CheckedFiling
    crashed = Signal(str, object)  # path, exception
    progress_changed = Signal(float, str)  # overall fraction of the running loads, latest message
    busy_changed = Signal(bool)
    batch_finished = Signal(int, int, list)  # batch number, files loaded, [(path, reason)] of failures
    password_needed = Signal(str, str)  # path, reason: after its batch, a PDF that opens only with a password

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._workers: dict[int, LoadWorker] = {}
        self._batch_of: dict[int, Batch] = {}
        self._latest_ticket: dict[str, int] = {}
        self._fractions: dict[int, float] = {}
        self._pages: dict[int, int] = {}  # ticket -> pages of its file (1 until counted)
        self._counters: dict[int, PageCounter] = {}  # batch number -> its counter, held until done
        self._waiting: deque[int] = deque()
        self._running: set[int] = set()
        self._next_ticket = 1
        self._next_batch = 1

    @property
    def busy(self) -> bool:
        return bool(self._workers)

    def load(self, paths: list[str], password: str = "") -> int:
        """Start loading; returns the batch number that ``batch_finished`` will report.
        ``password`` opens protected PDFs of this batch (it is not kept)."""
        batch = Batch(self._next_batch)
        self._next_batch += 1
        was_busy = self.busy
        for path in dict.fromkeys(str(Path(p).absolute()) for p in paths):
            ticket = self._next_ticket
            self._next_ticket += 1
            # parented, so that the worker thread dropping the last Python reference never
            # deletes a QObject of the GUI thread; deleted on the GUI thread once finished
            signals = WorkerSignals(self)
            worker = LoadWorker(ticket, path, batch.cancel, signals, password)
            signals.progress.connect(self._on_progress)
            signals.locked.connect(self._on_locked)
            signals.returned.connect(self._on_returned)
            signals.errored.connect(self._on_errored)
            signals.crashed.connect(self._on_crashed)
            signals.finished.connect(self._on_finished)
            self._workers[ticket] = worker
            self._batch_of[ticket] = batch
            self._latest_ticket[path] = ticket
            self._fractions[ticket] = 0.0
            self._pages[ticket] = 1
            batch.tickets.add(ticket)
        if not batch.tickets:
            self.batch_finished.emit(batch.number, 0, [])
            return batch.number
        if not was_busy:
            self.busy_changed.emit(True)
        counter = PageCounter(batch.number, {ticket: self._workers[ticket].path for ticket in sorted(batch.tickets)}, CountSignals(self))
        counter.signals.counted.connect(self._on_counted)
        counter.signals.finished.connect(self._on_counter_finished)
        self._counters[batch.number] = counter
        self._pool.start(counter)
        self._waiting.extend(sorted(batch.tickets))
        self._start_waiting()
        return batch.number

    def _start_waiting(self) -> None:
        while self._waiting and len(self._running) < MAX_PARALLEL_LOADS:
            ticket = self._waiting.popleft()
            self._running.add(ticket)
            self._pool.start(self._workers[ticket])

    def cancel(self) -> None:
        """Stop every running load; whatever they still deliver is dropped."""
        for batch in {id(b): b for b in self._batch_of.values()}.values():
            batch.cancel.set()

    def _is_current(self, ticket: int) -> bool:
        batch = self._batch_of.get(ticket)
        worker = self._workers.get(ticket)
        if batch is None or worker is None or batch.cancel.is_set():
            return False
        return self._latest_ticket.get(worker.path) == ticket

    @Slot(int)
    def _on_counter_finished(self, batch: int) -> None:
        counter = self._counters.pop(batch, None)
        if counter is not None:
            counter.signals.deleteLater()

    @Slot(int, int)
    def _on_counted(self, ticket: int, pages: int) -> None:
        if ticket in self._pages:
            self._pages[ticket] = pages

    @Slot(int, float, str)
    def _on_progress(self, ticket: int, fraction: float, message: str) -> None:
        if ticket not in self._fractions:
            return
        self._fractions[ticket] = fraction
        self.progress_changed.emit(*self.progress(ticket, message))

    def progress(self, ticket: int, message: str) -> tuple[float, str]:
        """The share of all pages of the running loads that is read, and what to say: the
        file and step, then pages read of all pages and which file of how many."""
        total = sum(self._pages.get(t, 1) for t in self._fractions)
        done = sum(fraction * self._pages.get(t, 1) for t, fraction in self._fractions.items())
        tickets = sorted(self._fractions)
        name = Path(self._workers[ticket].path).name
        where = f"page {round(done)} of {total} in {len(tickets)} files (file {tickets.index(ticket) + 1})" if len(tickets) > 1 else f"{total} page(s)"
        return done / total if total else 0.0, f"{name}: {message} \u00b7 {where}"

    @Slot(int, object)
    def _on_returned(self, ticket: int, loaded: object) -> None:
        if self._is_current(ticket):
            batch = self._batch_of[ticket]
            batch.loaded += 1
            self.loaded.emit(batch.number, loaded)

    @Slot(int, str, str)
    def _on_errored(self, ticket: int, path: str, reason: str) -> None:
        if self._is_current(ticket):
            self._batch_of[ticket].failures.append((path, reason))

    @Slot(int, str, str)
    def _on_locked(self, ticket: int, path: str, reason: str) -> None:
        if self._is_current(ticket):
            self._batch_of[ticket].locked.append((path, reason))

    @Slot(int, object)
    def _on_crashed(self, ticket: int, error: object) -> None:
        worker = self._workers.get(ticket)
        if worker is not None:
            self._batch_of[ticket].failures.append((worker.path, f"Tickmark failed while reading it ({type(error).__name__}); the details are in the error log"))
            self.crashed.emit(worker.path, error)

    @Slot(int)
    def _on_finished(self, ticket: int) -> None:
        self._running.discard(ticket)
        worker = self._workers.pop(ticket, None)
        if worker is not None:
            worker.signals.deleteLater()
        batch = self._batch_of.pop(ticket, None)
        if batch is None:
            return
        batch.tickets.discard(ticket)
        if not batch.tickets:
            self.batch_finished.emit(batch.number, batch.loaded, list(batch.failures))
            for path, reason in batch.locked:
                self.password_needed.emit(path, reason)
        if not self._workers:
            self._latest_ticket.clear()
            self._fractions.clear()  # finished files count as read until every load is done
            self._pages.clear()
            self.busy_changed.emit(False)
        self._start_waiting()


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
