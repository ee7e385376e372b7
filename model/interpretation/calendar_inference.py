"""The fiscal calendar a document describes, read off its own words and its column dates:
"52- or 53-week period that ends on the last Saturday of September", "fiscal year ended March
31", '"1H17" from April 1, 2017 to September 30, 2017', '... ended February 3, 2024 ("fiscal 2023")'.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from model.interpretation.dates import find_dates
from model.interpretation.headers import two_digit_year
from model.interpretation.periods import DEFAULT_CALENDAR, MONTH_RE, WEEKDAYS, FiscalCalendar, WeekRule, is_month_end, month_end, month_number

_YEAR_END_RE = re.compile(
    rf"fiscal\s+(?:year|period)s?\s+(?:ended|ending|end(?:s|ing)?\s+on)\s+(?P<month>{MONTH_RE})\s*(?P<day>\d{{1,2}})?",
    re.IGNORECASE,
)


_WEEK_CALENDAR_RE = re.compile(r"(?:52|53)[- ]*(?:or|/|to)\s*(?:52|53)[- ]?weeks?\b[^.]{0,160}", re.IGNORECASE)


_WEEKDAY_RE = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)


_MONTH_NAME_RE = re.compile(rf"\b({MONTH_RE})\b", re.IGNORECASE)


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
        weekday = WEEKDAYS[weekday_match.group(1).lower()] if weekday_match else None
        if weekday is None:
            odd = [d for d in header_dates if not is_month_end(d)]
            weekday = Counter(d.weekday() for d in odd).most_common(1)[0][0] if odd else None
        month = month_number(month_match.group(1)) if month_match else None
        if weekday is not None and month is not None:
            calendar = replace(calendar, year_end_month=month, week_rule=rule, weekday=weekday)
            evidence.append(" ".join(sentence.split())[:120])

    if calendar.week_rule is None:
        year_end_months = Counter()
        for match in _YEAR_END_RE.finditer(text):
            month = month_number(match["month"])
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
        label_year = two_digit_year(digits.group(0))
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
    rf"(?P<date>{MONTH_RE}\s*\d{{1,2}},?\s*(?:19|20)\d{{2}})[^.;]{{0,40}}?\(\s*[\"“](?P<label>(?:fiscal(?:\s+year)?|FY)\s?'?(?P<year>\d{{2}}|\d{{4}}))[\"”]\s*\)",
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
        label_year = two_digit_year(match["year"])
        if fiscal_end_year not in (label_year, label_year + 1):
            continue
        sentence = f'{match["label"]} ends {end.isoformat()}'
        evidence.append(sentence)
        return replace(calendar, label_year="start" if fiscal_end_year == label_year + 1 else "end", naming_evidence=sentence)
    return calendar
