"""The PDF reader on browser prints of filings (the fidelity corpus's Chromium prints) and on
the shared filings: each failure mode of rebuilding tables from word positions, on at least two
documents that show it. Pages are laid out one at a time, so each test costs a page or two."""

from __future__ import annotations

from pathlib import Path

from model.raw import RawTable
from model.readers import pdf
from model.readers.pdf import document as pdf_document
from model.readers.pdf.geometry import Word
from model.readers.pdf.lines import group_lines
from model.readers.pdf.tables import PageInfo
from tests.support import fidelity_document, filing


def page_tables(path: Path, *numbers: int) -> list[RawTable]:
    """The tables of the given pages only, laid out as the reader lays them out."""
    pages = [PageInfo(path.name, number, 0.0, frozenset()) for number in numbers]
    tables, warnings = pdf_document.read_tables(path, pages, lambda fraction, message: None)
    assert not warnings
    return tables


def row(tables: list[RawTable], label: str) -> list[str]:
    """The first row labelled ``label``, as cell texts."""
    return next(texts for table in tables for texts in table.texts() if texts[0] == label)


def figures(cells: list[str]) -> list[str]:
    return [cell for cell in cells[1:] if cell]


# ----------------------------------------------------------------------------- damaged pages


def test_a_page_that_cannot_be_laid_out_is_skipped_with_a_warning_and_the_rest_loads(monkeypatch):
    path = filing("costco_fy2023q3_earnings_release.pdf")
    laid_out = pdf_document.page_tables

    def failing_on_page_three(words, rules, page, first_index=0):
        if page.number == 3:
            raise ValueError("max() arg is an empty sequence")
        return laid_out(words, rules, page, first_index)

    monkeypatch.setattr(pdf_document, "page_tables", failing_on_page_three)
    document = pdf.read(path)
    assert any(warning.startswith("page 3 could not be laid out") for warning in document.warnings)
    assert {table.source.page for table in document.tables} == {4}


# ----------------------------------------------------------------------------- words -> lines


def test_a_dollar_sign_set_lower_than_its_figures_joins_their_line():
    def word(text: str, x0: float, top: float) -> Word:
        return Word(text, x0, x0 + 5 * len(text), top, top + 7.0, 7.0)

    lines = group_lines([word("Fixed", 90, 377.4), word("$", 287, 380.1), word("330,175", 308, 377.4), word("$", 408, 380.1), word("887,294", 427, 377.4)])
    assert len(lines) == 1
    assert [w.text for w in lines[0].value_words] == ["330,175", "887,294"]
    assert len(lines[0].currency_signs) == 2


def test_dollar_signs_printed_below_their_row_no_longer_fail_the_document():
    # Mullen's print: "$" cells sit 2.7 pt below the figures of the first and total rows
    tables = page_tables(fidelity_document("muln_10q_fy2023q3_print.pdf"), 32)
    assert figures(row(tables, "Fixed lease cost")) == ["330,175", "327,409", "887,294", "1,066,680"]
    assert figures(row(tables, "Total operating lease costs")) == ["307,346", "474,137", "832,539", "1,493,498"]


def header(table: RawTable) -> list[list[str]]:
    """The rows above the first row with a label and a figure."""
    texts = table.texts()
    first = next((i for i, cells in enumerate(texts) if cells[0] and any(c[:1].isdigit() or c[:1] == "(" for c in cells[1:])), len(texts))
    return texts[:first]


def table_with(tables: list[RawTable], label: str) -> RawTable:
    return next(table for table in tables if any(texts[0] == label for texts in table.texts()))


# ----------------------------------------------------------------------------- header lines


def test_a_units_caption_under_the_column_headers_keeps_them_in_the_table():
    # "(Millions of dollars, ...)" or "(unaudited)" printed between the years and the first row
    income = table_with(page_tables(fidelity_document("cvx_10q_2023q2_print.pdf"), 4), "Sales and other operating revenues")
    assert header(income)[:3] == [
        ["", "Three Months Ended", "Three Months Ended", "Six Months Ended", "Six Months Ended"],
        ["", "June 30", "June 30", "June 30", "June 30"],
        ["", "2023", "2022", "2023", "2022"],
    ]
    assert "(Millions of dollars, except per-share amounts)" in income.context
    balance = table_with(page_tables(fidelity_document("mara_10q_2023q2_print.pdf"), 4), "Cash and cash equivalents")
    assert header(balance)[:2] == [["", "June 30,", "December 31,"], ["", "2023", "2022"]]


