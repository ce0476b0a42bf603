"""The questions the window asks about the file itself: it was replaced, moved or deleted while
open; it lies in a folder this user cannot write to; work typed earlier was never written back
(for this file, or for another copy of it elsewhere). Each names the file and where it is,
says what each button does, and can be cancelled (Escape)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.workcopy import Recovery, ReplacedError


class FileChoice(Enum):
    """What to do with work that could not be written back to the original."""

    RETRY = "retry"
    OVERWRITE = "overwrite"
    SAVE_AS = "save-as"
    KEEP = "keep"  # closing: keep the work on this computer (offered again next time)
    CANCEL = "cancel"


def _box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, more: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(more)
    return box


def _when(recovery: Recovery) -> str:
    return f"{recovery.saved_at:%Y年%m月%d日 %H:%M}" if recovery.saved_at else "前回"


def ask_replaced(parent: QWidget, original: Path, *, closing: bool) -> FileChoice:
    """The original was replaced — or moved or deleted — while it was open: overwrite it with
    this work, save the work under another name, (closing) keep it on this computer, or cancel."""
    gone = not original.exists()
    if gone:
        title = "ファイルが見つかりません"
        text = (
            f"「{original.name}」が、開いている間に移動されたか削除されました"
            f"（元の場所: {original.parent}）。"
        )
        overwrite_text = "元の場所に保存し直す"
    else:
        title = "ファイルが置き換えられました"
        text = (
            f"「{original.name}」が、開いている間に別の操作で置き換えられました"
            f"（{original.parent}。別の人が保存した、送り直されたファイルで上書きされた など）。"
        )
        overwrite_text = "上書きする"
    if closing:
        overwrite_text = "元の場所に保存し直して閉じる" if gone else "上書きして閉じる"
        more = "あなたの入力をどうしますか？「キャンセル」で、閉じずに戻ります。"
    else:
        more = (
            "あなたの入力で上書きするか、別の名前で保存してください。「キャンセル」にすると、入力は"
            "このコンピューターに保存されたままになり、後で「保存」か「名前を付けて保存」を選べます。"
        )
    box = _box(parent, QMessageBox.Icon.Warning, title, text, more)
    overwrite = box.addButton(overwrite_text, QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton(
        "名前を付けて保存して閉じる…" if closing else "名前を付けて保存…",
        QMessageBox.ButtonRole.AcceptRole,
    )
    keep = (
        box.addButton("このコンピューターに残して閉じる", QMessageBox.ButtonRole.ActionRole)
        if closing
        else None
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is overwrite:
        return FileChoice.OVERWRITE
    if clicked is save_as:
        return FileChoice.SAVE_AS
    if keep is not None and clicked is keep:
        return FileChoice.KEEP
    return FileChoice.CANCEL


def ask_write_failed(parent: QWidget, message: str) -> FileChoice:
    """Closing, the original could not be written (share gone, disk full …)."""
    box = _box(parent, QMessageBox.Icon.Warning, "元のファイルに保存できません", message, "")
    retry = box.addButton("再試行", QMessageBox.ButtonRole.AcceptRole)
    save_as = box.addButton("名前を付けて保存…", QMessageBox.ButtonRole.ActionRole)
    keep = box.addButton("このコンピューターに残して閉じる", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(retry)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    for button, choice in (
        (retry, FileChoice.RETRY),
        (save_as, FileChoice.SAVE_AS),
        (keep, FileChoice.KEEP),
    ):
        if clicked is button:
            return choice
    return FileChoice.CANCEL


def ask_at_close(parent: QWidget, original: Path, exc: WelfareplanError) -> FileChoice:
    """Closing, writing back failed with ``exc``: the question that fits it."""
    if isinstance(exc, ReplacedError):
        return ask_replaced(parent, original, closing=True)
    return ask_write_failed(parent, exc.message)


def ask_recovery(parent: QWidget, recovery: Recovery) -> bool | None:
    """Work typed into this very file (this place) never reached it: restore it (True),
    throw it away (False) or cancel opening (None)."""
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        "前回の入力の復元",
        f"「{recovery.original.name}」（{recovery.original.parent}）には、{_when(recovery)} に入力して、"
        "元のファイルに保存されないまま終わった内容があります。復元しますか？",
        "「復元する」を選ぶと、その入力から続けられます（元のファイルにも保存されます）。"
        "「破棄する」を選ぶと、その入力は消え、元のファイルのまま開きます。",
    )
    restore = box.addButton("復元する", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("破棄する", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(restore)
    box.setEscapeButton(cancel)
    box.exec()
    if box.clickedButton() is restore:
        return True
    if box.clickedButton() is discard:
        return False
    return None


def tell_other_copies(parent: QWidget, original: Path, others: list[Recovery]) -> bool:
    """Work left for *other* copies of this file (the same issued file in another folder):
    say where and when, and that it is restored by opening that copy — never into this one.
    False when the user cancels opening."""
    lines = "\n".join(f"・{r.original}（{_when(r)} の入力）" for r in others)
    box = _box(
        parent,
        QMessageBox.Icon.Information,
        "別の場所のコピーに未保存の入力があります",
        f"開こうとしている「{original.name}」（{original.parent}）とは別の場所にある同じファイルに、"
        f"保存されないまま終わった入力があります:\n{lines}",
        "その入力は、そのファイルを開くと復元できます（このファイルには書き込みません）。"
        "このファイルをこのまま開きますか？",
    )
    box.addButton("このファイルを開く", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is not cancel


class Unwritable(Enum):
    READ = "read"
    COPY = "copy"
    CANCEL = "cancel"


def ask_unwritable(parent: QWidget, path: Path) -> Unwritable:
    """The file lies in a folder this user cannot write to: read it, or copy it to a place
    that can be written and go on there."""
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        "このフォルダには書き込めません",
        f"「{path.name}」のあるフォルダ（{path.parent}）に書き込めないため、このままでは編集できません。",
        "閲覧のみで開くか、書き込める場所（ドキュメントなど）にコピーして、そのコピーを編集できます"
        "（コピーを編集した場合は、送り返すときにそのコピーを送ってください）。",
    )
    read = box.addButton("閲覧のみで開く", QMessageBox.ButtonRole.AcceptRole)
    copy = box.addButton("コピーして編集する…", QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(copy)
    box.setEscapeButton(cancel)
    box.exec()
    if box.clickedButton() is read:
        return Unwritable.READ
    if box.clickedButton() is copy:
        return Unwritable.COPY
    return Unwritable.CANCEL


def choose_copy_place(parent: QWidget, path: Path, start_folder: Path) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        "コピーして編集する（保存先を選ぶ）",
        str(start_folder / path.name),
        "welfareplan のファイル (*.wpdb)",
    )
    return Path(chosen) if chosen else None
