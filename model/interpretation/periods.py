"""Periods as real dates, and column headers to periods.

A column header such as ``1H17``, ``Six Months Ended September 30, 2016``, ``As of March 31,
2017`` or ``13 Weeks Ended April 29, 2023`` becomes a ``Period`` (an instant when ``start`` is
None). Fiscal labels need the company's ``FiscalCalendar``, which ``infer_calendar`` reads off
the document's own words.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

from model.interpretation.japanese_dates import find_japanese_dates, has_japanese

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

_MONTH_RE = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "sixteen": 16, "seventeen": 17, "twenty-four": 24, "twenty four": 24, "twenty-six": 26,
    "twenty six": 26, "thirty-six": 36, "thirty six": 36, "thirty-nine": 39, "thirty nine": 39,
    "fifty-two": 52, "fifty two": 52, "fifty-three": 53, "fifty three": 53, "forty": 40,
    "forty-eight": 48,
}
_COUNT_RE = r"(\d{1,2}|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + r")"

_WEEKDAYS = {name.lower(): index for index, name in enumerate(_calendar.day_name)}


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


# ----------------------------------------------------------------------------- calendar


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
        start = _add_months(date(fiscal_start.year, fiscal_start.month, 1), first_month - 1)
        end = month_end(start.year, start.month + months - 1)
        return Period(start=start, end=end)


def _add_months(day: date, months: int) -> date:
    month_index = day.year * 12 + (day.month - 1) + months
    return date(month_index // 12, month_index % 12 + 1, 1)


DEFAULT_CALENDAR = FiscalCalendar()


# ----------------------------------------------------------------------------- dates in text

_DATE_MDY = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_RE})\s*,?\s*(?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE)
_DATE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
_DATE_NUMERIC = re.compile(r"(?<![\d/])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)?\d{2})(?![\d/])")
# "30.06.23", "31.12.2022": day first, as printed across continental Europe
_DATE_DOTTED = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)?\d{2})(?![\d.])")
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH_RE})\s*(?P<day>\d{{1,2}})\b(?!\s*,?\s*\d{{4}})", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_RE})\b(?!\s*,?\s*\d{{4}})", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?<![\d,.$/-])((?:19|20)\d{2})(?![\d,.%/-])")


def _month_number(text: str) -> int | None:
    key = text.lower().strip()
    if key in MONTHS:
        return MONTHS[key]
    return MONTHS.get(key.rstrip("."))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, date]]:
    """All full dates in ``text`` with their character offsets, in reading order."""
    found: dict[int, date] = {}
    taken: list[range] = []

    def add(match: re.Match[str] | tuple[int, int], value: date | None) -> None:
        if value is None:
            return
        span = range(match.start(), match.end()) if isinstance(match, re.Match) else range(*match)
        if any(span.start < other.stop and other.start < span.stop for other in taken):
            return
        taken.append(span)
        found[span.start] = value

    for start, end, value in find_japanese_dates(text):
        add((start, end), value)
    for match in _DATE_MDY.finditer(text):
        month = _month_number(match["month"])
        if month:
            add(match, _safe_date(int(match["year"]), month, int(match["day"])))
    for match in _DATE_DMY.finditer(text):
        month = _month_number(match["month"])
        if month:
            add(match, _safe_date(int(match["year"]), month, int(match["day"])))
    for match in _DATE_ISO.finditer(text):
        add(match, _safe_date(int(match["year"]), int(match["month"]), int(match["day"])))
    for match in _DATE_DOTTED.finditer(text):
        year = int(match["year"])
        add(match, _safe_date(year + 2000 if year < 100 else year, int(match["month"]), int(match["day"])))
    for match in _DATE_NUMERIC.finditer(text):
        year = int(match["year"])
        if year < 100:
            year += 2000
        add(match, _safe_date(year, int(match["month"]), int(match["day"])))
    return sorted(found.items())


# ----------------------------------------------------------------------------- headers


class ColumnKind(Enum):
    DURATION = "duration"
    INSTANT = "instant"
    CHANGE = "change"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class HeaderPeriod:
    """What a column header (or a transposed row label) says about its values."""

    kind: ColumnKind
    period: Period | None = None
    forecast: bool = False
    percent: bool = False  # a change printed as a percentage
    fiscal_label: str | None = None
    uses_banner: bool = False  # the banner over the table supplied the length or part of the date
    uses_calendar: bool = False  # a fiscal name ("FY2017", "Fiscal 2023", a bare year) dated by the company's calendar
    assumption: str = ""  # the convention applied where no printed word settles it
    unresolved: str = ""  # why the header names no period the document settles (kind is then OTHER)


_CHANGE_RE = re.compile(
    r"\b(?:yoy|y/y|qoq|q/q|change|changes|chg|inc(?:rease)?\s*/?\s*\(?dec(?:rease)?\)?|variance|var\.?|growth"
    r"|vs\.?\s+(?:prior|previous|last)|versus|difference|diff\.?|b\s*/\s*\(?w\)?|fav(?:orable)?\s*/\s*\(?unfav)"
    r"|% of change|increase\s*\(decrease\)",
    re.IGNORECASE,
)
_SHARE_OF_RE = re.compile(r"%\s*of\b|\bas a %|\bpercentage of\b|\bshare of total\b", re.IGNORECASE)
_PERCENT_ONLY_RE = re.compile(r"^\s*(?:%|percent|pct\.?|ratio\s*\(%\)|\(%\)|% change|%\s*chg)\s*$", re.IGNORECASE)
_FORECAST_RE = re.compile(r"\b(?:forecasts?|targets?|outlook|guidance|projected|projection|estimates?|plan)\b|\(e\)", re.IGNORECASE)

_FISCAL_QUARTER_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:(?P<q1>[1-4])\s?Q|Q(?P<q2>[1-4]))(?!-end)\s*(?:-|\s)?\s*(?:(?:FY|fiscal\s*(?:year)?)\s*)?'?(?P<year>(?:19|20)?\d{2})(?![\d,.])",
    re.IGNORECASE,
)
# "Fiscal 2024 Q2", "FY24 Q3": the year first
_YEAR_THEN_QUARTER_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:FY|fiscal\s*(?:year)?)\s*'?(?P<year>(?:19|20)\d{2}|\d{2})\s*(?:-|\s)?\s*(?:Q(?P<q2>[1-4])|(?P<q1>[1-4])Q)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_FISCAL_HALF_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:(?P<h1>[12])\s?H|H(?P<h2>[12]))\s*(?:-|\s)?\s*(?:(?:FY|fiscal\s*(?:year)?)\s*)?'?(?P<year>(?:19|20)?\d{2})(?![\d,.])",
    re.IGNORECASE,
)
_FISCAL_NINE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?P<months>9|6|3)\s?M\s*(?:-|\s)?\s*(?:(?:FY|fiscal\s*(?:year)?)\s*)?'?(?P<year>(?:19|20)?\d{2})(?![\d,.])",
    re.IGNORECASE,
)
_FISCAL_YEAR_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:FY|fiscal\s*(?:year\s*)?)\s*'?(?P<year>(?:19|20)\d{2}|\d{2})(?![\d,.])",
    re.IGNORECASE,
)
_QUARTER_END_RE = re.compile(r"(?<![A-Za-z0-9])(?P<q>[1-4])Q-?\s*end\b|\b(?P<year_end>year-?\s*end|fiscal\s+year-?\s*end)\b", re.IGNORECASE)

_WEEKS_RE = re.compile(rf"\b{_COUNT_RE}[\s-]*weeks?\b", re.IGNORECASE)
_MONTHS_RE = re.compile(rf"\b{_COUNT_RE}[\s-]*months?\b", re.IGNORECASE)
_QUARTER_WORD_RE = re.compile(r"\b(?:quarters?|three[- ]month(?:s)?)\s+(?:ended|ending)\b|\bquarter\b", re.IGNORECASE)
_YEAR_WORD_RE = re.compile(
    r"\b(?:(?:fiscal\s+)?years?|twelve\s+months|full[- ]year|annual)\s+(?:ended|ending)\b|\bfiscal\s+year\b|\bfull[- ]year\b",
    re.IGNORECASE,
)
_HALF_WORD_RE = re.compile(r"\b(?:first|second|1st|2nd)\s+half\b|\bhalf[- ]year\b|\binterim\b", re.IGNORECASE)
_CUMULATIVE_RE = re.compile(r"\bcumulative\b|\byear[- ]to[- ]date\b|\bytd\b", re.IGNORECASE)
_INSTANT_RE = re.compile(r"\b(?:as\s+(?:of|at)|at|balance\s+(?:at|as\s+of)|end\s+of)\b", re.IGNORECASE)
_LONE_YEAR_RE = re.compile(r"^\s*(?:fiscal\s+)?((?:19|20)\d{2})\s*(?:\(\d\)|\*\d?)?\s*$", re.IGNORECASE)
_AS_OF_OR_FOR_RE = re.compile(r"\bas\s+(?:of|at)\s+or\s+for\b", re.IGNORECASE)
_STRONG_INSTANT_RE = re.compile(r"\bas\s+(?:of|at)\b", re.IGNORECASE)
_RANGE_RE = re.compile(r"\b(?:from\b.*?\bto\b|through|thru)\b|\bto\b", re.IGNORECASE)
_ENDED_RE = re.compile(r"\b(?:ended|ending|end)\b", re.IGNORECASE)


def change_phrase(text: str) -> str | None:
    """The words that make a header a change column ("Increase/(Decrease)", "% Change"), if any."""
    match = _CHANGE_RE.search(text)
    return match.group(0) if match else None


def _count(text: str) -> int:
    text = text.lower().replace("  ", " ")
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def _two_digit_year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def duration_ending(end: date, months: int | None, weeks: int | None, calendar: FiscalCalendar) -> Period:
    """A duration ending on ``end`` of the given length, on the company's calendar."""
    if weeks:
        return Period(start=end - timedelta(days=7 * weeks - 1), end=end)
    assert months is not None
    if is_month_end(end) and calendar.week_rule is None:
        return Period(start=_add_months(date(end.year, end.month, 1), -(months - 1)), end=end)
    approx_weeks = round(months * 52 / 12)
    fiscal_start, _ = calendar.fiscal_year_containing(end)
    if calendar.week_rule is not None and abs((end - fiscal_start).days + 1 - 7 * approx_weeks) <= 7:
        return Period(start=fiscal_start, end=end)
    if not is_month_end(end):
        return Period(start=end - timedelta(days=7 * approx_weeks - 1), end=end)
    return Period(start=_add_months(date(end.year, end.month, 1), -(months - 1)), end=end)


