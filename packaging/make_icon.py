"""Draw the application icon (a document with a check mark and 福) and write PNG + ICO.

python packaging/make_icon.py   # writes resources/icons/welfareplan.{png,ico}
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f5fa8"))
    p.drawRoundedRect(QRectF(16 * s, 16 * s, 224 * s, 224 * s), 40 * s, 40 * s)
    p.setBrush(QColor("white"))
    p.drawRoundedRect(QRectF(58 * s, 40 * s, 140 * s, 176 * s), 12 * s, 12 * s)
    font = QFont()
    font.setFamilies(["Noto Sans CJK JP", "Yu Gothic UI", "Meiryo"])
    font.setPixelSize(int(92 * s))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#1f5fa8"))
    p.drawText(QRectF(58 * s, 44 * s, 140 * s, 110 * s), Qt.AlignmentFlag.AlignCenter, "福")
    pen = QPen(
        QColor("#2e7d32"),
        16 * s,
        Qt.PenStyle.SolidLine,
        Qt.PenCapStyle.RoundCap,
        Qt.PenJoinStyle.RoundJoin,
    )
    p.setPen(pen)
    path = QPainterPath(QPointF(92 * s, 176 * s))
    path.lineTo(118 * s, 200 * s)
    path.lineTo(166 * s, 150 * s)
    p.drawPath(path)
    p.end()
    return img


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "welfareplan.png"))
    if not draw(256).save(str(OUT / "welfareplan.ico")):
        print("ICO writer not available", file=sys.stderr)
        return 1
    print(f"wrote {OUT}/welfareplan.png and .ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
