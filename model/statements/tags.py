"""Cells and columns whose printed numbers carry inline-XBRL facts.

The printed table still decides the layout, so a statement looks as printed. Where a cell
carries a tag, its scale and unit come from the tag, its value and sign stay as printed
(``(500)`` is -500 whatever the tag's sign: the tag's ``sign`` only confirms), and the printed
text is checked against the tag. A column whose tagged cells agree on one context period takes
that period.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from model.interpretation.evidence import Evidence
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.interpretation.units import UnitInfo
from model.raw import RawCell, XbrlContext, XbrlTag
from model.statements.part import StatementPart
from model.statements.statement import Cell, Column, StatementKind

TAG_ORIGIN = "XBRL tag"
CONTEXT_ORIGIN = "XBRL context"
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_SCALE_NAMES = {1: "units", 1_000: "thousands", 1_000_000: "millions", 1_000_000_000: "billions"}


def tagged_cell(cell: Cell, tag: XbrlTag, scale_stated: bool) -> Cell:
    """The cell with its tag: scale and unit from the tag, value and sign as printed, and why
    the printed text disagrees with the tag (digits, or a scale the table states), if it does.

    ``cell`` holds the unit, scale and evidence read from the print; ``scale_stated`` says
    whether the print states that scale (a caption, a units row, a row label) rather than
    assumes it. The printed evidence stays where it agrees with the tag; the sign's always.
    """
    evidence: list[Evidence] = []
    problems: list[str] = []
    unit, scale = cell.unit, cell.scale
    scaled = tag.value is not None and cell.value is not None  # a nil, printed or tagged, has no scale to tell
    if scaled and tag.scale < 0:
        # printed in hundredths: "33.66" tagged 0.3366 is a percentage whatever the table's money
        # scale, and the scale takes the printed value to the fact as for any other tag
        scale = Decimal(1).scaleb(tag.scale)
        unit = "%" if tag.unit == "pure" and tag.scale == -2 else unit
        evidence.append(Evidence("scale", f'unit "{tag.unit}", scale="{tag.scale}" on {tag.concept}', TAG_ORIGIN, cell.source))
    elif scaled and cell.unit != "%":
        scale = 10**tag.scale
        if scale_stated and scale != cell.scale:
            problems.append(f"the table prints it in {_scale_name(cell.scale)}, its tag in {_scale_name(scale)}")
        evidence.append(Evidence("scale", f'scale="{tag.scale}" on {tag.concept}', TAG_ORIGIN, cell.source))
    tagged_unit = contract_unit(tag.unit)
    if tagged_unit and unit != "%":
        unit = tagged_unit
        evidence.append(Evidence("unit", f'unit "{tag.unit}" on {tag.concept}', TAG_ORIGIN, cell.source))
    printed = abs(cell.value) if cell.value is not None else Decimal(0)
    if tag.displayed is not None and printed != tag.displayed:
        problems.append(f"its tag {tag.concept} reads {tag.text or 'nothing'}")
    if cell.value is not None and cell.value < 0 and tag.sign == "-":
        evidence.append(Evidence("sign", f'printed {cell.text}, sign="-" on {tag.concept}', TAG_ORIGIN, cell.source))
    agrees = (unit, scale) == (cell.unit, cell.scale) and not cell.unresolved
    printed_evidence = cell.evidence if agrees else tuple(e for e in cell.evidence if e.decides == "sign")
    unresolved = "" if scaled else cell.unresolved
    return replace(
        cell, unit=unit, scale=scale, evidence=(*evidence, *printed_evidence), unresolved=unresolved, tag=tag, tag_check="; ".join(problems)
    )


def contract_unit(unit: str) -> str:
    """A tag's unit as the facts CSV names units ("USD", "shares", "USD/share"), or "" when the
    contract has no name for it ("pure", a ratio, a physical unit): the printed unit stays."""
    numerator, _, denominator = unit.partition("/")
    if _CURRENCY_RE.match(numerator):
        if not denominator:
            return numerator
        if denominator.lower() == "shares":
            return f"{numerator}/share"
        return ""
    if numerator.lower() == "shares" and not denominator:
        return "shares"
    return ""


def _scale_name(scale: int) -> str:
    return _SCALE_NAMES.get(scale, f"x {scale:,}")


@dataclass(frozen=True, slots=True)
class _ContextReading:
    """The period most of a column's tagged cells name, and the dimension members they carry."""

    period: Period
    members: frozenset[tuple[tuple[str, str], ...]]
    evidence: Evidence


def columns_from_contexts(columns: Sequence[Column], tagged: Sequence[Sequence[RawCell]]) -> list[Column]:
    """Columns dated by the contexts of their tagged cells (``tagged[j]`` for column ``j``).

    A column the header dates takes its context period. A column the header reads as a change
    or as no period (a caption row misread, a banner lost) takes one unless a dated column
    already has that period (a printed change tagged with the current period) or other columns
    of that period tag other dimension members (segment or entity columns of one period).
    """
    readings = [_context_reading(cells) for cells in tagged]
    dated_periods = {
        reading.period
        for column, reading in zip(columns, readings, strict=True)
        if reading is not None and column.kind in (ColumnKind.DURATION, ColumnKind.INSTANT)
    }
    members_of: dict[Period, set[frozenset]] = {}
    for reading in filter(None, readings):
        members_of.setdefault(reading.period, set()).add(reading.members)
    dated = []
    for column, reading, cells in zip(columns, readings, tagged, strict=True):
        is_period = column.kind in (ColumnKind.DURATION, ColumnKind.INSTANT)
        if reading is not None and not is_period and _ratios(cells):
            # "% of sales" beside the amounts, tagged as ratios of the period: that period, in %, never
            # compared with the amounts beside it
            dated.append(replace(column, kind=ColumnKind.DURATION if not reading.period.is_instant else ColumnKind.INSTANT,
                                 period=reading.period, unit="%", evidence=(reading.evidence, *column.evidence), unresolved=""))
            continue
        if reading is None or not (is_period or (reading.period not in dated_periods and len(members_of[reading.period]) == 1)):
            dated.append(column)
            continue
        period, evidence = reading.period, reading.evidence
        if column.period is not None and column.period != period:
            evidence = replace(evidence, text=f"{evidence.text} (the header read {column.period.describe()})")
        kind = ColumnKind.INSTANT if period.is_instant else ColumnKind.DURATION
        dated.append(replace(column, kind=kind, period=period, percent_change=False, compares=None, evidence=(evidence, *column.evidence), unresolved=""))
    return dated


