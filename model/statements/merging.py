"""Tables of one statement as one: continuation pages, the 6M and 3M tables of an interim release."""

from __future__ import annotations

import re
from dataclasses import replace

from model.interpretation.headers import ColumnKind
from model.statements.classify import STATEMENT_WORD_RE
from model.statements.hierarchy import normalize_label
from model.statements.part import StatementPart
from model.statements.statement import Line, StatementKind


def merge_key(part: StatementPart) -> tuple[str, str]:
    """Parts with one key are one statement: primary statements by kind and scope, others by title."""
    if (part.kind.is_primary or part.kind is StatementKind.EQUITY) and part.titled:
        return (part.kind.value, part.scope)
    title = normalize_label(re.sub(r"\(.*?\)", "", part.title))
    title = re.sub(r"\b(?:\d(?:st|nd|rd|th)? quarter|1h|2h|[1-4]q|fy\s?\d{2,4}|first|second|third|fourth|six month|three month|nine month|month)\b", " ", title)
    return (part.kind.value, " ".join(title.split()))


def is_continuation(part: StatementPart, previous: StatementPart) -> bool:
    """An untitled table right after a statement, over the same periods, continues it."""
    if part.raw_title:
        return False
    return part.periods == previous.periods or not part.periods


def _percent_share(part: StatementPart) -> float:
    cells = [cell for (_, column), cell in part.cells.items() if part.columns[column].kind is not ColumnKind.CHANGE]
    return sum(1 for cell in cells if cell.unit == "%") / len(cells) if cells else 0.0


def contradicts(member: StatementPart, part: StatementPart) -> bool:
    """Two tables that print different figures for one line and period are not one statement,
    nor is a table of amounts and its copy in % of revenue."""
    if abs(_percent_share(member) - _percent_share(part)) > 0.5:
        return True
    shared = member.periods & part.periods
    if not shared or _shared_label_share(member.lines, part.lines) < 0.3:
        return False  # a page that continues the statement
    values = {}
    for (line, column), cell in member.cells.items():
        period = member.columns[column].period
        if period in shared and member.columns[column].kind is not ColumnKind.CHANGE:
            values[(_line_key(member.lines[line]), period)] = cell.value
    clashes = agreements = 0
    for (line, column), cell in part.cells.items():
        period = part.columns[column].period
        key = (_line_key(part.lines[line]), period)
        if period in shared and key in values and part.columns[column].kind is not ColumnKind.CHANGE:
            if values[key] == cell.value:
                agreements += 1
            else:
                clashes += 1
    return clashes > agreements


def _line_key(line: Line) -> tuple[str, str]:
    return (normalize_label(line.section[-1]) if line.section else "", normalize_label(line.label))


def merge_parts(parts: list[StatementPart]) -> StatementPart:
    merged = StatementPart(
        title=parts[0].title,
        kind=parts[0].kind,
        columns=list(parts[0].columns),
        lines=list(parts[0].lines),
        cells=dict(parts[0].cells),
        unit=parts[0].unit,
        source=parts[0].source,
        scope=parts[0].scope,
        raw_title=parts[0].raw_title,
        warnings=list(parts[0].warnings),
        titled=parts[0].titled,
    )
    for part in parts[1:]:
        _merge_into(merged, part)
        if not merged.title and part.title or (STATEMENT_WORD_RE.search(part.title) and not STATEMENT_WORD_RE.search(merged.title)):
            merged.title = part.title  # "Consolidated Statements of Cash Flows" names it better than "Cash Flows"
    return merged


def _merge_into(target: StatementPart, part: StatementPart) -> None:
    same_periods = part.periods == target.periods
    column_map = {}
    for index, column in enumerate(part.columns):
        existing = None
        if column.kind is not ColumnKind.CHANGE and column.period is not None:
            existing = next(
                (
                    j
                    for j, c in enumerate(target.columns)
                    if c.period == column.period and c.kind is column.kind and c.forecast == column.forecast and c.unit == column.unit
                ),
                None,
            )
        if existing is None:
            target.columns.append(column)
            existing = len(target.columns) - 1
        column_map[index] = existing

    continues = same_periods and (not part.raw_title or _shared_label_share(target.lines, part.lines) < 0.3)
    lines, target_map, incoming_map = _align_lines(target.lines, part.lines, append_only=continues)
    target.lines = lines
    target.cells = {(target_map[line], column): cell for (line, column), cell in target.cells.items()}
    for (line_index, column_index), cell in part.cells.items():
        key = (incoming_map[line_index], column_map[column_index])
        if key in target.cells:
            target.warnings.append(
                f"'{part.lines[line_index].label}' is printed twice for {cell.header}: kept {target.cells[key].text}, not {cell.text}"
            )
            continue
        target.cells[key] = cell
    target.warnings.extend(part.warnings)


