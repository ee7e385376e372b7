"""Plain-text dumps of PDFs: tables whose columns are only runs of spaces, often a single space.

A dump keeps no column geometry, so a table is rebuilt from what each line still says:

* a row is a label followed by a trailing run of number tokens ("Impairment losses 723 78,448");
* a table is a run of such rows, with section rows ("Extraordinary losses") and wrapped
  labels between them;
* its column headers are the lines above the first row, split into as many headers as the
  table has value columns (by the dates they end with, or by their capitalised words), with
  a units line ("Millions of yen % Millions of yen %") as a row of its own;
* its title is the nearest heading above, its context the caption lines in between.

Some dumps (pdftotext-style) write every cell followed by one space, so an empty cell shows
as an extra space; where a row has fewer numbers than the table has columns, those extra
spaces say which cells are empty.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from model.raw import RawCell, RawTable, SourceRef
from model.readers.layout_groups import grouped_header_lines, repeats_per_group
from model.readers.layout_headers import HeaderCell, build_header_rows, header_region
from model.readers.layout_lines import Line, LineKind, SplitLine, classify_lines, ends_run, is_amount
from model.readers.layout_titles import title_and_context

_FOOTNOTE_VALUE_RE = re.compile(r"^\([1-9]\)$")
_CONNECTOR_WORDS = frozenset(
    {"of", "and", "to", "for", "from", "in", "on", "by", "with", "the", "ended", "ending", "due", "than", "at", "or"}
)
_HEADER_REACH = 30
_MAX_TEXT_LINES_IN_RUN = 6


@dataclass(frozen=True, slots=True)
class BodyRow:
    label: str
    label_line: int
    values: tuple[str, ...]
    value_line: int


def find_tables(lines: list[str], file_name: str) -> list[RawTable]:
    """Every run of number rows in a text dump, as a table with headers, title and context."""
    classified = classify_lines(lines)
    tables: list[RawTable] = []
    previous_title = ""
    for start, end in find_runs(classified):
        table = build_table(classified, start, end, file_name, len(tables), previous_title)
        if table is not None:
            tables.append(table)
            previous_title = table.title
    return tables


def find_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """Index ranges (first and last data line) of runs of number rows with short text lines between."""
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if lines[index].kind is not LineKind.DATA:
            index += 1
            continue
        start = last_data = index
        text_lines = 0
        cursor = index + 1
        while cursor < len(lines):
            line = lines[cursor]
            if line.kind is LineKind.DATA:
                last_data, text_lines = cursor, 0
            elif line.kind is LineKind.TEXT:
                text_lines += 1
                if text_lines > _MAX_TEXT_LINES_IN_RUN or ends_run(line.text) or repeats_per_group(line.text):
                    break
            elif line.kind is LineKind.BLANK:
                break
            cursor += 1
        runs.append((start, last_data))
        index = last_data + 1
    return runs


def build_table(
    lines: list[Line], start: int, end: int, file_name: str, number: int, previous_title: str
) -> RawTable | None:
    entries = [line for line in lines[start : end + 1] if line.kind in (LineKind.DATA, LineKind.TEXT)]
    data = relabel_footnote_values([line for line in entries if line.kind is LineKind.DATA])
    if sum(1 for line in data if any(is_amount(value) for value in line.split.values)) < 2:
        return None  # a lone figure ("Code number: 6920") or dashes do not make a table
    split_of = {line.number: line.split for line in data}
    width = max(len(split.values) for split in split_of.values())

    above = lines_above(lines, start)
    first_label_count = count_continuation_lines(above, split_of[entries[0].number].label)
    first_label_lines = above[len(above) - first_label_count :]
    above = above[: len(above) - first_label_count]
    section_count = count_section_lines(above, width)
    section_lines = above[len(above) - section_count :] if section_count else []
    region = header_region(above[: len(above) - section_count])
    header_rows, used = build_header_rows(region, width)
    if not header_rows:
        grouped, used = grouped_header_lines(region, width)  # one phrase per group of columns
        header_rows = [[HeaderCell("", None), *(HeaderCell(text, line) for text, line in row)] for row in grouped]

    sections = [BodyRow(line.text, line.number, ("",) * width, line.number) for line in section_lines]
    body = sections + body_rows(first_label_lines, entries, split_of, width)
    topmost = (region[len(region) - used :] + section_lines + first_label_lines + entries)[0]
    title, context = title_and_context(lines, topmost.number - 1, previous_title)
    return _raw_table(header_rows, body, title, context, file_name, number)


def relabel_footnote_values(data: list[Line]) -> list[Line]:
    """A "(1)" right after a label, on a row with more numbers than the others, is a footnote mark."""
    if not data:
        return data
    usual = Counter(len(line.split.values) for line in data).most_common(1)[0][0]
    fixed = []
    for line in data:
        split = line.split
        values = split.values
        if len(values) > usual and _FOOTNOTE_VALUE_RE.match(values[0]):
            first = split.slots.index(values[0])
            split = SplitLine(f"{split.label} {values[0]}".strip(), split.slots[first + 1 :])
        fixed.append(Line(line.number, line.text, line.kind, split))
    return fixed


def lines_above(lines: list[Line], start: int) -> list[Line]:
    """Text lines above a run, nearest last, up to a blank line or another table; page furniture skipped."""
    collected: list[Line] = []
    cursor = start - 1
    while cursor >= 0 and len(collected) < _HEADER_REACH:
        line = lines[cursor]
        cursor -= 1
        if line.kind is LineKind.IGNORED:
            continue
        if line.kind is not LineKind.TEXT:
            break
        collected.append(line)
    collected.reverse()
    return collected


def continues_into(previous: Line, label: str) -> bool:
    """Whether ``label`` goes on from the line above: a wrapped row label."""
    if ends_run(previous.text):
        return False
    if not label or label[0].islower():
        return True
    if previous.split.slots:
        return False  # a row printed with its empty cells is complete: a section row
    last_word = previous.text.rsplit(" ", 1)[-1].lower()
    return previous.text.endswith(("-", ",")) or last_word in _CONNECTOR_WORDS


def count_continuation_lines(pending: list[Line], label: str) -> int:
    """How many of the lines just above a row (nearest last) belong to its label."""
    count = 0
    while count < len(pending) and continues_into(pending[len(pending) - 1 - count], label):
        label = pending[len(pending) - 1 - count].text
        count += 1
    return count


def count_section_lines(above: list[Line], width: int) -> int:
    """Section rows printed with their empty cells ("Assets   ") right above the first row."""
    count = 0
    while count < len(above):
        line = above[len(above) - 1 - count]
        if len(line.split.slots) != width or line.split.values:
            break
        count += 1
    return count


def join_label(parts: list[str]) -> str:
    """Wrapped label lines as one label; "non-" + "controlling" -> "non-controlling"."""
    label = ""
    for part in parts:
        if not part:
            continue
        if label.endswith("-") and part[0].islower():
            label += part
        else:
            label = f"{label} {part}".strip()
    return label


def align_values(split: SplitLine, width: int) -> tuple[str, ...]:
    """The row's values placed in the table's columns."""
    values = split.values
    if len(values) == width:
        return values
    if len(split.slots) == width:
        return split.slots  # the dump's empty cells say where the missing values are
    return values + ("",) * (width - len(values))


def body_rows(
    first_label_lines: list[Line], entries: list[Line], split_of: dict[int, SplitLine], width: int
) -> list[BodyRow]:
    """Rows of the run: section rows, and number rows with their wrapped labels joined."""
    rows: list[BodyRow] = []
    pending: list[Line] = list(first_label_lines)
    first_row = True
    for entry in entries:
        if entry.kind is LineKind.TEXT:
            pending.append(entry)
            continue
        split = split_of[entry.number]
        absorbed = len(pending) if first_row else count_continuation_lines(pending, split.label)
        sections, label_lines = pending[: len(pending) - absorbed], pending[len(pending) - absorbed :]
        rows.extend(BodyRow(line.text, line.number, ("",) * width, line.number) for line in sections)
        label = join_label([line.text for line in label_lines] + [split.label])
        label_line = label_lines[0].number if label_lines else entry.number
        rows.append(BodyRow(label, label_line, align_values(split, width), entry.number))
        pending = []
        first_row = False
    return rows


def _raw_table(
    header_rows: list[list[HeaderCell]],
    body: list[BodyRow],
    title: str,
    context: tuple[str, ...],
    file_name: str,
    number: int,
) -> RawTable:
    rows: list[list[RawCell]] = []
    for header in header_rows:
        row_line = next((cell.line for cell in header if cell.line is not None), None)
        rows.append(
            [RawCell(cell.text, SourceRef(file_name, line=cell.line or row_line, column=col)) for col, cell in enumerate(header)]
        )
    for row in body:
        cells = [RawCell(row.label, SourceRef(file_name, line=row.label_line, column=0))]
        cells += [RawCell(value, SourceRef(file_name, line=row.value_line, column=col)) for col, value in enumerate(row.values, 1)]
        rows.append(cells)
    first_line = next((cell.source.line for row in rows for cell in row if cell.source.line is not None), None)
    return RawTable(
        rows=rows,
        title=title,
        source=SourceRef(file_name, line=first_line),
        context=context,
        index=number,
    )
