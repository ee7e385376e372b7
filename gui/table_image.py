"""The whole statement table drawn as an image for export: title, units line, period headers,
every row and every column, whatever part of the table the window shows. Drawn from the
laid-out table, not grabbed from the screen, so it has no scrollbars and reads like a report
(a white page, whatever the window's palette)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen

from gui.table_model import NEGATIVE_COLOUR
from model.views.table import StatementTable

PADDING = 10  # around the image and inside each cell, in pixels
ROW_GAP = 6
INDENT_PX = 14  # per hierarchy level of a line item
INK = QColor(30, 36, 44)
MUTED = QColor(90, 98, 110)
GRID = QColor(222, 226, 232)
HEADER_BACKGROUND = QColor(238, 242, 246)
STRIPE = QColor(247, 249, 251)


def _font(base: QFont, bold: bool = False, italic: bool = False, scale: float = 1.0) -> QFont:
    font = QFont(base)
    font.setBold(bold)
    font.setItalic(italic)
    if scale != 1.0:
        font.setPointSizeF(base.pointSizeF() * scale)
    return font


def render_table_image(table: StatementTable, lines: Sequence[int], title: str, base_font: QFont | None = None) -> QImage:
    """``lines`` in the order to draw them (the view's order); every column of the table."""
    base = QFont(base_font) if base_font is not None else QFont()
    plain, bold = _font(base), _font(base, bold=True)
    title_font, small = _font(base, bold=True, scale=1.3), _font(base, scale=0.9)
    bold_metrics = QFontMetrics(bold)
    headers = [table.header(j).split("\n") for j in range(len(table.columns))]
    header_lines = max((len(h) for h in headers), default=1)
    row_height = bold_metrics.height() + ROW_GAP
    header_height = bold_metrics.height() * header_lines + 2 * ROW_GAP

    label_width = max((INDENT_PX * table.lines[line].level + bold_metrics.horizontalAdvance(table.labels[line]) for line in lines), default=120)
    label_width = max(label_width, bold_metrics.horizontalAdvance("Line item")) + 2 * PADDING
    widths = []
    for j, header in enumerate(headers):
        texts = [table.cells[(line, j)].text for line in lines if (line, j) in table.cells]
        widths.append(
            max([bold_metrics.horizontalAdvance(t) for t in header] + [bold_metrics.horizontalAdvance(t) for t in texts] + [60]) + 2 * PADDING
        )
    table_width = label_width + sum(widths)
    title_height = QFontMetrics(title_font).height() + QFontMetrics(small).height() + ROW_GAP
    width = table_width + 2 * PADDING
    height = PADDING + title_height + header_height + row_height * len(lines) + PADDING

    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        x0, y = PADDING, PADDING
        painter.setPen(INK)
        painter.setFont(title_font)
        painter.drawText(QRect(x0, y, table_width, QFontMetrics(title_font).height()), Qt.AlignmentFlag.AlignLeft, title)
        y += QFontMetrics(title_font).height()
        painter.setFont(small)
        painter.setPen(MUTED)
        units = f"Amounts in {table.caption} \u00b7 {len(table.columns)} columns \u00b7 {len(lines)} lines \u00b7 italics: derived by Tickmark"
        painter.drawText(QRect(x0, y, table_width, QFontMetrics(small).height()), Qt.AlignmentFlag.AlignLeft, units)
        y += QFontMetrics(small).height() + ROW_GAP

        painter.fillRect(QRect(x0, y, table_width, header_height), HEADER_BACKGROUND)
        painter.setFont(bold)
        painter.setPen(INK)
        painter.drawText(QRect(x0 + PADDING, y, label_width - 2 * PADDING, header_height - ROW_GAP), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, "Line item")
        x = x0 + label_width
        for j, header in enumerate(headers):
            painter.setFont(_font(base, bold=not table.columns[j].derived, italic=table.columns[j].derived))
            box = QRect(x + PADDING, y, widths[j] - 2 * PADDING, header_height - ROW_GAP)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, "\n".join(header))
            x += widths[j]
        y += header_height
        painter.setPen(QPen(GRID))
        painter.drawLine(x0, y - 1, x0 + table_width, y - 1)

        for number, line in enumerate(lines):
            spec = table.lines[line]
            if number % 2:
                painter.fillRect(QRect(x0, y, table_width, row_height), STRIPE)
            painter.setPen(INK)
            painter.setFont(bold if spec.is_total or spec.is_heading else plain)
            indent = INDENT_PX * spec.level
            painter.drawText(QRect(x0 + PADDING + indent, y, label_width - 2 * PADDING - indent, row_height), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, table.labels[line])
            x = x0 + label_width
            for j in range(len(table.columns)):
                cell = table.cells.get((line, j))
                if cell is not None:
                    painter.setFont(_font(base, bold=spec.is_total, italic=cell.derived))
                    painter.setPen(NEGATIVE_COLOUR if cell.negative else INK)
                    painter.drawText(QRect(x + PADDING, y, widths[j] - 2 * PADDING, row_height), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, cell.text)
                x += widths[j]
            y += row_height
        painter.setPen(QPen(GRID))
        painter.drawLine(x0, y, x0 + table_width, y)
    finally:
        painter.end()
    return image
