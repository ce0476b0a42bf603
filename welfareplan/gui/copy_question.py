"""The question before 「前年度の…を写す」 replaces text the user has already written."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_replace(parent: QWidget, label: str, chars: int) -> bool:
    """Whether to replace this year's ``label`` (``chars`` characters written) with last
    year's. 「やめる」 is the default: Enter keeps what was written."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "前年度の記入を写す",
        f"今年度の「{label}」には、すでに {chars:,} 文字書かれています。"
        "前年度の記入で置き換えますか？",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText("置き換えたあとも、元に戻す（Ctrl+Z）で今の記入に戻せます。")
    replace = box.addButton("置き換える", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("やめる", QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is replace
