"""Workspace files for the main window: File -> Save Workspace / Open Workspace (``.tickmark``),
and the offer to restore the workspace a crashed session left behind. Filings that moved or
changed since the workspace was saved are reported in plain words, never silently read
again; the rest still opens. A mixin, so that messages have the window as parent."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox

from gui.errors import reports_failure, show_message
from model.session import SUFFIX, SourceFile, SourceProblem, WorkspaceFile, WorkspaceFileError, check_sources, read_workspace_file

WORKSPACE_FILTER = f"Tickmark workspace (*{SUFFIX})"


class WorkspaceFiles:
    """Needs ``session``, ``settings``, ``status_label``, ``source_checker`` (a TaskRunner),
    ``crashed_snapshot``, ``restore_box``, ``left_out_box``, ``filings``, ``loader``,
    ``load_paths``, ``close_all_filings`` and ``expect_view``."""

    # ------------------------------------------------------------------ saving

    @Slot()
    @reports_failure("save the workspace")
    def save_workspace(self) -> None:
        if self.session.path is None:
            self.save_workspace_as()
            return
        self._save_to(self.session.path)

    @Slot()
    @reports_failure("save the workspace")
    def save_workspace_as(self) -> None:
        if not self.session.filings:
            self.status_label.setText("Open filings first: a workspace is the filings you have open.")
            return
        suggested = str(Path(self.settings.last_folder()) / f"workspace{SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self, "Save Workspace", self.session.path or suggested, WORKSPACE_FILTER)
        if path:
            if not path.lower().endswith(SUFFIX):
                path += SUFFIX
            self.settings.remember_folder_of(path)
            self._save_to(path)

    def _save_to(self, path: str) -> None:
        self.session.save(path)
        self.status_label.setText(f"Saved the workspace ({len(self.session.filings)} filings) to {path}")

    # ------------------------------------------------------------------ opening

    @Slot()
    def open_workspace_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Workspace", self.settings.last_folder(), WORKSPACE_FILTER)
        if path:
            self.settings.remember_folder_of(path)
            self.open_workspace(path)

    def open_workspace(self, path: str | Path) -> None:
        """Read a workspace file; its filings are checked against their hashes off the GUI
        thread, then the ones still as saved open."""
        try:
            saved = read_workspace_file(path)
        except WorkspaceFileError as error:
            show_message(self, "Tickmark", "Failed to open the workspace.", details=f"{html.escape(error.file_name)}: {html.escape(error.reason)}")
            return
        self.check_then_open(saved, str(path))

    def check_then_open(self, saved: WorkspaceFile, path: str | None) -> None:
        """``path`` is None for a workspace restored from the autosave."""
        self.status_label.setText(f"Checking the {len(saved.files)} filings of the workspace\u2026")

        def check(_cancelled) -> tuple[WorkspaceFile, str | None, list[tuple[SourceFile, SourceProblem]], str]:
            try:
                return saved, path, check_sources(saved), ""
            except OSError as error:
                return saved, path, [], f"{error.filename or 'a filing'}: {error.strerror or error}"

        self.source_checker.run(check)

    @Slot(object)
    def _on_sources_checked(self, result: tuple[WorkspaceFile, str | None, list[tuple[SourceFile, SourceProblem]], str]) -> None:
        saved, path, problems, failure = result
        if failure:
            show_message(self, "Tickmark", "Failed to open the workspace.", details=html.escape(failure))
            return
        self.close_all_filings()
        self.session.restore(saved, path)
        left_out = {source.path for source, _ in problems}
        ready = [source.path for source in saved.files if source.path not in left_out]
        self.expect_view(saved.view)
        if ready:
            self.load_paths(ready, remember=False)
        if problems:
            self._report_left_out(path, problems, opened=len(ready))
        self.status_label.setText(f"Opening the workspace: {len(ready)} of {len(saved.files)} filings")

    def _report_left_out(self, path: str | None, problems: list[tuple[SourceFile, SourceProblem]], opened: int) -> None:
        name = Path(path).name if path is not None else "the restored workspace"
        items = []
        for source, problem in problems:
            if problem is SourceProblem.MISSING:
                items.append(f"<li><b>{html.escape(Path(source.path).name)}</b> was moved or deleted (it was at {html.escape(source.path)})</li>")
            elif problem is SourceProblem.NOT_A_FILE:
                items.append(f"<li><b>{html.escape(Path(source.path).name)}</b> is not a regular file (a folder, device or pipe); it was not opened</li>")
            else:
                items.append(f"<li><b>{html.escape(Path(source.path).name)}</b> changed since the workspace was saved; it was not opened</li>")
        changed = [source.path for source, problem in problems if problem is SourceProblem.CHANGED]
        box = QMessageBox(QMessageBox.Icon.Warning, "Tickmark", f"{len(problems)} filing(s) of {html.escape(name)} could not be opened as saved.", QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("leftOutBox")
        box.setInformativeText(f"<ul>{''.join(items)}</ul>" + ("The other filings were opened." if opened else ""))
        open_changed = box.addButton("Open the Changed Files Too", QMessageBox.ButtonRole.AcceptRole) if changed else None
        box.addButton(QMessageBox.StandardButton.Ok if not changed else QMessageBox.StandardButton.Close)

        def clicked(button: QAbstractButton) -> None:
            if button is open_changed:
                self.load_paths(changed, remember=False)

        box.buttonClicked.connect(clicked)
        box.open()
        self.left_out_box = box

    # ------------------------------------------------------------------ after a crash

    def report_damaged_autosaves(self) -> QMessageBox | None:
        """Say once that an autosave could not be read: it was renamed, so no later start trips on it."""
        damaged = self.session.autosave.set_aside if self.session.autosave is not None else []
        if not damaged:
            return None
        items = "".join(f"<li>{html.escape(entry.reason)}<br>kept as {html.escape(str(entry.path))}</li>" for entry in damaged)
        box = show_message(self, "Tickmark", "A workspace autosaved by an earlier session is damaged and cannot be restored.", details=f"<ul>{items}</ul>")
        damaged.clear()
        return box

    def offer_crashed_session(self) -> QMessageBox | None:
        """Offer back the workspace a session that ended without closing left behind."""
        snapshot = self.crashed_snapshot
        if snapshot is None:
            return None
        names = ", ".join(Path(source.path).name for source in snapshot.files[:4]) + (", \u2026" if len(snapshot.files) > 4 else "")
        box = QMessageBox(QMessageBox.Icon.Question, "Tickmark", "Tickmark did not close properly last time.", QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("restoreBox")
        instead = "<br>The filings open now are closed first." if self.filings or self.loader.busy else ""
        box.setInformativeText(f"Restore the workspace you had open?<br>{len(snapshot.files)} filing(s): {html.escape(names)}{instead}")
        restore = box.addButton("Restore Workspace", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Discard It", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)

        def clicked(button: QAbstractButton) -> None:
            self.crashed_snapshot = None
            if button is restore:
                self.check_then_open(snapshot, None)
            else:
                self.session.autosave_now()  # the current session's own snapshot, or none

        box.buttonClicked.connect(clicked)
        box.open()
        self.restore_box = box
        return box
