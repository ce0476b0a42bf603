"""The pieces of the entry editor that are not the widget: the editing state of one entry for
the session (its text documents, numbers as typed, rating with its undo), the widgets generated
for a form, the keys that choose a rating, and the text of the checks."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from welfareplan.core.checks import Check, EntryValues, Level
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.numbers import normalize_number
from welfareplan.core.worklist import WorkItem
from welfareplan.gui.style import MISSING_COLOR, WARNING_COLOR


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

    form: EvaluationForm
    texts: dict[str, QTextDocument]
    numbers: dict[str, str]
    rating: str
    rating_undo: list[str] = field(default_factory=list)
    rating_redo: list[str] = field(default_factory=list)

    @classmethod
    def for_item(cls, item: WorkItem, parent: QObject) -> EntryDocuments:
        form = item.form
        return cls(
            form=form,
            texts={
                f.key: _plain_document(item.values.get(f.key), parent) for f in form.text_fields
            },
            numbers={f.key: item.values.get(f.key) for f in form.number_fields},
            rating=item.values.rating(form),
        )

    def values(self) -> EntryValues:
        """The values as typed; a number in its stored form when it reads as one (else as
        typed: saving refuses it with a message naming the field)."""
        out = {k: doc.toPlainText() for k, doc in self.texts.items()}
        for k, typed in self.numbers.items():
            f = self.form.field(k)
            normal = normalize_number(typed, unit=f.unit)
            out[k] = typed if normal is None else normal
        key = self.form.rating_key
        if key is not None:
            out[key] = self.rating
        return EntryValues(out)


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


def rating_hint(form: EvaluationForm) -> str:
    """'事業評価（キーボードの 1〜4 または A〜D でも選べます）'."""
    rating = form.rating_field
    assert rating is not None
    keys = [c.key for c in form.scale if c.key]
    letters = [c.code for c in form.scale if is_letter(c.code)]
    ways = []
    if keys:
        ways.append(f"{keys[0]}〜{keys[-1]}" if len(keys) > 1 else keys[0])
    if letters:
        ways.append(f"{letters[0]}〜{letters[-1]}" if len(letters) > 1 else letters[0])
    return (
        f"{rating.label}（キーボードの {' または '.join(ways)} でも選べます）"
        if ways
        else rating.label
    )


def is_letter(code: str) -> bool:
    return len(code) == 1 and code.isascii() and code.isalpha()


def qt_key(char: str) -> Qt.Key | None:
    """The Qt key of a one-character ASCII key ('1', 'A')."""
    if len(char) != 1 or not char.isascii() or not char.isalnum():
        return None
    return Qt.Key(ord(char.upper()))


@dataclass
class Inputs:
    """The widgets generated for one form."""

    texts: dict[str, QPlainTextEdit] = field(default_factory=dict)
    counts: dict[str, QLabel] = field(default_factory=dict)
    numbers: dict[str, QLineEdit] = field(default_factory=dict)
    targets: dict[str, QLabel] = field(default_factory=dict)
    buttons: dict[str, QRadioButton] = field(default_factory=dict)
    previous: dict[str, QLabel] = field(default_factory=dict)
    #: the criteria of the chosen code (a scale laid out on a grid)
    criteria: QLabel | None = None
    #: Qt key → the code it selects (on a focused rating button)
    keys: dict[Qt.Key, str] = field(default_factory=dict)
    widgets: list[QWidget] = field(default_factory=list)

    def tab_stops(self, rating: str) -> list[QWidget]:
        """The inputs in the form's order; the rating is one stop, on its chosen button
        (``rating``; the first button when none is chosen). Disabled inputs (a read-only
        rating) are skipped."""
        stops = []
        chosen = self.buttons.get(rating)
        for widget in self.widgets:
            stop = chosen or widget if widget in self.buttons.values() else widget
            if stop.isEnabled():
                stops.append(stop)
        return stops

    def stop_index(self, stops: list[QWidget], widget: QWidget | None) -> int | None:
        """Where ``widget`` is on the path ``stops`` (any rating button: the rating's stop)."""
        buttons = self.buttons.values()
        for n, stop in enumerate(stops):
            if widget is stop or (stop in buttons and widget in buttons):
                return n
        return None