def test_a_caption_above_the_column_headers_still_closes_them():
    # the statement's title and the company's name above "(unaudited)" are no column headers
    tables = page_tables(fidelity_document("muln_10q_fy2023q3_print.pdf"), 5)
    assert all("MULLEN AUTOMOTIVE INC." not in cell for table in tables for cells in header(table) for cell in cells[1:])


def test_an_introduction_above_the_column_headers_is_no_header():
    tables = page_tables(fidelity_document("ai_10q_fy2024q1_print.pdf"), 46)
    compensation = table_with(tables, "Cost of subscription")
    assert header(compensation)[0] == ["", "Three Months Ended July 31,", "Three Months Ended July 31,"]
    tables = page_tables(fidelity_document("mara_10q_2023q2_print.pdf"), 46)
    assert not any("Financial Summary Table" in cell for table in tables for cells in header(table) for cell in cells)


# ----------------------------------------------------------------------------- page furniture


def test_a_page_number_printed_under_a_table_mid_page_is_no_row_of_it():
    # browser prints break pages where the document does, so the page number follows the last row
    income = table_with(page_tables(fidelity_document("spire_10q_fy2024q1_print.pdf"), 6), "Operating Revenues")
    assert income.width == 3
    assert income.texts()[-1] == ["Diluted Earnings Per Common Share", "1.52", "1.66"]
    last = page_tables(filing("salesforce_fy2023q3_10q.pdf"), 35)[-1]
    assert last.texts()[-1] == ["Marketing and sales", "224", "3", "236", "3", "693", "3", "491", "3"]


# ----------------------------------------------------------------------------- banners


def test_a_month_and_day_over_a_pair_of_year_columns_heads_both():
    income = table_with(page_tables(fidelity_document("abt_10q_2023q2_print.pdf"), 4), "Net sales")
    assert ["", "June 30", "June 30", "June 30", "June 30"] in header(income)
    operations = table_with(page_tables(filing("salesforce_fy2023q3_10q.pdf"), 4), "Subscription and support")
    assert header(operations)[0][1:] == ["Three Months Ended October 31,"] * 2 + ["Nine Months Ended October 31,"] * 2


# ----------------------------------------------------------------------------- labels wrapped over lines


def test_a_year_closing_a_wrapped_labels_bracket_is_no_figure():
    # "... at December 31, 2023, September 30, 2023, and December 31," / "2022)  $ 242.0  $ 242.0  $ 242.0"
    liabilities = table_with(page_tables(fidelity_document("spire_10q_fy2024q1_print.pdf"), 9), "Capitalization:")
    preferred = next(cells for cells in liabilities.texts() if cells[0].startswith("Preferred stock"))
    assert preferred[0].endswith("and December 31, 2022)")
    assert preferred[1:] == ["242.0", "242.0", "242.0"]
    assets = table_with(page_tables(filing("nippon_express_fy2024_consolidated_fs.pdf"), 66), "Loans (Note 2)")
    assert row([assets], "Accounts receivable-other (Note 2)")[1:] == ["12,689", "15,160", "95,845"]
    assert row([assets], "Allowance for doubtful accounts (Note 4)")[1:] == ["(1,075)", "(1,241)", "(7,846)"]


def test_figures_printed_where_the_labels_start_are_labels():
    # a year naming a row of a schedule, a footnote mark opening a wrapped label's last line
    schedule = table_with(page_tables(fidelity_document("muln_10q_fy2023q3_print.pdf"), 19), "Thereafter")
    assert row([schedule], "2024") == ["2024", "6,372,189"]
    assert row([schedule], "2023 (three months)") == ["2023 (three months)", "1,424,909"]
    results = table_with(page_tables(fidelity_document("mara_10q_2023q2_print.pdf"), 46), "Net loss")
    assert figures(row([results], "Net loss")) == ["(19,133)", "(212,626)", "193,493"]
    assert results.width == 4


def test_a_balance_sheet_printed_side_by_side_reads_as_two_tables_of_two_columns():
    # assets left, liabilities right, each wrapped label's continuation under its own label
    tables = page_tables(filing("japanpost_insurance_fy2024_fullyear_results.pdf"), 36)
    assert row(tables, "Cash and deposits") == ["Cash and deposits", "1,157,322", "1,976,083"]
    assert row(tables, "Payables under repurchase agreements") == ["Payables under repurchase agreements", "3,905,000", "4,516,922"]
    assert row(tables, "Total liabilities and net assets") == ["Total liabilities and net assets", "60,855,899", "59,555,692"]


