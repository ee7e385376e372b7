"""Views an analyst derives from statements: growth over a span, common-size, side by side."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from decimal import Decimal

from model.analysis.compare import Change, Rounding, compute_changes, with_derived_periods
from model.analysis.workspace import LineMapping, combine_statements
from model.interpretation.periods import ColumnKind
from model.statements.statement import Cell, Column, Line, Statement, StatementKind

_REVENUE_RE = re.compile(
    r"^(?:total\s+)?(?:net\s+)?(?:revenues?|sales|net sales|operating revenues?|ordinary income|turnover)(?:,?\s*net)?:?$",
    re.IGNORECASE,
)
_TOTAL_ASSETS_RE = re.compile(r"^total assets$", re.IGNORECASE)


def cagr(first: Decimal, last: Decimal, years: float) -> Decimal | None:
    """Compound annual growth in %, or None where it has no meaning (signs differ, no span)."""
    if years <= 0 or first <= 0 or last <= 0:
        return None
    growth = (math.pow(float(last) / float(first), 1 / years) - 1) * 100
    return Decimal(str(round(growth, 4)))


def line_cagr(statement: Statement, line: int, first_column: int, last_column: int) -> Decimal | None:
    a = statement.cells.get((line, first_column))
    b = statement.cells.get((line, last_column))
    start, end = statement.columns[first_column].period, statement.columns[last_column].period
    if a is None or b is None or a.value is None or b.value is None or start is None or end is None:
        return None
    return cagr(a.value, b.value, (end.end - start.end).days / 365.25)


def comparable_columns(statement: Statement, column: int) -> list[int]:
    """The later period columns a growth rate from ``column`` can run to: periods of the same
    length (a year to a year, a quarter to a quarter) or instants to instants."""
    start = statement.columns[column].period
    if start is None or statement.columns[column].kind not in (ColumnKind.DURATION, ColumnKind.INSTANT):
        return []
    found = []
    for j, other in enumerate(statement.columns):
        period = other.period
        if period is None or other.kind is not statement.columns[column].kind or other.forecast or period.end <= start.end:
            continue
        if period.is_instant or abs(period.days - start.days) <= 8:
            found.append(j)
    return found


def base_line(statement: Statement) -> int | None:
    """The line a common-size view divides by: revenue for flows, total assets for balance sheets."""
    pattern = _TOTAL_ASSETS_RE if statement.kind is StatementKind.BALANCE_SHEET else _REVENUE_RE
    matches = [i for i, line in enumerate(statement.lines) if pattern.match(line.label.strip()) and not line.is_heading]
    totals = [i for i in matches if statement.lines[i].is_total or statement.lines[i].label.lower().startswith("total")]
    return (totals or matches or [None])[0]


def common_size(statement: Statement) -> Statement | None:
    """Every amount as a % of revenue (flows) or of total assets (balance sheets)."""
    base = base_line(statement)
    if base is None:
        return None
    cells = {}
    for (line, column), cell in statement.cells.items():
        spec = statement.columns[column]
        denominator = statement.cells.get((base, column))
        if (
            spec.kind is ColumnKind.CHANGE
            or not statement.lines[line].is_additive
            or cell.value is None
            or denominator is None
            or not denominator.value
        ):
            continue
        share = (Decimal(100) * cell.value / denominator.value).quantize(Decimal("0.01"))
        cells[(line, column)] = replace(cell, value=share, unit="%", scale=1, note=f"{cell.text or cell.value} / {denominator.text or denominator.value}")
    base_label = statement.lines[base].label
    return replace(statement, cells=cells, unit="%", scale=1, title=f"{statement.title} (% of {base_label})")


def common_size_changes(statement: Statement, rounding: Rounding = Rounding.HALF) -> list[Change] | None:
    """How each line's share of revenue (or of total assets) moved, in percentage points.
    Quarters are derived from the amounts first: shares of cumulative periods do not subtract.
    None when the statement has no revenue or total-assets line."""
    sized = common_size(with_derived_periods(statement))
    return None if sized is None else compute_changes(sized, rounding, derive=False)


def side_by_side(
    left: Statement,
    left_column: int,
    right: Statement,
    right_column: int,
    mapping: LineMapping | None = None,
) -> Statement:
    """Two columns of two statements (two filings, or two companies) on aligned lines, with
    their difference."""
    a = _single_column(left, left_column, f"{left.file_name}: {left.columns[left_column].label}")
    b = _single_column(right, right_column, f"{right.file_name}: {right.columns[right_column].label}")
    b = replace(b, columns=[replace(b.columns[0], kind=ColumnKind.OTHER, period=None)], key=a.key)
    a = replace(a, columns=[replace(a.columns[0], kind=ColumnKind.OTHER, period=None)])
    combined = combine_statements([a, b], mapping).statement
    difference = Column(label="Difference", kind=ColumnKind.OTHER)
    cells = dict(combined.cells)
    for i, line in enumerate(combined.lines):
        x, y = cells.get((i, 0)), cells.get((i, 1))
        if x is None or y is None or x.value is None or y.value is None or not line.is_additive:
            continue
        cells[(i, 2)] = Cell(value=x.value - y.value, text="", source=x.source, header="Difference", derived=True, unit=x.unit, scale=x.scale, note="left - right")
    return replace(combined, columns=[*combined.columns, difference], cells=cells, title=f"{left.title} side by side")


def _single_column(statement: Statement, column: int, label: str) -> Statement:
    keep_lines = [i for i, _ in enumerate(statement.lines)]
    cells = {(i, 0): cell for (i, j), cell in statement.cells.items() if j == column}
    lines: list[Line] = [statement.lines[i] for i in keep_lines]
    return replace(statement, columns=[replace(statement.columns[column], label=label)], lines=lines, cells=cells)
