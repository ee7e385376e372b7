"""RawTable -> TableLayout: which rows are headers, which columns hold values, what each means.

The steps run as a pipeline of small functions:
split_multi_number_columns -> find_header_rows -> find_value_columns -> header_texts
-> parse periods -> caption rows -> body rows -> ratio columns -> junk flagged.
"""

from __future__ import annotations

import re
from model.interpretation.dates import find_dates
from model.interpretation.headers import ColumnKind, HeaderPeriod, change_phrase, parse_header
from model.interpretation.numbers import CellKind, ParsedNumber, parse_number
from model.interpretation.periods import FiscalCalendar
from model.interpretation.trend_columns import settle_quarter_trends
from model.interpretation.units import caption_unit
from model.raw import RawTable, SourceRef
from model.interpretation.body_rows import body_rows, flag_heading_debris
from model.interpretation.header_rows import find_header_rows, find_value_columns, header_texts, is_garbled_header, split_multi_number_columns
from model.interpretation.table_layout import BodyRow, TableLayout, ValueColumn


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

    rows = body_rows(raw, grid, parsed, origin, header_count, value_columns, skip=set(corner_rows))
    columns = _mark_ratio_columns(columns, rows)
    dropped = [r for r in range(header_count) if is_garbled_header(grid[r])]
    if dropped:
        warnings.append(f"ignored {len(dropped)} unreadable header line(s) in '{raw.title or 'untitled table'}'")
    corner_source = raw.rows[corner_rows[0]][0].source if corner_rows and raw.rows[corner_rows[0]] else None
    layout = TableLayout(raw, columns, rows, header_count, warnings=warnings, corner_lines=corner_lines, corner_source=corner_source)
    flag_heading_debris(layout)
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
    "715 | 16%"), or one headed "% of sales", holds ratios to a base, not amounts. Where its own
    header dates it ("Three Months Ended August 4, 2023 % Sales"), the ratios are of that period;
    otherwise the column names no period."""
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
            header = column.header if period and not column.header.unresolved else HeaderPeriod(ColumnKind.OTHER, percent=True)
            marked.append(ValueColumn(column.grid_index, column.label, column.unit_text or "%", header, column.source, ratio=True))
        else:
            marked.append(column)
    return marked


_RATIO_HEADER_RE = re.compile(r"%\s*(?:of\s+)?(?:net\s+)?(?:sales|revenues?|total)\b|\bpercent(?:age)?\s+of\b|\bas\s+a\s+%", re.IGNORECASE)
