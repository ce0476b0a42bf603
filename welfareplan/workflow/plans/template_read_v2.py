"""Reading the Excel plan template of version 2 (docs/plan-template.md; writing it:
:mod:`.template_write`).

The sheets are read into a :class:`~welfareplan.core.planspec.PlanSpec`; what only the sheets
can get wrong (a missing sheet or column, a cell that is not a number, a kind or style not in
its list, a node whose upper item is missing, a 担当 row naming no project) is reported here with
its sheet and row. Everything else is checked by the one validation of plans,
:func:`welfareplan.core.planbuild.plan_problems` — the same as for the JSON plan file — and
each of its problems is placed on the sheet and row of the item it names
(:class:`_Rows`).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from welfareplan.core.attributes import AttributeDef
from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.evaluation_form import EvaluationForm, FormField, RatingCode
from welfareplan.core.plan_levels import NUMBERING_SHOWN, PlanLevel
from welfareplan.core.planbuild import plan_problems
from welfareplan.core.planspec import DepartmentSpec, NodeSpec, PlanSpec, Problem, ProjectSpec
from welfareplan.core.report_texts import TEXT_LABELS, ReportTexts
from welfareplan.workflow.plans import plan_template as t
from welfareplan.workflow.plans.template_sheets import (
    Sheet,
    cell_number,
    cell_value_text,
    read_items,
    read_period,
)

_V1_SHEETS = (t.SHEET_GOALS, t.SHEET_DIRECTIONS, t.SHEET_MEASURES)
_QUOTED = re.compile(r"「([^」]*)」")
#: validation problems placed by the start of their message or their ``where``
_SHEET_OF_PREFIX = (
    ("評価区分", t.SHEET_SCALE),
    ("評価の項目", t.SHEET_FORM),
    ("評価項目", t.SHEET_FORM),
    ("事業の属性", t.SHEET_ATTRIBUTES),
    ("担当課", t.SHEET_DEPARTMENTS_V2),
)
_SHEET_OF_WHERE = {
    "計画": t.SHEET_PLAN,
    "階層": t.SHEET_LEVELS,
    "評価項目": t.SHEET_FORM,
    "事業の属性": t.SHEET_ATTRIBUTES,
    "担当課": t.SHEET_DEPARTMENTS_V2,
}
#: problems of sheet 計画 placed on the row of the item their message starts with
_PLAN_ROW_OF_PREFIX = (
    ("計画の名前", "name"),
    ("計画のキー", "key"),
    ("計画期間", "period_start"),
    ("前の計画", "predecessor_key"),
)


def _choice(
    where: str, column: str, raw: Any, shown: dict[str, str], problems: list[Problem]
) -> str | None:
    """The stored value of a cell picked from ``shown`` (stored → shown; the stored spelling
    is read too); empty → the first; anything else is a problem."""
    text = cell_value_text(raw)
    if not text:
        return next(iter(shown))
    # exactly as listed, or loosely (width, spaces) where that stays unambiguous: ① is not 1
    exact = {v: k for k, v in shown.items()} | {k: k for k in shown}
    loose = {t.header_key(v): k for v, k in exact.items() if t.header_key(v) == v}
    found = exact.get(text) or loose.get(t.header_key(text))
    if found is None:
        choices = "・".join(shown.values())
        problems.append(Problem(where, f"「{column}」の「{text}」は使えません（{choices}）。"))
    return found


def _flag(where: str, column: str, raw: Any, problems: list[Problem]) -> bool:
    text = cell_value_text(raw).lower()
    if text in ("", t.NO, "no", "false", "0", "×", "-"):
        return False
    if text in (t.YES, "yes", "true", "1", "○", "◯"):
        return True
    problems.append(
        Problem(
            where,
            f"「{column}」の「{cell_value_text(raw)}」は「{t.YES}」か「{t.NO}」にしてください。",
        )
    )
    return False


def _split(raw: Any) -> tuple[str, ...]:
    parts = re.split(r"[、,，\n]", cell_value_text(raw))
    return tuple(p.strip() for p in parts if p.strip())


class _Rows:
    """Where each named item was read (sheet → loose name → row), to place the validation's
    problems, which name their item in 「」, on its row."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, int]] = {}
        self.plan_rows: dict[str, int] = {}
        #: (where of the project, loose 担当 text) → row of sheet 担当
        self.assignments: dict[tuple[str, str], int] = {}

    def add(self, sheet: str, row: int, *names: str) -> None:
        for name in names:
            if name:
                self.rows.setdefault(sheet, {})[t.header_key(name)] = row

    def place(self, problem: Problem) -> Problem:
        names = _QUOTED.findall(problem.message)
        if problem.message.startswith("担当課") and names:
            row = self.assignments.get((problem.where, t.header_key(names[0])))
            if row is not None:
                return Problem(t.where(t.SHEET_ASSIGNMENTS, row), problem.message)
        sheet = _SHEET_OF_WHERE.get(problem.where)
        if sheet is None:
            return problem  # already placed: a node or project row
        if sheet == t.SHEET_PLAN:
            field = next((f for p, f in _PLAN_ROW_OF_PREFIX if problem.message.startswith(p)), "")
            row = self.plan_rows.get(field)
            return Problem(t.where(sheet, row) if row else f"シート「{sheet}」", problem.message)
        sheet = next((s for p, s in _SHEET_OF_PREFIX if problem.message.startswith(p)), sheet)
        rows = self.rows.get(sheet, {})
        row = next((rows[t.header_key(n)] for n in names if t.header_key(n) in rows), None)
        return Problem(t.where(sheet, row) if row else f"シート「{sheet}」", problem.message)


