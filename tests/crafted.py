"""Small filings the hostile-input tests write themselves: a markdown income statement whose
labels and values a test chooses."""

from __future__ import annotations

from pathlib import Path

HEADERS = ("Three Months Ended June 30, 2024", "Three Months Ended June 30, 2023")
ROWS = (
    ("Revenue", "100", "90"),
    ("Cost of sales", "40", "50"),
    ("Gross profit", "60", "40"),
    ("Operating expenses", "20", "10"),
    ("Net income", "40", "30"),
)


def statement_markdown(rows: tuple[tuple[str, str, str], ...] = ROWS) -> str:
    body = "\n".join(f"| {label} | {current} | {prior} |" for label, current, prior in rows)
    return (
        "Example Corp\n\n"
        "Consolidated Statements of Operations (in millions of U.S. dollars)\n\n"
        f"| | {HEADERS[0]} | {HEADERS[1]} |\n"
        "|---|---|---|\n"
        f"{body}\n"
    )


def write_statement(path: Path, rows: tuple[tuple[str, str, str], ...] = ROWS) -> Path:
    path.write_text(statement_markdown(rows), encoding="utf-8")
    return path
