"""Many filings in one workspace, in the window: combined statements with every period and
the derived quarters, restated cells with both values, the latest / as-first-reported choice,
joined and split rows that persist through a workspace file, and a crashed session offered
back at the next start.

Restatements and joins use two copies of the IIJ text release (``iij-a.txt`` earlier by name,
``iij-b.txt`` later, both reporting the same periods) with one number or label changed in the
later copy, so that these tests do not depend on the details of PDF parsing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui.errors import log_directory
from gui.navigator import NAME, SUBTITLE_ROLE
from gui.table_model import JOINED_MARK, RESTATED_COLOUR
from model.session import Autosave, WorkspaceFile, describe_sources, read_workspace_file
from model.statements.statement import StatementKind
from model.analysis.workspace import Choice
from model.analysis.line_alignment import LineJoin, LineMapping
from tests.support import filing, needs_filings

pytestmark = [pytest.mark.usefixtures("isolated_user_folders"), needs_filings]

INCOME = ("income statement", "consolidated")
BALANCE_SHEET = ("balance sheet", "consolidated")
DIVIDENDS_LINE = 361  # "Dividend income<TAB>91,407<TAB>197,063" in the six-month income statement


def iij_copies(folder: Path, later_line: str | None = None) -> tuple[Path, Path]:
    """Two copies of the IIJ release; the later one with its dividend-income line replaced."""
    source = filing("iij-1h-fy2017-release.txt")
    earlier, later = folder / "iij-a.txt", folder / "iij-b.txt"
    earlier.write_bytes(source.read_bytes())
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[DIVIDENDS_LINE - 1].startswith("Dividend income\t91,407\t197,063")
    if later_line is not None:
        lines[DIVIDENDS_LINE - 1] = later_line + "\n"
    later.write_text("".join(lines), encoding="utf-8")
    return earlier, later


def drop(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    QApplication.sendEvent(window, QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def settled(window) -> bool:
    """Loaded, combined, and showing a statement of the workspace."""
    return not window.loader.busy and not window.session.combining and window.session.checked is not None and window.current_key is not None


def open_workspace_of(qtbot, window, paths: list[Path], timeout: int = 60_000) -> None:
    window.load_paths(paths)
    qtbot.waitUntil(lambda: settled(window) and len(window.filings) == len(paths), timeout=timeout)


def headers(window) -> list[str]:
    """The columns' labels as printed (the header shows the period label above them)."""
    return [column.label for column in window.statement_panel.table.columns]


def row_of(window, label: str) -> int:
    model = window.statement_panel.model
    rows = [r for r in range(model.rowCount()) if model.data(model.index(r, 0)).strip().removesuffix(JOINED_MARK.strip()).strip() == label]
    assert len(rows) == 1, (label, rows)
    return rows[0]


def column_of(window, header: str) -> int:
    return 1 + headers(window).index(header)


def cell(window, label: str, header: str, role=Qt.ItemDataRole.DisplayRole):
    model = window.statement_panel.model
    return model.data(model.index(row_of(window, label), column_of(window, header)), role)


def labels(window) -> list[str]:
    return [line.label for line in window.statement_panel.statement.lines]


# ----------------------------------------------------------------------------- Japan Post FY2024


