"""Trend tables: quarter-end dates side by side over a flow statement.

An earnings release's five-quarter trend prints "Sep 30, 2024 | Jun 30, 2024 | Mar 31, 2024 |
Dec 31, 2023 | Sep 30, 2023" over its income statement with no "Three Months Ended" anywhere.
A lone date over a flow statement says no length, so each such column alone is unresolved. Side
by side, three or more dates that are consecutive quarter ends, each three months from the next,
settle it: every column is the quarter ending on its date. The spacing of the dates is the
evidence, and the columns say so.
"""

from __future__ import annotations

from model.interpretation.dates import find_dates
from model.interpretation.headers import ColumnKind, HeaderPeriod, duration_ending, length_from
from model.interpretation.periods import FiscalCalendar

_MIN_QUARTERS = 3
_QUARTER_DAYS = range(84, 99)  # 12 to 14 weeks: calendar quarters and 13-week retail quarters


def settle_quarter_trends(labels: list[str], headers: list[HeaderPeriod], calendar: FiscalCalendar) -> list[HeaderPeriod]:
    """The headers with an unresolved run of consecutive quarter-end dates read as quarters."""
    lone = [index for index, (label, header) in enumerate(zip(labels, headers)) if _lone_date(label, header)]
    if len(lone) < _MIN_QUARTERS:
        return headers
    ends = [find_dates(labels[index])[0][1] for index in lone]
    ordered = sorted(ends)
    if ends not in (ordered, ordered[::-1]) or len(set(ends)) != len(ends):
        return headers
    if not all((later - earlier).days in _QUARTER_DAYS for earlier, later in zip(ordered, ordered[1:])):
        return headers
    note = f"{len(ends)} quarter-end dates side by side, each three months from the next: each column is the quarter ending on its date"
    settled = list(headers)
    for index, end in zip(lone, ends):
        period = duration_ending(end, 3, None, calendar)
        settled[index] = HeaderPeriod(ColumnKind.DURATION, period, headers[index].forecast, assumption=note)
    return settled


def _lone_date(label: str, header: HeaderPeriod) -> bool:
    return header.kind is ColumnKind.OTHER and bool(header.unresolved) and len(find_dates(label)) == 1 and length_from(label) is None
