"""A list to read before a step that cannot simply be taken back: what a restore discards, what
undoing an import puts back (or what blocks it), what is still open before closing a round or
exporting the report. The user confirms with a button that names the step, or cancels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTreeWidgetItem, QWidget

from welfareplan.gui.forms.ui_review_dialog import Ui_ReviewDialog


@dataclass(frozen=True)
class Review:
    """What the dialog shows; ``confirm`` names the step on its button (None: it only informs)."""

    title: str
    intro: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    note: str = ""
    confirm: str | None = None


class ReviewDialog(QDialog):
    def __init__(self, review: Review, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title, intro, columns, rows = review.title, review.intro, review.columns, review.rows
        note, confirm = review.note, review.confirm
        self.ui = Ui_ReviewDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(title)
        self.ui.introLabel.setText(intro)
        tree = self.ui.itemTree
        tree.setColumnCount(len(columns))
        tree.setHeaderLabels(list(columns))
        for row in rows:
            item = QTreeWidgetItem(tree, [text.replace("\n", " ") for text in row])
            for c, text in enumerate(row):
                item.setToolTip(c, text)
        tree.setVisible(bool(rows))
        header = tree.header()
        for c in range(len(columns) - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.ui.noteLabel.setText(note)
        self.ui.noteLabel.setVisible(bool(note))
        box = self.ui.buttonBox
        if confirm is None:
            box.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            box.rejected.connect(self.reject)
        else:
            self.confirm_button = box.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
            box.button(QDialogButtonBox.StandardButton.Cancel).setText("やめる")
            box.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
            box.accepted.connect(self.accept)
            box.rejected.connect(self.reject)
        if not rows:
            self.resize(self.width(), self.minimumSizeHint().height())

    @property
    def rows(self) -> list[list[str]]:
        tree = self.ui.itemTree
        return [
            [tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]  # type: ignore[union-attr]
            for r in range(tree.topLevelItemCount())
        ]
