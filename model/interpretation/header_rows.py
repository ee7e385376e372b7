"""Which rows of a raw table are its headers, which columns hold values, and the header text over each.

Stacked header lines are joined; a banner spans the columns up to the next banner; a units
line over the columns is kept apart; a line of scanning debris is dropped.
"""

from __future__ import annotations

import re
from model.interpretation.headers import ColumnKind, parse_header
from model.interpretation.japanese_dates import has_kana_or_kanji
from model.interpretation.numbers import CellKind, ParsedNumber, parse_number, split_numbers
from model.interpretation.units import is_unit_text
from model.interpretation.table_layout import is_value


_YEAR_ONLY_RE = re.compile(r"^\s*(?:19|20)\d{2}\s*$")


def split_multi_number_columns(grid: list[list[str]]) -> tuple[list[list[str]], list[int]]:
    """Columns whose cells hold two numbers ("176,000 11.5") become two columns.

    Returns the new grid and, per new column, the grid column it came from.
    """
    width = max(len(r) for r in grid)
    parts_per_column = [1] * width
    for col in range(1, width):
        counts = [len(split_numbers(row[col])) for row in grid if col < len(row) and row[col] and _looks_numeric(row[col])]
        if counts and max(counts) > 1:
            parts_per_column[col] = max(counts)
    if all(p == 1 for p in parts_per_column):
        return grid, list(range(width))
    new_grid = []
    for row in grid:
        new_row: list[str] = []
        for col in range(width):
            text = row[col] if col < len(row) else ""
            parts = parts_per_column[col]
            if parts == 1:
                new_row.append(text)
                continue
            pieces = split_numbers(text) if _looks_numeric(text) else _split_unit_header(text, parts)
            pieces = (pieces + [""] * parts)[:parts]
            new_row.extend(pieces)
        new_grid.append(new_row)
    origin = [col for col in range(width) for _ in range(parts_per_column[col])]
    return new_grid, origin


def _looks_numeric(text: str) -> bool:
    return bool(re.search(r"\d", text)) and not re.search(r"[A-Za-z]{3,}", text)


def _split_unit_header(text: str, parts: int) -> list[str]:
    """"JPY millions %" over a two-number column -> ["JPY millions", "%"]."""
    match = re.match(r"^(.*?)\s+(%|yen|jpy)$", text.strip(), re.IGNORECASE)
    if match and parts == 2:
        return [match.group(1), match.group(2)]
    return [text] + [""] * (parts - 1)


def find_header_rows(grid: list[list[str]], parsed: list[list[ParsedNumber]]) -> int:
    """How many leading rows are headers.

    Headers end at the last row with text over the value columns before the first row of
    label-plus-values; label-only rows in between ("ASSETS", "CURRENT ASSETS:") are body
    section rows.
    """
    first_data = len(grid)
    for index, row in enumerate(grid):
        label = row[0].strip() if row else ""
        values = [p for p in parsed[index][1:] if p.kind is CellKind.NUMBER]
        if label and values and not _all_years(row):
            first_data = index
            break
        if not label and values and index > 0 and not _all_years(row):
            first_data = index
            break
    header_end = 0
    for index in range(first_data):
        if any(text.strip() for text in grid[index][1:]):
            header_end = index + 1
    return header_end


def _all_years(row: list[str]) -> bool:
    """A row whose only numbers are years ("2023  2022  Inc/(Dec)") is a header row."""
    numbers = [t for t in row[1:] if t.strip() and parse_number(t).kind is CellKind.NUMBER]
    return bool(numbers) and all(_YEAR_ONLY_RE.match(t) for t in numbers)


def find_value_columns(grid: list[list[str]], parsed: list[list[ParsedNumber]], header_count: int) -> list[int]:
    width = max(len(r) for r in grid)
    columns = []
    for col in range(1, width):
        body_values = sum(1 for r in range(header_count, len(grid)) if is_value(parsed[r][col]))
        header_text = any(grid[r][col].strip() for r in range(header_count))
        body_text = any(grid[r][col].strip() for r in range(header_count, len(grid)))
        if (body_values or (header_text and body_text)) and not _is_notes_column(grid, header_count, col):
            columns.append(col)
    return columns


_NOTES_HEADER_RE = re.compile(r"^(?:notes?|note\s*no\.?|ref\.?)$", re.IGNORECASE)


def _is_notes_column(grid: list[list[str]], header_count: int, col: int) -> bool:
    """A "Notes" column holds references to the notes ("5", "5,16,34"), not amounts."""
    return any(_NOTES_HEADER_RE.match(grid[r][col].strip()) for r in range(header_count))


def _split_double_headers(row: list[str], value_columns: list[int]) -> list[str]:
    """"2Q-end 3Q-end" printed in one cell beside an empty one: give each its own cell."""
    row = list(row)
    for position, col in enumerate(value_columns[:-1]):
        nxt = value_columns[position + 1]
        if row[col] and not row[nxt]:
            pieces = re.findall(r"[1-4]Q-end|[1-4]Q|Year-end|[12]H", row[col], re.IGNORECASE)
            if len(pieces) == 2 and " ".join(pieces) == " ".join(row[col].split()):
                row[col], row[nxt] = pieces
    return row


