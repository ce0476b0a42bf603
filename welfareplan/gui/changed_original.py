"""The question the window asks when the original was changed underneath and the unsaved
edits could not be brought onto it: it names exactly what writing back would discard."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from welfareplan.core.workcopy import CatchUp

#: Lines of the list shown in the message itself (all of them are in the details).
SHOWN_LINES = 12

OVERWRITE = "上書きする（一覧の変更を破棄）"
SAVE_AS = "名前を付けて保存…"


def lost_text(outcome: CatchUp) -> str:
    """The sentence and list of what overwriting the original would discard."""
    if not outcome.would_lose:
        return (
            "上書きすると、今の元のファイルの内容は失われます"
            "（上書きの前に、バックアップのフォルダに保存します）。"
        )
    shown = [f"・{line}" for line in outcome.would_lose[:SHOWN_LINES]]
    rest = len(outcome.would_lose) - SHOWN_LINES
    if rest > 0:
        shown.append(f"ほか {rest} 件（詳細を表示で確認できます）")
    return (
        "上書きすると、別の操作による次の変更が失われます"
        "（上書きの前に、今の元のファイルをバックアップのフォルダに保存します）:\n"
        + "\n".join(shown)
    )


def ask(parent: QWidget, name: str, outcome: CatchUp) -> str:
    """'overwrite', 'save-as' or '' (decide later; the work stays on this computer)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("ファイルが別の操作で変更されました")
    box.setText(
        f"「{name}」が、開いている間に別の操作で変更されました。"
        f"あなたの入力を自動ではまとめられません。{outcome.reason}"
    )
    box.setInformativeText(lost_text(outcome))
    if outcome.would_lose or outcome.ours:
        box.setDetailedText(
            "別の操作による変更:\n"
            + "\n".join(f"・{line}" for line in outcome.would_lose)
            + "\n\nあなたの入力（このコンピューターに保存済み）:\n"
            + "\n".join(f"・{line}" for line in outcome.ours)
        )
    overwrite = box.addButton(OVERWRITE, QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton(SAVE_AS, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("後で決める", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save_as)
    box.exec()
    if box.clickedButton() is overwrite:
        return "overwrite"
    if box.clickedButton() is save_as:
        return "save-as"
    return ""
