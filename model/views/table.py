"""One statement laid out for the table: chronological columns, formatted cells with their
sources, checks and restatements in the tooltips."""

from __future__ import annotations

from dataclasses import dataclass, field

from model.analysis.analyst_views import base_line, common_size
from model.analysis.compare import basis_of
from model.analysis.period_lengths import length_mismatch
from model.interpretation.periods import FiscalCalendar
from model.raw import XbrlTag
from model.statements.statement import Cell, Column, Statement
from model.views.checks import StatementChecks
from model.views.columns import header_text, is_period, short_label
from model.views.period_filters import PeriodFilter, filtered_statement
from model.views.formatting import DisplayScale, ScaledValue, format_scaled, scaled, statement_caption, unit_caption
from model.views.workspace import CombinedView

LENGTH_MARK = " ≠"  # after the period label of a column compared with a period of another length


@dataclass(frozen=True, slots=True)
class TableCell:
    text: str
    value: float | None  # in the display scale, for sorting and charts
    negative: bool
    derived: bool
    tooltip: str
    problem: str  # a failed check on this cell, or ""
    restated: bool = False  # filings of the workspace reported different values for it


@dataclass
class StatementTable:
    """One statement laid out for the table: chronological columns, formatted cells."""

    statement: Statement
    scale: DisplayScale
    caption: str
    labels: list[str]  # section-prefixed where a label repeats: how exports name rows
    cells: dict[tuple[int, int], TableCell]
    common_size_base: str | None = None  # the line amounts are shown as a % of, when common-sized
    line_notes: dict[int, str] = field(default_factory=dict)  # lines filings printed under different labels
    calendar: FiscalCalendar | None = None  # the company's, for YTD and Q4 in period labels
    period_filter: PeriodFilter = PeriodFilter.ALL
    filter_applied: bool = True  # False: the filter left no column, so every column is shown
    column_notes: dict[int, str] = field(default_factory=dict)  # columns compared with periods of another length

    def header(self, column: int) -> str:
        """Period label (marked when compared with a period of another length), then the printed label."""
        text = header_text(self.columns[column], self.calendar)
        if column in self.column_notes:
            first, _, rest = text.partition("\n")
            text = first + LENGTH_MARK + ("\n" + rest if rest else "")
        return text

    def period_label(self, column: int) -> str:
        return short_label(self.columns[column], self.calendar)

    def header_tooltip(self, column: int) -> str:
        spec = self.columns[column]
        tip = spec.tooltip()
        if is_period(spec) and spec.period is not None:
            tip = f"{self.period_label(column)}\n{tip}"
        if column in self.column_notes:
            tip += "\n\u2260 " + self.column_notes[column]
        return tip

    @property
    def columns(self) -> list[Column]:
        return self.statement.columns

    @property
    def lines(self):
        return self.statement.lines

    def line_tooltip(self, line: int) -> str:
        spec = self.statement.lines[line]
        parts = [self.labels[line]]
        if spec.section:
            parts.append("under " + " \u203a ".join(s.rstrip(":") for s in spec.section))
        if spec.is_total:
            parts.append("a total of the lines above it")
        if spec.is_heading:
            parts.append("a section heading without values")
        if spec.memo:
            parts.append("an \u201cof which\u201d line: part of the line above")
        if spec.unit:
            parts.append(f"unit: {spec.unit}")
        if line in self.line_notes:
            parts.append(self.line_notes[line])
        return "\n".join(parts)


def _cell_tooltip(table_label: str, column: Column, cell: Cell, value: ScaledValue, problem: str) -> str:
    parts = [f"{table_label} \u00b7 {column.label}"]
    if cell.derived:
        parts.append(f"{cell.note or 'derived'} (computed by Tickmark, not printed in the filing)")
    else:
        parts.append(f"printed: {cell.text}")
    caption = "" if value.unit == "%" else unit_caption(value.unit, value.scale)
    parts.append(f"value: {format_scaled(value)} {caption}".rstrip())
    parts.append(f"source: {cell.source.describe()}")
    if cell.tag is not None:
        parts.append(xbrl_tooltip(cell.tag))
    parts.extend(evidence.describe() for evidence in column.evidence + cell.evidence)
    for reason in (column.unresolved, cell.unresolved):
        if reason:
            parts.append(f"unresolved: {reason}")
    if problem:
        parts.append(f"\u26a0 check: {problem}")
    return "\n".join(parts)


