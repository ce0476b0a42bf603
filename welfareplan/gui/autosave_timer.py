"""When the department view saves what is typed: once the user pauses (AUTOSAVE_DELAY_MS after
the last edit), and someone typing without a pause at least every AUTOSAVE_MAX_WAIT_MS."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

AUTOSAVE_DELAY_MS = 800
#: The longest typed text waits for a save while the user keeps typing.
AUTOSAVE_MAX_WAIT_MS = 3000


class AutosaveTimer(QObject):
    """Two single-shot timers: the pause after the last edit, and the cap since the first edit
    not saved yet. ``due`` is called when either runs out."""

    def __init__(self, parent: QObject, due: Callable[[], None]) -> None:
        super().__init__(parent)
        self._pause = self._timer(AUTOSAVE_DELAY_MS, due)
        self._cap = self._timer(AUTOSAVE_MAX_WAIT_MS, due)

    def _timer(self, interval_ms: int, due: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        timer.timeout.connect(due)
        return timer

    def edited(self) -> None:
        """An edit: the pause starts again; the cap keeps running from the first edit."""
        self._pause.start()
        if not self._cap.isActive():
            self._cap.start()

    def stop(self) -> None:
        """Saved (or nothing to save): neither timer runs."""
        self._pause.stop()
        self._cap.stop()

    def pending(self) -> bool:
        """An edit is waiting for its save."""
        return self._pause.isActive() or self._cap.isActive()
