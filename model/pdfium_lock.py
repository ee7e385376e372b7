"""PDFium is not thread-safe: no two of its calls may run at once in one process, not even on
different documents. Every use of pypdfium2 in this process holds this lock."""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.RLock()
