"""The export dialogs of the main window: each only chooses a path (remembering the folder);
the panels write the file. A mixin, so that "Failed to ..." messages have the window as parent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog

from gui.errors import reports_failure

CSV_FILTER = "CSV table (*.csv)"
PNG_FILTER = "PNG image (*.png)"
SVG_FILTER = "SVG drawing (*.svg)"


class ExportDialogs:
    """Needs ``settings``, ``status_label``, ``current_chart()`` and ``current_table_panel()``."""

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
        statement = self.current_table_panel().statement
        if statement is None:
            return "tickmark"
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
        panel = self.current_table_panel()
        if panel.table is None:
            self.status_label.setText("Open a filing to export its tables.")
            return
        path, chosen = self._save_path("Export Table", [CSV_FILTER, PNG_FILTER], self._suggested_name() + ".csv")
        if path:
            (panel.export_png if chosen == PNG_FILTER or path.lower().endswith(".png") else panel.export_csv)(path)
            self.status_label.setText(f"Exported the table to {path}")

    @Slot()
    @reports_failure("export the table")
    def export_table_csv_dialog(self) -> None:
        panel = self.current_table_panel()
        if panel.table is not None:
            path, _ = self._save_path("Export Table as CSV", [CSV_FILTER], self._suggested_name() + ".csv")
            if path:
                panel.export_csv(path)
                self.status_label.setText(f"Exported the table to {path}")

    @Slot()
    @reports_failure("export the table image")
    def export_table_png_dialog(self) -> None:
        panel = self.current_table_panel()
        if panel.table is not None:
            path, _ = self._save_path("Export Table as Image", [PNG_FILTER], self._suggested_name() + ".png")
            if path:
                panel.export_png(path)
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
