"""Text dumps that put every table cell on a line of its own (HTML-to-text converters).

Such a dump keeps no rows: "Net revenue", "$", "388,949", "$", "358,091", "Cost of sales",
"(278,610", ")" follow each other line by line, sometimes with a "|" before each cell or on a
line between cells. The rows are rebuilt from what the cells say: a row is a label followed by
its figures; a table is a run of rows; its column headers are the cells printed above the first
row, cut into as many header lines as fit the table's value columns ("Three Months Ended",
"Nine Months Ended" over "September 30," twice over "2022 2021 % change 2022 2021 % change").
Sign and unit cells ("$", ")", "%") join the figure they belong to, and a footnote mark printed
on its own line after a label ("(1)") is part of the label, not a figure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from model.raw import RawCell, RawTable, SourceRef
from model.readers.cell_headers import HeaderLayer, header_layers, is_header_cell, is_year

_AMOUNT = r"\$?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\$?\s?\.\d+"
_FIGURE_RE = re.compile(
    rf"^(?:[△▲]\s?)?[-–−+]?\(?\s?(?:{_AMOUNT})\s?\)?\s?%?\)?(?:\s?(?:bps|bp|pts?|pp|x))?$"
    r"|^[-–—−―]{1,3}%?$",
    re.IGNORECASE,
)
_WORDED_CHANGE_RE = re.compile(
    r"^(?:up|down|increased?|decreased?|higher|lower|improved|declined)\s+(?:by\s+)?\$?\d[\d,.]*\s*"
    r"(?:%|percent|bps|bp|basis\s+points?|pts?|points?|pp|percentage\s+points?)?$"
    r"|^(?:n/?m|n/?a|nm|na|flat|no\s+change|unch(?:anged)?)$",
    re.IGNORECASE,
)
_FOOTNOTE_RE = re.compile(r"^(?:\(\s?(?:\d{1,2}|[a-z])\s?\)|\*{1,3}|[†‡§])$", re.IGNORECASE)
_JOINS_BEFORE = frozenset({")", "%", "%)", ")%", "pts", "bps", "pp"})
_CURRENCY = frozenset({"$", "US$", "€", "£", "¥"})
_SEPARATOR_RE = re.compile(r"^\s*\|\s*")
_MIN_TABLE_ROWS = 2
_CONTEXT_LINES = 4


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    line: int  # 1-based


@dataclass
class Row:
    label: Cell
    figures: list[Cell]


def looks_like_cell_lines(lines: list[str]) -> bool:
    """Many lines that hold a lone figure, and almost none that hold a label and figures."""
    cells = _cells(lines)
    if len(cells) < 20:
        return False
    lone = sum(1 for cell in cells if _is_figure(cell.text))
    # "(?:\.\d*)?", not "\.?\d*": the two would share a run of digits, and a long one made the search hang
    rows_on_one_line = sum(1 for line in lines if re.search(r"[A-Za-z].*\s\(?\$?\d[\d,]*(?:\.\d*)?\)?\s+\(?\$?\d", line))
    return lone >= 10 and lone / len(cells) > 0.3 and rows_on_one_line < lone / 4


def prose_lines(lines: list[str]) -> list[str]:
    """The document's text with the cell separators gone."""
    return [cell.text for cell in _cells(lines)]


def find_tables(lines: list[str], file_name: str) -> list[RawTable]:
    cells = _join_sign_cells(_cells(lines))
    tables: list[RawTable] = []
    previous_end = 0
    for start, end in _table_spans(cells):
        table = _build_table(cells, previous_end, start, end, file_name, len(tables))
        if table is not None:
            tables.append(table)
        previous_end = end
    return tables


# --- cells ---------------------------------------------------------------------------------


def _cells(lines: list[str]) -> list[Cell]:
    cells = []
    for number, raw in enumerate(lines, 1):
        text = " ".join(_SEPARATOR_RE.sub("", raw).split()).rstrip("|").strip()
        if text:
            cells.append(Cell(text, number))
    return cells


def _is_figure(text: str) -> bool:
    return bool(_FIGURE_RE.match(text) or _WORDED_CHANGE_RE.match(text))


def _join_sign_cells(cells: list[Cell]) -> list[Cell]:
    """"$" cells go; ")" and "%" join the figure before them: "(278,610" + ")" is one figure."""
    joined: list[Cell] = []
    for cell in cells:
        if cell.text in _CURRENCY:
            continue
        if cell.text.lower() in _JOINS_BEFORE and joined and _is_figure(joined[-1].text + cell.text):
            joined[-1] = Cell(f"{joined[-1].text}{cell.text}" if cell.text in (")", "%", "%)", ")%") else f"{joined[-1].text} {cell.text}", joined[-1].line)
            continue
        joined.append(cell)
    return joined


def _kind(cells: list[Cell], index: int) -> str:
    """'figure', 'header' (a column heading or a year over the columns) or 'text'."""
    text = cells[index].text
    if is_year(text) and _in_header(cells, index):
        return "header"
    if _is_figure(text):
        return "figure"
    return "header" if is_header_cell(text) else "text"


def _in_header(cells: list[Cell], index: int) -> bool:
    """A bare year is a column heading when it follows other headings, not a label."""
    back = index - 1
    while back >= 0 and is_year(cells[back].text):
        back -= 1
    return back >= 0 and (is_header_cell(cells[back].text) or back < index - 1) and not _is_figure(cells[back].text)


