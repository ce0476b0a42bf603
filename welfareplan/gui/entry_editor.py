"""The editor for one entry: plan context, last year's values, and the inputs of the plan's
evaluation form.

The inputs are generated from the form (:meth:`EntryEditor.set_form`): a text box per text
field (with its character count), the rating buttons of the scale (each selectable with its
key: Koganei's 1–4, or the code's letter; Ctrl + the key from anywhere in the editor), and a
number input per number field with its unit and the project's target. Each entry keeps its own
text documents for the whole session, so undo/redo works per field and survives switching to
another project and back. Nothing here touches the database: the view reads
:meth:`EntryEditor.current_values` and saves through the core.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from welfareplan.core.checks import Check, EntryValues
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.plan_levels import PlanLevel
from welfareplan.core.text_checks import CellLimit
from welfareplan.core.worklist import WorkItem, Worklist, checks_of
from welfareplan.gui.copy_question import confirm_replace
from welfareplan.gui.entry_inputs import (
    EntryDocuments,
    Inputs,
    char_count,
    format_checks,
    qt_key,
)
from welfareplan.gui.form_inputs import (
    add_comment_label,
    add_number,
    add_rating,
    add_text,
    show_comment,
)
from welfareplan.gui.forms.ui_entry_editor import Ui_EntryEditor
from welfareplan.gui.reference_panes import ReferencePanes
from welfareplan.gui.style import scaled
from welfareplan.gui.undo_steps import UndoSteps, step

#: The text boxes of a read-only view: grey, like any input that cannot be edited.
READ_ONLY_STYLE = "QPlainTextEdit, QLineEdit { background: #eeeeee; color: #333333; }"


class EntryEditor(QWidget):
    #: The user changed something (and is not in the middle of an IME conversion).
    edited = Signal()
    #: Focus left one of the inputs: a good moment to save.
    fieldLeft = Signal()
    #: Tab went past the last input (+1) or Shift+Tab before the first (-1).
    pathEnded = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_EntryEditor()
        self.ui.setupUi(self)
        self.item: WorkItem | None = None
        self.docs: EntryDocuments | None = None
        self.form: EvaluationForm | None = None
        self.levels: tuple[PlanLevel, ...] = ()
        self.inputs = Inputs()
        self.comment_labels: dict[str, QLabel] = {}
        self.limits: dict[str, CellLimit] = {}
        self.undo_steps = UndoSteps()
        self.read_only = False
        self._composing: set[QObject] = set()
        self._loading = False
        self.ui.titleLabel.setFont(scaled(self.font(), 1.35, bold=True))
        for label in (
            self.ui.measureValue,
            self.ui.descriptionValue,
            self.ui.departmentValue,
            self.ui.othersValue,
            self.ui.checksLabel,
            self.ui.titleLabel,
        ):
            self._grow(label)
        self.rating_group = QButtonGroup(self)
        self.rating_group.buttonClicked.connect(self._on_rating_clicked)
        self.ui.copyButton.clicked.connect(self.copy_previous)
        self.ui.copyButton.setVisible(False)
        # off the keyboard path (Alt+P and the 編集 menu reach it): what is typed after a Tab
        # must land in a field, never on a button
        self.ui.copyButton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reference = ReferencePanes(self.ui, self)
        self.setEnabled(False)

    def fit_reference(self) -> None:
        self.reference.fit(len(self.inputs.texts), self.fontMetrics().lineSpacing())

    def hasHeightForWidth(self) -> bool:
        """No: the scroll area around the editor would then size it to its preferred height
        (every text box at full size) and push the inputs below the fold; the editor fits
        the visible height instead, the reference panes giving way."""
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # once the splitter has its new height
        QTimer.singleShot(0, self.fit_reference)

    @staticmethod
    def _grow(label: QLabel) -> None:
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        label.setSizePolicy(policy)

    # ------------------------------------------------------------------ setup

    def set_form(self, worklist: Worklist) -> None:
        """Generate the inputs of the worklist's form (once per window)."""
        form = worklist.form
        self.form = form
        from welfareplan.exports.cell_capacity import report_cell_limits

        self.limits = report_cell_limits(form)
        texts = worklist.plan.texts
        self.ui.descriptionCaption.setText(texts.description_column)
        self.ui.departmentCaption.setText(texts.department_column)
        self.levels = worklist.plan.levels
        self.ui.measureCaption.setText(self.levels[-1].name if self.levels else "")
        layout = self.ui.inputLayout
        mnemonic = 0
        for f in form.fields:
            self.comment_labels[f.key] = add_comment_label(self, layout, f)
            if f.is_rating:
                add_rating(self, self.inputs, self.rating_group, layout, form)
                continue
            mnemonic += 1
            if f.is_text:
                first = f is form.text_fields[0]
                add_text(
                    self,
                    self.inputs,
                    layout,
                    f,
                    mnemonic,
                    first=first,
                    changed=self._on_text_changed,
                )
            else:
                add_number(self, self.inputs, layout, f, mnemonic, edited=self._on_number_edited)
        for f in form.fields:
            caption = QLabel(f.label, self.ui.previousGroup)
            value = QLabel(self.ui.previousGroup)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._grow(value)
            self.ui.previousLayout.addRow(caption, value)
            self.inputs.previous[f.key] = value
        copy = form.flagged("copy_from_last_year")
        self.ui.copyButton.setVisible(bool(copy))
        if copy:
            self.ui.copyButton.setToolTip(
                f"前年度の「{copy[0].label}」を、今年度の欄に写します。"
                "写したあとで書き直してください（元に戻せます）。"
            )
        for code in form.scale:
            key = qt_key(code.key)
            if key is None:
                continue
            sc = QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda c=code.code: self.set_rating(c))
        self._chain_tab_order()

    def show_comments(self, comments: Mapping[str, str]) -> None:
        """Show each field's 差戻し comment (field key → text) beside its input."""
        for key, note in self.comment_labels.items():
            show_comment(note, comments.get(key, ""))

    def _chain_tab_order(self) -> None:
        for a, b in itertools.pairwise(self.inputs.widgets):
            QWidget.setTabOrder(a, b)

    # ------------------------------------------------------------------ the keyboard path

    def tab_stops(self) -> list[QWidget]:
        """The keyboard path of the entry shown (:meth:`Inputs.tab_stops`)."""
        return self.inputs.tab_stops(self.docs.rating if self.docs else "")

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab walk the inputs only (Qt's own chain skips an exclusive radio
        button that is not the checked one, and would reach the copy button); past either
        end the view moves on (:attr:`pathEnded`)."""
        stops = self.tab_stops()
        at = self.inputs.stop_index(stops, QApplication.focusWidget())
        if at is None:
            return super().focusNextPrevChild(next)
        to = at + (1 if next else -1)
        if 0 <= to < len(stops):
            reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
            stops[to].setFocus(reason)
        else:
            self.pathEnded.emit(1 if next else -1)
        return True

    def set_year_labels(self, current: str, previous: str | None, word: str = "前年度") -> None:
        self.ui.inputGroup.setTitle(f"{current}の記入")
        self.ui.previousGroup.setTitle(
            f"{previous}の記入（参考）" if previous else "前年度の記入（参考）"
        )
        copy = self.form.flagged("copy_from_last_year") if self.form else ()
        if copy:
            self.ui.copyButton.setText(f"{word}の{copy[0].label}を今年度の欄に写す(&P)")

    # ------------------------------------------------------------------ the widgets of a field

    def text_edit(self, key: str) -> QPlainTextEdit:
        return self.inputs.texts[key]

    def number_edit(self, key: str) -> QLineEdit:
        return self.inputs.numbers[key]

    def rating_button(self, code: str) -> QAbstractButton:
        return self.inputs.buttons[code]

    def rating_buttons(self) -> list[QAbstractButton]:
        return list(self.inputs.buttons.values())

    def count_label(self, key: str) -> QLabel:
        return self.inputs.counts[key]

    def previous_label(self, key: str) -> QLabel:
        return self.inputs.previous[key]

    def input_widgets(self) -> list[QWidget]:
        """The text and number inputs (where typing happens)."""
        return [*self.inputs.texts.values(), *self.inputs.numbers.values()]

    def focus_first_input(self) -> None:
        stops = self.tab_stops()
        if stops:
            stops[0].setFocus(Qt.FocusReason.TabFocusReason)

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
            ui.titleLabel.setText(f"事業{item.label}　{item.name}")
            deepest = item.path[-1] if item.path else None
            context = "".join(f"　（{self._level(n.depth)}: {n.name}）" for n in item.path[1:-1])
            if deepest is not None:
                ui.measureValue.setText(
                    f"{item.node_label or deepest.label}　{deepest.name}{context}".strip()
                )
            ui.descriptionValue.setText(item.description)
            ui.departmentValue.setText(item.department_label)
            ui.othersValue.setText("、".join(item.other_departments) or "なし")
            prev = item.previous
            ui.previousGroup.setVisible(prev is not None)
            for f in item.form.fields:
                label = self.inputs.previous.get(f.key)
                if label is not None and prev is not None:
                    value = f.display(item.previous_text(f.key))
                    label.setText(value or ("（なし）" if f.is_rating else "（記入なし）"))
            copy = item.form.flagged("copy_from_last_year")
            ui.copyButton.setEnabled(
                bool(copy and prev and item.previous_text(copy[0].key).strip()) and not read_only
            )
            for key, edit in self.inputs.texts.items():
                edit.setDocument(docs.texts[key])
                edit.setReadOnly(read_only)
                # a view that cannot be typed into must not look like one
                edit.setStyleSheet(READ_ONLY_STYLE if read_only else "")
            for key, line in self.inputs.numbers.items():
                line.setText(docs.numbers.get(key, ""))
                line.setReadOnly(read_only)
                line.setStyleSheet(READ_ONLY_STYLE if read_only else "")
                self._show_target(item, key)
            for button in self.inputs.buttons.values():
                button.setEnabled(not read_only)
            self._show_rating(docs.rating)
            self.refresh_feedback()
        finally:
            self._loading = False

    def _level(self, depth: int) -> str:
        return self.levels[depth].name if depth < len(self.levels) else ""

    def _show_target(self, item: WorkItem, key: str) -> None:
        f = item.form.field(key)
        target = self.inputs.targets[key]
        value = item.attributes.get(f.target_attribute, "") if f.target_attribute else ""
        target.setText(f"目標: {value}{f.unit}" if value else "")

    def _show_rating(self, rating: str) -> None:
        self.rating_group.setExclusive(False)
        for code, button in self.inputs.buttons.items():
            button.setChecked(code == rating)
        self.rating_group.setExclusive(True)
        chosen = self.form.code(rating) if self.form and rating else None
        if self.inputs.criteria is not None:
            self.inputs.criteria.setText(
                f"{chosen.label}: {chosen.criteria}" if chosen else "（まだ選ばれていません）"
            )

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
        return checks_of(self.item, self.current_values(), limits=self.limits)

    def refresh_feedback(self) -> None:
        values = self.current_values()
        for key, count in self.inputs.counts.items():
            count.setText(f"{char_count(values.get(key)):,} 文字")
        self.ui.checksLabel.setText(format_checks(self.current_checks()) if self.item else "")

    # ------------------------------------------------------------------ editing

    def _on_text_changed(self) -> None:
        if self._loading or self.composing:
            return
        self.refresh_feedback()
        self.edited.emit()

    def _on_number_edited(self, key: str, text: str) -> None:
        if self._loading or self.docs is None or self.read_only:
            return
        self.docs.numbers[key] = text
        self.refresh_feedback()
        self.edited.emit()

    def set_rating(self, code: str, *, record_undo: bool = True) -> None:
        if self.docs is None or self.read_only or self.form is None:
            return
        if code not in (*self.form.codes, ""):
            return
        if code == self.docs.rating:
            self._show_rating(code)
            return
        if record_undo:
            self.docs.rating_undo.append(self.docs.rating)
            self.docs.rating_redo.clear()
        self.docs.rating = code
        self._show_rating(code)
        self.refresh_feedback()
        self.edited.emit()

    def _on_rating_clicked(self, button: QAbstractButton) -> None:
        code = next(c for c, b in self.inputs.buttons.items() if b is button)
        self.set_rating(code)

    def copy_previous(self) -> None:
        """Put last year's text of the form's copy field into this year's as one undoable step."""
        if self.item is None or self.item.previous is None or self.docs is None or self.read_only:
            return
        copy = self.item.form.flagged("copy_from_last_year")
        if not copy or copy[0].key not in self.docs.texts:
            return
        key = copy[0].key
        now, last = self.docs.texts[key].toPlainText(), self.item.previous_text(key)
        if (
            now.strip()
            and now != last
            and not confirm_replace(self, copy[0].label, char_count(now))
        ):
            return
        cursor = QTextCursor(self.docs.texts[key])
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(self.item.previous_text(key))
        cursor.endEditBlock()
        self.inputs.texts[key].setFocus()

    def _focused_text(self) -> QPlainTextEdit | QLineEdit | None:
        focus = QGuiApplication.focusObject()
        if focus in self.inputs.texts.values() or focus in self.inputs.numbers.values():
            assert isinstance(focus, QPlainTextEdit | QLineEdit)
            return focus
        return None

    def undo(self) -> bool:
        """Undo in the focused field (text) or of the rating. Returns whether anything happened."""
        return step(self._focused_text(), self.docs, self._rate_again, redo=False)

    def redo(self) -> bool:
        return step(self._focused_text(), self.docs, self._rate_again, redo=True)

    def _rate_again(self, code: str) -> None:
        self.set_rating(code, record_undo=False)

    # ------------------------------------------------------------------ events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        texts = self.inputs.texts.values()
        if kind == QEvent.Type.InputMethod and isinstance(event, QInputMethodEvent):
            viewports = {edit.viewport(): edit for edit in texts}
            owner = viewports.get(watched, watched)  # type: ignore[call-overload]
            # The filter runs before the editor handles the event: a conversion in progress
            # (preedit text) suppresses checks and autosave; its commit counts as a normal edit.
            if event.preeditString() and owner is not None:
                self._composing.add(owner)
            else:
                self._composing.discard(owner)
        elif kind == QEvent.Type.FocusOut and (
            watched in texts or watched in self.inputs.numbers.values()
        ):
            self.fieldLeft.emit()
        elif (
            kind == QEvent.Type.KeyPress
            and isinstance(watched, QPlainTextEdit)
            and watched in texts
            and not self.read_only
            and isinstance(event, QKeyEvent)
            and self.undo_steps.starts_step(watched, event)
        ):
            self.undo_steps.type_as_step(watched, event.text())
            return True
        elif kind == QEvent.Type.KeyPress and watched in self.inputs.buttons.values():
            key = event.key()  # type: ignore[attr-defined]
            mods = event.modifiers()  # type: ignore[attr-defined]
            if key in self.inputs.keys and not mods & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            ):
                code = self.inputs.keys[Qt.Key(key)]
                self.set_rating(code)
                self.inputs.buttons[code].setFocus()  # the focus mark moves with the rating
                return True
        return super().eventFilter(watched, event)
