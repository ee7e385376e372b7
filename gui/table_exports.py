"""Exports of a statement table, each taking a path (the dialogs only choose it): CSV with
units in its headers, an Excel workbook, and an image of the whole table. A mixin of the
statement panel, which provides ``table``, ``statement``, ``proxy``, ``view``, ``combined``,
``file_name``, ``selected_cells()`` and ``selection_csv()``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage

from gui.table_image import render_table_image
from model.export import write_bytes_atomic, write_text_atomic
from model.views.xlsx import write_table_xlsx


class TableExports:
    def export_csv(self, path: str | Path) -> None:
        """The selection (or the whole table) with units in the headers, UTF-8 with a BOM."""
        write_text_atomic(path, self.selection_csv(), byte_order_mark=True)

    def export_xlsx(self, path: str | Path) -> None:
        lines, columns, cells = self.selected_cells()
        write_table_xlsx(path, self.table, lines, columns, cells, self._export_title())

    def table_image(self) -> QImage:
        """Every row (in the view's order) and every column, with title, units and headers."""
        lines = [self.proxy.mapToSource(self.proxy.index(row, 0)).row() for row in range(self.proxy.rowCount())]
        return render_table_image(self.table, lines, self._export_title(), self.view.font())

    def export_png(self, path: str | Path) -> None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.table_image().save(buffer, "PNG")
        write_bytes_atomic(path, bytes(buffer.data()))

    def _export_title(self) -> str:
        source = f"every period of {len(self.combined.files)} filings" if self.combined is not None else self.file_name
        return f"{self.statement.title} — {source}" if source else self.statement.title
