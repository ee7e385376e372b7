"""Garbage collection on the GUI thread only.

CPython collects reference cycles on whichever thread happens to allocate when a threshold
is crossed: with loads running on the thread pool, that can be a worker thread, which then
deletes Qt objects that belong to the GUI thread and crashes. Automatic collection is turned
off and a timer on the GUI thread collects instead (as pyqtgraph's GarbageCollector does).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

INTERVAL_MS = 1000


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_when_due)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
        gc.collect()

    @Slot()
    def collect_when_due(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                if generation == 2:
                    # what survives a full collection is mostly open filings, which live on: left
                    # out of later collections, so that none of them walks every statement again
                    # (a 160 ms pause with 40 filings open); released, they are still freed by their
                    # reference counts, and only a reference cycle among them would stay
                    gc.freeze()
                return
