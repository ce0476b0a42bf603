"""差戻し comments in the master: the division marks a field of an entry as needing revision
(:func:`add_comment`), reads them with every note and the current value (:func:`list_comments`)
and closes each one — resolved, or kept open with another note (:func:`close_comment`).

A comment names a field of the round's evaluation form (never a hard-coded one). Every
comment and note is kept and audited (``review-comment``, ``review-resolve``,
``review-keep``). The comments travel to the department with its re-issued file
(:mod:`welfareplan.workflow.issuing`); the replies come back with the merge
(:mod:`welfareplan.workflow.returns`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.errors import DataError
from welfareplan.core.identity import now, os_user
from welfareplan.core.labels import project_title
from welfareplan.core.model import (
    Department,
    Entry,
    EntryValue,
    Project,
    ReviewComment,
    ReviewNote,
    Round,
)
from welfareplan.core.queries import round_for_year
from welfareplan.core.review_file import STATUS_LABELS, Note, note_text
from welfareplan.core.storage import Workbook
from welfareplan.workflow.rounds.lifecycle import ensure_round_open


@dataclass(frozen=True)
class CommentView:
    """One 差戻し comment as the division sees it."""

    id: str
    fiscal_year: int
    entry_id: str
    department_id: str
    department_name: str
    project_label: str
    project_sort: int
    field: str
    field_label: str
    status: str
    created_at: dt.datetime
    created_by: str
    sent_at: dt.datetime | None
    notes: tuple[Note, ...]
    #: the field's value in the master now
    value: str

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def status_label(self) -> str:
        if self.is_open and self.sent_at is None:
            return "未送付"
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def comment_text(self) -> str:
        asks = [n for n in self.notes if n.kind in ("comment", "keep")]
        return asks[-1].text if asks else ""

    @property
    def last_reply(self) -> Note | None:
        replies = [n for n in self.notes if n.kind == "reply"]
        return replies[-1] if replies else None


def _entry(session: Session, rnd: Round, department: str, project_label: str) -> Entry:
    dept = DepartmentResolver.from_session(session).resolve(department)
    if dept is None:
        raise DataError(
            f"担当課「{department}」は担当課マスタにありません。", code="bad-department"
        )
    label = project_label.strip().removeprefix("事業")
    entry = session.scalar(
        select(Entry)
        .join(Project, Project.id == Entry.project_id)
        .where(Entry.round_id == rnd.id, Entry.department_id == dept.id, Project.label == label)
    )
    if entry is None:
        raise DataError(
            f"{rnd.fiscal_year}年度の事業「{project_label}」に{dept.name}の記入はありません。",
            code="bad-entry",
        )
    return entry


def _views(session: Session, comments: Sequence[ReviewComment]) -> list[CommentView]:
    ids = [c.id for c in comments]
    notes: dict[str, list[Note]] = {}
    for n in session.scalars(
        select(ReviewNote)
        .where(ReviewNote.comment_id.in_(ids))
        .order_by(ReviewNote.seq, ReviewNote.at, ReviewNote.id)
    ):
        notes.setdefault(n.comment_id, []).append(
            Note(n.id, n.kind, n.text, n.author, n.at, n.file_id)
        )
    out = []
    for c in comments:
        entry = session.get(Entry, c.entry_id)
        assert entry is not None
        form = entry.round.plan.evaluation_form
        value = session.get(EntryValue, (c.entry_id, c.field))
        out.append(
            CommentView(
                id=c.id,
                fiscal_year=entry.round.fiscal_year,
                entry_id=c.entry_id,
                department_id=entry.department_id,
                department_name=entry.department.name,
                project_label=project_title(entry.project.label, entry.project.name),
                project_sort=entry.project.sort,
                field=c.field,
                field_label=form.field(c.field).label if form.has(c.field) else c.field,
                status=c.status,
                created_at=c.created_at,
                created_by=c.created_by,
                sent_at=c.sent_at,
                notes=tuple(notes.get(c.id, ())),
                value=value.value if value is not None else "",
            )
        )
    return sorted(out, key=lambda v: (v.department_name, v.project_sort, v.created_at, v.id))


def _next_seq(session: Session, comment_id: str) -> int:
    found = session.scalar(
        select(func.max(ReviewNote.seq)).where(ReviewNote.comment_id == comment_id)
    )
    return int(found or 0) + 1


def add_comment(
    wb: Workbook,
    fiscal_year: int,
    department: str,
    project_label: str,
    *,
    field: str,
    text: str,
    author: str | None = None,
) -> CommentView:
    """Mark ``field`` of a department's entry on a project as needing revision, with ``text``.

    ``field`` is a key or a label of the round's evaluation form. Refused with a Japanese
    reason (nothing written) for a closed round, an unknown department, project or field, an
    empty comment, or a field that already has an open comment."""
    cleaned = note_text(text, "指摘")
    who = author or os_user()
    with wb.transaction() as s:
        rnd = round_for_year(s, fiscal_year)
        ensure_round_open(rnd)
        entry = _entry(s, rnd, department, project_label)
        form = rnd.plan.evaluation_form
        by_label = {f.label: f.key for f in form.fields}
        key = field if form.has(field) else by_label.get(field.strip(), "")
        if not key:
            known = "・".join(f.label for f in form.fields)
            raise DataError(
                f"項目「{field}」はこの計画の評価項目にありません（{known}）。",
                code="bad-field",
            )
        already = s.scalar(
            select(ReviewComment).where(
                ReviewComment.entry_id == entry.id,
                ReviewComment.field == key,
                ReviewComment.status == "open",
            )
        )
        if already is not None:
            raise DataError(
                f"{project_title(entry.project.label, entry.project.name)}（{entry.department.name}）"
                f"の「{form.field(key).label}」には未解決の指摘があります。"
                "その指摘を閉じるか、継続のメモを追加してください。",
                code="comment-exists",
            )
        at = now()
        comment = ReviewComment(
            round_id=rnd.id, entry_id=entry.id, field=key, created_at=at, created_by=who
        )
        s.add(comment)
        s.flush()
        s.add(ReviewNote(comment_id=comment.id, kind="comment", text=cleaned, author=who, at=at))
        audittrail.record(
            s,
            "review-comment",
            round_id=rnd.id,
            project_id=entry.project_id,
            department_id=entry.department_id,
            field=key,
            new=cleaned,
            note="差戻しの指摘",
            at=at,
        )
        s.flush()
        (view,) = _views(s, [comment])
    return view


def close_comment(
    wb: Workbook, comment_id: str, *, resolved: bool, note: str = "", author: str | None = None
) -> CommentView:
    """Close a comment as resolved (``note`` optional) or keep it open with another ``note``
    (required). Refused for an unknown or already resolved comment or a closed round."""
    who = author or os_user()
    with wb.transaction() as s:
        comment = s.get(ReviewComment, comment_id)
        if comment is None:
            raise DataError(f"指摘（{comment_id}）はありません。", code="unknown-comment")
        rnd = s.get(Round, comment.round_id)
        assert rnd is not None
        ensure_round_open(rnd)
        if comment.status != "open":
            raise DataError("この指摘はすでに解決済みです。", code="comment-closed")
        if resolved:
            text = note_text(note, "解決のメモ") if note.strip() else "解決"
        else:
            text = note_text(note, "継続の理由（追加の指摘）")
        at = now()
        kind = "resolve" if resolved else "keep"
        s.add(
            ReviewNote(
                comment_id=comment.id,
                kind=kind,
                text=text,
                author=who,
                at=at,
                seq=_next_seq(s, comment.id),
            )
        )
        if resolved:
            comment.status, comment.closed_at, comment.closed_by = "resolved", at, who
        else:  # sent again with the next re-issue
            comment.sent_at = comment.sent_file_id = None
        entry = s.get(Entry, comment.entry_id)
        assert entry is not None
        audittrail.record(
            s,
            f"review-{kind}",
            round_id=comment.round_id,
            project_id=entry.project_id,
            department_id=entry.department_id,
            field=comment.field,
            new=text,
            note="差戻しの指摘を解決" if resolved else "差戻しの指摘を継続",
            at=at,
        )
        s.flush()
        (view,) = _views(s, [comment])
    return view


def list_comments(
    wb: Workbook, fiscal_year: int, *, department: str | None = None, open_only: bool = False
) -> list[CommentView]:
    """The round's comments (of one department, or only open ones), with every note."""
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        query = select(ReviewComment).where(ReviewComment.round_id == rnd.id)
        if department is not None:
            dept = DepartmentResolver.from_session(s).resolve(department)
            if dept is None:
                raise DataError(
                    f"担当課「{department}」は担当課マスタにありません。", code="bad-department"
                )
            query = query.join(Entry, Entry.id == ReviewComment.entry_id).where(
                Entry.department_id == dept.id
            )
        if open_only:
            query = query.where(ReviewComment.status == "open")
        return _views(s, s.scalars(query).all())