def _fiscal_label(text: str, calendar: FiscalCalendar) -> tuple[Period, str] | None:
    """``1H17``, ``2Q16``, ``Q1 2023``, ``Q3 FY24``, ``9M FY2024``, ``FY2017``."""
    for pattern, kind in ((_FISCAL_QUARTER_RE, "Q"), (_YEAR_THEN_QUARTER_RE, "Q"), (_FISCAL_HALF_RE, "H"), (_FISCAL_NINE_RE, "M"), (_FISCAL_YEAR_RE, "FY")):
        match = pattern.search(text)
        if not match:
            continue
        year = _two_digit_year(match["year"])
        if kind == "Q":
            quarter = int(match["q1"] or match["q2"])
            return calendar.fiscal_period(year, 3 * (quarter - 1) + 1, 3), match.group(0)
        if kind == "H":
            half = int(match["h1"] or match["h2"])
            return calendar.fiscal_period(year, 6 * (half - 1) + 1, 6), match.group(0)
        if kind == "M":
            return calendar.fiscal_period(year, 1, int(match["months"])), match.group(0)
        return calendar.fiscal_period(year, 1, 12), match.group(0)
    return None


def parse_header(
    text: str,
    calendar: FiscalCalendar = DEFAULT_CALENDAR,
    banner: str = "",
    default_instant: bool | None = None,
) -> HeaderPeriod:
    """Read a column header (stacked header lines joined by spaces) into a period.

    ``banner`` is text that applies to the whole table (a spanning header such as "Years
    ended December 31", or a caption "(For the six months ended ...)"), used when the header
    itself has only a date or a bare year. ``default_instant`` says what a lone date means when
    nothing else does: True for balance sheets, False for flow statements, None to leave it
    an instant. A header the document does not date (a bare year under "Three Months Ended", a
    lone date over a flow statement) is OTHER with the reason in ``unresolved``: never a guess.
    """
    text = " ".join(text.split())
    forecast = bool(_FORECAST_RE.search(text))
    if not text:
        return HeaderPeriod(ColumnKind.OTHER)
    if has_japanese(text):
        from model.interpretation.japanese_headers import parse_japanese_header  # builds on this module's types

        japanese = parse_japanese_header(text, calendar, banner, default_instant)
        if japanese.kind is not ColumnKind.OTHER or not re.search(r"[A-Za-z]", text):
            return japanese
    if _PERCENT_ONLY_RE.match(text) or _CHANGE_RE.search(text):
        return HeaderPeriod(ColumnKind.CHANGE, forecast=forecast, percent="%" in text or "percent" in text.lower())
    if _SHARE_OF_RE.search(text):
        return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, percent=True)  # "% of March 31, 2024 total"

    quarter_end = _QUARTER_END_RE.search(text)
    if quarter_end and not find_dates(text):
        return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, fiscal_label=quarter_end.group(0))

    stub = _month_day_range(text) or _month_range(text)
    if stub is not None:
        return HeaderPeriod(ColumnKind.DURATION, stub, forecast)
    dates = [value for _, value in find_dates(text)]
    if len(dates) >= 2 and _RANGE_RE.search(text) and dates[0] < dates[-1] and not _INSTANT_RE.search(text.split("to")[0][-12:]):
        return HeaderPeriod(ColumnKind.DURATION, Period(start=dates[0], end=dates[-1]), forecast)

    end = dates[-1] if dates else None
    date_from_banner = False
    if end is None:
        end = _date_from_parts(text, banner)
        date_from_banner = end is not None and not _date_from_parts(text, "")
    if end is None and _LONE_YEAR_RE.match(text):
        return _bare_year(int(_LONE_YEAR_RE.match(text).group(1)), calendar, banner, default_instant, forecast)
    if end is None:
        fiscal = _fiscal_label(text, calendar)
        if fiscal is not None:
            period, label = fiscal
            if not calendar.naming_settled:
                return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, fiscal_label=label, unresolved=_unnamed(label, calendar))
            return HeaderPeriod(ColumnKind.DURATION, period, forecast, fiscal_label=label, uses_calendar=True)
        return HeaderPeriod(ColumnKind.OTHER, forecast=forecast)

    own_length = _length_from(text)
    length = own_length or _length_from(banner)
    uses_banner = date_from_banner or (own_length is None and length is not None)
    period_with_balances = length is not None and _AS_OF_OR_FOR_RE.search(text)  # "As of or for the Three Months Ended"
    if not period_with_balances and (_STRONG_INSTANT_RE.search(text) or (_INSTANT_RE.search(text) and not length)):
        return HeaderPeriod(ColumnKind.INSTANT, Period(end=end), forecast, uses_banner=date_from_banner)
    if length is None:
        if _INSTANT_RE.search(banner):
            return HeaderPeriod(ColumnKind.INSTANT, Period(end=end), forecast, uses_banner=True)
        if default_instant:
            return HeaderPeriod(ColumnKind.INSTANT, Period(end=end), forecast, uses_banner=date_from_banner, assumption="a date over a balance sheet is the balance sheet date")
        if default_instant is None:
            return HeaderPeriod(ColumnKind.INSTANT, Period(end=end), forecast, uses_banner=date_from_banner, assumption="a lone date is a point in time")
        return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, unresolved=f"'{text}' gives an end date but no period length, and nothing over the table states one")
    months, weeks = length
    if months == 0:  # "cumulative": from the start of the fiscal year
        start, _ = calendar.fiscal_year_containing(end)
        return HeaderPeriod(ColumnKind.DURATION, Period(start=start, end=end), forecast, uses_banner=uses_banner, uses_calendar=True)
    return HeaderPeriod(ColumnKind.DURATION, duration_ending(end, months, weeks, calendar), forecast, uses_banner=uses_banner)


