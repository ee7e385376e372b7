"""A page's words and drawn rules read with pdfium, about twenty times cheaper than pdfminer's
interpretation of the page, in the coordinates pdfplumber gives (points from the top-left of
the MediaBox).

Only where pdfium's characters give pdfplumber's words: a page pdfium cannot be trusted with
(a rotated page, a MediaBox not at the origin, or whatever page_chars refuses) is None, for
pdfplumber to read instead."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from model.readers.pdf.chars import words_from_chars
from model.readers.pdf.geometry import Rule, Word
from model.readers.pdf.pdfium_chars import page_chars
from model.readers.pdf.pdfium_rules import page_rules


@dataclass(frozen=True, slots=True)
class PageContent:
    words: list[Word]
    rules: list[Rule]
    height: float


def read_pages(path: Path, numbers: Sequence[int], password: str = "") -> Iterator[tuple[int, PageContent | None]]:
    """Each page (1-based numbers, in the order given) as read_page reads it; a page pdfium
    cannot load is None too, for pdfplumber to try and report. Callers hold PDFIUM_LOCK."""
    document = pypdfium2.PdfDocument(path, password=password)
    try:
        for number in numbers:
            try:
                page = document[number - 1]
            except pypdfium2.PdfiumError:
                yield number, None
                continue
            try:
                content = read_page(page)
            except pypdfium2.PdfiumError:
                content = None
            finally:
                page.close()
            yield number, content
    finally:
        document.close()


def read_page(page: pypdfium2.PdfPage) -> PageContent | None:
    """The page's upright words and vertical rules, or None when pdfplumber must read it."""
    left, bottom, right, top = page.get_mediabox()
    if page.get_rotation() != 0:
        return None
    height = top - bottom
    textpage = page.get_textpage()
    try:
        chars = page_chars(page, textpage, height)
    finally:
        textpage.close()
    if chars is None:
        return None
    return PageContent(words_from_chars(chars), page_rules(page, height), height)
