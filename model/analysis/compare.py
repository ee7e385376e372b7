"""YoY / QoQ / prior-period changes, quarters derived from cumulative figures, and printed
changes held against computed ones."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from enum import Enum

from model.analysis.period_lengths import is_quarter, length_mismatch
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.statements.statement import Cell, Column, Statement


class Rounding(Enum):
    """How a document rounded its printed amounts (the check needs the interval each stands for)."""

    HALF = "half"  # to nearest: 1,234 stands for [1,233.5, 1,234.5]
    DOWN = "down"  # truncated ("rounded down"): 1,234 stands for [1,234, 1,235)


class Basis(Enum):
    YOY = "YoY"
    QOQ = "QoQ"
    POP = "PoP"


class CheckStatus(Enum):
    TIED = "tied"  # equal to the printed precision
    CONSISTENT = "consistent"  # inside what rounding of the printed amounts allows
    INCONSISTENT = "inconsistent"


@dataclass(frozen=True, slots=True)
class Change:
    statement: Statement
    line: int
    column: int
    prior_column: int
    basis: Basis
    period: Period
    prior: Period
    value: Decimal
    prior_value: Decimal
    reported: Cell | None
    reported_percent: bool
    status: CheckStatus | None
    derived: bool

    @property
    def change(self) -> Decimal:
        return self.value - self.prior_value

    @property
    def change_pct(self) -> Decimal | None:
        if self.prior_value == 0:
            return None
        return Decimal(100) * self.change / abs(self.prior_value)

    @property
    def length_note(self) -> str:
        """Said wherever the change is shown: a 12-week quarter against a 16-week one."""
        return length_mismatch(self.period, self.prior)

    @property
    def cell(self) -> Cell:
        return self.statement.cells[(self.line, self.column)]

    @property
    def prior_cell(self) -> Cell:
        return self.statement.cells[(self.line, self.prior_column)]


# ----------------------------------------------------------------------------- derived periods


def _nested_difference(longer: Period, shorter: Period) -> Period | None:
    """The part of ``longer`` that ``shorter`` leaves when they share an exact end or start."""
    if longer.start is None or shorter.start is None or not longer.contains(shorter) or longer == shorter:
        return None
    if longer.end == shorter.end and longer.start < shorter.start:
        return Period(start=longer.start, end=shorter.start - timedelta(days=1))
    if longer.start == shorter.start and shorter.end < longer.end:
        return Period(start=shorter.end + timedelta(days=1), end=longer.end)
    return None


def _is_quarter_or_half(period: Period) -> bool:
    """Three months or 12 to 17 weeks (the fourth quarter of a 52/53-week year), or a half."""
    return is_quarter(period) or 160 <= period.days <= 200


def with_derived_periods(statement: Statement) -> Statement:
    """The statement plus quarters and halves derived from nested cumulative periods
    (1Q = 1H - 2Q, Q3 = 9M - H1, Q4 = FY - 9M, H2 = FY - H1), for additive lines of flow
    statements only. Derived cells are marked and say how they were made."""
    if not statement.kind.is_flow:
        return statement
    columns = list(statement.columns)
    cells = dict(statement.cells)
    printed = {(c.period, c.unit) for c in columns if c.period is not None and c.kind is ColumnKind.DURATION and not c.forecast}
    durations = [
        (j, c) for j, c in enumerate(columns) if c.kind is ColumnKind.DURATION and c.is_resolved_period and not c.forecast and not c.derived and not c.is_ratio
    ]  # a column of ratios ("% of sales") adds up to nothing
    made: dict[tuple[Period, str], int] = {}
    for j, longer in durations:
        for k, shorter in durations:
            result = _nested_difference(longer.period, shorter.period)
            key = (result, longer.unit)
            if result is None or key in printed or not _is_quarter_or_half(result) or longer.unit != shorter.unit:
                continue
            if key not in made:
                columns.append(
                    Column(
                        label=f"{result.short_label()} (derived)",
                        kind=ColumnKind.DURATION,
                        period=result,
                        derived=True,
                        unit=longer.unit,
                    )
                )
                made[key] = len(columns) - 1
            target = made[key]
            for i, line in enumerate(statement.lines):
                if not line.adds_up_over_time or line.is_heading or (i, target) in cells:
                    continue
                a = statement.cells.get((i, j))
                b = statement.cells.get((i, k))
                if a is None or b is None or a.value is None and b.value is None or not (a.is_settled and b.is_settled):
                    continue
                value = (a.value or Decimal(0)) - (b.value or Decimal(0))
                cells[(i, target)] = Cell(
                    value=value,
                    text="",
                    source=a.source,
                    header=columns[target].label,
                    derived=True,
                    unit=a.unit,
                    scale=a.scale,
                    note=f"derived: {longer.label} - {shorter.label}",
                )
    if not made:
        return statement
    return replace(statement, columns=columns, cells=cells).in_chronological_order()


# ----------------------------------------------------------------------------- bases


def basis_of(later: Period, earlier: Period) -> Basis | None:
    """How two periods of one statement compare, or None when they should not be compared."""
    if later.is_instant != earlier.is_instant or later.end <= earlier.end:
        return None
    gap = (later.end - earlier.end).days
    if later.is_instant:
        return Basis.YOY if abs(gap - 365.25) <= 8 else Basis.POP
    quarters = is_quarter(later) and is_quarter(earlier)  # 12 against 16 weeks: compared, and said so
    if abs(later.days - earlier.days) > 8 and not quarters:
        return None
    if abs(gap - 365.25) <= 8:
        return Basis.YOY
    adjacent = abs((later.start - earlier.end).days - 1) <= 7
    if adjacent and quarters:
        return Basis.QOQ
    if adjacent:
        return Basis.POP
    return None


# ----------------------------------------------------------------------------- reported changes


def _step(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal(1)


def _interval(value: Decimal, rounding: Rounding) -> tuple[Decimal, Decimal]:
    step = _step(value)
    if rounding is Rounding.DOWN:
        return (value, value + step) if value >= 0 else (value - step, value)
    return value - step / 2, value + step / 2


def check_reported(
    value: Decimal, prior: Decimal, reported: Decimal, percent: bool, rounding: Rounding = Rounding.HALF
) -> CheckStatus:
    """Hold a printed change against the one computed from the printed amounts. A % change of
    two negative amounts (losses, write-offs in parentheses) may be printed as the change of
    their size: either reading ties."""
    if percent and value < 0 and prior < 0:
        as_printed = _check_reported(value, prior, reported, percent, rounding)
        by_size = _check_reported(-value, -prior, reported, percent, rounding)
        return min(as_printed, by_size, key=_SEVERITY.get)
    return _check_reported(value, prior, reported, percent, rounding)


def _check_reported(value: Decimal, prior: Decimal, reported: Decimal, percent: bool, rounding: Rounding) -> CheckStatus:
    low_a, high_a = _interval(value, rounding)
    low_b, high_b = _interval(prior, rounding)
    step = _step(reported)
    if percent:
        if prior == 0:
            return CheckStatus.INCONSISTENT
        computed = Decimal(100) * (value - prior) / abs(prior)
        for mode in (ROUND_HALF_UP, ROUND_HALF_EVEN):
            if computed.quantize(step, rounding=mode) == reported:
                return CheckStatus.TIED
        corners = [
            Decimal(100) * (a - b) / abs(b)
            for a in (low_a, high_a)
            for b in (low_b, high_b)
            if b != 0 and (b > 0) == (prior > 0)
        ]
        if not corners:
            return CheckStatus.INCONSISTENT
        low, high = min(corners), max(corners)
    else:
        computed = value - prior
        if computed == reported:
            return CheckStatus.TIED
        low, high = low_a - high_b, high_a - low_b
    if low - step / 2 <= reported <= high + step / 2:
        return CheckStatus.CONSISTENT
    return CheckStatus.INCONSISTENT


def _reported_for(statement: Statement, line: int, later: Period, earlier: Period) -> list[tuple[Cell, bool]]:
    """Every change the document prints for a line and pair of periods ($ and %), % first."""
    found = []
    for j, column in enumerate(statement.columns):
        if column.kind is not ColumnKind.CHANGE or column.compares is None:
            continue
        a, b = column.compares
        if a.is_close_to(later, 3) and b.is_close_to(earlier, 7):
            cell = statement.cells.get((line, j))
            if cell is not None and cell.value is not None:
                found.append((cell, column.percent_change or cell.unit == "%"))
    return sorted(found, key=lambda item: not item[1])


_SEVERITY = {CheckStatus.TIED: 0, CheckStatus.CONSISTENT: 1, CheckStatus.INCONSISTENT: 2}


# ----------------------------------------------------------------------------- changes


def compute_changes(statement: Statement, rounding: Rounding = Rounding.HALF, derive: bool = True) -> list[Change]:
    """Every YoY, QoQ and prior-period change the statement's periods allow, line by line."""
    if derive:
        statement = with_derived_periods(statement)
    periods = [(j, c) for j, c in enumerate(statement.columns) if c.is_resolved_period and not c.forecast]
    pairs = []
    for j, later in periods:
        for k, earlier in periods:
            if later.unit != earlier.unit:
                continue  # the same year in yen and in dollars is no change
            basis = basis_of(later.period, earlier.period)
            if basis is not None:
                pairs.append((j, k, basis))
    changes = []
    for i, line in enumerate(statement.lines):
        if line.is_heading:
            continue
        for j, k, basis in pairs:
            a = statement.cells.get((i, j))
            b = statement.cells.get((i, k))
            if a is None or b is None or a.value is None or b.value is None or not (a.is_settled and b.is_settled):
                continue  # a value whose scale the document leaves open moves nothing
            if (a.derived or b.derived) and not line.adds_up_over_time:
                continue
            later = statement.columns[j].period
            earlier = statement.columns[k].period
            printed = _reported_for(statement, i, later, earlier)
            reported, percent = printed[0] if printed else (None, False)
            status = None
            if printed and not a.derived and not b.derived:
                # a line is only as good as the worst of the changes printed for it
                status = max((check_reported(a.value, b.value, cell.value, is_percent, rounding) for cell, is_percent in printed), key=_SEVERITY.get)
            changes.append(
                Change(
                    statement=statement,
                    line=i,
                    column=j,
                    prior_column=k,
                    basis=basis,
                    period=later,
                    prior=earlier,
                    value=a.value,
                    prior_value=b.value,
                    reported=reported,
                    reported_percent=percent,
                    status=status,
                    derived=a.derived or b.derived,
                )
            )
    return changes