def xbrl_tooltip(tag: XbrlTag) -> str:
    """What the cell's inline-XBRL tag says: concept, context, unit and scale."""
    context = tag.context.describe() if tag.context is not None else "defined in another file of the filing"
    sign = ', sign="-"' if tag.sign else ""
    return f"XBRL concept: {tag.concept}\nXBRL context {tag.context_id}: {context}\nXBRL unit {tag.unit}, scale {tag.scale}, decimals {tag.decimals}{sign}"


def statement_table(
    statement: Statement,
    scale: DisplayScale = DisplayScale.AS_REPORTED,
    show_derived: bool = False,
    checks: StatementChecks | None = None,
    combined: CombinedView | None = None,
    common_sized: bool = False,
    period_filter: PeriodFilter = PeriodFilter.ALL,
    calendar: FiscalCalendar | None = None,
) -> StatementTable:
    """The statement laid out for the table. For a ``combined`` statement of the workspace,
    restated cells are marked and their tooltips list what every filing printed, and lines
    printed under different labels say so; ``common_sized`` shows amounts as a % of revenue
    (flows) or of total assets (balance sheets) where the statement has that line;
    ``period_filter`` keeps the columns of one kind of period."""
    reports = combined.reports if combined is not None else None
    shown, applied = filtered_statement(statement, period_filter, show_derived, calendar)
    caption = statement_caption(statement, scale)
    base_label = None
    if common_sized and (sized := common_size(shown)) is not None:
        base_label = shown.lines[base_line(shown)].label
        shown, caption = sized, f"% of {base_label}"
    labels = shown.display_labels()
    cells = {}
    for (line, column_index), cell in shown.cells.items():
        column = shown.columns[column_index]
        value = scaled(cell, scale)
        problem = checks.problem_at(line, column) if checks is not None else ""
        tooltip = _cell_tooltip(labels[line], column, cell, value, problem)
        history = reports.describe(line, column, scale) if reports is not None else ""
        cells[(line, column_index)] = TableCell(
            text=format_scaled(value),
            value=value.as_float,
            negative=value.value is not None and value.value < 0,
            derived=cell.derived,
            tooltip=f"{tooltip}\n{history}" if history else tooltip,
            problem=problem,
            restated=reports is not None and (line, column) in reports.restated,
        )
    notes = {line: note for line in range(len(shown.lines)) if combined is not None and (note := combined.line_note(line))}
    return StatementTable(
        shown, scale, caption, labels, cells, base_label, notes, calendar, period_filter, applied, length_notes(shown, calendar)
    )


def length_notes(statement: Statement, calendar: FiscalCalendar | None = None) -> dict[int, str]:
    """Columns that a YoY or QoQ change compares with a period of another length, and with which."""
    columns = [(j, c) for j, c in enumerate(statement.columns) if c.is_resolved_period and not c.forecast]
    found: dict[int, list[str]] = {}
    for j, later in columns:
        for k, earlier in columns:
            if later.unit != earlier.unit or basis_of(later.period, earlier.period) is None:
                continue
            mismatch = length_mismatch(later.period, earlier.period)
            if mismatch:
                basis = basis_of(later.period, earlier.period).value
                found.setdefault(j, []).append(f"{basis} against {short_label(earlier, calendar)}")
                found.setdefault(k, []).append(f"{basis} from {short_label(later, calendar)}")
    return {j: "compared with a period of another length: " + "; ".join(notes) for j, notes in found.items()}
