"""Period columns as the window labels and orders them."""

from __future__ import annotations

import textwrap

from model.interpretation.headers import ColumnKind
from model.interpretation.periods import FiscalCalendar
from model.statements.statement import Column
from model.views.period_labels import date_text, period_label

DERIVED_MARK = " (derived)"
TTM_PREFIX = "TTM"
PRINTED_LINES = 3  # of the printed header under a period label


def is_period(column: Column) -> bool:
    return column.kind in (ColumnKind.DURATION, ColumnKind.INSTANT)


def is_ttm(column: Column) -> bool:
    return column.derived and column.label.startswith(TTM_PREFIX)


def short_label(column: Column, calendar: FiscalCalendar | None = None) -> str:
    """A period label that says how long the period is and how it ends (``13W Apr 29 2023``,
    ``6M YTD Sep 30 2017``, ``Mar 31 2017``), marked when Tickmark derived it; a column
    without a settled period keeps its printed label, shortened."""
    period = column.period
    if period is None or not is_period(column) or column.unresolved:
        return column.label if len(column.label) <= 16 else textwrap.shorten(column.label, 16, placeholder="\u2026")
    if is_ttm(column):
        return f"{TTM_PREFIX} {date_text(period.end)}{DERIVED_MARK}"
    text = period_label(period, calendar, column.label, column.derived)
    return text + DERIVED_MARK if column.derived else text


def header_text(column: Column, calendar: FiscalCalendar | None = None, width: int = 20) -> str:
    """A table header: the period label on top and, under it, the label as printed, wrapped
    so that long headers ("Three Months Ended September 30, 2016") take two short lines; a
    word longer than a line (a file name of a side-by-side view) stays whole."""
    printed = textwrap.wrap(column.label, width, break_long_words=False) or [column.label]
    if column.period is None or not is_period(column) or column.unresolved:
        return "\n".join(printed)
    label = short_label(column, calendar)
    if column.derived:
        return label.replace(DERIVED_MARK, "\n(derived)")
    if len(printed) > PRINTED_LINES:
        printed = [*printed[: PRINTED_LINES - 1], textwrap.shorten(" ".join(printed[PRINTED_LINES - 1 :]), width, placeholder="\u2026")]
    return "\n".join([label, *printed])

