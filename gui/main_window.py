"""The main window: navigator and diff docks around the statement table and chart tabs;
menus, shortcuts, drag-and-drop, progress and remembered state. Every way of opening files
(drop, File -> Open, Open Recent, command line) ends in ``load_paths``. With two or more
filings open they form one workspace: its combined statements are computed off the GUI
thread whenever the filings or the user's row joins change, and it is autosaved."""

from __future__ import annotations

import html
import sys
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from gui.diff_panel import DiffPanel
from gui.empty_state import EmptyState
from gui.errors import ErrorRoute, log_directory, show_message
from gui.export_dialogs import ExportDialogs
from gui.file_loading import FileLoading
from gui.navigator import Navigator
from gui.reading_settings import ReadingSettingsDialog
from gui.settings import AppSettings
from gui.source_actions import SourceActions
from gui.source_view import SourcePanel
from gui.statement_panel import StatementPanel
from gui.tabs import ViewTabs, elide
from gui.version import app_version
from gui.workers import FilingLoader, TaskRunner
from gui.workspace_files import WorkspaceFiles
from gui.workspace_session import WorkspaceSession
from gui.window_menus import WindowMenus
from gui.workspace_views import WORKSPACE, WorkspaceViews
from model.readers import SUPPORTED_SUFFIXES
from model.session import Autosave, WorkspaceFile
from model.views.charts import ChartData
from model.views.checks import CheckedFiling, main_statement_index
from model.views.formatting import DisplayScale


