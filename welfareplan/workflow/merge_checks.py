"""The master's side of a merge preview and the acceptance checks of a returned file.

:class:`MasterView` reads, once per preview, everything the checks need from the master;
:func:`validate_return` raises :class:`Rejected` with a precise Japanese reason for the first
rule a file breaks (see :mod:`welfareplan.workflow.merge`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from welfareplan.core.errors import WelfareplanError
from welfareplan.core.model import (
    RATINGS,
    Department,
    Entry,
    IssuedEntry,
    IssuedFile,
    Project,
    ReceivedReturn,
    Round,
)
from welfareplan.core.wareki import results_label
from welfareplan.workflow.issue import claims_of
from welfareplan.workflow.mac import load_secret, verify_mac
from welfareplan.workflow.mergetypes import EntryRef, EntryValues
from welfareplan.workflow.returned import ReturnedFile

_CHUNK = 500


class Rejected(WelfareplanError):
    code = "rejected"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


class MasterView:
    """What the preview needs from the master, read once for all files."""

    def __init__(self, session: Session, workbook_uuid: str, files: Sequence[ReturnedFile]):
        self.workbook_uuid = workbook_uuid
        self.secret = load_secret(session)
        ids = sorted({f.claims.file_id for f in files})
        self.issued: dict[str, IssuedFile] = {}
        for chunk in _chunks(ids):
            for rec in session.scalars(select(IssuedFile).where(IssuedFile.id.in_(chunk))):
                self.issued[rec.id] = rec
        self.rounds = {r.id: r for r in session.scalars(select(Round))}
        entry_ids = sorted(
            {e.entry_id for f in files for e in f.entries}
            | {k for rec in self.issued.values() for k in rec.entry_keys}
        )
        self.entries: dict[str, dict[str, str]] = {}
        for chunk in _chunks(entry_ids):
            for row in session.execute(
                select(
                    Entry.id,
                    Entry.round_id,
                    Entry.project_id,
                    Entry.department_id,
                    Entry.result,
                    Entry.rating,
                    Entry.outlook,
                ).where(Entry.id.in_(chunk))
            ).mappings():
                self.entries[row["id"]] = dict(row)
        self.bases: dict[str, dict[str, EntryValues]] = {}
        for chunk in _chunks(sorted(self.issued)):
            for b in session.scalars(
                select(IssuedEntry).where(IssuedEntry.issued_file_id.in_(chunk))
            ):
                self.bases.setdefault(b.issued_file_id, {})[b.entry_id] = EntryValues(
                    b.entry_id, b.base_result, b.base_rating, b.base_outlook
                )
        self.last_revision: dict[str, int] = {}
        self.received_sha: dict[str, set[str]] = {}
        for chunk in _chunks(sorted(self.issued)):
            for fid, rev in session.execute(
                select(ReceivedReturn.issued_file_id, func.max(ReceivedReturn.revision))
                .where(ReceivedReturn.issued_file_id.in_(chunk))
                .group_by(ReceivedReturn.issued_file_id)
            ):
                self.last_revision[fid] = int(rev)
            for fid, sha in session.execute(
                select(ReceivedReturn.issued_file_id, ReceivedReturn.sha256).where(
                    ReceivedReturn.issued_file_id.in_(chunk)
                )
            ):
                self.received_sha.setdefault(fid, set()).add(sha)
        project_ids = sorted({e["project_id"] for e in self.entries.values()})
        self.projects: dict[str, tuple[int, int | None, str]] = {}
        for chunk in _chunks(project_ids):
            for pid, number, number_end, name in session.execute(
                select(Project.id, Project.number, Project.number_end, Project.name).where(
                    Project.id.in_(chunk)
                )
            ):
                self.projects[pid] = (number, number_end, name)
        self.departments = dict(session.execute(select(Department.id, Department.name)).all())

    def project_known(self, session: Session, project_id: str) -> bool:
        return project_id in self.projects or session.get(Project, project_id) is not None

    def ref(self, entry_id: str) -> EntryRef:
        e = self.entries[entry_id]
        number, number_end, name = self.projects[e["project_id"]]
        rnd = self.rounds[e["round_id"]]
        return EntryRef(
            entry_id=entry_id,
            round_id=rnd.id,
            fiscal_year=rnd.fiscal_year,
            project_id=e["project_id"],
            project_number=number,
            project_number_end=number_end,
            project_name=name,
            department_id=e["department_id"],
            department_name=self.departments.get(e["department_id"], ""),
        )

    def project_label(self, project_id: str) -> str:
        if project_id in self.projects:
            number, number_end, _ = self.projects[project_id]
            return f"事業{number}" + (f"～{number_end}" if number_end else "")
        return "事業"


def dept_name(m: MasterView, department_id: str) -> str:
    return m.departments.get(department_id, "不明な担当課")


def validate_return(
    session: Session, m: MasterView, rf: ReturnedFile, fiscal_year: int | None
) -> tuple[IssuedFile, Round]:
    """Check ``rf`` against the master; raises :class:`Rejected` with the first problem."""
    name = rf.name
    claims = rf.claims
    if claims.workbook_uuid != m.workbook_uuid:
        raise Rejected(
            f"ファイル「{name}」は別のマスターワークブックから配布されたファイルです。"
            "このワークブックには取り込めません。",
            code="foreign-workbook",
        )
    record = m.issued.get(claims.file_id)
    if record is None:
        raise Rejected(
            f"ファイル「{name}」はこのワークブックの配布記録にありません"
            "（別のワークブックのファイルか、配布の記録が失われています）。",
            code="unknown-file",
        )
    if not verify_mac(m.secret, claims, rf.mac):
        raise Rejected(
            f"ファイル「{name}」の配布情報の署名（MAC）が一致しません。"
            "配布情報（担当課・年度・記入の一覧など）が書き換えられています。",
            code="bad-mac",
        )
    if claims != claims_of(record, m.workbook_uuid) or rf.mac != record.mac:
        raise Rejected(
            f"ファイル「{name}」の配布情報がこのワークブックの配布記録と一致しません。",
            code="record-mismatch",
        )
    state = rf.state
    if state.file_uuid != record.id:
        raise Rejected(
            f"ファイル「{name}」のファイルIDが配布記録と違います（書き換えられています）。",
            code="forged-file",
        )
    if state.department_id != record.department_id:
        raise Rejected(
            f"ファイル「{name}」の担当課（{dept_name(m, state.department_id)}）が配布記録の担当課"
            f"（{dept_name(m, record.department_id)}）と違います（書き換えられています）。",
            code="forged-department",
        )
    rnd = m.rounds.get(record.round_id)
    if state.round_id != record.round_id or rnd is None:
        raise Rejected(
            f"ファイル「{name}」の年度が配布記録と違います（書き換えられています）。",
            code="forged-round",
        )
    if fiscal_year is not None and rnd.fiscal_year != fiscal_year:
        raise Rejected(
            f"ファイル「{name}」は{results_label(rnd.fiscal_year)}のファイルです"
            f"（取り込み先は{results_label(fiscal_year)}）。",
            code="wrong-round",
        )
    if not rnd.is_open:
        raise Rejected(
            f"ファイル「{name}」の{results_label(rnd.fiscal_year)}は締め切られているため取り込めません。"
            "取り込むには先に年度を再開してください。",
            code="round-closed",
        )
    _validate_entries(session, m, rf, record)
    if rf.context is not None:
        for pid, digest in sorted(record.context.items()):
            if rf.context.get(pid) != digest:
                raise Rejected(
                    f"ファイル「{name}」では計画の内容（{m.project_label(pid)}の事業名・内容・担当課など）"
                    "が配布時から書き換えられています。",
                    code="plan-edited",
                )
    return record, rnd


def _validate_entries(
    session: Session, m: MasterView, rf: ReturnedFile, record: IssuedFile
) -> None:
    name = rf.name
    own = record.department_id
    issued = set(record.entry_keys)
    seen: set[str] = set()
    for e in rf.entries:
        master = m.entries.get(e.entry_id)
        if master is not None and master["department_id"] != own:
            raise Rejected(
                f"ファイル「{name}」には他の担当課（{dept_name(m, master['department_id'])}）の記入"
                f"（{m.project_label(master['project_id'])}）が含まれています。",
                code="other-department",
            )
        if e.department_id != own:
            raise Rejected(
                f"ファイル「{name}」の記入（{m.project_label(e.project_id)}）の担当課が"
                f"{dept_name(m, e.department_id)}に書き換えられています。",
                code="other-department",
            )
        if not m.project_known(session, e.project_id):
            raise Rejected(
                f"ファイル「{name}」にはこのワークブックの計画にない事業のキー（{e.project_id}）があります。",
                code="unknown-project",
            )
        if master is None:
            raise Rejected(
                f"ファイル「{name}」には配布していない記入（{m.project_label(e.project_id)}）が追加されています。",
                code="entry-added",
            )
        if e.entry_id not in issued:
            if master["round_id"] == record.round_id:
                raise Rejected(
                    f"ファイル「{name}」には配布していない記入（{m.project_label(e.project_id)}）が追加されています。",
                    code="entry-added",
                )
            continue  # last year's entry, kept in the file as reference; never merged
        if e.round_id != master["round_id"] or e.project_id != master["project_id"]:
            raise Rejected(
                f"ファイル「{name}」の記入（{m.project_label(master['project_id'])}）のキー"
                "（年度・事業）が書き換えられています。",
                code="entry-keys",
            )
        for fname in ("result", "outlook", "rating"):
            if not isinstance(getattr(e, fname), str):
                raise Rejected(
                    f"ファイル「{name}」の記入（{m.project_label(e.project_id)}）の値が文字ではありません。",
                    code="bad-value",
                )
        if e.rating not in ("", *RATINGS):
            raise Rejected(
                f"ファイル「{name}」の{m.project_label(e.project_id)}の事業評価「{e.rating}」は"
                "A・B・C・D のどれでもありません。",
                code="bad-rating",
            )
        seen.add(e.entry_id)
    missing = issued - seen
    if missing:
        labels = "、".join(
            sorted({m.project_label(m.entries[k]["project_id"]) for k in missing if k in m.entries})
        )
        raise Rejected(
            f"ファイル「{name}」から配布した記入が {len(missing)} 件削除されています（{labels}）。",
            code="entry-removed",
        )
