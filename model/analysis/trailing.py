"""Trailing twelve months: four consecutive discrete quarters (printed, or derived from
year-to-date figures) added up, for the additive lines of flow statements. Every TTM value
is derived and says which quarters made it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from model.analysis.compare import with_derived_periods
from model.analysis.period_lengths import YEAR_DAYS, is_quarter
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.statements.statement import Cell, Column, Statement

TTM_LABEL = "TTM to {end:%b %d, %Y} (derived)"
_ADJACENT_DAYS = 3  # quarters meet end to start; a derived quarter meets exactly


def _quarter_columns(statement: Statement) -> dict[str, list[int]]:
    """Per unit, one column per discrete quarter (a printed one before a derived one), in time order."""
    chosen: dict[tuple[Period, str], int] = {}
    for j, column in enumerate(statement.columns):
        if column.kind is not ColumnKind.DURATION or column.forecast or column.is_ratio or not column.is_resolved_period or not is_quarter(column.period):
            continue
        key = (column.period, column.unit)
        if key not in chosen or (statement.columns[chosen[key]].derived and not column.derived):
            chosen[key] = j
    by_unit: dict[str, list[int]] = {}
    for (period, unit), j in sorted(chosen.items(), key=lambda item: item[0][0].sort_key()):
        by_unit.setdefault(unit, []).append(j)
    return by_unit


def _consecutive(periods: list[Period]) -> bool:
    return all(abs((b.start - a.end - timedelta(days=1)).days) <= _ADJACENT_DAYS for a, b in zip(periods, periods[1:]))


def with_trailing_twelve_months(statement: Statement) -> Statement:
    """The statement (with its derived quarters) plus a TTM column at the end of every run of
    four consecutive quarters. Statements that do not add up over time are returned as they are."""
    if not statement.kind.is_flow:
        return statement
    shown = with_derived_periods(statement)
    columns, cells = list(shown.columns), dict(shown.cells)
    for unit, quarters in _quarter_columns(shown).items():
        for last in range(3, len(quarters)):
            four = quarters[last - 3 : last + 1]
            periods = [shown.columns[j].period for j in four]
            if not _consecutive(periods):
                continue
            period = Period(start=periods[0].start, end=periods[-1].end)
            if period.days not in YEAR_DAYS:
                continue
            columns.append(Column(label=TTM_LABEL.format(end=period.end), kind=ColumnKind.DURATION, period=period, derived=True, unit=unit))
            target = len(columns) - 1
            note = "TTM: " + " + ".join(shown.columns[j].label for j in four)
            for line_index, line in enumerate(shown.lines):
                parts = [shown.cells.get((line_index, j)) for j in four]
                if not line.adds_up_over_time or line.is_heading or any(p is None for p in parts) or all(p.value is None for p in parts):
                    continue
                total = sum((p.value or Decimal(0) for p in parts), Decimal(0))
                first = parts[-1]
                cells[(line_index, target)] = Cell(
                    value=total, text="", source=first.source, header=columns[target].label, derived=True, unit=first.unit, scale=first.scale, note=note
                )
    if len(columns) == len(shown.columns):
        return shown
    return replace(shown, columns=columns, cells=cells).in_chronological_order()
