"""The diff panel: YoY and QoQ moves of the reference document, highlight colours from the
model's roles, the threshold filter, biggest movers, flagged printed changes, and a chart of
change % one click away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor

from gui.diff_panel import CHANGE_PCT, CHECK, FLAG_COLOUR, LINE, PERIOD, PRIOR, VALUE, DiffPanel
from model.analysis.compare import Basis
from model.views.diff import MoveGroup
from tests.support import REFERENCE, needs_filings
from tests.test_views import synthetic_statement

pytestmark = pytest.mark.usefixtures("isolated_user_folders")


@pytest.fixture
def summary_window(main_window, load_filings):
    """The reference document showing its Operating Results Summary (periods 2Q16 .. 1H17)."""
    if not REFERENCE.exists():
        pytest.skip("the reference document (../shared/filings/iij-1h-fy2017-release.txt) is not on this machine")
    load_filings(main_window, [REFERENCE])
    titles = [s.title for s in main_window.filings[str(REFERENCE)].filing.statements]
    main_window.navigator.select_statement(str(REFERENCE), titles.index("Operating Results Summary"))
    assert main_window.diff_panel.statement.title == "Operating Results Summary"
    return main_window


def _rows(panel: DiffPanel) -> list[dict[int, str]]:
    proxy = panel.proxy
    return [{column: proxy.index(row, column).data() for column in range(proxy.columnCount())} for row in range(proxy.rowCount())]


def _find(panel: DiffPanel, label: str, period: str) -> int:
    for row in range(panel.proxy.rowCount()):
        if panel.proxy.index(row, LINE).data() == label and panel.proxy.index(row, PERIOD).data() == period:
            return row
    raise AssertionError(f"no row {label} {period}")


@needs_filings
def test_total_revenues_1h17_moved_plus_12_percent_yoy_with_a_green_highlight(summary_window):
    panel = summary_window.diff_panel
    assert panel.basis is Basis.YOY
    row = _find(panel, "Total revenues", "6M YTD Sep 30 2017")
    index = panel.proxy.index(row, CHANGE_PCT)
    assert index.data() == "+12.0 %"
    assert panel.proxy.index(row, PRIOR).data() == "6M YTD Sep 30 2016"
    assert panel.proxy.index(row, VALUE).data() == "82,988"
    assert panel.proxy.index(row, CHECK).data() == "\u2713 printed 12.0 %"
    source = panel.model.rows[panel.proxy.mapToSource(index).row()]
    colour = index.data(Qt.ItemDataRole.BackgroundRole).color()
    assert colour == QColor(*source.highlight_rgb(panel.model.base_rgb))
    assert colour.green() > colour.red(), "a rise is green"


@needs_filings
def test_total_revenues_2q17_moved_plus_2_6_percent_qoq_against_a_derived_quarter(summary_window):
    panel = summary_window.diff_panel
    panel.basis_buttons.buttons()[1].click()
    assert panel.basis is Basis.QOQ
    row = _find(panel, "Total revenues", "3M Sep 30 2017")
    assert panel.proxy.index(row, CHANGE_PCT).data() == "+2.6 %"
    assert "(derived)" in panel.proxy.index(row, PRIOR).data()
    assert panel.proxy.index(row, CHANGE_PCT).data(Qt.ItemDataRole.FontRole).italic()
    assert "uses derived values" in panel.proxy.index(row, LINE).data(Qt.ItemDataRole.ToolTipRole)
    small = panel.proxy.index(row, CHANGE_PCT).data(Qt.ItemDataRole.BackgroundRole).color()
    big_row = _find(panel, "Total costs / Equipment sales", "3M Sep 30 2017")
    big = panel.proxy.index(big_row, CHANGE_PCT).data(Qt.ItemDataRole.BackgroundRole).color()
    assert big.lightness() < small.lightness(), "a bigger move is a deeper colour"


@needs_filings
def test_the_threshold_hides_small_moves(summary_window):
    panel = summary_window.diff_panel
    everything = panel.proxy.rowCount()
    panel.threshold.setValue(15)
    rows = _rows(panel)
    assert 0 < len(rows) < everything
    assert all(abs(float(r[CHANGE_PCT].replace("\u2212", "-").rstrip(" %"))) >= 15 for r in rows if r[CHANGE_PCT] != "n/m")
    assert not any(r[LINE] == "Total revenues" and r[PERIOD] == "6M YTD Sep 30 2017" for r in rows)
    assert f"{len(rows)} of {everything}" in panel.summary.text()


@needs_filings
def test_biggest_movers_come_first(summary_window):
    panel = summary_window.diff_panel
    panel.movers_box.setChecked(True)
    rows = [panel.model.rows[panel.proxy.mapToSource(panel.proxy.index(n, 0)).row()] for n in range(panel.proxy.rowCount())]
    assert [r.group for r in rows] == sorted(r.group for r in rows), "money first; per-share amounts and ratios among themselves"
    money = [r.size for r in rows if r.group is MoveGroup.MONEY]
    assert len(money) > 5 and money == sorted(money, reverse=True), "the biggest move in money first"


@needs_filings
def test_a_chart_of_yoy_percent_is_one_click_from_the_diff_panel(summary_window):
    panel = summary_window.diff_panel
    row = _find(panel, "Total revenues", "6M YTD Sep 30 2017")
    panel.view.selectionModel().select(panel.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    panel.chart_button.click()
    chart = summary_window.current_chart()
    assert chart is not None
    assert chart.data.y_caption == "YoY change (%)"
    assert [s.name for s in chart.data.series] == ["Total revenues"]
    assert "6M YTD Sep 30 2017" in chart.data.categories and "3M Sep 30 2017" in chart.data.categories
    assert round(chart.data.series[0].values[chart.data.categories.index("6M YTD Sep 30 2017")], 1) == 12.0


def test_a_printed_change_that_disagrees_is_flagged_with_both_numbers(qtbot):
    panel = DiffPanel()
    qtbot.addWidget(panel)
    panel.set_statement(synthetic_statement())
    row = _find(panel, "Costs", "6M YTD Sep 30 2017")
    check = panel.proxy.index(row, CHECK)
    assert "9.9" in check.data() and "-12.34" in check.data()
    assert check.data(Qt.ItemDataRole.BackgroundRole).color() == FLAG_COLOUR
    assert check.data(Qt.ItemDataRole.FontRole).bold()
    assert "disagree" in panel.summary.text()


def test_without_a_statement_the_panel_says_what_to_do(qtbot):
    panel = DiffPanel()
    qtbot.addWidget(panel)
    assert panel.stack.currentWidget() is panel.empty
    assert "Open a filing" in panel.empty.text()
