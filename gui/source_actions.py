"""Where a number came from, and files that need a word from the user: the source dock opened
on a cell (double-click, Ctrl+G) and following the selection, and the password a protected
PDF asks for. A mixin of MainWindow, which provides ``filings``, ``statement_panel``,
``source_dock``, ``source_panel``, ``status_label`` and ``load_paths``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QInputDialog, QLineEdit


class SourceActions:
    def path_of_file(self, file_name: str) -> str | None:
        """The path of an open filing by its file name (what a cell's source names)."""
        return next((path for path in self.filings if Path(path).name == file_name), None)

    @Slot()
    def show_source(self) -> None:
        cell = self.statement_panel.current_cell()
        if cell is None:
            self.status_label.setText("Select a cell to see where it was printed.")
        self.show_source_of(cell)

    @Slot(object)
    def show_source_of(self, cell) -> None:
        self.source_dock.show()
        self.source_dock.raise_()
        self.source_panel.show_cell(cell)

    @Slot(object)
    def _follow_source(self, cell) -> None:
        if self.source_dock.isVisible():
            self.source_panel.show_cell(cell)

    @Slot(str, str)
    def ask_password(self, path: str, reason: str) -> None:
        """A PDF that opens only with its password: ask, and load it with what the user types.
        The password goes to that one load and is never stored."""
        name = Path(path).name
        password, ok = QInputDialog.getText(
            self, "Password Required", f"{name}: {reason}.\nEnter the password to open it:", QLineEdit.EchoMode.Password
        )
        if ok and password:
            self.status_label.setText(f"Opening {name} with its password\u2026")
            self.load_paths([path], password=password)
        else:
            self.status_label.setText(f"{name} was not opened: it needs its password")
