"""PDF filings with a text layer -> raw tables rebuilt from word positions.

Statements in filings are mostly unruled, so tables are rebuilt from where words sit rather
than from drawn cells. The work is split in two passes because pdfplumber's layout analysis
costs ~100 ms a page and pypdfium2's plain text ~2 ms: pypdfium2 reads every page (text lines,
running headers, which pages look like tables), pdfplumber only the pages that do.

Per page the steps run as a chain of small functions, in the style of pdfplumber's table.py:
words -> lines (sign fragments glued) -> side-by-side bands -> body blocks -> header lines
-> value columns -> rows (wrapped labels joined) -> RawTable with title and context.
"""

from __future__ import annotations

import logging
import re
import struct
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Literal
from pathlib import Path
from statistics import median

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_raw
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from model.errors import FilingError, PasswordRequired
from model.interpretation.japanese_dates import has_kana_or_kanji
from model.pdfium_lock import PDFIUM_LOCK
from model.raw import RawCell, RawDocument, RawTable, SourceRef
from model.readers import ProgressCallback
from model.readers.japanese_text import fold_cjk_compatibility, is_japanese_heading, is_range_mark
from model.readers.text import is_title_line

# pdfminer reports a broken content stream with whichever Python error it runs into; pdfium
# has already accepted the file by then, so such a page is skipped with a warning
_LAYOUT_FAILURES = (
    PSException,
    PdfminerException,
    MalformedPDFException,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    struct.error,
    zlib.error,
)

PASSWORD_REASON = "the PDF is password-protected: it opens with its password"
WRONG_PASSWORD_REASON = "the password is not right for this PDF"
SCANNED_REASON = "scanned PDF: no text layer, OCR is not supported"


@dataclass(frozen=True, slots=True)
class LayoutSettings:
    """Distances in PDF points, most of them relative to the font size of the lines involved."""

    line_tolerance: float = 2.5  # words whose tops differ by less sit on one printed line
    label_gap: float = 12.0  # a number this far from the word before it starts a value column
    fragment_gap: float = 12.0  # ")" or "%" this close to a number belongs to it
    phrase_gap_factor: float = 0.8  # header words further apart than this x size are separate phrases
    row_gap_factor: float = 2.2  # a blank space taller than this x size ends a table body
    header_gap_factor: float = 3.0  # header lines sit at most this x size above each other
    min_value_lines: int = 2  # fewer lines with numbers is prose with a figure in it, not a table
    min_side_by_side_lines: int = 4  # lines printing "label values label values" that split a page
    title_reach: int = 10  # lines above a table searched for its title
    title_distance: float = 160.0  # and how far above it they may be

    def __post_init__(self) -> None:
        if min(self.line_tolerance, self.label_gap, self.fragment_gap, self.row_gap_factor) <= 0:
            raise ValueError("layout distances must be positive")
        if self.min_value_lines < 1 or self.min_side_by_side_lines < 1 or self.title_reach < 1:
            raise ValueError("layout counts must be at least 1")


SETTINGS = LayoutSettings()
BBox = tuple[float, float, float, float]
Rule = tuple[float, float, float]  # a drawn vertical rule: x, top, bottom

