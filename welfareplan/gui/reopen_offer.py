"""A file opened read-only because someone (perhaps the same user, in another window) had it
open becomes editable when they close it: the banner says so and offers 「編集できるように
開き直す」, which reopens it for editing (nothing was typed into the read-only view)."""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QPushButton

from welfareplan.gui.document import Document


class Window(Protocol):
    """What the offer needs of the main window."""

    ui: Any
    document: Document | None

    def set_banner(self, text: str, *, error: bool = False) -> None: ...
    def close_document(self) -> bool: ...
    def open_path(self, path: Path, *, remember: bool = True) -> bool: ...


RELEASED = "ほかのウィンドウ・ほかの人がファイルを閉じたため、編集できるようになりました。"
OFFER = "編集するには「編集できるように開き直す」を押してください。"


class ReopenOffer(QObject):
    def __init__(self, window: Window, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.window = window
        self.button = QPushButton("編集できるように開き直す(&E)", parent)
        self.button.setVisible(False)
        banner = window.ui.bannerLabel
        parent = banner.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            index = layout.indexOf(banner)
            layout.insertWidget(index + 1, self.button)  # type: ignore[attr-defined]
        self.button.clicked.connect(self.reopen)

    def watch(self, document: Document) -> None:
        self.button.setVisible(False)
        # The connection lives as long as the document; a slot holding the document itself
        # would be a cycle through Qt that the garbage collector cannot see: every file
        # opened in a day would stay in memory.
        held = weakref.ref(document)
        document.lockReleased.connect(lambda: self._released(held()))

    def _released(self, document: Document | None) -> None:
        if document is None or self.window.document is not document:
            return
        self.window.set_banner(f"{RELEASED}この画面は閲覧のみのままです。{OFFER}")
        self.button.setVisible(True)

    def hide(self) -> None:
        self.button.setVisible(False)

    def reopen(self) -> None:
        document = self.window.document
        if document is None:
            return
        path = document.original
        if self.window.close_document():
            self.window.open_path(path)
