"""Japanese text and HTML filings in the encodings they come in: UTF-8, Shift-JIS (CP932), EUC-JP,
ISO-2022-JP. Each file is written by the test itself, in each encoding, from one statement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from model.errors import FilingError
from model.filing import load_filing
from model.interpretation.periods import Period
from model.readers.encoding import declared_charset, decode_bytes
from model.statements.statement import StatementKind

STATEMENT_MARKDOWN = """（１）連結貸借対照表
（単位：百万円）

| | 前連結会計年度 (2023年３月31日) | 当連結会計年度 (2024年３月31日) |
|---|---|---|
| 資産の部 | | |
| 流動資産 | | |
| 現金及び預金 | 14,119 | 4,956 |
| 割賦債権 | 181,611 | 175,125 |
| 貸倒引当金 | △12,338 | ▲7,112 |
| 流動資産合計 | 183,392 | 172,969 |
| 資産合計 | 183,392 | 172,969 |
| 負債の部 | | |
| 支払手形及び買掛金 | 19,995 | 21,567 |
| 負債合計 | 19,995 | 21,567 |
| 純資産の部 | | |
| 資本金 | 163,397 | 151,402 |
| 純資産合計 | 163,397 | 151,402 |
| 負債純資産合計 | 183,392 | 172,969 |
"""

STATEMENT_TSV = "\n".join(
    [
        "（４）連結キャッシュ・フロー計算書",
        "（単位：千円）",
        "",
        "\t前連結会計年度 (自 平成30年４月１日 至 平成31年３月31日)\t当連結会計年度 (自 平成31年４月１日 至 令和２年３月31日)",
        "営業活動によるキャッシュ・フロー\t\t",
        "税金等調整前当期純利益\t139,677\t168,215",
        "減価償却費\t24,708\t22,375",
        "売上債権の増減額（△は増加）\t△20,155\t△90,694",
        "営業活動によるキャッシュ・フロー\t144,230\t99,896",
        "",
    ]
)

ENCODINGS = [
    ("utf-8", "", []),
    ("cp932", "Shift-JIS (CP932)", ["the file is not UTF-8: read as Shift-JIS (CP932)"]),
    ("shift_jis", "Shift-JIS (CP932)", ["the file is not UTF-8: read as Shift-JIS (CP932)"]),
    ("euc_jp", "EUC-JP", ["the file is not UTF-8: read as EUC-JP"]),
    ("iso2022_jp", "ISO-2022-JP", ["the file is not UTF-8: read as ISO-2022-JP"]),
]


@pytest.mark.parametrize(("encoding", "name", "warnings"), ENCODINGS)
def test_markdown_balance_sheet_in_each_encoding(tmp_path, encoding, name, warnings):
    path = tmp_path / f"bs_{encoding}.md"
    path.write_bytes(STATEMENT_MARKDOWN.encode(encoding))
    filing = load_filing(path)
    assert filing.warnings == warnings
    statement = filing.statements[0]
    assert (statement.title, statement.kind, statement.scale) == ("連結貸借対照表", StatementKind.BALANCE_SHEET, 1_000_000)
    assert [c.period for c in statement.columns] == [Period(end=date(2023, 3, 31)), Period(end=date(2024, 3, 31))]
    labels = [line.label for line in statement.lines]
    assert labels[:4] == ["資産の部", "流動資産", "現金及び預金", "割賦債権"]
    allowance = statement.lines.index(next(line for line in statement.lines if line.label == "貸倒引当金"))
    assert [statement.cells[(allowance, j)].value for j in range(2)] == [Decimal(-12338), Decimal(-7112)]


@pytest.mark.parametrize(("encoding", "name", "warnings"), ENCODINGS)
def test_tab_separated_cash_flow_with_era_dates_in_each_encoding(tmp_path, encoding, name, warnings):
    path = tmp_path / f"cf_{encoding}.txt"
    path.write_bytes(STATEMENT_TSV.encode(encoding))
    filing = load_filing(path)
    assert filing.warnings == warnings
    statement = filing.statements[0]
    assert (statement.title, statement.kind, statement.scale) == ("連結キャッシュ・フロー計算書", StatementKind.CASH_FLOW, 1_000)
    assert [c.period for c in statement.columns] == [
        Period(start=date(2018, 4, 1), end=date(2019, 3, 31)),
        Period(start=date(2019, 4, 1), end=date(2020, 3, 31)),
    ]
    assert statement.lines[3].label == "売上債権の増減額（△は増加）"
    assert statement.cells[(3, 0)].value == Decimal(-20155)


def _html(charset: str | None) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    rows = "".join(
        f"<tr><td>{label}</td><td>{prior}</td><td>{current}</td></tr>"
        for label, prior, current in [
            ("売上高", "298,889", "308,335"),
            ("売上原価", "255,617", "262,768"),
            ("売上総利益", "43,272", "45,567"),
            ("営業利益", "21,228", "21,010"),
        ]
    )
    return (
        f"<html><head>{meta}</head><body><h3>（連結損益計算書）</h3><table>"
        "<tr><td></td><td></td><td>(単位：百万円)</td></tr>"
        "<tr><td></td><td>前連結会計年度 (自 2022年４月１日 至 2023年３月31日)</td><td>当連結会計年度 (自 2023年４月１日 至 2024年３月31日)</td></tr>"
        f"{rows}</table></body></html>"
    )


@pytest.mark.parametrize(
    ("encoding", "charset", "warnings"),
    [
        ("cp932", "Shift_JIS", []),  # declared: no guess, no warning
        ("euc_jp", "EUC-JP", []),
        ("cp932", None, ["the file is not UTF-8: read as Shift-JIS (CP932)"]),
        ("euc_jp", None, ["the file is not UTF-8: read as EUC-JP"]),
        ("euc_jp", "Shift_JIS", ["the file is not UTF-8: read as EUC-JP"]),  # a wrong declaration is not believed
    ],
)
def test_japanese_html_in_legacy_encodings(tmp_path, encoding, charset, warnings):
    path = tmp_path / "pl.html"
    path.write_bytes(_html(charset).encode(encoding))
    filing = load_filing(path)
    assert filing.warnings == warnings
    statement = filing.statements[0]
    assert (statement.title, statement.kind, statement.scale) == ("連結損益計算書", StatementKind.INCOME, 1_000_000)
    assert [line.label for line in statement.lines] == ["売上高", "売上原価", "売上総利益", "営業利益"]


def test_windows_text_is_read_with_a_warning(tmp_path):
    path = tmp_path / "release.txt"
    path.write_bytes("Revenue\t1,234\t1,100\nNet income – continuing\t12\t10\n".encode("cp1252"))
    decoded = decode_bytes(path.read_bytes())
    assert decoded is not None and decoded.encoding == "Windows-1252" and "Windows-1252" in decoded.warning


def test_undecodable_bytes_are_a_clear_error(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x81 " * 50)  # a lead byte without its pair, undefined in Windows-1252 too
    with pytest.raises(FilingError, match="not a text file"):
        load_filing(path)


def test_declared_charsets():
    assert declared_charset(b'<?xml version="1.0" encoding="Shift_JIS"?>') == "shift_jis"
    assert declared_charset(b'<meta charset="EUC-JP">') == "euc_jp"
    assert declared_charset(b'<meta charset="x-unknown">') is None
    assert declared_charset(b"<html>") is None
