"""The statement table of the reference document: chronological period columns, numbers
formatted as specified, scale selector, derived periods, tooltips, sorting and search."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.statement_panel import StatementPanel
from gui.table_model import NEGATIVE_COLOUR, PROBLEM_COLOUR, SORT_ROLE
from model.views.checks import check_statement
from model.views.formatting import DisplayScale
from tests.support import REFERENCE, needs_filings
from tests.test_views import synthetic_statement

pytestmark = pytest.mark.usefixtures("isolated_user_folders")

INCOME = "Consolidated Statements of Income and Consolidated Statements of Comprehensive Income"
PERIODS = [
    "3M Sep 30 2016 Three Months Ended September 30, 2016",
    "6M YTD Sep 30 2016 Six Months Ended September 30, 2016",
    "3M Sep 30 2017 Three Months Ended September 30, 2017",
    "6M YTD Sep 30 2017 Six Months Ended September 30, 2017",
]


@pytest.fixture
def reference_window(main_window, load_filings):
    if not REFERENCE.exists():
        pytest.skip("the reference document (../shared/filings/iij-1h-fy2017-release.txt) is not on this machine")
    loaded, failures = load_filings(main_window, [REFERENCE])
    assert (loaded, failures) == (1, [])
    return main_window


def _model(window):
    return window.statement_panel.model


def _header(model, column: int) -> str:
    return " ".join(model.headerData(column, Qt.Orientation.Horizontal).split())


def _row(model, label: str) -> int:
    rows = [r for r in range(model.rowCount()) if model.data(model.index(r, 0)).strip() == label]
    assert rows, label
    return rows[0]


def _text(model, label: str, period: str) -> str:
    column = next(c for c in range(model.columnCount()) if _header(model, c) == period)
    return model.data(model.index(_row(model, label), column))


@needs_filings
def test_the_merged_income_statement_opens_with_periods_in_chronological_order(reference_window):
    panel = reference_window.statement_panel
    assert panel.statement.title == INCOME
    model = _model(reference_window)
    assert [_header(model, c) for c in range(model.columnCount())] == ["Line item", *PERIODS]
    periods = [panel.table.columns[c].period for c in range(4)]
    assert [p.end.isoformat() for p in periods] == ["2016-09-30", "2016-09-30", "2017-09-30", "2017-09-30"]
    assert [p.days for p in periods] == sorted([p.days for p in periods[:2]]) + sorted([p.days for p in periods[2:]])
    assert "2016-07-01 to 2016-09-30" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


@needs_filings
def test_values_have_separators_parentheses_red_negatives_and_an_em_dash_for_nil(reference_window):
    model = _model(reference_window)
    assert _text(model, "Total revenues", PERIODS[0]) == "37,944,019"
    interest = _row(model, "Interest expense")
    negative = model.index(interest, 3)
    assert model.data(negative) == "(95,433)"
    assert model.data(negative, Qt.ItemDataRole.ForegroundRole).color() == NEGATIVE_COLOUR
    assert model.data(negative, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.data(negative, SORT_ROLE) == -95433
    nil = model.index(_row(model, "Net gain on sales of other investments"), 4)
    assert model.data(nil) == "\u2014"
    total = model.index(_row(model, "Total revenues"), 1)
    assert model.data(total, Qt.ItemDataRole.FontRole).bold()
    assert "line" in model.data(total, Qt.ItemDataRole.ToolTipRole) and "printed: 37,944,019" in model.data(total, Qt.ItemDataRole.ToolTipRole)


@needs_filings
def test_the_scale_selector_changes_the_numbers_and_the_unit_shown(reference_window):
    panel = reference_window.statement_panel
    model = _model(reference_window)
    assert panel.unit_label.text() == "JPY thousands"
    panel.scale_box.setCurrentIndex(panel.scale_box.findData(DisplayScale.MILLIONS))
    assert _text(model, "Total revenues", PERIODS[0]) == "37,944.0"
    assert panel.unit_label.text() == "JPY millions"
    panel.set_scale(DisplayScale.BILLIONS)
    assert _text(model, "Total revenues", PERIODS[3]) == "83.0"
    basic_eps = _text(model, "BASIC NET INCOME PER SHARE (JPY)", PERIODS[3])
    assert basic_eps == "33.02", "per-share amounts are never rescaled"
    assert reference_window.settings.scale() is DisplayScale.BILLIONS


@needs_filings
def test_derived_periods_can_be_shown_in_italics_and_marked(reference_window):
    panel = reference_window.statement_panel
    model = _model(reference_window)
    panel.derived_box.setChecked(True)
    headers = [_header(model, c) for c in range(model.columnCount())]
    derived = [c for c, h in enumerate(headers) if "(derived)" in h]
    assert len(derived) == 2
    assert model.headerData(derived[1], Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole).italic()
    cell = model.index(_row(model, "Total revenues"), derived[1])
    assert model.data(cell, Qt.ItemDataRole.FontRole).italic()
    assert model.data(cell) == "40,963,905"
    assert "not printed in the filing" in model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert reference_window.derived_action.isChecked()


@needs_filings
def test_sorting_and_search_go_through_the_proxy_and_never_reorder_the_statement(reference_window):
    panel = reference_window.statement_panel
    labels_before = [line.label for line in panel.statement.lines]
    panel.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    first = panel.proxy.index(0, 0).data().strip()
    assert first == "DILUTED WEIGHTED-AVERAGE NUMBER OF ADS EQUIVALENTS (ADSs)", "the biggest number, not the longest text"
    values = [panel.proxy.index(r, 4).data(SORT_ROLE) for r in range(panel.proxy.rowCount())]
    numbers = [v for v in values if v is not None]
    assert numbers == sorted(numbers, reverse=True)
    assert values[len(numbers):] == [None] * (len(values) - len(numbers)), "empty cells sort last"
    assert [line.label for line in panel.statement.lines] == labels_before
    panel.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    panel.search.setText("income")
    shown = [panel.proxy.mapToSource(panel.proxy.index(r, 0)).row() for r in range(panel.proxy.rowCount())]
    lines = panel.statement.lines
    assert shown and all("income" in " ".join((lines[i].label, *lines[i].section)).lower() for i in shown), "a label or its section matches"
    assert len(shown) < panel.model.rowCount()
    assert _row(panel.model, "Dividend income") in shown


@needs_filings
def test_ctrl_f_focuses_the_search_box(reference_window, qtbot):
    reference_window.activateWindow()
    assert reference_window.find_action.shortcut().toString() == "Ctrl+F"
    reference_window.find_action.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reference_window.statement_panel.search)


@needs_filings
def test_clicking_line_items_selects_whole_lines_and_ctrl_click_adds_more(reference_window, qtbot):
    panel = reference_window.statement_panel
    revenues, operating = _row(panel.model, "Total revenues"), _row(panel.model, "OPERATING INCOME")
    for line, modifier in ((revenues, Qt.KeyboardModifier.NoModifier), (operating, Qt.KeyboardModifier.ControlModifier)):
        index = panel.proxy.mapFromSource(panel.model.index(line, 0))
        panel.view.scrollTo(index)
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, modifier, panel.view.visualRect(index).center())
    lines, columns, cells = panel.selected_cells()
    assert lines == [revenues, operating]
    assert columns == [0, 1, 2, 3]
    assert len(cells) == 8
    assert len(panel.view.selectionModel().selectedIndexes()) == 2 * panel.model.columnCount(), "whole lines are selected"


def test_cells_that_fail_a_check_are_marked_with_the_check_in_the_tooltip(qtbot):
    statement = synthetic_statement()
    panel = StatementPanel()
    qtbot.addWidget(panel)
    panel.show_statement(statement, check_statement(statement), "synthetic.txt")
    model = panel.model
    total_1h17 = model.index(3, 1 + next(j for j, c in enumerate(panel.table.columns) if c.label == "1H17"))
    assert model.data(total_1h17, Qt.ItemDataRole.BackgroundRole).color() == PROBLEM_COLOUR
    assert "does not foot" in model.data(total_1h17, Qt.ItemDataRole.ToolTipRole)
    fine = model.index(0, 1)
    assert model.data(fine, Qt.ItemDataRole.BackgroundRole) is None
    indented = model.data(model.index(2, 0))
    assert indented.startswith("\u2003") and indented.strip() == "Other"


@needs_filings
def test_the_line_items_stay_in_place_while_the_periods_scroll_sideways(reference_window):
    panel = reference_window.statement_panel
    panel.set_show_derived(True)
    reference_window.resize(760, 600)
    frozen = panel.view.frozen
    assert frozen.isVisible() and frozen.model() is panel.view.model()
    assert [frozen.isColumnHidden(c) for c in range(panel.model.columnCount())] == [False] + [True] * (panel.model.columnCount() - 1)
    assert frozen.selectionModel() is panel.view.selectionModel(), "a click on a label selects in the table"
    assert frozen.columnWidth(0) == panel.view.columnWidth(0) and frozen.width() == panel.view.columnWidth(0)
    bar = panel.view.horizontalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0 and frozen.x() == panel.view.frameWidth(), "the labels stay at the left edge"
    panel.view.verticalScrollBar().setValue(3)
    assert frozen.verticalScrollBar().value() == 3