@dataclass(frozen=True, slots=True)
class DerivedCheck:
    """A quarter derived from cumulative figures held against the same quarter as printed."""

    statement: Statement
    line: int
    period: Period
    derived: Decimal
    printed: Cell
    status: CheckStatus
    note: str


def derived_checks(statement: Statement, rounding: Rounding = Rounding.HALF) -> list[DerivedCheck]:
    """Where a quarter or half that could be derived was also printed, compare the two."""
    if not statement.kind.is_flow:
        return []
    durations = [
        (j, c) for j, c in enumerate(statement.columns)
        if c.kind is ColumnKind.DURATION and c.is_resolved_period and not c.forecast and not c.derived and not c.is_ratio
    ]
    printed_at = {c.period: j for j, c in durations}
    checks = []
    for j, longer in durations:
        for k, shorter in durations:
            result = _nested_difference(longer.period, shorter.period)
            if result is None or result not in printed_at:
                continue
            target = printed_at[result]
            for i, line in enumerate(statement.lines):
                if not line.adds_up_over_time or line.is_heading:
                    continue
                a, b, printed = (statement.cells.get((i, col)) for col in (j, k, target))
                if a is None or b is None or printed is None or None in (a.value, b.value, printed.value):
                    continue
                if not (a.is_settled and b.is_settled and printed.is_settled):
                    continue
                derived = a.value - b.value
                low_a, high_a = _interval(a.value, rounding)
                low_b, high_b = _interval(b.value, rounding)
                low_p, high_p = _interval(printed.value, rounding)
                if derived == printed.value:
                    status = CheckStatus.TIED
                elif low_a - high_b <= high_p and low_p <= high_a - low_b:
                    status = CheckStatus.CONSISTENT
                else:
                    status = CheckStatus.INCONSISTENT
                note = f"{longer.label} ({a.source.file}) - {shorter.label} ({b.source.file})"
                checks.append(DerivedCheck(statement, i, result, derived, printed, status, note))
    return checks
