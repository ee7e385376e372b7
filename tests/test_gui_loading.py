"""Opening filings: drag-and-drop, the command line, File -> Open, Open Recent and the first
run all go through one loader that works off the GUI thread and reports failures by name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui.assets import sample_filing
from gui.workers import FilingLoader, TaskRunner
from tests.support import REFERENCE, REPO, needs_filings

pytestmark = pytest.mark.usefixtures("isolated_user_folders")


def _drop(window, paths: list[Path]) -> tuple[bool, bool]:
    """Drag files over the window and drop them, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


@pytest.fixture
def broken_pdf(tmp_path) -> Path:
    path = tmp_path / "broken-filing.pdf"
    path.write_bytes(os.urandom(4096))
    return path


def test_the_window_starts_empty_and_invites_a_drop(main_window):
    assert main_window.stack.currentWidget() is main_window.empty_state
    text = " ".join(label.text() for label in main_window.empty_state.findChildren(type(main_window.status_label)))
    assert "Drop filings here" in text and ".pdf" in text and ".md" in text


@needs_filings
def test_dropping_the_reference_document_loads_it(qtbot, main_window):
    with qtbot.waitSignal(main_window.loader.batch_finished, timeout=30_000) as finished:
        accepted = _drop(main_window, [REFERENCE])
    assert accepted == (True, True)
    assert finished.args[1:] == [1, []]
    assert list(main_window.filings) == [str(REFERENCE)]
    assert main_window.stack.currentWidget() is main_window.tabs
    assert main_window.statement_panel.model.rowCount() > 0
    assert main_window.navigator.topLevelItemCount() == 1


@needs_filings
def test_dropping_a_broken_file_with_it_loads_the_good_one_and_names_the_bad_one(qtbot, main_window, broken_pdf):
    with qtbot.waitSignal(main_window.loader.batch_finished, timeout=30_000) as finished:
        _drop(main_window, [REFERENCE, broken_pdf])
    _, loaded, failures = finished.args
    assert loaded == 1 and list(main_window.filings) == [str(REFERENCE)]
    assert [Path(path).name for path, _ in failures] == ["broken-filing.pdf"]
    box = main_window.failure_box
    assert box is not None and box.isVisible()
    assert "broken-filing.pdf" in box.informativeText()
    assert "not a PDF file" in box.informativeText()
    assert "other files were opened" in box.informativeText()
    assert "could not be read" in main_window.status_label.text()


def test_a_drop_without_files_is_refused(main_window):
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(main_window, enter)
    assert not enter.isAccepted()


@needs_filings
def test_a_command_line_argument_opens_that_file(qtbot, isolated_user_folders):
    from gui.app import configure_application, start_window

    window = start_window([str(REFERENCE)], configure_application(QApplication.instance()))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: str(REFERENCE) in window.filings, timeout=30_000)
    assert window.current == (str(REFERENCE), 7)
    assert window.settings.recent_files() == [str(REFERENCE)]


def test_the_first_run_opens_the_bundled_sample(qtbot, isolated_user_folders):
    from gui.app import configure_application, start_window

    window = start_window([], configure_application(QApplication.instance()))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.current is not None, timeout=30_000)
    assert window.current[0] == str(sample_filing())
    assert window.settings.recent_files() == [], "the sample is not a file the user opened"


@needs_filings
def test_file_open_loads_every_chosen_file_and_remembers_the_folder(qtbot, main_window, monkeypatch, broken_pdf):
    asked = {}

    def choose(parent, caption, folder, filters):
        asked.update(caption=caption, filters=filters)
        return [str(REFERENCE), str(sample_filing())], filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    with qtbot.waitSignal(main_window.loader.batch_finished, timeout=30_000):
        main_window.open_action.trigger()
    assert set(main_window.filings) == {str(REFERENCE), str(sample_filing())}
    assert "PDF filings (*.pdf)" in asked["filters"]
    assert main_window.settings.last_folder() == str(REFERENCE.parent)
    assert main_window.navigator.topLevelItemCount() == 2


