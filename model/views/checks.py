"""What the checks found in each statement of a filing, and the filing as the window holds it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from model.analysis.checks import FootingResult, TagResult, failures, foot_statement, tag_disagreements
from model.analysis.compare import Change, CheckStatus, Rounding, compute_changes
from model.analysis.consistency import Finding, StatedAmount, cross_table_checks, eps_checks, narrative_checks, period_length_checks
from model.filing import CancelCheck, Filing, ProgressCallback, load_filing
from model.interpretation.numbers import format_decimal
from model.errors import FilingError
from model.readers.files import file_hash
from model.statements.statement import Column, Statement, StatementKind
from model.views.formatting import NOT_MEANINGFUL

@dataclass(frozen=True)
class StatementChecks:
    """What the checks found in one statement: totals that do not foot, printed changes that
    disagree with the printed amounts, figures another printing of them contradicts, and the
    values whose period or scale the document leaves open."""

    footing_failures: tuple[FootingResult, ...] = ()
    disagreements: tuple[Change, ...] = ()
    problems: dict[tuple[int, Column], str] = field(default_factory=dict)
    failing: frozenset[tuple[int, Column]] = frozenset()  # cells of totals that do not foot
    findings: tuple[Finding, ...] = ()  # consistency checks that failed
    confirmations: int = 0  # consistency checks that passed
    unverified: tuple[str, ...] = ()  # why the statement's periods or scale are not all settled
    tag_failures: tuple[TagResult, ...] = ()  # printed numbers their XBRL tags contradict

    @property
    def count(self) -> int:
        return len(self.footing_failures) + len(self.disagreements) + len(self.findings) + len(self.tag_failures)

    @property
    def verified(self) -> bool:
        """A ✓: every period and scale has evidence and every check passes."""
        return self.count == 0 and not self.unverified

    def status_text(self) -> str:
        """The navigator's mark: ✓, the number of failed checks, or "unverified"."""
        if self.count:
            return f"\u26a0 {self.count}"
        return "\u2713" if self.verified else "unverified"

    def messages(self) -> list[str]:
        return (
            [result.describe() for result in self.footing_failures]
            + [describe_disagreement(c) for c in self.disagreements]
            + [f"{f.check}: {f.message}" for f in self.findings]
            + [result.describe() for result in self.tag_failures]
            + [f"unverified: {reason}" for reason in self.unverified]
        )

    def problem_at(self, line: int, column: Column) -> str:
        return self.problems.get((line, column), "")


def unsettled(statement: Statement) -> tuple[str, ...]:
    """Why a statement cannot be shown as verified: columns without a settled period, values
    without a settled scale or unit."""
    reasons = []
    columns = [c for c in statement.columns if c.unresolved]
    if columns:
        reasons.append(f"{len(columns)} column(s) without a settled period: {columns[0].unresolved}")
    cells = [cell for cell in statement.cells.values() if cell.unresolved and not cell.derived]
    if cells:
        reasons.append(f"{len(cells)} value(s) without a settled scale: {cells[0].unresolved}")
    return tuple(reasons)


def describe_disagreement(change: Change) -> str:
    label = change.statement.display_labels()[change.line]
    period = change.statement.columns[change.column].label
    return f"{label}, {period}: the printed change {_printed_vs_computed(change)}"


def printed_change_text(change: Change) -> str:
    """The change the document prints, with its per cent sign once: ``(3)%``, ``12.5 %``."""
    if change.reported is None:
        return ""
    text = change.reported.text
    return f"{text} %" if change.reported_percent and "%" not in text else text


def _printed_vs_computed(change: Change) -> str:
    if change.reported is None:
        return ""
    if change.reported_percent:
        computed = change.change_pct
        computed_text = NOT_MEANINGFUL if computed is None else f"{computed.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)} %"
        return f"{printed_change_text(change)} disagrees with the computed {computed_text}"
    return f"{change.reported.text} disagrees with the computed {format_decimal(change.change)}"


