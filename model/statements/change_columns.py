"""Printed change columns: which two periods each compares, and the unlabelled % beside a change."""

from __future__ import annotations

from dataclasses import replace

from model.interpretation.table_layout import TableLayout
from model.interpretation.numbers import CellKind
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.statements.statement import Column


def unlabelled_percent_changes(columns: list[Column], layout: TableLayout) -> list[Column]:
    """"Inc/(Dec)" printed once over a $ column and a % column: the unlabelled column after a
    change column holding percentages is the change in %."""
    result = list(columns)
    for position in range(1, len(result)):
        column = result[position]
        before = result[position - 1]
        cells = [row.parsed[position] for row in layout.rows if position < len(row.parsed) and row.parsed[position].kind is CellKind.NUMBER]
        if column.kind is ColumnKind.OTHER and not column.label and before.kind is ColumnKind.CHANGE:
            if cells and any(p.percent for p in cells):
                result[position] = replace(column, kind=ColumnKind.CHANGE, percent_change=True, label=f"{before.label} %")
        elif column.kind is ColumnKind.CHANGE and not column.percent_change and _percent_printed(layout, position, twin=column.label == before.label):
            # "Change" over "7% | 8 | (3)": percentages with the sign printed once, on the first line
            result[position] = replace(column, percent_change=True, label=f"{column.label} %")
    return result


def _percent_printed(layout: TableLayout, position: int, twin: bool) -> bool:
    """Whether a change column holds percentages: its first figure carries the % sign, or (the
    second of two change columns under one heading, "$ | %") any of its cells does ("# %")."""
    texts = [row.cells[position].text for row in layout.rows if position < len(row.cells) and row.cells[position] is not None]
    parsed = [row.parsed[position] for row in layout.rows if position < len(row.parsed) and row.parsed[position].kind is CellKind.NUMBER]
    if parsed and parsed[0].percent:
        return True
    return twin and any(text.strip().endswith("%") for text in texts)


def link_change_columns(columns: list[Column]) -> list[Column]:
    """Each printed change column compares two periods of one length: the two just before it
    ("2023  2022  Change"), or its neighbours when it sits between them ("2024  Change  2023")."""
    linked = []
    for position, column in enumerate(columns):
        if column.kind is not ColumnKind.CHANGE:
            linked.append(column)
            continue
        pair = _adjacent_pair(columns, position)
        if pair is None:
            before = [c for c in columns[:position] if c.period is not None and c.kind is not ColumnKind.CHANGE]
            candidates = before or [c for c in columns if c.period is not None and c.kind is not ColumnKind.CHANGE]
            pair = _latest_pair(candidates)
        linked.append(replace(column, compares=pair) if pair else column)
    return linked


def _adjacent_pair(columns: list[Column], position: int) -> tuple[Period, Period] | None:
    left = [c for c in columns[:position]]
    while left and left[-1].kind is ColumnKind.CHANGE:
        left.pop()  # "$ change" and "% change" side by side compare the same two periods
    right = columns[position + 1 :]
    if len(left) >= 2 and left[-2].period is not None and left[-1].period is not None and left[-2].kind is not ColumnKind.CHANGE:
        return _ordered(left[-1].period, left[-2].period)
    if left and right and left[-1].period is not None and right[0].period is not None and right[0].kind is not ColumnKind.CHANGE:
        return _ordered(left[-1].period, right[0].period)
    return None


def _ordered(a: Period, b: Period) -> tuple[Period, Period] | None:
    if a == b or a.is_instant != b.is_instant or abs(a.days - b.days) > 7:
        return None
    return (a, b) if a.end > b.end else (b, a)


def _latest_pair(columns: list[Column]) -> tuple[Period, Period] | None:
    for index in range(len(columns) - 1, 0, -1):
        a = columns[index].period
        for other in range(index - 1, -1, -1):
            b = columns[other].period
            if a is None or b is None or a == b:
                continue
            if a.is_instant == b.is_instant and abs(a.days - b.days) <= 7:
                return (a, b) if a.end > b.end else (b, a)
        break
    return None
