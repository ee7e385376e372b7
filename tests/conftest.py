"""Shared test set-up. Qt runs offscreen (``setdefault``: an ``xvfb-run`` may choose xcb), with
a pinned scale and DPI so that grabbed images have the widget's size in pixels."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_SCALE_FACTOR"] = "1"
os.environ["QT_FONT_DPI"] = "96"
os.environ.pop("QT_AUTO_SCREEN_SCALE_FACTOR", None)


@pytest.fixture
def isolated_user_folders(tmp_path, monkeypatch):
    """Settings, data (the error log) and desktop of a GUI test live in its own tmp folder,
    never in the real user's."""
    from PySide6.QtCore import QSettings

    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config))
    return tmp_path


@pytest.fixture
def main_window(qtbot, isolated_user_folders):
    """A shown main window with isolated settings and no filing; loads still running at the
    end are cancelled and waited for."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from gui.app import configure_application
    from gui.assets import sample_filing
    from gui.main_window import MainWindow
    from gui.settings import AppSettings

    icon = configure_application(QApplication.instance())
    window = MainWindow(AppSettings(), None, sample_filing(), icon)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.loader.cancel()
    QThreadPool.globalInstance().waitForDone(20_000)
    window.close()
    window.deleteLater()


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_gui_thread(request):
    """Qt tests run with the app's collection policy (see gui/garbage.py): a worker thread
    must never collect Qt objects of the GUI thread."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    from gui.garbage import MainThreadGarbageCollector

    request.getfixturevalue("qapp")
    collector = MainThreadGarbageCollector()
    collector.start()
    yield
    QThreadPool.globalInstance().waitForDone(20_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collector.stop()


@pytest.fixture
def load_filings(qtbot):
    """Load paths into a window and wait for the batch: returns (files loaded, failures)."""

    def load(window, paths, timeout=30_000):
        with qtbot.waitSignal(window.loader.batch_finished, timeout=timeout) as finished:
            window.load_paths(paths)
        _, loaded, failures = finished.args
        return loaded, failures

    return load


@pytest.fixture(autouse=True, scope="session")
def _parse_cache_of_the_test_run(tmp_path_factory):
    """Parsed files are cached in a folder of this test run, never the user's cache (worker
    processes and subprocesses inherit the variable)."""
    from model.parsing.limits import CACHE_FOLDER_ENV

    os.environ[CACHE_FOLDER_ENV] = str(tmp_path_factory.mktemp("parse-cache"))
    yield
