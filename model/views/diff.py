"""The diff panel's rows: YoY, QoQ or prior-period moves coloured by what they mean for the
company (a cost up is unfavourable, revenue up favourable), ranked by the size of the move in
money with % second (per-share, share-count and ratio lines rank among themselves), filtered
by size and %, and never built on a cell that fails a check or has no settled period."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, IntEnum

from model.analysis.compare import Basis, Change, CheckStatus, Rounding, compute_changes
from model.analysis.line_meaning import Effect, line_effect
from model.interpretation.periods import FiscalCalendar
from model.statements.statement import Cell, Line, Statement
from model.views.checks import StatementChecks, _printed_vs_computed, printed_change_text
from model.views.columns import short_label
from model.views.formatting import DisplayScale, ScaledValue, scaled

# |change %| at which a diff row reaches full colour: moves beyond a quarter are all "big".
SATURATION_PCT = 25.0
FAVOURABLE_RGB = (46, 160, 67)
UNFAVOURABLE_RGB = (207, 34, 46)
NEUTRAL_RGB = (70, 120, 190)
WHITE_RGB = (255, 255, 255)
LEGEND = (
    (FAVOURABLE_RGB, "favourable", "revenue, profit or income up; a cost, expense or loss down"),
    (UNFAVOURABLE_RGB, "unfavourable", "a cost, expense or loss up; revenue, profit or income down"),
    (NEUTRAL_RGB, "neither", "balances, cash flows, share counts and other lines: the size of the move only"),
)


class DiffOrder(Enum):
    STATEMENT = "statement order"
    MOVERS = "biggest movers first"


class MoveGroup(IntEnum):
    """Moves rank within their group: money first, then share counts, per-share amounts, ratios."""

    MONEY = 0
    SHARES = 1
    PER_SHARE = 2
    RATIO = 3


def move_group(line: Line, unit: str) -> MoveGroup:
    if line.per_share or unit.endswith("/share"):
        return MoveGroup.PER_SHARE
    if line.ratio or unit == "%":
        return MoveGroup.RATIO
    if unit == "shares":
        return MoveGroup.SHARES
    return MoveGroup.MONEY


def move_effect(effect: Effect, value: Decimal, prior: Decimal) -> int:
    """+1 good news, -1 bad news, 0 neither. A cost or loss grows with its size whichever
    sign the filing prints it with."""
    if effect is Effect.NEUTRAL or value == prior:
        return 0
    if effect is Effect.FAVOURABLE:
        return 1 if value > prior else -1
    return -1 if abs(value) > abs(prior) else 1


@dataclass(frozen=True, slots=True)
class DiffRow:
    change: Change
    label: str
    period_label: str
    prior_label: str
    value: ScaledValue
    prior_value: ScaledValue
    change_value: ScaledValue
    effect: int = 0  # +1 favourable, -1 unfavourable, 0 neither
    group: MoveGroup = MoveGroup.MONEY
    left_out: str = ""  # why the move is not listed: a cell fails a check or has no settled period

    @property
    def change_pct(self) -> Decimal | None:
        return self.change.change_pct

    @property
    def derived(self) -> bool:
        return self.change.derived

    @property
    def flagged(self) -> bool:
        return self.change.status is CheckStatus.INCONSISTENT

    @property
    def direction(self) -> int:
        return (self.change.change > 0) - (self.change.change < 0)

    @property
    def size(self) -> Decimal:
        """The move in the unit's own terms (scale applied), for ranking."""
        return abs(self.change.change) * self.change.cell.scale

    @property
    def length_note(self) -> str:
        return self.change.length_note

    @property
    def intensity(self) -> float:
        """0 for no move, rising with |change %| to 1 at SATURATION_PCT and beyond."""
        if self.direction == 0:
            return 0.0
        if self.change_pct is None:
            return 1.0
        return min(abs(float(self.change_pct)) / SATURATION_PCT, 1.0)

    def highlight_rgb(self, base: tuple[int, int, int] = WHITE_RGB) -> tuple[int, int, int] | None:
        return highlight_rgb(self.effect, self.intensity, self.direction != 0, base)

    def check_text(self) -> str:
        status = self.change.status
        if status is None:
            return ""
        printed = printed_change_text(self.change)
        if status is CheckStatus.TIED:
            return f"\u2713 printed {printed}"
        if status is CheckStatus.CONSISTENT:
            return f"\u2248 printed {printed} (within rounding)"
        return f"\u26a0 {_printed_vs_computed(self.change)}"

    def tooltip(self) -> str:
        parts = [
            f"{self.label}: {self.change.basis.value} {self.period_label} against {self.prior_label}",
            f"{self.change.period.describe()} against {self.change.prior.describe()}",
        ]
        if self.length_note:
            parts.append(f"\u2260 {self.length_note}: the periods are not equally long")
        notes = [note for note in (self.change.cell.note, self.change.prior_cell.note) if note]
        if notes:
            parts.append("uses derived values: " + "; ".join(notes))
        parts.append({1: "favourable move", -1: "unfavourable move"}.get(self.effect, "neither favourable nor unfavourable by itself"))
        if self.check_text():
            parts.append(self.check_text())
        return "\n".join(parts)


