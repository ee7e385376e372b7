"""Tickmark: financial filings as clean, checked statements.

    tickmark [FILE ...]                                  open the window (the bundled sample when no FILE)
    tickmark export --facts OUT.csv FILE ...             headless exports (also --changes, --restatements)
    tickmark --install-desktop                           add Tickmark to the applications menu
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["export"]:
        from model.cli import run_export

        return run_export(argv[1:])
    from gui.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
