"""Reading the Excel plan template (see docs/plan-template.md; writing it: template_write).

The template is read into a :class:`welfareplan.core.planspec.PlanSpec` with the sheet and row
of every item, and validated at once (structure, numbers, names, departments, predecessor
links, the key) against the workbook it goes into. :func:`read_template` reads either version:
a sheet 計画 with テンプレートの版 = 2 goes to :mod:`.template_read_v2`; without that row the
file is of version 1, read here.

Version 1 (sheets 基本目標 / 施策の方向性 / 施策 / 事業 / 担当), written by the released versions
before issue 14: Koganei's shape — three levels, projects numbered across the plan — read with
Koganei's evaluation form (the criteria A–D and the note on 今後の事業計画・展望 of sheet 計画).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.koganei_form import KOGANEI_CODES, KOGANEI_LEVELS, koganei_form
from welfareplan.core.labels import project_number_label
from welfareplan.core.model import Project
from welfareplan.core.planbuild import workbook_problems
from welfareplan.core.planspec import NodeSpec, PlanSpec, Problem, ProjectSpec, validate_spec
from welfareplan.exports.xlsx_reading import open_xlsx
from welfareplan.workflow.plans import plan_template as t
from welfareplan.workflow.plans.template_read_v2 import spec_from_book_v2
from welfareplan.workflow.plans.template_sheets import (
    Sheet,
    cell_value_text,
    digits_number,
    read_items,
    read_period,
    template_version,
)


def _read_plan_sheet(book: Any, problems: list[Problem]) -> dict[str, Any]:
    labels = {label: field for field, label in t.PLAN_ITEMS}
    items, rows_of = read_items(book, labels, problems)
    if t.SHEET_PLAN not in book.sheetnames:
        return items
    for field, label in t.PLAN_ITEMS:
        if field in t.REQUIRED_PLAN_ITEMS[:2] and cell_value_text(items.get(field)) == "":
            problems.append(Problem(f"シート「{t.SHEET_PLAN}」", f"「{label}」が空です。"))
    read_period(items, rows_of, dict(t.PLAN_ITEMS), problems)
    return items


def read_template(session: Session, path: Path) -> tuple[PlanSpec | None, list[Problem]]:
    """Read and validate the template against the workbook of ``session``; returns the spec
    and every problem found."""
    book = open_xlsx(path)
    try:
        version, problems = template_version(book)
        if problems:
            return None, problems
        if version == t.VERSION:
            return spec_from_book_v2(session, book)
        return _spec_from_book(session, book)
    finally:
        book.close()


def _spec_from_book(s: Session, book: Any) -> tuple[PlanSpec | None, list[Problem]]:
    problems: list[Problem] = []
    items = _read_plan_sheet(book, problems)
    goals_sheet = Sheet(book, t.SHEET_GOALS, t.GOAL_COLUMNS, (), problems, numbers=digits_number)
    dirs_sheet = Sheet(
        book, t.SHEET_DIRECTIONS, t.DIRECTION_COLUMNS, (), problems, numbers=digits_number
    )
    meas_sheet = Sheet(
        book, t.SHEET_MEASURES, t.MEASURE_COLUMNS, (), problems, numbers=digits_number
    )
    proj_sheet = Sheet(
        book,
        t.SHEET_PROJECTS,
        t.PROJECT_COLUMNS,
        t.OPTIONAL_PROJECT_COLUMNS,
        problems,
        numbers=digits_number,
    )
    asg_sheet = Sheet(
        book, t.SHEET_ASSIGNMENTS, t.ASSIGNMENT_COLUMNS, (), problems, numbers=digits_number
    )
    criteria = {r: cell_value_text(items.get(f"criteria_{r}")) for r in KOGANEI_CODES}
    spec = PlanSpec(
        key=cell_value_text(items.get("key")),
        name=cell_value_text(items.get("name")),
        period_start=items.get("period_start") or 0,
        period_end=items.get("period_end") or 0,
        philosophy=cell_value_text(items.get("philosophy")),
        issuer=cell_value_text(items.get("issuer")),
        predecessor_key=cell_value_text(items.get("predecessor_key")) or None,
        levels=KOGANEI_LEVELS,
        form=koganei_form(criteria, cell_value_text(items.get("outlook_note"))),
    )
    goals: dict[int, NodeSpec] = {}
    first_row: dict[tuple[object, ...], int] = {}

    def unique(sheet: Sheet, row: int, key: tuple[object, ...], what: str) -> bool:
        if key in first_row:
            problems.append(
                Problem(
                    t.where(sheet.name, row),
                    f"{what}が重複しています（{first_row[key]}行目と同じ）。",
                )
            )
            return False
        first_row[key] = row
        return True

    for row, v in goals_sheet.rows:
        n = goals_sheet.number(row, v, "番号", problems)
        if n is not None and unique(goals_sheet, row, ("g", n), f"基本目標の番号 {n} "):
            goals[n] = NodeSpec(n, cell_value_text(v["名前"]), where=t.where(goals_sheet.name, row))
            spec.nodes.append(goals[n])
    directions: dict[tuple[int, int], NodeSpec] = {}
    for row, v in dirs_sheet.rows:
        g = dirs_sheet.number(row, v, "基本目標", problems)
        n = dirs_sheet.number(row, v, "番号", problems)
        if g is None or n is None:
            continue
        if g not in goals:
            problems.append(Problem(t.where(dirs_sheet.name, row), f"基本目標 {g} がありません。"))
        elif unique(dirs_sheet, row, ("d", g, n), f"基本目標{g}の施策の方向性 ({n}) "):
            directions[(g, n)] = NodeSpec(
                n, cell_value_text(v["名前"]), where=t.where(dirs_sheet.name, row)
            )
            goals[g].children.append(directions[(g, n)])
    measures: dict[tuple[int, int, int], NodeSpec] = {}
    for row, v in meas_sheet.rows:
        g = meas_sheet.number(row, v, "基本目標", problems)
        d = meas_sheet.number(row, v, "施策の方向性", problems)
        n = meas_sheet.number(row, v, "番号", problems)
        if g is None or d is None or n is None:
            continue
        if (g, d) not in directions:
            problems.append(
                Problem(
                    t.where(meas_sheet.name, row), f"基本目標{g}の施策の方向性 ({d}) がありません。"
                )
            )
        elif unique(meas_sheet, row, ("m", g, d, n), f"施策 {n} "):
            measures[(g, d, n)] = NodeSpec(
                n, cell_value_text(v["名前"]), where=t.where(meas_sheet.name, row)
            )
            directions[(g, d)].children.append(measures[(g, d, n)])
    projects: dict[int, ProjectSpec] = {}
    covered: dict[int, str] = {}
    for row, v in proj_sheet.rows:
        key = tuple(
            proj_sheet.number(row, v, c, problems) for c in ("基本目標", "施策の方向性", "施策")
        )
        n = proj_sheet.number(row, v, "事業番号", problems)
        end = proj_sheet.number(row, v, "事業番号（終）", problems, required=False)
        prev = proj_sheet.number(row, v, "前計画の事業番号", problems, required=False)
        if None in key or n is None:
            continue
        measure = measures.get(key)  # type: ignore[arg-type]
        if measure is None:
            problems.append(
                Problem(
                    t.where(proj_sheet.name, row),
                    f"施策（基本目標{key[0]} 施策の方向性({key[1]}) 施策{key[2]}）がありません。",
                )
            )
            continue
        if end is not None and end <= n:
            problems.append(
                Problem(
                    t.where(proj_sheet.name, row),
                    f"事業番号の範囲 {n}～{end} が正しくありません。",
                )
            )
            continue
        project = ProjectSpec(
            label=project_number_label(n, end),
            name=cell_value_text(v.get("事業名")),
            description=cell_value_text(v.get("内容")),
            predecessors=[str(prev)] if prev is not None else [],
            where=t.where(proj_sheet.name, row),
        )
        measure.projects.append(project)
        for number in range(n, (end or n) + 1):
            if number in covered:
                problems.append(
                    Problem(
                        project.where,
                        f"事業番号 {number} が重複しています（{covered[number]} と同じ）。",
                    )
                )
            covered.setdefault(number, project.where)
        projects.setdefault(n, project)
    _read_assignments(s, asg_sheet, projects, problems)
    _check_against_workbook(s, spec, problems)
    if not problems:
        problems.extend(validate_spec(spec, DepartmentResolver.from_session(s)))
    else:
        # Structural problems first; the spec checks add what they find on top (no duplicates).
        seen = {str(p) for p in problems}
        problems.extend(
            p for p in validate_spec(spec, DepartmentResolver.from_session(s)) if str(p) not in seen
        )
    return (spec if not problems else None), problems


def _read_assignments(
    s: Session, sheet: Sheet, projects: dict[int, ProjectSpec], problems: list[Problem]
) -> None:
    resolver = DepartmentResolver.from_session(s)
    seen: dict[tuple[int, str], int] = {}
    for row, v in sheet.rows:
        n = sheet.number(row, v, "事業番号", problems)
        label = cell_value_text(v.get("担当課"))
        where = t.where(sheet.name, row)
        if n is None:
            continue
        if not label:
            problems.append(Problem(where, "「担当課」が空です。"))
            continue
        if n not in projects:
            problems.append(
                Problem(where, f"事業番号 {n} はシート「{t.SHEET_PROJECTS}」にありません。")
            )
            continue
        dept = resolver.resolve(label)
        if dept is None:
            problems.append(Problem(where, f"担当課「{label}」は担当課マスタにありません。"))
            continue
        if (n, dept.id) in seen:
            problems.append(
                Problem(
                    where,
                    f"事業{n}の担当課「{label}」が重複しています（{seen[(n, dept.id)]}行目と同じ課）。",
                )
            )
            continue
        seen[(n, dept.id)] = row
        projects[n].departments.append(label)


def _check_against_workbook(s: Session, spec: PlanSpec, problems: list[Problem]) -> None:
    found, predecessor = workbook_problems(s, spec, where=f"シート「{t.SHEET_PLAN}」")
    problems += found
    old_labels: dict[str, str] = {}
    if predecessor is not None:
        # a number names the project it prints as, or the group it starts ('31' → '31～34')
        for label in s.scalars(select(Project.label).where(Project.plan_id == predecessor.id)):
            old_labels[label] = label
            old_labels.setdefault(label.split("～")[0], label)
    used: dict[str, str] = {}
    for p in spec.projects():
        if old_labels:
            p.predecessors = [old_labels.get(label, label) for label in p.predecessors]
        for label in p.predecessors:
            if spec.predecessor_key is None:
                problems.append(
                    Problem(
                        p.where,
                        f"前計画の事業番号 {label} がありますが、シート「計画」に「前の計画のキー」がありません。",
                    )
                )
            elif predecessor is not None and label not in old_labels:
                problems.append(
                    Problem(
                        p.where,
                        f"前の計画「{spec.predecessor_key}」に事業番号 {label} の事業はありません。",
                    )
                )
            elif label in used:
                problems.append(
                    Problem(
                        p.where,
                        f"前計画の事業番号 {label} は {used[label]} でも指定されています。",
                    )
                )
            else:
                used[label] = p.where
