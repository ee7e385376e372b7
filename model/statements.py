"""RawTables -> Statements: classification, units, hierarchy, transposition, merging.

One statement printed as several tables (a balance sheet split over a page break, the
six-month and three-month income statements of an interim release) comes out as one
Statement with all its periods as columns in chronological order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from model.layout import BodyRow, TableLayout, ValueColumn, analyse, clean_label, unit_for_column
from model.numbers import CellKind
from model.periods import ColumnKind, FiscalCalendar, HeaderPeriod, Period, parse_header
from model.raw import RawDocument, RawTable, SourceRef
from model.statement import Cell, Column, Line, Statement, StatementKind
from model.units import UnitInfo, caption_unit, document_currency, row_unit, share_scale, unit_from_header

# ----------------------------------------------------------------------------- classification

_TITLE_RULES: list[tuple[re.Pattern[str], StatementKind]] = [
    (re.compile(r"changes? in (?:net assets|(?:stock|share)holders'?’?s?'? equity|equity)|statements? of (?:stock|share)holders|statements? of equity", re.I), StatementKind.EQUITY),
    (re.compile(r"cash[- ]flows?", re.I), StatementKind.CASH_FLOW),
    (re.compile(r"balance sheets?|financial position|financial condition|statements? of condition", re.I), StatementKind.BALANCE_SHEET),
    (re.compile(r"statements?\s+of\s+(?:income|operations|earnings)\b.*\bcomprehensive|(?:income|operations|earnings|loss)\s+and\s+(?:\w+\s+){0,2}(?:statements?\s+of\s+)?comprehensive", re.I), StatementKind.INCOME),
    (re.compile(r"comprehensive (?:income|loss)", re.I), StatementKind.COMPREHENSIVE_INCOME),
    (re.compile(r"statements? of (?:consolidated )?(?:income|operations|earnings|profit|loss)|income statements?|profit (?:and|&) loss|statements? of (?:net )?(?:income|earnings)|\boperating results\b(?! summary)", re.I), StatementKind.INCOME),
    (re.compile(r"non[- ]?gaap|reconciliation|adjusted ebitda|\bebitda\b|\bcapex\b|capital expenditures?|free cash flow|organic", re.I), StatementKind.NON_GAAP),
    (re.compile(r"segments?|by (?:region|geograph|division|business)|breakdown|disaggregat", re.I), StatementKind.SEGMENT),
    (re.compile(r"dividends?", re.I), StatementKind.DIVIDENDS),
    (re.compile(r"forecasts?|targets?|guidance|outlook", re.I), StatementKind.GUIDANCE),
    (re.compile(r"per share|earnings per", re.I), StatementKind.PER_SHARE),
    (re.compile(r"number of|contracts|subscri|subscribers|stores|metrics|\bkpis?\b|operating data|statistics|headcount|employees", re.I), StatementKind.KPI),
    (re.compile(r"results summary|summary of (?:consolidated )?(?:financial )?results|highlights|results of operations|financial results", re.I), StatementKind.SUMMARY),
]

_STATEMENT_WORD_RE = re.compile(r"\bstatements?\b|\bbalance sheets?\b", re.I)
_NOTE_TITLE_RE = re.compile(r"^\s*note\s+\d+", re.I)
_SCOPE_RE = re.compile(r"non[- ]?consolidated|parent[- ]only|stand[- ]?alone", re.I)
_UNAUDITED_RE = re.compile(r"\s*\((?:unaudited|audited)\)\s*|\s*\bunaudited\b\s*", re.I)
_TOTAL_RE = re.compile(r"^(?:total\b|sub-?total\b|consolidated total\b|.*\b(?:sub-?)?total$)", re.I)
_NET_CASH_RE = re.compile(
    r"^net (?:cash|(?:increase|decrease|change)(?:\s*\([a-z]+\))? in cash)|^cash (?:generated|provided|used)\b"
    r"|\bending balances?$|^balances?,? end of|^balance at (?:the )?end of|\bend of (?:the )?(?:period|year)$",
    re.I,
)


def classify(title: str, context: Iterable[str], labels: list[str]) -> tuple[StatementKind, bool]:
    """What a table is, and whether its own title or caption says so (rather than its lines)."""
    captions = [line for line in context if len(line) <= 90]
    for text in (title, " ".join(captions)):
        if not text:
            continue
        in_notes = bool(_NOTE_TITLE_RE.match(text))
        for pattern, kind in _TITLE_RULES:
            if pattern.search(text) and not (in_notes and (kind.is_primary or kind is StatementKind.EQUITY)):
                return kind, True
    return classify_by_labels(labels), False


def classify_by_labels(labels: list[str]) -> StatementKind:
    text = " | ".join(label.lower() for label in labels)
    stripped = {label.lower().strip(" :") for label in labels}
    if "total assets" in stripped and any(re.search(r"\bliabilities\b", label) for label in stripped):
        return StatementKind.BALANCE_SHEET
    if re.search(r"net cash (?:provided|used|from|generated)|cash flows? from", text):
        return StatementKind.CASH_FLOW
    if re.search(r"other comprehensive|comprehensive income", text) and not re.search(r"revenue|net sales|cost of", text):
        return StatementKind.COMPREHENSIVE_INCOME
    if re.search(r"revenues?|net sales|sales", text) and re.search(r"operating income|gross (?:profit|margin)|net income|operating profit|cost of", text):
        return StatementKind.INCOME
    return StatementKind.OTHER


def statement_title(title: str) -> str:
    """A title as the app shows it: no "(Unaudited)", no outline numbering, no enclosing brackets."""
    title = _UNAUDITED_RE.sub(" ", title).strip()
    title = re.sub(r"^(?:\(\d+\)|\d+\.|[ivx]+\.)\s*", "", title)
    if title.startswith("(") and title.endswith(")") and title.count("(") == 1:
        title = title[1:-1]
    title = clean_label(title)
    return re.sub(r"\s+:", ":", " ".join(title.split())).strip(" :")


# ----------------------------------------------------------------------------- parts


@dataclass
class StatementPart:
    """One printed table, interpreted: lines, columns and cells, before merging."""

    title: str
    kind: StatementKind
    columns: list[Column]
    lines: list[Line]
    cells: dict[tuple[int, int], Cell]
    unit: UnitInfo
    source: SourceRef
    scope: str
    raw_title: str
    warnings: list[str] = field(default_factory=list)
    titled: bool = True  # the title says what it is (else the kind was guessed from its lines)

    @property
    def periods(self) -> set[Period]:
        return {c.period for c in self.columns if c.period is not None and c.kind is not ColumnKind.CHANGE}


def build_part(
    raw: RawTable,
    calendar: FiscalCalendar,
    currency: str,
    previous: StatementPart | None,
) -> StatementPart | None:
    label_texts = [clean_label(row[0].text) for row in raw.rows if row]
    kind, titled = classify(raw.title, raw.context, label_texts)
    if kind is StatementKind.OTHER and not raw.title and previous is not None:
        kind = previous.kind
    banner = " ".join(line for line in raw.context if len(line) <= 120)
    default_instant = True if kind is StatementKind.BALANCE_SHEET else (False if kind.is_flow else None)
    layout = analyse(raw, calendar, banner, default_instant)
    if not layout.rows or not layout.columns:
        return None
    table_unit = _table_unit(layout, raw, currency, kind)
    if not layout.has_periods and _row_labels_are_periods(layout, calendar):
        part = _transposed_part(layout, raw, kind, calendar, table_unit, currency)
    else:
        if not layout.has_periods and previous is not None and not raw.title and _same_shape(layout, previous):
            layout = _inherit_headers(layout, previous)
        part = _part_from_layout(layout, raw, kind, table_unit, currency)
    if not raw.title and _footnote_caption(raw.context):
        # "(1) Amounts include amortization of intangible assets, as follows:" heads a table of its own
        part.raw_title = _footnote_caption(raw.context)
        part.title = statement_title(part.raw_title)[:90]
        part.kind, titled = classify(part.raw_title, (), [line.label for line in part.lines])
        if part.kind.is_primary:
            part.kind, titled = StatementKind.OTHER, False
    if part.kind.is_primary and _non_period_columns(part) >= len(part.periods):
        # mostly columns that are no periods (a note's matrix): not a primary statement
        part.kind, titled = StatementKind.OTHER, False
    part.titled = titled
    return part


def _same_shape(layout: TableLayout, previous: StatementPart) -> bool:
    return len(layout.columns) == len(previous.columns)


def _inherit_headers(layout: TableLayout, previous: StatementPart) -> TableLayout:
    """A continuation printed without headers takes the columns of the part before it."""
    columns = [
        ValueColumn(col.grid_index, prev.label, col.unit_text, parse_header(prev.label) if prev.period is None else _header_of(prev))
        for col, prev in zip(layout.columns, previous.columns)
    ]
    return TableLayout(layout.raw, columns, layout.rows, layout.header_row_count, layout.transposed, layout.warnings)


def _header_of(column: Column) -> HeaderPeriod:
    return HeaderPeriod(column.kind, column.period, column.forecast, column.percent_change)


_MONEY_KINDS = frozenset(
    {
        StatementKind.INCOME,
        StatementKind.COMPREHENSIVE_INCOME,
        StatementKind.BALANCE_SHEET,
        StatementKind.CASH_FLOW,
        StatementKind.EQUITY,
        StatementKind.SEGMENT,
        StatementKind.NON_GAAP,
        StatementKind.SUMMARY,
        StatementKind.GUIDANCE,
    }
)


def _table_unit(layout: TableLayout, raw: RawTable, currency: str, kind: StatementKind) -> UnitInfo:
    """The unit of the table's amounts: a units row, else the caption, else the document's currency."""
    for column in layout.columns:
        info = unit_for_column(column)
        if info is not None and info.unit != "%":
            return UnitInfo(info.unit or currency, info.scale, True)
    caption = caption_unit([raw.title, *raw.context])
    if caption is not None:
        return UnitInfo(caption.unit or currency, caption.scale, True)
    for column in layout.columns:
        # "2023 $ million": the unit printed inside the column header
        info = unit_from_header(column.label)
        if info is not None and info.unit != "%" and info.scale > 1:
            return UnitInfo(info.unit or currency, info.scale, True)
    return UnitInfo(currency if kind in _MONEY_KINDS else "", 1, False)


def _row_labels_are_periods(layout: TableLayout, calendar: FiscalCalendar) -> bool:
    hits = 0
    banner = " ".join(t.text for row in layout.raw.rows[: layout.header_row_count] for t in row[:1])
    for row in layout.rows:
        if len(row.label) > 60:
            continue  # a sentence that mentions a period ("Statements of Operations for the years ended ...")
        header = parse_header(row.label, calendar, banner)
        if header.kind in (ColumnKind.DURATION, ColumnKind.INSTANT):
            hits += 1
    return hits >= max(1, len([r for r in layout.rows if r.has_values]) // 2)


def _unlabelled_percent_changes(columns: list[Column], layout: TableLayout) -> list[Column]:
    """"Inc/(Dec)" printed once over a $ column and a % column: the unlabelled column after a
    change column holding percentages is the change in %."""
    result = list(columns)
    for position in range(1, len(result)):
        column = result[position]
        if column.kind is not ColumnKind.OTHER or column.label or result[position - 1].kind is not ColumnKind.CHANGE:
            continue
        cells = [row.parsed[position] for row in layout.rows if position < len(row.parsed) and row.parsed[position].kind is CellKind.NUMBER]
        if cells and any(p.percent for p in cells):
            result[position] = replace(column, kind=ColumnKind.CHANGE, percent_change=True, label=f"{result[position - 1].label} %")
    return result


def _link_change_columns(columns: list[Column]) -> list[Column]:
    """Each printed change column compares two periods of one length: the two just before it
    ("2023  2022  Change"), or its neighbours when it sits between them ("2024  Change  2023")."""
    linked = []
    for position, column in enumerate(columns):
        if column.kind is not ColumnKind.CHANGE:
            linked.append(column)
            continue
        pair = _adjacent_pair(columns, position)
        if pair is None:
            before = [c for c in columns[:position] if c.period is not None and c.kind is not ColumnKind.CHANGE]
            candidates = before or [c for c in columns if c.period is not None and c.kind is not ColumnKind.CHANGE]
            pair = _latest_pair(candidates)
        linked.append(replace(column, compares=pair) if pair else column)
    return linked


def _adjacent_pair(columns: list[Column], position: int) -> tuple[Period, Period] | None:
    left = [c for c in columns[:position]]
    while left and left[-1].kind is ColumnKind.CHANGE:
        left.pop()  # "$ change" and "% change" side by side compare the same two periods
    right = columns[position + 1 :]
    if len(left) >= 2 and left[-2].period is not None and left[-1].period is not None and left[-2].kind is not ColumnKind.CHANGE:
        return _ordered(left[-1].period, left[-2].period)
    if left and right and left[-1].period is not None and right[0].period is not None and right[0].kind is not ColumnKind.CHANGE:
        return _ordered(left[-1].period, right[0].period)
    return None


def _ordered(a: Period, b: Period) -> tuple[Period, Period] | None:
    if a == b or a.is_instant != b.is_instant or abs(a.days - b.days) > 7:
        return None
    return (a, b) if a.end > b.end else (b, a)


def _latest_pair(columns: list[Column]) -> tuple[Period, Period] | None:
    for index in range(len(columns) - 1, 0, -1):
        a = columns[index].period
        for other in range(index - 1, -1, -1):
            b = columns[other].period
            if a is None or b is None or a == b:
                continue
            if a.is_instant == b.is_instant and abs(a.days - b.days) <= 7:
                return (a, b) if a.end > b.end else (b, a)
        break
    return None


def _part_from_layout(layout: TableLayout, raw: RawTable, kind: StatementKind, table_unit: UnitInfo, currency: str) -> StatementPart:
    columns = []
    units_by_period: dict[Period | None, set[str]] = {}
    for value_column in layout.columns:
        units_by_period.setdefault(value_column.header.period, set()).add(_column_unit_name(unit_for_column(value_column)))
    currencies_apart = any(period is not None and len(names) > 1 for period, names in units_by_period.items())
    for value_column in layout.columns:
        header = value_column.header
        unit_info = unit_for_column(value_column)
        percent = header.percent or (unit_info is not None and unit_info.unit == "%")
        forecast = header.forecast or kind is StatementKind.GUIDANCE
        columns.append(
            Column(
                label=value_column.label,
                kind=header.kind,
                period=header.period,
                forecast=forecast,
                percent_change=percent and header.kind is ColumnKind.CHANGE,
                unit=_column_unit_name(unit_info) if currencies_apart and header.kind is not ColumnKind.CHANGE else "",
            )
        )
    columns = _link_change_columns(_unlabelled_percent_changes(columns, layout))
    lines, row_map = build_lines(layout.rows, table_unit, share_scale([raw.title, *raw.context]))
    cells: dict[tuple[int, int], Cell] = {}
    for row_index, row in enumerate(layout.rows):
        line_index = row_map[row_index]
        if line_index is None:
            continue
        line = lines[line_index]
        for col_index, (raw_cell, parsed) in enumerate(zip(row.cells, row.parsed)):
            if raw_cell is None or parsed.kind not in (CellKind.NUMBER, CellKind.NIL):
                continue
            column = columns[col_index]
            unit, scale = _cell_unit(line, column, layout.columns[col_index], parsed, table_unit)
            cells[(line_index, col_index)] = Cell(
                value=parsed.value,
                text=raw_cell.text,
                source=raw_cell.source,
                header=column.label,
                unit=unit,
                scale=scale,
            )
    warnings = list(layout.warnings)
    junk = sum(len(row.junk) for row in layout.rows)
    if junk:
        warnings.append(f"{junk} unreadable cell(s) ignored in '{raw.title or 'untitled table'}'")
    return _new_part(raw, kind, columns, lines, cells, table_unit, warnings)


def _new_part(
    raw: RawTable,
    kind: StatementKind,
    columns: list[Column],
    lines: list[Line],
    cells: dict[tuple[int, int], Cell],
    unit: UnitInfo,
    warnings: list[str],
) -> StatementPart:
    return StatementPart(
        title=statement_title(raw.title),
        kind=kind,
        columns=columns,
        lines=lines,
        cells=cells,
        unit=unit,
        source=raw.source,
        scope="non-consolidated" if _SCOPE_RE.search(raw.title) else "consolidated",
        raw_title=raw.title,
        warnings=warnings,
    )


def _column_unit_name(info: UnitInfo | None) -> str:
    if info is None or not info.unit or info.unit == "%":
        return ""
    return f"{info.unit} {info.scale}"


def _cell_unit(line: Line, column: Column, value_column: ValueColumn, parsed, table_unit: UnitInfo) -> tuple[str, int]:
    if column.kind is ColumnKind.CHANGE:
        if column.percent_change or parsed.percent:
            return "%", 1
        return line.unit or table_unit.unit, line.scale if line.unit else table_unit.scale
    if parsed.unit:
        return parsed.unit, 1
    if parsed.percent:
        return "%", 1
    column_unit = unit_for_column(value_column)
    if line.unit and line.unit != table_unit.unit:
        return line.unit, line.scale
    if column_unit is not None:
        if column_unit.unit == "%":
            return "%", 1
        if column_unit.scale == 1 and column_unit.unit and line.per_share:
            return f"{column_unit.unit}/share", 1
        return column_unit.unit or table_unit.unit, column_unit.scale
    return line.unit or table_unit.unit, line.scale if line.unit else table_unit.scale


# ----------------------------------------------------------------------------- hierarchy


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
    return bool(_TOTAL_RE.match(label.strip())) or bool(_NET_CASH_RE.match(label.strip()))


def _closes(total_label: str, section: str) -> bool:
    total = normalize_label(total_label)
    name = normalize_label(section)
    remainder = re.sub(r"^(?:consolidated )?total\s*", "", total).strip()
    return bool(remainder) and (remainder == name or name.endswith(remainder) and len(remainder) > 6 or remainder.endswith(name))


def build_lines(rows: list[BodyRow], table_unit: UnitInfo, shares_scale: int = 1) -> tuple[list[Line], list[int | None]]:
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
            group = caps and not label.endswith(":")
            if group:
                stack.clear()
            else:
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
        unit = row_unit(label, table_unit, " ".join(section[-1:]), shares_scale)
        memo = bool(row.parsed) and any(p.memo for p in row.parsed)
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
            )
        )
        row_map.append(len(lines) - 1)
    return lines, row_map


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


# ----------------------------------------------------------------------------- transposed tables


def _transposed_part(
    layout: TableLayout, raw: RawTable, kind: StatementKind, calendar: FiscalCalendar, table_unit: UnitInfo, currency: str
) -> StatementPart:
    """Summary tables print periods as rows and line items as columns: turn them round."""
    banner = " ".join(t.text for row in raw.rows[: layout.header_row_count] for t in row[:1])
    if kind not in (StatementKind.DIVIDENDS, StatementKind.GUIDANCE, StatementKind.PER_SHARE, StatementKind.KPI):
        kind = StatementKind.SUMMARY
    items: list[tuple[str, int, UnitInfo | None]] = []  # (label, value column, unit)
    change_of: dict[int, int] = {}  # value column -> item index it is the change of
    for position, column in enumerate(layout.columns):
        unit_info = unit_for_column(column)
        label = clean_label(column.label)
        previous_label = clean_label(layout.columns[position - 1].label) if position else None
        if unit_info is not None and unit_info.unit == "%" and items and (not label or label == previous_label) and kind is not StatementKind.DIVIDENDS:
            change_of[position] = len(items) - 1
            continue
        items.append((label or f"Column {position + 1}", position, unit_info))

    lines = []
    for label, _, unit_info in items:
        unit = row_unit(label, table_unit)
        if unit_info is not None:
            if unit_info.unit == "%":
                unit = UnitInfo("%", 1, True)
            elif unit_info.scale == 1 and unit_info.unit and (unit is None or unit.unit != "shares"):
                unit = UnitInfo(f"{unit_info.unit}/share", 1, True)
        if kind is StatementKind.DIVIDENDS:
            unit = UnitInfo(f"{currency}/share" if currency else "per share", 1, True)
        lines.append(
            Line(
                label=label,
                unit=unit.unit if unit else "",
                scale=unit.scale if unit else 1,
                per_share=bool(unit and "/share" in unit.unit),
                ratio=bool(unit and unit.unit == "%"),
                is_total=is_total_label(label),
                standalone=True,
            )
        )

    columns: list[Column] = []
    cells: dict[tuple[int, int], Cell] = {}
    forecast_kind = kind is StatementKind.GUIDANCE
    for row in layout.rows:
        header = parse_header(row.label, calendar, banner)
        if header.period is None:
            continue
        period_column = len(columns)
        columns.append(Column(row.label, header.kind, header.period, forecast=header.forecast or forecast_kind))
        change_column = None
        if change_of:
            change_column = len(columns)
            prior = _year_earlier(header.period)
            columns.append(
                Column(f"{row.label} %", ColumnKind.CHANGE, None, forecast=header.forecast or forecast_kind, percent_change=True, compares=(header.period, prior))
            )
        for item_index, (label, position, unit_info) in enumerate(items):
            parsed = row.parsed[position]
            cell = row.cells[position]
            if cell is None or parsed.kind not in (CellKind.NUMBER, CellKind.NIL):
                continue
            line = lines[item_index]
            unit = line.unit or (unit_info.unit if unit_info else "") or table_unit.unit
            scale = line.scale if line.unit else (unit_info.scale if unit_info else table_unit.scale)
            cells[(item_index, period_column)] = Cell(parsed.value, cell.text, cell.source, header=f"{row.label} {label}".strip(), unit=unit, scale=scale)
        for position, item_index in change_of.items():
            parsed = row.parsed[position]
            cell = row.cells[position]
            if cell is None or parsed.kind is not CellKind.NUMBER or change_column is None:
                continue
            cells[(item_index, change_column)] = Cell(parsed.value, cell.text, cell.source, header=f"{row.label} %", unit="%", scale=1)
    return _new_part(raw, kind, columns, lines, cells, table_unit, list(layout.warnings))


def _year_earlier(period: Period) -> Period:
    def back(day):
        try:
            return day.replace(year=day.year - 1)
        except ValueError:
            return day.replace(year=day.year - 1, day=28)

    return Period(end=back(period.end), start=None if period.start is None else back(period.start))


# ----------------------------------------------------------------------------- merging


def merge_key(part: StatementPart) -> tuple[str, str]:
    """Parts with one key are one statement: primary statements by kind and scope, others by title."""
    if (part.kind.is_primary or part.kind is StatementKind.EQUITY) and part.titled:
        return (part.kind.value, part.scope)
    title = normalize_label(re.sub(r"\(.*?\)", "", part.title))
    title = re.sub(r"\b(?:\d(?:st|nd|rd|th)? quarter|1h|2h|[1-4]q|fy\s?\d{2,4}|first|second|third|fourth|six month|three month|nine month|month)\b", " ", title)
    return (part.kind.value, " ".join(title.split()))


_FOOTNOTE_CAPTION_RE = re.compile(r"^\(?\d{1,2}\)\s+\S|^\*\d?\s+\S")


def _non_period_columns(part: StatementPart) -> int:
    """Columns that are neither periods, nor changes, nor a % of sales beside the amounts: a note's
    roll-forward ("Beginning | Increase | Decrease | Ending") has them, a statement does not."""
    count = 0
    for j, column in enumerate(part.columns):
        if column.kind is not ColumnKind.OTHER:
            continue
        units = [cell.unit for (_, col), cell in part.cells.items() if col == j]
        if not units or units.count("%") * 2 < len(units):
            count += 1
    return count


def _footnote_caption(context: tuple[str, ...]) -> str:
    for line in context:
        if _FOOTNOTE_CAPTION_RE.match(line):
            return line
    return ""


def _default_scale_where_unstated(parts: list[StatementPart]) -> None:
    """A statement that prints no unit is in the unit the document's other statements state
    ("Millions of yen" on every page but one)."""
    stated = Counter((p.unit.unit, p.unit.scale) for p in parts if p.unit.explicit and p.kind in _MONEY_KINDS and p.unit.scale > 1)
    if not stated:
        return
    (unit, scale), count = stated.most_common(1)[0]
    if count * 2 < sum(stated.values()):
        return  # no one unit prevails: better unstated than wrong
    for part in parts:
        if not part.unit.explicit and part.kind in _MONEY_KINDS and part.unit.unit in ("", unit):
            _inherit_unit(part, replace(part, unit=UnitInfo(unit, scale, True)))


def _inherit_unit(part: StatementPart, head: StatementPart) -> None:
    """A page that continues a statement without repeating its caption is in the caption's unit."""
    if part.unit.explicit or not head.unit.explicit:
        return
    for key, cell in part.cells.items():
        if cell.unit == part.unit.unit and cell.scale == part.unit.scale:
            part.cells[key] = replace(cell, unit=head.unit.unit, scale=head.unit.scale)
    part.unit = head.unit


