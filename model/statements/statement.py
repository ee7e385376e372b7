"""A financial statement: line items by dated columns, every value traced to its source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from model.interpretation.evidence import Evidence
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.raw import SourceRef, XbrlTag

_BALANCE_LABEL_RE = re.compile(
    r"\b(?:beginning|end|start|close)\s+of\s+(?:the\s+)?(?:fiscal\s+)?(?:period|year|quarter|month|half)\b"
    r"|^(?:ending |opening |closing )?balances?\b.*\b(?:at|as of|beginning|end)\b|\b(?:opening|closing|ending|beginning) balances?\b|期首残高|期末残高",
    re.IGNORECASE,
)

if TYPE_CHECKING:
    import pandas as pd


class StatementKind(Enum):
    INCOME = "income statement"
    COMPREHENSIVE_INCOME = "comprehensive income"
    BALANCE_SHEET = "balance sheet"
    CASH_FLOW = "cash flows"
    EQUITY = "changes in equity"
    SEGMENT = "segment"
    KPI = "operating KPIs"
    NON_GAAP = "non-GAAP reconciliation"
    PER_SHARE = "per-share data"
    DIVIDENDS = "dividends"
    GUIDANCE = "guidance"
    SUMMARY = "results summary"
    OTHER = "other"

    @property
    def is_flow(self) -> bool:
        """Flow statements add up over time, so quarters can be derived from year-to-date figures."""
        return self in FLOW_KINDS

    @property
    def is_primary(self) -> bool:
        return self in PRIMARY_KINDS


FLOW_KINDS = frozenset(
    {
        StatementKind.INCOME,
        StatementKind.COMPREHENSIVE_INCOME,
        StatementKind.CASH_FLOW,
        StatementKind.SEGMENT,
        StatementKind.NON_GAAP,
        StatementKind.SUMMARY,
    }
)
PRIMARY_KINDS = frozenset(
    {StatementKind.INCOME, StatementKind.COMPREHENSIVE_INCOME, StatementKind.BALANCE_SHEET, StatementKind.CASH_FLOW}
)


@dataclass(frozen=True, slots=True)
class Column:
    """One value column: a period, or a printed change comparing two periods."""

    label: str  # as printed, stacked header lines joined by one space
    kind: ColumnKind
    period: Period | None = None
    forecast: bool = False
    percent_change: bool = False
    compares: tuple[Period, Period] | None = None  # (later, earlier) for change columns
    derived: bool = False
    unit: str = ""  # set when the column states its own unit ("Thousands of U.S. dollars")
    evidence: tuple[Evidence, ...] = ()  # what settled the period (or the change's two periods)
    unresolved: str = ""  # why no period could be established; such a column is kind OTHER

    @property
    def is_ratio(self) -> bool:
        """A column of percentages of a base ("% of sales" beside the amounts): ratios of its
        period, which never add up over time nor chart against amounts."""
        return self.unit == "%"

    @property
    def is_resolved_period(self) -> bool:
        """A dated column whose date the document settles: the only kind that feeds changes."""
        return self.kind in (ColumnKind.DURATION, ColumnKind.INSTANT) and self.period is not None and not self.unresolved

    def time_key(self) -> tuple[bool, bool, tuple[date, int]]:
        """Periods first in chronological order (shorter first for one end), forecasts after
        actuals, printed change columns last in the order of the periods they compare."""
        if self.period is not None:
            when = self.period.sort_key()
        elif self.compares is not None:
            when = self.compares[0].sort_key()
        else:
            when = (date.max, 0)
        return (self.kind is ColumnKind.CHANGE, self.forecast, when)

    def tooltip(self) -> str:
        if self.kind is ColumnKind.CHANGE and self.compares:
            later, earlier = self.compares
            what = "change in %" if self.percent_change else "change"
            return f"{self.label}: printed {what}, {later.describe()} against {earlier.describe()}"
        text = self.label
        if self.period is not None:
            text += f"\n{self.period.describe()}"
        if self.unresolved:
            text += f"\nperiod unresolved: {self.unresolved}"
        for evidence in self.evidence:
            text += f"\n{evidence.describe()}"
        if self.derived:
            text += "\nderived by Tickmark, not printed in the filing"
        if self.forecast:
            text += "\nforecast"
        return text


@dataclass(frozen=True, slots=True)
class Line:
    """A row of a statement."""

    label: str  # cleaned: footnote marks removed, whitespace collapsed
    section: tuple[str, ...] = ()  # labels of the section rows above it, outermost first
    level: int = 0
    is_total: bool = False
    is_heading: bool = False  # a section row that carries no values
    unit: str = ""
    scale: int = 1
    memo: bool = False  # an "of which" row: part of the line above, not of the total
    per_share: bool = False
    ratio: bool = False  # a percentage or ratio row: never summed or derived
    standalone: bool = False  # a metric of a summary table: neither a part nor a total of others
    indent: float | None = None  # where the printed label starts (PDF points), when known
    unit_evidence: tuple[Evidence, ...] = ()  # what settled a unit of the line's own (shares, per share)
    unit_unresolved: str = ""  # why the line's own unit or scale is unknown

    @property
    def is_additive(self) -> bool:
        """Whether values of this line can be added and subtracted across periods."""
        return not (self.per_share or self.ratio or self.unit in ("shares", "%") or self.unit.endswith("/share"))

    @property
    def is_balance(self) -> bool:
        """A balance at a point in a flow statement ("Cash and cash equivalents, end of period",
        "Balance at January 1", "期首残高"): it foots, but a quarter is no difference of two of them."""
        return bool(_BALANCE_LABEL_RE.search(self.label))

    @property
    def adds_up_over_time(self) -> bool:
        """Whether a quarter of this line is the difference of two cumulative periods' values."""
        return self.is_additive and not self.is_balance