def open_comment_counts(session: Session, round_id: str) -> dict[str, tuple[int, int]]:
    """department id → (open comments, of which sent back) in the round."""
    rows = session.execute(
        select(Entry.department_id, ReviewComment.sent_at)
        .join(Entry, Entry.id == ReviewComment.entry_id)
        .where(ReviewComment.round_id == round_id, ReviewComment.status == "open")
    ).all()
    out: dict[str, tuple[int, int]] = {}
    for did, sent_at in rows:
        total, sent = out.get(did, (0, 0))
        out[did] = (total + 1, sent + (sent_at is not None))
    return out


def comment_ids(wb: Workbook) -> list[str]:
    """The IDs of every comment in the master."""
    with wb.session() as s:
        return list(s.scalars(select(ReviewComment.id)))


@dataclass(frozen=True)
class CommentTarget:
    """An entry a comment can be put on, for the division's choosers."""

    department_name: str
    project_label: str
    project_title: str


def comment_targets(
    wb: Workbook, fiscal_year: int
) -> tuple[list[CommentTarget], list[tuple[str, str]]]:
    """The round's entries (by department, in plan order) and its form's fields (key, label)."""
    with wb.session() as s:
        rnd = round_for_year(s, fiscal_year)
        rows = s.execute(
            select(Department.name, Project.label, Project.name)
            .select_from(Entry)
            .join(Project, Project.id == Entry.project_id)
            .join(Department, Department.id == Entry.department_id)
            .where(Entry.round_id == rnd.id)
            .order_by(Department.sort, Department.name, Project.sort)
        ).all()
        fields = [(f.key, f.label) for f in rnd.plan.evaluation_form.fields]
    return [CommentTarget(d, label, project_title(label, name)) for d, label, name in rows], fields