# --- tables --------------------------------------------------------------------------------


def _table_spans(cells: list[Cell]) -> list[tuple[int, int]]:
    """(first body cell, end) of each run of rows: a label followed by figures, with section
    labels between; two cells of headings in a row close the run (the next table's headers)."""
    kinds = [_kind(cells, index) for index in range(len(cells))]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(cells):
        if not (kinds[index] == "text" and index + 1 < len(cells) and kinds[index + 1] == "figure"):
            index += 1
            continue
        start = _with_section_labels(kinds, index)
        end = index
        cursor = index
        while cursor < len(cells):
            if kinds[cursor] == "figure":
                end = cursor + 1
            elif kinds[cursor] == "header" and cursor + 1 < len(cells) and kinds[cursor + 1] == "header":
                break
            elif kinds[cursor] != "text" and kinds[cursor] != "header":
                break
            elif _label_run(kinds, cursor) > 3:
                break  # prose, or the next table's title and captions
            cursor += 1
        spans.append((start, end))
        index = max(end, index + 1)
    return spans


def _with_section_labels(kinds: list[str], start: int) -> int:
    """Section labels ("Selected financial highlights:") printed between the headers and the first
    row belong to the table's rows."""
    back = start
    while back > 0 and kinds[back - 1] == "text" and start - back < 3:
        back -= 1
    return back if back > 0 and kinds[back - 1] == "header" else start


def _label_run(kinds: list[str], index: int) -> int:
    run = 0
    while index + run < len(kinds) and kinds[index + run] != "figure":
        run += 1
    return run


def _rows(cells: list[Cell], start: int, end: int) -> list[Row]:
    rows: list[Row] = []
    for cell in cells[start:end]:
        if _is_figure(cell.text) and rows:
            rows[-1].figures.append(cell)
        elif not _is_figure(cell.text):
            rows.append(Row(cell, []))
    return rows


def _with_footnotes_in_labels(rows: list[Row], width: int) -> list[Row]:
    """A "(1)" right after a label, on a row with one figure too many, is the label's footnote."""
    for row in rows:
        if len(row.figures) > width and _FOOTNOTE_RE.match(row.figures[0].text):
            mark = row.figures.pop(0)
            row.label = Cell(f"{row.label.text} {mark.text}", row.label.line)
    return rows


def _build_table(cells: list[Cell], previous_end: int, start: int, end: int, file_name: str, number: int) -> RawTable | None:
    rows = _rows(cells, start, end)
    counts = [len(row.figures) for row in rows if row.figures]
    if len(counts) < _MIN_TABLE_ROWS:
        return None
    rows = _with_footnotes_in_labels(rows, Counter(counts).most_common(1)[0][0])
    counts = Counter(len(row.figures) for row in rows if row.figures)
    width = max(count for count, times in counts.items() if times >= 2 or count == max(counts, key=counts.__getitem__))
    above = cells[previous_end:start]
    layers, header_cells = header_layers([cell.text for cell in above], width)
    header_start = len(above) - header_cells
    title, context = _title_and_context(above[:header_start])
    raw_rows = [_header_row(layer, above[header_start:], file_name, width) for layer in layers]
    for row in rows:
        values = [RawCell(figure.text, SourceRef(file_name, line=figure.line, column=col)) for col, figure in enumerate(row.figures, 1)]
        values += [RawCell("", SourceRef(file_name, line=row.label.line, column=col)) for col in range(len(values) + 1, width + 1)]
        raw_rows.append([RawCell(row.label.text, SourceRef(file_name, line=row.label.line, column=0)), *values])
    first_line = (above[header_start] if header_start < len(above) else cells[start]).line
    return RawTable(rows=raw_rows, title=title, source=SourceRef(file_name, line=first_line), context=context, index=number)


def _header_row(layer: HeaderLayer, header: list[Cell], file_name: str, width: int) -> list[RawCell]:
    line_of = {index: header[index].line for index in range(len(header))}
    cells = [RawCell("", SourceRef(file_name, line=line_of.get(layer.first), column=0))]
    for column in range(width):
        position = layer.first + column * len(layer.texts) // width
        cells.append(RawCell(layer.texts[column * len(layer.texts) // width], SourceRef(file_name, line=line_of.get(position), column=column + 1)))
    return cells


def _title_and_context(above: list[Cell]) -> tuple[str, tuple[str, ...]]:
    """The nearest heading-like cell above the headers, and the captions between."""
    context: list[str] = []
    for cell in reversed(above[-12:]):
        text = cell.text
        if _is_figure(text) or len(text) > 160:
            break
        if _looks_like_title(text):
            return text, tuple(reversed(context[:_CONTEXT_LINES]))
        context.append(text)
    return "", tuple(reversed(context[:_CONTEXT_LINES]))


def _looks_like_title(text: str) -> bool:
    if text.startswith("(") or text.endswith((".", ",", ";")) or is_header_cell(text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 4:
        return False
    if sum(ch.isupper() for ch in letters) / len(letters) > 0.8:
        return True
    words = [word for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if len(word) > 3]
    return bool(words) and sum(word[0].isupper() for word in words) / len(words) >= 0.6 and len(text) <= 90