def check_statement(
    statement: Statement,
    rounding: Rounding = Rounding.HALF,
    stated: tuple[StatedAmount, ...] = (),
    elsewhere: Sequence[Finding] = (),
) -> StatementChecks:
    """Footing, printed changes, and the consistency checks of one statement; ``elsewhere`` are
    the findings of checks that hold it against other tables of its filing."""
    footing = tuple(failures(foot_statement(statement, rounding)))
    disagreements = tuple(
        change for change in compute_changes(statement, rounding, derive=False) if change.status is CheckStatus.INCONSISTENT
    )
    consistency = [*eps_checks(statement), *narrative_checks(statement, stated), *period_length_checks(statement), *elsewhere]
    findings = tuple(f for f in consistency if not f.passed)
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
    for finding in findings:
        problems[(finding.line, statement.columns[finding.column])] = f"{finding.check}: {finding.message}"
    tagged = tuple(tag_disagreements(statement))
    for result in tagged:
        problems[(result.line, statement.columns[result.column])] = result.describe()
    failing = frozenset(
        [(result.line, statement.columns[result.column]) for result in footing]
        + [(finding.line, statement.columns[finding.column]) for finding in findings]
        + [(result.line, statement.columns[result.column]) for result in tagged]
    )
    confirmations = sum(1 for f in consistency if f.passed)
    return StatementChecks(footing, disagreements, problems, failing, findings, confirmations, unsettled(statement), tagged)


def check_filing(filing: Filing) -> list[StatementChecks]:
    """The checks of every statement of a filing, the ones across its tables included."""
    across = cross_table_checks(filing.statements)
    return [
        check_statement(statement, filing.rounding, filing.stated_amounts, across.get(index, ()))
        for index, statement in enumerate(filing.statements)
    ]


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

    def status_text(self) -> str:
        """✓ only when every statement is verified; the failed checks, or "unverified"."""
        if self.check_count:
            return f"\u26a0 {self.check_count}"
        return "\u2713" if all(checks.verified for checks in self.checks) else "unverified"


def load_checked_filing(
    path: str, progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None, password: str = ""
) -> CheckedFiling:
    """The one loader path (``load_filing``), then the checks and the changes, so that all of
    it runs off the GUI thread."""
    filing = load_filing(path, progress, cancelled, password=password)
    try:
        digest = file_hash(path)
    except OSError:
        raise FilingError(path, "the file was removed or replaced while it was read") from None
    return CheckedFiling(
        filing,
        check_filing(filing),
        [compute_changes(statement, filing.rounding) for statement in filing.statements],
        digest,
    )


_STATEMENT_TITLE_RE = re.compile(
    r"statements?\s+of\s+(?:consolidated\s+)?(?:operations|income|earnings|comprehensive|financial\s+position|cash\s+flows?)|balance\s+sheets?|"
    r"income\s+statements?|profit\s+(?:and|&)\s+loss|cash\s+flows?\s+statements?",
    re.IGNORECASE,
)
FULL_STATEMENT_LINES = 8


def _as_main(statement: Statement) -> tuple[bool, bool, int]:
    """How much a statement looks like the filing's own primary statement rather than a table
    of the same kind in its MD&A: titled as one, consolidated, long."""
    return (bool(_STATEMENT_TITLE_RE.search(statement.title)), statement.key[1] == "consolidated", len(statement.lines))


def main_statement_index(filing: Filing) -> int:
    """The statement a filing opens on: its primary income statement (a 10-K opens on its
    statement of operations, not on an MD&A table of costs), else another full statement,
    else the first table found."""
    preference = (StatementKind.INCOME, StatementKind.BALANCE_SHEET, StatementKind.CASH_FLOW, StatementKind.COMPREHENSIVE_INCOME, StatementKind.SUMMARY)
    fallback = None
    for wanted in preference:
        candidates = [index for index, statement in enumerate(filing.statements) if statement.kind is wanted]
        if not candidates:
            continue
        best = max(candidates, key=lambda index: (_as_main(filing.statements[index]), -index))
        titled, _, lines = _as_main(filing.statements[best])
        if titled or lines >= FULL_STATEMENT_LINES:
            return best
        fallback = best if fallback is None else fallback
    return 0 if fallback is None else fallback
