"""A damaged workspace given on the command line, or left behind as an autosave: the window
starts, says what is wrong, and goes on working."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QApplication, QMessageBox

from gui.assets import sample_filing
from gui.errors import log_directory
from model.session import Autosave


def visible_messages(window) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def test_a_damaged_workspace_on_the_command_line_is_named_in_the_window_and_the_app_runs_on(qtbot, isolated_user_folders, tmp_path):
    from gui.app import configure_application, start_window

    damaged = tmp_path / "damaged.tickmark"
    damaged.write_text('{"format": "tickmark-workspace", "version": 1, "files": [], "view": "abc"}', encoding="utf-8")
    window = start_window([str(damaged)], configure_application(QApplication.instance()))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(visible_messages(window)), timeout=10_000)
    [box] = visible_messages(window)
    assert "damaged.tickmark: this workspace file is damaged: 'view' is text, not an object" in html.unescape(box.informativeText())
    box.close()
    window.load_paths([sample_filing()])
    qtbot.waitUntil(lambda: str(sample_filing()) in window.filings, timeout=30_000)
    assert window.isVisible()
    window.close()


def test_a_damaged_autosave_is_reported_once_and_set_aside(qtbot, isolated_user_folders):
    from gui.app import configure_application, start_window

    crashed = Autosave(log_directory())
    crashed.start()
    crashed.snapshot.write_text("[" * 100_000, encoding="utf-8")
    icon = configure_application(QApplication.instance())
    window = start_window([], icon)
    qtbot.addWidget(window)
    [box] = visible_messages(window)
    assert "autosaved by an earlier session is damaged" in box.text()
    assert "this workspace file is damaged" in box.informativeText() and ".damaged" in box.informativeText()
    assert window.restore_box is None, "nothing to restore"
    qtbot.waitUntil(lambda: window.current is not None, timeout=30_000)  # the sample opens as on any first start
    window.close()

    again = start_window([], icon)
    qtbot.addWidget(again)
    assert visible_messages(again) == [], "told once"
    again.close()
