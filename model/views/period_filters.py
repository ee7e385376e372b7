"""Which period columns a statement shows: all of them, or only quarters (printed and
derived), year-to-date spans, years, balance-sheet dates, or trailing twelve months, so that
a chart of the view never zig-zags between 3M and 9M values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import Enum

from model.analysis.compare import with_derived_periods
from model.analysis.period_lengths import is_quarter, is_year
from model.analysis.trailing import with_trailing_twelve_months
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import FiscalCalendar
from model.statements.statement import Column, Statement
from model.views.columns import is_ttm
from model.views.period_labels import is_year_to_date


class PeriodFilter(Enum):
    ALL = "All columns"
    QUARTERS = "Quarters"
    QUARTERS_AND_TTM = "Quarters and TTM"
    TTM = "Trailing twelve months"
    YEAR_TO_DATE = "Year to date"
    ANNUAL = "Annual"
    BALANCE_DATES = "Balance-sheet dates"

    @property
    def tooltip(self) -> str:
        return _TOOLTIPS[self]


_TOOLTIPS = {
    PeriodFilter.ALL: "Every column the filings print (and derived quarters when shown)",
    PeriodFilter.QUARTERS: "Discrete quarters only, printed and derived from year-to-date figures",
    PeriodFilter.QUARTERS_AND_TTM: "Discrete quarters, and the trailing twelve months each run of four makes",
    PeriodFilter.TTM: "Trailing twelve months: four consecutive quarters added up (derived)",
    PeriodFilter.YEAR_TO_DATE: "Spans from the fiscal year's start: 6M, 9M, 26W, 36W ...",
    PeriodFilter.ANNUAL: "Full years (12 months, 52 or 53 weeks)",
    PeriodFilter.BALANCE_DATES: "Balance-sheet dates (instants)",
}


def _wanted(period_filter: PeriodFilter, calendar: FiscalCalendar | None) -> Callable[[Column], bool]:
    def duration(column: Column) -> bool:
        return column.kind is ColumnKind.DURATION and column.is_resolved_period

    tests: dict[PeriodFilter, Callable[[Column], bool]] = {
        PeriodFilter.QUARTERS: lambda c: duration(c) and is_quarter(c.period),
        PeriodFilter.QUARTERS_AND_TTM: lambda c: duration(c) and (is_quarter(c.period) or is_ttm(c)),
        PeriodFilter.TTM: lambda c: duration(c) and is_ttm(c),
        PeriodFilter.YEAR_TO_DATE: lambda c: duration(c) and is_year_to_date(c.period, calendar, c.label, c.derived),
        PeriodFilter.ANNUAL: lambda c: duration(c) and is_year(c.period) and not is_ttm(c),
        PeriodFilter.BALANCE_DATES: lambda c: c.kind is ColumnKind.INSTANT and c.is_resolved_period,
    }
    return tests[period_filter]


def keep_columns(statement: Statement, keep: list[int]) -> Statement:
    index = {old: new for new, old in enumerate(keep)}
    return replace(
        statement,
        columns=[statement.columns[j] for j in keep],
        cells={(line, index[column]): cell for (line, column), cell in statement.cells.items() if column in index},
    )


def filtered_statement(
    statement: Statement, period_filter: PeriodFilter, show_derived: bool = False, calendar: FiscalCalendar | None = None
) -> tuple[Statement, bool]:
    """The statement as the table shows it, in chronological order, and whether the filter
    applied: a filter that leaves no column (quarters of a balance sheet) shows every column."""
    if period_filter is PeriodFilter.ALL:
        shown = with_derived_periods(statement) if show_derived else statement
        return shown.in_chronological_order(), True
    if period_filter in (PeriodFilter.TTM, PeriodFilter.QUARTERS_AND_TTM):
        widened = with_trailing_twelve_months(statement)
    elif period_filter in (PeriodFilter.QUARTERS, PeriodFilter.YEAR_TO_DATE):
        widened = with_derived_periods(statement)
    else:
        widened = statement
    widened = widened.in_chronological_order()
    wanted = _wanted(period_filter, calendar)
    keep = [j for j, column in enumerate(widened.columns) if wanted(column)]
    if not keep:
        return filtered_statement(statement, PeriodFilter.ALL, show_derived, calendar)[0], False
    return keep_columns(widened, keep), True
