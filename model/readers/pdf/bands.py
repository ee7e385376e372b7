"""Pages that print two tables side by side (assets left, liabilities right), cut into bands
that are read one at a time."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from model.readers.pdf.geometry import SETTINGS, LayoutSettings, Line
from model.readers.pdf.lines import group_lines


def side_by_side_split(lines: Sequence[Line], settings: LayoutSettings = SETTINGS) -> tuple[float, int, int] | None:
    """Where a page prints two tables next to each other (assets left, liabilities right):
    the x of the gutter and the first and last line index of the stretch it runs through."""
    evidence: list[tuple[int, float]] = []
    for index, line in enumerate(lines):
        second_label = _second_label_start(line)
        if second_label is not None:
            evidence.append((index, second_label))
    if len(evidence) < settings.min_side_by_side_lines:
        return None
    middle = median(x for _, x in evidence)
    # the right-hand labels start at one x, or a little further right where they are indented
    aligned = [(index, x) for index, x in evidence if middle - 60 <= x <= middle + 10]
    if len(aligned) < settings.min_side_by_side_lines:
        return None
    split_x = min(x for _, x in aligned) - 1.0
    first = aligned[0][0]
    last = aligned[-1][0]
    while first > 0 and not _straddles(lines[first - 1], split_x):
        first -= 1
    while last + 1 < len(lines) and not _straddles(lines[last + 1], split_x):
        last += 1
    return split_x, first, last


def _second_label_start(line: Line) -> float | None:
    """x of a label that follows values on a line which then prints values again."""
    seen_values = False
    for index, (word, is_value) in enumerate(zip(line.words, line.values)):
        if is_value:
            seen_values = True
        elif seen_values and any(line.values[index + 1 :]) and any(ch.isalpha() for ch in word.text):
            return word.x0  # a word, not a mark between figures ("#" for a variance over 100 %)
    return None


def _straddles(line: Line, x: float) -> bool:
    return any(w.x0 < x < w.x1 for w in line.words)


def split_bands(lines: list[Line], settings: LayoutSettings = SETTINGS) -> list[list[Line]]:
    """The page's lines as independent bands: above, left, right and below a side-by-side stretch."""
    split = side_by_side_split(lines, settings)
    if split is None:
        return [lines]
    split_x, first, last = split
    stretch = [w for line in lines[first : last + 1] for w in line.words + line.currency_signs]
    left = group_lines((w for w in stretch if w.x1 <= split_x), settings)
    right = group_lines((w for w in stretch if w.x0 >= split_x), settings)
    return [band for band in (lines[:first], left, right, lines[last + 1 :]) if band]
