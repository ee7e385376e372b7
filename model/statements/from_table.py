"""A RawTable's layout to a StatementPart: columns, lines and cells with their units."""

from __future__ import annotations

import re
from dataclasses import replace

from model.interpretation.column_periods import period_evidence
from model.interpretation.evidence import Evidence, sign_evidence
from model.interpretation.layout import analyse
from model.interpretation.table_layout import TableLayout, ValueColumn, clean_label, unit_for_column
from model.interpretation.numbers import CellKind
from model.interpretation.dates import find_dates
from model.interpretation.headers import ColumnKind, HeaderPeriod, parse_header
from model.interpretation.periods import FiscalCalendar, Period
from model.interpretation.table_unit import decide_table_unit
from model.interpretation.units import UnitInfo, scale_exceptions, share_scale
from model.raw import RawCell, RawTable
from model.statements.change_columns import link_change_columns, unlabelled_percent_changes
from model.statements.classify import classify, statement_title
from model.statements.hierarchy import build_lines
from model.statements.part import StatementPart, footnote_caption, new_part, non_period_columns
from model.statements.statement import Cell, Column, Line, StatementKind
from model.statements.table_units import MONEY_KINDS, cell_unit, column_unit_name
from model.statements.tags import columns_from_contexts, tagged_cell, unit_from_tags
from model.statements.transposed import transposed_part


def build_part(
    raw: RawTable,
    calendar: FiscalCalendar,
    currency: str,
    previous: StatementPart | None,
) -> StatementPart | None:
    label_texts = [clean_label(row[0].text) for row in raw.rows if row]
    kind, titled = classify(raw.title, raw.context, label_texts)
    if kind is StatementKind.OTHER and not raw.title and previous is not None:
        kind = previous.kind
    # a date in the title ("Statement of Financial Position as at 30 June 2022") dates the columns under it
    dated_title = [raw.title] if len(raw.title) <= 160 and find_dates(raw.title) else []
    banner = " ".join([*dated_title, *(line for line in raw.context if len(line) <= 120)])
    layout = analyse(raw, calendar, banner, _default_instant(kind))
    if not layout.rows or not layout.columns:
        return None
    heading_title = _title_in_heading(layout) if not titled else None
    if heading_title is not None:
        # "Consolidated Statements of Income" printed over the label column names the table
        kind, titled = classify(heading_title, (), label_texts)
        layout = analyse(raw, calendar, banner, _default_instant(kind))
    table_unit = decide_table_unit(layout, raw, currency, kind in MONEY_KINDS)
    if not layout.has_periods and _row_labels_are_periods(layout, calendar):
        part = transposed_part(layout, raw, kind, calendar, table_unit, currency)
    else:
        if not layout.has_periods and not layout.header_row_count and previous is not None and (not raw.title or raw.title_carried) and _same_shape(layout, previous):
            layout = _inherit_headers(layout, previous)
        part = _part_from_layout(layout, raw, kind, table_unit, banner, calendar)
    if not raw.title and footnote_caption(raw.context):
        # "(1) Amounts include amortization of intangible assets, as follows:" heads a table of its own
        part.raw_title = footnote_caption(raw.context)
        part.title = statement_title(part.raw_title)[:90]
        part.kind, titled = classify(part.raw_title, (), [line.label for line in part.lines])
        if part.kind.is_primary:
            part.kind, titled = StatementKind.OTHER, False
    if part.kind.is_primary and non_period_columns(part) >= len(part.periods):
        # mostly columns that are no periods (a note's matrix): not a primary statement
        part.kind, titled = StatementKind.OTHER, False
    part.titled = titled
    if heading_title is not None:
        part.title = statement_title(heading_title)
    return part


def _in_excepted_scale(line: Line, table_unit: UnitInfo, exceptions: list[tuple[str, int, str]]) -> Line:
    """A line the caption names as printed in another scale ("except remaining performance
    obligation, which is presented in billions") takes that scale."""
    if line.unit or line.is_heading:
        return line
    label = line.label.lower()
    for what, scale, caption in exceptions:
        if "share" in what:
            continue  # share counts take the caption's word through their own unit
        if re.search(rf"\b{re.escape(what)}\b", label):
            return replace(line, unit=table_unit.unit, scale=scale, unit_evidence=(Evidence("scale", caption, "caption"),))
    return line


def _default_instant(kind: StatementKind) -> bool | None:
    """What a lone date over the table means: a balance sheet's date, a flow statement's end."""
    return True if kind is StatementKind.BALANCE_SHEET else (False if kind.is_flow else None)


def _title_in_heading(layout: TableLayout) -> str | None:
    """A statement title printed in the table's own heading rows, over the label column."""
    for line in layout.corner_lines:
        kind, titled = classify(line, (), [])
        if titled and kind is not StatementKind.OTHER:
            return line
    return None


