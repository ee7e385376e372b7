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
