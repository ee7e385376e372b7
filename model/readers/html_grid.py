"""An HTML table's cells on a grid: colspans and rowspans expanded, "$" and ")" cells merged into
the figures beside them, the grid columns a figure belongs to, and the printed table read off
the grid as rows of texts (with their inline-XBRL tags) in the columns that hold something."""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.raw import XbrlTag

_CURRENCY_CELLS = frozenset({"$", "US$", "¥", "€", "£"})
_CLOSING_CELLS = frozenset({")", "%", "%)", ")%"})
_NUMERIC_CELL_RE = re.compile(r"^[(\[]?[-–—−+]?[$¥€£]?\s?\(?\d[\d,]*(?:\.\d+)?\)?\s?%?\)?[\]*]?$|^\.\d+%?$")
NIL_CELL_RE = re.compile(r"^[-–—−―]{1,3}%?$")
_VALUE_CELL_MAX_SPAN = 3


@dataclass(frozen=True, slots=True)
class HtmlCell:
    text: str
    colspan: int
    rowspan: int
    tag: XbrlTag | None = None  # the inline-XBRL fact printed in the cell


@dataclass(frozen=True, slots=True)
class HtmlTable:
    rows: list[list[HtmlCell]]
    row_lines: list[int | None]
    line: int | None


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell placed on the expanded grid: it covers columns ``start`` to ``end`` inclusive."""

    text: str
    start: int
    end: int
    tag: XbrlTag | None = None


def is_numeric_cell(text: str) -> bool:
    return bool(_NUMERIC_CELL_RE.match(text) or NIL_CELL_RE.match(text))


def expand_grid(rows: list[list[HtmlCell]]) -> list[list[GridCell]]:
    """Place every cell on a grid, honouring colspan and rowspan (a spanned-down cell is blank below)."""
    occupied: set[tuple[int, int]] = set()
    grid: list[list[GridCell]] = []
    for row_index, row in enumerate(rows):
        placed: list[GridCell] = []
        column = 0
        for cell in row:
            while (row_index, column) in occupied:
                column += 1
            end = column + cell.colspan - 1
            for below in range(1, cell.rowspan):
                occupied.update((row_index + below, spanned) for spanned in range(column, end + 1))
            placed.append(GridCell(cell.text, column, end, cell.tag))
            column = end + 1
        grid.append(placed)
    return grid


def merge_sign_cells(row: list[GridCell]) -> list[GridCell]:
    """Drop lone currency cells; glue a lone ``)`` or ``%`` onto the value before it, a lone ``(`` onto the one after."""
    cells = list(row)
    for index, cell in enumerate(cells):
        text = cell.text
        if text in _CURRENCY_CELLS:
            cells[index] = GridCell("", cell.start, cell.end)
        elif text in _CLOSING_CELLS:
            previous = next((k for k in range(index - 1, -1, -1) if cells[k].text), None)
            if previous is not None and previous > 0:
                before = cells[previous]
                cells[previous] = GridCell(before.text + text, before.start, before.end, before.tag)
                cells[index] = GridCell("", cell.start, cell.end)
        elif text == "(":
            following = next((k for k in range(index + 1, len(cells)) if cells[k].text), None)
            if following is not None:
                after = cells[following]
                cells[following] = GridCell("(" + after.text, after.start, after.end, after.tag)
                cells[index] = GridCell("", cell.start, cell.end)
    return cells


def anchor_column(cell: GridCell) -> int | None:
    """Where a cell's text belongs once spacer columns go: numbers sit right, single-column text in place.

    A number wider than one printed value column (a year over an amount and a rate) is a
    banner too. Multi-column text (banners, labels) has no anchor of its own: it is laid over the kept
    columns it spans, or at its first column when it spans none.
    """
    if not cell.text:
        return None
    if is_numeric_cell(cell.text) and cell.end - cell.start < _VALUE_CELL_MAX_SPAN:
        return cell.end
    if cell.start == cell.end:
        return cell.start
    return None


def kept_columns(grid: list[list[GridCell]]) -> list[int]:
    """Grid columns that hold printed text once spacer and sign columns are dropped."""
    kept = {column for row in grid for cell in row if (column := anchor_column(cell)) is not None}
    for row in grid:
        for cell in row:
            if cell.text and anchor_column(cell) is None and not any(cell.start <= k <= cell.end for k in kept):
                kept.add(cell.start)
    return sorted(kept)


def _conflicts(grid: list[list[GridCell]], left: int, right: int) -> bool:
    """Whether some row prints anchored text in both columns."""
    for row in grid:
        columns = {anchor_column(cell) for cell in row}
        if left in columns and right in columns:
            return True
    return False


def column_groups(grid: list[list[GridCell]], kept: list[int]) -> list[list[int]]:
    """Adjacent grid columns never used together in a row are one printed column.

    Some filings put a number in a two-column cell in one row and in the second of two
    single cells in the next; both sit in the same printed column.
    """
    groups: list[list[int]] = []
    for column in kept:
        if groups and groups[-1][-1] == column - 1 and column - 1 != 0 and not _conflicts(grid, groups[-1][-1], column):
            groups[-1].append(column)
        else:
            groups.append([column])
    return groups


def row_texts(row: list[GridCell], groups: list[list[int]]) -> list[tuple[str, XbrlTag | None]]:
    """One text per printed column: anchored text where it lands, banners over every column they
    span; with the first inline-XBRL fact printed there."""
    texts = [""] * len(groups)
    tags: list[XbrlTag | None] = [None] * len(groups)
    group_of = {column: index for index, group in enumerate(groups) for column in group}
    for cell in row:
        if not cell.text:
            continue
        anchor = anchor_column(cell)
        spanned = sorted({group_of[c] for c in range(cell.start, cell.end + 1) if c in group_of})
        if anchor is not None:
            targets = [group_of[anchor]] if anchor in group_of else []
        elif spanned and spanned[0] == 0:
            targets = [0]  # a row label running across the table ("ASSETS:") is a label, not a banner
        else:
            targets = spanned
        for target in targets:
            texts[target] = f"{texts[target]} {cell.text}".strip()
            tags[target] = tags[target] or cell.tag
    return list(zip(texts, tags, strict=True))


def table_grid(table: HtmlTable) -> tuple[list[list[tuple[str, XbrlTag | None]]], list[int | None]]:
    """The printed grid of a table: sign cells merged, spacer columns and empty rows gone."""
    grid = [merge_sign_cells(row) for row in expand_grid(table.rows)]
    groups = column_groups(grid, kept_columns(grid))
    printed: list[list[tuple[str, XbrlTag | None]]] = []
    lines: list[int | None] = []
    for row, line in zip(grid, table.row_lines, strict=True):
        cells = row_texts(row, groups)
        if any(text for text, _ in cells):
            printed.append(cells)
            lines.append(line)
    return fold_indent_columns(printed), lines


def fold_indent_columns(printed: list[list[tuple[str, XbrlTag | None]]]) -> list[list[tuple[str, XbrlTag | None]]]:
    """Labels indented by empty cells ("資産の部" in the first column, "流動資産" in the second,
    its items in the second or third) are one label column: a column right of the labels that
    holds no figure and never has text beside a label to its left is folded into the labels."""
    texts = [[text for text, _ in row] for row in printed]
    width = max((len(row) for row in texts), default=0)
    label_columns = 1
    while label_columns < width - 1 and _indents_labels(texts, label_columns):
        label_columns += 1
    if label_columns == 1:
        return printed
    return [[(" ".join(t for t, _ in row[:label_columns] if t), None), *row[label_columns:]] for row in printed]


def _indents_labels(texts: list[list[str]], column: int) -> bool:
    """Whether ``column`` holds row labels only: no figures, nothing to its left where it has
    text, and labels of rows that carry figures (so not a header printed over no values)."""
    written = [row for row in texts if column < len(row) and row[column]]
    if not written or any(is_numeric_cell(row[column]) or any(row[:column]) for row in written):
        return False
    return sum(1 for row in written if _has_figures(row[column + 1 :])) >= 2


def _has_figures(cells: list[str]) -> bool:
    return any(is_numeric_cell(text) and not NIL_CELL_RE.match(text) and not re.fullmatch(r"(?:19|20)\d{2}", text) for text in cells)


def has_values(texts: list[list[str]]) -> bool:
    """A table of figures: at least two rows hold a number right of the label column.

    Layout tables (letterheads, contact blocks, page numbers) have none and are dropped.
    """
    rows_with_values = sum(
        1 for row in texts if any(is_numeric_cell(text) and not NIL_CELL_RE.match(text) for text in row[1:])
    )
    return rows_with_values >= 2
