"""Comparisons in the window: common size in the table and the changes (one toggle), growth
(CAGR) over a chosen span, and a side-by-side view of two filings that exports like any table."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage

from gui.diff_panel import CHANGE, LINE, PERIOD, VALUE
from gui.side_by_side import SideBySideDialog, SideBySidePanel
from model.statements.statement import StatementKind
from tests.support import REFERENCE, needs_filings
from tests.test_gui_workspace import iij_copies, open_workspace_of

pytestmark = [pytest.mark.usefixtures("isolated_user_folders"), needs_filings]


@pytest.fixture
def reference_window(main_window, load_filings):
    load_filings(main_window, [REFERENCE])
    return main_window


def test_common_size_is_one_toggle_for_the_table_and_the_changes(reference_window):
    panel, diff = reference_window.statement_panel, reference_window.diff_panel
    panel.common_size_box.setChecked(True)
    assert diff.common_size_box.isChecked() and reference_window.common_size_action.isChecked()
    assert panel.unit_label.text() == "% of Total revenues"
    revenues = panel.statement.find_line("Total revenues")
    assert panel.model.data(panel.model.index(revenues, 1)) == "100.00%"
    operating = panel.statement.find_line("Operating income")
    assert panel.model.data(panel.model.index(operating, 4)) == "2.79%"
    rows = [diff.proxy.index(r, c).data() for r in range(diff.proxy.rowCount()) for c in (LINE, PERIOD, VALUE, CHANGE)]
    found = [rows[n : n + 4] for n in range(0, len(rows), 4) if rows[n] == "OPERATING INCOME" and rows[n + 1] == "6M YTD Sep 30 2017"]
    assert found == [["OPERATING INCOME", "6M YTD Sep 30 2017", "2.79%", "0.16 pp"]]
    assert "of shares (pp)" in diff.summary.text()
    diff.common_size_box.setChecked(False)
    assert not panel.common_size and panel.unit_label.text() == "JPY thousands"


def test_the_growth_dialog_gives_the_cagr_of_the_selected_lines_between_two_periods(reference_window):
    panel = reference_window.statement_panel
    panel.select_lines([panel.statement.find_line("Total revenues"), panel.statement.find_line("Operating income")])
    dialog = panel.open_growth_dialog()
    assert dialog.isVisible()
    assert dialog.from_box.currentText() == "6M YTD Sep 30 2016" and dialog.to_box.currentText() == "6M YTD Sep 30 2017", "the longest periods first"
    texts = [[dialog.results.item(r, c).text() for c in range(4)] for r in range(dialog.results.rowCount())]
    assert texts == [["Total revenues", "74,123,270", "82,988,285", "+12.0 % a year"], ["OPERATING INCOME", "1,947,702", "2,315,529", "+18.9 % a year"]]
    assert dialog.span_label.text() == "over 1.00 years"
    dialog.from_box.setCurrentIndex(dialog.from_box.findText("3M Sep 30 2016"))
    assert [dialog.to_box.itemText(n) for n in range(dialog.to_box.count())] == ["3M Sep 30 2017"], "a quarter grows to a quarter"
    assert dialog.results.item(0, 3).text() == "+10.8 % a year"
    dialog.close()


def test_two_filings_side_by_side_have_a_difference_column_and_export_like_any_table(qtbot, main_window, tmp_path):
    earlier, later = iij_copies(tmp_path, "Dividend income\t91,407\t197,999")
    open_workspace_of(qtbot, main_window, [earlier, later])
    statements = main_window.filings[str(earlier)].filing.statements
    main_window.navigator.select_statement(str(earlier), next(n for n, s in enumerate(statements) if s.kind is StatementKind.INCOME))
    dialog = main_window.compare_side_by_side()
    assert isinstance(dialog, SideBySideDialog)
    left, left_column, right, right_column = dialog.selection()
    assert left is main_window.statement_panel.statement, "the left side starts on the statement shown"
    assert right.file_name == "iij-b.txt" and right.kind is StatementKind.INCOME, "the right side: the same kind from another filing"
    assert left.columns[left_column].label == right.columns[right_column].label == "Six Months Ended September 30, 2017"
    dialog.accept()
    panel = main_window.tabs.currentWidget()
    assert isinstance(panel, SideBySidePanel) and main_window.current_table_panel() is panel
    statement = panel.statement
    assert [c.label for c in statement.columns] == [
        "iij-a.txt: Six Months Ended September 30, 2017",
        "iij-b.txt: Six Months Ended September 30, 2017",
        "Difference",
    ]
    dividends = statement.find_line("Dividend income")
    assert [panel.model.data(panel.model.index(dividends, c)) for c in (1, 2, 3)] == ["197,063", "197,999", "(936)"]
    assert panel.model.data(panel.model.index(dividends, 3), Qt.ItemDataRole.FontRole).italic(), "the difference is computed, not printed"
    revenues = statement.find_line("Total revenues")
    assert panel.model.data(panel.model.index(revenues, 3)) == "0"

    panel.select_lines([revenues, dividends])
    path = tmp_path / "side-by-side.csv"
    panel.export_csv(path)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows == [
        [
            "Line item",
            "iij-a.txt: Six Months Ended September 30, 2017 (JPY thousands)",
            "iij-b.txt: Six Months Ended September 30, 2017 (JPY thousands)",
            "Difference (JPY thousands)",
        ],
        ["Total revenues", "82988285", "82988285", "0"],
        ["Dividend income", "197063", "197999", "-936"],
    ]
    image = tmp_path / "side-by-side.png"
    panel.export_png(image)
    picture = QImage(str(image))
    assert picture.height() > panel.model.rowCount() * panel.view.fontMetrics().height(), "the whole table, every row"
    QGuiApplication.clipboard().clear()
    panel.copy_selection()
    assert QGuiApplication.clipboard().text().splitlines()[2] == "Dividend income\t197063\t197999\t-936"
    assert not panel.derived_box.isVisible() and not panel.common_size_box.isVisible(), "no periods to derive"
