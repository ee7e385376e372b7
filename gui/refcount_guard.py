"""A guard against a reference-count bug in PySide6 6.12.0 that aborts the interpreter.

In PySide6 6.12.0 (6.11.3 is clean), ``SignalInstance.emit()`` hands Python its ``True``
result without a reference, and an invalid QVariant reaching Python (``index.data(role)`` for
a role a model does not answer, ``QObject.property()`` of an unset name) comes back as a
``None`` without one. Each call lowers the singleton's count by one until CPython frees it and
stops with "Fatal Python error: bool_dealloc" or "none_dealloc". pyqtgraph emits a signal on
every mouse move over a chart, so a session reaches that within minutes.

Python 3.12 made ``None``, ``True`` and ``False`` immortal (PEP 683) so that no such bug can
free them. On 3.11, where the bug bites, ``install`` does the same by hand when a probe shows
the bug: it gives each singleton a reference count that nothing can count down.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_PROBE_CALLS = 8
# far beyond any number of calls a process makes, far below the limit of Py_ssize_t
_IMMORTAL_REFERENCES = 1 << 40


class _Probe(QObject):
    fired = Signal()


def bindings_drop_references() -> bool:
    """Whether this PySide6 loses references to True (emit) or None (invalid QVariant)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.fired.emit()
    drops_true = sys.getrefcount(True) < before
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.property("tickmark-never-set")
    drops_none = sys.getrefcount(None) < before
    return drops_true or drops_none


def install() -> bool:
    """Make None, True and False immortal when the bindings need it; True when it did."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # already immortal, or not CPython's object layout
    if not bindings_drop_references():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object
        ctypes.c_ssize_t.from_address(id(singleton)).value += _IMMORTAL_REFERENCES
    return True


INSTALLED = install()
