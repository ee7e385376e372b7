"""Value columns from where a body's figures sit, and the columns a header phrase stands over."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from model.readers.pdf.geometry import Column, Line, Phrase, Rule
from model.readers.pdf.tokens import DATE_TEXT_RE, YEAR_RE


def find_columns(body: Sequence[Line], rules: Sequence[Rule]) -> list[Column]:
    """Value columns: figures whose horizontal extents overlap, gathered over the whole body.

    Figures are right-aligned, centred or hang a ")" past the column edge; overlapping extents
    catch all three where clustering right edges would not.
    """
    spans = sorted((w.x0, w.x1) for line in body for w in line.value_words)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    top, bottom = body[0].top, body[-1].bottom
    xs = sorted(x for x, rule_top, rule_bottom in rules if rule_top < bottom and rule_bottom > top)
    columns = []
    for position, (x0, x1) in enumerate(merged):
        width = x1 - x0
        # a drawn rule bounds the cell; without one the cell reaches halfway to the neighbour,
        # and the outer cells reach out about as far again as their figures are wide (header
        # text is often wider than the figures under it)
        if position > 0:
            cell_x0 = (merged[position - 1][1] + x0) / 2
        else:
            cell_x0 = x0 - 2 * width
        if position + 1 < len(merged):
            cell_x1 = (x1 + merged[position + 1][0]) / 2
        else:
            cell_x1 = x1 + width
        left_rules = [x for x in xs if cell_x0 - width <= x <= x0]
        right_rules = [x for x in xs if x1 <= x <= cell_x1 + width]
        columns.append(Column(x0, x1, max(left_rules, default=cell_x0), min(right_rules, default=cell_x1)))
    return columns


def column_for(x0: float, x1: float, columns: Sequence[Column]) -> int | None:
    """The column a piece of text belongs to: the one it overlaps most, else the cell around its centre."""
    best = max(range(len(columns)), key=lambda i: columns[i].overlap(x0, x1))
    if columns[best].overlap(x0, x1) > 0:
        return best
    centre = (x0 + x1) / 2
    for index, column in enumerate(columns):
        if column.cell_x0 <= centre <= column.cell_x1:
            return index
    return None


def banner_groups(phrases: Sequence[Phrase], columns: Sequence[Column], centres: Sequence[float] = ()) -> list[list[int]] | None:
    """Columns under each banner of a line of banners ("12 Weeks Ended   24 Weeks Ended" over
    four columns), when every banner heads an equal run of columns and stands over it: by the
    header's own column centres when one line gives them, else by the figures.
    Dated headers are not banners: "April 29, 2023" heads the one column under it; a month and
    day without a year ("June 30,") over a pair of year columns is one."""
    count = len(phrases)
    if count < 2 or len(columns) <= count or len(columns) % count or any(_names_a_year(p.text) for p in phrases):
        return None
    span = len(columns) // count
    groups = [list(range(i * span, (i + 1) * span)) for i in range(count)]
    for phrase, group in zip(phrases, groups):
        if centres:
            middle, width = (centres[group[0]] + centres[group[-1]]) / 2, centres[group[-1]] - centres[group[0]]
        else:
            middle, width = (columns[group[0]].x0 + columns[group[-1]].x1) / 2, columns[group[-1]].x1 - columns[group[0]].x0
        if abs((phrase.x0 + phrase.x1) / 2 - middle) > 0.25 * width:
            return None  # a header over one column of the run, not a banner over all of it
    return groups


def _names_a_year(text: str) -> bool:
    return bool(DATE_TEXT_RE.search(text)) and bool(YEAR_RE.search(text))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a header phrase went: its centre, its columns, and whether it is a banner meant
    for a run of columns (a line of banners, or one banner centred over all of them)."""

    centre: float
    columns: tuple[int, ...]
    banner: bool


