"""Numbers from evidence (issue 8): each failure mode on at least two real documents, the
evidence kept for every decision, and unresolved values that never feed a comparison."""

from __future__ import annotations

import csv
import functools
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from model.analysis.compare import compute_changes
from model.analysis.consistency import eps_checks, narrative_checks, stated_amounts
from model.analysis.workspace import load_workspace
from model.cli import run_export
from model.filing import Filing, load_filing
from model.interpretation.headers import ColumnKind, parse_header
from model.interpretation.periods import FiscalCalendar, Period
from model.interpretation.units import is_unit_caption
from model.statements.statement import Statement, StatementKind
from model.views.checks import check_filing
from tests.support import fidelity_document, filing


SHARED_FILINGS = ("apple_", "buckle_", "salesforce_", "iij-", "amcor_", "pepsico_")


@functools.lru_cache(maxsize=None)
def loaded(name: str) -> Filing:
    return load_filing(filing(name) if name.startswith(SHARED_FILINGS) else fidelity_document(name))


def statement_of(name: str, kind: StatementKind) -> Statement:
    """The document's own (consolidated, titled) statement of a kind."""
    candidates = [s for s in loaded(name).statements if s.kind is kind]
    assert candidates, f"no {kind.value} in {name}"
    return max(candidates, key=lambda s: (s.key[1] == "consolidated", len(s.lines)))


def cell_of(statement: Statement, label: str, period: Period):
    line = statement.find_line(label)
    assert line is not None, [l.label for l in statement.lines]
    column = statement.find_column(period)
    assert column is not None, [c.label for c in statement.columns]
    return statement.cells[(line, column)]


def quarter(start: str, end: str) -> Period:
    return Period(start=date.fromisoformat(start), end=date.fromisoformat(end))


# ----------------------------------------------------------------------------- scale


@pytest.mark.parametrize(
    ("name", "label", "period", "value", "caption"),
    [
        ("gd_10q_2023q2_untagged.html", "Products", quarter("2023-04-03", "2023-07-02"), "5797", "(Dollars in millions, except per-share amounts)"),
        ("txn_10q_2023q2_untagged.html", "Revenue", quarter("2023-04-01", "2023-06-30"), "4531", "(In millions, except per-share amounts)"),
        ("mdt_10q_fy2024q1_untagged.html", "Net sales", quarter("2023-04-29", "2023-07-28"), "7702", "(in millions, except per share data)"),
        ("sjm_10q_fy2024q1_untagged.html", "Net sales", quarter("2023-05-01", "2023-07-31"), "1805.2", "Dollars in millions, except per share data"),
    ],
)
def test_a_unit_caption_in_the_tables_own_heading_sets_its_scale(name, label, period, value, caption):
    cell = cell_of(statement_of(name, StatementKind.INCOME), label, period)
    assert (cell.value, cell.unit, cell.scale) == (Decimal(value), "USD", 1_000_000)
    scale = [e for e in cell.evidence if e.decides == "scale"]
    assert scale and scale[0].origin == "table heading" and scale[0].text == caption


@pytest.mark.parametrize(
    ("name", "title"),
    [("low_10q_fy2023q2_untagged.html", "Consolidated Statements of Earnings"), ("aapl_10q_fy2025q2_untagged.html", "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS")],
)
def test_a_unit_caption_is_never_a_statements_title(name, title):
    income = statement_of(name, StatementKind.INCOME)
    assert income.title == title
    assert is_unit_caption("In Millions, Except Per Share and Percentage Data")
    assert is_unit_caption("(In millions, except number of shares, which are reflected in thousands, and per-share amounts)")
    assert not is_unit_caption("Consolidated Statements of Income (in millions)")


@pytest.mark.parametrize(
    ("name", "label", "period", "scale", "origin"),
    [
        # "(In millions, except number of shares, which are reflected in thousands, ...)"
        ("aapl_10q_fy2025q2_untagged.html", "Diluted", quarter("2024-12-29", "2025-03-29"), 1_000, "caption"),
        # "Weighted Average Number of Shares Outstanding (000s)" heads the share counts
        ("cvx_10q_2023q2_untagged.html", "- Basic", quarter("2023-04-01", "2023-06-30"), 1_000, "section heading"),
        # "(in thousands, except share and per share data)": whole shares
        ("aeon_10q_2023q3_untagged.html", "Weighted average shares of common stock outstanding", None, 1, "caption"),
    ],
)
def test_share_counts_take_the_scale_stated_for_them(name, label, period, scale, origin):
    income = statement_of(name, StatementKind.INCOME)
    lines = [i for i, line in enumerate(income.lines) if line.label.startswith(label) and line.unit == "shares"]
    assert lines, [(l.label, l.unit) for l in income.lines]
    cells = [cell for (i, j), cell in income.cells.items() if i in lines and (period is None or income.columns[j].period == period)]
    assert cells and all(cell.scale == scale and cell.unit == "shares" for cell in cells)
    assert any(e.origin == origin for e in cells[0].evidence)