def _is_continuation(part: StatementPart, previous: StatementPart) -> bool:
    """An untitled table right after a statement, over the same periods, continues it."""
    if part.raw_title:
        return False
    return part.periods == previous.periods or not part.periods


def _percent_share(part: StatementPart) -> float:
    cells = [cell for (_, column), cell in part.cells.items() if part.columns[column].kind is not ColumnKind.CHANGE]
    return sum(1 for cell in cells if cell.unit == "%") / len(cells) if cells else 0.0


def _contradicts(member: StatementPart, part: StatementPart) -> bool:
    """Two tables that print different figures for one line and period are not one statement,
    nor is a table of amounts and its copy in % of revenue."""
    if abs(_percent_share(member) - _percent_share(part)) > 0.5:
        return True
    shared = member.periods & part.periods
    if not shared or _shared_label_share(member.lines, part.lines) < 0.3:
        return False  # a page that continues the statement
    values = {}
    for (line, column), cell in member.cells.items():
        period = member.columns[column].period
        if period in shared and member.columns[column].kind is not ColumnKind.CHANGE:
            values[(_line_key(member.lines[line]), period)] = cell.value
    clashes = agreements = 0
    for (line, column), cell in part.cells.items():
        period = part.columns[column].period
        key = (_line_key(part.lines[line]), period)
        if period in shared and key in values and part.columns[column].kind is not ColumnKind.CHANGE:
            if values[key] == cell.value:
                agreements += 1
            else:
                clashes += 1
    return clashes > agreements


