"""What the desktop views show, computed without Qt so that every view can be tested alone.

The statement table (numbers formatted in a chosen display scale), the diff panel rows
(YoY or QoQ moves with a threshold, biggest movers first and a highlight colour), the text
of an exported or copied selection, and the series of a chart all come from here; the Qt
classes in ``gui/`` only hand these values to widgets.
"""

from __future__ import annotations

import csv
import io
import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from model.analysis.analyst_views import base_line, common_size, line_cagr
from model.analysis.checks import FootingResult, TagResult, failures, foot_statement, tag_disagreements
from model.analysis.compare import Basis, Change, CheckStatus, Rounding, compute_changes, with_derived_periods
from model.errors import LoadCancelled
from model.filing import CancelCheck, Filing, ProgressCallback, load_filing
from model.interpretation.numbers import format_decimal
from model.interpretation.periods import ColumnKind
from model.raw import XbrlTag
from model.session import file_hash
from model.statements.statement import Cell, Column, Statement, StatementKind
from model.statements.hierarchy import normalize_label
from model.analysis.workspace import Choice, CombinedStatement, LineMapping, Workspace, combine_filings, past_restatements, printed_labels

EM_DASH = "\u2014"
NOT_MEANINGFUL = "n/m"
LINE_ITEM_HEADER = "Line item"

# |change %| at which a diff row reaches full colour: moves beyond a quarter are all "big".
SATURATION_PCT = 25.0
RISE_RGB = (46, 160, 67)
FALL_RGB = (207, 34, 46)
WHITE_RGB = (255, 255, 255)

_SCALE_NAMES = {1: "", 1_000: "thousands", 1_000_000: "millions", 1_000_000_000: "billions"}


class DisplayScale(Enum):
    """The scale money amounts are shown in; "as reported" keeps each table's own."""

    AS_REPORTED = "as reported"
    THOUSANDS = "thousands"
    MILLIONS = "millions"
    BILLIONS = "billions"

    @property
    def multiplier(self) -> int | None:
        return {
            DisplayScale.AS_REPORTED: None,
            DisplayScale.THOUSANDS: 1_000,
            DisplayScale.MILLIONS: 1_000_000,
            DisplayScale.BILLIONS: 1_000_000_000,
        }[self]


def is_money(unit: str) -> bool:
    """ISO currency codes (JPY, USD): the only amounts a display scale applies to. Shares,
    per-share amounts, percentages and counts are always shown as printed."""
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def shown_scale(unit: str, printed_scale: int, scale: DisplayScale) -> int:
    if scale.multiplier is None or not is_money(unit):
        return printed_scale
    return scale.multiplier


def unit_caption(unit: str, scale: int) -> str:
    """``JPY millions``, ``JPY``, ``shares``, or the scale alone for a table without a unit."""
    words = [unit, _SCALE_NAMES.get(scale, f"x {scale:,}")]
    return " ".join(word for word in words if word) or "units as printed"


def statement_caption(statement: Statement, scale: DisplayScale) -> str:
    return unit_caption(statement.unit, shown_scale(statement.unit, statement.scale, scale))


# ----------------------------------------------------------------------------- numbers


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(frozen=True, slots=True)
class ScaledValue:
    """A cell's value in the display scale, with the decimals worth showing."""

    value: Decimal | None
    decimals: int
    unit: str
    scale: int

    @property
    def as_float(self) -> float | None:
        return None if self.value is None else float(self.value)


def scaled(cell: Cell, scale: DisplayScale) -> ScaledValue:
    target = shown_scale(cell.unit, cell.scale, scale)
    if cell.value is None:
        return ScaledValue(None, 0, cell.unit, target)
    printed = _decimals(cell.value)
    if target == cell.scale:
        return ScaledValue(cell.value, printed, cell.unit, target)
    value = cell.value * Decimal(cell.scale) / Decimal(target)
    if target > cell.scale:
        # shown in a larger unit: one decimal keeps moves visible (83.0 billion, not 83)
        return ScaledValue(value, max(printed, 1), cell.unit, target)
    shift = round(math.log10(cell.scale / target))
    return ScaledValue(value, max(printed - shift, 0), cell.unit, target)


