"""Body lines -> rows: labels wrapped over several lines joined, figures printed beside a wrapped
label or level with it moved into its row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from model.readers.pdf.columns import column_for
from model.readers.pdf.geometry import Column, Line, Word
from model.readers.pdf.tokens import UNFINISHED_LABEL_RE


@dataclass
class RowParts:
    """One table row being assembled from one or more printed lines."""

    label_words: list[Word]
    cells: dict[int, list[Word]]
    lines: list[Line]
    values_line: Line | None = None  # the line that carried the figures, when it had no label

    @property
    def label(self) -> str:
        return " ".join(w.text for w in self.label_words)

    @property
    def has_values(self) -> bool:
        return bool(self.cells)

    @property
    def top(self) -> float:
        return min(line.top for line in self.lines)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)

    def gap_to(self, other: RowParts) -> float:
        """Vertical distance between two rows' extents; 0 when they overlap."""
        return max(0.0, other.top - self.bottom, self.top - other.bottom)


def split_line(line: Line, columns: Sequence[Column]) -> tuple[list[Word], dict[int, list[Word]]]:
    """A body line's label words and its words per value column."""
    first_column = columns[0].x0
    label: list[Word] = []
    rest: list[Word] = []
    for word, is_value in zip(line.words, line.values):
        if not rest and not is_value and word.x0 < first_column - 1:
            label.append(word)
        else:
            rest.append(word)
    cells: dict[int, list[Word]] = {}
    for word in rest:
        index = column_for(word.x0, word.x1, columns)
        if index is None:
            label.append(word)  # a stray word between the labels and the first column
        else:
            cells.setdefault(index, []).append(word)
    return label, cells


def group_rows(body: Sequence[Line], columns: Sequence[Column], wrapping_columns: frozenset[int] = frozenset()) -> list[RowParts]:
    """Body lines into rows: figures printed beside a wrapped label, and wrapped label lines,
    join the row they belong to; figures on a line of their own that sit level with a row
    (a column printed higher or lower than the rest) move into it."""
    rows: list[RowParts] = []
    pitch = row_pitch(body)
    label_limit = max((w.x1 for line in body for w, v in zip(line.words, line.values) if not v and w.x1 < columns[0].x0), default=0.0)
    for line in body:
        label, cells = split_line(line, columns)
        previous = rows[-1] if rows else None
        labelled = next((row for row in reversed(rows) if row.label_words), None)
        if not label and cells and previous is not None and _takes_figures(previous, line):
            previous.cells = cells
            previous.lines.append(line)
            previous.values_line = line
        elif label and labelled is not None and _continues(labelled, label, bool(cells), line, pitch, label_limit):
            labelled.label_words.extend(label)
            for index, words in cells.items():
                labelled.cells.setdefault(index, []).extend(words)
            labelled.lines.append(line)
        else:
            rows.append(RowParts(label, cells, [line]))
    return _settle_stray_cells(rows, pitch, wrapping_columns)


def _settle_stray_cells(rows: list[RowParts], pitch: float, wrapping_columns: frozenset[int]) -> list[RowParts]:
    """Cells printed on a line of their own (no label) join the labelled row they sit level
    with: a column printed top-aligned beside a centred label (Nippon Express's US$ column),
    or a "Notes" cell wrapped over several lines ("8,10 / 11,12 / 13,22"). An unlabelled
    subtotal row keeps its own row: the rows beside it have no room for its figures."""
    labelled = [row for row in rows if row.label_words]
    for stray in [row for row in rows if not row.label_words]:
        for index in sorted(stray.cells):
            if index in wrapping_columns:
                candidates = labelled
            else:
                candidates = [row for row in labelled if index not in row.cells and row.gap_to(stray) <= 0.3 * pitch]
            if not candidates:
                continue
            target = min(candidates, key=lambda row: row.gap_to(stray))
            target.cells.setdefault(index, []).extend(stray.cells.pop(index))
            target.cells[index].sort(key=lambda w: (w.top, w.x0))
            target.lines.append(stray.lines[0])
    return [row for row in rows if row.label_words or row.cells]


def _takes_figures(row: RowParts, line: Line) -> bool:
    """Figures on a line of their own, printed level with a label wrapped over two or three lines."""
    if row.has_values or not row.label or row.label.endswith(":"):
        return False
    return line.top - row.lines[-1].top <= 1.5 * line.size


def row_pitch(body: Sequence[Line]) -> float:
    """The usual distance from one row with figures to the next."""
    tops = [line.top for line in body if line.has_values]
    steps = [b - a for a, b in pairwise(tops) if b > a]
    return median(steps) if steps else 0.0


def _continues(row: RowParts, label: list[Word], has_values: bool, line: Line, pitch: float, label_limit: float) -> bool:
    """Whether a label line carries on the label of the row above it."""
    if row.label.endswith(":") or (row.has_values and has_values) or not row.label_words:
        return False
    indent = label[0].x0 - row.label_words[0].x0
    if indent < -1:
        return False  # printed further left: a new row, not a wrapped label
    text = " ".join(w.text for w in label)
    if text[:1].islower() or UNFINISHED_LABEL_RE.search(row.label) or row.label.count("(") > row.label.count(")"):
        return True
    if row.values_line is not None and not has_values:
        # "Loans to the Management" / figures / "Network": the figures sit midway between the two
        first_top = row.lines[0].top
        return abs((line.top - row.values_line.top) - (row.values_line.top - first_top)) <= 1.5
    # "PepsiCo Beverages North" / "  America  10  0.5": an indented line set closer than rows
    # are, and as close as the lines of one paragraph; a row indented under a heading
    # ("Earnings per share attributable to ..." / "  Basic  1.54") has a row's spacing
    step = line.top - row.lines[-1].top
    if row.has_values or not has_values or row.label.isupper() or step > 1.2 * line.size:
        return False
    if indent > 2:
        return step < 0.8 * pitch
    # "Average Number of Common Shares Outstanding Used for Basic" / "Earnings Per Common Share
    # 1,740,359": at the same indent, a line that ran out of room ("Earnings" would not have fit
    # beside "Basic" in the widest labels' room), set tighter than the rows
    start, end = row.label_words[0].x0, row.label_words[-1].x1
    wrapped = end + (label[0].x1 - label[0].x0) > label_limit and end - start >= 0.75 * (label_limit - start)
    return wrapped and step < 0.85 * pitch
