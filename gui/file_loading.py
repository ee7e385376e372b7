"""Opening files in the main window: the one way in (``load_paths``) for drops, File -> Open,
Open Recent and the command line, and what the window does as the loader reports: each filing
listed in the order it was opened, failures named once per batch, progress, and the workspace
combined once the loads are done. A mixin of MainWindow, which provides the widgets, ``loader``,
``settings``, ``session``, ``filings`` and the bookkeeping of batches."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from gui.errors import show_message
from model.readers import file_dialog_filters
from model.session import SUFFIX
from model.views.checks import CheckedFiling, main_statement_index


class FileLoading:
    def load_paths(self, paths: list[str | Path], remember: bool = True, password: str = "") -> int | None:
        """The one way in for files: drops, dialogs, recent files and the command line. A
        workspace file among them opens as the workspace instead. ``password`` opens a
        protected PDF; it goes to that load only."""
        paths = [str(p) for p in paths]
        workspaces = [p for p in paths if p.lower().endswith(SUFFIX)]
        if workspaces:
            self.open_workspace(workspaces[0])
            return None
        if not paths:
            return None
        for path in paths:
            self._opening_order.setdefault(path, len(self._opening_order))
        self.status_label.setText(f"Opening {len(paths)} file(s)\u2026" if len(paths) > 1 else f"Opening {Path(paths[0]).name}\u2026")
        batch = self.loader.load(paths, password)
        if remember:
            self._remember_batches.add(batch)
        self._show_first_of.add(batch)
        return batch

    @Slot()
    def open_files_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open Filings", self.settings.last_folder(), ";;".join(file_dialog_filters()))
        if paths:
            self.settings.remember_folder_of(paths[0])
            self.load_paths(paths)

    @Slot()
    def open_sample(self) -> None:
        if self.sample is not None:
            self.load_paths([self.sample], remember=False)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {Path(path).name}")
            action.setToolTip(path)
            action.setEnabled(Path(path).exists())
            action.triggered.connect(lambda _checked=False, chosen=path: self.load_paths([chosen]))
        if not recent:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear Recent Files", self.settings.clear_recent_files).setEnabled(bool(recent))

    @Slot(int, object)
    def _on_loaded(self, batch: int, checked: CheckedFiling) -> None:
        path = checked.path
        self.filings[path] = checked
        # files read in parallel finish in any order: they are listed in the order they were opened
        self.filings = dict(sorted(self.filings.items(), key=lambda item: self._opening_order.get(item[0], len(self._opening_order))))
        self.navigator.add_filing(checked, list(self.filings).index(path))
        if batch in self._remember_batches:
            self.settings.add_recent_file(path)
        showing_nothing = self.current is None and self.current_key is None
        if batch in self._show_first_of or showing_nothing or (self.current is not None and self.current[0] == path):
            self._show_first_of.discard(batch)
            self.navigator.select_statement(path, main_statement_index(checked.filing))
        # after choosing the statement: showing the tabs moves the focus to the navigator,
        # which would otherwise pick its first item and build that statement too
        self.stack.setCurrentWidget(self.tabs)

    @Slot(int, int, list)
    def _on_batch_finished(self, batch: int, loaded: int, failures: list[tuple[str, str]]) -> None:
        self._remember_batches.discard(batch)
        self._show_first_of.discard(batch)
        self.last_failures = failures
        if loaded > 1:
            self._show_workspace_next = True
        for path, _reason in failures:
            self.settings.remember_folder_of(path)
        parts = [f"Opened {loaded} filing(s)"] if loaded else []
        if failures:
            parts.append(f"{len(failures)} file(s) could not be read")
            names = "".join(f"<li><b>{html.escape(Path(path).name)}</b>: {html.escape(reason)}</li>" for path, reason in failures)
            self.failure_box = show_message(
                self,
                "Tickmark",
                f"Tickmark could not read {len(failures)} of the files you opened." if len(failures) > 1 else "Tickmark could not read a file you opened.",
                details=f"<ul>{names}</ul>" + ("The other files were opened." if loaded else ""),
            )
        self.status_label.setText("; ".join(parts) or "Nothing opened")

    @Slot(str, object)
    def _on_crashed(self, path: str, error: BaseException) -> None:
        if self.error_route is None:
            raise error  # no route (tests): let the bug surface where it happened
        self.error_route.report(error, f"while reading {Path(path).name}" if path else "while combining the workspace")

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(round(100 * fraction))
        self.status_label.setText(message)

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if not busy:
            # combined once the loads are done: combining beside a load would only compete
            # with it (and the window) for the GIL, and redo the work for every file
            self.session.set_filings(list(self.filings.values()))
            self._show_expected_view()

    # ------------------------------------------------------------------ drag and drop, anywhere on the window

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if isinstance(url, QUrl) and url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.load_paths(paths)
        else:
            event.ignore()