def format_amount(value: Decimal | None, decimals: int = 0, unit: str = "") -> str:
    """``1,234``, ``(1,234)`` for negatives, an em dash for a printed nil, ``12.0%`` for percentages."""
    if value is None:
        return EM_DASH
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    magnitude = f"{abs(rounded):,.{decimals}f}"
    text = f"({magnitude})" if rounded < 0 else magnitude
    return f"{text}%" if unit == "%" else text


def format_scaled(value: ScaledValue) -> str:
    return format_amount(value.value, value.decimals, value.unit)


def raw_text(value: ScaledValue) -> str:
    """The exact number in the display scale for CSV and the clipboard: no separators, sign applied."""
    return "" if value.value is None else format_decimal(value.value)


def format_difference(value: ScaledValue) -> str:
    """A change: in the amount's own format, or in percentage points for a percentage."""
    if value.unit == "%":
        return f"{format_amount(value.value, value.decimals)} pp"
    return format_scaled(value)


def format_change_pct(pct: Decimal | None) -> str:
    if pct is None:
        return NOT_MEANINGFUL
    rounded = pct.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    sign = "+" if rounded > 0 else "\u2212" if rounded < 0 else ""
    return f"{sign}{abs(rounded)} %"


# ----------------------------------------------------------------------------- columns


def header_text(column: Column, width: int = 20) -> str:
    """The printed label, wrapped so that long headers ("Three Months Ended September 30,
    2016") take two short lines instead of one wide column; a word longer than a line (a
    file name of a side-by-side view) stays whole."""
    return "\n".join(textwrap.wrap(column.label, width, break_long_words=False)) or column.label


def short_label(column: Column) -> str:
    """A compact period label for chart axes and the diff panel: the printed label when it is
    short (``1H17``), else built from the dates (``3M Sep 2016``, ``Sep 30, 2017``)."""
    if len(column.label) <= 12:
        return column.label
    period = column.period
    if period is None:
        return textwrap.shorten(column.label, 16, placeholder="\u2026")
    text = f"{period.end:%b %d, %Y}" if period.is_instant else f"{period.months}M {period.end:%b %Y}"
    return f"{text} (derived)" if column.derived else text


def is_period(column: Column) -> bool:
    return column.kind in (ColumnKind.DURATION, ColumnKind.INSTANT)


def display_statement(statement: Statement, show_derived: bool) -> Statement:
    """The statement as the table shows it: periods in chronological order, with quarters and
    halves derived from cumulative periods when asked. The statement itself is not changed."""
    shown = with_derived_periods(statement) if show_derived else statement
    return shown.in_chronological_order()


# ----------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class StatementChecks:
    """What the checks found wrong in one statement: totals that do not foot and printed
    changes that disagree with the printed amounts."""

    footing_failures: tuple[FootingResult, ...] = ()
    disagreements: tuple[Change, ...] = ()
    problems: dict[tuple[int, Column], str] = field(default_factory=dict)
    tag_failures: tuple[TagResult, ...] = ()  # printed numbers their XBRL tags contradict

    @property
    def count(self) -> int:
        return len(self.footing_failures) + len(self.disagreements) + len(self.tag_failures)

    def messages(self) -> list[str]:
        return (
            [result.describe() for result in self.footing_failures]
            + [describe_disagreement(c) for c in self.disagreements]
            + [result.describe() for result in self.tag_failures]
        )

    def problem_at(self, line: int, column: Column) -> str:
        return self.problems.get((line, column), "")


def describe_disagreement(change: Change) -> str:
    label = change.statement.display_labels()[change.line]
    period = change.statement.columns[change.column].label
    return f"{label}, {period}: the printed change {_printed_vs_computed(change)}"


def _printed_vs_computed(change: Change) -> str:
    if change.reported is None:
        return ""
    if change.reported_percent:
        computed = change.change_pct
        computed_text = NOT_MEANINGFUL if computed is None else f"{computed.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)} %"
        return f"{change.reported.text} % disagrees with the computed {computed_text}"
    return f"{change.reported.text} disagrees with the computed {format_decimal(change.change)}"


