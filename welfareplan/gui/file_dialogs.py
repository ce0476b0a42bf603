"""The questions the window asks about the file itself: it was replaced, moved or deleted while
open; it lies in a folder this user cannot write to; work typed earlier was never written back
(for this file, or for another copy of it elsewhere). Each names the file and where it is,
says what each button does, and can be cancelled (Escape)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.recovery import Recovery
from welfareplan.core.workcopy import CatchUp, ReplacedError
from welfareplan.gui.changed_original import OVERWRITE, SAVE_AS, lost_text

T = TypeVar("T")


class FileChoice(Enum):
    """What to do with work that could not be written back to the original."""

    RETRY = "retry"
    OVERWRITE = "overwrite"
    SAVE_AS = "save-as"
    KEEP = "keep"  # closing: keep the work on this computer (offered again next time)
    CANCEL = "cancel"


Role = QMessageBox.ButtonRole


def _ask(
    parent: QWidget,
    icon: QMessageBox.Icon,
    texts: tuple[str, str, str],
    options: list[tuple[str, Role, T]],
    *,
    cancelled: T,
    default: int = 0,
    details: str = "",
) -> T:
    """A message box with ``texts`` (title, text, informative text), one button per option
    (text, role, value) and キャンセル (also Escape), answering the value of the button
    clicked (``cancelled`` for キャンセル)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    title, text, more = texts
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(more)
    if details:
        box.setDetailedText(details)
    buttons = [(box.addButton(label, role), value) for label, role, value in options]
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(buttons[default][0])
    box.setEscapeButton(cancel)
    box.exec()
    return next((value for button, value in buttons if box.clickedButton() is button), cancelled)


def _when(recovery: Recovery) -> str:
    return f"{recovery.saved_at:%Y年%m月%d日 %H:%M}" if recovery.saved_at else "前回"


def ask_replaced(
    parent: QWidget, original: Path, *, closing: bool, outcome: CatchUp | None = None
) -> FileChoice:
    """The original was changed — replaced, moved or deleted — while it was open, and this
    work could not be brought onto it (``outcome``, from
    :meth:`~welfareplan.core.workcopy.WorkingCopy.catch_up`, names what overwriting would
    discard): overwrite it with this work, save the work under another name, (closing) keep it
    on this computer, or cancel."""
    reason = f"{outcome.reason}\n" if outcome is not None and outcome.reason else ""
    if not original.exists():
        title = "ファイルが見つかりません"
        text = (
            f"「{original.name}」が、開いている間に移動されたか削除されました"
            f"（元の場所: {original.parent}）。"
        )
        overwrite = "元の場所に保存し直して閉じる" if closing else "元の場所に保存し直す"
        loss = ""
    else:
        title = "ファイルが別の操作で変更されました"
        text = (
            f"「{original.name}」が、開いている間に別の操作で変更されました"
            f"（{original.parent}。別の人が保存した、送り直されたファイルで置き換えられた など）。"
            "あなたの入力を自動ではまとめられません。"
        )
        overwrite = "上書きして閉じる" if closing else OVERWRITE
        loss = lost_text(outcome) + "\n" if outcome is not None else ""
    if closing:
        more = "あなたの入力をどうしますか？「キャンセル」で、閉じずに戻ります。"
    else:
        more = (
            "あなたの入力で上書きするか、別の名前で保存してください。「キャンセル」にすると、入力は"
            "このコンピューターに保存されたままになり、後で「保存」か「名前を付けて保存」を選べます。"
        )
    options = [
        (overwrite, Role.DestructiveRole, FileChoice.OVERWRITE),
        (
            "名前を付けて保存して閉じる…" if closing else SAVE_AS,
            Role.AcceptRole,
            FileChoice.SAVE_AS,
        ),
    ]
    if closing:
        options.append(("このコンピューターに残して閉じる", Role.ActionRole, FileChoice.KEEP))
    details = ""
    if outcome is not None and (outcome.would_lose or outcome.ours):
        details = (
            "別の操作による変更:\n"
            + "\n".join(f"・{line}" for line in outcome.would_lose)
            + "\n\nあなたの入力（このコンピューターに保存済み）:\n"
            + "\n".join(f"・{line}" for line in outcome.ours)
        )
    return _ask(
        parent,
        QMessageBox.Icon.Warning,
        (title, text, reason + loss + more),
        options,
        cancelled=FileChoice.CANCEL,
        default=1,
        details=details,
    )