@pytest.mark.parametrize(
    ("name", "label"),
    [("cvx_10q_2023q2_untagged.html", "- Basic"), ("trv_10q_2023q3_untagged.html", "Cash dividends declared per common share")],
)
def test_per_share_rows_stay_per_share(name, label):
    income = statement_of(name, StatementKind.INCOME)
    per_share = [(i, line) for i, line in enumerate(income.lines) if line.label == label and line.per_share]
    assert per_share
    cells = [cell for (i, _), cell in income.cells.items() if i == per_share[0][0]]
    assert cells and all(cell.unit == "USD/share" and cell.scale == 1 for cell in cells)


def test_a_line_a_caption_puts_in_another_scale_takes_it():
    summary = [s for s in load_filing(filing("salesforce_fy2023q3_10q.pdf")).statements if s.find_line("Remaining performance obligation") is not None]
    assert summary
    line = summary[0].find_line("Remaining performance obligation")
    cells = [cell for (i, _), cell in summary[0].cells.items() if i == line]
    assert cells and all(cell.scale == 1_000_000_000 for cell in cells)
    other = summary[0].find_line("Unearned revenue")
    assert all(cell.scale == 1_000_000 for (i, _), cell in summary[0].cells.items() if i == other)


# ----------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        # "Three Months Ended September 30 (Millions, except per share amounts)" over "2023 | 2022"
        ("axp_10q_2023q3_untagged.html", {date(2023, 7, 1), date(2023, 1, 1), date(2022, 7, 1), date(2022, 1, 1)}),
        # "Three months ended June 30," over "2023 | 2022"
        ("muln_10q_fy2023q3_untagged.html", {date(2023, 4, 1), date(2022, 10, 1), date(2022, 4, 1), date(2021, 10, 1)}),
    ],
)
def test_bare_years_under_a_quarter_banner_are_quarters_and_year_to_date_never_full_years(name, starts):
    income = statement_of(name, StatementKind.INCOME)
    periods = [c.period for c in income.columns if c.is_resolved_period]
    assert {p.start for p in periods} == starts
    assert all(p.months in (3, 9) for p in periods)


def test_bare_years_under_a_banner_that_names_no_quarter_stay_unresolved():
    second_quarter = parse_header("2023", FiscalCalendar(year_end_month=12), banner="Second Quarter")
    assert second_quarter.period == Period(start=date(2023, 4, 1), end=date(2023, 6, 30))
    unresolved = parse_header("2023", FiscalCalendar(year_end_month=12), banner="Three Months Ended")
    assert unresolved.kind is ColumnKind.OTHER and "Three Months Ended" in unresolved.unresolved
    lone_date = parse_header("June 30, 2023", FiscalCalendar(), default_instant=False)
    assert lone_date.kind is ColumnKind.OTHER and "no period length" in lone_date.unresolved


@pytest.mark.parametrize(
    ("name", "label", "start", "end"),
    [
        # 'Fiscal year 2023 consisted of the 53 weeks ended on February 3, 2024 ("fiscal 2023")'
        ("gme_10k_fy2023_untagged.html", "Fiscal 2023", date(2023, 1, 29), date(2024, 2, 3)),
        # a January year end whose newest label, Fiscal 2023, names the year ended January 31, 2023
        ("salesforce_fy2024q1_earnings_release.pdf", "Fiscal 2024", date(2023, 2, 1), date(2024, 1, 31)),
    ],
)
def test_fiscal_year_names_follow_the_documents_own_naming(name, label, start, end):
    statements = loaded(name).statements
    periods = {c.period for s in statements for c in s.columns if c.label.startswith(label) and c.is_resolved_period}
    assert Period(start=start, end=end) in periods
    assert loaded(name).calendar.naming_evidence


