"""What a pdfminer failure means, in words a reader can act on.

pdfminer reports a broken file with whichever Python error it runs into, wrapped by
pdfplumber (``PdfminerException(PSSyntaxError("Invalid dictionary construct ..."))``); the
class names and the parser's internals mean nothing to the person who opened the file.
"""

from __future__ import annotations

import struct
import zlib

from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSEOF, PSSyntaxError
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

TRUNCATED = "the file ends in the middle of its contents (it may be truncated)"
ENCRYPTION = "its encryption cannot be read"
SYNTAX = "its page descriptions break the PDF syntax (the file is damaged)"
COMPRESSION = "a compressed part of it is damaged"
BINARY = "a font or image inside it is damaged"
STRUCTURE = "its internal structure is damaged (an object is missing or not what the page refers to)"


def layout_failure_reason(error: BaseException) -> str:
    cause = error
    while isinstance(cause, (PdfminerException, MalformedPDFException)) and cause.args and isinstance(cause.args[0], BaseException):
        cause = cause.args[0]
    if isinstance(cause, PSEOF):
        return TRUNCATED
    if isinstance(cause, PDFEncryptionError):
        return ENCRYPTION
    if isinstance(cause, PSSyntaxError):
        return SYNTAX
    if isinstance(cause, zlib.error):
        return COMPRESSION
    if isinstance(cause, struct.error):
        return BINARY
    return STRUCTURE