def check_statement(statement: Statement, rounding: Rounding = Rounding.HALF) -> StatementChecks:
    footing = tuple(failures(foot_statement(statement, rounding)))
    disagreements = tuple(
        change for change in compute_changes(statement, rounding, derive=False) if change.status is CheckStatus.INCONSISTENT
    )
    problems: dict[tuple[int, Column], str] = {}
    for result in footing:
        problems[(result.line, statement.columns[result.column])] = result.describe()
    position_of = {id(cell): key for key, cell in statement.cells.items()}
    for change in disagreements:
        message = describe_disagreement(change)
        problems[(change.line, statement.columns[change.column])] = message
        if change.reported is not None and id(change.reported) in position_of:
            line, column = position_of[id(change.reported)]
            problems[(line, statement.columns[column])] = message
    tagged = tuple(tag_disagreements(statement))
    for result in tagged:
        problems[(result.line, statement.columns[result.column])] = result.describe()
    return StatementChecks(footing, disagreements, problems, tagged)


@dataclass
class CheckedFiling:
    """A filing with the checks of each of its statements, as the window shows it."""

    filing: Filing
    checks: list[StatementChecks]
    changes: list[list[Change]] = field(default_factory=list)  # per statement, derived periods included
    sha256: str = ""  # the content read, so that a saved workspace can tell when the file changes

    @property
    def path(self) -> str:
        return self.filing.path

    @property
    def check_count(self) -> int:
        return sum(checks.count for checks in self.checks)


def load_checked_filing(path: str, progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None) -> CheckedFiling:
    """The one loader path (``load_filing``), then the checks and the changes, so that all of
    it runs off the GUI thread."""
    filing = load_filing(path, progress, cancelled)
    return CheckedFiling(
        filing,
        [check_statement(statement, filing.rounding) for statement in filing.statements],
        [compute_changes(statement, filing.rounding) for statement in filing.statements],
        file_hash(path),
    )


def main_statement_index(filing: Filing) -> int:
    """The statement a filing opens on: its income statement, else another full statement,
    else the first table found."""
    preference = (StatementKind.INCOME, StatementKind.BALANCE_SHEET, StatementKind.CASH_FLOW, StatementKind.COMPREHENSIVE_INCOME, StatementKind.SUMMARY)
    for wanted in preference:
        for index, statement in enumerate(filing.statements):
            if statement.kind is wanted:
                return index
    return 0


# ----------------------------------------------------------------------------- workspace

# Primary statements lead the workspace, consolidated before parent-only.
_WORKSPACE_ORDER = (StatementKind.INCOME, StatementKind.COMPREHENSIVE_INCOME, StatementKind.BALANCE_SHEET, StatementKind.CASH_FLOW)


@dataclass
class CombinedView:
    """One statement of the workspace as the window shows it: every period of every filing,
    the values the chosen Choice shows, its checks, changes and restatements."""

    combined: CombinedStatement
    statement: Statement
    checks: StatementChecks
    changes: list[Change]
    rounding: Rounding
    files: tuple[str, ...]  # the filings it draws from, earliest first
    labels: dict[int, dict[str, str]]  # line -> {file name: label as that filing printed it}
    reports: Reports

    @property
    def key(self) -> tuple[str, str]:
        return self.combined.statement.key

    @property
    def restated_count(self) -> int:
        return len(self.reports.restated)

    def wordings(self, line: int) -> list[str]:
        """The different labels the filings printed for a line, earliest first."""
        return list(dict.fromkeys(self.labels.get(line, {}).values())) or [self.statement.lines[line].label]

    def earliest_first(self, lines: Sequence[int]) -> list[int]:
        """Lines by the first filing that prints them: a joined line keeps the earliest label."""
        def first_filing(line: int) -> int:
            printed = [self.files.index(name) for name in self.labels.get(line, {}) if name in self.files]
            return min(printed, default=len(self.files))

        return sorted(lines, key=lambda line: (first_filing(line), line))

    def line_note(self, line: int) -> str:
        """Which filing printed the line under which label, where they differ."""
        printed = self.labels.get(line, {})
        if len(set(printed.values())) < 2:
            return ""
        return "joined from:\n" + "\n".join(f"  \u2022 \u201c{label}\u201d in {name}" for name, label in printed.items())


def join_refusal(view: CombinedView, first: int, second: int) -> str:
    """Why two lines of a combined statement cannot be joined, or "" when they can."""
    lines = view.statement.lines
    if first == second:
        return "Select two different lines to join."
    if lines[first].is_heading or lines[second].is_heading:
        return "Section headings carry no values: join two lines that have values."
    both = [name for name in view.labels.get(first, {}) if name in view.labels.get(second, {})]
    if both:
        return f"{both[0]} prints both lines, so they are different lines; only lines that different filings print can be joined."
    return ""


