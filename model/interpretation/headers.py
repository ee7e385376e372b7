"""Column headers to periods: ``1H17``, ``Six Months Ended September 30, 2016``, ``As of March 31,
2017``, ``13 Weeks Ended April 29, 2023``, a bare year under a banner.

``parse_header`` reads what a header (with the banner over its table) says, and what it relied
on: the banner, the fiscal calendar, a convention. A header the document does not date is
OTHER with the reason, never a guess.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

from model.interpretation.dates import BARE_YEAR, DAY_MONTH, MONTH_DAY, find_dates
from model.interpretation.japanese_dates import has_japanese
from model.interpretation.periods import DEFAULT_CALENDAR, MONTH_RE, FiscalCalendar, Period, add_months, is_month_end, month_end, month_number, safe_date

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "sixteen": 16, "seventeen": 17, "twenty-four": 24, "twenty four": 24, "twenty-six": 26,
    "twenty six": 26, "thirty-six": 36, "thirty six": 36, "thirty-nine": 39, "thirty nine": 39,
    "fifty-two": 52, "fifty two": 52, "fifty-three": 53, "fifty three": 53, "forty": 40,
    "forty-eight": 48,
}


_COUNT_RE = r"(\d{1,2}|" + "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True)) + r")"


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


def two_digit_year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def duration_ending(end: date, months: int | None, weeks: int | None, calendar: FiscalCalendar) -> Period:
    """A duration ending on ``end`` of the given length, on the company's calendar."""
    if weeks:
        return Period(start=end - timedelta(days=7 * weeks - 1), end=end)
    assert months is not None
    if is_month_end(end) and calendar.week_rule is None:
        return Period(start=add_months(date(end.year, end.month, 1), -(months - 1)), end=end)
    approx_weeks = round(months * 52 / 12)
    fiscal_start, _ = calendar.fiscal_year_containing(end)
    if calendar.week_rule is not None and abs((end - fiscal_start).days + 1 - 7 * approx_weeks) <= 7:
        return Period(start=fiscal_start, end=end)
    if not is_month_end(end):
        return Period(start=end - timedelta(days=7 * approx_weeks - 1), end=end)
    return Period(start=add_months(date(end.year, end.month, 1), -(months - 1)), end=end)


def _fiscal_label(text: str, calendar: FiscalCalendar) -> tuple[Period, str] | None:
    """``1H17``, ``2Q16``, ``Q1 2023``, ``Q3 FY24``, ``9M FY2024``, ``FY2017``."""
    for pattern, kind in ((_FISCAL_QUARTER_RE, "Q"), (_YEAR_THEN_QUARTER_RE, "Q"), (_FISCAL_HALF_RE, "H"), (_FISCAL_NINE_RE, "M"), (_FISCAL_YEAR_RE, "FY")):
        match = pattern.search(text)
        if not match:
            continue
        year = two_digit_year(match["year"])
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

    if _REMAINDER_RE.search(text) and re.search(r"\b(?:19|20)\d{2}\b|\byear\b", text, re.IGNORECASE):
        return _remainder(text, calendar, forecast)
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
    spelled = _SPELLED_PART_RE.match(text) if end is None else None
    if spelled and (_ORDINAL_QUARTER_RE.search(spelled["part"]) or _ORDINAL_HALF_RE.search(spelled["part"]) or length_from(spelled["part"])):
        # "Second Quarter 2024", "Six Months 2024": the part of the fiscal year in the header's own words
        header = _bare_year(int(spelled["year"]), calendar, f"{spelled['part']} {banner}", default_instant, forecast)
        return replace(header, uses_banner=False) if header.kind is not ColumnKind.OTHER else header
    if end is None:
        fiscal = _fiscal_label(text, calendar)
        if fiscal is not None:
            period, label = fiscal
            if not calendar.naming_settled:
                return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, fiscal_label=label, unresolved=_unnamed(label, calendar))
            return HeaderPeriod(ColumnKind.DURATION, period, forecast, fiscal_label=label, uses_calendar=True)
        return HeaderPeriod(ColumnKind.OTHER, forecast=forecast)

    own_length = length_from(text)
    length = own_length or length_from(banner)
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
    rf"\b(?:from\s+)?(?P<m1>{MONTH_RE})\s*(?P<d1>\d{{1,2}})(?:,?\s*(?P<y1>(?:19|20)\d{{2}}))?\s*(?:to|through|thru|[-–])\s*"
    rf"(?P<m2>{MONTH_RE})\s*(?P<d2>\d{{1,2}})(?:,?\s*(?P<y2>(?:19|20)\d{{2}}))?\b",
    re.IGNORECASE,
)


def _month_day_range(text: str) -> Period | None:
    """"July 22 to September 30" under a year ("Successor ... 2023"): a stub period printed as a
    range, which wins over the length a banner gives the column."""
    match = _MONTH_DAY_RANGE_RE.search(text)
    if not match:
        return None
    years = [int(y) for y in (match["y2"], match["y1"]) if y] or [d.year for _, d in find_dates(text)] or [int(y) for y in BARE_YEAR.findall(text)]
    if not years:
        return None
    m1, m2 = month_number(match["m1"]), month_number(match["m2"])
    if not m1 or not m2:
        return None
    end = safe_date(years[0], m2, int(match["d2"]))
    start = safe_date(int(match["y1"]) if match["y1"] else years[0], m1, int(match["d1"]))
    if start is None or end is None:
        return None
    if start > end and not match["y1"]:
        start = safe_date(start.year - 1, start.month, start.day)
    return Period(start=start, end=end) if start is not None and start < end else None


