"""Small filings the hostile-input tests write themselves: a markdown income statement whose
labels and values a test chooses."""

from __future__ import annotations

import zlib
from pathlib import Path

HEADERS = ("Three Months Ended June 30, 2024", "Three Months Ended June 30, 2023")
ROWS = (
    ("Revenue", "100", "90"),
    ("Cost of sales", "40", "50"),
    ("Gross profit", "60", "40"),
    ("Operating expenses", "20", "10"),
    ("Net income", "40", "30"),
)


def statement_markdown(rows: tuple[tuple[str, str, str], ...] = ROWS) -> str:
    body = "\n".join(f"| {label} | {current} | {prior} |" for label, current, prior in rows)
    return (
        "Example Corp\n\n"
        "Consolidated Statements of Operations (in millions of U.S. dollars)\n\n"
        f"| | {HEADERS[0]} | {HEADERS[1]} |\n"
        "|---|---|---|\n"
        f"{body}\n"
    )


def write_statement(path: Path, rows: tuple[tuple[str, str, str], ...] = ROWS) -> Path:
    path.write_text(statement_markdown(rows), encoding="utf-8")
    return path


def pdf_with_content(content: bytes, filters: str = "", page_entries: bytes = b"") -> bytes:
    """A one-page PDF whose page content is the stream ``content``, already encoded with
    ``filters`` (e.g. ``/FlateDecode``), in Helvetica; ``page_entries`` go into the page's
    dictionary as written. The cross-reference table is exact."""
    encoding = b" /Filter %s" % filters.encode() if filters else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R " + page_entries + b">>",
        b"<< /Length %d%s >>\nstream\n" % (len(content), encoding) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def statement_page_content(rows: tuple[tuple[str, str, str], ...] = ROWS) -> bytes:
    """Page content that prints the statement's title, headers and rows as a table."""
    lines = [(72, 740, "Example Corp Consolidated Statements of Operations (in millions)"), (300, 710, "June 30, 2024"), (420, 710, "June 30, 2023")]
    for number, (label, current, prior) in enumerate(rows):
        y = 690 - 16 * number
        lines += [(72, y, label), (330, y, current), (450, y, prior)]
    return b"\n".join(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (x, y, text.encode("latin-1")) for x, y, text in lines)


def zeros_deflated(megabytes: int) -> bytes:
    """A zlib stream of ``megabytes`` MiB of zero bytes, made without ever compressing them:
    after a full flush, deflate writes every further MiB of zeros as the same bytes, and the
    Adler-32 checksum of n zeros is ((n mod 65521) << 16) | 1."""
    mebibyte = bytes(1 << 20)
    compressor = zlib.compressobj(9)
    first = compressor.compress(mebibyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(mebibyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(mebibyte) + compressor.flush(zlib.Z_FULL_FLUSH) == repeated
    ending = compressor.flush(zlib.Z_FINISH)[:-4]
    total = megabytes << 20
    adler = ((total % 65521) << 16) | 1
    return first + repeated * (megabytes - 1) + ending + adler.to_bytes(4, "big")


def statement_html(rows: tuple[tuple[str, str, str], ...] = ROWS) -> str:
    body = "".join(f"<tr><td>{label}</td><td>{current}</td><td>{prior}</td></tr>" for label, current, prior in rows)
    return (
        "<html><body><p>Example Corp</p>"
        "<p>Consolidated Statements of Operations (in millions of U.S. dollars)</p>"
        f"<table><tr><td></td><td>{HEADERS[0]}</td><td>{HEADERS[1]}</td></tr>{body}</table>"
        "</body></html>"
    )


def inflate_bomb_pdf(path: Path, inflated_bytes: int) -> Path:
    """A one-page PDF whose content stream is small compressed and ``inflated_bytes`` inflated."""
    path.write_bytes(pdf_with_content(zeros_deflated(inflated_bytes >> 20), "/FlateDecode"))
    return path
