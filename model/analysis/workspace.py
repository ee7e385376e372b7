"""Many filings as one workspace: one statement per kind with every period side by side,
lines aligned across filings, restated values kept with their sources."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path

from model.analysis.compare import Change, compute_changes
from model.analysis.line_alignment import LineMapping, comparable_value, merge_lines
from model.errors import FilingError
from model.filing import Filing, company_key, load_filing
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import Period
from model.parsing.limits import ParseSettings
from model.statements.hierarchy import normalize_label
from model.statements.statement import Cell, Column, Statement, StatementKind

ProgressCallback = Callable[[float, str], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class LoadFailure:
    path: str
    reason: str

    @property
    def file_name(self) -> str:
        return Path(self.path).name

    def message(self) -> str:
        return f"{self.file_name}: {self.reason}"


class Choice(Enum):
    """Which value a restated cell shows."""

    LATEST = "latest"
    FIRST = "as first reported"


@dataclass(frozen=True, slots=True)
class Restatement:
    statement: Statement
    line: int
    column: int
    first: Cell
    latest: Cell

    @property
    def period(self) -> Period:
        return self.statement.columns[self.column].period


@dataclass
class CombinedStatement:
    """One statement over several filings; ``reports`` holds every value each filing printed."""

    statement: Statement
    reports: dict[tuple[int, int], list[Cell]]

    def restatements(self) -> list[Restatement]:
        found = []
        for (line, column), cells in sorted(self.reports.items()):
            spec = self.statement.columns[column]
            if spec.forecast or not spec.is_resolved_period or self.statement.kind is StatementKind.GUIDANCE:
                continue  # a forecast revised is news, not a restatement; an undated column restates nothing
            if not all(cell.is_settled for cell in cells):
                continue  # a value whose scale a filing leaves open differs by that, not by a restatement
            if _differ(cells) and not self._residual_of_another_breakdown(line, cells):
                found.append(Restatement(self.statement, line, column, cells[0], cells[-1]))
        return found

    def _residual_of_another_breakdown(self, line: int, cells: list[Cell]) -> bool:
        """"Other liabilities" holds whatever a filing does not itemise: where the filings
        itemise a section differently, its residual differs without anything being restated."""
        if not _RESIDUAL_RE.match(self.statement.lines[line].label):
            return False
        section = self.statement.lines[line].section
        siblings = [i for i, other in enumerate(self.statement.lines) if other.section == section and not other.is_heading]
        itemised = {
            file: frozenset(i for i in siblings if any(c.source.file == file for (l, _), reports in self.reports.items() if l == i for c in reports))
            for file in {c.source.file for c in cells}
        }
        return len(set(itemised.values())) > 1

    def showing(self, choice: Choice) -> Statement:
        cells = dict(self.statement.cells)
        for key, reported in self.reports.items():
            cells[key] = reported[-1] if choice is Choice.LATEST else reported[0]
        return replace(self.statement, cells=cells)


_RESIDUAL_RE = re.compile(r"^(?:all\s+)?others?\b|\bmiscellaneous\b", re.IGNORECASE)


def _differ(cells: list[Cell]) -> bool:
    """Whether two filings reported different values. Equal as printed, or equal once each is
    scaled, is not a restatement (one filing may state a caption's scale the other missed)."""
    if len({c.source.file for c in cells}) < 2:
        return False
    printed = {c.value or Decimal(0) for c in cells}
    scaled = {comparable_value(c) for c in cells}
    return len(printed) > 1 and len(scaled) > 1


@dataclass
class Workspace:
    filings: list[Filing] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)
    mapping: LineMapping = field(default_factory=LineMapping)
    choice: Choice = Choice.LATEST

    def ordered_filings(self) -> list[Filing]:
        """Earliest document first: restatements compare first and latest reports."""
        return sorted(self.filings, key=lambda f: (document_date(f), f.file_name))

    def combined(self) -> list[CombinedStatement]:
        return combine_filings(self.ordered_filings(), self.mapping)

    def statements(self) -> list[Statement]:
        return [c.showing(self.choice) for c in self.combined()]

    def changes(self) -> list[Change]:
        rounding = {f.file_name: f.rounding for f in self.filings}
        changes = []
        for statement in self.statements():
            mode = rounding.get(statement.file_name)
            changes.extend(compute_changes(statement, mode) if mode else compute_changes(statement))
        return changes

    def restatements(self) -> list[Restatement]:
        """Values of one past period that filings report differently."""
        return [r for combined in self.combined() for r in past_restatements(combined, self.filings)]