def _line_key(line: Line) -> tuple[str, str]:
    return (normalize_label(line.section[-1]) if line.section else "", normalize_label(line.label))


def merge_parts(parts: list[StatementPart]) -> StatementPart:
    merged = StatementPart(
        title=parts[0].title,
        kind=parts[0].kind,
        columns=list(parts[0].columns),
        lines=list(parts[0].lines),
        cells=dict(parts[0].cells),
        unit=parts[0].unit,
        source=parts[0].source,
        scope=parts[0].scope,
        raw_title=parts[0].raw_title,
        warnings=list(parts[0].warnings),
        titled=parts[0].titled,
    )
    for part in parts[1:]:
        _merge_into(merged, part)
        if not merged.title and part.title or (_STATEMENT_WORD_RE.search(part.title) and not _STATEMENT_WORD_RE.search(merged.title)):
            merged.title = part.title  # "Consolidated Statements of Cash Flows" names it better than "Cash Flows"
    return merged


def _merge_into(target: StatementPart, part: StatementPart) -> None:
    same_periods = part.periods == target.periods
    column_map = {}
    for index, column in enumerate(part.columns):
        existing = None
        if column.kind is not ColumnKind.CHANGE and column.period is not None:
            existing = next(
                (
                    j
                    for j, c in enumerate(target.columns)
                    if c.period == column.period and c.kind is column.kind and c.forecast == column.forecast and c.unit == column.unit
                ),
                None,
            )
        if existing is None:
            target.columns.append(column)
            existing = len(target.columns) - 1
        column_map[index] = existing

    continues = same_periods and (not part.raw_title or _shared_label_share(target.lines, part.lines) < 0.3)
    lines, target_map, incoming_map = _align_lines(target.lines, part.lines, append_only=continues)
    target.lines = lines
    target.cells = {(target_map[line], column): cell for (line, column), cell in target.cells.items()}
    for (line_index, column_index), cell in part.cells.items():
        key = (incoming_map[line_index], column_map[column_index])
        if key in target.cells:
            target.warnings.append(
                f"'{part.lines[line_index].label}' is printed twice for {cell.header}: kept {target.cells[key].text}, not {cell.text}"
            )
            continue
        target.cells[key] = cell
    target.warnings.extend(part.warnings)


