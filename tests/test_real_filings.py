"""Every real filing in ../shared/filings: its primary statements found, classified and dated.

One row per document: the statements expected and the periods of their columns, as
(start, end) with start None for instants.
"""

from __future__ import annotations

from datetime import date

import pytest

from model.checks import FootingStatus, foot_statement
from model.filing import load_filing
from model.statement import StatementKind
from tests.support import FILINGS, filing, needs_filings

pytestmark = needs_filings

INCOME, BALANCE, CASH = StatementKind.INCOME, StatementKind.BALANCE_SHEET, StatementKind.CASH_FLOW


def span(start: str | None, end: str) -> tuple[date | None, date]:
    return (date.fromisoformat(start) if start else None, date.fromisoformat(end))


APPLE_10K_YEARS = [span("2021-09-26", "2022-09-24"), span("2022-09-25", "2023-09-30"), span("2023-10-01", "2024-09-28")]
APPLE_10Q_2024 = [span("2023-04-02", "2023-07-01"), span("2022-09-25", "2023-07-01"), span("2024-03-31", "2024-06-29"), span("2023-10-01", "2024-06-29")]
IIJ_INTERIM = [span("2016-07-01", "2016-09-30"), span("2016-04-01", "2016-09-30"), span("2017-07-01", "2017-09-30"), span("2017-04-01", "2017-09-30")]

EXPECTED: dict[str, dict[StatementKind, list[tuple[date | None, date]]]] = {
    "apple_10k_fy2024.html": {INCOME: APPLE_10K_YEARS, BALANCE: [span(None, "2023-09-30"), span(None, "2024-09-28")], CASH: APPLE_10K_YEARS},
    "apple_10k_fy2024.md": {INCOME: APPLE_10K_YEARS, BALANCE: [span(None, "2023-09-30"), span(None, "2024-09-28")], CASH: APPLE_10K_YEARS},
    "apple_10q_fy2024q3.html": {INCOME: APPLE_10Q_2024, BALANCE: [span(None, "2023-09-30"), span(None, "2024-06-29")], CASH: [APPLE_10Q_2024[1], APPLE_10Q_2024[3]]},
    "apple_10q_fy2024q3.md": {INCOME: APPLE_10Q_2024, BALANCE: [span(None, "2023-09-30"), span(None, "2024-06-29")], CASH: [APPLE_10Q_2024[1], APPLE_10Q_2024[3]]},
    "apple_10q_fy2025q3.html": {
        INCOME: [span("2024-03-31", "2024-06-29"), span("2023-10-01", "2024-06-29"), span("2025-03-30", "2025-06-28"), span("2024-09-29", "2025-06-28")],
        BALANCE: [span(None, "2024-09-28"), span(None, "2025-06-28")],
        CASH: [span("2023-10-01", "2024-06-29"), span("2024-09-29", "2025-06-28")],
    },
    "buckle_fy2024q3_8k_ex99-1.html": {
        INCOME: [span("2023-07-30", "2023-10-28"), span("2023-01-29", "2023-10-28"), span("2024-08-04", "2024-11-02"), span("2024-02-04", "2024-11-02")],
        BALANCE: [span(None, "2023-10-28"), span(None, "2024-02-03"), span(None, "2024-11-02")],
    },
    "iij-1h-fy2017-release.txt": {INCOME: IIJ_INTERIM, BALANCE: [span(None, "2017-03-31"), span(None, "2017-09-30")], CASH: IIJ_INTERIM},
    "lasertec_fy2026q3_tanshin.txt": {
        INCOME: [span("2024-07-01", "2025-03-31"), span("2025-07-01", "2026-03-31")],
        BALANCE: [span(None, "2025-06-30"), span(None, "2026-03-31")],
        CASH: [span("2024-07-01", "2025-03-31"), span("2025-07-01", "2026-03-31")],
    },
    "mitsubishigaschem_fy2026_tanshin.txt": {
        INCOME: [span("2024-04-01", "2025-03-31"), span("2025-04-01", "2026-03-31")],
        BALANCE: [span(None, "2025-03-31"), span(None, "2026-03-31")],
        CASH: [span("2024-04-01", "2025-03-31"), span("2025-04-01", "2026-03-31")],
    },
}


@pytest.fixture(scope="module")
def loaded():
    cache = {}

    def load(name):
        if name not in cache:
            cache[name] = load_filing(filing(name))
        return cache[name]

    return load


def primary(document, kind):
    """The statement of a kind that the document titles as such (the first, if several)."""
    titled = [s for s in document.statements if s.kind is kind and s.key[0] == kind.value and s.key[1] in ("consolidated", "non-consolidated")]
    return (titled or [s for s in document.statements if s.kind is kind])[0] if any(s.kind is kind for s in document.statements) else None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_statements_found_classified_and_dated(loaded, name):
    document = loaded(name)
    for kind, periods in EXPECTED[name].items():
        statement = primary(document, kind)
        assert statement is not None, f"{name}: no {kind.value}"
        found = [(c.period.start, c.period.end) for c in statement.columns if c.period is not None and not c.forecast and c.kind.value != "change"]
        assert found == periods, f"{name}: {kind.value}"


def test_every_text_and_html_filing_is_covered():
    documents = {p.name for p in FILINGS.iterdir() if p.suffix in (".txt", ".md", ".html") and "gold" not in p.name}
    assert documents <= set(EXPECTED)


def test_kroger_holds_no_full_statement_but_shows_its_highlights(loaded):
    document = loaded("kroger_2023q2_press_release_p1-3.gold.txt")
    assert not document.has_primary_statement
    assert document.warnings[0].startswith("no full financial statement")
    assert document.statements and document.statements[0].cells


def footing_rate(names, loaded):
    checked = failed = 0
    failures = []
    for name in names:
        document = loaded(name)
        for statement in document.statements:
            for result in foot_statement(statement, document.rounding):
                if result.check != "total":
                    continue
                checked += 1
                if result.status is FootingStatus.DOES_NOT_FOOT:
                    failed += 1
                    failures.append(f"{name}: {statement.title}: {result.describe()}")
    return checked, failed, failures


def test_totals_foot_within_the_documents_rounding(loaded):
    checked, failed, failures = footing_rate(sorted(EXPECTED), loaded)
    rate = 1 - failed / checked
    print(f"\nfooting: {checked - failed} of {checked} totals foot ({rate:.1%}); the rest:")
    print("\n".join(failures))
    assert checked > 500
    assert rate >= 0.97
