"""Checks that catch misreads rather than arithmetic slips: each holds a statement's figures
against another statement of them that the same document prints.

- earnings per share x weighted shares against net income: a scale slip between rows;
- an amount the text states ("revenue of $12.3 billion") against the statement's figure;
- one line and period printed in two tables (a summary and the statement): a misread scale;
- a period's length against the length its header names.

A check fails only where the figures disagree by more than the document's rounding can
explain; where they cannot be compared (no such line, no such period) it says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.statements.hierarchy import normalize_label
from model.statements.statement import Cell, Statement, StatementKind

_SCALE_WORDS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_POWERS_OF_A_THOUSAND = (Decimal(10) ** 3, Decimal(10) ** 6, Decimal(10) ** 9, Decimal(10) ** -3, Decimal(10) ** -6, Decimal(10) ** -9)


@dataclass(frozen=True, slots=True)
class Finding:
    """A check held against one cell: what it compared and whether the figures agree."""

    check: str  # "earnings per share", "stated in the text", "printed twice", "period length"
    line: int
    column: int
    passed: bool
    message: str


def _amount(cell: Cell | None) -> Decimal | None:
    if cell is None or cell.value is None or not cell.is_settled:
        return None
    return cell.value * cell.scale


def _slip_of(a: Decimal, b: Decimal) -> Decimal | None:
    """The power of a thousand by which ``a`` is ``b`` misread, if it is one (within 2 %)."""
    if b == 0:
        return None
    ratio = a / b
    for power in _POWERS_OF_A_THOUSAND:
        if abs(ratio / power - 1) < Decimal("0.02"):
            return power
    return None


# ----------------------------------------------------------------------------- EPS x shares

_NET_INCOME_RE = re.compile(r"^net (?:income|earnings|loss|\(loss\) income|income \(loss\)|earnings \(loss\)|loss \(income\))\b(?!.*\bper\b)", re.I)
_TO_COMMON_RE = re.compile(r"attributable to (?:common|ordinary)|available to (?:common|ordinary)|allocable to common|to common (?:stock|share)holders", re.I)
_TO_OTHERS_RE = re.compile(r"non-?controlling|minority|preferred|participating", re.I)


def eps_checks(statement: Statement) -> list[Finding]:
    """Basic EPS x basic weighted shares should give net income (to common holders) within the
    EPS rounding; a result a thousand times off says one row's scale was misread."""
    if statement.kind is not StatementKind.INCOME:
        return []
    labels = [line.label for line in statement.lines]
    eps = _line_of(statement, lambda i: statement.lines[i].per_share and re.search(r"\bbasic\b", _context(statement, i), re.I))
    shares = _line_of(statement, lambda i: statement.lines[i].unit == "shares" and re.search(r"\bbasic\b", _context(statement, i), re.I))
    income_lines = [i for i, label in enumerate(labels) if _NET_INCOME_RE.match(label) and not statement.lines[i].per_share and not _TO_OTHERS_RE.search(label)]
    income_lines.sort(key=lambda i: (not _TO_COMMON_RE.search(labels[i]), i))
    if eps is None or shares is None or not income_lines:
        return []
    findings = []
    for column, spec in enumerate(statement.columns):
        if not spec.is_resolved_period:
            continue
        per_share, count = _amount(statement.cells.get((eps, column))), _amount(statement.cells.get((shares, column)))
        incomes = [amount for i in income_lines if (amount := _amount(statement.cells.get((i, column)))) is not None]
        if per_share is None or count is None or not incomes or per_share == 0 or count == 0:
            continue
        implied = per_share * count
        # EPS is rounded to the cent, and preferred dividends or participating securities take a
        # share of net income: agreement within a tenth; a misread scale is a factor of 1,000
        tolerance = Decimal("0.005") * abs(count) + Decimal("0.1") * abs(implied)
        if any(abs(income - implied) <= tolerance for income in incomes):
            message = f"{labels[eps]} x {labels[shares]} = {implied:,.0f}, as {labels[income_lines[0]]}"
            findings.append(Finding("earnings per share", eps, column, True, message))
            continue
        slip = _slip_of(incomes[0], implied)
        if slip is None and abs(incomes[0]) <= 2 * abs(implied) and abs(implied) <= 2 * abs(incomes[0]):
            continue  # off by more than allocations explain, but not so far that a misread is clear
        why = f": one row's scale is misread by {slip:,}" if slip is not None else ""
        message = f"{labels[eps]} x {labels[shares]} = {implied:,.0f}, but {labels[income_lines[0]]} is {incomes[0]:,.0f}{why}"
        findings.append(Finding("earnings per share", eps, column, False, message))
    return findings