_MONTH_DAY_RANGE_RE = re.compile(
    rf"\b(?:from\s+)?(?P<m1>{_MONTH_RE})\s*(?P<d1>\d{{1,2}})(?:,?\s*(?P<y1>(?:19|20)\d{{2}}))?\s*(?:to|through|thru|[-–])\s*"
    rf"(?P<m2>{_MONTH_RE})\s*(?P<d2>\d{{1,2}})(?:,?\s*(?P<y2>(?:19|20)\d{{2}}))?\b",
    re.IGNORECASE,
)


def _month_day_range(text: str) -> Period | None:
    """"July 22 to September 30" under a year ("Successor ... 2023"): a stub period printed as a
    range, which wins over the length a banner gives the column."""
    match = _MONTH_DAY_RANGE_RE.search(text)
    if not match:
        return None
    years = [int(y) for y in (match["y2"], match["y1"]) if y] or [d.year for _, d in find_dates(text)] or [int(y) for y in _BARE_YEAR.findall(text)]
    if not years:
        return None
    m1, m2 = _month_number(match["m1"]), _month_number(match["m2"])
    if not m1 or not m2:
        return None
    end = _safe_date(years[0], m2, int(match["d2"]))
    start = _safe_date(int(match["y1"]) if match["y1"] else years[0], m1, int(match["d1"]))
    if start is None or end is None:
        return None
    if start > end and not match["y1"]:
        start = _safe_date(start.year - 1, start.month, start.day)
    return Period(start=start, end=end) if start is not None and start < end else None


