"""Japanese dates, period headers, units, headings and negatives, one rule at a time."""

from datetime import date
from decimal import Decimal

import pytest

from model.interpretation.japanese_dates import find_japanese_dates, period_length
from model.interpretation.numbers import CellKind, parse_number
from model.interpretation.calendar_inference import infer_calendar
from model.interpretation.dates import find_dates
from model.interpretation.headers import ColumnKind, parse_header
from model.interpretation.periods import DEFAULT_CALENDAR, Period
from model.interpretation.units import UnitInfo, caption_unit, is_unit_text, row_unit, unit_from_header
from model.readers.japanese_text import fold_cjk_compatibility, is_japanese_heading, is_range_mark
from model.statements.classify import classify, classify_by_labels, statement_title
from model.statements.hierarchy import is_total_label
from model.statements.statement import StatementKind


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年３月31日", ["2024-03-31"]),
        ("(自　2022年４月１日　至　2023年３月31日)", ["2022-04-01", "2023-03-31"]),
        ("平成30年4月1日", ["2018-04-01"]),
        ("平成31年３月31日", ["2019-03-31"]),
        ("令和5年3月31日", ["2023-03-31"]),
        ("令和元年5月1日", ["2019-05-01"]),
        ("昭和64年1月7日", ["1989-01-07"]),
        ("２０２４年　９月３０日", ["2024-09-30"]),
        ("2024/3/31", ["2024-03-31"]),
        ("2024年2月30日", []),  # no such day
    ],
)
def test_japanese_dates(text, expected):
    assert [found.isoformat() for _, _, found in find_japanese_dates(text)] == expected
    assert [found.isoformat() for _, found in find_dates(text)] == expected


@pytest.mark.parametrize(
    ("header", "default_instant", "kind", "start", "end"),
    [
        ("前連結会計年度 (2023年３月31日)", True, ColumnKind.INSTANT, None, "2023-03-31"),
        ("当連結会計年度 (2024年３月31日)", None, ColumnKind.INSTANT, None, "2024-03-31"),
        ("当連結会計年度 (自 2023年４月１日 至 2024年３月31日)", False, ColumnKind.DURATION, "2023-04-01", "2024-03-31"),
        ("前第１四半期連結累計期間 (自 2023年４月１日 至 2023年６月30日)", False, ColumnKind.DURATION, "2023-04-01", "2023-06-30"),
        ("当中間連結会計期間 (自 2024年4月1日 至 2024年9月30日)", False, ColumnKind.DURATION, "2024-04-01", "2024-09-30"),
        ("前連結会計年度 (自 平成30年4月1日 至 平成31年3月31日)", False, ColumnKind.DURATION, "2018-04-01", "2019-03-31"),
        ("当期 令和5年4月1日～令和6年3月31日", False, ColumnKind.DURATION, "2023-04-01", "2024-03-31"),
        ("令和5年3月31日現在", False, ColumnKind.INSTANT, None, "2023-03-31"),
        ("当第１四半期連結会計期間末 (2024年６月30日)", None, ColumnKind.INSTANT, None, "2024-06-30"),
        ("2024年3月末", True, ColumnKind.INSTANT, None, "2024-03-31"),
        # a lone date on a flow statement: the period's name gives the length
        ("当第２四半期連結累計期間 (2024年９月30日)", False, ColumnKind.DURATION, "2024-04-01", "2024-09-30"),
        ("当第３四半期連結会計期間 (2024年12月31日)", False, ColumnKind.DURATION, "2024-10-01", "2024-12-31"),
        ("当連結会計年度 (2024年３月31日)", False, ColumnKind.DURATION, "2023-04-01", "2024-03-31"),
    ],
)
def test_japanese_period_headers(header, default_instant, kind, start, end):
    parsed = parse_header(header, DEFAULT_CALENDAR, "", default_instant)
    assert parsed.kind is kind
    assert parsed.period == Period(end=d(end), start=d(start) if start else None)