class MainWindow(WindowMenus, FileLoading, ExportDialogs, SourceActions, WorkspaceFiles, WorkspaceViews, QMainWindow):
    def __init__(
        self,
        settings: AppSettings,
        error_route: ErrorRoute | None = None,
        sample: Path | None = None,
        icon: QIcon | None = None,
        autosave_folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.error_route = error_route
        self.sample = sample
        self.filings: dict[str, CheckedFiling] = {}  # in the order the user opened them, whichever finished first
        self._opening_order: dict[str, int] = {}
        self.current: tuple[str, int] | None = None  # (filing path, statement index) shown
        self.current_key: tuple[str, str] | None = None  # or the key of the workspace statement shown
        self.last_failures: list[tuple[str, str]] = []
        self.failure_box: QMessageBox | None = None
        self._remember_batches: set[int] = set()
        self._show_first_of: set[int] = set()
        self._show_workspace_next = False  # a drop of several filings opens on their combined statement
        self._expected_view: dict[str, object] | None = None  # of a workspace file whose filings are loading
        self.restore_box: QMessageBox | None = None  # the offer to restore a crashed session's workspace
        self.left_out_box: QMessageBox | None = None  # filings of an opened workspace that moved or changed

        # read what a crashed session left behind before this session marks itself running
        autosave: Autosave | None = Autosave(autosave_folder if autosave_folder is not None else log_directory())
        self.crashed_snapshot: WorkspaceFile | None = autosave.crashed_session()
        autosave_off = ""
        try:
            autosave.start()
        except OSError as error:  # a read-only data folder: the app works, without autosave
            autosave, autosave_off = None, f"Autosave is off: {error.filename or ''} cannot be written ({error.strerror or error})"
        self.session = WorkspaceSession(autosave, self)
        self.source_checker = TaskRunner(self)

        self.setWindowTitle("Tickmark")
        if icon is not None:
            self.setWindowIcon(icon)
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks | QMainWindow.DockOption.AllowNestedDocks)

        self.loader = FilingLoader(self, settings.reading_settings())
        self.statement_panel = StatementPanel(settings.scale(), settings.show_derived())
        self.statement_panel.setObjectName("statementPanel")
        self.tabs = ViewTabs()
        self.tabs.add_fixed_tab(self.statement_panel, "Statement")
        self.empty_state = EmptyState(icon.pixmap(128, 128) if icon is not None else None)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)

        self.navigator = Navigator()
        self.navigator_dock = self._dock("navigatorDock", "Filings", self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.diff_panel = DiffPanel()
        self.diff_panel.set_scale(settings.scale())
        self.diff_dock = self._dock("diffDock", "Changes (YoY / QoQ)", self.diff_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.source_panel = SourcePanel()
        self.source_panel.path_of = self.path_of_file
        self.source_dock = self._dock("sourceDock", "Source", self.source_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.source_dock.hide()  # opened by a double-click or Ctrl+G

        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._build_tool_bar()
        self._connect()
        self._restore_layout()
        self._update_actions()
        if autosave_off:
            self.status_label.setText(autosave_off)

    # ------------------------------------------------------------------ building

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() needs names to restore the layout
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        self.status_label = QLabel("Ready")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("loadProgress")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setToolTip("Reading filings")
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop reading the filings being opened")
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.progress_bar.hide()
        self.cancel_button.hide()

    def _connect(self) -> None:
        self.loader.loaded.connect(self._on_loaded)
        self.loader.batch_finished.connect(self._on_batch_finished)
        self.loader.password_needed.connect(self.ask_password)
        self.loader.crashed.connect(self._on_crashed)
        self.loader.progress_changed.connect(self._on_progress)
        self.loader.busy_changed.connect(self._on_busy_changed)
        self.cancel_button.clicked.connect(self.loader.cancel)
        self.navigator.statement_selected.connect(self._on_statement_chosen)
        self.navigator.combined_selected.connect(self._on_combined_chosen)
        self.statement_panel.chart_requested.connect(self.add_chart)
        self.statement_panel.scale_changed.connect(self._on_scale_changed)
        self.statement_panel.show_derived_changed.connect(self._on_show_derived_changed)
        self.statement_panel.common_size_changed.connect(self._on_common_size_changed)
        self.statement_panel.period_filter_changed.connect(lambda _filter: self.session.set_view(self._view_state()))
        self.statement_panel.choice_changed.connect(self.session.set_choice)
        self.statement_panel.join_requested.connect(self.join_rows)
        self.statement_panel.split_requested.connect(self.split_row)
        self.statement_panel.source_requested.connect(self.show_source_of)
        self.statement_panel.current_cell_changed.connect(self._follow_source)
        self.diff_panel.chart_requested.connect(self.add_chart)
        self.diff_panel.common_size_changed.connect(self._on_common_size_changed)
        self.session.combined_changed.connect(self._on_combined)
        self.session.combining_changed.connect(self._on_combining_changed)
        self.session.crashed.connect(lambda error: self._on_crashed("", error))
        self.session.autosave_failed.connect(self._on_autosave_failed)
        self.source_checker.returned.connect(self._on_sources_checked)
        self.source_checker.crashed.connect(lambda error: self._on_crashed("", error))
        self.empty_state.open_requested.connect(self.open_files_dialog)
        self.empty_state.sample_requested.connect(self.open_sample)
        self.tabs.currentChanged.connect(self._update_actions)

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            self.resize(min(1280, round(screen.width() * 0.92)), min(820, round(screen.height() * 0.92)))
            self.resizeDocks([self.navigator_dock], [290], Qt.Orientation.Horizontal)
            self.resizeDocks([self.diff_dock], [230], Qt.Orientation.Vertical)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)

    # ------------------------------------------------------------------ showing statements

    @Slot(str, int)
    def _on_statement_chosen(self, path: str, index: int) -> None:
        """Chosen in the navigator: its table comes to the front, over any chart or side-by-side tab."""
        self.show_statement(path, index)
        self.tabs.setCurrentWidget(self.statement_panel)

    @Slot(object)
    def _on_combined_chosen(self, key: tuple[str, str]) -> None:
        self.show_combined(key)
        self.tabs.setCurrentWidget(self.statement_panel)

    @Slot(str, int)
    def show_statement(self, path: str, index: int) -> None:
        checked = self.filings.get(path)
        if checked is None or not 0 <= index < len(checked.filing.statements):
            return
        filing = checked.filing
        statement = filing.statements[index]
        self.current, self.current_key = (path, index), None
        self.statement_panel.show_statement(statement, checked.checks[index], filing.file_name, filing.rounding, calendar=filing.calendar)
        self.diff_panel.set_statement(statement, filing.rounding, checked.changes[index] if checked.changes else None, filing.calendar, checked.checks[index])
        self._present(statement.title, filing.file_name)
        with QSignalBlocker(self.navigator):  # keep the navigator in step without coming back here
            self.navigator.select_statement(path, index)
        self.session.set_view(self._view_state())

    @Slot(object)
    def show_combined(self, key: tuple[str, str], keep_place: bool = False) -> None:
        """A combined statement of the workspace: every period of every filing."""
        view = self.combined_view(key)
        if view is None:
            return
        self.current, self.current_key = None, view.key
        self.statement_panel.show_statement(view.statement, view.checks, WORKSPACE, view.rounding, combined=view, keep_place=keep_place, calendar=view.calendar)
        self.diff_panel.set_statement(view.statement, view.rounding, view.changes, view.calendar, view.checks)
        self._present(view.statement.title, f"{WORKSPACE} of {len(view.files)} filings")
        with QSignalBlocker(self.navigator):
            self.navigator.select_combined(view.key)
        self.session.set_view(self._view_state())

    def _present(self, title: str, source: str) -> None:
        self.diff_dock.setWindowTitle(f"Changes (YoY / QoQ) \u2014 {title}")
        self.tabs.setTabText(self.tabs.indexOf(self.statement_panel), elide(title, 40))
        self.tabs.setTabToolTip(self.tabs.indexOf(self.statement_panel), f"{title}\n{source}")
        saved_as = f" \u2014 {Path(self.session.path).name}" if self.session.path else ""
        self.setWindowTitle(f"{title} \u2014 {source}{saved_as} \u2014 Tickmark")
        self._update_actions()

    def current_table_panel(self) -> StatementPanel:
        """The table of the tab shown (a side-by-side view), else the statement table."""
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, StatementPanel) else self.statement_panel

    @Slot()
    def _update_actions(self) -> None:
        """Offer only what can be done now: nothing to export or chart before a filing is open."""
        showing = self.current is not None or self.current_key is not None
        on_chart = showing and self.current_chart() is not None
        for action in (
            self.export_action, self.export_csv_action, self.export_xlsx_action, self.export_table_png_action,
            self.chart_action, self.source_action, self.find_action, self.statement_panel.copy_action,
        ):
            action.setEnabled(showing)
        for action in (self.side_by_side_action, self.growth_action, self.close_all_action, self.save_workspace_action, self.save_workspace_as_action):
            action.setEnabled(bool(self.filings))
        self.close_action.setEnabled(self.current is not None)  # a combined statement belongs to no one filing
        for action in (self.export_chart_png_action, self.export_chart_svg_action):
            action.setEnabled(on_chart)

    @Slot()
    def edit_reading_settings(self) -> None:
        dialog = ReadingSettingsDialog(self.loader.settings, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            chosen = dialog.chosen()
            self.settings.set_reading_settings(chosen)
            self.loader.set_settings(chosen)

    # ------------------------------------------------------------------ closing

    @Slot()
    def close_current_filing(self) -> None:
        if self.current is None:
            return
        path = self.current[0]
        self.filings.pop(path, None)
        self.navigator.remove_filing(path)
        self.current = None
        self.session.set_filings(list(self.filings.values()))
        self._show_some_filing()

    @Slot()
    def close_all_filings(self) -> None:
        self.loader.cancel()
        for path in list(self.filings):
            self.navigator.remove_filing(path)
        self.filings.clear()
        self.current = self.current_key = None
        self.session.clear()
        self._show_some_filing()

    def _show_some_filing(self) -> None:
        """After a close: another filing's main statement, or the empty state."""
        self.current = self.current_key = None
        if self.filings:
            other = next(iter(self.filings))
            self.navigator.select_statement(other, main_statement_index(self.filings[other].filing))
            return
        self.statement_panel.show_statement(None)
        self.diff_panel.set_statement(None)
        self.setWindowTitle("Tickmark")
        self.stack.setCurrentWidget(self.empty_state)
        self.status_label.setText("No filing open")
        self._update_actions()

    @Slot(object)
    def _on_scale_changed(self, scale: DisplayScale) -> None:
        self.settings.set_scale(scale)
        self.diff_panel.set_scale(scale)
        for action in self.scale_actions.actions():
            action.setChecked(action.data() is scale)
        self.session.set_view(self._view_state())

    @Slot(bool)
    def _on_show_derived_changed(self, show: bool) -> None:
        self.settings.set_show_derived(show)
        self.derived_action.setChecked(show)
        self.session.set_view(self._view_state())

    @Slot(bool)
    def _on_common_size_changed(self, on: bool) -> None:
        """One toggle for the table, the changes and the View menu."""
        self.statement_panel.set_common_size(on)
        self.diff_panel.set_common_size(on)
        self.common_size_action.setChecked(on)
        self.session.set_view(self._view_state())

    # ------------------------------------------------------------------ charts

    @Slot()
    def chart_selection(self) -> None:
        self.add_chart(self.statement_panel.chart_data())

    @Slot(object)
    def add_chart(self, data: ChartData | None):
        """A new chart tab; returns its panel (None and a hint when nothing is selected)."""
        if data is None or not data.series:
            self.status_label.setText("Select the lines to chart first (click their labels; Ctrl or Shift adds more).")
            return None
        from gui.charts import ChartPanel  # pyqtgraph loads with the first chart, not at start-up

        panel = ChartPanel(data)
        self.tabs.add_closable_tab(panel, elide(data.title, 32), data.title)
        self.status_label.setText(f"Charted {len(data.series)} line(s) over {len(data.categories)} periods")
        return panel

    def current_chart(self):
        """The chart tab shown, if any. No chart exists before gui.charts is loaded, and
        asking must not load it (with pyqtgraph) as a side effect."""
        charts = sys.modules.get("gui.charts")
        widget = self.tabs.currentWidget()
        return widget if charts is not None and isinstance(widget, charts.ChartPanel) else None

    # ------------------------------------------------------------------ help, state

    @Slot()
    def show_about(self) -> None:
        log = html.escape(str(self.error_route.log_path)) if self.error_route is not None else "not set"
        box = show_message(
            self,
            "About Tickmark",
            f"<b>Tickmark {html.escape(app_version())}</b><br>Financial filings read into checked statements.",
            QMessageBox.Icon.Information,
            details=(
                f"Opens {html.escape(' '.join(SUPPORTED_SUFFIXES))} filings: drop them on the window or use File \u2192 Open.<br>"
                "Ctrl+O open \u00b7 Ctrl+E export \u00b7 Ctrl+C copy \u00b7 Ctrl+F find \u00b7 Ctrl+G source \u00b7 Ctrl+Shift+C chart \u00b7 Ctrl+W close \u00b7 F1 this box<br>"
                f"Error log: <code>{log}</code>"
            ),
        )
        box.setObjectName("aboutBox")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.shutdown()  # every worker ends now, even one stuck in a file
        self.session.finish()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.sync()
        super().closeEvent(event)
