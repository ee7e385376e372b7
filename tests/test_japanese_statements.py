"""Japanese TDnet tanshin statements (the fidelity corpus) in all three formats: titles, periods,
scale, △ negatives, Japanese labels and footing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from model.analysis.checks import FootingStatus, failures, foot_statement
from model.filing import load_filing
from model.interpretation.japanese_dates import has_kana_or_kanji
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.statements.statement import StatementKind

DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "fidelity" / "docs"
FORMATS = ("{}.html", "{}_untagged.html", "{}_print.pdf")


def tdnet(name: str, form: str):
    path = DOCS / form.format(name)
    if not path.exists():
        pytest.skip(f"{path.name} is not in ../shared/fidelity/docs on this machine")
    return load_filing(path)


def d(text: str) -> date:
    return date.fromisoformat(text)


FY2023 = Period(start=d("2022-04-01"), end=d("2023-03-31"))
FY2024 = Period(start=d("2023-04-01"), end=d("2024-03-31"))
MARCH_2023 = Period(end=d("2023-03-31"))
MARCH_2024 = Period(end=d("2024-03-31"))

EXPECTED = {
    # name: title, kind, periods, scale
    "ricohleasing_fy2024_bs_tdnet": ("連結貸借対照表", StatementKind.BALANCE_SHEET, [MARCH_2023, MARCH_2024], 1_000_000),
    "ricohleasing_fy2024_pl_tdnet": ("連結損益計算書", StatementKind.INCOME, [FY2023, FY2024], 1_000_000),
    "ricohleasing_fy2024_ci_tdnet": ("連結包括利益計算書", StatementKind.COMPREHENSIVE_INCOME, [FY2023, FY2024], 1_000_000),
    "ricohleasing_fy2024_cf_tdnet": ("連結キャッシュ・フロー計算書", StatementKind.CASH_FLOW, [FY2023, FY2024], 1_000_000),
    "infonet_fy2024_bs_tdnet": ("連結貸借対照表", StatementKind.BALANCE_SHEET, [MARCH_2023, MARCH_2024], 1_000),
    "infonet_fy2024_cf_tdnet": ("連結キャッシュ・フロー計算書", StatementKind.CASH_FLOW, [FY2023, FY2024], 1_000),
    # the year Asakuma moved its year end: the comparative quarter is April-June, the current one February-April
    "asakuma_fy2025q1_pl_tdnet": (
        "四半期連結損益計算書",
        StatementKind.INCOME,
        [Period(start=d("2023-04-01"), end=d("2023-06-30")), Period(start=d("2024-02-01"), end=d("2024-04-30"))],
        1_000,
    ),
}


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tdnet_statement_as_printed(name, form):
    title, kind, periods, scale = EXPECTED[name]
    filing = tdnet(name, form)
    assert len(filing.statements) == 1, [s.title for s in filing.statements]
    statement = filing.statements[0]
    assert (statement.title, statement.kind) == (title, kind)
    assert [c.period for c in statement.columns] == periods
    assert all(c.kind is (ColumnKind.INSTANT if kind is StatementKind.BALANCE_SHEET else ColumnKind.DURATION) for c in statement.columns)
    assert (statement.unit, statement.scale) == ("JPY", scale)
    assert {cell.unit for cell in statement.cells.values()} == {"JPY"}
    assert {cell.scale for cell in statement.cells.values()} == {scale}
    labels = [line.label for line in statement.lines]
    assert labels and all(has_kana_or_kanji(label) for label in labels)  # kept in Japanese


def _value(statement, label: str, period: Period) -> Decimal | None:
    column = next(j for j, c in enumerate(statement.columns) if c.period == period)
    line = next(i for i, l in enumerate(statement.lines) if l.label == label)
    return statement.cells[(line, column)].value


@pytest.mark.parametrize("form", FORMATS)
def test_triangle_negatives_keep_their_sign(form):
    statement = tdnet("ricohleasing_fy2024_ci_tdnet", form).statements[0]
    assert _value(statement, "その他有価証券評価差額金", FY2023) == Decimal(-819)
    assert _value(statement, "繰延ヘッジ損益", FY2024) == Decimal(-102)
    assert _value(statement, "その他の包括利益合計", FY2023) == Decimal(-653)
    cash_flow = tdnet("infonet_fy2024_cf_tdnet", form).statements[0]
    negatives = [cell for cell in cash_flow.cells.values() if cell.text.startswith("△")]
    assert negatives and all(cell.value < 0 for cell in negatives)


@pytest.mark.parametrize("form", FORMATS)
def test_nil_cells_are_nil(form):
    statement = tdnet("asakuma_fy2025q1_pl_tdnet", form).statements[0]
    assert _value(statement, "固定資産売却益", Period(start=d("2023-04-01"), end=d("2023-06-30"))) is None
    assert _value(statement, "固定資産売却益", Period(start=d("2024-02-01"), end=d("2024-04-30"))) == Decimal(11820)


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("name", ["ricohleasing_fy2024_cf_tdnet", "ricohleasing_fy2024_pl_tdnet", "infonet_fy2024_bs_tdnet", "asakuma_fy2025q1_pl_tdnet"])
def test_japanese_statements_foot(name, form):
    statement = tdnet(name, form).statements[0]
    results = foot_statement(statement)
    assert len(results) >= 4
    assert failures(results) == []


@pytest.mark.parametrize("form", FORMATS)
def test_balance_sheet_balances_in_japanese(form):
    statement = tdnet("ricohleasing_fy2024_bs_tdnet", form).statements[0]
    balance = [r for r in foot_statement(statement) if r.check == "balance"]
    assert [r.status for r in balance] == [FootingStatus.FOOTS, FootingStatus.FOOTS]
    assert statement.lines[balance[0].line].label == "資産合計"


@pytest.mark.parametrize("form", FORMATS)
def test_sections_of_a_japanese_balance_sheet(form):
    statement = tdnet("infonet_fy2024_bs_tdnet", form).statements[0]
    by_label = {line.label: line for line in statement.lines}
    assert by_label["流動資産合計"].is_total and by_label["負債純資産合計"].is_total
    assert by_label["株主資本"].section == ("純資産の部",)  # 純資産の部 holds its sections
    assert by_label["資本金"].section == ("純資産の部", "株主資本")
