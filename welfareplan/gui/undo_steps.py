"""Undo in small steps. Qt merges consecutive typing in a text box into one undo step, so
Ctrl+Z took back everything typed in the field since it was entered. Here a separator (space,
、。 and other punctuation) or the first key after a pause is inserted as an edit block of its
own, which Qt never merges with its neighbours: Ctrl+Z takes back a word, or what was typed
since the last pause. An IME commit is already a step of its own (Qt inserts it in an edit
block). :func:`step` is the editor's undo and redo: of the focused field, else of the rating."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from welfareplan.gui.entry_inputs import EntryDocuments

#: Characters that end a word (an undo step).
SEPARATORS = frozenset(" 　、。，．,.!?！？・「」『』（）()：:；;\t")
#: A pause (seconds) after which the next key starts a new step.
PAUSE_S = 1.5


class UndoSteps:
    def __init__(self) -> None:
        self._last_key: dict[int, float] = {}

    def starts_step(self, edit: QPlainTextEdit, event: QKeyEvent) -> bool:
        """Whether ``event`` (a key typed into ``edit``) starts a new undo step."""
        text = event.text()
        typing = (
            len(text) == 1
            and text.isprintable()
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            and not edit.isReadOnly()
        )
        if not typing:
            return False
        now = time.monotonic()
        last = self._last_key.get(id(edit))
        self._last_key[id(edit)] = now
        return text in SEPARATORS or last is None or now - last > PAUSE_S

    @staticmethod
    def type_as_step(edit: QPlainTextEdit, text: str) -> None:
        cursor = edit.textCursor()
        cursor.beginEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()
        edit.setTextCursor(cursor)
        edit.ensureCursorVisible()


def step(
    focus: QWidget | None,
    docs: EntryDocuments | None,
    rate: Callable[[str], None],
    *,
    redo: bool,
) -> bool:
    """Undo (or redo) in the focused text or number field, else of the rating (``rate`` sets
    a rating without recording it). Returns whether anything happened."""
    if isinstance(focus, QPlainTextEdit):
        doc = focus.document()
        if not (doc.isRedoAvailable() if redo else doc.isUndoAvailable()):
            return False
        focus.redo() if redo else focus.undo()
        return True
    if isinstance(focus, QLineEdit):
        if not (focus.isRedoAvailable() if redo else focus.isUndoAvailable()):
            return False
        focus.redo() if redo else focus.undo()
        return True
    if docs is None:
        return False
    source, target = (
        (docs.rating_redo, docs.rating_undo) if redo else (docs.rating_undo, docs.rating_redo)
    )
    if not source:
        return False
    code = source.pop()
    target.append(docs.rating)
    rate(code)
    return True
