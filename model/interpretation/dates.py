"""Dates in text: "March 31, 2024", "31 March 2024", "2024-03-31", "3/31/2024", "31.03.24", 年月日 and era dates."""

from __future__ import annotations

import re
from datetime import date

from model.interpretation.japanese_dates import find_japanese_dates
from model.interpretation.periods import MONTH_RE, month_number, safe_date

_DATE_MDY = re.compile(
    rf"\b(?P<month>{MONTH_RE})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)


_DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_RE})\s*,?\s*(?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE)


_DATE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")


_DATE_NUMERIC = re.compile(r"(?<![\d/])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)?\d{2})(?![\d/])")


# "30.06.23", "31.12.2022": day first, as printed across continental Europe
_DATE_DOTTED = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)?\d{2})(?![\d.])")


MONTH_DAY = re.compile(rf"\b(?P<month>{MONTH_RE})\s*(?P<day>\d{{1,2}})\b(?!\s*,?\s*\d{{4}})", re.IGNORECASE)


DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_RE})\b(?!\s*,?\s*\d{{4}})", re.IGNORECASE)


BARE_YEAR = re.compile(r"(?<![\d,.$/-])((?:19|20)\d{2})(?![\d,.%/-])")


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
        month = month_number(match["month"])
        if month:
            add(match, safe_date(int(match["year"]), month, int(match["day"])))
    for match in _DATE_DMY.finditer(text):
        month = month_number(match["month"])
        if month:
            add(match, safe_date(int(match["year"]), month, int(match["day"])))
    for match in _DATE_ISO.finditer(text):
        add(match, safe_date(int(match["year"]), int(match["month"]), int(match["day"])))
    for match in _DATE_DOTTED.finditer(text):
        year = int(match["year"])
        add(match, safe_date(year + 2000 if year < 100 else year, int(match["month"]), int(match["day"])))
    for match in _DATE_NUMERIC.finditer(text):
        year = int(match["year"])
        if year < 100:
            year += 2000
        add(match, safe_date(year, int(match["month"]), int(match["day"])))
    return sorted(found.items())
