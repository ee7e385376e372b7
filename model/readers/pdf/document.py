"""Opening a PDF and reading its pages.

Two passes, because a page's words and rules cost ~100-500 ms with pdfplumber and its plain
text ~2 ms with pypdfium2: pypdfium2 reads every page (text lines, running headers, which pages
look like tables), then the pages that do are read for their words and drawn rules, statement
pages first: from pdfium's characters and paths where they give what pdfplumber would
(pdfium_page), with pdfplumber otherwise. A page whose layout cannot be read is skipped with a
warning naming it."""

from __future__ import annotations

import logging
import struct
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_raw
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from pdfplumber.utils.text import extract_words

from model.errors import FilingError, PasswordRequired
from model.pdfium_lock import PDFIUM_LOCK
from model.raw import RawDocument, RawTable
from model.readers import ProgressCallback
from model.readers.files import read_file_bytes
from model.readers.pdf.chars import tickmark_word
from model.readers.pdf.failures import layout_failure_reason
from model.readers.pdf.geometry import Rule, Word
from model.readers.pdf.page_text import find_table_pages, reading_order, running_line_keys, text_lines
from model.readers.pdf.pdfium_page import PageContent, read_pages
from model.readers.pdf.stream_sizes import check_stream_sizes
from model.readers.pdf.tables import PageInfo, page_tables
from model.readers.pdf.titles import carried_title, statement_pages

# pdfminer reports a broken content stream with whichever Python error it runs into; pdfium
# has already accepted the file by then, so such a page is skipped with a warning
_LAYOUT_FAILURES = (
    PSException,
    PdfminerException,
    MalformedPDFException,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    struct.error,
    zlib.error,
)


PASSWORD_REASON = "the PDF is password-protected: it opens with its password"
WRONG_PASSWORD_REASON = "the password is not right for this PDF"


SCANNED_REASON = "scanned PDF: no text layer, OCR is not supported"


def read(path: Path, progress: ProgressCallback | None = None, password: str = "") -> RawDocument:
    """Read every table of a text-layer PDF. Raises FilingError with a plain reason
    (PasswordRequired when the PDF needs a password it was not given)."""
    report = progress or (lambda fraction, message: None)
    check_stream_sizes(path, read_file_bytes(path))  # before pdfium can abort on an inflate bomb
    report(0.0, "reading the PDF's text")
    page_texts, warnings = read_page_texts(path, password)
    if not any(len("".join(text.split())) >= 20 for text in page_texts):
        raise FilingError(path, SCANNED_REASON)
    table_pages = find_table_pages(page_texts)
    running = running_line_keys(page_texts)
    report(0.05, f"{len(table_pages)} of {len(page_texts)} pages hold tables")
    pages = [
        PageInfo(path.name, number, 0.0, running, carried_title(page_texts[number - 2], running) if number > 1 else "")
        for number in table_pages
    ]
    tables, page_warnings = read_tables(path, pages, report, password, first=statement_pages(table_pages, page_texts, running))
    report(1.0, f"{len(tables)} tables found")
    return RawDocument(
        file_name=path.name,
        path=str(path),
        format="pdf",
        tables=tables,
        text_lines=[line for text in page_texts for line in text_lines(text)],
        page_count=len(page_texts),
        warnings=warnings + page_warnings,
    )


def read_page_texts(path: Path, password: str = "") -> tuple[list[str], list[str]]:
    """The plain text of every page (pypdfium2, fast), and warnings about pages without text."""
    with PDFIUM_LOCK:
        return _page_texts(path, password)


def _page_texts(path: Path, password: str) -> tuple[list[str], list[str]]:
    try:
        document = pypdfium2.PdfDocument(path, password=password)
    except pypdfium2.PdfiumError as error:
        if error.err_code == pdfium_raw.FPDF_ERR_PASSWORD:
            raise PasswordRequired(path, WRONG_PASSWORD_REASON if password else PASSWORD_REASON) from None
        raise FilingError(path, _open_failure_reason(error)) from None
    texts: list[str] = []
    image_only: list[int] = []
    unreadable: list[int] = []
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                textpage = page.get_textpage()
            except pypdfium2.PdfiumError:
                unreadable.append(index + 1)
                texts.append("")
                continue
            texts.append(textpage.get_text_range())
            if not texts[-1].strip() and _has_images(page):
                image_only.append(index + 1)
            textpage.close()
            page.close()
    finally:
        document.close()
    if not texts or len(unreadable) == len(texts):
        raise FilingError(path, "damaged PDF: none of its pages can be read")
    warnings = []
    if unreadable:
        warnings.append(f"page(s) {_page_list(unreadable)} are damaged and were skipped")
    if image_only and len(image_only) < len(texts):
        warnings.append(f"page(s) {_page_list(image_only)} are scanned images without text; their tables were not read")
    return texts, warnings


