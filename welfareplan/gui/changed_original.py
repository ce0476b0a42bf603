"""What the window says when the original was changed underneath and the unsaved edits could
not be brought onto it: exactly what writing back would discard (the question itself is
:func:`welfareplan.gui.file_dialogs.ask_replaced`)."""

from __future__ import annotations

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
