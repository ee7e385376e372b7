"""The SEC HTML reader: Workiva inline-XBRL 10-Q/10-K and an EDGAR 8-K exhibit, read into raw tables.

Checks that values land in the right columns once the '$', ')' and spacer columns are gone,
that banners spanning several columns sit over the value columns they span, and that titles,
captions, prose lines and cell provenance come out as downstream code expects.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from model.raw import RawDocument, RawTable
from model.readers import read_document
from tests.support import filing, needs_filings


@pytest.fixture(scope="module")
def apple_10q() -> RawDocument:
    return read_document(filing("apple_10q_fy2024q3.html"))


@pytest.fixture(scope="module")
def apple_10k() -> RawDocument:
    return read_document(filing("apple_10k_fy2024.html"))


@pytest.fixture(scope="module")
def apple_10q_2025() -> RawDocument:
    return read_document(filing("apple_10q_fy2025q3.html"))


@pytest.fixture(scope="module")
def buckle() -> RawDocument:
    return read_document(filing("buckle_fy2024q3_8k_ex99-1.html"))


def table_titled(document: RawDocument, title: str) -> RawTable:
    found = [table for table in document.tables if table.title.upper().startswith(title.upper())]
    assert found, [table.title for table in document.tables]
    return found[0]


def row_values(table: RawTable, label: str) -> list[str]:
    for row in table.texts():
        if row[0] == label:
            return row[1:]
    raise AssertionError(f"no row {label!r} in {table.title!r}")


def value_columns(table: RawTable, label: str) -> set[int]:
    """Columns (in the table's own numbering) that hold a value in the given row."""
    for row in table.texts():
        if row[0] == label:
            return {column for column, text in enumerate(row) if column and text}
    raise AssertionError(f"no row {label!r} in {table.title!r}")


def write_html(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "filing.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return path


# --- small documents: one behaviour each ---------------------------------------------------


def test_banner_with_colspan_sits_over_the_value_columns_it_spans(tmp_path: Path) -> None:
    path = write_html(
        tmp_path,
        "<p><b>STATEMENTS OF OPERATIONS</b></p><p>(In millions)</p><table>"
        "<tr><td></td><td colspan='7'>Three Months Ended</td></tr>"
        "<tr><td></td><td colspan='3'>2024</td><td></td><td colspan='3'>2023</td></tr>"
        "<tr><td>Net sales</td><td>$</td><td>100</td><td></td><td></td><td>$</td><td>90</td><td></td></tr>"
        "<tr><td>Other</td><td colspan='2'>(5</td><td>)</td><td></td><td colspan='2'>7</td><td></td></tr>"
        "</table>",
    )
    table = read_document(path).tables[0]
    assert table.texts() == [
        ["", "Three Months Ended", "Three Months Ended"],
        ["", "2024", "2023"],
        ["Net sales", "100", "90"],
        ["Other", "(5)", "7"],
    ]
    assert table.title == "STATEMENTS OF OPERATIONS"
    assert table.context == ("(In millions)",)


def test_hidden_content_is_skipped_and_footnote_marks_do_not_join_numbers(tmp_path: Path) -> None:
    path = write_html(
        tmp_path,
        "<div style='display:none'><p>hidden fact 2024</p></div>"
        "<p>The fiscal year ends on the last Saturday of September.</p><table>"
        "<tr><td></td><td>2024</td><td>2023</td></tr>"
        "<tr><td>Revenue<span style='position:relative;top:-3pt'>(1)</span></td><td>12</td><td>11</td></tr>"
        "<tr><td>Cost</td><td>5</td><td>4</td></tr></table>",
    )
    document = read_document(path)
    assert document.text_lines == ["The fiscal year ends on the last Saturday of September."]
    assert document.tables[0].texts()[1] == ["Revenue (1)", "12", "11"]


def test_unclosed_tags_nested_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    table = "<table><tr><td>Net sales</td><td>1,234</td></tr><tr><td>Cost</td><td>(5)</td></tr></table>"
    path = write_html(tmp_path, "<p>Income</p>" + "<font>" * 1500 + "Deep text" + table)
    document = read_document(path)
    assert document.text_lines == ["Income", "Deep text"]
    assert document.tables[0].texts() == [["Net sales", "1,234"], ["Cost", "(5)"]]
    assert document.warnings == []


def test_layout_tables_without_figures_are_dropped(tmp_path: Path) -> None:
    path = write_html(tmp_path, "<table><tr><td>Contact:</td><td>Investor Relations</td></tr></table>")
    assert read_document(path).tables == []


# --- Apple 10-Q, quarter ended June 29, 2024 -----------------------------------------------


@needs_filings
def test_apple_10q_income_statement_values_in_order(apple_10q: RawDocument) -> None:
    income = table_titled(apple_10q, "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS")
    assert row_values(income, "Total net sales") == ["85,777", "81,797", "296,105", "293,787"]
    assert row_values(income, "Net income") == ["21,448", "19,881", "79,000", "74,039"]
    assert row_values(income, "Other income/(expense), net") == ["142", "(265)", "250", "(594)"]
    assert row_values(income, "Net sales:") == ["", "", "", ""]


@needs_filings
def test_apple_10q_header_cells_sit_over_the_value_columns(apple_10q: RawDocument) -> None:
    income = table_titled(apple_10q, "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS")
    banner, dates = income.texts()[:2]
    assert banner == ["", "Three Months Ended", "Three Months Ended", "Nine Months Ended", "Nine Months Ended"]
    assert dates == ["", "June 29, 2024", "July 1, 2023", "June 29, 2024", "July 1, 2023"]
    values = value_columns(income, "Total net sales")
    for header in (banner, dates):
        assert {column for column, text in enumerate(header) if text} == values


@needs_filings
def test_apple_10q_title_and_caption(apple_10q: RawDocument) -> None:
    income = table_titled(apple_10q, "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS")
    assert income.title == "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS (Unaudited)"
    assert income.context[-1].startswith("(In millions, except number of shares")
    assert all("Form 10-Q |" not in table.title for table in apple_10q.tables)


@needs_filings
def test_apple_10q_balance_sheet(apple_10q: RawDocument) -> None:
    balance = table_titled(apple_10q, "CONDENSED CONSOLIDATED BALANCE SHEETS")
    assert balance.texts()[0] == ["", "June 29, 2024", "September 30, 2023"]
    assert row_values(balance, "Total assets") == ["331,612", "352,583"]
    assert row_values(balance, "Accumulated deficit") == ["(4,726)", "(214)"]
    # a section label running across the whole table is a label, not a banner over the values
    assert row_values(balance, "ASSETS:") == ["", ""]


@needs_filings
def test_apple_10q_cells_know_where_they_were_printed(apple_10q: RawDocument) -> None:
    income = table_titled(apple_10q, "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS")
    source_lines = filing("apple_10q_fy2024q3.html").read_text(encoding="utf-8").splitlines()
    row_index = next(index for index, row in enumerate(income.rows) if row[0].text == "Total net sales")
    for column, cell in enumerate(income.rows[row_index]):
        assert (cell.source.table, cell.source.row, cell.source.column) == (income.source.table, row_index, column)
    line = income.rows[row_index][0].source.line
    assert line is not None and "<tr" in source_lines[line - 1]
    assert "Total net sales" in " ".join(source_lines[line - 1 : line + 5])
    assert all(len(row) == income.width for row in income.rows)


@needs_filings
def test_apple_10q_prose_lines_without_hidden_xbrl_header(apple_10q: RawDocument) -> None:
    text = "\n".join(apple_10q.text_lines)
    assert "52- or 53-week period that ends on the last Saturday of September" in text
    assert "dei:" not in text and "P1Y" not in text
    assert not any(re.fullmatch(r"Apple Inc\. \| Q3 2024 Form 10-Q \| \d+", line) for line in apple_10q.text_lines)


# --- Apple 10-K, fiscal 2024 ---------------------------------------------------------------


@needs_filings
def test_apple_10k_income_statement(apple_10k: RawDocument) -> None:
    income = table_titled(apple_10k, "CONSOLIDATED STATEMENTS OF OPERATIONS")
    assert income.texts()[:2] == [
        ["", "Years ended", "Years ended", "Years ended"],
        ["", "September 28, 2024", "September 30, 2023", "September 24, 2022"],
    ]
    assert row_values(income, "Total net sales") == ["391,035", "383,285", "394,328"]
    assert row_values(income, "Net income") == ["93,736", "96,995", "99,803"]
    balance = table_titled(apple_10k, "CONSOLIDATED BALANCE SHEETS")
    assert row_values(balance, "Total assets") == ["364,980", "352,583"]


@needs_filings
def test_apple_10k_year_banner_spans_amount_and_rate_columns(apple_10k: RawDocument) -> None:
    term_debt = table_titled(apple_10k, "Term Debt")
    banner, headers = term_debt.texts()[:2]
    assert banner[2:] == ["2024", "2024", "2023", "2023"]
    assert headers[2:] == ["Amount (in millions)", "Effective Interest Rate"] * 2


@needs_filings
def test_apple_10k_reads_well_under_a_second() -> None:
    started = time.perf_counter()
    read_document(filing("apple_10k_fy2024.html"))
    assert time.perf_counter() - started < 1.0


# --- Apple 10-Q, quarter ended June 28, 2025 (one long line of HTML) -----------------------


@needs_filings
def test_apple_10q_2025_prior_year_columns_match_the_2024_filing(apple_10q_2025: RawDocument, apple_10q: RawDocument) -> None:
    income_2025 = table_titled(apple_10q_2025, "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS")
    income_2024 = table_titled(apple_10q, "CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS")
    assert income_2025.texts()[1] == ["", "June 28, 2025", "June 29, 2024", "June 28, 2025", "June 29, 2024"]
    assert row_values(income_2025, "Total net sales") == ["94,036", "85,777", "313,695", "296,105"]
    assert row_values(income_2025, "Net income") == ["23,434", "21,448", "84,544", "79,000"]
    for label in ("Total net sales", "Net income", "Operating income"):
        current_2024 = row_values(income_2024, label)[0::2]
        prior_in_2025 = row_values(income_2025, label)[1::2]
        assert prior_in_2025 == current_2024


# --- Buckle 8-K exhibit 99.1 ---------------------------------------------------------------


@needs_filings
def test_buckle_balance_sheet_has_three_dated_columns_with_footnote(buckle: RawDocument) -> None:
    balance = table_titled(buckle, "CONSOLIDATED BALANCE SHEETS")
    assert balance.width == 4
    assert balance.texts()[0] == ["ASSETS", "November 2, 2024", "February 3, 2024 (1)", "October 28, 2023"]
    assert row_values(balance, "Total assets") == ["976,270", "889,810", "921,207"]
    assert row_values(balance, "Less accumulated depreciation and amortization") == ["(365,241)", "(360,200)", "(359,367)"]
    assert "(Amounts in Thousands Except Share and Per Share Amounts)" in balance.context


@needs_filings
def test_buckle_income_statement_weeks_banner_and_unlabelled_subtotal(buckle: RawDocument) -> None:
    income = table_titled(buckle, "CONSOLIDATED STATEMENTS OF INCOME")
    assert income.texts()[0] == ["", "Thirteen Weeks Ended", "Thirteen Weeks Ended", "Thirty-Nine Weeks Ended", "Thirty-Nine Weeks Ended"]
    assert row_values(income, "NET INCOME") == ["44,172", "51,762", "118,270", "140,338"]
    assert ["", "85,588", "83,150", "248,163", "244,328"] in income.texts()
    assert buckle.text_lines[0] == "Exhibit 99.1"  # the EDGAR envelope (<TYPE>, <FILENAME>) is not prose
