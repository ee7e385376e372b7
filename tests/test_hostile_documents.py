"""Documents made to hurt the readers: absurd numbers, escaped pipes, a bad byte in UTF-8
markdown, HTML that never closes its tags. Each one reads as far as it can be read, with a
warning or a clear reason, and never an unhandled error."""

from __future__ import annotations

from decimal import Decimal

from model.export import fact_rows
from model.statements.plausible import is_plausible
from model.views.checks import load_checked_filing
from model.views.formatting import format_scaled, scaled, DisplayScale
from model.views.table import statement_table
from tests.crafted import ROWS, write_statement


def test_a_megabyte_of_digits_is_left_out_of_checks_and_changes_with_a_warning(tmp_path):
    digits = "9" * 1_000_000
    rows = (ROWS[0], ("Cost of sales", digits, "50"), *ROWS[2:])
    checked = load_checked_filing(str(write_statement(tmp_path / "digits.md", rows)))  # checks and changes run here
    filing = checked.filing
    assert any("a number of 1,000,000 digits is beyond any plausible amount" in warning and "Cost of sales" in warning for warning in filing.warnings)
    statement = filing.statements[0]
    values = {(row["line_item"], row["value"]) for row in fact_rows(statement)}
    assert ("Cost of sales", "50") in values and not any(len(value) > 20 for _, value in values)
    for change in (change for changes in checked.changes for change in changes):
        assert is_plausible(change.value) and is_plausible(change.prior_value)
    table = statement_table(statement, DisplayScale.THOUSANDS)
    assert all(format_scaled(scaled(cell, DisplayScale.THOUSANDS)) for cell in statement.cells.values())
    assert table.lines


def test_plausible_amounts_are_every_amount_a_filing_prints():
    assert is_plausible(Decimal("-123456789012345678"))  # 18 digits
    assert is_plausible(Decimal("0.0000000001"))
    assert not is_plausible(Decimal("1" + "0" * 18))
    assert not is_plausible(Decimal("0.00000000001"))
    assert not is_plausible(Decimal("NaN"))
