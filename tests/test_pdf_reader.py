"""The PDF reader on real filings: tables rebuilt from word positions, at RawTable level.

Each real filing is read once per module (a read takes a few seconds); the error cases use
files made in the test. Timings are not tested here: see bench/bench_pdf.py.
"""

from __future__ import annotations

import hashlib
import os
import struct

import pytest

from model.errors import FilingError, PasswordRequired
from model.interpretation.numbers import CellKind, parse_number
from model.raw import RawDocument, RawTable
from model.readers import pdf, read_document
from model.readers.pdf import document as pdf_document
from tests.support import filing, needs_filings

# ----------------------------------------------------------------------------- helpers


def rows_labelled(document: RawDocument, label: str, page: int | None = None) -> list[list[str]]:
    """Every row whose label is ``label`` (case and spacing ignored), as cell texts."""
    wanted = " ".join(label.lower().split())
    return [
        row
        for table in document.tables
        if page is None or table.source.page == page
        for row in table.texts()
        if " ".join(row[0].lower().split()) == wanted
    ]


def figures(row: list[str]) -> list[str]:
    return [cell for cell in row[1:] if cell]


def table_with(document: RawDocument, label: str, page: int | None = None) -> RawTable:
    wanted = " ".join(label.lower().split())
    return next(
        table
        for table in document.tables
        if (page is None or table.source.page == page)
        and any(" ".join(row[0].lower().split()) == wanted for row in table.texts())
    )


def header_rows(table: RawTable) -> list[list[str]]:
    """The rows above the first row that has a label and a figure, less the section rows
    ("REVENUE", "ASSETS:") that sit between the headers and that row."""
    texts = table.texts()
    first_body = next(i for i, row in enumerate(texts) if row[0] and any(parse_number(c).kind is CellKind.NUMBER for c in row[1:]))
    rows = texts[:first_body]
    while rows and not any(rows[-1][1:]):
        rows.pop()
    return rows


_READS: dict[str, RawDocument] = {}


def read(name: str) -> RawDocument:
    """A real filing read once for the whole module."""
    if name not in _READS:
        _READS[name] = pdf.read(filing(name))
    return _READS[name]


# ----------------------------------------------------------------------------- pure steps


def word(text: str, x0: float, x1: float, top: float = 100.0, size: float = 8.0) -> pdf.Word:
    return pdf.Word(text, x0, x1, top, top + size, size)


def test_split_signs_are_glued_back_onto_their_figures_and_lone_dollars_dropped():
    tokens = pdf.glue_fragments(
        [
            word("Interest", 60, 90),
            word("$", 300, 305),
            word("(7,348", 340, 368),
            word(")", 368, 371),
            word("(0.3", 405, 420),
            word("%)", 420, 431),
            word("△", 470, 476),
            word("22,850", 478, 500),
        ]
    )
    assert [t.text for t in tokens] == ["Interest", "(7,348)", "(0.3%)", "△ 22,850"]


def test_numbers_inside_a_label_are_not_values_but_figures_in_columns_are():
    line = pdf.make_line(
        [word("Balance", 50, 80), word("at", 82, 90), word("December", 92, 130), word("31,", 132, 142), word("2023", 144, 162)]
        + [word("1,234", 300, 325), word("(56)", 380, 398)]
    )
    assert [w.text for w in line.value_words] == ["1,234", "(56)"]


def test_a_note_number_opening_a_line_is_not_a_value():
    line = pdf.make_line([word("(1)", 50, 61), word("Amounts", 86, 122), word("include", 125, 154)])
    assert not line.has_values


def test_pages_of_prose_are_not_worth_a_layout_analysis():
    statement = "\n".join(["CONSOLIDATED BALANCE SHEETS"] + [f"Item {i} 1,{i}00 2,{i}00" for i in range(9)])
    prose = "\n".join(["Revenue grew 5% to $1,234 million in the quarter, driven by services."] * 30)
    assert pdf.find_table_pages([prose, statement, prose]) == [2]


# ----------------------------------------------------------------------------- damaged and unreadable files


def test_an_image_only_pdf_is_reported_as_scanned(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (400, 300), "white").save(path)
    with pytest.raises(FilingError, match="scanned"):
        pdf.read(path)


