"""The Japanese words that say what a statement is and which of its lines are totals.

Titles: ``連結貸借対照表``, ``四半期連結損益計算書``, ``中間連結キャッシュ・フロー計算書`` ...
(``四半期``/``中間``/``連結`` prefixes change nothing about the kind). Lines: ``資産合計`` and
``負債純資産合計`` make a balance sheet, ``営業活動によるキャッシュ・フロー`` a cash-flow
statement, ``売上高`` with ``営業利益`` or ``経常利益`` an income statement. Totals end in ``合計``,
``計`` or ``小計``; ``流動資産合計`` closes the section ``流動資産``.
"""

from __future__ import annotations

import re

from model.statements.statement import StatementKind

TITLE_RULES: list[tuple[re.Pattern[str], StatementKind]] = [
    (re.compile(r"株主資本等変動計算書|純資産変動計算書|持分変動計算書|資本変動計算書"), StatementKind.EQUITY),
    (re.compile(r"キャッシュ[・･]?フロー計算書"), StatementKind.CASH_FLOW),
    (re.compile(r"貸借対照表|財政状態計算書"), StatementKind.BALANCE_SHEET),
    (re.compile(r"損益(?:計算書)?及び(?:\S{0,8})?包括利益計算書"), StatementKind.INCOME),
    (re.compile(r"包括利益計算書"), StatementKind.COMPREHENSIVE_INCOME),
    (re.compile(r"損益計算書"), StatementKind.INCOME),
    (re.compile(r"セグメント情報|セグメント別"), StatementKind.SEGMENT),
    (re.compile(r"配当"), StatementKind.DIVIDENDS),
    (re.compile(r"業績予想|予想"), StatementKind.GUIDANCE),
    (re.compile(r"[1１]株当たり情報"), StatementKind.PER_SHARE),
    (re.compile(r"経営成績|業績の概要|決算の概要|連結業績"), StatementKind.SUMMARY),
]

_TOTAL_RE = re.compile(r"(?:合計|小計|総計|(?<![会統設時家])計)\s*$|^\s*(?:合計|小計|総計|計)\s*$")
_NET_CASH_RE = re.compile(
    r"によるキャッシュ[・･]?フロー\s*$|同等物の(?:増減額|増加額|減少額|期末残高|四半期末残高|中間期末残高)"
)
_TOTAL_WORD_RE = re.compile(r"(?:の)?(?:合計|小計|総計|計)\s*$")
_PART_HEADING_RE = re.compile(r"の部\s*[）)】]?\s*$")

TOTAL_ASSETS_RE = re.compile(r"^\s*資産(?:の部)?合計\s*$|^\s*総資産\s*$")
TOTAL_LIABILITIES_AND_EQUITY_RE = re.compile(r"^\s*負債(?:及び|・|、)?純資産(?:の部)?合計\s*$|^\s*負債(?:及び|・|、)?資本合計\s*$")

_BALANCE_SHEET_LABELS = (TOTAL_ASSETS_RE, re.compile(r"負債"))
_CASH_FLOW_RE = re.compile(r"(?:営業|投資|財務)活動による(?:キャッシュ[・･]?フロー|収支)")
# "包括利益", "その他の包括利益合計"; not "その他の包括利益累計額", a balance-sheet line
_COMPREHENSIVE_LINE_RE = re.compile(r"^\s*(?:その他の)?包括利益(?:合計)?\s*$")
_SALES_RE = re.compile(r"売上高|営業収益|売上収益|経常収益")
_PROFIT_RE = re.compile(r"営業利益|営業損失|経常利益|経常損失|売上総利益|売上原価|税引前")


def japanese_kind_by_labels(labels: list[str]) -> StatementKind | None:
    """A statement's kind from its Japanese line labels, None when they say nothing."""
    if any(TOTAL_ASSETS_RE.match(label) for label in labels) and any(_BALANCE_SHEET_LABELS[1].search(label) for label in labels):
        return StatementKind.BALANCE_SHEET
    text = " | ".join(labels)
    if _CASH_FLOW_RE.search(text):
        return StatementKind.CASH_FLOW
    if any(_COMPREHENSIVE_LINE_RE.match(label) for label in labels) and not _SALES_RE.search(text):
        return StatementKind.COMPREHENSIVE_INCOME
    if _SALES_RE.search(text) and _PROFIT_RE.search(text):
        return StatementKind.INCOME
    return None


def is_japanese_total(label: str) -> bool:
    """``流動資産合計``, ``小計``, ``営業活動によるキャッシュ・フロー``, ``現金及び現金同等物の期末残高``."""
    return bool(_TOTAL_RE.search(label) or _NET_CASH_RE.search(label))


def is_japanese_part_heading(label: str) -> bool:
    """``資産の部``, ``【負債の部】``: a part of a balance sheet, which holds sections of its own."""
    return bool(_PART_HEADING_RE.search(label))


def japanese_total_of(label: str) -> str:
    """What a Japanese total sums: ``流動資産合計`` -> ``流動資産``; ``合計`` -> ``""``."""
    return _TOTAL_WORD_RE.sub("", label.strip()).strip()
