"""One reader per input format, registered by file suffix.

``read_document`` is the only entry point: it checks the file is a regular file it can read,
picks the reader by suffix and by content sniffing, and turns anything a reader could
not make sense of into a ``FilingError`` with a plain reason.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path

from model.errors import FilingError
from model.raw import RawDocument
from model.readers.files import REMOVED_REASON, read_file_bytes, regular_file_size

ProgressCallback = Callable[[float, str], None]
Reader = Callable[[Path, ProgressCallback | None], RawDocument]

# suffix -> module under model.readers; imported only when a file of that kind is opened
# so that start-up does not pay for pdfplumber or lxml.
_READER_MODULES: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".tsv": "text",
    ".pdf": "pdf",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READER_MODULES)

def file_dialog_filters() -> list[str]:
    """Type filters for open dialogs, most useful first."""
    return [
        "Filings (*.pdf *.htm *.html *.xhtml *.txt *.md *.markdown *.tsv)",
        "PDF filings (*.pdf)",
        "SEC HTML filings (*.htm *.html *.xhtml)",
        "Text and markdown conversions (*.txt *.md *.markdown *.tsv)",
        "All files (*)",
    ]


def sniff_format(path: Path, head: bytes) -> str:
    """The reader module for a file, by content first and suffix second."""
    stripped = head.lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    lowered = stripped[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered:
        return "html"
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raise FilingError(path, "not a PDF file (it does not start with a PDF header); it may be damaged or mislabelled")
    if suffix in _READER_MODULES:
        return _READER_MODULES[suffix]
    if _looks_like_text(head):
        return "text"
    raise FilingError(
        path,
        f"unsupported file type '{suffix or 'no extension'}'; Tickmark reads PDF, HTML, text and markdown filings",
    )


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # a multi-byte character cut at the end of the sample is still text
        return error.start >= len(head) - 4
    return True


def read_document(path: str | Path, progress: ProgressCallback | None = None, password: str = "") -> RawDocument:
    """Read one filing into raw tables. Raises FilingError with a plain reason. ``password``
    opens a protected PDF (only PDFs have one)."""
    path = Path(path)
    regular_file_size(path)
    module_name = sniff_format(path, read_file_bytes(path, head=4096))
    module = importlib.import_module(f"model.readers.{module_name}")
    try:
        if password and module_name == "pdf":
            return module.read(path, progress, password)
        return module.read(path, progress)
    except FileNotFoundError:
        raise FilingError(path, REMOVED_REASON) from None
    except FilingError:
        if not os.path.lexists(path):  # a reader that opens the path itself only sees a broken file
            raise FilingError(path, REMOVED_REASON) from None
        raise
