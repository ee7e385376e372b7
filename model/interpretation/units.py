"""Units and scale from headers, captions and row labels."""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass

from model.interpretation.evidence import Evidence
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
# ISO 4217 codes printed as such over a column ("PLN million", "CHF thousand") name themselves
_ISO_CODES = "pln chf cad aud nzd sek nok dkk czk huf ron bgn hkd sgd twd inr idr myr thb php brl mxn zar ils aed sar kzt rub uah"
CURRENCY_WORDS.update({code: code.upper() for code in _ISO_CODES.split()})

_SCALE_RE = re.compile(r"\b(thousands?|millions?|billions?|mn|mm|bn)\b", re.IGNORECASE)
_CURRENCY_RE = re.compile(
    r"u\.s\. dollars|\bus\$|\b(?:jpy|yen|usd|dollars|eur|euros?|gbp|pounds|cny|rmb|krw|won|" + _ISO_CODES.replace(" ", "|") + r")\b|[$¥€£]", re.IGNORECASE
)
_PERCENT_RE = re.compile(r"^\s*\(?%\)?\s*$|^\s*percent(?:age)?\s*$|\(\s*%\s*\)", re.IGNORECASE)
_SHARES_RE = re.compile(r"\(shares?\)|\bnumber of shares\b|\bshares (?:used|outstanding)\b|weighted[- ]average (?:number of )?(?:common )?shares|weighted[- ]average\b.{0,40}?\b(?:stock|units)\s+outstanding|\bshares\b.*\b(?:basic|diluted)\b|\bshares in computing", re.IGNORECASE)
_PER_SHARE_RE = re.compile(r"\bper\s+(?:common\s+|ordinary\s+)?(?:share|ads|adss|ads equivalent|unit)\b|\bper\s+(?:common|ordinary)\s+stock\b|\beps\b|earnings per|dividends? per", re.IGNORECASE)
_ROW_UNIT_RE = re.compile(r"\((?P<unit>shares?|ads(?:s)?|jpy|yen|usd|%|us\$|\$|times|persons?|people|employees|units?|stores?)\)\s*$", re.IGNORECASE)
_EXCEPT_RE = re.compile(r"except\b.*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class UnitInfo:
    unit: str = ""  # ISO currency, 'shares', '%', 'JPY/share', or as printed
    scale: int | Decimal = 1  # a Decimal below 1 only for a percentage: its facts are hundredths
    explicit: bool = False  # the text said so (rather than a document default)
    evidence: tuple[Evidence, ...] = ()  # the printed text that settled unit and scale
    unresolved: str = ""  # why the scale could not be established (the values are then as printed)

    def with_evidence(self, *evidence: Evidence) -> UnitInfo:
        return UnitInfo(self.unit, self.scale, self.explicit, tuple(evidence), "")


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


_CAPTION_FILLER_RE = re.compile(
    r"\b(?:in|of|amounts?|tabular|all|dollars?|u\.s\.|us|expressed|presented|stated|unaudited|audited|unit|units|currency|figures?)\b|[^A-Za-z]",
    re.IGNORECASE,
)


def is_unit_caption(text: str) -> bool:
    """Whether a line is only a unit caption ("In Millions, Except Per Share and Percentage Data",
    "(Dollars in thousands)", "$ in millions"): a caption, never a title."""
    text = " ".join(text.split())
    if not text or len(text) > 160 or caption_unit([text]) is None:
        return False
    head = _EXCEPT_RE.sub("", text)
    rest = _CAPTION_FILLER_RE.sub("", _SCALE_RE.sub("", _CURRENCY_RE.sub("", head)))
    return len(rest) <= 3


def caption_unit(lines: list[str] | tuple[str, ...]) -> UnitInfo | None:
    """The unit a caption states: "(In millions, except per share amounts)", "(Millions of yen)",
    also inside a sentence: "... were as follows (in millions):"."""
    found = caption_match(lines)
    return found[0] if found else None


def _unwrapped(lines: list[str] | tuple[str, ...]) -> list[str]:
    """Caption lines with a sentence wrapped over two lines joined again: "(in millions, except
    remaining performance" + "obligation, which is presented in billions):" is one caption."""
    joined: list[str] = []
    for line in lines:
        if joined and line[:1].islower() and joined[-1].count("(") > joined[-1].count(")"):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def caption_match(lines: list[str] | tuple[str, ...]) -> tuple[UnitInfo, str] | None:
    """The unit a caption states and the caption line that states it (nearest last)."""
    for line in reversed(_unwrapped(lines)):
        if "単位" in line and (japanese := japanese_unit(line)) is not None:
            return UnitInfo(*japanese, True), line
        lowered = line.lower()
        if len(line) < 200 and ("in " in lowered or "of " in lowered or "unit" in lowered or lowered.startswith("(")) and (
            _SCALE_RE.search(line) or re.search(r"\((?:yen|jpy)\)", lowered)
        ):
            info = unit_from_header(line)
            if info is not None:
                return info, line
        for parenthetical in _PARENTHETICAL_SCALE_RE.findall(line):
            info = unit_from_header(parenthetical)
            if info is not None:
                return info, f"({parenthetical})"
    return None


_SCALE_EXCEPTION_RE = re.compile(
    r"\bexcept\b(?:[^()]*?,)?\s*(?P<what>[^,()]+?),?\s+which\s+(?:is|are)\s+(?:presented|reflected|shown|stated|expressed)\s+in\s+(?P<scale>thousands|millions|billions)\b",
    re.IGNORECASE,
)


def scale_exceptions(captions: list[str] | tuple[str, ...]) -> list[tuple[str, int, str]]:
    """Lines a caption puts in another scale: "(in millions, except remaining performance
    obligation, which is presented in billions)" -> [("remaining performance obligation", 10**9, ...)]."""
    found = []
    for caption in _unwrapped(captions):
        for match in _SCALE_EXCEPTION_RE.finditer(caption):
            what = " ".join(match["what"].split()).lower()
            what = re.sub(r"^(?:the\s+)?(?:number\s+of\s+)?", "", what)
            found.append((what, SCALE_WORDS[match["scale"].lower()], caption))
    return found


_LABEL_SCALE_RE = re.compile(r"\(\s*(?:in\s+)?(thousands|millions|billions|000s?|000's|mm|mn)\s*\)|\bin\s+(thousands|millions|billions)\b", re.IGNORECASE)
_LABEL_SCALE_WORDS = {"000": 1_000, "000s": 1_000, "000's": 1_000}


# "Preferred stock ($25.00 par value per share; 10.0 million shares authorized ...)": a description
# of the stock, not the unit of the line's amounts
_STOCK_DESCRIPTION_RE = re.compile(
    r"\([^()]*\b(?:par value|authorized|issued|outstanding|liquidation preference)\b[^()]*\)"
    r"|[,;]\s*(?:\$\s?[\d.]+|no|without)\s+(?:stated\s+)?par\s+value\b.*$",
    re.IGNORECASE,
)
# "Income allocated to common stock for diluted EPS": an amount used for EPS, not one per share
_FOR_EPS_RE = re.compile(r"\b(?:for|in|used in|computing|calculating)\s+(?:the\s+)?(?:basic\s+|diluted\s+)?(?:eps|earnings per (?:common )?share)\b", re.IGNORECASE)


_HEADING_MAX = 90
_INTRODUCES_RE = re.compile(r"\bthe following\b|\bas follows\b", re.IGNORECASE)


def row_unit(label: str, table_unit: UnitInfo, sections: tuple[str, ...] = (), shares: UnitInfo | None = None) -> UnitInfo | None:
    """A unit the row label states (``(shares)``, ``(JPY)``, per-share amounts, share counts), or
    failing that the nearest section heading above it ("Per Share of Common Stock:" over "- Basic").
    ``shares`` is the scale the caption gives share counts."""
    currency = table_unit.unit if table_unit.unit not in ("", "%", "shares") else ""
    if has_japanese(label) and (japanese := japanese_row_unit(label, currency)) is not None:
        unit, scale = japanese
        if unit == "shares" and scale == 1:
            return share_count_unit(label, sections, shares)
        return UnitInfo(unit, scale, True, (Evidence("unit", label, "row label"),))
    match = _ROW_UNIT_RE.search(label)
    if match:
        unit = match.group("unit").lower()
        per_share = bool(_PER_SHARE_RE.search(_STOCK_DESCRIPTION_RE.sub(" ", label)))
        evidence = (Evidence("unit", label, "row label"),)
        if unit.startswith("share"):
            # "(shares)" states the unit itself: whole shares, unless the label gives a scale too
            return share_count_unit(label, (), UnitInfo("shares", 1, True, evidence))
        if unit.startswith("ads"):
            return UnitInfo("ADSs", 1, True, evidence)
        if unit == "%":
            return UnitInfo("%", 1, True, evidence)
        code = CURRENCY_WORDS.get(unit, unit.upper())
        return UnitInfo(f"{code}/share" if per_share else code, 1, True, evidence)
    # a sentence printed as a row is no heading: a long one, or one introducing the rows ("Diluted EPS is calculated using the following:")
    headings = [s for s in reversed(sections) if len(s) <= _HEADING_MAX and not _INTRODUCES_RE.search(s)]
    for text, origin in ((label, "row label"), *((s, "section heading") for s in headings)):
        plain = _STOCK_DESCRIPTION_RE.sub(" ", text)
        if _SHARES_RE.search(plain):
            return share_count_unit(label, sections, shares)
        if _PER_SHARE_RE.search(plain) and not _FOR_EPS_RE.search(plain):
            return UnitInfo(f"{currency}/share" if currency else "per share", 1, True, (Evidence("unit", text, origin),))
    return None


def share_count_unit(label: str, sections: tuple[str, ...], shares: UnitInfo | None) -> UnitInfo:
    """Share counts: in the scale the row label or a section heading over it states ("(in
    millions)", "(000s)"), else the one the caption gives them; unresolved when none says."""
    for text, origin in ((label, "row label"), *((s, "section heading") for s in reversed(sections))):
        own = _LABEL_SCALE_RE.search(text)
        if own:
            word = (own.group(1) or own.group(2)).lower()
            scale = _LABEL_SCALE_WORDS.get(word) or SCALE_WORDS[word]
            return UnitInfo("shares", scale, True, (Evidence("scale", text, origin),))
    if shares is not None:
        return UnitInfo("shares", shares.scale, True, shares.evidence, shares.unresolved)
    return UnitInfo("shares", 1, False, (), "no scale is stated for the share counts")


_SHARES_IN_RE = re.compile(r"(?:number of )?shares[^.;)]{0,60}?\b(?:in|reflected in)\s+(thousands|millions)", re.IGNORECASE)
_SHARES_EXCEPTED_RE = re.compile(r"\bexcept\b[^)]{0,80}?(?<!per[\s-])\b(?:shares?|share (?:data|amounts?|counts?|information)|number of shares)\b", re.IGNORECASE)


def share_scale(captions: list[str] | tuple[str, ...], table_unit: UnitInfo) -> UnitInfo | None:
    """The scale of share counts a caption gives: "(In millions, except number of shares, which
    are reflected in thousands ...)" -> thousands; "(In thousands, except share data)" -> whole
    shares; "(In millions, except per share amounts)" -> millions, like the amounts."""
    for caption in captions:
        match = _SHARES_IN_RE.search(caption)
        if match:
            return UnitInfo("shares", SCALE_WORDS[match.group(1).lower()], True, (Evidence("scale", caption, "caption"),))
    for caption in captions:
        if caption_unit([caption]) is None:
            continue
        if _SHARES_EXCEPTED_RE.search(caption):
            return UnitInfo("shares", 1, True, (Evidence("scale", caption, "caption"),))
        if table_unit.explicit and not table_unit.unresolved:
            return UnitInfo("shares", table_unit.scale, True, table_unit.evidence)
    return None


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
