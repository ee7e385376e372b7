"""Aligning a later filing's lines with a workspace's: by label and section, by equal values
where the filings overlap in time, by similar labels where values do not contradict; and the
user's own word on which labels are one line (joins) or different lines (splits)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.statements.hierarchy import normalize_label
from model.statements.statement import Cell, Column, Line, Statement

LABEL_SIMILARITY = 0.86


@dataclass(frozen=True, slots=True)
class LineJoin:
    """The user's word that two labels of one statement are one line."""

    statement_key: tuple[str, str]
    keep: str  # normalized label the joined line keeps
    absorb: str  # normalized label that is merged into it


@dataclass(frozen=True, slots=True)
class LineSplit:
    """The user's word that two labels the aligner joined are different lines."""

    statement_key: tuple[str, str]
    first: str
    second: str


@dataclass
class LineMapping:
    joins: list[LineJoin] = field(default_factory=list)
    splits: list[LineSplit] = field(default_factory=list)

    def joined(self, key: tuple[str, str], a: str, b: str) -> bool:
        return any(j.statement_key == key and {j.keep, j.absorb} == {a, b} for j in self.joins)

    def split(self, key: tuple[str, str], a: str, b: str) -> bool:
        return any(s.statement_key == key and {s.first, s.second} == {a, b} for s in self.splits)


def comparable_value(cell: Cell) -> Decimal:
    return (cell.value or Decimal(0)) * cell.scale


def _values_by_period(reports: dict[tuple[int, int], list[Cell]], columns: list[Column], line: int) -> dict[Period, Decimal]:
    values = {}
    for j, column in enumerate(columns):
        cells = reports.get((line, j))
        if cells and column.period is not None and column.kind is not ColumnKind.CHANGE and cells[-1].value is not None:
            values[column.period] = comparable_value(cells[-1])
    return values


def merge_lines(
    lines: list[Line],
    columns: list[Column],
    reports: dict[tuple[int, int], list[Cell]],
    statement: Statement,
    column_map: dict[int, int],
    mapping: LineMapping,
    key: tuple[str, str],
) -> tuple[dict[int, int], list[Line], dict[tuple[int, int], list[Cell]]]:
    """Align a later filing's lines with the workspace's: by label and section, by equal values
    where the filings overlap in time, by similar labels where values do not contradict."""
    existing_values = [_values_by_period(reports, columns, i) for i in range(len(lines))]
    incoming_values = []
    for i in range(len(statement.lines)):
        values = {}
        for j, column in enumerate(statement.columns):
            cell = statement.cells.get((i, j))
            if cell is not None and cell.value is not None and column.period is not None and column.kind is not ColumnKind.CHANGE:
                values[column.period] = comparable_value(cell)
        incoming_values.append(values)

    used: set[int] = set()
    matches: dict[int, int] = {}
    for passes in (_by_label_and_section, _by_label, _by_values, _by_similar_label):
        for i, line in enumerate(statement.lines):
            if i in matches:
                continue
            found = passes(line, incoming_values[i], lines, existing_values, used, mapping, key)
            if found is not None:
                matches[i] = found
                used.add(found)

    order: list[tuple[str, int]] = [("old", i) for i in range(len(lines))]
    position = -1
    for i in range(len(statement.lines)):
        if i in matches:
            position = order.index(("old", matches[i]))
            continue
        order.insert(position + 1, ("new", i))
        position += 1
    new_lines: list[Line] = []
    old_to_new: dict[int, int] = {}
    incoming_to_new: dict[int, int] = {}
    for origin, index in order:
        if origin == "old":
            old_to_new[index] = len(new_lines)
            new_lines.append(lines[index])
        else:
            incoming_to_new[index] = len(new_lines)
            new_lines.append(statement.lines[index])
    for i, target in matches.items():
        incoming_to_new[i] = old_to_new[target]
    remapped = {(old_to_new[line], column): cells for (line, column), cells in reports.items()}
    return incoming_to_new, new_lines, remapped


def _section_of(line: Line) -> str:
    return normalize_label(line.section[-1]) if line.section else ""


def _conflicts(a: dict[Period, Decimal], b: dict[Period, Decimal]) -> bool:
    return any(period in b and b[period] != value for period, value in a.items())


