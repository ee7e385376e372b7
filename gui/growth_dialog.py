"""Growth over a chosen span: the compound annual growth rate (CAGR) of lines between two
periods of the same length (a year to a year, a quarter to a quarter)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.analysis.analyst_views import comparable_columns
from model.views.growth import growth_rows, span_years
from model.views.table import StatementTable

HEADERS = ["Line item", "From", "To", "CAGR"]


class GrowthDialog(QDialog):
    def __init__(self, table: StatementTable, lines: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("growthDialog")
        self.setWindowTitle("Growth over a span (CAGR)")
        self.table = table
        self.lines = lines
        statement = table.statement
        self.starts = [j for j in statement.period_columns() if comparable_columns(statement, j)]

        self.from_box = QComboBox()
        self.from_box.setObjectName("growthFrom")
        self.to_box = QComboBox()
        self.to_box.setObjectName("growthTo")
        for column in self.starts:
            self.from_box.addItem(table.period_label(column), column)
            self.from_box.setItemData(self.from_box.count() - 1, table.columns[column].tooltip(), Qt.ItemDataRole.ToolTipRole)
        self.span_label = QLabel()
        self.span_label.setObjectName("growthSpan")

        self.results = QTableWidget(0, len(HEADERS))
        self.results.setObjectName("growthResults")
        self.results.setHorizontalHeaderLabels(HEADERS)
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(HEADERS)):
            self.results.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        form = QFormLayout()
        form.addRow("From:", self.from_box)
        form.addRow("To:", self.to_box)
        form.addRow("", self.span_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)

        self.from_box.currentIndexChanged.connect(self._fill_ends)
        self.to_box.currentIndexChanged.connect(self.refresh)
        if not self.starts:
            self.span_label.setText("This statement has no two periods of the same length to grow between.")
            return
        self._choose_widest_span()

    def _choose_widest_span(self) -> None:
        """Start with the longest periods (years before quarters), earliest to latest."""
        statement = self.table.statement
        longest = max(self.starts, key=lambda j: (statement.columns[j].period.days, -j))
        earliest = min((j for j in self.starts if abs(statement.columns[j].period.days - statement.columns[longest].period.days) <= 8), key=lambda j: statement.columns[j].period.end)
        self.from_box.setCurrentIndex(self.starts.index(earliest))
        self._fill_ends()
        self.to_box.setCurrentIndex(self.to_box.count() - 1)

    @Slot()
    def _fill_ends(self) -> None:
        start = self.from_box.currentData()
        self.to_box.blockSignals(True)  # filled anew: one refresh afterwards, not one per item
        self.to_box.clear()
        for column in comparable_columns(self.table.statement, start) if start is not None else []:
            self.to_box.addItem(self.table.period_label(column), column)
            self.to_box.setItemData(self.to_box.count() - 1, self.table.columns[column].tooltip(), Qt.ItemDataRole.ToolTipRole)
        self.to_box.setCurrentIndex(self.to_box.count() - 1)
        self.to_box.blockSignals(False)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        first, last = self.from_box.currentData(), self.to_box.currentData()
        if first is None or last is None:
            self.results.setRowCount(0)
            return
        self.span_label.setText(f"over {span_years(self.table, first, last):.2f} years")
        rows = growth_rows(self.table, self.lines, first, last)
        self.results.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, text in enumerate((row.label, row.first, row.last, row.cagr_text)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.results.setItem(number, column, item)
