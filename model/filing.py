"""Filing: one document read into statements. ``load_filing`` is the one loader path that
File -> Open, drag-and-drop, command-line arguments and the headless export all call."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from model.analysis.compare import Rounding
from model.analysis.consistency import StatedAmount, stated_amounts
from model.errors import FilingError, LoadCancelled
from model.interpretation.calendar_inference import infer_calendar
from model.interpretation.dates import find_dates
from model.interpretation.headers import ColumnKind
from model.interpretation.periods import FiscalCalendar, is_month_end
from model.raw import RawDocument
from model.readers import read_document
from model.statements.statement import Statement, StatementKind
from model.statements.build import build_statements
from model.statements.plausible import without_implausible_values

ProgressCallback = Callable[[float, str], None]
CancelCheck = Callable[[], bool]

_NAMED_COMPANY_RE = re.compile(r"^\s*(?:company name|name of (?:the )?(?:registrant|company))\s*[:：]\s*(?P<name>.+?)\s*$", re.I)
_LEGAL_ENTITY_RE = re.compile(
    r"\b((?:[A-Z][\w&'.-]*|[a-z]+\.com)(?:[ ,]+(?:[A-Z][\w&'.-]*|of|and|&)){0,5}?,?\s+"
    r"(?i:Inc\.|Incorporated|Corporation|Corp\.|Co\., Ltd\.|Company, Inc\.|plc|N\.V\.|S\.A\.|Ltd\.|Limited|Holdings(?:,? Inc\.)?|Co\.))"
)
_NOT_A_NAME_RE = re.compile(r"^(?:the|board|although|losses|of|and|our|its|this|each)\b", re.I)
_COVER_LINES = 60


@dataclass
class Filing:
    path: str
    file_name: str
    format: str
    company: str
    calendar: FiscalCalendar
    statements: list[Statement]
    warnings: list[str] = field(default_factory=list)
    page_count: int | None = None
    line_count: int = 0
    rounding: Rounding = Rounding.HALF
    stated_amounts: tuple[StatedAmount, ...] = ()  # amounts the prose states, to hold the statements against

    def statements_of(self, kind: StatementKind) -> list[Statement]:
        return [s for s in self.statements if s.kind is kind]

    @property
    def has_primary_statement(self) -> bool:
        return any(s.kind.is_primary for s in self.statements)


def load_filing(
    path: str | Path,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    calendar: FiscalCalendar | None = None,
    password: str = "",
) -> Filing:
    """Read a filing and build its statements. Raises FilingError with a plain reason
    (PasswordRequired for a protected PDF opened without its password)."""
    path = Path(path)

    def report(fraction: float, message: str) -> None:
        if cancelled is not None and cancelled():
            raise LoadCancelled(path.name)
        if progress is not None:
            progress(fraction, message)

    report(0.0, f"reading {path.name}")
    document = read_document(path, lambda fraction, message: report(0.7 * fraction, message), password)
    report(0.75, "finding periods and statements")
    calendar = calendar or _calendar_for(document)
    statements, warnings = build_statements(document, calendar)
    if not calendar.evidence:
        better = year_end_from_cumulative_periods(calendar, statements)
        if better != calendar:
            calendar = _calendar_for(document, better)
            statements, warnings = build_statements(document, calendar)
    statements, implausible = without_implausible_values(statements)
    warnings += implausible
    if not statements:
        if not document.tables:
            raise FilingError(path, "no tables found: this file holds no financial statements Tickmark can read")
        raise FilingError(path, "no financial tables with periods found in this file")
    warnings = list(document.warnings) + warnings
    if not any(s.kind.is_primary for s in statements):
        warnings.insert(0, "no full financial statement (income statement, balance sheet or cash flows) found; showing the tables that were found")
    report(1.0, "done")
    return Filing(
        path=str(path),
        file_name=path.name,
        format=document.format,
        company=company_name(document),
        calendar=calendar,
        statements=statements,
        warnings=warnings,
        page_count=document.page_count,
        line_count=len(document.text_lines),
        rounding=rounding_of(document.text_lines),
        stated_amounts=stated_amounts(document.text_lines),
    )


def _calendar_for(document: RawDocument, year_end: FiscalCalendar | None = None) -> FiscalCalendar:
    """The document's fiscal calendar from its words, or ``year_end`` (read off its columns),
    with the naming of its fiscal years either way."""
    header_texts = [cell.text for table in document.tables for row in table.rows[:4] for cell in row]
    header_dates = [found for text in header_texts for _, found in find_dates(text)]
    calendar = year_end or infer_calendar(document.text_lines, header_dates)
    return name_fiscal_years(calendar, header_texts, header_dates)


def year_end_from_cumulative_periods(calendar: FiscalCalendar, statements: list[Statement]) -> FiscalCalendar:
    """A document that never names its year end still prints year-to-date columns: "Six Months
    Ended July 31" starts in February, so the fiscal year ends in January."""
    starts = Counter(
        column.period.start.month
        for statement in statements
        if statement.kind.is_primary
        for column in statement.columns
        if column.kind is ColumnKind.DURATION
        and column.period is not None
        and column.period.start is not None
        and column.period.months in (6, 9)
        and is_month_end(column.period.end)
    )
    if not starts:
        return _year_end_from_balance_sheet(calendar, statements)
    month, _ = starts.most_common(1)[0]
    year_end_month = (month - 2) % 12 + 1
    return replace(calendar, year_end_month=year_end_month, evidence=(f"year-to-date columns start in {date(2000, month, 1):%B}",))


