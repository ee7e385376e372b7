"""The lines of a plain-text dump, each classified (blank, page furniture, a row of numbers, text),
and the tests that tell a heading, a caption or prose from a line of a table."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum


_AMOUNT = r"[¥$]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_VALUE_TOKEN_RE = re.compile(
    rf"^(?:[△▲]?[-+]?{_AMOUNT}%?"  # 1,234  △16,065  -12.5  7.4  35%  $0.96
    rf"|\({_AMOUNT}\)%?|\({_AMOUNT}%\)"  # (4.6)  (1,234)  ($479)  (4.6)%  (4.6%)
    r"|[－\-–—―]{1,2})$"  # nil cells: －, -, --, –, —
)
_NEGATIVE_MARKS = frozenset({"△", "▲"})
_CURRENCY_TOKENS = frozenset({"$", "¥", "US$"})
YEAR_TOKEN_RE = re.compile(r"^\(?(?:19|20)\d{2}\)?[,;]?$")
DAY_TOKEN_RE = re.compile(r"^\(?\d{1,2},$")
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_PAGE_MARKER_RE = re.compile(r"^\s*(?:-\s*\d{1,3}\s*-|=+\s*page\s*\d+\s*=+|page\s+\d+(?:\s+of\s+\d+)?)\s*$", re.I)
_PAGE_NUMBER_RE = re.compile(r"^\d{1,3}\s*$")  # only unindented: an indented lone number is a wrapped value
_ANNOTATION_RE = re.compile(r"^\s*(?:#|\[note\b|source\b[^:]{0,40}:)", re.I)
_NUMBERED_HEADING_RE = re.compile(r"^(?:\d{1,2}\.|\(\d{1,2}\)|\([ivx]{1,4}\)|[①-⑳]|[IVX]{1,4}\.)\s*[A-Za-z(\[]")
_STATEMENT_WORDS_RE = re.compile(r"\b(?:statements?|balance sheets?)\b", re.I)
_PROSE_NUMBER_RE = re.compile(r"[¥$]\s?\d|\d%|\(\$")
_MONEY_TEXT_RE = re.compile(r"[¥$%]|\d,\d{3}")
_CAPTION_WORDS_RE = re.compile(
    r"millions?|billions?|thousands?|\byen\b|dollars|%|percent|\bunits?\b|\bmonths?\b|\byears?\b|"
    r"year-on-year|\bperiods?\b|\bquarters?\b|\bended\b|\bending\b|\bthru\b",
    re.I,
)
_LEADER_RE = re.compile(r"[·.…]{4,}")
_MAX_LABEL_LENGTH = 120


class LineKind(Enum):
    BLANK = "blank"
    IGNORED = "ignored"  # page markers, running page headers, repository notes above the document
    DATA = "data"  # a label and at least one number
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class SplitLine:
    """A line cut into its label and the value cells printed after it.

    ``slots`` keeps an empty string where the dump wrote an empty cell as an extra space.
    """

    label: str
    slots: tuple[str, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(slot for slot in self.slots if slot)


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based, as an editor shows it
    text: str  # whitespace collapsed
    kind: LineKind
    split: SplitLine


def classify_lines(lines: list[str]) -> list[Line]:
    ignored = ignored_line_indexes(lines)
    classified = []
    for index, raw in enumerate(lines):
        text = " ".join(raw.split())
        split = split_values(raw)
        if index in ignored:
            kind = LineKind.IGNORED
        elif not text:
            kind = LineKind.BLANK
        elif is_data_row(split):
            kind = LineKind.DATA
        else:
            kind = LineKind.TEXT
        classified.append(Line(index + 1, text, kind, split))
    return classified


def ignored_line_indexes(lines: list[str]) -> set[int]:
    """Lines that are not part of the document's content: page markers, running headers, notes on top."""
    markers = {index for index, line in enumerate(lines) if is_page_marker(line)}
    ignored = set(markers) | annotation_indexes(lines)
    near_markers = {index for marker in markers for index in range(marker - 3, marker + 4)}
    near_marker: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    for index, line in enumerate(lines):
        text = " ".join(line.split())
        if text and index not in markers:
            occurrences[text] += 1
            if index in near_markers:
                near_marker[text] += 1
    running = {text for text, count in near_marker.items() if count >= 3 and count == occurrences[text]}
    ignored |= {index for index, line in enumerate(lines) if " ".join(line.split()) in running}
    return ignored


def is_page_marker(line: str) -> bool:
    return bool(_PAGE_MARKER_RE.match(line) or _PAGE_NUMBER_RE.match(line))


def annotation_indexes(lines: list[str]) -> set[int]:
    """Notes a repository put above the document ("# source label", "[NOTE: ...]", "Source: ...")."""
    head = lines[:10]
    first_page = next((index for index, line in enumerate(head) if _PAGE_MARKER_RE.match(line)), None)
    if first_page is not None and any(_ANNOTATION_RE.match(line) for line in head[:first_page]):
        return set(range(first_page))
    notes = set()
    for index, line in enumerate(head):
        if not line.strip():
            continue
        if not _ANNOTATION_RE.match(line):
            break
        notes.add(index)
    return notes


