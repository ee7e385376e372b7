"""Document shapes that used to fail, each on a real document (issue 12, items 3-6 and 8).

The documents under tests/documents/ are real converter outputs of real filings, cut to the
pages that show the shape; tests/documents/README.md names each one's source and licence.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from model.analysis.compare import compute_changes
from model.filing import load_filing
from model.interpretation.headers import ColumnKind
from model.statements.statement import StatementKind
from tests.support import fidelity_document, filing

DOCUMENTS = Path(__file__).parent / "documents"


def facts(statement) -> dict[tuple[str, date | None, date], object]:
    """(line label, period start, period end) -> value for every period cell of a statement."""
    found = {}
    for (line, column), cell in statement.cells.items():
        period = statement.columns[column].period
        if period is not None and statement.columns[column].kind in (ColumnKind.DURATION, ColumnKind.INSTANT):
            found[(statement.lines[line].label, period.start, period.end)] = cell.value
    return found


def only(document, kind: StatementKind):
    matches = [s for s in document.statements if s.kind is kind]
    assert matches, f"no {kind.value} in {[s.title for s in document.statements]}"
    return matches[0]


# --- 3. markdown with HTML <table> blocks ----------------------------------------------------


def test_markdown_with_html_tables_reads_them_as_the_html_reader_does():
    """pandoc writes a table with spanned cells as an HTML block inside its markdown: the block is
    read with the HTML reader's grid, the lines above it title it, and every figure of the income
    statement equals the one read from the filing's own HTML."""
    markdown = load_filing(DOCUMENTS / "buckle_ex991_income_statement_pandoc.md")
    html = load_filing(filing("buckle_fy2024q3_8k_ex99-1.html"))
    statement = only(markdown, StatementKind.INCOME)
    assert statement.title == "CONSOLIDATED STATEMENTS OF INCOME"
    assert statement.scale == 1000  # from the caption line "(Amounts in Thousands Except Per Share Amounts)"
    read = facts(statement)
    assert len(read) >= 60
    assert read == {key: value for key, value in facts(only(html, StatementKind.INCOME)).items() if key in read}
    net_sales = statement.find_line("SALES, Net of returns and allowances")
    quarter = next(j for j, c in enumerate(statement.columns) if c.period and (c.period.start, c.period.end) == (date(2024, 8, 4), date(2024, 11, 2)))
    assert statement.cells[(net_sales, quarter)].value == 293618
    assert "Thirteen Weeks Ended" in statement.columns[quarter].label


# --- 5. text dumps with one cell per line ----------------------------------------------------


def period_values(statement, label):
    line = statement.find_line(label)
    assert line is not None, f"{label} not in {[l.label for l in statement.lines]}"
    return {(c.period.start, c.period.end) if c.period.start else c.period.end: statement.cells[(line, j)].value
            for j, c in enumerate(statement.columns) if c.period is not None and (line, j) in statement.cells}


def test_one_cell_per_line_dump_rebuilds_rows_and_stacked_headers():
    """Every cell on a line of its own, split negatives ("(278,610" / ")"), three tables one after
    another: each gets its rows back, and its headers from the lines above its first row."""
    document = load_filing(DOCUMENTS / "valspar_ex991_2006q3_cells.txt")
    income = [s for s in document.statements if s.find_line("Net revenue") is not None]
    quarter = (date(2006, 6, 4), date(2006, 9, 2))
    year_to_date = (date(2005, 12, 4), date(2006, 9, 2))
    revenue = {key: value for s in income for key, value in period_values(s, "Net revenue").items()}
    assert revenue == {quarter: 388949, (date(2005, 5, 29), date(2005, 8, 27)): 358091, year_to_date: 1125742, (date(2004, 11, 28), date(2005, 8, 27)): 1099003}
    assert period_values(income[0], "Cost of sales")[quarter] == -278610
    assert period_values(income[0], "Gains / (losses) from sales of assets")[quarter] == -14
    assert period_values(income[0], "Diluted income per common share")[quarter] == Decimal("0.40")
    balances = next(s for s in document.statements if s.find_line("Inventory") is not None)
    assert period_values(balances, "Total assets") == {date(2006, 9, 2): 1392443, date(2005, 12, 3): 1107557, date(2005, 8, 27): 1098693}


# --- 8. banners over column groups, change captions on a line of their own --------------------


