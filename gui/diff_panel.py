"""The diff panel: YoY, QoQ or prior-period (balance sheets) moves of the current statement
(over every filing of the workspace for a combined one), coloured by what they mean (a cost
up is unfavourable, revenue up favourable) and by size, filtered by % and by amount, biggest
movers in money first, periods of different length marked, printed changes that disagree
flagged, moves of cells that fail a check left out; in common size, the moves of each line's
share of revenue or total assets."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.palette import DARK_INK, css, warning_colour
from gui.statement_panel import CELL_MARGIN, HEADER_MARGIN
from gui.table_model import LABEL_ALIGNMENT, NUMBER_ALIGNMENT, SORT_ROLE, AnyIndex, NumericSortProxy
from model.analysis.analyst_views import common_size_changes
from model.analysis.compare import Basis, Change, Rounding, compute_changes
from model.interpretation.periods import FiscalCalendar
from model.statements.statement import Statement
from model.views.checks import StatementChecks
from model.views.charts import ChartData, chart_of_changes
from model.views.diff import LEGEND, DiffOrder, DiffRow, diff_rows, moves_of_at_least, sort_rows
from model.views.formatting import DisplayScale, format_change_pct, format_difference, format_scaled

HEADERS = ["Line item", "Period", "Prior", "Value", "Prior value", "Change", "Change %", "Printed change"]
LINE, PERIOD, PRIOR, VALUE, PRIOR_VALUE, CHANGE, CHANGE_PCT, CHECK = range(len(HEADERS))
HEADER_TOOLTIPS = {
    VALUE: "The later period's amount, in the display scale",
    PRIOR_VALUE: "The earlier period's amount, in the display scale",
    CHANGE: "Value \u2212 prior value",
    CHANGE_PCT: "100 \u00d7 change / |prior value|; n/m when the prior value is zero",
    PERIOD: "The later period; \u2260 marks a comparison of periods of different length (a 12-week quarter against a 16-week one)",
    CHECK: "The change the filing prints for this line and period, held against the computed one",
}
FLAG_COLOUR = QColor(255, 193, 7)
MAX_LABEL_WIDTH = 340


class DiffTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[DiffRow] = []
        self._italic = QFont()
        self._italic.setItalic(True)
        self._bold = QFont()
        self._bold.setBold(True)
        self._flag = QBrush(FLAG_COLOUR)
        self._ink = QBrush(DARK_INK)
        self.base_rgb = (255, 255, 255)  # the view's background: highlights blend into it, light or dark

    def set_rows(self, rows: list[DiffRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LABEL_ALIGNMENT if column in (LINE, PERIOD, PRIOR, CHECK) else NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == CHECK and row.flagged:
                return self._flag
            rgb = row.highlight_rgb(self.base_rgb)
            return None if rgb is None else QBrush(QColor(*rgb))
        if role == Qt.ItemDataRole.ForegroundRole and column == CHECK and row.flagged:
            return self._ink  # over the amber flag, in any palette
        if role == Qt.ItemDataRole.FontRole:
            if column == CHECK and row.flagged:
                return self._bold
            return self._italic if row.derived and column in (PERIOD, PRIOR, VALUE, PRIOR_VALUE, CHANGE, CHANGE_PCT) else None
        if role == SORT_ROLE:
            return self.sort_value(index.row(), column)
        return None

    def sort_value(self, row: int, column: int):
        return self._sort_key(self.rows[row], column)

    @staticmethod
    def text(row: DiffRow, column: int) -> str:
        if column == LINE:
            return row.label
        if column == PERIOD:
            return f"{row.period_label} \u2260" if row.length_note else row.period_label
        if column == PRIOR:
            return row.prior_label
        if column == VALUE:
            return format_scaled(row.value)
        if column == PRIOR_VALUE:
            return format_scaled(row.prior_value)
        if column == CHANGE:
            return format_difference(row.change_value)
        if column == CHANGE_PCT:
            return format_change_pct(row.change_pct)
        return row.check_text()

    @staticmethod
    def _sort_key(row: DiffRow, column: int):
        if column == LINE:
            return row.change.line
        if column in (PERIOD, PRIOR):
            period = row.change.period if column == PERIOD else row.change.prior
            return period.end.toordinal() * 1000 + period.days
        if column == VALUE:
            return row.value.as_float
        if column == PRIOR_VALUE:
            return row.prior_value.as_float
        if column == CHANGE:
            return row.change_value.as_float
        if column == CHANGE_PCT:
            return None if row.change_pct is None else float(row.change_pct)
        return 2 if row.flagged else 1 if row.change.status is not None else 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TOOLTIPS.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LABEL_ALIGNMENT if section in (LINE, PERIOD, PRIOR, CHECK) else NUMBER_ALIGNMENT
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags


class DiffProxy(NumericSortProxy):
    """Header clicks sort by real numbers; rows without a number go last."""


class DiffPanel(QWidget):
    chart_requested = Signal(object)  # ChartData
    common_size_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.statement: Statement | None = None
        self.changes: list[Change] | None = None
        self._sized_changes: list[Change] | None = None  # computed when first asked for
        self.rounding = Rounding.HALF
        self.scale = DisplayScale.AS_REPORTED
        self.calendar: FiscalCalendar | None = None
        self.checks: StatementChecks | None = None

        self.basis_buttons = QButtonGroup(self)
        basis_bar = QHBoxLayout()
        basis_bar.setSpacing(0)
        for basis, tip in (
            (Basis.YOY, "Against the same period a year earlier"),
            (Basis.QOQ, "Against the quarter before (derived quarters where the filing prints only cumulative periods)"),
            (Basis.POP, "Against an earlier period of the same kind: a balance sheet against the prior year end or quarter end"),
        ):
            button = QToolButton()
            button.setText(basis.value)
            button.setCheckable(True)
            button.setToolTip(tip)
            button.setProperty("basis", basis.value)
            button.setChecked(basis is Basis.YOY)
            self.basis_buttons.addButton(button)
            basis_bar.addWidget(button)

        self.threshold = QDoubleSpinBox()
        self.threshold.setObjectName("threshold")
        self.threshold.setRange(0, 1000)
        self.threshold.setDecimals(1)
        self.threshold.setSingleStep(1)
        self.threshold.setSuffix(" %")
        self.threshold.setToolTip("Only moves of at least this many percent (0 shows every move)")
        self.threshold.lineEdit().setAcceptDrops(False)

        self.min_change = QDoubleSpinBox()
        self.min_change.setObjectName("minChange")
        self.min_change.setRange(0, 1e15)
        self.min_change.setDecimals(1)
        self.min_change.setSingleStep(10)
        self.min_change.setGroupSeparatorShown(True)
        self.min_change.setToolTip("Only money moves of at least this amount, in the display scale (0 shows every move; per-share, share and ratio lines are not filtered by amount)")
        self.min_change.lineEdit().setAcceptDrops(False)

        self.movers_box = QCheckBox("Biggest movers first")
        self.movers_box.setToolTip("Money lines by the size of the move, then by |change %|; share counts, per-share amounts and ratios after them, each among themselves")

        self.common_size_box = QCheckBox("Common size")
        self.common_size_box.setObjectName("diffCommonSize")
        self.common_size_box.setToolTip("Moves of each line's share of revenue (or of total assets), in percentage points")

        self.chart_button = QPushButton("Chart change %")
        self.chart_button.setToolTip("Chart the change % of the selected lines over every period, in a new tab")

        self.summary = QLabel()
        self.summary.setObjectName("diffSummary")
        # the summary takes the room left; it never widens the dock (and the window's minimum)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        bar = QHBoxLayout()
        bar.addLayout(basis_bar)
        bar.addSpacing(10)
        bar.addWidget(self.movers_box)
        bar.addWidget(self.common_size_box)
        bar.addSpacing(10)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.chart_button)

        self.model = DiffTableModel(self)
        self.proxy = DiffProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("diffTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setSortIndicatorClearable(True)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.empty = QLabel()
        self.empty.setObjectName("diffEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self.legend = QLabel()
        self.legend.setObjectName("diffLegend")
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the dock
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setText(
            " &nbsp; ".join(f"<span style='color:rgb{rgb}'>\u25a0</span> {name}" for rgb, name, _ in LEGEND)
            + " &nbsp; \u2260 periods of different length"
        )
        self.legend.setToolTip("\n".join(f"{name}: {meaning}" for _, name, meaning in LEGEND) + "\nDeeper colour: a bigger move in %")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Only moves \u2265"))
        filters.addWidget(self.threshold)
        filters.addWidget(QLabel("and \u2265"))
        filters.addWidget(self.min_change)
        filters.addSpacing(12)
        filters.addWidget(self.legend, 1)
        layout.addLayout(filters)

        self.basis_buttons.buttonClicked.connect(lambda _button: self.refresh())
        self.threshold.valueChanged.connect(lambda _value: self.refresh())
        self.min_change.valueChanged.connect(lambda _value: self.refresh())
        self.movers_box.toggled.connect(self._on_movers_toggled)
        self.common_size_box.toggled.connect(self._on_common_size_toggled)
        self.chart_button.clicked.connect(self.request_chart)
        self.refresh()

    @property
    def basis(self) -> Basis:
        checked = self.basis_buttons.checkedButton()
        return Basis(checked.property("basis")) if checked is not None else Basis.YOY

    @property
    def order(self) -> DiffOrder:
        return DiffOrder.MOVERS if self.movers_box.isChecked() else DiffOrder.STATEMENT

    def set_statement(
        self,
        statement: Statement | None,
        rounding: Rounding = Rounding.HALF,
        changes: list[Change] | None = None,
        calendar: FiscalCalendar | None = None,
        checks: StatementChecks | None = None,
    ) -> None:
        """Show a statement's moves; ``changes`` computed off the GUI thread spare it the work;
        ``checks`` leave out the moves of cells that fail them."""
        self.statement, self.rounding, self.calendar, self.checks = statement, rounding, calendar, checks
        self.changes = changes if changes is not None or statement is None else compute_changes(statement, rounding)
        self._sized_changes = None
        self.refresh()

    @property
    def common_size(self) -> bool:
        return self.common_size_box.isChecked()

    def set_common_size(self, on: bool) -> None:
        self.common_size_box.setChecked(on)

    @Slot(bool)
    def _on_common_size_toggled(self, on: bool) -> None:
        self.refresh()
        self.common_size_changed.emit(on)

    def shown_changes(self) -> list[Change] | None:
        """The changes the rows show: of the amounts, or of their shares in common size (None
        when the statement has no revenue or total-assets line to divide by)."""
        if not self.common_size or self.statement is None:
            return self.changes
        if self._sized_changes is None:
            self._sized_changes = common_size_changes(self.statement, self.rounding) or []
        return self._sized_changes

    def set_scale(self, scale: DisplayScale) -> None:
        self.scale = scale
        self.refresh()

    @Slot(bool)
    def _on_movers_toggled(self, _checked: bool) -> None:
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the chosen order, not a header's
        self.refresh()

    def _all_rows(self) -> list[DiffRow]:
        return diff_rows(
            self.statement, self.basis, self.rounding, self.scale, changes=self.shown_changes(), calendar=self.calendar, checks=self.checks, include_left_out=True
        )

    def refresh(self) -> None:
        if self.statement is None:
            self.model.set_rows([])
            self._show_empty("Open a filing to see how its lines moved.")
            return
        self.model.base_rgb = self.view.palette().color(QPalette.ColorRole.Base).getRgb()[:3]
        listed = self._all_rows()
        everything = [row for row in listed if not row.left_out]
        rows = sort_rows(moves_of_at_least(everything, self.threshold.value(), self.min_change.value()), self.order)
        self.model.set_rows(rows)
        flagged = sum(row.flagged for row in everything)
        summary = f"{len(rows)} of {len(everything)} {self.basis.value} moves"
        left_out = [row for row in listed if row.left_out]
        if left_out:
            summary += f" \u00b7 {len(left_out)} left out (a cell fails a check or has no settled period)"
            self.summary.setToolTip("Left out:\n" + "\n".join(f"{row.label}, {row.period_label}: {row.left_out}" for row in left_out[:30]))
        else:
            self.summary.setToolTip("")
        if self.common_size:
            summary += " of shares (pp)" if everything else ""
        if flagged:
            summary += f" \u00b7 <span style='color:{css(warning_colour(self.palette()))}'>\u26a0 {flagged} printed change(s) disagree</span>"
        self.summary.setText(summary)
        if rows:
            self.stack.setCurrentWidget(self.view)
            self._size_columns(rows)
        elif everything:
            self._show_empty(f"No {self.basis.value} move that large in {html.escape(self.statement.title)}.")
        elif self.common_size and not self._sized_changes:
            self._show_empty(f"{html.escape(self.statement.title)} has no revenue or total-assets line to show shares of.")
        else:
            others = [basis.value for basis in Basis if basis is not self.basis and diff_rows(self.statement, basis, self.rounding, changes=self.shown_changes())]
            hint = f" Try {' or '.join(others)}." if others else ""
            self._show_empty(f"{html.escape(self.statement.title)} has no periods to compare {self.basis.value}.{hint}")

    def _size_columns(self, rows: list[DiffRow]) -> None:
        """Widths measured from the texts in one pass (see StatementPanel._size_columns)."""
        font = QFont(self.view.font())
        font.setBold(True)  # flagged checks are bold
        metrics = QFontMetrics(font)
        header = self.view.horizontalHeader().fontMetrics()
        for column in range(len(HEADERS)):
            widest = max((metrics.horizontalAdvance(self.model.text(row, column)) for row in rows), default=0)
            width = max(widest + CELL_MARGIN, header.horizontalAdvance(HEADERS[column]) + HEADER_MARGIN)
            self.view.setColumnWidth(column, min(width, MAX_LABEL_WIDTH) if column == LINE else width)

    def _show_empty(self, message: str) -> None:
        self.empty.setText(message)
        self.stack.setCurrentWidget(self.empty)

    def selected_lines(self) -> list[int]:
        rows = sorted({self.proxy.mapToSource(index).row() for index in self.view.selectionModel().selectedRows()})
        return list(dict.fromkeys(self.model.rows[row].change.line for row in rows))

    def chart_data(self) -> ChartData | None:
        """Change % over every period for the selected lines (all rows' basis, unfiltered)."""
        lines = self.selected_lines()
        if self.statement is None or not lines:
            return None
        return chart_of_changes([row for row in self._all_rows() if not row.left_out], lines)

    @Slot()
    def request_chart(self) -> None:
        self.chart_requested.emit(self.chart_data())
