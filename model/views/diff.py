"""The diff panel's rows: YoY, QoQ or prior-period moves with a threshold, biggest movers
first, and a highlight colour."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from model.analysis.compare import Basis, Change, CheckStatus, Rounding, compute_changes
from model.statements.statement import Cell, Statement
from model.views.checks import _printed_vs_computed
from model.views.columns import short_label
from model.views.formatting import DisplayScale, ScaledValue, scaled

# |change %| at which a diff row reaches full colour: moves beyond a quarter are all "big".
SATURATION_PCT = 25.0
RISE_RGB = (46, 160, 67)
FALL_RGB = (207, 34, 46)
WHITE_RGB = (255, 255, 255)


class DiffOrder(Enum):
    STATEMENT = "statement order"
    MOVERS = "biggest movers first"


@dataclass(frozen=True, slots=True)
class DiffRow:
    change: Change
    label: str
    period_label: str
    prior_label: str
    value: ScaledValue
    prior_value: ScaledValue
    change_value: ScaledValue

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
    def intensity(self) -> float:
        """0 for no move, rising with |change %| to 1 at SATURATION_PCT and beyond."""
        if self.direction == 0:
            return 0.0
        if self.change_pct is None:
            return 1.0
        return min(abs(float(self.change_pct)) / SATURATION_PCT, 1.0)

    @property
    def highlight_rgb(self) -> tuple[int, int, int] | None:
        return highlight_rgb(self.direction, self.intensity)

    def check_text(self) -> str:
        status = self.change.status
        if status is None:
            return ""
        printed = self.change.reported.text if self.change.reported is not None else ""
        if self.change.reported_percent and printed:
            printed += " %"
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
        notes = [note for note in (self.change.cell.note, self.change.prior_cell.note) if note]
        if notes:
            parts.append("uses derived values: " + "; ".join(notes))
        if self.check_text():
            parts.append(self.check_text())
        return "\n".join(parts)


def highlight_rgb(direction: int, intensity: float) -> tuple[int, int, int] | None:
    """Green for a rise, red for a fall, paler for a small move; None for no move."""
    if direction == 0:
        return None
    colour = RISE_RGB if direction > 0 else FALL_RGB
    alpha = 0.10 + 0.50 * max(0.0, min(intensity, 1.0))
    return tuple(round(w + (c - w) * alpha) for w, c in zip(WHITE_RGB, colour, strict=True))


def diff_rows(
    statement: Statement,
    basis: Basis,
    rounding: Rounding = Rounding.HALF,
    scale: DisplayScale = DisplayScale.AS_REPORTED,
    threshold_pct: float = 0.0,
    order: DiffOrder = DiffOrder.STATEMENT,
    changes: Sequence[Change] | None = None,
) -> list[DiffRow]:
    """The moves of one statement on one basis (QoQ uses derived quarters where needed);
    ``changes`` are the statement's ``compute_changes`` when already known."""
    labels = statement.display_labels()
    rows = []
    for change in compute_changes(statement, rounding) if changes is None else changes:
        if change.basis is not basis:
            continue
        columns = change.statement.columns
        cell, prior_cell = change.cell, change.prior_cell
        difference = Cell(value=change.change, text="", source=cell.source, unit=cell.unit, scale=cell.scale)
        rows.append(
            DiffRow(
                change=change,
                label=labels[change.line],
                period_label=short_label(columns[change.column]),
                prior_label=short_label(columns[change.prior_column]),
                value=scaled(cell, scale),
                prior_value=scaled(prior_cell, scale),
                change_value=scaled(difference, scale),
            )
        )
    return sort_rows(moves_of_at_least(rows, threshold_pct), order)


def moves_of_at_least(rows: Iterable[DiffRow], threshold_pct: float) -> list[DiffRow]:
    """Rows moving by at least ``threshold_pct`` percent; a move away from zero (no
    percentage) always counts as big."""
    if threshold_pct <= 0:
        return list(rows)
    return [
        row
        for row in rows
        if (row.change_pct is None and row.direction != 0) or (row.change_pct is not None and abs(row.change_pct) >= Decimal(str(threshold_pct)))
    ]


def sort_rows(rows: list[DiffRow], order: DiffOrder) -> list[DiffRow]:
    if order is DiffOrder.MOVERS:
        return sorted(rows, key=lambda row: (row.change_pct is None, -abs(row.change_pct or 0)))
    return sorted(rows, key=lambda row: (row.change.line, row.change.period.sort_key()))