def test_banners_over_quarter_and_year_to_date_groups_with_change_columns():
    """"Three Months Ended" and "Nine Months Ended" over "September 30," twice over "2022 2021
    % change" twice, one cell per line; "%" printed apart from its figure, footnote marks glued to
    labels: two quarters, two year-to-date periods and two printed changes."""
    document = load_filing(DOCUMENTS / "employers_ex992_2022q3_cells.txt")
    statement = next(s for s in document.statements if s.find_line("Gross premiums written") is not None)
    premiums = period_values(statement, "Gross premiums written")
    assert premiums == {
        (date(2022, 7, 1), date(2022, 9, 30)): Decimal("188.6"),
        (date(2021, 7, 1), date(2021, 9, 30)): Decimal("152.3"),
        (date(2022, 1, 1), date(2022, 9, 30)): Decimal("540.4"),
        (date(2021, 1, 1), date(2021, 9, 30)): Decimal("447.7"),
    }
    changes = [j for j, c in enumerate(statement.columns) if c.kind is ColumnKind.CHANGE]
    assert len(changes) == 2 and all(statement.columns[j].percent_change for j in changes)
    line = statement.find_line("Gross premiums written")
    assert sorted(statement.cells[(line, j)].value for j in changes) == [21, 24]
    assert statement.find_line("Adjusted net income") is not None  # "Adjusted net income(1)"
    net_income = period_values(statement, "Net income (loss) before impact of the LPT")
    assert net_income[(date(2022, 1, 1), date(2022, 9, 30))] == Decimal("-5.0")


# --- 4. one statement split over many small tables --------------------------------------------


def test_a_statement_laid_out_one_table_per_row_reads_as_one_table(tmp_path):
    """The filing's income statement re-laid with every row in a table of its own (each keeps its
    cells and column geometry): the pieces are joined before interpretation and every figure
    equals the one read from the table as filed. The filing itself has no such layout: this test
    re-lays a real table; no real one-table-per-row document is in the corpus yet."""
    import lxml.html

    source = filing("buckle_fy2024q3_8k_ex99-1.html")
    root = lxml.html.fromstring(source.read_bytes())
    table = next(t for t in root.iter("table") if "SALES, Net of returns" in t.text_content())
    rows = table.xpath("./tr|./tbody/tr")
    parent = table.getparent()
    position = parent.index(table)
    parent.remove(table)
    for offset, row in enumerate(rows):
        piece = lxml.html.Element("table", style=table.get("style", ""))
        piece.append(row)
        parent.insert(position + offset, piece)
    relaid = tmp_path / "buckle_one_table_per_row.html"
    relaid.write_bytes(lxml.html.tostring(root))
    split = only(load_filing(relaid), StatementKind.INCOME)
    original = facts(only(load_filing(source), StatementKind.INCOME))
    assert len(original) >= 60
    assert facts(split) == original


def test_a_statement_split_over_two_html_tables_reads_as_one(tmp_path):
    """Mullen's cash-flow statement is printed as two tables with nothing between them: the
    statement with its column headers, then its non-cash supplement with none. The supplement's
    figures carry the first table's periods, as the filing's own tags (the fidelity truth) say."""
    import csv

    import lxml.html

    source = fidelity_document("muln_10q_fy2023q3_untagged.html")
    root = lxml.html.fromstring(source.read_bytes())
    tables = list(root.iter("table"))
    at = next(n for n, table in enumerate(tables) if "Prefunded warrants converted to common stock" in table.text_content())
    first, second = (" ".join(table.text_content().replace("\u200b", " ").split()) for table in tables[at - 1 : at + 1])
    assert "Nine Months Ended June 30" in first and "Net cash used in operating activities" in first
    assert "Nine Months Ended" not in second

    truth_path = source.parent.parent / "truth" / "muln_10q_fy2023q3.truth.tsv"
    with truth_path.open(encoding="utf-8", newline="") as handle:
        truth = [row for row in csv.DictReader(handle, delimiter="\t") if row["label"].strip() in second]
    assert len(truth) >= 10
    cash_flows = next(s for s in load_filing(source).statements if s.kind is StatementKind.CASH_FLOW)
    read = {(label, start, end): value for (label, start, end), value in facts(cash_flows).items()}
    for fact in truth:
        key = (fact["label"].strip(), date.fromisoformat(fact["start"]), date.fromisoformat(fact["end"]))
        assert read.get(key) == Decimal(fact["printed"]), key


# --- 6. two currency groups side by side ------------------------------------------------------


