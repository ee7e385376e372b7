"""Text that a spreadsheet would run as a formula, made inert.

A line label such as ``=HYPERLINK("http://…", "Revenue")`` or ``@SUM(A1)`` in an exported
CSV is executed by Excel or LibreOffice when the file is opened. As OWASP recommends, a text
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a
leading apostrophe, which spreadsheets take as "this is text". Numbers, negative ones
included, are never touched: they must stay numbers.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# what a spreadsheet reads as a number: "-31000", "-1,234.5", "-1%", "+$12", "1e-3"
_PLAIN_NUMBER_RE = re.compile(r"[+-]?\$?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER_RE.fullmatch(text)


def inert_text(text: str) -> str:
    """``text`` as a spreadsheet will show it and never run it."""
    return "'" + text if is_formula_like(text) else text