def _ratios(cells: Sequence[RawCell]) -> bool:
    """Whether a column's tagged cells are all ratios ("pure" facts printed in hundredths)."""
    tags = [cell.tag for cell in cells if cell.tag is not None and cell.tag.value is not None]
    return bool(tags) and all(tag.unit == "pure" and tag.scale < 0 for tag in tags)


def _context_reading(tagged: Sequence[RawCell]) -> _ContextReading | None:
    """The period most of a column's tagged cells name, when more than half of them name it.

    A cash-flow column also tags its opening and closing balances (instants) and a balance
    sheet may tag a figure for the year: the period most cells share decides. None when the
    cells name no context (it lives in another file of the filing's package) or disagree.
    """
    located = [(cell, cell.tag.context) for cell in tagged if cell.tag is not None and cell.tag.context is not None]
    if not located:
        return None
    counts = Counter(_period(context) for _, context in located)
    period, count = counts.most_common(1)[0]
    if count * 2 <= len(located):
        return None
    chosen = [(cell, context) for cell, context in located if _period(context) == period]
    context_id = Counter(context.id for _, context in chosen).most_common(1)[0][0]
    source = next(cell.source for cell, context in chosen if context.id == context_id)
    members = frozenset(context.dimensions for _, context in chosen)
    return _ContextReading(period, members, Evidence("period", f'context "{context_id}": {period.describe()}', CONTEXT_ORIGIN, source))


def _period(context: XbrlContext) -> Period:
    return Period(end=context.end, start=context.start)


def unit_from_tags(table_unit: UnitInfo, cells: dict[tuple[int, int], Cell]) -> tuple[UnitInfo, dict[tuple[int, int], Cell]]:
    """A table that states no scale takes the one its tagged amounts share, and its untagged
    cells (nils, mostly) follow; a table that states its own keeps it (the check says where a
    tag disagrees)."""
    if not table_unit.unresolved:
        return table_unit, cells
    tagged = [cell for cell in cells.values() if cell.tag is not None and _CURRENCY_RE.match(cell.unit)]
    if len({(cell.unit, cell.scale) for cell in tagged}) != 1:
        return table_unit, cells
    example = tagged[0]
    evidence = tuple(e for e in example.evidence if e.decides in ("scale", "unit") and e.origin == TAG_ORIGIN)
    settled = UnitInfo(example.unit, example.scale, True, evidence)
    following = {
        key: replace(cell, unit=settled.unit, scale=settled.scale, evidence=(*evidence, *cell.evidence), unresolved="")
        if cell.tag is None and (cell.unit, cell.scale, cell.unresolved) == (table_unit.unit, table_unit.scale, table_unit.unresolved)
        else cell
        for key, cell in cells.items()
    }
    return settled, following


def snap_to_context_periods(parts: Sequence[StatementPart]) -> None:
    """Untagged tables (the MD&A's summaries) take the exact dates the document's XBRL contexts
    give a period their headers name within a week ("Six Months Ended July 3, 2022" read as 26
    weeks when the context starts the year on January 1): one period, one column, once merged."""
    known = {
        column.period
        for part in parts
        for column in part.columns
        if column.period is not None and any(e.origin == CONTEXT_ORIGIN for e in column.evidence)
    }
    if not known:
        return
    for part in parts:
        part.columns = [_snapped(column, known) for column in part.columns]


def _snapped(column: Column, known: set[Period]) -> Column:
    period = column.period
    if period is None or period in known or column.kind not in (ColumnKind.DURATION, ColumnKind.INSTANT):
        return column
    close = [candidate for candidate in known if candidate.is_close_to(period) and _starts_close(candidate, period)]
    if len(close) != 1:
        return column
    (exact,) = close
    evidence = Evidence("period", f"{exact.describe()}, the dates the document's XBRL contexts give this period", CONTEXT_ORIGIN, None)
    return replace(column, period=exact, evidence=(*column.evidence, evidence))


def _starts_close(one: Period, other: Period, tolerance_days: int = 7) -> bool:
    if one.start is None or other.start is None:
        return one.start is None and other.start is None
    return abs((one.start - other.start).days) <= tolerance_days


def demote_untagged_statements(parts: Sequence[StatementPart]) -> None:
    """In a filing whose statements carry inline-XBRL tags, an untagged table is not one of its
    financial statements, whatever its title says ("USCS Selected Income Statement Data", the
    MD&A's cash-flow summary): it is a summary, and never merges into the tagged statement."""
    if not any(cell.tag is not None for part in parts for cell in part.cells.values()):
        return
    for part in parts:
        if part.kind.is_primary and not any(cell.tag is not None for cell in part.cells.values()):
            part.kind, part.titled = StatementKind.SUMMARY, False
