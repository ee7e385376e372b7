"""Comparing the two character sources of the PDF reader on one page: the words and rules
pdfium gives (model.readers.pdf.pdfium_page) against pdfplumber's. Used by the test suite on a
sample of pages and by bench/compare_char_sources.py on every page the reader lays out."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2

from model.readers.pdf.document import page_words, vertical_rules
from model.readers.pdf.geometry import Rule, Word
from model.readers.pdf.pdfium_page import read_page

# pdfminer and pdfium measure some fonts differently: a standard font without widths (pdfium's
# stand-in font has its own advance for "f"), a descriptor without a descent (pdfminer then
# boxes from the baseline). Both move a word's edge by a fraction of its font size.
BOX_TOLERANCE = 0.25  # x the font size
RULE_TOLERANCE = 0.5  # points


@dataclass(frozen=True, slots=True)
class PageComparison:
    number: int
    read_by_pdfium: bool
    differences: tuple[str, ...] = ()


def compare_pages(path: Path, numbers: Sequence[int]) -> list[PageComparison]:
    """Each page's differences between the sources, for the pages pdfium reads (a page it
    leaves to pdfplumber has nothing to compare)."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    document = pypdfium2.PdfDocument(path)
    comparisons = []
    try:
        with pdfplumber.open(path) as plumbed:
            for number in numbers:
                page = document[number - 1]
                content = read_page(page)
                page.close()
                if content is None:
                    comparisons.append(PageComparison(number, False))
                    continue
                reference = plumbed.pages[number - 1]
                found = word_differences(content.words, pdfplumber_words(reference))
                found += rule_differences(content.rules, vertical_rules(reference))
                reference.close()
                comparisons.append(PageComparison(number, True, tuple(found)))
    finally:
        document.close()
    return comparisons


def pdfplumber_words(page: pdfplumber.page.Page) -> list[Word]:
    """pdfplumber's words as the reader takes them where pdfium is not trusted (page_words)."""
    return page_words(page)


def word_differences(pdfium: Sequence[Word], plumber: Sequence[Word]) -> list[str]:
    """Words of one source without a word of the same text and nearly the same box in the other."""
    unmatched: dict[str, list[Word]] = defaultdict(list)
    for word in pdfium:
        unmatched[word.text].append(word)
    differences = []
    for word in plumber:
        tolerance = BOX_TOLERANCE * word.size
        candidates = unmatched[word.text]
        match = next((other for other in candidates if _distance(word, other) <= tolerance), None)
        if match is None:
            nearest = min(candidates, key=lambda other: _distance(word, other), default=None)
            off = f" (nearest off by {_distance(word, nearest):.2f} pt)" if nearest else ""
            differences.append(f"pdfplumber {word.text!r} at ({word.x0:.1f}, {word.top:.1f}) not from pdfium{off}")
        else:
            candidates.remove(match)
    differences += [f"pdfium {word.text!r} at ({word.x0:.1f}, {word.top:.1f}) not from pdfplumber" for words in unmatched.values() for word in words]
    return differences


def rule_differences(pdfium: Sequence[Rule], plumber: Sequence[Rule]) -> list[str]:
    """Rules of one source without a rule within RULE_TOLERANCE in the other."""
    unmatched = list(pdfium)
    differences = []
    for rule in plumber:
        match = next((other for other in unmatched if max(abs(a - b) for a, b in zip(rule, other)) <= RULE_TOLERANCE), None)
        if match is None:
            differences.append(f"pdfplumber rule at x {rule[0]:.1f} from {rule[1]:.1f} to {rule[2]:.1f} not from pdfium")
        else:
            unmatched.remove(match)
    return differences + [f"pdfium rule at x {x:.1f} from {top:.1f} to {bottom:.1f} not from pdfplumber" for x, top, bottom in unmatched]


def _distance(one: Word, other: Word) -> float:
    return max(abs(one.x0 - other.x0), abs(one.x1 - other.x1), abs(one.top - other.top), abs(one.bottom - other.bottom), abs(one.size - other.size))
