"""Writing a plan as the Excel plan template of version 2 (docs/plan-template.md; read by
:mod:`.template_read_v2`).

Every sheet is a table with its header in bold in row 1 (sheet 計画: 項目 / 値 rows), frozen
below the header, with dropdowns where a column has a fixed set of values. Every text cell is
written as text, never as a formula, whatever it starts with.
"""

from __future__ import annotations

import re
from typing import Any

from welfareplan.core.plan_levels import NUMBERING_SHOWN, PlanLevel
from welfareplan.core.planspec import NodeSpec, PlanSpec
from welfareplan.core.report_texts import TEXT_LABELS
from welfareplan.exports.textsafe import ooxml_escape
from welfareplan.workflow.plans import plan_template as t

#: rows given a dropdown below the header (a person may add rows up to here)
_DROPDOWN_ROWS = 500


def put(ws: Any, row: int, col: int, value: object) -> Any:
    """Write one cell; text is escaped (a literal _xHHHH_ comes back as written) and typed
    as text."""
    if isinstance(value, str):
        value = ooxml_escape(value)
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def table(book: Any, title: str, header: tuple[str, ...], widths: tuple[int, ...]) -> Any:
    """A new sheet with a bold, shaded, frozen header row and its column widths, printed
    landscape on A4, as wide as one page, with the header on every page and grid lines."""
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(title)
    shade = PatternFill("solid", fgColor="DDEBF7")
    for i, (h, w) in enumerate(zip(header, widths, strict=True), start=1):
        cell = put(ws, 1, i, h)
        cell.font, cell.fill = Font(bold=True), shade
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    _print_setup(ws)
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    return ws