def _shared_label_share(target: list[Line], incoming: list[Line]) -> float:
    """How many of a table's lines the statement already has: a page that continues a statement
    over the same periods shares few, a second table of the same statement shares most."""
    known = {normalize_label(line.label) for line in target}
    labels = [normalize_label(line.label) for line in incoming if not line.is_heading]
    return sum(1 for label in labels if label in known) / len(labels) if labels else 0.0


def _align_lines(target: list[Line], incoming: list[Line], append_only: bool) -> tuple[list[Line], dict[int, int], dict[int, int]]:
    """Lines of both tables in one order: incoming lines match target lines by section and label,
    and a new line goes right after the last matched one.

    Returns the merged lines, and where each target and each incoming line went.
    """
    order: list[tuple[str, int]] = [("target", i) for i in range(len(target))]
    if append_only:
        order += [("incoming", i) for i in range(len(incoming))]
    else:
        _repair_wrapped_labels(target, incoming)
        matched: dict[int, int] = {}
        used: set[int] = set()
        insert_after = -1  # position in ``order``
        for index, line in enumerate(incoming):
            start = order[insert_after][1] + 1 if insert_after >= 0 and order[insert_after][0] == "target" else 0
            match = _find_match(target, line, used, start=start)
            if match is None:
                match = _find_match(target, line, used, start=0)
            if match is None:
                order.insert(insert_after + 1, ("incoming", index))
                insert_after += 1
                continue
            matched[index] = match
            used.add(match)
            insert_after = order.index(("target", match))
        for index, target_index in _reworded_between_matches(target, incoming, matched, used).items():
            order.remove(("incoming", index))
            matched[index] = target_index
            used.add(target_index)
    lines: list[Line] = []
    target_map: dict[int, int] = {}
    incoming_map: dict[int, int] = {}
    for origin, index in order:
        if origin == "target":
            target_map[index] = len(lines)
            lines.append(target[index])
        else:
            incoming_map[index] = len(lines)
            lines.append(incoming[index])
    if not append_only:
        for index, match in matched.items():
            incoming_map[index] = target_map[match]
    return lines, target_map, incoming_map


