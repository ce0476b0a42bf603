"""The round selector's menu (年度の操作): 年度を削除… — a confirmation that says what will be
removed; a round with written entries only with 「記入も削除する」 ticked
(:func:`welfareplan.workflow.rounds.round_delete.delete_round`, after a backup)."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QCheckBox, QMenu, QMessageBox, QPushButton, QToolButton, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.gui.division.context import DivisionContext
from welfareplan.workflow.rounds.round_list import RoundInfo


class DivisionView(Protocol):
    """What the menu needs of the workbench (``gui/division/view.py``)."""

    ctx: DivisionContext
    document: Any

    def current_round(self) -> RoundInfo | None: ...
    def fill_rounds(self, select_year: int | None = None) -> None: ...
    def window(self) -> QWidget: ...


def install_round_menu(view: DivisionView, button: QToolButton) -> QMenu:
    menu = QMenu(button)
    action = menu.addAction("年度を削除(&D)…")
    action.setObjectName("deleteRoundAction")
    action.triggered.connect(lambda: delete_round_dialog(view))
    button.setMenu(menu)
    return menu


def confirm_delete_box(
    parent: QWidget, title: str, question: str, details: str, confirm: str = ""
) -> tuple[QMessageBox, QPushButton]:
    """The question with what goes (``details``), and its 削除する button; with ``confirm``, a
    checkbox of that text must be ticked first (it enables the button)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(question)
    box.setInformativeText(
        f"{details}\n削除の前にマスターのバックアップを作ります（「変更履歴・バックアップ」タブから戻せます）。"
    )
    delete = box.addButton("削除する", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("やめる", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(QMessageBox.StandardButton.NoButton)
    if confirm:
        check = QCheckBox(confirm, box)  # owned by the box
        box.setCheckBox(check)
        delete.setEnabled(False)
        check.toggled.connect(delete.setEnabled)
    return box, delete


def delete_round_dialog(view: DivisionView) -> None:
    from welfareplan.workflow.rounds.round_delete import delete_round, round_contents

    rnd = view.current_round()
    if rnd is None or view.document.read_only:
        return
    wb = view.ctx.workbook
    try:
        found = round_contents(wb, rnd.fiscal_year)
    except WelfareplanError as exc:
        QMessageBox.warning(view.window(), "年度を削除", exc.message)
        return
    box, delete = confirm_delete_box(
        view.window(),
        "年度を削除",
        f"{found.label}を削除しますか？",
        f"削除するもの: {found.summary()}。配布済みのファイルは取り込めなくなります。",
        f"内容の書かれた記入 {found.written} 件も削除する" if found.written else "",
    )
    box.exec()
    if box.clickedButton() is not delete:
        return
    with_entries = box.checkBox() is not None and box.checkBox().isChecked()
    try:
        delete_round(wb, rnd.fiscal_year, with_entries=with_entries)
    except WelfareplanError as exc:
        QMessageBox.warning(view.window(), "年度を削除", exc.message)
        return
    view.ctx.after_write()
    view.ctx.round_id = None
    view.fill_rounds()
    view.window().statusBar().showMessage(f"{found.label}を削除しました。", 5000)  # type: ignore[attr-defined]