def test_dropping_the_japan_post_fy2024_releases_gives_one_income_statement_with_derived_quarters(qtbot, main_window, tmp_path):
    releases = [filing(f"japanpost_insurance_fy2024{part}_results.pdf") for part in ("h1", "_9m", "_fullyear")]
    drop(main_window, releases)
    qtbot.waitUntil(lambda: settled(main_window) and len(main_window.filings) == 3, timeout=180_000)

    workspace = main_window.navigator.workspace_item()
    assert workspace is not None and main_window.navigator.indexOfTopLevelItem(workspace) == 0
    assert "3 filings" in workspace.data(NAME, SUBTITLE_ROLE)
    assert main_window.current_key == INCOME, "a drop of several filings opens on their combined income statement"
    panel = main_window.statement_panel
    assert panel.statement.kind is StatementKind.INCOME and panel.combined is not None
    assert panel.combined.files == tuple(p.name for p in releases), "earliest filing first"
    printed = headers(main_window)
    assert printed == [
        "Six months ended September 30, 2023 Amount",
        "Nine months ended December 31, 2023 Amount",
        "Fiscal year ended March 31, 2024 Amount",
        "Six months ended September 30, 2024 Amount",
        "Nine months ended December 31, 2024 Amount",
        "Fiscal year ended March 31, 2025 Amount",
    ], "one income statement with every period of the three releases, in time order"

    panel.set_show_derived(True)
    q3, q4 = "3M to Dec 31, 2024 (derived)", "3M to Mar 31, 2025 (derived)"
    shown = headers(main_window)
    assert shown.index("Six months ended September 30, 2024 Amount") < shown.index(q3) < shown.index("Nine months ended December 31, 2024 Amount")
    assert shown.index(q4) < shown.index("Fiscal year ended March 31, 2025 Amount")
    model = panel.model
    for header in (q3, q4):
        assert model.headerData(column_of(main_window, header), Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole).italic()
    assert cell(main_window, "ORDINARY INCOME", q3) == "1,391,183"
    assert cell(main_window, "ORDINARY INCOME", q4) == "1,830,701"
    assert cell(main_window, "Net income attributable to Japan Post Insurance", q3) == "21,545"
    assert cell(main_window, "Net income attributable to Japan Post Insurance", q4) == "39,040"
    assert cell(main_window, "ORDINARY INCOME", q4, Qt.ItemDataRole.FontRole).italic()
    tooltip = cell(main_window, "ORDINARY INCOME", q4, Qt.ItemDataRole.ToolTipRole)
    assert "derived: Fiscal year ended March 31, 2025 Amount - Nine months ended December 31, 2024 Amount" in tooltip
    assert "not printed in the filing" in tooltip

    # the derived quarters are marked in exports and charts too
    ordinary = row_of(main_window, "ORDINARY INCOME")
    panel.select_lines([ordinary])
    export = tmp_path / "ordinary-income.csv"
    panel.export_csv(export)
    header_row = export.read_text(encoding="utf-8").splitlines()[0]
    assert q3 in header_row and q4 in header_row
    chart = main_window.add_chart(panel.chart_data())
    derived_categories = [name for n, name in enumerate(chart.data.categories) if chart.data.is_derived(n)]
    assert "3M Dec 31 2024 (derived)" in derived_categories and "3M Q4 Mar 31 2025 (derived)" in derived_categories
    assert len(chart.data.series[0].values) == len(chart.data.categories) == len(panel.table.columns)

    # QoQ over the whole workspace: the fourth quarter against the derived third, both marked
    diff = main_window.diff_panel
    diff.basis_buttons.buttons()[1].click()
    rows = [r for r in diff.model.rows if r.label == "ORDINARY INCOME" and r.period_label == "3M Q4 Mar 31 2025 (derived)"]
    assert len(rows) == 1 and rows[0].derived and rows[0].prior_label == "3M Dec 31 2024 (derived)"
    assert float(rows[0].change.change) == 1_830_701 - 1_391_183


# ----------------------------------------------------------------------------- restatements


def test_a_restated_cell_shows_both_values_with_their_files_and_the_choice_switches_them(qtbot, main_window, tmp_path):
    earlier, later = iij_copies(tmp_path, "Dividend income\t91,407\t197,999")
    open_workspace_of(qtbot, main_window, [earlier, later])
    assert main_window.current_key == INCOME
    period = "Six Months Ended September 30, 2017"
    assert cell(main_window, "Dividend income", period) == "197,999", "the latest value by default"
    assert cell(main_window, "Dividend income", period, Qt.ItemDataRole.BackgroundRole).color() == RESTATED_COLOUR
    tooltip = cell(main_window, "Dividend income", period, Qt.ItemDataRole.ToolTipRole)
    assert "Restated: 2 filings reported different values" in tooltip
    assert "197,063 in iij-a.txt, line 361, column 3 \u2014 as first reported" in tooltip
    assert "197,999 in iij-b.txt, line 361, column 3 \u2014 latest" in tooltip
    assert cell(main_window, "Dividend income", "Six Months Ended September 30, 2016", Qt.ItemDataRole.BackgroundRole) is None, "equal values are no restatement"
    assert main_window.statement_panel.restated_label.isVisible() and "1 restated" in main_window.statement_panel.restated_label.text()
    item = main_window.navigator.currentItem()
    assert "1 restated" in item.data(NAME, SUBTITLE_ROLE)

    panel = main_window.statement_panel
    panel.choice_box.setCurrentIndex(panel.choice_box.findData(Choice.FIRST))
    qtbot.waitUntil(lambda: settled(main_window) and cell(main_window, "Dividend income", period) == "197,063", timeout=30_000)
    assert main_window.session.choice is Choice.FIRST
    assert "showing the value as first reported" in cell(main_window, "Dividend income", period, Qt.ItemDataRole.ToolTipRole)


