"""The inputs the entry editor generates for the fields of an evaluation form: a text box per
text field (with its character count), a number input per number field (one row: label, input,
unit, the project's target), and the rating choices of the scale.

A scale of up to four codes lists each code with its criteria (Koganei's A–D); a longer one
(eight codes) puts the codes on a grid with their criteria as tooltip and accessible
description, and shows the criteria of the chosen code below it — so that the inputs of a
project fit on a 1280×720 screen. Every input gets an accessible name (its field's label).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from welfareplan.core.evaluation_form import EvaluationForm, FormField
from welfareplan.gui.entry_inputs import Inputs, is_letter, qt_key, rating_hint

#: More codes than this are laid out on a grid without their criteria beside them.
LISTED_CODES = 4
GRID_COLUMNS = 4


#: A 差戻し comment above its field.
COMMENT_STYLE = (
    "QLabel { background: #fff4ce; color: #4d3b00; border-left: 4px solid #b35900; padding: 4px; }"
)


def add_comment_label(editor: QWidget, layout: QVBoxLayout, f: FormField) -> QLabel:
    """The place of a 差戻し comment on ``f``, just above its input (hidden until there is one:
    :func:`show_comment` styles it then — a style sheet per field at start-up would route the
    labels through Qt's style-sheet engine for nothing)."""
    note = QLabel(editor)
    note.setObjectName(f"comment_{f.key}")
    note.setWordWrap(True)
    note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    note.setAccessibleName(f"{f.label}への差戻しの指摘")
    note.setVisible(False)
    layout.addWidget(note)
    return note


def show_comment(note: QLabel, text: str) -> None:
    """Show ``text`` in a comment label made by :func:`add_comment_label` ('' hides it)."""
    if text and not note.styleSheet():
        note.setStyleSheet(COMMENT_STYLE)
    note.setText(text)
    note.setVisible(bool(text))


def _caption(f: FormField, mnemonic: int) -> str:
    return f"{f.label}(&{mnemonic})" if mnemonic < 10 else f.label


def add_text(
    editor: QWidget,
    inputs: Inputs,
    layout: QVBoxLayout,
    f: FormField,
    mnemonic: int,
    *,
    first: bool,
    changed: Callable[[], None],
) -> None:
    """``editor`` parents the widgets and filters their events."""
    header = QHBoxLayout()
    label = QLabel(_caption(f, mnemonic), editor)
    count = QLabel("0 文字", editor)
    count.setAccessibleName(f"{f.label}の文字数")
    header.addWidget(label)
    header.addStretch(1)
    header.addWidget(count)
    layout.addLayout(header)
    edit = QPlainTextEdit(editor)
    edit.setObjectName(f"text_{f.key}")
    lines = 4 if first else 3
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(f"{f.label}を記入してください。")
    edit.setAccessibleName(f.label)
    edit.setAccessibleDescription(f.note or f"{f.label}を記入します。Tab で次の欄へ移ります。")
    label.setBuddy(edit)
    layout.addWidget(edit, 1)
    edit.installEventFilter(editor)
    edit.viewport().installEventFilter(editor)
    edit.textChanged.connect(changed)
    inputs.texts[f.key] = edit
    inputs.counts[f.key] = count
    inputs.widgets.append(edit)


def add_number(
    editor: QWidget,
    inputs: Inputs,
    layout: QVBoxLayout,
    f: FormField,
    mnemonic: int,
    *,
    edited: Callable[[str, str], None],
) -> None:
    row = QHBoxLayout()
    label = QLabel(_caption(f, mnemonic), editor)
    target = QLabel(editor)
    edit = QLineEdit(editor)
    edit.setObjectName(f"number_{f.key}")
    edit.setPlaceholderText("数値（例: 1234）")
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    edit.setMaximumWidth(200)
    edit.setAccessibleName(f.label)
    edit.setAccessibleDescription(
        f"{f.label}（単位: {f.unit}）を数字で入力します。" if f.unit else ""
    )
    label.setBuddy(edit)
    row.addWidget(label)
    row.addWidget(edit)
    row.addWidget(QLabel(f.unit, editor))
    row.addStretch(1)
    row.addWidget(target)
    layout.addLayout(row)
    edit.installEventFilter(editor)
    edit.textEdited.connect(lambda text, k=f.key: edited(k, text))
    inputs.numbers[f.key] = edit
    inputs.targets[f.key] = target
    inputs.widgets.append(edit)


def add_rating(
    editor: QWidget, inputs: Inputs, group: QButtonGroup, layout: QVBoxLayout, form: EvaluationForm
) -> None:
    rating = form.rating_field
    assert rating is not None
    layout.addWidget(QLabel(rating_hint(form), editor))
    frame = QFrame(editor)
    frame.setObjectName("ratingChoices")
    frame.setAccessibleName(rating.label)
    listed = len(form.scale) <= LISTED_CODES
    grid = QGridLayout(frame)
    grid.setSpacing(2)
    # room for the focus mark around a choice (gui/accessible.py:FocusMark draws outside it)
    grid.setContentsMargins(3, 3, 3, 3)
    for n, code in enumerate(form.scale):
        button = QRadioButton(frame)
        button.setObjectName(f"rating_{n}")
        key = f"（{code.key}）" if code.key else ""
        name = f"{code.label}{key}"
        button.setText(f"{name}  {code.criteria}" if code.criteria and listed else name)
        button.setAccessibleName(f"{rating.label} {code.label}")
        button.setAccessibleDescription(code.criteria)
        button.setToolTip(code.criteria)
        if listed:
            grid.addWidget(button, n, 0)
        else:
            grid.addWidget(button, n // GRID_COLUMNS, n % GRID_COLUMNS)
        group.addButton(button)
        button.installEventFilter(editor)
        inputs.buttons[code.code] = button
        for char in (code.key, code.code if is_letter(code.code) else ""):
            shortcut = qt_key(char) if char else None
            if shortcut is not None:
                inputs.keys.setdefault(shortcut, code.code)
    layout.addWidget(frame)
    if not listed:
        criteria = QLabel(editor)
        criteria.setObjectName("ratingCriteria")
        criteria.setWordWrap(True)
        criteria.setAccessibleName(f"選んだ{rating.label}の基準")
        layout.addWidget(criteria)
        inputs.criteria = criteria
    inputs.widgets.append(next(iter(inputs.buttons.values()), frame))