def test_open_recent_lists_opened_files_and_reopens_them(qtbot, main_window, load_filings, tmp_path):
    copy = tmp_path / "copy-of-sample.txt"
    copy.write_bytes(sample_filing().read_bytes())
    load_filings(main_window, [copy])
    main_window.close_action.trigger()
    assert not main_window.filings
    main_window._fill_recent_menu()
    entries = [a for a in main_window.recent_menu.actions() if a.toolTip() == str(copy)]
    assert len(entries) == 1
    with qtbot.waitSignal(main_window.loader.batch_finished, timeout=30_000):
        entries[0].trigger()
    assert list(main_window.filings) == [str(copy)]


def test_ctrl_w_closes_the_filing_and_brings_back_the_empty_state(main_window, load_filings):
    load_filings(main_window, [sample_filing()])
    assert main_window.close_action.shortcut().toString() == "Ctrl+W"
    main_window.close_action.trigger()
    assert main_window.stack.currentWidget() is main_window.empty_state
    assert main_window.statement_panel.model.rowCount() == 0
    assert main_window.diff_panel.model.rowCount() == 0


def test_progress_shows_while_loading_and_hides_when_done(qtbot, main_window):
    with qtbot.waitSignal(main_window.loader.batch_finished, timeout=30_000):
        main_window.load_paths([sample_filing()])
        assert main_window.progress_bar.isVisible() and main_window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: not main_window.progress_bar.isVisible())


def test_a_newer_load_of_the_same_file_makes_the_older_result_stale(qtbot):
    loader = FilingLoader()
    results = []
    loader.loaded.connect(lambda batch, checked: results.append(batch))
    with qtbot.waitSignals([loader.batch_finished, loader.batch_finished], timeout=30_000):
        loader.load([str(sample_filing())])
        newer = loader.load([str(sample_filing())])
    assert results == [newer]


def test_a_cancelled_load_delivers_nothing(qtbot):
    loader = FilingLoader()
    results = []
    loader.loaded.connect(lambda batch, checked: results.append(checked))
    with qtbot.waitSignal(loader.batch_finished, timeout=30_000) as finished:
        loader.load([str(sample_filing())])
        loader.cancel()
    assert results == [] and finished.args[1] == 0


START_UP_IMPORTS = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.app import configure_application, start_window
window = start_window([], configure_application(app))
def done():
    print(sorted(m for m in ("pyqtgraph", "pdfplumber") if m in sys.modules), window.current is not None)
    app.quit()
window.loader.batch_finished.connect(lambda *args: QTimer.singleShot(0, done))
app.exec()
"""


def test_start_up_with_the_sample_loads_neither_pyqtgraph_nor_pdfplumber(isolated_user_folders):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", START_UP_IMPORTS], capture_output=True, text=True, cwd=REPO, timeout=120, env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] True"


def test_actions_that_need_a_filing_wait_for_one(main_window, load_filings):
    assert not main_window.export_action.isEnabled() and not main_window.chart_action.isEnabled()
    load_filings(main_window, [sample_filing()])
    assert main_window.export_action.isEnabled() and main_window.chart_action.isEnabled()
    assert not main_window.export_chart_svg_action.isEnabled(), "no chart tab yet"
    main_window.close_action.trigger()
    assert not main_window.close_action.isEnabled()


def test_a_newer_run_of_a_task_makes_the_older_result_stale(qtbot):
    import threading

    runner = TaskRunner()
    results = []
    runner.returned.connect(results.append)
    release = threading.Event()

    def slow(cancelled):
        release.wait(10)
        return "stale" if not cancelled() else "cancelled but finished"

    with qtbot.waitSignal(runner.busy_changed, timeout=10_000, check_params_cb=lambda busy: not busy):
        runner.run(slow)
        runner.run(lambda cancelled: "latest")
        release.set()
    assert results == ["latest"]


@needs_filings
def test_every_shared_filing_opens_by_drag_and_drop_without_an_error_dialog(qtbot, main_window):
    from tests.support import FILINGS

    filings = sorted(p for p in FILINGS.iterdir() if p.suffix in (".pdf", ".html", ".txt", ".md"))
    with qtbot.waitSignal(main_window.loader.batch_finished, timeout=600_000) as finished:
        accepted = _drop(main_window, filings)
    assert accepted == (True, True)
    _, loaded, failures = finished.args
    assert failures == [] and loaded == len(filings)
    assert main_window.failure_box is None
    assert not [box.text() for box in main_window.findChildren(QMessageBox) if box.isVisible()]
    assert set(main_window.filings) == {str(p) for p in filings}
