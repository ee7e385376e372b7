"""The reference document end to end: every printed number, its period, unit and scale;
its printed YoY figures held against computed ones; footing."""

from __future__ import annotations

import csv
import re
from decimal import Decimal

import pytest

from model.analysis.checks import FootingStatus, failures, foot_statement
from model.analysis.compare import Basis, CheckStatus, compute_changes
from model.export import facts_of
from model.filing import load_filing
from model.interpretation.numbers import CellKind, parse_number
from model.statements.statement import StatementKind
from tests.support import REFERENCE, needs_filings

pytestmark = needs_filings

FIRST_SUMMARY_LINE = 740  # the transposed Tokyo Stock Exchange summary tables start below this line


@pytest.fixture(scope="module")
def filing():
    return load_filing(REFERENCE)


@pytest.fixture(scope="module")
def facts(filing):
    return facts_of([filing])


def _position(row: dict[str, str]) -> tuple[int, int]:
    match = re.search(r"line (\d+), column (\d+)", row["source"])
    return int(match[1]), int(match[2]) - 1


def _printed_period_cells() -> dict[tuple[int, int], str]:
    """Every numeric or nil cell under a period header of the 24 ordinary tab tables,
    found by a plain scan of the file that shares no code with the reader."""
    cells = {}
    lines = REFERENCE.read_text(encoding="utf-8").splitlines()
    change_columns: set[int] = set()
    for number, line in enumerate(lines[: FIRST_SUMMARY_LINE - 1], start=1):
        if "\t" not in line:
            change_columns = set()
            continue
        parts = line.split("\t")
        change_columns |= {i for i, part in enumerate(parts) if "YoY" in part}
        label = parts[0].strip()
        for column, text in enumerate(parts[1:], start=1):
            parsed = parse_number(text)
            if column in change_columns or parsed.kind not in (CellKind.NUMBER, CellKind.NIL):
                continue
            if not label or label.endswith(":") and parsed.kind is CellKind.NUMBER and "." in text:
                continue  # header rows, and "0.1  31.1" scanning debris on a section heading
            cells[(number, column)] = text.strip()
    return cells


def test_every_period_cell_of_the_ordinary_tables_is_a_fact(facts):
    printed = _printed_period_cells()
    exported = {_position(r): r for r in facts if r["kind"] in ("duration", "instant") and _position(r)[0] < FIRST_SUMMARY_LINE}
    assert len(printed) == 698  # 682 numbers and 16 nil dashes
    assert set(exported) == set(printed)
    for position, text in printed.items():
        value = parse_number(text).value
        assert Decimal(exported[position]["value"]) == (value if value is not None else 0), position


@pytest.mark.parametrize(
    ("statement", "line_item", "column", "start", "end", "value", "unit", "scale"),
    [
        ("Operating Results Summary", "Total revenues", "1H17", "2017-04-01", "2017-09-30", "82988", "JPY", "1000000"),
        ("Operating Results Summary", "Total revenues", "2Q16", "2016-07-01", "2016-09-30", "37944", "JPY", "1000000"),
        ("Consolidated Balance Sheets", "Cash and cash equivalents", "As of March 31, 2017", "", "2017-03-31", "21958591", "JPY", "1000"),
        ("Consolidated Statements of Income and Consolidated Statements of Comprehensive Income", "Interest expense", "Three Months Ended September 30, 2017", "2017-07-01", "2017-09-30", "-95433", "JPY", "1000"),
        ("Consolidated Statements of Income and Consolidated Statements of Comprehensive Income", "BASIC NET INCOME PER SHARE (JPY)", "Six Months Ended September 30, 2017", "2017-04-01", "2017-09-30", "33.02", "JPY/share", "1"),
        ("Consolidated Statements of Income and Consolidated Statements of Comprehensive Income", "BASIC WEIGHTED-AVERAGE NUMBER OF SHARES (shares)", "Six Months Ended September 30, 2016", "2016-04-01", "2016-09-30", "45952691", "shares", "1"),
        ("Consolidated Statements of Income and Consolidated Statements of Comprehensive Income", "Network services / Total", "Six Months Ended September 30, 2017", "2017-04-01", "2017-09-30", "52285441", "JPY", "1000"),
        ("Number of Contracts and Subscription for Connectivity Services", "Total contracted bandwidth", "as of September 30, 2017", "", "2017-09-30", "2932.5", "Gbps", "1"),
        ("Number of Contracts and Subscription for Connectivity Services", "hi-ho", "as of September 30, 2016", "", "2016-09-30", "139293", "", "1"),
    ],
)
def test_spot_facts_have_value_unit_scale_and_calendar_period(facts, statement, line_item, column, start, end, value, unit, scale):
    matches = [r for r in facts if r["statement"] == statement and r["line_item"] == line_item and r["column"] == column]
    assert len(matches) == 1, [r["line_item"] for r in facts if r["statement"] == statement]
    row = matches[0]
    assert (row["period_start"], row["period_end"], row["value"], row["unit"], row["scale"]) == (start, end, value, unit, scale)


