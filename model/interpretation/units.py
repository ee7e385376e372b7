"""Units and scale from headers, captions and row labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.interpretation.japanese_dates import has_japanese
from model.interpretation.japanese_units import is_japanese_unit_text, japanese_row_unit, japanese_unit

SCALE_WORDS = {
    "thousand": 1_000,
    "thousands": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
    "k": 1_000,
    "mn": 1_000_000,
    "mm": 1_000_000,
    "bn": 1_000_000_000,
}
CURRENCY_WORDS = {
    "jpy": "JPY",
    "yen": "JPY",
    "¥": "JPY",
    "usd": "USD",
    "us$": "USD",
    "u.s. dollars": "USD",
    "dollars": "USD",
    "$": "USD",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "€": "EUR",
    "gbp": "GBP",
    "£": "GBP",
    "pounds": "GBP",
    "cny": "CNY",
    "rmb": "CNY",
    "krw": "KRW",
    "won": "KRW",
}

_SCALE_RE = re.compile(r"\b(thousands?|millions?|billions?|mn|mm|bn)\b", re.IGNORECASE)
_CURRENCY_RE = re.compile(r"u\.s\. dollars|\bus\$|\b(?:jpy|yen|usd|dollars|eur|euros?|gbp|pounds|cny|rmb|krw|won)\b|[$¥€£]", re.IGNORECASE)
_PERCENT_RE = re.compile(r"^\s*\(?%\)?\s*$|^\s*percent(?:age)?\s*$|\(\s*%\s*\)", re.IGNORECASE)
_SHARES_RE = re.compile(r"\(shares?\)|\bnumber of shares\b|\bshares (?:used|outstanding)\b|weighted[- ]average (?:number of )?(?:common )?shares|\bshares\b.*\b(?:basic|diluted)\b|\bshares in computing", re.IGNORECASE)
_PER_SHARE_RE = re.compile(r"\bper\s+(?:common\s+|ordinary\s+)?(?:share|ads|adss|ads equivalent|unit)\b|\beps\b|earnings per|dividends? per", re.IGNORECASE)
_ROW_UNIT_RE = re.compile(r"\((?P<unit>shares?|ads(?:s)?|jpy|yen|usd|%|us\$|\$|times|persons?|people|employees|units?|stores?)\)\s*$", re.IGNORECASE)
_EXCEPT_RE = re.compile(r"except\b.*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class UnitInfo:
    unit: str = ""  # ISO currency, 'shares', '%', 'JPY/share', or as printed
    scale: int = 1
    explicit: bool = False  # the text said so (rather than a document default)


def unit_from_header(text: str) -> UnitInfo | None:
    """``JPY millions``, ``Thousands of JPY``, ``Millions of yen``, ``%``, ``JPY``, ``Yen``, ``(In millions)``."""
    text = " ".join(text.split())
    if not text:
        return None
    japanese = japanese_unit(text) if has_japanese(text) else None
    if japanese is not None:
        return UnitInfo(*japanese, True)
    if _PERCENT_RE.search(text) or text.strip() == "%":
        return UnitInfo("%", 1, True)
    head = _EXCEPT_RE.sub("", text)
    scale_match = _SCALE_RE.search(head)
    currency_match = _CURRENCY_RE.search(head)
    if not scale_match and not currency_match:
        return None
    scale = SCALE_WORDS[scale_match.group(1).lower()] if scale_match else 1
    currency = CURRENCY_WORDS.get(currency_match.group(0).lower(), "") if currency_match else ""
    return UnitInfo(currency, scale, True)


def is_unit_text(text: str) -> bool:
    """Whether a header cell only states units ("JPY millions", "%", "Thousands of JPY", "Yen")."""
    text = " ".join(text.split())
    if not text:
        return False
    if is_japanese_unit_text(text):
        return True
    if re.fullmatch(r"\(?%\)?|yen|jpy|usd|\$|¥|€", text, re.IGNORECASE):
        return True
    info = unit_from_header(text)
    if info is None:
        return False
    stripped = _SCALE_RE.sub("", _CURRENCY_RE.sub("", text))
    stripped = re.sub(r"\b(of|in|amounts?|unit|units|except|per|share|data|the)\b|[(),:%\s.]", "", stripped, flags=re.IGNORECASE)
    return len(stripped) <= 3


_PARENTHETICAL_SCALE_RE = re.compile(r"\(([^()]*\b(?:thousands?|millions?|billions?)\b[^()]*)\)", re.IGNORECASE)


def caption_unit(lines: list[str] | tuple[str, ...]) -> UnitInfo | None:
    """The unit a caption states: "(In millions, except per share amounts)", "(Millions of yen)",
    also inside a sentence: "... were as follows (in millions):"."""
    for line in reversed(lines):
        if "単位" in line and (japanese := japanese_unit(line)) is not None:
            return UnitInfo(*japanese, True)
        lowered = line.lower()
        if len(line) < 200 and ("in " in lowered or "of " in lowered or "unit" in lowered or lowered.startswith("(")) and (
            _SCALE_RE.search(line) or re.search(r"\((?:yen|jpy)\)", lowered)
        ):
            info = unit_from_header(line)
            if info is not None:
                return info
        for parenthetical in _PARENTHETICAL_SCALE_RE.findall(line):
            info = unit_from_header(parenthetical)
            if info is not None:
                return info
    return None


def row_unit(label: str, table_unit: UnitInfo, section: str = "", share_scale: int = 1) -> UnitInfo | None:
    """A unit the row label (read with its section heading) states: ``(shares)``, ``(JPY)``,
    per-share amounts, share counts."""
    currency = table_unit.unit if table_unit.unit not in ("", "%", "shares") else ""
    if has_japanese(label) and (japanese := japanese_row_unit(label, currency)) is not None:
        unit, scale = japanese
        return UnitInfo(unit, share_scale if unit == "shares" and scale == 1 else scale, True)
    match = _ROW_UNIT_RE.search(label)
    context = f"{section} {label}".strip()
    if not match and _SHARES_RE.search(context):
        return UnitInfo("shares", share_scale, True)
    per_share = bool(_PER_SHARE_RE.search(context))
    if match:
        unit = match.group("unit").lower()
        if unit.startswith("share"):
            return UnitInfo("shares", share_scale, True)
        if unit.startswith("ads"):
            return UnitInfo("ADSs", 1, True)
        if unit == "%":
            return UnitInfo("%", 1, True)
        code = CURRENCY_WORDS.get(unit, unit.upper())
        return UnitInfo(f"{code}/share" if per_share else code, 1, True)
    if per_share:
        return UnitInfo(f"{currency}/share" if currency else "per share", 1, True)
    return None


_SHARES_IN_RE = re.compile(r"(?:number of )?shares[^.;)]{0,60}?\b(?:in|reflected in)\s+(thousands|millions)", re.IGNORECASE)


def share_scale(captions: list[str] | tuple[str, ...]) -> int:
    """"(In millions, except number of shares, which are reflected in thousands ...)" -> 1000."""
    for caption in captions:
        match = _SHARES_IN_RE.search(caption)
        if match:
            return SCALE_WORDS[match.group(1).lower()]
    return 1


def document_currency(text: str) -> str:
    """The currency a document mostly speaks of, for captions that give only a scale."""
    counts = {
        "USD": len(re.findall(r"\$|\bUSD\b|U\.S\. dollars", text)),
        "JPY": len(re.findall(r"¥|\bJPY|\byen\b|円", text, re.IGNORECASE)),
        "EUR": len(re.findall(r"€|\bEUR\b", text)),
        "GBP": len(re.findall(r"£|\bGBP\b", text)),
    }
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else ""
