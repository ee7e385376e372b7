"""The series of a chart: values of lines per period, or their change % per period."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from model.views.columns import is_period
from model.views.diff import DiffRow
from model.views.formatting import EM_DASH, format_change_pct, format_scaled, scaled, unit_caption
from model.views.table import StatementTable

@dataclass(frozen=True, slots=True)
class ChartSeries:
    name: str
    values: tuple[float, ...]  # one per category; NaN where the period has no value
    texts: tuple[str, ...]  # the same values formatted for the hover read-out


@dataclass(frozen=True, slots=True)
class ChartData:
    title: str
    categories: tuple[str, ...]  # compact period labels for the x axis
    category_tooltips: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    y_caption: str
    derived: tuple[bool, ...] = ()  # per category: computed by Tickmark, not printed

    def is_derived(self, category: int) -> bool:
        return category < len(self.derived) and self.derived[category]


def chart_of_lines(table: StatementTable, lines: Sequence[int]) -> ChartData:
    """One series per line, one point per period column of the table (derived ones included
    when the table shows them), values in the table's display scale. A table that prints "% of
    sales" beside its amounts charts the amounts: a ratio and an amount share no axis."""
    periods = [j for j, column in enumerate(table.columns) if is_period(column)]
    amounts = [j for j in periods if not table.columns[j].is_ratio]
    columns = amounts or periods
    series = []
    captions = set()
    for line in lines:
        values, texts = [], []
        for column in columns:
            cell = table.statement.cells.get((line, column))
            value = scaled(cell, table.scale) if cell is not None else None
            values.append(math.nan if value is None or value.value is None else float(value.value))
            texts.append(EM_DASH if value is None else format_scaled(value))
            if value is not None:
                captions.add(unit_caption(value.unit, value.scale))
        series.append(ChartSeries(table.labels[line], tuple(values), tuple(texts)))
    caption = captions.pop() if len(captions) == 1 else ("mixed units" if captions else table.caption)
    return ChartData(
        title=", ".join(table.labels[line] for line in lines),
        categories=tuple(table.period_label(j) for j in columns),
        category_tooltips=tuple(table.columns[j].tooltip() for j in columns),
        series=tuple(series),
        y_caption=caption,
        derived=tuple(table.columns[j].derived for j in columns),
    )


def chart_of_changes(rows: Sequence[DiffRow], lines: Sequence[int]) -> ChartData:
    """Change % of the given lines, one point per later period of the diff rows' basis."""
    wanted = [row for row in rows if row.change.line in lines]
    periods = sorted({row.change.period for row in wanted}, key=lambda period: period.sort_key())
    label_of = {row.change.period: row.period_label for row in wanted}
    derived_periods = {row.change.period for row in wanted if row.change.statement.columns[row.change.column].derived}
    basis = wanted[0].change.basis.value if wanted else "change"
    series = []
    for line in dict.fromkeys(row.change.line for row in wanted):
        by_period = {row.change.period: row for row in wanted if row.change.line == line}
        values = tuple(
            float(by_period[p].change_pct) if p in by_period and by_period[p].change_pct is not None else math.nan for p in periods
        )
        texts = tuple(format_change_pct(by_period[p].change_pct) if p in by_period else EM_DASH for p in periods)
        name = next(row.label for row in wanted if row.change.line == line)
        series.append(ChartSeries(name, values, texts))
    return ChartData(
        title=f"{basis} % \u2014 " + ", ".join(s.name for s in series),
        categories=tuple(label_of[p] for p in periods),
        category_tooltips=tuple(p.describe() for p in periods),
        series=tuple(series),
        y_caption=f"{basis} change (%)",
        derived=tuple(p in derived_periods for p in periods),
    )
