"""Why a number means what Tickmark says it means: the printed text behind each decision.

Every decision about a value's period, scale, unit or sign is kept with the text that settled
it and where that text stands, or is left unresolved with the reason. Views show it in
tooltips; the facts CSV carries it in its ``evidence`` and ``note`` columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from model.raw import SourceRef


@dataclass(frozen=True, slots=True)
class Evidence:
    """One decision and the text that settled it."""

    decides: str  # what was decided: "period", "scale", "unit", "sign"
    text: str  # the text as printed (or the rule applied, when no one text settled it)
    origin: str  # where it was found: "header", "caption", "banner", "row label", "document", "XBRL tag"
    source: SourceRef | None = None

    def describe(self) -> str:
        where = self.origin
        if self.source is not None:
            located = _location(self.source)
            if located:
                where = f"{where}, {located}"
        return f"{self.decides} from {where} '{_shortened(self.text)}'"


def _location(source: SourceRef) -> str:
    if source.page is not None:
        return f"page {source.page}"
    if source.line is not None:
        return f"line {source.line}"
    return ""


def _shortened(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_all(evidence: tuple[Evidence, ...]) -> str:
    """Evidence as one line for a CSV cell or a tooltip: "period from header '…'; scale from caption '…'"."""
    return "; ".join(e.describe() for e in evidence)


def sign_evidence(value: Decimal | None, text: str) -> tuple[Evidence, ...]:
    """A negative is negative because the cell prints it so: "(1,234)", "-1,234", "△1,234"."""
    if value is not None and value < 0:
        return (Evidence("sign", text, "cell"),)
    return ()
