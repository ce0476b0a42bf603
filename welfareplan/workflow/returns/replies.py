"""The department's replies to 差戻し comments in a returned file: read, checked, previewed.

A returned department file holds its replies as ``review_note`` rows of kind ``reply``; a
returned worksheet in its reply cells (:mod:`welfareplan.workflow.returns.worksheet_cells`).
Each reply must answer a comment of the master on an entry the file was issued for, in the
file's round: anything else (a reply to a comment that does not exist, or to another
department's or another round's) refuses the whole file with a Japanese reason. A reply the
master already has, with the same text, is nothing new; one whose text was changed since is
shown and stored as changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.audittrail import AuditEntry, write_audit
from welfareplan.core.model import ReviewComment, ReviewNote
from welfareplan.core.plainsql import execute
from welfareplan.core.review_file import insert_note
from welfareplan.core.timestamps import time_to_text
from welfareplan.workflow.returns.checks import Rejected
from welfareplan.workflow.returns.merge_types import EntryRef, FilePreview, ReplyChange
from welfareplan.workflow.returns.returned_file import ReturnedReply

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Writer


def checked_replies(
    session: Session,
    replies: tuple[ReturnedReply, ...],
    *,
    file_name: str,
    round_id: str,
    entry_keys: tuple[str, ...],
    ref: Callable[[str], EntryRef],
    labels: dict[str, str],
) -> tuple[ReplyChange, ...]:
    """The replies of a returned file that change the master; raises :class:`Rejected`."""
    if not replies:
        return ()
    ids = {r.comment_id for r in replies}
    comments = {
        c.id: c for c in session.scalars(select(ReviewComment).where(ReviewComment.id.in_(ids)))
    }
    notes: dict[str, list[ReviewNote]] = {}
    for n in session.scalars(
        select(ReviewNote)
        .where(ReviewNote.comment_id.in_(ids))
        .order_by(ReviewNote.seq, ReviewNote.at, ReviewNote.id)
    ):
        notes.setdefault(n.comment_id, []).append(n)
    issued = set(entry_keys)
    out = []
    for r in replies:
        comment = comments.get(r.comment_id)
        if comment is None:
            raise Rejected(
                f"ファイル「{file_name}」には、マスターにない指摘（{r.comment_id}）への回答があります。"
                "取り込みません。",
                code="unknown-comment",
            )
        if comment.round_id != round_id or comment.entry_id not in issued:
            raise Rejected(
                f"ファイル「{file_name}」には、このファイルの記入ではない指摘（{r.comment_id}："
                "別の年度か別の担当課の指摘）への回答があります。取り込みません。",
                code="foreign-comment",
            )
        own = notes.get(comment.id, [])
        known = next((n for n in own if n.id == r.note_id), None)
        if known is not None and known.kind != "reply":
            raise Rejected(
                f"ファイル「{file_name}」の回答（{r.note_id}）は地域福祉課のメモと同じ ID です。"
                "取り込みません。",
                code="bad-reply",
            )
        if known is not None and known.text == r.text:
            continue
        asks = [n.text for n in own if n.kind in ("comment", "keep")]
        out.append(
            ReplyChange(
                reply=r,
                entry=ref(comment.entry_id),
                field=comment.field,
                field_label=labels.get(comment.field, comment.field),
                comment_text=asks[-1] if asks else "",
                old_text=known.text if known is not None else None,
            )
        )
    return tuple(sorted(out, key=lambda c: (c.entry.project_sort, c.field, c.reply.note_id)))


def write_review(con: Writer, f: FilePreview, return_id: str, *, stamp: str, user: str) -> None:
    """Store ``f``'s replies (each audited as ``review-reply``) and the confirmation it
    carried, in the merge's transaction."""
    audits = []
    for c in f.replies:
        r = c.reply
        if c.old_text is None:
            insert_note(
                con,
                note_id=r.note_id,
                comment_id=r.comment_id,
                kind="reply",
                text=r.text,
                author=r.author,
                at=r.at or stamp,
                file_id=f.issued_file_id,
            )
        else:
            execute(
                con,
                "UPDATE review_note SET text = :t, author = :a, at = :at WHERE id = :id",
                {"t": r.text, "a": r.author, "at": r.at or stamp, "id": r.note_id},
            )
        where = (c.entry.round_id, c.entry.project_id, c.entry.department_id)
        note = f"差戻しへの回答（回答者: {r.author}）"
        audits.append(
            AuditEntry(
                stamp,
                user,
                "review-reply",
                *where,
                c.field,
                c.old_text,
                r.text,
                f.name,
                f.sha256,
                note,
            )
        )
    write_audit(con, audits)
    confirmation = f.state.confirmation if f.state is not None else None
    if confirmation is not None:
        execute(
            con,
            "INSERT INTO return_confirmation "
            "(return_id, kind, name, role, confirmed_at, confirmed_revision) "
            "VALUES (:return_id, :kind, :name, :role, :at, :revision)",
            {
                "return_id": return_id,
                "kind": confirmation.kind,
                "name": confirmation.name,
                "role": confirmation.role,
                "at": time_to_text(confirmation.at),
                "revision": confirmation.revision,
            },
        )
