"""How many pages a file holds, cheaply and before it is read, so that progress over several
filings counts pages rather than files (a 150-page 10-K is not one step like a 4-page release).
A PDF's own page count; for text and HTML, the pages it would print on."""

from __future__ import annotations

from pathlib import Path

from model.errors import FilingError
from model.pdfium_lock import PDFIUM_LOCK
from model.readers.files import read_file_bytes, regular_file_size

TEXT_BYTES_PER_PAGE = 4_000  # about 60 lines of 70 characters
HTML_BYTES_PER_PAGE = 60_000  # an SEC filing's markup is mostly tags


PDF_BYTES_PER_PAGE = 30_000  # the shared filings: 9 KB (a 10-K) to 60 KB (a release with pictures)


def estimated_pages(path: str | Path) -> int:
    """A guess from the file's size alone, before a worker counts: never opens the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        return 1
    suffix = path.suffix.lower()
    per_page = PDF_BYTES_PER_PAGE if suffix == ".pdf" else HTML_BYTES_PER_PAGE if suffix in (".htm", ".html", ".xhtml") else TEXT_BYTES_PER_PAGE
    return max(1, size // per_page)


def page_count(path: str | Path) -> int:
    """At least 1; a file that cannot be opened counts as one page (its load reports why)."""
    path = Path(path)
    try:
        size = regular_file_size(path)
        head = read_file_bytes(path, head=1024)
    except FilingError:
        return 1
    if head.startswith(b"%PDF"):
        return _pdf_pages(path)
    per_page = HTML_BYTES_PER_PAGE if b"<html" in head.lower() or path.suffix.lower() in (".htm", ".html", ".xhtml") else TEXT_BYTES_PER_PAGE
    return max(1, size // per_page)


def _pdf_pages(path: Path) -> int:
    import pypdfium2

    with PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(path)
        except pypdfium2.PdfiumError:
            return 1
        try:
            return max(1, len(document))
        finally:
            document.close()
