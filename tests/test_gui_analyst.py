"""The analyst's workflow in the window: period labels in the headers, period filters with TTM
that the charts follow, the source dock on a PDF and a text cell, balance-sheet PoP moves and
moves coloured by effect, two companies side by side, and the smaller things (the table comes
to the front, a password is asked for, a dark palette stays readable, the last folder falls
back to home, progress counts pages). Filings parsed once per module are handed to each
window as a finished load would hand them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from gui.app import configure_application
from gui.assets import sample_filing
from gui.diff_panel import CHANGE_PCT, LINE, PERIOD
from gui.main_window import MainWindow
from gui.settings import AppSettings
from gui.palette import contrast, dark_palette
from gui.workers import FilingLoader
from model.analysis.analyst_views import STANDARD_SECTION
from model.analysis.compare import Basis
from model.page_counts import page_count
from model.statements.statement import StatementKind
from model.views.checks import load_checked_filing
from model.views.period_filters import PeriodFilter
from model.views.source import PdfLocation
from tests.support import REFERENCE, filing, needs_filings
from tests.test_pdf_reader import password_protected_pdf

pytestmark = [pytest.mark.usefixtures("isolated_user_folders"), needs_filings]

JAPAN_POST = ("2024h1", "2024_9m", "2024_fullyear", "2025q1")
APPLE = ("apple_10q_fy2024q3.html", "apple_10k_fy2024.html", "apple_10q_fy2025q3.html")


@pytest.fixture(scope="module")
def japan_post():
    return [load_checked_filing(str(filing(f"japanpost_insurance_fy{part}_results.pdf"))) for part in JAPAN_POST]


@pytest.fixture(scope="module")
def apple():
    return [load_checked_filing(str(filing(name))) for name in APPLE]


@pytest.fixture(scope="module")
def reference():
    return load_checked_filing(str(REFERENCE))


def hand_over(qtbot, window, checked) -> None:
    """Give the window filings as finished loads do, and wait for the workspace."""
    for one in checked:
        window._on_loaded(0, one)
    window._show_workspace_next = len(checked) > 1
    window.session.set_filings(list(window.filings.values()))
    qtbot.waitUntil(lambda: not window.session.combining and (len(checked) < 2 or window.session.checked is not None), timeout=60_000)


def period_labels(window) -> list[str]:
    table = window.statement_panel.table
    return [table.period_label(j) for j in range(len(table.columns))]


def show_combined_of_kind(window, kind: StatementKind) -> None:
    view = next(v for v in window.session.checked.statements if v.statement.kind is kind)
    window.navigator.select_combined(view.key)


# ----------------------------------------------------------------------------- 1. period labels


def test_a_52_53_week_filing_says_how_long_each_period_is(main_window, load_filings):
    assert load_filings(main_window, [Path(__file__).resolve().parents[2] / "shared/fidelity/docs/gme_10q_fy2023q2_untagged.html"]) == (1, [])
    model = main_window.statement_panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(1, model.columnCount())]
    assert any(h.startswith("13W Jul 29 2023\n") for h in headers) and any(h.startswith("26W YTD Jul 29 2023\n") for h in headers)
    assert "Weeks Ended" in " ".join(headers).replace("\n", " ") or "Months Ended" in " ".join(headers).replace("\n", " "), "the printed label stays under it"
    diff = main_window.diff_panel
    periods = {diff.proxy.index(r, PERIOD).data() for r in range(diff.proxy.rowCount())}
    assert {"13W Jul 29 2023", "26W YTD Jul 29 2023"} <= periods


# ----------------------------------------------------------------------------- 2. period filters


def test_period_filters_on_the_japan_post_workspace_with_ttm_and_charts_that_follow(qtbot, main_window, japan_post):
    hand_over(qtbot, main_window, japan_post)
    qtbot.waitUntil(lambda: main_window.current_key is not None)
    panel = main_window.statement_panel
    assert panel.statement.kind is StatementKind.INCOME and panel.combined is not None
    panel.set_period_filter(PeriodFilter.QUARTERS)
    labels = period_labels(main_window)
    assert labels and all(label.startswith("3M ") for label in labels), labels
    assert "3M Jun 30 2025" in labels and "3M Q4 Mar 31 2025 (derived)" in labels

    panel.set_period_filter(PeriodFilter.QUARTERS_AND_TTM)
    labels = period_labels(main_window)
    assert "TTM Mar 31 2025 (derived)" in labels and "TTM Jun 30 2025 (derived)" in labels
    ttm = labels.index("TTM Jun 30 2025 (derived)")
    ordinary = panel.statement.find_line("ORDINARY INCOME")
    model = panel.model
    cell = model.index(ordinary, ttm + 1)
    assert cell.data(Qt.ItemDataRole.FontRole).italic() and "TTM:" in cell.data(Qt.ItemDataRole.ToolTipRole)
    quarters = [labels.index(name) for name in ("3M Sep 30 2024 (derived)", "3M Dec 31 2024 (derived)", "3M Q4 Mar 31 2025 (derived)", "3M Jun 30 2025")]
    values = [panel.table.cells[(ordinary, j)].value for j in quarters]
    assert panel.table.cells[(ordinary, ttm)].value == pytest.approx(sum(values))

    panel.select_lines([ordinary])
    chart = main_window.add_chart(panel.chart_data())
    assert list(chart.data.categories) == labels, "the chart follows the filter"

    for period_filter, prefix in ((PeriodFilter.TTM, "TTM "), (PeriodFilter.YEAR_TO_DATE, ("6M YTD", "9M YTD")), (PeriodFilter.ANNUAL, "12M ")):
        panel.set_period_filter(period_filter)
        assert panel.table.filter_applied and all(label.startswith(prefix) for label in period_labels(main_window)), period_filter
    panel.set_period_filter(PeriodFilter.BALANCE_DATES)
    assert not panel.table.filter_applied and "every column shown" in panel.unit_label.text()
    show_combined_of_kind(main_window, StatementKind.BALANCE_SHEET)
    assert panel.table.filter_applied and period_labels(main_window)[-2:] == ["Mar 31 2025", "Jun 30 2025"]
    assert main_window._view_state()["periods"] == PeriodFilter.BALANCE_DATES.value, "a workspace file remembers the filter"


def test_period_filters_on_the_apple_workspace(qtbot, main_window, apple):
    hand_over(qtbot, main_window, apple)
    panel = main_window.statement_panel
    show_combined_of_kind(main_window, StatementKind.INCOME)
    panel.set_period_filter(PeriodFilter.QUARTERS)
    assert period_labels(main_window) == ["13W Jul 1 2023", "13W Q4 Sep 30 2023 (derived)", "13W Jun 29 2024", "13W Q4 Sep 28 2024 (derived)", "13W Jun 28 2025"]
    panel.set_period_filter(PeriodFilter.ANNUAL)
    assert period_labels(main_window) == ["52W Sep 24 2022", "53W Sep 30 2023", "52W Sep 28 2024"]
    marked = [j for j in range(len(panel.table.columns)) if "\u2260" in panel.table.header(j)]
    assert marked, "a 53-week year compared with a 52-week one is marked"
    panel.set_period_filter(PeriodFilter.YEAR_TO_DATE)
    assert {"39W YTD Jun 29 2024", "39W YTD Jun 28 2025"} <= set(period_labels(main_window))
    panel.set_period_filter(PeriodFilter.TTM)
    assert not panel.table.filter_applied, "no four consecutive quarters: every column, and the caption says so"


# ----------------------------------------------------------------------------- 3. the source dock


def test_the_source_dock_shows_a_pdf_cell_boxed_on_its_page(qtbot, main_window, load_filings):
    assert load_filings(main_window, [filing("costco_fy2023q3_earnings_release.pdf")]) == (1, [])
    panel = main_window.statement_panel
    line = next(i for i, l in enumerate(panel.statement.lines) if l.label.lower().startswith("total revenue"))
    index = panel.proxy.mapFromSource(panel.model.index(line, 1))
    cell = panel.cell_at(index)
    assert cell is not None and cell.source.bbox is not None
    panel.view.doubleClicked.emit(index)
    source = main_window.source_panel
    qtbot.waitUntil(lambda: source.stack.currentWidget() is source.page_view and source.page is not None, timeout=20_000)
    assert main_window.source_dock.isVisible()
    assert isinstance(source.location, PdfLocation) and source.location.page == cell.source.page
    x0, top, x1, bottom = cell.source.bbox
    box = source.page_view.box_item.rect()
    scale = source.zoom
    assert box.contains(x0 * scale + 1, top * scale + 1) and box.contains(x1 * scale - 1, bottom * scale - 1)
    assert box.width() < 20 * (x1 - x0) * scale, "the cell's box, not the page"
    width = source.page.width
    source.zoom_in.click()
    qtbot.waitUntil(lambda: source.page.width > width, timeout=20_000)

    below = next(i for i in range(line + 1, panel.model.rowCount()) if panel.cell_at(panel.proxy.mapFromSource(panel.model.index(i, 1))) is not None)
    other = panel.proxy.mapFromSource(panel.model.index(below, 1))
    panel.view.setCurrentIndex(other)
    qtbot.waitUntil(lambda: source.location is not None and source.location.bbox == panel.cell_at(other).source.bbox, timeout=20_000)


def test_the_source_dock_marks_a_text_cells_line(qtbot, main_window, reference):
    hand_over(qtbot, main_window, [reference])
    panel = main_window.statement_panel
    line = panel.statement.find_line("Total revenues")
    index = panel.proxy.mapFromSource(panel.model.index(line, 1))
    panel.view.setCurrentIndex(index)
    panel.view.setFocus()
    main_window.source_action.trigger()
    source = main_window.source_panel
    qtbot.waitUntil(lambda: source.stack.currentWidget() is source.text_view, timeout=20_000)
    cell = panel.cell_at(index)
    line_mark, cell_mark = source.text_view.extraSelections()
    assert not line_mark.cursor.hasSelection() and cell_mark.cursor.selectedText() == cell.text, "the line marked, the cell's text in it"
    block = source.text_view.textCursor().block().text()
    assert block.lstrip().startswith(str(cell.source.line)) and cell.text in block
    assert f"line {cell.source.line}" in source.where.text()
    assert main_window.source_action.shortcut().toString() == "Ctrl+G"


# ----------------------------------------------------------------------------- 4. the diff panel


def test_balance_sheet_pop_moves_and_costs_up_coloured_unfavourable(qtbot, main_window, reference):
    hand_over(qtbot, main_window, [reference])
    diff = main_window.diff_panel
    rows = diff.model.rows
    costs = [r for r in rows if r.label.lower().startswith("total costs") and r.direction > 0]
    assert costs, "the IIJ income statement's costs rose"
    proxy_row = next(n for n in range(diff.proxy.rowCount()) if diff.model.rows[diff.proxy.mapToSource(diff.proxy.index(n, 0)).row()] is costs[0])
    colour = diff.proxy.index(proxy_row, CHANGE_PCT).data(Qt.ItemDataRole.BackgroundRole).color()
    assert colour.red() > colour.green(), "a cost up is unfavourable: red"
    assert "unfavourable" in diff.legend.toolTip() and "favourable" in diff.legend.text()

    sheet = next(n for n, s in enumerate(reference.filing.statements) if s.kind is StatementKind.BALANCE_SHEET)
    main_window.navigator.select_statement(reference.path, sheet)
    pop = next(b for b in diff.basis_buttons.buttons() if b.property("basis") == Basis.POP.value)
    pop.click()
    assert diff.basis is Basis.POP and diff.proxy.rowCount() > 10
    assert {diff.proxy.index(r, PERIOD).data() for r in range(diff.proxy.rowCount())} == {"Sep 30 2017"}
    assert any(diff.proxy.index(r, LINE).data() == "Total current assets" for r in range(diff.proxy.rowCount()))


# ----------------------------------------------------------------------------- 6. side by side


def test_two_companies_side_by_side_align_by_meaning(qtbot, main_window, apple, reference):
    hand_over(qtbot, main_window, [apple[2], reference])
    apple_income = next(s for s in apple[2].filing.statements if s.kind is StatementKind.INCOME and s.key[1] == "consolidated")
    iij_income = reference.filing.statements[next(n for n, s in enumerate(reference.filing.statements) if s.title.startswith("Consolidated Statements of Income"))]
    panel = main_window.add_side_by_side(apple_income, 0, iij_income, 0)
    labels = [line.label for line in panel.statement.lines]
    assert labels[:3] == [STANDARD_SECTION, "Revenue", "Gross profit"] or labels[:2] == [STANDARD_SECTION, "Revenue"]
    assert panel.statement.columns[0].label.startswith("apple_10q_fy2025q3.html:") and panel.statement.columns[1].label.startswith(REFERENCE.name)
    assert any(label.startswith("Only in ") for label in labels)


# ----------------------------------------------------------------------------- 7. smaller things


def test_choosing_a_statement_brings_its_table_to_the_front(qtbot, main_window, reference):
    hand_over(qtbot, main_window, [reference])
    panel = main_window.statement_panel
    panel.select_lines([panel.statement.find_line("Total revenues")])
    main_window.add_chart(panel.chart_data())
    assert main_window.tabs.currentWidget() is not panel
    main_window.navigator.select_statement(reference.path, 0)
    assert main_window.tabs.currentWidget() is panel


def test_a_password_protected_pdf_asks_for_its_password_and_never_keeps_it(qtbot, main_window, tmp_path, monkeypatch):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(password_protected_pdf(b"s3cret-pw"))
    asked = []

    def answer(parent, title, label, echo):
        asked.append((label, echo))
        return ("s3cret-pw", True)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    main_window.load_paths([locked])
    qtbot.waitUntil(lambda: len(asked) == 1 and main_window.failure_box is not None and main_window.failure_box.isVisible(), timeout=20_000)
    label, echo = asked[0]
    assert "locked.pdf" in label and "password" in label and echo == QLineEdit.EchoMode.Password
    assert "scanned" in main_window.failure_box.informativeText(), "opened with the password: its one page has no text"
    main_window.settings.sync()
    stored = "".join(p.read_text(errors="replace") for p in Path(main_window.settings._store.fileName()).parent.rglob("*") if p.is_file())
    assert "s3cret-pw" not in stored


def test_a_dark_palette_stays_readable(qtbot, isolated_user_folders, reference):
    """The desktop's palette is set before the app starts, as a dark desktop theme does."""
    app = QApplication.instance()
    light = app.palette()
    app.setPalette(dark_palette())
    try:
        icon = configure_application(app)
        main_window = MainWindow(AppSettings(), None, sample_filing(), icon)
        qtbot.addWidget(main_window)
        main_window.show()
        hand_over(qtbot, main_window, [reference])
        qss = Path(__file__).resolve().parents[1].joinpath("resources", "tickmark.qss").read_text()
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(", qss.split("*/", 1)[1]), "no hard-coded colours in the style sheet"
        panel = main_window.statement_panel
        base = panel.view.palette().color(QPalette.ColorRole.Base)
        assert base.lightness() < 128
        model = panel.model
        negative = next(model.index(l, c + 1) for (l, c), cell in panel.table.cells.items() if cell.negative and not cell.problem)
        assert contrast(negative.data(Qt.ItemDataRole.ForegroundRole).color(), base) >= 4.5
        diff = main_window.diff_panel
        text = diff.view.palette().color(QPalette.ColorRole.Text)
        for row in range(diff.proxy.rowCount()):
            background = diff.proxy.index(row, CHANGE_PCT).data(Qt.ItemDataRole.BackgroundRole)
            if background is not None:
                assert contrast(background.color(), text) >= 4.5
    finally:
        app.setPalette(light)
        configure_application(app)


def test_the_last_folder_falls_back_to_home_when_it_is_gone(main_window, tmp_path):
    gone = tmp_path / "moved-away"
    gone.mkdir()
    main_window.settings.remember_folder_of(gone / "filing.pdf")
    assert main_window.settings.last_folder() == str(gone)
    gone.rmdir()
    assert main_window.settings.last_folder() == str(Path.home())


def test_progress_counts_pages_across_all_files(qtbot):
    loader = FilingLoader()
    messages = []
    loader.progress_changed.connect(lambda fraction, message: messages.append((fraction, message)))
    paths = [str(filing("costco_fy2023q3_earnings_release.pdf")), str(REFERENCE)]
    with qtbot.waitSignal(loader.batch_finished, timeout=60_000):
        loader.load(paths)
    total = sum(page_count(p) for p in paths)
    assert any(f"of {total} in 2 files" in message for _, message in messages), messages[-3:]
    fractions = [fraction for fraction, _ in messages]
    assert max(fractions) == pytest.approx(1.0)
