"""Footing: every total row against the sum of its parts, and balance sheets that balance.

A total foots when the rows just above it (each earlier total standing for the rows it
summed) add up to it within what the document's rounding allows. Where none does, the
check names the cell and compares it with the rows of its own section.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from model.analysis.compare import Rounding
from model.interpretation.headers import ColumnKind
from model.statements.japanese_terms import TOTAL_ASSETS_RE, TOTAL_LIABILITIES_AND_EQUITY_RE
from model.statements.statement import Statement, StatementKind

MAX_PARTS = 40
MAX_SUBSET = 16  # 65,536 combinations: fast enough, and only for totals that fail the simpler tests


class FootingStatus(Enum):
    FOOTS = "foots"
    DOES_NOT_FOOT = "does not foot"


@dataclass(frozen=True, slots=True)
class FootingResult:
    statement: Statement
    line: int
    column: int
    status: FootingStatus
    printed: Decimal
    computed: Decimal
    parts: tuple[int, ...]
    check: str = "total"  # "total" or "balance"

    @property
    def difference(self) -> Decimal:
        return self.printed - self.computed

    def describe(self) -> str:
        statement = self.statement
        label = statement.display_labels()[self.line]
        column = statement.columns[self.column].label
        if self.check == "balance":
            what = "total assets against total liabilities and equity"
        else:
            what = f"sum of {len(self.parts)} line(s) above"
        verdict = "foots" if self.status is FootingStatus.FOOTS else f"does not foot (off by {_plain(self.difference)})"
        return f"{label}, {column}: printed {_plain(self.printed)}, {what} {_plain(self.computed)}: {verdict}"


def _plain(value: Decimal) -> str:
    return f"{value:,f}"


def _tolerance(parts: int, step: Decimal, rounding: Rounding) -> Decimal:
    if rounding is Rounding.DOWN:
        return step * parts
    return step * ((parts + 1) // 2)


def _step(values: list[Decimal]) -> Decimal:
    exponents = [v.as_tuple().exponent for v in values if isinstance(v.as_tuple().exponent, int)]
    return Decimal(1).scaleb(min(exponents)) if exponents else Decimal(1)


_RATIO_COLUMN_RE = re.compile(r"%|\bpercent|\bgrowth\b|\byield\b|\bratio\b|\bmargin\b|\brate\b|\byears?\)", re.I)


def foot_statement(statement: Statement, rounding: Rounding = Rounding.HALF) -> list[FootingResult]:
    results: list[FootingResult] = []
    for column_index, column in enumerate(statement.columns):
        if column.kind not in (ColumnKind.DURATION, ColumnKind.INSTANT) or column.derived:
            continue
        if _RATIO_COLUMN_RE.search(column.label) or _mostly_percent(statement, column_index):
            continue  # shares, growth rates and yields do not add up
        results.extend(_foot_column(statement, column_index, rounding))
    if statement.kind is StatementKind.BALANCE_SHEET:
        results.extend(_balance(statement, rounding))
    return results


def _foot_column(statement: Statement, column: int, rounding: Rounding) -> list[FootingResult]:
    results = []
    pending: list[int] = []
    consumed_ahead: set[int] = set()
    section_starts: dict[tuple[str, ...], int] = {}
    lines = statement.lines
    for index, line in enumerate(lines):
        if line.is_heading:
            section_starts[(*line.section, line.label)] = len(pending)
            continue
        cell = statement.cells.get((index, column))
        if cell is None or cell.derived or not _footable(line) or index in consumed_ahead or cell.unit == "%":
            continue
        value = cell.value or Decimal(0)
        if not line.is_total:
            pending.append(index)
            continue
        same_unit = [i for i in pending if statement.cells[(i, column)].unit == cell.unit]
        found = _matching_run(statement, column, same_unit, value, rounding)
        if found is not None:
            parts = tuple(same_unit[-found:])
            pending = [i for i in pending if i not in parts]
        else:
            parts = _run_below(statement, column, index, value, rounding)
            if parts:
                consumed_ahead.update(parts)
            else:
                start = section_starts.get(line.section, 0) if line.section else 0
                parts = (
                    _matching_subset(statement, column, same_unit[start:], value, rounding)
                    or _matching_subset(statement, column, same_unit, value, rounding)
                    or _matching_indent_group(statement, column, same_unit, value, rounding)
                )
                if parts:
                    pending = [i for i in pending if i not in parts]
        if parts:
            results.append(FootingResult(statement, index, column, FootingStatus.FOOTS, value, _sum(statement, column, parts), parts))
        elif len(same_unit) >= 2 and not _printed_alone(line, own_section := _own_section(line, same_unit, section_starts), lines):
            guess = own_section or tuple(same_unit)
            computed = _sum(statement, column, guess)
            # a section of one line ("賃貸資産" under "賃貸資産", then "賃貸資産合計") foots by itself
            foots = bool(line.section) and abs(computed - value) <= _tolerance(len(guess), _step([computed, value]), rounding)
            status = FootingStatus.FOOTS if foots else FootingStatus.DOES_NOT_FOOT
            results.append(FootingResult(statement, index, column, status, value, computed, guess))
            pending = [i for i in pending if i not in guess]
        pending.append(index)
    return results


def _own_section(line, candidates: list[int], section_starts: dict[tuple[str, ...], int]) -> tuple[int, ...]:
    start = section_starts.get(line.section, 0) if line.section else 0
    return tuple(candidates[start:])


def _printed_alone(line, own_section: tuple[int, ...], lines: list) -> bool:
    """A total printed without its parts, which there is nothing to foot against: the first line
    under its heading (a reconciliation that opens with a total repeated from the table before),
    or one whose only line above in its section is another total (a condensed balance sheet's
    "Total stockholders' equity" right after "Total liabilities"). Summing other sections'
    lines for it would be a false alarm."""
    if line.section and not own_section:
        return True
    return len(own_section) == 1 and lines[own_section[0]].is_total


def _mostly_percent(statement: Statement, column: int) -> bool:
    units = [cell.unit for (_, j), cell in statement.cells.items() if j == column]
    return bool(units) and units.count("%") * 2 >= len(units)


def _footable(line) -> bool:
    return not line.memo and line.is_additive and not line.standalone


def _matching_indent_group(statement: Statement, column: int, candidates: list[int], total: Decimal, rounding: Rounding) -> tuple[int, ...]:
    """Long statements printed with indentation: the parts of a total are the lines printed at
    one indent (their breakdowns sit deeper)."""
    groups: dict[int, list[int]] = {}
    for index in candidates:
        indent = statement.lines[index].indent
        if indent is not None:
            groups.setdefault(round(indent / 3), []).append(index)
    for members in groups.values():
        if len(members) < 2:
            continue
        subtotal = _sum(statement, column, members)
        step = _step([statement.cells[(i, column)].value or Decimal(0) for i in members] + [total])
        if abs(subtotal - total) <= _tolerance(len(members), step, rounding):
            return tuple(members)
    return ()


def _run_below(statement: Statement, column: int, total_index: int, total: Decimal, rounding: Rounding) -> tuple[int, ...]:
    """Summary tables print a total first and its parts under it ("Total revenues", then each
    revenue line)."""
    unit = statement.cells[(total_index, column)].unit
    following = []
    for index in range(total_index + 1, len(statement.lines)):
        line = statement.lines[index]
        if line.is_heading or line.is_total:
            break
        cell = statement.cells.get((index, column))
        if cell is None or not _footable(line) or cell.unit != unit:
            continue
        following.append(index)
    running = Decimal(0)
    values = []
    for count, index in enumerate(following, start=1):
        value = statement.cells[(index, column)].value or Decimal(0)
        running += value
        values.append(value)
        if count >= 2 and abs(running - total) <= _tolerance(count, _step([*values, total]), rounding):
            return tuple(following[:count])
    return ()


def _matching_subset(statement: Statement, column: int, candidates: list[int], total: Decimal, rounding: Rounding) -> tuple[int, ...]:
    """Parts printed with their own breakdown under them ("of which" rows that the text lost
    the indentation of): the total is the sum of some of the rows above it.

    Meet in the middle: the sums of every subset of each half of the candidates, sorted, so
    that 2**16 subsets cost two lists of 2**8 and a binary search.
    """
    candidates = candidates[-MAX_SUBSET:]
    values = [statement.cells[(i, column)].value or Decimal(0) for i in candidates]
    step = _step([*values, total])
    integers = [int(v / step) for v in values]
    target = int(total / step)
    slack = int(_tolerance(len(candidates), step, rounding) / step)
    half = len(candidates) // 2
    left = _subset_sums(integers[:half])
    right = sorted(_subset_sums(integers[half:]))
    right_sums = [entry[0] for entry in right]
    best: tuple[int, ...] = ()
    for left_sum, left_mask in left:
        low = bisect.bisect_left(right_sums, target - slack - left_sum)
        high = bisect.bisect_right(right_sums, target + slack - left_sum)
        for right_sum, right_mask in right[low:high]:
            mask = left_mask | right_mask << half
            count = mask.bit_count()
            if count < 2 or abs(left_sum + right_sum - target) * step > _tolerance(count, step, rounding):
                continue
            if not best or count < len(best):
                best = tuple(candidates[k] for k in range(len(candidates)) if mask >> k & 1)
    return best


def _subset_sums(values: list[int]) -> list[tuple[int, int]]:
    sums = [(0, 0)]
    for position, value in enumerate(values):
        sums += [(total + value, mask | 1 << position) for total, mask in sums]
    return sums


def _sum(statement: Statement, column: int, lines: tuple[int, ...] | list[int]) -> Decimal:
    return sum((statement.cells[(i, column)].value or Decimal(0) for i in lines), Decimal(0))


def _matching_run(statement: Statement, column: int, pending: list[int], total: Decimal, rounding: Rounding) -> int | None:
    running = Decimal(0)
    values = []
    for count in range(1, min(len(pending), MAX_PARTS) + 1):
        value = statement.cells[(pending[-count], column)].value or Decimal(0)
        running += value
        values.append(value)
        if count < 2:
            continue
        step = _step([*values, total])
        if abs(running - total) <= _tolerance(count, step, rounding):
            return count
    return None


_ASSETS_RE = re.compile(r"^total assets$|^assets,? total$", re.I)
_LIABILITIES_EQUITY_RE = re.compile(r"^total liabilities,?(?: and| &)? .*(?:equity|net assets|capital)$|^total liabilities and equity$", re.I)


def _balance(statement: Statement, rounding: Rounding) -> list[FootingResult]:
    """Total assets against total liabilities and equity, in every column."""
    assets = liabilities = None
    for index, line in enumerate(statement.lines):
        section = " ".join(line.section).lower()
        label = line.label.strip()
        if _ASSETS_RE.match(label) or TOTAL_ASSETS_RE.match(label) or (label.lower() == "total" and "asset" in section and "liabilit" not in section):
            assets = index if assets is None else assets
        elif _LIABILITIES_EQUITY_RE.match(label) or TOTAL_LIABILITIES_AND_EQUITY_RE.match(label) or (label.lower() == "total" and "liabilit" in section):
            liabilities = index
    if assets is None or liabilities is None:
        return []
    results = []
    for column, spec in enumerate(statement.columns):
        if spec.kind is not ColumnKind.INSTANT:
            continue
        a = statement.cells.get((assets, column))
        b = statement.cells.get((liabilities, column))
        if a is None or b is None or a.value is None or b.value is None:
            continue
        status = FootingStatus.FOOTS if abs(a.value - b.value) <= _tolerance(1, _step([a.value, b.value]), rounding) else FootingStatus.DOES_NOT_FOOT
        results.append(FootingResult(statement, assets, column, status, a.value, b.value, (liabilities,), check="balance"))
    return results


def failures(results: list[FootingResult]) -> list[FootingResult]:
    return [r for r in results if r.status is FootingStatus.DOES_NOT_FOOT]


@dataclass(frozen=True, slots=True)
class TagResult:
    """A printed number that disagrees with the inline-XBRL fact it carries."""

    statement: Statement
    line: int
    column: int
    reason: str

    def describe(self) -> str:
        statement = self.statement
        cell = statement.cells[(self.line, self.column)]
        label = statement.display_labels()[self.line]
        column = statement.columns[self.column].label
        return f"{label}, {column}: printed {cell.text or 'nothing'}, but {self.reason}"


def tag_disagreements(statement: Statement) -> list[TagResult]:
    """Printed numbers that their XBRL tags contradict (other digits, or another scale than the
    table states)."""
    return [TagResult(statement, line, column, cell.tag_check) for (line, column), cell in sorted(statement.cells.items()) if cell.tag_check]