_MONTH_RANGE_RE = re.compile(
    rf"\b(?P<m1>{_MONTH_RE})\s*(?:to|through|[-–~])\s*(?P<m2>{_MONTH_RE})\s*,?\s*(?P<year>(?:19|20)\d{{2}})\b(?!\s*[-/.]\d)",
    re.IGNORECASE,
)


def _month_range(text: str) -> Period | None:
    """"Jan.–Dec. 2021", "April - June 2023": whole months, the year printed once after them."""
    match = _MONTH_RANGE_RE.search(text)
    if not match:
        return None
    first, last = _month_number(match["m1"]), _month_number(match["m2"])
    if not first or not last:
        return None
    year = int(match["year"])
    start = date(year if first <= last else year - 1, first, 1)
    return Period(start=start, end=month_end(year, last))


_ORDINAL_QUARTER_RE = re.compile(
    r"\b(?P<word>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b|(?<![A-Za-z0-9])(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)(?![A-Za-z0-9])", re.IGNORECASE
)
_ORDINAL_HALF_RE = re.compile(r"\b(?P<word>first|second|1st|2nd)\s+half\b|(?<![A-Za-z0-9])(?:H(?P<h>[12])|(?P<h2>[12])H)(?![A-Za-z0-9])", re.IGNORECASE)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _bare_year(year: int, calendar: FiscalCalendar, banner: str, default_instant: bool | None, forecast: bool) -> HeaderPeriod:
    """A header that is only a year ("2023", "Fiscal 2023"): the banner over it says which part
    of that fiscal year; with no banner, it is the fiscal year itself (or its end, over a
    balance sheet). A banner that gives a length but not which quarter leaves it unresolved, and
    so does a fiscal year that ends outside December when the document never says which
    calendar year its fiscal years are named for."""
    if not calendar.naming_settled:
        return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, fiscal_label=str(year), unresolved=_unnamed(str(year), calendar))
    length = _length_from(banner)
    if default_instant:
        if length is not None and length != (12, None):
            return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, unresolved=f"'{year}' over a balance sheet under '{_short(banner)}': which date of {year} is not printed")
        end = calendar.fiscal_period(year, 1, 12).end
        return HeaderPeriod(ColumnKind.INSTANT, Period(end=end), forecast, uses_calendar=True, assumption="a bare year over a balance sheet is that fiscal year's end")
    quarter = _ORDINAL_QUARTER_RE.search(banner)
    if quarter:
        number = _ORDINALS.get((quarter["word"] or "").lower()) or int(quarter["q"] or quarter["q2"])
        period = calendar.fiscal_period(year, 3 * (number - 1) + 1, 3)
        return HeaderPeriod(ColumnKind.DURATION, period, forecast, fiscal_label=f"Q{number} {year}", uses_banner=True, uses_calendar=True)
    half = _ORDINAL_HALF_RE.search(banner)
    if half:
        number = _ORDINALS.get((half["word"] or "").lower()) or int(half["h"] or half["h2"])
        period = calendar.fiscal_period(year, 6 * (number - 1) + 1, 6)
        return HeaderPeriod(ColumnKind.DURATION, period, forecast, fiscal_label=f"H{number} {year}", uses_banner=True, uses_calendar=True)
    if length is not None and length != (12, None):
        months, weeks = length
        if months in (0, 3) or weeks:
            return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, unresolved=f"'{year}' under '{_short(banner)}': the banner gives a length but not which period of {year} it ends")
        # "Six Months" / "Nine Months" over a bare year: the year-to-date span from the fiscal year's start
        period = calendar.fiscal_period(year, 1, months)
        return HeaderPeriod(ColumnKind.DURATION, period, forecast, fiscal_label=f"{months}M {year}", uses_banner=True, uses_calendar=True)
    period = calendar.fiscal_period(year, 1, 12)
    return HeaderPeriod(ColumnKind.DURATION, period, forecast, fiscal_label=str(year), uses_banner=length is not None, uses_calendar=True,
                        assumption="" if length is not None else f"a bare year names the fiscal year {year}")


