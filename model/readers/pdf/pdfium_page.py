"""A page's words and drawn rules read with pdfium, about twenty times cheaper than pdfminer's
interpretation of the page, in the coordinates pdfplumber gives (points from the top-left of
the MediaBox).

Only where pdfium's characters give pdfplumber's words: a page pdfium cannot be trusted with
(a rotated page, a MediaBox not at the origin, sideways or slanted text, a font without a
Unicode map, characters pdfium merged away) returns None and is read with pdfplumber instead."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_raw

from model.readers.pdf.chars import Char, words_from_chars
from model.readers.pdf.geometry import Rule, Word

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class PageContent:
    words: list[Word]
    rules: list[Rule]
    height: float


def read_pages(path: Path, numbers: Sequence[int], password: str = "") -> Iterator[tuple[int, PageContent | None]]:
    """Each page (1-based numbers, in the order given) as read_page reads it; a page pdfium
    cannot load is None too, for pdfplumber to try and report. Callers hold PDFIUM_LOCK."""
    document = pypdfium2.PdfDocument(path, password=password)
    try:
        for number in numbers:
            try:
                page = document[number - 1]
            except pypdfium2.PdfiumError:
                yield number, None
                continue
            try:
                content = read_page(page)
            except pypdfium2.PdfiumError:
                content = None
            finally:
                page.close()
            yield number, content
    finally:
        document.close()


def read_page(page: pypdfium2.PdfPage) -> PageContent | None:
    """The page's upright words and vertical rules, or None when pdfplumber must read it."""
    left, bottom, right, top = page.get_mediabox()
    if page.get_rotation() != 0 or left != 0 or bottom != 0:
        return None
    height = top - bottom
    textpage = page.get_textpage()
    try:
        chars = page_chars(textpage, height)
    finally:
        textpage.close()
    if chars is None:
        return None
    return PageContent(words_from_chars(chars), page_rules(page, height), height)


def page_chars(textpage: pypdfium2.PdfTextPage, height: float) -> list[Char] | None:
    """Every character pdfium read, in content-stream order, as pdfminer would box it: from
    the baseline down by the font's descent, one font size high; None when a character is
    sideways, slanted or without Unicode."""
    handle = textpage.raw
    box = pdfium_raw.FS_RECTF()
    matrix = pdfium_raw.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    descents: dict[int, float | None] = {}
    chars = []
    for index in range(pdfium_raw.FPDFText_CountChars(handle)):
        code = pdfium_raw.FPDFText_GetUnicode(handle, index)
        if pdfium_raw.FPDFText_IsGenerated(handle, index):
            # pdfium swaps some printed spaces for spaces of its own; either ends a word
            if code == 0x20 and chars:
                last = chars[-1]
                chars.append(Char(" ", last.x1, last.x1, last.top, last.bottom, last.size, last.upright))
            continue
        if pdfium_raw.FPDFText_HasUnicodeMapError(handle, index):
            return None
        pdfium_raw.FPDFText_GetMatrix(handle, index, matrix)
        if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
            return None
        descent = _descent(handle, index, descents)
        if descent is None:
            return None
        size = pdfium_raw.FPDFText_GetFontSize(handle, index) * matrix.d
        pdfium_raw.FPDFText_GetLooseCharBox(handle, index, box)
        pdfium_raw.FPDFText_GetCharOrigin(handle, index, origin_x, origin_y)
        low = origin_y.value + descent * size
        text = "-" if pdfium_raw.FPDFText_IsHyphen(handle, index) else chr(code)
        chars.append(Char(text, box.left, box.right, height - (low + size), height - low, size, True))
    return chars


def _descent(handle: pdfium_raw.FPDF_TEXTPAGE, index: int, cache: dict[int, float | None]) -> float | None:
    """The descent of the character's font per point of font size (negative: below the
    baseline); None for a font without ascent and descent, whose "loose" character boxes
    pdfium gives as the glyph's outline instead of its advance, unlike pdfminer."""
    font = pdfium_raw.FPDFTextObj_GetFont(pdfium_raw.FPDFText_GetTextObject(handle, index))
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if key not in cache:
        ascent, descent = ctypes.c_float(), ctypes.c_float()
        measured = font and pdfium_raw.FPDFFont_GetAscent(font, 1.0, ascent) and pdfium_raw.FPDFFont_GetDescent(font, 1.0, descent)
        cache[key] = descent.value if measured and ascent.value != descent.value else None
    return cache[key]


