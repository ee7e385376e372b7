"""Rows to lines: sections, levels and totals, and labels reduced for matching."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from model.interpretation.evidence import Evidence
from model.interpretation.table_layout import BodyRow, clean_label
from model.interpretation.units import UnitInfo, row_unit
from model.statements.japanese_terms import is_japanese_part_heading, is_japanese_total, japanese_total_of
from model.statements.statement import Line

_TOTAL_RE = re.compile(r"^(?:total\b|sub-?total\b|consolidated total\b|.*\b(?:sub-?)?total$)", re.I)


_NET_CASH_RE = re.compile(
    r"^net (?:cash|(?:increase|decrease|change)(?:\s*\([a-z]+\))? in cash)|^cash (?:generated|provided|used)\b"
    r"|\bending balances?$|^balances?,? end of|^balance at (?:the )?end of|\bend of (?:the )?(?:period|year)$",
    re.I,
)


@dataclass
class _OpenSection:
    label: str
    group: bool  # an all-caps heading without a colon ("ASSETS"): closed only by another group
    caps: bool


_PLACEHOLDER_HEADING_RE = re.compile(r"^commitments and contingencies\b|^contingent liabilities\b", re.I)


def _is_caps(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.85


@lru_cache(maxsize=65536)
def normalize_label(label: str) -> str:
    """A label reduced for matching: case, punctuation, plurals and footnote marks do not count."""
    text = clean_label(label).lower()
    text = text.replace("&", " and ").replace("—", " ").replace("–", " ").replace("-", " ")
    text = re.sub(r"[^\w\s]", " ", text)
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in text.split()]
    return " ".join(words)


def is_total_label(label: str) -> bool:
    return bool(_TOTAL_RE.match(label.strip())) or bool(_NET_CASH_RE.match(label.strip())) or is_japanese_total(label)


def _closes(total_label: str, section: str) -> bool:
    if japanese_total_of(total_label) != total_label.strip():
        summed = japanese_total_of(total_label)
        return bool(summed) and summed in (section.strip(), re.sub(r"[【（(]?(.*?)の部[】）)]?$", r"\1", section.strip()))
    total = normalize_label(total_label)
    name = normalize_label(section)
    remainder = re.sub(r"^(?:consolidated )?total\s*", "", total).strip()
    return bool(remainder) and (remainder == name or name.endswith(remainder) and len(remainder) > 6 or remainder.endswith(name))


def build_lines(rows: list[BodyRow], table_unit: UnitInfo, shares: UnitInfo | None = None) -> tuple[list[Line], list[int | None]]:
    """Lines with their sections and levels; returns the line index of each body row."""
    stack: list[_OpenSection] = []
    lines: list[Line] = []
    row_map: list[int | None] = []
    for row in rows:
        label = row.label
        caps = _is_caps(label)
        if not row.has_values:
            if not label:
                row_map.append(None)
                continue
            if _PLACEHOLDER_HEADING_RE.match(label):
                lines.append(Line(label=label, section=tuple(s.label for s in stack), level=len(stack), is_heading=True))
                row_map.append(len(lines) - 1)
                continue
            group = (caps and not label.endswith(":")) or is_japanese_part_heading(label)
            if group:
                stack.clear()
            elif not (lines and lines[-1].is_heading and stack and lines[-1].label == stack[-1].label):
                # a heading right under another, with nothing between, is its sub-heading
                while stack and not stack[-1].group and stack[-1].caps == caps:
                    stack.pop()
            lines.append(Line(label=label, section=tuple(s.label for s in stack), level=len(stack), is_heading=True))
            stack.append(_OpenSection(label, group, caps))
            row_map.append(len(lines) - 1)
            continue

        total = is_total_label(label)
        section = tuple(s.label for s in stack)
        level = len(stack)
        if total:
            closed = _close_for_total(stack, label)
            if closed is not None:
                level = closed
        elif stack and not stack[-1].group and stack[-1].caps and caps and not lines[-1].is_heading:
            stack.pop()  # an all-caps line after a caps section's items is that section's sibling
            section = tuple(s.label for s in stack)
            level = len(stack)
        elif stack and not stack[-1].group and not stack[-1].caps and caps:
            while stack and not stack[-1].group and not stack[-1].caps:
                stack.pop()
            section = tuple(s.label for s in stack)
            level = len(stack)
        unit = row_unit(label, table_unit, section, shares)
        # "[1,011,486]" or "of which: ...": part of the line above, not another part of the total
        memo = (bool(row.parsed) and any(p.memo for p in row.parsed)) or bool(_OF_WHICH_RE.match(label))
        lines.append(
            Line(
                label=label,
                section=section,
                level=level,
                is_total=total,
                unit=unit.unit if unit else "",
                scale=unit.scale if unit else 1,
                memo=memo,
                per_share=bool(unit and ("/share" in unit.unit or unit.unit == "per share")),
                ratio=bool(unit and unit.unit == "%") or _is_ratio_label(label),
                indent=row.indent,
                unit_evidence=unit.evidence if unit else (),
                unit_unresolved=unit.unresolved if unit else "",
            )
        )
        row_map.append(len(lines) - 1)
    return _counts_among_share_counts(lines), row_map


_OF_WHICH_RE = re.compile(r"^(?:[-–—•]\s*)?(?:of which|thereof|hereof|davon|dont)\b", re.I)
_INSTRUMENTS_RE = re.compile(r"\b(?:stock options?|options|warrants|restricted stock units?|rsus?|psus?|stock awards?|share awards?|convertible)\b", re.I)


def _counts_among_share_counts(lines: list[Line]) -> list[Line]:
    """"Dilutive Common Stock Options" printed between two share counts, with no unit of its
    own, counts the options' shares: it takes the share counts' unit and scale."""
    result = list(lines)
    valued = [i for i, line in enumerate(result) if not line.is_heading]
    for position, i in enumerate(valued):
        line = result[i]
        if line.unit or not _INSTRUMENTS_RE.search(line.label) or position == 0:
            continue
        before = result[valued[position - 1]]
        after = result[valued[position + 1]] if position + 1 < len(valued) else None
        if before.unit == "shares" and (after is None or after.unit == "shares"):
            evidence = (*before.unit_evidence, Evidence("unit", f"{line.label}: printed among share counts", "row label"))
            result[i] = replace(line, unit="shares", scale=before.scale, unit_evidence=evidence, unit_unresolved=before.unit_unresolved)
    return result


def _is_ratio_label(label: str) -> bool:
    return bool(re.search(r"\bratio\b|\bmargin\s*\(%\)|\(%\)|\bin %|\bpercent(?:age)?\b|\breturn on\b|\bpayout\b", label, re.I))


def _close_for_total(stack: list[_OpenSection], label: str) -> int | None:
    """Pop the section a total row closes; returns the total's level."""
    bare = normalize_label(label) in ("total", "consolidated total")
    for depth in range(len(stack) - 1, -1, -1):
        if _closes(label, stack[depth].label):
            del stack[depth + 1 :]
            stack.pop()
            return depth
    if bare and stack:
        depth = len(stack) - 1
        stack.pop()
        return depth
    return None
