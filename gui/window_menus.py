"""The main window's actions with their shortcuts and tips, its menus and its tool bar. A mixin
of MainWindow, which provides the slots the actions trigger, the statement panel and the docks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QStyle

from model.views.formatting import DisplayScale


class WindowMenus:
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
        self.close_all_action = self._action("Close &All Filings", self.close_all_filings, "Ctrl+Shift+W", "Close every filing: an empty workspace")
        self.open_workspace_action = self._action("Open &Workspace\u2026", self.open_workspace_dialog, "Ctrl+Shift+O", "Open a saved workspace: its filings, joined rows and view")
        self.save_workspace_action = self._action("&Save Workspace", self.save_workspace, "Ctrl+S", "Save the open filings, joined rows and view as a workspace file")
        self.save_workspace_as_action = self._action("Save Workspace &As\u2026", self.save_workspace_as, "Ctrl+Shift+S", "Save the workspace to another file")
        self.side_by_side_action = self._action(
            "Compare Side &by Side\u2026", self.compare_side_by_side, "Ctrl+B", "Two statements or periods (two filings, two companies) on aligned lines with their difference"
        )
        self.export_action = self._action("&Export Current View\u2026", self.export_current_view, "Ctrl+E", "The table (or its selection) as CSV or PNG, a chart as PNG or SVG")
        self.export_csv_action = self._action("Export Table as &CSV\u2026", self.export_table_csv_dialog, tip="The selected cells, or the whole table, in the display scale")
        self.export_xlsx_action = self._action("Export Table as E&xcel\u2026", self.export_table_xlsx_dialog, tip="The selected cells, or the whole table, as an .xlsx workbook: numbers as numbers")
        self.export_table_png_action = self._action("Export Table as &Image\u2026", self.export_table_png_dialog, tip="The whole table (every row and column) as a PNG image")
        self.export_chart_png_action = self._action("Export Chart as &PNG\u2026", self.export_chart_png_dialog, tip="The current chart tab as a PNG image")
        self.export_chart_svg_action = self._action("Export Chart as &SVG\u2026", self.export_chart_svg_dialog, tip="The current chart tab as an SVG drawing")
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        self.find_action = self._action("&Find Line Items", self.statement_panel.focus_search, "Ctrl+F", "Filter the table by line item")
        self.chart_action = self._action("&Chart Selection", self.chart_selection, "Ctrl+Shift+C", "Chart the selected lines in a new tab")
        self.source_action = self._action("Show &Source", self.show_source, "Ctrl+G", "Where the selected cell was printed: its PDF page with the cell boxed, or its source lines")
        self.derived_action = self._action("Show &Derived Periods", self.statement_panel.set_show_derived, tip="Quarters and halves computed from cumulative periods")
        self.derived_action.setCheckable(True)
        self.derived_action.setChecked(self.statement_panel.show_derived)
        self.common_size_action = self._action("Co&mmon Size", self.statement_panel.set_common_size, tip="Amounts as a % of revenue or of total assets, in the table and the changes")
        self.common_size_action.setCheckable(True)
        self.growth_action = self._action("&Growth (CAGR)\u2026", self.statement_panel.open_growth_dialog, tip="Compound annual growth of the selected lines between two periods")
        self.reading_settings_action = self._action(
            "&Reading Settings\u2026", self.edit_reading_settings, tip="Files read at once, the memory and time one file may take, and the cache of parsed files"
        )
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
        file_menu.addAction(self.close_all_action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_workspace_action)
        file_menu.addAction(self.save_workspace_action)
        file_menu.addAction(self.save_workspace_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_csv_action)
        file_menu.addAction(self.export_xlsx_action)
        file_menu.addAction(self.export_table_png_action)
        file_menu.addAction(self.export_chart_png_action)
        file_menu.addAction(self.export_chart_svg_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.statement_panel.copy_action)
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.reading_settings_action)
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.chart_action)
        view_menu.addAction(self.source_action)
        view_menu.addAction(self.side_by_side_action)
        view_menu.addAction(self.growth_action)
        view_menu.addAction(self.derived_action)
        view_menu.addAction(self.common_size_action)
        scale_menu = view_menu.addMenu("&Scale")
        scale_menu.addActions(self.scale_actions.actions())
        view_menu.addSeparator()
        view_menu.addAction(self.navigator_dock.toggleViewAction())
        view_menu.addAction(self.diff_dock.toggleViewAction())
        view_menu.addAction(self.source_dock.toggleViewAction())
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
            self.side_by_side_action: QStyle.StandardPixmap.SP_FileDialogContentsView,
            self.save_workspace_action: QStyle.StandardPixmap.SP_DriveHDIcon,
            self.close_action: QStyle.StandardPixmap.SP_DialogCloseButton,
        }
        for action, pixmap in icons.items():
            action.setIcon(style.standardIcon(pixmap))
        self.export_action.setIconText("Export")
        self.side_by_side_action.setIconText("Side by Side")
        bar.addAction(self.open_action)
        bar.addAction(self.save_workspace_action)
        bar.addAction(self.export_action)
        bar.addSeparator()
        bar.addAction(self.chart_action)
        bar.addAction(self.side_by_side_action)
        bar.addSeparator()
        bar.addAction(self.close_action)
