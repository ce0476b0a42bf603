"""差戻し in a department file: the comments it carries and the department's replies.

A file re-issued after the division sent fields back (差戻し) holds those comments
(``review_comment``) with every note on them so far (``review_note``). The department reads
them beside their fields and answers each one: the reply is a ``review_note`` row of kind
``reply`` saved in the file like an entry (one small transaction, the file's revision goes up),
and merged back with the file (:mod:`welfareplan.workflow.returns`). One reply per comment and
file: writing again replaces this file's reply text.

Plain SQL, like :mod:`welfareplan.core.editing`: the department window needs no SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from welfareplan.core.errors import DataError, ReadOnlyError
from welfareplan.core.evaluation_form import form_from_text
from welfareplan.core.fileformat import FileKind
from welfareplan.core.identity import now
from welfareplan.core.plainsql import execute, rows
from welfareplan.core.revision import bump_after_save
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.core.timestamps import time_from_text, time_to_text

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Writer

#: How each kind of note is introduced where notes are listed.
NOTE_LABELS = {
    "comment": "地域福祉課の指摘",
    "reply": "担当課の回答",
    "resolve": "地域福祉課: 解決",
    "keep": "地域福祉課: 継続（追加の指摘）",
}
#: How a comment's state is shown.
STATUS_LABELS = {"open": "未解決", "resolved": "解決済み"}
#: The longest reply or comment accepted (characters).
MAX_NOTE_CHARS = 4000


@dataclass(frozen=True)
class Note:
    id: str
    kind: str
    text: str
    author: str
    at: dt.datetime | None
    file_id: str | None = None

    @property
    def kind_label(self) -> str:
        return NOTE_LABELS.get(self.kind, self.kind)

    @property
    def when(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M}" if self.at is not None else ""


@dataclass(frozen=True)
class FileComment:
    """One 差戻し comment as a department file holds it."""

    id: str
    entry_id: str
    field: str
    field_label: str
    project_label: str
    project_sort: int
    status: str
    notes: tuple[Note, ...]
    #: this file's reply, if written
    reply: Note | None

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def comment_text(self) -> str:
        """The division's latest note that asks for something (the comment or a 継続 note)."""
        asks = [n for n in self.notes if n.kind in ("comment", "keep")]
        return asks[-1].text if asks else ""

    @property
    def answered(self) -> bool:
        return self.reply is not None and bool(self.reply.text)


def note_text(text: str, what: str) -> str:
    """A typed note cleaned; refused when empty or too long (``what``: '回答', '指摘')."""
    cleaned = clean_text(text).strip()
    if not cleaned:
        raise DataError(f"{what}を入力してください。", code="empty-note")
    if len(cleaned) > MAX_NOTE_CHARS:
        raise DataError(
            f"{what}が長すぎます（{len(cleaned)} 文字。{MAX_NOTE_CHARS} 文字まで）。",
            code="long-note",
        )
    return cleaned


def _time(text: object) -> dt.datetime | None:
    try:
        return time_from_text(text) if isinstance(text, str) and text else None
    except ValueError:
        return None


_COMMENTS_SQL = (
    "SELECT c.id, c.entry_id, c.field, c.status, p.label, p.name, p.sort, pl.form "
    "FROM review_comment c JOIN entry e ON e.id = c.entry_id "
    "JOIN project p ON p.id = e.project_id JOIN plan pl ON pl.id = p.plan_id "
    "WHERE c.round_id = ? ORDER BY p.sort, e.sort, c.created_at, c.id"
)
_NOTES_SQL = (
    "SELECT id, comment_id, kind, text, author, at, file_id FROM review_note ORDER BY seq, at, id"
)