def test_a_mark_between_figures_is_no_second_table_beside_the_first():
    # "#" (a variance of 100 % or more) between the columns of one table
    summary = table_with(page_tables(fidelity_document("axp_10q_2023q3_print.pdf"), 9), "Card Member loans")
    assert row([summary], "Net write-offs")[1:] == ["639", "259", "380", "# %", "1,722", "721", "1,001", "# %"]
    # "**" (not meaningful) between the figures of a reconciliation
    reconciliation = page_tables(fidelity_document("ma_10q_2023q2_print.pdf"), 52)[0]
    assert row([reconciliation], "(Gains) losses on equity investments")[1:] == ["**", "**", "**", "(123)", "0.7%", "(118)", "(0.12)"]


def test_a_change_in_percentage_points_is_one_figure():
    # "3.4 ppt" printed as two words is one cell, not a label between two tables
    overview = table_with(page_tables(fidelity_document("ma_10q_2023q2_print.pdf"), 47), "Operating margin")
    assert row([overview], "Operating margin")[1:4] == ["58.3%", "54.9%", "3.4ppt"]
    reconciliation = table_with(page_tables(fidelity_document("ma_10q_2023q2_print.pdf"), 54), "Reported - GAAP")
    assert row([reconciliation], "Reported - GAAP")[3:5] == ["3.4ppt", "4.5ppt"]


def test_a_line_centred_under_a_banner_over_all_the_columns_carries_it_on():
    # "Six Months Ended" / "June 30" / "2023  2022": the month and day head both year columns
    cash_flows = table_with(page_tables(fidelity_document("cvx_10q_2023q2_print.pdf"), 8), "Dry hole expense")
    assert header(cash_flows)[:3] == [["", "Six Months Ended", "Six Months Ended"], ["", "June 30", "June 30"], ["", "2023", "2022"]]
    summary = table_with(page_tables(fidelity_document("spire_10q_fy2024q1_print.pdf"), 54), "Net cash used in investing activities")
    assert header(summary)[1] == ["", "31,", "31,"]


def test_figures_under_the_labels_of_the_rows_around_them_are_label_text():
    # "... as of December 31, 2023 and" / "2022   2,200   2,099": the year ends the wrapped label
    balance = table_with(page_tables(fidelity_document("pltr_10k_2023_print.pdf"), 93), "Total assets")
    common = next(cells for cells in balance.texts() if cells[0].startswith("Common stock"))
    assert common[0].endswith("as of December 31, 2023 and 2022") and common[1:] == ["2,200", "2,099"]
    assert balance.width == 3
    comprehensive = table_with(page_tables(fidelity_document("txn_10q_2023q2_print.pdf"), 4), "Net income")
    assert row([comprehensive], "Adjustments, net of tax effect of ($2) and $8; ($1) and $6")[1:] == ["2", "(40)", "—", "(34)"]


# ----------------------------------------------------------------------------- continuations


def test_rows_after_a_short_note_that_fill_every_column_carry_the_table_on():
    # "A portion of net income is allocated to ... Diluted EPS is calculated using the following:"
    income = table_with(page_tables(fidelity_document("txn_10q_2023q2_print.pdf"), 3), "Revenue")
    assert row([income], "Income allocated to RSUs")[1:] == ["(8)", "(10)", "(18)", "(19)"]
    assert "Diluted EPS is calculated using the following:" in [cells[0] for cells in income.texts()]
    # a wrapped label's first line printed after a break is no note: it stays with its row
    comprehensive = table_with(page_tables(fidelity_document("trv_10q_2023q3_print.pdf"), 5), "Net income")
    assert row([comprehensive], "Having credit losses recognized in the consolidated statement of income")[1:] == ["—", "—", "—", "(3)"]


def test_a_note_that_names_other_periods_starts_a_table_of_its_own():
    tables = page_tables(fidelity_document("aeon_10q_2023q3_print.pdf"), 16)
    assert len([table for table in tables if any(cells[0] == "Net loss available to common stockholders" for cells in table.texts())]) == 3


def test_a_sentence_introducing_rows_is_no_heading_that_sets_their_unit():
    from model.interpretation.units import UnitInfo, row_unit

    millions = UnitInfo("USD", 1_000_000, True)
    assert row_unit("Income allocated to RSUs", millions, ("Diluted EPS is calculated using the following:",)) is None
    assert row_unit("- Basic", millions, ("Per Share of Common Stock",)).unit == "USD/share"


