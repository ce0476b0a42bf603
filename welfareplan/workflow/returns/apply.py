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
from typing import TYPE_CHECKING, Any

from welfareplan.core.audittrail import AuditEntry, write_audit
from welfareplan.core.editing import write_values
from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.evaluation_form import NUMBER, RATING
from welfareplan.core.identity import os_user
from welfareplan.core.model import new_id, now
from welfareplan.core.numbers import normalize_number
from welfareplan.core.plainsql import executemany, executemany_set, rows, sqlite_connection
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.core.timestamps import time_to_text
from welfareplan.workflow.master.backups import DEFAULT_KEEP, backed_up, files_label
from welfareplan.workflow.master.locking import master_fingerprint
from welfareplan.workflow.progress import CancelFn, ProgressFn, Steps
from welfareplan.workflow.returns.merge_types import (
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
from welfareplan.workflow.returns.rejections import record_rejections
from welfareplan.workflow.returns.replies import write_review

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Writer


def _fold_code(typed: str, codes: tuple[str, ...]) -> str | None:
    """A typed rating as one of ``codes`` ('ａ' → 'A'); '' for none; None when it is none."""
    text = unicodedata.normalize("NFKC", typed).strip()
    folded = {unicodedata.normalize("NFKC", c).strip().upper(): c for c in codes}
    if not text:
        return ""
    return text if text in codes else folded.get(text.upper())


def normalize_choice(conflict: Conflict, choice: object) -> Choice:
    """Check one choice; a typed rating is normalised to a code of the plan's scale
    ('ａ' → 'A'), a typed number to its stored form, a text cleaned."""
    if choice == "file":
        return "file"
    if choice == "master":
        return "master"
    if isinstance(choice, tuple) and len(choice) == 2 and choice[0] == "manual":
        text = choice[1]
        if not isinstance(text, str):
            raise DataError("手入力の値は文字で指定してください。", code="bad-choice")
        if conflict.kind == RATING:
            code = _fold_code(text, conflict.codes)
            if code is None:
                raise DataError(
                    f"{conflict.entry.project_label}の{conflict.field_label}に「{choice[1]}」は指定できません"
                    f"（{'・'.join(conflict.codes)} のどれか）。",
                    code="bad-rating",
                )
            text = code
        elif conflict.kind == NUMBER:
            number = normalize_number(text)
            if number is None:
                raise DataError(
                    f"{conflict.entry.project_label}の{conflict.field_label}の「{text}」は数値ではありません。",
                    code="bad-number",
                )
            text = number
        else:
            text = clean_text(text)
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
) -> tuple[dict[str, dict[str, str]], list[AuditEntry]]:
    """Final values of every touched entry, and the audit rows of every change."""
    finals: dict[str, dict[str, str]] = {}
    audits: list[AuditEntry] = []
    stamp = time_to_text(at)

    def touch(
        f: FilePreview, ref: EntryRef, field: str, *, old: str, new: str, by: str, note: str
    ) -> None:
        row = finals.setdefault(ref.entry_id, {})
        row[field] = new
        row["_by"] = by
        audits.append(
            AuditEntry(
                stamp,
                user,
                "merge",
                ref.round_id,
                ref.project_id,
                ref.department_id,
                field,
                old,
                new,
                f.name,
                f.sha256,
                note,
            )
        )

    for f in preview.files:
        by_entry = {v.entry_id: v.updated_by for v in f.values}
        for c in f.changes:
            by = by_entry.get(c.entry.entry_id) or f.department_name
            touch(f, c.entry, c.field, old=c.old, new=c.new, by=by, note=c.note)
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


def _master_changed() -> WelfareplanError:
    return WelfareplanError(
        "プレビューの後にマスターワークブックが変更されました。"
        "もう一度プレビューしてから取り込んでください。何も取り込んでいません。",
        code="master-changed",
    )


def _check_unchanged(wb: Workbook, preview: MergePreview) -> None:
    if master_fingerprint(wb) != preview.master_fingerprint:
        raise _master_changed()


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
    user = os_user()
    at = now()
    backup = None

    def write(con: Writer) -> None:
        steps.step("変更を書き込んでいます")
        _write_entries(con, preview, chosen, user, at)
        steps.step("取り込みの記録を書き込んでいます")
        _record_returns(con, preview, chosen, user, at)
        steps.check()

    if wb.on_server:
        from welfareplan.workflow.returns.apply_server import apply_on_server

        backup = apply_on_server(wb, preview, write, keep=keep_backups)
    elif preview.writes:
        _check_unchanged(wb, preview)
        names = [f.name for f in preview.files if f.record]
        with backed_up(
            wb,
            "merge",
            keep=keep_backups,
            what=files_label(names),
            unchanged_since=preview.master_fingerprint,  # checked again right before writing
            changed=_master_changed,
        ) as (s, backup):
            write(sqlite_connection(s))  # a file's fast path: its own sqlite3 connection
    else:
        _check_unchanged(wb, preview)
    steps.finish("取り込みが終わりました")
    _journal_rejections(wb, preview, at, user)
    return _result(preview, chosen, backup, at)


