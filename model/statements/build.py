"""RawDocument -> Statements: every table interpreted, continuation pages chained, one statement per key.

One statement printed as several tables (a balance sheet split over a page break, the
six-month and three-month income statements of an interim release) comes out as one
Statement with all its periods as columns in chronological order.
"""

from __future__ import annotations

from model.interpretation.headers import ColumnKind
from model.interpretation.periods import FiscalCalendar
from model.interpretation.units import document_currency
from model.raw import RawDocument, SourceRef
from model.statements.from_table import build_part
from model.statements.merging import contradicts, is_continuation, merge_key, merge_parts
from model.statements.part import StatementPart
from model.statements.statement import Statement
from model.statements.table_units import settle_unit, settle_unstated_units
from model.statements.tags import demote_untagged_statements, snap_to_context_periods


def _drop_empty_lines(part: StatementPart) -> StatementPart:
    """Headings with nothing under them and lines with no cells in any column go."""
    keep = [i for i, line in enumerate(part.lines) if line.is_heading or any((i, j) in part.cells for j in range(len(part.columns)))]
    remap = {old: new for new, old in enumerate(keep)}
    part.lines = [part.lines[i] for i in keep]
    part.cells = {(remap[line], col): cell for (line, col), cell in part.cells.items() if line in remap}
    return part


def to_statement(part: StatementPart, file_name: str, sources: list[SourceRef], key: tuple[str, str]) -> Statement:
    part = _drop_empty_lines(part)
    statement = Statement(
        title=part.title or part.kind.value.capitalize(),
        kind=part.kind,
        columns=part.columns,
        lines=part.lines,
        cells=part.cells,
        unit=part.unit.unit,
        scale=part.unit.scale,
        file_name=file_name,
        sources=sources,
        warnings=part.warnings,
        key=key,
    )
    return statement.in_chronological_order()


def build_statements(document: RawDocument, calendar: FiscalCalendar) -> tuple[list[Statement], list[str]]:
    """All statements of a document, merged, in the order they first appear."""
    currency = document_currency("\n".join(document.text_lines))
    parts: list[StatementPart] = []
    warnings: list[str] = []
    for raw in document.tables:
        previous = parts[-1] if parts else None
        part = build_part(raw, calendar, currency, previous)
        if part is None or not part.cells:
            continue
        if not part.periods and not any(c.kind is ColumnKind.CHANGE or c.unresolved for c in part.columns):
            continue
        parts.append(part)

    snap_to_context_periods(parts)
    demote_untagged_statements(parts)
    groups: dict[tuple[str, str], list[StatementPart]] = {}
    order: list[tuple[str, str]] = []
    chains: list[list[StatementPart]] = []
    for part in parts:
        if chains and is_continuation(part, chains[-1][-1]):
            part.kind = chains[-1][0].kind
            part.title = chains[-1][0].title
            part.scope = chains[-1][0].scope
            if not chains[-1][0].unit.unresolved:
                settle_unit(part, chains[-1][0].unit)  # a page that continues a statement is in its caption's unit
            chains[-1].append(part)
            continue
        chains.append([part])
    settle_unstated_units(parts, document.text_lines)

    for chain in chains:
        head = merge_parts(chain) if len(chain) > 1 else chain[0]
        if len(chain) > 1:
            head.raw_title = chain[0].raw_title
        key = merge_key(head)
        while key in groups and any(contradicts(member, head) for member in groups[key]):
            key = (key[0], key[1] + " (another table)")  # same title, other figures: a table of its own
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(head)

    statements = []
    for key in order:
        members = groups[key]
        merged = merge_parts(members) if len(members) > 1 else members[0]
        statements.append(to_statement(merged, document.file_name, [m.source for m in members], key))
        warnings.extend(merged.warnings)
    return statements, warnings