def document_date(filing: Filing) -> date:
    """The latest period a filing's statements report on: its place in time among the others
    (maturity tables and outlooks in its notes look further ahead)."""
    statements = [s for s in filing.statements if s.kind.is_primary] or filing.statements
    ends = [
        c.period.end
        for s in statements
        for c in s.columns
        if c.period is not None and not c.forecast and c.kind is not ColumnKind.CHANGE
    ]
    return max(ends) if ends else date.min


# ----------------------------------------------------------------------------- combining


def combine_filings(filings: list[Filing], mapping: LineMapping | None = None) -> list[CombinedStatement]:
    """Statements with one key across filings of one company become one; a filing's other
    statements stay. Two companies' statements are never combined (compare them side by side)."""
    mapping = mapping or LineMapping()
    groups: dict[tuple[str, tuple[str, str]], list[Statement]] = {}
    order: list[tuple[str, tuple[str, str]]] = []
    companies = {company_key(f.company) for f in filings}
    for filing in filings:
        company = company_key(filing.company)
        for statement in filing.statements:
            key = statement.key if statement.key != ("", "") else (statement.kind.value, normalize_label(statement.title))
            if len(companies) > 1:
                statement = replace(statement, title=f"{filing.company}: {statement.title}")
            if (company, key) not in groups:
                groups[(company, key)] = []
                order.append((company, key))
            groups[(company, key)].append(statement)
    return [combine_statements(groups[key], mapping) for key in order]


def combine_statements(statements: list[Statement], mapping: LineMapping | None = None) -> CombinedStatement:
    mapping = mapping or LineMapping()
    first = statements[0]
    lines = list(first.lines)
    columns = list(first.columns)
    reports: dict[tuple[int, int], list[Cell]] = {key: [cell] for key, cell in first.cells.items()}
    for statement in statements[1:]:
        column_map = _merge_columns(columns, statement.columns)
        line_map, lines, reports = merge_lines(lines, columns, reports, statement, column_map, mapping, first.key)
        for (line, column), cell in statement.cells.items():
            cell = _in_scale(cell, first.scale)
            key = (line_map[line], column_map[column])
            if key in reports:
                if cell not in reports[key]:
                    reports[key].append(cell)
            else:
                reports[key] = [cell]
    statement = replace(
        first,
        columns=columns,
        lines=lines,
        cells={key: cells[-1] for key, cells in reports.items()},
        sources=[source for s in statements for source in s.sources],
        warnings=[w for s in statements for w in s.warnings],
        file_name=statements[-1].file_name,
    )
    ordered = statement.in_chronological_order()
    if ordered is not statement:
        new_index = {id(column): j for j, column in enumerate(ordered.columns)}
        remap = {old: new_index[id(column)] for old, column in enumerate(statement.columns)}
        reports = {(line, remap[column]): cells for (line, column), cells in reports.items()}
    return CombinedStatement(ordered, reports)


def _in_scale(cell: Cell, scale: int) -> Cell:
    """A value printed in another scale (thousands against millions) restated in the target's."""
    if cell.value is None or cell.scale == scale or cell.unit in ("%", "shares") or "/share" in cell.unit or 1 in (scale, cell.scale):
        return cell
    value = cell.value * Decimal(cell.scale) / Decimal(scale)
    return replace(cell, value=value, scale=scale, note=(cell.note + "; " if cell.note else "") + f"printed as {cell.text} in units of {cell.scale:,}")


