"""The editor for one entry: plan context, last year's text, and the three inputs.

Each entry keeps its own text documents for the whole session, so undo/redo works per field and
survives switching to another project and back. Nothing here touches the database: the view
reads :meth:`EntryEditor.current_values` and saves through the core.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QInputMethodEvent,
    QKeySequence,
    QShortcut,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from welfareplan.core.checks import Check, EntryValues, Level, entry_checks
from welfareplan.core.labels import RATINGS
from welfareplan.core.worklist import WorkItem
from welfareplan.gui.forms.ui_entry_editor import Ui_EntryEditor
from welfareplan.gui.style import MISSING_COLOR, WARNING_COLOR, scaled

_RATING_KEYS = {
    Qt.Key.Key_1: "A",
    Qt.Key.Key_2: "B",
    Qt.Key.Key_3: "C",
    Qt.Key.Key_4: "D",
    Qt.Key.Key_A: "A",
    Qt.Key.Key_B: "B",
    Qt.Key.Key_C: "C",
    Qt.Key.Key_D: "D",
}


def _plain_document(text: str, parent: QObject) -> QTextDocument:
    doc = QTextDocument(parent)
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    doc.setPlainText(text)
    doc.setUndoRedoEnabled(True)
    doc.clearUndoRedoStacks()
    doc.setModified(False)
    return doc


@dataclass
class EntryDocuments:
    """The editing state of one entry for this session."""

    result: QTextDocument
    outlook: QTextDocument
    rating: str
    rating_undo: list[str] = field(default_factory=list)
    rating_redo: list[str] = field(default_factory=list)

    @classmethod
    def for_item(cls, item: WorkItem, parent: QObject) -> EntryDocuments:
        return cls(
            result=_plain_document(item.values.result, parent),
            outlook=_plain_document(item.values.outlook, parent),
            rating=item.values.rating,
        )

    def values(self) -> EntryValues:
        return EntryValues(self.result.toPlainText(), self.rating, self.outlook.toPlainText())


def char_count(text: str) -> int:
    """Characters as people count them: line breaks don't count."""
    return len(text.replace("\n", ""))


def format_checks(checks: list[Check]) -> str:
    if not checks:
        return '<span style="color:#2e7d32">✔ 記入済みです。</span>'
    rows = []
    for c in checks:
        color, mark = (WARNING_COLOR, "▲") if c.level is Level.WARNING else (MISSING_COLOR, "●")
        rows.append(f'<div style="color:{color}">{mark} {html.escape(c.message)}</div>')
    return "".join(rows)


#: The text boxes of a read-only view: grey, like any input that cannot be edited.
READ_ONLY_STYLE = "QPlainTextEdit { background: #eeeeee; color: #333333; }"


