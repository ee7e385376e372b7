"""Which file an export writes: the extension the user typed wins over the filter chosen in
the dialog (``chart.svg`` is an SVG, never ``chart.svg.png``); a name without a known
extension gets the chosen filter's."""

from __future__ import annotations

from enum import Enum
from pathlib import Path


class ExportFormat(Enum):
    CSV = ".csv"
    XLSX = ".xlsx"
    PNG = ".png"
    SVG = ".svg"

    @property
    def filter(self) -> str:
        return _FILTERS[self]

    @classmethod
    def of_filter(cls, name: str) -> ExportFormat | None:
        return next((format_ for format_, text in _FILTERS.items() if text == name), None)


_FILTERS = {
    ExportFormat.CSV: "CSV table (*.csv)",
    ExportFormat.XLSX: "Excel workbook (*.xlsx)",
    ExportFormat.PNG: "PNG image (*.png)",
    ExportFormat.SVG: "SVG drawing (*.svg)",
}
TABLE_FORMATS = (ExportFormat.CSV, ExportFormat.XLSX, ExportFormat.PNG)
CHART_FORMATS = (ExportFormat.PNG, ExportFormat.SVG)


def export_target(path: str, chosen: ExportFormat, offered: tuple[ExportFormat, ...]) -> tuple[str, ExportFormat]:
    """The path to write and its format: the typed extension when it is one of ``offered``,
    else the chosen format's extension added to the name."""
    typed = Path(path).suffix.lower()
    for format_ in offered:
        if typed == format_.value:
            return path, format_
    return path + chosen.value, chosen
