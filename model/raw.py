"""What a reader hands on: tables of cell strings with their titles, context and origin.

Readers know nothing about statements; everything downstream works on these types only,
so nothing after the reader knows which file format a table came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a piece of text was printed, precise enough to find it again by eye."""

    file: str
    line: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None

    def describe(self) -> str:
        parts = [self.file]
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.table is not None:
            parts.append(f"table {self.table + 1}")
        if self.row is not None:
            parts.append(f"row {self.row + 1}")
        if self.column is not None:
            parts.append(f"column {self.column + 1}")
        if self.bbox is not None:
            x0, top, x1, bottom = self.bbox
            parts.append(f"at ({x0:.0f}, {top:.0f})-({x1:.0f}, {bottom:.0f}) pt")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class XbrlContext:
    """An XBRL context: whose figure, for which period (an instant when ``start`` is None), under
    which dimension members (a segment, a product line, a legal entity)."""

    id: str
    end: date
    start: date | None = None
    entity: str = ""
    dimensions: tuple[tuple[str, str], ...] = ()  # (axis, member), segment and scenario alike

    @property
    def is_instant(self) -> bool:
        return self.start is None

    def describe(self) -> str:
        when = f"{self.end.isoformat()}" if self.start is None else f"{self.start.isoformat()} to {self.end.isoformat()}"
        members = ", ".join(member for _, member in self.dimensions)
        return f"{when} ({members})" if members else when


@dataclass(frozen=True, slots=True)
class XbrlTag:
    """The inline-XBRL fact (``ix:nonFraction``) a printed number carries: what the filer tagged it as."""

    concept: str  # "us-gaap:NetIncomeLoss"
    context_id: str
    context: XbrlContext | None  # None when the context lives in another file of the filing's package
    unit: str  # as the unit declares it: "USD", "shares", "USD/shares", "pure"; the unit's id when undeclared
    scale: int  # the power of ten the printed number is in: 6 for millions
    decimals: str  # "INF" or a signed integer: the rounding the figure carries
    sign: str  # "-" when the fact is the negative of the printed number
    format: str  # the transformation that reads the printed text: "ixt:num-dot-decimal"
    text: str  # the tagged text as printed
    value: Decimal | None  # the fact: format, scale and sign applied; None for a nil or an unreadable text

    @property
    def displayed(self) -> Decimal | None:
        """The number the tag prints, in its own scale and without sign: 1,234 for 1234000000 at scale 6."""
        return None if self.value is None else abs(self.value).scaleb(-self.scale)


@dataclass(frozen=True, slots=True)
class RawCell:
    text: str
    source: SourceRef
    tag: XbrlTag | None = None  # the inline-XBRL fact printed in this cell, if any


@dataclass
class RawTable:
    """A table as printed: a grid of cell strings, first column normally the row labels.

    ``rows`` are equal in length after the reader is done. ``context`` holds the lines of
    prose just above the table, nearest last (captions such as "(In millions)" or
    "(For the six months ended ...)"), which carry units and period banners.
    ``ragged`` says that values may sit in spacer columns that do not line up with the
    header cells (markdown conversions, some HTML): the statement builder then maps value
    columns to header periods by order instead of by position.
    """

    rows: list[list[RawCell]]
    title: str
    source: SourceRef
    context: tuple[str, ...] = ()
    index: int = 0
    ragged: bool = False
    title_carried: bool = False  # no heading since the table before: the title is that table's

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


@dataclass
class RawDocument:
    """Everything a reader found in one file."""

    file_name: str
    path: str
    format: str
    tables: list[RawTable]
    text_lines: list[str] = field(default_factory=list)
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)
