"""The evidence behind a column's period: the header as printed, the banner or heading that
gave its length or date, the fiscal calendar that dated a fiscal name, and any convention."""

from __future__ import annotations

from model.interpretation.evidence import Evidence
from model.interpretation.headers import ColumnKind, HeaderPeriod
from model.interpretation.table_layout import TableLayout, ValueColumn
from model.interpretation.periods import FiscalCalendar
from model.raw import SourceRef


def period_evidence(column: ValueColumn, layout: TableLayout, banner: str, calendar: FiscalCalendar) -> tuple[Evidence, ...]:
    """Why ``column`` has the period it has (empty for columns that are no period)."""
    header = column.header
    if header.kind not in (ColumnKind.DURATION, ColumnKind.INSTANT):
        return ()
    return header_evidence(header, column.label, column.source, layout.corner, layout.corner_source, banner, calendar)


def header_evidence(
    header: HeaderPeriod,
    label: str,
    source: SourceRef | None,
    corner: str,
    corner_source: SourceRef | None,
    banner: str,
    calendar: FiscalCalendar,
) -> tuple[Evidence, ...]:
    evidence = [Evidence("period", label, "header", source)]
    if header.uses_banner:
        if corner:
            evidence.append(Evidence("period", corner, "table heading", corner_source))
        if banner:
            evidence.append(Evidence("period", banner, "banner above the table"))
    if header.uses_calendar and calendar.evidence:
        evidence.append(Evidence("period", "; ".join(calendar.evidence), "fiscal calendar"))
    elif header.uses_calendar:
        evidence.append(Evidence("period", "fiscal years end on December 31 (no other year end is stated)", "convention"))
    if header.assumption:
        evidence.append(Evidence("period", header.assumption, "convention"))
    return tuple(evidence)


def unresolved_reason(column: ValueColumn) -> str:
    """Why a column that looks like a period has none (empty when it is not such a column)."""
    return column.header.unresolved
