"""The unit and scale of a table's amounts and of each cell, and units carried between tables."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from model.interpretation.layout import TableLayout, ValueColumn, unit_for_column
from model.interpretation.periods import ColumnKind
from model.interpretation.units import UnitInfo, caption_unit, unit_from_header
from model.raw import RawTable
from model.statements.part import StatementPart
from model.statements.statement import Column, Line, StatementKind

_MONEY_KINDS = frozenset(
    {
        StatementKind.INCOME,
        StatementKind.COMPREHENSIVE_INCOME,
        StatementKind.BALANCE_SHEET,
        StatementKind.CASH_FLOW,
        StatementKind.EQUITY,
        StatementKind.SEGMENT,
        StatementKind.NON_GAAP,
        StatementKind.SUMMARY,
        StatementKind.GUIDANCE,
    }
)


def unit_of_table(layout: TableLayout, raw: RawTable, currency: str, kind: StatementKind) -> UnitInfo:
    """The unit of the table's amounts: a units row, else the caption, else the document's currency."""
    for column in layout.columns:
        info = unit_for_column(column)
        if info is not None and info.unit != "%":
            return UnitInfo(info.unit or currency, info.scale, True)
    caption = caption_unit([raw.title, *raw.context])
    if caption is not None:
        return UnitInfo(caption.unit or currency, caption.scale, True)
    for column in layout.columns:
        # "2023 $ million": the unit printed inside the column header
        info = unit_from_header(column.label)
        if info is not None and info.unit != "%" and info.scale > 1:
            return UnitInfo(info.unit or currency, info.scale, True)
    return UnitInfo(currency if kind in _MONEY_KINDS else "", 1, False)


def column_unit_name(info: UnitInfo | None) -> str:
    if info is None or not info.unit or info.unit == "%":
        return ""
    return f"{info.unit} {info.scale}"


def cell_unit(line: Line, column: Column, value_column: ValueColumn, parsed, table_unit: UnitInfo) -> tuple[str, int]:
    if column.kind is ColumnKind.CHANGE:
        if column.percent_change or parsed.percent:
            return "%", 1
        return line.unit or table_unit.unit, line.scale if line.unit else table_unit.scale
    if parsed.unit:
        return parsed.unit, 1
    if parsed.percent:
        return "%", 1
    column_unit = unit_for_column(value_column)
    if line.unit and line.unit != table_unit.unit:
        return line.unit, line.scale
    if column_unit is not None:
        if column_unit.unit == "%":
            return "%", 1
        if column_unit.scale == 1 and column_unit.unit and line.per_share:
            return f"{column_unit.unit}/share", 1
        return column_unit.unit or table_unit.unit, column_unit.scale
    return line.unit or table_unit.unit, line.scale if line.unit else table_unit.scale


def default_scale_where_unstated(parts: list[StatementPart]) -> None:
    """A statement that prints no unit is in the unit the document's other statements state
    ("Millions of yen" on every page but one)."""
    stated = Counter((p.unit.unit, p.unit.scale) for p in parts if p.unit.explicit and p.kind in _MONEY_KINDS and p.unit.scale > 1)
    if not stated:
        return
    (unit, scale), count = stated.most_common(1)[0]
    if count * 2 < sum(stated.values()):
        return  # no one unit prevails: better unstated than wrong
    for part in parts:
        if not part.unit.explicit and part.kind in _MONEY_KINDS and part.unit.unit in ("", unit):
            inherit_unit(part, replace(part, unit=UnitInfo(unit, scale, True)))


def inherit_unit(part: StatementPart, head: StatementPart) -> None:
    """A page that continues a statement without repeating its caption is in the caption's unit."""
    if part.unit.explicit or not head.unit.explicit:
        return
    for key, cell in part.cells.items():
        if cell.tag is None and cell.unit == part.unit.unit and cell.scale == part.unit.scale:  # a tag states its own scale
            part.cells[key] = replace(cell, unit=head.unit.unit, scale=head.unit.scale)
    part.unit = head.unit
