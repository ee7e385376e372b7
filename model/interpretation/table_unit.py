"""A table's unit and scale, decided from the text printed with it, and kept with that text.

The places a table states its unit, nearest first: a units row over the value columns, the
table's own heading over the label column ("(In millions, except per share amounts)"), the
title and the captions just above it, a unit inside the column headers ("2023 $ million").
A table that states none is left unresolved here; the document as a whole may settle it
(``model.statements.table_units.settle_unstated_units``).
"""

from __future__ import annotations

from model.interpretation.evidence import Evidence
from model.interpretation.table_layout import TableLayout, unit_for_column
from model.interpretation.units import UnitInfo, caption_match, unit_from_header
from model.raw import RawTable

UNSTATED = "the table states no scale"


def decide_table_unit(layout: TableLayout, raw: RawTable, currency: str, money: bool) -> UnitInfo:
    """The unit and scale of the table's amounts with the text that states them, or unresolved."""
    for column in layout.columns:
        info = unit_for_column(column)
        if info is not None and info.unit != "%":
            return _stated(info, currency, Evidence("scale", column.unit_text, "units row", column.source))
    if layout.corner_lines:
        found = caption_match(list(layout.corner_lines))
        if found is not None:
            return _stated(found[0], currency, Evidence("scale", found[1], "table heading", layout.corner_source))
    found = caption_match([raw.title, *raw.context])
    if found is not None:
        return _stated(found[0], currency, Evidence("scale", found[1], "caption", raw.source))
    for column in layout.columns:
        info = unit_from_header(column.label)
        if info is not None and info.unit != "%" and info.scale > 1:
            return _stated(info, currency, Evidence("scale", column.label, "column header", column.source))
    return UnitInfo(currency if money else "", 1, False, (), UNSTATED)


def _stated(info: UnitInfo, currency: str, evidence: Evidence) -> UnitInfo:
    return UnitInfo(info.unit or currency, info.scale, True, (evidence,))
