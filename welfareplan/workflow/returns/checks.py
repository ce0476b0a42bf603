"""The master's side of a merge preview and the acceptance checks of a returned file.

:class:`MasterView` reads, once per preview, everything the checks need from the master;
:func:`validate_return` raises :class:`Rejected` with a precise Japanese reason for the first
rule a file breaks (see :mod:`welfareplan.workflow.returns.compare`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from welfareplan.core.checks import EntryValues
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.labels import project_number_label
from welfareplan.core.model import RATINGS
from welfareplan.core.plainsql import sqlite_connection
from welfareplan.core.roundlookup import ROUND_SELECT, RoundRow, round_row
from welfareplan.core.wareki import results_label
from welfareplan.workflow.issuing.signing import IssueClaims, verify_mac, verify_worksheet_mac
from welfareplan.workflow.returns.merge_types import EntryRef
from welfareplan.workflow.returns.returned_file import ReturnedFile
from welfareplan.workflow.returns.worksheet_reader import sheet_problems

_ENTRY_COLUMNS = ("id", "round_id", "project_id", "department_id", "result", "rating", "outlook")
_OF_DEPARTMENTS_AND_ROUNDS = (
    " FROM entry WHERE department_id IN (SELECT value FROM json_each(?)) "
    "AND round_id IN (SELECT value FROM json_each(?))"
)
#: The entries of the issued rounds, with their texts.
_ENTRIES_OF_ROUNDS = (
    "SELECT id, round_id, project_id, department_id, result, rating, outlook"
    + _OF_DEPARTMENTS_AND_ROUNDS
)
#: The entries of other rounds (last year's, kept in a file as reference): their keys only.
_ENTRY_KEYS_OF_ROUNDS = (
    "SELECT id, round_id, project_id, department_id, '', '', ''" + _OF_DEPARTMENTS_AND_ROUNDS
)


class Rejected(WelfareplanError):
    code = "rejected"


@dataclass(frozen=True)
class IssueRecord:
    """An ``issued_file`` row of the master, as stored."""

    id: str
    round_id: str
    department_id: str
    file_format: str
    issued_at: str
    entry_keys: tuple[str, ...]
    context: dict[str, str]
    mac: str

    def claims(self, workbook_uuid: str) -> IssueClaims:
        return IssueClaims(
            file_id=self.id,
            workbook_uuid=workbook_uuid,
            round_id=self.round_id,
            department_id=self.department_id,
            entry_keys=self.entry_keys,
            issued_at=self.issued_at,
            file_format=self.file_format,
            context=self.context,
        )


def _ids(values: Iterable[str]) -> str:
    """A JSON array parameter for ``IN (SELECT value FROM json_each(?))`` (any length)."""
    return json.dumps(sorted(set(values)))


class MasterView:
    """What the preview needs from the master, read once for all files (plain SQL: this is
    the hot path of a merge day)."""

    def __init__(self, session: Session, workbook_uuid: str, files: Sequence[ReturnedFile]):
        self.workbook_uuid = workbook_uuid
        con = sqlite_connection(session)

        def sql(query: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
            return con.execute(query, params).fetchall()

        secret = sql("SELECT secret FROM issue_secret WHERE id = 1")
        self.secret = bytes.fromhex(secret[0][0]) if secret else None
        file_ids = _ids(f.claims.file_id for f in files)
        self.issued: dict[str, IssueRecord] = {}
        for row in sql(
            "SELECT id, round_id, department_id, file_format, issued_at, entry_keys, context, mac "
            "FROM issued_file WHERE id IN (SELECT value FROM json_each(?))",
            (file_ids,),
        ):
            fid, round_id, dept_id, fmt, issued_at, keys, context, mac = row
            self.issued[fid] = IssueRecord(
                fid,
                round_id,
                dept_id,
                fmt,
                issued_at,
                tuple(json.loads(keys)),
                json.loads(context),
                mac,
            )
        self.rounds = {r.id: r for r in map(round_row, sql(ROUND_SELECT))}
        issued_keys = {k for rec in self.issued.values() for k in rec.entry_keys}
        wanted = issued_keys | {e.entry_id for f in files for e in f.entries}
        # Read by (department, round) through ix_entry_department: a round's entries lie
        # together in the table, so this touches few pages even in a large master. Texts
        # are needed for the issued entries only; any id not found that way is looked up.
        departments = {rec.department_id for rec in self.issued.values()} | {
            e.department_id for f in files for e in f.entries
        }
        current_rounds = {rec.round_id for rec in self.issued.values()}
        other_rounds = {e.round_id for f in files for e in f.entries} - current_rounds
        self.entries: dict[str, dict[str, str]] = {}
        for query, rounds in (
            (_ENTRIES_OF_ROUNDS, current_rounds),
            (_ENTRY_KEYS_OF_ROUNDS, other_rounds),
        ):
            for row in sql(query, (_ids(departments), _ids(rounds))):
                if row[0] in wanted:
                    self.entries[row[0]] = dict(zip(_ENTRY_COLUMNS, row, strict=True))
        for row in sql(
            "SELECT id, round_id, project_id, department_id, result, rating, outlook FROM entry "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (_ids(wanted - set(self.entries)),),
        ):
            self.entries[row[0]] = dict(zip(_ENTRY_COLUMNS, row, strict=True))
        self.bases: dict[str, dict[str, EntryValues]] = {}
        issued_ids = _ids(self.issued)
        for fid, eid, result, rating, outlook in sql(
            "SELECT issued_file_id, entry_id, base_result, base_rating, base_outlook "
            "FROM issued_entry WHERE issued_file_id IN (SELECT value FROM json_each(?))",
            (issued_ids,),
        ):
            self.bases.setdefault(fid, {})[eid] = EntryValues(result, rating, outlook)
        self.last_revision: dict[str, int] = {}
        self.received_sha: dict[str, set[str]] = {}
        for fid, rev, sha in sql(
            "SELECT issued_file_id, revision, sha256 FROM received_return "
            "WHERE issued_file_id IN (SELECT value FROM json_each(?))",
            (issued_ids,),
        ):
            self.last_revision[fid] = max(int(rev), self.last_revision.get(fid, int(rev)))
            self.received_sha.setdefault(fid, set()).add(sha)
        self.projects: dict[str, tuple[int, int | None, str]] = {}
        for pid, number, number_end, name in sql(
            "SELECT id, number, number_end, name FROM project "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (_ids(self.entries[k]["project_id"] for k in issued_keys if k in self.entries),),
        ):
            self.projects[pid] = (number, number_end, name)
        self.departments: dict[str, str] = dict(sql("SELECT id, name FROM department"))
        self._refs: dict[str, EntryRef] = {}
        self._con = con

    def project_known(self, project_id: str) -> bool:
        if project_id in self.projects:
            return True
        found = self._con.execute("SELECT 1 FROM project WHERE id = ?", (project_id,)).fetchone()
        return found is not None

    def ref(self, entry_id: str) -> EntryRef:
        cached = self._refs.get(entry_id)
        if cached is not None:
            return cached
        e = self.entries[entry_id]
        number, number_end, name = self.projects[e["project_id"]]
        rnd = self.rounds[e["round_id"]]
        ref = self._refs[entry_id] = EntryRef(
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
        return ref

    def project_label(self, project_id: str) -> str:
        """'事業12' (read on demand for projects outside the issued entries: messages only)."""
        if project_id not in self.projects:
            row = self._con.execute(
                "SELECT number, number_end, name FROM project WHERE id = ?", (project_id,)
            ).fetchone()
            if row is None:
                return "事業"
            self.projects[project_id] = (row[0], row[1], row[2])
        number, number_end, _ = self.projects[project_id]
        return f"事業{number}" + (f"～{number_end}" if number_end else "")

    def entry_label(self, entry_id: str) -> str:
        """'事業9 地域福祉課（関係各課）' as the master has it (messages only)."""
        row = self._con.execute(
            "SELECT p.number, p.number_end, e.label, d.name FROM entry e "
            "JOIN project p ON p.id = e.project_id JOIN department d ON d.id = e.department_id "
            "WHERE e.id = ?",
            (entry_id,),
        ).fetchone()
        if row is None:
            return f"記入（ID {entry_id}）"
        number, number_end, label, name = row
        return f"事業{project_number_label(number, number_end)} {label or name}"


def dept_name(m: MasterView, department_id: str) -> str:
    return m.departments.get(department_id, "不明な担当課")


def validate_return(
    session: Session, m: MasterView, rf: ReturnedFile, fiscal_year: int | None
) -> tuple[IssueRecord, RoundRow]:
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
    sheet = rf.worksheet
    if sheet is not None:
        if not verify_worksheet_mac(m.secret, sheet.payload, rf.mac):
            raise Rejected(
                f"ファイル「{name}」の識別情報の署名（MAC）が一致しません。評価シートの隠しシートにある"
                "識別情報（担当課・年度・記入の一覧・入力欄以外のセルの内容など）が書き換えられています。",
                code="bad-mac",
            )
        matches = (
            record.file_format == "xlsx"
            and claims.round_id == record.round_id
            and claims.department_id == record.department_id
            and sorted(claims.entry_keys) == sorted(record.entry_keys)
        )
    else:
        if not verify_mac(m.secret, claims, rf.mac):
            raise Rejected(
                f"ファイル「{name}」の配布情報の署名（MAC）が一致しません。"
                "配布情報（担当課・年度・記入の一覧など）が書き換えられています。",
                code="bad-mac",
            )
        matches = claims == record.claims(m.workbook_uuid) and rf.mac == record.mac
    if not matches:
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
    if sheet is not None:
        _validate_sheet(m, rf, record)
    else:
        _validate_entries(m, rf, record)
    if rf.context is not None:
        for pid, digest in sorted(record.context.items()):
            if rf.context.get(pid) != digest:
                raise Rejected(
                    f"ファイル「{name}」では計画の内容（{m.project_label(pid)}の事業名・内容・担当課など）"
                    "が配布時から書き換えられています。",
                    code="plan-edited",
                )
    return record, rnd


def _validate_entries(m: MasterView, rf: ReturnedFile, record: IssueRecord) -> None:
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
        known = master is not None and e.project_id == master["project_id"]
        if not known and not m.project_known(e.project_id):
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


def _validate_sheet(m: MasterView, rf: ReturnedFile, record: IssueRecord) -> None:
    """A worksheet's rows: its entries still the department's in the master, then every
    problem of the sheet itself (deleted/added rows, locked cells, ratings) in one reason."""
    name = rf.name
    for entry_id in record.entry_keys:
        master = m.entries.get(entry_id)
        if master is None:
            raise Rejected(
                f"ファイル「{name}」の記入（ID {entry_id}）はマスターワークブックにもうありません"
                "（担当課の統合などで削除されています）。評価シートを配布し直してください。",
                code="entry-gone",
            )
        if master["department_id"] != record.department_id:
            raise Rejected(
                f"ファイル「{name}」の{m.entry_label(entry_id)}は、今はマスターで"
                f"{dept_name(m, master['department_id'])}の記入です（担当課の統合などで移されています）。"
                "評価シートを配布し直してください。",
                code="other-department",
            )
    problems = sheet_problems(rf, m.entry_label)
    if problems:
        raise Rejected("".join(text for _, text in problems), code=problems[0][0])
