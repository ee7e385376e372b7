"""Column headers of a plain-text dump's table: the lines above its first row split into one header
per value column, by the dates they end with or their capitalised words, and a units line
("Millions of yen % Millions of yen %") as a row of its own."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from model.readers.layout_lines import DAY_TOKEN_RE, MONTHS, YEAR_TOKEN_RE, Line, ends_run, is_parenthesised, is_weak_title


_RANGE_WORDS = frozenset({"thru", "through", "to", "-", "–", "~", "and", "from"})
_UNIT_SUFFIX_RE = re.compile(
    r"(?:^|\s)((?:millions?|billions?|thousands?) of (?:yen|u\.?s\.? dollars|dollars|shares)"
    r"|(?:millions?|billions?|thousands?) (?:yen|shares|dollars)|yen|%|us\$|\$|shares|times)\s*$",
    re.I,
)
_FISCAL_LABEL_RE = re.compile(r"^(?:\d[QH]\d{2}|FY\d{2,4})\b")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    line: int | None


@dataclass(frozen=True, slots=True)
class UnitBlock:
    start: int  # index of the first header line the units are printed on
    label_header: HeaderCell | None  # text printed before the units, over the row labels
    units: tuple[HeaderCell, ...]


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
        is_date_end = YEAR_TOKEN_RE.match(token.text) and (DAY_TOKEN_RE.match(before) or before.strip("(") in MONTHS)
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
