"""Start the desktop app: arguments, QApplication set-up, the one error route, the window.

``tickmark [FILE ...]`` opens the files, or the bundled sample filing when none is given;
``tickmark --install-desktop`` adds the launcher to the applications menu and the desktop.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gui.assets import ICON_PNG, STYLE_SHEET, asset_path, sample_filing
from gui.garbage import MainThreadGarbageCollector
from gui.errors import ErrorDialogPresenter, ErrorRoute, log_directory
from gui.main_window import MainWindow
from gui.settings import APPLICATION, ORGANIZATION, AppSettings
from gui.version import app_version
from model.xcb_libraries import MissingLibraries, loads_library, missing_xcb_libraries, uses_xcb

# Set by bench/bench_startup.py: print the wall-clock time when the window is first painted
# with a statement loaded, and optionally quit right after.
STARTUP_PROBE_ENV = "TICKMARK_STARTUP_PROBE"
QUIT_AFTER_PAINT_ENV = "TICKMARK_QUIT_AFTER_PAINT"
PAINTED_MARK = "tickmark-painted"


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tickmark",
        description="Read financial filings (PDF, HTML, text, markdown) as checked statements. "
        "Headless exports: tickmark export --help.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="filings to open (the bundled sample when none is given)")
    parser.add_argument("--install-desktop", action="store_true", help="add Tickmark to the applications menu and the desktop, for double-click launch")
    parser.add_argument("--version", action="version", version=f"Tickmark {app_version()}")
    return parser


# How long a thread may hold the GIL before another that waits gets it. Filings load and
# workspaces combine on a worker thread in pure Python; every call from Qt into Python on the
# GUI thread (a slot, a paint, a size hint) waits up to this long for the GIL, so the default
# 5 ms let a burst of such calls freeze the window for 250-800 ms with 40 filings open
# (bench/bench_workspace.py); at 1 ms the longest stall is about 130 ms and loads take as long.
GIL_SWITCH_INTERVAL_S = 0.001


def configure_application(app: QApplication) -> QIcon:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(app_version())
    QApplication.setDesktopFileName("tickmark")  # ties windows to the launcher's icon on Wayland
    icon = QIcon(str(asset_path(ICON_PNG)))
    app.setWindowIcon(icon)
    style = asset_path(STYLE_SHEET)
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return icon


def start_window(files: Sequence[str], icon: QIcon | None = None, error_route: ErrorRoute | None = None) -> MainWindow:
    """Build and show the window and start loading ``files``; with none, offer back the
    workspace of a session that crashed, or else open the sample."""
    window = MainWindow(AppSettings(), error_route, sample_filing(), icon)
    if error_route is not None:
        window.error_presenter = ErrorDialogPresenter(error_route, window)
    window.show()
    if files:
        window.load_paths(list(files))
    elif window.crashed_snapshot is None:
        window.open_sample()
    window.offer_crashed_session()
    window.report_damaged_autosaves()
    return window


def missing_platform_libraries() -> MissingLibraries | None:
    """What Qt's xcb plugin would fail to load, before QApplication can abort over it."""
    if QApplication.instance() is not None or not uses_xcb(os.environ, platform.system()):
        return None
    return missing_xcb_libraries(loads_library, shutil.which("dnf") is not None)


class FirstPaintProbe(QObject):
    """Prints when the statement table is first painted with rows: start-up is over."""

    def __init__(self, window: MainWindow, quit_after: bool) -> None:
        super().__init__(window)
        self._window = window
        self._quit_after = quit_after
        window.statement_panel.view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._window.statement_panel.model.rowCount() > 0:
            watched.removeEventFilter(self)
            # after this paint has reached the screen
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"{PAINTED_MARK} {time.time():.6f}", flush=True)
        if self._quit_after:
            QApplication.quit()


def run_gui(argv: list[str]) -> int:
    try:
        args = argument_parser().parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors (2) end here
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.install_desktop:
        from gui.desktop_entry import install_launchers

        for path in install_launchers():
            print(f"installed {path}")
        return 0
    missing = missing_platform_libraries()
    if missing is not None:
        print(missing.message(), file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    icon = configure_application(app)  # names first: the log folder is derived from them
    route = ErrorRoute(log_directory())
    route.install()
    collector = MainThreadGarbageCollector(app)
    collector.start()
    window = start_window(args.files, icon, route)
    if os.environ.get(STARTUP_PROBE_ENV):
        window.startup_probe = FirstPaintProbe(window, bool(os.environ.get(QUIT_AFTER_PAINT_ENV)))
    try:
        return app.exec()
    finally:
        collector.stop()
        route.uninstall()
