"""Where a message sends the user, in the words of the front end that shows it.

Messages are written once, in the Qt-free services, and both front ends show them. A message
that tells the user to do something elsewhere names the step as the window shows it — a tab and
a button (「状況」タブの「Excel様式を配布」) — and, on the command line, as the command
(``welfareplan distribute --format xlsx``). The window's words are the default; the command line
runs every command inside :func:`command_line`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ON_COMMAND_LINE: ContextVar[bool] = ContextVar("welfareplan_command_line", default=False)

#: place → (the window's words, the command line's words)
PLACES: dict[str, tuple[str, str]] = {
    "backups": ("「変更履歴・バックアップ」タブのバックアップの一覧", "welfareplan backups"),
    "distribute": ("「状況」タブの「担当課ファイルを配布」", "welfareplan distribute"),
    "distribute-xlsx": (
        "「状況」タブの「Excel様式を配布」",
        "welfareplan distribute --format xlsx",
    ),
    "worksheets": ("「出力」タブの「評価シートを出力」", "welfareplan worksheets"),
    "reopen": ("画面上部の「受付を再開する」", "welfareplan round --reopen 年度"),
    "entries": ("「記入内容」タブ", "welfareplan の画面の「記入内容」タブ"),
    "confirm-delete-entries": (
        "確認の画面で「記入も削除する」に印を付けてください",
        "確認として --with-entries を付けてください",
    ),
}


def where_to(place: str) -> str:
    """The step ``place`` (a key of :data:`PLACES`) in the words of the running front end."""
    window, command = PLACES[place]
    return command if _ON_COMMAND_LINE.get() else window


@contextmanager
def command_line() -> Iterator[None]:
    """Messages made inside name command-line commands instead of tabs and buttons."""
    token = _ON_COMMAND_LINE.set(True)
    try:
        yield
    finally:
        _ON_COMMAND_LINE.reset(token)
