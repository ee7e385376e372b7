"""The body rows of a raw table: label and one parsed cell per value column, wrapped labels joined, scanning debris on headings flagged."""

from __future__ import annotations

from decimal import Decimal
from model.interpretation.numbers import CellKind, ParsedNumber
from model.raw import RawCell, RawTable
from model.interpretation.table_layout import BodyRow, TableLayout, clean_label, is_value


def body_rows(
    raw: RawTable,
    grid: list[list[str]],
    parsed: list[list[ParsedNumber]],
    origin: list[int],
    header_count: int,
    value_columns: list[int],
    skip: set[int],
) -> list[BodyRow]:
    rows = []
    for r in range(header_count, len(grid)):
        if r in skip:
            continue
        raw_row = raw.rows[r]
        label_cell = raw_row[0] if raw_row else None
        if label_cell is None:
            continue
        cells: list[RawCell | None] = []
        values: list[ParsedNumber] = []
        if raw.ragged:
            cells, values = _ragged_values(raw_row, grid[r], parsed[r], origin, value_columns)
        else:
            for col in value_columns:
                source_cell = raw_row[origin[col]] if origin[col] < len(raw_row) else None
                text = grid[r][col]
                # a cell split into two numbers leaves its inline-XBRL fact behind: it tags one of them
                tag = source_cell.tag if source_cell is not None and source_cell.text == text else None
                cells.append(RawCell(text, source_cell.source, tag) if source_cell is not None else None)
                values.append(parsed[r][col])
        label = clean_label(label_cell.text)
        if not label and not any(is_value(v) for v in values):
            continue
        junk = [i for i, v in enumerate(values) if v.kind is CellKind.JUNK]
        indent = label_cell.source.bbox[0] if label_cell.source.bbox else None
        rows.append(BodyRow(label, label_cell, cells, values, indent, junk))
    return _join_wrapped_labels(rows)


def _ragged_values(
    raw_row: list[RawCell], grid_row: list[str], parsed_row: list[ParsedNumber], origin: list[int], value_columns: list[int]
) -> tuple[list[RawCell | None], list[ParsedNumber]]:
    """Values of a markdown row mapped to value columns by order when the counts agree."""
    present = [col for col in range(1, len(grid_row)) if grid_row[col].strip() and parsed_row[col].kind is not CellKind.TEXT]
    if len(present) == len(value_columns):
        chosen = present
    else:
        chosen = [col if grid_row[col].strip() else -1 for col in value_columns]
    cells: list[RawCell | None] = []
    values: list[ParsedNumber] = []
    for col in chosen:
        if col < 0:
            cells.append(None)
            values.append(ParsedNumber(CellKind.EMPTY))
            continue
        source = raw_row[origin[col]].source
        cells.append(RawCell(grid_row[col], source))
        values.append(parsed_row[col])
    return cells, values


def _join_wrapped_labels(rows: list[BodyRow]) -> list[BodyRow]:
    """"Adjustments to reconcile net income to net cash" + "provided by operating activities:"."""
    joined: list[BodyRow] = []
    skip_next = False
    for index, row in enumerate(rows):
        if skip_next:
            skip_next = False
            continue
        nxt = rows[index + 1] if index + 1 < len(rows) else None
        if (
            nxt is not None
            and not row.has_values
            and row.label
            and not row.label.endswith(":")
            and nxt.label[:1].islower()
        ):
            merged = BodyRow(f"{row.label} {nxt.label}", row.label_cell, nxt.cells, nxt.parsed, row.indent, nxt.junk + row.junk)
            joined.append(merged)
            skip_next = True
            continue
        joined.append(row)
    return joined


def flag_heading_debris(layout: TableLayout) -> None:
    """Numbers printed on a section heading ("OPERATING ACTIVITIES:  0.1  31.1") whose precision
    does not match the rest of their column are scanning debris, not data."""
    for position in range(len(layout.columns)):
        integers = sum(
            1
            for row in layout.rows
            if position < len(row.parsed) and row.parsed[position].kind is CellKind.NUMBER and row.parsed[position].decimals == 0
        )
        total = sum(1 for row in layout.rows if position < len(row.parsed) and row.parsed[position].kind is CellKind.NUMBER)
        if not total or integers / total < 0.8:
            continue
        for row in layout.rows:
            value = row.parsed[position] if position < len(row.parsed) else None
            if (
                value is not None
                and value.kind is CellKind.NUMBER
                and value.decimals > 0
                and row.label.endswith(":")
                and abs(value.value or Decimal(0)) < 1000
            ):
                row.parsed[position] = ParsedNumber(CellKind.JUNK)
                row.junk.append(position)
