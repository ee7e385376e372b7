"""The centre of the window: one statement as a table, with search, display scale, derived
periods, common size, growth over a span, copy, export and "Chart selection"; for a combined
statement of the workspace also which value restated cells show, and joining or splitting
rows."""

from __future__ import annotations

import html

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.frozen_table import FrozenColumnTableView
from gui.palette import css, muted_colour
from gui.table_exports import TableExports
from gui.table_selection import TableSelection
from gui.table_model import INDENT, StatementFilterProxy, StatementTableModel
from model.analysis.compare import Rounding
from model.interpretation.periods import FiscalCalendar
from model.statements.statement import Statement
from model.views.checks import StatementChecks
from model.views.period_filters import PeriodFilter
from model.views.formatting import DisplayScale
from model.views.table import StatementTable, statement_table
from model.views.workspace import CombinedView
from model.analysis.workspace import Choice

SCALE_TOOLTIPS = {
    DisplayScale.AS_REPORTED: "Amounts as the filing prints them",
    DisplayScale.THOUSANDS: "Money amounts in thousands (shares, per-share amounts and percentages stay as printed)",
    DisplayScale.MILLIONS: "Money amounts in millions (shares, per-share amounts and percentages stay as printed)",
    DisplayScale.BILLIONS: "Money amounts in billions (shares, per-share amounts and percentages stay as printed)",
}


HEADER_MARGIN = 34  # padding of the style sheet and the sort indicator
CELL_MARGIN = 24  # padding of the style sheet and the grid line
MIN_NUMBER_WIDTH = 90
MIN_LABEL_WIDTH = 200
LABEL_SHARE = 0.38  # of the table's width the line items may take when the periods do not fit