def split_refusal(view: CombinedView, line: int) -> str:
    """Why a line of a combined statement cannot be split, or "" when it can."""
    if len({normalize_label(label) for label in view.wordings(line)}) < 2:
        return "Every filing prints this line under the same label: there is nothing to split."
    return ""


@dataclass
class CheckedWorkspace:
    """Every statement that two or more open filings print, combined."""

    statements: list[CombinedView]
    files: tuple[str, ...]  # every filing of the workspace, earliest first
    choice: Choice

    def find(self, key: tuple[str, str]) -> int | None:
        return next((n for n, view in enumerate(self.statements) if view.key == key), None)


def _workspace_rank(view_key: tuple[str, str], kind: StatementKind) -> tuple[int, bool]:
    rank = _WORKSPACE_ORDER.index(kind) if kind in _WORKSPACE_ORDER else len(_WORKSPACE_ORDER)
    return rank, view_key[1] != "consolidated"


def carried_checks(shown: Statement, members: Sequence[tuple[Statement, StatementChecks]]) -> StatementChecks:
    """The checks of the filings' own statements, on the combined cells that show their
    values (found by source: one source is one printed cell). Footing the combined statement
    again would repeat them, at a cost that grows steeply with its many lines."""
    where = {cell.source: key for key, cell in shown.cells.items()}

    def shown_at(statement: Statement, line: int, column: int | None) -> tuple[int, int] | None:
        cell = statement.cells.get((line, column)) if column is not None else None
        return where.get(cell.source) if cell is not None else None

    footing, disagreements, tagged, problems = [], [], [], {}
    for statement, checks in members:
        column_of = {column: j for j, column in enumerate(statement.columns)}
        footing += [r for r in checks.footing_failures if shown_at(statement, r.line, r.column) is not None]
        tagged += [r for r in checks.tag_failures if shown_at(statement, r.line, r.column) is not None]
        disagreements += [c for c in checks.disagreements if where.get(c.cell.source) is not None]
        for (line, column), message in checks.problems.items():
            found = shown_at(statement, line, column_of.get(column))
            if found is not None:
                problems[(found[0], shown.columns[found[1]])] = message
    return StatementChecks(tuple(footing), tuple(disagreements), problems, tuple(tagged))


def combined_view(combined: CombinedStatement, checked: Sequence[CheckedFiling], choice: Choice) -> CombinedView:
    filings = [c.filing for c in checked]
    statement = combined.showing(choice)
    printed_in = {cell.source.file for cells in combined.reports.values() for cell in cells}
    files = tuple(f.file_name for f in filings if f.file_name in printed_in)
    rounding = next((f.rounding for f in filings if f.file_name == statement.file_name), Rounding.HALF)
    columns = combined.statement.columns
    reports = Reports(
        by_cell={(line, columns[column]): tuple(cells) for (line, column), cells in combined.reports.items()},
        restated=frozenset((r.line, columns[r.column]) for r in past_restatements(combined, filings)),
        choice=choice,
    )
    members = [(s, checks) for c in checked for s, checks in zip(c.filing.statements, c.checks, strict=True) if s.key == combined.statement.key]
    return CombinedView(
        combined=combined,
        statement=statement,
        checks=carried_checks(statement, members),
        changes=compute_changes(statement, rounding),
        rounding=rounding,
        files=files,
        labels=printed_labels(combined, filings),
        reports=reports,
    )


def check_workspace(checked: Sequence[CheckedFiling], mapping: LineMapping, choice: Choice, cancelled: CancelCheck | None = None) -> CheckedWorkspace:
    """Combine open filings into one statement per kind (those that two or more filings
    print), with their checks and changes, so that all of it runs off the GUI thread."""
    by_filing = {id(c.filing): c for c in checked}
    ordered = [by_filing[id(f)] for f in Workspace(filings=[c.filing for c in checked], mapping=mapping, choice=choice).ordered_filings()]
    views = []
    for combined in combine_filings([c.filing for c in ordered], mapping):
        if cancelled is not None and cancelled():
            raise LoadCancelled("workspace")
        if len({cell.source.file for cells in combined.reports.values() for cell in cells}) >= 2:
            views.append(combined_view(combined, ordered, choice))
    position = {id(view): n for n, view in enumerate(views)}
    views.sort(key=lambda view: (*_workspace_rank(view.key, view.statement.kind), position[id(view)]))
    return CheckedWorkspace(views, tuple(c.filing.file_name for c in ordered), choice)


