"""A page's objects in content-stream order, forms opened, each with the matrix that takes it
to page space: the order pdfminer interprets them in.

Objects are handled as plain addresses: a page printed by a browser holds thousands of text
objects (one a glyph), and comparing addresses costs nothing where pdfium's typed handles
need a ctypes cast each."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_raw

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _by_address(function: Any, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """The same pdfium function with handles passed and returned as plain addresses."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_ADDRESS = ctypes.c_void_p
page_object_at = _by_address(pdfium_raw.FPDFPage_GetObject, _ADDRESS, _ADDRESS, ctypes.c_int)
form_object_at = _by_address(pdfium_raw.FPDFFormObj_GetObject, _ADDRESS, _ADDRESS, ctypes.c_ulong)
form_object_count = _by_address(pdfium_raw.FPDFFormObj_CountObjects, ctypes.c_int, _ADDRESS)
object_type = _by_address(pdfium_raw.FPDFPageObj_GetType, ctypes.c_int, _ADDRESS)
object_matrix = _by_address(pdfium_raw.FPDFPageObj_GetMatrix, ctypes.c_int, _ADDRESS, ctypes.POINTER(pdfium_raw.FS_MATRIX))
text_object_of_char = _by_address(pdfium_raw.FPDFText_GetTextObject, _ADDRESS, _ADDRESS, ctypes.c_int)
font_of_text_object = _by_address(pdfium_raw.FPDFTextObj_GetFont, _ADDRESS, _ADDRESS)
text_object_font_size = _by_address(pdfium_raw.FPDFTextObj_GetFontSize, ctypes.c_int, _ADDRESS, ctypes.POINTER(ctypes.c_float))
mark_count = _by_address(pdfium_raw.FPDFPageObj_CountMarks, ctypes.c_int, _ADDRESS)
font_ascent = _by_address(pdfium_raw.FPDFFont_GetAscent, ctypes.c_int, _ADDRESS, ctypes.c_float, ctypes.POINTER(ctypes.c_float))
font_descent = _by_address(pdfium_raw.FPDFFont_GetDescent, ctypes.c_int, _ADDRESS, ctypes.c_float, ctypes.POINTER(ctypes.c_float))


@dataclass(frozen=True, slots=True)
class PageObject:
    address: int
    kind: int  # pdfium_raw.FPDF_PAGEOBJ_*
    outer: Matrix  # the matrix of the forms around it (identity on the page itself)

    def matrix(self) -> Matrix | None:
        """Object space -> page space."""
        raw = pdfium_raw.FS_MATRIX()
        if not object_matrix(self.address, ctypes.byref(raw)):
            return None
        own = (raw.a, raw.b, raw.c, raw.d, raw.e, raw.f)
        return own if self.outer == IDENTITY else multiply(own, self.outer)


def page_objects(page: pypdfium2.PdfPage, kind: int) -> Iterator[PageObject]:
    """The page's objects of one kind, those inside forms included, in stream order."""
    page_address = ctypes.cast(page.raw, ctypes.c_void_p).value
    count = pdfium_raw.FPDFPage_CountObjects(page.raw)
    yield from _objects_in([page_object_at(page_address, i) for i in range(count)], IDENTITY, kind)


def _objects_in(addresses: list[int], outer: Matrix, kind: int) -> Iterator[PageObject]:
    for address in addresses:
        found = object_type(address)
        if found == kind:
            yield PageObject(address, kind, outer)
        elif found == pdfium_raw.FPDF_PAGEOBJ_FORM:
            form = PageObject(address, found, outer).matrix()
            if form is not None:
                inner = [form_object_at(address, i) for i in range(form_object_count(address))]
                yield from _objects_in(inner, form, kind)


def multiply(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def apply(matrix: Matrix, point: Point) -> Point:
    a, b, c, d, e, f = matrix
    x, y = point
    return (a * x + c * y + e, b * x + d * y + f)