@dataclass(frozen=True, slots=True)
class Cell:
    value: Decimal | None  # None for a printed nil
    text: str  # as printed
    source: SourceRef
    header: str = ""  # the column header printed above this cell
    derived: bool = False
    unit: str = ""
    scale: int | Decimal = 1  # a Decimal below 1 only for a tag's negative scale: a percentage is 0.01
    note: str = ""  # e.g. "derived: 1H17 - 2Q17"
    evidence: tuple[Evidence, ...] = ()  # what settled the unit, scale and sign of this value
    unresolved: str = ""  # why the value's scale or unit could not be established
    tag: XbrlTag | None = None  # the inline-XBRL fact printed in the cell
    tag_check: str = ""  # how the printed text disagrees with its tag; empty when they agree

    @property
    def is_nil(self) -> bool:
        return self.value is None

    @property
    def is_settled(self) -> bool:
        """Its scale and unit are established: only such values are compared or derived from."""
        return not self.unresolved

    @property
    def concept(self) -> str:
        """The XBRL concept the filer tagged the value as ("us-gaap:NetIncomeLoss"), or ""."""
        return self.tag.concept if self.tag is not None else ""


@dataclass
class Statement:
    title: str
    kind: StatementKind
    columns: list[Column]
    lines: list[Line]
    cells: dict[tuple[int, int], Cell]
    unit: str = ""
    scale: int = 1
    file_name: str = ""
    sources: list[SourceRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    key: tuple[str, str] = ("", "")  # statements of several filings with one key are one statement

    def in_chronological_order(self) -> Statement:
        order = sorted(range(len(self.columns)), key=lambda j: (self.columns[j].time_key(), j))
        if order == list(range(len(self.columns))):
            return self
        new_index = {old: new for new, old in enumerate(order)}
        return replace(
            self,
            columns=[self.columns[j] for j in order],
            cells={(line, new_index[column]): cell for (line, column), cell in self.cells.items()},
        )

    def period_columns(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if c.kind in (ColumnKind.DURATION, ColumnKind.INSTANT)]

    def change_columns(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if c.kind is ColumnKind.CHANGE]

    def value(self, line: int, column: int) -> Decimal | None:
        cell = self.cells.get((line, column))
        return None if cell is None else cell.value

    def find_line(self, label: str, section: str | None = None) -> int | None:
        """Index of the first line whose label (case-insensitive) is ``label``."""
        wanted = " ".join(label.lower().split())
        for index, line in enumerate(self.lines):
            if line.label.lower() == wanted and (section is None or section.lower() in (s.lower() for s in line.section)):
                return index
        return None

    def find_column(self, period: Period) -> int | None:
        for index, column in enumerate(self.columns):
            if column.period == period and column.kind is not ColumnKind.CHANGE:
                return index
        return None

    def display_labels(self) -> list[str]:
        """Line labels, prefixed with their section where a label repeats in the statement.

        A repeated label outside any section row belongs to the total printed above it
        (summary tables print "Total revenues" and then its breakdown).
        """
        counts: dict[str, int] = {}
        for line in self.lines:
            counts[line.label.lower()] = counts.get(line.label.lower(), 0) + 1
        labels = []
        parent = ""
        for line in self.lines:
            if line.is_total and not line.section:
                parent = line.label
            if counts[line.label.lower()] > 1 and line.section:
                labels.append(f"{line.section[-1].rstrip(':').strip()} / {line.label}")
            elif counts[line.label.lower()] > 1 and parent and not line.is_total:
                labels.append(f"{parent.rstrip(':').strip()} / {line.label}")
            else:
                labels.append(line.label)
        return labels

    def to_dataframe(self) -> "pd.DataFrame":
        """Values as floats, one row per line, one column per column label (for charts and views)."""
        import pandas as pd  # only views need it; the headless export starts faster without

        values = [
            [
                float(cell.value) if (cell := self.cells.get((i, j))) is not None and cell.value is not None else float("nan")
                for j in range(len(self.columns))
            ]
            for i in range(len(self.lines))
        ]
        return pd.DataFrame(values, index=self.display_labels(), columns=[c.label or f"column {j + 1}" for j, c in enumerate(self.columns)])
