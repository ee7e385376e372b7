"""Where a number was printed, for the source view: the PDF page with the cell's box, or the
source lines of a text or HTML filing with the cell's line marked. An analyst checks a figure
against the document in a second instead of opening the file and searching for it.

Rendering uses pypdfium2 only (the GUI process never loads pdfplumber) and runs off the GUI
thread; the result is plain data (RGBA bytes) for the window to wrap in an image."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from model.errors import FilingError
from model.pdfium_lock import PDFIUM_LOCK
from model.readers.files import read_file_bytes
from model.statements.statement import Cell

CONTEXT_LINES = 12  # shown above and below the cell's line
LONG_LINE = 240  # characters of a visible line worth showing around the cell's text
HTML_SUFFIXES = (".htm", ".html", ".xhtml")
_TAG_RE = re.compile(r"<[^>]*>")
_OPEN_TAG_RE = re.compile(r"<[^>]*$")


class SourceUnavailable(Exception):
    """The source page cannot be shown (a PDF that needs its password, a damaged page)."""


@dataclass(frozen=True, slots=True)
class PdfLocation:
    """A cell on a PDF page: ``bbox`` is (x0, top, x1, bottom) in PDF points from the page's top left."""

    path: str
    page: int  # 1-based
    bbox: tuple[float, float, float, float] | None
    text: str


@dataclass(frozen=True, slots=True)
class SourceLine:
    number: int  # 1-based line of the file
    text: str  # as shown: an HTML line without its tags


@dataclass(frozen=True, slots=True)
class TextLocation:
    """Lines around a cell of a text or HTML filing; ``marked`` is the line that prints it."""

    path: str
    lines: tuple[SourceLine, ...]
    marked: int | None  # a line number among ``lines``
    text: str  # the cell as printed, to find within the marked line

    def marked_index(self) -> int | None:
        return next((n for n, line in enumerate(self.lines) if line.number == self.marked), None)


Location = PdfLocation | TextLocation


def locate(cell: Cell, path_of: Callable[[str], str | None]) -> Location | None:
    """Where ``cell`` was printed; ``path_of`` turns the source's file name into a path (None
    when that filing is no longer open)."""
    source = cell.source
    path = path_of(source.file)
    if path is None:
        return None
    if source.page is not None:
        return PdfLocation(path, source.page, source.bbox, cell.text)
    if source.line is not None:
        return text_excerpt(path, source.line, cell.text)
    return None


def visible_text(line: str) -> str:
    """An HTML source line as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_OPEN_TAG_RE.sub(" ", _TAG_RE.sub(" ", line))).split())


def _around(text: str, needle: str) -> str:
    """A long line cut to the part around ``needle`` (a one-line HTML file holds a whole table)."""
    if len(text) <= LONG_LINE:
        return text
    at = text.find(needle) if needle else -1
    start = max(0, (at if at >= 0 else 0) - LONG_LINE // 2)
    cut = text[start : start + LONG_LINE]
    return ("\u2026" if start else "") + cut + ("\u2026" if start + LONG_LINE < len(text) else "")


def text_excerpt(path: str, line: int, cell_text: str, context: int = CONTEXT_LINES) -> TextLocation:
    """The file's lines around ``line``. In HTML the row's line may hold only ``<tr>``: the
    mark goes to the first line from there that shows the cell's text."""
    try:
        data = read_file_bytes(path)  # the file may have become a pipe or a device since it was read
    except FilingError as error:
        raise SourceUnavailable(error.reason) from None
    raw = data.decode("utf-8", errors="replace").splitlines()
    is_html = path.lower().endswith(HTML_SUFFIXES)
    shown = (lambda text: visible_text(text)) if is_html else (lambda text: text.rstrip())
    marked = line
    if is_html and cell_text:
        for number in range(line, min(len(raw), line + 80) + 1):
            if cell_text in shown(raw[number - 1]):
                marked = number
                break
    lines = []
    for number in range(max(1, marked - context), min(len(raw), marked + context) + 1):
        text = shown(raw[number - 1])
        if is_html and not text and number != marked:
            continue  # markup only
        lines.append(SourceLine(number, _around(text, cell_text)))
    return TextLocation(path, tuple(lines), marked if 1 <= marked <= len(raw) else None, cell_text)


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A PDF page as RGBA pixels at ``scale`` pixels per point."""

    width: int
    height: int
    stride: int
    pixels: bytes
    scale: float
    page_count: int

    def box(self, bbox: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        """A bbox in points from the page top as (x, y, width, height) in pixels."""
        x0, top, x1, bottom = bbox
        return (round(x0 * self.scale), round(top * self.scale), round((x1 - x0) * self.scale), round((bottom - top) * self.scale))


def render_pdf_page(path: str, page: int, scale: float, password: str = "") -> RenderedPage:
    """Page ``page`` (1-based) of a PDF at ``scale`` pixels per point."""
    import pypdfium2  # the source view's only PDF library: fast, and no pdfplumber in this process

    with PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(path, password=password or None)
        except pypdfium2.PdfiumError as error:
            needs = error.err_code == pypdfium2.raw.FPDF_ERR_PASSWORD
            raise SourceUnavailable("the PDF needs its password, which Tickmark does not keep" if needs else f"the PDF cannot be opened ({error})") from None
        try:
            pdf_page = document[page - 1]
            bitmap = pdf_page.render(scale=scale, force_bitmap_format=pypdfium2.raw.FPDFBitmap_BGRA, rev_byteorder=True)
            rendered = RenderedPage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer), scale, len(document))
            bitmap.close()
            pdf_page.close()
        finally:
            document.close()
    return rendered