def test_a_fiscal_name_without_naming_evidence_is_unresolved():
    september = FiscalCalendar(year_end_month=9)
    header = parse_header("FY2024", september)
    assert header.kind is ColumnKind.OTHER and "start or end in" in header.unresolved
    assert parse_header("FY2024", replace(september, label_year="end")).period == Period(start=date(2023, 10, 1), end=date(2024, 9, 30))


def test_stub_periods_printed_as_ranges_are_the_periods():
    income = statement_of("aeon_10q_2023q3_untagged.html", StatementKind.INCOME)
    periods = {c.period for c in income.columns if c.is_resolved_period}
    assert quarter("2023-07-01", "2023-07-21") in periods  # "Predecessor July 1 to July 21"
    assert quarter("2023-07-22", "2023-09-30") in periods  # "Successor July 22 to September 30"


@pytest.mark.parametrize("name", ["low_10q_fy2023q2_untagged.html", "low_10q_fy2023q2_print.pdf"])
def test_percent_of_sales_columns_are_ratios_of_their_headers_period(name):
    """"Three Months Ended August 4, 2023 | % Sales": the ratio column is of the period its own
    header prints, in %, its facts hundredths of the printed figure (as the filing's tags say:
    cost of sales 66.34 % is 0.6634), never the table's money scale, and never compared as an amount."""
    income = statement_of(name, StatementKind.INCOME)
    ratio = [j for j, c in enumerate(income.columns) if "% Sales" in c.label]
    assert len(ratio) == 4 and all(income.columns[j].is_resolved_period and income.columns[j].unit == "%" for j in ratio)
    amounts = {income.columns[j].period for j, c in enumerate(income.columns) if c.is_resolved_period and j not in ratio}
    assert {income.columns[j].period for j in ratio} == amounts
    cells = [cell for (_, j), cell in income.cells.items() if j in ratio]
    assert cells and all(cell.unit == "%" and cell.scale == Decimal("0.01") for cell in cells)
    cost = income.find_line("Cost of sales")
    q2 = next(j for j in ratio if income.columns[j].period == quarter("2023-05-06", "2023-08-04"))
    assert income.cells[(cost, q2)].value * income.cells[(cost, q2)].scale == Decimal("0.6634")
    # compared only with the same ratio a year earlier (a margin's move in points), never with an amount
    ratio_changes = [c for c in compute_changes(income) if c.cell.unit == "%" or c.prior_cell.unit == "%"]
    assert ratio_changes and all(c.cell.unit == c.prior_cell.unit == "%" for c in ratio_changes)


def test_ratio_columns_never_chart_add_up_or_stand_in_for_amounts():
    """With "% Sales" dated beside the amounts, a chart of a line shows its amounts only, and the
    ratios feed neither derived quarters nor a trailing twelve months."""
    from model.analysis.compare import with_derived_periods
    from model.analysis.trailing import with_trailing_twelve_months
    from model.views.charts import chart_of_lines
    from model.views.table import statement_table

    income = statement_of("low_10q_fy2023q2_untagged.html", StatementKind.INCOME)
    chart = chart_of_lines(statement_table(income), [income.find_line("Net sales")])
    assert len(chart.series[0].values) == 4 and min(chart.series[0].values) > 20_000 and chart.y_caption == "USD millions"
    derived = with_derived_periods(income)
    assert [c for c in derived.columns if c.derived] and not [c for c in derived.columns if c.derived and c.is_ratio]
    # four quarters of a ratio printed side by side still make no TTM
    quarters = [quarter("2022-08-01", "2022-10-31"), quarter("2022-11-01", "2023-01-31"), quarter("2023-02-01", "2023-04-30"), quarter("2023-05-01", "2023-07-31")]
    ratio_column = next(c for c in income.columns if c.is_ratio)
    amount_column = next(c for c in income.columns if c.is_resolved_period and not c.is_ratio)
    columns = [replace(ratio_column, period=p) for p in quarters] + [replace(amount_column, period=p) for p in quarters]
    line = income.find_line("Net sales")
    cells = {(0, j): income.cells[(line, income.columns.index(ratio_column if j < 4 else amount_column))] for j in range(8)}
    four = replace(income, columns=columns, lines=[income.lines[line]], cells=cells)
    ttm = [c for c in with_trailing_twelve_months(four).columns if c.label.startswith("TTM")]
    assert len(ttm) == 1 and not ttm[0].is_ratio