# ----------------------------------------------------------------------------- statement table


@dataclass(frozen=True, slots=True)
class TableCell:
    text: str
    value: float | None  # in the display scale, for sorting and charts
    negative: bool
    derived: bool
    tooltip: str
    problem: str  # a failed check on this cell, or ""
    restated: bool = False  # filings of the workspace reported different values for it


@dataclass
class StatementTable:
    """One statement laid out for the table: chronological columns, formatted cells."""

    statement: Statement
    scale: DisplayScale
    caption: str
    labels: list[str]  # section-prefixed where a label repeats: how exports name rows
    cells: dict[tuple[int, int], TableCell]
    common_size_base: str | None = None  # the line amounts are shown as a % of, when common-sized
    line_notes: dict[int, str] = field(default_factory=dict)  # lines filings printed under different labels

    @property
    def columns(self) -> list[Column]:
        return self.statement.columns

    @property
    def lines(self):
        return self.statement.lines

    def line_tooltip(self, line: int) -> str:
        spec = self.statement.lines[line]
        parts = [self.labels[line]]
        if spec.section:
            parts.append("under " + " \u203a ".join(s.rstrip(":") for s in spec.section))
        if spec.is_total:
            parts.append("a total of the lines above it")
        if spec.is_heading:
            parts.append("a section heading without values")
        if spec.memo:
            parts.append("an \u201cof which\u201d line: part of the line above")
        if spec.unit:
            parts.append(f"unit: {spec.unit}")
        if line in self.line_notes:
            parts.append(self.line_notes[line])
        return "\n".join(parts)


def _cell_tooltip(table_label: str, column: Column, cell: Cell, value: ScaledValue, problem: str) -> str:
    parts = [f"{table_label} \u00b7 {column.label}"]
    if cell.derived:
        parts.append(f"{cell.note or 'derived'} (computed by Tickmark, not printed in the filing)")
    else:
        parts.append(f"printed: {cell.text}")
    caption = "" if value.unit == "%" else unit_caption(value.unit, value.scale)
    parts.append(f"value: {format_scaled(value)} {caption}".rstrip())
    parts.append(f"source: {cell.source.describe()}")
    if cell.tag is not None:
        parts.append(xbrl_tooltip(cell.tag))
    if problem:
        parts.append(f"\u26a0 check: {problem}")
    return "\n".join(parts)


def xbrl_tooltip(tag: XbrlTag) -> str:
    """What the cell's inline-XBRL tag says: concept, context, unit and scale."""
    context = tag.context.describe() if tag.context is not None else "defined in another file of the filing"
    sign = ', sign="-"' if tag.sign else ""
    return f"XBRL concept: {tag.concept}\nXBRL context {tag.context_id}: {context}\nXBRL unit {tag.unit}, scale {tag.scale}, decimals {tag.decimals}{sign}"


@dataclass(frozen=True)
class Reports:
    """What every filing of a workspace printed for each cell of a combined statement, keyed
    by (line, column) so that derived or reordered columns still find theirs."""

    by_cell: dict[tuple[int, Column], tuple[Cell, ...]]
    restated: frozenset[tuple[int, Column]]
    choice: Choice

    def describe(self, line: int, column: Column, scale: DisplayScale) -> str:
        """Every value the filings printed for a cell, earliest first, with where each was printed."""
        cells = self.by_cell.get((line, column), ())
        if len(cells) < 2:
            return ""
        restated = (line, column) in self.restated
        heading = f"\u21bb Restated: {len(cells)} filings reported different values" if restated else f"Printed alike in {len(cells)} filings"
        rows = []
        for number, cell in enumerate(cells):
            value = scaled(cell, scale)
            when = " \u2014 as first reported" if number == 0 else " \u2014 latest" if number == len(cells) - 1 else ""
            rows.append(f"  \u2022 {format_scaled(value)} in {cell.source.describe()}{when if restated else ''}")
        shown = "showing the latest" if self.choice is Choice.LATEST else "showing the value as first reported"
        return "\n".join([heading + (f" ({shown})" if restated else "") + ":", *rows])