_MONTH_RANGE_RE = re.compile(
    rf"\b(?P<m1>{MONTH_RE})\s*(?:to|through|[-–~])\s*(?P<m2>{MONTH_RE})\s*,?\s*(?P<year>(?:19|20)\d{{2}})\b(?!\s*[-/.]\d)",
    re.IGNORECASE,
)


def _month_range(text: str) -> Period | None:
    """"Jan.–Dec. 2021", "April - June 2023": whole months, the year printed once after them."""
    match = _MONTH_RANGE_RE.search(text)
    if not match:
        return None
    first, last = month_number(match["m1"]), month_number(match["m2"])
    if not first or not last:
        return None
    year = int(match["year"])
    start = date(year if first <= last else year - 1, first, 1)
    return Period(start=start, end=month_end(year, last))


_ORDINAL_QUARTER_RE = re.compile(
    r"\b(?P<word>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b|(?<![A-Za-z0-9])(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)(?![A-Za-z0-9])", re.IGNORECASE
)


_ORDINAL_HALF_RE = re.compile(r"\b(?P<word>first|second|1st|2nd)\s+half\b|(?<![A-Za-z0-9])(?:H(?P<h>[12])|(?P<h2>[12])H)(?![A-Za-z0-9])", re.IGNORECASE)


_REMAINDER_RE = re.compile(r"\b(?:remainder|remaining|rest)\s+(?:of\b|\w+\s+months\s+of\b)|\bexcluding\b|\(remainder\)", re.IGNORECASE)
_SPELLED_PART_RE = re.compile(r"^(?P<part>[A-Za-z][A-Za-z -]*?)\s+(?:fiscal\s+)?(?P<year>(?:19|20)\d{2})$", re.IGNORECASE)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _bare_year(year: int, calendar: FiscalCalendar, banner: str, default_instant: bool | None, forecast: bool) -> HeaderPeriod:
    """A header that is only a year ("2023", "Fiscal 2023"): the banner over it says which part
    of that fiscal year; with no banner, it is the fiscal year itself (or its end, over a
    balance sheet). A banner that gives a length but not which quarter leaves it unresolved, and
    so does a fiscal year that ends outside December when the document never says which
    calendar year its fiscal years are named for."""
    if not calendar.naming_settled:
        return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, fiscal_label=str(year), unresolved=_unnamed(str(year), calendar))
    length = length_from(banner)
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


def _remainder(text: str, calendar: FiscalCalendar, forecast: bool) -> HeaderPeriod:
    """What is left of a period: "Remaining three months of fiscal 2023" is the last three months
    of that fiscal year; "Remainder of 2023" or "2023 (excluding the six months ended June 30)"
    start after a date the header leaves to the text around it, so they stay unresolved."""
    spelled = _SPELLED_PART_RE.match(text)
    length = length_from(spelled["part"]) if spelled else None
    if spelled and length is not None and not length[1] and 0 < length[0] < 12 and calendar.naming_settled:
        period = calendar.fiscal_period(int(spelled["year"]), 13 - length[0], length[0])
        return HeaderPeriod(ColumnKind.DURATION, period, forecast, fiscal_label=text, uses_calendar=True)
    return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, unresolved=f"'{_short(text)}' is what remains of a period, and the header does not say from when")


def _unnamed(label: str, calendar: FiscalCalendar) -> str:
    month = _calendar.month_name[calendar.year_end_month]
    return f"'{label}' names a fiscal year ending in {month}, and the document does not say whether its fiscal years are named for the year they start or end in"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _date_from_parts(text: str, banner: str) -> date | None:
    """A date split between a banner and the header: 'December 31,' above '2023', or the reverse."""
    year_match = BARE_YEAR.search(text)
    month_day = MONTH_DAY.search(text) or MONTH_DAY.search(banner) or DAY_MONTH.search(text) or DAY_MONTH.search(banner)
    if year_match and month_day:
        month = month_number(month_day["month"])
        if month:
            return safe_date(int(year_match.group(1)), month, int(month_day["day"]))
    banner_dates = find_dates(banner)
    if year_match and not month_day and banner_dates and _LONE_YEAR_RE.match(text):
        # "as at 30 June 2022" printed once over columns "2022 | 2021": each year's 30 June
        day = banner_dates[-1][1]
        return safe_date(int(year_match.group(1)), day.month, day.day)
    if year_match and not month_day:
        month_only = re.search(rf"\b({MONTH_RE})\b", text + " " + banner, re.IGNORECASE)
        if month_only and (_ENDED_RE.search(text + " " + banner) or _INSTANT_RE.search(text + " " + banner)):
            month = month_number(month_only.group(1))
            if month:
                return month_end(int(year_match.group(1)), month)
    return None


def length_from(text: str) -> tuple[int, int | None] | None:
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
