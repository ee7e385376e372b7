"""Exports take a path: a CSV of exactly the selected cells with units in its headers, an
XLSX workbook of numbers, an image of the whole table, PNG and SVG charts of the widget's size
without the hover line, tab-separated text on the clipboard; the dialogs only choose the path,
and the extension the user types decides the format."""

from __future__ import annotations

import csv
import os
import stat
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPointF, Qt
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
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM: Excel on Windows reads it right"
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows == [
        ["Line item", "Three Months Ended September 30, 2016 (JPY millions)", "Six Months Ended September 30, 2017 (JPY millions)"],
        ["Total revenues", "37944.019", "82988.285"],
        ["OPERATING INCOME", "", "2315.529"],
    ]
    assert [p.name for p in path.parent.iterdir()] == ["selection.csv"], "an atomic write leaves no temporary file"


def test_csv_export_without_a_selection_holds_the_whole_table(window, tmp_path):
    panel = window.statement_panel
    panel.view.clearSelection()
    path = tmp_path / "whole.csv"
    panel.export_csv(path)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
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
        "Line item\tThree Months Ended September 30, 2016 (JPY thousands)\tSix Months Ended September 30, 2016 (JPY thousands)",
        "Total revenues\t37944019\t74123270",
    ]


def test_exported_files_get_the_permissions_the_umask_gives(window, tmp_path):
    previous = os.umask(0o022)
    try:
        path = tmp_path / "shared.csv"
        window.statement_panel.export_csv(path)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644, "not the 0600 of a temporary file"


def test_the_table_image_has_every_row_and_column_with_title_and_units(window, tmp_path):
    panel = window.statement_panel
    panel.resize(500, 300)  # far smaller than the table: the image must not be a grab of the viewport
    path = tmp_path / "table.png"
    panel.export_png(path)
    image = QImage(str(path))
    assert not image.isNull()
    rows = panel.model.rowCount()
    row_height = panel.view.fontMetrics().height()
    assert image.height() > rows * row_height > panel.view.viewport().height()
    assert image.width() > panel.view.viewport().width()
    last_row = image.copy(0, image.height() - row_height - 12, image.width(), row_height)
    assert any(last_row.pixelColor(x, y).lightness() < 128 for x in range(0, last_row.width(), 2) for y in range(last_row.height())), "the last row is drawn"


def test_xlsx_export_holds_numbers_with_formats_units_and_italic_derived_cells(window, tmp_path):
    from openpyxl import load_workbook

    panel = window.statement_panel
    panel.set_show_derived(True)
    panel.view.clearSelection()
    path = tmp_path / "income.xlsx"
    panel.export_xlsx(path)
    sheet = load_workbook(path).active
    assert sheet["A1"].value.startswith(panel.statement.title)
    header = [c.value for c in sheet[3]]
    assert header[0] == "Line item" and header[1].endswith("(JPY thousands)")
    labels = [c.value for c in sheet["A"]]
    revenues = labels.index("Total revenues") + 1
    printed = 1 + header.index("Three Months Ended September 30, 2016 (JPY thousands)")
    first = sheet.cell(revenues, printed)
    assert first.value == 37944019 and isinstance(first.value, (int, float)), "numbers as numbers"
    assert first.number_format.startswith("#,##0") and ";(" in first.number_format, "negatives in parentheses"
    derived = [j for j, column in enumerate(panel.table.columns) if column.derived]
    assert derived and sheet.cell(revenues, 2 + derived[0]).font.i, "derived cells are italic"
    assert not first.font.i


def test_an_exported_chart_has_no_hover_line(chart, tmp_path):
    view_box = chart.plot_item.getViewBox()
    chart._on_mouse_moved(view_box.mapViewToScene(QPointF(1, 1_000_000)))
    assert chart.hover_line.isVisible()
    shown = QImage(str(_export(chart.export_png, tmp_path / "with-cursor.png")))
    chart.hover_line.setVisible(False)
    clean = QImage(str(_export(chart.export_png, tmp_path / "clean.png")))
    chart.hover_line.setVisible(True)
    assert shown == clean, "the export leaves the hover line out"
    assert chart.hover_line.isVisible(), "and the screen keeps it"
    svg = _export(chart.export_svg, tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "stroke-dasharray" not in svg


def _export(method, path: Path) -> Path:
    method(path)
    return path


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
    assert (tmp_path / "out" / "revenue-chart.csv").read_text(encoding="utf-8-sig").startswith("Line item,")


def test_the_typed_extension_wins_over_the_chosen_filter(window, chart, tmp_path, monkeypatch):
    out = tmp_path / "typed"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(out / "chart.svg"), "PNG image (*.png)")))
    window.export_chart_png_action.trigger()
    assert [p.name for p in out.iterdir()] == ["chart.svg"], "never chart.svg.png"
    assert ElementTree.parse(out / "chart.svg").getroot().tag.endswith("svg")
    window.tabs.setCurrentIndex(0)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(out / "table.xlsx"), "CSV table (*.csv)")))
    window.export_csv_action.trigger()
    assert (out / "table.xlsx").read_bytes().startswith(b"PK"), "an xlsx workbook (a zip), not CSV text"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(out / "no-extension"), "PNG image (*.png)")))
    window.export_current_view()
    assert not QImage(str(out / "no-extension.png")).isNull(), "no extension typed: the chosen filter's"


def test_an_export_that_cannot_be_written_says_so_and_the_app_goes_on(window, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(blocked / "x.csv"), "CSV table (*.csv)")))
    window.export_csv_action.trigger()
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1
    assert "Failed to export the table" in boxes[0].text()
    assert Path(blocked).read_text() == "not a folder"
