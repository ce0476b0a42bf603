"""「他の職員が先に変更しました」: an edit of the division's editor made from stale values
(issue 16, :func:`welfareplan.core.editing.save_entry` with ``base``).

Each field someone else changed after this editor loaded it is shown side by side — their text
(what is stored) and yours (still in the editor, never written over theirs without asking) —
and the user keeps theirs or overwrites with theirs as the new base. Closing the box decides
nothing: the text stays in the editor and the next save asks again.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from welfareplan.gui.text_compare import side_by_side


class Conflict(Protocol):
    """What the dialog reads of :class:`welfareplan.core.stale_edit.FieldConflict`."""

    @property
    def field(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def theirs(self) -> str: ...
    @property
    def yours(self) -> str: ...
    @property
    def by(self) -> str: ...
    @property
    def at(self) -> dt.datetime | None: ...


def conflicts_html(conflicts: Sequence[Conflict]) -> str:
    parts = []
    for c in conflicts:
        who = c.by or "別の職員"
        when = f"（{c.at:%m/%d %H:%M}）" if c.at else ""
        parts.append(
            f"<h3>{html.escape(c.label)}</h3>"
            + side_by_side(
                f"{who}{when}の内容（保存されています）", c.theirs, "あなたの内容", c.yours
            )
        )
    return "<br/>".join(parts)


class EditConflictDialog(QDialog):
    """Keep theirs (:attr:`keep_theirs`) or overwrite with yours; rejected: decide later."""

    def __init__(
        self, project: str, conflicts: Sequence[Conflict], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("他の職員の変更と重なりました")
        self.keep_theirs = False
        names = "、".join(c.label for c in conflicts)
        intro = QLabel(
            f"{project} の「{names}」は、あなたが読み込んだ後に別の職員が変更しました。"
            "あなたの内容はまだ保存していません（画面に残っています）。どちらを残しますか。",
            self,
        )
        intro.setWordWrap(True)
        self.text = QTextBrowser(self)
        self.text.setHtml(conflicts_html(conflicts))
        self.text.setAccessibleName("相手の内容とあなたの内容")
        buttons = QDialogButtonBox(self)
        self.theirs_button = QPushButton("相手の内容を残す(&K)", self)
        self.yours_button = QPushButton("自分の内容で上書き(&O)", self)
        later = buttons.addButton("あとで決める", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.theirs_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.yours_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.theirs_button.clicked.connect(lambda: self._decide(keep_theirs=True))
        self.yours_button.clicked.connect(lambda: self._decide(keep_theirs=False))
        later.clicked.connect(self.reject)
        self.theirs_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def _decide(self, *, keep_theirs: bool) -> None:
        self.keep_theirs = keep_theirs
        self.accept()
