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

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from model.raw import RawCell, RawTable, SourceRef
from model.readers.layout_groups import grouped_header_lines, repeats_per_group

_AMOUNT = r"[¥$]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_VALUE_TOKEN_RE = re.compile(
    rf"^(?:[△▲]?[-+]?{_AMOUNT}%?"  # 1,234  △16,065  -12.5  7.4  35%  $0.96
    rf"|\({_AMOUNT}\)%?|\({_AMOUNT}%\)"  # (4.6)  (1,234)  ($479)  (4.6)%  (4.6%)
    r"|[－\-–—―]{1,2})$"  # nil cells: －, -, --, –, —
)
_NEGATIVE_MARKS = frozenset({"△", "▲"})
_CURRENCY_TOKENS = frozenset({"$", "¥", "US$"})
_FOOTNOTE_VALUE_RE = re.compile(r"^\([1-9]\)$")
_YEAR_TOKEN_RE = re.compile(r"^\(?(?:19|20)\d{2}\)?[,;]?$")
_DAY_TOKEN_RE = re.compile(r"^\(?\d{1,2},$")
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_RANGE_WORDS = frozenset({"thru", "through", "to", "-", "–", "~", "and", "from"})
_CONNECTOR_WORDS = frozenset(
    {"of", "and", "to", "for", "from", "in", "on", "by", "with", "the", "ended", "ending", "due", "than", "at", "or"}
)
_PAGE_MARKER_RE = re.compile(r"^\s*(?:-\s*\d{1,3}\s*-|=+\s*page\s*\d+\s*=+|page\s+\d+(?:\s+of\s+\d+)?)\s*$", re.I)
_PAGE_NUMBER_RE = re.compile(r"^\d{1,3}\s*$")  # only unindented: an indented lone number is a wrapped value
_ANNOTATION_RE = re.compile(r"^\s*(?:#|\[note\b|source\b[^:]{0,40}:)", re.I)
_NUMBERED_HEADING_RE = re.compile(r"^(?:\d{1,2}\.|\(\d{1,2}\)|\([ivx]{1,4}\)|[①-⑳]|[IVX]{1,4}\.)\s*[A-Za-z(\[]")
_STATEMENT_WORDS_RE = re.compile(r"\b(?:statements?|balance sheets?)\b", re.I)
_PROSE_NUMBER_RE = re.compile(r"[¥$]\s?\d|\d%|\(\$")
_MONEY_TEXT_RE = re.compile(r"[¥$%]|\d,\d{3}")
_CAPTION_WORDS_RE = re.compile(
    r"millions?|billions?|thousands?|\byen\b|dollars|%|percent|\bunits?\b|\bmonths?\b|\byears?\b|"
    r"year-on-year|\bperiods?\b|\bquarters?\b|\bended\b|\bending\b|\bthru\b",
    re.I,
)
_LEADER_RE = re.compile(r"[·.…]{4,}")
_UNIT_SUFFIX_RE = re.compile(
    r"(?:^|\s)((?:millions?|billions?|thousands?) of (?:yen|u\.?s\.? dollars|dollars|shares)"
    r"|(?:millions?|billions?|thousands?) (?:yen|shares|dollars)|yen|%|us\$|\$|shares|times)\s*$",
    re.I,
)
_FISCAL_LABEL_RE = re.compile(r"^(?:\d[QH]\d{2}|FY\d{2,4})\b")
_HEADER_REACH = 30
_TITLE_REACH = 40
_CONTEXT_LINES = 6
_MAX_TEXT_LINES_IN_RUN = 6
_MAX_LABEL_LENGTH = 120


