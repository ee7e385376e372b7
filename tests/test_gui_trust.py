"""The navigator's ✓ means settled and checked (issue 8): unverified where a period or scale is
left open, the count of failed checks where a check fails; tooltips show the evidence."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.navigator import CHECKS, NAME, STATEMENT_ROLE
from model.statements.statement import StatementKind
from model.views.checks import load_checked_filing
from tests.support import fidelity_document


def _rows(main_window, checked):
    item = main_window.navigator.add_filing(checked)
    return {item.child(n).data(NAME, STATEMENT_ROLE): item.child(n) for n in range(item.childCount())}, item


def test_a_statement_with_an_undated_column_is_unverified_never_checked(qtbot, main_window):
    checked = load_checked_filing(str(fidelity_document("axp_10q_2023q3_untagged.html")))
    rows, item = _rows(main_window, checked)
    statements = checked.filing.statements
    undated = [n for n, s in enumerate(statements) if any(c.unresolved for c in s.columns) and not checked.checks[n].count]
    assert undated
    for number in undated:
        assert rows[number].text(CHECKS) == "unverified"
        assert "column(s) without a settled period" in rows[number].toolTip(CHECKS)
    assert item.text(CHECKS) != "\u2713"


def test_a_settled_statement_whose_checks_pass_gets_its_check_mark_and_a_failing_one_its_count(qtbot, main_window):
    settled = load_checked_filing(str(fidelity_document("gd_10q_2023q2_untagged.html")))
    rows, _ = _rows(main_window, settled)
    income = next(n for n, s in enumerate(settled.filing.statements) if s.kind is StatementKind.INCOME)
    assert settled.checks[income].verified and rows[income].text(CHECKS) == "\u2713"

    misread = load_checked_filing(str(fidelity_document("aeon_10q_2023q3_untagged.html")))
    rows, _ = _rows(main_window, misread)
    flagged = [n for n, checks in enumerate(misread.checks) if any(f.check == "printed twice" for f in checks.findings)]
    assert flagged
    for number in flagged:
        assert rows[number].text(CHECKS) == f"\u26a0 {misread.checks[number].count}"
        assert "one scale is misread" in rows[number].toolTip(CHECKS)


def test_a_cell_tooltip_says_what_settled_its_period_and_scale(qtbot, main_window):
    checked = load_checked_filing(str(fidelity_document("gd_10q_2023q2_untagged.html")))
    main_window.navigator.add_filing(checked)
    income = next(n for n, s in enumerate(checked.filing.statements) if s.kind is StatementKind.INCOME)
    main_window.filings[checked.path] = checked
    main_window.navigator.select_statement(checked.path, income)
    qtbot.waitUntil(lambda: main_window.statement_panel.model.rowCount() > 0)
    model = main_window.statement_panel.model
    tips = [model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole) or "" for row in range(model.rowCount()) for column in range(1, model.columnCount())]
    products = next(tip for tip in tips if "printed: 5,797" in tip)
    assert "period from header" in products and "Three Months Ended July 2, 2023" in products
    assert "scale from table heading" in products and "(Dollars in millions, except per-share amounts)" in products