@pytest.mark.parametrize(
    ("header", "default_instant"),
    [
        ("前連結会計年度", True),  # a name with no date: the calendar it names is not printed
        ("当連結会計年度", False),
        ("2025年3月期", False),  # a fiscal year's name: its length is not printed
        ("(2024年3月31日)", False),  # a lone date over a flow statement, with no length
        ("2023年3月31日 2024年3月31日", True),  # two balance dates in one column
    ],
)
def test_japanese_headers_without_evidence_stay_unresolved(header, default_instant):
    parsed = parse_header(header, DEFAULT_CALENDAR, "", default_instant)
    assert parsed.kind is ColumnKind.OTHER
    assert parsed.period is None


def test_range_marks_in_the_corner_make_two_dates_a_span():
    parsed = parse_header("前連結会計年度 2022年４月１日 2023年３月31日)", DEFAULT_CALENDAR, "(自 至", False)
    assert parsed.period == Period(start=d("2022-04-01"), end=d("2023-03-31"))


def test_a_banner_gives_a_lone_date_its_length():
    parsed = parse_header("(2024年４月30日)", DEFAULT_CALENDAR, "四半期連結損益計算書 第１四半期連結累計期間", False)
    assert parsed.period == Period(start=d("2024-02-01"), end=d("2024-04-30"))


@pytest.mark.parametrize(
    ("header", "percent"),
    [("増減", False), ("増減額", False), ("増減率(％)", True), ("前年同期比", False), ("％", True)],
)
def test_japanese_change_columns(header, percent):
    parsed = parse_header(header, DEFAULT_CALENDAR)
    assert parsed.kind is ColumnKind.CHANGE
    assert parsed.percent is percent


def test_period_lengths():
    assert period_length("当第２四半期連結累計期間").months == 6
    assert period_length("当第２四半期連結累計期間").year_to_date
    assert period_length("前第３四半期連結会計期間").months == 3
    assert period_length("中間連結会計期間").months == 6
    assert period_length("前四半期").months == 3  # "半期" inside "四半期" is no half year
    assert period_length("当連結会計年度").months == 12
    assert period_length("９か月").months == 9
    assert period_length("連結貸借対照表") is None


def test_period_starts_are_no_52_53_week_evidence():
    """Japanese spans print their first days (April 1): a March year end, not a week calendar."""
    dates = [d("2022-04-01"), d("2023-03-31"), d("2023-04-01"), d("2024-03-31")]
    assert infer_calendar([], dates).week_rule is None


@pytest.mark.parametrize(
    ("text", "unit", "scale"),
    [
        ("(単位：百万円)", "JPY", 1_000_000),
        ("（単位：千円）", "JPY", 1_000),
        ("単位:円", "JPY", 1),
        ("百万円", "JPY", 1_000_000),
        ("（億円）", "JPY", 100_000_000),
        ("（単位：千株）", "shares", 1_000),
        ("（単位：百万米ドル）", "USD", 1_000_000),
        ("％", "%", 1),
    ],
)
def test_japanese_units(text, unit, scale):
    assert unit_from_header(text) == UnitInfo(unit, scale, True)
    assert is_unit_text(text)


def test_unit_caption_and_not_units():
    assert caption_unit(["３．連結財務諸表及び主な注記", "（単位：百万円）"]) == UnitInfo("JPY", 1_000_000, True)
    assert not is_unit_text("前連結会計年度 (2023年３月31日)")
    assert not is_unit_text("現金及び預金")
    assert unit_from_header("前連結会計年度 (自 2023年４月１日 至 2024年３月31日)") is None


def test_japanese_row_units():
    table = UnitInfo("JPY", 1_000_000, True)
    def unit_and_scale(label: str) -> tuple[str, int, str]:
        info = row_unit(label, table)
        return info.unit, info.scale, info.unresolved

    assert unit_and_scale("１株当たり当期純利益") == ("JPY/share", 1, "")
    assert unit_and_scale("潜在株式調整後1株当たり当期純利益（円）") == ("JPY/share", 1, "")
    assert unit_and_scale("期中平均株式数（千株）") == ("shares", 1_000, "")
    # a share count whose scale neither its label nor a caption states is not guessed
    assert unit_and_scale("発行済株式数") == ("shares", 1, "no scale is stated for the share counts")
    assert row_unit("自己株式", table) is None  # treasury stock is an amount