def _unnamed(label: str, calendar: FiscalCalendar) -> str:
    month = _calendar.month_name[calendar.year_end_month]
    return f"'{label}' names a fiscal year ending in {month}, and the document does not say whether its fiscal years are named for the year they start or end in"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _date_from_parts(text: str, banner: str) -> date | None:
    """A date split between a banner and the header: 'December 31,' above '2023', or the reverse."""
    year_match = _BARE_YEAR.search(text)
    month_day = _MONTH_DAY.search(text) or _MONTH_DAY.search(banner) or _DAY_MONTH.search(text) or _DAY_MONTH.search(banner)
    if year_match and month_day:
        month = _month_number(month_day["month"])
        if month:
            return _safe_date(int(year_match.group(1)), month, int(month_day["day"]))
    banner_dates = find_dates(banner)
    if year_match and not month_day and banner_dates and _LONE_YEAR_RE.match(text):
        # "as at 30 June 2022" printed once over columns "2022 | 2021": each year's 30 June
        day = banner_dates[-1][1]
        return _safe_date(int(year_match.group(1)), day.month, day.day)
    if year_match and not month_day:
        month_only = re.search(rf"\b({_MONTH_RE})\b", text + " " + banner, re.IGNORECASE)
        if month_only and (_ENDED_RE.search(text + " " + banner) or _INSTANT_RE.search(text + " " + banner)):
            month = _month_number(month_only.group(1))
            if month:
                return month_end(int(year_match.group(1)), month)
    return None