def read_comments(con: sqlite3.Connection, round_id: str, file_id: str) -> list[FileComment]:
    """The comments on ``round_id``'s entries in the file on ``con``, with their notes;
    ``reply`` is the reply written in the file ``file_id``."""
    notes: dict[str, list[Note]] = {}
    for nid, cid, kind, text, author, at, fid in con.execute(_NOTES_SQL):
        notes.setdefault(str(cid), []).append(
            Note(str(nid), str(kind), str(text), str(author), _time(at), fid)
        )
    out = []
    for cid, entry_id, field, status, label, name, sort, form_json in con.execute(
        _COMMENTS_SQL, (round_id,)
    ):
        form = form_from_text(form_json)
        field_label = form.field(field).label if form.has(field) else str(field)
        own = notes.get(str(cid), [])
        replies = [n for n in own if n.kind == "reply" and n.file_id == file_id]
        out.append(
            FileComment(
                id=str(cid),
                entry_id=str(entry_id),
                field=str(field),
                field_label=field_label,
                project_label=f"事業{label} {name}",
                project_sort=int(sort),
                status=str(status),
                notes=tuple(own),
                reply=replies[-1] if replies else None,
            )
        )
    return out


def insert_note(
    con: Writer,
    *,
    note_id: str,
    comment_id: str,
    kind: str,
    text: str,
    author: str,
    at: str,
    file_id: str | None,
) -> None:
    """Append a note to ``comment_id``'s notes (after the last one), in the caller's
    transaction: the department's reply in its file, and the same reply merged into the master."""
    seq = rows(
        con,
        "SELECT coalesce(max(seq), 0) + 1 FROM review_note WHERE comment_id = :c",
        {"c": comment_id},
    )[0][0]
    execute(
        con,
        "INSERT INTO review_note (id, comment_id, kind, text, author, at, seq, file_id) "
        "VALUES (:id, :comment_id, :kind, :text, :author, :at, :seq, :file_id)",
        {
            "id": note_id,
            "comment_id": comment_id,
            "kind": kind,
            "text": text,
            "author": author,
            "at": at,
            "seq": seq,
            "file_id": file_id,
        },
    )


def file_comments(wb: Workbook) -> list[FileComment]:
    """The 差戻し comments of an open department file (none in a file issued without any)."""
    with wb.read_connection() as con:  # one connection for the meta rows and the comments
        meta = dict(
            con.execute(
                "SELECT key, value FROM wp_meta WHERE key IN ('round_id', 'file_uuid')"
            ).fetchall()
        )
        return read_comments(con, str(meta.get("round_id", "")), str(meta.get("file_uuid", "")))


def write_reply(wb: Workbook, comment_id: str, text: str, *, author: str) -> FileComment:
    """Save the department's reply to ``comment_id`` in its file (replacing this file's earlier
    reply). Refused with a Japanese reason, and nothing written, when the comment is not in the
    file or is resolved, the round is closed, or the reply or the name is empty."""
    if wb.kind is not FileKind.DEPARTMENT:
        raise DataError("回答を書けるのは担当課ファイルだけです。", code="not-department")
    cleaned = note_text(text, "回答")
    who = clean_text(author).strip()
    if not who:
        raise DataError("回答した人の氏名を入力してください。", code="no-author")
    meta = wb.meta()
    round_id, file_id = meta.get("round_id", ""), meta.get("file_uuid", "")
    with wb.sql_transaction() as con:
        found = {c.id: c for c in read_comments(con, round_id, file_id)}
        comment = found.get(comment_id)
        if comment is None:
            raise DataError(
                f"指摘（{comment_id}）はこのファイルにありません。回答は保存していません。",
                code="unknown-comment",
            )
        if not comment.is_open:
            raise DataError(
                f"{comment.project_label}「{comment.field_label}」への指摘は解決済みです。"
                "回答は保存していません。",
                code="comment-closed",
            )
        row = con.execute("SELECT status FROM round WHERE id = ?", (round_id,)).fetchone()
        if row is None or row[0] != "open":
            raise ReadOnlyError("この年度の評価は締め切られているため、回答を保存できません。")
        at = time_to_text(now())
        if comment.reply is not None:
            con.execute(
                "UPDATE review_note SET text = ?, author = ?, at = ? WHERE id = ?",
                (cleaned, who, at, comment.reply.id),
            )
        else:
            insert_note(
                con,
                note_id=str(uuid.uuid4()),
                comment_id=comment_id,
                kind="reply",
                text=cleaned,
                author=who,
                at=at,
                file_id=file_id,
            )
        bump_after_save(con)
        return {c.id: c for c in read_comments(con, round_id, file_id)}[comment_id]
