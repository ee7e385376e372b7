"""A page's characters read with pdfium, as pdfminer gives them to pdfplumber: in content-stream
order, boxed from the baseline down by the font's descent and one font size high, blanks kept.

pdfium's text page is made for selecting text, not for this: it sorts the text objects of a
line left to right, skips objects whose glyphs have no outline (Chromium prints every space
as an object of its own), lets a space of its own replace a printed one, and drops objects and
characters it takes for a fake-bold double print. So characters are put back in stream order by
their text object, a skipped object becomes the blank it prints, and a page where pdfium left
out anything visible (or where text is sideways, slanted, without Unicode, or replaced by a
marked-content ActualText, which pdfium reads and pdfminer does not) is not read here (None)."""

from __future__ import annotations

import ctypes
import sys
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium_raw

from model.readers.pdf.chars import Char
from model.readers.pdf.pdfium_objects import PageObject, font_ascent, font_descent, font_of_text_object, mark_count, page_objects, text_object_font_size, text_object_of_char

_EMPTY_WIDTH = 0.01  # pdfium skips text objects narrower than this (kSizeEpsilon)
_SURROGATES = (0xD800, 0xDFFF)
_HYPHEN_MARK = 0x2  # what pdfium puts for a hyphen that breaks a word at a line's end


@dataclass(frozen=True, slots=True)
class _Setting:
    """How one text object's characters are set: its font size in page space and its font's
    descent per point."""

    size: float
    descent: float


def page_chars(page: pypdfium2.PdfPage, textpage: pypdfium2.PdfTextPage, height: float) -> list[Char] | None:
    """The characters pdfplumber would see on the page, or None when pdfium cannot give them."""
    objects = list(page_objects(page, pdfium_raw.FPDF_PAGEOBJ_TEXT))
    if any(mark_count(obj.address) and _has_actual_text(obj) for obj in objects):
        return None
    position = {obj.address: index for index, obj in enumerate(objects)}
    settings = _Settings()
    keyed = _textpage_chars(textpage, height, objects, position, settings)
    if keyed is None:
        return None
    seen = {key[0] for key, _ in keyed}
    for index, obj in enumerate(objects):
        if index in seen:
            continue
        blank = _skipped_blank(obj, height, settings.of(obj))
        if blank is None:
            return None
        keyed.append(((index, -1), blank))
    keyed.sort(key=lambda item: item[0])
    return [char for _, char in keyed]


def _textpage_chars(
    textpage: pypdfium2.PdfTextPage,
    height: float,
    objects: list[PageObject],
    position: dict[int, int],
    settings: _Settings,
) -> list[tuple[tuple[int, int], Char]] | None:
    """The text page's characters keyed by (their object's stream position, their index)."""
    handle = textpage.raw
    handle_address = ctypes.cast(handle, ctypes.c_void_p).value
    box = pdfium_raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    count = pdfium_raw.FPDFText_CountChars(handle)
    keyed: list[tuple[tuple[int, int], Char]] = []
    last_in_object: dict[int, Char] = {}
    for index in range(count):
        stream_position = position.get(text_object_of_char(handle_address, index) or 0)
        if pdfium_raw.FPDFText_IsGenerated(handle, index):
            # a space pdfium put inside an object where a printed one was: it sits where that
            # space began, short of the next character (a space standing for kerning sits on it)
            if stream_position not in last_in_object:
                continue
            pdfium_raw.FPDFText_GetCharOrigin(handle, index, x, y)
            if index + 1 < count and _origin_x(handle, index + 1) - x.value < 0.01:
                continue
            previous = last_in_object[stream_position]
            keyed.append(((stream_position, index), Char(" ", x.value, x.value, previous.top, previous.bottom, previous.size, True)))
            continue
        if stream_position is None or pdfium_raw.FPDFText_HasUnicodeMapError(handle, index):
            return None
        setting = settings.of(objects[stream_position])
        if setting is None:
            return None
        pdfium_raw.FPDFText_GetLooseCharBox(handle, index, box)
        pdfium_raw.FPDFText_GetCharOrigin(handle, index, x, y)
        low = y.value + setting.descent * setting.size
        code = pdfium_raw.FPDFText_GetUnicode(handle, index)
        if _SURROGATES[0] <= code <= _SURROGATES[1] or code > sys.maxunicode:
            return None  # half of a character pdfminer reads whole
        text = "-" if code == _HYPHEN_MARK and pdfium_raw.FPDFText_IsHyphen(handle, index) else chr(code)
        # pdfminer starts a character at its origin; pdfium's box does too, except in a font
        # whose metrics it finds wanting, where the box is the glyph's outline
        char = Char(text, x.value, max(box.right, x.value), height - (low + setting.size), height - low, setting.size, True)
        keyed.append(((stream_position, index), char))
        last_in_object[stream_position] = char
    return keyed


