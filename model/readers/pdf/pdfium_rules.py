"""A page's drawn vertical rules read with pdfium, as pdfplumber's vertical_rules finds them in
pdfminer's lines and rectangles (points from the top-left of the MediaBox)."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import pypdfium2
import pypdfium2.raw as pdfium_raw

from model.readers.pdf.geometry import Rule
from model.readers.pdf.pdfium_objects import Point, apply, page_objects

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
    for obj in page_objects(page, pdfium_raw.FPDF_PAGEOBJ_PATH):
        matrix = obj.matrix()
        if matrix is None:
            continue
        path = ctypes.cast(obj.address, pdfium_raw.FPDF_PAGEOBJECT)
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
            point = apply(matrix, (x.value, y.value))
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
