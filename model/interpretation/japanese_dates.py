"""Japanese dates and the period words of Japanese column headers.

``2024年３月31日`` (full-width digits or not), era dates such as ``平成30年4月1日`` or
``令和元年5月1日``, and ``2024/3/31`` (year first) become dates;
``(自 2023年4月1日 至 2024年3月31日)`` and ``2023年4月1日～2024年3月31日`` are spans;
``当第２四半期連結累計期間``, ``中間連結会計期間``, ``当連結会計年度`` say how long a period is,
and ``末``, ``現在`` that it is a balance date. Nothing here knows
about ``Period``: ``japanese_headers`` turns these readings into periods.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# full-width digits fold to ASCII one character for one, so offsets stay those of the text
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

ERA_STARTS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
_ERA_RE = "|".join(ERA_STARTS)

_DATE_RE = re.compile(
    rf"(?:(?P<era>{_ERA_RE})\s*(?P<era_year>\d{{1,2}}|元)|(?P<year>(?:19|20)\d{{2}}))\s*年\s*"
    r"(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
    r"|(?<![\d/])(?P<slash_year>(?:19|20)\d{2})/(?P<slash_month>\d{1,2})/(?P<slash_day>\d{1,2})(?![\d/])"
)
# "2024年３月末", "2024年3月期": a month with no day
_YEAR_MONTH_RE = re.compile(
    rf"(?:(?P<era>{_ERA_RE})\s*(?P<era_year>\d{{1,2}}|元)|(?P<year>(?:19|20)\d{{2}}))\s*年\s*(?P<month>\d{{1,2}})\s*月(?!\s*\d{{1,2}}\s*日)"
)
_KANA_KANJI_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_JAPANESE_CHAR_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e\uff66-\uff9f]")

# 自 ... 至 ..., a wave dash between two dates, or から ... まで
_RANGE_MARK_RE = re.compile(r"(?:^|[\s(（])自(?=[\s\d]|$|" + _ERA_RE + r")|(?:^|[\s(（])至(?=[\s\d]|$|" + _ERA_RE + r")|[～〜~]|から")
_INSTANT_MARK_RE = re.compile(r"末(?!日)|現在|時点")
_COUNT_MONTHS_RE = re.compile(r"(\d{1,2})\s*(?:か月|ヶ月|ヵ月|カ月|ケ月|箇月|カ月間|か月間)")
_QUARTER_NUMBER_RE = re.compile(r"第\s*(\d)\s*四半期")
_CUMULATIVE_RE = re.compile(r"累計")
_HALF_RE = re.compile(r"中間|上半期|下半期|上期|下期|(?<!四)半期")
_YEAR_RE = re.compile(r"年度|通期|事業年度|会計年度|年間|[0-9]月期(?!\s*第)")
_QUARTER_RE = re.compile(r"四半期")


def has_japanese(text: str) -> bool:
    """Whether text is written (at least partly) in Japanese: kana, kanji or full-width forms."""
    return bool(_JAPANESE_CHAR_RE.search(text))


def has_kana_or_kanji(text: str) -> bool:
    """Whether text is Japanese writing, not merely English set with a full-width bracket."""
    return bool(_KANA_KANJI_RE.search(text))


def fold_digits(text: str) -> str:
    return text.translate(_FULL_WIDTH_DIGITS)


def _year(match: re.Match[str]) -> int:
    if match["era"]:
        era_year = 1 if match["era_year"] == "元" else int(match["era_year"])
        return ERA_STARTS[match["era"]] + era_year - 1
    return int(match["year"])


def find_japanese_dates(text: str) -> list[tuple[int, int, date]]:
    """Every 年月日 date in ``text`` as (start offset, end offset, date), in reading order."""
    folded = fold_digits(text)
    found = []
    for match in _DATE_RE.finditer(folded):
        try:
            if match["slash_year"]:  # 2024/3/31: year first, as Japanese documents write it
                value = date(int(match["slash_year"]), int(match["slash_month"]), int(match["slash_day"]))
            else:
                value = date(_year(match), int(match["month"]), int(match["day"]))
            found.append((match.start(), match.end(), value))
        except ValueError:
            continue
    return found


def find_year_months(text: str) -> list[tuple[int, int, str]]:
    """Every 年月 without a day, as (year, month, what follows): ``2024年3月末`` -> (2024, 3, "末")."""
    folded = fold_digits(text)
    found = []
    for match in _YEAR_MONTH_RE.finditer(folded):
        month = int(match["month"])
        if 1 <= month <= 12:
            found.append((_year(match), month, folded[match.end() : match.end() + 1]))
    return found


def says_range(text: str) -> bool:
    """自 ... 至, 〜 or から between dates: the text gives a period's first and last day."""
    return bool(_RANGE_MARK_RE.search(fold_digits(text)))


def says_instant(text: str) -> bool:
    """末 (end of), 現在 (as of), 時点 (at): a balance date."""
    return bool(_INSTANT_MARK_RE.search(text))


@dataclass(frozen=True, slots=True)
class JapaneseLength:
    """How long a period a Japanese header names: ``months`` ending on the header's date, or,
    when ``year_to_date``, from the start of the fiscal year (``累計``)."""

    months: int
    year_to_date: bool
    text: str  # the words that said so


def period_length(text: str) -> JapaneseLength | None:
    """``当第２四半期連結累計期間`` -> 6 months year to date, ``前第１四半期連結会計期間`` -> 3 months,
    ``中間連結会計期間`` -> 6, ``当連結会計年度`` -> 12, ``９か月`` -> 9."""
    text = fold_digits(text)
    counted = _COUNT_MONTHS_RE.search(text)
    if counted:
        return JapaneseLength(int(counted.group(1)), False, counted.group(0))
    quarter = _QUARTER_NUMBER_RE.search(text)
    if quarter:
        number = int(quarter.group(1))
        if _CUMULATIVE_RE.search(text):
            return JapaneseLength(3 * number, True, quarter.group(0) + "累計")
        return JapaneseLength(3, False, quarter.group(0))
    half = _HALF_RE.search(text)
    if half:
        return JapaneseLength(6, bool(_CUMULATIVE_RE.search(text)), half.group(0))
    if _QUARTER_RE.search(text) and not _CUMULATIVE_RE.search(text):
        return JapaneseLength(3, False, "四半期")
    year = _YEAR_RE.search(text)
    if year:
        return JapaneseLength(12, False, year.group(0))
    return None
