"""The system libraries Qt's X11 (xcb) platform plugin loads, checked before the application
is created: when one is missing Qt prints a misleading "xcb-cursor0 is needed" and aborts,
whichever library it really lacks. Here the missing ones are named with the one package
manager command that installs them."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# soname -> (Debian/Ubuntu package, Fedora/RHEL package); from ``ldd`` on PySide6's libqxcb.so
# and libQt6XcbQpa.so.6
XCB_LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
}


@dataclass(frozen=True, slots=True)
class MissingLibraries:
    sonames: tuple[str, ...]
    command: str  # the one line that installs them

    def message(self) -> str:
        return (
            "Tickmark cannot open its window: the X11 (xcb) libraries Qt needs are missing: "
            f"{', '.join(self.sonames)}.\nInstall them with:\n    {self.command}"
        )


def uses_xcb(environment: Mapping[str, str], system: str) -> bool:
    """Whether Qt will start on the xcb platform: on Linux, when QT_QPA_PLATFORM asks for it
    first, or sets nothing outside a Wayland session."""
    if system != "Linux":
        return False
    requested = environment.get("QT_QPA_PLATFORM", "")
    if requested:
        return requested.split(";")[0].split(":")[0].strip() == "xcb"
    return not environment.get("WAYLAND_DISPLAY")


def missing_xcb_libraries(loads: Callable[[str], bool], has_dnf: bool) -> MissingLibraries | None:
    """The libraries ``loads`` cannot load, with the apt-get (or dnf) line that installs them."""
    missing = tuple(soname for soname in XCB_LIBRARIES if not loads(soname))
    if not missing:
        return None
    column = 1 if has_dnf else 0
    packages = list(dict.fromkeys(XCB_LIBRARIES[soname][column] for soname in missing))
    command = f"sudo dnf install {' '.join(packages)}" if has_dnf else f"sudo apt-get install {' '.join(packages)}"
    return MissingLibraries(missing, command)


def loads_library(soname: str) -> bool:
    """Whether the dynamic loader finds and loads ``soname`` (the test Qt's own loading makes)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True
