"""The statement table: a QAbstractTableModel over one laid-out statement, and the proxy
that sorts and filters it without ever reordering the statement."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette

from model.views.selections import LINE_ITEM_HEADER
from gui.palette import DARK_INK, NEGATIVE_ON_LIGHT, muted_colour, negative_colour
from model.views.table import StatementTable, TableCell

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # real numbers (or the plain label) for sorting

INDENT = "\u2003"  # one em space per hierarchy level keeps indentation in any font
NEGATIVE_COLOUR = NEGATIVE_ON_LIGHT
PROBLEM_COLOUR = QColor(255, 214, 153)
RESTATED_COLOUR = QColor(221, 208, 246)  # violet: apart from the orange of a failed check
JOINED_MARK = " \u21c4"  # after a line the filings print under different labels

NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LABEL_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

AnyIndex = QModelIndex | QPersistentModelIndex


def _font(bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setBold(bold)
    font.setItalic(italic)
    return font


class StatementTableModel(QAbstractTableModel):
    """Column 0 is the line item, then one column per statement column in the table's order.
    Every role is answered explicitly; anything else is None."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._table: StatementTable | None = None
        self._fonts = {(b, i): _font(b, i) for b in (False, True) for i in (False, True)}
        self._ink = QBrush(DARK_INK)
        self.set_palette(QPalette())
        self._problem = QBrush(PROBLEM_COLOUR)
        self._restated = QBrush(RESTATED_COLOUR)

    def set_palette(self, palette: QPalette) -> None:
        """Negatives and derived headers in colours that read on this palette's background."""
        self._negative = QBrush(negative_colour(palette))
        self._muted = QBrush(muted_colour(palette))
        self._dark_negative = QBrush(NEGATIVE_ON_LIGHT)  # over the pale highlights

    @property
    def table(self) -> StatementTable | None:
        return self._table

    def set_table(self, table: StatementTable | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._table is None else len(self._table.lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self._table is None else 1 + len(self._table.columns)

    def statement_column(self, model_column: int) -> int | None:
        """The statement column a model column shows; None for the line-item column."""
        return None if model_column == 0 else model_column - 1

    def cell(self, index: AnyIndex) -> TableCell | None:
        column = self.statement_column(index.column())
        if self._table is None or column is None:
            return None
        return self._table.cells.get((index.row(), column))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if self._table is None or not index.isValid():
            return None
        line = self._table.lines[index.row()]
        if index.column() == 0:
            return self._label_data(index.row(), line, role)
        cell = self.cell(index)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.FontRole:
            return self._fonts[(line.is_total, cell is not None and cell.derived)]
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell.problem or cell.restated:  # a pale highlight: dark text on it, in any palette
                return self._dark_negative if cell.negative else self._ink
            return self._negative if cell.negative else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._problem if cell.problem else self._restated if cell.restated else None
        if role == SORT_ROLE:
            return self.sort_value(index.row(), index.column())
        return None

    def sort_value(self, row: int, column: int) -> float | str | None:
        """What SORT_ROLE answers, without a round trip through QVariant."""
        if self._table is None:
            return None
        if column == 0:
            return self._table.lines[row].label.casefold()
        cell = self._table.cells.get((row, column - 1))
        return None if cell is None else cell.value

    def _label_data(self, row: int, line, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return INDENT * line.level + line.label + (JOINED_MARK if row in self._table.line_notes else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._table.line_tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LABEL_ALIGNMENT
        if role == Qt.ItemDataRole.FontRole:
            return self._fonts[(line.is_total or line.is_heading, False)]
        if role == SORT_ROLE:
            return self.sort_value(row, 0)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self._table is None or orientation != Qt.Orientation.Horizontal:
            return None
        column = self.statement_column(section)
        spec = None if column is None else self._table.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return LINE_ITEM_HEADER if spec is None else self._table.header(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Line items ({self._table.caption} unless a line says otherwise)" if spec is None else self._table.header_tooltip(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LABEL_ALIGNMENT if spec is None else NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.FontRole and spec is not None and spec.derived:
            return self._fonts[(False, True)]
        if role == Qt.ItemDataRole.ForegroundRole and spec is not None and spec.derived:
            return self._muted
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class NumericSortProxy(QSortFilterProxyModel):
    """Header clicks sort by the real numbers of the source's ``sort_value``; rows without a
    number go last whatever the order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        model = self.sourceModel()
        return values_less_than(
            model.sort_value(left.row(), left.column()),
            model.sort_value(right.row(), right.column()),
            self.sortOrder() == Qt.SortOrder.AscendingOrder,
        )


class StatementFilterProxy(NumericSortProxy):
    """Sorts by real numbers and keeps the lines whose label or section contains the search text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_search(self, text: str) -> None:
        needle = " ".join(text.split()).casefold()
        if needle != self._needle:
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        table = model.table if isinstance(model, StatementTableModel) else None
        if table is None:
            return True
        line = table.lines[source_row]
        haystack = " ".join((table.labels[source_row], *line.section)).casefold()
        return self._needle in haystack


def values_less_than(a, b, ascending: bool) -> bool:
    """Numbers (or labels) in order, and empty cells after every value whichever way the
    column sorts (Qt reverses the comparison for a descending sort)."""
    if a is None or b is None:
        return (a is not None and b is None) == ascending and a is not b
    return a < b