def _journal_rejections(wb: Workbook, preview: MergePreview, at: dt.datetime, user: str) -> None:
    """After the merge, in a transaction of its own: the refused files, for every user's status
    (:mod:`.rejections`; best-effort — a failure is logged, the merge stands)."""
    record_rejections(wb, preview.rejected, at=at, user=user)


def _write_entries(
    con: Writer,
    preview: MergePreview,
    chosen: Mapping[tuple[str, str], Choice],
    user: str,
    at: dt.datetime,
) -> None:
    finals, audits = _entry_update_rows(preview, chosen, user, at)
    if not finals:
        return
    stamp = time_to_text(at)
    write_values(
        con,
        ((eid, f, v) for eid, vals in finals.items() for f, v in vals.items() if f != "_by"),
    )
    executemany_set(
        con,
        "UPDATE entry SET updated_at = :at, updated_by = :by WHERE id = :id",
        [{"at": stamp, "by": vals["_by"], "id": eid} for eid, vals in finals.items()],
        server="UPDATE entry SET updated_at = x.at, updated_by = x.by FROM {rows} "
        "WHERE entry.id = x.id",
        types={"at": "text", "by": "text", "id": "text"},
    )
    write_audit(con, audits)


_RETURN_COLUMNS = (
    "id",
    "issued_file_id",
    "round_id",
    "department_id",
    "file_name",
    "sha256",
    "revision",
    "received_at",
    "os_user",
    "outcome",
    "applied_fields",
    "conflict_fields",
    "submitted_at",
    "submitted_by",
    "submitted_os_user",
    "submitted_host",
    "submitted_revision",
)
_CONFLICT_COLUMNS = (
    "id",
    "return_id",
    "issued_file_id",
    "entry_id",
    "field",
    "base_value",
    "file_value",
    "master_value",
    "status",
    "resolution",
    "resolved_value",
    "created_at",
    "resolved_at",
    "resolved_by",
)


def _insert(con: Writer, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    executemany(
        con,
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)})",
        rows,
    )


def _record_returns(
    con: Writer,
    preview: MergePreview,
    chosen: Mapping[tuple[str, str], Choice],
    user: str,
    at: dt.datetime,
) -> None:
    stamp = time_to_text(at)
    returns: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    bases: list[dict[str, str | None]] = []
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
                "received_at": stamp,
                "os_user": user,
                "outcome": "conflicts"
                if f.conflicts
                else ("applied" if f.changes or f.replies else "unchanged"),
                "applied_fields": applied,
                "conflict_fields": len(f.conflicts),
                "submitted_at": time_to_text(st.submitted_at),
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
                    "resolution": ""
                    if choice is None
                    else (choice if isinstance(choice, str) else "manual"),
                    "resolved_value": value,
                    "created_at": stamp,
                    "resolved_at": stamp if choice is not None else None,
                    "resolved_by": user if choice is not None else "",
                }
            )
        bases += [
            {"v": v.values.get(key), "f": f.issued_file_id, "e": v.entry_id, "k": key}
            for v in f.values
            for key in f.fields
        ]
    open_now = {
        (str(e), str(k))
        for e, k in rows(con, "SELECT entry_id, field FROM merge_conflict WHERE status = 'open'")
    }
    executemany(
        con,
        "UPDATE merge_conflict SET status = 'superseded' "
        "WHERE entry_id = :e AND field = :k AND status = 'open'",
        [{"e": e, "k": k} for e, k in sorted(touched & open_now)],
    )
    _insert(con, "received_return", _RETURN_COLUMNS, returns)
    for f, r in zip([f for f in preview.files if f.record], returns, strict=True):
        write_review(con, f, r["id"], stamp=stamp, user=user)
    _insert(con, "merge_conflict", _CONFLICT_COLUMNS, conflicts)
    executemany_set(
        con,
        "UPDATE issued_value SET base_value = :v "
        "WHERE issued_file_id = :f AND entry_id = :e AND field = :k",
        bases,
        server="UPDATE issued_value SET base_value = x.v FROM {rows} "
        "WHERE issued_value.issued_file_id = x.f AND issued_value.entry_id = x.e "
        "AND issued_value.field = x.k",
        types={"v": "text", "f": "text", "e": "text", "k": "text"},
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