def ask_write_failed(parent: QWidget, message: str) -> FileChoice:
    """Closing, the original could not be written (share gone, disk full …)."""
    return _ask(
        parent,
        QMessageBox.Icon.Warning,
        ("元のファイルに保存できません", message, ""),
        [
            ("再試行", Role.AcceptRole, FileChoice.RETRY),
            ("名前を付けて保存…", Role.ActionRole, FileChoice.SAVE_AS),
            ("このコンピューターに残して閉じる", Role.DestructiveRole, FileChoice.KEEP),
        ],
        cancelled=FileChoice.CANCEL,
    )


def ask_at_close(
    parent: QWidget, original: Path, exc: WelfareplanError, outcome: CatchUp | None = None
) -> FileChoice:
    """Closing, writing back failed with ``exc``: the question that fits it."""
    if isinstance(exc, ReplacedError):
        return ask_replaced(parent, original, closing=True, outcome=outcome)
    return ask_write_failed(parent, exc.message)


def ask_recovery(parent: QWidget, recovery: Recovery) -> bool | None:
    """Work typed into this very file (this place) never reached it: restore it (True),
    throw it away (False) or cancel opening (None)."""
    answers: list[tuple[str, Role, bool | None]] = [
        ("復元する", Role.AcceptRole, True),
        ("破棄する", Role.DestructiveRole, False),
    ]
    return _ask(
        parent,
        QMessageBox.Icon.Question,
        (
            "前回の入力の復元",
            f"「{recovery.original.name}」（{recovery.original.parent}）には、{_when(recovery)} に"
            "入力して、元のファイルに保存されないまま終わった内容があります。復元しますか？",
            "「復元する」を選ぶと、その入力から続けられます（元のファイルにも保存されます）。"
            "「破棄する」を選ぶと、その入力は消え、元のファイルのまま開きます。",
        ),
        answers,
        cancelled=None,
    )


def tell_other_copies(parent: QWidget, original: Path, others: list[Recovery]) -> bool:
    """Work left for *other* copies of this file (the same issued file in another folder):
    say where and when, and that it is restored by opening that copy — never into this one.
    False when the user cancels opening."""
    lines = "\n".join(f"・{r.original}（{_when(r)} の入力）" for r in others)
    return _ask(
        parent,
        QMessageBox.Icon.Information,
        (
            "別の場所のコピーに未保存の入力があります",
            f"開こうとしている「{original.name}」（{original.parent}）とは別の場所にある同じファイルに、"
            f"保存されないまま終わった入力があります:\n{lines}",
            "その入力は、そのファイルを開くと復元できます（このファイルには書き込みません）。"
            "このファイルをこのまま開きますか？",
        ),
        [("このファイルを開く", Role.AcceptRole, True)],
        cancelled=False,
    )


class Unwritable(Enum):
    READ = "read"
    COPY = "copy"
    CANCEL = "cancel"


def ask_unwritable(parent: QWidget, path: Path) -> Unwritable:
    """The file lies in a folder this user cannot write to: read it, or copy it to a place
    that can be written and go on there."""
    return _ask(
        parent,
        QMessageBox.Icon.Warning,
        (
            "このフォルダには書き込めません",
            f"「{path.name}」のあるフォルダ（{path.parent}）に書き込めないため、このままでは編集できません。",
            "閲覧のみで開くか、書き込める場所（ドキュメントなど）にコピーして、そのコピーを編集できます"
            "（コピーを編集した場合は、送り返すときにそのコピーを送ってください）。",
        ),
        [
            ("閲覧のみで開く", Role.AcceptRole, Unwritable.READ),
            ("コピーして編集する…", Role.ActionRole, Unwritable.COPY),
        ],
        cancelled=Unwritable.CANCEL,
        default=1,
    )


def choose_copy_place(parent: QWidget, path: Path, start_folder: Path) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        "コピーして編集する（保存先を選ぶ）",
        str(start_folder / path.name),
        "welfareplan のファイル (*.wpdb)",
    )
    return Path(chosen) if chosen else None
