"""PDFs the tests make themselves."""

from __future__ import annotations

import zlib
from pathlib import Path


def inflate_bomb_pdf(path: Path, inflated_bytes: int) -> Path:
    """A one-page PDF whose content stream is a few hundred KB compressed and ``inflated_bytes``
    once inflated: spaces, which any reader must decompress before it finds no text."""
    compressed = _deflated_spaces(inflated_bytes // (1 << 20))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed) + compressed + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _deflated_spaces(megabytes: int) -> bytes:
    """A zlib stream of ``megabytes`` MB of spaces, built from one compressed megabyte repeated
    (a full flush makes each repetition stand alone), so that making it takes no time."""
    block = b" " * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    final = packer.flush(zlib.Z_FINISH)
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(block, checksum)
    return b"\x78\xda" + chunk * megabytes + final + checksum.to_bytes(4, "big")