def test_transposed_summary_tables_become_facts(facts):
    summary = [r for r in facts if _position(r)[0] > FIRST_SUMMARY_LINE]
    by_key = {(r["line_item"], r["kind"], r["period_end"], r["column"][-1:]): r["value"] for r in summary}
    assert by_key[("Total revenues", "duration", "2017-09-30", "s")] == "82988"
    assert by_key[("Total assets", "instant", "2017-09-30", "s")] == "140488"
    revenue_growth = [r for r in summary if r["line_item"] == "Total revenues" and r["kind"] == "change"]
    assert sorted(r["value"] for r in revenue_growth) == ["12.0", "13.5"]
    forecast = [r for r in summary if r["forecast"] == "1" and r["line_item"] == "Total Revenues" and r["kind"] == "duration"]
    assert [(r["value"], r["period_start"], r["period_end"]) for r in forecast] == [("176000", "2017-04-01", "2018-03-31")]


def test_printed_change_columns_are_change_facts(facts):
    changes = [r for r in facts if r["kind"] == "change" and _position(r)[0] < FIRST_SUMMARY_LINE]
    assert len(changes) == 19 + 13 + 14 + 14 + 13  # both summaries, both breakdowns, the contracts table
    assert all(not r["period_start"] and not r["period_end"] for r in changes)


def test_no_scanning_debris_becomes_a_number(facts):
    debris_lines = {658, 660}  # "OPERATING ACTIVITIES:  0.1  31.1" and "...net cash  ,  ,"
    assert not [r for r in facts if _position(r)[0] in debris_lines]
    assert not [r for r in facts if r["line_item"].startswith("Opera") and "Kesulis" in r["column"]]


def test_garbled_header_line_is_neither_title_nor_data(filing):
    titles = [s.title for s in filing.statements]
    assert "Operating Results Summary" in titles
    assert not any("Kesulis" in t for t in titles)
    summary = next(s for s in filing.statements if s.title == "Operating Results Summary")
    assert not any("Kesulis" in c.label for c in summary.columns)


def test_six_and_three_month_income_statements_merge_in_chronological_order(filing):
    income = [s for s in filing.statements if s.kind is StatementKind.INCOME]
    assert len(income) == 1
    periods = [(c.period.start.isoformat(), c.period.end.isoformat()) for c in income[0].columns]
    assert periods == [("2016-07-01", "2016-09-30"), ("2016-04-01", "2016-09-30"), ("2017-07-01", "2017-09-30"), ("2017-04-01", "2017-09-30")]
    line = income[0].find_line("INCOME TAX EXPENSE")
    assert [income[0].cells[(line, j)].text for j in range(4)] == ["513,589", "953,678", "518,886", "969,527"]


def test_statements_are_classified(filing):
    kinds = {s.kind for s in filing.statements}
    assert {StatementKind.INCOME, StatementKind.BALANCE_SHEET, StatementKind.CASH_FLOW, StatementKind.COMPREHENSIVE_INCOME} <= kinds
    assert {StatementKind.SEGMENT, StatementKind.NON_GAAP, StatementKind.DIVIDENDS, StatementKind.GUIDANCE, StatementKind.KPI} <= kinds


def _printed_yoy_percent_changes(filing):
    summaries = [s for s in filing.statements if s.title in ("Operating Results Summary", "Network Services Revenues Breakdown")]
    return [c for s in summaries for c in compute_changes(s, filing.rounding) if c.reported is not None and c.reported_percent]


def test_every_printed_yoy_percent_is_tied_to_a_computed_change(filing):
    checked = _printed_yoy_percent_changes(filing)
    assert len(checked) == 59
    assert all(c.basis is Basis.YOY for c in checked)
    statuses = [c.status for c in checked]
    assert statuses.count(CheckStatus.INCONSISTENT) == 0
    assert statuses.count(CheckStatus.CONSISTENT) == 12
    assert statuses.count(CheckStatus.TIED) == 47
    margin = next(c for c in checked if c.statement.display_labels()[c.line] == "Total gross margin / Equipment sales")
    assert (margin.prior_value, margin.value, margin.reported.text, margin.status) == (124, 155, "25.3", CheckStatus.CONSISTENT)
    assert round(margin.change_pct, 1) == Decimal("25.0")


