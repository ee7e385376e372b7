"""Documents made to hurt the readers: absurd numbers, escaped pipes, a bad byte in UTF-8
markdown, HTML that never closes its tags. Each one reads as far as it can be read, with a
warning or a clear reason, and never an unhandled error."""

from __future__ import annotations

import random
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from pdfminer.psexceptions import PSEOF, PSSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from model.errors import FilingError
from model.export import fact_rows
from model.filing import load_filing
from model.readers.pdf.failures import COMPRESSION, STRUCTURE, SYNTAX, TRUNCATED, layout_failure_reason
from model.readers.pdf.stream_sizes import MAX_STREAM_BYTES, check_stream_sizes, inflated_size
from model.statements.plausible import is_plausible
from model.views.checks import load_checked_filing
from model.views.formatting import format_scaled, scaled, DisplayScale
from model.views.table import statement_table
from tests.crafted import ROWS, pdf_with_content, statement_html, statement_markdown, statement_page_content, write_statement, zeros_deflated


def test_a_megabyte_of_digits_is_left_out_of_checks_and_changes_with_a_warning(tmp_path):
    digits = "9" * 1_000_000
    rows = (ROWS[0], ("Cost of sales", digits, "50"), *ROWS[2:])
    path = tmp_path / "digits.html"
    path.write_text(statement_html(rows), encoding="utf-8")
    checked = load_checked_filing(str(path))  # checks and changes run here
    filing = checked.filing
    assert any("a number of 1,000,000 digits is beyond any plausible amount" in warning and "Cost of sales" in warning for warning in filing.warnings)
    statement = filing.statements[0]
    values = {(row["line_item"], row["value"]) for row in fact_rows(statement)}
    assert ("Cost of sales", "50") in values and not any(len(value) > 20 for _, value in values)
    for change in (change for changes in checked.changes for change in changes):
        assert is_plausible(change.value) and is_plausible(change.prior_value)
    table = statement_table(statement, DisplayScale.THOUSANDS)
    assert all(format_scaled(scaled(cell, DisplayScale.THOUSANDS)) for cell in statement.cells.values())
    assert table.lines


def test_a_megabyte_line_of_markdown_is_cut_with_a_warning(tmp_path):
    rows = (ROWS[0], ("Cost of sales", "9" * 1_000_000, "50"), *ROWS[2:])
    filing = load_checked_filing(str(write_statement(tmp_path / "digits.md", rows))).filing
    line = statement_markdown(rows).splitlines().index(next(l for l in statement_markdown(rows).splitlines() if "Cost of sales" in l)) + 1
    assert f"line(s) {line} run to more than 5,000 characters; only their first 5,000 were read" in filing.warnings
    assert any("digits is beyond any plausible amount" in warning for warning in filing.warnings)
    assert {row["line_item"] for row in fact_rows(filing.statements[0])} >= {"Revenue", "Net income"}


def test_plausible_amounts_are_every_amount_a_filing_prints():
    assert is_plausible(Decimal("-123456789012345678"))  # 18 digits
    assert is_plausible(Decimal("0.0000000001"))
    assert not is_plausible(Decimal("1" + "0" * 18))
    assert not is_plausible(Decimal("0.00000000001"))
    assert not is_plausible(Decimal("NaN"))


def test_escaped_pipes_stay_inside_their_cell(tmp_path):
    rows = (("Products \\| services", "100", "90"), ("Cost of sales", "40", "50"), ("Gross profit \\|", "60", "40"), *ROWS[3:])
    filing = load_checked_filing(str(write_statement(tmp_path / "pipes.md", rows))).filing
    facts = {(row["line_item"], row["period_end"]): row["value"] for row in fact_rows(filing.statements[0])}
    assert facts[("Products | services", "2024-06-30")] == "100"
    assert facts[("Products | services", "2023-06-30")] == "90"
    assert facts[("Gross profit |", "2024-06-30")] == "60"
    assert facts[("Gross profit |", "2023-06-30")] == "40"


def test_one_bad_byte_in_utf8_markdown_is_replaced_and_named_by_its_line(tmp_path):
    rows = (("Revenue \u2014 products", "100", "90"), *ROWS[1:])
    text = statement_markdown(rows).encode("utf-8")
    broken = text.replace(b"| Cost of sales", b"| Cost of \xff\x81sales", 1)
    line = text[: text.index(b"| Cost of sales")].count(b"\n") + 1
    path = tmp_path / "bad-byte.md"
    path.write_bytes(broken)
    filing = load_checked_filing(str(path)).filing
    assert any(f"line {line}" in warning and "replaced" in warning for warning in filing.warnings)
    labels = {row["line_item"] for row in fact_rows(filing.statements[0])}
    assert "Revenue \u2014 products" in labels, "the rest is read as UTF-8"
    assert "Cost of \ufffd\ufffdsales" in labels and "Net income" in labels


