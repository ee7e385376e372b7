"""Inline XBRL: printed cells keep the ix:nonFraction fact they carry; values take their scale and
unit from the tag and keep their printed sign, columns their period from the contexts; the
printed text is checked against the tag.

Real filings: the Apple 10-Q (Q3 FY2025) in ../shared/filings and the inline-XBRL documents of
the fidelity corpus in ../shared/fidelity/docs (SEC EDGAR and TDnet filings as filed).
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest

from model.analysis.compare import compute_changes
from model.cli import run_export
from model.filing import Filing, load_filing
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.readers import read_document
from model.readers.ixbrl import formatted_number
from model.statements.statement import Statement, StatementKind
from model.statements.tags import CONTEXT_ORIGIN, TAG_ORIGIN
from model.views.checks import check_statement, load_checked_filing
from model.views.table import statement_table
from tests.support import fidelity_document, filing

APPLE = "apple_10q_fy2025q3.html"


@pytest.fixture(scope="module")
def apple() -> Filing:
    return load_filing(filing(APPLE))


def _statement(filing_: Filing, kind: StatementKind, title_word: str = "") -> Statement:
    return next(s for s in filing_.statements if s.kind is kind and title_word.lower() in s.title.lower())


def _cell(statement: Statement, label: str, period: Period):
    line = statement.display_labels().index(label)
    column = next(j for j, c in enumerate(statement.columns) if c.period == period)
    return statement.cells[(line, column)]


# ----------------------------------------------------------------------------- reader


def test_contexts_units_and_facts_are_read_from_the_hidden_header():
    document = read_document(filing(APPLE))
    tags = [cell.tag for table in document.tables for row in table.rows for cell in row if cell.tag is not None]
    assert len(tags) > 600
    revenue = next(t for t in tags if t.concept == "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax" and t.text == "66,613")
    assert revenue.context is not None
    assert (revenue.context.start, revenue.context.end) == (date(2025, 3, 30), date(2025, 6, 28))
    assert revenue.context.dimensions == (("srt:ProductOrServiceAxis", "us-gaap:ProductMember"),)
    assert revenue.context.entity == "0000320193"
    assert (revenue.unit, revenue.scale, revenue.decimals) == ("USD", 6, "-6")
    assert revenue.value == Decimal("66613000000")
    eps = next(t for t in tags if t.concept == "us-gaap:EarningsPerShareDiluted")
    assert eps.unit == "USD/shares" and eps.scale == 0
    nil = next(t for t in tags if t.format == "ixt:fixed-zero")
    assert nil.value == 0
    assert {t.unit for t in tags} == {"USD", "USD/shares", "shares"}


def test_a_tag_sign_makes_the_fact_negative_while_the_cell_keeps_the_printed_text():
    document = read_document(filing(APPLE))
    cells = [cell for table in document.tables for row in table.rows for cell in row if cell.tag is not None and cell.tag.sign == "-"]
    assert cells
    for cell in cells:
        assert cell.tag.value is None or cell.tag.value <= 0


@pytest.mark.parametrize(
    ("text", "format_name", "expected"),
    [
        ("1,234.5", "ixt:num-dot-decimal", Decimal("1234.5")),
        ("1,234", "ixt:numdotdecimal", Decimal("1234")),
        ("1.234,56", "ixt:num-comma-decimal", Decimal("1234.56")),
        ("1 234,5", "ixt:numspacecomma", Decimal("1234.5")),
        ("—", "ixt:fixed-zero", Decimal(0)),
        ("-", "ixt:zerodash", Decimal(0)),
        ("no", "ixt-sec:numwordsen", Decimal(0)),
        ("twenty-five", "ixt-sec:numwordsen", Decimal(25)),
        ("one hundred five", "ixt-sec:numwordsen", Decimal(105)),
        ("3 million", "ixt-sec:numwordsen", Decimal(3_000_000)),
        ("12.5", "", Decimal("12.5")),
        ("31 Dec", "ixt:date-day-month", None),
        ("several", "ixt-sec:numwordsen", None),
    ],
)
def test_transformation_formats(text, format_name, expected):
    assert formatted_number(text, format_name) == expected


def test_plain_html_carries_no_tags():
    document = read_document(filing("buckle_fy2024q3_8k_ex99-1.html"))
    assert not any(cell.tag for table in document.tables for row in table.rows for cell in row)


# ----------------------------------------------------------------------------- acceptance: Apple 10-Q


def test_apple_every_tagged_number_of_its_statements_carries_its_concept_and_agrees_with_its_tag(apple):
    primary = [s for s in apple.statements if s.kind.is_primary or s.kind is StatementKind.EQUITY]
    assert {s.kind for s in primary} >= {StatementKind.INCOME, StatementKind.BALANCE_SHEET, StatementKind.CASH_FLOW, StatementKind.COMPREHENSIVE_INCOME}
    tagged = [cell for statement in primary for cell in statement.cells.values() if cell.tag is not None]
    printed = [cell for statement in primary for cell in statement.cells.values() if cell.value is not None]
    assert len(tagged) >= 280
    assert all(cell.tag is not None for cell in printed)  # every printed number of the statements is tagged in this filing
    assert all(cell.concept for cell in tagged)
    assert [cell.tag_check for cell in tagged if cell.tag_check] == []
    for cell in tagged:
        if cell.value is not None:  # a printed nil has no scale to take
            assert cell.scale == 10**cell.tag.scale
            assert abs(cell.value) * cell.scale == abs(cell.tag.value)
    for statement in primary:
        checks = check_statement(statement, apple.rounding)
        assert checks.tag_failures == ()


def test_apple_values_keep_the_printed_sign_and_columns_take_the_context_period(apple):
    income = _statement(apple, StatementKind.INCOME)
    quarter = Period(date(2025, 6, 28), date(2025, 3, 30))
    other = _cell(income, "Other income/(expense), net", quarter)
    assert other.text == "(171)" and other.value == Decimal(-171)
    assert other.tag.sign == "-" and other.tag.value == Decimal("-171000000")
    assert any(e.decides == "sign" and e.origin == TAG_ORIGIN for e in other.evidence)
    column = next(c for c in income.columns if c.period == quarter)
    assert column.kind is ColumnKind.DURATION
    assert any(e.origin == CONTEXT_ORIGIN and '"c-' in e.text for e in column.evidence)
    cash_flow = _statement(apple, StatementKind.CASH_FLOW)
    receivables = _cell(cash_flow, "Accounts receivable, net", Period(date(2024, 6, 29), date(2023, 10, 1)))
    assert receivables.text == "6,697" and receivables.value == Decimal(6697)  # printed positive, tagged sign="-"
    assert receivables.tag.value == Decimal("-6697000000")


def test_apple_facts_csv_ends_with_the_concept(tmp_path):
    out = tmp_path / "facts.csv"
    assert run_export(["--facts", str(out), str(filing(APPLE))]) == 0
    with out.open(encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        assert reader.fieldnames[-1] == "concept"
        rows = list(reader)
    net_income = [r for r in rows if r["statement_kind"] == "income statement" and r["line_item"] == "Net income"]
    assert net_income and {r["concept"] for r in net_income} == {"us-gaap:NetIncomeLoss"}
    untagged = [r for r in rows if r["statement"].startswith("Segment Operating Performance")]
    assert untagged and {r["concept"] for r in untagged} == {""}  # the MD&A's tables carry no tags


def test_apple_tooltip_names_the_concept_and_context(apple):
    income = _statement(apple, StatementKind.INCOME)
    table = statement_table(income)
    line = income.display_labels().index("Net income")
    column = next(j for j, c in enumerate(table.columns) if c.period == Period(date(2025, 6, 28), date(2025, 3, 30)))
    tooltip = table.cells[(line, column)].tooltip
    assert "XBRL concept: us-gaap:NetIncomeLoss" in tooltip
    assert "2025-03-30 to 2025-06-28" in tooltip
    assert "XBRL unit USD, scale 6" in tooltip


def test_a_stated_scale_the_tag_contradicts_fails_the_check_like_footing():
    """Apple's EPS note prints its share counts in thousands; Tickmark reads the dilution row in
    the caption's millions, and the tag (scale 3) says otherwise: a check failure on that cell."""
    checked = load_checked_filing(str(filing(APPLE)))
    index, statement = next((n, s) for n, s in enumerate(checked.filing.statements) if "Earnings Per Share" in s.title)
    checks = checked.checks[index]
    assert checks.tag_failures
    failure = checks.tag_failures[0]
    assert "its tag in thousands" in failure.describe()
    assert checks.count >= len(checks.tag_failures)
    column = statement.columns[failure.column]
    assert checks.problem_at(failure.line, column) == failure.describe()
    cell = statement.cells[(failure.line, failure.column)]
    assert cell.scale == 1000  # the value itself follows the tag
    assert "check:" in statement_table(statement, checks=checks).cells[(failure.line, failure.column)].tooltip


