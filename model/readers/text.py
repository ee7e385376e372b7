"""Text conversions of filings: tab-separated table blocks and markdown pipe tables.

Plain-text dumps whose tables are only runs of spaces are handed to ``layout_text``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from model.errors import FilingError
from model.interpretation.japanese_dates import has_kana_or_kanji
from model.raw import RawCell, RawDocument, RawTable, SourceRef
from model.readers import ProgressCallback
from model.readers.encoding import Decoded, decode_bytes
from model.readers.japanese_text import is_japanese_heading

_PIPE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_TAG_RE = re.compile(r"<[^>]+>")
_PAGE_MARKER_RE = re.compile(
    r"^\s*(?:-\s*\d+\s*-|=+\s*page\s*\d+\s*=+|page\s+\d+(?:\s+of\s+\d+)?|\d{1,3}|.{0,60}\|\s*\d{1,3})\s*$",
    re.IGNORECASE,
)
_CAPTION_RE = re.compile(r"^\(.*\)$|^\((?:in|amounts in|unit)\b", re.IGNORECASE)
_NOTE_RE = re.compile(r"^\(?\s*notes?\s*\d*\s*\)|^notes?\s*\d*\s*:", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.;:]\s*$")
_TITLE_WORD_RE = re.compile(
    r"statements?|balance|income|operations|cash flows?|results|summary|breakdown|revenues?|segment|highlights|"
    r"position|earnings|dividends?|forecasts?|targets?|reconciliation|ebitda|capex|financial|consolidated|loss|"
    r"equity|assets|information|guidance|outlook|metrics|data|contracts|subscriptions?",
    re.IGNORECASE,
)


def read(path: Path, progress: ProgressCallback | None = None) -> RawDocument:
    decoded = _decode(path)
    lines = decoded.text.splitlines()
    if progress:
        progress(0.2, "finding tables")
    html_tables: list[RawTable] = []
    if any("<table" in line.lower() for line in lines):
        from model.readers import markdown_html  # lxml only for markdown that holds HTML tables

        html_tables = markdown_html.find_html_tables(lines, path.name, clean_line)
        lines = markdown_html.without_blocks(lines, markdown_html.table_blocks(lines))  # their cells are no prose
    tables = _in_reading_order(html_tables + find_tables(lines, path.name))
    prose = lines
    if _prefers_cell_lines_reader(lines, tables):
        from model.readers import cell_lines

        tables = cell_lines.find_tables(lines, path.name)
        prose = cell_lines.prose_lines(lines)
    elif _prefers_layout_reader(lines, tables):
        from model.readers import layout_lines, layout_text

        tables = layout_text.find_tables(lines, path.name)
        ignored = layout_lines.ignored_line_indexes(lines)
        prose = [line for index, line in enumerate(lines) if index not in ignored]
    if progress:
        progress(1.0, "tables found")
    return RawDocument(
        file_name=path.name,
        path=str(path),
        format="markdown" if path.suffix.lower() in (".md", ".markdown") else "text",
        tables=tables,
        text_lines=[clean_line(line) for line in prose],
        warnings=[decoded.warning] if decoded.warning else [],
    )


def _decode(path: Path) -> Decoded:
    decoded = decode_bytes(path.read_bytes())
    if decoded is None:
        raise FilingError(path, "not a text file: its bytes are not UTF-8, Japanese (EUC-JP, Shift-JIS) or Windows text")
    return decoded


def _in_reading_order(tables: list[RawTable]) -> list[RawTable]:
    ordered = sorted(tables, key=lambda table: table.source.line or 0)
    for index, table in enumerate(ordered):
        table.index = index
    return ordered


def _prefers_cell_lines_reader(lines: list[str], tables: list[RawTable]) -> bool:
    """A dump with every table cell on a line of its own (HTML-to-text converters)."""
    if tables:
        return False
    from model.readers import cell_lines

    return cell_lines.looks_like_cell_lines(lines)


def _prefers_layout_reader(lines: list[str], tables: list[RawTable]) -> bool:
    """A dump with no tab or pipe tables: its tables are columns of spaces."""
    return not tables and any(re.search(r"\d[\d,.)]*\s+[(△▲-]?\d", line) for line in lines)


def clean_line(line: str) -> str:
    """A line of prose without markdown and HTML markup."""
    line = _TAG_RE.sub(" ", line)
    line = html.unescape(line)
    line = re.sub(r"^\s*#+\s*", "", line)
    line = line.replace("**", "").replace("__", "")
    line = line.replace("\\*", "*")
    return " ".join(line.split())


def find_tables(lines: list[str], file_name: str) -> list[RawTable]:
    """Every tab-separated block and markdown pipe table, with title and context."""
    tables: list[RawTable] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if "\t" in line and line.strip():
            end = index
            while end < len(lines) and "\t" in lines[end] and lines[end].strip():
                end += 1
            tables.append(_tab_table(lines, index, end, file_name, len(tables)))
            index = end
        elif line.lstrip().startswith("|") and _joined_row(lines, index).count("|") >= 2 and not _starts_table_without_outer_pipes(lines, index):
            end = index
            while end < len(lines) and lines[end].lstrip().startswith("|"):
                end = _pipe_row_end(lines, end)
            table = _pipe_table(lines, index, end, file_name, len(tables))
            if table is not None:
                tables.append(table)
            index = end
        elif _starts_table_without_outer_pipes(lines, index):
            # GFM lets a table leave out its outer pipes: "Revenue | 1,234 | 1,100" under "--- | --- | ---"
            end = index
            while end < len(lines) and "|" in lines[end] and lines[end].strip():
                end += 1
            table = _pipe_table(lines, index, end, file_name, len(tables), one_line_rows=True)
            if table is not None:
                tables.append(table)
            index = end
        else:
            index += 1
    return tables


def _starts_table_without_outer_pipes(lines: list[str], index: int) -> bool:
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return "|" in line and "-" in following and "|" in following and not following.lstrip().startswith("|") and bool(_PIPE_SEPARATOR_RE.match(following))


def _joined_row(lines: list[str], start: int) -> str:
    return " ".join(line.strip() for line in lines[start : _pipe_row_end(lines, start)])


def _pipe_row_end(lines: list[str], start: int) -> int:
    """A converter may break one pipe row over several lines (a header cell holding line breaks):
    the row ends at the first line that closes with a pipe."""
    end = start
    while end < len(lines) and not lines[end].rstrip().endswith("|") and end + 1 < len(lines) and not lines[end + 1].lstrip().startswith("|"):
        end += 1
    return end + 1


def _tab_table(lines: list[str], start: int, end: int, file_name: str, number: int) -> RawTable:
    rows = []
    for line_index in range(start, end):
        cells = lines[line_index].rstrip("\n").split("\t")
        rows.append([RawCell(cell.strip(), SourceRef(file_name, line=line_index + 1, column=col)) for col, cell in enumerate(cells)])
    title, context = title_and_context(lines, start)
    return RawTable(
        rows=_pad(rows, file_name),
        title=title,
        source=SourceRef(file_name, line=start + 1),
        context=context,
        index=number,
    )


def _pipe_table(lines: list[str], start: int, end: int, file_name: str, number: int, one_line_rows: bool = False) -> RawTable | None:
    rows: list[list[RawCell]] = []
    line_index = start
    while line_index < end:
        row_end = line_index + 1 if one_line_rows else _pipe_row_end(lines, line_index)
        line = " ".join(lines[k].strip() for k in range(line_index, row_end))
        first_line = line_index
        line_index = row_end
        if _PIPE_SEPARATOR_RE.match(line):
            continue
        # without outer pipes, an empty first cell is the label column's, not decoration
        parts = line.split("|") if one_line_rows else line.strip().strip("|").split("|")
        cells = [RawCell(clean_line(part), SourceRef(file_name, line=first_line + 1, column=col)) for col, part in enumerate(parts)]
        if all(not cell.text for cell in cells):
            continue
        rows.append(cells)
    if not rows:
        return None
    rows = _compact_columns(_merge_sign_cells(_pad(rows, file_name)))
    if not rows or max(len(r) for r in rows) < 2:
        return None
    title, context = title_and_context(lines, start)
    return RawTable(
        rows=rows,
        title=title,
        source=SourceRef(file_name, line=start + 1),
        context=context,
        index=number,
        ragged=True,
    )


def _pad(rows: list[list[RawCell]], file_name: str) -> list[list[RawCell]]:
    width = max(len(row) for row in rows)
    padded = []
    for row in rows:
        line = row[0].source.line if row else None
        padded.append(row + [RawCell("", SourceRef(file_name, line=line, column=col)) for col in range(len(row), width)])
    return padded


def _merge_sign_cells(rows: list[list[RawCell]]) -> list[list[RawCell]]:
    """Drop lone ``$`` cells and glue lone ``)`` / ``%`` / ``%)`` cells onto the value before them."""
    merged = []
    for row in rows:
        cells = list(row)
        for col, cell in enumerate(cells):
            text = cell.text
            if text in ("$", "US$", "¥", "€", "£"):
                cells[col] = RawCell("", cell.source)
            elif text in (")", "%", "%)", ")%") and col > 0:
                previous = next((k for k in range(col - 1, -1, -1) if cells[k].text), None)
                if previous is not None and previous > 0:
                    cells[previous] = RawCell(cells[previous].text + text, cells[previous].source)
                cells[col] = RawCell("", cell.source)
        merged.append(cells)
    return merged


def _compact_columns(rows: list[list[RawCell]]) -> list[list[RawCell]]:
    width = max(len(row) for row in rows)
    keep = [col for col in range(width) if col == 0 or any(row[col].text for row in rows)]
    return [[row[col] for col in keep] for row in rows]


def title_and_context(lines: list[str], start: int, reach: int = 12) -> tuple[str, tuple[str, ...]]:
    """The nearest heading above a table, and the caption lines between it and the table."""
    context: list[str] = []
    seen = 0
    cursor = start - 1
    while cursor >= 0 and seen < reach:
        raw = lines[cursor]
        cursor -= 1
        if "\t" in raw or raw.lstrip().startswith("|"):
            break  # the previous table: anything above belongs to it
        text = clean_line(raw)
        if not text:
            continue
        seen += 1
        if _PAGE_MARKER_RE.match(text) or _looks_garbled(text):
            continue
        if is_title_line(raw, text):
            if text.endswith(":") and len(text) < 40:
                parent, _ = title_and_context(lines, cursor + 1, reach=4)
                if parent:
                    text = f"{parent.rstrip(':')}: {text.rstrip(':')}"
            return text, tuple(reversed(context))
        context.append(text)
    return "", tuple(reversed(context))


def is_title_line(raw: str, text: str) -> bool:
    stripped = raw.strip()
    if has_kana_or_kanji(text):
        return is_japanese_heading(text.strip().strip("#* "))
    if _CAPTION_RE.match(text) or _NOTE_RE.match(text) or len(text) > 160:
        return False
    if stripped.startswith("#") or (stripped.startswith("**") and stripped.rstrip().endswith("**")):
        return True
    if "<div" in stripped.lower() and _TITLE_WORD_RE.search(text):
        return True
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.8 and len(text) > 6:
        return True
    if _SENTENCE_END_RE.search(text) and not text.endswith(")"):
        return False
    return bool(_TITLE_WORD_RE.search(text)) and len(text) < 120 and not re.search(r"\d{1,3},\d{3}", text)


def _looks_garbled(text: str) -> bool:
    """OCR debris: mostly one- or two-letter fragments or words with misplaced capitals."""
    words = re.findall(r"[A-Za-z]+", text)
    if not words:
        return not re.search(r"\w", text)
    odd = sum(1 for word in words if len(word) > 2 and any(ch.isupper() for ch in word[1:]) and not word.isupper())
    return odd / len(words) > 0.5