class LineKind(Enum):
    BLANK = "blank"
    IGNORED = "ignored"  # page markers, running page headers, repository notes above the document
    DATA = "data"  # a label and at least one number
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class SplitLine:
    """A line cut into its label and the value cells printed after it.

    ``slots`` keeps an empty string where the dump wrote an empty cell as an extra space.
    """

    label: str
    slots: tuple[str, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(slot for slot in self.slots if slot)


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based, as an editor shows it
    text: str  # whitespace collapsed
    kind: LineKind
    split: SplitLine


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    line: int | None


@dataclass(frozen=True, slots=True)
class BodyRow:
    label: str
    label_line: int
    values: tuple[str, ...]
    value_line: int


@dataclass(frozen=True, slots=True)
class UnitBlock:
    start: int  # index of the first header line the units are printed on
    label_header: HeaderCell | None  # text printed before the units, over the row labels
    units: tuple[HeaderCell, ...]


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


# --- lines ---------------------------------------------------------------------------------


def classify_lines(lines: list[str]) -> list[Line]:
    ignored = ignored_line_indexes(lines)
    classified = []
    for index, raw in enumerate(lines):
        text = " ".join(raw.split())
        split = split_values(raw)
        if index in ignored:
            kind = LineKind.IGNORED
        elif not text:
            kind = LineKind.BLANK
        elif is_data_row(split):
            kind = LineKind.DATA
        else:
            kind = LineKind.TEXT
        classified.append(Line(index + 1, text, kind, split))
    return classified


def ignored_line_indexes(lines: list[str]) -> set[int]:
    """Lines that are not part of the document's content: page markers, running headers, notes on top."""
    markers = {index for index, line in enumerate(lines) if is_page_marker(line)}
    ignored = set(markers) | annotation_indexes(lines)
    near_markers = {index for marker in markers for index in range(marker - 3, marker + 4)}
    near_marker: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    for index, line in enumerate(lines):
        text = " ".join(line.split())
        if text and index not in markers:
            occurrences[text] += 1
            if index in near_markers:
                near_marker[text] += 1
    running = {text for text, count in near_marker.items() if count >= 3 and count == occurrences[text]}
    ignored |= {index for index, line in enumerate(lines) if " ".join(line.split()) in running}
    return ignored


def is_page_marker(line: str) -> bool:
    return bool(_PAGE_MARKER_RE.match(line) or _PAGE_NUMBER_RE.match(line))


def annotation_indexes(lines: list[str]) -> set[int]:
    """Notes a repository put above the document ("# source label", "[NOTE: ...]", "Source: ...")."""
    head = lines[:10]
    first_page = next((index for index, line in enumerate(head) if _PAGE_MARKER_RE.match(line)), None)
    if first_page is not None and any(_ANNOTATION_RE.match(line) for line in head[:first_page]):
        return set(range(first_page))
    notes = set()
    for index, line in enumerate(head):
        if not line.strip():
            continue
        if not _ANNOTATION_RE.match(line):
            break
        notes.add(index)
    return notes


def split_values(raw: str) -> SplitLine:
    """The trailing run of number tokens of a line, and the label before it."""
    text = raw.rstrip("\r\n")
    if text.endswith(" "):
        text = text[:-1]  # every cell of the dump is followed by one space, the last one too
    tokens = text.split(" ")
    slots: list[str] = []
    index = len(tokens) - 1
    while index >= 0:
        token = tokens[index]
        if token == "":
            slots.append("")
        elif _VALUE_TOKEN_RE.match(token) and not ends_label(tokens, index):
            if index > 0 and tokens[index - 1] in _NEGATIVE_MARKS:
                index -= 1
                token = tokens[index] + token  # "△ 1,234" is one value
            elif index > 0 and tokens[index - 1] in _CURRENCY_TOKENS:
                index -= 1  # a lone "$" before its number says nothing the unit line does not
            slots.append(token)
        else:
            break
        index -= 1
    label = " ".join(" ".join(tokens[: index + 1]).split())
    slots.reverse()
    return SplitLine(label, tuple(slots))


def ends_label(tokens: list[str], index: int) -> bool:
    """A number token that belongs to the label: the year of a date ("March 31, 2026") or a note number."""
    token = tokens[index]
    before = tokens[index - 1].lower() if index > 0 else ""
    if _YEAR_TOKEN_RE.match(token) and (_DAY_TOKEN_RE.match(before) or before.strip("(") in _MONTHS):
        return True
    return token.isdigit() and len(token) <= 2 and before.rstrip(".") in ("note", "notes", "no")


def is_data_row(split: SplitLine) -> bool:
    values = split.values
    if not values or len(split.label) > _MAX_LABEL_LENGTH or is_sentence(split.label):
        return False
    if _PROSE_NUMBER_RE.search(split.label):
        return False  # "Operating Loss of ($479) million; EPS of ($0.25)" is a sentence, not a row
    if _LEADER_RE.search(split.label):
        return False  # a contents entry: "(1) Consolidated balance sheet ········ 3"
    return not all(_YEAR_TOKEN_RE.match(value) for value in values)  # "2025 2024" is a header line


def _is_amount(token: str) -> bool:
    return any(ch.isdigit() for ch in token)


def is_caption(text: str) -> bool:
    """A units or period note printed with a table: "(Millions of yen)", "Unit: Billions of yen".

    A parenthesised line with a date is a column header ("(June 30, 2025)"); one without
    units or periods is a heading ("(Revenue recognition)").
    """
    if re.match(r"^unit\s*:", text, re.I):
        return True
    return is_parenthesised(text) and not has_year(text) and bool(_CAPTION_WORDS_RE.search(text))


def is_parenthesised(text: str) -> bool:
    return text.startswith("(") and text.endswith(")")


def has_year(text: str) -> bool:
    return bool(re.search(r"\b(?:19|20)\d{2}\b", text))


def is_strong_title(text: str) -> bool:
    """A numbered heading or a statement name: "2. Consolidated Statements of Income"."""
    if len(text) > 160 or text.endswith("."):
        return False
    if _NUMBERED_HEADING_RE.match(text):
        return True
    if not text.lstrip("(")[:1].isupper():
        return False
    if is_parenthesised(text) and not has_year(text) and not _CAPTION_WORDS_RE.search(text):
        return True  # "(Revenue recognition)", "(Consolidated statement of income)"
    if " " not in text:
        return False
    return bool(_STATEMENT_WORDS_RE.search(text)) and len(text) <= 90 and not _MONEY_TEXT_RE.search(text)


def is_weak_title(text: str, isolated: bool) -> bool:
    """A short line of words that could be a heading.

    It must be in Title Case ("Second Quarter Financial Results") or stand alone between
    blank lines ("Net sales"): a sentence-case line right above column headers is a banner
    over them ("Accumulated other comprehensive income"), not the table's title.
    """
    if len(text) > 80 or not text[:1].isupper() or text.endswith((".", ",", ";", ":")):
        return False
    if _MONEY_TEXT_RE.search(text) or is_caption(text) or re.match(r"^(?:note|\(note\))\b", text, re.I):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    if len([word for word in words if len(word) >= 3]) < 2:
        return False
    long_words = [word for word in words if len(word) > 3]
    title_case = bool(long_words) and sum(word[0].isupper() for word in long_words) / len(long_words) >= 0.6
    return title_case or isolated


def is_isolated(lines: list[Line], index: int) -> bool:
    """A line on its own: no text line directly above, a blank line (or the end) below."""
    above = index == 0 or lines[index - 1].kind is not LineKind.TEXT
    below = index + 1 >= len(lines) or lines[index + 1].kind is LineKind.BLANK
    return above and below


def ends_run(text: str) -> bool:
    """A text line that cannot sit between the rows of one table."""
    return is_strong_title(text) or is_caption(text) or is_prose(text)


def is_prose(text: str) -> bool:
    return len(text) > 100 or is_sentence(text)


def is_sentence(text: str) -> bool:
    return text.endswith(".") and len(text.split()) > 5


# --- runs of rows --------------------------------------------------------------------------


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
    if sum(1 for line in data if any(_is_amount(value) for value in line.split.values)) < 2:
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


# --- headers -------------------------------------------------------------------------------


def header_region(above: list[Line]) -> list[Line]:
    """The lines that can be column headers: those above the first row up to a caption or a heading."""
    region: list[Line] = []
    for line in reversed(above):
        if ends_run(line.text):
            break
        region.append(line)
    region.reverse()
    return region


def line_tokens(lines: list[Line]) -> list[Token]:
    """Words of header lines; a word hyphenated across a line break is joined again."""
    tokens: list[Token] = []
    for line in lines:
        words = line.text.split()
        if tokens and words and tokens[-1].text.endswith("-") and words[0][0].islower():
            tokens[-1] = Token(tokens[-1].text + words[0], tokens[-1].line)
            words = words[1:]
        tokens.extend(Token(word, line.number) for word in words)
    return tokens


def split_after_dates(tokens: list[Token]) -> list[list[Token]]:
    """Headers that each end with a date: "Fiscal year ended March 31, 2025 Fiscal year ended ..."."""
    segments: list[list[Token]] = []
    current: list[Token] = []
    for index, token in enumerate(tokens):
        current.append(token)
        before = tokens[index - 1].text.lower() if index > 0 else ""
        is_date_end = _YEAR_TOKEN_RE.match(token.text) and (_DAY_TOKEN_RE.match(before) or before.strip("(") in _MONTHS)
        following = tokens[index + 1].text.lower() if index + 1 < len(tokens) else None
        if is_date_end and following not in _RANGE_WORDS:
            segments.append(current)
            current = []
    if current:
        segments.append(current)
    return segments


def split_at_capitals(tokens: list[Token]) -> list[list[Token]]:
    """Headers that each start with a capital: "Net sales Operating profit Ordinary profit"."""
    segments: list[list[Token]] = []
    depth = 0
    for token in tokens:
        starts = depth == 0 and (token.text[:1].isupper() or bool(_FISCAL_LABEL_RE.match(token.text)))
        if starts or not segments:
            segments.append([])
        segments[-1].append(token)
        depth = max(0, depth + token.text.count("(") - token.text.count(")"))
    return segments


def split_headers(lines: list[Line], count: int) -> list[HeaderCell] | None:
    tokens = line_tokens(lines)
    if not tokens:
        return None
    for splitter in (split_after_dates, split_at_capitals):
        segments = splitter(tokens)
        if len(segments) == count:
            return [HeaderCell(" ".join(t.text for t in segment), segment[0].line) for segment in segments]
    return None


def find_unit_block(region: list[Line], width: int) -> UnitBlock | None:
    """The bottom header lines that end in one unit per value column, possibly wrapped over lines."""
    for start in range(len(region) - 1, -1, -1):
        block = region[start:]
        line_starts = list(itertools.accumulate((len(line.text) + 1 for line in block[:-1]), initial=0))
        units: list[HeaderCell] = []
        text = " ".join(line.text for line in block)
        while match := _UNIT_SUFFIX_RE.search(text):
            printed_on = block[bisect.bisect_right(line_starts, match.start(1)) - 1].number
            units.append(HeaderCell(match.group(1), printed_on))
            text = text[: match.start()].rstrip()
        dangling = start > 0 and region[start - 1].text.endswith(" of")  # "Millions of" / "yen %" wrapped
        if len(units) == width and len(text) <= len(region[start].text) and not dangling:
            units.reverse()
            label = HeaderCell(text, region[start].number) if text else None
            return UnitBlock(start, label, tuple(units))
    return None


def unit_groups(units: tuple[HeaderCell, ...]) -> list[int]:
    """Column counts of amount-and-percentage groups: ["Millions of yen", "%"] is one group of two."""
    groups: list[int] = []
    for unit in units:
        if unit.text == "%" and groups:
            groups[-1] += 1
        else:
            groups.append(1)
    return groups


def build_header_rows(region: list[Line], width: int) -> tuple[list[list[HeaderCell]], int]:
    """Header rows (label cell first) and how many region lines, from the bottom, they used."""
    units = find_unit_block(region, width)
    above_units = region[: units.start] if units else region
    rows, banner_lines = header_banner(above_units, width, unit_groups(units.units) if units else None)
    if units:
        rows.append([units.label_header or HeaderCell("", None), *units.units])
    used = (len(region) - units.start if units else 0) + banner_lines
    return rows, used


def header_banner(lines: list[Line], width: int, groups: list[int] | None) -> tuple[list[list[HeaderCell]], int]:
    """The column header rows printed above the values (or the units line), and how many lines they take.

    One header per value column is tried first; then one per amount-and-percentage group;
    then one more than the columns, the first being the label column's own header
    ("Category Previous Current Year-on-year increase (%)"). The headers start at the top of
    the lines, or below a heading or a parenthesised period note at the top: cutting a
    header block anywhere else would split one column's wrapped header in two.
    """
    empty = HeaderCell("", None)
    sizes = [len(lines) - start for start in header_starts(lines)]
    for used in sizes:
        cells = split_headers(lines[len(lines) - used :], width)
        if cells:
            return [[empty, *cells]], used
    if groups and len(groups) != width:
        for used in sizes:
            cells = split_headers(lines[len(lines) - used :], len(groups))
            if cells:
                spread = [cell for cell, size in zip(cells, groups, strict=True) for _ in range(size)]
                return [[empty, *spread]], used
    for used in reversed(sizes):
        cells = split_headers(lines[len(lines) - used :], width + 1)
        if cells:
            return label_header_rows(cells), used
    return [], 0


def label_header_rows(cells: list[HeaderCell]) -> list[list[HeaderCell]]:
    """One header too many: the first is the label column's header when printed on the line of the
    others ("Category Previous Current"), a banner over all of them when on a line of its own
    ("Shareholders' equity" above "Share capital Capital surplus ...")."""
    first, rest = cells[0], cells[1:]
    if first.line is not None and rest[0].line is not None and first.line < rest[0].line:
        return [[HeaderCell("", None), *([first] * len(rest))], [HeaderCell("", None), *rest]]
    return [cells]


def header_starts(lines: list[Line]) -> list[int]:
    """Where a header block may start: the first line, or after leading headings and period notes."""
    starts = [0] if lines else []
    for index, line in enumerate(lines[:-1]):
        text = line.text
        if not (is_weak_title(text, isolated=False) or is_parenthesised(text)):
            break
        starts.append(index + 1)
    return starts


# --- title ---------------------------------------------------------------------------------


def title_and_context(lines: list[Line], start: int, previous_title: str) -> tuple[str, tuple[str, ...]]:
    """The heading of a table whose first line is ``lines[start]``, and the lines between.

    A numbered heading or statement name within reach wins; otherwise the nearest short line
    of words. Reaching the table before with neither means this one continues it (a page
    break with the column headers printed again), so it keeps that table's title.
    """
    context: list[str] = []
    weak: tuple[str, int] | None = None
    seen = 0
    reached_previous_table = False
    for index in range(start - 1, -1, -1):
        line = lines[index]
        if seen >= _TITLE_REACH:
            break
        if line.kind in (LineKind.BLANK, LineKind.IGNORED):
            continue
        if line.kind is LineKind.DATA:
            reached_previous_table = True
            break
        seen += 1
        if is_strong_title(line.text):
            return line.text, _nearest(context)
        if is_caption(line.text):
            weak = None  # lines between a caption and its table are column banners, not the title
        elif weak is None and is_weak_title(line.text, is_isolated(lines, index)):
            weak = (line.text, len(context))
        context.append(line.text)
    if weak is not None:
        return weak[0], _nearest(context[: weak[1]])
    return (previous_title if reached_previous_table else ""), _nearest(context)


def _nearest(context_upward: list[str]) -> tuple[str, ...]:
    return tuple(reversed(context_upward[:_CONTEXT_LINES]))


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
