"""Opening a file in the window: work left behind (for this file, or for another copy of it),
a folder that cannot be written to (read it, or copy it somewhere writable and edit the copy),
then the :class:`Document`. The questions are :mod:`welfareplan.gui.file_dialogs`'."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QWidget

from welfareplan.core.atomic import atomic_target, sqlite_snapshot
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.recovery import discard_recovery, find_recovery, other_recoveries
from welfareplan.core.workcopy import WorkingCopy
from welfareplan.gui.document import Document
from welfareplan.gui.file_dialogs import (
    Unwritable,
    ask_recovery,
    ask_unwritable,
    choose_copy_place,
    tell_other_copies,
)


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def copy_for_editing(path: Path, dest: Path) -> None:
    """A consistent copy of ``path`` at ``dest`` (written whole or not at all)."""
    if dest.resolve() == path.resolve():
        raise WelfareplanError(
            "コピー先には、元のファイルとは別の場所か名前を指定してください。", code="same-file"
        )
    with atomic_target(dest) as tmp:
        sqlite_snapshot(path, tmp)


def open_document(parent: QWidget, path: Path) -> Document | None:
    """The document for ``path`` after asking what needs asking; None when the user cancels.
    Raises :class:`WelfareplanError` (Japanese) for files that cannot be opened."""
    recovery = find_recovery(path)
    if recovery is not None:
        answer = ask_recovery(parent, recovery)
        if answer is None:
            return None
        if answer:
            from welfareplan.core.storage import Workbook

            wc = WorkingCopy.resume(recovery)
            document = Document(wc.original, Workbook.open(wc.local), wc)
            document.mark_saved_locally()
            return document
        discard_recovery(recovery)
    else:
        others = other_recoveries(path)
        if others and not tell_other_copies(parent, path, others):
            return None
    try:
        return Document.open(path)
    except WelfareplanError as exc:
        if exc.code != "lock-permission":
            raise
    choice = ask_unwritable(parent, path)
    if choice is Unwritable.READ:
        return Document.open_snapshot(
            path, f"フォルダ「{path.parent}」に書き込めないため、閲覧のみで開いています。"
        )
    if choice is Unwritable.COPY:
        dest = choose_copy_place(parent, path, _documents_folder())
        if dest is None:
            return None
        copy_for_editing(path, dest)
        return Document.open(dest)
    return None
