"""Plan export to the Excel template (see docs/plan-template.md); import is in
:mod:`welfareplan.workflow.plans.plan_import`.

Every text cell is written as text, never as a formula, whatever it starts with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from welfareplan.core.atomic import atomic_target
from welfareplan.core.errors import DataError
from welfareplan.core.model import RATINGS, Department, Plan, Project
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


def export_plan(
    wb: Workbook, out: Path | str, *, plan_key: str | None = None, overwrite: bool = False
) -> Path:
    """Write a plan (default: the latest) as the Excel template."""
    import openpyxl
    from openpyxl.styles import Alignment

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
            "outlook_note": plan.outlook_note,
        } | {f"criteria_{r}": (plan.rating_criteria or {}).get(r, "") for r in RATINGS}
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
        for g in plan.goals:
            put_row(goals, "g", g.number, g.name)
            for d in g.directions:
                put_row(dirs, "d", g.number, d.number, d.name)
                for m in d.measures:
                    put_row(meas, "m", g.number, d.number, m.number, m.name)
                    for p in m.projects:
                        prev = s.get(Project, p.predecessor_id) if p.predecessor_id else None
                        row = put_row(
                            projs,
                            "p",
                            g.number,
                            d.number,
                            m.number,
                            p.number,
                            p.number_end,
                            p.name,
                            p.description,
                            prev.number if prev else None,
                        )
                        projs.cell(row=row, column=7).alignment = wrap
                        for a in p.assignments:
                            put_row(asg, "a", p.number, a.label or a.department.name)
        dept_ws = _sheet(book, t.SHEET_DEPARTMENTS, t.DEPARTMENT_COLUMNS, (24, 20, 60))
        for row, dep in enumerate(s.scalars(select(Department).order_by(Department.sort)), start=2):
            _put(dept_ws, row, 1, dep.name)
            _put(dept_ws, row, 2, "社会福祉協議会など" if dep.kind == "council" else "市の課")
            _put(dept_ws, row, 3, "、".join(sorted(a.alias for a in dep.aliases)))
        help_ws = book.create_sheet(t.SHEET_HELP)
        help_ws.column_dimensions["A"].width = 120
        for row, line in enumerate(t.HELP_LINES, start=1):
            _put(help_ws, row, 1, line)
    with atomic_target(out, overwrite=overwrite) as tmp:
        book.save(tmp)
    return out
