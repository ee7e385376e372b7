"""Bytes to text for text and HTML filings that may not be UTF-8.

Strict decodes are tried in an order that cannot mistake one encoding for another: a byte
order mark, then ISO-2022-JP (7-bit, but its escape sequences are unmistakable), then UTF-8
(other text is almost never valid UTF-8), then the charset the document declares, then the
Japanese encodings EUC-JP and Shift-JIS (CP932), then Windows-1252. EUC-JP and CP932 often
both decode the same bytes without error, so both are tried and the one that reads as
Japanese (kana and kanji rather than half-width katakana and private-use characters) wins.
Whatever is not UTF-8 or declared comes with a warning naming the encoding used. UTF-8 broken
in a few places (a stray byte) is read as UTF-8 with those bytes replaced, and a warning names
their lines: one bad byte must not cost the whole file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_NAMES = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "iso2022_jp": "ISO-2022-JP",
    "euc_jp": "EUC-JP",
    "cp932": "Shift-JIS (CP932)",
    "cp1252": "Windows-1252",
}
_DECLARED_RE = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_JAPANESE_RE = re.compile(r"[\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u4e00-\u9fff\uff01-\uff5e]")
# a lead byte and its continuation bytes: a character UTF-8 encodes in two to four bytes
_UTF8_SEQUENCE_RE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
MAX_BAD_UTF8_BYTES = 16
_ODD_RE = re.compile(r"[\uff61-\uff9f\ue000-\uf8ff\u0080-\u009f\ufffd]")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # as a person names it: "UTF-8", "EUC-JP", "Shift-JIS (CP932)"
    warning: str = ""  # set when the encoding was neither UTF-8 nor declared by the document


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first few kilobytes, if Python knows it."""
    match = _DECLARED_RE.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded | None:
    """The text of ``data``, or None when no encoding tried reads it."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "UTF-8")
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        text = _strict(data, "utf-16")
        if text is not None:
            return Decoded(text, "UTF-16")
    if b"\x1b$B" in data or b"\x1b$@" in data:
        # ISO-2022-JP is 7-bit, so valid UTF-8 too: its escape sequences tell it
        text = _strict(data, "iso2022_jp")
        if text is not None:
            return Decoded(text, "ISO-2022-JP", "the file is not UTF-8: read as ISO-2022-JP")
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "UTF-8")
    bad_bytes = _utf8_errors(data)
    if bad_bytes is not None and _utf8_characters(data) >= 4 * len(bad_bytes):
        return _utf8_with_replacements(data, bad_bytes)
    if declared and declared not in ("utf-8", "ascii"):
        text = _strict(data, declared)
        if text is not None:
            return Decoded(text, _NAMES.get(declared, declared))
    for encoding in _guesses(data):
        text = _strict(data, encoding)
        if text is not None:
            name = _NAMES[encoding]
            return Decoded(text, name, f"the file is not UTF-8: read as {name}")
    if bad_bytes is not None:
        return _utf8_with_replacements(data, bad_bytes)
    return None


def _utf8_errors(data: bytes) -> list[int] | None:
    """Where UTF-8 text is broken (offsets of the bad bytes), or None when it is broken in
    more than a few places: then it is some other encoding, not UTF-8 with a stray byte."""
    offsets: list[int] = []
    start = 0
    view = memoryview(data)
    while len(offsets) <= MAX_BAD_UTF8_BYTES:
        try:
            codecs.utf_8_decode(view[start:], "strict", True)
        except UnicodeDecodeError as error:
            offsets.append(start + error.start)
            start += error.end
        else:
            return offsets
    return None


def _utf8_characters(data: bytes) -> int:
    """How many characters the bytes hold as only UTF-8 writes them (``—``, ``’``, kanji):
    many of them around a few bad bytes are a UTF-8 file with damage."""
    return sum(1 for _ in _UTF8_SEQUENCE_RE.finditer(data))


def _utf8_with_replacements(data: bytes, bad_bytes: list[int]) -> Decoded:
    lines = sorted({data.count(b"\n", 0, offset) + 1 for offset in bad_bytes})
    where = ", ".join(str(line) for line in lines[:5]) + (", …" if len(lines) > 5 else "")
    warning = (
        f"the file is UTF-8 but has {len(bad_bytes)} byte(s) that are not (line {where}); "
        "each was replaced by \ufffd and the rest read as written"
    )
    return Decoded(data.decode("utf-8", errors="replace"), "UTF-8", warning)


def _guesses(data: bytes) -> list[str]:
    japanese = [(score, encoding) for encoding in ("euc_jp", "cp932") if (score := _japanese_score(data, encoding)) is not None]
    return [encoding for _, encoding in sorted(japanese, reverse=True)] + ["cp1252"]


def _japanese_score(data: bytes, encoding: str) -> float | None:
    """How much of the non-ASCII text reads as Japanese; None when it does not decode or reads as noise."""
    text = _strict(data, encoding)
    if text is None:
        return None
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return None
    japanese = sum(1 for ch in wide if _JAPANESE_RE.match(ch))
    odd = sum(1 for ch in wide if _ODD_RE.match(ch))
    score = (japanese - 2 * odd) / len(wide)
    return score if score >= 0.5 else None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
