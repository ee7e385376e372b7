"""Period columns as the window labels and orders them."""

from __future__ import annotations

import textwrap

from model.analysis.compare import with_derived_periods
from model.interpretation.periods import ColumnKind
from model.statements.statement import Column, Statement

def header_text(column: Column, width: int = 20) -> str:
    """The printed label, wrapped so that long headers ("Three Months Ended September 30,
    2016") take two short lines instead of one wide column; a word longer than a line (a
    file name of a side-by-side view) stays whole."""
    return "\n".join(textwrap.wrap(column.label, width, break_long_words=False)) or column.label


def short_label(column: Column) -> str:
    """A compact period label for chart axes and the diff panel: the printed label when it is
    short (``1H17``), else built from the dates (``3M Sep 2016``, ``Sep 30, 2017``)."""
    if len(column.label) <= 12:
        return column.label
    period = column.period
    if period is None:
        return textwrap.shorten(column.label, 16, placeholder="\u2026")
    text = f"{period.end:%b %d, %Y}" if period.is_instant else f"{period.months}M {period.end:%b %Y}"
    return f"{text} (derived)" if column.derived else text


def is_period(column: Column) -> bool:
    return column.kind in (ColumnKind.DURATION, ColumnKind.INSTANT)


def display_statement(statement: Statement, show_derived: bool) -> Statement:
    """The statement as the table shows it: periods in chronological order, with quarters and
    halves derived from cumulative periods when asked. The statement itself is not changed."""
    shown = with_derived_periods(statement) if show_derived else statement
    return shown.in_chronological_order()
