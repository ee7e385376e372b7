"""Plain-text dumps of PDFs whose table columns are single spaces: Japanese tanshin (Mitsubishi Gas
Chemical, Lasertec) and a press-release transcription (Kroger), read into raw tables."""

from __future__ import annotations

import pytest

from model.raw import RawDocument, RawTable
from model.readers import read_document
from model.readers.layout_lines import split_values
from model.readers.layout_text import find_tables
from tests.support import filing, needs_filings


@pytest.fixture(scope="module")
def mitsubishi() -> RawDocument:
    return read_document(filing("mitsubishigaschem_fy2026_tanshin.txt"))


@pytest.fixture(scope="module")
def lasertec() -> RawDocument:
    return read_document(filing("lasertec_fy2026q3_tanshin.txt"))


def table_with_row(document: RawDocument, title: str, label: str) -> RawTable:
    for table in document.tables:
        if table.title == title and any(row[0] == label for row in table.texts()):
            return table
    raise AssertionError(f"no table {title!r} with row {label!r}: {[t.title for t in document.tables]}")


def row_values(table: RawTable, label: str) -> list[str]:
    for row in table.texts():
        if row[0] == label:
            return row[1:]
    raise AssertionError(f"no row {label!r} in {table.title!r}")


# --- single lines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label", "values"),
    [
        ("Impairment losses 723 78,448 ", "Impairment losses", ("723", "78,448")),
        ("Profit (loss) before income taxes 56,347 △16,065 ", "Profit (loss) before income taxes", ("56,347", "△16,065")),
        ("Allowance for doubtful accounts △ 1,062", "Allowance for doubtful accounts", ("△1,062",)),
        ("Current portion of bonds payable 10,000 － ", "Current portion of bonds payable", ("10,000", "－")),
        ("March 31, 2026 738,243 (4.6) 45,293 (10.9)", "March 31, 2026", ("738,243", "(4.6)", "45,293", "(10.9)")),
        ("Borrowings (Note 5) 1,200 900", "Borrowings (Note 5)", ("1,200", "900")),
        ("Loans in Note 12 300", "Loans in Note 12", ("300",)),
        ("Fiscal year ended March 31, 2025", "Fiscal year ended March 31, 2025", ()),
        ("Operating (Loss) Profit** ($479) $954", "Operating (Loss) Profit**", ("($479)", "$954")),
    ],
)
def test_split_values_takes_the_trailing_numbers(line: str, label: str, values: tuple[str, ...]) -> None:
    split = split_values(line)
    assert (split.label, split.values) == (label, values)


def test_split_values_keeps_empty_cells_written_as_extra_spaces() -> None:
    split = split_values("Dividends of surplus   △17,021  △17,021 ")
    assert split.label == "Dividends of surplus"
    assert split.slots == ("", "", "△17,021", "", "△17,021")


# --- a small dump: wrapped headers, section rows, wrapped labels ---------------------------

SMALL_DUMP = """\
# source label
- 1 -
2. Consolidated Statements of Income
  (Millions of yen)
 Fiscal year ended
March 31, 2025
Fiscal year ended
March 31, 2026
Net sales 773,591 738,243
Non-operating income   
Interest income 1,841 1,458
Share of other comprehensive income of entities accounted
for using equity method 1,562 2,274
Profit (loss) 50,937 △34,142

The Group's results are described below in more detail for readers.
""".splitlines()


def test_small_dump_becomes_one_table_with_joined_headers_and_labels() -> None:
    [table] = find_tables(SMALL_DUMP, "small.txt")
    assert table.title == "2. Consolidated Statements of Income"
    assert table.context == ("(Millions of yen)",)
    assert table.texts() == [
        ["", "Fiscal year ended March 31, 2025", "Fiscal year ended March 31, 2026"],
        ["Net sales", "773,591", "738,243"],
        ["Non-operating income", "", ""],
        ["Interest income", "1,841", "1,458"],
        ["Share of other comprehensive income of entities accounted for using equity method", "1,562", "2,274"],
        ["Profit (loss)", "50,937", "△34,142"],
    ]


def test_small_dump_cells_point_at_their_lines() -> None:
    [table] = find_tables(SMALL_DUMP, "small.txt")
    wrapped = next(row for row in table.rows if row[0].text.startswith("Share of other"))
    assert [cell.source.line for cell in wrapped] == [12, 13, 13]
    assert [cell.source.column for cell in wrapped] == [0, 1, 2]
    assert table.rows[0][1].source.line == 5
    assert table.source.line == 5


