"""One reader per input format, registered by file suffix.

``read_document`` is the only entry point: it checks the file is there and readable,
picks the reader by suffix and by content sniffing, and turns anything a reader could
not make sense of into a ``FilingError`` with a plain reason.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from model.errors import FilingError
from model.raw import RawDocument

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

MAX_FILE_BYTES = 200 * 1024 * 1024


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
    if not path.exists():
        raise FilingError(path, "file not found")
    if path.is_dir():
        raise FilingError(path, "is a folder, not a file")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
    except PermissionError:
        raise FilingError(path, "permission denied: the file cannot be read") from None
    except OSError as error:
        raise FilingError(path, f"cannot be read ({error.strerror or error})") from None
    if size == 0:
        raise FilingError(path, "the file is empty")
    if size > MAX_FILE_BYTES:
        raise FilingError(path, f"the file is too large ({size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)")
    module_name = sniff_format(path, head)
    module = importlib.import_module(f"model.readers.{module_name}")
    if password and module_name == "pdf":
        return module.read(path, progress, password)
    return module.read(path, progress)
