"""What a line item means, read from its label: whether a rise is good news (revenue,
profit) or bad (a cost, an expense, a loss), and which of the standard lines every company
reports it is (revenue, gross profit, operating income, ... operating cash flow), so that two
companies' statements align by meaning where their labels differ."""

from __future__ import annotations

import re
from enum import Enum

from model.statements.statement import Statement, StatementKind


class Effect(Enum):
    """How a rise of the line reads for the company."""

    FAVOURABLE = 1  # revenue, profit, income, gains
    UNFAVOURABLE = -1  # costs, expenses, losses, taxes
    NEUTRAL = 0  # balances and anything else: a rise is neither good nor bad by itself


# "Net income (loss)", "Other income/(expense)", "Income before taxes": profit lines that can go negative
_PROFIT_OR_LOSS_RE = re.compile(
    r"\b(?:income|profit|earnings|gains?)\b\W*\((?:loss|losses|expenses?)\)|\((?:loss|losses)\)\W*(?:income|profit|earnings)\b"
    r"|\b(?:income|profit|earnings)\b.*\bbefore\b",
    re.I,
)
_COUNT_RE = re.compile(r"^(?:weighted|shares|number\s+of|average\s+shares|diluted\s+shares|basic\s+shares)\b", re.I)
_COST_RE = re.compile(
    r"\b(?:costs?|expenses?|expenditures?|loss(?:es)?|impairments?|depreciation|amortization|amortisation|"
    r"provisions?\s+for|(?:income\s+)?tax(?:es)?|charges?|write-?(?:offs?|downs?)|research\s+and\s+development|"
    r"selling|marketing|general\s+and\s+administrative|sg&a|restructuring|interest\s+paid|benefits\s+paid|claims)\b",
    re.I,
)
_REVENUE_OR_PROFIT_RE = re.compile(
    r"\b(?:revenues?|sales|turnover|income|profits?|earnings|gains?|margins?|ebitda|ebit|eps|premiums?)\b", re.I
)
_EFFECT_KINDS = frozenset(
    {StatementKind.INCOME, StatementKind.COMPREHENSIVE_INCOME, StatementKind.SEGMENT, StatementKind.SUMMARY, StatementKind.NON_GAAP, StatementKind.KPI}
)


def line_effect(label: str, kind: StatementKind, section: tuple[str, ...] = ()) -> Effect:
    """Favourable for revenue and profit lines of results statements, unfavourable for costs,
    expenses and losses; a line under a section heading ("Products" under "Cost of sales",
    "Marketing and sales" under "Operating expenses") is what its section is; share counts,
    balance sheets, cash flows and unknown lines are neutral."""
    if kind not in _EFFECT_KINDS or _COUNT_RE.search(label):
        return Effect.NEUTRAL
    own = label_effect(label)
    if section and own is not Effect.NEUTRAL and _PROFIT_OR_LOSS_RE.search(label):
        return own
    outer = label_effect(section[-1]) if section else Effect.NEUTRAL
    return outer if outer is not Effect.NEUTRAL else own


def label_effect(label: str) -> Effect:
    if _PROFIT_OR_LOSS_RE.search(label):
        return Effect.FAVOURABLE  # "Net income (loss)": a profit line that can go negative
    if _COST_RE.search(label):
        return Effect.UNFAVOURABLE
    if _REVENUE_OR_PROFIT_RE.search(label):
        return Effect.FAVOURABLE
    return Effect.NEUTRAL


# ----------------------------------------------------------------------------- standard lines


class StandardLine(Enum):
    REVENUE = "Revenue"
    GROSS_PROFIT = "Gross profit"
    OPERATING_INCOME = "Operating income"
    PRETAX_INCOME = "Income before taxes"
    NET_INCOME = "Net income"
    EPS_BASIC = "EPS, basic"
    EPS_DILUTED = "EPS, diluted"
    TOTAL_ASSETS = "Total assets"
    EQUITY = "Total equity"
    OPERATING_CASH_FLOW = "Operating cash flow"


_STANDARD_PATTERNS: tuple[tuple[StandardLine, re.Pattern[str]], ...] = tuple(
    (line, re.compile(pattern, re.I))
    for line, pattern in (
        (StandardLine.REVENUE, r"^(?:total\s+)?(?:net\s+)?(?:revenues?|sales|net\s+sales|operating\s+revenues?|ordinary\s+income|turnover)(?:,?\s*net)?(?:\s*\(note\s*\d+\))?:?$"),
        (StandardLine.GROSS_PROFIT, r"^(?:total\s+)?gross\s+(?:profit|margin)(?:\s*\(loss\))?$"),
        (StandardLine.OPERATING_INCOME, r"^(?:total\s+)?(?:operating\s+(?:income|profit)|income\s+from\s+operations|(?:income|profit)\s*\(loss\)\s+from\s+operations|operating\s+(?:income|profit)\s*\(loss\))$"),
        (StandardLine.PRETAX_INCOME, r"^(?:net\s+)?(?:income|profit|earnings)\s*(?:\((?:loss|losses)\)\s*)?before\b.*\btax(?:es)?\b.*$"),
        (StandardLine.NET_INCOME, r"^(?:consolidated\s+)?net\s+(?:income|profit|earnings)(?:\s*\(loss\))?(?:\s+attributable\s+to\s+(?!non)[\w\s.,&'-]+)?$|^profit\s+attributable\s+to\s+owners\s+of\s+(?:the\s+)?parent$"),
        (StandardLine.EPS_DILUTED, r"\bdiluted\b"),
        (StandardLine.EPS_BASIC, r"\bbasic\b"),
        (StandardLine.TOTAL_ASSETS, r"^total\s+assets$"),
        (StandardLine.EQUITY, r"^total\s+(?:(?:share|stock)holders['’]?\s+|shareholders['’]\s+)?(?:equity|net\s+assets)$|^total\s+equity$"),
        (StandardLine.OPERATING_CASH_FLOW, r"^(?:net\s+)?cash\s+(?:provided\s+by|generated\s+(?:from|by)|from|flows?\s+from|(?:provided\s+by\s+)?\(?used\s+in\)?)\s*(?:\(used\s+in\)\s*)?operating\s+activities"),
    )
)


def standard_line(statement: Statement, line: int) -> StandardLine | None:
    """The standard line a statement's line is, by its label (per-share lines by their
    section: "Diluted" under "Earnings per share")."""
    spec = statement.lines[line]
    if spec.is_heading:
        return None
    label = " ".join(spec.label.split()).rstrip(":")
    for standard, pattern in _STANDARD_PATTERNS:
        if standard in (StandardLine.EPS_BASIC, StandardLine.EPS_DILUTED):
            context = " ".join((*spec.section, label))
            if spec.per_share or "/share" in spec.unit or re.search(r"per\s+(?:common\s+)?share|\beps\b", context, re.I):
                if pattern.search(label) or (pattern.search(context) and not label.lower().startswith(("weighted", "shares"))):
                    return standard
            continue
        if pattern.match(label):
            return standard
    return None


def standard_lines(statement: Statement) -> dict[StandardLine, int]:
    """Each standard line's first occurrence in the statement."""
    found: dict[StandardLine, int] = {}
    for line in range(len(statement.lines)):
        standard = standard_line(statement, line)
        if standard is not None and standard not in found:
            found[standard] = line
    return found
