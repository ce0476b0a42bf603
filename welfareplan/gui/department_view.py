"""The department's window content: header, project tree, entry editor, autosave.

Autosave: every edit restarts a short timer; when the user pauses (or leaves a field, switches
project, closes the window) the entry is committed to the local working copy in one small
transaction, and the document writes the file back in the background. Someone typing without
a pause is saved at least every few seconds (:mod:`welfareplan.gui.autosave_timer`). A timer
never saves in the middle of an IME conversion (that would commit it): it waits for the
conversion's commit, which is an edit of its own. Nothing is ever left unsaved, so closing
never asks. The header's texts are :mod:`welfareplan.gui.department_header`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QScrollArea,
    QSizePolicy,
    QTreeWidgetItem,
    QWidget,
)

from welfareplan.core.checks import EntryValues, Status
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.review_file import file_comments
from welfareplan.core.submission import SubmissionState, submission_state
from welfareplan.core.wareki import date_label, fiscal_year_label, previous_word
from welfareplan.core.worklist import WorkItem, Worklist, load_worklist, status_of
from welfareplan.gui.autosave_timer import AutosaveTimer
from welfareplan.gui.department_header import file_state_text, show_progress
from welfareplan.gui.document import Document
from welfareplan.gui.entry_editor import EntryEditor
from welfareplan.gui.entry_inputs import EntryDocuments
from welfareplan.gui.forms.ui_department_view import Ui_DepartmentView
from welfareplan.gui.project_tree import (
    ENTRY_ROLE,
    fill_tree,
    hide_empty_groups,
    iter_entry_items,
    update_item,
)
from welfareplan.gui.style import scaled

if TYPE_CHECKING:
    from welfareplan.core.confirmation import Confirmation
    from welfareplan.core.editing import SaveResult
    from welfareplan.gui.find_bar import FindBar
    from welfareplan.gui.review_panel import ReviewPanel


class DepartmentView(QWidget):
    #: (state, message) — "saving"/"saved"/"error" of the local commit
    saveStatus = Signal(str, str)
    #: the progress numbers or the submission state changed
    summaryChanged = Signal()
    #: a short note for the status bar
    notice = Signal(str)

    def __init__(
        self,
        document: Document,
        parent: QWidget | None = None,
        *,
        department_id: str | None = None,
        round_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DepartmentView()
        self.ui.setupUi(self)
        self.document = document
        self.editor = EntryEditor(self)
        self.ui.editorHostLayout.addWidget(self.editor)
        self.ui.splitter.setStretchFactor(0, 0)
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.splitter.setSizes([340, 940])
        self.ui.departmentLabel.setFont(scaled(self.font(), 1.3, bold=True))
        self.ui.headerFrame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.ui.viewLayout.setStretch(1, 1)  # the splitter (the find bar goes above it)
        self._find_bar: FindBar | None = None
        find = QShortcut(QKeySequence.StandardKey.Find, self, self._open_find)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for keys, step in (
            (QKeySequence.StandardKey.FindNext, 1),
            (QKeySequence.StandardKey.FindPrevious, -1),
        ):
            QShortcut(keys, self, lambda step=step: self.find_bar.step(step))
        tree = self.ui.projectTree
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.worklist: Worklist = load_worklist(
            document.workbook, department_id=department_id, round_id=round_id
        )
        self.editor.set_form(self.worklist)
        for edit in self.editor.input_widgets():
            edit.installEventFilter(self)
        self.read_only = document.read_only or not self.worklist.round_open
        self.documents: dict[str, EntryDocuments] = {}
        self.current_id: str | None = None
        self.last_save_error = ""
        #: a box about other staff's changes is open: saving waits for the answer
        self.settling = False
        self.autosave = AutosaveTimer(self, self._autosave_due)
        self.editor.edited.connect(self._on_edited)
        self.editor.fieldLeft.connect(self.save_current)
        self.editor.pathEnded.connect(self._on_path_ended)
        prev = self.worklist.previous_fiscal_year
        self.editor.set_year_labels(
            fiscal_year_label(self.worklist.fiscal_year),
            fiscal_year_label(prev) if prev else None,
            previous_word(self.worklist.fiscal_year, prev),
        )
        self.ui.projectTree.currentItemChanged.connect(self._on_current_changed)
        self.ui.filterCheck.toggled.connect(self.apply_filter)
        fill_tree(
            self.ui.projectTree, self.worklist, show_department=self.worklist.department_id is None
        )
        self.ui.submitButton.setVisible(document.kind is FileKind.DEPARTMENT)
        self.ui.submitButton.setEnabled(not self.read_only)
        self.review: ReviewPanel | None = None
        if document.kind is FileKind.DEPARTMENT:
            self._add_review(document)
        self.refresh_header()
        first = next(iter_entry_items(self.ui.projectTree), None)
        if first is not None:
            self.ui.projectTree.setCurrentItem(first)

    @property
    def find_bar(self) -> FindBar:
        """The Ctrl+F bar, made the first time it is wanted (not at start-up)."""
        if self._find_bar is None:
            from welfareplan.gui.find_bar import FindBar

            self._find_bar = FindBar(self, self)
            self.ui.viewLayout.insertWidget(1, self._find_bar)
        return self._find_bar

    def _open_find(self) -> None:
        self.find_bar.open_bar()

    def _add_review(self, document: Document) -> None:
        """The 差戻し panel, made only for a file that carries comments (a file gets them
        only from the division, as a new file)."""
        # long states (a confirmation with its name and time) wrap instead of widening the
        # window beyond a small screen
        self.ui.submissionLabel.setWordWrap(True)
        if not file_comments(document.workbook):
            return
        from welfareplan.gui.review_panel import ReviewPanel

        self.review = ReviewPanel(document.workbook, read_only=self.read_only, parent=self)
        self.ui.viewLayout.insertWidget(1, self.review)
        self.review.entryWanted.connect(self.select_entry)
        self.review.replied.connect(self._after_review_write)

    def confirm(self) -> Confirmation | None:
        """Ask for the confirmation and record it (None when cancelled)."""
        from welfareplan.gui.review_panel import ConfirmDialog

        dialog = ConfirmDialog(self.document.workbook, self)
        if dialog.exec() != ConfirmDialog.DialogCode.Accepted:
            return None
        self._after_review_write()
        return dialog.recorded

    def _after_review_write(self) -> None:
        self.document.mark_saved_locally()
        self._show_comments()
        self.refresh_header()

    def _show_comments(self) -> None:
        if self.review is not None and self.current_id is not None:
            from welfareplan.gui.review_panel import field_notes

            self.editor.show_comments(field_notes(self.review.comments, self.current_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            # keyboard users land in a field below the fold: bring it into view
            self.ui.editorScroll.ensureWidgetVisible(watched, 0, 40)
        return super().eventFilter(watched, event)

    def scroll_area(self) -> QScrollArea:
        return self.ui.editorScroll

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab from the project list goes to the project's first input."""
        if next and QApplication.focusWidget() is self.ui.projectTree and self.editor.isEnabled():
            self.editor.focus_first_input()
            return True
        return super().focusNextPrevChild(next)

    def _on_path_ended(self, step: int) -> None:
        if step < 0:
            self.ui.projectTree.setFocus(Qt.FocusReason.BacktabFocusReason)
        elif not self.go(1):
            self.notice.emit("これが最後の事業です。")

    # ------------------------------------------------------------------ header

    def submission(self) -> SubmissionState | None:
        if self.document.kind is not FileKind.DEPARTMENT:
            return None
        return submission_state(self.document.workbook)

    def refresh_header(self) -> None:
        wl = self.worklist
        ui = self.ui
        ui.departmentLabel.setText(wl.department_name)
        ui.yearLabel.setText(f"{wl.year_label}（{wl.fiscal_year}年度）")
        ui.deadlineLabel.setText(f"提出期限: {date_label(wl.deadline)}" if wl.deadline else "")
        done, total = self.progress()
        show_progress(ui.progressLabel, ui.progressBar, done, total)
        text, color = "", ""
        if self.document.kind is FileKind.DEPARTMENT:
            text, color = file_state_text(self.document.workbook, gaps=done < total)
        ui.submissionLabel.setText(text)
        ui.submissionLabel.setToolTip(text)
        ui.submissionLabel.setStyleSheet(f"color: {color};" if color else "")
        self.summaryChanged.emit()

    def progress(self) -> tuple[int, int]:
        statuses = [self.status_of(item) for item in self.worklist.items]
        return sum(s is Status.COMPLETE for s in statuses), len(statuses)

    def values_of(self, item: WorkItem) -> EntryValues:
        docs = self.documents.get(item.entry_id)
        return docs.values() if docs else item.values

    def status_of(self, item: WorkItem) -> Status:
        return status_of(item, self.values_of(item))

    # ------------------------------------------------------------------ navigation

    def current_item(self) -> WorkItem | None:
        return self.worklist.item(self.current_id) if self.current_id else None

    def _docs_for(self, item: WorkItem) -> EntryDocuments:
        docs = self.documents.get(item.entry_id)
        if docs is None:
            docs = EntryDocuments.for_item(item, self)
            self.documents[item.entry_id] = docs
        return docs

    def _on_current_changed(
        self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None
    ) -> None:
        entry_id = current.data(0, ENTRY_ROLE) if current is not None else None
        if entry_id is None:
            return
        self.save_current()
        self.current_id = entry_id
        item = self.worklist.item(entry_id)
        self.editor.show_item(item, self._docs_for(item), read_only=self.read_only)
        self._show_comments()

    def select_entry(self, entry_id: str) -> None:
        for tree_item in iter_entry_items(self.ui.projectTree):
            if tree_item.data(0, ENTRY_ROLE) == entry_id:
                if tree_item.isHidden():
                    self.ui.filterCheck.setChecked(False)
                self.ui.projectTree.setCurrentItem(tree_item)
                self.ui.projectTree.scrollToItem(tree_item)
                return

    def go(self, step: int, *, incomplete_only: bool = False) -> bool:
        items = [t for t in iter_entry_items(self.ui.projectTree) if not t.isHidden()]
        ids = [t.data(0, ENTRY_ROLE) for t in items]
        if not ids:
            return False
        pos = ids.index(self.current_id) if self.current_id in ids else -1
        for k in range(1, len(ids) + 1):
            idx = pos + step * k
            if not 0 <= idx < len(ids):
                return False
            candidate = self.worklist.item(ids[idx])
            if not incomplete_only or self.status_of(candidate) is not Status.COMPLETE:
                self.ui.projectTree.setCurrentItem(items[idx])
                self.editor.focus_first_input()
                return True
        return False

    def apply_filter(self, only_incomplete: bool) -> None:
        tree = self.ui.projectTree
        for tree_item in iter_entry_items(tree):
            item = self.worklist.item(tree_item.data(0, ENTRY_ROLE))
            tree_item.setHidden(
                only_incomplete
                and self.status_of(item) is Status.COMPLETE
                and item.entry_id != self.current_id
            )
        hide_empty_groups(tree)

    # ------------------------------------------------------------------ autosave

    def _on_edited(self) -> None:
        if self.read_only:
            return
        self.saveStatus.emit("pending", "入力中…")
        self.autosave.edited()
        item = self.current_item()
        if item is not None:
            self._update_tree_item(item)

    def _update_tree_item(self, item: WorkItem) -> None:
        for tree_item in iter_entry_items(self.ui.projectTree):
            if tree_item.data(0, ENTRY_ROLE) == item.entry_id:
                update_item(tree_item, item, self.status_of(item))
                break
        show_progress(self.ui.progressLabel, self.ui.progressBar, *self.progress())

    def _autosave_due(self) -> None:
        if self.editor.composing:
            return  # the conversion's commit is an edit: it starts the timers again
        self.save_current()

    def save_current(self) -> bool:
        """Commit the shown entry if it changed. Returns False when saving failed."""
        self.autosave.stop()
        item = self.current_item()
        if item is None or self.read_only:
            return True
        if self.settling:  # focus left the field for the box that asks about this save
            return False
        self.editor.commit_ime()
        values = self.editor.current_values()
        if values == item.values:
            return True
        self.saveStatus.emit("saving", "保存中…")
        try:
            result = self.store(item, values)
        except WelfareplanError as exc:
            self.last_save_error = exc.message
            self.saveStatus.emit(
                "error", f"保存できません: {exc.message}（入力した文字は画面に残っています）"
            )
            return False
        except Exception as exc:
            from welfareplan.core.crashlog import write_crash_report

            write_crash_report(exc, "記入の保存で予期しないエラー")
            self.last_save_error = str(exc)
            self.saveStatus.emit(
                "error",
                f"保存できません（予期しないエラー {type(exc).__name__}）。入力した文字は画面に残っています。"
                "名前を付けて保存してください。",
            )
            return False
        if getattr(result, "conflicts", ()):  # others changed some fields meanwhile: ask
            from welfareplan.gui.stale_saving import settle_conflicts

            return settle_conflicts(self, item, values, result)
        self.last_save_error = ""
        item.values = values
        if result.saved_at is not None:
            item.updated_at = result.saved_at
        self.document.mark_saved_locally()
        self.saveStatus.emit("saved", "保存済み")
        self._update_tree_item(item)
        self.refresh_header()
        return True

    def has_pending_edits(self) -> bool:
        """Typed text that has not reached the working copy yet."""
        return self.autosave.pending() or bool(self.last_save_error) or self.editor.composing

    def unsaved_values(self) -> dict[str, EntryValues]:
        """Edits held in memory that are not in the file (after a failed save)."""
        return {
            item.entry_id: self.values_of(item)
            for item in self.worklist.items
            if self.values_of(item) != item.values
        }

    def save_all(self) -> bool:
        """Commit every entry whose in-memory text differs from the file."""
        ok = self.save_current()
        pending = self.unsaved_values()
        if not pending or self.settling:
            return ok
        for entry_id, values in pending.items():
            item = self.worklist.item(entry_id)
            try:
                result = self.store(item, values)
            except Exception as exc:
                from welfareplan.core.crashlog import write_crash_report

                write_crash_report(exc, "記入の保存で予期しないエラー")
                ok = False
                continue
            if getattr(result, "conflicts", ()):
                from welfareplan.gui.stale_saving import settle_conflicts

                ok = settle_conflicts(self, item, values, result) and ok
                continue
            item.values = values
            self.document.mark_saved_locally()
        return ok

    def store(self, item: WorkItem, values: EntryValues) -> SaveResult:
        """Save ``values`` of ``item``. In the division's editor with the values loaded or
        last saved as the base: a field another user changed meanwhile is not written but
        returned as a conflict (issue 16; :mod:`welfareplan.gui.stale_saving`)."""
        # plain sqlite3, no SQLAlchemy (tests/gui/test_startup_imports.py); loaded at the
        # first save, or before it by gui/warm_up.py
        from welfareplan.core.editing import save_entry

        wb, source = self.document.workbook, self.document.original.name
        if self.document.kind is FileKind.WORKBOOK:
            return save_entry(wb, item.entry_id, values, base=item.values, source=source)
        return save_entry(wb, item.entry_id, values, source=source)

    def reload_entry(self, item: WorkItem) -> None:
        """Show ``item`` as its :attr:`WorkItem.values` say (they changed underneath)."""
        old = self.documents.pop(item.entry_id, None)
        if item.entry_id == self.current_id:
            self.editor.show_item(item, self._docs_for(item), read_only=self.read_only)
        if old is not None:
            for doc in old.texts.values():
                doc.deleteLater()
        self._update_tree_item(item)

    def refresh_from_server(self) -> bool | None:
        """Other staff changed the master: show what they changed. See
        :func:`welfareplan.gui.stale_saving.take_their_changes`."""
        from welfareplan.gui.stale_saving import take_their_changes

        return take_their_changes(self)

    def reload(self) -> None:
        """Re-read the worklist (after a submit or an external change)."""
        self.worklist = load_worklist(
            self.document.workbook,
            department_id=self.worklist.department_id,
            round_id=self.worklist.round_id,
        )
        self.refresh_header()