def test_prose_with_figures_is_not_a_table() -> None:
    lines = [
        "Operating Loss of ($479) million; EPS of ($0.25)",
        "Adjusted FIFO Operating Profit of $989 million; Adjusted EPS of $0.96",
        "Grew digital sales 12%",
        "",
        "Code number: 6920",
        "Dividend payable date: -",
    ]
    assert find_tables(lines, "prose.txt") == []


# --- Mitsubishi Gas Chemical, FY ended March 31, 2026 --------------------------------------


@needs_filings
def test_mitsubishi_income_statement_rows_and_headers(mitsubishi: RawDocument) -> None:
    income = table_with_row(mitsubishi, "2. Consolidated Statements of Income", "Profit (loss) before income taxes")
    assert row_values(income, "Profit (loss) before income taxes") == ["56,347", "△16,065"]
    assert row_values(income, "Impairment losses") == ["723", "78,448"]
    assert row_values(income, "Extraordinary losses") == ["", ""]
    assert income.texts()[0] == ["", "Fiscal year ended March 31, 2025", "Fiscal year ended March 31, 2026"]
    assert income.context == ("(Millions of yen)",)


@needs_filings
def test_mitsubishi_wrapped_label_is_one_row(mitsubishi: RawDocument) -> None:
    label = "Share of other comprehensive income of entities accounted for using equity method"
    comprehensive = table_with_row(mitsubishi, "(Consolidated Statements of Comprehensive Income)", label)
    assert row_values(comprehensive, label) == ["1,562", "2,274"]
    labels = [row[0] for row in comprehensive.texts()]
    assert "for using equity method" not in labels
    assert "Share of other comprehensive income of entities accounted" not in labels
    assert row_values(comprehensive, "Comprehensive income attributable to non-controlling interests") == ["5,373", "7,679"]


@needs_filings
def test_mitsubishi_balance_sheet_on_two_pages_keeps_its_title(mitsubishi: RawDocument) -> None:
    assets = table_with_row(mitsubishi, "1. Consolidated Balance Sheets", "Total assets")
    liabilities = table_with_row(mitsubishi, "1. Consolidated Balance Sheets", "Total liabilities and net assets")
    assert assets is not liabilities
    for table in (assets, liabilities):
        assert table.texts()[0] == ["", "As of March 31, 2025", "As of March 31, 2026"]
    assert row_values(assets, "Total assets") == ["1,119,688", "1,113,040"]
    assert row_values(assets, "Allowance for doubtful accounts") == ["△757", "△1,062"]
    assert row_values(liabilities, "Current portion of bonds payable") == ["10,000", "－"]


@needs_filings
def test_mitsubishi_summary_has_unit_row_aligned_with_amount_and_percent_columns(mitsubishi: RawDocument) -> None:
    summary = mitsubishi.tables[0]
    assert summary.title.startswith("(1) Summary of consolidated income statement")
    banner, units, latest = summary.texts()[:3]
    assert units == ["Fiscal year ended", *["Millions of yen", "%"] * 4]
    assert banner[1:3] == ["Net sales", "Net sales"]
    assert banner[7:9] == ["Profit attributable to owners of parent"] * 2
    assert latest == ["March 31, 2026", "738,243", "(4.6)", "45,293", "(10.9)", "51,947", "(13.9)", "(40,318)", "–"]


@needs_filings
def test_mitsubishi_sparse_rows_keep_their_columns(mitsubishi: RawDocument) -> None:
    changes = table_with_row(mitsubishi, "3. Consolidated Statement of Changes in Net Assets", "Dividends of surplus")
    assert changes.texts()[1] == ["", "Share capital", "Capital surplus", "Retained earnings", "Treasury shares", "Total shareholders' equity"]
    assert row_values(changes, "Dividends of surplus") == ["", "", "△17,021", "", "△17,021"]
    label = "Change in ownership interest of parent due to transactions with non-controlling interests"
    assert row_values(changes, label) == ["", "2", "", "", "2"]


