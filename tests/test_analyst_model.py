"""The analyst's views without Qt: period labels that say how long a period is, comparisons
of periods of different length marked, period filters and TTM, moves coloured by effect and
ranked by money, the source of a cell, exports that say what their numbers are, two companies
side by side by meaning, and the smaller things (small negatives, printed % changes, the main
statement, the page count behind progress)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from model.analysis.analyst_views import STANDARD_SECTION, side_by_side
from model.analysis.compare import Basis, compute_changes
from model.analysis.line_meaning import Effect, StandardLine, line_effect, standard_lines
from model.analysis.period_lengths import length_mismatch, period_length
from model.analysis.trailing import with_trailing_twelve_months
from model.export import CHANGE_COLUMNS, change_rows, new_file_mode, write_text_atomic
from model.filing import load_filing
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import FiscalCalendar, Period, WeekRule
from model.page_counts import page_count
from model.raw import SourceRef
from model.statements.statement import Cell, Column, Line, Statement, StatementKind
from model.views.checks import check_statement, main_statement_index, printed_change_text
from model.views.columns import short_label
from model.views.diff import DiffOrder, MoveGroup, diff_rows, moves_of_at_least
from model.views.export_formats import CHART_FORMATS, TABLE_FORMATS, ExportFormat, export_target
from model.views.formatting import format_amount
from model.views.period_filters import PeriodFilter, filtered_statement
from model.views.period_labels import period_label
from model.views.selections import selection_csv
from model.views.source import PdfLocation, TextLocation, locate, render_pdf_page, text_excerpt
from model.views.table import statement_table
from model.views.xlsx import number_format
from tests.support import REFERENCE, filing, needs_filings

FIDELITY = REFERENCE.parents[1] / "fidelity" / "docs"
RETAIL = FiscalCalendar(year_end_month=1, week_rule=WeekRule.LAST, weekday=5, evidence=("52 or 53 weeks ending on the last Saturday of January",))


def fidelity_doc(name: str):
    path = FIDELITY / name
    if not path.exists():
        pytest.skip(f"{name} is not in ../shared/fidelity/docs on this machine")
    return path


def weeks(end: date, count: int) -> Period:
    return Period(start=end - timedelta(days=7 * count - 1), end=end)


def _cell(value: str | None, unit: str = "USD", scale: int = 1_000_000, line: int = 1, column: int = 1) -> Cell:
    return Cell(value=None if value is None else Decimal(value), text=value or "-", source=SourceRef("synthetic.txt", line=line, column=column), unit=unit, scale=scale)


def statement_of(columns: list[Column], rows: dict[str, list[str | None]], kind: StatementKind = StatementKind.INCOME) -> Statement:
    lines = [Line(label) for label in rows]
    cells = {
        (i, j): _cell(value, line=i + 1, column=j + 1) for i, values in enumerate(rows.values()) for j, value in enumerate(values) if value is not None
    }
    return Statement("Synthetic", kind, columns, lines, cells, unit="USD", scale=1_000_000, file_name="synthetic.txt")


# ----------------------------------------------------------------------------- period labels


def test_labels_count_weeks_on_a_52_53_week_calendar_and_months_otherwise():
    assert period_label(weeks(date(2023, 4, 29), 13), RETAIL) == "13W Apr 29 2023"
    assert period_label(weeks(date(2023, 5, 7), 36), RETAIL, "36 Weeks Ended May 7, 2023") == "36W YTD May 7 2023"
    assert period_label(Period(start=date(2023, 1, 1), end=date(2023, 3, 31))) == "3M Mar 31 2023"
    assert period_label(weeks(date(2022, 12, 31), 17), None, "Fourth Quarter 2022") == "17W Q4 Dec 31 2022", "17 whole weeks: weeks"
    assert period_label(Period(end=date(2023, 3, 31))) == "Mar 31 2023"
    assert str(period_length(weeks(date(2023, 5, 7), 36))) == "36W", "a 36-week year to date is never 8M"


@needs_filings
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gme_10q_fy2023q2_untagged.html", {"13W Jul 29 2023", "26W YTD Jul 29 2023", "13W Jul 30 2022", "26W YTD Jul 30 2022"}),
        ("low_10q_fy2023q2_untagged.html", {"13W Aug 4 2023", "26W YTD Aug 4 2023"}),
        ("mdt_10q_fy2024q1_untagged.html", {"13W Jul 28 2023", "13W Jul 29 2022"}),
    ],
)
def test_52_53_week_filings_are_labelled_in_weeks_with_year_to_date(name, expected):
    loaded = load_filing(fidelity_doc(name))
    income = loaded.statements[main_statement_index(loaded)]
    labels = {short_label(column, loaded.calendar) for column in income.columns}
    assert expected <= labels, labels


def test_comparisons_of_periods_of_different_length_are_made_and_marked():
    q4 = weeks(date(2022, 12, 31), 16)
    q1 = weeks(date(2023, 3, 25), 12)
    assert length_mismatch(q1, q4) == "different lengths: 12W against 16W"
    assert length_mismatch(Period(start=date(2023, 1, 1), end=date(2023, 3, 31)), Period(start=date(2022, 10, 1), end=date(2022, 12, 31))) == ""
    columns = [Column("16 Weeks Ended Dec 31, 2022", ColumnKind.DURATION, q4), Column("12 Weeks Ended Mar 25, 2023", ColumnKind.DURATION, q1)]
    statement = statement_of(columns, {"Net revenue": ["27996", "17846"]})
    changes = compute_changes(statement)
    assert [c.basis for c in changes] == [Basis.QOQ], "a 12-week Q1 is compared with the 16-week Q4 before it"
    row = change_rows(changes)[0]
    assert CHANGE_COLUMNS[-1] == "note" and "different lengths: 12W against 16W" in row["note"]
    table = statement_table(statement)
    assert "\u2260" in table.header(1) and "another length" in table.header_tooltip(1)
    assert diff_rows(statement, Basis.QOQ)[0].length_note


# ----------------------------------------------------------------------------- filters and TTM


def _quarters_statement() -> Statement:
    ends = [date(2023, 3, 31), date(2023, 6, 30), date(2023, 9, 30), date(2023, 12, 31), date(2024, 3, 31)]
    columns = [Column(f"Three Months Ended {end:%B %d, %Y}", ColumnKind.DURATION, Period(start=date(end.year, end.month - 2, 1), end=end)) for end in ends]
    columns.append(Column("Year Ended December 31, 2023", ColumnKind.DURATION, Period(start=date(2023, 1, 1), end=date(2023, 12, 31))))
    columns.append(Column("Nine Months Ended September 30, 2023", ColumnKind.DURATION, Period(start=date(2023, 1, 1), end=date(2023, 9, 30))))
    columns.append(Column("As of December 31, 2023", ColumnKind.INSTANT, Period(end=date(2023, 12, 31))))
    return statement_of(columns, {"Revenue": ["100", "110", "120", "130", "140", "460", "330", None], "EPS": ["1.0", "1.1", "1.2", "1.3", "1.4", "4.6", "3.3", None]})


def test_ttm_adds_four_consecutive_quarters_and_is_marked_derived():
    shown = with_trailing_twelve_months(_quarters_statement())
    ttm = [j for j, column in enumerate(shown.columns) if column.label.startswith("TTM")]
    assert [shown.columns[j].period.end for j in ttm] == [date(2023, 12, 31), date(2024, 3, 31)]
    assert all(shown.columns[j].derived for j in ttm)
    revenue = shown.cells[(0, ttm[1])]
    assert revenue.value == 110 + 120 + 130 + 140 and revenue.derived and revenue.note.startswith("TTM: ")
    assert (1, ttm[0]) in shown.cells  # EPS lines are additive here only when they are not per-share


@pytest.mark.parametrize(
    ("period_filter", "expected"),
    [
        (PeriodFilter.QUARTERS, ["3M Mar 31 2023", "3M Jun 30 2023", "3M Sep 30 2023", "3M Dec 31 2023", "3M Mar 31 2024"]),
        (PeriodFilter.TTM, ["TTM Dec 31 2023 (derived)", "TTM Mar 31 2024 (derived)"]),
        (PeriodFilter.YEAR_TO_DATE, ["9M YTD Sep 30 2023"]),
        (PeriodFilter.ANNUAL, ["12M Dec 31 2023"]),
        (PeriodFilter.BALANCE_DATES, ["Dec 31 2023"]),
    ],
)
def test_each_filter_keeps_its_kind_of_period(period_filter, expected):
    shown, applied = filtered_statement(_quarters_statement(), period_filter)
    assert applied and [short_label(c) for c in shown.columns] == expected


def test_a_filter_that_leaves_nothing_shows_every_column_and_says_so():
    statement = statement_of([Column("As of Dec 31, 2023", ColumnKind.INSTANT, Period(end=date(2023, 12, 31)))], {"Cash": ["5"]}, StatementKind.BALANCE_SHEET)
    table = statement_table(statement, period_filter=PeriodFilter.QUARTERS)
    assert not table.filter_applied and len(table.columns) == 1


# ----------------------------------------------------------------------------- the diff panel's rows


def test_the_effect_of_a_line_follows_its_meaning():
    income = StatementKind.INCOME
    assert line_effect("Total net sales", income) is Effect.FAVOURABLE
    assert line_effect("Cost of sales", income) is Effect.UNFAVOURABLE
    assert line_effect("Products", income, ("Cost of sales:",)) is Effect.UNFAVOURABLE
    assert line_effect("Marketing and sales", income, ("Operating expenses:",)) is Effect.UNFAVOURABLE
    assert line_effect("Net income (loss)", income) is Effect.FAVOURABLE
    assert line_effect("Income before provision for income taxes", income) is Effect.FAVOURABLE
    assert line_effect("Net loss", income) is Effect.UNFAVOURABLE
    assert line_effect("Total assets", StatementKind.BALANCE_SHEET) is Effect.NEUTRAL


def test_moves_rank_by_money_then_among_per_share_lines_and_filter_by_amount():
    q1, q2 = Period(start=date(2022, 1, 1), end=date(2022, 3, 31)), Period(start=date(2023, 1, 1), end=date(2023, 3, 31))
    columns = [Column("Q1 2022", ColumnKind.DURATION, q1), Column("Q1 2023", ColumnKind.DURATION, q2)]
    lines = [Line("Revenue"), Line("Cost of sales"), Line("Other income"), Line("Diluted EPS", per_share=True)]
    values = [("1000", "1200"), ("-400", "-500"), ("2", "4"), ("1.00", "1.50")]
    cells = {}
    for i, pair in enumerate(values):
        for j, value in enumerate(pair):
            cells[(i, j)] = _cell(value, unit="USD/share" if i == 3 else "USD", scale=1 if i == 3 else 1_000_000)
    statement = Statement("Synthetic", StatementKind.INCOME, columns, lines, cells, unit="USD", scale=1_000_000)
    rows = diff_rows(statement, Basis.YOY, order=DiffOrder.MOVERS)
    assert [r.label for r in rows] == ["Revenue", "Cost of sales", "Other income", "Diluted EPS"], "by money moved; EPS (+50 %) ranks among its own"
    assert [r.group for r in rows][-1] is MoveGroup.PER_SHARE
    effects = {r.label: r.effect for r in rows}
    assert effects == {"Revenue": 1, "Cost of sales": -1, "Other income": 1, "Diluted EPS": 1}, "a bigger cost (printed negative) is unfavourable"
    assert [r.label for r in moves_of_at_least(rows, 0, min_change=50)] == ["Revenue", "Cost of sales", "Diluted EPS"]


@needs_filings
def test_balance_sheets_get_period_over_period_moves_and_failed_totals_are_left_out():
    from model.views.checks import load_checked_filing

    checked = load_checked_filing(str(REFERENCE))
    index = next(n for n, s in enumerate(checked.filing.statements) if s.kind is StatementKind.BALANCE_SHEET)
    sheet, checks = checked.filing.statements[index], checked.checks[index]
    pop = diff_rows(sheet, Basis.POP, checked.filing.rounding, checks=checks)
    assert pop and all(r.change.period.is_instant for r in pop)
    assert {(r.period_label, r.prior_label) for r in pop} == {("Sep 30 2017", "Mar 31 2017")}


def test_moves_of_a_total_that_does_not_foot_or_an_unresolved_cell_are_left_out():
    q1, q2 = Period(start=date(2022, 1, 1), end=date(2022, 3, 31)), Period(start=date(2023, 1, 1), end=date(2023, 3, 31))
    columns = [Column("Q1 2022", ColumnKind.DURATION, q1), Column("Q1 2023", ColumnKind.DURATION, q2)]
    statement = statement_of(columns, {"Product": ["60", "70"], "Service": ["40", "45"], "Total revenue": ["100", "999"], "Other": ["5", "6"]})
    statement.lines[2] = Line("Total revenue", is_total=True)
    statement.cells[(3, 1)] = replace(statement.cells[(3, 1)], unresolved="no scale for this row")
    checks = check_statement(statement)
    assert (2, columns[1]) in checks.failing, "115 printed as 999: the total does not foot"
    every = diff_rows(statement, Basis.YOY, checks=checks, include_left_out=True)
    left_out = {r.label: r.left_out for r in every if r.left_out}
    assert set(left_out) == {"Total revenue"} and "does not foot" in left_out["Total revenue"]
    assert "Other" not in {r.label for r in every}, "a value whose scale is unresolved is never compared"
    assert {r.label for r in diff_rows(statement, Basis.YOY, checks=checks)} == {"Product", "Service"}


# ----------------------------------------------------------------------------- side by side


@needs_filings
def test_two_companies_align_on_the_standard_lines_by_meaning():
    apple = load_filing(filing("apple_10q_fy2025q3.html"))
    iij = load_filing(REFERENCE)
    left = next(s for s in apple.statements if s.kind is StatementKind.INCOME and s.key[1] == "consolidated")
    right = iij.statements[main_statement_index(iij)]
    assert standard_lines(left)[StandardLine.REVENUE] == left.find_line("Total net sales")
    assert standard_lines(right)[StandardLine.REVENUE] == right.find_line("Total revenues")
    quarter = max((j for j, c in enumerate(left.columns) if c.period is not None and c.period.days < 100), key=lambda j: left.columns[j].period.end)
    shown = side_by_side(left, quarter, right, len(right.columns) - 1, by_meaning=True)
    assert shown.columns[0].label.startswith("apple_10q_fy2025q3.html: ") and shown.columns[1].label.startswith(REFERENCE.name)
    labels = [line.label for line in shown.lines]
    assert labels[0] == STANDARD_SECTION and labels[1] == "Revenue"
    revenue = shown.cells[(1, 0)], shown.cells[(1, 1)]
    assert revenue[0].value == 94036 and revenue[1].source.file == REFERENCE.name
    assert any(label.startswith("Only in apple_10q_fy2025q3.html") for label in labels)
    assert any(label.startswith(f"Only in {REFERENCE.name}") for label in labels)


# ----------------------------------------------------------------------------- where a number was printed


@needs_filings
def test_a_text_cell_is_found_on_its_line_and_an_html_cell_by_its_text():
    iij = load_filing(REFERENCE)
    income = iij.statements[main_statement_index(iij)]
    cell = income.cells[(income.find_line("Total revenues"), 0)]
    location = locate(cell, lambda name: str(REFERENCE) if name == REFERENCE.name else None)
    assert isinstance(location, TextLocation) and location.marked == cell.source.line
    marked = location.lines[location.marked_index()]
    assert cell.text in marked.text
    apple_path = filing("apple_10q_fy2025q3.html")
    apple = load_filing(apple_path)
    sales = next(s for s in apple.statements if s.kind is StatementKind.INCOME and s.key[1] == "consolidated")
    cell = sales.cells[(sales.find_line("Total net sales"), 0)]
    excerpt = text_excerpt(str(apple_path), cell.source.line, cell.text)
    assert cell.text in excerpt.lines[excerpt.marked_index()].text and "<" not in excerpt.lines[excerpt.marked_index()].text


@needs_filings
def test_a_pdf_cell_is_on_its_page_and_the_page_renders_with_its_box():
    path = filing("costco_fy2023q3_earnings_release.pdf")
    costco = load_filing(path)
    income = costco.statements[main_statement_index(costco)]
    cell = next(c for c in income.cells.values() if c.value is not None and c.source.bbox is not None)
    location = locate(cell, lambda name: str(path))
    assert isinstance(location, PdfLocation) and location.page == cell.source.page and location.bbox == cell.source.bbox
    page = render_pdf_page(str(path), location.page, 2.0)
    assert (page.width, page.height) == (1224, 1584) and len(page.pixels) >= page.stride * page.height
    x, y, w, h = page.box(location.bbox)
    assert 0 <= x < page.width and 0 <= y < page.height and w > 0 and h > 0


# ----------------------------------------------------------------------------- exports and smaller things


def test_the_typed_extension_decides_the_format():
    assert export_target("/tmp/chart.svg", ExportFormat.PNG, CHART_FORMATS) == ("/tmp/chart.svg", ExportFormat.SVG)
    assert export_target("/tmp/table.XLSX", ExportFormat.CSV, TABLE_FORMATS) == ("/tmp/table.XLSX", ExportFormat.XLSX)
    assert export_target("/tmp/table", ExportFormat.CSV, TABLE_FORMATS) == ("/tmp/table.csv", ExportFormat.CSV)
    assert export_target("/tmp/q3.v2", ExportFormat.PNG, CHART_FORMATS) == ("/tmp/q3.v2.png", ExportFormat.PNG)


def test_the_window_csv_names_units_and_a_line_in_another_unit(tmp_path):
    statement = _quarters_statement()
    statement.lines[1] = Line("EPS", per_share=True)
    statement.cells.update({(1, j): _cell(v, unit="USD/share", scale=1) for j, v in enumerate(["1.0", "1.1", "1.2", "1.3", "1.4", "4.6", "3.3"])})
    table = statement_table(statement)
    rows = list(csv.reader(io.StringIO(selection_csv(table, [0, 1], [0, 1]))))
    assert rows[0][1] == "Three Months Ended March 31, 2023 (USD millions)"
    assert rows[2][0] == "EPS [USD/share]"
    path = tmp_path / "t.csv"
    write_text_atomic(path, "Shareholders\u2019 equity\n", byte_order_mark=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert new_file_mode(path) == path.stat().st_mode & 0o7777


def test_number_formats_put_negatives_in_parentheses():
    assert number_format(0, "USD") == '#,##0;(#,##0);"\u2014"'
    assert number_format(2, "%") == '#,##0.00"%";(#,##0.00"%")'


def test_small_negatives_and_printed_percent_changes_show_once():
    assert format_amount(Decimal("-0.04"), 1) == "(0.0)"
    q1, q2 = Period(start=date(2022, 1, 1), end=date(2022, 3, 31)), Period(start=date(2023, 1, 1), end=date(2023, 3, 31))
    columns = [Column("2022", ColumnKind.DURATION, q1), Column("2023", ColumnKind.DURATION, q2), Column("% change", ColumnKind.CHANGE, percent_change=True, compares=(q2, q1))]
    statement = statement_of(columns, {"Revenue": ["100", "97", None]})
    statement.cells[(0, 2)] = Cell(Decimal("-3"), "(3)%", SourceRef("synthetic.txt", line=1, column=3), unit="%")
    change = next(c for c in compute_changes(statement) if c.reported is not None)
    assert printed_change_text(change) == "(3)%"
    assert diff_rows(statement, Basis.YOY)[0].check_text() == "\u2713 printed (3)%"


@needs_filings
def test_a_10k_opens_on_its_statement_of_operations_not_an_mdna_table():
    loaded = load_filing(fidelity_doc("pltr_10k_2023_untagged.html"))
    main = loaded.statements[main_statement_index(loaded)]
    assert main.title == "Consolidated Statements of Operations" and len(main.lines) > 10


@needs_filings
def test_page_counts_weigh_progress_by_pages():
    assert page_count(filing("costco_fy2023q3_earnings_release.pdf")) == 4
    assert page_count(filing("salesforce_fy2023_10k.pdf")) == 152
    assert page_count(REFERENCE) >= 1