def _shared_label_share(target: list[Line], incoming: list[Line]) -> float:
    """How many of a table's lines the statement already has: a page that continues a statement
    over the same periods shares few, a second table of the same statement shares most."""
    known = {normalize_label(line.label) for line in target}
    labels = [normalize_label(line.label) for line in incoming if not line.is_heading]
    return sum(1 for label in labels if label in known) / len(labels) if labels else 0.0


def _align_lines(target: list[Line], incoming: list[Line], append_only: bool) -> tuple[list[Line], dict[int, int], dict[int, int]]:
    """Lines of both tables in one order: incoming lines match target lines by section and label,
    and a new line goes right after the last matched one.

    Returns the merged lines, and where each target and each incoming line went.
    """
    order: list[tuple[str, int]] = [("target", i) for i in range(len(target))]
    if append_only:
        order += [("incoming", i) for i in range(len(incoming))]
    else:
        _repair_wrapped_labels(target, incoming)
        matched: dict[int, int] = {}
        used: set[int] = set()
        insert_after = -1  # position in ``order``
        for index, line in enumerate(incoming):
            start = order[insert_after][1] + 1 if insert_after >= 0 and order[insert_after][0] == "target" else 0
            match = _find_match(target, line, used, start=start)
            if match is None:
                match = _find_match(target, line, used, start=0)
            if match is None:
                order.insert(insert_after + 1, ("incoming", index))
                insert_after += 1
                continue
            matched[index] = match
            used.add(match)
            insert_after = order.index(("target", match))
        for index, target_index in _reworded_between_matches(target, incoming, matched, used).items():
            order.remove(("incoming", index))
            matched[index] = target_index
            used.add(target_index)
    lines: list[Line] = []
    target_map: dict[int, int] = {}
    incoming_map: dict[int, int] = {}
    for origin, index in order:
        if origin == "target":
            target_map[index] = len(lines)
            lines.append(target[index])
        else:
            incoming_map[index] = len(lines)
            lines.append(incoming[index])
    if not append_only:
        for index, match in matched.items():
            incoming_map[index] = target_map[match]
    return lines, target_map, incoming_map


def _reworded_between_matches(target: list[Line], incoming: list[Line], matched: dict[int, int], used: set[int]) -> dict[int, int]:
    """One unmatched line on each side between the same two matched neighbours is one line
    printed in other words ("Cost of Revenues:" in the quarter table, "Total costs" in the half)."""
    found = {}
    for index in range(1, len(incoming) - 1):
        if index in matched or index - 1 not in matched or index + 1 not in matched:
            continue
        before, after = matched[index - 1], matched[index + 1]
        candidate = before + 1
        if after == before + 2 and candidate not in used and target[candidate].is_heading == incoming[index].is_heading:
            found[index] = candidate
    return found


def _find_match(target: list[Line], line: Line, used: set[int], start: int) -> int | None:
    key = normalize_label(line.label)
    section = normalize_label(line.section[-1]) if line.section else ""
    best = None
    for offset in range(start, len(target)):
        if offset in used:
            continue
        candidate = target[offset]
        if normalize_label(candidate.label) != key:
            continue
        candidate_section = normalize_label(candidate.section[-1]) if candidate.section else ""
        if candidate_section == section:
            return offset
        if best is None and (not section or not candidate_section) and candidate.is_heading == line.is_heading:
            best = offset
    return best


def _repair_wrapped_labels(target: list[Line], incoming: list[Line]) -> None:
    """Scanning sometimes wraps a long label into the next row: "...EQUITY IN NET INCOME" /
    "OF EQUITY METHOD INVESTEES INCOME TAX EXPENSE". Where the other table of the statement
    prints the two labels whole, restore them."""
    known = [normalize_label(line.label) for line in target]
    for index in range(len(incoming) - 1):
        first = normalize_label(incoming[index].label)
        second = normalize_label(incoming[index + 1].label)
        if first in known and second in known:
            continue
        for position, whole in enumerate(known[:-1]):
            if whole.startswith(first) and whole != first:
                spill = whole[len(first):].strip()
                following = known[position + 1]
                if second == f"{spill} {following}".strip():
                    incoming[index] = replace(incoming[index], label=target[position].label)
                    incoming[index + 1] = replace(incoming[index + 1], label=target[position + 1].label)
                    break
