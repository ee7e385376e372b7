"""The main window: navigator and diff docks around the statement table and chart tabs;
menus, shortcuts, drag-and-drop, progress and remembered state. Every way of opening files
(drop, File -> Open, Open Recent, command line) ends in ``load_paths``."""

from __future__ import annotations

import html
import sys
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QStyle,
    QToolButton,
    QWidget,
)

from gui.diff_panel import DiffPanel
from gui.empty_state import EmptyState
from gui.errors import ErrorRoute, reports_failure, show_message
from gui.navigator import Navigator
from gui.settings import AppSettings
from gui.statement_panel import StatementPanel
from gui.tabs import ViewTabs
from gui.version import app_version
from gui.workers import FilingLoader
from model.readers import SUPPORTED_SUFFIXES, file_dialog_filters
from model.views import ChartData, CheckedFiling, DisplayScale, main_statement_index

CSV_FILTER = "CSV table (*.csv)"
PNG_FILTER = "PNG image (*.png)"
SVG_FILTER = "SVG drawing (*.svg)"


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, error_route: ErrorRoute | None = None, sample: Path | None = None, icon: QIcon | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.error_route = error_route
        self.sample = sample
        self.filings: dict[str, CheckedFiling] = {}
        self.current: tuple[str, int] | None = None
        self.last_failures: list[tuple[str, str]] = []
        self.failure_box: QMessageBox | None = None
        self._remember_batches: set[int] = set()
        self._show_first_of: set[int] = set()

        self.setWindowTitle("Tickmark")
        if icon is not None:
            self.setWindowIcon(icon)
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks | QMainWindow.DockOption.AllowNestedDocks)

        self.loader = FilingLoader(self)
        self.statement_panel = StatementPanel(settings.scale(), settings.show_derived())
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

        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._build_tool_bar()
        self._connect()
        self._restore_layout()
        self._update_actions()

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

    def _action(self, text: str, slot, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action("&Open Filings\u2026", self.open_files_dialog, "Ctrl+O", "Open one or more filings")
        self.sample_action = self._action("Open the &Sample Filing", self.open_sample, tip="The IIJ earnings release that ships with Tickmark")
        self.close_action = self._action("&Close Filing", self.close_current_filing, "Ctrl+W", "Close the filing shown")
        self.export_action = self._action("&Export Current View\u2026", self.export_current_view, "Ctrl+E", "The table (or its selection) as CSV or PNG, a chart as PNG or SVG")
        self.export_csv_action = self._action("Export Table as &CSV\u2026", self.export_table_csv_dialog, tip="The selected cells, or the whole table, in the display scale")
        self.export_table_png_action = self._action("Export Table as &Image\u2026", self.export_table_png_dialog, tip="The table as shown, as a PNG image")
        self.export_chart_png_action = self._action("Export Chart as &PNG\u2026", self.export_chart_png_dialog, tip="The current chart tab as a PNG image")
        self.export_chart_svg_action = self._action("Export Chart as &SVG\u2026", self.export_chart_svg_dialog, tip="The current chart tab as an SVG drawing")
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        self.find_action = self._action("&Find Line Items", self.statement_panel.focus_search, "Ctrl+F", "Filter the table by line item")
        self.chart_action = self._action("&Chart Selection", self.chart_selection, "Ctrl+G", "Chart the selected lines in a new tab")
        self.derived_action = self._action("Show &Derived Periods", self.statement_panel.set_show_derived, tip="Quarters and halves computed from cumulative periods")
        self.derived_action.setCheckable(True)
        self.derived_action.setChecked(self.statement_panel.show_derived)
        self.about_action = self._action("&About Tickmark", self.show_about, "F1", "Version, supported files and where the log is")
        self.scale_actions = QActionGroup(self)
        for scale in DisplayScale:
            action = QAction(scale.value.capitalize(), self.scale_actions)
            action.setCheckable(True)
            action.setData(scale)
            action.setChecked(scale is self.statement_panel.scale)
            action.triggered.connect(lambda _checked=False, chosen=scale: self.statement_panel.set_scale(chosen))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.sample_action)
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_csv_action)
        file_menu.addAction(self.export_table_png_action)
        file_menu.addAction(self.export_chart_png_action)
        file_menu.addAction(self.export_chart_svg_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.statement_panel.copy_action)
        edit_menu.addAction(self.find_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.chart_action)
        view_menu.addAction(self.derived_action)
        scale_menu = view_menu.addMenu("&Scale")
        scale_menu.addActions(self.scale_actions.actions())
        view_menu.addSeparator()
        view_menu.addAction(self.navigator_dock.toggleViewAction())
        view_menu.addAction(self.diff_dock.toggleViewAction())
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _build_tool_bar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.style()
        icons = {
            self.open_action: QStyle.StandardPixmap.SP_DialogOpenButton,
            self.export_action: QStyle.StandardPixmap.SP_DialogSaveButton,
            self.chart_action: QStyle.StandardPixmap.SP_FileDialogDetailedView,
            self.close_action: QStyle.StandardPixmap.SP_DialogCloseButton,
        }
        for action, pixmap in icons.items():
            action.setIcon(style.standardIcon(pixmap))
        self.export_action.setIconText("Export")
        bar.addAction(self.open_action)
        bar.addAction(self.export_action)
        bar.addSeparator()
        bar.addAction(self.chart_action)
        bar.addSeparator()
        bar.addAction(self.close_action)

    def _connect(self) -> None:
        self.loader.loaded.connect(self._on_loaded)
        self.loader.batch_finished.connect(self._on_batch_finished)
        self.loader.crashed.connect(self._on_crashed)
        self.loader.progress_changed.connect(self._on_progress)
        self.loader.busy_changed.connect(self._on_busy_changed)
        self.cancel_button.clicked.connect(self.loader.cancel)
        self.navigator.statement_selected.connect(self.show_statement)
        self.statement_panel.chart_requested.connect(self.add_chart)
        self.statement_panel.scale_changed.connect(self._on_scale_changed)
        self.statement_panel.show_derived_changed.connect(self._on_show_derived_changed)
        self.diff_panel.chart_requested.connect(self.add_chart)
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

    # ------------------------------------------------------------------ loading

    def load_paths(self, paths: list[str | Path], remember: bool = True) -> int | None:
        """The one way in for files: drops, dialogs, recent files and the command line."""
        paths = [str(p) for p in paths]
        if not paths:
            return None
        self.status_label.setText(f"Opening {len(paths)} file(s)\u2026" if len(paths) > 1 else f"Opening {Path(paths[0]).name}\u2026")
        batch = self.loader.load(paths)
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
        self.navigator.add_filing(checked)
        if batch in self._remember_batches:
            self.settings.add_recent_file(path)
        if batch in self._show_first_of or self.current is None or self.current[0] == path:
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
        self.error_route.report(error, f"while reading {Path(path).name}")

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(round(100 * fraction))
        self.status_label.setText(message)

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)

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

    # ------------------------------------------------------------------ showing statements

    @Slot(str, int)
    def show_statement(self, path: str, index: int) -> None:
        checked = self.filings.get(path)
        if checked is None or not 0 <= index < len(checked.filing.statements):
            return
        filing = checked.filing
        statement = filing.statements[index]
        self.current = (path, index)
        self.statement_panel.show_statement(statement, checked.checks[index], filing.file_name, filing.rounding)
        self.diff_panel.set_statement(statement, filing.rounding, checked.changes[index] if checked.changes else None)
        self.diff_dock.setWindowTitle(f"Changes (YoY / QoQ) \u2014 {statement.title}")
        self.tabs.setTabText(self.tabs.indexOf(self.statement_panel), _elide(statement.title, 40))
        self.tabs.setTabToolTip(self.tabs.indexOf(self.statement_panel), f"{statement.title}\n{filing.file_name}")
        self.setWindowTitle(f"{statement.title} \u2014 {filing.file_name} \u2014 Tickmark")
        with QSignalBlocker(self.navigator):  # keep the navigator in step without coming back here
            self.navigator.select_statement(path, index)
        self._update_actions()

    @Slot()
    def _update_actions(self) -> None:
        """Offer only what can be done now: nothing to export or chart before a filing is open."""
        showing = self.current is not None
        on_chart = showing and self.current_chart() is not None
        for action in (self.close_action, self.export_action, self.export_csv_action, self.export_table_png_action, self.chart_action, self.find_action, self.statement_panel.copy_action):
            action.setEnabled(showing)
        for action in (self.export_chart_png_action, self.export_chart_svg_action):
            action.setEnabled(on_chart)

    @Slot()
    def close_current_filing(self) -> None:
        if self.current is None:
            return
        path = self.current[0]
        self.filings.pop(path, None)
        self.navigator.remove_filing(path)
        self.current = None
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

    @Slot(bool)
    def _on_show_derived_changed(self, show: bool) -> None:
        self.settings.set_show_derived(show)
        self.derived_action.setChecked(show)

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
        self.tabs.add_closable_tab(panel, _elide(data.title, 32), data.title)
        self.status_label.setText(f"Charted {len(data.series)} line(s) over {len(data.categories)} periods")
        return panel

    def current_chart(self):
        """The chart tab shown, if any. No chart exists before gui.charts is loaded, and
        asking must not load it (with pyqtgraph) as a side effect."""
        charts = sys.modules.get("gui.charts")
        widget = self.tabs.currentWidget()
        return widget if charts is not None and isinstance(widget, charts.ChartPanel) else None

    # ------------------------------------------------------------------ exports: dialogs choose a path, the panels write it

    def _save_path(self, caption: str, filters: list[str], name: str) -> tuple[str, str]:
        suggested = str(Path(self.settings.last_folder()) / name)
        path, chosen = QFileDialog.getSaveFileName(self, caption, suggested, ";;".join(filters))
        if not path:
            return "", ""
        suffix = chosen[chosen.rfind("*.") + 1 : -1] if "*." in chosen else ""
        if suffix and not path.lower().endswith(suffix):
            path += suffix
        self.settings.remember_folder_of(path)
        return path, chosen

    def _suggested_name(self) -> str:
        if self.current is None:
            return "tickmark"
        statement = self.filings[self.current[0]].filing.statements[self.current[1]]
        return "".join(c if c.isalnum() else "-" for c in statement.title.lower()).strip("-")[:60]

    @Slot()
    @reports_failure("export the view")
    def export_current_view(self) -> None:
        chart = self.current_chart()
        if chart is not None:
            path, chosen = self._save_path("Export Chart", [PNG_FILTER, SVG_FILTER], self._suggested_name() + "-chart.png")
            if path:
                (chart.export_svg if chosen == SVG_FILTER or path.lower().endswith(".svg") else chart.export_png)(path)
                self.status_label.setText(f"Exported the chart to {path}")
            return
        if self.statement_panel.table is None:
            self.status_label.setText("Open a filing to export its tables.")
            return
        path, chosen = self._save_path("Export Table", [CSV_FILTER, PNG_FILTER], self._suggested_name() + ".csv")
        if path:
            (self.statement_panel.export_png if chosen == PNG_FILTER or path.lower().endswith(".png") else self.statement_panel.export_csv)(path)
            self.status_label.setText(f"Exported the table to {path}")

    @Slot()
    @reports_failure("export the table")
    def export_table_csv_dialog(self) -> None:
        if self.statement_panel.table is not None:
            path, _ = self._save_path("Export Table as CSV", [CSV_FILTER], self._suggested_name() + ".csv")
            if path:
                self.statement_panel.export_csv(path)
                self.status_label.setText(f"Exported the table to {path}")

    @Slot()
    @reports_failure("export the table image")
    def export_table_png_dialog(self) -> None:
        if self.statement_panel.table is not None:
            path, _ = self._save_path("Export Table as Image", [PNG_FILTER], self._suggested_name() + ".png")
            if path:
                self.statement_panel.export_png(path)
                self.status_label.setText(f"Exported the table image to {path}")

    @Slot()
    @reports_failure("export the chart")
    def export_chart_png_dialog(self) -> None:
        self._export_chart(PNG_FILTER)

    @Slot()
    @reports_failure("export the chart")
    def export_chart_svg_dialog(self) -> None:
        self._export_chart(SVG_FILTER)

    def _export_chart(self, file_filter: str) -> None:
        chart = self.current_chart()
        if chart is None:
            self.status_label.setText("Open a chart tab to export it (Chart Selection makes one).")
            return
        suffix = ".svg" if file_filter == SVG_FILTER else ".png"
        path, _ = self._save_path("Export Chart", [file_filter], self._suggested_name() + "-chart" + suffix)
        if path:
            (chart.export_svg if suffix == ".svg" else chart.export_png)(path)
            self.status_label.setText(f"Exported the chart to {path}")

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
                "Ctrl+O open \u00b7 Ctrl+E export \u00b7 Ctrl+C copy \u00b7 Ctrl+F find \u00b7 Ctrl+G chart \u00b7 Ctrl+W close \u00b7 F1 this box<br>"
                f"Error log: <code>{log}</code>"
            ),
        )
        box.setObjectName("aboutBox")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.cancel()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.sync()
        super().closeEvent(event)


def _elide(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"