def _context(statement: Statement, line: int) -> str:
    return " ".join((*statement.lines[line].section, statement.lines[line].label))


def _line_of(statement: Statement, wanted) -> int | None:
    return next((i for i in range(len(statement.lines)) if wanted(i)), None)


# ----------------------------------------------------------------------------- text

@dataclass(frozen=True, slots=True)
class StatedAmount:
    """An amount the document's prose states: "revenue of $12.3 billion"."""

    subject: str  # normalized: "revenue", "net income", "total assets", "operating income"
    amount: Decimal
    text: str


_SUBJECTS = {
    "revenue": r"(?:total\s+|net\s+)?revenues?|net\s+sales|total\s+sales",
    "net income": r"net\s+(?:income|earnings)",
    "operating income": r"operating\s+(?:income|profit)",
    "total assets": r"total\s+assets",
}
_STATED_RE = re.compile(
    r"\b(?P<subject>" + "|".join(f"(?P<{key.replace(' ', '_')}>{pattern})" for key, pattern in _SUBJECTS.items()) + r")\b"
    r"[^.;$€£¥]{0,40}?(?:of|was|were|to|at|totaled|totalled|reached|increased to|decreased to|grew to)\s+"
    r"(?P<currency>[$€£¥])\s?(?P<number>\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|trillion)\b",
    re.IGNORECASE,
)


def stated_amounts(text_lines: list[str]) -> tuple[StatedAmount, ...]:
    """The amounts the prose states for a few lines every statement has."""
    found = []
    for line in text_lines:
        if len(line) > 2000:
            continue
        for match in _STATED_RE.finditer(line):
            subject = next(key for key in _SUBJECTS if match.group(key.replace(" ", "_")))
            amount = Decimal(match["number"].replace(",", "")) * _SCALE_WORDS[match["scale"].lower()]
            found.append(StatedAmount(subject, amount, " ".join(match.group(0).split())))
    return tuple(found)


_LINE_SUBJECTS = {
    "revenue": re.compile(r"^(?:total\s+)?(?:net\s+)?(?:revenues?|sales)(?:,?\s*net)?:?$|^net sales$", re.I),
    "net income": re.compile(r"^net (?:income|earnings)(?: \(loss\))?$", re.I),
    "operating income": re.compile(r"^(?:total\s+)?operating (?:income|profit)(?: \(loss\))?$", re.I),
    "total assets": re.compile(r"^total assets$", re.I),
}


def narrative_checks(statement: Statement, stated: tuple[StatedAmount, ...]) -> list[Finding]:
    """A statement line whose figures match an amount the text states only after a factor of a
    thousand has its scale misread; one that matches as printed is confirmed."""
    if not statement.kind.is_primary or not stated:
        return []
    findings = []
    for subject, pattern in _LINE_SUBJECTS.items():
        amounts = [s for s in stated if s.subject == subject]
        line = _line_of(statement, lambda i: bool(pattern.match(statement.lines[i].label)))
        if not amounts or line is None:
            continue
        printed = {column: amount for column, spec in enumerate(statement.columns) if spec.is_resolved_period and (amount := _amount(statement.cells.get((line, column)))) is not None}
        for claim in amounts:
            tolerance = claim.amount * Decimal("0.006")  # "$12.3 billion" is rounded to three figures
            confirmed = [column for column, amount in printed.items() if abs(amount - claim.amount) <= tolerance]
            if confirmed:
                findings.append(Finding("stated in the text", line, confirmed[0], True, f"the text states {claim.text}"))
                continue
            for column, amount in printed.items():
                slip = _slip_of(amount, claim.amount)
                if slip is not None:
                    message = f"the text states {claim.text}, the statement {amount:,.0f}: its scale is misread by {slip:,}"
                    findings.append(Finding("stated in the text", line, column, False, message))
    return findings


