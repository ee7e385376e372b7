"""Positions on a page: words, printed lines, phrases, value columns and table blocks, and the
distances (in PDF points) that decide between them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median


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


def bbox_of(words: Sequence[Word]) -> BBox:
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def rounded(box: BBox) -> BBox:
    x0, top, x1, bottom = box
    return (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))
