"""A label whose text is cut with … where the window is too narrow for it (the full text in
its tooltip and accessible name), so a long line of facts never sets the window's width."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedText(QObject):
    """Keeps ``label``'s full text and shows as much of it as fits its width."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self._label = label
        self._full = label.text()
        policy = label.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        label.setSizePolicy(policy)
        label.setMinimumWidth(0)
        label.installEventFilter(self)

    @property
    def text(self) -> str:
        return self._full

    def set_text(self, text: str) -> None:
        self._full = text
        self._label.setToolTip(text)
        self._label.setAccessibleName(text)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._label and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        shown = self._label.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self._label.width(), 0)
        )
        if shown != self._label.text():
            self._label.setText(shown)
