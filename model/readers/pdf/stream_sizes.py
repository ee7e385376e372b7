"""Inflate bombs found before a PDF reaches pdfium or pdfminer.

A PDF stream of a few hundred kilobytes can inflate to gigabytes (zlib packs a thousand to
one, and filters can be chained), and pdfium aborts the whole process when it cannot allocate
the result. Every Flate stream of the file is inflated here once, in pieces, counting the
bytes it makes and keeping none: one that makes more than any page or image needs, or a file
whose streams together do, is refused with a plain reason before any library sees it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from model.errors import FilingError

MAX_STREAM_BYTES = 256 * 1024 * 1024  # a 8,000 x 8,000 RGB image is 192 MB; a page's content a few MB
MAX_DOCUMENT_BYTES = 1024 * 1024 * 1024
MAX_LAYERS = 4  # /Filter [/FlateDecode /FlateDecode ...]: each layer multiplies the size
STREAM_TOO_LARGE_REASON = "the PDF holds a stream too large to read safely (it would inflate to more than {limit} MB in memory)"

_STREAM_START_RE = re.compile(rb"(?<!end)stream\r?\n")
_PIECE = 1 << 20


class _TooLarge(Exception):
    pass


def check_stream_sizes(path: Path, data: bytes) -> None:
    """Raises FilingError when a stream of the PDF ``data`` inflates past the limits."""
    total = 0
    for raw in flate_streams(data):
        try:
            size = inflated_size(raw, MAX_STREAM_BYTES)
        except _TooLarge:
            raise FilingError(path, STREAM_TOO_LARGE_REASON.format(limit=MAX_STREAM_BYTES // 2**20)) from None
        total += size
        if total > MAX_DOCUMENT_BYTES:
            raise FilingError(path, STREAM_TOO_LARGE_REASON.format(limit=MAX_DOCUMENT_BYTES // 2**20))


def flate_streams(data: bytes) -> Iterator[memoryview]:
    view = memoryview(data)
    for match in _STREAM_START_RE.finditer(data):
        start = match.end()
        if _is_zlib_header(data[start : start + 2]):
            end = data.find(b"endstream", start)
            yield view[start : end if end >= 0 else len(data)]


def _is_zlib_header(head: bytes) -> bool:
    return len(head) == 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


def inflated_size(raw: bytes | memoryview, limit: int) -> int:
    """The bytes ``raw`` inflates to through as many Flate layers as it holds; raises
    _TooLarge as soon as any layer makes more than ``limit``. A damaged stream counts what
    it made before the damage."""
    pieces: Iterable[bytes] = _inflate([bytes(raw)], limit)
    for _ in range(MAX_LAYERS - 1):
        pieces = iter(pieces)
        first = next(pieces, b"")
        if not _is_zlib_header(first[:2]):
            return len(first) + sum(len(piece) for piece in pieces)
        pieces = _inflate(_chain(first, pieces), limit)
    return sum(len(piece) for piece in pieces)


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _inflate(pieces: Iterable[bytes], limit: int) -> Iterator[bytes]:
    inflater = zlib.decompressobj()
    made = 0
    for piece in pieces:
        pending = piece
        while not inflater.eof:
            try:
                out = inflater.decompress(pending, _PIECE)
            except zlib.error:
                return
            pending = inflater.unconsumed_tail
            made += len(out)
            if made > limit:
                raise _TooLarge
            if out:
                yield out  # and ask again: zlib may hold more output even when the input is used up
            elif not pending:
                break  # this piece is used up: the next one goes on
        if inflater.eof:
            return