@pytest.mark.parametrize(
    ("text", "value"),
    [("△819", "-819"), ("▲12,338", "-12338"), ("△ 22,850", "-22850"), ("△１２，３３８", "-12338"), ("１，６９０，６３８", "1690638")],
)
def test_triangle_negatives_and_full_width_digits(text, value):
    parsed = parse_number(text)
    assert parsed.kind is CellKind.NUMBER
    assert parsed.value == Decimal(value)


@pytest.mark.parametrize("text", ["－", "―", "ー", "-"])
def test_japanese_nil_dashes(text):
    assert parse_number(text).kind is CellKind.NIL


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("（１）連結貸借対照表", True),
        ("（連結損益計算書）", True),
        ("四半期連結損益計算書", True),
        ("３．連結財務諸表及び主な注記", True),
        ("①連結業績", True),
        ("第１四半期連結累計期間", False),  # a period banner: context for the headers
        ("（単位：百万円）", False),
        ("（百万円）", False),
        ("（自 2023年４月１日 至 2024年３月31日）", False),
        ("当連結会計年度の売上高は、前期比5.2％増加しました。", False),
        ("（百万円未満切捨て）", False),
    ],
)
def test_japanese_headings(text, heading):
    assert is_japanese_heading(text) is heading


def test_pdf_radical_glyphs_read_as_ideographs():
    assert fold_cjk_compatibility("\u2f47本の\u2fa6額 (単位：百万円)") == "日本の金額 (単位：百万円)"
    assert fold_cjk_compatibility("Revenue ▲12") == "Revenue ▲12"


def test_range_marks():
    assert is_range_mark("(自") and is_range_mark("至") and is_range_mark("（自")
    assert not is_range_mark("自己株式")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("（１）連結貸借対照表", StatementKind.BALANCE_SHEET),
        ("四半期連結貸借対照表", StatementKind.BALANCE_SHEET),
        ("（連結損益計算書）", StatementKind.INCOME),
        ("（２）中間連結損益計算書及び中間連結包括利益計算書", StatementKind.INCOME),
        ("（連結包括利益計算書）", StatementKind.COMPREHENSIVE_INCOME),
        ("（４）連結キャッシュ・フロー計算書", StatementKind.CASH_FLOW),
        ("（３）連結株主資本等変動計算書", StatementKind.EQUITY),
        ("要約四半期連結財政状態計算書", StatementKind.BALANCE_SHEET),
    ],
)
def test_japanese_titles(title, kind):
    assert classify(title, (), [])[0] is kind


def test_japanese_titles_as_shown():
    assert statement_title("（１）連結貸借対照表") == "連結貸借対照表"
    assert statement_title("（連結損益計算書）") == "連結損益計算書"


def test_japanese_kinds_by_labels():
    assert classify_by_labels(["流動資産合計", "資産合計", "負債合計", "負債純資産合計"]) is StatementKind.BALANCE_SHEET
    assert classify_by_labels(["税金等調整前当期純利益", "営業活動によるキャッシュ・フロー"]) is StatementKind.CASH_FLOW
    assert classify_by_labels(["売上高", "売上原価", "営業利益", "経常利益"]) is StatementKind.INCOME
    assert classify_by_labels(["当期純利益", "その他の包括利益合計", "包括利益"]) is StatementKind.COMPREHENSIVE_INCOME
    # accumulated other comprehensive income is a balance-sheet line, not a statement of its own
    assert classify_by_labels(["株主資本合計", "その他の包括利益累計額合計", "負債純資産合計"]) is StatementKind.OTHER


@pytest.mark.parametrize(
    ("label", "total"),
    [
        ("流動資産合計", True),
        ("資産合計", True),
        ("小計", True),
        ("負債計", True),
        ("営業活動によるキャッシュ・フロー", True),
        ("現金及び現金同等物の期末残高", True),
        ("現金及び預金", False),
        ("税効果会計", False),
        ("売上高", False),
    ],
)
def test_japanese_totals(label, total):
    assert is_total_label(label) is total
