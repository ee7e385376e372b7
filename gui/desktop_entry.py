"""``tickmark --install-desktop``: a freedesktop launcher so that Tickmark starts from the
applications menu or the desktop, and opens filings double-clicked in a file manager (%F).

No Qt here: installing a launcher must work without a display.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from gui.assets import DESKTOP_TEMPLATE, ICON_PNG, ICON_SVG, asset_path

DESKTOP_FILE_NAME = "tickmark.desktop"
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def quote_exec_argument(argument: str) -> str:
    """Quote one Exec argument as the Desktop Entry specification asks: double quotes around
    arguments with reserved characters, backslash before ``"`` ` ``$`` and ``\\`` inside, and
    every backslash doubled again because the value is itself an escaped string."""
    argument = argument.replace("%", "%%")
    if not any(character in _RESERVED for character in argument):
        return argument
    inner = "".join("\\" + character if character in '"`$\\' else character for character in argument)
    return '"' + inner.replace("\\", "\\\\") + '"'


def launch_command() -> list[str]:
    """The installed ``tickmark`` command when there is one, else this Python running main.py."""
    installed = shutil.which("tickmark")
    if installed:
        return [installed]
    main = Path(__file__).resolve().parents[1] / "main.py"
    return [sys.executable, str(main)]


def desktop_entry_text(command: list[str], icon: str) -> str:
    template = asset_path(DESKTOP_TEMPLATE).read_text(encoding="utf-8")
    exec_line = " ".join(quote_exec_argument(part) for part in command)
    return template.replace("@EXEC@", exec_line).replace("@ICON@", icon)


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def desktop_folder() -> Path | None:
    """The user's desktop folder (localised names included), or None where there is none."""
    if shutil.which("xdg-user-dir"):
        found = subprocess.run(["xdg-user-dir", "DESKTOP"], capture_output=True, text=True, check=False).stdout.strip()
        if found and Path(found) != Path.home() and Path(found).is_dir():
            return Path(found)
    fallback = Path.home() / "Desktop"
    return fallback if fallback.is_dir() else None


def install_launchers(share: Path | None = None, desktop: Path | None = None, command: list[str] | None = None) -> list[Path]:
    """Install the icons and the launcher; return every file written."""
    share = share or data_home()
    desktop = desktop if desktop is not None else desktop_folder()
    written = []
    icons = share / "icons" / "hicolor"
    png = icons / "256x256" / "apps" / "tickmark.png"
    svg = icons / "scalable" / "apps" / "tickmark.svg"
    for source, target in ((asset_path(ICON_PNG), png), (asset_path(ICON_SVG), svg)):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    text = desktop_entry_text(command or launch_command(), str(png))
    applications = share / "applications"
    targets = [applications / DESKTOP_FILE_NAME] + ([desktop / DESKTOP_FILE_NAME] if desktop is not None else [])
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        target.chmod(0o755)  # desktops only run launchers marked executable
        written.append(target)
    if shutil.which("update-desktop-database"):
        # refreshes the MIME cache so that file managers offer Tickmark for filings
        subprocess.run(["update-desktop-database", str(applications)], capture_output=True, check=False)
    return written