# ----------------------------------------------------------------------------- one line, two tables


def cross_table_checks(statements: list[Statement]) -> dict[int, list[Finding]]:
    """A line and period printed in two tables of one document (a results summary and the
    statement): the same digits at scales a thousand apart mean one table's scale is misread."""
    findings: dict[int, list[Finding]] = {}
    seen: dict[tuple[str, Period, str], tuple[int, int, int, Cell]] = {}
    for index, statement in enumerate(statements):
        for (line, column), cell in statement.cells.items():
            spec = statement.columns[column]
            if not spec.is_resolved_period or cell.value is None or not cell.is_settled or cell.unit in ("%", "") or abs(cell.value) < 100:
                continue
            key = (normalize_label(statement.lines[line].label), spec.period, cell.unit)
            if key not in seen:
                seen[key] = (index, line, column, cell)
                continue
            other_index, other_line, other_column, other = seen[key]
            if other_index == index:
                continue
            slip = _slip_of(Decimal(cell.scale), Decimal(other.scale)) if cell.value == other.value else None
            if slip is None:
                continue
            where = statements[other_index].title
            message = f"{cell.text} here at a scale of {cell.scale:,}, {other.text} in '{where}' at {other.scale:,}: one scale is misread"
            findings.setdefault(index, []).append(Finding("printed twice", line, column, False, message))
            here = statement.title
            message_there = f"{other.text} here at a scale of {other.scale:,}, {cell.text} in '{here}' at {cell.scale:,}: one scale is misread"
            findings.setdefault(other_index, []).append(Finding("printed twice", other_line, other_column, False, message_there))
    return findings


# ----------------------------------------------------------------------------- period lengths

_NAMED_LENGTH_RE = re.compile(
    r"\b(?P<count>three|six|nine|twelve|3|6|9|12|thirteen|twenty-six|thirty-nine|fifty-two|fifty-three|13|26|39|52|53)[\s-]+(?P<unit>months?|weeks?)\b",
    re.IGNORECASE,
)
_PRINTED_RANGE_RE = re.compile(r"\d\s*(?:to|through|thru|[-–])\s*(?:[A-Za-z]{3,9}\.?\s*)?\d|\bfrom\b.*\bto\b", re.IGNORECASE)
_COUNTS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "thirteen": 13, "twenty-six": 26, "thirty-nine": 39, "fifty-two": 52, "fifty-three": 53}


def period_length_checks(statement: Statement) -> list[Finding]:
    """A column whose header names a length ("Nine Months Ended") and whose dates span another
    was dated wrong, or prints a stub period under a banner that does not fit it."""
    findings = []
    for column, spec in enumerate(statement.columns):
        if spec.kind is not ColumnKind.DURATION or not spec.is_resolved_period or spec.derived:
            continue
        match = _NAMED_LENGTH_RE.search(spec.label)
        if not match or _PRINTED_RANGE_RE.search(spec.label):
            continue  # a range printed in the header ("July 22 to September 30") is the period itself
        count = _COUNTS.get(match["count"].lower()) or int(match["count"])
        expected = count * 7 if match["unit"].lower().startswith("week") else round(count * 30.4375)
        if abs(spec.period.days - expected) <= 8:
            continue
        lines = [line for (line, col) in statement.cells if col == column]
        if lines:
            message = f"'{spec.label}' names {count} {match['unit'].lower()}, but the column is dated {spec.period.describe()}"
            findings.append(Finding("period length", min(lines), column, False, message))
    return findings
