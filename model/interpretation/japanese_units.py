"""Units as Japanese documents print them: ``(単位：百万円)``, ``千円``, ``円``, ``千株``, ``％``.

A scale word (千 thousand, 百万 million, 億 hundred million, 十億 billion) stands in front of
the unit; the unit line usually sits in the table's first header row over the last column.
Row labels say per-share amounts (``１株当たり当期純利益``) and share counts (``期中平均株式数``).
Results are plain ``(unit, scale)`` pairs: ``units`` wraps them.
"""

from __future__ import annotations

import re

from model.interpretation.japanese_dates import fold_digits

SCALES = {"": 1, "千": 1_000, "万": 10_000, "百万": 1_000_000, "億": 100_000_000, "十億": 1_000_000_000}
CURRENCIES = {"円": "JPY", "米ドル": "USD", "ドル": "USD", "ユーロ": "EUR", "ポンド": "GBP", "人民元": "CNY", "元": "CNY", "ウォン": "KRW"}

_SCALE = r"(?P<scale>十億|億|百万|千|万)?"
_UNIT = r"(?P<unit>円|米ドル|ドル|ユーロ|ポンド|人民元|ウォン|株|[%％])"
_UNIT_LINE_RE = re.compile(rf"単位\s*[:：]?\s*{_SCALE}\s*{_UNIT}")
_BRACKETED_RE = re.compile(rf"[(（［\[]\s*{_SCALE}\s*{_UNIT}\s*[)）］\]]")
_BARE_RE = re.compile(rf"^\s*{_SCALE}\s*{_UNIT}\s*$")
_UNIT_ONLY_RE = re.compile(rf"^[\s(（［\[]*(?:単位\s*[:：]?\s*)?{_SCALE}\s*{_UNIT}[\s)）］\]]*$")
_PER_SHARE_RE = re.compile(r"[1１一]\s*株\s*当")
_SHARES_RE = re.compile(r"株式数|株数|自己株式数")


def _pair(match: re.Match[str]) -> tuple[str, int]:
    unit = match["unit"]
    scale = SCALES[match["scale"] or ""]
    if unit in ("%", "％"):
        return "%", 1
    if unit == "株":
        return "shares", scale
    return CURRENCIES[unit], scale


def japanese_unit(text: str) -> tuple[str, int] | None:
    """The unit a header cell or caption states: ``(単位：百万円)`` -> ("JPY", 1000000),
    ``千円`` -> ("JPY", 1000), ``（千株）`` -> ("shares", 1000); None when it states none."""
    text = fold_digits(text)
    for pattern in (_UNIT_LINE_RE, _BRACKETED_RE, _BARE_RE):
        match = pattern.search(text)
        if match:
            return _pair(match)
    return None


def is_japanese_unit_text(text: str) -> bool:
    """Whether a cell says nothing but a unit: ``(単位：百万円)``, ``百万円``, ``％``."""
    return bool(_UNIT_ONLY_RE.match(text))


def japanese_row_unit(label: str, currency: str) -> tuple[str, int] | None:
    """A unit a Japanese row label states: per-share amounts in the statement's currency per
    share (``１株当たり当期純利益（円）``), share counts (``期中平均株式数（千株）``)."""
    stated = _BRACKETED_RE.search(fold_digits(label))
    if _PER_SHARE_RE.search(label):
        unit = CURRENCIES.get(stated["unit"], currency) if stated and stated["unit"] not in ("株", "%", "％") else currency
        return (f"{unit}/share" if unit else "per share"), 1
    if stated:
        return _pair(stated)
    if _SHARES_RE.search(label):
        return "shares", 1
    return None