def _reworded_between_matches(target: list[Line], incoming: list[Line], matched: dict[int, int], used: set[int]) -> dict[int, int]:
    """One unmatched line on each side between the same two matched neighbours is one line
    printed in other words ("Cost of Revenues:" in the quarter table, "Total costs" in the half)."""
    found = {}
    for index in range(1, len(incoming) - 1):
        if index in matched or index - 1 not in matched or index + 1 not in matched:
            continue
        before, after = matched[index - 1], matched[index + 1]
        candidate = before + 1
        if after == before + 2 and candidate not in used and target[candidate].is_heading == incoming[index].is_heading:
            found[index] = candidate
    return found


def _find_match(target: list[Line], line: Line, used: set[int], start: int) -> int | None:
    key = normalize_label(line.label)
    section = normalize_label(line.section[-1]) if line.section else ""
    best = None
    for offset in range(start, len(target)):
        if offset in used:
            continue
        candidate = target[offset]
        if normalize_label(candidate.label) != key:
            continue
        candidate_section = normalize_label(candidate.section[-1]) if candidate.section else ""
        if candidate_section == section:
            return offset
        if best is None and (not section or not candidate_section) and candidate.is_heading == line.is_heading:
            best = offset
    return best


def _repair_wrapped_labels(target: list[Line], incoming: list[Line]) -> None:
    """Scanning sometimes wraps a long label into the next row: "...EQUITY IN NET INCOME" /
    "OF EQUITY METHOD INVESTEES INCOME TAX EXPENSE". Where the other table of the statement
    prints the two labels whole, restore them."""
    known = [normalize_label(line.label) for line in target]
    for index in range(len(incoming) - 1):
        first = normalize_label(incoming[index].label)
        second = normalize_label(incoming[index + 1].label)
        if first in known and second in known:
            continue
        for position, whole in enumerate(known[:-1]):
            if whole.startswith(first) and whole != first:
                spill = whole[len(first):].strip()
                following = known[position + 1]
                if second == f"{spill} {following}".strip():
                    incoming[index] = replace(incoming[index], label=target[position].label)
                    incoming[index + 1] = replace(incoming[index + 1], label=target[position + 1].label)
                    break


