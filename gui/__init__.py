"""The Qt desktop app. It only presents ``model`` and turns user actions into model calls."""

# first, before any signal is emitted (see the module for the PySide6 6.12.0 bug it guards)
from gui import refcount_guard  # noqa: F401
