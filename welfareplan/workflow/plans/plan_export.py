"""Plan export to the Excel template (see docs/plan-template.md); import is in
:mod:`welfareplan.workflow.plans.plan_import`.

The template of version 1 holds Koganei's shape only: three levels with numbers, projects
numbered across the plan ('4', '31～34'), Koganei's evaluation form; a plan of another shape is
refused with a message. Every text cell is written as text, never as a formula, whatever it
starts with.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import select

from welfareplan.core.atomic import atomic_target
from welfareplan.core.errors import DataError
from welfareplan.core.koganei_form import KOGANEI_CODES, KOGANEI_FIELD_KEYS, KOGANEI_LEVELS
from welfareplan.core.model import Department, Plan, PlanNode, Project, ProjectLink
from welfareplan.core.storage import Workbook
from welfareplan.exports.textsafe import ooxml_escape
from welfareplan.workflow.plans import plan_template as t


def _put(ws: Any, row: int, col: int, value: object) -> None:
    if isinstance(value, str):
        value = ooxml_escape(value)  # a literal _xHHHH_ comes back as written
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with


def _sheet(book: Any, title: str, header: tuple[str, ...], widths: tuple[int, ...]) -> Any:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(title)
    for i, (h, w) in enumerate(zip(header, widths, strict=True), start=1):
        _put(ws, 1, i, h)
        ws.cell(row=1, column=i).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    return ws


_GROUP = re.compile(r"([1-9][0-9]*)(?:～([1-9][0-9]*))?")


def _numbers(label: str) -> tuple[int, int | None] | None:
    """'4' → (4, None), '31～34' → (31, 34); None for any other label."""
    m = _GROUP.fullmatch(label)
    if m is None:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def _check_shape(plan: Plan) -> None:
    """Refuse a plan the template of version 1 cannot hold, saying why."""
    form = plan.evaluation_form
    why = ""
    if tuple(plan.plan_levels) != KOGANEI_LEVELS:
        why = "階層が 基本目標・施策の方向性・施策 の3段ではありません"
    elif form.keys != KOGANEI_FIELD_KEYS or form.codes != KOGANEI_CODES:
        why = "評価項目が 事業実績・評価理由・事業評価（A～D）・今後の事業計画・展望 ではありません"
    elif any(n.number is None for n in plan.nodes):
        why = "番号のない階層の項目があります"
    else:
        bad = [p.label for n in plan.nodes for p in n.projects if _numbers(p.label) is None]
        if bad:
            why = f"事業番号が整数でない事業があります（{'、'.join(bad[:5])}）"
    if why:
        raise DataError(
            f"計画「{plan.key}」は Excel テンプレート（形式1）に書き出せません（{why}）。",
            code="plan-shape",
        )


def export_plan(
    wb: Workbook, out: Path | str, *, plan_key: str | None = None, overwrite: bool = False
) -> Path:
    """Write a plan (default: the latest) as the Excel template."""
    import openpyxl
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    out = Path(out)
    with wb.session() as s:
        q = select(Plan).order_by(Plan.period_start.desc(), Plan.created_at.desc())
        if plan_key is not None:
            q = select(Plan).where(Plan.key == plan_key)
        plan = s.scalars(q).first()
        if plan is None:
            raise DataError(
                f"計画「{plan_key}」はありません。"
                if plan_key
                else "このワークブックには計画がありません。",
                code="no-plan",
            )
        _check_shape(plan)
        form = plan.evaluation_form
        book = openpyxl.Workbook()
        book.remove(book.active)
        ws = _sheet(book, t.SHEET_PLAN, t.PLAN_HEADER, (18, 80))
        predecessor = s.get(Plan, plan.predecessor_id) if plan.predecessor_id else None
        values = {
            "key": plan.key,
            "name": plan.name,
            "period_start": plan.period_start,
            "period_end": plan.period_end,
            "philosophy": plan.philosophy,
            "issuer": plan.issuer,
            "predecessor_key": predecessor.key if predecessor else "",
            "outlook_note": form.field(KOGANEI_FIELD_KEYS[2]).note,
        } | {f"criteria_{c.code}": c.criteria for c in form.scale}
        for row, (field, label) in enumerate(t.PLAN_ITEMS, start=2):
            _put(ws, row, 1, label)
            _put(ws, row, 2, values[field])
        goals = _sheet(book, t.SHEET_GOALS, t.GOAL_COLUMNS, (8, 50))
        dirs = _sheet(book, t.SHEET_DIRECTIONS, t.DIRECTION_COLUMNS, (10, 8, 50))
        meas = _sheet(book, t.SHEET_MEASURES, t.MEASURE_COLUMNS, (10, 14, 8, 50))
        projs = _sheet(book, t.SHEET_PROJECTS, t.PROJECT_COLUMNS, (10, 14, 8, 10, 14, 40, 80, 18))
        asg = _sheet(book, t.SHEET_ASSIGNMENTS, t.ASSIGNMENT_COLUMNS, (10, 36))
        counters = {"g": 2, "d": 2, "m": 2, "p": 2, "a": 2}

        def put_row(ws: Any, key: str, *cells: object) -> int:
            row = counters[key]
            for col, value in enumerate(cells, start=1):
                _put(ws, row, col, value)
            counters[key] += 1
            return row

        wrap = Alignment(wrap_text=True, vertical="top")
        links: dict[str, list[str]] = {}
        for pred, succ in s.execute(select(ProjectLink.predecessor_id, ProjectLink.successor_id)):
            links.setdefault(succ, []).append(pred)

        def children(node: PlanNode) -> list[PlanNode]:
            return sorted(node.children, key=lambda c: c.sort)

        for g in plan.top_nodes:
            put_row(goals, "g", g.number, g.name)
            for d in children(g):
                put_row(dirs, "d", g.number, d.number, d.name)
                for m in children(d):
                    put_row(meas, "m", g.number, d.number, m.number, m.name)
                    for p in m.projects:
                        number, number_end = _numbers(p.label) or (0, None)
                        preds = [s.get(Project, pid) for pid in links.get(p.id, [])]
                        prev = next((x for x in preds if x is not None and _numbers(x.label)), None)
                        row = put_row(
                            projs,
                            "p",
                            g.number,
                            d.number,
                            m.number,
                            number,
                            number_end,
                            p.name,
                            p.description,
                            (_numbers(prev.label) or (None,))[0] if prev else None,
                        )
                        projs.cell(row=row, column=7).alignment = wrap
                        for a in p.assignments:
                            put_row(asg, "a", number, a.label or a.department.name)
        dept_ws = _sheet(book, t.SHEET_DEPARTMENTS, t.DEPARTMENT_COLUMNS, (24, 20, 60))
        for row, dep in enumerate(s.scalars(select(Department).order_by(Department.sort)), start=2):
            _put(dept_ws, row, 1, dep.name)
            _put(dept_ws, row, 2, "社会福祉協議会など" if dep.kind == "council" else "市の課")
            _put(dept_ws, row, 3, "、".join(sorted(a.alias for a in dep.aliases)))
        help_ws = book.create_sheet(t.SHEET_HELP)
        help_ws.column_dimensions[get_column_letter(1)].width = 120
        for row, line in enumerate(t.HELP_LINES, start=1):
            _put(help_ws, row, 1, line)
    with atomic_target(out, overwrite=overwrite) as tmp:
        book.save(tmp)
    return out
