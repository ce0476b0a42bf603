"""The per-department worksheet in Word, for printing (A4 landscape).

A title block (year, department, deadline, how to fill in, the criteria of the plan's rating
scale) with a box for the approvers' seals, then one table with the report's columns. For each
entry of the department, a grey reference row shows last year's values of every field of the
form (when a previous round exists), followed by this year's row — empty in the blank variant,
with room to write by hand — while the project cells (施策No, 事業No, 【個別事業・取り組み】, 内容,
担当課 with the other departments of the project) are merged over both rows.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from welfareplan.core.reportdata import ReportData, ReportEntry, ReportProject
from welfareplan.core.wareki import date_label
from welfareplan.exports import docx_xml as x
from welfareplan.exports.docx_layout import (
    column_twips,
    mm_to_twips,
    new_document,
    save_document,
)
from welfareplan.exports.docx_report import (
    CELL_MARGIN,
    estimate_row_height_pt,
    field_text,
    main_columns,
)
from welfareplan.exports.paper import PT_PER_MM, Paper, PaperSize, paper
from welfareplan.exports.submitter import Submitter, submitter_parts
from welfareplan.exports.textsafe import clean_text
from welfareplan.exports.worksheet_xlsx import criteria_line

#: Minimum height of an empty input row (room to write by hand).
BLANK_ROW_MM = 38.0
APPROVERS = ("所属長", "確認者", "記入者")
#: Width and height of each approver's box: a 10.5 mm seal (the common 認印) fits with room.
SEAL_MM = 20.0


class _Writer:
    def __init__(
        self,
        report: ReportData,
        department_name: str,
        blank: bool,
        pp: Paper,
        submitter: Submitter | None,
    ) -> None:
        self.report = report
        self.submitter = submitter
        self.department = department_name
        self.blank = blank
        self.paper = pp
        self.widths = column_twips(pp, main_columns(report))
        t = pp.table_pt
        self.cell_text = x.Style(size_pt=t)
        self.cell_center = x.Style(size_pt=t, align="center")
        self.small = x.Style(size_pt=t - 1)
        self.small_bold = x.Style(size_pt=t - 1, bold=True, font=x.GOTHIC)
        self.head = x.Style(size_pt=t, bold=True, align="center", font=x.GOTHIC)
        self.text = x.Style(size_pt=pp.body_pt - 1)
        self.max_row_pt = pp.text_height_mm * PT_PER_MM * 0.75

    def title_block(self) -> list[str]:
        r = self.report
        form = r.form
        title = f"{r.year_label} {r.texts.worksheet_title}"
        info = f"担当課：{clean_text(self.department)}　　対象：{r.entry_count()} 件"
        if r.deadline:
            info += f"　　提出期限：{date_label(r.deadline)}"
        asked = "".join(
            f"「{f.label}（{form.code_range().replace('〜', '～')}）」"
            if f.is_rating
            else f"「{f.label}」"
            for f in form.fields
        )
        name, when = submitter_parts(self.submitter)
        underlined = replace(self.text, size_pt=self.paper.body_pt + 1, underline=True)
        plain = replace(self.text, size_pt=self.paper.body_pt + 1)
        left = [
            x.para(title, x.Style(size_pt=self.paper.body_pt + 5, bold=True, font=x.GOTHIC)),
            x.para(info, x.Style(size_pt=self.paper.body_pt + 1, space_before_pt=4)),
            x.para(
                runs=[
                    ("提出者：", plain),
                    (clean_text(name), underlined),
                    ("　　提出日：", plain),
                    (when, underlined),
                ],
                style=replace(plain, space_before_pt=4),
            ),
            x.para(
                f"{asked}を記入してください。"
                + (
                    f"灰色の行は{r.previous_word}の記入です（参考）。"
                    if r.previous_fiscal_year
                    else ""
                ),
                replace(self.text, space_before_pt=4),
            ),
        ]
        if form.rating_field is not None:
            left.append(
                x.para(clean_text(criteria_line(form)), replace(self.text, space_before_pt=2))
            )
        for f in form.fields:
            if f.note:
                left.append(x.para(f"※{clean_text(f.note)}", replace(self.text, space_before_pt=2)))
        seal = mm_to_twips(SEAL_MM)
        total = sum(self.widths)
        left_w = total - seal * len(APPROVERS)
        # Only the seal boxes have borders: the text block sits in a borderless first column.
        header = [x.cell(left_w, "".join(left), vmerge="restart", borders=False)] + [
            x.cell(
                seal,
                x.para(name, replace(self.small, align="center")),
                fill=x.HEADER_FILL,
                borders=True,
            )
            for name in APPROVERS
        ]
        boxes = [x.cell(left_w, "<w:p/>", vmerge="continue", borders=False)] + [
            x.cell(seal, "<w:p/>", borders=True) for _ in APPROVERS
        ]
        widths = [left_w] + [seal] * len(APPROVERS)
        return [
            x.table(widths, [x.row(header), x.row(boxes, min_height_mm=SEAL_MM)], borders=False),
            x.para("", x.Style(space_after_pt=6)),
        ]

    def header_row(self) -> str:
        labels = self.report.columns
        return x.row(
            [
                x.cell(w, x.para(label, self.head), fill=x.HEADER_FILL, valign="center")
                for w, label in zip(self.widths, labels, strict=True)
            ],
            header=True,
        )

    def entry_rows(self, project: ReportProject, entry: ReportEntry) -> list[str]:
        w = self.widths
        r = self.report
        fields = r.form.fields
        node = 1 if r.has_node_column else 0
        n = len(fields)
        inputs = w[node + 4 :]
        reference = r.previous_fiscal_year is not None
        vmerge: x.VMerge | None = "restart" if reference else None
        department = [x.para(clean_text(entry.label), self.cell_text)]
        if project.other_departments:
            department.append(
                x.para(
                    "同じ事業の担当課："
                    + "、".join(clean_text(d) for d in project.other_departments),
                    replace(self.small, space_before_pt=4),
                )
            )
        project_cells = (
            [x.cell(w[0], x.para(project.node_label, self.cell_center), vmerge=vmerge)]
            if node
            else []
        ) + [
            x.cell(w[node], x.para(project.number_label, self.cell_center), vmerge=vmerge),
            x.cell(w[node + 1], x.para(clean_text(project.name), self.cell_text), vmerge=vmerge),
            x.cell(
                w[node + 2], x.para(clean_text(project.description), self.cell_text), vmerge=vmerge
            ),
            x.cell(w[node + 3], "".join(department), vmerge=vmerge),
        ]

        def value_cells(texts: list[str], style: x.Style, fill: str | None) -> list[str]:
            out = []
            for f, width, text in zip(fields, inputs, texts, strict=True):
                if f.is_rating:
                    out.append(
                        x.cell(width, x.para(text, self.cell_center), fill=fill, valign="center")
                    )
                elif f.is_number:
                    out.append(x.cell(width, x.para(text, self.cell_center), fill=fill))
                else:
                    out.append(x.cell(width, x.para(text, style), fill=fill))
            return out

        rows = []
        if reference:
            label = f"【{r.previous_word}（{r.previous_year_label}）】"
            if entry.previous is None:
                prev = [label + "\n（前年度の記入はありません）"] + [""] * (n - 1)
            else:
                prev = [field_text(f, entry.previous_text(f.key)) for f in fields]
                prev[0] = label + "\n" + prev[0]
            cells = [*project_cells, *value_cells(prev, self.small, x.REFERENCE_FILL)]
            height = estimate_row_height_pt(
                [project.description, *prev], [w[node + 2], *inputs], self.paper.table_pt
            )
            # kept on the page of this year's row: a project is not split where it fits
            rows.append(x.keep_with_next(x.row(cells, cant_split=height <= self.max_row_pt)))
            project_cells = [x.cell(w[c], "<w:p/>", vmerge="continue") for c in range(node + 4)]
        current = [""] * n if self.blank else [field_text(f, entry.value(f.key)) for f in fields]
        cells = [*project_cells, *value_cells(current, self.cell_text, None)]
        height = estimate_row_height_pt(current, list(inputs), self.paper.table_pt)
        rows.append(
            x.row(
                cells,
                cant_split=height <= self.max_row_pt,
                min_height_mm=BLANK_ROW_MM if self.blank else None,
            )
        )
        return rows

    def fragments(self) -> list[str]:
        rows = [self.header_row()]
        for goal in self.report.goals:
            for project in goal.projects:
                for entry in project.entries:
                    rows += self.entry_rows(project, entry)
        out = self.title_block()
        if len(rows) > 1:
            out.append(x.table(self.widths, rows, cell_margin=CELL_MARGIN))
        else:
            out.append(x.para("（この年度に記入する事業はありません）", self.text))
        return out


def write_department_worksheet_docx(
    report: ReportData,
    path: Path,
    *,
    department_name: str,
    blank: bool = False,
    paper_size: PaperSize | str = PaperSize.A4,
    submitter: Submitter | None = None,
) -> Path:
    """Write the printable Word worksheet of one department (``report`` built with its
    ``department_id``); with ``blank`` this year's cells are left empty to be filled by hand.
    Every page names the sheet and the department and carries 「N / M」; the first prints who
    submitted and when (``submitter``; lines to fill in by hand without one)."""
    pp = paper(paper_size)
    doc = new_document(
        pp,
        title=f"{report.year_label} 事業評価シート（{department_name}）",
        author=report.issuer,
        running_head=(
            f"{report.year_label} {report.texts.worksheet_title}　担当課：{clean_text(department_name)}"
        ),
    )
    writer = _Writer(report, department_name, blank, pp, submitter)
    return save_document(doc, path, writer.fragments())