def split_values(raw: str) -> SplitLine:
    """The trailing run of number tokens of a line, and the label before it."""
    text = raw.rstrip("\r\n")
    if text.endswith(" "):
        text = text[:-1]  # every cell of the dump is followed by one space, the last one too
    tokens = text.split(" ")
    slots: list[str] = []
    index = len(tokens) - 1
    while index >= 0:
        token = tokens[index]
        if token == "":
            slots.append("")
        elif _VALUE_TOKEN_RE.match(token) and not ends_label(tokens, index):
            if index > 0 and tokens[index - 1] in _NEGATIVE_MARKS:
                index -= 1
                token = tokens[index] + token  # "△ 1,234" is one value
            elif index > 0 and tokens[index - 1] in _CURRENCY_TOKENS:
                index -= 1  # a lone "$" before its number says nothing the unit line does not
            slots.append(token)
        else:
            break
        index -= 1
    label = " ".join(" ".join(tokens[: index + 1]).split())
    slots.reverse()
    return SplitLine(label, tuple(slots))


def ends_label(tokens: list[str], index: int) -> bool:
    """A number token that belongs to the label: the year of a date ("March 31, 2026") or a note number."""
    token = tokens[index]
    before = tokens[index - 1].lower() if index > 0 else ""
    if YEAR_TOKEN_RE.match(token) and (DAY_TOKEN_RE.match(before) or before.strip("(") in MONTHS):
        return True
    return token.isdigit() and len(token) <= 2 and before.rstrip(".") in ("note", "notes", "no")


def is_data_row(split: SplitLine) -> bool:
    values = split.values
    if not values or len(split.label) > _MAX_LABEL_LENGTH or is_sentence(split.label):
        return False
    if _PROSE_NUMBER_RE.search(split.label):
        return False  # "Operating Loss of ($479) million; EPS of ($0.25)" is a sentence, not a row
    if _LEADER_RE.search(split.label):
        return False  # a contents entry: "(1) Consolidated balance sheet ········ 3"
    return not all(YEAR_TOKEN_RE.match(value) for value in values)  # "2025 2024" is a header line


def is_amount(token: str) -> bool:
    return any(ch.isdigit() for ch in token)


def is_caption(text: str) -> bool:
    """A units or period note printed with a table: "(Millions of yen)", "Unit: Billions of yen".

    A parenthesised line with a date is a column header ("(June 30, 2025)"); one without
    units or periods is a heading ("(Revenue recognition)").
    """
    if re.match(r"^unit\s*:", text, re.I):
        return True
    return is_parenthesised(text) and not has_year(text) and bool(_CAPTION_WORDS_RE.search(text))


def is_parenthesised(text: str) -> bool:
    return text.startswith("(") and text.endswith(")")


def has_year(text: str) -> bool:
    return bool(re.search(r"\b(?:19|20)\d{2}\b", text))


def is_strong_title(text: str) -> bool:
    """A numbered heading or a statement name: "2. Consolidated Statements of Income"."""
    if len(text) > 160 or text.endswith("."):
        return False
    if _NUMBERED_HEADING_RE.match(text):
        return True
    if not text.lstrip("(")[:1].isupper():
        return False
    if is_parenthesised(text) and not has_year(text) and not _CAPTION_WORDS_RE.search(text):
        return True  # "(Revenue recognition)", "(Consolidated statement of income)"
    if " " not in text:
        return False
    return bool(_STATEMENT_WORDS_RE.search(text)) and len(text) <= 90 and not _MONEY_TEXT_RE.search(text)


def is_weak_title(text: str, isolated: bool) -> bool:
    """A short line of words that could be a heading.

    It must be in Title Case ("Second Quarter Financial Results") or stand alone between
    blank lines ("Net sales"): a sentence-case line right above column headers is a banner
    over them ("Accumulated other comprehensive income"), not the table's title.
    """
    if len(text) > 80 or not text[:1].isupper() or text.endswith((".", ",", ";", ":")):
        return False
    if _MONEY_TEXT_RE.search(text) or is_caption(text) or re.match(r"^(?:note|\(note\))\b", text, re.I):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    if len([word for word in words if len(word) >= 3]) < 2:
        return False
    long_words = [word for word in words if len(word) > 3]
    title_case = bool(long_words) and sum(word[0].isupper() for word in long_words) / len(long_words) >= 0.6
    return title_case or isolated


def is_isolated(lines: list[Line], index: int) -> bool:
    """A line on its own: no text line directly above, a blank line (or the end) below."""
    above = index == 0 or lines[index - 1].kind is not LineKind.TEXT
    below = index + 1 >= len(lines) or lines[index + 1].kind is LineKind.BLANK
    return above and below


def ends_run(text: str) -> bool:
    """A text line that cannot sit between the rows of one table."""
    return is_strong_title(text) or is_caption(text) or is_prose(text)


def is_prose(text: str) -> bool:
    return len(text) > 100 or is_sentence(text)


def is_sentence(text: str) -> bool:
    return text.endswith(".") and len(text.split()) > 5
