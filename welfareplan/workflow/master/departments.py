"""Department master edits (担当課マスタ): add, rename, merge two departments, aliases.

History keeps working because everything refers to departments by their stable id: a renamed
department keeps its id and its old name becomes an alias (so published 担当課 strings still
resolve); entries keep the label they were printed with. Merging moves the source's entries,
assignments, issuance records and returns to the target, turns the source's name and aliases
into aliases of the target and removes the source. A merge that would put two reports of the
same project and year on one department is refused (nothing is ever dropped that holds text).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.departments import DepartmentResolver, normalize_alias
from welfareplan.core.errors import DataError
from welfareplan.core.model import (
    Assignment,
    Department,
    DepartmentAlias,
    Entry,
    IssuedFile,
    ReceivedReturn,
    RejectedReturn,
    Round,
)
from welfareplan.core.storage import Workbook
from welfareplan.core.textclean import clean_text
from welfareplan.core.wareki import results_label
from welfareplan.workflow.master.backups import backed_up

KINDS = {"city": "市の課", "council": "社会福祉協議会など"}


@dataclass(frozen=True)
class DepartmentInfo:
    id: str
    name: str
    kind: str
    active: bool
    sort: int
    note: str
    aliases: tuple[str, ...]
    assignments: int
    entries: int


@dataclass(frozen=True)
class DepartmentMergeResult:
    target: DepartmentInfo
    source_name: str
    moved_entries: int
    moved_assignments: int
    dropped_assignments: int
    dropped_blank_entries: int

    def report(self) -> str:
        """What the merge did, for the window and the command line."""
        return (
            f"「{self.source_name}」を「{self.target.name}」に統合しました: 記入 {self.moved_entries} 件・"
            f"担当 {self.moved_assignments} 件を移しました（重複する担当 {self.dropped_assignments} 件、"
            f"空の記入 {self.dropped_blank_entries} 件を整理）。"
            f"「{self.source_name}」は「{self.target.name}」の別名になりました"
            f"（受付中の年度と今後の報告書では「{self.target.name}」と表記します）。"
        )


def _info(s: Session, d: Department) -> DepartmentInfo:
    return DepartmentInfo(
        id=d.id,
        name=d.name,
        kind=d.kind,
        active=d.active,
        sort=d.sort,
        note=d.note,
        aliases=tuple(sorted(a.alias for a in d.aliases)),
        assignments=s.scalar(
            select(func.count()).select_from(Assignment).where(Assignment.department_id == d.id)
        )
        or 0,
        entries=s.scalar(select(func.count()).select_from(Entry).where(Entry.department_id == d.id))
        or 0,
    )


def list_departments(wb: Workbook) -> list[DepartmentInfo]:
    with wb.session() as s:
        return [
            _info(s, d)
            for d in s.scalars(select(Department).order_by(Department.sort, Department.name))
        ]


def find_department(s: Session, text: str) -> Department:
    """A department by id, name or alias; raises a Japanese :class:`DataError`."""
    dept = s.get(Department, text) or DepartmentResolver.from_session(s).resolve(text)
    if dept is None:
        raise DataError(f"担当課「{text}」は担当課マスタにありません。", code="no-department")
    return dept


def _check_free(s: Session, text: str, *, allow: Department | None = None) -> str:
    """``text`` as a new name or alias: not empty and not yet meaning another department."""
    key = normalize_alias(text)
    if not key:
        raise DataError("担当課の名前が空です。", code="empty-name")
    existing = DepartmentResolver.from_session(s).resolve(text)
    if existing is not None and existing is not allow:
        raise DataError(
            f"「{text}」は既に担当課「{existing.name}」の名前か別名です。", code="name-taken"
        )
    return key


def add_department(wb: Workbook, name: str, *, kind: str = "city") -> DepartmentInfo:
    if kind not in KINDS:
        raise DataError(
            f"担当課の種類「{kind}」は指定できません（city か council）。", code="bad-kind"
        )
    name = clean_text(name).strip()
    with wb.session() as s:
        _check_free(s, name)
    with backed_up(wb, "department", what=f"課の追加: {name}") as (s, _):
        sort = (s.scalar(select(func.max(Department.sort))) or 0) + 1
        dept = Department(name=name, kind=kind, sort=sort)
        s.add(dept)
        s.flush()
        audittrail.record(s, "department-add", department_id=dept.id, new=name)
        return _info(s, dept)


def _relabel(s: Session, department_id: str, old: str, new: str) -> None:
    """Future reports print the new name: assignments and entries of open rounds."""
    for a in s.scalars(select(Assignment).where(Assignment.department_id == department_id)):
        a.label = a.label.replace(old, new)
    open_rounds = select(Round.id).where(Round.status == "open")
    for e in s.scalars(
        select(Entry).where(Entry.department_id == department_id, Entry.round_id.in_(open_rounds))
    ):
        e.label = e.label.replace(old, new)


def rename_department(wb: Workbook, department: str, new_name: str) -> DepartmentInfo:
    new_name = clean_text(new_name).strip()
    with backed_up(wb, "department", what=f"課の名前の変更: {department} → {new_name}") as (s, _):
        dept = find_department(s, department)
        key = _check_free(s, new_name, allow=dept)
        old = dept.name
        if old == new_name:
            return _info(s, dept)
        alias = s.get(DepartmentAlias, key)
        if alias is not None:
            s.delete(alias)
            s.flush()
        dept.name = new_name
        s.flush()
        old_key = normalize_alias(old)
        if old_key != key and s.get(DepartmentAlias, old_key) is None:
            s.add(DepartmentAlias(alias=old_key, department=dept))
        _relabel(s, dept.id, old, new_name)
        audittrail.record(
            s, "department-rename", department_id=dept.id, field="name", old=old, new=new_name
        )
        s.flush()
        return _info(s, dept)


def merge_departments(wb: Workbook, source: str, target: str) -> DepartmentMergeResult:
    """Merge ``source`` into ``target`` (both by name, alias or id)."""
    with backed_up(wb, "department", what=f"課の統合: {source} → {target}") as (s, _):
        src = find_department(s, source)
        dst = find_department(s, target)
        if src.id == dst.id:
            raise DataError(f"「{source}」と「{target}」は同じ担当課です。", code="same-department")
        open_issues = s.scalars(
            select(Round.fiscal_year)
            .join(IssuedFile, IssuedFile.round_id == Round.id)
            .where(IssuedFile.department_id == src.id, Round.status == "open")
            .distinct()
        ).all()
        if open_issues:
            years = "、".join(results_label(y) for y in sorted(open_issues))
            raise DataError(
                f"{src.name}には受付中の年度（{years}）のファイルを配布済みのため、統合できません。"
                "年度を締め切ってから統合してください。",
                code="issued-open-round",
            )
        target_entries = {
            (e.round_id, e.project_id): e
            for e in s.scalars(select(Entry).where(Entry.department_id == dst.id))
        }
        problems, drop = [], []
        for e in s.scalars(select(Entry).where(Entry.department_id == src.id)):
            other = target_entries.get((e.round_id, e.project_id))
            if other is None:
                continue
            if e.values.is_blank(e.round.plan.evaluation_form) and e.round.is_open:
                drop.append(e)
            else:
                problems.append(f"{results_label(e.round.fiscal_year)} 事業{e.project.label}")
        if problems:
            raise DataError(
                f"{src.name}と{dst.name}は同じ年度の同じ事業に両方記入があるため統合できません"
                f"（{'、'.join(problems)}）。どちらかの記入を整理してから統合してください。",
                code="merge-collision",
            )
        for e in drop:
            s.delete(e)
        s.flush()
        moved_entries = (
            s.scalar(select(func.count()).select_from(Entry).where(Entry.department_id == src.id))
            or 0
        )
        s.execute(update(Entry).where(Entry.department_id == src.id).values(department_id=dst.id))
        target_projects = set(
            s.scalars(select(Assignment.project_id).where(Assignment.department_id == dst.id))
        )
        dropped = moved = 0
        for a in s.scalars(select(Assignment).where(Assignment.department_id == src.id)).all():
            if a.project_id in target_projects:
                s.delete(a)
                dropped += 1
            else:
                a.department_id = dst.id
                moved += 1
        s.flush()
        for model in (IssuedFile, ReceivedReturn, RejectedReturn):
            s.execute(
                update(model).where(model.department_id == src.id).values(department_id=dst.id)
            )
        _relabel(s, dst.id, src.name, dst.name)
        s.execute(
            update(DepartmentAlias)
            .where(DepartmentAlias.department_id == src.id)
            .values(department_id=dst.id)
        )
        src_name, src_id = src.name, src.id
        s.expire_all()
        s.execute(delete(Department).where(Department.id == src_id))
        key = normalize_alias(src_name)
        if s.get(DepartmentAlias, key) is None:
            s.add(DepartmentAlias(alias=key, department_id=dst.id))
        audittrail.record(
            s,
            "department-merge",
            department_id=dst.id,
            old=src_name,
            new=dst.name,
            note=f"統合元 {src_name}（{src_id}）: 記入 {moved_entries} 件・担当 {moved} 件を移動",
        )
        s.flush()
        target_dept = s.get(Department, dst.id)
        assert target_dept is not None
        return DepartmentMergeResult(
            target=_info(s, target_dept),
            source_name=src_name,
            moved_entries=int(moved_entries),
            moved_assignments=moved,
            dropped_assignments=dropped,
            dropped_blank_entries=len(drop),
        )


def add_alias(wb: Workbook, department: str, alias: str) -> DepartmentInfo:
    with wb.session() as s:
        dept = find_department(s, department)
        if DepartmentResolver.from_session(s).resolve(alias) is dept:
            return _info(s, dept)
        _check_free(s, alias)
    with backed_up(wb, "department", what=f"別名の追加: {alias}") as (s, _):
        dept = find_department(s, department)
        s.add(DepartmentAlias(alias=normalize_alias(alias), department=dept))
        audittrail.record(s, "alias-add", department_id=dept.id, field="alias", new=alias)
        s.flush()
        return _info(s, dept)


def remove_alias(wb: Workbook, alias: str) -> DepartmentInfo:
    with wb.session() as s:
        if s.get(DepartmentAlias, normalize_alias(alias)) is None:
            raise DataError(f"別名「{alias}」は担当課マスタにありません。", code="no-alias")
    with backed_up(wb, "department", what=f"別名の削除: {alias}") as (s, _):
        row = s.get(DepartmentAlias, normalize_alias(alias))
        assert row is not None
        dept = row.department
        s.delete(row)
        audittrail.record(s, "alias-remove", department_id=dept.id, field="alias", old=alias)
        s.flush()
        s.refresh(dept)
        return _info(s, dept)
