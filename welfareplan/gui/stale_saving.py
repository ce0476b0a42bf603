"""Two division staff editing one server master (issue 16), as the entries editor sees it.

- :func:`take_their_changes`: other staff saved entries; those this editor holds no typing
  for show the stored values now (the one in front too: its text is replaced only when
  nothing was typed into it since it was loaded or last saved).
- :func:`settle_conflicts`: a save met fields someone else changed after this editor loaded
  them (``SaveResult.conflicts``, not written). The user sees both texts and keeps theirs or
  overwrites with theirs as the new base; until then their own text stays in the editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from welfareplan.core.checks import EntryValues
from welfareplan.core.worklist import WorkItem, load_worklist
from welfareplan.gui.edit_conflict import EditConflictDialog

if TYPE_CHECKING:
    from welfareplan.core.editing import SaveResult
    from welfareplan.core.worklist import Worklist
    from welfareplan.gui.document import Document

UNDECIDED = (
    "保存していない項目があります: 他の職員の変更と重なっています"
    "（入力した文字は画面に残っています。もう一度保存すると選べます）。"
)


class EntriesView(Protocol):
    """What these functions use of :class:`welfareplan.gui.department_view.DepartmentView`."""

    document: Document
    worklist: Worklist
    current_id: str | None
    last_save_error: str
    settling: bool
    saveStatus: SignalInstance
    notice: SignalInstance

    def values_of(self, item: WorkItem) -> EntryValues: ...
    def has_pending_edits(self) -> bool: ...
    def reload_entry(self, item: WorkItem) -> None: ...
    def refresh_header(self) -> None: ...
    def save_current(self) -> bool: ...
    def store(self, item: WorkItem, values: EntryValues) -> SaveResult: ...


def _widget(view: EntriesView) -> QWidget:
    assert isinstance(view, QWidget)
    return view


def take_their_changes(view: EntriesView) -> bool | None:
    """True when an entry shown changed, False when nothing did, None when entries came or
    went (the caller builds the list again)."""
    fresh = load_worklist(
        view.document.workbook,
        department_id=view.worklist.department_id,
        round_id=view.worklist.round_id,
    )
    if [i.entry_id for i in fresh.items] != [i.entry_id for i in view.worklist.items]:
        return None
    changed = False
    for new in fresh.items:
        item = view.worklist.item(new.entry_id)
        if new.values == item.values:
            continue
        typing = view.values_of(item) != item.values or (
            item.entry_id == view.current_id and view.has_pending_edits()
        )
        if typing:  # ours still to save: the save meets their change (a conflict, asked)
            continue
        item.values, item.updated_at = new.values, new.updated_at
        view.reload_entry(item)
        changed = True
    if changed:
        view.refresh_header()
    return changed


def settle_conflicts(
    view: EntriesView, item: WorkItem, values: EntryValues, result: SaveResult
) -> bool:
    """Ask about the conflicts of a save of ``values``; True when the entry is settled."""
    conflicts = result.conflicts
    theirs = {c.field: c.theirs for c in conflicts}
    keys = item.form.keys
    # stored now: the fields written are ours, the others as the other user left them
    stored = EntryValues({k: theirs.get(k, values.get(k)) for k in keys})
    if result.saved_at is not None:
        item.updated_at = result.saved_at
    if result.changed:
        view.document.mark_saved_locally()
    dialog = EditConflictDialog(f"事業{item.label}　{item.name}", conflicts, _widget(view))
    view.settling = True
    try:
        answered = dialog.exec()
    finally:
        view.settling = False
    if answered != QDialog.DialogCode.Accepted:
        # written fields are saved; the others keep the old base, so the next save asks again
        item.values = EntryValues(
            {k: item.values.get(k) if k in theirs else values.get(k) for k in keys}
        )
        view.last_save_error = UNDECIDED
        view.saveStatus.emit("error", UNDECIDED)
        return False
    item.values = stored
    if dialog.keep_theirs:
        mine = "\n\n".join(f"【{c.label}】\n{c.yours}" for c in conflicts)
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(mine)
        view.last_save_error = ""
        view.reload_entry(item)
        view.saveStatus.emit("saved", "保存済み")
        view.notice.emit("相手の内容を残しました（あなたの内容はクリップボードにコピーしました）。")
        view.refresh_header()
        return True
    # overwrite: save again with what is stored now as the base
    if item.entry_id == view.current_id:
        return view.save_current()
    try:
        again = view.store(item, values)
    except Exception:
        view.last_save_error = UNDECIDED
        return False
    if again.conflicts:
        return settle_conflicts(view, item, values, again)
    item.values = values
    view.last_save_error = ""
    view.document.mark_saved_locally()
    view.reload_entry(item)
    return True
