"""RawTable -> TableLayout: which rows are headers, which columns hold values, what each means.

The steps run as a pipeline of small functions:
split_multi_number_columns -> find_header_rows -> find_value_columns -> column_headers
-> parse periods -> detect transposition -> body rows with junk flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from model.interpretation.dates import find_dates
from model.interpretation.headers import ColumnKind, HeaderPeriod, change_phrase, parse_header
from model.interpretation.japanese_dates import has_kana_or_kanji
from model.interpretation.numbers import CellKind, ParsedNumber, parse_number, split_numbers
from model.interpretation.periods import FiscalCalendar
from model.interpretation.trend_columns import settle_quarter_trends
from model.interpretation.units import UnitInfo, caption_unit, is_unit_text, unit_from_header
from model.raw import RawCell, RawTable, SourceRef

_FOOTNOTE_LABEL_RE = re.compile(
    r"(?:\s*<sup>.*?</sup>|\s*\*\s?\d{1,2}\b|\s*\\\*\s?\d{1,2}|\s*※\s?\d*|\s*\((?:\d{1,2}|[a-z])\)(?=\s*(?:\(|$|:))|\s*[†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+|(?<=[a-z])\d{1,2}(?=:?$))+",
    re.IGNORECASE,
)
_YEAR_ONLY_RE = re.compile(r"^\s*(?:19|20)\d{2}\s*$")


@dataclass(frozen=True, slots=True)
class ValueColumn:
    grid_index: int
    label: str  # printed header, stacked lines joined by one space
    unit_text: str  # the units line printed over this column, if any
    header: HeaderPeriod
    source: SourceRef | None = None  # where the header was printed
    ratio: bool = False  # a % of a base ("% of sales") beside the amounts: no amount of a period


@dataclass
class BodyRow:
    label: str
    label_cell: RawCell
    cells: list[RawCell | None]  # one per value column
    parsed: list[ParsedNumber]
    indent: float | None = None
    junk: list[int] = field(default_factory=list)  # value columns whose text is scanning debris

    @property
    def has_values(self) -> bool:
        return any(p.kind in (CellKind.NUMBER, CellKind.NIL) for p in self.parsed)


@dataclass
class TableLayout:
    raw: RawTable
    columns: list[ValueColumn]
    rows: list[BodyRow]
    header_row_count: int
    transposed: bool = False
    warnings: list[str] = field(default_factory=list)
    corner_lines: tuple[str, ...] = ()  # text over the label column: a caption "(In millions)", a banner, the title
    corner_source: SourceRef | None = None

    @property
    def corner(self) -> str:
        return " ".join(self.corner_lines)

    @property
    def has_periods(self) -> bool:
        return any(c.header.kind in (ColumnKind.DURATION, ColumnKind.INSTANT) for c in self.columns)


def clean_label(text: str) -> str:
    """A row label without footnote marks, markup or doubled spaces."""
    text = text.replace("\\*", "*")
    text = re.sub(r"<[^>]+>", " ", text)
    text = _FOOTNOTE_LABEL_RE.sub("", text)
    text = text.replace("—", "—").replace("\u2014", "—")
    text = " ".join(text.split())
    return text.strip(" .·…")


# ----------------------------------------------------------------------------- grid helpers


def _is_value(parsed: ParsedNumber) -> bool:
    return parsed.kind in (CellKind.NUMBER, CellKind.NIL)


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


# ----------------------------------------------------------------------------- header rows


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
        body_values = sum(1 for r in range(header_count, len(grid)) if _is_value(parsed[r][col]))
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


# ----------------------------------------------------------------------------- layout


def analyse(
    raw: RawTable,
    calendar: FiscalCalendar,
    banner: str = "",
    default_instant: bool | None = None,
) -> TableLayout:
    grid_raw = raw.texts()
    grid, origin = split_multi_number_columns(grid_raw)
    parsed = [[parse_number(text) if col > 0 else ParsedNumber(CellKind.TEXT) for col, text in enumerate(row)] for row in grid]
    header_count = find_header_rows(grid, parsed)
    value_columns = find_value_columns(grid, parsed, header_count)
    labels, units = header_texts(grid, header_count, value_columns, raw.ragged)
    labels = _without_shared_descriptor(labels)
    warnings: list[str] = []

    corner_rows = [r for r in range(header_count) if grid[r][0].strip() and not is_garbled_header(grid[r])]
    corner_rows += _caption_rows(grid, parsed, header_count)
    corner_lines = tuple(grid[r][0].strip() for r in corner_rows)
    column_banner = f"{' '.join(corner_lines)} {banner}".strip()  # "Quarters Ended March 31," printed above the labels
    headers = [parse_header(label, calendar, column_banner, default_instant) for label in labels]
    headers = settle_quarter_trends(labels, headers, calendar)
    sources = [_header_source(raw, grid, origin, header_count, col) for col in value_columns]
    columns = [ValueColumn(col, label, unit, header, source) for col, label, unit, header, source in zip(value_columns, labels, units, headers, sources)]

    rows = _body_rows(raw, grid, parsed, origin, header_count, value_columns, skip=set(corner_rows))
    columns = _mark_ratio_columns(columns, rows)
    dropped = [r for r in range(header_count) if is_garbled_header(grid[r])]
    if dropped:
        warnings.append(f"ignored {len(dropped)} unreadable header line(s) in '{raw.title or 'untitled table'}'")
    corner_source = raw.rows[corner_rows[0]][0].source if corner_rows and raw.rows[corner_rows[0]] else None
    layout = TableLayout(raw, columns, rows, header_count, warnings=warnings, corner_lines=corner_lines, corner_source=corner_source)
    _flag_heading_debris(layout)
    return layout


def _without_shared_descriptor(labels: list[str]) -> list[str]:
    """"Increase/(Decrease)" printed over every column of a statement of comprehensive income
    describes what its amounts are, not a change column: without it, each header is a period."""
    phrases = {(change_phrase(label) or "").lower() for label in labels}
    if len(labels) < 2 or len(phrases) != 1 or phrases == {""}:
        return labels
    phrase = change_phrase(labels[0]) or ""
    stripped = [" ".join(re.sub(re.escape(phrase), " ", label, flags=re.IGNORECASE).split()) for label in labels]
    if all(find_dates(label) for label in stripped):
        return stripped
    return labels


def _caption_rows(grid: list[list[str]], parsed: list[list[ParsedNumber]], header_count: int) -> list[int]:
    """Rows between the headers and the first figures whose label is a unit caption
    ("(In millions, except par value)"): part of the table's caption, not a line item."""
    found = []
    for r in range(header_count, len(grid)):
        if any(p.kind in (CellKind.NUMBER, CellKind.NIL) for p in parsed[r][1:]):
            break
        label = grid[r][0].strip()
        if label and not any(t.strip() for t in grid[r][1:]) and len(label) < 120 and caption_unit([label]) is not None:
            found.append(r)
    return found


