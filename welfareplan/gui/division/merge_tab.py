"""取込: drop returned files, see what would change and every conflict, choose per field, apply.

The preview writes nothing. Conflicts left undecided stay open in the workbook (保留) and are
listed again here, to be decided later.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QHeaderView, QMessageBox, QTreeWidgetItem, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.wareki import results_label
from welfareplan.gui.division.conflict_choice import (
    ConflictChoice,
    choice_label,
    conflict_html,
)
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.division.review_tab import add_reply_items, find_reply, reply_html
from welfareplan.gui.forms.ui_merge_tab import Ui_MergeTab
from welfareplan.gui.tasks import CancelledFn, ProgressFn
from welfareplan.gui.text_compare import side_by_side
from welfareplan.workflow.returns.apply import apply_merge
from welfareplan.workflow.returns.compare import preview_merge
from welfareplan.workflow.returns.conflicts import StoredConflict, list_conflicts, resolve_conflicts
from welfareplan.workflow.returns.merge_types import (
    Choice,
    Conflict,
    FieldChange,
    FileOutcome,
    FilePreview,
    MergePreview,
    MergeResult,
)

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2

OUTCOME_COLORS = {
    FileOutcome.APPLY: "#2e7d32",
    FileOutcome.UNCHANGED: "#555555",
    FileOutcome.STALE: "#b35900",
    FileOutcome.SUPERSEDED: "#555555",
    FileOutcome.REJECTED: "#b00020",
}

CONFLICT_KINDS = ("conflict", "stored")


def file_status(f: FilePreview) -> str:
    """The state column of a file: its outcome with its counts, or why it was rejected."""
    if not f.accepted:
        return f"却下: {f.reason}"
    if f.outcome is FileOutcome.APPLY:
        return f"{f.outcome.label}: 変更 {len(f.changes)}・競合 {len(f.conflicts)}"
    return f.outcome.label


class MergeTab(QWidget):
    merged = Signal(object)  # MergeResult
    #: rounds were reopened to take late files: the window shows their new state
    roundsReopened = Signal()

    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MergeTab()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.paths: list[Path] = []
        self.preview: MergePreview | None = None
        self.stored: list[StoredConflict] = []
        self.choices: dict[tuple[str, str], Choice] = {}
        self.stored_choices: dict[str, Choice] = {}
        self._current: tuple[str, object] | None = None
        self.chooser = ConflictChoice(self.ui)
        self.chooser.changed.connect(self._choice_changed)
        self.ui.splitter.setSizes([520, 640])
        header = self.ui.fileTree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # a rejection's reason is long: the column stays narrow (full text in the tooltip and
        # on the right when the file is selected), so the names keep their room
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(
            1, self.fontMetrics().horizontalAdvance("取込: 変更 000・競合 00") + 16
        )
        self.ui.pickButton.clicked.connect(self.pick_files)
        self.ui.clearButton.clicked.connect(self.clear)
        self.ui.applyButton.clicked.connect(self.apply)
        self.ui.fileTree.currentItemChanged.connect(self._show_item)
        self.ui.filterCheck.toggled.connect(self._apply_filter)
        self.ui.nextConflictButton.clicked.connect(self.next_conflict)
        self.ui.reopenButton.clicked.connect(self.reopen_and_import)
        self.ui.lateBar.setVisible(False)
        self.ui.choiceGroup.setVisible(False)
        self.refresh()

    # ------------------------------------------------------------------ files

    def pick_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "戻ってきたファイルを選ぶ",
            "",
            "担当課ファイル・Excel様式 (*.wpdb *.db *.xlsx);;すべてのファイル (*)",
        )
        if files:
            self.add_files([Path(f) for f in files])

    def add_files(self, files: list[Path]) -> None:
        for f in files:
            if f not in self.paths:
                self.paths.append(f)
        self.run_preview()

    def clear(self) -> None:
        self.paths, self.preview, self.choices = [], None, {}
        self.refresh()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # ------------------------------------------------------------------ preview

    def run_preview(self) -> None:
        if not self.paths:
            self.refresh()
            return
        wb, paths = self.ctx.workbook, list(self.paths)

        def work(progress: ProgressFn, cancelled: CancelledFn) -> MergePreview:
            return preview_merge(wb, paths, progress=progress, cancelled=cancelled)

        def done(preview: MergePreview) -> None:
            self.preview = preview
            self.choices = {
                k: v for k, v in self.choices.items() if k in {c.key for c in preview.conflicts}
            }
            self.refresh()

        self.ctx.run(self, "取り込む内容を確認しています", work, done, writes=False)

    def refresh(self) -> None:
        """Rebuild the tree from the current preview and the open conflicts of the workbook."""
        year = self.ctx.fiscal_year
        self.stored = list_conflicts(self.ctx.workbook, year) if year is not None else []
        tree = self.ui.fileTree
        tree.clear()
        if self.preview is not None:
            for f in self.preview.files:
                color = OUTCOME_COLORS[f.outcome]
                top = QTreeWidgetItem(tree, [f.name, file_status(f)])
                top.setForeground(1, QBrush(QColor(color)))
                top.setToolTip(1, f.reason or file_status(f))
                top.setData(0, KIND_ROLE, "file")
                top.setData(0, KEY_ROLE, str(f.path))
                top.setData(1, KEY_ROLE, bool(f.conflicts) or not f.accepted)
                # conflicts first: they are what needs a decision
                for k in f.conflicts:
                    label = (
                        "競合（後のファイルに続く）"
                        if k.superseded
                        else choice_label(self.choices.get(k.key))
                    )
                    item = QTreeWidgetItem(
                        top,
                        [
                            f"{k.entry.project_label}／{k.entry.department_name}／{k.field_label}",
                            label,
                        ],
                    )
                    item.setForeground(1, QBrush(QColor("#b35900")))
                    item.setData(0, KIND_ROLE, "conflict")
                    item.setData(0, KEY_ROLE, (f.sha256, k.entry.entry_id, k.field))
                for c in f.changes:
                    item = QTreeWidgetItem(
                        top,
                        [
                            f"{c.entry.project_label}／{c.entry.department_name}／{c.field_label}",
                            "変更",
                        ],
                    )
                    item.setData(0, KIND_ROLE, "change")
                    item.setData(0, KEY_ROLE, (f.sha256, c.entry.entry_id, c.field))
                add_reply_items(top, f, KIND_ROLE, KEY_ROLE)  # beside the changes
                top.setExpanded(True)
        if self.stored:
            group = QTreeWidgetItem(
                tree, ["保留中の競合（これまでの取込）", f"{len(self.stored)} 件"]
            )
            group.setData(0, KIND_ROLE, "group")
            for sc in self.stored:
                item = QTreeWidgetItem(
                    group,
                    [
                        f"{sc.entry.project_label}／{sc.entry.department_name}／{sc.field_label}",
                        choice_label(self.stored_choices.get(sc.id)),
                    ],
                )
                item.setForeground(1, QBrush(QColor("#b35900")))
                item.setData(0, KIND_ROLE, "stored")
                item.setData(0, KEY_ROLE, sc.id)
            group.setExpanded(True)
        self._apply_filter()
        self._show_late_files()
        self._update_summary()
        self.ui.diffBrowser.setHtml("")
        self.ui.detailTitle.setText(
            "左の一覧から項目を選ぶと、変更の内容が表示されます。"
            if tree.topLevelItemCount()
            else ""
        )
        self.ui.choiceGroup.setVisible(False)

    # ------------------------------------------------------------------ late files

    def _closed_years(self) -> list[int]:
        """The closed rounds the rejected files of the preview belong to."""
        if self.preview is None:
            return []
        return sorted(
            {
                f.fiscal_year
                for f in self.preview.rejected
                if f.code == "round-closed" and f.fiscal_year is not None
            }
        )

    def _show_late_files(self) -> None:
        years = self._closed_years()
        self.ui.lateBar.setVisible(bool(years) and not self.ctx.read_only)
        if years and self.preview is not None:
            labels = "・".join(results_label(y) for y in years)
            count = sum(1 for f in self.preview.rejected if f.code == "round-closed")
            self.ui.lateLabel.setText(
                f"締め切った年度（{labels}）のファイルが {count} 件あります。"
                "受付を再開すると、取り込めます。"
            )

    def reopen_and_import(self) -> None:
        """Reopen the closed rounds of the late files and check the files again."""
        from welfareplan.gui.division.round_checks import confirm_reopen
        from welfareplan.workflow.rounds.lifecycle import reopen_round

        years = self._closed_years()
        if not years or not confirm_reopen(self, "・".join(results_label(y) for y in years)):
            return
        try:
            for year in years:
                reopen_round(self.ctx.workbook, year)
        except WelfareplanError as exc:
            QMessageBox.warning(self, "受付を再開する", exc.message)
            return
        self.ctx.after_write()
        self.roundsReopened.emit()
        self.run_preview()

    # ------------------------------------------------------------------ finding conflicts

    def _items(self) -> Iterator[QTreeWidgetItem]:
        tree = self.ui.fileTree
        for t in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(t)
            if top is None:
                continue
            yield top
            for c in range(top.childCount()):
                child = top.child(c)
                if child is not None:
                    yield child

    def _apply_filter(self) -> None:
        """With 競合と却下だけを表示: hide plain changes and files that need no decision."""
        only = self.ui.filterCheck.isChecked()
        for item in self._items():
            kind = item.data(0, KIND_ROLE)
            if kind == "change":
                item.setHidden(only)
            elif kind == "file":
                item.setHidden(only and not item.data(1, KEY_ROLE))

    def _undecided(self, item: QTreeWidgetItem) -> bool:
        kind, key = item.data(0, KIND_ROLE), item.data(0, KEY_ROLE)
        if kind == "stored":
            return key not in self.stored_choices
        return item.text(1) == choice_label(None)

    def next_conflict(self) -> bool:
        """Show the next conflict not yet decided after the current row (else the next
        conflict); False when there is none."""
        conflicts = [i for i in self._items() if i.data(0, KIND_ROLE) in CONFLICT_KINDS]
        choosable = [i for i in conflicts if i.text(1) != "競合（後のファイルに続く）"]
        if not choosable:
            self.ui.summaryLabel.setText("競合はありません。")
            return False
        current = self.ui.fileTree.currentItem()
        start = conflicts.index(current) + 1 if current in conflicts else 0
        ordered = conflicts[start:] + conflicts[:start]
        target = next(
            (i for i in ordered if i in choosable and self._undecided(i)),
            next(i for i in ordered if i in choosable),
        )
        self.ui.fileTree.setCurrentItem(target)
        self.ui.fileTree.scrollToItem(target)
        return True

    def _update_summary(self) -> None:
        parts = []
        if self.preview is not None:
            p = self.preview
            parts.append(
                f"ファイル {len(p.files)} 件（却下 {len(p.rejected)}）、変更 {len(p.changes)} 項目、"
                f"競合 {len(p.conflicts)} 項目（選択済み {sum(1 for c in p.conflicts if c.key in self.choices)}）"
            )
        self.ui.nextConflictButton.setEnabled(
            bool(self.stored) or (self.preview is not None and bool(self.preview.conflicts))
        )
        if self.stored:
            parts.append(
                f"保留中の競合 {len(self.stored)} 項目（選択済み {len(self.stored_choices)}）"
            )
        self.ui.summaryLabel.setText("　".join(parts))
        can_apply = (self.preview is not None and self.preview.writes) or bool(self.stored_choices)
        self.ui.applyButton.setEnabled(can_apply and not self.ctx.read_only)

    # ------------------------------------------------------------------ details and choices

    def _find(self, key: tuple[str, str, str]) -> tuple[FieldChange | None, Conflict | None]:
        assert self.preview is not None
        sha, entry_id, field = key
        for f in self.preview.files:
            if f.sha256 != sha:
                continue
            for c in f.changes:
                if (c.entry.entry_id, c.field) == (entry_id, field):
                    return c, None
            for k in f.conflicts:
                if (k.entry.entry_id, k.field) == (entry_id, field):
                    return None, k
        return None, None

    def _show_item(
        self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None
    ) -> None:
        self.ui.choiceGroup.setVisible(False)
        self._current = None
        if item is None:
            return
        kind = item.data(0, KIND_ROLE)
        key = item.data(0, KEY_ROLE)
        if kind == "file" and self.preview is not None:
            f = next(f for f in self.preview.files if str(f.path) == key)
            who = f"{f.department_name}（{f.fiscal_year}年度）" if f.department_name else ""
            self.ui.detailTitle.setText(f"{f.name}　{f.file_label}　{who}")
            if f.accepted:
                body = f"{f.outcome.label}: 変更 {len(f.changes)} 項目、競合 {len(f.conflicts)} 項目、変更なし {f.unchanged_fields} 項目"
            else:
                body = f.reason
            lines = [body]
            if f.revision is not None:
                lines.append(f"版: {f.revision_label}")
            lines += [f"注: {n}" for n in f.notes]
            if f.replies:
                lines.append(f"差戻しへの回答: {len(f.replies)} 件")
            confirmation = f.state.confirmation if f.state is not None else None
            if f.accepted and f.file_format == "wpdb":
                lines.append(
                    "所属長の確認: " + (confirmation.label if confirmation else "記録なし")
                )
            self.ui.diffBrowser.setHtml("".join(f"<p>{html.escape(line)}</p>" for line in lines))
        elif kind == "change":
            change, _ = self._find(tuple(key))
            if change is not None:
                self.ui.detailTitle.setText(
                    f"{change.entry.project_label}　{change.entry.department_name}　{change.field_label}"
                )
                self.ui.diffBrowser.setHtml(
                    side_by_side("マスターの今の内容", change.old, "取り込む内容", change.new)
                )
        elif kind == "conflict":
            _, conflict = self._find(tuple(key))
            if conflict is not None:
                self._show_conflict(
                    conflict, self.choices.get(conflict.key), ("preview", conflict.key)
                )
        elif kind == "reply" and self.preview is not None:
            reply = find_reply(self.preview.files, tuple(key))
            if reply is not None:
                self.ui.detailTitle.setText(
                    f"{reply.entry.project_label}　{reply.entry.department_name}　"
                    f"{reply.field_label}への回答"
                )
                self.ui.diffBrowser.setHtml(reply_html(reply))
        elif kind == "stored":
            sc = next((s for s in self.stored if s.id == key), None)
            if sc is not None:
                self._show_conflict(
                    sc.as_conflict(), self.stored_choices.get(sc.id), ("stored", sc.id)
                )

    def _show_conflict(
        self, c: Conflict, choice: Choice | None, current: tuple[str, object]
    ) -> None:
        self._current = current
        self.ui.detailTitle.setText(
            f"競合: {c.entry.project_label}　{c.entry.department_name}　{c.field_label}　（{c.file_name}）"
        )
        self.ui.diffBrowser.setHtml(conflict_html(c))
        self.chooser.show(c, choice, editable=not c.superseded and not self.ctx.read_only)

    def _choice_changed(self, choice: Choice | None) -> None:
        if self._current is None:
            return
        where, key = self._current
        if where == "preview":
            assert isinstance(key, tuple)
            if choice is None:
                self.choices.pop(key, None)
            else:
                self.choices[key] = choice
        else:
            assert isinstance(key, str)
            if choice is None:
                self.stored_choices.pop(key, None)
            else:
                self.stored_choices[key] = choice
        item = self.ui.fileTree.currentItem()
        if item is not None:
            item.setText(1, choice_label(choice))
        self._update_summary()

    # ------------------------------------------------------------------ applying

    def apply(self) -> None:
        wb = self.ctx.workbook
        preview = self.preview if self.preview is not None and self.preview.writes else None
        choices = dict(self.choices)
        stored = dict(self.stored_choices)
        open_after = len(preview.conflicts) - len(choices) if preview else 0
        if open_after > 0:
            answer = QMessageBox.question(
                self,
                "取り込み",
                f"選んでいない競合が {open_after} 項目あります。保留のまま取り込みますか？（後で選べます）",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return

        def work(progress: ProgressFn, cancelled: CancelledFn) -> tuple[MergeResult | None, int]:
            result = (
                apply_merge(wb, preview, choices, progress=progress, cancelled=cancelled)
                if preview
                else None
            )
            resolved = resolve_conflicts(wb, stored).resolved if stored else 0
            return result, resolved

        def done(outcome: tuple[MergeResult | None, int]) -> None:
            result, resolved = outcome
            self.paths, self.preview, self.choices, self.stored_choices = [], None, {}, {}
            self.refresh()
            lines = []
            if result is not None:
                lines += [
                    f"{r.name}: {r.outcome.label}（反映 {r.applied} 項目、保留 {r.conflicts_open}）"
                    + (f" {r.reason}" if r.reason else "")
                    for r in result.files
                ]
                lines.append(
                    f"合計: 反映 {result.applied} 項目、競合の解決 {result.conflicts_resolved}、保留 {result.conflicts_open}、却下 {result.rejected} ファイル"
                )
            if resolved:
                lines.append(f"保留中の競合を {resolved} 項目解決しました。")
            self.ui.summaryLabel.setText("取り込みました。" + ("　" + lines[-1] if lines else ""))
            if result is not None and result.applied:
                lines.append(
                    "取り込みは「変更履歴・バックアップ」タブで、ファイルごとに取り消せます。"
                )
            self.merged.emit(result)
            QMessageBox.information(
                self, "取り込み結果", "\n".join(lines) or "変更はありませんでした。"
            )

        self.ctx.run(self, "取り込んでいます", work, done)