# ----------------------------------------------------------------------------- joined and split rows


def test_joining_two_rows_persists_through_save_and_reopen_of_the_workspace(qtbot, main_window, tmp_path, monkeypatch):
    # the later filing renames the line and restates one value: nothing aligns them by itself
    earlier, later = iij_copies(tmp_path, "Dividends received\t91,407\t197,999")
    open_workspace_of(qtbot, main_window, [earlier, later])
    assert {"Dividend income", "Dividends received"} <= set(labels(main_window))
    panel = main_window.statement_panel
    assert not panel.join_button.isEnabled()
    panel.select_lines([row_of(main_window, "Dividend income"), row_of(main_window, "Dividends received")])
    assert panel.join_button.isEnabled()
    panel.join_button.click()
    qtbot.waitUntil(lambda: settled(main_window) and "Dividends received" not in labels(main_window), timeout=30_000)
    joined = row_of(main_window, "Dividend income")
    assert panel.model.data(panel.model.index(joined, 0)).endswith(JOINED_MARK)
    note = panel.model.data(panel.model.index(joined, 0), Qt.ItemDataRole.ToolTipRole)
    assert "\u201cDividend income\u201d in iij-a.txt" in note and "\u201cDividends received\u201d in iij-b.txt" in note
    assert cell(main_window, "Dividend income", "Six Months Ended September 30, 2017", Qt.ItemDataRole.BackgroundRole).color() == RESTATED_COLOUR

    main_window.show_combined(BALANCE_SHEET)
    saved = tmp_path / "dividends.tickmark"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: (str(saved.with_suffix("")), "Tickmark workspace (*.tickmark)")))
    main_window.save_workspace_action.trigger()
    assert read_workspace_file(saved).mapping.joins == [LineJoin(INCOME, "dividend income", "dividend received")]
    assert read_workspace_file(saved).view["workspace_statement"] == list(BALANCE_SHEET)

    main_window.close_all_filings()
    assert main_window.navigator.workspace_item() is None and not main_window.filings
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args: (str(saved), "Tickmark workspace (*.tickmark)")))
    main_window.open_workspace_action.trigger()
    qtbot.waitUntil(lambda: settled(main_window) and len(main_window.filings) == 2, timeout=60_000)
    assert main_window.current_key == BALANCE_SHEET, "the workspace opens on the statement it was saved on"
    assert main_window.windowTitle().endswith("\u2014 dividends.tickmark \u2014 Tickmark")
    main_window.navigator.select_combined(INCOME)
    assert main_window.current_key == INCOME
    assert "Dividends received" not in labels(main_window)
    assert panel.model.data(panel.model.index(row_of(main_window, "Dividend income"), 0)).endswith(JOINED_MARK)


