"""HTML ``<table>`` blocks inside markdown, as several PDF-to-markdown converters (and pandoc, for
tables with spanned cells) write them.

Each block is read by the HTML reader's own table code (colspans and rowspans expanded on a grid,
spacer and sign columns dropped), so a banner such as "Three Months Ended" stays over the columns
it spans. The markdown around the blocks becomes the text the HTML reader would have seen:
headings (``# ...``, ``**...**``) are bold blocks that title the tables below them, and the lines
between a heading and its table are the table's captions.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from model.raw import RawTable
from model.readers.html import TextBlock, read_table, tables_from_stream
from model.readers.html_grid import HtmlTable
from model.readers.split_tables import merge_split_tables

_TABLE_OPEN_RE = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE_RE = re.compile(r"</table\s*>", re.IGNORECASE)
_HEADING_RE = re.compile(r"^\s*(?:#{1,6}\s+\S|\*\*[^*].*\*\*\s*$|__[^_].*__\s*$)")
# a line the converter leaves for the table's place once the block is read: tab-only lines stop
# the markdown readers' search for titles and never start a table of their own
TABLE_PLACEHOLDER = "\t"


def table_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Line ranges (start, end exclusive) of the HTML tables in a markdown text, outermost only."""
    blocks: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if not _TABLE_OPEN_RE.search(lines[index]):
            index += 1
            continue
        depth = 0
        end = index
        while end < len(lines):
            depth += len(_TABLE_OPEN_RE.findall(lines[end])) - len(_TABLE_CLOSE_RE.findall(lines[end]))
            end += 1
            if depth <= 0:
                break
        blocks.append((index, end))
        index = end
    return blocks


def without_blocks(lines: list[str], blocks: list[tuple[int, int]]) -> list[str]:
    """The lines with every table block replaced by placeholders, so that line numbers stay."""
    masked = list(lines)
    for start, end in blocks:
        masked[start:end] = [TABLE_PLACEHOLDER] * (end - start)
    return masked


def find_html_tables(lines: list[str], file_name: str, clean_line) -> list[RawTable]:
    """The HTML tables of a markdown text with their titles and captions."""
    blocks = table_blocks(lines)
    if not blocks:
        return []
    stream: list[TextBlock | HtmlTable] = []
    cursor = 0
    for start, end in blocks:
        stream.extend(_text_blocks(lines, cursor, start, clean_line))
        table = _parse_block(lines, start, end)
        if table is not None:
            stream.append(table)
        cursor = end
    stream.extend(_text_blocks(lines, cursor, len(lines), clean_line))
    return tables_from_stream(merge_split_tables(stream), file_name)


def _text_blocks(lines: list[str], start: int, end: int, clean_line) -> list[TextBlock]:
    blocks = []
    for index in range(start, end):
        text = clean_line(lines[index])
        if text:
            blocks.append(TextBlock(text, bool(_HEADING_RE.match(lines[index])), index + 1))
    return blocks


def _parse_block(lines: list[str], start: int, end: int) -> HtmlTable | None:
    # leading newlines keep the source lines of the rows the file's own line numbers
    markup = "\n" * start + "\n".join(lines[start:end])
    try:
        fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    table = fragment.find(".//table")
    return read_table(table) if table is not None else None