def spec_from_book_v2(s: Session, book: Any) -> tuple[PlanSpec | None, list[Problem]]:
    """Read and validate an open template of version 2 against the workbook of ``s``."""
    problems: list[Problem] = []
    rows = _Rows()
    labels = {label: field for field, label in t.PLAN_ITEMS_V2} | {t.VERSION_LABEL: "version"}
    labels |= {label: f"text:{field}" for field, label in TEXT_LABELS.items()}
    items, rows_of = read_items(book, labels, problems)
    rows.plan_rows = rows_of
    if t.SHEET_LEVELS not in book.sheetnames and any(n in book.sheetnames for n in _V1_SHEETS):
        problems.append(
            Problem(
                t.where(t.SHEET_PLAN, rows_of.get("version", 1)),
                f"「{t.VERSION_LABEL}」は {t.VERSION} ですが、シートが版1の形"
                f"（シート「{'」「'.join(_V1_SHEETS)}」）です。版1のファイルなら"
                f"「{t.VERSION_LABEL}」の行を消してください。",
            )
        )
    read_period(items, rows_of, dict(t.PLAN_ITEMS_V2), problems)
    levels = _levels(book, rows, problems)
    attributes = _attributes(book, rows, problems)
    # the rows present, as text: an empty cell is an empty text, a missing row the default
    texts = {f.split(":", 1)[1]: cell_value_text(v) for f, v in items.items() if ":" in f}
    spec = PlanSpec(
        key=cell_value_text(items.get("key")),
        name=cell_value_text(items.get("name")),
        period_start=items["period_start"],
        period_end=items["period_end"],
        philosophy=cell_value_text(items.get("philosophy")),
        issuer=cell_value_text(items.get("issuer")),
        predecessor_key=cell_value_text(items.get("predecessor_key")) or None,
        levels=levels,
        form=_form(book, cell_value_text(items.get("scale_heading")), rows, problems),
        texts=ReportTexts.from_json(texts),
        attributes=attributes,
        departments=_departments(book, rows, problems),
    )
    if levels:
        projects = _nodes_and_projects(book, spec, rows, problems)
        _assignments(book, projects, rows, problems)
    resolver = DepartmentResolver.from_session(s)
    seen = {str(p) for p in problems}
    for p in plan_problems(s, spec, resolver):
        placed = rows.place(p)
        if str(placed) not in seen:
            seen.add(str(placed))
            problems.append(placed)
    return (None if problems else spec), problems


