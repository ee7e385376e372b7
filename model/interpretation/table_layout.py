"""A raw table laid out: its value columns with their headers, its body rows with their parsed cells."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from model.interpretation.headers import ColumnKind, HeaderPeriod
from model.interpretation.numbers import CellKind, ParsedNumber
from model.interpretation.units import UnitInfo, unit_from_header
from model.raw import RawCell, RawTable, SourceRef


_FOOTNOTE_LABEL_RE = re.compile(
    r"(?:\s*<sup>.*?</sup>|\s*\*\s?\d{1,2}\b|\s*\\\*\s?\d{1,2}|\s*※\s?\d*|\s*\((?:\d{1,2}|[a-z])\)(?=\s*(?:\(|$|:))|\s*[†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+|(?<=[a-z])\d{1,2}(?=:?$))+",
    re.IGNORECASE,
)


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


def is_value(parsed: ParsedNumber) -> bool:
    return parsed.kind in (CellKind.NUMBER, CellKind.NIL)


def unit_for_column(column: ValueColumn) -> UnitInfo | None:
    return unit_from_header(column.unit_text) if column.unit_text else None