def page_rules(page: pypdfium2.PdfPage, height: float) -> list[Rule]:
    """Drawn vertical rules as pdfplumber's vertical_rules finds them: thin lines and hairline
    rectangles, each path split into subpaths and sorted into lines and rectangles as pdfminer does."""
    rules: list[Rule] = []
    for points, shape in _painted_subpaths(page):
        kind = _pdfminer_kind(points, shape)
        if kind is None:
            continue
        xs = [x for x, _ in points]
        ys = [y for _, y in points]
        x0, x1, top, bottom = min(xs), max(xs), height - max(ys), height - min(ys)
        if kind == "line" and x1 - x0 < 1.0:
            rules.append((x0, top, bottom))
        elif kind == "rect" and x1 - x0 <= 2.0 and bottom - top >= 5.0:
            rules.append(((x0 + x1) / 2, top, bottom))
    return rules


def _pdfminer_kind(points: list[Point], shape: str) -> str | None:
    """pdfminer's paint_path: a subpath is a line, a rectangle or (None) a curve."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        points.pop()
    if shape in ("mlh", "ml"):
        del points[2:]
        return "line"
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if last == points[0] and square:
            return "rect"
    return None


def _painted_subpaths(page: pypdfium2.PdfPage) -> Iterator[tuple[list[Point], str]]:
    """Each stroked or filled subpath: its points in page space (a closing "h" repeats the
    start point, as in pdfminer) and its shape in pdfminer's letters (m, l, c, h)."""
    for path, matrix in _path_objects(page):
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if not pdfium_raw.FPDFPath_GetDrawMode(path, fill, stroke) or (fill.value == 0 and not stroke.value):
            continue
        points: list[Point] = []
        shape = ""
        curve_points = 0
        x, y = ctypes.c_float(), ctypes.c_float()
        for index in range(pdfium_raw.FPDFPath_CountSegments(path)):
            segment = pdfium_raw.FPDFPath_GetPathSegment(path, index)
            kind = pdfium_raw.FPDFPathSegment_GetType(segment)
            pdfium_raw.FPDFPathSegment_GetPoint(segment, x, y)
            point = _apply(matrix, (x.value, y.value))
            if kind == pdfium_raw.FPDF_SEGMENT_MOVETO:
                if shape:
                    yield points, shape
                points, shape, curve_points = [point], "m", 0
                continue
            if kind == pdfium_raw.FPDF_SEGMENT_BEZIERTO:
                curve_points += 1
                if curve_points % 3:
                    continue  # pdfminer's "c" is one step of three points
                shape += "c"
            else:
                shape += "l"
            points.append(point)
            if pdfium_raw.FPDFPathSegment_GetClose(segment):
                shape += "h"
                points.append(points[0])
        if shape:
            yield points, shape


def _path_objects(page: pypdfium2.PdfPage) -> Iterator[tuple[pdfium_raw.FPDF_PAGEOBJECT, Matrix]]:
    """Path objects of the page and of the forms on it, with the matrix that takes each to page space."""
    count = pdfium_raw.FPDFPage_CountObjects(page.raw)
    yield from _paths_in((pdfium_raw.FPDFPage_GetObject(page.raw, i) for i in range(count)), _IDENTITY)


def _paths_in(objects: Iterator[pdfium_raw.FPDF_PAGEOBJECT], outer: Matrix) -> Iterator[tuple[pdfium_raw.FPDF_PAGEOBJECT, Matrix]]:
    for obj in objects:
        kind = pdfium_raw.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_raw.FPDF_PAGEOBJ_PATH, pdfium_raw.FPDF_PAGEOBJ_FORM):
            continue
        raw = pdfium_raw.FS_MATRIX()
        if not pdfium_raw.FPDFPageObj_GetMatrix(obj, raw):
            continue
        matrix = _multiply((raw.a, raw.b, raw.c, raw.d, raw.e, raw.f), outer)
        if kind == pdfium_raw.FPDF_PAGEOBJ_PATH:
            yield obj, matrix
        else:
            count = pdfium_raw.FPDFFormObj_CountObjects(obj)
            yield from _paths_in((pdfium_raw.FPDFFormObj_GetObject(obj, i) for i in range(count)), matrix)


def _multiply(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _apply(matrix: Matrix, point: Point) -> Point:
    a, b, c, d, e, f = matrix
    x, y = point
    return (a * x + c * y + e, b * x + d * y + f)
