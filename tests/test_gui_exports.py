"""Exports take a path: a CSV of exactly the selected cells, PNG and SVG images of the
widget's size, tab-separated text on the clipboard; the dialogs only choose the path."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from model.views.formatting import DisplayScale
from tests.support import REFERENCE, needs_filings

CSS_DPI = 96  # how browsers and editors turn the SVG's millimetres into pixels

pytestmark = [pytest.mark.usefixtures("isolated_user_folders"), needs_filings]


@pytest.fixture
def window(main_window, load_filings):
    load_filings(main_window, [REFERENCE])
    main_window.resize(1200, 800)
    return main_window


def _select(panel, cells: list[tuple[int, int]]) -> None:
    """Select (statement line, table column) cells as a user would with Ctrl+click."""
    selection = panel.view.selectionModel()
    selection.clearSelection()
    for line, column in cells:
        index = panel.proxy.mapFromSource(panel.model.index(line, column + 1))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select)


def test_csv_export_of_a_selection_holds_exactly_the_selected_cells(window, tmp_path):
    panel = window.statement_panel
    panel.set_scale(DisplayScale.MILLIONS)
    revenues, operating = panel.statement.find_line("Total revenues"), panel.statement.find_line("Operating income")
    _select(panel, [(revenues, 0), (revenues, 3), (operating, 3)])
    path = tmp_path / "exports" / "selection.csv"
    panel.export_csv(path)
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert rows == [
        ["Line item", "Three Months Ended September 30, 2016", "Six Months Ended September 30, 2017"],
        ["Total revenues", "37944.019", "82988.285"],
        ["OPERATING INCOME", "", "2315.529"],
    ]
    assert [p.name for p in path.parent.iterdir()] == ["selection.csv"], "an atomic write leaves no temporary file"


def test_csv_export_without_a_selection_holds_the_whole_table(window, tmp_path):
    panel = window.statement_panel
    panel.view.clearSelection()
    path = tmp_path / "whole.csv"
    panel.export_csv(path)
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 1 + panel.model.rowCount()
    assert len(rows[0]) == panel.model.columnCount()


def test_ctrl_c_puts_tab_separated_text_on_the_clipboard(window, qtbot):
    panel = window.statement_panel
    revenues = panel.statement.find_line("Total revenues")
    _select(panel, [(revenues, 0), (revenues, 1)])
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    assert text.splitlines() == [
        "Line item\tThree Months Ended September 30, 2016\tSix Months Ended September 30, 2016",
        "Total revenues\t37944019\t74123270",
    ]


def test_the_table_view_exports_as_a_png_of_its_size(window, tmp_path):
    path = tmp_path / "table.png"
    window.statement_panel.export_png(path)
    image = QImage(str(path))
    assert not image.isNull()
    assert image.size() == window.statement_panel.view.size()


@pytest.fixture
def chart(window):
    panel = window.statement_panel
    panel.select_lines([panel.statement.find_line("Total revenues"), panel.statement.find_line("Operating income")])
    return window.add_chart(panel.chart_data())


def test_a_chart_exports_as_a_png_of_the_plot_widgets_size(chart, tmp_path):
    path = tmp_path / "chart.png"
    chart.export_png(path)
    image = QImage(str(path))
    assert not image.isNull()
    assert image.size() == chart.plot_widget.viewport().size()


def test_a_chart_exports_as_a_valid_svg_of_the_plot_widgets_size(chart, tmp_path):
    path = tmp_path / "chart.svg"
    chart.export_svg(path)
    root = ElementTree.parse(path).getroot()
    assert root.tag.endswith("svg")
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    size = chart.plot_widget.viewport().size()
    assert renderer.viewBox().size() == size
    css_pixels = [round(float(root.get(side).removesuffix("mm")) / 25.4 * CSS_DPI) for side in ("width", "height")]
    assert css_pixels == [size.width(), size.height()], "a browser shows it at the widget's size"
    assert "Total revenues" in path.read_text(encoding="utf-8")


def test_the_export_dialog_exports_the_current_view_and_remembers_the_folder(window, chart, tmp_path, monkeypatch):
    target = tmp_path / "out" / "revenue-chart"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target), "SVG drawing (*.svg)")))
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    window.export_action.trigger()
    assert (tmp_path / "out" / "revenue-chart.svg").is_file()
    assert window.settings.last_folder() == str(target.parent)
    window.tabs.setCurrentIndex(0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(target.with_suffix(".csv")), "CSV table (*.csv)")))
    window.export_action.trigger()
    assert (tmp_path / "out" / "revenue-chart.csv").read_text(encoding="utf-8").startswith("Line item,")


def test_an_export_that_cannot_be_written_says_so_and_the_app_goes_on(window, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(blocked / "x.csv"), "CSV table (*.csv)")))
    window.export_csv_action.trigger()
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    assert "Failed to export the table" in boxes[0].text()
    assert Path(blocked).read_text() == "not a folder"