def test_a_percentage_column_beside_its_amounts_is_a_ratio():
    geography = [s for s in loaded("txn_10q_2023q2_untagged.html").statements if s.find_line("Rest of Asia") is not None]
    assert geography
    statement = geography[0]
    ratios = [j for j, c in enumerate(statement.columns) if c.unit == "%" and c.label.startswith("For ")]
    assert len(ratios) == 4 and all(cell.unit == "%" and cell.scale == Decimal("0.01") for (_, j), cell in statement.cells.items() if j in ratios)
    asia = statement.find_line("Rest of Asia")
    amounts = [cell for (i, j), cell in statement.cells.items() if i == asia and statement.columns[j].is_resolved_period and j not in ratios]
    ratios_of_asia = [cell for (i, j), cell in statement.cells.items() if i == asia and j in ratios]
    assert len(amounts) == 4 and not any(cell.unit == "%" for cell in amounts)
    assert [cell.text for cell in ratios_of_asia] == ["12", "12", "12", "13"] and all(cell.unit == "%" for cell in ratios_of_asia)
    assert {statement.columns[j].period for j in ratios} <= {statement.columns[j].period for j in range(len(statement.columns)) if j not in ratios}
    assert all(c.cell.unit == c.prior_cell.unit for c in compute_changes(statement))


# ----------------------------------------------------------------------------- signs


@pytest.mark.parametrize(
    ("name", "kind", "label", "negative"),
    [
        ("gd_10q_2023q2_untagged.html", StatementKind.COMPREHENSIVE_INCOME, "Changes in unrealized cash flow hedges", "(12)"),
        ("infonet_fy2024_cf_tdnet_untagged.html", StatementKind.CASH_FLOW, None, "△"),
    ],
)
def test_negatives_keep_their_printed_sign_with_evidence(name, kind, label, negative):
    statement = statement_of(name, kind)
    cells = [cell for (i, _), cell in statement.cells.items() if (label is None or statement.lines[i].label == label) and cell.text.startswith(negative)]
    assert cells
    for cell in cells:
        assert cell.value < 0
        assert any(e.decides == "sign" and e.text == cell.text for e in cell.evidence)


def test_amounts_printed_positive_under_less_keep_their_sign():
    balance = statement_of("spire_10q_fy2024q1_untagged.html", StatementKind.BALANCE_SHEET)
    line = balance.find_line("Less: Accumulated depreciation and amortization")
    assert line is not None
    assert all(cell.value > 0 for (i, _), cell in balance.cells.items() if i == line)


# ----------------------------------------------------------------------------- honest unknowns


@pytest.mark.parametrize(("name", "title"), [("axp_10q_2023q3_untagged.html", "Table 18"), ("amcor_fy2023q4_earnings_release.pdf", "Reconciliation of net debt")])
def test_a_column_without_a_resolvable_period_is_other_with_a_note_and_left_out_of_changes(name, title, tmp_path):
    path = filing(name) if name.startswith(SHARED_FILINGS) else fidelity_document(name)
    statement = next(s for s in loaded(name).statements if s.title.startswith(title))
    undated = [j for j, c in enumerate(statement.columns) if c.unresolved]
    assert undated and all(statement.columns[j].kind is ColumnKind.OTHER and statement.columns[j].period is None for j in undated)
    assert not any(change.column in undated or change.prior_column in undated for change in compute_changes(statement))
    out = tmp_path / "facts.csv"
    assert run_export(["--facts", str(out), str(path)]) == 0
    with out.open(encoding="utf-8") as stream:
        rows = [r for r in csv.DictReader(stream) if r["statement"] == statement.title and r["column"] in {statement.columns[j].label for j in undated}]
    assert rows and all(r["kind"] == "other" and r["period_end"] == "" and r["note"].startswith("unresolved:") for r in rows)


@pytest.mark.parametrize("name", ["pepsico_2022q4_earnings_release.pdf", "salesforce_fy2024q2_earnings_release.pdf"])
def test_a_value_whose_scale_is_unresolved_is_kept_as_printed_and_never_compared(name):
    statements = loaded(name).statements
    unsettled = [(s, key) for s in statements for key, cell in s.cells.items() if cell.unresolved]
    assert unsettled, "these releases print tables that state no scale while their statements state several"
    statement, (line, column) = unsettled[0]
    assert statement.cells[(line, column)].text  # kept as printed
    for statement in statements:
        for change in compute_changes(statement):
            assert change.cell.is_settled and change.prior_cell.is_settled