def statement_table(
    statement: Statement,
    scale: DisplayScale = DisplayScale.AS_REPORTED,
    show_derived: bool = False,
    checks: StatementChecks | None = None,
    combined: CombinedView | None = None,
    common_sized: bool = False,
) -> StatementTable:
    """The statement laid out for the table. For a ``combined`` statement of the workspace,
    restated cells are marked and their tooltips list what every filing printed, and lines
    printed under different labels say so; ``common_sized`` shows amounts as a % of revenue
    (flows) or of total assets (balance sheets) where the statement has that line."""
    reports = combined.reports if combined is not None else None
    shown = display_statement(statement, show_derived)
    caption = statement_caption(statement, scale)
    base_label = None
    if common_sized and (sized := common_size(shown)) is not None:
        base_label = shown.lines[base_line(shown)].label
        shown, caption = sized, f"% of {base_label}"
    labels = shown.display_labels()
    cells = {}
    for (line, column_index), cell in shown.cells.items():
        column = shown.columns[column_index]
        value = scaled(cell, scale)
        problem = checks.problem_at(line, column) if checks is not None else ""
        tooltip = _cell_tooltip(labels[line], column, cell, value, problem)
        history = reports.describe(line, column, scale) if reports is not None else ""
        cells[(line, column_index)] = TableCell(
            text=format_scaled(value),
            value=value.as_float,
            negative=value.value is not None and value.value < 0,
            derived=cell.derived,
            tooltip=f"{tooltip}\n{history}" if history else tooltip,
            problem=problem,
            restated=reports is not None and (line, column) in reports.restated,
        )
    notes = {line: note for line in range(len(shown.lines)) if combined is not None and (note := combined.line_note(line))}
    return StatementTable(shown, scale, caption, labels, cells, base_label, notes)


# ----------------------------------------------------------------------------- selections


def selection_grid(
    table: StatementTable,
    lines: Sequence[int],
    columns: Sequence[int],
    selected: set[tuple[int, int]] | None = None,
) -> list[list[str]]:
    """Rows of text for an export: a header of ``Line item`` and the period labels as printed,
    then one row per line with exact numbers in the display scale. Only ``selected``
    (line, column) cells are filled (all when None); nil cells stay empty."""
    grid = [[LINE_ITEM_HEADER, *(table.columns[j].label for j in columns)]]
    for line in lines:
        row = [table.labels[line]]
        for column in columns:
            cell = table.statement.cells.get((line, column))
            wanted = selected is None or (line, column) in selected
            row.append(raw_text(scaled(cell, table.scale)) if cell is not None and wanted else "")
        grid.append(row)
    return grid


def selection_csv(table: StatementTable, lines: Sequence[int], columns: Sequence[int], selected: set[tuple[int, int]] | None = None) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(selection_grid(table, lines, columns, selected))
    return buffer.getvalue()


def selection_tsv(table: StatementTable, lines: Sequence[int], columns: Sequence[int], selected: set[tuple[int, int]] | None = None) -> str:
    """Tab-separated text that pastes into a spreadsheet: one value alone when one cell is
    selected, else the grid with its headers."""
    if selected is not None and len(selected) == 1 and len(lines) == 1 and len(columns) == 1:
        cell = table.statement.cells.get((lines[0], columns[0]))
        return raw_text(scaled(cell, table.scale)) if cell is not None else ""
    grid = selection_grid(table, lines, columns, selected)
    return "\n".join("\t".join(" ".join(text.split()) for text in row) for row in grid) + "\n"


# ----------------------------------------------------------------------------- diff panel


class DiffOrder(Enum):
    STATEMENT = "statement order"
    MOVERS = "biggest movers first"


