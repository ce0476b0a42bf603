"""Merging returned files, phase 2: :func:`apply_merge` writes exactly what the preview showed.

Before writing, the master must be byte-for-byte the file the preview was made from (else
nothing is applied). Then, after a rotating backup copy, one transaction: the applied field
changes (each with an audit row: round, project, department, field, old, new, source file name
and SHA-256, time, OS user), conflicts (resolved by ``choices`` or left open), a received-
return row per accepted file and the advance of each file's merge base. A cancelled or failed
apply rolls back completely.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, bindparam, func, select

from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.identity import os_user
from welfareplan.core.model import RATINGS, Base, ReceivedReturn, new_id, now
from welfareplan.core.storage import Workbook
from welfareplan.workflow.backups import DEFAULT_KEEP, backed_up
from welfareplan.workflow.fields import ENTRY_FIELDS
from welfareplan.workflow.merge_checks import file_sha256
from welfareplan.workflow.mergetypes import (
    Choice,
    Choices,
    Conflict,
    EntryRef,
    FileOutcome,
    FilePreview,
    FileResult,
    MergePreview,
    MergeResult,
)
from welfareplan.workflow.progress import CancelFn, ProgressFn, Steps
from welfareplan.workflow.rejections import attributable, record_rejections

T = Base.metadata.tables


def normalize_choice(conflict: Conflict, choice: object) -> Choice:
    """Check one choice; a typed rating is normalised ('ａ' → 'A')."""
    if choice == "file":
        return "file"
    if choice == "master":
        return "master"
    if isinstance(choice, tuple) and len(choice) == 2 and choice[0] == "manual":
        text = choice[1]
        if not isinstance(text, str):
            raise DataError("手入力の値は文字で指定してください。", code="bad-choice")
        if conflict.field == "rating":
            text = unicodedata.normalize("NFKC", text).strip().upper()
            if text not in ("", *RATINGS):
                raise DataError(
                    f"{conflict.entry.project_label}の事業評価に「{choice[1]}」は指定できません"
                    "（A・B・C・D のどれか）。",
                    code="bad-rating",
                )
        return ("manual", text)
    raise DataError(
        f"{conflict.entry.project_label}の{conflict.field_label}の選び方「{choice!r}」が正しくありません。",
        code="bad-choice",
    )


def _checked_choices(preview: MergePreview, choices: Choices) -> dict[tuple[str, str], Choice]:
    open_conflicts = {c.key: c for c in preview.conflicts}
    result: dict[tuple[str, str], Choice] = {}
    for key, choice in choices.items():
        conflict = open_conflicts.get(key)
        if conflict is None:
            raise DataError(
                "選択された競合はこのプレビューにありません。もう一度プレビューしてください。",
                code="bad-choice",
            )
        result[key] = normalize_choice(conflict, choice)
    return result


def prefer_all(preview: MergePreview, prefer: str) -> dict[tuple[str, str], Choice]:
    """The choices of ``--prefer file`` / ``--prefer master``: the same for every conflict."""
    if prefer not in ("file", "master"):
        raise DataError(f"--prefer には file か master を指定してください（{prefer}）。")
    return {c.key: prefer for c in preview.conflicts}  # type: ignore[misc]


def _entry_update_rows(
    preview: MergePreview,
    chosen: Mapping[tuple[str, str], Choice],
    user: str,
    at: dt.datetime,
) -> tuple[dict[str, dict[str, str]], list[dict[str, Any]]]:
    """Final values of every touched entry, and the audit rows of every change."""
    finals: dict[str, dict[str, str]] = {}
    audits: list[dict[str, Any]] = []

    def touch(
        f: FilePreview, ref: EntryRef, field: str, *, old: str, new: str, by: str, note: str
    ) -> None:
        row = finals.setdefault(ref.entry_id, {})
        row[field] = new
        row["_by"] = by
        audits.append(
            {
                "at": at,
                "os_user": user,
                "action": "merge",
                "round_id": ref.round_id,
                "project_id": ref.project_id,
                "department_id": ref.department_id,
                "field": field,
                "old": old,
                "new": new,
                "source_file": f.name,
                "source_sha256": f.sha256,
                "note": note,
            }
        )

    for f in preview.files:
        by_entry = {v.entry_id: v.updated_by for v in f.values}
        for c in f.changes:
            by = by_entry.get(c.entry.entry_id) or f.department_name
            touch(f, c.entry, c.field, old=c.old, new=c.new, by=by, note="")
        for k in f.conflicts:
            choice = chosen.get(k.key)
            if k.superseded or choice is None or choice == "master":
                continue
            if choice == "file":
                by = by_entry.get(k.entry.entry_id) or f.department_name
                touch(
                    f,
                    k.entry,
                    k.field,
                    old=k.master,
                    new=k.file,
                    by=by,
                    note="競合: ファイルの値を採用",
                )
            else:
                touch(
                    f,
                    k.entry,
                    k.field,
                    old=k.master,
                    new=choice[1],
                    by=user,
                    note="競合: 手入力の値",
                )
    return finals, audits


def apply_merge(
    wb: Workbook,
    preview: MergePreview,
    choices: Choices | None = None,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    keep_backups: int = DEFAULT_KEEP,
) -> MergeResult:
    """Write ``preview`` into the master; ``choices`` resolve conflicts per (entry id, field).

    Conflicts without a choice stay open (the master keeps its value). Raises
    :class:`WelfareplanError` and applies nothing if the master changed since the preview.
    """
    if wb.path.resolve() != preview.workbook.resolve():
        raise WelfareplanError(
            "このプレビューは別のワークブックのものです。何も取り込んでいません。",
            code="wrong-workbook",
        )
    chosen = _checked_choices(preview, choices or {})
    steps = Steps(4, progress, cancelled, what="取り込み")
    steps.step("マスターワークブックを確認しています")
    if file_sha256(wb.path) != preview.master_sha256:
        raise WelfareplanError(
            "プレビューの後にマスターワークブックが変更されました。"
            "もう一度プレビューしてから取り込んでください。何も取り込んでいません。",
            code="master-changed",
        )
    user = os_user()
    at = now()
    backup = None
    if preview.writes:
        with backed_up(wb, "merge", keep=keep_backups) as backup, wb.transaction() as s:
            steps.step("変更を書き込んでいます")
            finals, audits = _entry_update_rows(preview, chosen, user, at)
            conn = s.connection()
            current = (
                {
                    r.id: r
                    for r in conn.execute(
                        T["entry"].select().where(T["entry"].c.id.in_(list(finals)))
                    )
                }
                if finals
                else {}
            )
            if finals:
                conn.execute(
                    T["entry"]
                    .update()
                    .where(T["entry"].c.id == bindparam("b_id"))
                    .values(
                        result=bindparam("b_result"),
                        rating=bindparam("b_rating"),
                        outlook=bindparam("b_outlook"),
                        updated_at=bindparam("b_at", type_=T["entry"].c.updated_at.type),
                        updated_by=bindparam("b_by"),
                    ),
                    [
                        {
                            "b_id": eid,
                            **{
                                f"b_{f}": vals.get(f, getattr(current[eid], f))
                                for f in ENTRY_FIELDS
                            },
                            "b_at": at,
                            "b_by": vals["_by"],
                        }
                        for eid, vals in finals.items()
                    ],
                )
            if audits:
                conn.execute(T["audit_event"].insert(), audits)
            steps.step("取り込みの記録を書き込んでいます")
            _record_returns(conn, preview, chosen, user, at)
            steps.check()
    steps.finish("取り込みが終わりました")
    _journal_rejections(wb, preview, at, user)
    return _result(preview, chosen, backup, at)


def _journal_rejections(wb: Workbook, preview: MergePreview, at: dt.datetime, user: str) -> None:
    rejected = attributable(preview.rejected)
    if not rejected:
        return
    keys = {(f.round_id or "", f.department_id or "") for f in rejected}
    with wb.session() as s:
        seen = {
            key: s.scalar(
                select(func.count())
                .select_from(ReceivedReturn)
                .where(ReceivedReturn.round_id == key[0], ReceivedReturn.department_id == key[1])
            )
            or 0
            for key in keys
        }
    record_rejections(wb.path, rejected, at=at, user=user, returns_seen=seen)


def _record_returns(
    conn: Any, preview: MergePreview, chosen: Mapping[tuple[str, str], Choice], user: str, at: Any
) -> None:
    returns: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    bases: list[dict[str, Any]] = []
    touched: set[tuple[str, str]] = set()
    for f in preview.files:
        if not f.record:
            continue
        assert f.state is not None and f.issued_file_id is not None and f.revision is not None
        return_id = new_id()
        applied = len(f.changes) + sum(
            1 for k in f.conflicts if not k.superseded and chosen.get(k.key) not in (None, "master")
        )
        st = f.state
        returns.append(
            {
                "id": return_id,
                "issued_file_id": f.issued_file_id,
                "round_id": f.round_id,
                "department_id": f.department_id,
                "file_name": f.name,
                "sha256": f.sha256,
                "revision": f.revision,
                "received_at": at,
                "os_user": user,
                "outcome": "conflicts"
                if f.conflicts
                else ("applied" if f.changes else "unchanged"),
                "applied_fields": applied,
                "conflict_fields": len(f.conflicts),
                "submitted_at": st.submitted_at,
                "submitted_by": st.submitted_by,
                "submitted_os_user": st.submitted_os_user,
                "submitted_host": st.submitted_host,
                "submitted_revision": st.submitted_revision,
            }
        )
        touched |= {(c.entry.entry_id, c.field) for c in f.changes}
        for k in f.conflicts:
            touched.add(k.key)
            choice = None if k.superseded else chosen.get(k.key)
            status = "superseded" if k.superseded else ("open" if choice is None else "resolved")
            resolution = "" if choice is None else (choice if isinstance(choice, str) else "manual")
            value = None
            if choice == "file":
                value = k.file
            elif choice == "master":
                value = k.master
            elif isinstance(choice, tuple):
                value = choice[1]
            conflicts.append(
                {
                    "id": new_id(),
                    "return_id": return_id,
                    "issued_file_id": f.issued_file_id,
                    "entry_id": k.entry.entry_id,
                    "field": k.field,
                    "base_value": k.issued,
                    "file_value": k.file,
                    "master_value": k.master,
                    "status": status,
                    "resolution": resolution,
                    "resolved_value": value,
                    "created_at": at,
                    "resolved_at": at if choice is not None else None,
                    "resolved_by": user if choice is not None else "",
                }
            )
        for v in f.values:
            bases.append(
                {
                    "b_file": f.issued_file_id,
                    "b_entry": v.entry_id,
                    "b_result": v.result,
                    "b_rating": v.rating,
                    "b_outlook": v.outlook,
                }
            )
    mc = T["merge_conflict"]
    if touched:
        conn.execute(
            mc.update()
            .where(
                and_(
                    mc.c.entry_id == bindparam("b_entry"),
                    mc.c.field == bindparam("b_field"),
                    mc.c.status == "open",
                )
            )
            .values(status="superseded"),
            [{"b_entry": e, "b_field": fld} for e, fld in sorted(touched)],
        )
    conn.execute(T["received_return"].insert(), returns)
    if conflicts:
        conn.execute(mc.insert(), conflicts)
    ie = T["issued_entry"]
    if bases:
        conn.execute(
            ie.update()
            .where(
                and_(
                    ie.c.issued_file_id == bindparam("b_file"),
                    ie.c.entry_id == bindparam("b_entry"),
                )
            )
            .values(
                base_result=bindparam("b_result"),
                base_rating=bindparam("b_rating"),
                base_outlook=bindparam("b_outlook"),
            ),
            bases,
        )


def _result(
    preview: MergePreview, chosen: Mapping[tuple[str, str], Choice], backup: Any, at: Any
) -> MergeResult:
    files = []
    for f in preview.files:
        live = [k for k in f.conflicts if not k.superseded]
        resolved = [k for k in live if k.key in chosen]
        applied = len(f.changes) + sum(1 for k in resolved if chosen[k.key] != "master")
        outcome = f.outcome
        if f.outcome is FileOutcome.APPLY and not f.changes and len(resolved) == len(live):
            outcome = FileOutcome.APPLY if applied else FileOutcome.UNCHANGED
        files.append(
            FileResult(
                name=f.name,
                outcome=outcome,
                reason=f.reason,
                applied=applied,
                conflicts_open=len(live) - len(resolved),
                conflicts_resolved=len(resolved),
            )
        )
    return MergeResult(
        files=tuple(files),
        applied=sum(r.applied for r in files),
        conflicts_open=sum(r.conflicts_open for r in files),
        conflicts_resolved=sum(r.conflicts_resolved for r in files),
        rejected=sum(1 for f in preview.files if not f.accepted),
        backup=backup,
        applied_at=at,
    )
