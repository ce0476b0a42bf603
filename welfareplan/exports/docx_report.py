"""The published report as a Word document (進捗状況及び評価表).

Layout, as in the published FY2024 report: the title block (title, （令和6年度実績報告）,
publication month in 和暦, issuing division) with the criteria of the plan's rating scale
(【事業評価の評価基準】) and the notes of the form's fields; then the committee's opinions per
top-level node (基本目標; none when the plan names no committee and there are no opinions)
and, when any opinion has the city's answer, 「主な意見と市の考え方」 (a numbered table: the
opinion, where it belongs, the answer and the department responsible); then for each top-level node its structure (the levels below it: 施策の方向性 and 施策) and the
main table — one row per department entry, one column per field of the form, the project
cells (施策No, 事業No, 【個別事業・取り組み】, 内容) merged vertically over the rows of one
project, the header row repeated on every page, rows kept whole on one page unless a row is
taller than a page. A summary of the ratings per top-level node and code of the scale (beside
last year's when there is a previous round; none when the form has no rating) closes the
document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from welfareplan.core.evaluation_form import FormField
from welfareplan.core.reportdata import ReportData, ReportEntry, ReportGoal, ReportProject
from welfareplan.core.wareki import month_label
from welfareplan.exports import docx_xml as x
from welfareplan.exports.columns import width_kind
from welfareplan.exports.docx_layout import (
    column_twips,
    mm_to_twips,
    new_document,
    save_document,
)
from welfareplan.exports.paper import PT_PER_MM, Paper, PaperSize, paper
from welfareplan.exports.report_rows import CONTINUED, ESTIMATE_SCALE, plan_rows
from welfareplan.exports.textsafe import clean_text, wrapped_lines

#: Relative widths of the plan columns 施策No | 事業No | 個別事業 | 内容 | 担当課 …
CONTEXT_COLUMNS: tuple[float, ...] = (14, 13, 29, 51, 24)
#: … and of the form's fields: the first text field, other text fields, a rating, a number
#: (Koganei: 事業実績 68 | 事業評価 14 | 展望 54).
FIELD_COLUMNS = {"first": 68.0, "text": 54.0, "code": 14.0, "number": 18.0}
#: Horizontal cell margin (twips) of every table, both sides.
CELL_MARGIN = 57
#: Line height of table text relative to its font size (CJK fonts with single spacing).
LINE_FACTOR = 1.3


#: 「主な意見と市の考え方」: its title, headers and column fractions.
ANSWERS_TITLE = "主な意見と市の考え方"
ANSWER_HEADERS = ("No", "該当箇所", "委員の意見", "市の考え方・対応", "担当課")
ANSWER_COLUMNS = (0.5, 2.2, 4.5, 4.5, 1.5)


def main_columns(report: ReportData) -> tuple[float, ...]:
    """Relative widths of the main table's columns for ``report``'s plan."""
    context = CONTEXT_COLUMNS if report.has_node_column else CONTEXT_COLUMNS[1:]
    form = report.form
    return (*context, *(FIELD_COLUMNS[width_kind(form, f)] for f in form.fields))


def field_text(f: FormField, value: str) -> str:
    """A field's value as a cell prints it: a text cleaned, a code or a number as stored (the
    unit is in the column heading)."""
    return clean_text(value) if f.is_text else value


def estimate_row_height_pt(texts: list[str], widths: list[int], size_pt: float) -> float:
    """Estimated height of a table row: the tallest cell's wrapped lines at ``size_pt``."""
    tallest = 1
    for text, width in zip(texts, widths, strict=True):
        inner_pt = (width - 2 * CELL_MARGIN) / 20
        tallest = max(tallest, wrapped_lines(text, inner_pt / size_pt))
    return tallest * size_pt * LINE_FACTOR + 2


