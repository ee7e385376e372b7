"""The table as an Excel workbook (openpyxl): a title and a units line, period headers with
the unit, numbers as numbers in number formats that put negatives in parentheses, totals
bold, derived cells italic and marked in a note row, the line items frozen."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from model.export import write_bytes_atomic
from model.formula_guard import is_formula_like
from model.views.formatting import scaled
from model.views.selections import LINE_ITEM_HEADER, labelled_with_unit
from model.views.table import StatementTable

INDENT_CHARACTERS = 2


def number_format(decimals: int, unit: str) -> str:
    """``#,##0.0;(#,##0.0)``: negatives in parentheses as the filing prints them; percentages keep their sign."""
    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    if unit == "%":
        return f'{digits}"%";({digits}"%")'
    return f"{digits};({digits});\"\u2014\""


def table_workbook_bytes(
    table: StatementTable, lines: Sequence[int], columns: Sequence[int], selected: set[tuple[int, int]] | None = None, title: str = ""
) -> bytes:
    from openpyxl import Workbook  # only an export needs it
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Statement"
    sheet.append([title or table.statement.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"Amounts in {table.caption}; derived values (computed by Tickmark, not printed) in italics"])
    sheet["A2"].font = Font(italic=True, color="555555")
    sheet.append([LINE_ITEM_HEADER, *(f"{table.columns[j].label} ({table.caption})" for j in columns)])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="left" if cell.column == 1 else "right")
    for line in lines:
        spec = table.lines[line]
        row = [labelled_with_unit(table, line)]
        formats: list[tuple[str, bool]] = []
        for column in columns:
            cell = table.statement.cells.get((line, column))
            wanted = selected is None or (line, column) in selected
            value = scaled(cell, table.scale) if cell is not None and wanted else None
            number = value.value if value is not None else None
            row.append(float(number) if isinstance(number, Decimal) else None)
            formats.append((number_format(value.decimals, value.unit) if value is not None else "", cell is not None and cell.derived))
        sheet.append(row)
        current = sheet.max_row
        label = sheet.cell(current, 1)
        label.alignment = Alignment(indent=min(spec.level * INDENT_CHARACTERS, 15))
        label.font = Font(bold=spec.is_total or spec.is_heading)
        for offset, (text_format, derived) in enumerate(formats, start=2):
            target = sheet.cell(current, offset)
            if text_format:
                target.number_format = text_format
            target.font = Font(bold=spec.is_total, italic=derived)
    sheet.column_dimensions["A"].width = min(60, max((len(str(c.value or "")) for c in sheet["A"][header_row - 1 :]), default=20) + 4)
    for offset in range(2, len(columns) + 2):
        sheet.column_dimensions[get_column_letter(offset)].width = 18
    sheet.row_dimensions[header_row].height = 45
    sheet.freeze_panes = sheet.cell(header_row + 1, 2)
    keep_text_inert(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def keep_text_inert(sheet) -> None:
    """openpyxl stores a string that starts with ``=`` as a formula: every such text cell is
    made a string again, with Excel's own quote prefix (the apostrophe a user would type), so
    that neither opening nor editing the cell runs it."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def write_table_xlsx(
    path: str | Path, table: StatementTable, lines: Sequence[int], columns: Sequence[int], selected: set[tuple[int, int]] | None = None, title: str = ""
) -> None:
    write_bytes_atomic(path, table_workbook_bytes(table, lines, columns, selected, title))