def _agrees(a: dict[Period, Decimal], b: dict[Period, Decimal]) -> bool:
    shared = [p for p in a if p in b]
    return bool(shared) and all(a[p] == b[p] for p in shared) and any(a[p] != 0 for p in shared)


def _by_label_and_section(line, values, lines, existing_values, used, mapping, key):
    label, section = normalize_label(line.label), _section_of(line)
    for j, other in enumerate(lines):
        if j not in used and other.is_heading == line.is_heading and normalize_label(other.label) == label and _section_of(other) == section:
            if not mapping.split(key, label, normalize_label(other.label)):
                return j
    return None


def _by_label(line, values, lines, existing_values, used, mapping, key):
    """One label in other sections: the same line, unless its figures say otherwise (a restated
    figure is only recognised where label and section both agree)."""
    label = normalize_label(line.label)
    candidates = [
        j for j, other in enumerate(lines)
        if j not in used and other.is_heading == line.is_heading
        and (normalize_label(other.label) == label and not _conflicts(values, existing_values[j]) or mapping.joined(key, label, normalize_label(other.label)))
    ]
    if len(candidates) == 1 and not mapping.split(key, label, normalize_label(lines[candidates[0]].label)):
        return candidates[0]
    joined = [j for j in candidates if mapping.joined(key, label, normalize_label(lines[j].label))]
    return joined[0] if joined else None


def _by_values(line, values, lines, existing_values, used, mapping, key):
    """Reworded lines ("Other income (expense)" / "Other expense, net") printed with the same
    figures for the periods both filings cover are one line."""
    if line.is_heading or not values:
        return None
    candidates = [
        j for j, other in enumerate(lines)
        if j not in used and not other.is_heading and _agrees(values, existing_values[j])
        and not mapping.split(key, normalize_label(line.label), normalize_label(other.label))
    ]
    if len(candidates) == 1:
        return candidates[0]
    return None


def _by_similar_label(line, values, lines, existing_values, used, mapping, key):
    label = normalize_label(line.label)
    best, best_score = None, LABEL_SIMILARITY
    for j, other in enumerate(lines):
        if j in used or other.is_heading != line.is_heading or _conflicts(values, existing_values[j]):
            continue
        other_label = normalize_label(other.label)
        if mapping.split(key, label, other_label) or (line.section and other.section and _section_of(line) != _section_of(other)):
            continue
        score = difflib.SequenceMatcher(None, label, other_label).ratio()
        if score > best_score:
            best, best_score = j, score
    return best


def with_join(mapping: LineMapping, key: tuple[str, str], first: Iterable[str], second: Iterable[str]) -> LineMapping:
    """The mapping with two lines joined: every label printed for the first line is joined
    with every label printed for the second (whichever filing came first names the line),
    and any earlier split between them is dropped."""
    first_labels = {normalize_label(label) for label in first}
    second_labels = {normalize_label(label) for label in second}
    pairs = [(a, b) for a in sorted(first_labels) for b in sorted(second_labels) if a != b]
    joins = list(mapping.joins)
    for a, b in pairs:
        if not mapping.joined(key, a, b):
            joins.append(LineJoin(key, a, b))
    splits = [s for s in mapping.splits if not (s.statement_key == key and any({s.first, s.second} == {a, b} for a, b in pairs))]
    return LineMapping(joins=joins, splits=splits)


def with_split(mapping: LineMapping, key: tuple[str, str], labels: Iterable[str]) -> LineMapping:
    """The mapping with one line split into a line per distinct label: joins among the labels
    are dropped and splits added, so that neither labels nor equal values merge them again."""
    distinct = sorted({normalize_label(label) for label in labels})
    pairs = [(a, b) for n, a in enumerate(distinct) for b in distinct[n + 1 :]]
    joins = [j for j in mapping.joins if not (j.statement_key == key and any({j.keep, j.absorb} == {a, b} for a, b in pairs))]
    splits = list(mapping.splits)
    for a, b in pairs:
        if not mapping.split(key, a, b):
            splits.append(LineSplit(key, a, b))
    return LineMapping(joins=joins, splits=splits)
