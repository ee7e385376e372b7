"""A table's title and the captions above it, and the page furniture (page numbers, running
headers) that is neither."""

from __future__ import annotations

from collections.abc import Sequence

from model.interpretation.japanese_dates import has_kana_or_kanji
from model.readers.japanese_text import is_japanese_heading
from model.readers.pdf.geometry import SETTINGS, BBox, Block, LayoutSettings, Line
from model.readers.pdf.lines import split_phrases
from model.readers.pdf.page_text import line_key, text_lines
from model.readers.pdf.tokens import INTRODUCES_TABLE_RE, OUTLINE_NUMBER_RE, PAGE_NUMBER_RE, STATEMENT_TITLE_RE, is_caption
from model.readers.text import is_title_line

_HEADING_LINES = 6  # a statement's title is among the first lines of its page, under the running header


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
        if PAGE_NUMBER_RE.match(text) or (line_key(text) in running and not is_caption(text)):
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
            if introduced or not INTRODUCES_TABLE_RE.search(rest):
                break  # the end of a paragraph of prose: any heading above it is not this table's
            introduced = True
        context.insert(0, rest)
    return "", context


def _is_title(text: str) -> bool:
    """A heading: what the text reader calls a title, and not the tail of a wrapped sentence."""
    if has_kana_or_kanji(text):
        return is_japanese_heading(text)
    unnumbered = OUTLINE_NUMBER_RE.sub("", text)  # "a. Consolidated statement of income"
    if unnumbered[:1].islower() or len(text) > 120:
        return False
    # a numbered heading of a note ("6. Cash and Cash Equivalents") names the table under it
    numbered_heading = unnumbered != text and len(unnumbered.split()) <= 10 and not unnumbered.endswith((".", ":"))
    return numbered_heading or is_title_line(text, text)


def without_page_furniture(lines: list[Line], page_height: float, running: frozenset[str]) -> list[Line]:
    """Lines minus page numbers and running headers in the margins, which would otherwise join
    the table printed nearest to them as a row of their own."""
    kept = [line for line in lines if not _is_page_furniture(line, page_height, running)]
    if kept and _is_closing_page_number(kept[-1], kept):
        kept.pop()
    return kept


def _is_closing_page_number(last: Line, lines: Sequence[Line]) -> bool:
    """A lone page number printed centred under the page's last line of content, wherever that
    ends (a browser print starts a new page at every page break of the document, so the number
    is often printed mid-page): never a figure of the table above it, which sits in a column."""
    if len(lines) < 2 or not PAGE_NUMBER_RE.match(last.text):
        return False
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    centre = (last.x0 + last.x1) / 2
    return abs(centre - (left + right) / 2) <= 0.1 * (right - left)


def _is_page_furniture(line: Line, page_height: float, running: frozenset[str]) -> bool:
    in_margin = line.bottom < 0.08 * page_height or line.top > 0.9 * page_height
    return in_margin and (bool(PAGE_NUMBER_RE.match(line.text)) or line_key(line.text) in running)


def _inside(line: Line, box: BBox) -> bool:
    x0, top, x1, bottom = box
    return line.top >= top - 0.5 and line.bottom <= bottom + 0.5 and line.x0 < x1 and line.x1 > x0


def statement_pages(pages: Sequence[int], page_texts: Sequence[str], running: frozenset[str]) -> list[int]:
    """Those of the given pages headed by a statement's title: read first, so that a long
    report's statements are ready before its notes (prose naming a statement is no heading)."""
    return [number for number in pages if _headed_by_statement_title(page_texts[number - 1], running)]


def _headed_by_statement_title(page_text: str, running: frozenset[str]) -> bool:
    lines = [line for line in text_lines(page_text) if not PAGE_NUMBER_RE.match(line) and line_key(line) not in running]
    return any(_is_title(line) and STATEMENT_TITLE_RE.search(line) for line in lines[:_HEADING_LINES])


def carried_title(previous_page_text: str, running: frozenset[str]) -> str:
    """A statement's title printed as the last line of the page before the statement
    ("(5) Unaudited Consolidated Statements of Cash Flows" at the foot of page 29)."""
    for line in reversed(text_lines(previous_page_text)):
        if PAGE_NUMBER_RE.match(line) or line_key(line) in running:
            continue
        return line if _is_title(line) and STATEMENT_TITLE_RE.search(line) else ""
    return ""