def _levels(book: Any, rows: _Rows, problems: list[Problem]) -> tuple[PlanLevel, ...]:
    sheet = Sheet(book, t.SHEET_LEVELS, t.LEVEL_COLUMNS, (), problems)
    found: list[tuple[int, int, PlanLevel]] = []
    for row, v in sheet.rows:
        depth = sheet.number(row, v, "段", problems)
        style = _choice(
            t.where(sheet.name, row), "番号の形式", v["番号の形式"], NUMBERING_SHOWN, problems
        )
        name = cell_value_text(v["名前"])
        rows.add(sheet.name, row, name)
        if depth is not None and style is not None:
            found.append((depth, row, PlanLevel(name, style)))
    found.sort(key=lambda x: x[:2])
    depths = [d for d, _, _ in found]
    if depths != list(range(1, len(depths) + 1)):
        problems.append(
            Problem(
                f"シート「{sheet.name}」",
                f"「段」は 1 から順に 1 つずつ書いてください（{'、'.join(map(str, depths))}）。",
            )
        )
    return tuple(level for _, _, level in found)


def _form(book: Any, heading: str, rows: _Rows, problems: list[Problem]) -> EvaluationForm:
    cols = dict(t.FORM_COLUMNS)
    sheet = Sheet(book, t.SHEET_FORM, tuple(cols.values()), tuple(cols.values())[3:], problems)
    fields = []
    for row, v in sheet.rows:
        kind = _choice(
            t.where(sheet.name, row), cols["kind"], v[cols["kind"]], t.FIELD_KINDS_SHOWN, problems
        )
        values = {k: cell_value_text(v.get(cols[k])) for k in ("key", "label", "unit", "note")}
        flags = {
            f: _flag(t.where(sheet.name, row), cols[f], v.get(cols[f]), problems)
            for f in t.FORM_FLAGS
        }
        rows.add(sheet.name, row, values["key"], values["label"])
        fields.append(
            FormField(
                key=values["key"],
                label=values["label"],
                kind=kind or "text",
                required=flags["required"],
                unit=values["unit"],
                note=values["note"],
                year_in_heading=flags["year_in_heading"],
                explains_rating=flags["explains_rating"],
                warn_same_as_last_year=flags["warn_same_as_last_year"],
                copy_from_last_year=flags["copy_from_last_year"],
                target_attribute=cell_value_text(v.get(cols["target_attribute"])),
            )
        )
    sheet = Sheet(
        book,
        t.SHEET_SCALE,
        t.SCALE_COLUMNS,
        ("順番", "表示", "評価基準", "キー", "必要な項目"),
        problems,
    )
    codes = []
    for row, v in sheet.rows:
        order = sheet.number(row, v, "順番", problems, required=False)
        code = RatingCode(
            code=cell_value_text(v["記号"]),
            label=cell_value_text(v.get("表示")),
            criteria=cell_value_text(v.get("評価基準")),
            key=cell_value_text(v.get("キー")),
            requires=_split(v.get("必要な項目")),
        )
        rows.add(sheet.name, row, code.code)
        codes.append((order if order is not None else row, row, code))
    codes.sort(key=lambda x: x[:2])
    return EvaluationForm(tuple(fields), heading, tuple(c for _, _, c in codes))


