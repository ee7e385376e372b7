"""Japanese column headers to periods.

A Japanese statement names its columns by their place in the fiscal calendar and gives the
dates beside the name: ``前連結会計年度 (2023年３月31日)`` over a balance sheet,
``当連結会計年度 (自 2023年４月１日 至 2024年３月31日)`` over a flow statement. The dates
decide; the name only gives a length when a single date is printed (``当第２四半期連結累計期間
(2024年９月30日)`` on a flow statement is six months to that date). A name without a date
(``前連結会計年度`` alone) stays unresolved: the fiscal calendar it refers to is not printed.
"""

from __future__ import annotations

import re

from model.interpretation.headers import ColumnKind, HeaderPeriod, duration_ending
from model.interpretation.japanese_dates import (
    find_japanese_dates,
    find_year_months,
    period_length,
    says_instant,
    says_range,
)
from model.interpretation.periods import FiscalCalendar, Period, month_end

_CHANGE_RE = re.compile(r"増減|前年同期比|前期比|前年比|対前|差異|差額|変動率|伸び率|増加率|減少率")
_PERCENT_RE = re.compile(r"率|[%％]|百分比")
_PERCENT_ONLY_RE = re.compile(r"^\s*[(（]?\s*[%％]\s*[)）]?\s*$")
_SHARE_OF_RE = re.compile(r"構成比|百分比|売上比|対売上")
_FORECAST_RE = re.compile(r"予想|見通し|計画|予測|目標")


def parse_japanese_header(
    text: str,
    calendar: FiscalCalendar,
    banner: str = "",
    default_instant: bool | None = None,
) -> HeaderPeriod:
    """A Japanese header (stacked lines joined by spaces) as a period, or OTHER when it gives none.

    ``banner`` is the text over the whole table (corner cells, captions): it may hold the
    ``自``/``至`` of a span or the length (``第１四半期連結累計期間``) a lone date needs.
    """
    forecast = bool(_FORECAST_RE.search(text))
    if _SHARE_OF_RE.search(text):
        return HeaderPeriod(ColumnKind.OTHER, forecast=forecast, percent=True)
    if _PERCENT_ONLY_RE.match(text) or _CHANGE_RE.search(text):
        return HeaderPeriod(ColumnKind.CHANGE, forecast=forecast, percent=bool(_PERCENT_RE.search(text)))

    dates = [found for _, _, found in find_japanese_dates(text)]
    if len(dates) >= 2:
        if dates[0] < dates[-1] and (says_range(text) or says_range(banner) or period_length(text) is not None):
            return HeaderPeriod(ColumnKind.DURATION, Period(start=dates[0], end=dates[-1]), forecast)
        return HeaderPeriod(ColumnKind.OTHER, forecast=forecast)  # two balance dates in one column: which one?
    if dates:
        return _one_date(dates[0], text, calendar, banner, default_instant, forecast)
    month_ends = [(year, month) for year, month, after in find_year_months(text) if after in ("末", "現")]
    if len(month_ends) == 1:
        year, month = month_ends[0]
        return HeaderPeriod(ColumnKind.INSTANT, Period(end=month_end(year, month)), forecast)
    return HeaderPeriod(ColumnKind.OTHER, forecast=forecast)


def _one_date(end, text: str, calendar: FiscalCalendar, banner: str, default_instant: bool | None, forecast: bool) -> HeaderPeriod:
    if says_instant(text) or default_instant is not False:
        # a lone date beside a period's name is its balance date, unless the table is a flow statement
        return HeaderPeriod(ColumnKind.INSTANT, Period(end=end), forecast)
    length = period_length(text) or period_length(banner)
    if length is None:
        return HeaderPeriod(ColumnKind.OTHER, forecast=forecast)
    return HeaderPeriod(ColumnKind.DURATION, duration_ending(end, length.months, None, calendar), forecast)