def _page_list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _open_failure_reason(error: pypdfium2.PdfiumError) -> str:
    if error.err_code == pdfium_raw.FPDF_ERR_PASSWORD:
        return PASSWORD_REASON
    if error.err_code == pdfium_raw.FPDF_ERR_SECURITY:
        return "the PDF uses a kind of protection Tickmark cannot open; save an unprotected copy from a PDF viewer and open that"
    return "damaged PDF: its structure cannot be read (it may be truncated, corrupt or not really a PDF)"


def _has_images(page: pypdfium2.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=1))


def read_tables(
    path: Path, pages: list[PageInfo], report: ProgressCallback, password: str = "", first: Sequence[int] = ()
) -> tuple[list[RawTable], list[str]]:
    """Words and rules of the given pages (pdfium where it reads them as pdfplumber would,
    pdfplumber for the rest), the pages numbered in `first` before the others, then the layout
    analysis of each page in page order, so that tables are numbered as printed."""
    tables: list[RawTable] = []
    warnings: list[str] = []
    if not pages:
        return tables, warnings
    numbers = reading_order([info.number for info in pages], first)
    contents: dict[int, PageContent | None] = {}
    with PDFIUM_LOCK:
        for done, (number, content) in enumerate(read_pages(path, numbers, password)):
            report(0.05 + 0.45 * done / len(numbers), f"reading tables on page {number}")
            contents[number] = content
    fallback = [number for number in numbers if contents[number] is None]
    if fallback:
        plumbed, page_warnings = _plumber_contents(path, fallback, report, password)
        contents.update(plumbed)
        warnings += page_warnings
    for info in pages:
        content = contents.get(info.number)
        if content is None:
            continue
        try:
            found = page_tables(content.words, content.rules, replace(info, height=content.height), first_index=len(tables))
        except _LAYOUT_FAILURES as error:
            # one page whose words or layout make no sense costs its tables, never the document's
            warnings.append(f"page {info.number} could not be laid out: {layout_failure_reason(error)}; its tables are missing")
            continue
        tables.extend(found)
    return tables, warnings


def _plumber_contents(
    path: Path, numbers: list[int], report: ProgressCallback, password: str
) -> tuple[dict[int, PageContent | None], list[str]]:
    """pdfplumber's words and rules of the pages pdfium cannot be trusted with."""
    contents: dict[int, PageContent | None] = {}
    warnings: list[str] = []
    try:
        # the file opened here, not by pdfplumber, which leaves its own handle open when pdfminer fails with other than its own errors
        with _pdfminer_quiet(), path.open("rb") as stream, pdfplumber.open(stream, password=password, pages=sorted(numbers)) as pdf:
            for done, page in enumerate(pdf.pages):
                report(0.5 + 0.45 * done / len(numbers), f"reading tables on page {page.page_number}")
                try:
                    contents[page.page_number] = PageContent(page_words(page), vertical_rules(page), float(page.height))
                except _LAYOUT_FAILURES as error:
                    warnings.append(f"page {page.page_number} could not be laid out: {layout_failure_reason(error)}; its tables are missing")
                    contents[page.page_number] = None
                finally:
                    page.close()
    except _LAYOUT_FAILURES as error:
        raise FilingError(path, f"damaged PDF: its pages cannot be laid out: {layout_failure_reason(error)}") from None
    return contents, warnings


@contextmanager
def _pdfminer_quiet() -> Iterator[None]:
    """pdfminer logs a warning for every font it cannot measure ("Could not get FontBBox");
    nothing a user can act on, and stderr belongs to the command line's error lines."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    """The page's upright words with their font size, from characters whose size is rounded to a
    millionth of a point: pdfminer takes a size as the difference of two transformed coordinates,
    so one font on two baselines can differ in the last bits, which ends pdfplumber's run of one
    size (a ")" set 0.75 pt lower would become a word of its own)."""
    chars = [{**char, "size": round(char["size"], 6)} for char in page.chars]
    raw_words = extract_words(chars, x_tolerance=3, y_tolerance=3, keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    words = []
    for raw in raw_words:
        word = tickmark_word(raw["text"], float(raw["x0"]), float(raw["x1"]), float(raw["top"]), float(raw["bottom"]), float(raw["size"]))
        if raw.get("upright", True) and word is not None:
            words.append(word)
    return words


def vertical_rules(page: pdfplumber.page.Page) -> list[Rule]:
    """Drawn vertical rules as (x, top, bottom): thin lines and hairline rectangles, not shading."""
    rules = [(float(l["x0"]), float(l["top"]), float(l["bottom"])) for l in page.lines if abs(l["x1"] - l["x0"]) < 1.0]
    rules += [
        ((float(r["x0"]) + float(r["x1"])) / 2, float(r["top"]), float(r["bottom"]))
        for r in page.rects
        if r["x1"] - r["x0"] <= 2.0 and r["bottom"] - r["top"] >= 5.0
    ]
    return rules