def _attributes(book: Any, rows: _Rows, problems: list[Problem]) -> tuple[AttributeDef, ...]:
    sheet = Sheet(book, t.SHEET_ATTRIBUTES, t.ATTRIBUTE_COLUMNS, ("種類", "単位"), problems)
    out = []
    for row, v in sheet.rows:
        kind = _choice(
            t.where(sheet.name, row), "種類", v.get("種類"), t.ATTRIBUTE_KINDS_SHOWN, problems
        )
        key, label = cell_value_text(v["キー"]), cell_value_text(v["名前"])
        rows.add(sheet.name, row, key, label)
        out.append(AttributeDef(key, label, kind or "text", cell_value_text(v.get("単位"))))
    return tuple(out)


def _departments(book: Any, rows: _Rows, problems: list[Problem]) -> tuple[DepartmentSpec, ...]:
    sheet = Sheet(book, t.SHEET_DEPARTMENTS_V2, t.DEPARTMENT_COLUMNS, ("種類", "別名"), problems)
    out = []
    for row, v in sheet.rows:
        kind = _choice(
            t.where(sheet.name, row), "種類", v.get("種類"), t.DEPARTMENT_KINDS_SHOWN, problems
        )
        d = DepartmentSpec(cell_value_text(v["担当課"]), kind or "city", _split(v.get("別名")))
        rows.add(sheet.name, row, d.name, *d.aliases)
        out.append(d)
    return tuple(out)


_Key = tuple[str, object]


def _node_key(raw: Any) -> _Key | None:
    """How a cell of a level column names a node: its number, or for a node without a
    number, its name; None for an empty cell."""
    number = cell_number(raw)
    if number is not None:
        return ("number", number)
    text = cell_value_text(raw)
    return ("name", t.header_key(text)) if text else None


def _path(
    sheet: Sheet,
    row: int,
    v: dict[str, Any],
    levels: tuple[PlanLevel, ...],
    problems: list[Problem],
) -> tuple[_Key, ...] | None:
    """The filled level cells of a row from the top, or None (with a problem) when a level
    above a filled one is empty."""
    keys = [_node_key(v.get(level.name)) for level in levels]
    while keys and keys[-1] is None:
        keys.pop()
    if None in keys:
        empty = levels[keys.index(None)].name
        problems.append(Problem(t.where(sheet.name, row), f"「{empty}」が空です。"))
        return None
    return tuple(k for k in keys if k is not None)


def _shown(levels: tuple[PlanLevel, ...], path: tuple[_Key, ...]) -> str:
    parts = []
    for level, (kind, value) in zip(levels, path, strict=False):
        shown = level.label(value) if kind == "number" and isinstance(value, int) else ""
        parts.append(f"{level.name}{shown or value}")
    return " ".join(parts)


def _nodes_and_projects(
    book: Any, spec: PlanSpec, rows: _Rows, problems: list[Problem]
) -> dict[str, ProjectSpec]:
    levels = spec.levels
    names = tuple(level.name for level in levels)
    sheet = Sheet(book, t.SHEET_NODES, (*names, t.NODE_NAME), (), problems)
    for header in sheet.other_headers:
        problems.append(
            Problem(
                t.where(sheet.name, 1),
                f"列「{header}」はシート「{t.SHEET_LEVELS}」にない階層です"
                f"（階層は {'・'.join(names)}）。",
            )
        )
    nodes: dict[tuple[_Key, ...], NodeSpec] = {}
    first: dict[tuple[_Key, ...], int] = {}
    read: list[tuple[tuple[_Key, ...], int, dict[str, Any]]] = []
    for row, v in sheet.rows:
        path = _path(sheet, row, v, levels, problems)
        if path is None:
            continue
        if not path:
            problems.append(
                Problem(t.where(sheet.name, row), f"階層の番号（{'・'.join(names)}）がありません。")
            )
            continue
        read.append((path, row, v))
    # upper items first, so a row may name an upper item written below it; siblings keep
    # the order of their rows
    for path, row, v in sorted(read, key=lambda x: len(x[0])):
        where = t.where(sheet.name, row)
        if path in first:
            problems.append(
                Problem(
                    where, f"{_shown(levels, path)} が重複しています（{first[path]}行目と同じ）。"
                )
            )
            continue
        parent = nodes.get(path[:-1]) if len(path) > 1 else None
        if len(path) > 1 and parent is None:
            problems.append(
                Problem(
                    where,
                    f"上の項目（{_shown(levels, path[:-1])}）がシート「{sheet.name}」にありません。",
                )
            )
            continue
        kind, value = path[-1]
        node = NodeSpec(
            number=value if kind == "number" and isinstance(value, int) else None,
            name=cell_value_text(v[t.NODE_NAME]),
            where=where,
        )
        first[path] = row
        nodes[path] = node
        (parent.children if parent is not None else spec.nodes).append(node)
    return _projects(book, spec, nodes, rows, problems)


