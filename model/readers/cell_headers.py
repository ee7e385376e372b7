"""Column headers of a table whose cells were printed one per line: which cells are headings,
and how they stack over the value columns.

The cells above a table's first row come in header lines printed left to right, top to bottom:
"Three Months Ended", "Nine Months Ended" (a banner over each group of columns), "September 30,"
twice, then "2022", "2021", "% change", "2022", "2021", "% change" (one per column). A header line
holds as many cells as divide the table's columns evenly, and the cells of one line are alike
(all years, all dates, all banners) or repeat one pattern per group. The stacking that uses the
most cells, with the most alike lines, wins; the cells above it are the title and captions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_YEAR_RE = re.compile(r"^\(?(?:fiscal\s+|fy\s?)?(?:19|20)\d{2}\)?[*]?(?:\s?\(\d\))?$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_RE = re.compile(
    rf"^(?:as\s+(?:of|at)\s+)?(?:{_MONTH}\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}|\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}}"
    r"|\d{1,2}/\d{1,2}/(?:19|20)?\d{2}|\d{1,2}\.\d{1,2}\.(?:19|20)?\d{2})\*?$",
    re.IGNORECASE,
)
_MONTH_DAY_RE = re.compile(rf"^(?:as\s+(?:of|at)\s+)?{_MONTH}\s+\d{{1,2}},?$|^\d{{1,2}}\s+{_MONTH}$", re.IGNORECASE)
_LENGTH_RE = re.compile(
    r"\b(?:weeks?|months?|quarters?|qtr\.?|years?|ended|ending|half|year[- ]to[- ]date|ytd|fiscal|as\s+of|as\s+at)\b"
    r"|^(?:q[1-4]|[1-4]q|h[12]|[12]h|fy)\s?'?\d{2,4}$|^(?:q[1-4]|[1-4]q)$",
    re.IGNORECASE,
)
_CHANGE_RE = re.compile(
    r"^(?:%|percent|%\s*change|%\s*chg\.?|change|chg\.?|variance|inc(?:rease)?\.?\s*/?\s*\(?dec(?:rease)?\.?\)?|"
    r"\$\s*change|yoy|y/y|qoq|q/q|% of (?:net )?(?:sales|revenues?)|amount|favorable\s*/?\s*\(?unfavorable\)?)$",
    re.IGNORECASE,
)
_UNIT_RE = re.compile(r"^\(?\s*(?:(?:\$|dollars|amounts)\s+)?in\s+(?:thousands|millions|billions)\b.*\)?$|^\(?unaudited\)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HeaderLayer:
    texts: tuple[str, ...]
    first: int  # index of its first cell among the header cells


def is_year(text: str) -> bool:
    return bool(_YEAR_RE.match(text.strip()))


def header_type(text: str) -> str | None:
    """What kind of heading a cell is, or None when it is no column heading."""
    text = text.strip()
    if is_year(text):
        return "year"
    if _DATE_RE.match(text):
        return "date"
    if _MONTH_DAY_RE.match(text):
        return "month-day"
    if _CHANGE_RE.match(text):
        return "change"
    if _UNIT_RE.match(text):
        return "unit"
    if _LENGTH_RE.search(text) and len(text) <= 60 and not text.endswith((".", ":")):
        return "length"
    return None


def is_header_cell(text: str) -> bool:
    return header_type(text) is not None


def header_layers(above: list[str], width: int) -> tuple[list[HeaderLayer], int]:
    """The header lines over a table of ``width`` value columns, top first, and how many of the
    cells above the table (counted from the bottom) they take."""
    count = 0
    while count < len(above) and header_type(above[len(above) - 1 - count]) is not None:
        count += 1
    cells = above[len(above) - count :]
    types = tuple(header_type(text) or "" for text in cells)
    best = _best_stacking(types, width, 0)
    if best is None:
        return [], 0
    _, sizes = best
    used = sum(sizes)
    layers = []
    position = 0  # counted from the first header cell used
    for size in sizes:
        layers.append(HeaderLayer(tuple(cells[len(cells) - used + position : len(cells) - used + position + size]), position))
        position += size
    return layers, used


@lru_cache(maxsize=4096)
def _best_stacking(types: tuple[str, ...], width: int, depth: int) -> tuple[tuple[int, int], tuple[int, ...]] | None:
    """The best way to cut the tail of ``types`` into header lines: ((cells used, likeness), sizes)."""
    if not types or depth > 6:
        return ((0, 0), ())
    best: tuple[tuple[int, int], tuple[int, ...]] | None = ((0, 0), ())
    for size in _line_sizes(width):
        if size > len(types):
            continue
        layer = types[len(types) - size :]
        score = _likeness(layer, width)
        if score is None:
            continue
        rest = _best_stacking(types[: len(types) - size], width, depth + 1)
        assert rest is not None
        (used, likeness), sizes = rest
        candidate = ((used + size, likeness + score), (*sizes, size))
        if best is None or candidate[0] > best[0]:
            best = candidate
    return best


def _line_sizes(width: int) -> list[int]:
    return [size for size in range(width, 0, -1) if width % size == 0]


def _likeness(layer: tuple[str, ...], width: int) -> int | None:
    """How well the cells of one header line belong together (None: they do not)."""
    if len(layer) == 1:
        # one cell over every column is a banner ("Three Months Ended"), never a lone date or year
        return 0 if width == 1 or layer[0] in ("length", "unit") else None
    if len(set(layer)) == 1:
        return 2
    for period in range(2, len(layer)):
        if len(layer) % period == 0 and all(layer[i] == layer[i % period] for i in range(len(layer))):
            return 1
    return None
