"""Colours that stay readable on the system palette, light or dark: the window never draws
light-only colours (a pale highlight under white text, dark red on a dark base)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

DARK_INK = QColor(20, 24, 30)  # text over the pale highlight colours, in either palette
NEGATIVE_ON_LIGHT = QColor(176, 0, 32)
NEGATIVE_ON_DARK = QColor(255, 128, 128)
WARNING_ON_LIGHT = QColor(176, 0, 32)
WARNING_ON_DARK = QColor(255, 140, 140)
OK_ON_LIGHT = QColor(30, 120, 50)
OK_ON_DARK = QColor(120, 210, 140)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def negative_colour(palette: QPalette) -> QColor:
    return NEGATIVE_ON_DARK if is_dark(palette) else NEGATIVE_ON_LIGHT


def warning_colour(palette: QPalette) -> QColor:
    return WARNING_ON_DARK if is_dark(palette) else WARNING_ON_LIGHT


def ok_colour(palette: QPalette) -> QColor:
    return OK_ON_DARK if is_dark(palette) else OK_ON_LIGHT


def muted_colour(palette: QPalette) -> QColor:
    """Secondary text: halfway between the text and its background."""
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    return QColor((text.red() + base.red()) // 2, (text.green() + base.green()) // 2, (text.blue() + base.blue()) // 2)


def css(colour: QColor) -> str:
    return colour.name()


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours: 1 (none) to 21 (black on white)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def dark_palette() -> QPalette:
    """A dark system palette as desktops set it, for tests and screenshots."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: QColor(37, 40, 45),
        QPalette.ColorRole.WindowText: QColor(225, 228, 232),
        QPalette.ColorRole.Base: QColor(28, 30, 34),
        QPalette.ColorRole.AlternateBase: QColor(40, 43, 48),
        QPalette.ColorRole.Text: QColor(225, 228, 232),
        QPalette.ColorRole.Button: QColor(48, 52, 58),
        QPalette.ColorRole.ButtonText: QColor(225, 228, 232),
        QPalette.ColorRole.Highlight: QColor(47, 111, 159),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.ToolTipBase: QColor(48, 52, 58),
        QPalette.ColorRole.ToolTipText: QColor(225, 228, 232),
        QPalette.ColorRole.PlaceholderText: QColor(140, 146, 154),
        QPalette.ColorRole.Mid: QColor(70, 75, 82),
        QPalette.ColorRole.Midlight: QColor(60, 64, 70),
        QPalette.ColorRole.Dark: QColor(20, 22, 25),
        QPalette.ColorRole.Light: QColor(80, 85, 92),
        QPalette.ColorRole.Link: QColor(110, 170, 230),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    return palette
