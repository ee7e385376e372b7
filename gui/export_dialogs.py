"""The export dialogs of the main window: each only chooses a path (remembering the folder);
the panels write the file. The extension the user types decides the format (``chart.svg`` is
an SVG whatever filter is selected); a name without one gets the selected filter's. A mixin,
so that "Failed to ..." messages have the window as parent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog

from gui.errors import reports_failure
from model.views.export_formats import CHART_FORMATS, TABLE_FORMATS, ExportFormat, export_target


class ExportDialogs:
    """Needs ``settings``, ``status_label``, ``current_chart()`` and ``current_table_panel()``."""

    def _save_target(self, caption: str, offered: tuple[ExportFormat, ...], preferred: ExportFormat, name: str) -> tuple[str, ExportFormat | None]:
        suggested = str(Path(self.settings.last_folder()) / (name + preferred.value))
        filters = [format_.filter for format_ in offered]
        path, chosen = QFileDialog.getSaveFileName(self, caption, suggested, ";;".join(filters), preferred.filter)
        if not path:
            return "", None
        path, format_ = export_target(path, ExportFormat.of_filter(chosen) or preferred, offered)
        self.settings.remember_folder_of(path)
        return path, format_

    def _suggested_name(self) -> str:
        statement = self.current_table_panel().statement
        if statement is None:
            return "tickmark"
        return "".join(c if c.isalnum() else "-" for c in statement.title.lower()).strip("-")[:60]

    @Slot()
    @reports_failure("export the view")
    def export_current_view(self) -> None:
        if self.current_chart() is not None:
            self._export_chart(ExportFormat.PNG)
        else:
            self._export_table(ExportFormat.CSV)

    @Slot()
    @reports_failure("export the table")
    def export_table_csv_dialog(self) -> None:
        self._export_table(ExportFormat.CSV)

    @Slot()
    @reports_failure("export the table")
    def export_table_xlsx_dialog(self) -> None:
        self._export_table(ExportFormat.XLSX)

    @Slot()
    @reports_failure("export the table image")
    def export_table_png_dialog(self) -> None:
        self._export_table(ExportFormat.PNG)

    @Slot()
    @reports_failure("export the chart")
    def export_chart_png_dialog(self) -> None:
        self._export_chart(ExportFormat.PNG)

    @Slot()
    @reports_failure("export the chart")
    def export_chart_svg_dialog(self) -> None:
        self._export_chart(ExportFormat.SVG)

    def _export_table(self, preferred: ExportFormat) -> None:
        panel = self.current_table_panel()
        if panel.table is None:
            self.status_label.setText("Open a filing to export its tables.")
            return
        path, format_ = self._save_target("Export Table", TABLE_FORMATS, preferred, self._suggested_name())
        if path:
            {ExportFormat.CSV: panel.export_csv, ExportFormat.XLSX: panel.export_xlsx, ExportFormat.PNG: panel.export_png}[format_](path)
            self.status_label.setText(f"Exported the table to {path}")

    def _export_chart(self, preferred: ExportFormat) -> None:
        chart = self.current_chart()
        if chart is None:
            self.status_label.setText("Open a chart tab to export it (Chart Selection makes one).")
            return
        path, format_ = self._save_target("Export Chart", CHART_FORMATS, preferred, self._suggested_name() + "-chart")
        if path:
            (chart.export_svg if format_ is ExportFormat.SVG else chart.export_png)(path)
            self.status_label.setText(f"Exported the chart to {path}")
