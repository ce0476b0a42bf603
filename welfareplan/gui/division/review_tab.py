"""差戻し: the division's comments per field of the round's entries.

The list shows every comment (state, department, project, field, the comment, the latest
reply); the details every note in order and the field's value in the master now. The division
adds a comment to a field (:class:`AddCommentDialog`: the fields are the plan's form), sends a
department's open comments back with a re-issued file (or Excel worksheet), and closes each
comment — resolved, or kept open with another note. Also here: how the merge tab shows a reply
(:func:`add_reply_items`, :func:`reply_html`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from welfareplan.core.errors import WelfareplanError
from welfareplan.gui.division.context import DivisionContext
from welfareplan.gui.style import WARNING_COLOR
from welfareplan.workflow.returns.merge_types import FilePreview, ReplyChange
from welfareplan.workflow.review.comments import (
    CommentTarget,
    CommentView,
    add_comment,
    close_comment,
    comment_targets,
    list_comments,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("状態", "担当課", "事業", "項目", "指摘", "最新の回答")


def reply_html(r: ReplyChange) -> str:
    """A reply beside the comment it answers (the merge tab's details)."""
    changed = (
        f"<p><b>前回取り込んだ回答:</b> {html.escape(r.old_text)}</p>"
        if r.old_text is not None
        else ""
    )
    return (
        f"<p><b>地域福祉課の指摘:</b> {html.escape(r.comment_text)}</p>"
        f"<p><b>担当課の回答（{html.escape(r.reply.author)}）:</b> {html.escape(r.reply.text)}</p>"
        + changed
    )


def add_reply_items(top: QTreeWidgetItem, f: FilePreview, kind_role: int, key_role: int) -> None:
    """One row per reply under its file in the merge tab's tree."""
    for r in f.replies:
        item = QTreeWidgetItem(
            top,
            [
                f"{r.entry.project_label}／{r.entry.department_name}／{r.field_label}",
                "差戻しへの回答" + ("（変更）" if r.old_text is not None else ""),
            ],
        )
        item.setData(0, kind_role, "reply")
        item.setData(0, key_role, (f.sha256, r.reply.note_id))


def find_reply(files: tuple[FilePreview, ...], key: tuple[str, str]) -> ReplyChange | None:
    sha, note_id = key
    return next(
        (r for f in files if f.sha256 == sha for r in f.replies if r.reply.note_id == note_id),
        None,
    )


class AddCommentDialog(QDialog):
    """Choose a department's entry and a field of the form, and type the comment."""

    def __init__(
        self,
        targets: list[CommentTarget],
        fields: list[tuple[str, str]],
        submit: Callable[[AddCommentDialog], str],
        parent: QWidget | None = None,
        *,
        department: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("差戻しの指摘を追加")
        self.targets = targets
        self.submit = submit
        self.added = ""
        layout = QVBoxLayout(self)
        intro = QLabel(
            "直してほしい項目と、その理由を書きます。指摘は「差戻し」で担当課へ配布し直すファイルに"
            "載り、担当課は項目を直して指摘ごとに回答します。",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.department = QComboBox(self)
        self.department.setObjectName("commentDepartment")
        names = list(dict.fromkeys(t.department_name for t in targets))
        self.department.addItems(names)
        if department in names:
            self.department.setCurrentText(department)
        form.addRow("担当課(&D):", self.department)
        self.project = QComboBox(self)
        self.project.setObjectName("commentProject")
        form.addRow("事業(&P):", self.project)
        self.field = QComboBox(self)
        self.field.setObjectName("commentField")
        for key, label in fields:
            self.field.addItem(label, key)
        form.addRow("項目(&F):", self.field)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("commentText")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("例: B の理由を具体的に書いてください。")
        form.addRow("指摘(&C):", self.text)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {WARNING_COLOR};")
        layout.addWidget(self.error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("追加する")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.department.currentTextChanged.connect(self._fill_projects)
        self._fill_projects(self.department.currentText())
        self.resize(560, 380)

    def accept(self) -> None:
        """Add the comment; a refusal's reason stays in the dialog and nothing is written."""
        try:
            self.added = self.submit(self)
        except WelfareplanError as exc:
            self.error.setText(exc.message)
            return
        super().accept()

    def _fill_projects(self, department: str) -> None:
        self.project.clear()
        for t in self.targets:
            if t.department_name == department:
                self.project.addItem(t.project_title, t.project_label)


class ReviewTab(QWidget):
    def __init__(self, ctx: DivisionContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.comments: list[CommentView] = []
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.summary = QLabel(self)
        buttons.addWidget(self.summary, 1)
        self.add_button = QPushButton("指摘を追加(&A)…", self)
        self.send_button = QPushButton("選んだ担当課へ差戻し(&S)…", self)
        self.send_button.setToolTip(
            "選んだ指摘の担当課に、未解決の指摘を載せた担当課ファイル（または Excel 評価シート）を"
            "配布し直します。"
        )
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.tree = QTreeWidget(splitter)
        self.tree.setObjectName("commentTree")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("差戻しの指摘の一覧")
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        details = QWidget(splitter)
        dl = QVBoxLayout(details)
        dl.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(details)
        self.title.setWordWrap(True)
        dl.addWidget(self.title)
        self.notes = QTextBrowser(details)
        dl.addWidget(self.notes, 1)
        self.note = QPlainTextEdit(details)
        self.note.setObjectName("closeNote")
        self.note.setAccessibleName("解決・継続のメモ")
        self.note.setPlaceholderText("解決のメモ（省略可）、または継続するときの追加の指摘")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(self.note.fontMetrics().lineSpacing() * 3 + 12)
        dl.addWidget(self.note)
        row = QHBoxLayout()
        self.status = QLabel(details)
        self.status.setWordWrap(True)
        row.addWidget(self.status, 1)
        self.resolve_button = QPushButton("解決にする(&R)", details)
        self.keep_button = QPushButton("継続（メモを付けて）(&K)", details)
        row.addWidget(self.resolve_button)
        row.addWidget(self.keep_button)
        dl.addLayout(row)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.tree.currentItemChanged.connect(self._show)
        self.add_button.clicked.connect(self.add)
        self.send_button.clicked.connect(self.send_back)
        self.resolve_button.clicked.connect(lambda: self.close_current(resolved=True))
        self.keep_button.clicked.connect(lambda: self.close_current(resolved=False))

    def refresh(self, select_id: str | None = None) -> None:
        year = self.ctx.fiscal_year
        if year is None:
            return
        shown = self.current()
        chosen = select_id or (shown.id if shown is not None else None)
        self.comments = list_comments(self.ctx.workbook, year)
        self.tree.clear()
        current = None
        for c in self.comments:
            reply = c.last_reply
            item = QTreeWidgetItem(
                self.tree,
                [
                    c.status_label,
                    c.department_name,
                    c.project_label,
                    c.field_label,
                    c.comment_text,
                    reply.text if reply else "",
                ],
            )
            item.setData(0, ID_ROLE, c.id)
            item.setToolTip(4, c.comment_text)
            if c.is_open:
                item.setForeground(0, self.palette().link())
            if c.id == chosen:
                current = item
        open_count = sum(c.is_open for c in self.comments)
        self.summary.setText(
            f"指摘 {len(self.comments)} 件（未解決 {open_count} 件）"
            if self.comments
            else "差戻しの指摘はありません。「指摘を追加」で、記入の項目ごとに指摘を付けられます。"
        )
        writable = not self.ctx.read_only
        self.add_button.setEnabled(writable)
        if current is None and self.tree.topLevelItemCount():
            current = self.tree.topLevelItem(0)
        if current is not None:
            self.tree.setCurrentItem(current)
        self._show()

    def current(self) -> CommentView | None:
        item = self.tree.currentItem()
        cid = item.data(0, ID_ROLE) if item is not None else None
        return next((c for c in self.comments if c.id == cid), None)

    def _show(self, *_: object) -> None:
        c = self.current()
        editable = c is not None and c.is_open and not self.ctx.read_only
        self.resolve_button.setEnabled(editable)
        self.keep_button.setEnabled(editable)
        self.send_button.setEnabled(c is not None and not self.ctx.read_only)
        if c is None:
            self.title.setText("")
            self.notes.setHtml("")
            return
        sent = f"、{c.sent_at:%Y-%m-%d %H:%M} に差戻し" if c.sent_at else "（まだ差戻していません）"
        self.title.setText(
            f"<b>{html.escape(c.project_label)}</b>　{html.escape(c.department_name)}　"
            f"「{html.escape(c.field_label)}」　{c.status_label}{sent}"
        )
        notes = "".join(
            f"<p><b>{n.when} {html.escape(n.kind_label)}（{html.escape(n.author)}）</b><br>"
            f"{html.escape(n.text)}</p>"
            for n in c.notes
        )
        value = html.escape(c.value) or "（記入なし）"
        self.notes.setHtml(f"{notes}<hr><p><b>マスターの今の内容:</b><br>{value}</p>")

    def _done(self, message: str, select_id: str | None = None) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("")
        self.ctx.after_write()
        self.refresh(select_id)

    def _refused(self, exc: WelfareplanError) -> None:
        self.status.setText(exc.message)
        self.status.setStyleSheet(f"color: {WARNING_COLOR};")

    def add(self) -> None:
        year = self.ctx.fiscal_year
        if year is None:
            return
        targets, fields = comment_targets(self.ctx.workbook, year)
        c = self.current()

        def submit(d: AddCommentDialog) -> str:
            return add_comment(
                self.ctx.workbook,
                year,
                d.department.currentText(),
                str(d.project.currentData() or ""),
                field=str(d.field.currentData() or ""),
                text=d.text.toPlainText(),
            ).id

        dialog = AddCommentDialog(
            targets, fields, submit, self, department=c.department_name if c else None
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done("指摘を追加しました。「差戻し」で担当課へ届けてください。", dialog.added)

    def close_current(self, *, resolved: bool) -> None:
        c = self.current()
        if c is None:
            return
        try:
            view = close_comment(
                self.ctx.workbook, c.id, resolved=resolved, note=self.note.toPlainText()
            )
        except WelfareplanError as exc:
            self._refused(exc)
            return
        self.note.clear()
        self._done(
            "解決にしました。" if resolved else "継続にしました（次の差戻しで届きます）。", view.id
        )

    def send_back(self) -> None:
        from welfareplan.workflow.review.send_back import send_back

        c = self.current()
        year = self.ctx.fiscal_year
        if c is None or year is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, f"{c.department_name}へ差戻すファイルの保存先"
        )
        if not folder:
            return
        excel = (
            QMessageBox.question(
                self,
                "差戻し",
                f"{c.department_name}へ Excel 評価シートで差戻しますか？"
                "（「いいえ」: 担当課ファイルで差戻します）",
            )
            == QMessageBox.StandardButton.Yes
        )
        try:
            result = send_back(
                self.ctx.workbook,
                year,
                c.department_name,
                Path(folder),
                file_format="xlsx" if excel else "wpdb",
            )
        except WelfareplanError as exc:
            self._refused(exc)
            return
        names = "、".join(f.path.name for f in result.files)
        self._done(f"差戻しました: {names}。保存先のフォルダから担当課へ送ってください。", c.id)
        self.status.setToolTip(folder)
