"""Several Apple filings as one workspace: one statement per kind, a derived fourth quarter."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from model.analysis.compare import Basis, compute_changes, with_derived_periods
from model.interpretation.periods import Period
from model.statements.statement import StatementKind
from model.analysis.workspace import load_workspace
from tests.support import filing, needs_filings

pytestmark = needs_filings

Q4_FY2024 = Period(start=date(2024, 6, 30), end=date(2024, 9, 28))


@pytest.fixture(scope="module")
def workspace():
    return load_workspace([filing("apple_10k_fy2024.html"), filing("apple_10q_fy2024q3.html")])


def income(workspace):
    found = [s for s in workspace.statements() if s.kind is StatementKind.INCOME]
    assert len(found) == 1
    return found[0]


def test_one_income_statement_with_every_period_in_order(workspace):
    statement = income(workspace)
    ends = [c.period.end for c in statement.columns if c.period]
    assert ends == sorted(ends)
    assert len({c.period for c in statement.columns}) == len(statement.columns)


def test_fourth_quarter_derived_from_year_minus_nine_months(workspace):
    statement = with_derived_periods(income(workspace))
    column = statement.find_column(Q4_FY2024)
    assert column is not None and statement.columns[column].derived
    sales = statement.cells[(statement.find_line("Total net sales"), column)]
    profit = statement.cells[(statement.find_line("Net income"), column)]
    assert (sales.value, profit.value) == (Decimal(94930), Decimal(14736))
    assert sales.derived and "apple" in sales.source.file


def test_per_share_lines_get_no_derived_quarter(workspace):
    statement = with_derived_periods(income(workspace))
    column = statement.find_column(Q4_FY2024)
    per_share = [i for i, line in enumerate(statement.lines) if line.per_share or line.unit == "shares"]
    assert per_share and not any((i, column) in statement.cells for i in per_share)


def test_quarter_on_quarter_across_filings_marks_the_derived_quarter(workspace):
    changes = compute_changes(income(workspace))
    q4 = [c for c in changes if c.basis is Basis.QOQ and c.period == Q4_FY2024 and c.statement.lines[c.line].label == "Total net sales"]
    assert len(q4) == 1 and q4[0].derived
    assert q4[0].prior_value == 85777  # printed third quarter from the 10-Q


def test_balance_sheets_of_both_filings_share_one_statement_without_false_restatements(workspace):
    balance = [s for s in workspace.statements() if s.kind is StatementKind.BALANCE_SHEET]
    assert len(balance) == 1
    assert Period(end=date(2023, 9, 30)) in {c.period for c in balance[0].columns}
    assert workspace.restatements() == []
