"""The data we ship: the department master, the Koganei plan and the FY2024 demo round.

All of it is plain JSON under ``resources/`` (see ``resources/README.md``); this module turns
it into rows. The demo workbook is what every user sees first, so loading it is strict: any
string that does not resolve, any entry without its assignment, fails loudly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.departments import DepartmentResolver, add_alias, display_label
from welfareplan.core.errors import DataError
from welfareplan.core.fileformat import FileKind
from welfareplan.core.labels import opinion_heading
from welfareplan.core.model import (
    CommitteeOpinion,
    Department,
    Entry,
    EntryValue,
    Plan,
    Project,
    Round,
)
from welfareplan.core.planbuild import build_plan
from welfareplan.core.planbuild import shipped_id as _sid
from welfareplan.core.planspec_json import spec_from_json
from welfareplan.core.resources import load_json
from welfareplan.core.storage import Workbook

DEPARTMENTS_FILE = ("departments.json",)
DEMO_PLAN_FILE = ("plans", "koganei-r6.json")
DEMO_ROUND_FILE = ("demo", "koganei-fy2024.json")
DEMO_SAVED_BY = "デモデータ（令和6年度実績報告）"


def load_departments(session: Session, data: dict[str, Any] | None = None) -> list[Department]:
    data = data if data is not None else load_json(*DEPARTMENTS_FILE)
    if data.get("format") != "welfareplan-departments/1":
        raise DataError("担当課マスタの形式が違います。")
    result = []
    for order, item in enumerate(data["departments"], 1):
        dept = Department(
            id=_sid("department", item["name"]),
            name=item["name"],
            kind=item.get("kind", "city"),
            sort=order,
            note=item.get("note", ""),
        )
        session.add(dept)
        for alias in item.get("aliases", []):
            add_alias(session, dept, alias)
        result.append(dept)
    session.flush()
    return result


def load_plan(session: Session, data: dict[str, Any] | None = None) -> Plan:
    data = data if data is not None else load_json(*DEMO_PLAN_FILE)
    spec = spec_from_json(data)
    return build_plan(
        session, spec, DepartmentResolver.from_session(session), deterministic_ids=True
    )


def load_round(session: Session, data: dict[str, Any] | None = None) -> Round:
    """Load a published round (entries and committee opinions) onto its plan."""
    data = data if data is not None else load_json(*DEMO_ROUND_FILE)
    if data.get("format") != "welfareplan-round/1":
        raise DataError("年度データの形式が違います。")
    plan = session.scalar(select(Plan).where(Plan.key == data["plan"]))
    if plan is None:
        raise DataError(f"年度データの計画「{data['plan']}」がありません。")
    year = int(data["fiscal_year"])
    published = data.get("published_on")
    rnd = Round(
        id=_sid("round", year),
        plan=plan,
        fiscal_year=year,
        status=data.get("status", "open"),
        published_on=dt.date.fromisoformat(published) if published else None,
    )
    session.add(rnd)
    projects = {
        p.label: p for p in session.scalars(select(Project).where(Project.plan_id == plan.id))
    }
    form = plan.evaluation_form
    saved_at = dt.datetime.combine(
        rnd.published_on or dt.date(year + 1, 3, 31), dt.time(9, 0)
    ).astimezone()
    seen: set[tuple[str, str]] = set()
    for item in data["entries"]:
        label = str(item["project"])
        project = _project_by_number(projects, label)
        if project is None:
            raise DataError(f"年度データの事業 {label} は計画にありません。")
        printed = display_label(item["department"])
        assignment = next((a for a in project.assignments if a.label == printed), None)
        if assignment is None:
            raise DataError(f"事業 {project.label} に担当課「{printed}」の割り当てがありません。")
        key = (project.id, assignment.department_id)
        if key in seen:
            raise DataError(f"事業 {project.label} の「{printed}」が重複しています。")
        seen.add(key)
        unknown = sorted(set(item) - {"project", "department", *form.keys})
        if unknown:
            raise DataError(
                f"年度データの事業 {project.label} の「{'」「'.join(unknown)}」は評価項目にありません。"
            )
        # keyed by the project as the round file names it (stable ids across versions)
        entry_id = _sid("round", year, "project", label, "department", assignment.department.name)
        session.add(
            Entry(
                id=entry_id,
                round=rnd,
                project=project,
                department_id=assignment.department_id,
                label=assignment.label,
                sort=assignment.sort,
                updated_at=saved_at,
                updated_by=DEMO_SAVED_BY,
                value_rows=[
                    EntryValue(field=k, value=str(item[k])) for k in form.keys if item.get(k)
                ],
            )
        )
    missing = [
        f"事業{p.label} {a.label}"
        for p in projects.values()
        for a in p.assignments
        if (p.id, a.department_id) not in seen
    ]
    if missing:
        raise DataError("年度データに次の記入がありません: " + "、".join(missing))
    tops = {n.number: n for n in plan.top_nodes}
    for order, item in enumerate(data.get("committee_opinions", []), 1):
        node = tops[int(item["goal"])]
        project = (
            _project_by_number(projects, str(item["project"]))
            if item.get("project") is not None
            else None
        )
        session.add(
            CommitteeOpinion(
                id=_sid("round", year, "opinion", order),
                round=rnd,
                node=node,
                project=project,
                text=item["text"],
                sort=order,
            )
        )
    session.flush()
    return rnd


def _project_by_number(projects: dict[str, Project], number: str) -> Project | None:
    """The project a round file names: by its label, or by the first number of a grouped
    project's label ('31' → '31～34', as the published table numbers its rows)."""
    found = projects.get(number)
    if found is None:
        found = next((p for lab, p in projects.items() if lab.startswith(f"{number}～")), None)
    return found


def populate_demo(session: Session) -> None:
    load_departments(session)
    load_plan(session)
    load_round(session)


def create_demo_workbook(path: Path | str, *, overwrite: bool = False) -> Path:
    """Create a master workbook with the shipped plan and the published FY2024 round."""
    return Workbook.create(path, FileKind.WORKBOOK, populate_demo, overwrite=overwrite)


__all__ = [
    "create_demo_workbook",
    "load_departments",
    "load_plan",
    "load_round",
    "opinion_heading",
    "populate_demo",
]
