"""The master's side of a merge preview and the acceptance checks of a returned file.

:class:`MasterView` reads, once per preview, everything the checks need from the master;
:func:`validate_return` raises :class:`Rejected` with a precise Japanese reason for the first
rule a file breaks (see :mod:`welfareplan.workflow.returns.compare`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from welfareplan.core.departments import normalize_alias
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.errors import WelfareplanError
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.numbers import normalize_number
from welfareplan.core.plainsql import reader_of, rows, rows_in
from welfareplan.core.plan_shape import load_plan_form
from welfareplan.core.roundlookup import ROUND_SELECT, RoundRow, round_row
from welfareplan.core.wareki import results_label
from welfareplan.workflow.issuing.signing import IssueClaims, verify_mac, verify_worksheet_mac
from welfareplan.workflow.returns.merge_types import EntryRef
from welfareplan.workflow.returns.returned_file import ReturnedFile
from welfareplan.workflow.returns.worksheet_reader import sheet_problems
from welfareplan.workflow.wording import where_to

_ENTRY_COLUMNS = ("id", "round_id", "project_id", "department_id")
#: The entries of the given departments and rounds (read through ix_entry_department).
_ENTRIES_OF_ROUNDS = (
    "SELECT id, round_id, project_id, department_id FROM entry "
    "WHERE department_id IN :departments AND round_id IN :rounds"
)
#: The values of the entries of the issued rounds (only these are compared).
_VALUES_OF_ENTRIES = "SELECT entry_id, field, value FROM entry_value WHERE entry_id IN :ids"


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


def _ids(values: Iterable[str]) -> list[str]:
    """A list parameter for ``IN :ids`` (:func:`welfareplan.core.plainsql.rows_in`)."""
    return sorted(set(values))


class MasterView:
    """What the preview needs from the master, read once for all files (plain SQL: this is
    the hot path of a merge day)."""

    def __init__(self, session: Session, workbook_uuid: str, files: Sequence[ReturnedFile]):
        self.workbook_uuid = workbook_uuid
        con = reader_of(session)

        def sql(query: str, params: Mapping[str, object] | None = None) -> Sequence[Any]:
            """``query`` with its ``IN :name`` lists (the list-valued ``params``)."""
            params = params or {}
            lists = [k for k, v in params.items() if isinstance(v, list)]
            return rows_in(con, query, params, lists=lists)

        secret = sql("SELECT secret FROM issue_secret WHERE id = 1")
        self.secret = bytes.fromhex(secret[0][0]) if secret else None
        file_ids = _ids(f.claims.file_id for f in files)
        self.issued: dict[str, IssueRecord] = {}
        for row in sql(
            "SELECT id, round_id, department_id, file_format, issued_at, entry_keys, context, mac "
            "FROM issued_file WHERE id IN :ids",
            {"ids": file_ids},
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
        for rounds in (current_rounds, other_rounds):
            for row in sql(
                _ENTRIES_OF_ROUNDS, {"departments": _ids(departments), "rounds": _ids(rounds)}
            ):
                if row[0] in wanted:
                    self.entries[row[0]] = dict(zip(_ENTRY_COLUMNS, row, strict=True))
        for row in sql(
            "SELECT id, round_id, project_id, department_id FROM entry WHERE id IN :ids",
            {"ids": _ids(wanted - set(self.entries))},
        ):
            self.entries[row[0]] = dict(zip(_ENTRY_COLUMNS, row, strict=True))
        current_entries = [k for k, e in self.entries.items() if e["round_id"] in current_rounds]
        found: dict[str, dict[str, str]] = {}
        for eid, field, value in sql(_VALUES_OF_ENTRIES, {"ids": _ids(current_entries)}):
            found.setdefault(eid, {})[field] = value
        #: entry id → the master's values now (entries of the issued rounds)
        self.values: dict[str, EntryValues] = {
            k: EntryValues(found.get(k, {})) for k in current_entries
        }
        self.bases: dict[str, dict[str, EntryValues]] = {}
        issued_ids = _ids(self.issued)
        base_rows: dict[tuple[str, str], dict[str, str]] = {}
        for fid, eid, field, value in sql(
            "SELECT issued_file_id, entry_id, field, base_value "
            "FROM issued_value WHERE issued_file_id IN :ids",
            {"ids": issued_ids},
        ):
            base_rows.setdefault((fid, eid), {})[field] = value
        for (fid, eid), base in base_rows.items():
            self.bases.setdefault(fid, {})[eid] = EntryValues(base)
        self.last_revision: dict[str, int] = {}
        self.received_sha: dict[str, set[str]] = {}
        for fid, rev, sha in sql(
            "SELECT issued_file_id, revision, sha256 FROM received_return "
            "WHERE issued_file_id IN :ids",
            {"ids": issued_ids},
        ):
            self.last_revision[fid] = max(int(rev), self.last_revision.get(fid, int(rev)))
            self.received_sha.setdefault(fid, set()).add(sha)
        #: the confirmation (kind, name, revision) of each issued file's latest return
        self.last_confirmation: dict[str, tuple[str, str, int | None]] = {}
        for fid, kind, name, rev in sql(
            "SELECT r.issued_file_id, c.kind, c.name, c.confirmed_revision "
            "FROM received_return r JOIN return_confirmation c ON c.return_id = r.id "
            "WHERE r.issued_file_id IN :ids "
            "ORDER BY r.revision, r.received_at",
            {"ids": issued_ids},
        ):
            self.last_confirmation[fid] = (kind, name, None if rev is None else int(rev))
        self.projects: dict[str, tuple[str, str, int]] = {}
        for pid, label, name, sort in sql(
            "SELECT id, label, name, sort FROM project WHERE id IN :ids",
            {"ids": _ids(self.entries[k]["project_id"] for k in issued_keys if k in self.entries)},
        ):
            self.projects[pid] = (label, name, int(sort))
        self.departments: dict[str, str] = dict(sql("SELECT id, name FROM department"))
        #: alias → department id: where the name of a merged department now leads
        self.aliases: dict[str, str] = dict(
            sql("SELECT alias, department_id FROM department_alias")
        )
        #: round id → the evaluation form of its plan
        self.forms: dict[str, EvaluationForm] = {
            rid: load_plan_form(con, self.rounds[rid].plan_id)
            for rid in current_rounds
            if rid in self.rounds
        }
        self._refs: dict[str, EntryRef] = {}
        self._con = con

    def project_known(self, project_id: str) -> bool:
        if project_id in self.projects:
            return True
        return bool(rows(self._con, "SELECT 1 FROM project WHERE id = :p", {"p": project_id}))

    def ref(self, entry_id: str) -> EntryRef:
        cached = self._refs.get(entry_id)
        if cached is not None:
            return cached
        e = self.entries[entry_id]
        label, name, sort = self.projects[e["project_id"]]
        rnd = self.rounds[e["round_id"]]
        ref = self._refs[entry_id] = EntryRef(
            entry_id=entry_id,
            round_id=rnd.id,
            fiscal_year=rnd.fiscal_year,
            project_id=e["project_id"],
            project_number=label,
            project_name=name,
            department_id=e["department_id"],
            department_name=self.departments.get(e["department_id"], ""),
            project_sort=sort,
        )
        return ref

    def form_of(self, round_id: str) -> EvaluationForm:
        return self.forms[round_id]

    def project_label(self, project_id: str) -> str:
        """'事業12' (read on demand for projects outside the issued entries: messages only)."""
        if project_id not in self.projects:
            found = rows(
                self._con, "SELECT label, name, sort FROM project WHERE id = :p", {"p": project_id}
            )
            if not found:
                return "事業"
            row = found[0]
            self.projects[project_id] = (row[0], row[1], int(row[2]))
        return f"事業{self.projects[project_id][0]}"

    def entry_label(self, entry_id: str) -> str:
        """'事業9 地域福祉課（関係各課）' as the master has it (messages only)."""
        found = rows(
            self._con,
            "SELECT p.label, e.label, d.name FROM entry e "
            "JOIN project p ON p.id = e.project_id JOIN department d ON d.id = e.department_id "
            "WHERE e.id = :e",
            {"e": entry_id},
        )
        if not found:
            return f"記入（ID {entry_id}）"
        number, label, name = found[0]
        return f"事業{number} {label or name}"


def dept_name(m: MasterView, department_id: str) -> str:
    return m.departments.get(department_id, "不明な担当課")


def _merged_away(m: MasterView, rf: ReturnedFile, record: IssueRecord) -> str | None:
    """The name of the department a file was issued to, when that department has since been
    merged into the department the issue record now names (its name is an alias of it)."""
    claimed = rf.claims.department_id
    if claimed == record.department_id or claimed in m.departments:
        return None
    name = rf.state.department_name
    if name and m.aliases.get(normalize_alias(name)) == record.department_id:
        return name
    return None


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
    merged_away = _merged_away(m, rf, record) if not matches else None
    if merged_away is not None:
        target = dept_name(m, record.department_id)
        raise Rejected(
            f"ファイル「{name}」は{merged_away}に配布したファイルですが、{merged_away}は担当課の統合で"
            f"{target}に統合されました。統合の前のファイルのため取り込めません。"
            f"{target}に担当課ファイルを配布し直すか、{where_to('entries')}で{target}の記入を直接直してください。",
            code="merged-department",
        )
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
            f"取り込むには先に年度の受付を再開してください（{where_to('reopen')}）。",
            code="round-closed",
        )
    if sheet is not None:
        _validate_sheet(m, rf, record)
    else:
        _validate_entries(m, rf, record)
    if rf.context is not None:
        legacy = rf.legacy_context if rf.legacy_context is not None else {}
        for pid, digest in sorted(record.context.items()):
            if digest != rf.context.get(pid) and digest != legacy.get(pid):  # legacy: lazy
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
    form = m.form_of(record.round_id)
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
        _validate_values(form, rf, e.values, e.project_id, m)
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


def _validate_values(
    form: EvaluationForm, rf: ReturnedFile, values: object, project_id: str, m: MasterView
) -> None:
    """A department file's values of one entry: text, fields of the form, valid codes and
    numbers (the department app never writes anything else)."""
    name = rf.name
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise Rejected(
            f"ファイル「{name}」の記入（{m.project_label(project_id)}）の値が文字ではありません。",
            code="bad-value",
        )
    for key, value in values.items():
        if not form.has(key):
            raise Rejected(
                f"ファイル「{name}」の記入（{m.project_label(project_id)}）の項目「{key}」は"
                "この計画の評価項目にありません。",
                code="bad-field",
            )
        f = form.field(key)
        if f.is_rating and value and value not in form.codes:
            raise Rejected(
                f"ファイル「{name}」の{m.project_label(project_id)}の{f.label}「{value}」は"
                f"{'・'.join(form.codes)} のどれでもありません。",
                code="bad-rating",
            )
        if f.is_number and value and normalize_number(value) != value:
            raise Rejected(
                f"ファイル「{name}」の{m.project_label(project_id)}の{f.label}「{value}」は"
                "数値ではありません。",
                code="bad-number",
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
    problems = sheet_problems(rf, m.entry_label, m.form_of(record.round_id))
    if problems:
        raise Rejected("".join(text for _, text in problems), code=problems[0][0])