def header_texts(
    grid: list[list[str]], header_count: int, value_columns: list[int], ragged: bool
) -> tuple[list[str], list[str]]:
    """Per value column: the joined header label and the unit line printed over it."""
    labels = [[] for _ in value_columns]
    units = [""] * len(value_columns)
    for r in range(header_count):
        if is_garbled_header(grid[r]):
            continue
        row = _split_double_headers(grid[r], value_columns)
        cells = _place_header_cells(row, value_columns, ragged)
        texts = [t for t in cells if t]
        if not texts:
            continue
        if all(is_unit_text(t) for t in texts):
            for i, text in enumerate(cells):
                if text:
                    units[i] = text
            continue
        for i, text in enumerate(cells):
            if text:
                labels[i].append(text)
    joined = _share_length_phrase([" ".join(" ".join(parts).split()) for parts in labels])
    return _tell_apart_by_unit(joined, units), units


def _tell_apart_by_unit(labels: list[str], units: list[str]) -> list[str]:
    """Two columns for one period in two currencies ("FY2024" in millions of yen and in
    thousands of U.S. dollars) keep the unit in their labels."""
    repeated = {label for label in labels if labels.count(label) > 1 and parse_header(label).kind in (ColumnKind.DURATION, ColumnKind.INSTANT)}
    return [
        f"{label} {unit}".strip() if label in repeated and unit and len({units[i] for i, other in enumerate(labels) if other == label}) > 1 else label
        for label, unit in zip(labels, units)
    ]


_LENGTH_PHRASE_RE = re.compile(
    r"^(?:for the )?(?:(?:three|six|nine|twelve|\d{1,2}|thirteen|twenty-six|thirty-nine|fifty-two|fifty-three)[\s-]+(?:months?|weeks?)|(?:fiscal\s+)?years?|quarters?)\s+(?:ended|ending)\b",
    re.IGNORECASE,
)


_DATE_ONLY_RE = re.compile(r"^[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}$")


def _share_length_phrase(labels: list[str]) -> list[str]:
    """"Years ended September 28, 2024 | September 30, 2023 | September 24, 2022": the phrase
    printed once over the first date applies to the dates beside it."""
    phrase = None
    shared = []
    for label in labels:
        match = _LENGTH_PHRASE_RE.match(label)
        if match:
            phrase = match.group(0)
            shared.append(label)
        elif phrase and _DATE_ONLY_RE.match(label):
            shared.append(f"{phrase} {label}")
        else:
            shared.append(label)
    return shared


def _place_header_cells(row: list[str], value_columns: list[int], ragged: bool) -> list[str]:
    """Header text over each value column; a banner spans the columns up to the next banner."""
    count = len(value_columns)
    if ragged:
        texts = [t.strip() for t in row[1:] if t.strip()]
        if not texts:
            return [""] * count
        if len(texts) == count:
            return texts
        if count % len(texts) == 0:
            span = count // len(texts)
            return [texts[i // span] for i in range(count)]
    placed = [row[col].strip() if col < len(row) else "" for col in value_columns]
    filled = sum(1 for t in placed if t)
    stray = [t.strip() for c, t in enumerate(row) if c > 0 and c not in value_columns and t.strip() and not _NOTES_HEADER_RE.match(t.strip())]
    if stray and filled < count:
        # header text printed in a spacer column: move it to the nearest value column on its right
        for c, t in enumerate(row):
            if c > 0 and c not in value_columns and t.strip() and not _NOTES_HEADER_RE.match(t.strip()):
                right = [i for i, vc in enumerate(value_columns) if vc > c and not placed[i]]
                if right:
                    placed[right[0]] = t.strip()
        filled = sum(1 for t in placed if t)
    if 0 < filled < count and not all(is_unit_text(t) for t in placed if t):
        current = ""
        spanning = []
        for text in placed:
            current = text or current
            spanning.append(current)
        if _banner_like(placed):
            return spanning
    return placed


def _banner_like(placed: list[str]) -> bool:
    """Banner cells ("Three Months Ended", "Six Months Ended") say a length but no date."""
    texts = [t for t in placed if t]
    return all(re.search(r"\b(?:months?|weeks?|quarters?|years?|ended|ending|half)\b", t, re.IGNORECASE) and not re.search(r"\d{4}", t) for t in texts) or (
        len(texts) >= 1 and all(re.search(r"[A-Za-z]", t) and not re.search(r"\d", t) for t in texts) and placed[0] != ""
    )


_HEADER_VOCABULARY_RE = re.compile(
    r"\b(?:ended|ending|months?|weeks?|quarters?|years?|fiscal|as\s+of|at|change|changes|increase|decrease|amount|amounts|"
    r"total|actual|results?|forecasts?|budget|prior|current|previous|period|term|half|cumulative|ytd|"
    r"q[1-4]|[1-4]q|h[12]|[12]h|fy\s?\d*|notes?|unaudited|audited|consolidated|\d{4}|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|%",
    re.IGNORECASE,
)


def is_garbled_header(row: list[str]) -> bool:
    """A header line whose label cell holds text and whose other cells say nothing a header
    says (no period, unit or header word): scanning debris such as "Opera | ung Kesulis Summary"."""
    label = row[0].strip()
    cells = [t for t in row[1:] if t.strip()]
    return (
        bool(label)
        and bool(cells)
        and not any(has_kana_or_kanji(t) for t in cells)  # the header vocabulary below is English
        and not any(is_unit_text(t) or _HEADER_VOCABULARY_RE.search(t) for t in cells)
        and not _HEADER_VOCABULARY_RE.search(label)
    )