def test_digits_that_disagree_with_the_tag_fail_the_check(tmp_path):
    """A cell printing "1,234" whose tag wraps only "234" (a filer's slip): the reader keeps the
    print, the check says so; and a row tagged in thousands under a caption in millions."""
    path = tmp_path / "mismatch.htm"
    path.write_text(
        """<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance"><body>
<div style="display:none"><ix:header><ix:resources>
<xbrli:context id="c1"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-12-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="c2"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:startDate>2023-01-01</xbrli:startDate><xbrli:endDate>2023-12-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
<p><b>CONSOLIDATED STATEMENTS OF OPERATIONS</b></p><p>(In millions)</p>
<table>
<tr><td></td><td>Year Ended December 31, 2024</td><td>Year Ended December 31, 2023</td></tr>
<tr><td>Revenue</td><td>1,<ix:nonFraction name="us-gaap:Revenues" contextRef="c1" unitRef="usd" decimals="-6" scale="6" format="ixt:num-dot-decimal">234</ix:nonFraction></td>
<td><ix:nonFraction name="us-gaap:Revenues" contextRef="c2" unitRef="usd" decimals="-6" scale="6" format="ixt:num-dot-decimal">1,000</ix:nonFraction></td></tr>
<tr><td>Net income</td><td><ix:nonFraction name="us-gaap:NetIncomeLoss" contextRef="c1" unitRef="usd" decimals="-3" scale="3" format="ixt:num-dot-decimal">200</ix:nonFraction></td>
<td><ix:nonFraction name="us-gaap:NetIncomeLoss" contextRef="c2" unitRef="usd" decimals="-6" scale="6" format="ixt:num-dot-decimal">150</ix:nonFraction></td></tr>
</table></body></html>""",
        encoding="utf-8",
    )
    statement = load_filing(path).statements[0]
    failures = check_statement(statement).tag_failures
    messages = [failure.describe() for failure in failures]
    assert len(messages) == 2
    assert "printed 1,234, but its tag us-gaap:Revenues reads 234" in messages[0]
    assert "Net income" in messages[1] and "the table prints it in millions, its tag in thousands" in messages[1]


