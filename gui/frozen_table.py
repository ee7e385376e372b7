"""A table whose first column (the line items) stays put while the periods scroll sideways,
as in a spreadsheet with frozen panes: a workspace has more periods than fit, and numbers
without their labels cannot be read.

Qt's frozen-column pattern: a second view over the left edge shows only column 0 and shares
the model and the selection model; the two views scroll together vertically."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class FrozenColumnTableView(QTableView):
    resized = Signal()  # the table's own size changed (its panel may not have)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.frozen = QTableView(self)
        self.frozen.setObjectName(name)  # the style sheet's look for the table applies to both
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the table; the column only shows
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.horizontalHeader().setHighlightSections(False)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setCornerButtonEnabled(False)
        self.frozen.setStyleSheet("QTableView { border: none; border-right: 1px solid #c9d0d8; }")
        self.frozen.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.viewport().stackUnder(self.frozen)

        self.horizontalHeader().sectionResized.connect(self._on_column_resized)
        self.horizontalHeader().sortIndicatorChanged.connect(lambda section, order: self.frozen.horizontalHeader().setSortIndicator(section, order))
        self.frozen.horizontalHeader().sectionClicked.connect(self._sort_by_labels)
        self.verticalHeader().sectionResized.connect(lambda row, _old, size: self.frozen.setRowHeight(row, size))
        self.frozen.verticalScrollBar().valueChanged.connect(lambda value: self.verticalScrollBar().setValue(value))
        self.verticalScrollBar().valueChanged.connect(lambda value: self.frozen.verticalScrollBar().setValue(value))
        self.frozen.customContextMenuRequested.connect(self._forward_context_menu)

    # ------------------------------------------------------------------ the same look and data

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        if model is not None:
            for signal in (model.modelReset, model.columnsInserted, model.layoutChanged):
                signal.connect(self._show_first_column_only)
        self._show_first_column_only()

    def setAlternatingRowColors(self, enable: bool) -> None:
        super().setAlternatingRowColors(enable)
        self.frozen.setAlternatingRowColors(enable)

    def setWordWrap(self, on: bool) -> None:
        super().setWordWrap(on)
        self.frozen.setWordWrap(on)

    def setSelectionMode(self, mode: QAbstractItemView.SelectionMode) -> None:
        super().setSelectionMode(mode)
        self.frozen.setSelectionMode(mode)

    def setSelectionBehavior(self, behavior: QAbstractItemView.SelectionBehavior) -> None:
        super().setSelectionBehavior(behavior)
        self.frozen.setSelectionBehavior(behavior)

    def set_row_height(self, height: int) -> None:
        self.verticalHeader().setDefaultSectionSize(height)
        self.frozen.verticalHeader().setDefaultSectionSize(height)

    @Slot()
    def _show_first_column_only(self) -> None:
        model = self.model()
        columns = model.columnCount() if model is not None else 0
        for column in range(columns):
            self.frozen.setColumnHidden(column, column != 0)
        self.frozen.setVisible(columns > 0)
        if columns:
            self.frozen.setColumnWidth(0, self.columnWidth(0))
            self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self._place_frozen()

    # ------------------------------------------------------------------ staying in place

    def _place_frozen(self) -> None:
        frame = self.frameWidth()
        self.frozen.setGeometry(
            self.verticalHeader().width() + frame, frame, self.columnWidth(0), self.viewport().height() + self.horizontalHeader().height()
        )

    @Slot(int, int, int)
    def _on_column_resized(self, column: int, _old: int, size: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, size)
            self._place_frozen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_frozen()
        self.resized.emit()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):  # Qt lays out once before __init__ has made it
            self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
            self._place_frozen()

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Moving left never leaves the current cell under the frozen column."""
        current = super().moveCursor(action, modifiers)
        hidden = self.visualRect(current).left() < self.columnWidth(0)
        if action is QAbstractItemView.CursorAction.MoveLeft and current.column() > 0 and hidden:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + self.visualRect(current).left() - self.columnWidth(0))
        return current

    # ------------------------------------------------------------------ the column's own header and menu

    @Slot(int)
    def _sort_by_labels(self, _section: int) -> None:
        """A click on the frozen header sorts by line item, as the table's own header would."""
        if not self.isSortingEnabled():
            return
        header = self.horizontalHeader()
        ascending = header.sortIndicatorSection() != 0 or header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder)

    @Slot(QPoint)
    def _forward_context_menu(self, position: QPoint) -> None:
        self.customContextMenuRequested.emit(self.viewport().mapFrom(self.frozen.viewport(), position))
