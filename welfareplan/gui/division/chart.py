"""The rating distribution per top-level node (基本目標) as stacked bars, one colour per code of
the plan's scale (best first: green to red), this year beside last year (QPainter)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Colours from the best code to the worst (a scale of four: Koganei's A B C D); longer scales
#: take evenly spaced ones, the unrated grey.
PALETTE = ("#2e7d32", "#7cb342", "#f0a500", "#e0662b", "#b71c1c", "#6a1b9a", "#37474f", "#00838f")
UNRATED_COLOR = "#bdbdbd"


def code_colors(codes: tuple[str, ...]) -> dict[str, str]:
    """code → colour; Koganei's four get green, amber, orange, red as before."""
    if len(codes) == 4:
        picked = [PALETTE[0], PALETTE[2], PALETTE[3], PALETTE[4]]
    else:
        picked = [PALETTE[i % len(PALETTE)] for i in range(len(codes))]
    return {**dict(zip(codes, picked, strict=True)), "": UNRATED_COLOR}


@dataclass(frozen=True)
class GoalCounts:
    label: str
    counts: dict[str, int]
    previous: dict[str, int] | None = None


class RatingChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goals: list[GoalCounts] = []
        self.codes: tuple[str, ...] = ()
        self.labels: dict[str, str] = {}
        self.year_label = ""
        self.previous_label = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)

    def set_data(
        self,
        goals: list[GoalCounts],
        year_label: str,
        previous_label: str = "",
        *,
        codes: tuple[str, ...] = (),
        labels: dict[str, str] | None = None,
    ) -> None:
        self.goals, self.year_label, self.previous_label = goals, year_label, previous_label
        self.codes, self.labels = codes, dict(labels or {})
        parts = []
        for g in goals:
            now = (
                "・".join(
                    f"{self._label(r)}{g.counts.get(r, 0)}"
                    for r in (*codes, "")
                    if g.counts.get(r, 0)
                )
                or "なし"
            )
            parts.append(f"{g.label}: {now}")
        self.setAccessibleDescription("、".join(parts))
        self.setToolTip("\n".join(parts))
        self.update()

    def _label(self, code: str) -> str:
        return self.labels.get(code, code) if code else "未評価"

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if not self.goals or not self.codes:
            text = (
                "データがありません" if self.codes or not self.goals else "評価の項目がない計画です"
            )
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)
            p.end()
            return
        colors = code_colors(self.codes)
        fm = p.fontMetrics()
        legend_h = fm.height() + 8
        axis_h = 2 * fm.height() + 8
        left, top = 36, legend_h + 4
        plot = QRectF(left, top, self.width() - left - 10, self.height() - top - axis_h)
        series = [(g.counts, self.year_label) for g in self.goals]
        has_prev = any(g.previous is not None for g in self.goals)
        peak = max(
            [sum(g.counts.values()) for g in self.goals]
            + [sum((g.previous or {}).values()) for g in self.goals]
            + [1]
        )
        # legend
        x = left
        for r in (*self.codes, ""):
            p.fillRect(QRectF(x, 6, 12, 12), QColor(colors[r]))
            text = self._label(r)
            p.setPen(QColor("#333"))
            p.drawText(int(x + 16), 6 + fm.ascent(), text)
            x += 24 + fm.horizontalAdvance(text)
        if has_prev:
            p.drawText(
                int(x + 12),
                6 + fm.ascent(),
                f"（左: {self.previous_label}　右: {self.year_label}）",
            )
        # axis
        p.setPen(QPen(QColor("#999"), 1))
        p.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))
        slot = plot.width() / len(series)
        bar_w = min(48.0, slot / (3 if has_prev else 2))
        for i, g in enumerate(self.goals):
            cx = plot.left() + slot * (i + 0.5)
            bars = [(g.previous, cx - bar_w - 2)] if has_prev else []
            bars.append((g.counts, cx + 2 if has_prev else cx - bar_w / 2))
            for counts, bx in bars:
                if counts is None:
                    continue
                y = plot.bottom()
                for r in (*self.codes, ""):
                    n = counts.get(r, 0)
                    if not n:
                        continue
                    h = plot.height() * n / peak
                    p.fillRect(QRectF(bx, y - h, bar_w, h), QColor(colors[r]))
                    if h >= fm.height():
                        p.setPen(QColor("white"))
                        p.drawText(
                            QRectF(bx, y - h, bar_w, h), Qt.AlignmentFlag.AlignCenter, str(n)
                        )
                    y -= h
            p.setPen(QColor("#333"))
            label_rect = QRectF(plot.left() + slot * i, plot.bottom() + 4, slot, axis_h - 4)
            p.drawText(
                label_rect, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, g.label
            )
        p.end()