def place_header_phrases(
    phrases: Sequence[Phrase],
    columns: Sequence[Column],
    value_span: tuple[float, float],
    above: Sequence[Placement],
    centres: Sequence[float],
    tolerance: float,
) -> tuple[list[list[int]], list[Placement]]:
    """The columns each phrase of a header line heads, and their placements for the line below.
    A phrase printed under a phrase of the line above, centred alike, is that phrase carried on
    ("Six Months Ended" / "June 30" over both year columns; "Diluted earnings per" / "share"
    over one); a narrow phrase centred between two columns by the header's own centres heads
    both ("2023" over a predecessor and a successor column)."""
    groups = banner_groups(phrases, columns, centres) or banner_groups(phrases, columns)
    alone = len(phrases) == 1
    result: list[list[int]] = []
    placements: list[Placement] = []
    for position, phrase in enumerate(phrases):
        centre = (phrase.x0 + phrase.x1) / 2
        banner = groups is not None or (alone and spans_all(phrase, value_span))
        indexes = groups[position] if groups is not None else header_columns(phrase, columns, value_span, alone)
        carried = next((p for p in reversed(above) if abs(p.centre - centre) <= tolerance), None)
        if not banner and carried is not None:
            if alone and carried.banner and set(indexes) <= set(carried.columns) and _between_figures(phrase, indexes, columns):
                indexes = list(carried.columns)
                banner = True
        elif not banner and len(indexes) == 1:
            indexes = _spread_over_pair(phrase, indexes, phrases, columns, value_span, centres)
        result.append(indexes)
        placements.append(Placement(centre, tuple(indexes), banner))
    return result, placements


def _spread_over_pair(
    phrase: Phrase, indexes: list[int], phrases: Sequence[Phrase], columns: Sequence[Column], value_span: tuple[float, float], centres: Sequence[float]
) -> list[int]:
    """Both columns a phrase is centred between, when no other phrase of its line heads either."""
    pair = centred_between(phrase, centres)
    if pair is None or indexes[0] not in pair:
        return indexes
    if any(other is not phrase and set(pair) & set(header_columns(other, columns, value_span, False)) for other in phrases):
        return indexes
    return list(pair)


def _between_figures(phrase: Phrase, indexes: Sequence[int], columns: Sequence[Column]) -> bool:
    """A phrase that names no year and stands over no column's figures ("June 30" between two
    columns); "2023" and "Int'l" head the column under them."""
    centre = (phrase.x0 + phrase.x1) / 2
    return not YEAR_RE.search(phrase.text) and not any(columns[i].x0 <= centre <= columns[i].x1 for i in indexes)


def column_centres(lines: Sequence[Sequence[Phrase]], columns: Sequence[Column]) -> list[float]:
    """Where the header centres its column headers: the centres of the phrases of the header
    line nearest the body that prints one phrase over each column, in order. Browser prints
    centre headers over the whole cell, "$" included, so they sit apart from the figures."""
    for phrases in reversed(lines):
        if len(phrases) == len(columns) >= 2:
            placed = [column_for(p.x0, p.x1, columns) for p in phrases]
            if placed == list(range(len(columns))):
                return [(p.x0 + p.x1) / 2 for p in phrases]
    return []


def centred_between(phrase: Phrase, centres: Sequence[float]) -> tuple[int, int] | None:
    """The two neighbouring columns a phrase is centred between, by the header's own centres."""
    centre = (phrase.x0 + phrase.x1) / 2
    for index, (left, right) in enumerate(pairwise(centres)):
        # a narrow phrase right at the midpoint: a column header wider than its column is no banner
        if abs(centre - (left + right) / 2) <= 0.08 * (right - left) and phrase.x1 - phrase.x0 <= 0.5 * (right - left):
            return index, index + 1
    return None


def spans_all(phrase: Phrase, value_span: tuple[float, float]) -> bool:
    """A lone banner centred over all the columns, and wide enough to be meant for all of them."""
    left, right = value_span
    centre = (phrase.x0 + phrase.x1) / 2
    wide = phrase.x1 - phrase.x0 >= 0.25 * (right - left)
    return wide and abs(centre - (left + right) / 2) <= 0.25 * (right - left)


def header_columns(phrase: Phrase, columns: Sequence[Column], value_span: tuple[float, float], alone: bool) -> list[int]:
    """Columns a header phrase stands over. A banner over a pair of columns ("12 Weeks Ended")
    heads both; a lone banner centred over all the columns heads all of them."""
    covered = [
        i for i, c in enumerate(columns) if c.overlap(phrase.x0, phrase.x1) >= 0.25 * min(c.x1 - c.x0, phrase.x1 - phrase.x0)
    ]
    if alone and spans_all(phrase, value_span):
        return list(range(len(columns)))
    if covered:
        return covered
    nearest = column_for(phrase.x0, phrase.x1, columns)
    if nearest is not None:
        return [nearest]
    centre = (phrase.x0 + phrase.x1) / 2
    return [min(range(len(columns)), key=lambda i: abs((columns[i].x0 + columns[i].x1) / 2 - centre))]
