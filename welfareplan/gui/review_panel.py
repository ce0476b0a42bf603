"""The department window's 差戻し panel and the section chief's confirmation.

:class:`ReviewPanel` lists the comments the division sent back with the file (open ones first,
each with its project and field), shows the chosen one's notes and takes the department's reply
(saved in the file like an entry: :func:`welfareplan.core.review_file.write_reply`). The
comments are also shown beside their fields in the entry editor
(:meth:`welfareplan.gui.entry_editor.EntryEditor.show_comments`).

:class:`ConfirmDialog` records the confirmation of a second person (所属長 or 確認者), or that the
file goes out without one (:mod:`welfareplan.core.confirmation`); it says that the record is
not a signature.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from welfareplan.core.confirmation import NOT_A_SIGNATURE, ROLES, Confirmation
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.review_file import FileComment, file_comments, write_reply
from welfareplan.core.storage import Workbook
from welfareplan.gui.style import BANNER_STYLE, WARNING_COLOR

COMMENT_ROLE = Qt.ItemDataRole.UserRole + 2


def comment_state(c: FileComment) -> str:
    if not c.is_open:
        return "解決済み"
    return "回答済み" if c.answered else "未回答"


def field_notes(comments: list[FileComment], entry_id: str) -> dict[str, str]:
    """field key → what to show beside the field: the comment and this file's reply."""
    out = {}
    for c in comments:
        if c.entry_id != entry_id:
            continue
        text = f"地域福祉課の指摘（{comment_state(c)}）: {c.comment_text}"
        if c.reply is not None:
            text += f"\n回答: {c.reply.text}"
        out[c.field] = text
    return out


class ReviewPanel(QWidget):
    """The 差戻し comments of a department file, with a reply box."""

    #: the user wants to see the entry a comment is about
    entryWanted = Signal(str)
    #: a reply was saved (the file changed)
    replied = Signal()

    def __init__(self, workbook: Workbook, *, read_only: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.workbook = workbook
        self.read_only = read_only
        self.comments: list[FileComment] = []
        self.setObjectName("reviewPanel")
        self.setStyleSheet(f"#reviewPanel {{ {BANNER_STYLE} }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        row = QHBoxLayout()
        self.list = QListWidget(self)
        self.list.setAccessibleName("差戻しの指摘の一覧")
        self.list.setMaximumHeight(110)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row.addWidget(self.list, 3)
        right = QVBoxLayout()
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.notes)
        self.reply = QPlainTextEdit(self)
        self.reply.setObjectName("replyText")
        self.reply.setPlaceholderText("この指摘への回答を記入してください。")
        self.reply.setAccessibleName("指摘への回答")
        self.reply.setTabChangesFocus(True)
        self.reply.setMaximumHeight(self.reply.fontMetrics().lineSpacing() * 3 + 12)
        right.addWidget(self.reply)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("回答者:", self))
        self.author = QLineEdit(self)
        self.author.setObjectName("replyAuthor")
        self.author.setAccessibleName("回答者の氏名")
        self.author.setPlaceholderText("氏名")
        buttons.addWidget(self.author, 1)
        self.save = QPushButton("回答を保存", self)
        self.save.setObjectName("saveReplyButton")
        buttons.addWidget(self.save)
        self.status = QLabel(self)
        buttons.addWidget(self.status, 2)
        right.addLayout(buttons)
        row.addLayout(right, 4)
        layout.addLayout(row)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemActivated.connect(self._on_activated)
        self.save.clicked.connect(self.save_reply)
        self.reload()

    def reload(self) -> None:
        chosen = self.current()
        self.comments = sorted(
            file_comments(self.workbook),
            key=lambda c: (not c.is_open, c.answered, c.project_sort, c.field),
        )
        self.setVisible(bool(self.comments))
        waiting = [c for c in self.comments if c.is_open and not c.answered]
        self.title.setText(
            f"<b>地域福祉課からの差戻し</b>　指摘 {len(self.comments)} 件（未回答 {len(waiting)} 件）"
            "　各指摘の項目を直し、指摘ごとに回答を書いてください。回答はファイルに保存され、"
            "提出したファイルと一緒に地域福祉課へ届きます。"
        )
        self.list.clear()
        for c in self.comments:
            item = QListWidgetItem(
                f"［{comment_state(c)}］{c.project_label}「{c.field_label}」: {c.comment_text}"
            )
            item.setData(COMMENT_ROLE, c.id)
            self.list.addItem(item)
            if chosen is not None and c.id == chosen.id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)

    def current(self) -> FileComment | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        if item is None:
            return None
        cid = item.data(COMMENT_ROLE)
        return next((c for c in self.comments if c.id == cid), None)

    def _on_current(self, *_: object) -> None:
        c = self.current()
        if c is None:
            self.notes.setText("")
            return
        self.notes.setText(
            "<br>".join(
                f"{n.when} {n.kind_label}（{n.author}）: {n.text}"
                for n in c.notes
                if n.kind != "reply" or n.file_id == (c.reply.file_id if c.reply else None)
            )
        )
        self.reply.setPlainText(c.reply.text if c.reply else "")
        if c.reply is not None and not self.author.text():
            self.author.setText(c.reply.author)
        editable = c.is_open and not self.read_only
        self.reply.setReadOnly(not editable)
        self.save.setEnabled(editable)
        self.status.setText("")

    def _on_activated(self, item: QListWidgetItem) -> None:
        c = self.current()
        if c is not None:
            self.entryWanted.emit(c.entry_id)

    def save_reply(self) -> bool:
        c = self.current()
        if c is None:
            return False
        try:
            write_reply(self.workbook, c.id, self.reply.toPlainText(), author=self.author.text())
        except WelfareplanError as exc:
            self.status.setText(exc.message)
            self.status.setStyleSheet(f"color: {WARNING_COLOR};")
            return False
        self.reload()
        self.status.setText("回答を保存しました。")
        self.status.setStyleSheet("")
        self.replied.emit()
        return True


