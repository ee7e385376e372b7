from decimal import Decimal

import pytest

from model.analysis.analyst_views import base_line, cagr, common_size, common_size_changes, comparable_columns, side_by_side
from model.analysis.compare import Basis
from model.filing import load_filing
from model.statements.statement import StatementKind
from tests.support import REFERENCE, filing, needs_filings


def test_cagr():
    assert cagr(Decimal(100), Decimal(121), 2) == Decimal("10.0")
    assert cagr(Decimal(-5), Decimal(10), 1) is None


@needs_filings
def test_common_size_divides_by_revenue_and_by_total_assets():
    document = load_filing(REFERENCE)
    income = next(s for s in document.statements if s.kind is StatementKind.INCOME)
    sized = common_size(income)
    revenue = base_line(income)
    assert income.lines[revenue].label == "Total revenues"
    assert all(sized.cells[(revenue, j)].value == Decimal("100.00") for j in range(4))
    operating = income.find_line("OPERATING INCOME")
    assert sized.cells[(operating, 3)].value == Decimal("2.79")  # 2,315,529 / 82,988,285
    per_share = income.find_line("BASIC NET INCOME PER SHARE (JPY)")
    assert not any(key[0] == per_share for key in sized.cells)
    balance = next(s for s in document.statements if s.kind is StatementKind.BALANCE_SHEET)
    assert common_size(balance) is None or base_line(balance) is not None


@needs_filings
def test_side_by_side_aligns_two_filings_and_shows_the_difference():
    old = next(s for s in load_filing(filing("apple_10q_fy2024q3.html")).statements if s.kind is StatementKind.INCOME)
    new = next(s for s in load_filing(filing("apple_10q_fy2025q3.html")).statements if s.kind is StatementKind.INCOME)
    view = side_by_side(new, 2, old, 2)
    sales = view.find_line("Total net sales")
    assert [view.cells[(sales, j)].value for j in range(3)] == [Decimal(94036), Decimal(85777), Decimal(8259)]
    assert [c.label for c in view.columns][2] == "Difference"
    assert sum(1 for line in view.lines if line.label == "Total net sales") == 1


@pytest.mark.parametrize("value", [Decimal(0)])
def test_zero_base_is_not_divided(value):
    assert cagr(value, Decimal(1), 1) is None


@needs_filings
def test_growth_runs_between_periods_of_one_length():
    income = next(s for s in load_filing(REFERENCE).statements if s.kind is StatementKind.INCOME)
    labels = [c.label for c in income.columns]
    quarter_16, half_16 = labels.index("Three Months Ended September 30, 2016"), labels.index("Six Months Ended September 30, 2016")
    assert [labels[j] for j in comparable_columns(income, quarter_16)] == ["Three Months Ended September 30, 2017"]
    assert [labels[j] for j in comparable_columns(income, half_16)] == ["Six Months Ended September 30, 2017"]
    assert comparable_columns(income, labels.index("Six Months Ended September 30, 2017")) == [], "nothing later"


@needs_filings
def test_common_size_changes_are_moves_of_shares_with_quarters_derived_from_the_amounts():
    income = next(s for s in load_filing(REFERENCE).statements if s.kind is StatementKind.INCOME)
    changes = common_size_changes(income)
    operating = income.find_line("Operating income")
    yoy = next(c for c in changes if c.line == operating and c.basis is Basis.YOY and c.period.days > 100)
    assert (yoy.prior_value, yoy.value) == (Decimal("2.63"), Decimal("2.79"))  # 1,947,702 / 74,123,270 and 2,315,529 / 82,988,285
    qoq = [c for c in changes if c.line == operating and c.basis is Basis.QOQ]
    assert qoq and all(c.derived for c in qoq), "the first quarter is derived from amounts, then divided"
    assert common_size_changes(next(s for s in load_filing(REFERENCE).statements if s.title == "Adjusted EBITDA")) is None