class StatementPanel(TableSelection, TableExports, QWidget):
    chart_requested = Signal(object)  # ChartData
    scale_changed = Signal(object)  # DisplayScale
    show_derived_changed = Signal(bool)
    common_size_changed = Signal(bool)
    period_filter_changed = Signal(object)  # PeriodFilter
    current_cell_changed = Signal(object)  # the statement Cell under the table's cursor, or None
    source_requested = Signal(object)  # a Cell double-clicked (or Ctrl+G): show where it was printed
    choice_changed = Signal(object)  # Choice
    join_requested = Signal(int, int)  # two statement lines of the combined statement shown
    split_requested = Signal(int)  # a statement line of the combined statement shown

    def __init__(self, scale: DisplayScale = DisplayScale.AS_REPORTED, show_derived: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.statement: Statement | None = None
        self.checks: StatementChecks | None = None
        self.combined: CombinedView | None = None
        self.rounding = Rounding.HALF
        self.calendar: FiscalCalendar | None = None
        self.file_name = ""
        self._label_width = MIN_LABEL_WIDTH

        self.title = QLabel()
        self.title.setObjectName("statementTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search line items (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Show only the lines whose label or section contains this text")
        self.search.setAcceptDrops(False)  # files dropped here open as filings, like anywhere else

        self.scale_box = QComboBox()
        self.scale_box.setObjectName("scale")
        for option in DisplayScale:
            self.scale_box.addItem(option.value.capitalize(), option)
            self.scale_box.setItemData(self.scale_box.count() - 1, SCALE_TOOLTIPS[option], Qt.ItemDataRole.ToolTipRole)
        self.scale_box.setToolTip("Show money amounts in another scale")
        self.scale_box.setCurrentIndex(list(DisplayScale).index(scale))

        self.unit_label = QLabel()
        self.unit_label.setObjectName("unitCaption")
        self.unit_label.setToolTip("Unit and scale of the amounts shown")
        self.unit_label.setMinimumWidth(40)  # shortened in a narrow window rather than widening it

        self.period_box = QComboBox()
        self.period_box.setObjectName("periodFilter")
        for option in PeriodFilter:
            self.period_box.addItem(option.value, option)
            self.period_box.setItemData(self.period_box.count() - 1, option.tooltip, Qt.ItemDataRole.ToolTipRole)
        self.period_box.setToolTip("Which periods the table and its charts show: quarters only, year to date, years, balance-sheet dates or TTM")

        self.derived_box = QCheckBox("Derived periods")
        self.derived_box.setChecked(show_derived)
        self.derived_box.setToolTip(
            "Add quarters and halves computed from cumulative periods (1Q = 1H \u2212 2Q), shown in italics and marked \u201c(derived)\u201d"
        )

        self.common_size_box = QCheckBox("Common size")
        self.common_size_box.setObjectName("commonSize")
        self.common_size_box.setToolTip("Every amount as a % of revenue (income, cash flows) or of total assets (balance sheets)")

        self.chart_button = QPushButton("Chart selection")
        self.chart_button.setToolTip("Chart the selected lines in a new tab (Ctrl+Shift+C)")
        self.growth_action = QAction("Growth (CAGR)\u2026", self)
        self.growth_action.setToolTip("Compound annual growth of the selected lines between two periods you choose")
        self.growth_action.triggered.connect(self.open_growth_dialog)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addSpacing(8)
        bar.addWidget(QLabel("Scale:"))
        bar.addWidget(self.scale_box)
        bar.addWidget(self.unit_label)
        bar.addSpacing(8)
        bar.addWidget(self.derived_box)
        bar.addWidget(self.common_size_box)
        bar.addStretch(1)
        bar.addWidget(self.chart_button)

        self.choice_box = QComboBox()
        self.choice_box.setObjectName("choice")
        for choice in Choice:
            self.choice_box.addItem(choice.value.capitalize(), choice)
        self.choice_box.setToolTip("Which value a cell shows when filings reported it differently (restated cells are highlighted)")
        self.choice_label = QLabel("Show:")
        self.restated_label = QLabel()
        self.restated_label.setObjectName("restatedCount")
        self.join_button = QPushButton("Join rows")
        self.join_button.setObjectName("joinRows")
        self.split_button = QPushButton("Split row")
        self.split_button.setObjectName("splitRow")
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(QLabel("Periods:"))
        title_row.addWidget(self.period_box)
        self.workspace_tools = [self.restated_label, self.choice_label, self.choice_box, self.join_button, self.split_button]
        for widget in self.workspace_tools:
            title_row.addWidget(widget)

        self.model = StatementTableModel(self)
        self.proxy = StatementFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = FrozenColumnTableView("statementTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # statement order until a header is clicked
        self.view.horizontalHeader().setSortIndicatorClearable(True)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.frozen.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        self.view.verticalHeader().setVisible(False)
        self.view.set_row_height(self.fontMetrics().height() + 8)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setToolTip("")

        self.copy_action = QAction("Copy", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.setToolTip("Copy the selected cells as tab-separated text for a spreadsheet")
        self.copy_action.triggered.connect(self.copy_selection)
        self.view.addAction(self.copy_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(title_row)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.view.selectionModel().selectionChanged.connect(self._select_whole_lines)
        self.view.selectionModel().selectionChanged.connect(self._update_row_tools)
        self.view.selectionModel().currentChanged.connect(lambda current, _previous: self.current_cell_changed.emit(self.cell_at(current)))
        self.view.doubleClicked.connect(lambda index: self.source_requested.emit(self.cell_at(index)))
        self.search.textChanged.connect(self.proxy.set_search)
        self.scale_box.currentIndexChanged.connect(self._on_scale_chosen)
        self.derived_box.toggled.connect(self._on_derived_toggled)
        self.period_box.currentIndexChanged.connect(self._on_period_filter_chosen)
        self.common_size_box.toggled.connect(self._on_common_size_toggled)
        self.choice_box.currentIndexChanged.connect(lambda _index: self.choice_changed.emit(self.choice))
        self.join_button.clicked.connect(self.request_join)
        self.split_button.clicked.connect(self.request_split)
        self.chart_button.clicked.connect(self.request_chart)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self.view.resized.connect(self._fit_label_column)  # the table's width, once laid out
        self._show_workspace_tools(False)

    # ------------------------------------------------------------------ state

    @property
    def scale(self) -> DisplayScale:
        return self.scale_box.currentData()

    def set_scale(self, scale: DisplayScale) -> None:
        self.scale_box.setCurrentIndex(list(DisplayScale).index(scale))

    @property
    def show_derived(self) -> bool:
        return self.derived_box.isChecked()

    def set_show_derived(self, show: bool) -> None:
        self.derived_box.setChecked(show)

    @property
    def period_filter(self) -> PeriodFilter:
        return self.period_box.currentData()

    def set_period_filter(self, period_filter: PeriodFilter) -> None:
        self.period_box.setCurrentIndex(list(PeriodFilter).index(period_filter))

    @property
    def common_size(self) -> bool:
        return self.common_size_box.isChecked()

    def set_common_size(self, on: bool) -> None:
        self.common_size_box.setChecked(on)

    @property
    def choice(self) -> Choice:
        return self.choice_box.currentData()

    def set_choice(self, choice: Choice) -> None:
        with QSignalBlocker(self.choice_box):  # the workspace's own choice coming back: no request
            self.choice_box.setCurrentIndex(list(Choice).index(choice))

    @property
    def table(self) -> StatementTable | None:
        return self.model.table

    def show_statement(
        self,
        statement: Statement | None,
        checks: StatementChecks | None = None,
        file_name: str = "",
        rounding: Rounding = Rounding.HALF,
        combined: CombinedView | None = None,
        keep_place: bool = False,
        calendar: FiscalCalendar | None = None,
    ) -> None:
        """Show a statement; ``combined`` when it is a statement of the workspace. With
        ``keep_place`` (the same statement computed again) search, sort, scroll position
        and selected lines stay."""
        self.statement, self.checks, self.file_name, self.rounding, self.combined = statement, checks, file_name, rounding, combined
        self.calendar = calendar
        self._show_workspace_tools(combined is not None)
        if combined is not None:
            self.set_choice(combined.reports.choice)
        if keep_place:
            lines = self._selected_lines()
            scroll = self.view.verticalScrollBar().value()
            self._rebuild()
            self.select_lines(lines)
            self.view.verticalScrollBar().setValue(scroll)
            return
        self.search.clear()
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self._rebuild()
        self.view.scrollToTop()

    def _show_workspace_tools(self, shown: bool) -> None:
        for widget in self.workspace_tools:
            widget.setVisible(shown)
        self._update_row_tools()

    def _rebuild(self) -> None:
        if self.statement is None:
            self.model.set_table(None)
            self.title.clear()
            self.unit_label.clear()
            return
        self.model.set_palette(self.view.palette())
        table = statement_table(
            self.statement, self.scale, self.show_derived, self.checks, self.combined, self.common_size, self.period_filter, self.calendar
        )
        self.model.set_table(table)
        muted = css(muted_colour(self.palette()))
        self.title.setText(f"<b>{html.escape(self.statement.title)}</b> <span style='color:{muted}'>\u00b7 {self.statement.kind.value}</span>")
        where = f"every period of {len(self.combined.files)} filings: " + ", ".join(self.combined.files) if self.combined is not None else self.file_name
        self.title.setToolTip(f"{self.statement.title}\n{self.statement.kind.value} in {where}")
        caption = table.caption
        if self.common_size and table.common_size_base is None:
            caption += " (no revenue or total-assets line for common size)"
        if not table.filter_applied:
            caption += f" · no {self.period_filter.value.lower()} here: every column shown"
        self.unit_label.setText(caption)
        if self.combined is not None:
            count = self.combined.restated_count
            self.restated_label.setText(f"<span style='background:#ddd0f6; color:#14181e'>&nbsp;{count} restated&nbsp;</span>" if count else "no restatements")
            self.restated_label.setToolTip("Values a later filing reported differently; their tooltips list every value and where it was printed")
        self._size_columns()
        self._update_row_tools()

    def _size_columns(self) -> None:
        """Widths from the formatted texts, measured here in one pass: Qt's own sizing asks the
        model for every cell, and each of those calls waits for the GIL while a filing loads."""
        table = self.table
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        font = QFont(self.view.font())
        font.setBold(True)  # totals are bold: measure every text as if it were
        metrics = QFontMetrics(font)
        widths: dict[int, int] = {}
        for (_, column), cell in table.cells.items():
            widths[column] = max(widths.get(column, 0), metrics.horizontalAdvance(cell.text))
        header_metrics = self.view.horizontalHeader().fontMetrics()
        for column in range(len(table.columns)):
            header = table.header(column)
            # headers wrap to two short lines: the widest line, not Qt's one-line size hint
            header_width = max(header_metrics.horizontalAdvance(line) for line in header.split("\n")) + HEADER_MARGIN
            self.view.setColumnWidth(column + 1, max(header_width, widths.get(column, 0) + CELL_MARGIN, MIN_NUMBER_WIDTH))
        self._label_width = CELL_MARGIN + max(
            (metrics.horizontalAdvance(INDENT * line.level + line.label) for line in table.lines), default=MIN_LABEL_WIDTH
        )
        self._fit_label_column()

    def _fit_label_column(self) -> None:
        """Line items take the room the numbers leave, up to their longest label; with more
        periods than fit (a workspace) still a share of the width, as the periods scroll
        under the frozen labels."""
        if self.model.columnCount() == 0:
            return
        numbers = sum(self.view.columnWidth(column) for column in range(1, self.model.columnCount()))
        room = self.view.viewport().width() - numbers
        if room < MIN_LABEL_WIDTH:  # the periods do not all fit anyway: labels keep a share
            room = round(self.view.viewport().width() * LABEL_SHARE)
        self.view.setColumnWidth(0, max(MIN_LABEL_WIDTH, min(self._label_width, room)))

    @Slot(int)
    def _on_scale_chosen(self, _index: int) -> None:
        selection = self._selection_positions()
        self._rebuild()
        self._restore_selection(selection)
        self.scale_changed.emit(self.scale)

    @Slot(int)
    def _on_period_filter_chosen(self, _index: int) -> None:
        lines = self._selected_lines()
        self._rebuild()
        self.select_lines(lines)
        self.period_filter_changed.emit(self.period_filter)

    @Slot(bool)
    def _on_derived_toggled(self, show: bool) -> None:
        self._rebuild()
        self.show_derived_changed.emit(show)

    @Slot(bool)
    def _on_common_size_toggled(self, on: bool) -> None:
        self._rebuild()
        self.common_size_changed.emit(on)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
