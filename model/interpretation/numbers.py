"""Cell text to numbers, exactly as printed.

Values are ``Decimal`` so that ``12.0`` keeps its printed precision (the YoY check needs it)
and nothing is lost to binary floating point. Signs follow the printing conventions of
filings: ``(1,234)``, ``-1,234``, ``△ 1,234`` and ``▲1,234`` are negative; ``-``, ``—`` and
``－`` alone are nil; ``[1,234]`` is a memo ("of which") amount.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum


class CellKind(Enum):
    NUMBER = "number"
    NIL = "nil"  # printed as a dash: nothing to report
    TEXT = "text"  # words such as "n/m" or "No change"
    JUNK = "junk"  # scanning debris such as ", ," that must never become a number
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    kind: CellKind
    value: Decimal | None = None
    percent: bool = False
    currency: str | None = None
    unit: str | None = None  # a unit glued on, e.g. "Gbps"
    memo: bool = False  # printed in square brackets: an "of which" amount
    footnote: str | None = None

    @property
    def decimals(self) -> int:
        """Digits printed after the decimal point."""
        if self.value is None:
            return 0
        exponent = self.value.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0


NIL_TEXTS = frozenset({"-", "—", "–", "－", "―", "‐", "--", "---", "ー", "−", "nil", "none", "*", "‒"})
_NEGATIVE_MARKS = ("△", "▲", "▵", "∆")
_CURRENCY_SIGNS = {"$": "USD", "¥": "JPY", "￥": "JPY", "€": "EUR", "£": "GBP"}
_FOOTNOTE_RE = re.compile(
    r"(?:<sup>.*?</sup>|\*\s?\d{0,2}|※\s?\d{0,2}|\s\(\s?[a-z0-9]{1,2}\s?\)|\(\s?[a-z]\s?\)|(?<=\d)\s*\(\d\)|[†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*$",
    re.IGNORECASE,
)
_LEADING_FOOTNOTE_RE = re.compile(r"^(?:\*\d{0,2}|\(\s?[a-z0-9]\s?\)|[†‡§]|<sup>.*?</sup>)\s*", re.IGNORECASE)
_NUMBER_RE = re.compile(r"^(?P<digits>\d{1,3}(?:[,\s ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)$")
_UNIT_SUFFIX_RE = re.compile(r"^(?P<number>.*?\d)\s?(?P<unit>[A-Za-z][A-Za-z/]{0,9}|bps|pts?|pp|x)$")
_MULTI_SPLIT_RE = re.compile(r"(?<=[\d)%])\s+(?=[(\-△▲$¥]?\s?\d)")
_KNOWN_TEXT = re.compile(r"^(?:n/?m|n/?a|nm|na|—%|-%|none|no change|flat|n\.m\.|n\.a\.)$", re.IGNORECASE)


def normalize_text(text: str) -> str:
    """Fold full-width digits and odd spaces; keep the dash and triangle marks."""
    text = unicodedata.normalize("NFKC", text).replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    # NFKC turns the full-width nil "－" into "-" already; keep the minus sign family as "-"
    return text.replace("\u2212", "-").strip()


def parse_number(text: str) -> ParsedNumber:
    """One cell to one number (or nil, text, junk)."""
    raw = text
    text = normalize_text(text)
    if not text:
        return ParsedNumber(CellKind.EMPTY)
    if text.lower() in NIL_TEXTS or raw.strip() in NIL_TEXTS:
        return ParsedNumber(CellKind.NIL)
    if _KNOWN_TEXT.match(text):
        return ParsedNumber(CellKind.TEXT)

    footnote = None
    match = _FOOTNOTE_RE.search(text)
    if match and match.start() > 0 and re.search(r"\d", text[: match.start()]):
        footnote = match.group(0).strip()
        text = text[: match.start()].strip()
    without_lead = _LEADING_FOOTNOTE_RE.sub("", text)
    if without_lead != text and re.search(r"\d", without_lead):
        text = without_lead

    negative = False
    memo = False
    percent = False
    currency = None
    unit = None

    if text.endswith("%") and text.startswith("("):
        percent = True
        text = text[:-1].strip()
    if text.startswith("[") and text.endswith("]"):
        memo = True
        text = text[1:-1].strip()
    for mark in _NEGATIVE_MARKS:
        if text.startswith(mark):
            negative = True
            text = text[len(mark):].strip()
            break
    for sign, code in _CURRENCY_SIGNS.items():
        if sign in text:
            currency = code
            text = text.replace(sign, " ").strip()
    if text.startswith("(") and text.endswith(")"):
        negative = not negative if negative else True
        text = text[1:-1].strip()
    elif text.startswith("(") and text.count("(") == 1 and ")" not in text:
        negative = True  # "(7,348" with its ")" in the next token
        text = text[1:].strip()
    elif text.endswith(")") and text.count(")") == 1 and "(" not in text:
        text = text[:-1].strip()
    for mark in _NEGATIVE_MARKS:
        if text.startswith(mark):
            negative = True
            text = text[len(mark):].strip()
    if text.startswith(("-", "–")) and len(text) > 1:
        negative = True
        text = text[1:].strip()
    elif text.startswith("+") and len(text) > 1:
        text = text[1:].strip()
    if text.endswith("%"):
        percent = True
        text = text[:-1].strip()
        if text.startswith("(") and text.endswith(")"):
            negative = True
            text = text[1:-1].strip()
    if text.startswith("(") and text.endswith(")"):
        negative = True
        text = text[1:-1].strip()
    if text.startswith(("-", "–")) and len(text) > 1:
        negative = True
        text = text[1:].strip()
    if text.lower() in NIL_TEXTS:
        return ParsedNumber(CellKind.NIL, currency=currency, percent=percent)

    unit_match = _UNIT_SUFFIX_RE.match(text)
    if unit_match and not _NUMBER_RE.match(text):
        candidate = unit_match["number"].strip()
        if _NUMBER_RE.match(candidate):
            unit = unit_match["unit"]
            text = candidate

    number = _NUMBER_RE.match(text)
    if not number:
        if not re.search(r"[A-Za-z]", text) and re.search(r"[\d.,]", text) or re.fullmatch(r"[\s,.;:'`]+", text):
            return ParsedNumber(CellKind.JUNK)
        return ParsedNumber(CellKind.TEXT)
    digits = re.sub(r"[,\s ]", "", number["digits"])
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return ParsedNumber(CellKind.JUNK)
    if negative:
        value = -value
    return ParsedNumber(CellKind.NUMBER, value, percent, currency, unit, memo, footnote)


def split_numbers(text: str) -> list[str]:
    """A cell that holds several numbers ("176,000 11.5", "1,234 (5.6)%") split into its parts.

    A single number with a thousands separator written as a space ("1 234") is left whole.
    """
    text = normalize_text(text)
    if not text:
        return []
    parts = [part for part in _MULTI_SPLIT_RE.split(text) if part.strip()]
    if len(parts) <= 1:
        return [text]
    if all(re.fullmatch(r"\d{1,3}", part) for part in parts[:1]) and all(re.fullmatch(r"\d{3}", p) for p in parts[1:]):
        return [text]
    parsed = [parse_number(part) for part in parts]
    if all(p.kind in (CellKind.NUMBER, CellKind.NIL) for p in parsed):
        return parts
    return [text]


def is_numeric_text(text: str) -> bool:
    return parse_number(text).kind in (CellKind.NUMBER, CellKind.NIL)


def format_decimal(value: Decimal) -> str:
    """A value for CSV: the number as printed, sign applied, no separators, no exponent."""
    text = format(value, "f")
    return "0" if text in ("-0", "-0.0") else text