class EntryEditor(QWidget):
    #: The user changed something (and is not in the middle of an IME conversion).
    edited = Signal()
    #: Focus left one of the inputs: a good moment to save.
    fieldLeft = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_EntryEditor()
        self.ui.setupUi(self)
        self.item: WorkItem | None = None
        self.docs: EntryDocuments | None = None
        self.read_only = False
        self._composing: set[QObject] = set()
        self._loading = False
        self.ui.titleLabel.setFont(scaled(self.font(), 1.35, bold=True))
        for label in (
            self.ui.measureValue,
            self.ui.descriptionValue,
            self.ui.departmentValue,
            self.ui.othersValue,
            self.ui.previousResultValue,
            self.ui.previousOutlookValue,
            self.ui.checksLabel,
            self.ui.titleLabel,
        ):
            policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            policy.setHeightForWidth(True)
            label.setSizePolicy(policy)
        self.rating_group = QButtonGroup(self)
        for letter in RATINGS:
            self.rating_group.addButton(self._rating_button(letter))
        self.rating_group.buttonClicked.connect(self._on_rating_clicked)
        for edit in (self.ui.resultEdit, self.ui.outlookEdit):
            edit.installEventFilter(self)
            edit.viewport().installEventFilter(self)
            edit.textChanged.connect(self._on_text_changed)
        for letter in RATINGS:
            self._rating_button(letter).installEventFilter(self)
        self.ui.copyOutlookButton.clicked.connect(self.copy_previous_outlook)
        for n, letter in enumerate(RATINGS, 1):
            sc = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda letter=letter: self.set_rating(letter))
        self.set_criteria({})
        self.setEnabled(False)

    # ------------------------------------------------------------------ setup

    def _rating_button(self, letter: str) -> QAbstractButton:
        button: QAbstractButton = getattr(self.ui, f"rating{letter}")
        return button

    def set_criteria(self, criteria: dict[str, str]) -> None:
        for n, letter in enumerate(RATINGS, 1):
            text = criteria.get(letter, "")
            self._rating_button(letter).setText(
                f"{letter}（{n}）  {text}" if text else f"{letter}（{n}）"
            )

    def set_year_labels(self, current: str, previous: str | None) -> None:
        self.ui.inputGroup.setTitle(f"{current}の記入")
        self.ui.previousGroup.setTitle(
            f"{previous}の記入（参考）" if previous else "前年度の記入（参考）"
        )

    # ------------------------------------------------------------------ showing an entry

    def show_item(
        self, item: WorkItem | None, docs: EntryDocuments | None, *, read_only: bool
    ) -> None:
        self._loading = True
        try:
            self.item, self.docs, self.read_only = item, docs, read_only
            self._composing.clear()
            self.setEnabled(item is not None)
            if item is None or docs is None:
                self.ui.titleLabel.setText("左の一覧から事業を選んでください。")
                return
            ui = self.ui
            ui.titleLabel.setText(f"事業{item.number_label}　{item.name}")
            ui.measureValue.setText(
                f"{item.measure_label}　{item.measure_name.split(' ', 1)[-1]}　（施策の方向性: {item.direction_name}）"
            )
            ui.descriptionValue.setText(item.description)
            ui.departmentValue.setText(item.department_label)
            ui.othersValue.setText("、".join(item.other_departments) or "なし")
            prev = item.previous
            ui.previousGroup.setVisible(prev is not None)
            if prev is not None:
                ui.previousRatingValue.setText(prev.rating or "（なし）")
                ui.previousResultValue.setText(prev.result or "（記入なし）")
                ui.previousOutlookValue.setText(prev.outlook or "（記入なし）")
            ui.copyOutlookButton.setEnabled(bool(prev and prev.outlook.strip()) and not read_only)
            ui.resultEdit.setDocument(docs.result)
            ui.outlookEdit.setDocument(docs.outlook)
            for edit in (ui.resultEdit, ui.outlookEdit):
                edit.setReadOnly(read_only)
                # a view that cannot be typed into must not look like one
                edit.setStyleSheet(READ_ONLY_STYLE if read_only else "")
            for letter in RATINGS:
                self._rating_button(letter).setEnabled(not read_only)
            self._show_rating(docs.rating)
            self.refresh_feedback()
        finally:
            self._loading = False

    def _show_rating(self, rating: str) -> None:
        self.rating_group.setExclusive(False)
        for letter in RATINGS:
            self._rating_button(letter).setChecked(letter == rating)
        self.rating_group.setExclusive(True)

    # ------------------------------------------------------------------ reading the inputs

    @property
    def composing(self) -> bool:
        return bool(self._composing)

    def commit_ime(self) -> None:
        """Finish a pending IME conversion so that its text is part of what gets saved."""
        if self._composing:
            QGuiApplication.inputMethod().commit()
            self._composing.clear()

    def current_values(self) -> EntryValues:
        return self.docs.values() if self.docs else EntryValues()

    def current_checks(self) -> list[Check]:
        if self.item is None:
            return []
        return entry_checks(self.current_values(), self.item.previous)

    def refresh_feedback(self) -> None:
        values = self.current_values()
        self.ui.resultCount.setText(f"{char_count(values.result):,} 文字")
        self.ui.outlookCount.setText(f"{char_count(values.outlook):,} 文字")
        self.ui.checksLabel.setText(format_checks(self.current_checks()) if self.item else "")

    # ------------------------------------------------------------------ editing

    def _on_text_changed(self) -> None:
        if self._loading or self.composing:
            return
        self.refresh_feedback()
        self.edited.emit()

    def set_rating(self, letter: str, *, record_undo: bool = True) -> None:
        if self.docs is None or self.read_only or letter not in (*RATINGS, ""):
            return
        if letter == self.docs.rating:
            self._show_rating(letter)
            return
        if record_undo:
            self.docs.rating_undo.append(self.docs.rating)
            self.docs.rating_redo.clear()
        self.docs.rating = letter
        self._show_rating(letter)
        self.refresh_feedback()
        self.edited.emit()

    def _on_rating_clicked(self, button: QAbstractButton) -> None:
        letter = next(letter for letter in RATINGS if self._rating_button(letter) is button)
        self.set_rating(letter)

    def copy_previous_outlook(self) -> None:
        """Put last year's outlook into this year's field as one undoable step."""
        if self.item is None or self.item.previous is None or self.docs is None or self.read_only:
            return
        cursor = QTextCursor(self.docs.outlook)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(self.item.previous.outlook)
        cursor.endEditBlock()
        self.ui.outlookEdit.setFocus()

    def undo(self) -> bool:
        """Undo in the focused field (text) or of the rating. Returns whether anything happened."""
        focus = QGuiApplication.focusObject()
        if isinstance(focus, QPlainTextEdit) and focus in (self.ui.resultEdit, self.ui.outlookEdit):
            if focus.document().isUndoAvailable():
                focus.undo()
                return True
            return False
        if self.docs and self.docs.rating_undo:
            previous = self.docs.rating_undo.pop()
            self.docs.rating_redo.append(self.docs.rating)
            self.set_rating(previous, record_undo=False)
            return True
        return False

    def redo(self) -> bool:
        focus = QGuiApplication.focusObject()
        if isinstance(focus, QPlainTextEdit) and focus in (self.ui.resultEdit, self.ui.outlookEdit):
            if focus.document().isRedoAvailable():
                focus.redo()
                return True
            return False
        if self.docs and self.docs.rating_redo:
            nxt = self.docs.rating_redo.pop()
            self.docs.rating_undo.append(self.docs.rating)
            self.set_rating(nxt, record_undo=False)
            return True
        return False

    # ------------------------------------------------------------------ events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.InputMethod and isinstance(event, QInputMethodEvent):
            owner = (
                watched.parent()
                if watched in (self.ui.resultEdit.viewport(), self.ui.outlookEdit.viewport())
                else watched
            )
            # The filter runs before the editor handles the event: a conversion in progress
            # (preedit text) suppresses checks and autosave; its commit counts as a normal edit.
            if event.preeditString() and owner is not None:
                self._composing.add(owner)
            else:
                self._composing.discard(owner)
        elif kind == QEvent.Type.FocusOut and watched in (self.ui.resultEdit, self.ui.outlookEdit):
            self.fieldLeft.emit()
        elif kind == QEvent.Type.KeyPress and watched in [self._rating_button(x) for x in RATINGS]:
            key = event.key()  # type: ignore[attr-defined]
            mods = event.modifiers()  # type: ignore[attr-defined]
            if key in _RATING_KEYS and not mods & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            ):
                self.set_rating(_RATING_KEYS[Qt.Key(key)])
                return True
        return super().eventFilter(watched, event)
