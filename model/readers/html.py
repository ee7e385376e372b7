"""SEC HTML filings (EDGAR documents, Workiva inline XBRL) -> raw tables and prose lines.

The document is walked once in reading order. Text outside tables becomes blocks (one per
paragraph or div) that give ``text_lines`` and the titles and captions of tables. Each
table is expanded to a grid (colspan and rowspan resolved) before anything is dropped, so
that a banner such as "Three Months Ended" stays over the value columns it spans once the
spacer, ``$`` and ``)`` columns of the EDGAR layout are gone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from model.errors import FilingError
from model.interpretation.japanese_dates import has_kana_or_kanji
from model.interpretation.units import is_unit_caption
from model.raw import RawCell, RawDocument, RawTable, SourceRef, XbrlTag
from model.readers import ProgressCallback
from model.readers.encoding import declared_charset, decode_bytes
from model.readers.files import read_file_bytes
from model.readers.html_grid import HtmlCell, HtmlTable, has_values, table_grid
from model.readers.ixbrl import InlineXbrl, read_inline_xbrl
from model.readers.japanese_text import is_japanese_heading

# elements that start a new line of text; anything else is inline and joins its neighbours
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl", "dt",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template"})
# EDGAR's SGML envelope (<TYPE>EX-99.1 <SEQUENCE>2 ...) never closes its tags, so the
# document ends up inside them: their own text is dropped, their content kept
_EDGAR_ENVELOPE_TAGS = frozenset({"type", "sequence", "filename", "description"})
_FOOTNOTE_MARK_RE = re.compile(r"^(?:\(\s*[0-9a-z]{1,2}\s*\))+$|^[0-9*†‡§]{1,3}$", re.IGNORECASE)
_PAGE_FURNITURE_RE = re.compile(
    r"^(?:.{0,80}\|\s*\d{1,3}|\d{1,3}|-\s*\d{1,3}\s*-|page\s+\d+(?:\s+of\s+\d+)?|table of contents)$",
    re.IGNORECASE,
)
_CAPTION_RE = re.compile(r"^\(.*\)$")
_TITLE_REACH = 8
_CONTEXT_LINES = 4
# EDGAR lays one printed value over three grid columns: '$', the figure and ')'


@dataclass(frozen=True, slots=True)
class TextBlock:
    """One paragraph of prose as rendered, with whether all of its words are bold."""

    text: str
    bold: bool
    line: int | None


@dataclass(frozen=True, slots=True)
class _OpenElement:
    """What the walk must undo when an element closes."""

    is_block: bool
    outer_bold: bool


@dataclass
class _TextCollector:
    """Inline text runs waiting for the next block boundary."""

    runs: list[tuple[str, bool]] = field(default_factory=list)
    line: int | None = None

    def add(self, text: str | None, bold: bool, line: int | None) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = line
            self.runs.append((text, bold))

    def flush(self) -> TextBlock | None:
        runs, line = self.runs, self.line
        self.runs, self.line = [], None
        text = collapse_spaces("".join(text for text, _ in runs))
        if not text:
            return None
        worded = [bold for run, bold in runs if any(ch.isalnum() for ch in run)]
        return TextBlock(text, bool(worded) and all(worded), line)


def read(path: Path, progress: ProgressCallback | None = None) -> RawDocument:
    if progress:
        progress(0.05, "parsing HTML")
    root, warnings = parse_html(path)
    if progress:
        progress(0.4, "reading tables")
    body = root.find("body")
    stream = list(walk_document(body if body is not None else root, read_inline_xbrl(root)))
    from model.readers.split_tables import merge_split_tables  # builds on this module's table types

    tables = tables_from_stream(merge_split_tables(stream), path.name)
    gave_up = [warning for warning in warnings if warning.startswith(MALFORMED)]
    if gave_up and not tables:
        raise FilingError(path, gave_up[0].replace(READ_UP_TO_THERE, "the part before it was read and holds no tables"))
    if progress:
        progress(1.0, "tables found")
    text_lines = [item.text for item in stream if isinstance(item, TextBlock) and not is_page_furniture(item.text)]
    return RawDocument(
        file_name=path.name,
        path=str(path),
        format="html",
        tables=tables,
        text_lines=text_lines,
        warnings=warnings,
    )


def parse_html(path: Path) -> tuple[etree._Element, list[str]]:
    """The parsed document, and warnings about any part the parser had to give up on."""
    data = read_file_bytes(path)
    # the encoding comes from the bytes: a missing or wrong charset declaration would make
    # libxml2 read UTF-8 text as Latin-1 (EDGAR documents that are not UTF-8 are Windows text,
    # older Japanese ones Shift-JIS or EUC-JP); huge_tree lets unclosed tags nest 2048 deep, not 256
    decoded = decode_bytes(data, declared_charset(data))
    if decoded is None:
        raise FilingError(path, "not a readable HTML document (its bytes are in no encoding Tickmark knows)")
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(decoded.text.encode("utf-8") if decoded.encoding != "UTF-8" else data, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise FilingError(path, f"not a readable HTML document ({error})") from None
    warnings = [decoded.warning] if decoded.warning else []
    warnings += [gave_up_reason(entry.line, entry.message) for entry in parser.error_log if entry.level_name == "FATAL"]
    return root, warnings


MALFORMED = "malformed HTML"
READ_UP_TO_THERE = "the document was read up to there"


def gave_up_reason(line: int, message: str) -> str:
    """Where and why libxml2 stopped reading, in words (its own say "use XML_PARSE_HUGE option")."""
    if "excessive depth" in message.lower():
        why = "its tags nest more than 2,048 deep (thousands of tags are opened and never closed)"
    else:
        why = f"the parser could not go on ({message.strip()})"
    return f"{MALFORMED}: from line {line} on, {why}; {READ_UP_TO_THERE}"


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def collapse_spaces(text: str) -> str:
    """One space between words; zero-width spaces (which some filing tools put in every empty
    cell) are no text at all."""
    return " ".join(text.translate(_ZERO_WIDTH).split())


def _style(element: etree._Element) -> str:
    return element.get("style", "").replace(" ", "").lower()


def is_hidden(style: str) -> bool:
    return "display:none" in style


def is_superscript(tag: str, style: str) -> bool:
    # Workiva raises footnote marks with position:relative;top:-2.8pt instead of <sup>
    return tag == "sup" or "vertical-align:super" in style or ("position:relative" in style and "top:-" in style)


def _bold_after(tag: str, style: str, inherited: bool) -> bool:
    if tag in ("b", "strong") or "font-weight:700" in style or "font-weight:bold" in style:
        return True
    if "font-weight:400" in style or "font-weight:normal" in style:
        return False
    return inherited


def superscript_text(text: str) -> str:
    """A raised footnote mark is set off by a space so that it never joins the number or word before it."""
    stripped = text.strip()
    if _FOOTNOTE_MARK_RE.match(stripped):
        return f" {stripped}"
    return text


def walk_document(root: etree._Element, xbrl: InlineXbrl | None = None) -> Iterator[TextBlock | HtmlTable]:
    """Text blocks and tables in reading order; hidden content (the ix:header) is skipped.
    Table cells keep the inline-XBRL facts printed in them (``xbrl`` holds the header's contexts).

    The walk is iterative: old EDGAR HTML leaves <font> tags unclosed, which nests the
    document deeper than Python's recursion limit.
    """
    collector = _TextCollector()
    bold = False
    open_elements: list[_OpenElement] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        if event == "end":
            opened = open_elements.pop()
            if opened.is_block and (block := collector.flush()):
                yield block
            bold = opened.outer_bold
            if element is not root:
                collector.add(element.tail, bold, element.sourceline)
            continue
        tag = _tag(element)
        style = _style(element)
        if not tag or tag in _SKIPPED_TAGS or is_hidden(style):
            walker.skip_subtree()
            open_elements.append(_OpenElement(is_block=False, outer_bold=bold))
            continue
        is_block = tag in _BLOCK_TAGS or tag == "table"
        if is_block and (block := collector.flush()):
            yield block
        open_elements.append(_OpenElement(is_block=is_block, outer_bold=bold))
        if tag == "table":
            walker.skip_subtree()
            yield read_table(element, xbrl)
            continue
        bold = _bold_after(tag, style, bold)
        text = None if tag in _EDGAR_ENVELOPE_TAGS else element.text
        if text and is_superscript(tag, style):
            text = superscript_text(text)
        collector.add(text, bold, element.sourceline)
    if block := collector.flush():
        yield block


def _tag(element: etree._Element) -> str:
    """Lower-case tag name; empty for comments and processing instructions."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def read_table(table: etree._Element, xbrl: InlineXbrl | None = None) -> HtmlTable:
    rows: list[list[HtmlCell]] = []
    lines: list[int | None] = []
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        if is_hidden(_style(tr)):
            continue
        cells = [
            HtmlCell(cell_text(td), _span(td.get("colspan")), _span(td.get("rowspan")), xbrl.tag_in(td) if xbrl is not None else None)
            for td in tr
            if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")
        ]
        rows.append(cells)
        lines.append(tr.sourceline)
    return HtmlTable(rows, lines, table.sourceline)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def cell_text(cell: etree._Element) -> str:
    """The text of a cell as displayed: line breaks and inner blocks become spaces."""
    parts: list[str] = []
    superscript_starts: list[int | None] = []
    walker = etree.iterwalk(cell, events=("start", "end"))
    for event, element in walker:
        tag = _tag(element)
        if event == "start":
            style = _style(element)
            if not tag or tag in _SKIPPED_TAGS or is_hidden(style):
                walker.skip_subtree()
                superscript_starts.append(None)
                continue
            if tag in _BLOCK_TAGS:
                parts.append(" ")
            superscript_starts.append(len(parts) if is_superscript(tag, style) else None)
            parts.append(element.text or "")
            continue
        start = superscript_starts.pop()
        if start is not None:
            parts[start:] = [superscript_text("".join(parts[start:]))]
        if tag in _BLOCK_TAGS:
            parts.append(" ")
        if element is not cell:
            parts.append(element.tail or "")
    return collapse_spaces("".join(parts))


def is_page_furniture(text: str) -> bool:
    """Running page headers and footers such as "Apple Inc. | Q3 2024 Form 10-Q | 1"."""
    return bool(_PAGE_FURNITURE_RE.match(text))


def is_heading(block: TextBlock) -> bool:
    """Bold, ALL CAPS or short Title Case text: "CONSOLIDATED BALANCE SHEETS", "Interest Rate Risk"."""
    text = block.text
    if has_kana_or_kanji(text):
        return is_japanese_heading(text)
    if len(text) > 200 or _CAPTION_RE.match(text) or is_page_furniture(text) or is_unit_caption(text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 3:
        return False
    if block.bold:
        return not text.endswith((".", ",", ";", ":")) or len(text) < 60
    if sum(ch.isupper() for ch in letters) / len(letters) > 0.8:
        return True
    return is_title_case(text)


def is_title_case(text: str) -> bool:
    words = [word for word in re.findall(r"[A-Za-z][A-Za-z’'-]*", text) if len(word) > 3]
    if not words or len(text) > 80 or text.endswith((".", ",", ";", ":")) or not text[0].isupper():
        return False
    return sum(word[0].isupper() for word in words) / len(words) >= 0.6


def title_and_context(blocks: list[TextBlock]) -> tuple[str | None, tuple[str, ...]]:
    """The nearest heading among the blocks before a table (None if there is none), and the nearest
    lines between it and the table."""
    context: list[str] = []
    for block in reversed(blocks[-_TITLE_REACH:]):
        if is_page_furniture(block.text):
            continue
        if is_heading(block):
            return block.text, tuple(reversed(context[:_CONTEXT_LINES]))
        context.append(block.text)
    return None, tuple(reversed(context[:_CONTEXT_LINES]))


def tables_from_stream(stream: list[TextBlock | HtmlTable], file_name: str) -> list[RawTable]:
    tables: list[RawTable] = []
    blocks_since_table: list[TextBlock] = []
    table_number = -1
    for item in stream:
        if isinstance(item, TextBlock):
            blocks_since_table.append(item)
            continue
        table_number += 1
        printed, lines = table_grid(item)
        if printed and has_values([[text for text, _ in row] for row in printed]):
            title, context = title_and_context(blocks_since_table)
            carried = title is None and bool(tables)
            if title is None:
                # no heading since the table before: the section (or a table cut by a page break) goes on
                title = tables[-1].title if tables else ""
            tables.append(_raw_table(printed, lines, title, context, table_number, len(tables), file_name, item.line, carried))
        blocks_since_table = []
    return tables


def _raw_table(
    printed: list[list[tuple[str, XbrlTag | None]]],
    lines: list[int | None],
    title: str,
    context: tuple[str, ...],
    table_number: int,
    index: int,
    file_name: str,
    line: int | None,
    title_carried: bool = False,
) -> RawTable:
    rows = [
        [
            RawCell(text, SourceRef(file_name, line=row_line, table=table_number, row=row_index, column=column), tag)
            for column, (text, tag) in enumerate(row)
        ]
        for row_index, (row, row_line) in enumerate(zip(printed, lines, strict=True))
    ]
    return RawTable(
        rows=rows,
        title=title,
        source=SourceRef(file_name, line=line, table=table_number),
        context=context,
        index=index,
        title_carried=title_carried,
    )