# ----------------------------------------------------------------------------- shapes on the fidelity corpus


@pytest.mark.parametrize("name", ["gd_10q_2023q2.html", "txn_10q_2023q2.html", "sjm_10q_fy2024q1.html"])
def test_statements_whose_caption_is_not_read_take_their_scale_from_the_tags(name):
    """These statements print "(Dollars in millions, ...)" where the reader does not see it; the
    tags' scale="6" settles it, and the statement's unit follows."""
    filed = load_filing(fidelity_document(name))
    primary = [s for s in filed.statements if s.kind.is_primary and any(c.tag for c in s.cells.values())]
    assert primary
    for statement in primary:
        assert (statement.unit, statement.scale) == ("USD", 1_000_000)
        for cell in statement.cells.values():
            if cell.tag is None or cell.tag.value is None or cell.value is None or cell.unit in ("%", "USD/share", "shares"):
                continue  # a nil has no scale to take
            assert abs(cell.value or 0) * cell.scale == abs(cell.tag.value)
            assert any(e.decides == "scale" and e.origin == TAG_ORIGIN for e in cell.evidence)


def test_fiscal_year_columns_take_the_context_dates():
    """GameStop names its fiscal years for the year they start in: "Fiscal 2023" ends on
    February 3, 2024 (53 weeks), as the contexts say, whatever the header reading guessed."""
    filed = load_filing(fidelity_document("gme_10k_fy2023.html"))
    income = _statement(filed, StatementKind.INCOME, "operations")
    columns = {c.label: c for c in income.columns}
    assert columns["Fiscal 2023"].period == Period(date(2024, 2, 3), date(2023, 1, 29))
    assert columns["Fiscal 2021"].period == Period(date(2022, 1, 29), date(2021, 1, 31))
    assert any(e.origin == CONTEXT_ORIGIN for e in columns["Fiscal 2023"].evidence)


