"""The window reads files in worker processes: a file that needs too much memory or never
finishes costs one error, Cancel ends the workers, closing the window ends the process at once,
and the window's own process never imports pdfplumber."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from gui.assets import sample_filing
from gui.reading_settings import ReadingSettingsDialog
from gui.settings import AppSettings
from gui.workers import FilingLoader
from model.parsing.limits import GB, MB, ParseSettings
from tests.support import REPO, filing

pytestmark = pytest.mark.usefixtures("isolated_user_folders")


@pytest.fixture
def window_reading_with(qtbot, monkeypatch):
    """A shown main window whose loader reads with the given job function (of tests.parsing_jobs)."""
    import gui.main_window
    from gui.app import configure_application
    from gui.main_window import MainWindow

    windows = []

    def make(job: str, settings: ParseSettings | None = None):
        monkeypatch.setattr(gui.main_window, "FilingLoader", functools.partial(FilingLoader, job=job))
        app_settings = AppSettings()
        if settings is not None:
            app_settings.set_reading_settings(settings)
        window = MainWindow(app_settings, None, sample_filing(), configure_application(QApplication.instance()))
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def _copy_of_sample(folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(sample_filing(), target)
    return target


def test_a_file_over_the_memory_limit_is_one_error_and_the_other_files_open(qtbot, window_reading_with, tmp_path):
    window = window_reading_with("tests.parsing_jobs:checked_unless_huge", ParseSettings(jobs=2, memory_limit=512 * MB))
    paths = [_copy_of_sample(tmp_path, name) for name in ("first.txt", "huge-release.txt", "second.txt")]
    with qtbot.waitSignal(window.loader.batch_finished, timeout=60_000) as finished:
        window.load_paths(paths)
    _, loaded, failures = finished.args
    assert loaded == 2 and set(window.filings) == {str(paths[0]), str(paths[2])}
    assert failures == [(str(paths[1]), "the file needs more memory than the 512 MB limit")]
    assert "huge-release.txt" in window.failure_box.informativeText()


def test_files_read_in_parallel_are_listed_in_the_order_they_were_opened(qtbot, window_reading_with, tmp_path):
    """The second file finishes first; the navigator and the workspace still list the first first."""
    window = window_reading_with("tests.parsing_jobs:checked_slow_if_named", ParseSettings(jobs=2))
    paths = [_copy_of_sample(tmp_path, name) for name in ("slow-first.txt", "second.txt")]
    arrivals = []
    window.loader.loaded.connect(lambda _batch, checked: arrivals.append(Path(checked.path).name))
    with qtbot.waitSignal(window.loader.batch_finished, timeout=60_000):
        window.load_paths(paths)
    assert arrivals == ["second.txt", "slow-first.txt"]
    assert list(window.filings) == [str(path) for path in paths]
    navigator = window.navigator
    listed = [navigator.topLevelItem(i).text(0) for i in range(navigator.topLevelItemCount())]
    assert [name for name in listed if name.endswith(".txt")] == ["slow-first.txt", "second.txt"]


def test_cancel_ends_the_worker_stuck_in_a_file(qtbot, window_reading_with, tmp_path):
    window = window_reading_with("tests.parsing_jobs:checked_unless_stuck")
    stuck = _copy_of_sample(tmp_path, "stuck-release.txt")
    window.load_paths([stuck])
    pool = window.loader._channel.pool
    qtbot.waitUntil(lambda: any(worker.request is not None for worker in pool._workers), timeout=30_000)
    [worker] = pool._workers
    assert window.cancel_button.isVisible()
    with qtbot.waitSignal(window.loader.batch_finished, timeout=30_000) as finished:
        window.cancel_button.click()
    assert finished.args[1:] == [0, []] and not window.filings
    worker.process.join(5)
    assert worker.process.exitcode is not None
    qtbot.waitUntil(lambda: not window.progress_bar.isVisible())


STUCK_WINDOW = """
import functools, multiprocessing, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
import gui.main_window
from gui.workers import FilingLoader
gui.main_window.FilingLoader = functools.partial(FilingLoader, job="tests.parsing_jobs:checked_unless_stuck")
from gui.app import configure_application, start_window
window = start_window(sys.argv[1:], configure_application(app))
def close_when_the_good_file_is_open():
    if sys.argv[2] not in window.filings:
        QTimer.singleShot(50, close_when_the_good_file_is_open)
        return
    workers = [p.pid for p in multiprocessing.active_children() if p.name == "tickmark-parse-worker"]
    print("open", window.loader.busy, *workers, flush=True)
    window.close()
QTimer.singleShot(50, close_when_the_good_file_is_open)
app.exec()
"""


def _ended(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status  # a zombie waiting for its reaper has ended


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_the_window_survives_a_stuck_worker_and_quits_at_once(tmp_path):
    stuck = _copy_of_sample(tmp_path, "stuck-release.txt")
    good = _copy_of_sample(tmp_path, "good-release.txt")
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with subprocess.Popen(
        [sys.executable, "-c", STUCK_WINDOW, str(stuck), str(good)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=environment
    ) as process:
        line = process.stdout.readline()
        closing = time.monotonic()
        try:
            process.wait(timeout=30)
        finally:
            quit_after = time.monotonic() - closing
            process.kill()
            errors = process.stderr.read()
    words = line.split()
    assert words[:2] == ["open", "True"], errors
    assert process.returncode == 0, errors
    assert quit_after < 1.0, f"the process took {quit_after:.2f} s to end after the window closed"
    assert words[2:] and all(_ended(int(pid)) for pid in words[2:])


PDF_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.app import configure_application, start_window
window = start_window(sys.argv[1:], configure_application(app))
def done(*args):
    print(sys.argv[1] in window.filings, "pdfplumber" in sys.modules, "pdfminer" in sys.modules)
    app.quit()
window.loader.batch_finished.connect(lambda *args: QTimer.singleShot(0, done))
app.exec()
"""


def test_the_window_reads_a_pdf_without_importing_pdfplumber_itself():
    pdf = filing("costco_fy2023q3_earnings_release.pdf")
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", PDF_WINDOW, str(pdf)], capture_output=True, text=True, cwd=REPO, timeout=180, env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "False"]


def test_reading_settings_are_chosen_in_a_dialog_and_kept(qtbot, main_window, monkeypatch):
    def choose(dialog: ReadingSettingsDialog) -> int:
        dialog.jobs_box.setValue(3)
        dialog.memory_box.setValue(2.0)
        dialog.time_box.setValue(45)
        dialog.cache_check.setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReadingSettingsDialog, "exec", choose)
    main_window.reading_settings_action.trigger()
    chosen = AppSettings().reading_settings()
    assert (chosen.jobs, chosen.memory_limit, chosen.time_limit, chosen.cache) == (3, 2 * GB, 45.0, False)
    assert main_window.loader.settings == chosen


def test_the_settings_dialog_shows_the_cache_and_clears_it(qtbot, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / f"{0:064x}.pickle").write_bytes(b"x" * 2048)
    dialog = ReadingSettingsDialog(ParseSettings(jobs=5, time_limit=30, cache_folder=folder))
    qtbot.addWidget(dialog)
    assert dialog.jobs_box.value() == 5 and dialog.time_box.value() == 30
    assert dialog.cache_use_label.text() == "1 file(s), 2 KB"
    dialog.clear_button.click()
    assert dialog.cache_use_label.text() == "empty" and not list(folder.iterdir())
    dialog.restore_defaults()
    assert dialog.chosen() == ParseSettings(cache_folder=folder)
