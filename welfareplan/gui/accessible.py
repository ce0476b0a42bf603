"""Accessible names for every control, and a visible focus.

The department window's forms name their controls in ``forms/*.ui`` and the generated inputs
name themselves (:mod:`welfareplan.gui.form_inputs`). Any control still without a name when Qt
polishes it (before it is first shown) gets one from what a sighted user reads beside it: its
label (the label whose buddy it is, or its row's label in a form layout), its own text (a
button, without the ``(&X)`` mnemonic), its placeholder or tooltip, or the title of the group
it sits in. ``tests/gui/test_accessibility.py`` walks both windows and fails on a control
that ends up without a name.

Qt polishes each widget through the application's style, so the naming hooks in there
(:class:`NamingStyle`): once per widget, instead of an application-wide event filter that
every event of every object would pass through in Python (a tenth of a second of start-up).
Only a label with a buddy and a control still unnamed are watched further, each by a filter
on itself, to be named again when shown (a form's texts are set after its widgets are
polished).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QProxyStyle,
    QTabWidget,
    QTextEdit,
    QWidget,
)

#: The controls a user operates (and a screen reader announces).
INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTextEdit,
)

DERIVED = "wp_derived_name"
WATCHED = "wp_naming_watched"
NAMING_EVENTS = (QEvent.Type.Polish, QEvent.Type.Show)

#: A visible focus: a frame on focused buttons, a tint behind focused choices.
FOCUS_STYLE = """
QPushButton:focus { border: 2px solid #1f5fa8; border-radius: 3px; padding: 3px 10px;
                    background: palette(button); }
QRadioButton:focus, QCheckBox:focus { background: #d6e6f8; border-radius: 3px; }
"""


def plain(text: str) -> str:
    """A caption as read aloud: no ``(&X)`` mnemonic, no ``&``, no trailing ``…`` or colon."""
    text = re.sub(r"\(&\w\)", "", text).replace("&", "")
    return text.strip().rstrip("…:：").strip()


def _label_of(widget: QWidget) -> str:
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    if isinstance(layout, QFormLayout):
        label = layout.labelForField(widget)
        if isinstance(label, QLabel) and label.text():
            return plain(label.text())
    return ""


def derived_name(widget: QWidget) -> str:
    """What a sighted user reads as the control's name, or ''."""
    if isinstance(widget, QAbstractButton) and widget.text():
        return plain(widget.text())
    found = _label_of(widget)
    if found:
        return found
    for hint in (
        widget.placeholderText()
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit)
        else "",
        widget.toolTip(),
    ):
        if hint:
            return plain(hint)[:60]
    node: QWidget | None = widget
    while node is not None:
        parent = node.parentWidget()
        if isinstance(parent, QGroupBox) and parent.title():
            return plain(parent.title())
        tabs = parent.parentWidget() if parent is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(node) >= 0:
            return f"{plain(tabs.tabText(tabs.indexOf(node)))}の{_kind(widget)}"
        node = parent
    return ""


def _kind(widget: QWidget) -> str:
    if isinstance(widget, QAbstractItemView):
        return "一覧"
    if isinstance(widget, QComboBox):
        return "選択"
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return "入力欄"
    return "操作"


class AccessibleNames(QObject):
    """Names an unnamed control, and the buddy of a label, from what a sighted user reads."""

    def name(self, widget: QWidget) -> None:
        """Name ``widget`` (or the label's buddy) if it can be named now; a label with a buddy
        and a control left unnamed are named again when shown."""
        if isinstance(widget, QLabel):
            buddy = widget.buddy()
            if buddy is None:
                return
            # the label beside a control names it, before any guess from elsewhere
            if widget.text() and (not buddy.accessibleName() or buddy.property(DERIVED)):
                buddy.setAccessibleName(plain(widget.text()))
                buddy.setProperty(DERIVED, False)
            self.watch(widget)
        elif isinstance(widget, INTERACTIVE) and not widget.accessibleName():
            name = derived_name(widget)
            if name:
                widget.setAccessibleName(name)
                widget.setProperty(DERIVED, True)
            else:
                self.watch(widget)

    def watch(self, widget: QWidget) -> None:
        if not widget.property(WATCHED):
            widget.setProperty(WATCHED, True)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # at polish, and again at show: a form's texts are set after its widgets are polished
        if event.type() in NAMING_EVENTS and isinstance(watched, QWidget):
            self.name(watched)
        return False


class NamingStyle(QProxyStyle):
    """The application's style, which also names each widget as Qt polishes it."""

    def __init__(self, names: AccessibleNames) -> None:
        super().__init__()
        self.names = names

    def polish(self, target):  # type: ignore[no-untyped-def]
        # one method for QStyle's three overloads: a widget, the application, a palette
        result = super().polish(target)
        if isinstance(target, QWidget):
            self.names.name(target)
        return result


def install(app: QApplication) -> None:
    """Once per application: the naming style and the focus style."""
    if app.property("wp_accessible"):
        return
    app.setProperty("wp_accessible", True)
    names = AccessibleNames(app)
    app.setStyle(NamingStyle(names))
    app.setStyleSheet(app.styleSheet() + FOCUS_STYLE)
