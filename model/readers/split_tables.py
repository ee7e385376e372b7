"""One statement printed as many small HTML tables: one table per row, or one per section.

Some filing tools and converters lay every row of a statement out as a table of its own, or
cut a statement into several tables where only the first carries the column headers. Read one
by one, the headers end up in one table and the figures in others. Consecutive tables with
nothing printed between them that share their column geometry (the same grid of columns, the
figures in columns the run already has) are one table, and are joined here, before anything
interprets them. A table that brings column headers of its own after figures (a page that
repeats them, or the next statement) starts a table of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.readers.html import TextBlock, is_page_furniture
from model.readers.html_grid import GridCell, HtmlTable, anchor_column, expand_grid, is_numeric_cell, merge_sign_cells


_NEIGHBOUR = 2  # grid columns a figure may stray from its printed column ('$', ')' and spacer cells)
_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")


@dataclass(frozen=True, slots=True)
class _Geometry:
    width: int  # grid columns once colspans are expanded
    value_columns: frozenset[int]  # grid columns where figures are printed
    header_only: bool  # no figures but years: column headings, banners, units or section labels
    opens_with_header: bool  # its first row prints text over the value columns and no label
    rows: int


def merge_split_tables(stream: list[TextBlock | HtmlTable]) -> list[TextBlock | HtmlTable]:
    """The stream with every run of split tables joined into one table."""
    merged: list[TextBlock | HtmlTable] = []
    run: list[HtmlTable] = []
    run_geometry: _Geometry | None = None
    between: list[TextBlock] = []  # blank or page-furniture blocks since the last table
    for item in stream:
        if isinstance(item, TextBlock):
            if run and _is_filler(item):
                between.append(item)
                continue
            merged.extend(_flush(run))
            merged.extend(between)
            run, run_geometry, between = [], None, []
            merged.append(item)
            continue
        geometry = _geometry(item)
        if run and (geometry is None or run_geometry is None or _continues(run_geometry, geometry)):
            # a table of empty rows (spacers, the column widths) goes with its neighbours
            run.append(item)
            if geometry is not None:
                run_geometry = geometry if run_geometry is None else _joined(run_geometry, geometry)
            between = []  # page furniture between the pieces of one table goes with the break
            continue
        merged.extend(_flush(run))
        merged.extend(between)
        between = []
        run, run_geometry = [item], geometry
    merged.extend(_flush(run))
    merged.extend(between)
    return merged


def _is_filler(block: TextBlock) -> bool:
    return not block.text.strip() or is_page_furniture(block.text)


def _flush(run: list[HtmlTable]) -> list[HtmlTable]:
    if len(run) <= 1:
        return list(run)
    rows = [row for table in run for row in table.rows]
    lines = [line for table in run for line in table.row_lines]
    return [HtmlTable(rows, lines, run[0].line)]


def _geometry(table: HtmlTable) -> _Geometry | None:
    grid = [merge_sign_cells(row) for row in expand_grid(table.rows)]
    rows = [row for row in grid if any(cell.text for cell in row)]
    if not rows:
        return None
    width = max((row[-1].end + 1 for row in grid if row), default=0)
    values = frozenset(
        column for row in rows for cell in row if cell.start > 0 and _is_figure(cell) and (column := anchor_column(cell)) is not None
    )
    header_only = not any(cell.start > 0 and _is_figure(cell) and not _YEAR_RE.match(cell.text) for row in rows for cell in row)
    opens_with_header = (
        not _has_label(rows[0])
        and any(cell.text and cell.start > 0 for cell in rows[0])
        and not any(_is_figure(cell) and not _YEAR_RE.match(cell.text) for cell in rows[0])  # an unlabelled subtotal is no heading
    )
    return _Geometry(width, values, header_only, opens_with_header, len(rows))


def _is_figure(cell: GridCell) -> bool:
    return bool(cell.text) and is_numeric_cell(cell.text)


def _has_label(row: list[GridCell]) -> bool:
    return any(cell.text and cell.start == 0 for cell in row)


def _continues(run: _Geometry, table: _Geometry) -> bool:
    """Whether ``table`` is the next piece of the table the run has built so far."""
    if not table.value_columns and not table.opens_with_header and table.rows <= 2 and not run.header_only:
        return True  # a section heading laid out as a table of its own, whatever its width
    if table.width != run.width:
        return False
    if table.header_only:
        # headings join a run of headings (one table per header row), never one that has figures
        return run.header_only
    if run.header_only:
        return True  # the first rows of figures under one-row tables of headings
    if table.opens_with_header:
        return False  # headings printed again after figures: a page that repeats them, or the next table
    # figures sit in the columns the run has (a figure may take the spacer beside its column)
    return all(any(abs(column - known) <= _NEIGHBOUR for known in run.value_columns) for column in table.value_columns)


def _joined(run: _Geometry, table: _Geometry) -> _Geometry:
    return _Geometry(run.width, run.value_columns | table.value_columns, run.header_only and table.header_only, run.opens_with_header, run.rows + table.rows)