def _header_source(raw: RawTable, grid: list[list[str]], origin: list[int], header_count: int, col: int) -> SourceRef | None:
    for r in range(header_count):
        if grid[r][col].strip() and origin[col] < len(raw.rows[r]):
            return raw.rows[r][origin[col]].source
    return None


def _mark_ratio_columns(columns: list[ValueColumn], rows: list[BodyRow]) -> list[ValueColumn]:
    """A column of percentages beside an amount column of the same header ("2023 | 2023" over
    "715 | 16%"), or one headed "% of sales", holds ratios to a base, not amounts of a period."""
    marked = []
    for position, column in enumerate(columns):
        numbers = [row.parsed[position] for row in rows if position < len(row.parsed) and row.parsed[position].kind is CellKind.NUMBER]
        percent_first = bool(numbers) and numbers[0].percent
        period = column.header.kind in (ColumnKind.DURATION, ColumnKind.INSTANT)
        beside_twin = position > 0 and column.label == columns[position - 1].label and period
        # "100.00%" on the first line and only figures up to 100 below: percentages with the sign printed once
        all_percent = percent_first and period and all(abs(n.value or 0) <= 100 for n in numbers)
        share_of = column.header.kind is ColumnKind.OTHER and column.header.percent
        if (beside_twin and percent_first) or all_percent or share_of or _RATIO_HEADER_RE.search(column.label) and column.header.kind is not ColumnKind.CHANGE:
            marked.append(ValueColumn(column.grid_index, column.label, column.unit_text or "%", HeaderPeriod(ColumnKind.OTHER, percent=True), column.source, ratio=True))
        else:
            marked.append(column)
    return marked


_RATIO_HEADER_RE = re.compile(r"%\s*(?:of\s+)?(?:net\s+)?(?:sales|revenues?|total)\b|\bpercent(?:age)?\s+of\b|\bas\s+a\s+%", re.IGNORECASE)


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


