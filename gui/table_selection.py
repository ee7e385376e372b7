"""Selecting in a statement table and what can be done with the selection: whole lines from
their labels, the cell under the cursor, join and split of a combined statement's lines, copy,
chart and growth. A mixin of the statement panel, which provides ``table``, ``statement``,
``combined``, ``model``, ``proxy``, ``view``, its row-tool buttons and actions, and the signals
``join_requested``, ``split_requested`` and ``chart_requested``."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from model.statements.statement import Cell
from model.views.charts import ChartData, chart_of_lines
from model.views.selections import selection_csv, selection_tsv
from model.views.table import statement_table
from model.views.workspace import join_refusal, split_refusal

JOIN_TIP = "Make the two selected lines one line: different filings print it under different labels"
SPLIT_TIP = "Make the selected line one line per label again: the filings print different things"


class TableSelection:
    @Slot(QItemSelection, QItemSelection)
    def _select_whole_lines(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        """Clicking a line item selects its whole line, as a row header would."""
        labels = [index for index in selected.indexes() if index.column() == 0]
        for index in labels:
            self.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    def cell_at(self, index) -> Cell | None:
        """The statement cell a view index shows (None for a line item or an empty cell)."""
        if self.table is None or not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        column = self.model.statement_column(source.column())
        return None if column is None else self.table.statement.cells.get((source.row(), column))

    def current_cell(self) -> Cell | None:
        """The cell under the cursor, else the first selected one with a value."""
        cell = self.cell_at(self.view.currentIndex())
        if cell is not None:
            return cell
        return next((c for index in self.view.selectionModel().selectedIndexes() if (c := self.cell_at(index)) is not None), None)

    def _selection_positions(self) -> list[tuple[int, int]]:
        positions = []
        for index in self.view.selectionModel().selectedIndexes():
            source = self.proxy.mapToSource(index)
            positions.append((source.row(), source.column()))
        return positions

    def _restore_selection(self, positions: list[tuple[int, int]]) -> None:
        selection = self.view.selectionModel()
        for row, column in positions:
            index = self.proxy.mapFromSource(self.model.index(row, column))
            if index.isValid():
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)

    def _selected_lines(self) -> list[int]:
        return list(dict.fromkeys(line for line, _ in self._selection_positions()))

    @Slot()
    def _update_row_tools(self) -> None:
        """Join and Split are offered only when they can be done; their tooltips say why not."""
        lines = sorted(self._selected_lines()) if self.combined is not None else []
        join_refused = join_refusal(self.combined, *lines) if len(lines) == 2 else "Select the two lines to join (Ctrl+click their labels)."
        split_refused = split_refusal(self.combined, lines[0]) if len(lines) == 1 else "Select one line joined from different labels (\u21c4)."
        self.join_button.setEnabled(not join_refused)
        self.join_button.setToolTip(join_refused or JOIN_TIP)
        self.split_button.setEnabled(not split_refused)
        self.split_button.setToolTip(split_refused or SPLIT_TIP)

    @Slot(QPoint)
    def _show_context_menu(self, position: QPoint) -> None:
        """What can be done with the selected lines, where the user pointed."""
        menu = QMenu(self)
        menu.addAction(self.copy_action)
        menu.addAction("Chart Selection", self.request_chart)
        if self.growth_action.isVisible():
            menu.addAction(self.growth_action)
        if self.combined is not None:
            menu.addSeparator()
            menu.addAction("Join Rows", self.request_join).setEnabled(self.join_button.isEnabled())
            menu.addAction("Split Row", self.request_split).setEnabled(self.split_button.isEnabled())
        menu.popup(self.view.viewport().mapToGlobal(position))

    @Slot()
    def request_join(self) -> None:
        lines = sorted(self._selected_lines())
        if len(lines) == 2:
            self.join_requested.emit(lines[0], lines[1])

    @Slot()
    def request_split(self) -> None:
        lines = self._selected_lines()
        if len(lines) == 1:
            self.split_requested.emit(lines[0])

    def select_lines(self, lines: list[int], columns: list[int] | None = None) -> None:
        """Select cells by statement line and table column (all columns, label included, when None)."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        model_columns = range(self.model.columnCount()) if columns is None else [c + 1 for c in columns]
        for line in lines:
            for column in model_columns:
                index = self.proxy.mapFromSource(self.model.index(line, column))
                if index.isValid():
                    selection.select(index, QItemSelectionModel.SelectionFlag.Select)

    def selected_cells(self) -> tuple[list[int], list[int], set[tuple[int, int]] | None]:
        """(lines in view order, table columns in order, selected (line, column) cells).

        A selected line-item cell stands for its whole line. With nothing selected, the whole
        table as shown (filtered and sorted) with every cell."""
        table = self.table
        if table is None:
            return [], [], set()
        all_columns = list(range(len(table.columns)))
        view_rows = [self.proxy.mapToSource(self.proxy.index(row, 0)).row() for row in range(self.proxy.rowCount())]
        positions = self._selection_positions()
        if not positions:
            return view_rows, all_columns, None
        cells: set[tuple[int, int]] = set()
        for line, model_column in positions:
            if model_column == 0:
                cells.update((line, column) for column in all_columns)
            else:
                cells.add((line, model_column - 1))
        lines = [line for line in view_rows if any(position[0] == line for position in positions)]
        columns = sorted({column for _, column in cells})
        return lines, columns, cells

    def selection_csv(self) -> str:
        lines, columns, cells = self.selected_cells()
        return selection_csv(self.table, lines, columns, cells)

    def selection_tsv(self) -> str:
        lines, columns, cells = self.selected_cells()
        return selection_tsv(self.table, lines, columns, cells)

    @Slot()
    def copy_selection(self) -> None:
        if self.table is not None:
            QGuiApplication.clipboard().setText(self.selection_tsv())

    def chart_data(self) -> ChartData | None:
        """The selected lines that have values, as a chart; None when none is selected."""
        table = self.table
        if table is None:
            return None
        lines, _, cells = self.selected_cells()
        if cells is None:
            return None
        charted = [line for line in lines if not table.lines[line].is_heading and any(key[0] == line for key in table.cells)]
        return chart_of_lines(table, charted) if charted else None

    @Slot()
    def request_chart(self) -> None:
        self.chart_requested.emit(self.chart_data())

    @Slot()
    def open_growth_dialog(self):
        """Growth (CAGR) of the selected lines, or of the whole statement, between two periods."""
        from gui.growth_dialog import GrowthDialog

        if self.statement is None:
            return None
        lines, _, cells = self.selected_cells()
        amounts = statement_table(self.statement, self.scale, self.show_derived)  # growth of amounts, never of shares
        chosen = [line for line in lines if not amounts.lines[line].is_heading] if cells is not None else []
        dialog = GrowthDialog(amounts, chosen or [line for line in range(len(amounts.lines)) if not amounts.lines[line].is_heading], self)
        dialog.open()
        return dialog
