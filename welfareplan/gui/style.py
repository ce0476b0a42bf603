"""Fonts and colours: Japanese-capable fonts, a readable default size, zoom."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

#: Preferred UI fonts, first available wins: Windows (Yu Gothic UI, Meiryo UI), then Noto CJK.
UI_FAMILIES = [
    "Yu Gothic UI",
    "Meiryo UI",
    "Meiryo",
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "IPAexGothic",
]
BASE_POINT_SIZE = 10.5

MISSING_COLOR = "#1f5fa8"
WARNING_COLOR = "#b35900"
OK_COLOR = "#2e7d32"
BANNER_STYLE = "background:#fff4ce; color:#4d3b00; border-bottom:1px solid #e0c96b;"
ERROR_BANNER_STYLE = "background:#fde7e9; color:#7a1020; border-bottom:1px solid #e8a0a8;"


def ui_font(zoom_percent: int = 100) -> QFont:
    # Qt takes the first installed family of the list (no font enumeration at start-up).
    font = QFont()
    font.setFamilies([*UI_FAMILIES, QApplication.font().family()])
    font.setPointSizeF(BASE_POINT_SIZE * zoom_percent / 100)
    return font


def apply_zoom(app: QApplication, zoom_percent: int) -> None:
    app.setFont(ui_font(zoom_percent))


def scaled(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    f = QFont(font)
    f.setPointSizeF(font.pointSizeF() * factor)
    f.setBold(bold)
    return f
