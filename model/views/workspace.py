"""The workspace as the window shows it: combined statements with their checks, changes,
restatements and the labels each filing printed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.analysis.checks import TagResult
from model.analysis.compare import Change, Rounding, compute_changes
from model.analysis.workspace import Choice, CombinedStatement, Workspace, combine_filings, past_restatements, printed_labels
from model.analysis.line_alignment import LineMapping
from model.errors import LoadCancelled
from model.filing import CancelCheck
from model.interpretation.periods import FiscalCalendar
from model.statements.hierarchy import normalize_label
from model.statements.statement import Cell, Column, Statement, StatementKind
from model.views.checks import CheckedFiling, StatementChecks
from model.views.formatting import DisplayScale, format_scaled, scaled

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
    calendar: FiscalCalendar | None = None  # of the latest filing: how its periods are labelled

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

    footing, disagreements, problems, failing, findings, unverified, tagged = [], [], {}, set(), [], [], []
    confirmations = 0
    for statement, checks in members:
        findings += checks.findings
        unverified += [reason for reason in checks.unverified if reason not in unverified]
        confirmations += checks.confirmations
        column_of = {column: j for j, column in enumerate(statement.columns)}
        for result in (*checks.footing_failures, *checks.tag_failures):
            found = shown_at(statement, result.line, result.column)
            if found is not None:
                (tagged if isinstance(result, TagResult) else footing).append(result)
                failing.add((found[0], shown.columns[found[1]]))
        disagreements += [c for c in checks.disagreements if where.get(c.cell.source) is not None]
        for (line, column), message in checks.problems.items():
            found = shown_at(statement, line, column_of.get(column))
            if found is not None:
                problems[(found[0], shown.columns[found[1]])] = message
    return StatementChecks(
        tuple(footing), tuple(disagreements), problems, frozenset(failing), tuple(findings), confirmations, tuple(unverified), tuple(tagged)
    )


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
        calendar=next((f.calendar for f in filings if f.file_name == statement.file_name), None),
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