def test_random_bytes_named_pdf_are_a_filing_error(tmp_path):
    path = tmp_path / "noise.pdf"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(FilingError):
        read_document(path)
    with pytest.raises(FilingError, match="^.*damaged PDF"):
        pdf.read(path)


def test_a_truncated_pdf_is_reported_as_damaged(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    with pytest.raises(FilingError, match="damaged PDF"):
        read_document(path)


def test_a_pdf_that_needs_a_password_opens_with_it_and_only_with_it(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(password_protected_pdf(b"secret"))
    with pytest.raises(PasswordRequired) as caught:
        read_document(path)
    assert caught.value.reason == pdf.PASSWORD_REASON
    with pytest.raises(PasswordRequired) as caught:
        read_document(path, password="guess")
    assert caught.value.reason == pdf.WRONG_PASSWORD_REASON
    with pytest.raises(FilingError, match="scanned") as caught:  # opened: its one page has no text
        read_document(path, password="secret")
    assert not isinstance(caught.value, PasswordRequired)


_PASSWORD_PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def password_protected_pdf(user_password: bytes) -> bytes:
    """A one-page PDF under the standard security handler (RC4, revision 2) whose user
    password is not empty (PDF 1.7 reference, algorithms 3.2 to 3.4)."""
    padded = (user_password + _PASSWORD_PADDING)[:32]
    owner = _rc4(hashlib.md5(_PASSWORD_PADDING).digest()[:5], padded)
    file_id = b"tickmark-test-id"
    permissions = -4
    key = hashlib.md5(padded + owner + struct.pack("<i", permissions) + file_id).digest()[:5]
    user = _rc4(key, _PASSWORD_PADDING)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (owner.hex().encode(), user.hex().encode(), permissions),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# ----------------------------------------------------------------------------- real filings


@needs_filings
def test_costco_income_statement_rows_keep_their_four_columns_in_order():
    document = read("costco_fy2023q3_earnings_release.pdf")
    assert figures(rows_labelled(document, "Net sales", page=3)[0]) == ["52,604", "51,612", "160,280", "151,966"]
    assert figures(rows_labelled(document, "Total revenue", page=3)[0]) == ["53,648", "52,596", "163,351", "154,863"]
    assert figures(rows_labelled(document, "Interest expense", page=3)[0]) == ["(36)", "(35)", "(104)", "(110)"]


@needs_filings
def test_costco_income_statement_has_its_title_caption_and_stacked_header_rows():
    document = read("costco_fy2023q3_earnings_release.pdf")
    table = table_with(document, "Net sales", page=3)
    assert table.title == "CONSOLIDATED STATEMENTS OF INCOME"
    assert "(dollars in millions, except per share data)" in table.context
    # one header row per printed header line, each cell over its own value column
    assert header_rows(table) == [
        ["", "12 Weeks Ended", "12 Weeks Ended", "36 Weeks Ended", "36 Weeks Ended"],
        ["", "May 7, 2023", "May 8, 2022", "May 7, 2023", "May 8, 2022"],
    ]


@needs_filings
def test_costco_balance_sheet_runs_over_two_pages_and_foots_on_the_second():
    document = read("costco_fy2023q3_earnings_release.pdf")
    first_part = table_with(document, "Cash and cash equivalents", page=3)
    assert first_part.title == "CONSOLIDATED BALANCE SHEETS"
    assert figures(rows_labelled(document, "Total assets", page=4)[0]) == ["66,752", "64,166"]
    continuation = table_with(document, "Total assets", page=4)
    assert continuation.title == ""  # the builder merges an untitled continuation into the part before
    assert figures(rows_labelled(document, "Total liabilities and equity", page=4)[0]) == ["66,752", "64,166"]


@needs_filings
def test_a_label_wrapped_around_its_figures_is_one_row():
    document = read("costco_fy2023q3_earnings_release.pdf")
    labels = [row[0] for table in document.tables for row in table.texts()]
    preferred = [label for label in labels if label.startswith("Preferred stock")]
    assert preferred == ["Preferred stock $0.005 par value; 100,000,000 shares authorized; no shares issued and outstanding"]
    assert figures(rows_labelled(document, preferred[0])[0]) == ["—", "—"]


@needs_filings
def test_every_cell_says_where_it_was_printed_and_labels_keep_their_indent():
    document = read("costco_fy2023q3_earnings_release.pdf")
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert cell.source.file == "costco_fy2023q3_earnings_release.pdf"
                assert cell.source.page == table.source.page
                x0, top, x1, bottom = cell.source.bbox
                assert x0 <= x1 and top <= bottom
    table = table_with(document, "Net sales", page=3)
    indent = {row[0].text: row[0].source.bbox[0] for row in table.rows}
    assert indent["Net sales"] > indent["REVENUE"]


@needs_filings
def test_costco_text_lines_cover_every_page():
    document = read("costco_fy2023q3_earnings_release.pdf")
    assert document.page_count == 4
    assert "CONSOLIDATED STATEMENTS OF INCOME" in document.text_lines
    assert any("third quarter" in line for line in document.text_lines)


@needs_filings
def test_intel_net_revenue_in_its_four_period_columns():
    document = read("intel_2022q4_earnings_release.pdf")
    assert figures(rows_labelled(document, "Net revenue", page=8)[0]) == ["14,042", "20,528", "63,054", "79,024"]
    table = table_with(document, "Net revenue", page=8)
    assert table.title == "Consolidated Statements of Income and Other Information"
    # the units caption printed in the label column of a header row is context too
    assert table.context[-1] == "(In Millions, Except Per Share Amounts; unaudited)"
    assert header_rows(table)[0][1:] == ["Three Months Ended"] * 2 + ["Twelve Months Ended"] * 2


@needs_filings
def test_intel_segment_table_split_by_blank_rows_stays_one_table():
    document = read("intel_2022q4_earnings_release.pdf")
    table = table_with(document, "Total operating segment revenue", page=11)
    labels = [row[0] for row in table.texts()]
    assert "Desktop" in labels and "Intel Foundry Services" in labels


@needs_filings
def test_eaton_balance_sheet_totals():
    document = read("eaton_2023_10k_oci_bs_extract.pdf")
    assert figures(rows_labelled(document, "Total assets")[0]) == ["38,432", "35,014"]
    assert table_with(document, "Total assets").title == "CONSOLIDATED BALANCE SHEETS"


@needs_filings
def test_ulta_negatives_split_in_the_text_layer_are_joined():
    document = read("ulta_fy2023q1_earnings_release.pdf")
    row = rows_labelled(document, "Interest (income) expense, net", page=5)[0]
    assert figures(row) == ["(7,348)", "(0.3%)", "401", "0.0%"]


@needs_filings
def test_japan_post_full_year_balance_sheet_printed_side_by_side_becomes_two_tables():
    document = read("japanpost_insurance_fy2024_fullyear_results.pdf")
    assets = table_with(document, "Total assets", page=18)
    liabilities = table_with(document, "Total liabilities", page=18)
    assert assets is not liabilities
    assert assets.source.bbox[2] < liabilities.source.bbox[0]  # left of it
    assert figures(rows_labelled(document, "Total assets", page=18)[0]) == ["60,857,090", "59,555,517"]
    assert figures(rows_labelled(document, "Total liabilities and net assets", page=18)[0]) == ["60,857,090", "59,555,517"]
    for table in (assets, liabilities):
        assert table.title == "5. Unaudited Non-Consolidated Balance Sheets"
        assert "(Millions of yen)" in table.context
        assert [row[1:] for row in header_rows(table)][:2] == [["As of March 31,"] * 2, ["2024", "2025"]]
    # labels wrapped over two lines with the figures printed between them
    assert figures(rows_labelled(document, "Receivables under resale agreements", page=18)[0]) == ["1,047,192", "604,914"]
    assert figures(rows_labelled(document, "Loans to the Management Network", page=18)[0]) == ["2,282,432", "1,616,372"]


@needs_filings
def test_encrypted_pdfs_with_an_empty_password_open_rc4_and_aes():
    aes = read("japanpost_insurance_fy2024_9m_results.pdf")  # AES-128
    assert figures(rows_labelled(aes, "ORDINARY INCOME", page=15)[0])[-1] == "4,334,634"
    rc4 = read("salesforce_fy2023q3_10q.pdf")  # RC4-128
    assert figures(rows_labelled(rc4, "Total revenues", page=4)[0]) == ["7,837", "6,863", "22,968", "19,166"]


@needs_filings
def test_only_pages_that_look_like_tables_get_a_layout_analysis(monkeypatch):
    laid_out: list[int] = []
    page_tables = pdf_document.page_tables

    def counting(words, rules, page, first_index=0):
        laid_out.append(page.number)
        return page_tables(words, rules, page, first_index)

    monkeypatch.setattr(pdf_document, "page_tables", counting)
    document = pdf.read(filing("salesforce_fy2023_10k.pdf"))
    assert document.page_count == 152
    assert len(laid_out) < 152 / 3
    assert {60, 61, 62, 64} <= set(laid_out)  # balance sheet, operations, comprehensive income, cash flows
    assert figures(rows_labelled(document, "Total assets", page=60)[0]) == ["98,849", "95,209"]
    assert any("fiscal year ended January 31, 2023" in line for line in document.text_lines)


@needs_filings
def test_progress_is_reported_up_to_done():
    reports: list[tuple[float, str]] = []
    pdf.read(filing("eaton_2023_10k_oci_bs_extract.pdf"), lambda fraction, message: reports.append((fraction, message)))
    fractions = [fraction for fraction, _ in reports]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0 and len(reports) >= 3


@needs_filings
def test_nippon_express_notes_column_and_two_currencies():
    document = read("nippon_express_fy2024_consolidated_fs.pdf")
    table = table_with(document, "Other financial assets", page=3)
    headers = header_rows(table)
    notes_column = next(c for c in range(1, table.width) if any(row[c] == "Notes" for row in headers))
    row = rows_labelled(document, "Other financial assets", page=3)[0]
    assert row[notes_column] == "5,16,34"
    assert figures(row) == ["5,16,34", "88,375", "100,670", "636,429"]
    assert headers[-1][-1] == "(Thousands of U.S. dollars)"
    # a figure printed higher than its label and a Notes cell wrapped over three lines
    assert figures(rows_labelled(document, "Other expenses", page=5)[0]) == ["10,11 28", "39,262", "29,651", "187,451"]
    assert figures(rows_labelled(document, "Cost of sales", page=5)[0]) == ["8,10 11,12 13,22", "2,011,471", "2,355,951", "14,894,118"]


@needs_filings
def test_japanese_triangle_negatives_are_kept_as_printed():
    document = read("bandainamco_fy2022_supplementary_segments.pdf")
    row = rows_labelled(document, "Elimination and Corporate", page=1)[0]
    assert "△ 22,850" in row


@needs_filings
def test_page_numbers_and_running_headers_are_never_titles():
    for name in ("salesforce_fy2023q3_10q.pdf", "japanpost_insurance_fy2024_9m_results.pdf", "intel_2022q4_earnings_release.pdf"):
        for table in read(name).tables:
            assert table.title.strip() not in {"Table of Contents", "JAPAN POST INSURANCE Co., Ltd."}
            assert not table.title.strip().isdigit()
            assert not table.title.startswith("Intel/Page")


@needs_filings
def test_a_statement_title_printed_at_the_foot_of_the_page_before_titles_the_table():
    document = read("japanpost_insurance_fy2024h1_results.pdf")
    table = table_with(document, "CASH FLOWS FROM OPERATING ACTIVITIES", page=30)
    assert table.title == "(5) Unaudited Consolidated Statements of Cash Flows"


@needs_filings
def test_pepsico_banners_head_both_columns_under_them_and_indented_wrapped_labels_join():
    document = read("pepsico_2023q2_earnings_release.pdf")
    table = table_with(document, "Net Revenue", page=5)
    assert header_rows(table) == [
        ["", "12 Weeks Ended", "12 Weeks Ended", "24 Weeks Ended", "24 Weeks Ended"],
        ["", "6/17/2023", "6/11/2022", "6/17/2023", "6/11/2022"],
    ]
    assert figures(rows_labelled(document, "Net Income Attributable to PepsiCo", page=5)[0]) == ["2,748", "1,429", "4,680", "5,690"]
    # "PepsiCo Beverages North" / "  America  10  0.5 ..." is one row
    assert rows_labelled(document, "PepsiCo Beverages North America", page=2)[0][1:4] == ["10", "0.5", "(1)"]
