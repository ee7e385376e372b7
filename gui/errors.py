"""One error route: any unexpected exception, from any thread, becomes one readable dialog and
an entry in a log file under the user's data folder, and the app keeps running.

Expected failures of a user action (a file that cannot be written, a filing that cannot be
read) are not bugs: ``reports_failure`` turns them into a plain "Failed to ..." message.
"""

from __future__ import annotations

import functools
import html
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from model.errors import FilingError

LOG_FILE_NAME = "tickmark.log"


def log_directory() -> Path:
    """The user's data folder for Tickmark (e.g. ~/.local/share/Tickmark/Tickmark)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


class ErrorRoute(QObject):
    """Installs ``sys.excepthook`` and ``threading.excepthook``; every exception is written to
    the log and announced through ``occurred``, which reaches the GUI thread queued."""

    occurred = Signal(str, str)  # summary for the dialog, full traceback

    def __init__(self, log_folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_folder / LOG_FILE_NAME
        self._lock = threading.Lock()
        self._previous_hooks: tuple | None = None

    def install(self) -> None:
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        if self._previous_hooks is not None:
            sys.excepthook, threading.excepthook = self._previous_hooks
            self._previous_hooks = None

    def handle(self, exc_type: type[BaseException], error: BaseException | None, trace: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, error, trace)
            return
        details = "".join(traceback.format_exception(exc_type, error, trace))
        self.write_log(details)
        self.occurred.emit(f"{exc_type.__name__}: {error}", details)

    def report(self, error: BaseException, context: str = "") -> None:
        """Send an exception caught elsewhere (e.g. in a worker thread) down the same route."""
        if context:
            error.add_note(context)
        self.handle(type(error), error, error.__traceback__)

    def write_log(self, details: str) -> None:
        with self._lock:
            try:
                self.log_path.parent.mkdir(parents=True, exist_ok=True)
                with self.log_path.open("a", encoding="utf-8") as log:
                    log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{details}\n")
            except OSError as error:
                # the dialog still shows the error; say on stderr why the log does not have it
                print(f"tickmark: cannot write the error log {self.log_path}: {error}", file=sys.stderr)


class ErrorDialogPresenter(QObject):
    """Shows route errors in one dialog; errors arriving while it is open are added to it
    rather than stacking a dialog per error."""

    def __init__(self, route: ErrorRoute, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._route = route
        self._parent_widget = parent_widget
        self.dialog: QMessageBox | None = None
        self._details: list[str] = []
        route.occurred.connect(self.show_error)

    @Slot(str, str)
    def show_error(self, summary: str, details: str) -> None:
        self._details.append(details)
        if self.dialog is None or not self.dialog.isVisible():
            self._details = [details]
            self.dialog = QMessageBox(self._parent_widget)
            self.dialog.setIcon(QMessageBox.Icon.Critical)
            self.dialog.setWindowTitle("Tickmark: unexpected error")
            self.dialog.setStandardButtons(QMessageBox.StandardButton.Ok)
        count = len(self._details)
        heading = "Something went wrong" if count == 1 else f"{count} errors occurred"
        self.dialog.setText(f"<b>{heading}.</b><br>{html.escape(summary)}")
        self.dialog.setInformativeText(
            f"Tickmark keeps running; what you were doing may not have finished.<br>"
            f"The details were written to <code>{html.escape(str(self._route.log_path))}</code>."
        )
        self.dialog.setDetailedText("\n".join(self._details))
        self.dialog.open()


def show_message(parent: QWidget, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning, details: str = "") -> QMessageBox:
    """A window-modal message that does not block the event loop (loads and tests go on)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def reports_failure(action: str) -> Callable:
    """Wrap a user action whose expected failures (files that cannot be written or read) end
    in one "Failed to <action>" message; anything else is a bug and goes to the error route."""

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self: QWidget, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except FilingError as error:
                show_message(self, "Tickmark", f"Failed to {action}.", details=f"{error.file_name}: {error.reason}")
            except OSError as error:
                where = error.filename or ""
                show_message(self, "Tickmark", f"Failed to {action}.", details=f"{where}: {error.strerror or error}".lstrip(": "))
            return None

        return wrapper

    return decorate