def length_from(text: str) -> tuple[int, int | None] | None:
    """The length a header or banner states, if any (see ``_length_from``)."""
    return _length_from(text)


def _length_from(text: str) -> tuple[int, int | None] | None:
    """(months, weeks) a header or banner states; months 0 means 'from the fiscal year start'."""
    if not text:
        return None
    weeks = _WEEKS_RE.search(text)
    if weeks:
        count = _count(weeks.group(1))
        return (round(count * 12 / 52), count)
    months = _MONTHS_RE.search(text)
    if months:
        return (_count(months.group(1)), None)
    if _CUMULATIVE_RE.search(text):
        return (0, None)
    if _QUARTER_WORD_RE.search(text):
        return (3, None)
    if _HALF_WORD_RE.search(text):
        return (6, None)
    if _YEAR_WORD_RE.search(text):
        return (12, None)
    return None


# ----------------------------------------------------------------------------- calendar inference

_YEAR_END_RE = re.compile(
    rf"fiscal\s+(?:year|period)s?\s+(?:ended|ending|end(?:s|ing)?\s+on)\s+(?P<month>{_MONTH_RE})\s*(?P<day>\d{{1,2}})?",
    re.IGNORECASE,
)
_WEEK_CALENDAR_RE = re.compile(r"(?:52|53)[- ]*(?:or|/|to)\s*(?:52|53)[- ]?weeks?\b[^.]{0,160}", re.IGNORECASE)
_WEEKDAY_RE = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_MONTH_NAME_RE = re.compile(rf"\b({_MONTH_RE})\b", re.IGNORECASE)
_LABEL_DEFINITION_RE = re.compile(
    r"[\"“(](?P<label>(?:[1-4]Q|Q[1-4]|[12]H|H[12]|FY)\s?'?\d{2,4})[\"”]?\s*(?:from|:|,|for)?\s*(?P<range>[^)]{0,80}?\d{4}[^)]{0,60}?\d{4})",
    re.IGNORECASE,
)


