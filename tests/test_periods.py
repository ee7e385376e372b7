from datetime import date

import pytest

from model.interpretation.calendar_inference import infer_calendar
from model.interpretation.headers import ColumnKind, parse_header
from model.interpretation.periods import FiscalCalendar, Period, WeekRule
from tests.support import REFERENCE, needs_filings

IIJ = FiscalCalendar(year_end_month=3, label_year="start")
APPLE = FiscalCalendar(year_end_month=9, week_rule=WeekRule.LAST, weekday=5)


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("1H16", "2016-04-01", "2016-09-30"),
        ("1H17", "2017-04-01", "2017-09-30"),
        ("2Q16", "2016-07-01", "2016-09-30"),
        ("2Q17", "2017-07-01", "2017-09-30"),
        ("Six Months Ended September 30, 2016", "2016-04-01", "2016-09-30"),
        ("Three Months Ended September 30, 2017", "2017-07-01", "2017-09-30"),
        ("Fiscal Year Ending March 31, 2018 (forecast)", "2017-04-01", "2018-03-31"),
        ("FY2017", "2017-04-01", "2018-03-31"),
    ],
)
def test_reference_document_headers(header, start, end):
    parsed = parse_header(header, IIJ)
    assert parsed.kind is ColumnKind.DURATION
    assert parsed.period == Period(start=d(start), end=d(end))


@pytest.mark.parametrize(
    ("header", "end"),
    [("As of March 31, 2017", "2017-03-31"), ("as of September 30, 2016", "2016-09-30"), ("Prior Fiscal Year (As of March 31, 2021)", "2021-03-31")],
)
def test_instants(header, end):
    parsed = parse_header(header, IIJ)
    assert parsed.kind is ColumnKind.INSTANT
    assert parsed.period == Period(end=d(end))


def test_forecast_and_change_columns_are_marked():
    assert parse_header("Fiscal Year Ending March 31, 2018 (forecast)", IIJ).forecast
    for header in ("YoY Change", "YoY % Change", "%", "Inc/(Dec)"):
        assert parse_header(header, IIJ).kind is ColumnKind.CHANGE
    assert parse_header("YoY % Change", IIJ).percent


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("Three Months Ended June 29, 2024", "2024-03-31", "2024-06-29"),
        ("Nine Months Ended June 29, 2024", "2023-10-01", "2024-06-29"),
        ("Three Months Ended July 1, 2023", "2023-04-02", "2023-07-01"),
        # fiscal 2023 had 53 weeks, the extra one in its first quarter
        ("Nine Months Ended July 1, 2023", "2022-09-25", "2023-07-01"),
    ],
)
def test_52_53_week_calendar(header, start, end):
    assert parse_header(header, APPLE).period == Period(start=d(start), end=d(end))


@pytest.mark.parametrize(
    ("header", "banner", "start", "end"),
    [
        ("13 Weeks Ended April 29, 2023", "", "2023-01-29", "2023-04-29"),
        ("12 Weeks Ended 3/25/2023", "", "2023-01-01", "2023-03-25"),
        ("Q1 2023", "", "2023-01-01", "2023-03-31"),
        ("Q3 FY24", "", "2024-07-01", "2024-09-30"),
        ("Fiscal year ended March 31, 2026", "", "2025-04-01", "2026-03-31"),
        ("2023", "Years ended December 31", "2023-01-01", "2023-12-31"),
        ("Current Fiscal Year (From April 1, 2021 To March 31, 2022)", "", "2021-04-01", "2022-03-31"),
    ],
)
def test_common_forms_of_other_filings(header, banner, start, end):
    parsed = parse_header(header, FiscalCalendar(), banner=banner)
    assert parsed.kind is ColumnKind.DURATION
    assert parsed.period == Period(start=d(start), end=d(end))


def test_chronological_order_puts_the_shorter_period_first_for_one_end():
    periods = [Period(d("2017-09-30"), d("2017-04-01")), Period(d("2016-09-30"), d("2016-07-01")), Period(d("2017-09-30"), d("2017-07-01")), Period(d("2016-09-30"), d("2016-04-01"))]
    ordered = sorted(periods, key=Period.sort_key)
    assert [(p.start.isoformat(), p.end.isoformat()) for p in ordered] == [
        ("2016-07-01", "2016-09-30"),
        ("2016-04-01", "2016-09-30"),
        ("2017-07-01", "2017-09-30"),
        ("2017-04-01", "2017-09-30"),
    ]


@needs_filings
def test_the_reference_documents_calendar_is_read_off_its_own_words():
    calendar = infer_calendar(REFERENCE.read_text(encoding="utf-8").splitlines())
    assert calendar.year_end_month == 3
    assert calendar.label_year == "start"  # FY2017 runs April 2017 to March 2018


def test_a_52_53_week_sentence_gives_the_week_rule():
    calendar = infer_calendar(["The Company’s fiscal year is the 52- or 53-week period that ends on the last Saturday of September."])
    assert (calendar.year_end_month, calendar.week_rule, calendar.weekday) == (9, WeekRule.LAST, 5)
    assert calendar.year_end(2022) == d("2022-09-24")
    assert calendar.year_end(2023) == d("2023-09-30")


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("Second Quarter 2024", date(2024, 4, 1), date(2024, 6, 30)),  # as "2024" under a "Second Quarter" banner
        ("Fourth Quarter Fiscal 2023", date(2023, 10, 1), date(2023, 12, 31)),
        ("First Half 2024", date(2024, 1, 1), date(2024, 6, 30)),
        ("Nine Months 2023", date(2023, 1, 1), date(2023, 9, 30)),
        ("Remaining three months of fiscal 2023", date(2023, 10, 1), date(2023, 12, 31)),  # the last months of the year
    ],
)
def test_the_part_of_a_fiscal_year_spelled_out_beside_its_year(header, start, end):
    parsed = parse_header(header, FiscalCalendar(), "", False)
    assert (parsed.kind, parsed.period) == (ColumnKind.DURATION, Period(start=start, end=end))


@pytest.mark.parametrize(
    "header",
    ["Three Months 2024", "Remainder of fiscal 2023", "2023 (excluding the six months ended June 30, 2023)", "Remainder of the year"],
)
def test_a_part_of_a_year_the_header_does_not_place_is_unresolved(header):
    """Which three months, and the rest after which date, the header does not say: never the whole
    year, nor the six months it excludes."""
    parsed = parse_header(header, FiscalCalendar(), "", False)
    assert parsed.kind is ColumnKind.OTHER and parsed.period is None and parsed.unresolved


def test_region_headers_are_no_remainder_of_a_period():
    assert not parse_header("Rest of world", FiscalCalendar(), "", False).unresolved
