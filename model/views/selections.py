"""The text of an exported or copied selection of the table."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from model.formula_guard import inert_text
from model.views.formatting import raw_text, scaled, unit_caption
from model.views.table import StatementTable

LINE_ITEM_HEADER = "Line item"


def selection_grid(
    table: StatementTable,
    lines: Sequence[int],
    columns: Sequence[int],
    selected: set[tuple[int, int]] | None = None,
) -> list[list[str]]:
    """Rows of text for an export: a header of ``Line item`` and the period labels as printed
    with the table's unit and scale (``Three Months Ended June 30, 2025 (USD millions)``), then
    one row per line with exact numbers in the display scale; a line in another unit (per-share
    amounts, shares) says its own. Only ``selected`` (line, column) cells are filled (all when
    None); nil cells stay empty."""
    grid = [[LINE_ITEM_HEADER, *(f"{table.columns[j].label} ({table.caption})" for j in columns)]]
    for line in lines:
        row = [labelled_with_unit(table, line)]
        for column in columns:
            cell = table.statement.cells.get((line, column))
            wanted = selected is None or (line, column) in selected
            row.append(raw_text(scaled(cell, table.scale)) if cell is not None and wanted else "")
        grid.append(row)
    return grid


def selection_csv(table: StatementTable, lines: Sequence[int], columns: Sequence[int], selected: set[tuple[int, int]] | None = None) -> str:
    buffer = io.StringIO()
    grid = selection_grid(table, lines, columns, selected)
    csv.writer(buffer, lineterminator="\n").writerows([inert_text(text) for text in row] for row in grid)
    return buffer.getvalue()


def selection_tsv(table: StatementTable, lines: Sequence[int], columns: Sequence[int], selected: set[tuple[int, int]] | None = None) -> str:
    """Tab-separated text that pastes into a spreadsheet: one value alone when one cell is
    selected, else the grid with its headers."""
    if selected is not None and len(selected) == 1 and len(lines) == 1 and len(columns) == 1:
        cell = table.statement.cells.get((lines[0], columns[0]))
        return raw_text(scaled(cell, table.scale)) if cell is not None else ""
    grid = selection_grid(table, lines, columns, selected)
    return "\n".join("\t".join(inert_text(" ".join(text.split())) for text in row) for row in grid) + "\n"


def labelled_with_unit(table: StatementTable, line: int) -> str:
    """The line's label, with its unit when it is not the table's (``Diluted [USD/share]``)."""
    captions = {
        unit_caption(value.unit, value.scale)
        for (row, _), cell in table.statement.cells.items()
        if row == line and (value := scaled(cell, table.scale)).unit != "%"
    }
    own = captions.pop() if len(captions) == 1 else ""
    return f"{table.labels[line]} [{own}]" if own and own != table.caption else table.labels[line]
