"""The section chief's confirmation of a department file (所属長・確認者の確認).

After the file is prepared for 提出, a second person records that they checked it: name, role
(所属長 or 確認者) and time — or the file records that it goes out without a confirmation. It is
a record, not a signature: anyone who can open the file can write it; it tells the division who
says they checked, and when. Entries saved after the confirmation are shown as changed since.

Kept in ``wp_meta`` beside the submission (:mod:`welfareplan.core.submission`):

==========================  =================================================================
``confirmation``            ``confirmed`` or ``none`` (submitted without a confirmation)
``confirmed_by``            the confirming person's name
``confirmed_role``          所属長 or 確認者
``confirmed_at``            ISO-8601 time it was recorded
``confirmed_revision``      the file's ``revision`` when it was recorded
==========================  =================================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.identity import now
from welfareplan.core.plainsql import rows
from welfareplan.core.revision import bump_revision
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.core.timestamps import time_from_text, time_to_text

META_CONFIRMATION = "confirmation"
META_CONFIRMED_BY = "confirmed_by"
META_CONFIRMED_ROLE = "confirmed_role"
META_CONFIRMED_AT = "confirmed_at"
META_CONFIRMED_REVISION = "confirmed_revision"
CONFIRMATION_KEYS = (
    META_CONFIRMATION,
    META_CONFIRMED_BY,
    META_CONFIRMED_ROLE,
    META_CONFIRMED_AT,
    META_CONFIRMED_REVISION,
)
#: The roles a confirming person can have.
ROLES: tuple[str, ...] = ("所属長", "確認者")
#: What the UI says about what a confirmation is.
NOT_A_SIGNATURE = (
    "確認の記録は、誰がいつ内容を確認したかの記録です。電子署名ではありません"
    "（ファイルを開ける人なら誰でも記録できます）。"
)


@dataclass(frozen=True)
class Confirmation:
    """What a file says about its confirmation."""

    kind: str  # 'confirmed' or 'none'
    name: str = ""
    role: str = ""
    at: dt.datetime | None = None
    revision: int | None = None

    @property
    def confirmed(self) -> bool:
        return self.kind == "confirmed"

    def changed_since(self, revision: int) -> bool:
        """Whether the file was saved after the confirmation was recorded."""
        return self.confirmed and self.revision is not None and revision > self.revision

    @property
    def label(self) -> str:
        """'確認済み（所属長 山田 花子、2026-05-10 10:23）' or '確認なしで提出'."""
        if not self.confirmed:
            return "確認なしで提出"
        when = f"、{self.at:%Y-%m-%d %H:%M}" if self.at is not None else ""
        return f"確認済み（{self.role} {self.name}{when}）"


def confirmation_from_meta(meta: Mapping[str, str]) -> Confirmation | None:
    """The confirmation ``wp_meta`` records (None: nothing recorded; a damaged record reads as
    nothing recorded, never as confirmed)."""
    kind = meta.get(META_CONFIRMATION, "")
    if kind == "none":
        return Confirmation("none")
    if kind != "confirmed":
        return None
    name = clean_text(meta.get(META_CONFIRMED_BY, "")).strip()
    role = clean_text(meta.get(META_CONFIRMED_ROLE, "")).strip()
    try:
        at = time_from_text(meta.get(META_CONFIRMED_AT, ""))
        revision = int(meta.get(META_CONFIRMED_REVISION, ""))
    except ValueError:
        return None
    if not name or role not in ROLES or revision < 0:
        return None
    return Confirmation("confirmed", name, role, at, revision)


def file_confirmation(wb: Workbook) -> Confirmation | None:
    return confirmation_from_meta(wb.meta())


def _write(wb: Workbook, values: dict[str, str]) -> Confirmation:
    if wb.kind is not FileKind.DEPARTMENT:
        raise DataError("確認を記録できるのは担当課ファイルだけです。", code="not-department")
    with wb.sql_transaction() as con:
        meta = dict(con.execute("SELECT key, value FROM wp_meta").fetchall())
        row = con.execute("SELECT status FROM round WHERE id = :id", {"id": meta.get("round_id")})
        status = (row.fetchone() or (None,))[0]
        if status != "open":
            raise ReadOnlyError("この年度の評価は締め切られているため、確認を記録できません。")
        # a new revision, like a save: a confirmation recorded after the file was merged is
        # news the division has not seen, never an unchanged copy of what it merged
        revision = bump_revision(con)
        if meta.get("submitted_at") and meta.get("submitted_revision") == meta.get("revision"):
            # the values are the submitted ones still: the file stays submitted as it was
            con.execute(
                "UPDATE wp_meta SET value = :v WHERE key = 'submitted_revision'",
                {"v": str(revision)},
            )
        if values[META_CONFIRMATION] == "confirmed":  # the file as it is now
            values = {**values, META_CONFIRMED_REVISION: str(revision)}
        con.executemany("DELETE FROM wp_meta WHERE key = :k", [{"k": k} for k in CONFIRMATION_KEYS])
        con.executemany(
            "INSERT INTO wp_meta (key, value) VALUES (:k, :v)",
            [{"k": k, "v": v} for k, v in values.items()],
        )
    found = file_confirmation(wb)
    assert found is not None
    return found


def record_confirmation(wb: Workbook, name: str, role: str) -> Confirmation:
    """Record that ``name`` (``role``: 所属長 or 確認者) confirmed the file as it is now."""
    who = clean_text(name).strip()
    if not who:
        raise DataError("確認した人の氏名を入力してください。", code="no-name")
    if role not in ROLES:
        raise DataError(
            f"役職「{role}」は選べません（{'・'.join(ROLES)} のどちらか）。", code="bad-role"
        )
    return _write(
        wb,
        {
            META_CONFIRMATION: "confirmed",
            META_CONFIRMED_BY: who,
            META_CONFIRMED_ROLE: role,
            META_CONFIRMED_AT: time_to_text(now()),
        },
    )


def record_no_confirmation(wb: Workbook) -> Confirmation:
    """Record that the file goes out without a confirmation."""
    return _write(wb, {META_CONFIRMATION: "none"})


def changed_since_confirmation(wb: Workbook, found: Confirmation) -> list[str]:
    """'事業9' for each entry of the file saved after the confirmation was recorded."""
    if not found.confirmed or found.at is None:
        return []
    round_id = wb.meta().get("round_id", "")
    with wb.reader() as con:
        saved = rows(
            con,
            "SELECT p.label, e.updated_at FROM entry e JOIN project p ON p.id = e.project_id "
            "WHERE e.round_id = :round_id AND e.updated_at IS NOT NULL ORDER BY p.sort",
            {"round_id": round_id},
        )
    out = []
    for label, updated in saved:
        try:
            if time_from_text(updated) > found.at:
                out.append(f"事業{label}")
        except ValueError:
            continue
    return out