def test_an_altered_printed_change_is_caught(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8")
    altered = text.replace("Total revenues\t74,123\t82,988\t12.0", "Total revenues\t74,123\t82,988\t12.9", 1)
    assert altered != text
    copy = tmp_path / "altered.txt"
    copy.write_text(altered, encoding="utf-8")
    checked = _printed_yoy_percent_changes(load_filing(copy))
    bad = [c for c in checked if c.status is CheckStatus.INCONSISTENT]
    assert [(c.statement.lines[c.line].label, c.reported.text) for c in bad] == [("Total revenues", "12.9")]


def test_quarter_on_quarter_uses_the_derived_first_quarter(filing):
    summary = next(s for s in filing.statements if s.title == "Operating Results Summary")
    qoq = [c for c in compute_changes(summary) if c.basis is Basis.QOQ and summary.lines[c.line].label == "Total revenues" and c.period.end.year == 2017]
    assert len(qoq) == 1
    change = qoq[0]
    assert (change.value, change.prior_value, change.derived) == (42024, 40964, True)
    assert round(change.change_pct, 2) == Decimal("2.59")
    assert change.prior.start.isoformat() == "2017-04-01" and change.prior.end.isoformat() == "2017-06-30"


def test_derived_quarters_exist_for_every_flow_line_with_half_and_quarter_values(filing):
    income = next(s for s in filing.statements if s.kind is StatementKind.INCOME)
    qoq_lines = {c.line for c in compute_changes(income) if c.basis is Basis.QOQ and c.period.end.year == 2017}
    flow_lines = {
        i
        for i, line in enumerate(income.lines)
        if line.is_additive and (i, 2) in income.cells and (i, 3) in income.cells and income.cells[(i, 2)].value is not None and income.cells[(i, 3)].value is not None
    }
    assert flow_lines and qoq_lines == flow_lines
    per_share = income.find_line("BASIC NET INCOME PER SHARE (JPY)")
    assert per_share not in qoq_lines


def test_balance_sheets_get_prior_period_not_derived_changes(filing):
    balance = next(s for s in filing.statements if s.kind is StatementKind.BALANCE_SHEET)
    changes = compute_changes(balance)
    assert changes and {c.basis for c in changes} == {Basis.POP}
    assert not any(c.derived for c in changes)


def test_footing_runs_on_every_statement_and_all_totals_foot(filing):
    results = {s.title: foot_statement(s, filing.rounding) for s in filing.statements}
    checked = [r for rs in results.values() for r in rs]
    assert len(checked) >= 60
    assert failures(checked) == []
    balance = next(s for s in filing.statements if s.kind is StatementKind.BALANCE_SHEET)
    assert [r.check for r in results[balance.title] if r.check == "balance"] == ["balance", "balance"]


def cells_that_do_not_foot(text: str, folder) -> list[tuple[str, str, str]]:
    copy = folder / "altered.txt"
    copy.write_text(text, encoding="utf-8")
    filing = load_filing(copy)
    return sorted(
        (r.statement.display_labels()[r.line], r.statement.columns[r.column].label, r.check)
        for s in filing.statements
        for r in failures(foot_statement(s, filing.rounding))
    )


def test_footing_names_exactly_the_cells_that_do_not_foot(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8")
    altered = text.replace("Inventories\t2,798,054\t4,161,605", "Inventories\t2,798,054\t4,161,650", 1)
    assert cells_that_do_not_foot(altered, tmp_path) == [("Total current assets", "As of September 30, 2017", "total")]


def test_a_balance_sheet_that_does_not_balance_is_named(tmp_path):
    text = REFERENCE.read_text(encoding="utf-8")
    head, tail = text.split("Total equity\t67,380,200\t69,402,722\nTOTAL\t137,395,149\t140,488,073", 1)
    altered = head + "Total equity\t67,380,200\t69,402,722\nTOTAL\t137,395,149\t140,488,173" + tail
    assert cells_that_do_not_foot(altered, tmp_path) == [
        ("ASSETS / TOTAL", "As of September 30, 2017", "balance"),
        ("LIABILITIES AND SHAREHOLDERS' EQUITY / TOTAL", "As of September 30, 2017", "total"),
    ]


def test_the_facts_csv_has_the_contract_columns_in_order(tmp_path):
    from main import main

    out = tmp_path / "facts.csv"
    assert main(["export", "--facts", str(out), str(REFERENCE)]) == 0
    with out.open(encoding="utf-8") as stream:
        header = next(csv.reader(stream))
    assert header[:10] == ["file", "statement", "line_item", "column", "kind", "period_start", "period_end", "value", "unit", "scale"]


def test_footing_status_values_are_plain_words():
    assert {s.value for s in FootingStatus} == {"foots", "does not foot"}