class _Settings:
    """Each text object's setting, measured once, and each font's descent."""

    def __init__(self) -> None:
        self._by_object: dict[int, _Setting | None] = {}
        self._descents: dict[int, float | None] = {}

    def of(self, obj: PageObject) -> _Setting | None:
        """None for text set sideways or slanted, or in a font without ascent and descent,
        whose "loose" character boxes pdfium gives as the glyph's outline, not its advance."""
        if obj.address not in self._by_object:
            self._by_object[obj.address] = _measured_setting(obj, self._descents)
        return self._by_object[obj.address]


def _measured_setting(obj: PageObject, descents: dict[int, float | None]) -> _Setting | None:
    matrix = obj.matrix()
    font_size = ctypes.c_float()
    if matrix is None or not text_object_font_size(obj.address, ctypes.byref(font_size)):
        return None
    a, b, c, d, _, _ = matrix
    if b != 0 or c != 0 or a <= 0 or d <= 0:
        return None
    font = font_of_text_object(obj.address) or 0
    if font not in descents:
        descents[font] = _descent(font)
    descent = descents[font]
    return None if descent is None else _Setting(font_size.value * d, descent)


def _descent(font: int) -> float | None:
    ascent, descent = ctypes.c_float(), ctypes.c_float()
    if not font or not (font_ascent(font, 1.0, ctypes.byref(ascent)) and font_descent(font, 1.0, ctypes.byref(descent))):
        return None
    return descent.value if ascent.value != descent.value else None


def _skipped_blank(obj: PageObject, height: float, setting: _Setting | None) -> Char | None:
    """A text object pdfium left out of its text page: a blank where it had no width (a space
    printed on its own), else None (pdfium dropped something visible)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    handle = ctypes.cast(obj.address, pdfium_raw.FPDF_PAGEOBJECT)
    if setting is None or not pdfium_raw.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
        return None
    if right.value - left.value >= _EMPTY_WIDTH:
        return None
    matrix = obj.matrix()
    if matrix is None:
        return None
    x, y = matrix[4], matrix[5]
    low = y + setting.descent * setting.size
    return Char(" ", x, x, height - (low + setting.size), height - low, setting.size, True)


def _has_actual_text(obj: PageObject) -> bool:
    """Marked with a printable replacement text, which pdfium reads instead of the glyphs (a
    Word export's apostrophe comes out as "’" where pdfminer reads the glyph's "ʼ")."""
    handle = ctypes.cast(obj.address, pdfium_raw.FPDF_PAGEOBJECT)
    length = ctypes.c_ulong()
    for index in range(pdfium_raw.FPDFPageObj_CountMarks(handle)):
        mark = pdfium_raw.FPDFPageObj_GetMark(handle, index)
        if not mark or not pdfium_raw.FPDFPageObjMark_GetParamStringValue(mark, b"ActualText", None, 0, length):
            continue
        buffer = (ctypes.c_ushort * (length.value // 2 + 1))()
        pdfium_raw.FPDFPageObjMark_GetParamStringValue(mark, b"ActualText", buffer, length.value, length)
        if any(code >= 0x80 or chr(code).isprintable() for code in buffer if code):
            return True
    return False


def _origin_x(handle: pdfium_raw.FPDF_TEXTPAGE, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_raw.FPDFText_GetCharOrigin(handle, index, x, y)
    return x.value