def _merge_columns(columns: list[Column], incoming: list[Column]) -> dict[int, int]:
    """Columns of one period are one column; where a statement prints several columns for one
    period (cost, gains, fair value ...), their labels tell them apart."""
    mapping = {}
    taken: set[int] = set()
    for index, column in enumerate(incoming):
        match = None
        if column.kind is not ColumnKind.CHANGE and column.period is not None:
            same_period = [
                j for j, c in enumerate(columns)
                if j not in taken and c.kind is column.kind and c.period == column.period and c.forecast == column.forecast and c.unit == column.unit
            ]
            several = sum(1 for c in incoming if c.period == column.period and c.kind is column.kind) > 1 or len(same_period) > 1
            if several:
                same_period = [j for j in same_period if normalize_label(columns[j].label) == normalize_label(column.label)]
            match = same_period[0] if same_period else None
        if match is not None:
            taken.add(match)
        if match is None:
            columns.append(column)
            match = len(columns) - 1
            taken.add(match)
        mapping[index] = match
    return mapping


# ----------------------------------------------------------------------------- loading


def load_workspace(
    paths: Iterable[str | Path],
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    parsing: ParseSettings | None = None,
) -> Workspace:
    """Load every file; a file that fails is recorded with its reason and the rest still load.
    With ``parsing``, the files are read in worker processes under its limits (several at once,
    from the cache where it holds them); the filings keep the order of ``paths`` either way."""
    paths = list(paths)
    if parsing is not None:
        return _workspace_from_pool(paths, parsing, progress)
    workspace = Workspace()
    for number, path in enumerate(paths):
        def report(fraction: float, message: str, number: int = number, path: str | Path = path) -> None:
            if progress is not None:
                progress((number + fraction) / len(paths), f"{Path(path).name}: {message}")

        try:
            workspace.filings.append(load_filing(path, report, cancelled))
        except FilingError as error:
            workspace.failures.append(LoadFailure(str(path), error.reason))
    return workspace


def _workspace_from_pool(paths: list[str | Path], parsing: ParseSettings, progress: ProgressCallback | None) -> Workspace:
    from model.parsing.job import FILING_JOB, Crashed, Failed, Loaded, Locked
    from model.parsing.pool import parse_in_order

    workspace = Workspace()
    for path, outcome in zip(paths, parse_in_order(paths, parsing, FILING_JOB, progress)):
        if isinstance(outcome, Loaded):
            workspace.filings.append(outcome.value)  # type: ignore[arg-type]
        elif isinstance(outcome, (Failed, Locked)):
            workspace.failures.append(LoadFailure(str(path), outcome.reason))
        elif isinstance(outcome, Crashed):
            workspace.failures.append(LoadFailure(str(path), f"Tickmark failed while reading it ({outcome.error})"))
    return workspace


# ----------------------------------------------------------------------------- the user's joins and splits


def printed_labels(combined: CombinedStatement, filings: Iterable[Filing]) -> dict[int, dict[str, str]]:
    """For each line of a combined statement, the label each filing printed it under
    (file name -> label, earliest filing first). Cells are traced back through their
    source, which names one printed cell, so lines that alignment merged show every wording."""
    line_of = {cell.source: line for (line, _), cells in combined.reports.items() for cell in cells}
    labels: dict[int, dict[str, str]] = {}
    for filing in filings:
        for statement in filing.statements:
            if statement.key != combined.statement.key:
                continue
            for (index, _), cell in statement.cells.items():
                line = line_of.get(cell.source)
                if line is not None:
                    labels.setdefault(line, {}).setdefault(statement.file_name, statement.lines[index].label)
    return labels


def past_restatements(combined: CombinedStatement, filings: Iterable[Filing]) -> list[Restatement]:
    """Values of periods the earlier filing had already reached, reported differently later.
    Periods still ahead of it (lease maturities, outlooks) change without being restated."""
    dates = {f.file_name: document_date(f) for f in filings}
    return [r for r in combined.restatements() if r.period.end <= dates.get(r.first.source.file, date.max)]
