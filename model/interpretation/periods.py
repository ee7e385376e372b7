"""Periods as real dates: ``Period`` (an instant when ``start`` is None) and the company's ``FiscalCalendar``.

Fiscal labels such as ``FY2017`` or ``1H17`` need the calendar: when its years end, how a
52/53-week year picks its last day, and which calendar year a fiscal label names. The
calendar is read off the document's own words (``model.interpretation.calendar_inference``).
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        _calendar.month_name[number].lower(),
        _calendar.month_abbr[number].lower(),
        _calendar.month_abbr[number].lower() + ".",
    )
}
MONTHS["sept"] = 9
MONTHS["sept."] = 9


MONTH_RE = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"


WEEKDAYS = {name.lower(): index for index, name in enumerate(_calendar.day_name)}


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: ``start``..``end`` inclusive, or the instant ``end`` when start is None."""

    end: date
    start: date | None = None

    @property
    def is_instant(self) -> bool:
        return self.start is None

    @property
    def days(self) -> int:
        return 0 if self.start is None else (self.end - self.start).days + 1

    @property
    def months(self) -> int:
        """Length in whole months, rounded (13 weeks is 3, 53 weeks is 12)."""
        return round(self.days / 30.4375)

    def sort_key(self) -> tuple[date, int]:
        """Chronological: by end date, and for one end date the shorter period first."""
        return (self.end, self.days)

    def describe(self) -> str:
        if self.start is None:
            return f"as of {self.end.isoformat()}"
        weeks, extra = divmod(self.days, 7)
        length = f"{weeks} weeks" if extra == 0 and self.end.day not in _month_end_days(self.end) else f"{self.months} months"
        return f"{self.start.isoformat()} to {self.end.isoformat()} ({length})"

    def short_label(self) -> str:
        """A compact label for derived periods that the document never printed."""
        if self.start is None:
            return f"{self.end:%b %d, %Y}"
        return f"{self.months}M to {self.end:%b %d, %Y}"

    def is_close_to(self, other: Period, tolerance_days: int = 7) -> bool:
        if self.is_instant != other.is_instant:
            return False
        if abs((self.end - other.end).days) > tolerance_days:
            return False
        return self.is_instant or abs(self.days - other.days) <= tolerance_days

    def contains(self, other: Period) -> bool:
        if self.start is None or other.start is None:
            return False
        return self.start <= other.start and other.end <= self.end


def _month_end_days(day: date) -> tuple[int]:
    return (_calendar.monthrange(day.year, day.month)[1],)


def is_month_end(day: date) -> bool:
    return day.day == _calendar.monthrange(day.year, day.month)[1]


def month_end(year: int, month: int) -> date:
    while month < 1:
        month += 12
        year -= 1
    while month > 12:
        month -= 12
        year += 1
    return date(year, month, _calendar.monthrange(year, month)[1])


class WeekRule(Enum):
    """How a 52/53-week fiscal year picks its last day."""

    LAST = "last"  # the last <weekday> of the month
    NEAREST = "nearest"  # the <weekday> nearest the month's last day


@dataclass(frozen=True, slots=True)
class FiscalCalendar:
    """When a company's fiscal years end and how it names them.

    ``label_year`` says which calendar year a fiscal label such as ``FY2017`` or ``1H17``
    names: the year the fiscal year ``end``s in (the common case) or ``start``s in (IIJ:
    FY2017 runs April 2017 to March 2018).
    """

    year_end_month: int = 12
    year_end_day: int | None = None  # None: the month's last day
    week_rule: WeekRule | None = None
    weekday: int | None = None  # Monday == 0
    label_year: str | None = None  # None: the document does not say
    evidence: tuple[str, ...] = ()
    naming_evidence: str = ""  # the words that say which year a fiscal label names, if any

    @property
    def naming_settled(self) -> bool:
        """Whether "FY2024" / "Fiscal 2024" can be dated: a December year end names its fiscal
        years unambiguously; any other needs the document to say (or show) which year it means."""
        return self.year_end_month == 12 or self.label_year is not None

    def year_end(self, end_year: int) -> date:
        """The last day of the fiscal year that ends in calendar year ``end_year``."""
        last = month_end(end_year, self.year_end_month)
        if self.week_rule is None or self.weekday is None:
            if self.year_end_day is not None:
                return date(end_year, self.year_end_month, min(self.year_end_day, last.day))
            return last
        back = (last.weekday() - self.weekday) % 7
        candidate = last - timedelta(days=back)
        if self.week_rule is WeekRule.NEAREST and back > 3:
            candidate += timedelta(days=7)
        return candidate

    def fiscal_year_containing(self, day: date) -> tuple[date, date]:
        """First and last day of the fiscal year that holds ``day``."""
        end = self.year_end(day.year)
        if day > end:
            end = self.year_end(day.year + 1)
        start = self.year_end(end.year - 1) + timedelta(days=1)
        return start, end

    def label_to_end_year(self, label_year: int) -> int:
        """Calendar year in which the fiscal year named ``label_year`` ends."""
        if self.label_year == "start" and not (self.year_end_month == 12 and self.week_rule is None):
            return label_year + 1
        return label_year

    def fiscal_period(self, label_year: int, first_month: int, months: int) -> Period:
        """The ``months``-long span starting at fiscal month ``first_month`` (1-based) of the
        fiscal year named ``label_year``."""
        end_year = self.label_to_end_year(label_year)
        fiscal_end = self.year_end(end_year)
        fiscal_start = self.year_end(end_year - 1) + timedelta(days=1)
        if self.week_rule is not None:
            weeks_before = round((first_month - 1) * 52 / 12)
            weeks_long = round(months * 52 / 12)
            start = fiscal_start + timedelta(weeks=weeks_before)
            end = start + timedelta(weeks=weeks_long) - timedelta(days=1)
            if first_month - 1 + months >= 12:
                end = fiscal_end
            return Period(start=start, end=end)
        start = add_months(date(fiscal_start.year, fiscal_start.month, 1), first_month - 1)
        end = month_end(start.year, start.month + months - 1)
        return Period(start=start, end=end)


def add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + (day.month - 1) + months
    return date(month_index // 12, month_index % 12 + 1, 1)


DEFAULT_CALENDAR = FiscalCalendar()


def month_number(text: str) -> int | None:
    key = text.lower().strip()
    if key in MONTHS:
        return MONTHS[key]
    return MONTHS.get(key.rstrip("."))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