@dataclass(frozen=True, slots=True)
class DiffRow:
    change: Change
    label: str
    period_label: str
    prior_label: str
    value: ScaledValue
    prior_value: ScaledValue
    change_value: ScaledValue

    @property
    def change_pct(self) -> Decimal | None:
        return self.change.change_pct

    @property
    def derived(self) -> bool:
        return self.change.derived

    @property
    def flagged(self) -> bool:
        return self.change.status is CheckStatus.INCONSISTENT

    @property
    def direction(self) -> int:
        return (self.change.change > 0) - (self.change.change < 0)

    @property
    def intensity(self) -> float:
        """0 for no move, rising with |change %| to 1 at SATURATION_PCT and beyond."""
        if self.direction == 0:
            return 0.0
        if self.change_pct is None:
            return 1.0
        return min(abs(float(self.change_pct)) / SATURATION_PCT, 1.0)

    @property
    def highlight_rgb(self) -> tuple[int, int, int] | None:
        return highlight_rgb(self.direction, self.intensity)

    def check_text(self) -> str:
        status = self.change.status
        if status is None:
            return ""
        printed = self.change.reported.text if self.change.reported is not None else ""
        if self.change.reported_percent and printed:
            printed += " %"
        if status is CheckStatus.TIED:
            return f"\u2713 printed {printed}"
        if status is CheckStatus.CONSISTENT:
            return f"\u2248 printed {printed} (within rounding)"
        return f"\u26a0 {_printed_vs_computed(self.change)}"

    def tooltip(self) -> str:
        parts = [
            f"{self.label}: {self.change.basis.value} {self.period_label} against {self.prior_label}",
            f"{self.change.period.describe()} against {self.change.prior.describe()}",
        ]
        notes = [note for note in (self.change.cell.note, self.change.prior_cell.note) if note]
        if notes:
            parts.append("uses derived values: " + "; ".join(notes))
        if self.check_text():
            parts.append(self.check_text())
        return "\n".join(parts)


def highlight_rgb(direction: int, intensity: float) -> tuple[int, int, int] | None:
    """Green for a rise, red for a fall, paler for a small move; None for no move."""
    if direction == 0:
        return None
    colour = RISE_RGB if direction > 0 else FALL_RGB
    alpha = 0.10 + 0.50 * max(0.0, min(intensity, 1.0))
    return tuple(round(w + (c - w) * alpha) for w, c in zip(WHITE_RGB, colour, strict=True))


def diff_rows(
    statement: Statement,
    basis: Basis,
    rounding: Rounding = Rounding.HALF,
    scale: DisplayScale = DisplayScale.AS_REPORTED,
    threshold_pct: float = 0.0,
    order: DiffOrder = DiffOrder.STATEMENT,
    changes: Sequence[Change] | None = None,
) -> list[DiffRow]:
    """The moves of one statement on one basis (QoQ uses derived quarters where needed);
    ``changes`` are the statement's ``compute_changes`` when already known."""
    labels = statement.display_labels()
    rows = []
    for change in compute_changes(statement, rounding) if changes is None else changes:
        if change.basis is not basis:
            continue
        columns = change.statement.columns
        cell, prior_cell = change.cell, change.prior_cell
        difference = Cell(value=change.change, text="", source=cell.source, unit=cell.unit, scale=cell.scale)
        rows.append(
            DiffRow(
                change=change,
                label=labels[change.line],
                period_label=short_label(columns[change.column]),
                prior_label=short_label(columns[change.prior_column]),
                value=scaled(cell, scale),
                prior_value=scaled(prior_cell, scale),
                change_value=scaled(difference, scale),
            )
        )
    return sort_rows(moves_of_at_least(rows, threshold_pct), order)


def moves_of_at_least(rows: Iterable[DiffRow], threshold_pct: float) -> list[DiffRow]:
    """Rows moving by at least ``threshold_pct`` percent; a move away from zero (no
    percentage) always counts as big."""
    if threshold_pct <= 0:
        return list(rows)
    return [
        row
        for row in rows
        if (row.change_pct is None and row.direction != 0) or (row.change_pct is not None and abs(row.change_pct) >= Decimal(str(threshold_pct)))
    ]


def sort_rows(rows: list[DiffRow], order: DiffOrder) -> list[DiffRow]:
    if order is DiffOrder.MOVERS:
        return sorted(rows, key=lambda row: (row.change_pct is None, -abs(row.change_pct or 0)))
    return sorted(rows, key=lambda row: (row.change.line, row.change.period.sort_key()))


# ----------------------------------------------------------------------------- growth over a span