def _drop_empty_lines(part: StatementPart) -> StatementPart:
    """Headings with nothing under them and lines with no cells in any column go."""
    keep = [i for i, line in enumerate(part.lines) if line.is_heading or any((i, j) in part.cells for j in range(len(part.columns)))]
    remap = {old: new for new, old in enumerate(keep)}
    part.lines = [part.lines[i] for i in keep]
    part.cells = {(remap[line], col): cell for (line, col), cell in part.cells.items() if line in remap}
    return part


def to_statement(part: StatementPart, file_name: str, sources: list[SourceRef], key: tuple[str, str]) -> Statement:
    part = _drop_empty_lines(part)
    statement = Statement(
        title=part.title or part.kind.value.capitalize(),
        kind=part.kind,
        columns=part.columns,
        lines=part.lines,
        cells=part.cells,
        unit=part.unit.unit,
        scale=part.unit.scale,
        file_name=file_name,
        sources=sources,
        warnings=part.warnings,
        key=key,
    )
    return statement.in_chronological_order()


# ----------------------------------------------------------------------------- entry point


def build_statements(document: RawDocument, calendar: FiscalCalendar) -> tuple[list[Statement], list[str]]:
    """All statements of a document, merged, in the order they first appear."""
    currency = document_currency("\n".join(document.text_lines))
    parts: list[StatementPart] = []
    warnings: list[str] = []
    for raw in document.tables:
        previous = parts[-1] if parts else None
        part = build_part(raw, calendar, currency, previous)
        if part is None or not part.cells:
            continue
        if not part.periods and not any(c.kind is ColumnKind.CHANGE for c in part.columns):
            continue
        parts.append(part)

    _default_scale_where_unstated(parts)
    groups: dict[tuple[str, str], list[StatementPart]] = {}
    order: list[tuple[str, str]] = []
    chains: list[list[StatementPart]] = []
    for part in parts:
        if chains and _is_continuation(part, chains[-1][-1]):
            part.kind = chains[-1][0].kind
            part.title = chains[-1][0].title
            part.scope = chains[-1][0].scope
            _inherit_unit(part, chains[-1][0])
            chains[-1].append(part)
            continue
        chains.append([part])

    for chain in chains:
        head = merge_parts(chain) if len(chain) > 1 else chain[0]
        if len(chain) > 1:
            head.raw_title = chain[0].raw_title
        key = merge_key(head)
        while key in groups and any(_contradicts(member, head) for member in groups[key]):
            key = (key[0], key[1] + " (another table)")  # same title, other figures: a table of its own
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(head)

    statements = []
    for key in order:
        members = groups[key]
        merged = merge_parts(members) if len(members) > 1 else members[0]
        statements.append(to_statement(merged, document.file_name, [m.source for m in members], key))
        warnings.extend(merged.warnings)
    return statements, warnings