class _Writer:
    def __init__(self, report: ReportData, pp: Paper) -> None:
        self.report = report
        self.paper = pp
        self.widths = column_twips(pp, main_columns(report))
        t = pp.table_pt
        self.cell_text = x.Style(size_pt=t)
        self.cell_center = x.Style(size_pt=t, align="center")
        self.head = x.Style(size_pt=t, bold=True, align="center", font=x.GOTHIC)
        self.heading = x.Style(size_pt=pp.body_pt + 3, bold=True, font=x.GOTHIC, align="center")
        self.label = x.Style(size_pt=pp.body_pt, bold=True, font=x.GOTHIC)
        self.text = x.Style(size_pt=pp.body_pt)
        # A body row taller than this cannot be kept on one page: let it split.
        self.max_row_pt = pp.text_height_mm * PT_PER_MM * 0.75

    # ------------------------------------------------------------------ front matter

    def title_block(self) -> list[str]:
        r = self.report
        big = self.paper.body_pt
        published = r.published_label or month_label(dt.date.today())
        out = [
            x.para("", x.Style(space_before_pt=big * 6)),
            x.para(r.title, x.Style(size_pt=big + 10, bold=True, font=x.GOTHIC, align="center")),
            x.para(
                r.subtitle,
                x.Style(size_pt=big + 5, font=x.GOTHIC, align="center", space_before_pt=6),
            ),
            x.para(published, x.Style(size_pt=big + 2, align="center", space_before_pt=big * 3)),
            x.para(r.issuer, x.Style(size_pt=big + 2, align="center", space_before_pt=4)),
        ]
        form = r.form
        if form.rating_field is not None:
            out.append(
                x.para(
                    form.scale_heading,
                    x.Style(size_pt=big + 1, bold=True, font=x.GOTHIC, space_before_pt=big * 4),
                )
            )
            for code in form.scale:
                out.append(
                    x.para(
                        f"{code.label}・・・ {clean_text(code.criteria)}",
                        x.Style(size_pt=big, space_before_pt=4, indent_left_mm=10),
                    )
                )
        for f in form.fields:
            if f.note:
                out.append(
                    x.para(
                        f"※{clean_text(f.note)}",
                        x.Style(size_pt=big, space_before_pt=10, indent_left_mm=4, hanging_mm=4),
                    )
                )
        return out

    def opinions(self) -> list[str]:
        r = self.report
        if not r.texts.committee and not any(g.opinions for g in r.goals):
            return []  # a plan without a reviewing committee
        widths = column_twips(self.paper, (1, 8))
        rows = []
        for goal in r.goals:
            content = [x.para(goal.title, self.label)]
            for op in goal.opinions:
                content.append(
                    x.para(
                        runs=[
                            (op.heading, x.Style(bold=True)),
                            (" " + clean_text(op.text), x.Style()),
                        ],
                        style=x.Style(size_pt=self.paper.body_pt, space_before_pt=4),
                    )
                )
            if not goal.opinions:
                content.append(x.para("（意見はありません）", self.text))
            rows.append(
                x.row(
                    [
                        x.cell(widths[0], x.para(goal.level, self.label), valign="center"),
                        x.cell(widths[1], "".join(content)),
                    ],
                    cant_split=False,
                )
            )
        return [
            x.para(r.heading, replace(self.heading, page_break_before=True)),
            x.para("", x.Style(space_after_pt=6)),
            x.table(widths, rows),
        ]

    def answers(self) -> list[str]:
        """「主な意見と市の考え方」: the opinions that have the city's answer, numbered, with the
        answer and the department responsible (nothing when no opinion has an answer)."""
        r = self.report
        if not r.has_answers:
            return []
        widths = column_twips(self.paper, ANSWER_COLUMNS)
        head = [
            x.cell(w, x.para(label, self.head), fill=x.HEADER_FILL, valign="center")
            for w, label in zip(widths, ANSWER_HEADERS, strict=True)
        ]
        rows = [x.row(head, header=True)]
        number = 0
        for goal in r.goals:
            for op in goal.opinions:
                if not op.answer:
                    continue
                number += 1
                texts = [
                    str(number),
                    f"{goal.heading}\n{op.heading}",
                    clean_text(op.text),
                    clean_text(op.answer),
                    clean_text(op.answer_department),
                ]
                cells = [
                    x.cell(w, x.para(t, self.cell_center if i == 0 else self.cell_text))
                    for i, (w, t) in enumerate(zip(widths, texts, strict=True))
                ]
                rows.append(x.row(cells, cant_split=False))
        return [
            x.para(ANSWERS_TITLE, replace(self.heading, page_break_before=True)),
            x.para("", x.Style(space_after_pt=6)),
            x.table(widths, rows),
        ]

    # ------------------------------------------------------------------ per goal

    def structure(self, goal: ReportGoal) -> str:
        widths = column_twips(self.paper, (1, 6))
        style = self.text

        def line(label: str, value: str) -> str:
            return x.row(
                [
                    x.cell(widths[0], x.para(label, self.label), fill=x.HEADER_FILL),
                    x.cell(widths[1], x.para(value, style)),
                ]
            )

        rows = [line(level, text) for level, text in goal.structure()]
        return x.table(widths, rows)

    def header_row(self) -> str:
        labels = self.report.columns
        return x.row(
            [
                x.cell(w, x.para(label, self.head), fill=x.HEADER_FILL, valign="center")
                for w, label in zip(self.widths, labels, strict=True)
            ],
            header=True,
        )

    def _project_texts(self, project: ReportProject) -> list[str]:
        """施策No (when the plan has that column), 事業No, name and 内容 as printed."""
        node = [project.node_label] if self.report.has_node_column else []
        return [
            *node,
            project.number_label,
            clean_text(project.name),
            clean_text(project.description),
        ]

    def _entry_texts(self, entry: ReportEntry) -> list[str]:
        fields = self.report.form.fields
        return [clean_text(entry.label)] + [field_text(f, entry.value(f.key)) for f in fields]

    def _rooms(self, goal: ReportGoal) -> tuple[float, float]:
        """Estimated room (pt) for a table's rows on a page, and on the goal's first page
        (below its heading and structure)."""
        pp = self.paper
        page = pp.text_height_mm * PT_PER_MM
        header = estimate_row_height_pt(self.report.columns, self.widths, pp.table_pt)
        room = page - header * ESTIMATE_SCALE
        widths = column_twips(pp, (1, 6))
        structure = sum(
            estimate_row_height_pt([level, text], widths, pp.body_pt)
            for level, text in goal.structure()
        )
        heading = (pp.body_pt + 3) * LINE_FACTOR + 4 + 8
        return room, room - (structure + heading) * ESTIMATE_SCALE

    def main_table(self, goal: ReportGoal) -> str:
        w = self.widths
        node = 1 if self.report.has_node_column else 0  # the node column (施策No), if any
        size = self.paper.table_pt

        def row_pt(entry: ReportEntry) -> float:
            return estimate_row_height_pt(self._entry_texts(entry), w[node + 3 :], size)

        def context_pt(project: ReportProject) -> float:
            return estimate_row_height_pt(self._project_texts(project), w[: node + 3], size)

        rows = [self.header_row()]
        fields = self.report.form.fields
        for r in plan_rows(goal, row_pt, context_pt, *self._rooms(goal)):
            project_texts = self._project_texts(r.project)
            if r.continued:  # the page this piece starts on names the project again
                project_texts[node + 1] += CONTINUED
                project_texts[node + 2] = ""
            texts = self._entry_texts(r.entry)
            cells: list[str] = []
            # 施策No spans every row of its 施策, as in the published table.
            if node and r.measure_start:
                measure_merge: x.VMerge | None = "restart" if r.measure_rows > 1 else None
                cells.append(
                    x.cell(w[0], x.para(project_texts[0], self.cell_center), vmerge=measure_merge)
                )
            elif node:
                cells.append(x.cell(w[0], "<w:p/>", vmerge="continue"))
            if r.piece_start:
                vmerge: x.VMerge | None = "restart" if r.piece_rows > 1 else None
                cells += [
                    x.cell(w[node], x.para(project_texts[node], self.cell_center), vmerge=vmerge),
                    x.cell(
                        w[node + 1], x.para(project_texts[node + 1], self.cell_text), vmerge=vmerge
                    ),
                    x.cell(
                        w[node + 2], x.para(project_texts[node + 2], self.cell_text), vmerge=vmerge
                    ),
                ]
            else:
                cells += [x.cell(w[node + c], "<w:p/>", vmerge="continue") for c in range(3)]
            cells.append(x.cell(w[node + 3], x.para(texts[0], self.cell_text)))
            for c, (f, text) in enumerate(zip(fields, texts[1:], strict=True), node + 4):
                if f.is_rating:
                    cells.append(x.cell(w[c], x.para(text, self.cell_center), valign="center"))
                elif f.is_number:
                    cells.append(x.cell(w[c], x.para(text, self.cell_center)))
                else:
                    cells.append(x.cell(w[c], x.para(text, self.cell_text)))
            single = r.piece_start and r.piece_rows == 1
            height = max(r.height_pt, context_pt(r.project) if single else 0)
            row = x.row(cells, cant_split=height <= self.max_row_pt)
            rows.append(x.keep_with_next(row) if r.keep_next else row)
        return x.table(w, rows, cell_margin=CELL_MARGIN)

    def goal_section(self, goal: ReportGoal) -> list[str]:
        out = [
            x.para(
                f"{goal.heading}　{goal.name}",
                replace(self.heading, page_break_before=True, align="left"),
            ),
            x.para("", x.Style(space_after_pt=4)),
            self.structure(goal),
            x.para("", x.Style(space_after_pt=8)),
        ]
        if goal.projects:
            out.append(self.main_table(goal))
        else:
            out.append(x.para(f"（この{goal.level}の記入はありません）", self.text))
        return out

    # ------------------------------------------------------------------ summary

    def summary(self) -> list[str]:
        r = self.report
        rating = r.form.rating_field
        if rating is None:
            return []  # nothing to count
        totals = r.totals()
        prev_totals = r.previous_totals()
        keys = r.count_keys
        names = [r.code_label(k) for k in keys] + ["計"]
        years = [(r.year_label, [g.counts for g in r.goals], totals)]
        if prev_totals is not None and r.previous_year_label:
            years.append(
                (r.previous_year_label, [g.previous_counts or {} for g in r.goals], prev_totals)
            )
        n = len(names)
        count_mm = 15.0
        label_mm = 70.0
        tw = [mm_to_twips(label_mm)] + [mm_to_twips(count_mm)] * (n * len(years))
        center = self.cell_center
        level = r.goals[0].level if r.goals else ""
        head = [x.cell(tw[0], x.para(level, self.head), vmerge="restart", fill=x.HEADER_FILL)]
        head2 = [x.cell(tw[0], "<w:p/>", vmerge="continue", fill=x.HEADER_FILL)]
        for label, _, _ in years:
            head.append(x.cell(tw[1] * n, x.para(label, self.head), span=n, fill=x.HEADER_FILL))
            head2 += [x.cell(tw[1], x.para(nm, self.head), fill=x.HEADER_FILL) for nm in names]
        rows = [x.row(head, header=True), x.row(head2, header=True)]
        every = (*r.form.codes, "")

        def counts_cells(counts: dict[str, int]) -> list[str]:
            values = [counts.get(k, 0) for k in keys]
            values.append(sum(counts.get(k, 0) for k in every))
            return [x.cell(tw[1], x.para(str(v), center)) for v in values]

        for i, goal in enumerate(r.goals):
            cells = [x.cell(tw[0], x.para(goal.title, self.cell_text))]
            for _, per_goal, _ in years:
                cells += counts_cells(per_goal[i])
            rows.append(x.row(cells))
        total_cells = [
            x.cell(tw[0], x.para("合計", x.Style(size_pt=self.paper.table_pt, bold=True)))
        ]
        for _, _, tot in years:
            total_cells += counts_cells(tot)
        rows.append(x.row(total_cells))
        return [
            x.para(
                f"【{rating.label}の集計】",
                replace(self.label, page_break_before=True),
            ),
            x.para("", x.Style(space_after_pt=6)),
            x.table(tw, rows),
        ]

    def fragments(self) -> list[str]:
        out = self.title_block() + self.opinions() + self.answers()
        for goal in self.report.goals:
            out += self.goal_section(goal)
        out += self.summary()
        return out


def write_report_docx(
    report: ReportData, path: Path, *, paper_size: PaperSize | str = PaperSize.A4
) -> Path:
    """Write the report of one round as a Word document (atomically) and return its path."""
    pp = paper(paper_size)
    doc = new_document(pp, title=f"{report.title}{report.subtitle}", author=report.issuer)
    return save_document(doc, path, _Writer(report, pp).fragments())