def _projects(
    book: Any,
    spec: PlanSpec,
    nodes: dict[tuple[Any, ...], NodeSpec],
    rows: _Rows,
    problems: list[Problem],
) -> dict[str, ProjectSpec]:
    levels = spec.levels
    names = tuple(level.name for level in levels)
    attrs = {a.label: a for a in spec.attributes}
    columns = (
        *names,
        t.PROJECT_LABEL,
        t.PROJECT_SORT,
        t.PROJECT_NAME,
        t.PROJECT_DESCRIPTION,
        *attrs,
        t.PROJECT_PREDECESSORS,
    )
    optional = (t.PROJECT_SORT, t.PROJECT_DESCRIPTION, *attrs, t.PROJECT_PREDECESSORS)
    sheet = Sheet(book, t.SHEET_PROJECTS, columns, optional, problems)
    for header in sheet.other_headers:
        problems.append(
            Problem(
                t.where(sheet.name, 1),
                f"列「{header}」はシート「{t.SHEET_ATTRIBUTES}」にない事業の属性です。",
            )
        )
    projects: dict[str, ProjectSpec] = {}
    for row, v in sheet.rows:
        where = t.where(sheet.name, row)
        path = _path(sheet, row, v, levels, problems)
        sort = sheet.number(row, v, t.PROJECT_SORT, problems, required=False)
        if path is None:
            continue
        node = nodes.get(path)
        if node is None or len(path) != len(levels):
            shown = _shown(levels, path) or "（なし）"
            problems.append(
                Problem(
                    where,
                    f"{shown} はシート「{t.SHEET_NODES}」の{names[-1]}にありません"
                    f"（事業は最も下の階層「{names[-1]}」の項目の下に置きます）。",
                )
            )
            continue
        project = ProjectSpec(
            label=cell_value_text(v[t.PROJECT_LABEL]),
            name=cell_value_text(v[t.PROJECT_NAME]),
            description=cell_value_text(v.get(t.PROJECT_DESCRIPTION)),
            attributes={
                a.key: cell_value_text(v.get(label))
                for label, a in attrs.items()
                if cell_value_text(v.get(label))
            },
            predecessors=list(_split(v.get(t.PROJECT_PREDECESSORS))),
            sort=sort,
            where=where,
        )
        node.projects.append(project)
        projects.setdefault(project.label, project)
    return projects


def _assignments(
    book: Any, projects: dict[str, ProjectSpec], rows: _Rows, problems: list[Problem]
) -> None:
    sheet = Sheet(book, t.SHEET_ASSIGNMENTS, t.ASSIGNMENT_COLUMNS, (), problems)
    for row, v in sheet.rows:
        label = cell_value_text(v["事業番号"])
        text = cell_value_text(v["担当課"])
        where = t.where(sheet.name, row)
        if not label or not text:
            problems.append(
                Problem(where, f"「{'事業番号' if not label else '担当課'}」が空です。")
            )
            continue
        project = projects.get(label)
        if project is None:
            problems.append(
                Problem(where, f"事業番号「{label}」はシート「{t.SHEET_PROJECTS}」にありません。")
            )
            continue
        project.departments.append(text)
        rows.assignments.setdefault((project.where, t.header_key(text)), row)
