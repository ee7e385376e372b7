"""What a table is: a statement kind from its title, caption or line labels, and the title as shown."""

from __future__ import annotations

import re
from collections.abc import Iterable

from model.interpretation.table_layout import clean_label
from model.interpretation.units import is_unit_caption
from model.statements.japanese_terms import TITLE_RULES as JAPANESE_TITLE_RULES
from model.statements.japanese_terms import japanese_kind_by_labels
from model.statements.statement import StatementKind

_TITLE_RULES: list[tuple[re.Pattern[str], StatementKind]] = [
    # an analysis's numbered exhibit or selection ("Table 9: USCS Selected Income Statement Data"), not the statement
    (re.compile(
        r"^\s*table\s+\d+\s*[:.]|\bselected\b.{0,40}\bdata\b|\bsummari[sz]ed\b|\bdiscussion and analysis\b"
        r"|(?:balance sheets?|statements?\s+of\s+\w+|income statements?|cash flows?)\s+(?:information|data|highlights|summary|items)\b",
        re.I,
    ), StatementKind.SUMMARY),
    (re.compile(r"changes? in (?:net assets|(?:stock|share)holders'?’?s?'? equity|equity)|statements? of (?:stock|share)holders|statements? of equity", re.I), StatementKind.EQUITY),
    (re.compile(r"cash[- ]flows?(?!\s+hedg)", re.I), StatementKind.CASH_FLOW),
    (re.compile(r"balance sheets?|statements?\s+of\s+(?:consolidated\s+)?financial\s+(?:position|condition)|statements? of condition", re.I), StatementKind.BALANCE_SHEET),
    (re.compile(r"statements?\s+of\s+(?:income|operations|earnings)\b.*\bcomprehensive|(?:income|operations|earnings|loss)\s+and\s+(?:\w+\s+){0,2}(?:statements?\s+of\s+)?comprehensive", re.I), StatementKind.INCOME),
    (re.compile(r"comprehensive (?:income|loss)", re.I), StatementKind.COMPREHENSIVE_INCOME),
    (re.compile(r"statements? of (?:consolidated )?(?:income|operations|earnings|profit|loss)|income statements?|profit (?:and|&) loss|statements? of (?:net )?(?:income|earnings)|\boperating results\b(?! summary)", re.I), StatementKind.INCOME),
    (re.compile(r"non[- ]?gaap|reconciliation|adjusted ebitda|\bebitda\b|\bcapex\b|capital expenditures?|free cash flow|organic", re.I), StatementKind.NON_GAAP),
    (re.compile(r"segments?|by (?:region|geograph|division|business)|breakdown|disaggregat", re.I), StatementKind.SEGMENT),
    (re.compile(r"dividends?", re.I), StatementKind.DIVIDENDS),
    (re.compile(r"forecasts?|targets?|guidance|outlook", re.I), StatementKind.GUIDANCE),
    (re.compile(r"per share|earnings per", re.I), StatementKind.PER_SHARE),
    (re.compile(r"number of|contracts|subscri|subscribers|stores|metrics|\bkpis?\b|operating data|statistics|headcount|employees", re.I), StatementKind.KPI),
    (re.compile(r"results summary|summary of (?:consolidated )?(?:financial )?results|highlights|results of operations|financial results", re.I), StatementKind.SUMMARY),
    *JAPANESE_TITLE_RULES,
]


STATEMENT_WORD_RE = re.compile(r"\bstatements?\b|\bbalance sheets?\b", re.I)


_NOTE_TITLE_RE = re.compile(r"^\s*note\s+\d+", re.I)


SCOPE_RE = re.compile(r"non[- ]?consolidated|parent[- ]only|stand[- ]?alone", re.I)


_UNAUDITED_RE = re.compile(r"\s*\((?:unaudited|audited)\)\s*|\s*\bunaudited\b\s*", re.I)


def classify(title: str, context: Iterable[str], labels: list[str]) -> tuple[StatementKind, bool]:
    """What a table is, and whether its own title or caption says so (rather than its lines)."""
    # a caption names the table; a sentence that introduces it ("... by balance sheet caption follows:") does not
    captions = [line for line in context if len(line) <= 90 and not is_unit_caption(line) and not line.rstrip().endswith((":", "."))]
    for text in (title, " ".join(captions)):
        if not text or is_unit_caption(text):
            continue
        in_notes = bool(_NOTE_TITLE_RE.match(text))
        for pattern, kind in _TITLE_RULES:
            if pattern.search(text) and not (in_notes and (kind.is_primary or kind is StatementKind.EQUITY)):
                return kind, True
    kind = classify_by_labels(labels)
    if kind.is_primary and not _names_no_topic(title):
        return StatementKind.OTHER, False  # "Cash Flow Hedges": a note's table with statement-like lines
    return kind, False


# titles that say whose statements these are, or that they are statements, but not which one
_GENERIC_TITLE_RE = re.compile(
    r"^(?:item\s+\d+[a-z]?\.?\s*[-–—:]?\s*)?(?:(?:condensed|consolidated|interim|unaudited|financial|statements?|information|and|of|the|\(|\))\s*)*$"
    r"|\b(?:inc\.?|incorporated|corp\.?|corporation|company|co\.|ltd\.?|limited|plc|n\.v\.|s\.a\.|holdings|and subsidiaries)\s*$",
    re.I,
)


def _names_no_topic(title: str) -> bool:
    """Whether a title leaves the table's kind to its lines: no title, a company's name, or
    "Item 1. Financial Statements"; a note's topic ("Cash Flow Hedges") does not."""
    title = _UNAUDITED_RE.sub(" ", title).strip()
    return not title or bool(_GENERIC_TITLE_RE.search(title))


def classify_by_labels(labels: list[str]) -> StatementKind:
    japanese = japanese_kind_by_labels(labels)
    if japanese is not None:
        return japanese
    first = next((label for label in labels if label.strip()), "")
    if re.match(r"balances?\b", first, re.I):
        return StatementKind.OTHER  # a roll-forward from an opening balance: a note, or changes in equity
    text = " | ".join(label.lower() for label in labels)
    stripped = {label.lower().strip(" :") for label in labels}
    if "total assets" in stripped and any(re.search(r"\bliabilities\b", label) for label in stripped):
        return StatementKind.BALANCE_SHEET
    if re.search(r"net cash (?:provided|used|from|generated)|cash flows? from", text):
        return StatementKind.CASH_FLOW
    if re.search(r"other comprehensive|comprehensive income", text) and not re.search(r"revenue|net sales|cost of", text):
        return StatementKind.COMPREHENSIVE_INCOME
    if re.search(r"revenues?|net sales|sales", text) and re.search(r"operating income|gross (?:profit|margin)|net income|operating profit|cost of", text):
        return StatementKind.INCOME
    return StatementKind.OTHER


def statement_title(title: str) -> str:
    """A title as the app shows it: no "(Unaudited)", no outline numbering, no enclosing brackets."""
    title = _UNAUDITED_RE.sub(" ", title).strip()
    title = re.sub(r"^(?:[(（][\d０-９]+[)）]|[\d０-９]+[.．]|[ivx]+\.)\s*", "", title)
    for opening, closing in ("()", "（）"):
        if title.startswith(opening) and title.endswith(closing) and title.count(opening) == 1:
            title = title[1:-1]
    title = clean_label(title)
    return re.sub(r"\s+:", ":", " ".join(title.split())).strip(" :")