def test_a_row_indented_under_a_heading_is_no_wrapped_label():
    # "Earnings per share attributable to ..." / "  Basic  1.54 ...": a row's spacing, not a paragraph's
    income = table_with(page_tables(fidelity_document("jci_10q_fy2023q3_print.pdf"), 4), "Gross profit")
    labels = [cells[0] for cells in income.texts()]
    assert ["Earnings per share attributable to Johnson Controls", "Basic", "Diluted"] == labels[-3:]
    assert labels[labels.index("Net sales") + 1] == "Products and systems"
    comprehensive = table_with(page_tables(fidelity_document("ai_10q_fy2024q1_print.pdf"), 11), "Other comprehensive loss")
    assert row([comprehensive], "Unrealized loss on available-for-sale marketable securities, net of tax")[1:] == ["(373)", "(200)"]
    # a label wrapped at a paragraph's line spacing is still one row
    summary = page_tables(filing("pepsico_2023q2_earnings_release.pdf"), 2)
    assert figures(row(summary, "PepsiCo Beverages North America"))[:3] == ["10", "0.5", "(1)"]


def test_a_year_centred_between_two_columns_heads_both():
    # the header's own column centres (one phrase over each column) place "2023" over the
    # predecessor and the successor columns of 2023
    cash_flows = table_with(page_tables(fidelity_document("aeon_10q_2023q3_print.pdf"), 9), "Depreciation")
    assert ["", "2023", "2023", "2022"] in header(cash_flows)
    comprehensive = table_with(page_tables(fidelity_document("cl_10q_2023q2_print.pdf"), 19), "Cumulative translation adjustments")
    assert header(comprehensive)[:2] == [["", "2023", "2023", "2022", "2022"], ["", "Pretax", "Net of Tax", "Pretax", "Net of Tax"]]


def test_a_units_caption_beside_a_remark_heads_no_column():
    # "(in thousands, except per share data)   (Unaudited)" above the column headers is context
    cash_flows = table_with(page_tables(fidelity_document("aeon_10q_2023q3_print.pdf"), 9), "Depreciation")
    assert cash_flows.context == ("(in thousands, except per share data)", "(Unaudited)")
    assert not any("(Unaudited)" in cell for cells in header(cash_flows) for cell in cells)
    related = table_with(page_tables(fidelity_document("cvx_10q_2023q2_print.pdf"), 38), "Current assets")
    assert "(Millions of dollars) (unaudited)" in related.context
    assert all(cell == "" for cell in header(related)[-1][1:])


def test_banners_over_pairs_of_columns_are_placed_by_the_headers_own_centres():
    # browser prints centre headers over whole cells ("$" included), left of the figures
    comprehensive = table_with(page_tables(fidelity_document("cl_10q_2023q2_print.pdf"), 4), "Net income including noncontrolling interests")
    assert header(comprehensive)[:2] == [
        ["", "Three Months Ended", "Three Months Ended", "Six Months Ended", "Six Months Ended"],
        ["", "June 30,", "June 30,", "June 30,", "June 30,"],
    ]
    amortization = page_tables(filing("salesforce_fy2023q3_10q.pdf"), 4)[1]
    assert header(amortization)[0][1:] == ["Three Months Ended October 31,"] * 2 + ["Nine Months Ended October 31,"] * 2


def test_a_label_that_ran_out_of_room_carries_on_at_the_same_indent():
    # "Average Number of Common Shares Outstanding Used for Basic" / "Earnings Per Common Share  1,740,359"
    income = table_with(page_tables(fidelity_document("abt_10q_2023q2_print.pdf"), 4), "Net sales")
    assert row([income], "Average Number of Common Shares Outstanding Used for Basic Earnings Per Common Share")[1:] == [
        "1,740,359",
        "1,753,865",
        "1,741,051",
        "1,757,858",
    ]
    benefits = page_tables(fidelity_document("txn_10q_2023q2_print.pdf"), 15)
    assert figures(row(benefits, "Total, including other postretirement losses (gains)")) == ["6", "14", "(2)", "—", "6", "6"]
    # a short heading over a row set as tightly is no wrapped label
    results = page_tables(filing("mcdonalds_2023q1_earnings_release.pdf"), 4)
    assert row(results, "Operating costs and expenses")[1:] == ["", "", "", ""]
    assert figures(row(results, "Company-operated restaurant expenses"))[:2] == ["1,923.1", "1,959.2"]


# ----------------------------------------------------------------------------- pages


def test_a_page_that_opens_with_a_tables_last_rows_gets_a_layout_analysis():
    # the cash-flow statement's non-cash supplement printed at the top of the next page
    path = fidelity_document("mara_10q_2023q2_print.pdf")
    texts, _ = pdf.read_page_texts(path)
    assert {9, 10} <= set(pdf.find_table_pages(texts))
    assert figures(row(page_tables(path, 10), "Receivable due to share issuance")) == ["—", "4,720"]
    path = fidelity_document("jci_10q_fy2023q3_print.pdf")
    texts, _ = pdf.read_page_texts(path)
    assert 26 in pdf.find_table_pages(texts)
    assert figures(row(page_tables(path, 26), "Commercial paper")) == ["—", "172"]