# ----------------------------------------------------------------------------- token patterns

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_FOOTNOTE_SUFFIX = r"(?:\s?\((?:[a-z]|\d{1,2})\)|\*\d?)?"
_VALUE_TOKEN_RE = re.compile(
    rf"^[\[(]?(?:[△▲]\s?)?[-+−–]?[$¥€£]?\(?(?:{_NUMBER})\)?(?:%|pp|pts?|bps|x)?[)\]]?%?\$?{_FOOTNOTE_SUFFIX}$"
    r"|^[-—–－―‐−]{1,3}%?$"
    r"|^(?:n/?m|n/?a)$"
    r"|^\d{1,3}(?:,\d{1,3})+$",  # note references such as "5,16,34"
    re.IGNORECASE,
)
_YEAR_TOKEN_RE = re.compile(r"^\(?(?:19|20)\d{2}\)?[,.]?$")
_CLOSING_FRAGMENT_RE = re.compile(r"^(?:\)|%|%\)|\)%|\]|pp|pts?|bps)$")
_OPENING_FRAGMENTS = frozenset({"(", "（", "[", "△", "▲", "-", "−"})
_SPACED_OPENING_FRAGMENTS = frozenset({"△", "▲"})  # printed "△ 22,850": kept as printed
_CURRENCY_TOKENS = frozenset({"$", "US$", "¥", "￥", "€", "£", "A$", "C$"})
_CAPTION_RE = re.compile(
    r"^\([^)]*[A-Za-z]{2}.*\)$|^\(?(?:amounts\s+|dollars\s+)?in\s+(?:millions|thousands|billions)\b|^\(?units?\s*:|^\(?(?:millions|thousands|billions) of\b",
    re.IGNORECASE,
)
# "Dollars and shares in millions, except per share data": a units line without brackets
_SCALE_WORDS_RE = re.compile(r"\b(?:in|of)\s+(?:millions|thousands|billions)\b|\b(?:millions|thousands|billions) of\b", re.IGNORECASE)
_STATEMENT_TITLE_RE = re.compile(
    r"statements? of|balance sheets?|cash flows|financial position|comprehensive income|changes in (?:net assets|equity)",
    re.IGNORECASE,
)
_STATEMENT_NAME_RE = re.compile(r"\bstatements? of\b|\bbalance sheets?\b|\bstatements?\s*(?:\(continued\))?$", re.IGNORECASE)
_DATE_TEXT_RE = re.compile(
    r"\b(?:19|20)\d{2}\b|\d{1,2}/\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d", re.IGNORECASE
)
_OUTLINE_NUMBER_RE = re.compile(r"^\s*(?:\(?[0-9]{1,2}\)|\(?[a-z]\)|[0-9]{1,2}\.|[a-z]\.|[ivx]{1,4}\.)\s*", re.IGNORECASE)
_INTRODUCES_TABLE_RE = re.compile(r"\bthe following\b|\bas follows\b|\btables? (?:below|above)\b", re.IGNORECASE)
_TABLE_NAME_RE = re.compile(
    r"statements?|balance|cash flows?|income|operations|position|comprehensive|equity|summary|segments?|"
    r"highlights|reconciliation|results|revenues?|sales|profit|earnings|breakdown|by region|outlook|guidance",
    re.IGNORECASE,
)
_PERIOD_WORD_RE = re.compile(r"\b(?:ended|ending|months?|weeks?|quarters?|year|as of|fiscal|half)\b", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(
    r"^(?:page\s*)?[-–]?\s*[A-Z]?-?\d{1,3}\s*[-–]?$|^\d{1,3}\s*(?:/|of)\s*\d{1,3}$|^page\s+\d+\s+of\s+\d+$",
    re.IGNORECASE,
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_UNFINISHED_LABEL_RE = re.compile(
    r"(?:\b(?:to|of|and|or|for|in|on|the|from|by|with|at|as|before|after|under|per|including|excluding)|[,&(/-])$",
    re.IGNORECASE,
)


def is_value_token(text: str) -> bool:
    return bool(_VALUE_TOKEN_RE.match(text))


def is_year_token(text: str) -> bool:
    return bool(_YEAR_TOKEN_RE.match(text))


def is_caption(text: str) -> bool:
    """A units or audit caption: "(In millions)", "(Unaudited)", "Dollars in millions, except ..."."""
    return bool(_CAPTION_RE.match(text)) or (len(text) <= 90 and bool(_SCALE_WORDS_RE.search(text)) and not re.search(r"\d", text))


# ----------------------------------------------------------------------------- geometry types


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    def joined(self, other: Word, separator: str = "") -> Word:
        return Word(
            self.text + separator + other.text,
            min(self.x0, other.x0),
            max(self.x1, other.x1),
            min(self.top, other.top),
            max(self.bottom, other.bottom),
            max(self.size, other.size),
        )


@dataclass(frozen=True, slots=True)
class Line:
    """Words printed on one line, left to right, with the values among them flagged."""

    words: tuple[Word, ...]
    values: tuple[bool, ...]  # per word: a figure in a value column rather than part of a label
    currency_signs: tuple[Word, ...] = ()  # lone "$" marks: no cell of their own, but "$ million" in a header

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def size(self) -> float:
        return median(w.size for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def value_words(self) -> list[Word]:
        return [w for w, is_value in zip(self.words, self.values) if is_value]

    @property
    def has_values(self) -> bool:
        return any(self.values)

    @property
    def value_left(self) -> float:
        return min(w.x0 for w in self.value_words)


@dataclass(frozen=True, slots=True)
class Column:
    """A value column: the span of the figures printed in it, and the cell it may claim."""

    x0: float
    x1: float
    cell_x0: float
    cell_x1: float

    def overlap(self, x0: float, x1: float) -> float:
        return max(0.0, min(self.x1, x1) - max(self.x0, x0))


@dataclass(frozen=True, slots=True)
class Block:
    """A table found on a page: its header lines and its body lines, top to bottom."""

    header: tuple[Line, ...]
    body: tuple[Line, ...]

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.header + self.body

    @property
    def bbox(self) -> BBox:
        lines = self.lines
        return (min(l.x0 for l in lines), lines[0].top, max(l.x1 for l in lines), lines[-1].bottom)


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words of one line close enough together to be read as one piece of text."""

    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


# ----------------------------------------------------------------------------- reading


def read(path: Path, progress: ProgressCallback | None = None, password: str = "") -> RawDocument:
    """Read every table of a text-layer PDF. Raises FilingError with a plain reason
    (PasswordRequired when the PDF needs a password it was not given)."""
    report = progress or (lambda fraction, message: None)
    report(0.0, "reading the PDF's text")
    page_texts, warnings = read_page_texts(path, password)
    if not any(len("".join(text.split())) >= 20 for text in page_texts):
        raise FilingError(path, SCANNED_REASON)
    table_pages = find_table_pages(page_texts)
    running = running_line_keys(page_texts)
    report(0.05, f"{len(table_pages)} of {len(page_texts)} pages hold tables")
    pages = [
        PageInfo(path.name, number, 0.0, running, carried_title(page_texts[number - 2], running) if number > 1 else "")
        for number in table_pages
    ]
    tables, page_warnings = read_tables(path, pages, report, password)
    report(1.0, f"{len(tables)} tables found")
    return RawDocument(
        file_name=path.name,
        path=str(path),
        format="pdf",
        tables=tables,
        text_lines=[line for text in page_texts for line in text_lines(text)],
        page_count=len(page_texts),
        warnings=warnings + page_warnings,
    )


def read_page_texts(path: Path, password: str = "") -> tuple[list[str], list[str]]:
    """The plain text of every page (pypdfium2, fast), and warnings about pages without text."""
    with PDFIUM_LOCK:
        return _page_texts(path, password)


def _page_texts(path: Path, password: str) -> tuple[list[str], list[str]]:
    try:
        document = pypdfium2.PdfDocument(path, password=password)
    except pypdfium2.PdfiumError as error:
        if error.err_code == pdfium_raw.FPDF_ERR_PASSWORD:
            raise PasswordRequired(path, WRONG_PASSWORD_REASON if password else PASSWORD_REASON) from None
        raise FilingError(path, _open_failure_reason(error)) from None
    texts: list[str] = []
    image_only: list[int] = []
    unreadable: list[int] = []
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                textpage = page.get_textpage()
            except pypdfium2.PdfiumError:
                unreadable.append(index + 1)
                texts.append("")
                continue
            texts.append(textpage.get_text_range())
            if not texts[-1].strip() and _has_images(page):
                image_only.append(index + 1)
            textpage.close()
            page.close()
    finally:
        document.close()
    if not texts or len(unreadable) == len(texts):
        raise FilingError(path, "damaged PDF: none of its pages can be read")
    warnings = []
    if unreadable:
        warnings.append(f"page(s) {_page_list(unreadable)} are damaged and were skipped")
    if image_only and len(image_only) < len(texts):
        warnings.append(f"page(s) {_page_list(image_only)} are scanned images without text; their tables were not read")
    return texts, warnings


def _page_list(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _open_failure_reason(error: pypdfium2.PdfiumError) -> str:
    if error.err_code == pdfium_raw.FPDF_ERR_PASSWORD:
        return PASSWORD_REASON
    if error.err_code == pdfium_raw.FPDF_ERR_SECURITY:
        return "the PDF uses a kind of protection Tickmark cannot open; save an unprotected copy from a PDF viewer and open that"
    return "damaged PDF: its structure cannot be read (it may be truncated, corrupt or not really a PDF)"


def _has_images(page: pypdfium2.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=1))


def text_lines(page_text: str) -> list[str]:
    """Lines of one page, whitespace collapsed, without the control characters pdfium puts
    for broken ligatures and soft hyphens."""
    lines = []
    for raw in fold_cjk_compatibility(_CONTROL_RE.sub("", page_text.replace("\r\n", "\n"))).splitlines():
        line = " ".join(raw.split())
        if line:
            lines.append(line)
    return lines


def read_tables(path: Path, pages: list[PageInfo], report: ProgressCallback, password: str = "") -> tuple[list[RawTable], list[str]]:
    """Layout analysis (pdfplumber) of the given pages only."""
    tables: list[RawTable] = []
    warnings: list[str] = []
    if not pages:
        return tables, warnings
    try:
        with _pdfminer_quiet(), pdfplumber.open(path, password=password, pages=[info.number for info in pages]) as pdf:
            for done, (page, info) in enumerate(zip(pdf.pages, pages), start=1):
                report(0.05 + 0.95 * (done - 1) / len(pages), f"reading tables on page {page.page_number}")
                try:
                    words = page_words(page)
                    rules = vertical_rules(page)
                except _LAYOUT_FAILURES as error:
                    warnings.append(f"page {page.page_number} could not be laid out ({error!r}); its tables are missing")
                    continue
                finally:
                    page.close()
                info = replace(info, height=float(page.height))  # known once pdfplumber has the page
                tables.extend(page_tables(words, rules, info, first_index=len(tables)))
    except _LAYOUT_FAILURES as error:
        raise FilingError(path, f"damaged PDF: its pages cannot be laid out ({error!r})") from None
    return tables, warnings


@contextmanager
def _pdfminer_quiet() -> Iterator[None]:
    """pdfminer logs a warning for every font it cannot measure ("Could not get FontBBox");
    nothing a user can act on, and stderr belongs to the command line's error lines."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    """The page's upright words with their font size."""
    raw_words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    words = []
    for raw in raw_words:
        # broken ligatures come out as control characters ("bene\x00ts"): drop them
        text = fold_cjk_compatibility(_CONTROL_RE.sub("", raw["text"]))
        if raw.get("upright", True) and text.strip():
            words.append(Word(text, float(raw["x0"]), float(raw["x1"]), float(raw["top"]), float(raw["bottom"]), float(raw["size"])))
    return words


def vertical_rules(page: pdfplumber.page.Page) -> list[Rule]:
    """Drawn vertical rules as (x, top, bottom): thin lines and hairline rectangles, not shading."""
    rules = [(float(l["x0"]), float(l["top"]), float(l["bottom"])) for l in page.lines if abs(l["x1"] - l["x0"]) < 1.0]
    rules += [
        ((float(r["x0"]) + float(r["x1"])) / 2, float(r["top"]), float(r["bottom"]))
        for r in page.rects
        if r["x1"] - r["x0"] <= 2.0 and r["bottom"] - r["top"] >= 5.0
    ]
    return rules


# ----------------------------------------------------------------------------- finding pages


_ROW_END_RE = re.compile(r"^(?:[(\[△▲-]?[$¥]?\d[\d,]*(?:\.\d+)?[)\]]?%?|[-—–－]|\$|%|\)|%\))$")


def is_row_like(line: str) -> bool:
    """A line of text ending in two or more figures after a label: a printed table row."""
    tokens = line.split()
    figures = 0
    for token in reversed(tokens):
        if not _ROW_END_RE.match(token):
            break
        figures += 1
    return figures >= 2 and len(tokens) > figures


def looks_like_table_page(page_text: str) -> bool:
    """Worth ~100 ms of layout analysis: a page of many table rows, a page that is mostly a
    table, or a short statement under its title. Prose quoting a few figures is not."""
    lines = [line for line in page_text.splitlines() if line.strip()]
    rows = sum(1 for line in lines if is_row_like(line))
    return (
        rows >= 8
        or (rows >= 5 and rows >= 0.3 * len(lines))
        or (rows >= 3 and bool(_STATEMENT_TITLE_RE.search(page_text)))
    )


def find_table_pages(page_texts: Sequence[str]) -> list[int]:
    """1-based numbers of the pages worth a layout analysis. A document with no page of tables
    (a press release's highlights) still shows the small tables it has."""
    pages = [number for number, text in enumerate(page_texts, start=1) if looks_like_table_page(text)]
    if pages:
        return pages
    return [number for number, text in enumerate(page_texts, start=1) if sum(1 for line in text.splitlines() if is_row_like(line)) >= 2]


def line_key(text: str) -> str:
    """A line reduced to its letters, so that page headers match whatever their page number or spacing."""
    return re.sub(r"[^a-z]", "", text.lower())


def running_line_keys(page_texts: Sequence[str]) -> frozenset[str]:
    """Lines printed on many pages (running headers and footers): never a table's title."""
    counts: Counter[str] = Counter()
    for text in page_texts:
        counts.update({line_key(line) for line in text.splitlines()} - {""})
    threshold = max(3.0, 0.3 * len(page_texts))
    return frozenset(key for key, count in counts.items() if count >= threshold)


# ----------------------------------------------------------------------------- words -> lines


def group_lines(words: Iterable[Word], settings: LayoutSettings = SETTINGS) -> list[Line]:
    """Words into printed lines by their tops, each line read left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1][0].top) <= settings.line_tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [make_line(group, settings) for group in lines]


def make_line(words: Iterable[Word], settings: LayoutSettings = SETTINGS) -> Line:
    ordered = sorted(words, key=lambda w: w.x0)
    tokens = glue_fragments(ordered, settings)
    signs = tuple(w for w in ordered if w.text in _CURRENCY_TOKENS)
    return Line(tuple(tokens), flag_values(tokens, settings), signs)


def glue_fragments(words: list[Word], settings: LayoutSettings = SETTINGS) -> list[Word]:
    """Put split signs back on their numbers ("(7,348" + ")", "(0.3" + "%)", "△" + "22,850") and
    drop lone currency signs, which only mark the first and total rows."""
    tokens: list[Word] = []
    pending_opening: Word | None = None
    for word in words:
        if word.text in _CURRENCY_TOKENS:
            continue
        if pending_opening is not None:
            if is_value_token(word.text) and word.x0 - pending_opening.x1 <= settings.fragment_gap:
                separator = " " if pending_opening.text in _SPACED_OPENING_FRAGMENTS else ""
                word = pending_opening.joined(word, separator)
            else:
                tokens.append(pending_opening)
            pending_opening = None
        if word.text in _OPENING_FRAGMENTS:
            pending_opening = word
            continue
        if len(word.text) > 1 and word.text.endswith("$") and is_value_token(word.text):
            # "(4,000)$": the next column's dollar sign printed against this figure
            word = Word(word.text[:-1], word.x0, word.x1, word.top, word.bottom, word.size)
        previous = tokens[-1] if tokens else None
        if (
            previous is not None
            and _CLOSING_FRAGMENT_RE.match(word.text)
            and is_value_token(previous.text)
            and word.x0 - previous.x1 <= settings.fragment_gap
        ):
            tokens[-1] = previous.joined(word)
            continue
        tokens.append(word)
    if pending_opening is not None:
        tokens.append(pending_opening)
    return tokens


def flag_values(tokens: Sequence[Word], settings: LayoutSettings = SETTINGS) -> tuple[bool, ...]:
    """Which tokens are figures in value columns. A number counts when it stands apart from the
    words around it; "December 31, 2023" or "443,222,000 shares" inside a label do not."""
    flags: list[bool] = []
    for index, token in enumerate(tokens):
        if not is_value_token(token.text):
            flags.append(False)
            continue
        before = tokens[index - 1] if index > 0 else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if before is None and after is not None and not is_value_token(after.text):
            flags.append(False)  # "(1) Amounts include ...": a note or list number opening a line
            continue
        apart_before = before is None or flags[-1] or token.x0 - before.x1 >= settings.label_gap
        apart_after = after is None or is_value_token(after.text) or after.x0 - token.x1 >= settings.label_gap
        flags.append(apart_before and apart_after)
    return tuple(flags)


def split_phrases(line: Line, settings: LayoutSettings = SETTINGS) -> list[Phrase]:
    """A line cut where the space between words is wider than a word space. Runs of bare years
    ("2023 2022") are cut into single years: they always head separate columns."""
    phrases: list[list[Word]] = []
    gap = settings.phrase_gap_factor * line.size
    for word in sorted(line.words + line.currency_signs, key=lambda w: w.x0):
        # "(As of December 31, 2023) (As of December 31, 2024)": bracketed headers set close together
        bracket_pair = bool(phrases) and phrases[-1][-1].text.endswith(")") and word.text.startswith("(")
        # "(自　2022年４月１日": the ideographic space after 自 or 至 is wider than a word space
        range_mark = bool(phrases) and len(phrases[-1]) == 1 and is_range_mark(phrases[-1][0].text)
        if phrases and word.x0 - phrases[-1][-1].x1 <= (2 * gap if range_mark else gap) and not bracket_pair:
            phrases[-1].append(word)
        else:
            phrases.append([word])
    result: list[Phrase] = []
    for words in phrases:
        if len(words) > 1 and all(is_year_token(w.text) for w in words):
            result.extend(Phrase((w,)) for w in words)
        else:
            result.append(Phrase(tuple(words)))
    return result


# ----------------------------------------------------------------------------- side-by-side tables


def side_by_side_split(lines: Sequence[Line], settings: LayoutSettings = SETTINGS) -> tuple[float, int, int] | None:
    """Where a page prints two tables next to each other (assets left, liabilities right):
    the x of the gutter and the first and last line index of the stretch it runs through."""
    evidence: list[tuple[int, float]] = []
    for index, line in enumerate(lines):
        second_label = _second_label_start(line)
        if second_label is not None:
            evidence.append((index, second_label))
    if len(evidence) < settings.min_side_by_side_lines:
        return None
    middle = median(x for _, x in evidence)
    # the right-hand labels start at one x, or a little further right where they are indented
    aligned = [(index, x) for index, x in evidence if middle - 60 <= x <= middle + 10]
    if len(aligned) < settings.min_side_by_side_lines:
        return None
    split_x = min(x for _, x in aligned) - 1.0
    first = aligned[0][0]
    last = aligned[-1][0]
    while first > 0 and not _straddles(lines[first - 1], split_x):
        first -= 1
    while last + 1 < len(lines) and not _straddles(lines[last + 1], split_x):
        last += 1
    return split_x, first, last


def _second_label_start(line: Line) -> float | None:
    """x of a label that follows values on a line which then prints values again."""
    seen_values = False
    for index, (word, is_value) in enumerate(zip(line.words, line.values)):
        if is_value:
            seen_values = True
        elif seen_values and any(line.values[index + 1 :]):
            return word.x0
    return None


def _straddles(line: Line, x: float) -> bool:
    return any(w.x0 < x < w.x1 for w in line.words)


def split_bands(lines: list[Line], settings: LayoutSettings = SETTINGS) -> list[list[Line]]:
    """The page's lines as independent bands: above, left, right and below a side-by-side stretch."""
    split = side_by_side_split(lines, settings)
    if split is None:
        return [lines]
    split_x, first, last = split
    stretch = [w for line in lines[first : last + 1] for w in line.words + line.currency_signs]
    left = group_lines((w for w in stretch if w.x1 <= split_x), settings)
    right = group_lines((w for w in stretch if w.x0 >= split_x), settings)
    return [band for band in (lines[:first], left, right, lines[last + 1 :]) if band]


# ----------------------------------------------------------------------------- lines -> table blocks


def find_blocks(lines: Sequence[Line], settings: LayoutSettings = SETTINGS) -> list[Block]:
    """Table bodies (runs of lines with figures) with the header lines printed above them."""
    blocks: list[Block] = []
    floor = 0  # lines above this index belong to the previous table
    index = 0
    while index < len(lines):
        if not _starts_body(lines[index]):
            index += 1
            continue
        end = _body_end(lines, index, settings)
        body = list(lines[index:end])
        value_left = min(line.value_left for line in body if line.has_values)
        header, sections = _header_above(lines, floor, index, value_left, settings)
        part = sections + body
        if blocks and not header and index - len(sections) == floor and _carries_on(blocks[-1], part, settings):
            blocks[-1] = Block(blocks[-1].header, blocks[-1].body + tuple(part))
        elif sum(1 for line in body if line.has_values) >= settings.min_value_lines:
            blocks.append(Block(tuple(header), tuple(part)))
        else:
            index += 1
            continue
        floor = index = end
    return blocks


def _carries_on(block: Block, part: Sequence[Line], settings: LayoutSettings) -> bool:
    """Rows after a blank stretch, with nothing printed in between and figures in the same
    columns, continue the table above (Intel's segment table, the foot of a balance sheet)."""
    gap = part[0].top - block.body[-1].bottom
    if gap > 3 * settings.row_gap_factor * block.body[-1].size:
        return False
    columns = find_columns(block.body, ())
    figures = [w for line in part for w in line.value_words]
    slack = 0.6 * block.body[-1].size  # a ")" hangs past the column's right edge
    aligned = [w for w in figures if any(c.x0 - slack <= w.x1 <= c.x1 + slack for c in columns)]
    return bool(figures) and len(aligned) == len(figures)


def _starts_body(line: Line) -> bool:
    return line.has_values and not _is_year_header(line)


def _is_year_header(line: Line) -> bool:
    """A line whose figures are all bare years ("(In millions)  2023  2022") heads columns."""
    return line.has_values and all(is_year_token(w.text) for w in line.value_words)


def _body_end(lines: Sequence[Line], start: int, settings: LayoutSettings) -> int:
    """Index after the last line of the body that starts at ``start``."""
    value_left = lines[start].value_left
    size = lines[start].size
    last_with_values = start
    index = start + 1
    while index < len(lines):
        line, previous = lines[index], lines[index - 1]
        if line.top - previous.bottom > settings.row_gap_factor * size or _is_year_header(line):
            break
        if line.has_values:
            value_left = min(value_left, line.value_left)
            last_with_values = index
        elif line.x1 > value_left - 2 or _is_heading(line, size) or _INTRODUCES_TABLE_RE.search(line.text):
            break  # prose running across the columns, or the next table's title or introduction
        index += 1
    end = last_with_values + 1
    # a label wrapped below its figures still belongs to the table; a footnote after it does not
    while end < index and lines[end].top - lines[end - 1].bottom < 0.5 * size and _continues_label(lines[end]):
        end += 1
    return end


def _continues_label(line: Line) -> bool:
    """A wrapped label's last line ("available-for-sale securities"), not a footnote key ("n/m Not meaningful")."""
    return line.text[:1].islower() and not is_value_token(line.words[0].text)


def _is_heading(line: Line, body_size: float) -> bool:
    """A label line that names a table rather than a group of rows: printed larger, or a
    statement's name ("Consolidated Statements of Cash Flows (continued)")."""
    return line.size >= body_size + 1.5 or bool(_STATEMENT_NAME_RE.search(line.text))


def _header_above(
    lines: Sequence[Line], floor: int, start: int, value_left: float, settings: LayoutSettings
) -> tuple[list[Line], list[Line]]:
    """Header lines above a body, and the section lines ("ASSETS", "REVENUE") between them."""
    kinds: list[tuple[Line, str]] = []  # bottom up
    below = lines[start]
    size = below.size
    for index in range(start - 1, floor - 1, -1):
        line = lines[index]
        if below.top - line.bottom > settings.header_gap_factor * size:
            break
        kind = _header_line_kind(line, value_left, size, settings)
        if kind == "stop":
            break
        kinds.append((line, kind))
        below = line
    # label-only lines right above the body are its first section rows; label-only lines
    # between header lines ("Revenue from external customers") stay with the header; those
    # above the topmost header line are the title's business
    sections_end = next((i for i, (_, kind) in enumerate(kinds) if kind == "header"), len(kinds))
    header_end = max((i + 1 for i, (_, kind) in enumerate(kinds) if kind == "header"), default=sections_end)
    sections = [line for line, _ in reversed(kinds[:sections_end])]
    header = [line for line, _ in reversed(kinds[sections_end:header_end])]
    return header, sections


def _header_line_kind(
    line: Line, value_left: float, body_size: float, settings: LayoutSettings
) -> Literal["header", "section", "stop"]:
    """'header' (text over the value columns), 'section' (a label alone) or 'stop'."""
    phrases = split_phrases(line, settings)
    over_values = [p for p in phrases if p.x1 > value_left - 2]
    over_labels = [p for p in phrases if p.x1 <= value_left - 2]
    if not over_values:
        return "stop" if _is_heading(line, body_size) else "section"
    if any(p.x0 < value_left - 40 and (_names_a_table(p.text) or _reads_as_sentence(p.text)) for p in over_values):
        return "stop"  # a centred title or a sentence running from the labels into the columns
    if len(phrases) == 1 and is_caption(phrases[0].text) and not _DATE_TEXT_RE.search(phrases[0].text):
        return "stop"  # "(Millions of yen)" over the whole table: a caption, kept as context
    if all(is_caption(p.text) for p in over_values) and any(_names_a_table(p.text) and len(p.words) > 1 for p in over_labels):
        return "stop"  # "Net Sales by Segment ... (millions of yen)": the next table's title line
    if any(v and w.x1 > value_left - 2 and not is_year_token(w.text) for w, v in zip(line.words, line.values)):
        return "stop"  # figures in the columns: a row of something else, not a header
    return "header"


def _names_a_table(text: str) -> bool:
    return bool(_TABLE_NAME_RE.search(text)) and not _PERIOD_WORD_RE.search(text) and not is_caption(text)


def _reads_as_sentence(text: str) -> bool:
    return len(text.split()) > 10 or text.endswith((".", ":"))


# ----------------------------------------------------------------------------- columns


def find_columns(body: Sequence[Line], rules: Sequence[Rule]) -> list[Column]:
    """Value columns: figures whose horizontal extents overlap, gathered over the whole body.

    Figures are right-aligned, centred or hang a ")" past the column edge; overlapping extents
    catch all three where clustering right edges would not.
    """
    spans = sorted((w.x0, w.x1) for line in body for w in line.value_words)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    top, bottom = body[0].top, body[-1].bottom
    xs = sorted(x for x, rule_top, rule_bottom in rules if rule_top < bottom and rule_bottom > top)
    columns = []
    for position, (x0, x1) in enumerate(merged):
        width = x1 - x0
        # a drawn rule bounds the cell; without one the cell reaches halfway to the neighbour,
        # and the outer cells reach out about as far again as their figures are wide (header
        # text is often wider than the figures under it)
        if position > 0:
            cell_x0 = (merged[position - 1][1] + x0) / 2
        else:
            cell_x0 = x0 - 2 * width
        if position + 1 < len(merged):
            cell_x1 = (x1 + merged[position + 1][0]) / 2
        else:
            cell_x1 = x1 + width
        left_rules = [x for x in xs if cell_x0 - width <= x <= x0]
        right_rules = [x for x in xs if x1 <= x <= cell_x1 + width]
        columns.append(Column(x0, x1, max(left_rules, default=cell_x0), min(right_rules, default=cell_x1)))
    return columns


def column_for(x0: float, x1: float, columns: Sequence[Column]) -> int | None:
    """The column a piece of text belongs to: the one it overlaps most, else the cell around its centre."""
    best = max(range(len(columns)), key=lambda i: columns[i].overlap(x0, x1))
    if columns[best].overlap(x0, x1) > 0:
        return best
    centre = (x0 + x1) / 2
    for index, column in enumerate(columns):
        if column.cell_x0 <= centre <= column.cell_x1:
            return index
    return None


def banner_groups(phrases: Sequence[Phrase], columns: Sequence[Column]) -> list[list[int]] | None:
    """Columns under each banner of a line of banners ("12 Weeks Ended   24 Weeks Ended" over
    four columns), when every banner heads an equal run of columns and stands over it.
    Dates are not banners: "April 29, 2023" heads the one column under it."""
    count = len(phrases)
    if count < 2 or len(columns) <= count or len(columns) % count or any(_DATE_TEXT_RE.search(p.text) for p in phrases):
        return None
    span = len(columns) // count
    groups = [list(range(i * span, (i + 1) * span)) for i in range(count)]
    for phrase, group in zip(phrases, groups):
        left, right = columns[group[0]].x0, columns[group[-1]].x1
        if abs((phrase.x0 + phrase.x1) / 2 - (left + right) / 2) > 0.25 * (right - left):
            return None  # a header over one column of the run, not a banner over all of it
    return groups


def header_columns(phrase: Phrase, columns: Sequence[Column], value_span: tuple[float, float], alone: bool) -> list[int]:
    """Columns a header phrase stands over. A banner over a pair of columns ("12 Weeks Ended")
    heads both; a lone banner centred over all the columns heads all of them."""
    covered = [
        i for i, c in enumerate(columns) if c.overlap(phrase.x0, phrase.x1) >= 0.25 * min(c.x1 - c.x0, phrase.x1 - phrase.x0)
    ]
    if alone:
        left, right = value_span
        centre = (phrase.x0 + phrase.x1) / 2
        wide = phrase.x1 - phrase.x0 >= 0.25 * (right - left)
        if wide and abs(centre - (left + right) / 2) <= 0.25 * (right - left):
            return list(range(len(columns)))
    if covered:
        return covered
    nearest = column_for(phrase.x0, phrase.x1, columns)
    if nearest is not None:
        return [nearest]
    centre = (phrase.x0 + phrase.x1) / 2
    return [min(range(len(columns)), key=lambda i: abs((columns[i].x0 + columns[i].x1) / 2 - centre))]


# ----------------------------------------------------------------------------- rows


@dataclass
class RowParts:
    """One table row being assembled from one or more printed lines."""

    label_words: list[Word]
    cells: dict[int, list[Word]]
    lines: list[Line]
    values_line: Line | None = None  # the line that carried the figures, when it had no label

    @property
    def label(self) -> str:
        return " ".join(w.text for w in self.label_words)

    @property
    def has_values(self) -> bool:
        return bool(self.cells)

    @property
    def top(self) -> float:
        return min(line.top for line in self.lines)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)

    def gap_to(self, other: RowParts) -> float:
        """Vertical distance between two rows' extents; 0 when they overlap."""
        return max(0.0, other.top - self.bottom, self.top - other.bottom)


def split_line(line: Line, columns: Sequence[Column]) -> tuple[list[Word], dict[int, list[Word]]]:
    """A body line's label words and its words per value column."""
    first_column = columns[0].x0
    label: list[Word] = []
    rest: list[Word] = []
    for word, is_value in zip(line.words, line.values):
        if not rest and not is_value and word.x0 < first_column - 1:
            label.append(word)
        else:
            rest.append(word)
    cells: dict[int, list[Word]] = {}
    for word in rest:
        index = column_for(word.x0, word.x1, columns)
        if index is None:
            label.append(word)  # a stray word between the labels and the first column
        else:
            cells.setdefault(index, []).append(word)
    return label, cells


def group_rows(body: Sequence[Line], columns: Sequence[Column], wrapping_columns: frozenset[int] = frozenset()) -> list[RowParts]:
    """Body lines into rows: figures printed beside a wrapped label, and wrapped label lines,
    join the row they belong to; figures on a line of their own that sit level with a row
    (a column printed higher or lower than the rest) move into it."""
    rows: list[RowParts] = []
    pitch = row_pitch(body)
    for line in body:
        label, cells = split_line(line, columns)
        previous = rows[-1] if rows else None
        labelled = next((row for row in reversed(rows) if row.label_words), None)
        if not label and cells and previous is not None and _takes_figures(previous, line):
            previous.cells = cells
            previous.lines.append(line)
            previous.values_line = line
        elif label and labelled is not None and _continues(labelled, label, bool(cells), line, pitch):
            labelled.label_words.extend(label)
            for index, words in cells.items():
                labelled.cells.setdefault(index, []).extend(words)
            labelled.lines.append(line)
        else:
            rows.append(RowParts(label, cells, [line]))
    return _settle_stray_cells(rows, pitch, wrapping_columns)


def _settle_stray_cells(rows: list[RowParts], pitch: float, wrapping_columns: frozenset[int]) -> list[RowParts]:
    """Cells printed on a line of their own (no label) join the labelled row they sit level
    with: a column printed top-aligned beside a centred label (Nippon Express's US$ column),
    or a "Notes" cell wrapped over several lines ("8,10 / 11,12 / 13,22"). An unlabelled
    subtotal row keeps its own row: the rows beside it have no room for its figures."""
    labelled = [row for row in rows if row.label_words]
    for stray in [row for row in rows if not row.label_words]:
        for index in sorted(stray.cells):
            if index in wrapping_columns:
                candidates = labelled
            else:
                candidates = [row for row in labelled if index not in row.cells and row.gap_to(stray) <= 0.3 * pitch]
            if not candidates:
                continue
            target = min(candidates, key=lambda row: row.gap_to(stray))
            target.cells.setdefault(index, []).extend(stray.cells.pop(index))
            target.cells[index].sort(key=lambda w: (w.top, w.x0))
            target.lines.append(stray.lines[0])
    return [row for row in rows if row.label_words or row.cells]


def _takes_figures(row: RowParts, line: Line) -> bool:
    """Figures on a line of their own, printed level with a label wrapped over two or three lines."""
    if row.has_values or not row.label or row.label.endswith(":"):
        return False
    return line.top - row.lines[-1].top <= 1.5 * line.size


def row_pitch(body: Sequence[Line]) -> float:
    """The usual distance from one row with figures to the next."""
    tops = [line.top for line in body if line.has_values]
    steps = [b - a for a, b in zip(tops, tops[1:]) if b > a]
    return median(steps) if steps else 0.0


def _continues(row: RowParts, label: list[Word], has_values: bool, line: Line, pitch: float) -> bool:
    """Whether a label line carries on the label of the row above it."""
    if row.label.endswith(":") or (row.has_values and has_values) or not row.label_words:
        return False
    indent = label[0].x0 - row.label_words[0].x0
    if indent < -1:
        return False  # printed further left: a new row, not a wrapped label
    text = " ".join(w.text for w in label)
    if text[:1].islower() or _UNFINISHED_LABEL_RE.search(row.label) or row.label.count("(") > row.label.count(")"):
        return True
    if row.values_line is not None and not has_values:
        # "Loans to the Management" / figures / "Network": the figures sit midway between the two
        first_top = row.lines[0].top
        return abs((line.top - row.values_line.top) - (row.values_line.top - first_top)) <= 1.5
    # "PepsiCo Beverages North" / "  America  10  0.5": an indented line set closer than rows are
    return (
        not row.has_values
        and has_values
        and indent > 2
        and not row.label.isupper()
        and line.top - row.lines[-1].top < 0.8 * pitch
    )


# ----------------------------------------------------------------------------- titles and context


def title_and_context(
    block: Block,
    page_lines: Sequence[Line],
    occupied: Sequence[BBox],
    running: frozenset[str],
    settings: LayoutSettings = SETTINGS,
) -> tuple[str, list[str]]:
    """The nearest heading above a table, and the captions between it and the table, nearest last."""
    top = block.lines[0].top
    context: list[str] = []
    seen = 0
    introduced = False  # a sentence introducing the table ("... comprised of the following.") is context
    for line in reversed([l for l in page_lines if l.bottom <= top + 1]):
        if top - line.bottom > settings.title_distance or seen >= settings.title_reach:
            break
        if any(_inside(line, box) for box in occupied):
            break  # the table above: anything higher is its business
        text = line.text
        if _PAGE_NUMBER_RE.match(text) or (line_key(text) in running and not is_caption(text)):
            continue  # page furniture; a units caption printed on every page still counts
        seen += 1
        phrases = split_phrases(line, settings)
        # "Net Sales by Segment ... (millions of yen)": the caption and the title share a line
        captions = [p.text for p in phrases if is_caption(p.text)]
        rest = " ".join(p.text for p in phrases if not is_caption(p.text))
        context = captions + context
        if not rest:
            continue
        if _is_title(rest):
            return rest, context
        if rest.endswith(".") and len(rest.split()) >= 3:
            if introduced or not _INTRODUCES_TABLE_RE.search(rest):
                break  # the end of a paragraph of prose: any heading above it is not this table's
            introduced = True
        context.insert(0, rest)
    return "", context


def _is_title(text: str) -> bool:
    """A heading: what the text reader calls a title, and not the tail of a wrapped sentence."""
    if has_kana_or_kanji(text):
        return is_japanese_heading(text)
    unnumbered = _OUTLINE_NUMBER_RE.sub("", text)  # "a. Consolidated statement of income"
    if unnumbered[:1].islower() or len(text) > 120:
        return False
    # a numbered heading of a note ("6. Cash and Cash Equivalents") names the table under it
    numbered_heading = unnumbered != text and len(unnumbered.split()) <= 10 and not unnumbered.endswith((".", ":"))
    return numbered_heading or is_title_line(text, text)


def without_page_furniture(lines: list[Line], page_height: float, running: frozenset[str]) -> list[Line]:
    """Lines minus page numbers and running headers in the margins, which would otherwise join
    the table printed nearest to them as a row of their own."""
    return [line for line in lines if not _is_page_furniture(line, page_height, running)]


def _is_page_furniture(line: Line, page_height: float, running: frozenset[str]) -> bool:
    in_margin = line.bottom < 0.08 * page_height or line.top > 0.9 * page_height
    return in_margin and (bool(_PAGE_NUMBER_RE.match(line.text)) or line_key(line.text) in running)


def _inside(line: Line, box: BBox) -> bool:
    x0, top, x1, bottom = box
    return line.top >= top - 0.5 and line.bottom <= bottom + 0.5 and line.x0 < x1 and line.x1 > x0


# ----------------------------------------------------------------------------- raw tables


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What laying out one page needs to know besides its words and rules."""

    file_name: str
    number: int  # 1-based
    height: float
    running: frozenset[str]  # line keys of the document's running headers and footers
    carried_title: str = ""  # a statement title printed at the foot of the page before


def page_tables(
    words: Sequence[Word],
    rules: Sequence[Rule],
    page: PageInfo,
    first_index: int = 0,
    settings: LayoutSettings = SETTINGS,
) -> list[RawTable]:
    """Every table on one page, top to bottom and left to right."""
    lines = without_page_furniture(group_lines(words, settings), page.height, page.running)
    blocks = [block for band in split_bands(lines, settings) for block in find_blocks(band, settings)]
    blocks.sort(key=lambda b: (round(b.bbox[1]), b.bbox[0]))
    boxes = [b.bbox for b in blocks]
    tables = []
    for position, block in enumerate(blocks):
        others = [box for box in boxes if box != block.bbox]
        title, context = title_and_context(block, lines, others, page.running, settings)
        if not title and position == 0:
            title = page.carried_title
        table = build_table(block, rules, title, context, page.file_name, page.number, first_index + len(tables), settings)
        if table is not None:
            tables.append(table)
    return tables


def carried_title(previous_page_text: str, running: frozenset[str]) -> str:
    """A statement's title printed as the last line of the page before the statement
    ("(5) Unaudited Consolidated Statements of Cash Flows" at the foot of page 29)."""
    for line in reversed(text_lines(previous_page_text)):
        if _PAGE_NUMBER_RE.match(line) or line_key(line) in running:
            continue
        return line if _is_title(line) and _STATEMENT_TITLE_RE.search(line) else ""
    return ""


def build_table(
    block: Block,
    rules: Sequence[Rule],
    title: str,
    context: list[str],
    file_name: str,
    page_number: int,
    index: int,
    settings: LayoutSettings = SETTINGS,
) -> RawTable | None:
    columns = find_columns(block.body, rules)
    if not columns:
        return None

    def ref(box: BBox, row: int, column: int) -> SourceRef:
        return SourceRef(file_name, page=page_number, bbox=_rounded(box), table=index, row=row, column=column)

    rows: list[list[RawCell]] = []
    captions: list[str] = []
    value_span = (columns[0].x0, columns[-1].x1)
    for line in block.header:
        row, caption = _header_row(line, columns, value_span, block.bbox[0], len(rows), ref, settings)
        rows.append(row)
        if caption:
            captions.append(caption)
    wrapping = frozenset(
        index for index in range(len(columns)) if re.fullmatch(r"notes?", " ".join(row[index + 1].text for row in rows).strip(), re.IGNORECASE)
    )  # a "Notes" column holds lists of note numbers that wrap onto further lines
    for parts in group_rows(block.body, columns, wrapping):
        rows.append(_body_row(parts, columns, block.bbox[0], len(rows), ref))
    return RawTable(
        rows=rows,
        title=title,
        source=SourceRef(file_name, page=page_number, bbox=_rounded(block.bbox), table=index),
        context=tuple(context + captions),
        index=index,
    )


def _header_row(
    line: Line,
    columns: Sequence[Column],
    value_span: tuple[float, float],
    table_x0: float,
    row_index: int,
    ref: Callable[[BBox, int, int], SourceRef],
    settings: LayoutSettings,
) -> tuple[list[RawCell], str]:
    """One header line as a header row: label-area text first, then the text over each column.
    Returns the row and the units caption printed in its label area, if any."""
    phrases = split_phrases(line, settings)
    first_cell = columns[0].cell_x0
    label_phrases = [
        p for p in phrases if (p.x0 + p.x1) / 2 < first_cell and p.x1 < columns[0].x0 and all(c.overlap(p.x0, p.x1) == 0 for c in columns)
    ]
    value_phrases = [p for p in phrases if p not in label_phrases]
    texts: dict[int, list[Phrase]] = {}
    groups = banner_groups(value_phrases, columns)
    for position, phrase in enumerate(value_phrases):
        if groups is not None:
            indexes = groups[position]
        else:
            indexes = header_columns(phrase, columns, value_span, alone=len(value_phrases) == 1)
        for index in indexes:
            texts.setdefault(index, []).append(phrase)
    label_text = " ".join(p.text for p in label_phrases)
    label_box = _box([w for p in label_phrases for w in p.words]) if label_phrases else _label_area(table_x0, first_cell, line.top, line.bottom)
    cells = [RawCell(label_text, ref(label_box, row_index, 0))]
    for index, column in enumerate(columns):
        placed = texts.get(index, [])
        box = _box([w for p in placed for w in p.words]) if placed else (column.x0, line.top, column.x1, line.bottom)
        cells.append(RawCell(" ".join(p.text for p in placed), ref(box, row_index, index + 1)))
    caption = label_text if label_text and is_caption(label_text) else ""
    return cells, caption


def _body_row(
    parts: RowParts, columns: Sequence[Column], table_x0: float, row_index: int, ref: Callable[[BBox, int, int], SourceRef]
) -> list[RawCell]:
    top, bottom = parts.top, parts.bottom
    label = re.sub(r"\s*\$$", "", parts.label)  # "COSTCO$": a dollar sign glued to the label
    if parts.label_words:
        x0 = parts.label_words[0].x0  # the first line's indent: downstream reads hierarchy from it
        label_box = (x0, top, max(w.x1 for w in parts.label_words), bottom)
    else:
        label_box = _label_area(table_x0, columns[0].cell_x0, top, bottom)
    cells = [RawCell(label, ref(label_box, row_index, 0))]
    for index, column in enumerate(columns):
        words = parts.cells.get(index, [])
        box = _box(words) if words else (column.x0, top, column.x1, bottom)
        cells.append(RawCell(" ".join(w.text for w in words), ref(box, row_index, index + 1)))
    return cells


def _label_area(table_x0: float, first_cell_x0: float, top: float, bottom: float) -> BBox:
    """Where an empty label cell is: the label column of the row."""
    return (min(table_x0, first_cell_x0), top, first_cell_x0, bottom)


def _box(words: Sequence[Word]) -> BBox:
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def _rounded(box: BBox) -> BBox:
    x0, top, x1, bottom = box
    return (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))