def test_two_currencies_side_by_side_keep_each_columns_unit_and_scale():
    """One year printed in millions of yen and in thousands of U.S. dollars beside it: each column
    keeps its currency and scale, and the two are never compared as a change."""
    document = load_filing(filing("nippon_express_fy2024_consolidated_fs.pdf"))
    income = next(s for s in document.statements if s.kind is StatementKind.INCOME)
    line = income.find_line("Revenue")
    by_column = {(income.columns[j].period.end.year, cell.unit, cell.scale): cell.value for (i, j), cell in income.cells.items() if i == line}
    assert by_column == {(2023, "JPY", 1_000_000): 2239017, (2024, "JPY", 1_000_000): 2577643, (2024, "USD", 1_000): 16295634}
    assert not any(change.cell.unit != change.prior_cell.unit for change in compute_changes(income))


def test_day_first_dotted_dates_are_dates():
    from model.interpretation.dates import find_dates
    from model.interpretation.headers import parse_header

    assert [d for _, d in find_dates("30.06.23 31.12.2022")] == [date(2023, 6, 30), date(2022, 12, 31)]
    assert find_dates("Note 7.1") == [] and find_dates("12.5 13.7") == []
    assert parse_header("30.06.23", default_instant=True).period.end == date(2023, 6, 30)
    assert parse_header("30.06.23", default_instant=False).kind is ColumnKind.OTHER  # a lone date over a flow statement says no length


def test_five_quarter_end_dates_over_a_flow_statement_are_quarters():
    """Synthetic (no real five-quarter document in the corpus yet): consecutive quarter-end dates,
    newest first, over a flow statement are each the quarter ending on the date, with the spacing
    as evidence; two lone dates a year apart stay unresolved."""
    from model.interpretation.headers import parse_header
    from model.interpretation.periods import DEFAULT_CALENDAR
    from model.interpretation.trend_columns import settle_quarter_trends

    labels = ["9/30/2022", "6/30/2022", "3/31/2022", "12/31/2021", "9/30/2021"]
    settled = settle_quarter_trends(labels, [parse_header(label, default_instant=False) for label in labels], DEFAULT_CALENDAR)
    assert [(h.period.start, h.period.end) for h in settled][:2] == [(date(2022, 7, 1), date(2022, 9, 30)), (date(2022, 4, 1), date(2022, 6, 30))]
    assert all(h.kind is ColumnKind.DURATION and "quarter-end dates" in h.assumption for h in settled)
    two = ["9/30/2022", "9/30/2021"]
    assert all(h.kind is ColumnKind.OTHER for h in settle_quarter_trends(two, [parse_header(label, default_instant=False) for label in two], DEFAULT_CALENDAR))


# --- 6. "of which" rows -------------------------------------------------------------------------


def test_of_which_rows_are_part_of_the_line_above_not_of_the_total():
    """Japan Post prints its "of which" rows in brackets ("[Insurance premiums]"); others write
    "of which:" before the label. Either way the row is a memo: footing leaves it out."""
    document = load_filing(filing("japanpost_insurance_fy2025q1_results.pdf"))
    income = next(s for s in document.statements if s.kind is StatementKind.INCOME and s.find_line("[Insurance premiums]") is not None)
    assert income.lines[income.find_line("[Insurance premiums]")].memo
    from model.interpretation.table_layout import BodyRow
    from model.interpretation.numbers import parse_number
    from model.interpretation.units import UnitInfo
    from model.raw import RawCell, SourceRef
    from model.statements.hierarchy import build_lines

    def row(label: str, value: str) -> BodyRow:
        cell = RawCell(value, SourceRef("x"))
        return BodyRow(label, RawCell(label, SourceRef("x")), [cell], [parse_number(value)])

    lines, _ = build_lines([row("Revenue", "100"), row("of which: services", "40"), row("Other income", "5"), row("Total income", "105")], UnitInfo("USD", 1, True))
    assert [line.memo for line in lines] == [False, True, False, False]


# --- 3. markdown tables without their outer pipes ----------------------------------------------


def test_markdown_tables_without_outer_pipes_read_like_the_same_tables_with_them(tmp_path):
    """GFM lets a table leave out its leading and trailing pipes. The edgartools conversion of
    Apple's 10-Q, re-laid that way (every pipe row stripped of its outer pipes, nothing else), reads
    to the same income statement figures as the conversion itself."""
    original = filing("apple_10q_fy2024q3.md")
    relaid = tmp_path / "apple_10q_fy2024q3_no_outer_pipes.md"
    lines = original.read_text(encoding="utf-8").splitlines()
    relaid.write_text("\n".join(line.strip()[1:-1] if line.startswith("|") and line.rstrip().endswith("|") else line for line in lines), encoding="utf-8")
    expected = facts(only(load_filing(original), StatementKind.INCOME))
    read = facts(only(load_filing(relaid), StatementKind.INCOME))
    assert len(expected) >= 40 and read == expected