def _body_rows(
    raw: RawTable,
    grid: list[list[str]],
    parsed: list[list[ParsedNumber]],
    origin: list[int],
    header_count: int,
    value_columns: list[int],
    skip: set[int],
) -> list[BodyRow]:
    rows = []
    for r in range(header_count, len(grid)):
        if r in skip:
            continue
        raw_row = raw.rows[r]
        label_cell = raw_row[0] if raw_row else None
        if label_cell is None:
            continue
        cells: list[RawCell | None] = []
        values: list[ParsedNumber] = []
        if raw.ragged:
            cells, values = _ragged_values(raw_row, grid[r], parsed[r], origin, value_columns)
        else:
            for col in value_columns:
                source_cell = raw_row[origin[col]] if origin[col] < len(raw_row) else None
                text = grid[r][col]
                # a cell split into two numbers leaves its inline-XBRL fact behind: it tags one of them
                tag = source_cell.tag if source_cell is not None and source_cell.text == text else None
                cells.append(RawCell(text, source_cell.source, tag) if source_cell is not None else None)
                values.append(parsed[r][col])
        label = clean_label(label_cell.text)
        if not label and not any(_is_value(v) for v in values):
            continue
        junk = [i for i, v in enumerate(values) if v.kind is CellKind.JUNK]
        indent = label_cell.source.bbox[0] if label_cell.source.bbox else None
        rows.append(BodyRow(label, label_cell, cells, values, indent, junk))
    return _join_wrapped_labels(rows)


def _ragged_values(
    raw_row: list[RawCell], grid_row: list[str], parsed_row: list[ParsedNumber], origin: list[int], value_columns: list[int]
) -> tuple[list[RawCell | None], list[ParsedNumber]]:
    """Values of a markdown row mapped to value columns by order when the counts agree."""
    present = [col for col in range(1, len(grid_row)) if grid_row[col].strip() and parsed_row[col].kind is not CellKind.TEXT]
    if len(present) == len(value_columns):
        chosen = present
    else:
        chosen = [col if grid_row[col].strip() else -1 for col in value_columns]
    cells: list[RawCell | None] = []
    values: list[ParsedNumber] = []
    for col in chosen:
        if col < 0:
            cells.append(None)
            values.append(ParsedNumber(CellKind.EMPTY))
            continue
        source = raw_row[origin[col]].source
        cells.append(RawCell(grid_row[col], source))
        values.append(parsed_row[col])
    return cells, values


def _join_wrapped_labels(rows: list[BodyRow]) -> list[BodyRow]:
    """"Adjustments to reconcile net income to net cash" + "provided by operating activities:"."""
    joined: list[BodyRow] = []
    skip_next = False
    for index, row in enumerate(rows):
        if skip_next:
            skip_next = False
            continue
        nxt = rows[index + 1] if index + 1 < len(rows) else None
        if (
            nxt is not None
            and not row.has_values
            and row.label
            and not row.label.endswith(":")
            and nxt.label[:1].islower()
        ):
            merged = BodyRow(f"{row.label} {nxt.label}", row.label_cell, nxt.cells, nxt.parsed, row.indent, nxt.junk + row.junk)
            joined.append(merged)
            skip_next = True
            continue
        joined.append(row)
    return joined


def _flag_heading_debris(layout: TableLayout) -> None:
    """Numbers printed on a section heading ("OPERATING ACTIVITIES:  0.1  31.1") whose precision
    does not match the rest of their column are scanning debris, not data."""
    for position in range(len(layout.columns)):
        integers = sum(
            1
            for row in layout.rows
            if position < len(row.parsed) and row.parsed[position].kind is CellKind.NUMBER and row.parsed[position].decimals == 0
        )
        total = sum(1 for row in layout.rows if position < len(row.parsed) and row.parsed[position].kind is CellKind.NUMBER)
        if not total or integers / total < 0.8:
            continue
        for row in layout.rows:
            value = row.parsed[position] if position < len(row.parsed) else None
            if (
                value is not None
                and value.kind is CellKind.NUMBER
                and value.decimals > 0
                and row.label.endswith(":")
                and abs(value.value or Decimal(0)) < 1000
            ):
                row.parsed[position] = ParsedNumber(CellKind.JUNK)
                row.junk.append(position)


def unit_for_column(column: ValueColumn) -> UnitInfo | None:
    return unit_from_header(column.unit_text) if column.unit_text else None
