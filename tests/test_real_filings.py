"""Every real filing in ../shared/filings: its primary statements found, classified and dated.

One row per document: the statements expected and the periods of their columns, as
(start, end) with start None for instants.
"""

from __future__ import annotations

from datetime import date

import pytest

from model.analysis.checks import FootingStatus, foot_statement
from model.filing import load_filing
from model.statements.statement import StatementKind
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
    "amcor_fy2023q4_earnings_release.pdf": {
        INCOME: [span("2022-04-01", "2022-06-30"), span("2021-07-01", "2022-06-30"), span("2023-04-01", "2023-06-30"), span("2022-07-01", "2023-06-30")],
        BALANCE: [span(None, "2022-06-30"), span(None, "2023-06-30")],
        CASH: [span("2021-07-01", "2022-06-30"), span("2022-07-01", "2023-06-30")],
    },
    "bandainamco_fy2022_consolidated_financial_report.pdf": {
        INCOME: [span("2020-04-01", "2021-03-31"), span("2021-04-01", "2022-03-31")],
        BALANCE: [span(None, "2021-03-31"), span(None, "2022-03-31")],
        CASH: [span("2020-04-01", "2021-03-31"), span("2021-04-01", "2022-03-31")],
    },
    "costco_fy2023q3_earnings_release.pdf": {
        INCOME: [span("2022-02-14", "2022-05-08"), span("2021-08-30", "2022-05-08"), span("2023-02-13", "2023-05-07"), span("2022-08-29", "2023-05-07")],
        BALANCE: [span(None, "2022-08-28"), span(None, "2023-05-07")],
    },
    "eaton_2023_10k_oci_bs_extract.pdf": {
        StatementKind.COMPREHENSIVE_INCOME: [span("2021-01-01", "2021-12-31"), span("2022-01-01", "2022-12-31"), span("2023-01-01", "2023-12-31")],
        BALANCE: [span(None, "2022-12-31"), span(None, "2023-12-31")],
    },
    "intel_2022q4_earnings_release.pdf": {
        INCOME: [span("2021-09-26", "2021-12-25"), span("2020-12-27", "2021-12-25"), span("2022-10-01", "2022-12-31"), span("2022-01-01", "2022-12-31")],
        BALANCE: [span(None, "2021-12-25"), span(None, "2022-12-31")],
        CASH: [span("2020-12-27", "2021-12-25"), span("2022-01-01", "2022-12-31")],
    },
    "japanpost_insurance_fy2024h1_results.pdf": {
        INCOME: [span("2023-04-01", "2023-09-30"), span("2024-04-01", "2024-09-30")],
        BALANCE: [span(None, "2024-03-31"), span(None, "2024-09-30")],
        CASH: [span("2023-04-01", "2023-09-30"), span("2024-04-01", "2024-09-30")],
    },
    "japanpost_insurance_fy2024_9m_results.pdf": {
        INCOME: [span("2023-04-01", "2023-12-31"), span("2024-04-01", "2024-12-31")],
        BALANCE: [span(None, "2024-03-31"), span(None, "2024-12-31")],
    },
    "japanpost_insurance_fy2024_fullyear_results.pdf": {
        INCOME: [span("2023-04-01", "2024-03-31"), span("2024-04-01", "2025-03-31")],
        BALANCE: [span(None, "2024-03-31"), span(None, "2025-03-31")],
        CASH: [span("2023-04-01", "2024-03-31"), span("2024-04-01", "2025-03-31")],
    },
    "japanpost_insurance_fy2025q1_results.pdf": {
        INCOME: [span("2024-04-01", "2024-06-30"), span("2025-04-01", "2025-06-30")],
        BALANCE: [span(None, "2025-03-31"), span(None, "2025-06-30")],
    },
    "mcdonalds_2023q1_earnings_release.pdf": {INCOME: [span("2022-01-01", "2022-03-31"), span("2023-01-01", "2023-03-31")]},
    "nippon_express_fy2024_consolidated_fs.pdf": {
        INCOME: [span("2023-01-01", "2023-12-31"), span("2024-01-01", "2024-12-31"), span("2024-01-01", "2024-12-31")],
        BALANCE: [span(None, "2023-12-31"), span(None, "2024-12-31"), span(None, "2024-12-31")],
        CASH: [span("2023-01-01", "2023-12-31"), span("2024-01-01", "2024-12-31"), span("2024-01-01", "2024-12-31")],
    },
    "pepsico_2022q4_earnings_release.pdf": {
        INCOME: [span("2021-09-26", "2021-12-25"), span("2020-12-27", "2021-12-25"), span("2022-10-01", "2022-12-31"), span("2022-01-01", "2022-12-31")],
        BALANCE: [span(None, "2021-12-25"), span(None, "2022-12-31")],
        CASH: [span("2020-12-27", "2021-12-25"), span("2022-01-01", "2022-12-31")],
    },
    "pepsico_2023q1_earnings_release.pdf": {
        INCOME: [span("2021-12-26", "2022-03-19"), span("2023-01-01", "2023-03-25")],
        BALANCE: [span(None, "2022-12-31"), span(None, "2023-03-25")],
        CASH: [span("2021-12-26", "2022-03-19"), span("2023-01-01", "2023-03-25")],
    },
    "pepsico_2023q2_earnings_release.pdf": {
        INCOME: [span("2022-03-20", "2022-06-11"), span("2021-12-26", "2022-06-11"), span("2023-03-26", "2023-06-17"), span("2023-01-01", "2023-06-17")],
        BALANCE: [span(None, "2022-12-31"), span(None, "2023-06-17")],
        CASH: [span("2021-12-26", "2022-06-11"), span("2023-01-01", "2023-06-17")],
    },
    "salesforce_fy2023_10k.pdf": {
        INCOME: [span("2020-02-01", "2021-01-31"), span("2021-02-01", "2022-01-31"), span("2022-02-01", "2023-01-31")],
        BALANCE: [span(None, "2022-01-31"), span(None, "2023-01-31")],
        CASH: [span("2020-02-01", "2021-01-31"), span("2021-02-01", "2022-01-31"), span("2022-02-01", "2023-01-31")],
    },
    "salesforce_fy2023q3_10q.pdf": {
        INCOME: [span("2021-08-01", "2021-10-31"), span("2021-02-01", "2021-10-31"), span("2022-08-01", "2022-10-31"), span("2022-02-01", "2022-10-31")],
        BALANCE: [span(None, "2022-01-31"), span(None, "2022-10-31")],
    },
    "salesforce_fy2024q1_earnings_release.pdf": {
        INCOME: [span("2022-02-01", "2022-04-30"), span("2023-02-01", "2023-04-30")],
        BALANCE: [span(None, "2023-01-31"), span(None, "2023-04-30")],
        CASH: [span("2022-02-01", "2022-04-30"), span("2023-02-01", "2023-04-30")],
    },
    "salesforce_fy2024q2_earnings_release.pdf": {
        INCOME: [span("2022-05-01", "2022-07-31"), span("2022-02-01", "2022-07-31"), span("2023-05-01", "2023-07-31"), span("2023-02-01", "2023-07-31")],
        BALANCE: [span(None, "2023-01-31"), span(None, "2023-07-31")],
        CASH: [span("2022-05-01", "2022-07-31"), span("2022-02-01", "2022-07-31"), span("2023-05-01", "2023-07-31"), span("2023-02-01", "2023-07-31")],
    },
    "ulta_fy2023q1_earnings_release.pdf": {
        INCOME: [span("2022-01-30", "2022-04-30"), span("2023-01-29", "2023-04-29")],
        BALANCE: [span(None, "2022-04-30"), span(None, "2023-01-28"), span(None, "2023-04-29")],
        CASH: [span("2022-01-30", "2022-04-30"), span("2023-01-29", "2023-04-29")],
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


def test_every_filing_is_covered():
    documents = {p.name for p in FILINGS.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf") and "kroger" not in p.name and "segments" not in p.name}
    assert documents <= set(EXPECTED)


def value_at(document, kind, label, start, end):
    statement = primary(document, kind)
    line = statement.find_line(label)
    assert line is not None, f"{label} not in {statement.title}: {[l.label for l in statement.lines]}"
    wanted = span(start, end)
    values = [statement.cells[(line, j)].value for j, c in enumerate(statement.columns) if c.period and (c.period.start, c.period.end) == wanted and (line, j) in statement.cells]
    assert values, f"{label}: no value for {wanted}"
    return values[0]


@pytest.mark.parametrize(
    ("name", "kind", "label", "start", "end", "value"),
    [
        ("costco_fy2023q3_earnings_release.pdf", INCOME, "Net sales", "2023-02-13", "2023-05-07", 52604),
        ("costco_fy2023q3_earnings_release.pdf", INCOME, "Net sales", "2022-02-14", "2022-05-08", 51612),
        ("costco_fy2023q3_earnings_release.pdf", INCOME, "Net sales", "2022-08-29", "2023-05-07", 160280),
        ("costco_fy2023q3_earnings_release.pdf", INCOME, "Net sales", "2021-08-30", "2022-05-08", 151966),
        ("costco_fy2023q3_earnings_release.pdf", BALANCE, "TOTAL ASSETS", None, "2023-05-07", 66752),
        ("costco_fy2023q3_earnings_release.pdf", BALANCE, "TOTAL ASSETS", None, "2022-08-28", 64166),
        ("intel_2022q4_earnings_release.pdf", INCOME, "Net revenue", "2022-10-01", "2022-12-31", 14042),
        ("intel_2022q4_earnings_release.pdf", INCOME, "Net revenue", "2021-09-26", "2021-12-25", 20528),
        ("intel_2022q4_earnings_release.pdf", INCOME, "Net revenue", "2022-01-01", "2022-12-31", 63054),
        ("intel_2022q4_earnings_release.pdf", INCOME, "Net revenue", "2020-12-27", "2021-12-25", 79024),
        ("eaton_2023_10k_oci_bs_extract.pdf", BALANCE, "Total assets", None, "2023-12-31", 38432),
        ("eaton_2023_10k_oci_bs_extract.pdf", BALANCE, "Total assets", None, "2022-12-31", 35014),
        ("apple_10q_fy2024q3.html", INCOME, "Total net sales", "2024-03-31", "2024-06-29", 85777),
        ("apple_10q_fy2024q3.html", INCOME, "Total net sales", "2023-04-02", "2023-07-01", 81797),
        ("apple_10q_fy2024q3.html", INCOME, "Total net sales", "2023-10-01", "2024-06-29", 296105),
        ("apple_10q_fy2024q3.html", INCOME, "Total net sales", "2022-09-25", "2023-07-01", 293787),
    ],
)
def test_spot_values_by_period(loaded, name, kind, label, start, end, value):
    assert value_at(loaded(name), kind, label, start, end) == value


def test_apple_html_net_sales_equal_the_markdown_conversions(loaded):
    for start, end in [("2024-03-31", "2024-06-29"), ("2023-04-02", "2023-07-01"), ("2023-10-01", "2024-06-29"), ("2022-09-25", "2023-07-01")]:
        html = value_at(loaded("apple_10q_fy2024q3.html"), INCOME, "Total net sales", start, end)
        markdown = value_at(loaded("apple_10q_fy2024q3.md"), INCOME, "Total net sales", start, end)
        assert html == markdown


def test_kroger_pdf_holds_no_full_statement_but_shows_its_highlights(loaded):
    document = loaded("kroger_2023q2_press_release_p1-3.pdf")
    assert not document.has_primary_statement
    assert document.warnings[0].startswith("no full financial statement")
    labels = [line.label for s in document.statements for line in s.lines]
    assert any("Earnings (Loss) Per Share" in label for label in labels)


def test_an_image_only_pdf_is_reported_as_scanned(tmp_path):
    from PIL import Image

    from model.errors import FilingError

    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (850, 1100), "white").save(scan)
    with pytest.raises(FilingError, match="scanned PDF: no text layer"):
        load_filing(scan)


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
    names = sorted(EXPECTED) + ["bandainamco_fy2022_supplementary_segments.pdf", "kroger_2023q2_press_release_p1-3.pdf"]
    checked, failed, failures = footing_rate(names, loaded)
    rate = 1 - failed / checked
    print(f"\nfooting: {checked - failed} of {checked} totals foot ({rate:.1%}); the rest:")
    print("\n".join(failures))
    assert checked > 500
    assert rate >= 0.97


def test_a_total_printed_without_its_parts_is_not_summed_from_other_sections_totals(loaded):
    """A condensed balance sheet prints "Total stockholders' equity" right after "Total liabilities"
    and a heading (Ulta), a reconciliation opens with a total repeated from the table before
    (Intel's "Total operating segment revenue"): there is nothing to foot them against, so no
    false failure; the totals built on them still foot."""
    ulta = loaded("ulta_fy2023q1_earnings_release.pdf")
    balance = primary(ulta, StatementKind.BALANCE_SHEET)
    results = foot_statement(balance, ulta.rounding)
    equity = balance.find_line("Total stockholders’ equity")
    both = balance.find_line("Total liabilities and stockholders’ equity")
    assert not [r for r in results if r.line == equity]
    assert {r.status for r in results if r.line == both and r.check == "total"} == {FootingStatus.FOOTS}
    assert all(r.status is FootingStatus.FOOTS for r in results)

    intel = loaded("intel_2022q4_earnings_release.pdf")
    segments = next(s for s in intel.statements if s.title == "Supplemental Operating Segment Results")
    results = foot_statement(segments, intel.rounding)
    repeated = [i for i, line in enumerate(segments.lines) if line.label == "Total operating segment revenue"]
    assert len(repeated) == 2
    assert {r.status for r in results if r.line == repeated[0]} == {FootingStatus.FOOTS}  # the first, with its parts
    assert not [r for r in results if r.line == repeated[1]]
    assert not [r for r in results if r.status is FootingStatus.DOES_NOT_FOOT]