def highlight_rgb(effect: int, intensity: float, moved: bool = True, base: tuple[int, int, int] = WHITE_RGB) -> tuple[int, int, int] | None:
    """Green for good news, red for bad, blue for neither, over ``base`` (the table's own
    background, light or dark), deeper for a bigger move; None for no move."""
    if not moved:
        return None
    colour = FAVOURABLE_RGB if effect > 0 else UNFAVOURABLE_RGB if effect < 0 else NEUTRAL_RGB
    alpha = 0.10 + 0.50 * max(0.0, min(intensity, 1.0))
    return tuple(round(b + (c - b) * alpha) for b, c in zip(base, colour, strict=True))


def _left_out(change: Change, checks: StatementChecks | None) -> str:
    columns = change.statement.columns
    for cell, column in ((change.cell, change.column), (change.prior_cell, change.prior_column)):
        if not columns[column].is_resolved_period or columns[column].unresolved:
            return f"{columns[column].label}: its period is not settled"
        if cell.unresolved:
            return f"{columns[column].label}: {cell.unresolved}"
        if checks is not None and (change.line, columns[column]) in checks.failing:
            return f"{columns[column].label}: the total does not foot"
    return ""


def diff_rows(
    statement: Statement,
    basis: Basis,
    rounding: Rounding = Rounding.HALF,
    scale: DisplayScale = DisplayScale.AS_REPORTED,
    threshold_pct: float = 0.0,
    order: DiffOrder = DiffOrder.STATEMENT,
    changes: Sequence[Change] | None = None,
    calendar: FiscalCalendar | None = None,
    checks: StatementChecks | None = None,
    include_left_out: bool = False,
) -> list[DiffRow]:
    """The moves of one statement on one basis (QoQ uses derived quarters where needed);
    ``changes`` are the statement's ``compute_changes`` when already known. Moves of cells
    that fail a check or have no settled period are left out (kept, with the reason, when
    ``include_left_out``)."""
    labels = statement.display_labels()
    rows = []
    for change in compute_changes(statement, rounding) if changes is None else changes:
        if change.basis is not basis:
            continue
        columns = change.statement.columns
        cell, prior_cell = change.cell, change.prior_cell
        line = change.statement.lines[change.line]
        difference = Cell(value=change.change, text="", source=cell.source, unit=cell.unit, scale=cell.scale)
        left_out = _left_out(change, checks)
        if left_out and not include_left_out:
            continue
        rows.append(
            DiffRow(
                change=change,
                label=labels[change.line] if change.line < len(labels) else line.label,
                period_label=short_label(columns[change.column], calendar),
                prior_label=short_label(columns[change.prior_column], calendar),
                value=scaled(cell, scale),
                prior_value=scaled(prior_cell, scale),
                change_value=scaled(difference, scale),
                effect=move_effect(line_effect(line.label, statement.kind, line.section), change.value, change.prior_value),
                group=move_group(line, cell.unit),
                left_out=left_out,
            )
        )
    return sort_rows(moves_of_at_least(rows, threshold_pct), order)


def moves_of_at_least(rows: Iterable[DiffRow], threshold_pct: float, min_change: float = 0.0) -> list[DiffRow]:
    """Rows moving by at least ``threshold_pct`` percent (a move away from zero, without a
    percentage, always counts as big) and, for money lines, by at least ``min_change`` in the
    display scale."""
    wanted_pct = Decimal(str(threshold_pct))
    wanted_size = Decimal(str(min_change))
    kept = []
    for row in rows:
        if threshold_pct > 0 and not ((row.change_pct is None and row.direction != 0) or (row.change_pct is not None and abs(row.change_pct) >= wanted_pct)):
            continue
        if min_change > 0 and row.group is MoveGroup.MONEY and (row.change_value.value is None or abs(row.change_value.value) < wanted_size):
            continue
        kept.append(row)
    return kept


def sort_rows(rows: list[DiffRow], order: DiffOrder) -> list[DiffRow]:
    """Biggest movers: money lines by the size of the move, then by |change %|; share counts,
    per-share amounts and ratios after them, each ranked among themselves."""
    if order is DiffOrder.MOVERS:
        return sorted(rows, key=lambda row: (row.group, -row.size, row.change_pct is None, -abs(row.change_pct or 0)))
    return sorted(rows, key=lambda row: (row.change.line, row.change.period.sort_key()))