def infer_calendar(text_lines: Iterable[str], header_dates: Iterable[date] = ()) -> FiscalCalendar:
    """The fiscal calendar a document describes, from its own words and its column dates."""
    text = "\n".join(text_lines)
    evidence: list[str] = []
    calendar = DEFAULT_CALENDAR
    # the first day of a month opens a period ("自 2023年４月１日"): it says nothing about where years end
    header_dates = [d for d in header_dates if d.day != 1]

    week = _WEEK_CALENDAR_RE.search(text)
    if week:
        sentence = week.group(0)
        weekday_match = _WEEKDAY_RE.search(sentence)
        month_match = _MONTH_NAME_RE.search(sentence[weekday_match.end():] if weekday_match else sentence)
        nearest = re.search(r"\b(?:closest|nearest)\b", sentence, re.IGNORECASE)
        rule = WeekRule.LAST if re.search(r"\blast\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", sentence, re.IGNORECASE) and not nearest else WeekRule.NEAREST
        weekday = _WEEKDAYS[weekday_match.group(1).lower()] if weekday_match else None
        if weekday is None:
            odd = [d for d in header_dates if not is_month_end(d)]
            weekday = Counter(d.weekday() for d in odd).most_common(1)[0][0] if odd else None
        month = _month_number(month_match.group(1)) if month_match else None
        if weekday is not None and month is not None:
            calendar = replace(calendar, year_end_month=month, week_rule=rule, weekday=weekday)
            evidence.append(" ".join(sentence.split())[:120])

    if calendar.week_rule is None:
        year_end_months = Counter()
        for match in _YEAR_END_RE.finditer(text):
            month = _month_number(match["month"])
            if month:
                year_end_months[(month, int(match["day"]) if match["day"] else None)] += 1
        if year_end_months:
            (month, day), _ = year_end_months.most_common(1)[0]
            calendar = replace(calendar, year_end_month=month, year_end_day=None if day is None or day >= 28 else day)
            evidence.append(f"fiscal year ends in {_calendar.month_name[month]}")
        elif header_dates:
            odd = [d for d in header_dates if not is_month_end(d)]
            if len(odd) >= max(2, len(header_dates) // 2):
                weekday = Counter(d.weekday() for d in odd).most_common(1)[0][0]
                calendar = replace(calendar, week_rule=WeekRule.NEAREST, weekday=weekday)
                evidence.append("52/53-week calendar inferred from column dates")

    for match in _LABEL_DEFINITION_RE.finditer(text):
        dates = [value for _, value in find_dates(match["range"])]
        if len(dates) < 2:
            continue
        start, end = dates[0], dates[-1]
        if start >= end:
            continue
        label = match["label"].upper().replace(" ", "").replace("'", "")
        digits = re.search(r"\d{2,4}$", label)
        if not digits:
            continue
        label_year = _two_digit_year(digits.group(0))
        month_end_date = month_end(end.year, calendar.year_end_month)
        fiscal_end_year = end.year if end <= month_end_date else end.year + 1
        if calendar.year_end_month == 12 and calendar.week_rule is None:
            # a March or June year end is told by the label's own span
            probe = replace(calendar, year_end_month=(start.month - 2) % 12 + 1)
            calendar = probe
            fiscal_end_year = end.year if end <= month_end(end.year, probe.year_end_month) else end.year + 1
        naming = "start" if fiscal_end_year == label_year + 1 else "end"
        definition = f'"{match["label"]}" is {start.isoformat()} to {end.isoformat()}'
        calendar = replace(calendar, label_year=naming, naming_evidence=definition)
        evidence.append(definition)
        break

    if not calendar.naming_evidence:
        calendar = _naming_from_definition(text, calendar, evidence)
    return replace(calendar, evidence=tuple(evidence))


_LABEL_NAMED_RE = re.compile(
    rf"(?P<date>{_MONTH_RE}\s*\d{{1,2}},?\s*(?:19|20)\d{{2}})[^.;]{{0,40}}?\(\s*[\"“](?P<label>(?:fiscal(?:\s+year)?|FY)\s?'?(?P<year>\d{{2}}|\d{{4}}))[\"”]\s*\)",
    re.IGNORECASE,
)


def _naming_from_definition(text: str, calendar: FiscalCalendar, evidence: list[str]) -> FiscalCalendar:
    """'the 53 weeks ended on February 3, 2024 ("fiscal 2023")': the label names the fiscal
    year that starts in 2023."""
    for match in _LABEL_NAMED_RE.finditer(text):
        dates = find_dates(match["date"])
        if not dates:
            continue
        end = dates[0][1]
        fiscal_end_year = calendar.fiscal_year_containing(end)[1].year
        label_year = _two_digit_year(match["year"])
        if fiscal_end_year not in (label_year, label_year + 1):
            continue
        sentence = f'{match["label"]} ends {end.isoformat()}'
        evidence.append(sentence)
        return replace(calendar, label_year="start" if fiscal_end_year == label_year + 1 else "end", naming_evidence=sentence)
    return calendar
