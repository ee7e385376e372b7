"""One page's words -> RawTables: bands, blocks, columns, header rows and body rows put together,
each cell with where it was printed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from model.raw import RawCell, RawTable, SourceRef
from model.readers.pdf.bands import split_bands
from model.readers.pdf.blocks import find_blocks, is_caption_line
from model.readers.pdf.columns import Placement, column_centres, find_columns, place_header_phrases
from model.readers.pdf.geometry import SETTINGS, BBox, Block, Column, LayoutSettings, Line, Phrase, Rule, Word, bbox_of, rounded
from model.readers.pdf.lines import figures_in_the_label_area, group_lines, split_phrases
from model.readers.pdf.rows import RowParts, group_rows
from model.readers.pdf.titles import title_and_context, without_page_furniture
from model.readers.pdf.tokens import is_caption


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What laying out one page needs to know besides its words and rules."""

    file_name: str
    number: int  # 1-based
    height: float
    running: frozenset[str]  # line keys of the document's running headers and footers
    carried_title: str = ""  # a statement title printed at the foot of the page before


def page_tables(
    words: Sequence[Word],
    rules: Sequence[Rule],
    page: PageInfo,
    first_index: int = 0,
    settings: LayoutSettings = SETTINGS,
) -> list[RawTable]:
    """Every table on one page, top to bottom and left to right."""
    lines = without_page_furniture(group_lines(words, settings), page.height, page.running)
    blocks = [block for band in split_bands(lines, settings) for block in find_blocks(figures_in_the_label_area(band), settings)]
    blocks.sort(key=lambda b: (round(b.bbox[1]), b.bbox[0]))
    boxes = [b.bbox for b in blocks]
    tables = []
    for position, block in enumerate(blocks):
        others = [box for box in boxes if box != block.bbox]
        title, context = title_and_context(block, lines, others, page.running, settings)
        if not title and position == 0:
            title = page.carried_title
        table = build_table(block, rules, title, context, page.file_name, page.number, first_index + len(tables), settings)
        if table is not None:
            tables.append(table)
    return tables


def build_table(
    block: Block,
    rules: Sequence[Rule],
    title: str,
    context: list[str],
    file_name: str,
    page_number: int,
    index: int,
    settings: LayoutSettings = SETTINGS,
) -> RawTable | None:
    columns = find_columns(block.body, rules)
    if not columns:
        return None

    def ref(box: BBox, row: int, column: int) -> SourceRef:
        return SourceRef(file_name, page=page_number, bbox=rounded(box), table=index, row=row, column=column)

    rows: list[list[RawCell]] = []
    captions: list[str] = []
    value_span = (columns[0].x0, columns[-1].x1)
    banners: list[Placement] = []
    centres = column_centres([_value_phrases(line, columns, settings) for line in block.header], columns)
    for line in block.header:
        row, caption = _header_row(line, columns, value_span, banners, centres, block.bbox[0], len(rows), ref, settings)
        rows.append(row)
        if caption:
            captions.append(caption)
    wrapping = frozenset(
        index for index in range(len(columns)) if re.fullmatch(r"notes?", " ".join(row[index + 1].text for row in rows).strip(), re.IGNORECASE)
    )  # a "Notes" column holds lists of note numbers that wrap onto further lines
    for parts in group_rows(block.body, columns, wrapping):
        rows.append(_body_row(parts, columns, block.bbox[0], len(rows), ref))
    return RawTable(
        rows=rows,
        title=title,
        source=SourceRef(file_name, page=page_number, bbox=rounded(block.bbox), table=index),
        context=tuple(context + captions),
        index=index,
    )


def _header_row(
    line: Line,
    columns: Sequence[Column],
    value_span: tuple[float, float],
    banners: list[Placement],
    centres: Sequence[float],
    table_x0: float,
    row_index: int,
    ref: Callable[[BBox, int, int], SourceRef],
    settings: LayoutSettings,
) -> tuple[list[RawCell], str]:
    """One header line as a header row: label-area text first, then the text over each column.
    Returns the row and the units caption printed in its label area, if any. ``banners`` holds
    the placements of the line above, and gets this line's; ``centres`` are where the header lines
    centre their column headers, when one line heads every column."""
    phrases = split_phrases(line, settings)
    first_cell = columns[0].cell_x0
    value_phrases = _value_phrases(line, columns, settings)
    label_phrases = [p for p in phrases if p not in value_phrases]
    texts: dict[int, list[Phrase]] = {}
    placements, banners[:] = place_header_phrases(value_phrases, columns, value_span, banners, centres, 0.4 * line.size)
    for phrase, indexes in zip(value_phrases, placements):
        for index in indexes:
            texts.setdefault(index, []).append(phrase)
    label_text = " ".join(p.text for p in label_phrases)
    label_box = bbox_of([w for p in label_phrases for w in p.words]) if label_phrases else _label_area(table_x0, first_cell, line.top, line.bottom)
    cells = [RawCell(label_text, ref(label_box, row_index, 0))]
    for index, column in enumerate(columns):
        placed = texts.get(index, [])
        box = bbox_of([w for p in placed for w in p.words]) if placed else (column.x0, line.top, column.x1, line.bottom)
        cells.append(RawCell(" ".join(p.text for p in placed), ref(box, row_index, index + 1)))
    caption = label_text if label_text and is_caption(label_text) else ""
    return cells, caption


def _value_phrases(line: Line, columns: Sequence[Column], settings: LayoutSettings) -> list[Phrase]:
    """The phrases of a header line that stand over the value columns, not in the label area.
    A units caption between header lines heads no column: the label cell holds it."""
    if is_caption_line(line, settings):
        return []
    first_cell = columns[0].cell_x0
    return [
        p
        for p in split_phrases(line, settings)
        if not ((p.x0 + p.x1) / 2 < first_cell and p.x1 < columns[0].x0 and all(c.overlap(p.x0, p.x1) == 0 for c in columns))
    ]


def _body_row(
    parts: RowParts, columns: Sequence[Column], table_x0: float, row_index: int, ref: Callable[[BBox, int, int], SourceRef]
) -> list[RawCell]:
    top, bottom = parts.top, parts.bottom
    label = re.sub(r"\s*\$$", "", parts.label)  # "COSTCO$": a dollar sign glued to the label
    if parts.label_words:
        x0 = parts.label_words[0].x0  # the first line's indent: downstream reads hierarchy from it
        label_box = (x0, top, max(w.x1 for w in parts.label_words), bottom)
    else:
        label_box = _label_area(table_x0, columns[0].cell_x0, top, bottom)
    cells = [RawCell(label, ref(label_box, row_index, 0))]
    for index, column in enumerate(columns):
        words = parts.cells.get(index, [])
        box = bbox_of(words) if words else (column.x0, top, column.x1, bottom)
        cells.append(RawCell(" ".join(w.text for w in words), ref(box, row_index, index + 1)))
    return cells


def _label_area(table_x0: float, first_cell_x0: float, top: float, bottom: float) -> BBox:
    """Where an empty label cell is: the label column of the row."""
    return (min(table_x0, first_cell_x0), top, first_cell_x0, bottom)
