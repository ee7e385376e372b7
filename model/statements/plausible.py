"""Values no filing could mean as an amount, set aside before any arithmetic.

A damaged or hostile file can hold a "number" of a million digits; added, scaled or compared
it overflows Decimal arithmetic. The largest amount a filing prints (a bank's total assets in
yen, in yen) has 15 digits, so a value with more than 18 digits before the point, or more
than 10 after it, is no amount: it is left out of the statement, its checks and its changes,
with a warning naming it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from model.statements.statement import Statement

MAX_INTEGER_DIGITS = 18
MAX_FRACTION_DIGITS = 10


def is_plausible(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity
        return False
    return value.adjusted() < MAX_INTEGER_DIGITS and exponent >= -MAX_FRACTION_DIGITS


def without_implausible_values(statements: list[Statement]) -> tuple[list[Statement], list[str]]:
    """The statements without values beyond any plausible amount, and a warning for each."""
    kept: list[Statement] = []
    warnings: list[str] = []
    for statement in statements:
        absurd = {key for key, cell in statement.cells.items() if cell.value is not None and not is_plausible(cell.value)}
        if not absurd:
            kept.append(statement)
            continue
        for line, column in sorted(absurd):
            digits = len(statement.cells[(line, column)].value.as_tuple().digits)
            warnings.append(
                f"{statement.title}: {statement.lines[line].label}, {statement.columns[column].label}: "
                f"a number of {digits:,} digits is beyond any plausible amount; it was left out of the statement and its checks"
            )
        kept.append(replace(statement, cells={key: cell for key, cell in statement.cells.items() if key not in absurd}))
    return kept, warnings
