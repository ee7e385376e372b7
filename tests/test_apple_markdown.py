"""The edgartools markdown conversion of Apple's Q3 FY2024 10-Q: ragged pipe tables, '$' in its
own cell, dates split across header cells, a 53-week fiscal 2023; checked against the HTML."""

from __future__ import annotations

from datetime import date

import pytest

from model.filing import load_filing
from model.interpretation.periods import Period
from model.statements.statement import StatementKind
from tests.support import filing, needs_filings

pytestmark = needs_filings

QUARTER_2024 = Period(start=date(2024, 3, 31), end=date(2024, 6, 29))
NINE_MONTHS_2024 = Period(start=date(2023, 10, 1), end=date(2024, 6, 29))
QUARTER_2023 = Period(start=date(2023, 4, 2), end=date(2023, 7, 1))
NINE_MONTHS_2023 = Period(start=date(2022, 9, 25), end=date(2023, 7, 1))  # fiscal 2023's first quarter had 14 weeks


@pytest.fixture(scope="module")
def markdown():
    return load_filing(filing("apple_10q_fy2024q3.md"))


@pytest.fixture(scope="module")
def html():
    return load_filing(filing("apple_10q_fy2024q3.html"))


def only(filing_, kind):
    found = [s for s in filing_.statements if s.kind is kind]
    assert len(found) == 1, [s.title for s in found]
    return found[0]


def values(statement, label):
    line = statement.find_line(label)
    assert line is not None, label
    return {statement.columns[j].period: statement.cells[(line, j)].value for j in range(len(statement.columns)) if (line, j) in statement.cells}


def test_income_statement_periods_and_net_sales(markdown):
    income = only(markdown, StatementKind.INCOME)
    assert [c.period for c in income.columns] == [QUARTER_2023, NINE_MONTHS_2023, QUARTER_2024, NINE_MONTHS_2024]
    assert values(income, "Total net sales") == {QUARTER_2024: 85777, QUARTER_2023: 81797, NINE_MONTHS_2024: 296105, NINE_MONTHS_2023: 293787}
    assert (income.unit, income.scale) == ("USD", 1_000_000)


def test_balance_sheet_instants(markdown):
    balance = only(markdown, StatementKind.BALANCE_SHEET)
    assert [c.period for c in balance.columns] == [Period(end=date(2023, 9, 30)), Period(end=date(2024, 6, 29))]


def test_net_income_and_total_assets_equal_the_html_sources(markdown, html):
    for kind, label in ((StatementKind.INCOME, "Net income"), (StatementKind.BALANCE_SHEET, "Total assets"), (StatementKind.INCOME, "Total net sales")):
        assert values(only(markdown, kind), label) == values(only(html, kind), label)
    assert values(only(markdown, StatementKind.BALANCE_SHEET), "Total assets")[Period(end=date(2024, 6, 29))] == 331612


def test_per_share_lines_are_per_share_and_repeated_labels_carry_their_section(markdown):
    income = only(markdown, StatementKind.INCOME)
    labels = income.display_labels()
    assert "Earnings per share / Basic" in labels
    assert "Shares used in computing earnings per share / Basic" in labels
    basic = labels.index("Earnings per share / Basic")
    assert income.lines[basic].per_share
    assert income.cells[(basic, 2)].unit == "USD/share" and income.cells[(basic, 2)].scale == 1
    shares = labels.index("Shares used in computing earnings per share / Basic")
    assert income.cells[(shares, 2)].unit == "shares" and income.cells[(shares, 2)].scale == 1000