class ConfirmDialog(QDialog):
    """Record the section chief's confirmation (or that there is none)."""

    def __init__(self, workbook: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from welfareplan.core.confirmation import file_confirmation

        self.workbook = workbook
        self.recorded: Confirmation | None = None
        current = file_confirmation(workbook)
        self.setWindowTitle("所属長・確認者の確認")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "記入者とは別の人（所属長または確認者）が内容を確認したことを記録します。"
            + NOT_A_SIGNATURE
            + "確認のあとで記入を変えると「確認後に変更あり」と表示されます。",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if current is not None:
            layout.addWidget(QLabel(f"現在の記録: {current.label}", self))
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("confirmName")
        self.name.setAccessibleName("確認した人の氏名")
        form.addRow("氏名(&N):", self.name)
        self.role = QComboBox(self)
        self.role.addItems(list(ROLES))
        self.role.setAccessibleName("役職")
        form.addRow("役職(&R):", self.role)
        layout.addLayout(form)
        self.none = QCheckBox("確認なしで提出する（確認がないことを記録します）(&W)", self)
        self.none.setObjectName("noConfirmation")
        self.none.toggled.connect(self._on_none)
        layout.addWidget(self.none)
        self.error = QLabel(self)
        self.error.setStyleSheet(f"color: {WARNING_COLOR};")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("記録する")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(520, 280)

    def _on_none(self, on: bool) -> None:
        self.name.setEnabled(not on)
        self.role.setEnabled(not on)

    def accept(self) -> None:
        """Write what the dialog says; a refusal's message stays in the dialog."""
        from welfareplan.core.confirmation import record_confirmation, record_no_confirmation

        try:
            if self.none.isChecked():
                self.recorded = record_no_confirmation(self.workbook)
            else:
                self.recorded = record_confirmation(
                    self.workbook, self.name.text(), self.role.currentText()
                )
        except WelfareplanError as exc:
            self.error.setText(exc.message)
            return
        super().accept()