@needs_filings
def test_mitsubishi_annotation_above_the_document_is_never_a_title(mitsubishi: RawDocument) -> None:
    lines = filing("mitsubishigaschem_fy2026_tanshin.txt").read_text(encoding="utf-8").splitlines()
    annotated = find_tables(["# source label", *lines], "annotated.txt")
    assert all("source label" not in table.title for table in annotated)
    assert [table.title for table in annotated] == [table.title for table in mitsubishi.tables]
    assert lines[0].strip() not in {table.title for table in mitsubishi.tables}


@needs_filings
def test_mitsubishi_provenance_points_at_the_printed_line(mitsubishi: RawDocument) -> None:
    lines = filing("mitsubishigaschem_fy2026_tanshin.txt").read_text(encoding="utf-8").splitlines()
    income = table_with_row(mitsubishi, "2. Consolidated Statements of Income", "Impairment losses")
    row = next(row for row in income.rows if row[0].text == "Impairment losses")
    line = row[1].source.line
    assert line is not None and lines[line - 1].strip() == "Impairment losses 723 78,448"
    assert [cell.source.column for cell in row] == [0, 1, 2]


@needs_filings
def test_every_table_is_rectangular(mitsubishi: RawDocument, lasertec: RawDocument) -> None:
    for document in (mitsubishi, lasertec):
        for table in document.tables:
            assert {len(row) for row in table.rows} == {table.width}, table.title


# --- Lasertec, nine months ended March 31, 2026 (June fiscal year) -------------------------


@needs_filings
def test_lasertec_balance_sheet(lasertec: RawDocument) -> None:
    balance = table_with_row(lasertec, "(1) Consolidated balance sheet", "Total assets")
    assert balance.texts()[0] == ["", "Previous (June 30, 2025)", "Current (March 31, 2026)"]
    assert row_values(balance, "Total assets") == ["329,601", "310,812"]
    assert row_values(balance, "Notes and accounts receivable-trade, and contract assets") == ["24,790", "17,133"]
    assert row_values(balance, "Allowance for doubtful accounts") == ["(167)", "(20)"]
    liabilities = table_with_row(lasertec, "(1) Consolidated balance sheet", "Total liabilities and net assets")
    assert row_values(liabilities, "Total liabilities and net assets") == ["329,601", "310,812"]


@needs_filings
def test_lasertec_nine_month_income_statement(lasertec: RawDocument) -> None:
    income = table_with_row(lasertec, "(Consolidated statement of income)", "Net sales")
    assert income.texts()[0] == [
        "",
        "Previous (July 1, 2024 thru March 31, 2025)",
        "Current (July 1, 2025 thru March 31, 2026)",
    ]
    assert income.context == ("(First nine months of the fiscal year)", "(In millions of yen)")
    assert row_values(income, "Net sales") == ["168,835", "169,539"]
    assert row_values(income, "Income taxes-deferred") == ["(2,652)", "(108)"]
    assert row_values(income, "Foreign exchange losses") == ["4,095", "--"]


@needs_filings
def test_lasertec_page_furniture_and_notes_stay_out_of_tables(lasertec: RawDocument) -> None:
    texts = [text for table in lasertec.tables for row in table.texts() for text in row]
    titles = [table.title for table in lasertec.tables]
    assert not any("Lasertec Corporation (6920)" in text for text in texts + titles)
    assert not any("NOTE" in title or title.startswith("Source") for title in titles)
    assert not any("·····" in text for text in texts)  # the table of contents is not a table


@needs_filings
def test_lasertec_label_column_header_beside_value_headers(lasertec: RawDocument) -> None:
    production = table_with_row(lasertec, "(1) Production by category", "Subtotal")
    assert production.texts()[0] == ["Category", "Previous", "Current", "Year-on-year increase (%)"]
    assert row_values(production, "Subtotal") == ["168,825", "110,245", "(34.7)"]
    assert "(July 1, 2025 thru March 31, 2026)" in production.context


# --- Kroger press release, human-transcribed text ------------------------------------------


@needs_filings
def test_kroger_gold_text_gives_its_highlights_table_only() -> None:
    document = read_document(filing("kroger_2023q2_press_release_p1-3.gold.txt"))
    [highlights] = document.tables
    assert highlights.title == "Second Quarter Financial Results"
    assert highlights.texts()[0] == ["", "2Q23 ($ in millions; except EPS)", "2Q22 ($ in millions; except EPS)"]
    assert row_values(highlights, "Operating (Loss) Profit**") == ["($479)", "$954"]
    assert row_values(highlights, "ID Sales* (Table 4) (1)") == ["1.0%", "5.8%"]
