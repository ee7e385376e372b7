"""Period labels that say how long a period is and how it ends: ``13W Apr 29 2023``,
``36W YTD May 7 2023``, ``17W Q4 Dec 31 2022``, ``3M Mar 31 2023``, ``Mar 31 2023`` for a
balance-sheet date. A 36-week year to date is never "8M"."""

from __future__ import annotations

import re
from datetime import date

from model.analysis.period_lengths import QUARTER_DAYS, is_quarter, is_year, period_length
from model.interpretation.periods import FiscalCalendar, Period

_FOURTH_QUARTER_RE = re.compile(r"\b(?:fourth|4th)\s+quarter\b|(?<![A-Za-z0-9])(?:Q4|4Q)(?![A-Za-z0-9])", re.IGNORECASE)
_LATER_HALF_RE = re.compile(r"\bsecond\s+half\b|\b2nd\s+half\b|(?<![A-Za-z0-9])(?:2H|H2)(?![A-Za-z])", re.IGNORECASE)
# a 52/53-week year end moves by up to six days against a fixed date
_TOLERANCE_DAYS = 7


def date_text(day: date) -> str:
    return f"{day:%b} {day.day} {day.year}"


def is_weekly(calendar: FiscalCalendar | None) -> bool:
    return calendar is not None and calendar.week_rule is not None


def is_year_to_date(period: Period, calendar: FiscalCalendar | None, printed: str = "", derived: bool = False) -> bool:
    """Longer than a quarter, shorter than a year, and from the fiscal year's start. Filings
    print such interim spans (6M, 9M, 26W, 36W) year to date, so a printed one counts unless
    it names a later half; a derived one (a second half) only where the calendar says so."""
    if period.start is None or is_year(period) or period.days <= max(QUARTER_DAYS):
        return False
    if calendar is not None and calendar.evidence:
        fiscal_start, _ = calendar.fiscal_year_containing(period.end)
        if abs((period.start - fiscal_start).days) <= _TOLERANCE_DAYS:
            return True
    return not derived and not _LATER_HALF_RE.search(printed)


def is_fourth_quarter(period: Period, printed: str, calendar: FiscalCalendar | None) -> bool:
    """A quarter the document calls the fourth, or one that ends on the fiscal year end of a
    calendar the document itself states."""
    if not is_quarter(period):
        return False
    if _FOURTH_QUARTER_RE.search(printed):
        return True
    if calendar is None or not calendar.evidence:
        return False
    _, fiscal_end = calendar.fiscal_year_containing(period.end)
    return abs((period.end - fiscal_end).days) <= _TOLERANCE_DAYS


def period_label(period: Period, calendar: FiscalCalendar | None = None, printed: str = "", derived: bool = False) -> str:
    if period.is_instant:
        return date_text(period.end)
    parts = [str(period_length(period, is_weekly(calendar)))]
    if is_fourth_quarter(period, printed, calendar):
        parts.append("Q4")
    elif is_year_to_date(period, calendar, printed, derived):
        parts.append("YTD")
    parts.append(date_text(period.end))
    return " ".join(parts)
