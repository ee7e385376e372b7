"""The PDF reader's character sources: pdfium's characters give pdfplumber's words and rules
wherever the reader takes them from pdfium, pdfplumber reads the pages pdfium cannot be trusted
with, and statement pages are read first.

The comparison here covers one page of every shared PDF and fidelity print (the first page
headed by a statement's title, else the last page laid out); bench/compare_char_sources.py
compares every page the reader lays out (931 pages, 923 of them read by pdfium, ~5-9 min)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_raw
import pytest

from model.readers import pdf
from model.readers.pdf.chars import Char, words_from_chars
from model.readers.pdf.page_text import reading_order
from model.readers.pdf.titles import statement_pages
from model.readers.pdf.pdfium_page import read_page
from tests.char_sources import compare_pages
from tests.support import FIDELITY, FILINGS, filing

SHARED_PDFS = sorted(FILINGS.glob("*.pdf")) + sorted(FIDELITY.glob("*_print.pdf"))


def sample_page(path: Path) -> int:
    texts, _ = pdf.read_page_texts(path)
    laid_out = pdf.find_table_pages(texts)
    headed = statement_pages(laid_out, texts, frozenset())
    return headed[0] if headed else laid_out[-1]


@pytest.mark.skipif(len(SHARED_PDFS) < 40, reason="the shared filings and fidelity prints are not on this machine")
def test_pdfium_gives_pdfplumbers_words_and_rules_on_every_shared_pdf():
    failures = []
    compared = read_by_pdfium = 0
    for path in SHARED_PDFS:
        for comparison in compare_pages(path, [sample_page(path)]):
            compared += 1
            read_by_pdfium += comparison.read_by_pdfium
            if comparison.differences:
                failures.append(f"{path.name} page {comparison.number}: " + "; ".join(comparison.differences[:3]))
    assert not failures, "\n".join(failures)
    assert read_by_pdfium >= 0.9 * compared, f"pdfium read only {read_by_pdfium} of {compared} pages"


def test_a_page_pdfium_reads_lays_out_like_pdfplumber():
    path = filing("costco_fy2023q3_earnings_release.pdf")
    assert [c.read_by_pdfium and not c.differences for c in compare_pages(path, [3, 4])] == [True, True]


def test_a_word_marked_with_a_replacement_text_leaves_its_page_to_pdfplumber():
    # Word's export marks some apostrophes with ActualText "’", which pdfium reads instead of
    # the glyph; pdfminer reads the glyph, "ʼ", as it does on the pages without the mark
    path = filing("bandainamco_fy2022_consolidated_financial_report.pdf")
    assert [c.read_by_pdfium for c in compare_pages(path, [4, 8, 13])] == [False, False, True]
    document = pdf.read(path)
    labels = [row[0] for table in document.tables if table.source.page == 13 for row in table.texts()]
    assert "Total stockholdersʼ equity" in labels


def test_a_mediabox_away_from_the_origin_reads_as_pdfplumber_reads_it():
    path = filing("bandainamco_fy2022_supplementary_segments.pdf")
    with pypdfium2.PdfDocument(path) as document:
        assert document[0].get_mediabox()[:2] != (0, 0)
    assert all(c.read_by_pdfium and not c.differences for c in compare_pages(path, [1, 2]))


def test_a_rotated_page_is_left_to_pdfplumber_and_still_read(tmp_path):
    path = tmp_path / "rotated.pdf"
    rows = [("Revenue", "1,200", "1,100"), ("Cost of sales", "(700)", "(650)"), ("Gross profit", "500", "450")]
    _write_pdf(path, rows, rotation=90)
    with pypdfium2.PdfDocument(path) as document:
        assert read_page(document[0]) is None
    _write_pdf(tmp_path / "upright.pdf", rows, rotation=0)
    with pypdfium2.PdfDocument(tmp_path / "upright.pdf") as document:
        upright = read_page(document[0])
    assert upright is not None
    assert [w.text for w in upright.words][:3] == ["Revenue", "1,200", "1,100"]


def _write_pdf(path: Path, rows: list[tuple[str, ...]], rotation: int) -> None:
    """A one-page PDF printing the rows in Helvetica at 10 pt, label at x 72, figures at 300 and 400."""
    document = pypdfium2.PdfDocument.new()
    page = document.new_page(612, 792)
    for line, row in enumerate(rows):
        for x, text in zip((72, 300, 400), row):
            obj = pdfium_raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", 10.0)
            encoded = (text + "\0").encode("utf-16-le")
            pdfium_raw.FPDFText_SetText(obj, pdfium_raw.cast(pdfium_raw.c_char_p(encoded), pdfium_raw.FPDF_WIDESTRING))
            pdfium_raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, 700 - 14 * line)
            pdfium_raw.FPDFPage_InsertObject(page.raw, obj)
    pdfium_raw.FPDFPage_GenerateContent(page.raw)
    page.set_rotation(rotation)
    document.save(path)
    document.close()


# ----------------------------------------------------------------------------- characters -> words


def char(text: str, x0: float, top: float = 100.0, size: float = 10.0, width: float = 5.0, upright: bool = True) -> Char:
    return Char(text, x0, x0 + width, top, top + size, size, upright)


def test_words_end_at_blanks_and_at_gaps_wider_than_three_points():
    chars = [char("a", 10), char("b", 15), char(" ", 20), char("c", 25), char("d", 33.5), char("e", 38.5)]
    assert [w.text for w in words_from_chars(chars)] == ["ab", "c", "de"]


def test_characters_of_another_size_in_between_start_a_run_of_their_own():
    # pdfplumber groups consecutive characters of one size before it forms lines
    chars = [char("1", 10), char("2", 15), char("*", 20, size=6.0), char("3", 25)]
    assert [w.text for w in words_from_chars(chars)] == ["12", "*", "3"]


def test_lines_are_read_left_to_right_whatever_the_stream_order_and_sideways_text_is_dropped():
    chars = [char("b", 15), char("a", 10), char("x", 60, top=300, upright=False), char("c", 10, top=101.5)]
    assert [w.text for w in words_from_chars(chars)] == ["ab", "c"]


def test_ligatures_are_expanded_and_broken_ligature_marks_dropped():
    chars = [char("ﬁ", 10), char("n", 15), char("e", 20), char(" ", 25), char("b", 30), char("\x00", 35), char("t", 40)]
    assert [w.text for w in words_from_chars(chars)] == ["fine", "bt"]


# ----------------------------------------------------------------------------- reading order


def test_statement_pages_are_read_first_then_the_others_in_page_order():
    texts = [
        "Cover",
        "Notes 1\nThe consolidated statements of operations include the accounts of the company.",
        "Acme, Inc.\nCONSOLIDATED BALANCE SHEETS\nAssets",
        "Notes 2",
        "Consolidated Statements of Cash Flows\n(in millions)",
    ]
    first = statement_pages([2, 3, 4, 5], texts, frozenset())
    assert first == [3, 5]
    assert reading_order([2, 3, 4, 5], first) == [3, 5, 2, 4]


def test_a_10k_reports_its_statement_pages_before_its_notes_and_numbers_tables_as_printed():
    path = filing("salesforce_fy2023_10k.pdf")
    reports: list[str] = []
    document = pdf.read(path, lambda fraction, message: reports.append(message))
    pages = [int(message.rsplit(" ", 1)[1]) for message in reports if message.startswith("reading tables on page")]
    # balance sheet, operations, comprehensive income and cash flows come before the MD&A pages
    # laid out (46 onwards) and the notes; an MD&A section headed "Cash Flows" (page 50) is with them
    assert {60, 61, 62, 64} <= set(pages[:6])
    assert pages.index(64) < pages.index(46)
    assert [table.source.page for table in document.tables] == sorted(table.source.page for table in document.tables)
