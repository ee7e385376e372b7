"""The facts, changes and restatements CSV contracts, a wide statement CSV, and atomic writes."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from model.analysis.compare import Change
from model.filing import Filing
from model.formula_guard import inert_text
from model.analysis.workspace import Restatement
from model.interpretation.numbers import format_decimal
from model.interpretation.headers import ColumnKind
from model.interpretation.evidence import describe_all
from model.statements.statement import Cell, Column, Statement

FACT_COLUMNS = [
    "file",
    "statement",
    "line_item",
    "column",
    "kind",
    "period_start",
    "period_end",
    "value",
    "unit",
    "scale",
    # additions (allowed at the end only)
    "statement_kind",
    "forecast",
    "source",
    "evidence",
    "note",
    "concept",
]


def fact_rows(statement: Statement) -> list[dict[str, str]]:
    """One row per printed cell of a statement; nil cells as 0, derived values left out. A value
    whose period or scale the document does not settle is kind ``other`` with the reason in ``note``."""
    labels = statement.display_labels()
    rows = []
    for (line_index, column_index), cell in sorted(statement.cells.items()):
        if cell.derived:
            continue
        column = statement.columns[column_index]
        unresolved = column.unresolved or cell.unresolved
        kind = ColumnKind.OTHER if unresolved else column.kind
        period = column.period
        rows.append(
            {
                "file": statement.file_name,
                "statement": statement.title,
                "line_item": labels[line_index],
                "column": cell.header or column.label,
                "kind": kind.value,
                "period_start": period.start.isoformat() if period and period.start and kind is ColumnKind.DURATION else "",
                "period_end": period.end.isoformat() if period and kind in (ColumnKind.DURATION, ColumnKind.INSTANT) else "",
                "value": format_decimal(cell.value if cell.value is not None else Decimal(0)),
                "unit": cell.unit,
                "scale": str(cell.scale),
                "statement_kind": statement.kind.value,
                "forecast": "1" if column.forecast else "0",
                "source": cell.source.describe(),
                "evidence": describe_all(column.evidence + cell.evidence),
                "note": fact_note(column, cell),
                "concept": cell.concept,
            }
        )
    return rows


def fact_note(column: Column, cell: Cell) -> str:
    """Why a value is not an amount of a dated period: unresolved, or a ratio column."""
    reasons = [reason for reason in (column.unresolved, cell.unresolved) if reason]
    if reasons:
        return "unresolved: " + "; ".join(reasons)
    if column.kind is ColumnKind.OTHER and cell.unit == "%":
        return "a ratio column (a percentage of the base its header names), not an amount of a period"
    return ""


def facts_of(filings: Iterable[Filing]) -> list[dict[str, str]]:
    return [row for filing in filings for statement in filing.statements for row in fact_rows(statement)]


def to_csv_text(rows: Sequence[dict[str, str]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: inert_text(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def write_text_atomic(path: str | Path, text: str, byte_order_mark: bool = False) -> None:
    """Write a file so that readers see either the old file or the whole new one, never half.
    ``byte_order_mark``: UTF-8 with a BOM, so that Excel on Windows reads ``Shareholders’``
    right (the contract CSVs are plain UTF-8)."""
    write_bytes_atomic(path, text.encode("utf-8-sig" if byte_order_mark else "utf-8"))


def new_file_mode(path: Path) -> int:
    """The permissions a plain ``open()`` would give: the existing file's, else 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)  # reading the umask means setting it: put it straight back
        os.umask(mask)
        return 0o666 & ~mask


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = new_file_mode(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.chmod(temporary, mode)  # mkstemp makes 0600
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_facts_csv(path: str | Path, filings: Iterable[Filing]) -> int:
    rows = facts_of(filings)
    write_text_atomic(path, to_csv_text(rows, FACT_COLUMNS))
    return len(rows)


CHANGE_COLUMNS = [
    "file",
    "statement",
    "line_item",
    "basis",
    "period_start",
    "period_end",
    "prior_start",
    "prior_end",
    "value",
    "prior_value",
    "change",
    "change_pct",
    "reported_change",
    "derived",
    "unit",
    "scale",
    # additions
    "check",
    "prior_file",
    "statement_kind",
    "note",
]


def format_percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format_decimal(value.quantize(Decimal("0.0001")))


def change_row(change: Change, labels: list[str]) -> dict[str, str]:
    cell, prior_cell = change.cell, change.prior_cell
    notes = [n for n in (cell.note, prior_cell.note, change.length_note) if n]
    return {
        "file": cell.source.file,
        "statement": change.statement.title,
        "line_item": labels[change.line],
        "basis": change.basis.value,
        "period_start": change.period.start.isoformat() if change.period.start else "",
        "period_end": change.period.end.isoformat(),
        "prior_start": change.prior.start.isoformat() if change.prior.start else "",
        "prior_end": change.prior.end.isoformat(),
        "value": format_decimal(change.value),
        "prior_value": format_decimal(change.prior_value),
        "change": format_decimal(change.change),
        "change_pct": format_percent(change.change_pct),
        "reported_change": change.reported.text if change.reported is not None else "",
        "derived": "1" if change.derived else "0",
        "unit": cell.unit,
        "scale": str(cell.scale),
        "check": change.status.value if change.status else "",
        "prior_file": prior_cell.source.file,
        "statement_kind": change.statement.kind.value,
        "note": "; ".join(notes),
    }


def change_rows(changes: Iterable[Change]) -> list[dict[str, str]]:
    rows = []
    labels_of: dict[int, list[str]] = {}
    for change in changes:
        key = id(change.statement)
        if key not in labels_of:
            labels_of[key] = change.statement.display_labels()
        rows.append(change_row(change, labels_of[key]))
    return rows


def write_changes_csv(path: str | Path, changes: Iterable[Change]) -> int:
    rows = change_rows(changes)
    write_text_atomic(path, to_csv_text(rows, CHANGE_COLUMNS))
    return len(rows)


RESTATEMENT_COLUMNS = [
    "statement",
    "line_item",
    "period_start",
    "period_end",
    "first_value",
    "first_file",
    "latest_value",
    "latest_file",
    "unit",
    "scale",
    # additions
    "statement_kind",
    "first_source",
    "latest_source",
]


def restatement_rows(restatements: Iterable[Restatement]) -> list[dict[str, str]]:
    rows = []
    for restatement in restatements:
        statement = restatement.statement
        period = restatement.period
        first, latest = restatement.first, restatement.latest
        rows.append(
            {
                "statement": statement.title,
                "line_item": statement.display_labels()[restatement.line],
                "period_start": period.start.isoformat() if period.start else "",
                "period_end": period.end.isoformat(),
                "first_value": format_decimal(first.value if first.value is not None else Decimal(0)),
                "first_file": first.source.file,
                "latest_value": format_decimal(latest.value if latest.value is not None else Decimal(0)),
                "latest_file": latest.source.file,
                "unit": latest.unit,
                "scale": str(latest.scale),
                "statement_kind": statement.kind.value,
                "first_source": first.source.describe(),
                "latest_source": latest.source.describe(),
            }
        )
    return rows


def write_restatements_csv(path: str | Path, restatements: Iterable[Restatement]) -> int:
    rows = restatement_rows(restatements)
    write_text_atomic(path, to_csv_text(rows, RESTATEMENT_COLUMNS))
    return len(rows)
