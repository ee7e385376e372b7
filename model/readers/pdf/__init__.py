"""PDF filings with a text layer -> raw tables rebuilt from word positions.

Statements in filings are mostly unruled, so tables are rebuilt from where words sit rather
than from drawn cells. Per page the steps run as a chain of small functions, in the style of
pdfplumber's table.py, one module per stage:

document (pages worth reading; their words and rules from pdfium_page, or pdfplumber where
pdfium cannot give what pdfplumber would) -> lines (words -> lines, sign fragments glued) -> bands
(side-by-side tables) -> blocks (bodies and their header lines) -> columns (value columns)
-> rows (wrapped labels joined) -> titles (title and captions) -> tables (RawTable).
"""

from model.readers.pdf.document import PASSWORD_REASON, SCANNED_REASON, WRONG_PASSWORD_REASON, page_words, read, read_page_texts
from model.readers.pdf.geometry import Word
from model.readers.pdf.lines import glue_fragments, make_line
from model.readers.pdf.page_text import find_table_pages

__all__ = [
    "PASSWORD_REASON",
    "SCANNED_REASON",
    "WRONG_PASSWORD_REASON",
    "Word",
    "find_table_pages",
    "glue_fragments",
    "make_line",
    "page_words",
    "read",
    "read_page_texts",
]
