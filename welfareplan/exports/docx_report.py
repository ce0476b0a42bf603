"""The published report as a Word document (進捗状況及び評価表).

Layout, as in the published FY2024 report: the title block (title, （令和6年度実績報告）,
publication month in 和暦, issuing division) with 【事業評価の評価基準】 and the note on
今後の事業計画・展望; then the committee's opinions per 基本目標; then for each 基本目標 its
structure (施策の方向性 and 施策) and the main table — one row per department entry, the
project cells (施策No, 事業No, 【個別事業・取り組み】, 内容) merged vertically over the rows of
one project, the header row repeated on every page, rows kept whole on one page unless a row
is taller than a page. A summary of the ratings per 基本目標 (beside last year's when there is
a previous round) closes the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from welfareplan.core.model import RATINGS
from welfareplan.core.reportdata import ReportData, ReportGoal, report_columns
from welfareplan.core.wareki import month_label
from welfareplan.exports import docx_xml as x
from welfareplan.exports.docx_layout import (
    column_twips,
    mm_to_twips,
    new_document,
    save_document,
)
from welfareplan.exports.paper import PT_PER_MM, Paper, PaperSize, paper
from welfareplan.exports.tablegroups import measure_spans
from welfareplan.exports.textsafe import clean_text, wrapped_lines

#: Relative widths of 施策No | 事業No | 個別事業 | 内容 | 担当課 | 事業実績 | 事業評価 | 展望.
MAIN_COLUMNS: tuple[float, ...] = (14, 13, 29, 51, 24, 68, 14, 54)
#: Horizontal cell margin (twips) of every table, both sides.
CELL_MARGIN = 57
#: Line height of table text relative to its font size (CJK fonts with single spacing).
LINE_FACTOR = 1.3


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
        self.widths = column_twips(pp, MAIN_COLUMNS)
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
            x.para(
                "【事業評価の評価基準】",
                x.Style(size_pt=big + 1, bold=True, font=x.GOTHIC, space_before_pt=big * 4),
            ),
        ]
        for rating in RATINGS:
            text = clean_text(r.rating_criteria.get(rating, ""))
            out.append(
                x.para(
                    f"{rating}・・・ {text}",
                    x.Style(size_pt=big, space_before_pt=4, indent_left_mm=10),
                )
            )
        if r.outlook_note:
            out.append(
                x.para(
                    f"※{clean_text(r.outlook_note)}",
                    x.Style(size_pt=big, space_before_pt=10, indent_left_mm=4, hanging_mm=4),
                )
            )
        return out

    def opinions(self) -> list[str]:
        r = self.report
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
                        x.cell(widths[0], x.para("基本目標", self.label), valign="center"),
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

        rows = [line("基本目標", goal.title)]
        for d in goal.directions:
            rows.append(line("施策の方向性", f"{d.label} {d.name}"))
            rows.append(line("施策", "　".join(f"{m.label} {m.name}" for m in d.measures)))
        return x.table(widths, rows)

    def header_row(self) -> str:
        labels = report_columns(self.report.result_column)
        return x.row(
            [
                x.cell(w, x.para(label, self.head), fill=x.HEADER_FILL, valign="center")
                for w, label in zip(self.widths, labels, strict=True)
            ],
            header=True,
        )

    def main_table(self, goal: ReportGoal) -> str:
        w = self.widths
        rows = [self.header_row()]
        spans = measure_spans(goal)
        for project in goal.projects:
            merged = len(project.entries) > 1
            project_texts = [
                project.measure_label,
                project.number_label,
                clean_text(project.name),
                clean_text(project.description),
            ]
            first_of_measure, measure_rows = spans[project.project_id]
            for i, entry in enumerate(project.entries):
                texts = [
                    clean_text(entry.label),
                    clean_text(entry.result),
                    entry.rating,
                    clean_text(entry.outlook),
                ]
                # 施策No spans every row of its 施策, as in the published table.
                if i == 0 and first_of_measure:
                    measure_merge: x.VMerge | None = "restart" if measure_rows > 1 else None
                    cells = [
                        x.cell(
                            w[0], x.para(project_texts[0], self.cell_center), vmerge=measure_merge
                        )
                    ]
                else:
                    cells = [x.cell(w[0], "<w:p/>", vmerge="continue")]
                if i == 0:
                    vmerge: x.VMerge | None = "restart" if merged else None
                    cells += [
                        x.cell(w[1], x.para(project_texts[1], self.cell_center), vmerge=vmerge),
                        x.cell(w[2], x.para(project_texts[2], self.cell_text), vmerge=vmerge),
                        x.cell(w[3], x.para(project_texts[3], self.cell_text), vmerge=vmerge),
                    ]
                    height_texts = project_texts if not merged else ["", "", "", ""]
                else:
                    cells += [x.cell(w[c], "<w:p/>", vmerge="continue") for c in range(1, 4)]
                    height_texts = ["", "", "", ""]
                cells += [
                    x.cell(w[4], x.para(texts[0], self.cell_text)),
                    x.cell(w[5], x.para(texts[1], self.cell_text)),
                    x.cell(w[6], x.para(texts[2], self.cell_center), valign="center"),
                    x.cell(w[7], x.para(texts[3], self.cell_text)),
                ]
                height = estimate_row_height_pt(height_texts + texts, w, self.paper.table_pt)
                rows.append(x.row(cells, cant_split=height <= self.max_row_pt))
        return x.table(w, rows, cell_margin=CELL_MARGIN)

    def goal_section(self, goal: ReportGoal) -> list[str]:
        out = [
            x.para(
                f"基本目標{goal.number}　{goal.name}",
                replace(self.heading, page_break_before=True, align="left"),
            ),
            x.para("", x.Style(space_after_pt=4)),
            self.structure(goal),
            x.para("", x.Style(space_after_pt=8)),
        ]
        if goal.projects:
            out.append(self.main_table(goal))
        else:
            out.append(x.para("（この基本目標の記入はありません）", self.text))
        return out

    # ------------------------------------------------------------------ summary

    def summary(self) -> list[str]:
        r = self.report
        totals = r.totals()
        prev_totals = r.previous_totals()
        keys = list(RATINGS)
        if totals.get("") or (prev_totals or {}).get(""):
            keys.append("")
        names = [k or "未評価" for k in keys] + ["計"]
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
        head = [x.cell(tw[0], x.para("基本目標", self.head), vmerge="restart", fill=x.HEADER_FILL)]
        head2 = [x.cell(tw[0], "<w:p/>", vmerge="continue", fill=x.HEADER_FILL)]
        for label, _, _ in years:
            head.append(x.cell(tw[1] * n, x.para(label, self.head), span=n, fill=x.HEADER_FILL))
            head2 += [x.cell(tw[1], x.para(nm, self.head), fill=x.HEADER_FILL) for nm in names]
        rows = [x.row(head, header=True), x.row(head2, header=True)]

        def counts_cells(counts: dict[str, int]) -> list[str]:
            values = [counts.get(k, 0) for k in keys]
            values.append(sum(counts.get(k, 0) for k in (*RATINGS, "")))
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
                "【事業評価の集計】",
                replace(self.label, page_break_before=True),
            ),
            x.para("", x.Style(space_after_pt=6)),
            x.table(tw, rows),
        ]

    def fragments(self) -> list[str]:
        out = self.title_block() + self.opinions()
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
