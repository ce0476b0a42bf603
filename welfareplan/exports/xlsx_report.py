"""The report as an Excel workbook.

Sheets, in the order of the published report: ``表紙`` (title, criteria of the scale, the plan's
structure: :mod:`welfareplan.exports.xlsx_cover`); ``委員意見`` with the committee's opinions
(none when the plan names no committee and there are no opinions); ``主な意見と市の考え方``
when any opinion has the city's answer (the same table as the Word report); one per top-level node of
the plan (``基本目標1`` …) with the report's columns (the plan part and one column per field of
the form) — project cells merged vertically over the rows of one project, wrapped text,
estimated row heights, frozen header, header repeated on printed pages, landscape fit to the
page width — and, when a previous round exists and the form has a rating, the previous year's
rating and the change beside each entry; ``集計`` with the counts
per code of the scale per top-level node (and last year's) and native bar charts (no ``集計``
without a rating). A 事業No that is a whole number is stored as a number, so Excel marks no
"number stored as text" (openpyxl cannot write a sheet's ``ignoredErrors``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.reportdata import ReportData, ReportGoal
from welfareplan.exports.columns import width_kind
from welfareplan.exports.paper import Paper, PaperSize, paper
from welfareplan.exports.tablegroups import measure_spans
from welfareplan.exports.xlsx_cells import Palette, number_cell, text_cell
from welfareplan.exports.xlsx_cover import cover_sheet
from welfareplan.exports.xlsx_layout import (
    RowMeasure,
    Styles,
    estimate_row_pt,
    lines_to_pt,
    make_styles,
    merge_all,
    new_workbook,
    save_workbook,
    set_column_widths,
    set_row_heights,
    set_text,
    setup_print,
)

#: Column widths (Excel units) of 施策No, 事業No, 個別事業, 内容, 担当課 …
CONTEXT_WIDTHS: tuple[float, ...] = (8, 7, 18, 36, 14)
#: … of the form's fields (Koganei: 事業実績 50, 事業評価 7, 展望 40) …
FIELD_WIDTHS = {"first": 50.0, "text": 40.0, "code": 7.0, "number": 10.0}
#: … then 前年度評価 and 変化.
YOY_WIDTHS: tuple[float, ...] = (10, 10)
HEADER_ROW = 3
SUMMARY_SHEET = "集計"
OPINION_SHEET = "委員意見"


def goal_sheet_name(goal: ReportGoal) -> str:
    """'基本目標1' (Excel allows 31 characters and no []:*?/\\ in a sheet name)."""
    name = "".join(c for c in goal.heading if c not in "[]:*?/\\") or goal.name
    return name[:31]


def rating_change(form: EvaluationForm, previous: str | None, current: str) -> str:
    """'上昇' / '低下' / '変化なし' between last year's and this year's rating by their order in
    the scale (best first; '' if either is not rated)."""
    if previous is None:
        return "前年度なし"
    codes = form.codes
    if previous not in codes or current not in codes:
        return ""
    old, new = codes.index(previous), codes.index(current)
    if new < old:
        return "上昇"
    if new > old:
        return "低下"
    return "変化なし"


class _Writer:
    def __init__(self, report: ReportData, pp: Paper) -> None:
        self.report = report
        self.paper = pp
        self.s: Styles = make_styles()
        self.wb = new_workbook()
        self.palette = Palette(self.wb)
        form = report.form
        self.rating = form.rating_field
        self.yoy = report.previous_fiscal_year is not None and self.rating is not None
        context = CONTEXT_WIDTHS if report.has_node_column else CONTEXT_WIDTHS[1:]
        self.widths = (
            list(context)
            + [FIELD_WIDTHS[width_kind(form, f)] for f in form.fields]
            + (list(YOY_WIDTHS) if self.yoy else [])
        )
        node = 1 if report.has_node_column else 0
        first = len(context) + 1
        self.centered = {1, 1 + node} | {
            first + i for i, f in enumerate(form.fields) if f.is_rating or f.is_number
        }
        if self.yoy:
            self.centered |= {len(self.widths) - 1, len(self.widths)}

    def header_labels(self) -> list[str]:
        labels = self.report.columns
        if self.yoy:
            word = self.report.previous_word
            labels += [f"{word}評価（{self.report.previous_year_label}）", "評価の変化"]
        return labels

    def goal_sheet(self, wb: Any, goal: ReportGoal) -> None:
        s = self.s
        ws = wb.create_sheet(goal_sheet_name(goal))
        set_column_widths(ws, self.widths)
        ncols = len(self.widths)
        self.palette.apply(ws.cell(1, 1), s.title)
        set_text(ws.cell(1, 1), f"{goal.heading}　{goal.name}")
        self.palette.apply(ws.cell(2, 1), s.subtitle)
        set_text(ws.cell(2, 1), f"{self.report.title}{self.report.subtitle}")
        for col, label in enumerate(self.header_labels(), 1):
            c = ws.cell(HEADER_ROW, col)
            c.value = label
            self.palette.apply(c, s.head_font, s.center, s.border, fill=s.head_fill)
        ws.row_dimensions[HEADER_ROW].height = estimate_row_pt(self.header_labels(), self.widths)
        wrap = self.palette.array(ws, s.cell_font, s.wrap_top, s.border)
        center = self.palette.array(ws, s.cell_font, s.center_top, s.border)
        looks = [center if col in self.centered else wrap for col in range(1, ncols + 1)]
        measure = RowMeasure(self.widths)
        r = HEADER_ROW + 1
        # Merged ranges as (first column, first row, last column, last row).
        merges: list[tuple[int, int, int, int]] = []
        heights: dict[int, float] = {}
        spans = measure_spans(goal)
        node = 1 if self.report.has_node_column else 0
        form = self.report.form
        rating = self.rating
        for project in goal.projects:
            first = r
            first_of_measure, measure_rows = spans[project.project_id]
            if node and first_of_measure and measure_rows > 1:
                # 施策No spans every row of its 施策, as in the published table.
                merges.append((1, first, 1, first + measure_rows - 1))
            project_texts = [project.number_label, project.name, project.description]
            if node:
                project_texts = [project.node_label if first_of_measure else "", *project_texts]
            merged = len(project.entries) > 1  # the project cells span its rows
            numbers = {  # 0-based columns of number fields: numbers Excel can sum
                len(project_texts) + 1 + i for i, f in enumerate(form.fields) if f.is_number
            }
            if project.number_label.isascii() and project.number_label.isdigit():
                numbers.add(node)  # 事業No '12' as the number 12: no "number stored as text"
            project_heights: list[float] = []
            for i, entry in enumerate(project.entries):
                texts = [entry.label] + [entry.value(f.key) for f in form.fields]
                values: list[str] = (project_texts if i == 0 else [""] * len(project_texts)) + texts
                if self.yoy and rating is not None:
                    previous = (
                        entry.previous.get(rating.key) if entry.previous is not None else None
                    )
                    values += [
                        previous or "",
                        rating_change(form, previous, entry.value(rating.key)),
                    ]
                ws.append(
                    [
                        (number_cell if col in numbers else text_cell)(ws, text, look)
                        for col, (text, look) in enumerate(zip(values, looks, strict=True))
                    ]
                )
                if merged:  # the project cells are sized below
                    project_heights.append(measure.row_pt(texts, first_column=len(project_texts)))
                else:
                    project_heights.append(measure.row_pt(project_texts + texts))
                r += 1
            last = r - 1
            if last > first:
                merges += [(col, first, col, last) for col in (1 + node, 2 + node, 3 + node)]
                # The merged project cells need as much height as their longest text.
                need = max(
                    lines_to_pt(measure.lines(text, col))
                    for col, text in enumerate(project_texts[node:], node)
                )
                deficit = need - sum(project_heights)
                if deficit > 0:
                    project_heights = [h + deficit / len(project_heights) for h in project_heights]
            for offset, height in enumerate(project_heights):
                heights[first + offset] = min(round(height, 1), 409)
        set_row_heights(ws, heights)
        merge_all(ws, merges)
        ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2 + (1 if self.report.has_node_column else 0))
        setup_print(
            ws,
            self.paper,
            title_rows=f"{HEADER_ROW}:{HEADER_ROW}",
            last_column=ncols,
            last_row=r - 1,
        )

    def summary_sheet(self, wb: Any) -> None:
        from openpyxl.chart import BarChart, Reference, Series

        s = self.s
        r = self.report
        rating = r.form.rating_field
        if rating is None:
            return  # nothing to count
        codes = r.form.codes
        ws = wb.create_sheet(SUMMARY_SHEET)
        set_column_widths(ws, [30] + [8] * (len(codes) + 2))
        self.palette.apply(ws.cell(1, 1), s.title)
        ws.cell(1, 1).value = f"{rating.label}の集計（{r.year_label}）"
        keys = r.count_keys
        every = (*codes, "")
        tables = [(r.year_label, [g.counts for g in r.goals], r.totals())]
        prev_totals = r.previous_totals()
        if prev_totals is not None and r.previous_year_label:
            tables.append(
                (r.previous_year_label, [g.previous_counts or {} for g in r.goals], prev_totals)
            )
        top = 3
        starts = []
        for label, per_goal, totals in tables:
            head = [label, *(r.code_label(k) for k in keys), "計"]
            for col, text in enumerate(head, 1):
                c = ws.cell(top, col)
                c.value = text
                self.palette.apply(c, s.head_font, s.center, s.border, fill=s.head_fill)
            rows = [(g.title, per_goal[i]) for i, g in enumerate(r.goals)]
            rows.append(("合計", totals))
            for i, (name, counts) in enumerate(rows, 1):
                c = ws.cell(top + i, 1)
                font = s.bold_font if name == "合計" else s.cell_font
                self.palette.apply(c, font, s.wrap_top, s.border)
                set_text(c, name)
                values = [counts.get(k, 0) for k in keys]
                values.append(sum(counts.get(k, 0) for k in every))
                for col, v in enumerate(values, 2):
                    c = ws.cell(top + i, col)
                    c.value = v
                    self.palette.apply(c, s.cell_font, s.center, s.border)
            starts.append(top)
            top += len(rows) + 3

        first = starts[0]
        ngoals = len(r.goals)
        level = r.goals[0].level if r.goals else ""
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = f"{level}別の{rating.label}（{r.year_label}）"
        chart.y_axis.title = "件数"
        chart.x_axis.title = level
        # openpyxl 3.1 marks axes as deleted unless told otherwise (Excel then hides them).
        chart.x_axis.delete = chart.y_axis.delete = False
        data = Reference(
            ws, min_col=2, max_col=1 + len(codes), min_row=first, max_row=first + ngoals
        )
        cats = Reference(ws, min_col=1, min_row=first + 1, max_row=first + ngoals)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        chart.height, chart.width = 9, 16
        ws.add_chart(chart, f"A{top}")
        if len(starts) > 1:
            compare = BarChart()
            compare.type = "col"
            compare.title = f"{rating.label}の{r.previous_word}比較（合計）"
            compare.y_axis.title = "件数"
            compare.x_axis.delete = compare.y_axis.delete = False
            for label, start in zip((t[0] for t in tables), starts, strict=True):
                total_row = start + ngoals + 1
                ref = Reference(ws, min_col=2, max_col=1 + len(codes), min_row=total_row)
                compare.series.append(Series(ref, title=label))
            compare.set_categories(Reference(ws, min_col=2, max_col=1 + len(codes), min_row=first))
            compare.height, compare.width = 9, 16
            ws.add_chart(compare, f"A{top + 20}")
        setup_print(ws, self.paper, title_rows=None, last_column=len(keys) + 2, last_row=top + 38)

    def opinion_sheet(self, wb: Any) -> None:
        s = self.s
        r = self.report
        if not r.texts.committee and not any(g.opinions for g in r.goals):
            return  # a plan without a reviewing committee
        ws = wb.create_sheet(OPINION_SHEET)
        widths = [28, 40, 90]
        set_column_widths(ws, widths)
        self.palette.apply(ws.cell(1, 1), s.title)
        committee = f"（{r.texts.committee}の意見）" if r.texts.committee else "（意見）"
        ws.cell(1, 1).value = f"{r.heading}{committee}"
        level = r.goals[0].level if r.goals else ""
        for col, text in enumerate((level, "事業", "意見"), 1):
            c = ws.cell(3, col)
            c.value = text
            self.palette.apply(c, s.head_font, s.center, s.border, fill=s.head_fill)
        row = 4
        for goal in self.report.goals:
            for op in goal.opinions:
                values = [goal.title, op.heading, op.text]
                for col, text in enumerate(values, 1):
                    c = ws.cell(row, col)
                    self.palette.apply(c, s.cell_font, s.wrap_top, s.border)
                    set_text(c, text)
                ws.row_dimensions[row].height = estimate_row_pt(values, widths)
                row += 1
        ws.freeze_panes = "A4"
        setup_print(ws, self.paper, title_rows="3:3", last_column=3, last_row=row - 1)

    def answers_sheet(self, wb: Any) -> None:
        """「主な意見と市の考え方」: the opinions that have the city's answer."""
        from welfareplan.exports.docx_report import ANSWER_HEADERS, ANSWERS_TITLE

        s = self.s
        r = self.report
        if not r.has_answers:
            return
        ws = wb.create_sheet(ANSWERS_TITLE)
        widths = [5, 26, 50, 50, 14]
        set_column_widths(ws, widths)
        self.palette.apply(ws.cell(1, 1), s.title)
        ws.cell(1, 1).value = ANSWERS_TITLE
        for col, text in enumerate(ANSWER_HEADERS, 1):
            c = ws.cell(3, col)
            c.value = text
            self.palette.apply(c, s.head_font, s.center, s.border, fill=s.head_fill)
        row = 4
        for goal in r.goals:
            for op in goal.opinions:
                if not op.answer:
                    continue
                values = [
                    str(row - 3),
                    f"{goal.heading}\n{op.heading}",
                    op.text,
                    op.answer,
                    op.answer_department,
                ]
                for col, text in enumerate(values, 1):
                    c = ws.cell(row, col)
                    self.palette.apply(
                        c, s.cell_font, s.center_top if col == 1 else s.wrap_top, s.border
                    )
                    set_text(c, text)
                ws.row_dimensions[row].height = estimate_row_pt(values, widths)
                row += 1
        ws.freeze_panes = "A4"
        setup_print(ws, self.paper, title_rows="3:3", last_column=5, last_row=row - 1)

    def workbook(self) -> Any:
        wb = self.wb
        # in the order of the published report: cover, the committee's opinions, the tables
        cover_sheet(wb, self.report, self.palette, self.s, self.paper)
        self.opinion_sheet(wb)
        self.answers_sheet(wb)
        for goal in self.report.goals:
            self.goal_sheet(wb, goal)
        self.summary_sheet(wb)
        wb.properties.title = f"{self.report.title}{self.report.subtitle}"
        wb.properties.creator = self.report.issuer or "welfareplan"
        return wb


def write_report_xlsx(
    report: ReportData, path: Path, *, paper_size: PaperSize | str = PaperSize.A4
) -> Path:
    """Write the report of one round as an Excel workbook (atomically) and return its path."""
    return save_workbook(_Writer(report, paper(paper_size)).workbook(), path)
