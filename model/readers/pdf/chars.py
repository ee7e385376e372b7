"""Characters -> words, the way pdfplumber's `extract_words` builds them with the options the
reader uses (x and y tolerance 3, blanks split words, no text flow, the font size as an extra
attribute), so that a page read from another character source lays out exactly the same.

pdfplumber's steps, kept in its order because the words depend on it: runs of consecutive
characters (content-stream order) of one uprightness and font size; within a run, lines of
tops at most 3 pt apart; within a line, left to right; a word ends at a blank, at a gap wider
than 3 pt, or where a character starts left of the one before."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from model.readers.japanese_text import fold_cjk_compatibility
from model.readers.pdf.geometry import Word
from model.readers.pdf.page_text import CONTROL_RE

TOLERANCE = 3.0

LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass(frozen=True, slots=True)
class Char:
    """One printed character in pdfplumber's coordinates: points from the page's top-left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool


def tickmark_word(text: str, x0: float, x1: float, top: float, bottom: float, size: float) -> Word | None:
    """The reader's word for a word as extracted, or None when nothing printable is left:
    broken ligatures come out as control characters ("bene\\x00ts") and are dropped."""
    cleaned = fold_cjk_compatibility(CONTROL_RE.sub("", text))
    return Word(cleaned, x0, x1, top, bottom, size) if cleaned.strip() else None


def words_from_chars(chars: Iterable[Char]) -> list[Word]:
    """The page's upright words, as pdfplumber's extract_words and the reader's clean-up give them."""
    words = []
    for (upright, _), run in groupby(chars, key=lambda char: (char.upright, char.size)):
        if not upright:  # sideways text is never a table cell; its run still separates the others
            continue
        for line in _lines(list(run)):
            for word_chars in _split_words(line):
                word = _merged(word_chars)
                if word is not None:
                    words.append(word)
    return words


def _lines(run: Sequence[Char]) -> list[list[Char]]:
    """pdfplumber's cluster_objects on `top`: sorted distinct tops chained within the tolerance."""
    tops = sorted({char.top for char in run})
    cluster_of: dict[float, int] = {}
    cluster = 0
    for index, top in enumerate(tops):
        if index and top > tops[index - 1] + TOLERANCE:
            cluster += 1
        cluster_of[top] = cluster
    ordered = sorted(run, key=lambda char: cluster_of[char.top])  # stable: stream order within a line
    return [sorted(line, key=lambda char: char.x0) for _, line in groupby(ordered, key=lambda char: cluster_of[char.top])]


def _split_words(line: Sequence[Char]) -> Iterator[list[Char]]:
    word: list[Char] = []
    for char in line:
        if char.text.isspace():
            if word:
                yield word
            word = []
        elif word and _begins_new_word(word[-1], char):
            yield word
            word = [char]
        else:
            word.append(char)
    if word:
        yield word


def _begins_new_word(previous: Char, char: Char) -> bool:
    return char.x0 < previous.x0 or char.x0 > previous.x1 + TOLERANCE or abs(char.top - previous.top) > TOLERANCE


def _merged(chars: Sequence[Char]) -> Word | None:
    return tickmark_word(
        "".join(LIGATURES.get(char.text, char.text) for char in chars),
        min(char.x0 for char in chars),
        max(char.x1 for char in chars),
        min(char.top for char in chars),
        max(char.bottom for char in chars),
        chars[0].size,
    )
