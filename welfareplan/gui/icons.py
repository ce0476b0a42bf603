"""Status icons drawn in code (no image files to ship or lose)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from welfareplan.core.checks import Status

SIZE = 32


def _canvas() -> tuple[QPixmap, QPainter]:
    pm = QPixmap(SIZE, SIZE)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pm, p


@cache
def status_icon(status: Status) -> QIcon:
    pm, p = _canvas()
    r = QRectF(4, 4, SIZE - 8, SIZE - 8)
    if status is Status.COMPLETE:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#2e7d32"))
        p.drawEllipse(r)
        pen = QPen(
            QColor("white"),
            3.2,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        p.setPen(pen)
        path = QPainterPath(QPointF(10, 16.5))
        path.lineTo(14.5, 21)
        path.lineTo(22.5, 11.5)
        p.drawPath(path)
    elif status is Status.PARTIAL:
        p.setPen(QPen(QColor("#e08a00"), 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(r)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#e08a00"))
        p.drawPie(r, 90 * 16, 180 * 16)
    else:
        p.setPen(QPen(QColor("#9e9e9e"), 2.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(r)
    p.end()
    return QIcon(pm)


@cache
def app_icon() -> QIcon:
    from welfareplan.core.resources import resource_path

    path = resource_path("icons", "welfareplan.png")
    return QIcon(str(path)) if path.is_file() else QIcon()
