"""Ctrl+F in the department window: find a text in the department's entries (this year's text
fields of every project), jump to the project and select the match. Enter / F3 finds the next,
Shift+Enter / Shift+F3 the previous (wrapping around); Esc closes the bar and leaves the
cursor on the match. The view makes the bar the first time one of those keys is pressed
(``DepartmentView.find_bar``) and owns the shortcuts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QWidget,
)

from welfareplan.core.entry_values import EntryValues
from welfareplan.core.worklist import WorkItem, Worklist
from welfareplan.gui.entry_editor import EntryEditor


class SearchedView(Protocol):
    """What the bar needs of the department view (``DepartmentView``)."""

    worklist: Worklist
    current_id: str | None
    editor: EntryEditor

    def values_of(self, item: WorkItem) -> EntryValues: ...

    def current_item(self) -> WorkItem | None: ...

    def select_entry(self, entry_id: str) -> None: ...

    def scroll_area(self) -> QScrollArea: ...


@dataclass(frozen=True)
class Match:
    entry_id: str
    field: str
    start: int
    length: int


def find_all(view: SearchedView, needle: str) -> list[Match]:
    """Every occurrence of ``needle`` (case-insensitive) in the projects' text fields, in the
    order of the project list and the form."""
    if not needle:
        return []
    wanted = needle.casefold()
    found = []
    for item in view.worklist.items:
        values = view.values_of(item)
        for f in item.form.text_fields:
            text = values.get(f.key).casefold()
            at = text.find(wanted)
            while at >= 0:
                found.append(Match(item.entry_id, f.key, at, len(needle)))
                at = text.find(wanted, at + max(len(wanted), 1))
    return found


class FindBar(QWidget):
    def __init__(self, view: SearchedView, parent: QWidget) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("検索(&S):", self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("この課の記入内容から探す文字")
        self.edit.setAccessibleName("検索する文字")
        self.edit.setClearButtonEnabled(True)
        label.setBuddy(self.edit)
        self.previous = QPushButton("前へ", self)
        self.previous.setAccessibleName("前を検索")
        self.previous.setToolTip("前の一致へ（Shift+Enter）")
        self.next = QPushButton("次へ", self)
        self.next.setAccessibleName("次を検索")
        self.next.setToolTip("次の一致へ（Enter / F3）")
        self.count = QLabel("", self)
        self.count.setObjectName("findCount")
        close = QToolButton(self)
        close.setText("×")
        close.setAccessibleName("検索を閉じる")
        close.setToolTip("検索を閉じる（Esc）")
        for w in (label, self.edit, self.previous, self.next, self.count):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(close)
        self.current = -1
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.installEventFilter(self)
        self.next.clicked.connect(lambda: self.step(1))
        self.previous.clicked.connect(lambda: self.step(-1))
        close.clicked.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        edit = self._edit_of_current()
        if edit is not None:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_text_changed(self) -> None:
        self.current = -1
        self.step(1)

    def eventFilter(self, watched: object, event: object) -> bool:
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.step(-1 if shift else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def step(self, direction: int) -> None:
        if not self.isVisible():
            self.open_bar()
            return
        matches = find_all(self.view, self.edit.text())
        if not matches:
            self.count.setText("見つかりません" if self.edit.text() else "")
            return
        self.current = (
            (0 if direction > 0 else len(matches) - 1)
            if self.current < 0
            else (self.current + direction) % len(matches)
        )
        self.current = min(self.current, len(matches) - 1)
        self.show_match(matches[self.current])
        self.count.setText(f"{self.current + 1} / {len(matches)} 件")

    def _edit_of_current(self) -> QWidget | None:
        item = self.view.current_item()
        if item is None:
            return None
        return self.view.editor.inputs.texts.get(item.form.text_fields[0].key)

    def show_match(self, match: Match) -> None:
        if self.view.current_id != match.entry_id:
            self.view.select_entry(match.entry_id)
        edit = self.view.editor.text_edit(match.field)
        cursor = QTextCursor(edit.document())
        cursor.setPosition(match.start)
        cursor.setPosition(match.start + match.length, QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        edit.ensureCursorVisible()
        self.view.scroll_area().ensureWidgetVisible(edit, 0, 40)
