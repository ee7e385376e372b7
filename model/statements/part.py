"""One printed table, interpreted: lines, columns and cells before tables are merged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.interpretation.units import UnitInfo
from model.raw import RawTable, SourceRef
from model.statements.classify import SCOPE_RE, statement_title
from model.statements.statement import Cell, Column, Line, StatementKind


@dataclass
class StatementPart:
    """One printed table, interpreted: lines, columns and cells, before merging."""

    title: str
    kind: StatementKind
    columns: list[Column]
    lines: list[Line]
    cells: dict[tuple[int, int], Cell]
    unit: UnitInfo
    source: SourceRef
    scope: str
    raw_title: str
    warnings: list[str] = field(default_factory=list)
    titled: bool = True  # the title says what it is (else the kind was guessed from its lines)

    @property
    def periods(self) -> set[Period]:
        return {c.period for c in self.columns if c.period is not None and c.kind is not ColumnKind.CHANGE}


def new_part(
    raw: RawTable,
    kind: StatementKind,
    columns: list[Column],
    lines: list[Line],
    cells: dict[tuple[int, int], Cell],
    unit: UnitInfo,
    warnings: list[str],
) -> StatementPart:
    return StatementPart(
        title=statement_title(raw.title),
        kind=kind,
        columns=columns,
        lines=lines,
        cells=cells,
        unit=unit,
        source=raw.source,
        scope="non-consolidated" if SCOPE_RE.search(raw.title) else "consolidated",
        raw_title=raw.title,
        warnings=warnings,
    )


_FOOTNOTE_CAPTION_RE = re.compile(r"^\(?\d{1,2}\)\s+\S|^\*\d?\s+\S")


def non_period_columns(part: StatementPart) -> int:
    """Columns that are neither periods, nor changes, nor a % of sales beside the amounts: a note's
    roll-forward ("Beginning | Increase | Decrease | Ending") has them, a statement does not."""
    count = 0
    for j, column in enumerate(part.columns):
        if column.kind is not ColumnKind.OTHER:
            continue
        units = [cell.unit for (_, col), cell in part.cells.items() if col == j]
        if not units or units.count("%") * 2 < len(units):
            count += 1
    return count


def footnote_caption(context: tuple[str, ...]) -> str:
    for line in context:
        if _FOOTNOTE_CAPTION_RE.match(line):
            return line
    return ""
