"""Summary tables that print periods as rows and line items as columns, turned round."""

from __future__ import annotations

from model.interpretation.column_periods import header_evidence
from model.interpretation.evidence import Evidence, sign_evidence
from model.interpretation.table_layout import TableLayout, clean_label, unit_for_column
from model.interpretation.numbers import CellKind
from model.interpretation.headers import ColumnKind, parse_header
from model.interpretation.periods import FiscalCalendar, Period
from model.interpretation.units import UnitInfo, row_unit
from model.raw import RawTable
from model.statements.hierarchy import is_total_label
from model.statements.part import StatementPart, new_part
from model.statements.statement import Cell, Column, Line, StatementKind
from model.statements.table_units import percentage_fact
from model.statements.tags import tagged_cell


def transposed_part(
    layout: TableLayout, raw: RawTable, kind: StatementKind, calendar: FiscalCalendar, table_unit: UnitInfo, currency: str
) -> StatementPart:
    """Summary tables print periods as rows and line items as columns: turn them round."""
    banner = " ".join(t.text for row in raw.rows[: layout.header_row_count] for t in row[:1])
    if kind not in (StatementKind.DIVIDENDS, StatementKind.GUIDANCE, StatementKind.PER_SHARE, StatementKind.KPI):
        kind = StatementKind.SUMMARY
    items: list[tuple[str, int, UnitInfo | None]] = []  # (label, value column, unit)
    change_of: dict[int, int] = {}  # value column -> item index it is the change of
    unit_info_text: dict[str, str] = {}
    for position, column in enumerate(layout.columns):
        unit_info = unit_for_column(column)
        label = clean_label(column.label)
        previous_label = clean_label(layout.columns[position - 1].label) if position else None
        if unit_info is not None and unit_info.unit == "%" and items and (not label or label == previous_label) and kind is not StatementKind.DIVIDENDS:
            change_of[position] = len(items) - 1
            continue
        items.append((label or f"Column {position + 1}", position, unit_info))
        unit_info_text[label or f"Column {position + 1}"] = column.unit_text

    lines = []
    for label, _, unit_info in items:
        unit = row_unit(label, table_unit)
        if unit_info is not None:
            stated = (Evidence("unit", unit_info_text[label], "units row"),)
            if unit_info.unit == "%":
                unit = UnitInfo("%", 1, True, stated)
            elif unit_info.scale == 1 and unit_info.unit and (unit is None or unit.unit != "shares"):
                unit = UnitInfo(f"{unit_info.unit}/share", 1, True, stated)
            elif unit is None:
                unit = UnitInfo(unit_info.unit or table_unit.unit, unit_info.scale, True, stated)
        if kind is StatementKind.DIVIDENDS:
            unit = UnitInfo(f"{currency}/share" if currency else "per share", 1, True, (Evidence("unit", "dividends are amounts per share", "convention"),))
        lines.append(
            Line(
                label=label,
                unit=unit.unit if unit else "",
                scale=unit.scale if unit else 1,
                per_share=bool(unit and "/share" in unit.unit),
                ratio=bool(unit and unit.unit == "%"),
                is_total=is_total_label(label),
                standalone=True,
                unit_evidence=unit.evidence if unit else (),
                unit_unresolved=unit.unresolved if unit else "",
            )
        )

    columns: list[Column] = []
    cells: dict[tuple[int, int], Cell] = {}
    forecast_kind = kind is StatementKind.GUIDANCE
    for row in layout.rows:
        header = parse_header(row.label, calendar, banner)
        if header.period is None:
            continue
        period_column = len(columns)
        evidence = header_evidence(header, row.label, row.label_cell.source, "", None, banner, calendar)
        columns.append(Column(row.label, header.kind, header.period, forecast=header.forecast or forecast_kind, evidence=evidence))
        change_column = None
        if change_of:
            change_column = len(columns)
            prior = _year_earlier(header.period)
            columns.append(
                Column(f"{row.label} %", ColumnKind.CHANGE, None, forecast=header.forecast or forecast_kind, percent_change=True, compares=(header.period, prior))
            )
        for item_index, (label, position, unit_info) in enumerate(items):
            parsed = row.parsed[position]
            cell = row.cells[position]
            if cell is None or parsed.kind not in (CellKind.NUMBER, CellKind.NIL):
                continue
            line = lines[item_index]
            unit = UnitInfo(line.unit, line.scale, True, line.unit_evidence, line.unit_unresolved) if line.unit else table_unit
            unit = percentage_fact(unit, columns[period_column])
            value = Cell(
                parsed.value, cell.text, cell.source, header=f"{row.label} {label}".strip(), unit=unit.unit, scale=unit.scale,
                evidence=unit.evidence + sign_evidence(parsed.value, cell.text), unresolved=unit.unresolved,
            )
            if cell.tag is not None:
                value = tagged_cell(value, cell.tag, scale_stated=unit.explicit and not unit.unresolved)
            cells[(item_index, period_column)] = value
        for position, item_index in change_of.items():
            parsed = row.parsed[position]
            cell = row.cells[position]
            if cell is None or parsed.kind is not CellKind.NUMBER or change_column is None:
                continue
            cells[(item_index, change_column)] = Cell(
                parsed.value, cell.text, cell.source, header=f"{row.label} %", unit="%", scale=1, evidence=(Evidence("unit", "%", "units row"),)
            )
    return new_part(raw, kind, columns, lines, cells, table_unit, list(layout.warnings))


def _year_earlier(period: Period) -> Period:
    def back(day):
        try:
            return day.replace(year=day.year - 1)
        except ValueError:
            return day.replace(year=day.year - 1, day=28)

    return Period(end=back(period.end), start=None if period.start is None else back(period.start))
