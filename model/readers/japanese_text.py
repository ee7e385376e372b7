"""Japanese text as printed: which lines are headings, and which marks belong to the date after them.

Japanese headings are neither capitalised nor (in TDnet's HTML) bold, so the readers' English
rules miss them. A Japanese heading is a short line that is no sentence and either carries an
outline number (``（１）``, ``３．``, ``①``), is set in brackets (``（連結損益計算書）``), or names
a document part (ending in ``計算書``, ``対照表``, ``諸表``, ``注記``, ``情報`` ...). Period banners
(``第１四半期連結累計期間``) and unit lines (``（単位：百万円）``) are not headings: they stay
context, where the period and unit readers look for them.
"""

from __future__ import annotations

import re
import unicodedata

from model.interpretation.japanese_dates import has_kana_or_kanji

_MAX_LENGTH = 60
_OUTLINE_RE = re.compile(
    r"^\s*(?:[(（]\s*[0-9０-９]{1,2}\s*[)）]|[0-9０-９]{1,2}\s*[.．、]|[①-⑳]|[一二三四五六七八九十]+\s*[、．.]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\s*[.．]?)\s*\S"
)
_BRACKETED_RE = re.compile(r"^\s*[（(【〔［\[][^（()）]+[）)】〕］\]]\s*$")
_PART_NAME_RE = re.compile(r"(?:計算書|対照表|諸表|注記|情報|明細表|明細書|概況|報告書|状況|内訳)\s*[）)】〕]?\s*$")
_NOT_A_HEADING_RE = re.compile(r"単位|未満|切捨|切り捨|四捨五入|[。,，]|\d{1,3},\d{3}|[0-9０-９]\s*日|^\s*[(（]\s*注|[(（][^)）]*円\s*[)）]\s*$")
_PERIOD_BANNER_RE = re.compile(r"(?:期間|年度|四半期|中間期)\s*[）)]?\s*$")


def is_japanese_heading(text: str) -> bool:
    """Whether a Japanese line is a heading a table may be titled by."""
    text = text.strip()
    if not has_kana_or_kanji(text) or len(text) > _MAX_LENGTH or _NOT_A_HEADING_RE.search(text):
        return False
    if _PART_NAME_RE.search(text):
        return True
    if _PERIOD_BANNER_RE.search(text):
        return False
    return bool(_OUTLINE_RE.match(text) or _BRACKETED_RE.match(text))


_RANGE_MARK_RE = re.compile(r"^[(（]?\s*[自至]$")


def is_range_mark(text: str) -> bool:
    """``(自`` or ``至`` set apart from its date by an ideographic space: it opens the date after it."""
    return bool(_RANGE_MARK_RE.match(text.strip()))


_COMPATIBILITY_IDEOGRAPH_RE = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")


def fold_cjk_compatibility(text: str) -> str:
    """Kangxi radicals and compatibility ideographs that some PDF fonts map their glyphs to
    (``⽇`` for ``日``, ``⾦`` for ``金``) as the ideographs they stand for, so that labels match."""
    return _COMPATIBILITY_IDEOGRAPH_RE.sub(lambda match: unicodedata.normalize("NFKC", match.group(0)), text)
