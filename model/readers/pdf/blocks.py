"""Lines -> table blocks: runs of lines with figures (the body), the header lines printed above
them and the section lines in between; a body that carries on after a blank stretch."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from model.readers.pdf.columns import find_columns
from model.readers.pdf.geometry import SETTINGS, Block, LayoutSettings, Line
from model.readers.pdf.lines import split_phrases
from model.readers.pdf.tokens import (
    DATE_TEXT_RE,
    INTRODUCES_TABLE_RE,
    PERIOD_WORD_RE,
    STATEMENT_NAME_RE,
    TABLE_NAME_RE,
    is_caption,
    is_value_token,
    is_year_token,
)

REMARK_RE = re.compile(r"^\((?:un)?audited\)$|^\(as restated\)$|^\(continued\)$", re.IGNORECASE)
RULE_LINE_RE = re.compile(r"^[_\-–—=.\s]{5,}$")


def find_blocks(lines: Sequence[Line], settings: LayoutSettings = SETTINGS) -> list[Block]:
    """Table bodies (runs of lines with figures) with the header lines printed above them."""
    blocks: list[Block] = []
    floor = 0  # lines above this index belong to the previous table
    index = 0
    while index < len(lines):
        if not _starts_body(lines[index]):
            index += 1
            continue
        end = _body_end(lines, index, settings)
        body = list(lines[index:end])
        value_left = min(line.value_left for line in body if line.has_values)
        header, sections = _header_above(lines, floor, index, value_left, settings)
        part = sections + body
        between = lines[floor : index - len(sections)]
        if blocks and not header and _carries_on(blocks[-1], part, settings, fill_every_column=bool(between)) and _only_a_note(between):
            labels = [line for line in between if line.x1 < value_left]  # a wrapped label's first line; a note across the columns is no row
            blocks[-1] = Block(blocks[-1].header, blocks[-1].body + tuple(labels + part))
        elif sum(1 for line in body if line.has_values) >= settings.min_value_lines:
            blocks.append(Block(tuple(header), tuple(part)))
        else:
            index += 1
            continue
        floor = index = end
    return blocks


def _only_a_note(between: Sequence[Line]) -> bool:
    """Nothing, or a short note without figures ("A portion of net income is allocated to ...
    Diluted EPS is calculated using the following:"), between a table and rows that carry it on.
    A note that names a period or a date ("... for the three months ended September 30, 2022
    was calculated as follows") introduces a table of other periods."""
    return len(between) <= 3 and not any(line.has_values or DATE_TEXT_RE.search(line.text) or PERIOD_WORD_RE.search(line.text) for line in between)


def _carries_on(block: Block, part: Sequence[Line], settings: LayoutSettings, fill_every_column: bool = False) -> bool:
    """Rows after a blank stretch, with figures in the same columns, continue the table above
    (Intel's segment table, the foot of a balance sheet). After a note printed between them,
    the rows must fill every column of the table: a smaller table introduced by a sentence is
    a table of its own."""
    gap = part[0].top - block.body[-1].bottom
    if gap > 3 * settings.row_gap_factor * block.body[-1].size:
        return False
    columns = find_columns(block.body, ())
    figures = [w for line in part for w in line.value_words]
    slack = 0.6 * block.body[-1].size  # a ")" hangs past the column's right edge
    placed = [next((i for i, c in enumerate(columns) if c.x0 - slack <= w.x1 <= c.x1 + slack), None) for w in figures]
    if not figures or None in placed:
        return False
    return not fill_every_column or len(set(placed)) == len(columns) >= 2


def _starts_body(line: Line) -> bool:
    return line.has_values and not _is_year_header(line)


def _is_year_header(line: Line) -> bool:
    """A line whose figures are all bare years ("(In millions)  2023  2022") heads columns."""
    return line.has_values and all(is_year_token(w.text) for w in line.value_words)


def _body_end(lines: Sequence[Line], start: int, settings: LayoutSettings) -> int:
    """Index after the last line of the body that starts at ``start``."""
    value_left = lines[start].value_left
    size = lines[start].size
    last_with_values = start
    index = start + 1
    while index < len(lines):
        line, previous = lines[index], lines[index - 1]
        if line.top - previous.bottom > settings.row_gap_factor * size or _is_year_header(line):
            break
        if line.has_values:
            value_left = min(value_left, line.value_left)
            last_with_values = index
        elif line.x1 > value_left - 2 or _is_heading(line, size) or INTRODUCES_TABLE_RE.search(line.text):
            break  # prose running across the columns, or the next table's title or introduction
        index += 1
    end = last_with_values + 1
    # a label wrapped below its figures still belongs to the table; a footnote after it does not
    while end < index and lines[end].top - lines[end - 1].bottom < 0.5 * size and _continues_label(lines[end]):
        end += 1
    return end


def _continues_label(line: Line) -> bool:
    """A wrapped label's last line ("available-for-sale securities"), not a footnote key ("n/m Not meaningful")."""
    return line.text[:1].islower() and not is_value_token(line.words[0].text)


def _is_heading(line: Line, body_size: float) -> bool:
    """A label line that names a table rather than a group of rows: printed larger, or a
    statement's name ("Consolidated Statements of Cash Flows (continued)")."""
    return line.size >= body_size + 1.5 or bool(STATEMENT_NAME_RE.search(line.text))


def _header_above(
    lines: Sequence[Line], floor: int, start: int, value_left: float, settings: LayoutSettings
) -> tuple[list[Line], list[Line]]:
    """Header lines above a body, and the section lines ("ASSETS", "REVENUE") between them."""
    kinds: list[tuple[Line, str]] = []  # bottom up
    below = lines[start]
    size = below.size
    for index in range(start - 1, floor - 1, -1):
        line = lines[index]
        if below.top - line.bottom > settings.header_gap_factor * size:
            break
        kind = _header_line_kind(line, value_left, size, settings)
        under_headers = any(seen == "header" for _, seen in kinds)
        if kind == "stop" or (under_headers and kind == "caption"):
            break  # a caption above the column headers closes them: the title's lines are above it
        if under_headers and kind == "section" and _introduces_table(line.text):
            break  # "Financial Summary Table:", "(1) Includes ... as follows:": the table's introduction
        kinds.append((line, kind))
        below = line
    # label-only lines right above the body are its first section rows; label-only lines and
    # units captions between header lines ("Revenue from external customers", "(Millions of
    # dollars)" under the years) stay with the header; those above the topmost header line
    # are the title's business
    sections_end = next((i for i, (_, kind) in enumerate(kinds) if kind != "section"), len(kinds))
    header_end = max((i + 1 for i, (_, kind) in enumerate(kinds) if kind == "header"), default=sections_end)
    sections_end = min(sections_end, header_end)
    sections = [line for line, _ in reversed(kinds[:sections_end])]
    header = [line for line, _ in reversed(kinds[sections_end:header_end])]
    return header, sections


def _header_line_kind(
    line: Line, value_left: float, body_size: float, settings: LayoutSettings
) -> Literal["header", "section", "caption", "stop"]:
    """'header' (text over the value columns), 'section' (a label alone), 'caption' (a units
    line over the columns) or 'stop'."""
    if RULE_LINE_RE.match(line.text):
        return "stop"  # "________": a rule drawn in text closes what is above it
    phrases = split_phrases(line, settings)
    over_values = [p for p in phrases if p.x1 > value_left - 2]
    over_labels = [p for p in phrases if p.x1 <= value_left - 2]
    if not over_values:
        return "stop" if _is_heading(line, body_size) else "section"
    if any(p.x0 < value_left - 40 and (_names_a_table(p.text) or _reads_as_sentence(p.text)) for p in over_values):
        return "stop"  # a centred title or a sentence running from the labels into the columns
    if is_caption_line(line, settings):
        return "caption"  # "(Millions of yen)" over the whole table: context, or a header row when headers sit above it
    if all(is_caption(p.text) for p in over_values) and any(_names_a_table(p.text) and len(p.words) > 1 for p in over_labels):
        return "stop"  # "Net Sales by Segment ... (millions of yen)": the next table's title line
    if any(v and w.x1 > value_left - 2 and not is_year_token(w.text) for w, v in zip(line.words, line.values)):
        return "stop"  # figures in the columns: a row of something else, not a header
    return "header"


def is_caption_line(line: Line, settings: LayoutSettings = SETTINGS) -> bool:
    """A line that is nothing but a caption such as "(Millions of dollars, except per-share
    amounts)", or one beside remarks ("(in thousands, except per share data)   (Unaudited)").
    Captions printed over several columns ("(in millions)   (per option/unit)") are the
    columns' own."""
    phrases = split_phrases(line, settings)
    if not phrases or not all(is_caption(p.text) and not DATE_TEXT_RE.search(p.text) for p in phrases):
        return False
    remarks = [p for p in phrases if REMARK_RE.match(p.text)]
    return len(phrases) == 1 or len(phrases) - len(remarks) == 1


def _introduces_table(text: str) -> bool:
    words = len(text.split())
    return text.endswith(":") or (text.endswith(".") and words >= 3) or words > 10 or bool(INTRODUCES_TABLE_RE.search(text))


def _names_a_table(text: str) -> bool:
    return bool(TABLE_NAME_RE.search(text)) and not PERIOD_WORD_RE.search(text) and not is_caption(text)


def _reads_as_sentence(text: str) -> bool:
    return len(text.split()) > 10 or text.endswith((".", ":"))