def test_a_caption_row_misread_as_changes_gives_way_to_the_contexts():
    """Adobe's comprehensive income prints "Increase/(Decrease)" under each date: the columns are
    periods, as their tagged cells say, not printed changes."""
    filed = load_filing(fidelity_document("adbe_10q_fy2023q3.html"))
    statement = _statement(filed, StatementKind.COMPREHENSIVE_INCOME, "comprehensive income")
    assert [c.kind for c in statement.columns] == [ColumnKind.DURATION] * 4
    total = _cell(statement, "Total comprehensive income, net of taxes", Period(date(2023, 9, 1), date(2023, 6, 3)))
    assert total.value == Decimal(1415) and total.scale == 1_000_000


def test_one_period_printed_under_two_banners_is_dated_in_both_columns():
    """AEON's successor period (July 22 to September 30, 2023) is printed under both "Three
    Months Ended" and "Nine Months Ended": both columns are that period."""
    filed = load_filing(fidelity_document("aeon_10q_2023q3.html"))
    statement = next(s for s in filed.statements if any(c.concept == "us-gaap:ResearchAndDevelopmentExpense" for c in s.cells.values()))
    successor = Period(date(2023, 9, 30), date(2023, 7, 22))
    line = statement.display_labels().index("Research and development")
    values = [cell.value for (i, j), cell in statement.cells.items() if i == line and statement.columns[j].period == successor]
    assert values and set(values) == {Decimal(6383)}


@pytest.mark.parametrize("name", ["jci_10q_fy2023q3.html", "sjm_10q_fy2024q1.html"])
def test_columns_of_one_period_that_tag_other_members_stay_as_printed(name):
    """A fair-value table tags one date under "Level 1", "Level 2", "Level 3": other members of
    one axis, so those columns are not turned into copies of one period."""
    filed = load_filing(fidelity_document(name))
    levels = [
        column
        for statement in filed.statements
        for column in statement.columns
        if "Level 1" in column.label or "Level 2" in column.label or "Level 3" in column.label
    ]
    assert len(levels) >= 3
    assert {column.kind for column in levels} == {ColumnKind.OTHER}


def test_percentages_tagged_as_ratios_are_percent_cells():
    """Lowe's "% Sales" columns are tagged pure with scale="-2": percentages, never millions; the
    scale takes the printed 33.66 to the fact, 0.3366."""
    filed = load_filing(fidelity_document("low_10q_fy2023q2.html"))
    cells = [cell for s in filed.statements for cell in s.cells.values() if cell.tag is not None and cell.tag.unit == "pure" and cell.value is not None]
    assert len(cells) >= 50
    assert {(cell.unit, cell.scale) for cell in cells} == {("%", Decimal("0.01"))}


