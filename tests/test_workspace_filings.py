"""Issue 5 on real filings: quarters derived across releases, no false restatements, the
changes export over a multi-filing workspace."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest

from model.analysis.compare import Basis, CheckStatus, compute_changes, derived_checks, with_derived_periods
from model.export import write_changes_csv, write_restatements_csv
from model.interpretation.periods import Period
from model.statements.statement import StatementKind
from model.analysis.workspace import load_workspace
from tests.support import REFERENCE, filing, needs_filings

pytestmark = needs_filings


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def workspace_of(*names):
    workspace = load_workspace([filing(name) for name in names])
    assert workspace.failures == []
    return workspace


def consolidated_income(workspace):
    found = [s for s in workspace.statements() if s.kind is StatementKind.INCOME and s.key[1] == "consolidated"]
    assert len(found) == 1, [s.title for s in found]
    return found[0]


def value(statement, label, start, end):
    line = statement.find_line(label)
    assert line is not None, f"{label}: {[l.label for l in statement.lines]}"
    column = statement.find_column(Period(start=date.fromisoformat(start), end=date.fromisoformat(end)))
    assert column is not None, f"no column {start}..{end}"
    return statement.cells[(line, column)]


@pytest.fixture(scope="module")
def pepsico():
    return workspace_of("pepsico_2023q1_earnings_release.pdf", "pepsico_2023q2_earnings_release.pdf")


@pytest.fixture(scope="module")
def japan_post():
    return workspace_of(
        "japanpost_insurance_fy2024h1_results.pdf",
        "japanpost_insurance_fy2024_9m_results.pdf",
        "japanpost_insurance_fy2024_fullyear_results.pdf",
    )


def test_pepsico_second_quarter_derived_from_24_weeks_equals_the_printed_12_weeks(pepsico):
    income = consolidated_income(pepsico)
    checks = [c for c in derived_checks(income) if income.lines[c.line].label == "Net Revenue" and c.period.end == date(2023, 6, 17)]
    assert len(checks) == 1
    check = checks[0]
    assert (check.derived, check.printed.value, check.status) == (Decimal(22322), Decimal(22322), CheckStatus.TIED)
    assert check.period == Period(start=date(2023, 3, 26), end=date(2023, 6, 17))
    assert value(income, "Net Revenue", "2023-01-01", "2023-06-17").value - value(income, "Net Revenue", "2023-01-01", "2023-03-25").value == 22322


def test_salesforce_fourth_quarter_derived_from_the_10k_and_the_q3_10q():
    income = with_derived_periods(consolidated_income(workspace_of("salesforce_fy2023q3_10q.pdf", "salesforce_fy2023_10k.pdf")))
    revenue = value(income, "Total revenues", "2022-11-01", "2023-01-31")
    profit = value(income, "Net income", "2022-11-01", "2023-01-31")
    assert (revenue.value, profit.value) == (Decimal(8384), Decimal(-98))
    assert revenue.derived and profit.derived and "derived" in revenue.note


def test_salesforce_second_quarter_derived_equals_the_printed_one():
    income = consolidated_income(workspace_of("salesforce_fy2024q1_earnings_release.pdf", "salesforce_fy2024q2_earnings_release.pdf"))
    checks = [c for c in derived_checks(income) if income.lines[c.line].label == "Total revenues" and c.period.end == date(2023, 7, 31)]
    assert [(c.derived, c.printed.value, c.status) for c in checks] == [(Decimal(8603), Decimal(8603), CheckStatus.TIED)]


def test_japan_post_third_and_fourth_quarters(japan_post):
    income = with_derived_periods(consolidated_income(japan_post))
    for label, q3, q4 in (("ORDINARY INCOME", 1391183, 1830701), ("Net income attributable to Japan Post Insurance", 21545, 39040)):
        third = value(income, label, "2024-10-01", "2024-12-31")
        fourth = value(income, label, "2025-01-01", "2025-03-31")
        assert (third.value, fourth.value) == (q3, q4), label
        assert third.derived and fourth.derived


def test_no_false_restatements_across_releases(pepsico, japan_post):
    three_pepsico = workspace_of("pepsico_2022q4_earnings_release.pdf", "pepsico_2023q1_earnings_release.pdf", "pepsico_2023q2_earnings_release.pdf")
    balance = [s for s in three_pepsico.statements() if s.kind is StatementKind.BALANCE_SHEET and s.key[1] == "consolidated"][0]
    assert Period(end=date(2022, 12, 31)) in {c.period for c in balance.columns}
    assert three_pepsico.restatements() == []
    assert japan_post.restatements() == []
    year_end = workspace_of("japanpost_insurance_fy2024_fullyear_results.pdf", "japanpost_insurance_fy2025q1_results.pdf")
    balances = [s for s in year_end.statements() if s.kind is StatementKind.BALANCE_SHEET]
    assert len(balances) == 2 and all(Period(end=date(2025, 3, 31)) in {c.period for c in s.columns} for s in balances)
    assert year_end.restatements() == []


def test_an_altered_copy_is_flagged_with_both_values_and_both_files(tmp_path):
    original = REFERENCE.read_text(encoding="utf-8")
    altered = original.replace("Total revenues\t74,123,270\t82,988,285", "Total revenues\t74,123,270\t82,999,285", 1)
    assert altered != original
    later = tmp_path / "iij-restated.txt"
    later.write_text(altered, encoding="utf-8")
    workspace = load_workspace([REFERENCE, later])
    restated = [r for r in workspace.restatements() if r.statement.kind is StatementKind.INCOME]
    assert len(restated) == 1
    change = restated[0]
    assert (change.first.value, change.latest.value) == (Decimal(82988285), Decimal(82999285))
    assert {change.first.source.file, change.latest.source.file} == {REFERENCE.name, later.name}
    out = tmp_path / "restatements.csv"
    write_restatements_csv(out, workspace.restatements())
    rows = read_rows(out)
    assert [(r["line_item"], r["first_value"], r["latest_value"], r["period_end"]) for r in rows if r["statement_kind"] == "income statement"] == [
        ("Total revenues", "82988285", "82999285", "2017-09-30")
    ]


def test_changes_export_over_a_workspace_has_derived_quarter_on_quarter_rows(japan_post, tmp_path):
    out = tmp_path / "changes.csv"
    write_changes_csv(out, japan_post.changes())
    rows = read_rows(out)
    fourth = [r for r in rows if r["basis"] == "QoQ" and r["line_item"] == "ORDINARY INCOME" and r["period_end"] == "2025-03-31" and r["statement"].startswith("Consolidated")]
    assert fourth and all(r["derived"] == "1" for r in fourth)
    assert (fourth[0]["value"], fourth[0]["prior_value"]) == ("1830701", "1391183")
    derived = [r for r in rows if r["derived"] == "1"]
    assert not [r for r in derived if r["statement_kind"] == "balance sheet"]
    assert not [r for r in derived if "/share" in r["unit"] or r["unit"] in ("shares", "%")]


def test_quarter_on_quarter_changes_mark_derived_quarters(japan_post):
    income = consolidated_income(japan_post)
    qoq = [c for c in compute_changes(income) if c.basis is Basis.QOQ and income.lines[c.line].label == "ORDINARY INCOME"]
    assert qoq and all(c.derived for c in qoq)
