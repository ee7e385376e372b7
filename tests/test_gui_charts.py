"""Chart tabs: one series per selected line with one point per period, period labels on the
x axis, a legend, a y axis with unit and scale, a hover read-out, rename and close."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence

from PySide6.QtWidgets import QLabel

from gui.charts import ChartMode
from tests.support import REFERENCE, needs_filings

pytestmark = [pytest.mark.usefixtures("isolated_user_folders"), needs_filings]


@pytest.fixture
def charted(main_window, load_filings):
    """The reference document with Total revenues and Operating income charted."""
    load_filings(main_window, [REFERENCE])
    panel = main_window.statement_panel
    lines = [panel.statement.find_line("Total revenues"), panel.statement.find_line("Operating income")]
    panel.select_lines(lines)
    tabs_before = main_window.tabs.count()
    main_window.chart_action.trigger()
    assert main_window.tabs.count() == tabs_before + 1
    chart = main_window.current_chart()
    assert chart is not None
    return main_window, chart


def test_charting_two_rows_makes_a_tab_with_one_series_per_row_and_one_point_per_period(charted):
    window, chart = charted
    assert window.chart_action.shortcut() == QKeySequence("Ctrl+Shift+C")
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Total revenues, OPERATING INCOME"
    bars = chart.series_items()
    assert len(bars) == 2
    assert [len(item.opts["x"]) for item in bars] == [4, 4]
    assert list(bars[0].opts["height"]) == [37944019, 74123270, 42024380, 82988285]
    chart.mode_buttons.buttons()[1].click()
    lines = chart.series_items()
    assert len(lines) == 2
    x, y = lines[0].getData()
    assert list(x) == [0, 1, 2, 3] and list(y) == [37944019, 74123270, 42024380, 82988285]
    assert len(lines[1].getData()[1]) == 4


def test_the_axes_carry_period_labels_and_the_unit_and_the_legend_names_each_row(charted):
    _, chart = charted
    plot = chart.plot_item
    ticks = plot.getAxis("bottom")._tickLevels
    assert [label.replace("\n", " ") for _, label in ticks[0]] == ["3M Sep 30 2016", "6M YTD Sep 30 2016", "3M Sep 30 2017", "6M YTD Sep 30 2017"]
    assert "JPY thousands" in plot.getAxis("left").labelText
    assert [label.text for _, label in chart.legend.items] == ["Total revenues", "OPERATING INCOME"]
    assert plot.getAxis("left").tickStrings([80_000_000.0], 1, 10_000_000) == ["80,000,000"]


def test_hovering_a_period_reads_out_its_exact_values(charted):
    _, chart = charted
    view_box = chart.plot_item.getViewBox()
    point = view_box.mapViewToScene(QPointF(3, 1_000_000))
    chart._on_mouse_moved(point)
    text = chart.readout.text()
    assert "6M YTD Sep 30 2017" in text and "82,988,285" in text and "2,315,529" in text
    assert chart.hover_line.isVisible() and chart.hover_line.value() == 3


def test_chart_tabs_can_be_renamed_by_double_click_and_closed(charted, qtbot):
    window, chart = charted
    index = window.tabs.indexOf(chart)
    window.tabs.tabBar().tabBarDoubleClicked.emit(index)
    editor = window.tabs.editor
    assert editor is not None and editor.text() == "Total revenues, OPERATING INCOME"
    editor.setText("Revenue vs operating income")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.tabs.tabText(index) == "Revenue vs operating income"
    window.tabs.tabCloseRequested.emit(index)
    assert window.tabs.indexOf(chart) == -1
    window.tabs.tabCloseRequested.emit(0)
    assert window.tabs.count() == 1, "the statement tab stays"


def test_chart_selection_without_a_selection_explains_what_to_do(main_window, load_filings):
    load_filings(main_window, [REFERENCE])
    main_window.statement_panel.view.clearSelection()
    main_window.chart_action.trigger()
    assert main_window.tabs.count() == 1
    assert "Select the lines to chart" in main_window.status_label.text()


def test_derived_periods_are_pale_in_the_bars_and_hollow_on_the_lines(main_window, load_filings):
    load_filings(main_window, [REFERENCE])
    panel = main_window.statement_panel
    panel.set_show_derived(True)
    panel.select_lines([panel.statement.find_line("Total revenues")])
    chart = main_window.add_chart(panel.chart_data())
    derived = [n for n in range(len(chart.data.categories)) if chart.data.is_derived(n)]
    assert len(derived) == 2 and "2 derived" in chart.findChild(QLabel, "chartCaption").text()
    bars = chart.series_items()[0]
    alphas = [brush.color().alpha() for brush in bars.opts["brushes"]]
    assert [n for n, alpha in enumerate(alphas) if alpha < 255] == derived
    assert "(derived)" in chart.readout_text(derived[0])
    chart.set_mode(ChartMode.LINES)
    assert len(chart._overlays) == 1 and len(chart._overlays[0].data) == 2, "one hollow marker per derived point"


def test_crowded_period_labels_stack_and_thin_out(charted):
    _, chart = charted
    axis = chart.plot_item.getAxis("bottom")
    assert axis.fitted_labels(2000) == list(chart.data.categories), "room enough: one line each"
    stacked = axis.fitted_labels(200)
    assert stacked[0] == "3M Sep\n30 2016" and "" in stacked, "narrow: two lines, every other period"