@dataclass(frozen=True, slots=True)
class GrowthRow:
    """Compound annual growth of one line between two periods."""

    label: str
    first: str
    last: str
    cagr: Decimal | None

    @property
    def cagr_text(self) -> str:
        return NOT_MEANINGFUL if self.cagr is None else format_change_pct(self.cagr) + " a year"


def span_years(table: StatementTable, first: int, last: int) -> float:
    start, end = table.columns[first].period, table.columns[last].period
    return 0.0 if start is None or end is None else (end.end - start.end).days / 365.25


def growth_rows(table: StatementTable, lines: Sequence[int], first: int, last: int) -> list[GrowthRow]:
    """CAGR of each line from the ``first`` to the ``last`` column of the table (n/m where a
    value is missing or the signs make growth meaningless)."""
    rows = []
    for line in lines:
        texts = [table.cells[(line, column)].text if (line, column) in table.cells else EM_DASH for column in (first, last)]
        rows.append(GrowthRow(table.labels[line], texts[0], texts[1], line_cagr(table.statement, line, first, last)))
    return rows


# ----------------------------------------------------------------------------- charts


@dataclass(frozen=True, slots=True)
class ChartSeries:
    name: str
    values: tuple[float, ...]  # one per category; NaN where the period has no value
    texts: tuple[str, ...]  # the same values formatted for the hover read-out


@dataclass(frozen=True, slots=True)
class ChartData:
    title: str
    categories: tuple[str, ...]  # compact period labels for the x axis
    category_tooltips: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    y_caption: str
    derived: tuple[bool, ...] = ()  # per category: computed by Tickmark, not printed

    def is_derived(self, category: int) -> bool:
        return category < len(self.derived) and self.derived[category]


def chart_of_lines(table: StatementTable, lines: Sequence[int]) -> ChartData:
    """One series per line, one point per period column of the table (derived ones included
    when the table shows them), values in the table's display scale."""
    columns = [j for j, column in enumerate(table.columns) if is_period(column)]
    series = []
    captions = set()
    for line in lines:
        values, texts = [], []
        for column in columns:
            cell = table.statement.cells.get((line, column))
            value = scaled(cell, table.scale) if cell is not None else None
            values.append(math.nan if value is None or value.value is None else float(value.value))
            texts.append(EM_DASH if value is None else format_scaled(value))
            if value is not None:
                captions.add(unit_caption(value.unit, value.scale))
        series.append(ChartSeries(table.labels[line], tuple(values), tuple(texts)))
    caption = captions.pop() if len(captions) == 1 else ("mixed units" if captions else table.caption)
    return ChartData(
        title=", ".join(table.labels[line] for line in lines),
        categories=tuple(short_label(table.columns[j]) for j in columns),
        category_tooltips=tuple(table.columns[j].tooltip() for j in columns),
        series=tuple(series),
        y_caption=caption,
        derived=tuple(table.columns[j].derived for j in columns),
    )


def chart_of_changes(rows: Sequence[DiffRow], lines: Sequence[int]) -> ChartData:
    """Change % of the given lines, one point per later period of the diff rows' basis."""
    wanted = [row for row in rows if row.change.line in lines]
    periods = sorted({row.change.period for row in wanted}, key=lambda period: period.sort_key())
    label_of = {row.change.period: row.period_label for row in wanted}
    derived_periods = {row.change.period for row in wanted if row.change.statement.columns[row.change.column].derived}
    basis = wanted[0].change.basis.value if wanted else "change"
    series = []
    for line in dict.fromkeys(row.change.line for row in wanted):
        by_period = {row.change.period: row for row in wanted if row.change.line == line}
        values = tuple(
            float(by_period[p].change_pct) if p in by_period and by_period[p].change_pct is not None else math.nan for p in periods
        )
        texts = tuple(format_change_pct(by_period[p].change_pct) if p in by_period else EM_DASH for p in periods)
        name = next(row.label for row in wanted if row.change.line == line)
        series.append(ChartSeries(name, values, texts))
    return ChartData(
        title=f"{basis} % \u2014 " + ", ".join(s.name for s in series),
        categories=tuple(label_of[p] for p in periods),
        category_tooltips=tuple(p.describe() for p in periods),
        series=tuple(series),
        y_caption=f"{basis} change (%)",
        derived=tuple(p in derived_periods for p in periods),
    )
