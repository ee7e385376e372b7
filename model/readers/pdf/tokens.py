"""What a word or a short piece of text is: a figure, a bare year, a split sign, a currency
mark, a units caption, a statement's name, a page number."""

from __future__ import annotations

import re

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"


_FOOTNOTE_SUFFIX = r"(?:\s?\((?:[a-z]|\d{1,2})\)|\*\d?)?"


_VALUE_TOKEN_RE = re.compile(
    rf"^[\[(]?(?:[△▲]\s?)?[-+−–]?[$¥€£]?\(?(?:{_NUMBER})\)?(?:%|pp|ppts?|pts?|bps|x)?[)\]]?%?\$?{_FOOTNOTE_SUFFIX}$"
    r"|^[-—–－―‐−]{1,3}%?$"
    r"|^(?:n/?m|n/?a)$"
    r"|^\d{1,3}(?:,\d{1,3})+$",  # note references such as "5,16,34"
    re.IGNORECASE,
)


YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
_YEAR_TOKEN_RE = re.compile(r"^\(?(?:19|20)\d{2}\)?[,.]?$")


CLOSING_FRAGMENT_RE = re.compile(r"^(?:\)|%|%\)|\)%|\]|pp|ppts?|pts?|bps)$")


OPENING_FRAGMENTS = frozenset({"(", "（", "[", "△", "▲", "-", "−"})


SPACED_OPENING_FRAGMENTS = frozenset({"△", "▲"})  # printed "△ 22,850": kept as printed


CURRENCY_TOKENS = frozenset({"$", "US$", "¥", "￥", "€", "£", "A$", "C$"})


_CAPTION_RE = re.compile(
    r"^\([^)]*[A-Za-z]{2}.*\)$|^\(?(?:amounts\s+|dollars\s+)?in\s+(?:millions|thousands|billions)\b|^\(?units?\s*:|^\(?(?:millions|thousands|billions) of\b",
    re.IGNORECASE,
)


# "Dollars and shares in millions, except per share data": a units line without brackets
_SCALE_WORDS_RE = re.compile(r"\b(?:in|of)\s+(?:millions|thousands|billions)\b|\b(?:millions|thousands|billions) of\b", re.IGNORECASE)


STATEMENT_TITLE_RE = re.compile(
    r"statements? of|balance sheets?|cash flows|financial position|comprehensive income|changes in (?:net assets|equity)",
    re.IGNORECASE,
)


STATEMENT_NAME_RE = re.compile(r"\bstatements? of\b|\bbalance sheets?\b|\bstatements?\s*(?:\(continued\))?$", re.IGNORECASE)


DATE_TEXT_RE = re.compile(
    r"\b(?:19|20)\d{2}\b|\d{1,2}/\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE
)


OUTLINE_NUMBER_RE = re.compile(r"^\s*(?:\(?[0-9]{1,2}\)|\(?[a-z]\)|[0-9]{1,2}\.|[a-z]\.|[ivx]{1,4}\.)\s*", re.IGNORECASE)


INTRODUCES_TABLE_RE = re.compile(r"\bthe following\b|\bas follows\b|\btables? (?:below|above)\b", re.IGNORECASE)


TABLE_NAME_RE = re.compile(
    r"statements?|balance|cash flows?|income|operations|position|comprehensive|equity|summary|segments?|"
    r"highlights|reconciliation|results|revenues?|sales|profit|earnings|breakdown|by region|outlook|guidance",
    re.IGNORECASE,
)


PERIOD_WORD_RE = re.compile(r"\b(?:ended|ending|months?|weeks?|quarters?|year|as of|fiscal|half)\b", re.IGNORECASE)


PAGE_NUMBER_RE = re.compile(
    r"^(?:page\s*)?[-–]?\s*[A-Z]?-?\d{1,3}\s*[-–]?$|^\d{1,3}\s*(?:/|of)\s*\d{1,3}$|^page\s+\d+\s+of\s+\d+$",
    re.IGNORECASE,
)


UNFINISHED_LABEL_RE = re.compile(
    r"(?:\b(?:to|of|and|or|for|in|on|the|from|by|with|at|as|before|after|under|per|including|excluding)|[,&(/-])$",
    re.IGNORECASE,
)


def is_value_token(text: str) -> bool:
    return bool(_VALUE_TOKEN_RE.match(text))


def is_year_token(text: str) -> bool:
    return bool(_YEAR_TOKEN_RE.match(text))


def is_caption(text: str) -> bool:
    """A units or audit caption: "(In millions)", "(Unaudited)", "Dollars in millions, except ..."."""
    return bool(_CAPTION_RE.match(text)) or (len(text) <= 90 and bool(_SCALE_WORDS_RE.search(text)) and not re.search(r"\d", text))