def _print_setup(ws: Any) -> None:
    """Printed landscape on A4, as wide as one page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped column ``width`` characters wide (a
    Japanese character is two)."""
    per_line = max(int(width), 1)
    total = 0
    for line in text.split("\n"):
        chars = sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)
        total += max(1, -(-chars // per_line))
    return total


def _short_lines(text: str, most: int) -> list[str]:
    """``text`` cut after 。 or 、 into lines of at most about ``most`` characters (the
    help sheet reads on screen and on paper without wrapping); later lines are indented."""
    out, line = [], ""
    for piece in re.split(r"(?<=[。、])", text):
        if line and len(line) + len(piece) > most:
            out.append(line)
            line = "　"
        line += piece
    return [*out, line] if line.strip() else out


def _rows(
    ws: Any, rows: list[tuple[object, ...]], wrap: tuple[int, ...] = (), center: int = 0
) -> None:
    """Write ``rows`` below the header; the columns of ``wrap`` wrap their text (the row made
    as tall as its longest text, up to 12 lines), the first ``center`` columns are centred."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    top = Alignment(wrap_text=True, vertical="top")
    middle = Alignment(horizontal="center", vertical="top")
    upper = Alignment(vertical="top")
    for r, values in enumerate(rows, start=2):
        lines = 1
        for c, value in enumerate(values, start=1):
            cell = put(ws, r, c, value if value != "" else None)
            if c in wrap:
                cell.alignment = top
                width = ws.column_dimensions[get_column_letter(c)].width
                lines = max(lines, _lines(str(value or ""), width))
            else:
                cell.alignment = middle if c <= center else upper
        if lines > 1:
            ws.row_dimensions[r].height = 17 * min(lines, 12) + 2


def _dropdown(ws: Any, column: int, choices: tuple[str, ...]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(column)
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="選べない値です",
        error=f"次のどれかを選んでください: {'、'.join(choices)}",
    )
    ws.add_data_validation(dv)
    dv.add(f"{letter}2:{letter}{_DROPDOWN_ROWS}")


def _cell_of(level: PlanLevel, node: NodeSpec) -> object:
    """How a node is named in its level's column: its number as the plan prints it (a plain
    number for 1 2 3 and for a level printing none), or its name when it has no number."""
    if node.number is None:
        return node.name
    if level.numbering in ("arabic", "none"):
        return node.number
    return level.label(node.number)


def _label_cell(label: str) -> object:
    """A project label as typed: 4 as a number, '31～34' and '新' as text."""
    return int(label) if label.isascii() and label.isdigit() and label[0] != "0" else label


def write_template(spec: PlanSpec) -> Any:
    """The template of ``spec`` as an openpyxl workbook (the caller saves it)."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    book.remove(book.active)
    _plan_sheet(book, spec)
    levels = table(book, t.SHEET_LEVELS, t.LEVEL_COLUMNS, (6, 24, 12))
    _rows(
        levels,
        [(d, lv.name, NUMBERING_SHOWN[lv.numbering]) for d, lv in enumerate(spec.levels, 1)],
    )
    _dropdown(levels, 3, tuple(NUMBERING_SHOWN.values()))
    _nodes_and_projects(book, spec)
    _form_sheets(book, spec)
    attrs = table(book, t.SHEET_ATTRIBUTES, t.ATTRIBUTE_COLUMNS, (16, 24, 10, 10))
    _rows(
        attrs,
        [(a.key, a.label, t.ATTRIBUTE_KINDS_SHOWN[a.kind], a.unit) for a in spec.attributes],
    )
    _dropdown(attrs, 3, tuple(t.ATTRIBUTE_KINDS_SHOWN.values()))
    depts = table(book, t.SHEET_DEPARTMENTS_V2, t.DEPARTMENT_COLUMNS, (28, 20, 60))
    _rows(
        depts,
        [
            (d.name, t.DEPARTMENT_KINDS_SHOWN[d.kind], t.LIST_SEPARATOR.join(d.aliases))
            for d in spec.departments
        ],
    )
    _dropdown(depts, 2, tuple(t.DEPARTMENT_KINDS_SHOWN.values()))
    help_ws = book.create_sheet(t.SHEET_HELP)
    help_ws.column_dimensions[get_column_letter(1)].width = 130
    _print_setup(help_ws)
    lines = [part for line in t.HELP_LINES_V2 for part in _short_lines(line, 60)]
    for row, line in enumerate(lines, start=1):
        put(help_ws, row, 1, line)
    return book


def _plan_sheet(book: Any, spec: PlanSpec) -> None:
    ws = table(book, t.SHEET_PLAN, t.PLAN_HEADER, (22, 90))
    values: dict[str, object] = {
        "key": spec.key,
        "name": spec.name,
        "period_start": spec.period_start,
        "period_end": spec.period_end,
        "philosophy": spec.philosophy,
        "issuer": spec.issuer,
        "predecessor_key": spec.predecessor_key or "",
        "scale_heading": spec.form.scale_heading,
    }
    rows: list[tuple[object, ...]] = [(t.VERSION_LABEL, t.VERSION)]
    rows += [(label, values[field]) for field, label in t.PLAN_ITEMS_V2]
    rows += [(label, getattr(spec.texts, field)) for field, label in TEXT_LABELS.items()]
    _rows(ws, rows, wrap=(2,))


def _nodes_and_projects(book: Any, spec: PlanSpec) -> None:
    names = tuple(level.name for level in spec.levels)
    n = len(names)
    nodes = table(book, t.SHEET_NODES, (*names, t.NODE_NAME), (*(12,) * n, 60))
    attrs = spec.attributes
    projects = table(
        book,
        t.SHEET_PROJECTS,
        (
            *names,
            t.PROJECT_LABEL,
            t.PROJECT_SORT,
            t.PROJECT_NAME,
            t.PROJECT_DESCRIPTION,
            *(a.label for a in attrs),
            t.PROJECT_PREDECESSORS,
        ),
        (*(10,) * n, 10, 8, 40, 80, *(16,) * len(attrs), 18),
    )
    asg = table(book, t.SHEET_ASSIGNMENTS, t.ASSIGNMENT_COLUMNS, (12, 36))
    node_rows: list[tuple[object, ...]] = []
    project_rows: list[tuple[object, ...]] = []
    asg_rows: list[tuple[object, ...]] = []

    def visit(items: list[NodeSpec], path: tuple[object, ...]) -> None:
        for node in items:
            here = (*path, _cell_of(spec.levels[len(path)], node))
            node_rows.append((*here, *("",) * (n - len(here)), node.name))
            visit(node.children, here)
            for p in node.projects:
                project_rows.append(
                    (
                        *here,
                        _label_cell(p.label),
                        p.sort,
                        p.name,
                        p.description,
                        *(p.attributes.get(a.key, "") for a in attrs),
                        t.LIST_SEPARATOR.join(p.predecessors),
                    )
                )
                asg_rows.extend((_label_cell(p.label), d) for d in p.departments)

    visit(spec.nodes, ())
    _rows(nodes, node_rows, center=n)
    _rows(projects, project_rows, wrap=(n + 3, n + 4), center=n)
    _rows(asg, asg_rows, center=1)


def _form_sheets(book: Any, spec: PlanSpec) -> None:
    form = spec.form
    cols = [label for _, label in t.FORM_COLUMNS]
    ws = table(book, t.SHEET_FORM, tuple(cols), (14, 28, 8, 12, 8, 12, 40, 14, 18, 20, 18))
    rows = []
    for f in form.fields:
        row: list[object] = []
        for name, _ in t.FORM_COLUMNS:
            value = getattr(f, name)
            if name == "kind":
                value = t.FIELD_KINDS_SHOWN.get(value, value)
            elif isinstance(value, bool):
                value = t.YES if value else t.NO
            row.append(value)
        rows.append(tuple(row))
    _rows(ws, rows, wrap=(7,))
    _dropdown(ws, 3, tuple(t.FIELD_KINDS_SHOWN.values()))
    for name in t.FORM_FLAGS:
        _dropdown(ws, cols.index(dict(t.FORM_COLUMNS)[name]) + 1, (t.YES, t.NO))
    scale = table(book, t.SHEET_SCALE, t.SCALE_COLUMNS, (6, 8, 14, 60, 6, 24))
    _rows(
        scale,
        [
            (i, c.code, c.label, c.criteria, c.key, t.LIST_SEPARATOR.join(c.requires))
            for i, c in enumerate(form.scale, 1)
        ],
        wrap=(4,),
    )
