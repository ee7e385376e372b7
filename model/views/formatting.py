"""Numbers as the window shows them: display scales, units and captions, amounts with
separators and parentheses, changes and percentages."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from model.interpretation.numbers import format_decimal
from model.statements.statement import Cell, Statement

EM_DASH = "\u2014"
NOT_MEANINGFUL = "n/m"


_SCALE_NAMES = {1: "", 1_000: "thousands", 1_000_000: "millions", 1_000_000_000: "billions"}


class DisplayScale(Enum):
    """The scale money amounts are shown in; "as reported" keeps each table's own."""

    AS_REPORTED = "as reported"
    THOUSANDS = "thousands"
    MILLIONS = "millions"
    BILLIONS = "billions"

    @property
    def multiplier(self) -> int | None:
        return {
            DisplayScale.AS_REPORTED: None,
            DisplayScale.THOUSANDS: 1_000,
            DisplayScale.MILLIONS: 1_000_000,
            DisplayScale.BILLIONS: 1_000_000_000,
        }[self]


def is_money(unit: str) -> bool:
    """ISO currency codes (JPY, USD): the only amounts a display scale applies to. Shares,
    per-share amounts, percentages and counts are always shown as printed."""
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def shown_scale(unit: str, printed_scale: int, scale: DisplayScale) -> int:
    if scale.multiplier is None or not is_money(unit):
        return printed_scale
    return scale.multiplier


def unit_caption(unit: str, scale: int) -> str:
    """``JPY millions``, ``JPY``, ``shares``, ``%``, or the scale alone for a table without a unit."""
    if unit == "%":
        return unit  # shown as printed, whether its facts are hundredths or not
    words = [unit, _SCALE_NAMES.get(scale, f"x {scale:,}")]
    return " ".join(word for word in words if word) or "units as printed"


def statement_caption(statement: Statement, scale: DisplayScale) -> str:
    return unit_caption(statement.unit, shown_scale(statement.unit, statement.scale, scale))


# ----------------------------------------------------------------------------- numbers


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(frozen=True, slots=True)
class ScaledValue:
    """A cell's value in the display scale, with the decimals worth showing."""

    value: Decimal | None
    decimals: int
    unit: str
    scale: int

    @property
    def as_float(self) -> float | None:
        return None if self.value is None else float(self.value)


def scaled(cell: Cell, scale: DisplayScale) -> ScaledValue:
    target = shown_scale(cell.unit, cell.scale, scale)
    if cell.value is None:
        return ScaledValue(None, 0, cell.unit, target)
    printed = _decimals(cell.value)
    if target == cell.scale:
        return ScaledValue(cell.value, printed, cell.unit, target)
    value = cell.value * Decimal(cell.scale) / Decimal(target)
    if target > cell.scale:
        # shown in a larger unit: one decimal keeps moves visible (83.0 billion, not 83)
        return ScaledValue(value, max(printed, 1), cell.unit, target)
    shift = round(math.log10(cell.scale / target))
    return ScaledValue(value, max(printed - shift, 0), cell.unit, target)


def format_amount(value: Decimal | None, decimals: int = 0, unit: str = "") -> str:
    """``1,234``, ``(1,234)`` for negatives, an em dash for a printed nil, ``12.0%`` for percentages."""
    if value is None:
        return EM_DASH
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    magnitude = f"{abs(rounded):,.{decimals}f}"
    text = f"({magnitude})" if value < 0 else magnitude  # -0.04 shows as (0.0), not 0.0 in red
    return f"{text}%" if unit == "%" else text


def format_scaled(value: ScaledValue) -> str:
    return format_amount(value.value, value.decimals, value.unit)


def raw_text(value: ScaledValue) -> str:
    """The exact number in the display scale for CSV and the clipboard: no separators, sign applied."""
    return "" if value.value is None else format_decimal(value.value)


def format_difference(value: ScaledValue) -> str:
    """A change: in the amount's own format, or in percentage points for a percentage."""
    if value.unit == "%":
        return f"{format_amount(value.value, value.decimals)} pp"
    return format_scaled(value)


def format_change_pct(pct: Decimal | None) -> str:
    if pct is None:
        return NOT_MEANINGFUL
    rounded = pct.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    sign = "+" if rounded > 0 else "\u2212" if rounded < 0 else ""
    return f"{sign}{abs(rounded)} %"
