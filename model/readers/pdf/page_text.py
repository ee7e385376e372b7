"""Plain page text (pypdfium2): its lines, which pages are worth a layout analysis, and the
running headers and footers printed on many pages."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from model.readers.japanese_text import fold_cjk_compatibility
from model.readers.pdf.tokens import STATEMENT_TITLE_RE

CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def text_lines(page_text: str) -> list[str]:
    """Lines of one page, whitespace collapsed, without the control characters pdfium puts
    for broken ligatures and soft hyphens."""
    lines = []
    for raw in fold_cjk_compatibility(CONTROL_RE.sub("", page_text.replace("\r\n", "\n"))).splitlines():
        line = " ".join(raw.split())
        if line:
            lines.append(line)
    return lines


_ROW_END_RE = re.compile(r"^(?:[(\[△▲-]?[$¥]?\d[\d,]*(?:\.\d+)?[)\]]?%?|[-—–－]|\$|%|\)|%\))$")


def is_row_like(line: str) -> bool:
    """A line of text ending in two or more figures after a label: a printed table row."""
    tokens = line.split()
    figures = 0
    for token in reversed(tokens):
        if not _ROW_END_RE.match(token):
            break
        figures += 1
    return figures >= 2 and len(tokens) > figures


def looks_like_table_page(page_text: str) -> bool:
    """Worth ~100 ms of layout analysis: a page of many table rows, a page that is mostly a
    table, or a short statement under its title. Prose quoting a few figures is not."""
    lines = [line for line in page_text.splitlines() if line.strip()]
    rows = sum(1 for line in lines if is_row_like(line))
    return (
        rows >= 8
        or (rows >= 5 and rows >= 0.3 * len(lines))
        or (rows >= 3 and bool(STATEMENT_TITLE_RE.search(page_text)))
    )


def find_table_pages(page_texts: Sequence[str]) -> list[int]:
    """1-based numbers of the pages worth a layout analysis. A document with no page of tables
    (a press release's highlights) still shows the small tables it has."""
    pages = [number for number, text in enumerate(page_texts, start=1) if looks_like_table_page(text)]
    if pages:
        return sorted(set(pages) | {number + 1 for number in pages if number < len(page_texts) and continues_a_table(page_texts[number])})
    return [number for number, text in enumerate(page_texts, start=1) if sum(1 for line in text.splitlines() if is_row_like(line)) >= 2]


def reading_order(pages: Sequence[int], first: Sequence[int]) -> list[int]:
    """The pages in `first` (in page order), then the others."""
    leading = set(first)
    return sorted(pages, key=lambda number: (number not in leading, number))


def continues_a_table(page_text: str) -> bool:
    """A page that opens with the last rows of the table the page before ends with (a browser
    print breaks a statement's last rows onto the next page, above its closing note)."""
    lines = [line for line in page_text.splitlines() if line.strip()]
    return sum(1 for line in lines if is_row_like(line)) >= 2 and any(is_row_like(line) for line in lines[:3])


def line_key(text: str) -> str:
    """A line reduced to its letters, so that page headers match whatever their page number or spacing."""
    return re.sub(r"[^a-z]", "", text.lower())


def running_line_keys(page_texts: Sequence[str]) -> frozenset[str]:
    """Lines printed on many pages (running headers and footers): never a table's title."""
    counts: Counter[str] = Counter()
    for text in page_texts:
        counts.update({line_key(line) for line in text.splitlines()} - {""})
    threshold = max(3.0, 0.3 * len(page_texts))
    return frozenset(key for key, count in counts.items() if count >= threshold)
