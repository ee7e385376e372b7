"""How long a period is, in the unit its calendar counts in: weeks for a 52/53-week retail
calendar (a whole number of weeks that does not end on a month end), months otherwise; and
whether two compared periods differ in length (a 12-week Q1 against a 16-week Q4)."""

from __future__ import annotations

from dataclasses import dataclass

from model.interpretation.periods import Period, is_month_end

QUARTER_DAYS = range(80, 126)  # 13 weeks or three months, up to a 17-week fourth quarter
YEAR_DAYS = range(350, 380)  # 12 months, 52 or 53 weeks


@dataclass(frozen=True, slots=True)
class Length:
    count: int
    unit: str  # "W" weeks, "M" months

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"

    def describe(self) -> str:
        word = "week" if self.unit == "W" else "month"
        return f"{self.count} {word}{'s' if self.count != 1 else ''}"


def period_length(period: Period, weekly: bool = False) -> Length | None:
    """``13W``, ``36W``, ``3M``, ``12M``; None for an instant. Whole weeks are weeks unless
    the span is whole calendar months (April 1 to June 30 is 91 days, and three months);
    ``weekly``: the company keeps a 52/53-week calendar, so whole weeks are weeks always."""
    if period.is_instant:
        return None
    weeks, extra = divmod(period.days, 7)
    calendar_months = period.start is not None and period.start.day == 1 and is_month_end(period.end)
    if extra == 0 and (weekly or not calendar_months):
        return Length(weeks, "W")
    return Length(period.months, "M")


def is_quarter(period: Period) -> bool:
    return not period.is_instant and period.days in QUARTER_DAYS


def is_year(period: Period) -> bool:
    return not period.is_instant and period.days in YEAR_DAYS


def length_mismatch(later: Period, earlier: Period, weekly: bool = False) -> str:
    """``"different lengths: 17W against 16W"`` when two compared durations are not equally
    long in their calendar's unit, else "" (calendar quarters of 90 and 92 days are alike)."""
    weekly = weekly or any(_is_weekly_span(p) for p in (later, earlier))
    a, b = period_length(later, weekly), period_length(earlier, weekly)
    if a is None or b is None or a == b:
        return ""
    return f"different lengths: {a} against {b}"


def _is_weekly_span(period: Period) -> bool:
    length = period_length(period)
    return length is not None and length.unit == "W"
