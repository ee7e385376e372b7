"""Application-wide behaviour: remembered state across two windows, the one error route, the
About box, the command line, and the desktop launcher."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import QRect, QThreadPool, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.app import argument_parser, configure_application, run_gui
from gui.assets import sample_filing
from gui.desktop_entry import desktop_entry_text, install_launchers, quote_exec_argument
from gui.errors import ErrorDialogPresenter, ErrorRoute
from gui.main_window import MainWindow
from gui.settings import AppSettings
from gui.version import app_version
from model.views.formatting import DisplayScale
from tests.support import REPO

pytestmark = pytest.mark.usefixtures("isolated_user_folders")


def _window(qtbot) -> MainWindow:
    window = MainWindow(AppSettings(), None, sample_filing(), configure_application(QApplication.instance()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_settings_round_trip_across_two_window_instances(qtbot, load_filings, tmp_path):
    first = _window(qtbot)
    load_filings(first, [sample_filing()])
    first.setGeometry(QRect(20, 30, 720, 540))  # within the 800 x 600 offscreen screen
    first.statement_panel.set_scale(DisplayScale.MILLIONS)
    first.statement_panel.set_show_derived(True)
    first.removeDockWidget(first.diff_dock)
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.diff_dock)
    first.navigator_dock.hide()
    first.settings.remember_folder_of(tmp_path / "filing.pdf")
    first.settings.add_recent_file(sample_filing())
    first.close()

    second = _window(qtbot)
    assert second.statement_panel.scale is DisplayScale.MILLIONS
    assert second.diff_panel.scale is DisplayScale.MILLIONS
    assert second.statement_panel.show_derived and second.derived_action.isChecked()
    assert second.size() == first.size()
    assert second.dockWidgetArea(second.diff_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not second.navigator_dock.isVisible()
    assert second.settings.last_folder() == str(tmp_path)
    assert second.settings.recent_files() == [str(sample_filing())]
    assert [a.text() for a in second.scale_actions.actions() if a.isChecked()] == ["Millions"]


def test_an_unexpected_exception_becomes_one_dialog_and_a_log_entry(qtbot, tmp_path):
    window = _window(qtbot)
    route = ErrorRoute(tmp_path / "logs")
    presenter = ErrorDialogPresenter(route, window)
    try:
        raise ValueError("a bug in a view")
    except ValueError as error:
        route.report(error, "while testing")
    qtbot.waitUntil(lambda: presenter.dialog is not None and presenter.dialog.isVisible())
    assert "ValueError: a bug in a view" in presenter.dialog.text()
    assert str(route.log_path) in presenter.dialog.informativeText()
    log = route.log_path.read_text(encoding="utf-8")
    assert "ValueError: a bug in a view" in log and "while testing" in log and "Traceback" in log

    thread = threading.Thread(target=lambda: route.handle(RuntimeError, RuntimeError("from a worker"), None))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: "2 errors" in presenter.dialog.text())
    assert len([b for b in window.findChildren(QMessageBox) if b.isVisible()]) == 1, "one dialog, not one per error"
    assert window.isVisible(), "the app keeps running"


def test_the_hook_is_installed_and_removed(tmp_path):
    route = ErrorRoute(tmp_path)
    previous = sys.excepthook, threading.excepthook
    route.install()
    assert sys.excepthook == route.handle
    route.uninstall()
    assert (sys.excepthook, threading.excepthook) == previous


def test_a_reader_bug_while_loading_reaches_the_error_route_and_the_others_load(qtbot, load_filings, tmp_path, monkeypatch):
    import functools

    import gui.main_window
    from gui.workers import FilingLoader

    # the reader runs in a worker process: the bug is in the job that process runs
    monkeypatch.setattr(gui.main_window, "FilingLoader", functools.partial(FilingLoader, job="tests.parsing_jobs:checked_unless_bad"))
    bad = tmp_path / "bad.txt"
    bad.write_text("x")
    route = ErrorRoute(tmp_path / "logs")
    window = MainWindow(AppSettings(), route, sample_filing())
    qtbot.addWidget(window)
    presenter = ErrorDialogPresenter(route, window)
    loaded, failures = load_filings(window, [sample_filing(), bad])
    assert loaded == 1
    assert [name for name, _ in failures] == [str(bad)]
    qtbot.waitUntil(lambda: presenter.dialog is not None)
    assert "KeyError" in presenter.dialog.text()
    assert "while reading bad.txt" in route.log_path.read_text(encoding="utf-8")
    QThreadPool.globalInstance().waitForDone(20_000)


def test_f1_shows_the_version(qtbot):
    window = _window(qtbot)
    assert window.about_action.shortcut().toString() == "F1"
    window.about_action.trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and app_version() in box.text()
    assert app_version() == "0.1.0"


def test_the_command_line_prints_the_version_and_rejects_unknown_options(capsys):
    assert run_gui(["--version"]) == 0
    assert capsys.readouterr().out.strip() == "Tickmark 0.1.0"
    assert run_gui(["--no-such-option"]) == 2
    assert argument_parser().parse_args(["a.pdf", "b.txt"]).files == ["a.pdf", "b.txt"]


# ----------------------------------------------------------------------------- desktop launcher


def test_exec_arguments_are_quoted_as_the_desktop_entry_spec_asks():
    assert quote_exec_argument("/usr/bin/tickmark") == "/usr/bin/tickmark"
    assert quote_exec_argument("/home/a b/main.py") == '"/home/a b/main.py"'
    assert quote_exec_argument("/x/$HOME") == '"/x/\\\\$HOME"'
    assert quote_exec_argument("100%") == "100%%"


def test_the_launcher_registers_filing_types_and_opens_files(tmp_path):
    text = desktop_entry_text(["/opt/tickmark env/bin/python", "/srv/main.py"], "/icons/tickmark.png")
    entries = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert entries["Exec"] == '"/opt/tickmark env/bin/python" /srv/main.py %F'
    assert entries["Icon"] == "/icons/tickmark.png"
    mime = entries["MimeType"].split(";")
    assert {"application/pdf", "text/plain", "text/markdown", "text/html"} <= set(mime)


def test_install_desktop_writes_a_valid_launcher_to_the_menu_and_the_desktop(tmp_path):
    share, desktop = tmp_path / "share", tmp_path / "Desktop"
    desktop.mkdir()
    written = install_launchers(share, desktop, [sys.executable, str(REPO / "main.py")])
    launcher = share / "applications" / "tickmark.desktop"
    assert launcher in written and desktop / "tickmark.desktop" in written
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "tickmark.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "tickmark.svg").is_file()
    assert launcher.stat().st_mode & 0o111
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    result = subprocess.run([validator, str(launcher)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_tickmark_install_desktop_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert run_gui(["--install-desktop"]) == 0
    out = capsys.readouterr().out
    assert f"installed {tmp_path / 'share' / 'applications' / 'tickmark.desktop'}" in out