_FUTURE_RE = re.compile(r"forecast|ending|outlook|plan|target", re.I)
_FY_LABEL_RE = re.compile(r"\b(?:FY\s?'?|fiscal\s+(?:year\s+)?)((?:19|20)\d{2})\b", re.I)


_BARE_YEAR_HEADER_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*$")


def name_fiscal_years(calendar: FiscalCalendar, header_texts: list[str], header_dates: list[date]) -> FiscalCalendar:
    """Whether "FY2025" names the year that starts or ends in 2025, when the document does not
    say: the latest fiscal label names the latest fiscal year the document dates (the one its
    newest column falls in). Explicit labels ("FY2024", "Fiscal 2024") are read before bare
    years, which maturity schedules also print."""
    if calendar.naming_evidence or calendar.year_end_month == 12 or not header_dates:
        return calendar
    reported = [found for text in header_texts if not _FUTURE_RE.search(text) for _, found in find_dates(text)]
    if not reported:
        return calendar
    latest_end = calendar.fiscal_year_containing(max(reported))[1]
    explicit = [int(m.group(1)) for text in header_texts for m in _FY_LABEL_RE.finditer(text)]
    bare = [int(m.group(1)) for text in header_texts if (m := _BARE_YEAR_HEADER_RE.match(text))]
    labels = [year for year in explicit if year <= latest_end.year] or [year for year in bare if year <= latest_end.year]
    if not labels:
        return calendar
    newest = max(labels)
    if newest not in (latest_end.year, latest_end.year - 1):
        return calendar
    naming = f"the newest fiscal label, {newest}, names the fiscal year ending {latest_end:%B %d, %Y}"
    label_year = "end" if newest == latest_end.year else "start"
    return replace(calendar, label_year=label_year, naming_evidence=naming, evidence=(*calendar.evidence, naming))


def _year_end_from_balance_sheet(calendar: FiscalCalendar, statements: list[Statement]) -> FiscalCalendar:
    """An interim balance sheet compares with the last fiscal year end (April 30 against
    January 31): the earlier date, less than a year back, is the year end."""
    for statement in statements:
        if statement.kind is not StatementKind.BALANCE_SHEET:
            continue
        instants = sorted({c.period.end for c in statement.columns if c.kind is ColumnKind.INSTANT and c.period is not None})
        if len(instants) >= 2:
            earlier, latest = instants[-2], instants[-1]
            if 60 <= (latest - earlier).days <= 300 and is_month_end(earlier):
                return replace(calendar, year_end_month=earlier.month, evidence=(f"the balance sheet compares with {earlier:%B %d, %Y}",))
    return calendar


_ROUNDED_DOWN_RE = re.compile(
    r"rounded\s+down|truncated|fractions?\s+(?:of|less than)\s+.{0,40}\s+(?:are|have been)\s+(?:omitted|discarded|disregarded)"
    r"|未満(?:を)?切り?捨",  # "百万円未満切捨て": amounts under a million yen are dropped
    re.I,
)


def rounding_of(text_lines: list[str]) -> Rounding:
    """Japanese filings often truncate ("rounded down"): their subtotals may miss by a few units."""
    return Rounding.DOWN if any(_ROUNDED_DOWN_RE.search(line) for line in text_lines) else Rounding.HALF


def company_name(document: RawDocument) -> str:
    """The issuer: a "Company name:" line, else the legal name the document repeats most
    (its cover counting more than a subsidiary named in the notes)."""
    for line in document.text_lines[:_COVER_LINES * 4]:
        match = _NAMED_COMPANY_RE.match(line)
        if match:
            return " ".join(match["name"].split()).strip(" ,")
    counts: Counter[str] = Counter()
    for number, line in enumerate(document.text_lines[:4000]):
        for match in _LEGAL_ENTITY_RE.finditer(line):
            name = re.sub(r"^the\s+", "", " ".join(match.group(1).split()).strip(" ,"), flags=re.I)
            if _NOT_A_NAME_RE.match(name):
                continue
            counts[name] += 5 if number < _COVER_LINES else 1
    if counts:
        return counts.most_common(1)[0][0]
    return Path(document.file_name).stem


def company_key(name: str) -> str:
    """What two spellings of one issuer share ("Salesforce, Inc." and "salesforce.com, inc."):
    the first word of the name."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    words = [w for w in words if w != "the"]
    return words[0] if words else ""
