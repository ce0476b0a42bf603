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
polished). The keyboard focus on a button or choice is framed (:class:`FocusMark`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QFocusFrame,
    QLabel,
    QProxyStyle,
    QPushButton,
    QRadioButton,
    QWidget,
)
from shiboken6 import isValid

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QTabWidget

#: The controls a user operates (and a screen reader announces), by Qt class name: checked with
#: ``QObject.inherits`` (:func:`is_interactive`), so that naming the controls of a window does
#: not build PySide6's types of the kinds of control it does not have.
INTERACTIVE = (
    "QAbstractButton",
    "QAbstractItemView",
    "QAbstractSpinBox",
    "QComboBox",
    "QLineEdit",
    "QPlainTextEdit",
    "QProgressBar",
    "QTextEdit",
)
_TYPED_IN = ("QLineEdit", "QPlainTextEdit", "QTextEdit")

DERIVED = "wp_derived_name"
WATCHED = "wp_naming_watched"
NAMING_EVENTS = (QEvent.Type.Polish, QEvent.Type.Show)

#: The controls :class:`FocusMark` frames when they have the keyboard focus, and its colour.
MARKED = (QPushButton, QRadioButton, QCheckBox)
FOCUS_FRAME = QColor("#1f5fa8")


def _kind_of(widget: QObject | None, names: tuple[str, ...]) -> bool:
    return widget is not None and any(widget.inherits(name) for name in names)


def is_interactive(widget: QObject) -> bool:
    """A control a user operates (one of :data:`INTERACTIVE`)."""
    return _kind_of(widget, INTERACTIVE)


def plain(text: str) -> str:
    """A caption as read aloud: no ``(&X)`` mnemonic, no ``&``, no trailing ``…`` or colon."""
    text = re.sub(r"\(&\w\)", "", text).replace("&", "")
    return text.strip().rstrip("…:：").strip()


def _label_of(widget: QWidget) -> str:
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    if _kind_of(layout, ("QFormLayout",)):
        label = cast("QFormLayout", layout).labelForField(widget)
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
    typed_in = _kind_of(widget, _TYPED_IN)
    for hint in (cast("QLineEdit", widget).placeholderText() if typed_in else "", widget.toolTip()):
        if hint:
            return plain(hint)[:60]
    node: QWidget | None = widget
    while node is not None:
        parent = node.parentWidget()
        if _kind_of(parent, ("QGroupBox",)) and cast("QGroupBox", parent).title():
            return plain(cast("QGroupBox", parent).title())
        tabs = parent.parentWidget() if parent is not None else None
        if _kind_of(tabs, ("QTabWidget",)) and cast("QTabWidget", tabs).indexOf(node) >= 0:
            tab_widget = cast("QTabWidget", tabs)
            return f"{plain(tab_widget.tabText(tab_widget.indexOf(node)))}の{_kind(widget)}"
        node = parent
    return ""


def _kind(widget: QWidget) -> str:
    if _kind_of(widget, ("QAbstractItemView",)):
        return "一覧"
    if _kind_of(widget, ("QComboBox",)):
        return "選択"
    if _kind_of(widget, _TYPED_IN):
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
        elif is_interactive(widget) and not widget.accessibleName():
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


class FocusMark(QObject):
    """A visible keyboard focus on buttons and choices (the platform's own mark is faint): a
    frame around the focused push button, radio button or check box.

    One :class:`QFocusFrame` follows the focus and Qt draws it. Drawn by the style instead
    (a Python ``drawControl``), every control painted would pass through Python, and the first
    paint would build PySide6's type of every ``QStyleOption`` kind (a twentieth of a second of
    start-up)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.frame: QFocusFrame | None = None
        app.focusChanged.connect(self._moved)

    def _moved(self, old: QWidget | None, now: QWidget | None) -> None:
        if self.frame is not None and not isValid(self.frame):
            self.frame = None  # its window was closed
        if isinstance(now, MARKED):
            if self.frame is None:
                self.frame = QFocusFrame(now)
                self.frame.setObjectName("focusMark")
                palette = self.frame.palette()
                palette.setColor(QPalette.ColorRole.WindowText, FOCUS_FRAME)
                self.frame.setPalette(palette)
            self.frame.setWidget(now)
        elif self.frame is not None:
            self.frame.setWidget(None)  # type: ignore[arg-type]  # Qt: no widget, hidden


def install(app: QApplication) -> None:
    """Once per application: the style that names controls, and the focus mark."""
    if app.property("wp_accessible"):
        return
    app.setProperty("wp_accessible", True)
    names = AccessibleNames(app)
    app.setStyle(NamingStyle(names))
    FocusMark(app)
