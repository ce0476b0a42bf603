"""Saving what the user typed into an entry: one small transaction per save.

In a department file every save also increments ``wp_meta.revision`` (the merge orders returns
of the same issued file by it). In the master workbook every changed field is written to the
audit table, so a later return that changed the same field shows up as a conflict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from welfareplan.core.checks import EntryValues
from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.identity import os_user
from welfareplan.core.model import RATINGS, AuditEvent, Entry, MetaItem, now
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text


@dataclass(frozen=True)
class SaveResult:
    entry_id: str
    changed: tuple[str, ...]
    saved_at: dt.datetime | None
    revision: int | None


def bump_revision(session: Session) -> int:
    item = session.get(MetaItem, "revision")
    if item is None:
        item = MetaItem(key="revision", value="0")
        session.add(item)
    value = int(item.value or "0") + 1
    item.value = str(value)
    return value


def read_revision(wb: Workbook) -> int:
    return int(wb.meta().get("revision", "0") or 0)


def save_entry(
    wb: Workbook,
    entry_id: str,
    values: EntryValues,
    *,
    user: str | None = None,
    source: str = "",
) -> SaveResult:
    """Store ``values`` in the entry. Unchanged fields are not touched; no change, no write."""
    if values.rating not in ("", *RATINGS):
        raise DataError(
            f"事業評価「{values.rating}」は選べません。A・B・C・D のどれかを選んでください。"
        )
    new = {
        "result": clean_text(values.result),
        "rating": values.rating,
        "outlook": clean_text(values.outlook),
    }
    who = user or os_user()
    with wb.transaction() as session:
        entry = session.get(Entry, entry_id)
        if entry is None:
            raise DataError("この記入欄はファイルにありません（削除されたか、別のファイルです）。")
        if not entry.round.is_open:
            raise ReadOnlyError(
                f"{entry.round.fiscal_year}年度の評価は締め切られているため、変更できません。"
            )
        changed = tuple(f for f in ("result", "rating", "outlook") if getattr(entry, f) != new[f])
        if not changed:
            return SaveResult(entry_id, (), entry.updated_at, None)
        stamp = now()
        if wb.kind is FileKind.WORKBOOK:
            for f in changed:
                session.add(
                    AuditEvent(
                        at=stamp,
                        os_user=os_user(),
                        action="edit",
                        round_id=entry.round_id,
                        project_id=entry.project_id,
                        department_id=entry.department_id,
                        field=f,
                        old=getattr(entry, f),
                        new=new[f],
                        source_file=source,
                        note=f"入力者: {who}",
                    )
                )
        for f in changed:
            setattr(entry, f, new[f])
        entry.updated_at = stamp
        entry.updated_by = who
        revision = bump_revision(session) if wb.kind is FileKind.DEPARTMENT else None
    return SaveResult(entry_id, changed, stamp, revision)