def test_a_row_the_values_aligned_can_be_split_and_joins_refuse_lines_of_one_filing(qtbot, main_window, tmp_path):
    # renamed with the same values: the aligner joins the two wordings by their values
    earlier, later = iij_copies(tmp_path, "Dividends received\t91,407\t197,063")
    open_workspace_of(qtbot, main_window, [earlier, later])
    panel = main_window.statement_panel
    joined = row_of(main_window, "Dividend income")
    panel.select_lines([joined])
    assert panel.split_button.isEnabled()
    panel.split_button.click()
    qtbot.waitUntil(lambda: settled(main_window) and "Dividends received" in labels(main_window), timeout=30_000)
    assert "Dividend income" in labels(main_window)

    revenues, operating = row_of(main_window, "Total revenues"), row_of(main_window, "OPERATING INCOME")
    panel.select_lines([revenues, operating])
    assert not panel.join_button.isEnabled(), "both filings print both lines"
    assert "iij-a.txt prints both lines" in panel.join_button.toolTip()
    mapping = main_window.session.mapping
    panel.join_requested.emit(revenues, operating)  # the context menu's way in, were it enabled
    assert main_window.session.mapping is mapping
    boxes = [box for box in main_window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1 and "cannot be joined" in boxes[0].text()


# ----------------------------------------------------------------------------- workspace files and autosave


def test_moved_or_changed_filings_are_reported_in_plain_words_and_the_rest_opens(qtbot, main_window, tmp_path):
    earlier, later = iij_copies(tmp_path)
    third = tmp_path / "iij-c.txt"
    third.write_bytes(earlier.read_bytes())
    saved = tmp_path / "three.tickmark"
    from model.session import save_workspace_file

    save_workspace_file(saved, WorkspaceFile(describe_sources([earlier, later, third])))
    later.write_text(later.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    moved = third.rename(tmp_path / "elsewhere.txt")
    main_window.open_workspace(saved)
    qtbot.waitUntil(lambda: main_window.left_out_box is not None and main_window.left_out_box.isVisible(), timeout=30_000)
    text = main_window.left_out_box.text() + main_window.left_out_box.informativeText()
    assert "iij-c.txt</b> was moved or deleted" in text and str(tmp_path / "iij-c.txt") in text
    assert "iij-b.txt</b> changed since the workspace was saved" in text
    assert "other filings were opened" in text
    qtbot.waitUntil(lambda: list(main_window.filings) == [str(earlier)], timeout=30_000)
    assert moved.exists()


def test_the_workspace_is_autosaved_after_changes_and_a_clean_exit_leaves_nothing_to_restore(qtbot, main_window, tmp_path):
    earlier, later = iij_copies(tmp_path)
    open_workspace_of(qtbot, main_window, [earlier, later])
    autosave = main_window.session.autosave
    assert autosave.folder == log_directory()
    qtbot.waitUntil(autosave.snapshot.exists, timeout=30_000)  # after the combine, on a loaded machine
    snapshot = json.loads(autosave.snapshot.read_text(encoding="utf-8"))
    assert [Path(f["path"]).name for f in snapshot["files"]] == ["iij-a.txt", "iij-b.txt"]
    main_window.close()
    assert Autosave(autosave.folder).crashed_session() is None


def test_a_workspace_autosaved_before_the_process_was_killed_is_offered_back_on_the_next_start(qtbot, tmp_path):
    from gui.app import configure_application, start_window

    icon = configure_application(QApplication.instance())
    earlier, later = iij_copies(tmp_path, "Dividends received\t91,407\t197,999")
    crashed = Autosave(log_directory())
    crashed.start()
    mapping = LineMapping(joins=[LineJoin(INCOME, "dividend income", "dividend received")])
    crashed.save(WorkspaceFile(describe_sources([earlier, later]), mapping, Choice.FIRST, {"workspace_statement": list(INCOME)}))
    # the process is killed here: finish() is never called

    window = start_window([], icon)
    qtbot.addWidget(window)
    box = window.restore_box
    assert box is not None and box.isVisible()
    assert "did not close properly" in box.text() and "iij-a.txt, iij-b.txt" in box.informativeText()
    assert window.current is None and not window.loader.busy, "the sample waits: the user may want the workspace back"
    restore = next(button for button in box.buttons() if button.text() == "Restore Workspace")
    restore.click()
    qtbot.waitUntil(lambda: settled(window) and len(window.filings) == 2, timeout=60_000)
    assert window.session.choice is Choice.FIRST and window.session.mapping == mapping
    assert window.current_key == INCOME
    assert "Dividends received" not in labels(window)
    assert cell(window, "Dividend income", "Six Months Ended September 30, 2017") == "197,063", "as first reported"
    window.close()


# ----------------------------------------------------------------------------- closing


def test_closing_a_filing_combines_the_rest_again(qtbot, main_window, tmp_path):
    earlier, later = iij_copies(tmp_path)
    open_workspace_of(qtbot, main_window, [earlier, later])
    assert not main_window.close_action.isEnabled(), "a combined statement belongs to no one filing"
    main_window.navigator.select_statement(str(later), 0)
    main_window.close_action.trigger()
    qtbot.waitUntil(lambda: main_window.navigator.workspace_item() is None)
    assert main_window.session.checked is None and main_window.current[0] == str(earlier)


def test_a_data_folder_that_cannot_be_written_leaves_the_app_working_without_autosave(qtbot, tmp_path):
    from gui.app import configure_application
    from gui.main_window import MainWindow
    from gui.settings import AppSettings

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    window = MainWindow(AppSettings(), None, None, configure_application(QApplication.instance()), autosave_folder=blocked / "autosave")
    qtbot.addWidget(window)
    assert window.session.autosave is None
    assert window.status_label.text().startswith("Autosave is off:")
