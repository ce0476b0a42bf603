"""The master workbook's window content: round selector and the workbench tabs.

Tabs are built when first shown and refreshed when shown after the workbook changed, so
opening the workbook costs only the dashboard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.storage import Workbook
from welfareplan.core.wareki import date_label, month_label, parse_date, parse_month
from welfareplan.gui.department_view import DepartmentView
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.division.distributing import issue_files
from welfareplan.gui.division.entries_tab import EntriesTab
from welfareplan.gui.division.round_menu import install_round_menu
from welfareplan.gui.document import Document
from welfareplan.gui.elided_label import ElidedText
from welfareplan.gui.forms.ui_division_view import Ui_DivisionView
from welfareplan.gui.style import scaled
from welfareplan.workflow.rounds.round_list import RoundInfo, list_rounds

if TYPE_CHECKING:
    from welfareplan.workflow.master.backups import BackupInfo

(
    TAB_DASHBOARD,
    TAB_MERGE,
    TAB_REVIEW,
    TAB_ENTRIES,
    TAB_OPINIONS,
    TAB_EXPORTS,
    TAB_HISTORY,
    TAB_PLAN,
    TAB_AUDIT,
) = range(9)


class DivisionView(QWidget):
    #: (state, message) from the entries editor, as DepartmentView.saveStatus
    saveStatus = Signal(str, str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_DivisionView()
        self.ui.setupUi(self)
        self.document = document
        self.ctx = DivisionContext(document)
        self.ui.titleLabel.setFont(scaled(self.font(), 1.3, bold=True))
        # the round's facts (deadline, counts, plan name …) are cut to fit, never widen the window
        self.round_facts = ElidedText(self.ui.roundStateLabel)
        self.ui.headerLayout.setStretchFactor(self.ui.roundStateLabel, 1)
        self.rounds: list[RoundInfo] = []
        self.tabs: dict[int, QWidget] = {}
        self._stale: set[int] = set()
        self._connected_view: DepartmentView | None = None
        self.ui.roundCombo.currentIndexChanged.connect(self._round_selected)
        self.ui.tabs.currentChanged.connect(self._tab_shown)
        self.ui.newRoundButton.clicked.connect(self.new_round)
        self.ui.deadlineButton.clicked.connect(self.change_deadline)
        self.ui.publishedButton.clicked.connect(self.change_published)
        self.ui.closeRoundButton.clicked.connect(self.toggle_round)
        self.ctx.changed.connect(self._workbook_changed)
        self.ui.newRoundButton.setEnabled(not document.read_only)
        self.ui.roundMenuButton.setEnabled(not document.read_only)
        install_round_menu(self, self.ui.roundMenuButton)
        try:
            self.fill_rounds()
        except WelfareplanError as exc:  # e.g. a service not yet available on a server master
            document.notice = exc.message  # the window's banner says it
            return
        self._tab_shown(self.ui.tabs.currentIndex())

    # ------------------------------------------------------------------ interface of the window

    @property
    def read_only(self) -> bool:
        return self.document.read_only

    def entry_view(self) -> DepartmentView | None:
        tab = self.tabs.get(TAB_ENTRIES)
        return tab.view if isinstance(tab, EntriesTab) else None

    def save_all(self) -> bool:
        view = self.entry_view()
        return view.save_all() if view is not None else True

    def has_pending_edits(self) -> bool:
        view = self.entry_view()
        return view.has_pending_edits() if view is not None else False

    def next_conflict(self) -> bool:
        """F8 on the 取込 tab: show the next conflict to decide. False on other tabs."""
        if self.ui.tabs.currentIndex() != TAB_MERGE:
            return False
        self.tab(TAB_MERGE).next_conflict()  # type: ignore[attr-defined]
        return True

    def add_files_to_merge(self, files: list[Path]) -> None:
        self.ui.tabs.setCurrentIndex(TAB_MERGE)
        tab = self.tab(TAB_MERGE)
        tab.add_files(files)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ rounds

    def fill_rounds(self, select_year: int | None = None) -> None:
        self.rounds = list_rounds(self.ctx.workbook)
        combo = self.ui.roundCombo
        combo.blockSignals(True)
        combo.clear()
        for r in self.rounds:
            combo.addItem(f"{r.label}（{r.fiscal_year}年度・{r.status_label}）", r.fiscal_year)
        if self.rounds:
            year = select_year or self.ctx.fiscal_year or max(r.fiscal_year for r in self.rounds)
            combo.setCurrentIndex(max(combo.findData(year), 0))
        combo.blockSignals(False)
        self._round_selected()

    def current_round(self) -> RoundInfo | None:
        year = self.ui.roundCombo.currentData()
        return next((r for r in self.rounds if r.fiscal_year == year), None)

    def _round_selected(self) -> None:
        rnd = self.current_round()
        self.ctx.fiscal_year = rnd.fiscal_year if rnd else None
        self.ctx.round_id = rnd.id if rnd else None
        state = ""
        if rnd is not None:
            state = f"提出期限: {date_label(rnd.deadline)}" if rnd.deadline else "提出期限: 未設定"
            state += f"　記入欄 {rnd.entries} 件・{rnd.departments} 課"
            if rnd.published_on:
                state += f"　公表: {month_label(rnd.published_on)}"
            state += f"　計画: {rnd.plan_label}"
        self.round_facts.set_text(state)
        editable = rnd is not None and not self.document.read_only
        self.ui.deadlineButton.setEnabled(editable and rnd is not None and rnd.is_open)
        self.ui.publishedButton.setEnabled(editable)
        self.ui.closeRoundButton.setEnabled(editable)
        self.ui.closeRoundButton.setText(
            "受付を再開する" if rnd is not None and not rnd.is_open else "締め切る"
        )
        self._stale = set(range(self.ui.tabs.count()))
        self._tab_shown(self.ui.tabs.currentIndex())

    def _round_action(self, title: str, action: Callable[[], object]) -> None:
        try:
            action()
        except WelfareplanError as exc:
            QMessageBox.warning(self, title, exc.message)
            return
        self.ctx.after_write()
        self.fill_rounds(self.ctx.fiscal_year)

    def new_round(self) -> None:
        from welfareplan.gui.division.dialogs import NewRoundDialog
        from welfareplan.workflow.plans.plan_edit import list_plans
        from welfareplan.workflow.rounds.lifecycle import create_round, plan_for_year

        wb = self.ctx.workbook
        latest = max((r.fiscal_year for r in self.rounds), default=2024)
        dialog = NewRoundDialog(
            latest + 1,
            self,
            plans=list_plans(wb),
            describe=lambda year, key: plan_for_year(wb, year, key),
        )
        if dialog.exec() != NewRoundDialog.DialogCode.Accepted:
            return
        year, deadline = dialog.fiscal_year, dialog.deadline
        try:
            create_round(wb, year, deadline=deadline, plan_key=dialog.plan_key)
        except WelfareplanError as exc:
            QMessageBox.warning(self, "新しい年度", exc.message)
            return
        self.ctx.after_write()
        self.fill_rounds(year)
        self.ui.tabs.setCurrentIndex(TAB_DASHBOARD)

    def change_deadline(self) -> None:
        from welfareplan.workflow.rounds.lifecycle import set_deadline

        self._change_date(
            "提出期限",
            "提出期限（例: 2026-05-31 または 令和8年5月31日。空欄で期限なし）:",
            lambda rnd: rnd.deadline.isoformat() if rnd.deadline else "",
            parse_date,
            set_deadline,
        )

    def change_published(self) -> None:
        from welfareplan.workflow.rounds.lifecycle import set_published

        self._change_date(
            "公表月",
            "評価表に印刷する公表の年月（例: 2026-03 または 令和8年3月。空欄で出力した月）:",
            lambda rnd: month_label(rnd.published_on) if rnd.published_on else "",
            parse_month,
            set_published,
        )

    def _change_date(
        self,
        title: str,
        prompt: str,
        current: Callable[[RoundInfo], str],
        parse: Callable[[str], dt.date],
        store: Callable[[Workbook, int, dt.date | None], RoundInfo],
    ) -> None:
        """Ask for one date of the current round (empty: none) and store it."""
        rnd = self.current_round()
        if rnd is None:
            return
        text, ok = QInputDialog.getText(self, title, prompt, text=current(rnd))
        if not ok:
            return

        def action() -> None:
            store(self.ctx.workbook, rnd.fiscal_year, parse(text) if text.strip() else None)

        self._round_action(title, action)

    def toggle_round(self) -> None:
        from welfareplan.gui.division.round_checks import confirm_reopen, confirm_with_checklist
        from welfareplan.workflow.rounds.lifecycle import close_round, reopen_round

        rnd = self.current_round()
        if rnd is None:
            return
        if rnd.is_open:
            if confirm_with_checklist(
                self,
                self.ctx,
                "締め切る",
                f"{rnd.label}の受付を締め切ります。締め切ると、この年度の取込や修正はできなくなります"
                "（再開できます）。",
                "締め切る",
                always=True,
            ):
                self._round_action(
                    "締め切る", lambda: close_round(self.ctx.workbook, rnd.fiscal_year)
                )
        elif confirm_reopen(self, rnd.label):
            self._round_action(
                "受付を再開する", lambda: reopen_round(self.ctx.workbook, rnd.fiscal_year)
            )

    # ------------------------------------------------------------------ tabs

    def tab(self, index: int) -> QWidget:
        tab = self.tabs.get(index)
        if tab is None:
            tab = self._build_tab(index)
            self.tabs[index] = tab
            page = self.ui.tabs.widget(index)
            layout = page.layout() if page is not None else None
            assert layout is not None
            layout.setContentsMargins(4, 4, 4, 4)
            layout.addWidget(tab)
            self._stale.add(index)
        return tab

    def _build_tab(self, index: int) -> QWidget:
        ctx = self.ctx
        if index == TAB_DASHBOARD:
            from welfareplan.gui.division.dashboard import DashboardTab

            dash = DashboardTab(ctx, self)
            dash.ui.distributeButton.clicked.connect(lambda: self.distribute(excel=False))
            dash.ui.worksheetsButton.clicked.connect(lambda: self.distribute(excel=True))
            dash.departmentActivated.connect(self.show_department_entries)
            return dash
        if index == TAB_MERGE:
            from welfareplan.gui.division.merge_tab import MergeTab

            merge = MergeTab(ctx, self)
            merge.roundsReopened.connect(lambda: self.fill_rounds(self.ctx.fiscal_year))
            return merge
        if index == TAB_REVIEW:
            from welfareplan.gui.division.review_tab import ReviewTab

            return ReviewTab(ctx, self)
        if index == TAB_ENTRIES:
            return EntriesTab(ctx, self)
        if index == TAB_OPINIONS:
            from welfareplan.gui.division.opinions_tab import OpinionsTab

            return OpinionsTab(ctx, self)
        if index == TAB_EXPORTS:
            from welfareplan.gui.division.exports_tab import ExportsTab

            return ExportsTab(ctx, self)
        if index == TAB_HISTORY:
            from welfareplan.gui.division.history_tab import HistoryTab

            history = HistoryTab(ctx, self)
            history.entryActivated.connect(self.show_entry)
            return history
        if index == TAB_PLAN:
            from welfareplan.gui.division.plan_tab import PlanTab

            return PlanTab(ctx, self)
        from welfareplan.gui.division.audit_tab import AuditTab

        audit = AuditTab(ctx, self)
        audit.restoreRequested = self.restore_backup
        return audit

    def _tab_shown(self, index: int) -> None:
        if index < 0:
            return
        tab = self.tab(index)
        if index in self._stale and self.ctx.fiscal_year is not None:
            self._stale.discard(index)
            try:
                tab.refresh()  # type: ignore[attr-defined]
            except WelfareplanError as exc:  # e.g. not yet on a server master: say so
                self._stale.add(index)
                QMessageBox.warning(self, self.ui.tabs.tabText(index).replace("&", ""), exc.message)
            if index == TAB_ENTRIES:
                self._connect_entries()

    def _connect_entries(self) -> None:
        view = self.entry_view()
        if view is not None and view is not self._connected_view:
            self._connected_view = view
            view.saveStatus.connect(self.saveStatus)
            view.saveStatus.connect(self._entries_saved)

    def refresh_from_server(self) -> bool:
        """Other staff changed the master on the server: the tab in front shows it as it is
        now (keeping the selection and anything being typed), the others when next shown.
        True when something shown changed."""
        if self.ctx.busy or self.ctx.fiscal_year is None:
            return False  # a long job runs: its end refreshes
        current = self.ui.tabs.currentIndex()
        self._stale |= set(range(self.ui.tabs.count())) - {current}
        rounds = list_rounds(self.ctx.workbook)
        if [(r.fiscal_year, r.status_label) for r in rounds] != [
            (r.fiscal_year, r.status_label) for r in self.rounds
        ]:
            self.fill_rounds(self.ctx.fiscal_year)
            return True
        self.rounds = rounds
        tab = self.tabs.get(current)
        if current == TAB_DASHBOARD and tab is not None:
            return bool(tab.refresh())  # type: ignore[attr-defined]
        if current == TAB_ENTRIES and isinstance(tab, EntriesTab):
            changed = tab.refresh_from_server()
            self._connect_entries()
            return changed
        self._stale.add(current)  # a list being worked in (取込, 意見 …): when shown again
        return False

    def _entries_saved(self, state: str, _message: str) -> None:
        """An edit in 記入内容 reached the workbook: the other tabs show it when next shown."""
        if state == "saved":
            self._stale |= set(range(self.ui.tabs.count())) - {TAB_ENTRIES}

    def _workbook_changed(self) -> None:
        current = self.ui.tabs.currentIndex()
        self._stale = {i for i in range(self.ui.tabs.count()) if i != current} | self._stale
        # rounds' counts may have changed (new entries, closing), or rounds come and go
        rounds, years = list_rounds(self.ctx.workbook), {r.fiscal_year for r in self.rounds}
        if {r.fiscal_year for r in rounds} != years:
            self.fill_rounds(self.ctx.fiscal_year)
        self.rounds = rounds
        if current in (TAB_DASHBOARD, TAB_MERGE, TAB_REVIEW, TAB_AUDIT):
            self.tab(current).refresh()  # type: ignore[attr-defined]
        if current != TAB_ENTRIES:
            self._stale.add(TAB_ENTRIES)

    def show_department_entries(self, department_id: str) -> None:
        self.ui.tabs.setCurrentIndex(TAB_ENTRIES)
        tab = self.tab(TAB_ENTRIES)
        assert isinstance(tab, EntriesTab)
        tab.show_department(department_id)

    def show_entry(self, entry_id: str) -> None:
        self.ui.tabs.setCurrentIndex(TAB_ENTRIES)
        view = self.entry_view()
        if view is not None:
            view.select_entry(entry_id)

    # ------------------------------------------------------------------ distribute, restore

    def distribute(self, *, excel: bool = False) -> None:
        """配布 / Excel様式の配布 for the selected round (:func:`issue_files`)."""
        issue_files(self, self.ctx, self.current_round(), excel=excel)

    def restore_backup(self, backup: BackupInfo, discarded: int | None = None) -> None:
        from welfareplan.workflow.master.backups import restore_backup

        self.save_all()
        if self.document.server:  # other staff keep working: one transaction on the server
            from welfareplan.workflow.master.server_restore import restore_server_backup

            result = restore_server_backup(self.ctx.workbook, backup.name, discarded=discarded)
        else:
            result = self.document.replace_workbook(
                lambda local: restore_backup(local, backup.name, discarded=discarded)
            )
        self.ctx.after_write()
        self.fill_rounds(self.ctx.fiscal_year)
        QMessageBox.information(
            self,
            "バックアップから戻す",
            f"{backup.created:%Y-%m-%d %H:%M:%S}「{backup.reason_label}」の状態に戻しました。"
            f"戻す前の状態は {result.safety_backup.name} として残しています"
            "（バックアップの一覧の「復元の前」）。",
        )