def test_restatements_only_between_values_whose_scale_both_filings_establish():
    names = ["pepsico_2022q4_earnings_release.pdf", "pepsico_2023q1_earnings_release.pdf", "pepsico_2023q2_earnings_release.pdf"]
    workspace = load_workspace([str(filing(name)) for name in names])
    assert not workspace.failures
    restatements = workspace.restatements()
    for restatement in restatements:
        assert restatement.first.is_settled and restatement.latest.is_settled
        assert restatement.statement.columns[restatement.column].is_resolved_period


# ----------------------------------------------------------------------------- evidence


def test_every_fact_of_a_primary_statement_carries_its_evidence(tmp_path):
    out = tmp_path / "facts.csv"
    assert run_export(["--facts", str(out), str(fidelity_document("gd_10q_2023q2_untagged.html"))]) == 0
    with out.open(encoding="utf-8") as stream:
        rows = [r for r in csv.DictReader(stream) if r["statement_kind"] == "income statement" and r["kind"] == "duration"]
    assert rows
    for row in rows:
        assert "period from header" in row["evidence"]
        assert ("scale from" in row["evidence"]) or ("unit from" in row["evidence"])
    product = next(r for r in rows if r["line_item"] == "Revenue / Products" and r["period_end"] == "2023-07-02" and r["period_start"] == "2023-04-03")
    assert "'Three Months Ended July 2, 2023'" in product["evidence"]
    assert "table heading" in product["evidence"] and "(Dollars in millions" in product["evidence"]


# ----------------------------------------------------------------------------- checks that catch misreads


def _with_scale(statement: Statement, line: int, factor: int) -> Statement:
    cells = {key: (replace(cell, scale=cell.scale * factor) if key[0] == line else cell) for key, cell in statement.cells.items()}
    return replace(statement, cells=cells)


@pytest.mark.parametrize("name", ["aapl_10q_fy2025q2_untagged.html", "txn_10q_2023q2_untagged.html"])
def test_eps_times_shares_against_net_income_catches_a_scale_slip_between_rows(name):
    income = statement_of(name, StatementKind.INCOME)
    assert eps_checks(income) and all(f.passed for f in eps_checks(income))
    shares = next(i for i, line in enumerate(income.lines) if line.unit == "shares")
    slipped = eps_checks(_with_scale(income, shares, 1000))
    assert slipped and not any(f.passed for f in slipped)
    assert "misread by 1,000" in slipped[0].message or "misread by 0.001" in slipped[0].message


@pytest.mark.parametrize("name", ["txn_10q_2023q2_untagged.html", "trv_10q_2023q3_untagged.html"])
def test_amounts_the_text_states_confirm_the_statement_and_catch_a_misread_scale(name):
    document = loaded(name)
    income = statement_of(name, StatementKind.INCOME)
    confirmed = [f for f in narrative_checks(income, document.stated_amounts) if f.passed]
    assert confirmed
    slipped = narrative_checks(_with_scale(income, confirmed[0].line, 1000), document.stated_amounts)
    assert any(not f.passed and "misread" in f.message for f in slipped)
    assert stated_amounts(["Revenue of $4.53 billion decreased 13% from the same quarter a year ago."])[0].amount == Decimal("4530000000")


def test_a_line_printed_in_two_tables_at_scales_a_thousand_apart_is_flagged():
    checks = check_filing(loaded("aeon_10q_2023q3_untagged.html"))
    flagged = [f for c in checks for f in c.findings if f.check == "printed twice"]
    assert flagged and all("one scale is misread" in f.message for f in flagged)


def test_checks_pass_quietly_on_a_well_read_filing():
    checks = check_filing(loaded("gd_10q_2023q2_untagged.html"))
    statements = loaded("gd_10q_2023q2_untagged.html").statements
    income = next(i for i, s in enumerate(statements) if s.kind is StatementKind.INCOME)
    assert not checks[income].findings
    assert checks[income].verified


@pytest.mark.parametrize(
    ("name", "label"),
    [("abt_10q_2023q2_untagged.html", "Dilutive Common Stock Options"), ("gd_10q_2023q2_untagged.html", "Dilutive effect of stock options and restricted stock/RSUs")],
)
def test_options_printed_among_share_counts_are_share_counts(name, label):
    found = [(s, i) for s in loaded(name).statements for i, line in enumerate(s.lines) if line.label.startswith(label)]
    assert found
    for statement, line in found:
        neighbour = next(l for l in reversed(statement.lines[:line]) if not l.is_heading)
        assert statement.lines[line].unit == "shares" and statement.lines[line].scale == neighbour.scale
        assert all(cell.unit == "shares" for (i, _), cell in statement.cells.items() if i == line)


