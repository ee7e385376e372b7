"""The unit and scale of each cell, and the units a document settles for tables that state none."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from model.interpretation.evidence import Evidence
from model.interpretation.table_layout import ValueColumn, unit_for_column
from model.interpretation.numbers import ParsedNumber
from model.interpretation.headers import ColumnKind
from model.interpretation.units import UnitInfo, share_scale
from model.statements.part import StatementPart
from model.statements.statement import Column, Line, StatementKind

MONEY_KINDS = frozenset(
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
# tables of counts and per-share figures: printed as they are meant, whatever the amounts' scale
PERCENT_SCALE = Decimal("0.01")
PERCENT_SCALE_RULE = "a percentage is hundredths of the ratio it prints"
_AS_PRINTED_KINDS = frozenset({StatementKind.KPI, StatementKind.PER_SHARE, StatementKind.DIVIDENDS})
_DOCUMENT_SCALE_RE = re.compile(r"\b(?:in|of)\s+(?:u\.s\.\s+)?(?:dollars\s+in\s+)?(thousands|millions|billions)\b|\$\s*(?:in\s+)?(?:thousands|millions|billions)\b|\(\$(?:000|MM|mm|K)\)", re.I)


def column_unit_name(info: UnitInfo | None) -> str:
    if info is None or not info.unit or info.unit == "%":
        return ""
    return f"{info.unit} {info.scale}"


def cell_unit(line: Line, column: Column, value_column: ValueColumn, parsed: ParsedNumber, table_unit: UnitInfo) -> UnitInfo:
    """One cell's unit and scale with the text that settles them: the cell itself ("16%",
    "12 Gbps"), its column (a units row, a % of sales column), its line (shares, per share),
    else the table's."""
    return percentage_fact(printed_unit(line, column, value_column, parsed, table_unit), column)


def percentage_fact(unit: UnitInfo, column: Column) -> UnitInfo:
    """A percentage of a period is, as a fact, hundredths of its printed figure ("66.34" % of
    sales is 0.6634), as inline XBRL tags it; a printed change in % stays in points."""
    if unit.unit != "%" or column.kind is ColumnKind.CHANGE or unit.scale != 1:
        return unit
    return replace(unit, scale=PERCENT_SCALE, evidence=(*unit.evidence, Evidence("scale", PERCENT_SCALE_RULE, "convention")))


def printed_unit(line: Line, column: Column, value_column: ValueColumn, parsed: ParsedNumber, table_unit: UnitInfo) -> UnitInfo:
    line_unit = UnitInfo(line.unit, line.scale, True, line.unit_evidence, line.unit_unresolved) if line.unit else None
    if column.kind is ColumnKind.CHANGE:
        if column.percent_change or parsed.percent:
            return UnitInfo("%", 1, True, (Evidence("unit", column.label, "column header"),))
        return line_unit or table_unit
    if value_column.ratio:
        return UnitInfo("%", 1, True, (Evidence("unit", value_column.label, "column header", value_column.source),))
    if parsed.unit:
        return UnitInfo(parsed.unit, 1, True, (Evidence("unit", parsed.unit, "cell"),))
    if parsed.percent:
        return UnitInfo("%", 1, True, (Evidence("unit", "%", "cell"),))
    column_unit = unit_for_column(value_column)
    if line_unit is not None and line.unit != table_unit.unit:
        return line_unit
    if column_unit is not None:
        evidence = (Evidence("unit", value_column.unit_text, "units row", value_column.source),)
        if column_unit.unit == "%":
            return UnitInfo("%", 1, True, evidence)
        if column_unit.scale == 1 and column_unit.unit and line.per_share:
            return UnitInfo(f"{column_unit.unit}/share", 1, True, evidence)
        return UnitInfo(column_unit.unit or table_unit.unit, column_unit.scale, True, evidence)
    return line_unit or table_unit


def settle_unstated_units(parts: list[StatementPart], text_lines: list[str]) -> None:
    """Tables that state no scale take one only where the document settles it: the one unit its
    other statements state ("Millions of yen" on every page but one), or as printed when the
    document states no scale anywhere. Otherwise they stay unresolved."""
    stated = Counter(
        (p.unit.unit, p.unit.scale) for p in parts if p.unit.explicit and not p.unit.unresolved and p.kind in MONEY_KINDS and p.unit.scale > 1
    )
    prevailing = None
    if stated:
        (unit, scale), count = stated.most_common(1)[0]
        if count * 2 >= sum(stated.values()):  # no one unit prevails: better unresolved than wrong
            example = next(p for p in parts if p.unit.explicit and (p.unit.unit, p.unit.scale) == (unit, scale))
            prevailing = UnitInfo(unit, scale, True, (*example.unit.evidence, Evidence("scale", f"the scale the document's other statements state ({example.title})", "document")))
    any_scale = next((line for line in text_lines if len(line) < 300 and _DOCUMENT_SCALE_RE.search(line)), None)
    if not stated and any_scale is None:
        for part in parts:
            _share_counts_as_printed(part)
    for part in parts:
        if not part.unit.unresolved:
            continue
        if prevailing is not None and part.kind in MONEY_KINDS and part.unit.unit in ("", prevailing.unit):
            settle_unit(part, prevailing)
        elif part.kind in _AS_PRINTED_KINDS or (not stated and any_scale is None):
            rule = "counts and per-share figures as printed" if part.kind in _AS_PRINTED_KINDS else "the document states no scale anywhere: amounts as printed"
            settle_unit(part, UnitInfo(part.unit.unit, 1, False, (Evidence("scale", rule, "document"),)))


def settle_unit(part: StatementPart, unit: UnitInfo) -> None:
    """Give a table whose scale was unresolved the unit the document settles, with its evidence:
    the cells that took the table's unit take this one."""
    if not part.unit.unresolved:
        return
    old = part.unit
    shares = share_scale([e.text for e in unit.evidence if e.decides == "scale"], unit)
    for key, cell in part.cells.items():
        if cell.unit == old.unit and cell.scale == old.scale and cell.unresolved == old.unresolved:
            part.cells[key] = replace(cell, unit=unit.unit, scale=unit.scale, evidence=unit.evidence + _sign_evidence(cell.evidence), unresolved="")
        elif cell.unit == "shares" and cell.unresolved and shares is not None and not shares.unresolved:
            part.cells[key] = replace(cell, scale=shares.scale, evidence=shares.evidence, unresolved="")
    part.unit = unit


def _sign_evidence(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    return tuple(e for e in evidence if e.decides == "sign")


def _share_counts_as_printed(part: StatementPart) -> None:
    """In a document that states no scale anywhere, share counts are printed whole."""
    evidence = (Evidence("scale", "the document states no scale anywhere: share counts as printed", "document"),)
    for key, cell in part.cells.items():
        if cell.unit == "shares" and cell.unresolved:
            part.cells[key] = replace(cell, evidence=evidence, unresolved="")