def test_a_stray_byte_no_encoding_reads_is_replaced_not_fatal(tmp_path):
    # 0x81 before a space is neither Windows-1252 nor Shift-JIS nor EUC-JP: nothing but UTF-8 with a replacement reads it
    text = statement_markdown().encode("utf-8").replace(b"Net income", b"Net \x81 income", 1)
    path = tmp_path / "stray.md"
    path.write_bytes(text)
    filing = load_checked_filing(str(path)).filing
    assert any("replaced" in warning for warning in filing.warnings)
    assert len(filing.statements[0].lines) == len(ROWS)


def test_an_inflate_bomb_pdf_is_refused_before_pdfium_reads_it(tmp_path):
    # 4 GiB of zeros deflated twice: a 10 KB file
    bomb = zlib.compress(zeros_deflated(4096), 9)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_with_content(bomb, "[/FlateDecode /FlateDecode]"))
    assert path.stat().st_size < 20_000
    with pytest.raises(FilingError) as raised:
        load_filing(path)
    assert raised.value.reason.startswith("the PDF holds a stream too large to read safely")


def test_a_single_layer_bomb_is_refused_and_a_modest_stream_is_not():
    assert inflated_size(zeros_deflated(64), MAX_STREAM_BYTES) == 64 << 20
    with pytest.raises(FilingError):
        check_stream_sizes(Path("bomb.pdf"), pdf_with_content(zeros_deflated(MAX_STREAM_BYTES // 2**20 + 1), "/FlateDecode"))
    check_stream_sizes(Path("fine.pdf"), pdf_with_content(zlib.compress(b"BT /F1 12 Tf (Revenue 100) Tj ET"), "/FlateDecode"))


def test_html_with_thousands_of_unclosed_tags_is_called_malformed(tmp_path):
    junk = "<div><b>" * 3000
    before = tmp_path / "unclosed-before.html"
    before.write_text(statement_html().replace("<body>", "<body>" + junk), encoding="utf-8")
    with pytest.raises(FilingError) as raised:
        load_filing(before)
    assert raised.value.reason.startswith("malformed HTML: from line 1 on, its tags nest more than 2,048 deep")
    assert "holds no tables" in raised.value.reason and "XML_PARSE_HUGE" not in raised.value.reason
    after = tmp_path / "unclosed-after.html"
    after.write_text(statement_html().replace("</table>", "</table>" + junk), encoding="utf-8")
    filing = load_filing(after)
    assert [len(statement.lines) for statement in filing.statements] == [len(ROWS)], "the table before the damage is recovered"
    assert any(warning.startswith("malformed HTML") and "read up to there" in warning for warning in filing.warnings)


def test_pdfminer_errors_are_said_in_plain_words(tmp_path):
    # pdfium reads past a broken dictionary; pdfminer, which lays out a rotated page, stops with
    # PSSyntaxError("Invalid dictionary construct")
    path = tmp_path / "broken-dictionary.pdf"
    path.write_bytes(pdf_with_content(statement_page_content(), page_entries=b"/Rotate 90 /Foo << /A 1 /B >> "))
    with pytest.raises(FilingError) as raised:
        load_filing(path)
    assert raised.value.reason == f"damaged PDF: its pages cannot be laid out: {SYNTAX}"
    for word in ("Pdfminer", "PSSyntaxError", "Exception", "construct"):
        assert word not in raised.value.reason


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PdfminerException(PSSyntaxError("Invalid dictionary construct: [/'A', 1]")), SYNTAX),
        (PdfminerException(PSEOF("Unexpected EOF")), TRUNCATED),
        (zlib.error("Error -3 while decompressing data"), COMPRESSION),
        (KeyError("Resources"), STRUCTURE),
    ],
)
def test_each_pdfminer_failure_has_a_meaning(error, reason):
    assert layout_failure_reason(error) == reason


@pytest.mark.parametrize("size", [0, 1, 1000, (1 << 20) + 7, 3 << 20])
def test_the_inflated_size_is_counted_exactly_through_each_layer(size):
    data = random.Random(size).randbytes(size // 2) + bytes(size - size // 2)
    once = zlib.compress(data)
    assert inflated_size(once, MAX_STREAM_BYTES) == size
    assert inflated_size(zlib.compress(once), MAX_STREAM_BYTES) == size