def _tagged_cells(layout: TableLayout, column: int) -> list[RawCell]:
    return [cell for row in layout.rows if (cell := row.cells[column]) is not None and cell.tag is not None]


def _same_shape(layout: TableLayout, previous: StatementPart) -> bool:
    return len(layout.columns) == len(previous.columns)


def _inherit_headers(layout: TableLayout, previous: StatementPart) -> TableLayout:
    """A continuation printed without headers takes the columns of the part before it."""
    columns = [
        ValueColumn(col.grid_index, prev.label, col.unit_text, parse_header(prev.label) if prev.period is None else _header_of(prev))
        for col, prev in zip(layout.columns, previous.columns)
    ]
    return TableLayout(layout.raw, columns, layout.rows, layout.header_row_count, layout.transposed, layout.warnings)


def _header_of(column: Column) -> HeaderPeriod:
    return HeaderPeriod(column.kind, column.period, column.forecast, column.percent_change)


def _row_labels_are_periods(layout: TableLayout, calendar: FiscalCalendar) -> bool:
    hits = 0
    banner = " ".join(t.text for row in layout.raw.rows[: layout.header_row_count] for t in row[:1])
    for row in layout.rows:
        if len(row.label) > 60:
            continue  # a sentence that mentions a period ("Statements of Operations for the years ended ...")
        header = parse_header(row.label, calendar, banner)
        if header.kind in (ColumnKind.DURATION, ColumnKind.INSTANT):
            hits += 1
    return hits >= max(1, len([r for r in layout.rows if r.has_values]) // 2)


def _part_from_layout(layout: TableLayout, raw: RawTable, kind: StatementKind, table_unit: UnitInfo, banner: str, calendar: FiscalCalendar) -> StatementPart:
    columns = []
    units_by_period: dict[Period | None, set[str]] = {}
    for value_column in layout.columns:
        units_by_period.setdefault(value_column.header.period, set()).add(column_unit_name(unit_for_column(value_column)))
    currencies_apart = any(period is not None and len(names) > 1 for period, names in units_by_period.items())
    for value_column in layout.columns:
        header = value_column.header
        unit_info = unit_for_column(value_column)
        percent = header.percent or (unit_info is not None and unit_info.unit == "%")
        forecast = header.forecast or kind is StatementKind.GUIDANCE
        columns.append(
            Column(
                label=value_column.label,
                kind=header.kind,
                period=header.period,
                forecast=forecast,
                percent_change=percent and header.kind is ColumnKind.CHANGE,
                unit="%" if value_column.ratio else column_unit_name(unit_info) if currencies_apart and header.kind is not ColumnKind.CHANGE else "",
                evidence=period_evidence(value_column, layout, banner, calendar),
                unresolved=header.unresolved,
            )
        )
    columns = columns_from_contexts(columns, [_tagged_cells(layout, j) for j in range(len(columns))])
    columns = link_change_columns(unlabelled_percent_changes(columns, layout))
    captions = [*dict.fromkeys(c.unit_text for c in layout.columns if c.unit_text), layout.corner, raw.title, *raw.context]
    lines, row_map = build_lines(layout.rows, table_unit, share_scale(captions, table_unit))
    lines = [_in_excepted_scale(line, table_unit, scale_exceptions(captions)) for line in lines]
    cells: dict[tuple[int, int], Cell] = {}
    for row_index, row in enumerate(layout.rows):
        line_index = row_map[row_index]
        if line_index is None:
            continue
        line = lines[line_index]
        for col_index, (raw_cell, parsed) in enumerate(zip(row.cells, row.parsed)):
            if raw_cell is None or parsed.kind not in (CellKind.NUMBER, CellKind.NIL):
                continue
            column = columns[col_index]
            unit = cell_unit(line, column, layout.columns[col_index], parsed, table_unit)
            cell = Cell(
                value=parsed.value,
                text=raw_cell.text,
                source=raw_cell.source,
                header=column.label,
                unit=unit.unit,
                scale=unit.scale,
                evidence=unit.evidence + sign_evidence(parsed.value, raw_cell.text),
                unresolved=unit.unresolved,
            )
            if raw_cell.tag is not None:
                cell = tagged_cell(cell, raw_cell.tag, scale_stated=unit.explicit and not unit.unresolved)
            cells[(line_index, col_index)] = cell
    table_unit, cells = unit_from_tags(table_unit, cells)
    warnings = list(layout.warnings)
    junk = sum(len(row.junk) for row in layout.rows)
    if junk:
        warnings.append(f"{junk} unreadable cell(s) ignored in '{raw.title or 'untitled table'}'")
    return new_part(raw, kind, columns, lines, cells, table_unit, warnings)
