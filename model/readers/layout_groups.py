"""Header lines of a plain-text table that repeat once per group of value columns.

A table printing the same periods in two currencies side by side says so in lines such as
"Year ended 31 December Year ended 31 December" over "2023 2022 2023 2022" over "PLN million EUR
million": each line is a phrase printed once per group of columns. Cut into equal parts (as many
as divide the value columns), the parts of such a line are the same words, or words of the same
shape ("PLN million" and "EUR million"); each part heads the columns of its group.
"""

from __future__ import annotations

import re
from typing import Protocol


class _Printed(Protocol):
    text: str
    number: int


_YEAR_RE = re.compile(r"^\(?(?:19|20)\d{2}\)?\*?$")


def grouped_header_lines(lines: list[_Printed], width: int) -> tuple[list[list[tuple[str, int]]], int]:
    """Header rows (one (text, line) per value column), top first, and how many of ``lines``
    (counted from the bottom) they take. No rows when the bottom line repeats no pattern."""
    rows: list[list[tuple[str, int]]] = []
    for line in reversed(lines):
        parts = _parts(line.text, width)
        if parts is None:
            break
        span = width // len(parts)
        rows.insert(0, [(part, line.number) for part in parts for _ in range(span)])
    if not rows or len(set(rows[-1])) < 2:
        return [], 0  # one phrase over every column is a banner of the table, not its column heads
    return rows, len(rows)


def _parts(text: str, width: int) -> list[str] | None:
    tokens = text.split()
    for groups in sorted((g for g in range(2, width + 1) if width % g == 0), reverse=True):
        if len(tokens) % groups:
            continue
        size = len(tokens) // groups
        parts = [tokens[i * size : (i + 1) * size] for i in range(groups)]
        if len({tuple(part) for part in parts}) == 1 or len({tuple(_shape(token) for token in part) for part in parts}) == 1 and _worded(parts):
            return [" ".join(part) for part in parts]
    return None


def _worded(parts: list[list[str]]) -> bool:
    """Parts of the same shape must still say something: years, dates or unit words, not prose."""
    return all(any(_YEAR_RE.match(token) or token.isupper() or token[:1].isdigit() for token in part) for part in parts)


def _shape(token: str) -> str:
    if _YEAR_RE.match(token):
        return "year"
    if token[:1].isdigit():
        return "number"
    if token.isupper() and len(token) > 1:
        return "code"
    return "Word" if token[:1].isupper() else "word"


def repeats_per_group(text: str) -> bool:
    """A line of column headings printed once per group ("As at As at", "2023 2022 2023 2022"):
    between rows of figures it starts the headers of the next table."""
    tokens = text.split()
    if len(tokens) >= 2 and all(_YEAR_RE.match(token) for token in tokens):
        return True
    return any(
        len(tokens) % groups == 0 and _identical(tokens, groups)
        for groups in range(2, len(tokens) + 1)
    )


def _identical(tokens: list[str], groups: int) -> bool:
    size = len(tokens) // groups
    parts = {tuple(tokens[i * size : (i + 1) * size]) for i in range(groups)}
    return len(parts) == 1 and any(token[:1].isalpha() for token in tokens)
