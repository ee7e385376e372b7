"""Compound annual growth of lines between two periods of the table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from model.analysis.analyst_views import line_cagr
from model.views.formatting import EM_DASH, NOT_MEANINGFUL, format_change_pct
from model.views.table import StatementTable

@dataclass(frozen=True, slots=True)
class GrowthRow:
    """Compound annual growth of one line between two periods."""

    label: str
    first: str
    last: str
    cagr: Decimal | None

    @property
    def cagr_text(self) -> str:
        return NOT_MEANINGFUL if self.cagr is None else format_change_pct(self.cagr) + " a year"


def span_years(table: StatementTable, first: int, last: int) -> float:
    start, end = table.columns[first].period, table.columns[last].period
    return 0.0 if start is None or end is None else (end.end - start.end).days / 365.25


def growth_rows(table: StatementTable, lines: Sequence[int], first: int, last: int) -> list[GrowthRow]:
    """CAGR of each line from the ``first`` to the ``last`` column of the table (n/m where a
    value is missing or the signs make growth meaningless)."""
    rows = []
    for line in lines:
        texts = [table.cells[(line, column)].text if (line, column) in table.cells else EM_DASH for column in (first, last)]
        rows.append(GrowthRow(table.labels[line], texts[0], texts[1], line_cagr(table.statement, line, first, last)))
    return rows
