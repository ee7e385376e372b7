"""The check for the X11 libraries Qt's xcb plugin needs, with a fake loader: the missing ones
are named with the one apt-get (or dnf) line that installs them."""

from __future__ import annotations

import platform

import pytest

from model.xcb_libraries import loads_library, missing_xcb_libraries, uses_xcb


def loader_without(*absent: str):
    return lambda soname: soname not in absent


def test_nothing_is_said_when_every_library_loads():
    assert missing_xcb_libraries(loader_without(), has_dnf=False) is None


def test_the_missing_libraries_get_one_apt_get_line():
    missing = missing_xcb_libraries(loader_without("libxcb-icccm.so.4", "libxcb-keysyms.so.1"), has_dnf=False)
    assert missing.sonames == ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    assert missing.command == "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    assert missing.message().splitlines()[-1].strip() == missing.command
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in missing.message()


def test_dnf_names_fedora_packages_once_each():
    missing = missing_xcb_libraries(loader_without("libxcb-cursor.so.0", "libxcb-shape.so.0", "libxcb-xkb.so.1"), has_dnf=True)
    assert missing.command == "sudo dnf install xcb-util-cursor libxcb"


def test_only_an_xcb_start_on_linux_is_checked():
    assert uses_xcb({}, "Linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "Linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb;wayland"}, "Linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "Linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "wayland;xcb"}, "Linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "Linux")
    assert not uses_xcb({}, "Windows") and not uses_xcb({}, "Darwin")


@pytest.mark.skipif(platform.system() != "Linux", reason="the xcb check runs on Linux only")
def test_the_real_loader_tells_a_present_library_from_an_absent_one():
    assert not loads_library("libtickmark-no-such-library.so.0")
    assert loads_library("libc.so.6")