@pytest.mark.parametrize("name", ["axp_10q_2023q3_untagged.html", "axp_10q_2023q3_print.pdf"])
def test_as_of_or_for_a_period_is_the_period_with_its_balances(name):
    table = next(s for s in loaded(name).statements if s.find_line("Billed business") is not None)
    periods = {c.period for c in table.columns if c.is_resolved_period}
    assert quarter("2023-07-01", "2023-09-30") in periods and quarter("2023-01-01", "2023-09-30") in periods
    assert not any(p.is_instant for p in periods)


def test_a_change_column_whose_first_figure_carries_the_percent_sign_holds_percentages():
    statements = loaded("axp_10q_2023q3_untagged.html").statements
    volumes = next(s for s in statements if s.find_line("Billed business") is not None)
    changes = [c for c in volumes.columns if c.kind is ColumnKind.CHANGE]
    assert changes and all(c.percent_change for c in changes)  # "7%" then "8", "(3)"
    provisions = next(s for s in statements if s.title.startswith("Table 3"))
    pairs = [c for c in provisions.columns if c.kind is ColumnKind.CHANGE]
    assert [c.percent_change for c in pairs] == [False, True, False, True]  # "$ | %" under one "Change" heading
    checks = check_filing(loaded("axp_10q_2023q3_untagged.html"))
    assert not any(c.disagreements for c in checks), "every printed change agrees once its unit is read"


@pytest.mark.parametrize(
    ("header", "banner", "balance_sheet", "start", "end"),
    [
        ("Jan.–Dec. 2021", "", False, date(2021, 1, 1), date(2021, 12, 31)),
        ("Oct.-Mar. 2024", "", False, date(2023, 10, 1), date(2024, 3, 31)),
        ("Year ended 31 December 2022", "", False, date(2022, 1, 1), date(2022, 12, 31)),
        ("2023", "Year ended 31 December", False, date(2023, 1, 1), date(2023, 12, 31)),
        ("2021", "Statement of financial position as at 30 June 2022", True, None, date(2021, 6, 30)),
    ],
)
def test_period_forms_of_other_reporting_conventions(header, banner, balance_sheet, start, end):
    # forms no document of the shared corpora prints; each is read from the words printed
    parsed = parse_header(header, FiscalCalendar(), banner=banner, default_instant=balance_sheet)
    assert parsed.period == Period(end=end, start=start)


def test_the_remaining_months_of_a_fiscal_year_are_its_last_months():
    """Salesforce's maturity tables (fiscal years end January 31) open with "Remaining three months
    of fiscal 2023", printed in its quarter ended October 31, 2022: November to January, never the
    whole fiscal year."""
    document = loaded("salesforce_fy2023q3_10q.pdf")
    spans = {
        (column.period.start, column.period.end)
        for statement in document.statements
        for column in statement.columns
        if column.label.startswith("Remaining three months of fiscal 2023") and column.period is not None
    }
    assert spans == {(date(2022, 11, 1), date(2023, 1, 31))}


@pytest.mark.parametrize("name", ["iij-1h-fy2017-release.txt", "salesforce_fy2024q2_earnings_release.pdf"])
def test_a_balance_in_a_cash_flow_statement_is_never_derived_as_a_quarter(name):
    """Quarter = six months - three months holds for cash flows, not for "Cash and cash equivalents,
    end of period" (it gave 0) or "beginning of period" (a meaningless difference): those lines
    keep their printed values only, while every flow line still gets its derived quarter."""
    from model.analysis.compare import with_derived_periods

    cash_flows = statement_of(name, StatementKind.CASH_FLOW)
    derived = with_derived_periods(cash_flows)
    quarters = [j for j, column in enumerate(derived.columns) if column.derived]
    balances = [i for i, line in enumerate(derived.lines) if line.is_balance]
    assert quarters and len(balances) == 2
    assert not [(i, j) for (i, j) in derived.cells if i in balances and j in quarters]
    operating = next(i for i, line in enumerate(derived.lines) if line.label.lower().startswith("net cash provided by operating"))
    assert all((operating, j) in derived.cells for j in quarters)