def test_a_percent_of_sales_column_tagged_with_its_period_is_that_period_in_percent():
    """The tags date Lowe's "% Sales" columns: each is its period's ratio column, compared only
    with the ratio column a year before, never with the amounts beside it, never derived."""
    filed = load_filing(fidelity_document("low_10q_fy2023q2.html"))
    income = next(s for s in filed.statements if s.kind is StatementKind.INCOME and s.find_line("Gross margin") is not None)
    ratios = [j for j, c in enumerate(income.columns) if "% Sales" in c.label]
    assert ratios and all(income.columns[j].is_resolved_period and income.columns[j].unit == "%" for j in ratios)
    margin = income.find_line("Gross margin")
    quarter = next(j for j in ratios if income.columns[j].period == Period(date(2023, 8, 4), date(2023, 5, 6)))
    assert income.cells[(margin, quarter)].value * income.cells[(margin, quarter)].scale == Decimal("0.3366")
    for change in compute_changes(income):
        assert (change.cell.unit == "%") == (change.prior_cell.unit == "%")
        assert not (change.derived and change.cell.unit == "%")


def test_untagged_tables_take_the_exact_dates_of_the_documents_contexts():
    """GD's MD&A prints "July 3, 2022" under "Six Months Ended"; the header alone would say 26
    weeks, the contexts say the half began on January 1."""
    filed = load_filing(fidelity_document("gd_10q_2023q2.html"))
    liquidity = next(s for s in filed.statements if s.title.upper().startswith("LIQUIDITY"))
    assert not any(c.tag for c in liquidity.cells.values())
    assert {c.period for c in liquidity.columns if c.period} == {Period(date(2022, 7, 3), date(2022, 1, 1)), Period(date(2023, 7, 2), date(2023, 1, 1))}


def test_tdnet_contexts_in_the_same_file_date_the_balance_sheet():
    """Ricoh Leasing's TDnet balance sheet carries its contexts (Prior1YearInstant,
    CurrentYearInstant): its columns are dated by them, in millions of yen."""
    filed = load_filing(fidelity_document("ricohleasing_fy2024_bs_tdnet.html"))
    statement = max(filed.statements, key=lambda s: len(s.cells))
    periods = {c.period for c in statement.columns if c.period is not None}
    assert periods == {Period(date(2023, 3, 31)), Period(date(2024, 3, 31))}
    tagged = [cell for cell in statement.cells.values() if cell.tag is not None]
    assert tagged and all(cell.unit == "JPY" and cell.scale == 1_000_000 for cell in tagged if cell.tag.unit == "JPY")
    assert check_statement(statement).tag_failures == ()


def test_nil_facts_keep_the_tables_scale():
    """Infonet's balance sheet tags its dashes ("－") as xsi:nil facts with no scale attribute:
    they keep the table's thousands of yen, and no check fails on them."""
    filed = load_filing(fidelity_document("infonet_fy2024_bs_tdnet.html"))
    statement = max(filed.statements, key=lambda s: len(s.cells))
    nils = [cell for cell in statement.cells.values() if cell.tag is not None and cell.tag.value is None]
    assert nils and all(cell.value is None for cell in nils)
    assert {cell.scale for cell in statement.cells.values()} == {1_000}
    assert check_statement(statement).tag_failures == ()


def test_tdnet_facts_whose_contexts_live_in_another_file_keep_concept_and_scale():
    """An attachment of a TDnet package names contexts that only the package's balance-sheet file
    declares: the tags still give concept, unit and scale; the period is the header's to say."""
    document = read_document(fidelity_document("ricohleasing_fy2024_pl_tdnet.html"))
    tags = [cell.tag for table in document.tables for row in table.rows for cell in row if cell.tag is not None]
    assert len(tags) >= 50
    assert all(tag.context is None for tag in tags)
    assert {tag.context_id for tag in tags} == {"CurrentYearDuration", "Prior1YearDuration"}
    assert {(tag.unit, tag.scale) for tag in tags if tag.concept.startswith("jppfs_cor:NetSales")} == {("JPY", 6)}
