"""Views an analyst derives from statements: growth over a span, common-size, side by side."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from model.analysis.compare import Change, Rounding, compute_changes, with_derived_periods
from model.analysis.line_meaning import StandardLine, standard_lines
from model.analysis.workspace import combine_statements
from model.analysis.line_alignment import LineMapping
from model.interpretation.headers import ColumnKind
from model.statements.hierarchy import normalize_label
from model.statements.statement import Cell, Column, Line, Statement, StatementKind

STANDARD_SECTION = "Standard lines"
BOTH_SECTION = "Lines both print"

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


def column_file(statement: Statement, column: int) -> str:
    """The filing a column's values come from (a workspace statement draws each period from
    the filing that printed it, not from its latest file)."""
    files = Counter(cell.source.file for (_, j), cell in statement.cells.items() if j == column and not cell.derived)
    files = files or Counter(cell.source.file for (_, j), cell in statement.cells.items() if j == column)
    return files.most_common(1)[0][0] if files else statement.file_name


def side_by_side(
    left: Statement,
    left_column: int,
    right: Statement,
    right_column: int,
    mapping: LineMapping | None = None,
    by_meaning: bool = False,
) -> Statement:
    """Two columns of two statements (two filings, or two companies) on aligned lines, with
    their difference. ``by_meaning`` (two companies): the standard lines first, matched by
    what they are whatever each company calls them, then the lines both print, then the
    lines only one side prints."""
    left_name, right_name = column_file(left, left_column), column_file(right, right_column)
    a = _single_column(left, left_column, f"{left_name}: {left.columns[left_column].label}")
    b = _single_column(right, right_column, f"{right_name}: {right.columns[right_column].label}")
    b = replace(b, columns=[replace(b.columns[0], kind=ColumnKind.OTHER, period=None)], key=a.key)
    a = replace(a, columns=[replace(a.columns[0], kind=ColumnKind.OTHER, period=None)])
    combined = _aligned_by_meaning(a, b, left_name, right_name) if by_meaning else combine_statements([a, b], mapping).statement
    difference = Column(label="Difference", kind=ColumnKind.OTHER)
    cells = dict(combined.cells)
    for i, line in enumerate(combined.lines):
        x, y = cells.get((i, 0)), cells.get((i, 1))
        if x is None or y is None or x.value is None or y.value is None or not line.is_additive or x.unit != y.unit:
            continue
        right_value = y.value * Decimal(y.scale) / Decimal(x.scale)
        cells[(i, 2)] = Cell(value=x.value - right_value, text="", source=x.source, header="Difference", derived=True, unit=x.unit, scale=x.scale, note="left - right")
    return replace(combined, columns=[*combined.columns, difference], cells=cells, title=f"{left.title} side by side")


def _aligned_by_meaning(a: Statement, b: Statement, left_name: str, right_name: str) -> Statement:
    """Lines of two companies: standard lines by meaning, then equal labels, then the rest."""
    lines: list[Line] = []
    cells: dict[tuple[int, int], Cell] = {}

    def heading(label: str) -> None:
        lines.append(Line(label=label, is_heading=True))

    def add(line: Line, left: int | None, right: int | None, section: str) -> None:
        lines.append(replace(line, section=(section,), level=1))
        for column, (statement, index) in enumerate(((a, left), (b, right))):
            cell = statement.cells.get((index, 0)) if index is not None else None
            if cell is not None:
                cells[(len(lines) - 1, column)] = cell

    left_standard, right_standard = standard_lines(a), standard_lines(b)
    used_left, used_right = set(left_standard.values()), set(right_standard.values())
    heading(STANDARD_SECTION)
    for standard in StandardLine:
        i, j = left_standard.get(standard), right_standard.get(standard)
        if i is None and j is None:
            continue
        spec = a.lines[i] if i is not None else b.lines[j]
        add(replace(spec, label=standard.value, is_total=False), i, j, STANDARD_SECTION)
    right_by_label = {}
    for j, line in enumerate(b.lines):
        if j not in used_right and not line.is_heading and _has_value(b, j):
            right_by_label.setdefault(normalize_label(line.label), j)
    both = [(i, right_by_label[normalize_label(line.label)]) for i, line in enumerate(a.lines)
            if i not in used_left and not line.is_heading and _has_value(a, i) and normalize_label(line.label) in right_by_label]
    if both:
        heading(BOTH_SECTION)
        for i, j in both:
            add(a.lines[i], i, j, BOTH_SECTION)
            used_left.add(i)
            used_right.add(j)
    for statement, used, name, side in ((a, used_left, left_name, 0), (b, used_right, right_name, 1)):
        rest = [i for i, line in enumerate(statement.lines) if i not in used and not line.is_heading and _has_value(statement, i)]
        if rest:
            section = f"Only in {name}"
            heading(section)
            labels = statement.display_labels()  # "Cost of sales / Products", not a second "Products"
            for i in rest:
                add(replace(statement.lines[i], label=labels[i]), i if side == 0 else None, i if side == 1 else None, section)
    return replace(a, lines=lines, cells=cells, columns=[a.columns[0], b.columns[0]])


def _has_value(statement: Statement, line: int) -> bool:
    cell = statement.cells.get((line, 0))
    return cell is not None and cell.value is not None


def _single_column(statement: Statement, column: int, label: str) -> Statement:
    keep_lines = [i for i, _ in enumerate(statement.lines)]
    cells = {(i, 0): cell for (i, j), cell in statement.cells.items() if j == column}
    lines: list[Line] = [statement.lines[i] for i in keep_lines]
    return replace(statement, columns=[replace(statement.columns[column], label=label)], lines=lines, cells=cells)
