"""A clean start: a new, empty master workbook made from a plan file (``welfareplan new``,
ファイル → 新規作成…).

The new master holds the shipped department master (``resources/departments.json``), the
plan of the file — its levels, evaluation form, report texts, project attributes and the
departments it adds — and nothing else: no round, no entry. The plan's aliases are stored
only when asked (``store_aliases``): they always resolve the file's own 担当 strings, and
once stored they resolve every later plan's strings too.

A plan file that names a predecessor plan cannot start a workbook (the new workbook holds no
plan it could continue): start from the predecessor and import the successor into it. The file is built in a
temporary file beside the target and appears only when complete; an existing file is never
replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.errors import DataError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.model import Department
from welfareplan.core.planbuild import build_plan
from welfareplan.core.serverdb import (
    create_server_master,
    describe,
    is_server_url,
    parse_server_url,
)
from welfareplan.core.shipped import load_departments
from welfareplan.core.storage import Workbook
from welfareplan.workflow.plans.plan_files import read_plan_spec
from welfareplan.workflow.plans.plan_import import PlanImportError
from welfareplan.workflow.progress import CancelFn, ProgressFn, Steps


@dataclass(frozen=True)
class NewMaster:
    #: the new file (None for a master on a server)
    path: Path | None
    #: where the master is, as shown to the user: the file's path or the server's URL
    where: str
    plan_key: str
    plan_name: str
    period_start: int
    period_end: int
    #: (level name, number of nodes) per level
    levels: tuple[tuple[str, int], ...]
    projects: int
    assignments: int
    departments: int


def create_master(
    path: Path | str,
    plan_file: Path | str,
    *,
    store_aliases: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> NewMaster:
    """Create the master ``path`` — a file, or a server's database named by its URL
    (:mod:`welfareplan.core.serverdb`) — from ``plan_file``; raises :class:`PlanImportError`
    listing every problem of the file, or :class:`DataError` (nothing is created either way)."""
    if is_server_url(path):
        assert isinstance(path, str)
        url = parse_server_url(path)
        return _create(
            Path(plan_file),
            path=None,
            where=describe(url),
            store_aliases=store_aliases,
            progress=progress,
            cancelled=cancelled,
            make=lambda populate: create_server_master(url, FileKind.WORKBOOK, populate),
        )
    path, plan_file = Path(path), Path(plan_file)
    if path.suffix.lower() != ".wpdb":
        raise DataError(
            f"マスターワークブックの名前は .wpdb で終わるようにしてください（「{path.name}」）。",
            code="bad-name",
        )
    if path.exists():
        raise DataError(
            f"「{path.name}」は既にあります。新しいマスターは既にあるファイルを置き換えません。"
            "別の名前を指定してください。",
            code="exists",
        )
    return _create(
        plan_file,
        path=path,
        where=str(path),
        store_aliases=store_aliases,
        progress=progress,
        cancelled=cancelled,
        make=lambda populate: Workbook.create(path, FileKind.WORKBOOK, populate),
    )


def _create(
    plan_file: Path,
    *,
    path: Path | None,
    where: str,
    store_aliases: bool,
    progress: ProgressFn | None,
    cancelled: CancelFn | None,
    make: Callable[[Callable[[Session], None]], object],
) -> NewMaster:
    steps = Steps(3, progress, cancelled, what="マスターワークブックの作成")
    steps.step(f"{plan_file.name} を読み込んでいます")
    made: list[NewMaster] = []

    def populate(session: Session) -> None:
        load_departments(session)
        spec, problems = read_plan_spec(session, plan_file)
        if spec is None or problems:
            raise PlanImportError(plan_file.name, problems)
        steps.step("計画を書き込んでいます")
        plan = build_plan(
            session, spec, DepartmentResolver.from_session(session), store_aliases=store_aliases
        )
        steps.check()
        audittrail.record(
            session,
            "workbook-create",
            note=f"計画 {plan.key}（{plan.name}）を {plan_file.name} から作成"
            + ("（別名も登録）" if store_aliases else ""),
        )
        depth_counts: dict[int, int] = {}
        for depth, _ in spec.walk():
            depth_counts[depth] = depth_counts.get(depth, 0) + 1
        projects = spec.projects()
        made.append(
            NewMaster(
                path=path,
                where=where,
                plan_key=plan.key,
                plan_name=plan.name,
                period_start=plan.period_start,
                period_end=plan.period_end,
                levels=tuple((lv.name, depth_counts.get(d, 0)) for d, lv in enumerate(spec.levels)),
                projects=len(projects),
                assignments=sum(len(p.departments) for p in projects),
                departments=session.scalar(select(func.count()).select_from(Department)) or 0,
            )
        )

    make(populate)
    steps.finish("マスターワークブックを作成しました")
    return made[0]
