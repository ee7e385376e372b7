"""The open filings as one workspace: the user's row joins and splits, which value a restated
cell shows, the combined statements (computed off the GUI thread), the workspace file it was
saved to, and the autosave that brings it back after a crash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from gui.workers import TaskRunner
from model.session import Autosave, SourceFile, WorkspaceFile, save_workspace_file
from model.views.checks import CheckedFiling
from model.views.workspace import CheckedWorkspace, check_workspace
from model.analysis.workspace import Choice
from model.analysis.line_alignment import LineMapping

# Autosave once the user pauses: a burst of changes (a drop of ten files, several joins)
# writes one snapshot, and a crash loses at most these seconds.
AUTOSAVE_DELAY_MS = 1500


class WorkspaceSession(QObject):
    combined_changed = Signal(object)  # CheckedWorkspace, or None with fewer than two filings
    combining_changed = Signal(bool)
    crashed = Signal(object)  # an unexpected exception while combining (a bug)
    autosave_failed = Signal(str)  # a plain reason

    def __init__(self, autosave: Autosave | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.autosave = autosave
        self.filings: list[CheckedFiling] = []
        self.mapping = LineMapping()
        self.choice = Choice.LATEST
        self.view: dict[str, object] = {}
        self.path: str | None = None  # the workspace file saved to or opened
        self.checked: CheckedWorkspace | None = None
        self._runner = TaskRunner(self)
        self._runner.returned.connect(self._on_combined)
        self._runner.crashed.connect(self.crashed)
        self._runner.busy_changed.connect(self.combining_changed)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.autosave_now)
        self._autosave_failing = False

    @property
    def combining(self) -> bool:
        """A combination of the current filings is still to come."""
        return self._runner.awaiting

    # ------------------------------------------------------------------ what the workspace holds

    def set_filings(self, filings: list[CheckedFiling]) -> None:
        """The filings now open; the workspace is combined again and autosaved."""
        self.filings = list(filings)
        self._changed()

    def set_mapping(self, mapping: LineMapping) -> None:
        self.mapping = mapping
        self._changed()

    def set_choice(self, choice: Choice) -> None:
        if choice is not self.choice:
            self.choice = choice
            self._changed()

    def set_view(self, view: dict[str, object]) -> None:
        """What the window shows; saved with the workspace, no new combining needed."""
        if view != self.view:
            self.view = dict(view)
            self.schedule_autosave()

    def restore(self, saved: WorkspaceFile, path: str | None) -> None:
        """Take the mapping, choice and view of a workspace file before its filings load."""
        self.mapping, self.choice, self.view, self.path = saved.mapping, saved.choice, dict(saved.view), path

    def clear(self) -> None:
        """A new, empty workspace (its filings closed): no mapping, no file."""
        self.mapping, self.choice, self.view, self.path = LineMapping(), Choice.LATEST, {}, None
        self.set_filings([])

    def _changed(self) -> None:
        self.recombine()
        self.schedule_autosave()

    # ------------------------------------------------------------------ combining, off the GUI thread

    def recombine(self) -> None:
        if len(self.filings) < 2:
            self._runner.cancel()
            if self.checked is not None:
                self.checked = None
                self.combined_changed.emit(None)
            return
        filings = list(self.filings)
        mapping, choice = self.mapping, self.choice  # replaced, never changed in place: safe to share
        self._runner.run(lambda cancelled: check_workspace(filings, mapping, choice, cancelled))

    @Slot(object)
    def _on_combined(self, checked: CheckedWorkspace) -> None:
        self.checked = checked
        self.combined_changed.emit(checked)

    # ------------------------------------------------------------------ files

    def workspace_file(self) -> WorkspaceFile:
        sources = [SourceFile(str(Path(checked.path).resolve()), checked.sha256) for checked in self.filings]
        return WorkspaceFile(sources, self.mapping, self.choice, dict(self.view))

    def save(self, path: str | Path) -> None:
        """Write the workspace file (atomically); raises OSError when it cannot be written."""
        save_workspace_file(path, self.workspace_file())
        self.path = str(path)

    def schedule_autosave(self) -> None:
        if self.autosave is not None:
            self._autosave_timer.start()

    @Slot()
    def autosave_now(self) -> None:
        if self.autosave is None:
            return
        self._autosave_timer.stop()
        try:
            if self.filings:
                self.autosave.save(self.workspace_file())
            else:
                self.autosave.discard()
        except OSError as error:
            if not self._autosave_failing:  # said once, not on every change
                self.autosave_failed.emit(f"{error.filename or self.autosave.folder}: {error.strerror or error}")
            self._autosave_failing = True
        else:
            self._autosave_failing = False

    def finish(self) -> None:
        """The session ends as it should: nothing to offer back at the next start."""
        self._autosave_timer.stop()
        self._runner.cancel()
        if self.autosave is not None:
            self.autosave.finish()
