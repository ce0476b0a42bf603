"""The 「どちらを残しますか」 box of the merge tab: one conflict's choice, shown and read back.

Four ways: the returned file's value, the master's, a value written by hand (a text box for a
text field; for a field chosen from codes — the rating — a list of the scale's codes), or
保留 (no choice: the conflict stays open and can be decided later).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Signal

from welfareplan.gui.forms.ui_merge_tab import Ui_MergeTab
from welfareplan.gui.text_compare import side_by_side
from welfareplan.workflow.returns.merge_types import Choice, Conflict

#: The blank choice of a code list: the field is left empty.
BLANK_CODE = "（空欄）"


def conflict_html(c: Conflict) -> str:
    """Both sides of a conflict against their common base, the base named for what it is."""
    return (
        "<p>担当課とマスターの両方で、同じ項目が変更されています。"
        f"比べる元は「{html.escape(c.base_label)}」です。</p>"
        + side_by_side(c.base_label, c.issued, "戻ってきたファイルの内容", c.file)
        + "<br/>"
        + side_by_side(c.base_label, c.issued, "マスターの今の内容（その後に変更）", c.master)
    )


def choice_label(choice: Choice | None) -> str:
    """The state column of a conflict row."""
    if choice is None:
        return "競合（保留）"
    if choice == "file":
        return "競合 → ファイル"
    if choice == "master":
        return "競合 → マスター"
    return "競合 → 手で書き直し"


class ConflictChoice(QObject):
    """Drives the choice widgets of :class:`Ui_MergeTab` for the conflict on show."""

    #: the user changed the choice (a Choice, or None for 保留)
    changed = Signal(object)

    def __init__(self, ui: Ui_MergeTab) -> None:
        super().__init__()
        self.ui = ui
        self._codes: tuple[str, ...] = ()
        self._loading = False
        self._radios = (ui.chooseFile, ui.chooseMaster, ui.chooseManual, ui.chooseLater)
        for radio in self._radios:
            radio.toggled.connect(self._read)
        ui.manualEdit.textChanged.connect(self._read)
        ui.manualRating.currentIndexChanged.connect(self._read)

    def show(self, conflict: Conflict, choice: Choice | None, *, editable: bool) -> None:
        ui = self.ui
        self._loading = True
        try:
            self._codes = conflict.codes  # a rating: the codes of the plan's scale
            ui.choiceGroup.setVisible(editable)
            manual = isinstance(choice, tuple)
            target = {"file": ui.chooseFile, "master": ui.chooseMaster}.get(
                choice if isinstance(choice, str) else "",
                ui.chooseManual if manual else ui.chooseLater,
            )
            target.setChecked(True)
            typed = choice[1] if isinstance(choice, tuple) else conflict.file
            ui.manualEdit.setPlainText(typed)
            ui.manualRating.clear()
            ui.manualRating.addItem(BLANK_CODE, "")
            for code in self._codes:
                ui.manualRating.addItem(code, code)
            ui.manualRating.setCurrentIndex(max(ui.manualRating.findData(typed), 0))
            ui.manualEdit.setVisible(not self._codes)
            ui.manualRating.setVisible(bool(self._codes))
            ui.manualEdit.setEnabled(manual)
            ui.manualRating.setEnabled(manual)
        finally:
            self._loading = False

    def choice(self) -> Choice | None:
        ui = self.ui
        if ui.chooseFile.isChecked():
            return "file"
        if ui.chooseMaster.isChecked():
            return "master"
        if ui.chooseManual.isChecked():
            if self._codes:
                return ("manual", str(ui.manualRating.currentData() or ""))
            return ("manual", ui.manualEdit.toPlainText())
        return None

    def _read(self) -> None:
        if self._loading:
            return
        manual = self.ui.chooseManual.isChecked()
        self.ui.manualEdit.setEnabled(manual)
        self.ui.manualRating.setEnabled(manual)
        self.changed.emit(self.choice())
