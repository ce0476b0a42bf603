"""The 進捗状況及び評価表 of one round as plain data.

The Word and Excel exports, the printable worksheets and the GUI all render this structure, so
what the report says is decided in one place: which rows exist, in which order, how projects
group their department entries, the counts per goal and last year's ratings beside this year's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.labels import (
    RATING_CRITERIA_DEFAULT,
    circled,
    direction_label,
    measure_label,
    opinion_heading,
    project_number_label,
)
from welfareplan.core.model import RATINGS, CommitteeOpinion, Entry, Round
from welfareplan.core.previous import previous_values
from welfareplan.core.queries import entries_of_round, previous_round
from welfareplan.core.wareki import fiscal_year_label, month_label

REPORT_TITLE = "地域福祉計画の進捗状況及び評価表"


@dataclass(frozen=True)
class ReportEntry:
    entry_id: str
    department_id: str
    department_name: str
    label: str
    result: str
    rating: str
    outlook: str
    previous_rating: str | None = None
    previous_result: str | None = None
    previous_outlook: str | None = None

    @property
    def rating_changed(self) -> bool:
        return self.previous_rating is not None and self.previous_rating != self.rating


@dataclass(frozen=True)
class ReportProject:
    project_id: str
    number: int
    number_label: str
    measure_label: str
    name: str
    description: str
    entries: list[ReportEntry]
    #: With ``build_report(..., department_id=...)``: the 担当課 labels of the other departments
    #: reporting on this project in the same round (plan context for the worksheets).
    other_departments: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportMeasure:
    label: str
    name: str


@dataclass(frozen=True)
class ReportDirection:
    label: str
    name: str
    measures: list[ReportMeasure]


@dataclass(frozen=True)
class ReportOpinion:
    heading: str
    text: str
    project_number: int | None


@dataclass
class ReportGoal:
    number: int
    name: str
    directions: list[ReportDirection]
    projects: list[ReportProject] = field(default_factory=list)
    opinions: list[ReportOpinion] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    previous_counts: dict[str, int] | None = None

    @property
    def title(self) -> str:
        return f"{self.number} {self.name}"

    def entries(self) -> list[ReportEntry]:
        return [e for p in self.projects for e in p.entries]


@dataclass
class ReportData:
    round_id: str
    fiscal_year: int
    plan_name: str
    issuer: str
    published_on: dt.date | None
    rating_criteria: dict[str, str]
    outlook_note: str
    goals: list[ReportGoal]
    previous_fiscal_year: int | None = None
    #: The round's submission deadline (printed on the per-department worksheets).
    deadline: dt.date | None = None

    title: str = REPORT_TITLE

    @property
    def year_label(self) -> str:
        return fiscal_year_label(self.fiscal_year)

    @property
    def subtitle(self) -> str:
        """'（令和6年度実績報告）'."""
        return f"（{self.year_label}実績報告）"

    @property
    def heading(self) -> str:
        """'地域福祉計画の令和6年度実績報告及び評価'."""
        return f"地域福祉計画の{self.year_label}実績報告及び評価"

    @property
    def result_column(self) -> str:
        """'事業実績・評価理由（令和6年度）'."""
        return f"事業実績・評価理由（{self.year_label}）"

    @property
    def published_label(self) -> str:
        return month_label(self.published_on) if self.published_on else ""

    @property
    def previous_year_label(self) -> str | None:
        return fiscal_year_label(self.previous_fiscal_year) if self.previous_fiscal_year else None

    def totals(self) -> dict[str, int]:
        return {r: sum(g.counts.get(r, 0) for g in self.goals) for r in (*RATINGS, "")}

    def previous_totals(self) -> dict[str, int] | None:
        if self.previous_fiscal_year is None:
            return None
        return {
            r: sum((g.previous_counts or {}).get(r, 0) for g in self.goals) for r in (*RATINGS, "")
        }

    def entry_count(self) -> int:
        return sum(len(g.entries()) for g in self.goals)


#: Report columns, in order, as printed in the published table header.
def report_columns(result_column: str) -> list[str]:
    return [
        "施策No",
        "事業No",
        "【個別事業・取り組み】",
        "内容",
        "担当課",
        result_column,
        "事業評価",
        "今後の事業計画・展望",
    ]


def _count(entries: list[Entry] | list[ReportEntry]) -> dict[str, int]:
    counts = dict.fromkeys((*RATINGS, ""), 0)
    for e in entries:
        counts[e.rating] = counts.get(e.rating, 0) + 1
    return counts


def build_report(session: Session, rnd: Round, *, department_id: str | None = None) -> ReportData:
    """Assemble the report of ``rnd``; with ``department_id``, only that department's rows
    (the per-department worksheet)."""
    plan = rnd.plan
    prev_round = previous_round(session, rnd)
    prev = previous_values(session, rnd.id)
    prev_by_goal: dict[int, dict[str, int]] = {}
    if prev_round is not None:
        for e in entries_of_round(session, prev_round):
            goal_no = e.project.measure.direction.goal.number
            bucket = prev_by_goal.setdefault(goal_no, dict.fromkeys((*RATINGS, ""), 0))
            if department_id is None or e.department_id == department_id:
                bucket[e.rating] += 1

    entries_by_project: dict[str, list[Entry]] = {}
    others_by_project: dict[str, list[str]] = {}
    for e in entries_of_round(session, rnd):
        if department_id is None or e.department_id == department_id:
            entries_by_project.setdefault(e.project_id, []).append(e)
        else:
            others_by_project.setdefault(e.project_id, []).append(e.label or e.department.name)

    opinions = session.scalars(
        select(CommitteeOpinion)
        .where(CommitteeOpinion.round_id == rnd.id)
        .order_by(CommitteeOpinion.sort)
    ).all()

    goals: list[ReportGoal] = []
    for goal in plan.goals:
        rg = ReportGoal(
            number=goal.number,
            name=goal.name,
            directions=[
                ReportDirection(
                    label=direction_label(d.number),
                    name=d.name,
                    measures=[ReportMeasure(circled(m.number), m.name) for m in d.measures],
                )
                for d in goal.directions
            ],
        )
        for d in goal.directions:
            for m in d.measures:
                for p in m.projects:
                    entries = entries_by_project.get(p.id, [])
                    if not entries:
                        continue
                    rows = []
                    for e in entries:
                        pe = prev.get((p.id, e.department_id))
                        rows.append(
                            ReportEntry(
                                entry_id=e.id,
                                department_id=e.department_id,
                                department_name=e.department.name,
                                label=e.label or e.department.name,
                                result=e.result,
                                rating=e.rating,
                                outlook=e.outlook,
                                previous_rating=pe.rating if pe else None,
                                previous_result=pe.result if pe else None,
                                previous_outlook=pe.outlook if pe else None,
                            )
                        )
                    rg.projects.append(
                        ReportProject(
                            project_id=p.id,
                            number=p.number,
                            number_label=project_number_label(p.number, p.number_end),
                            measure_label=measure_label(d.number, m.number),
                            name=p.name,
                            description=p.description,
                            entries=rows,
                            other_departments=tuple(others_by_project.get(p.id, ())),
                        )
                    )
        rg.counts = _count(rg.entries())
        if prev_round is not None:
            rg.previous_counts = prev_by_goal.get(goal.number, dict.fromkeys((*RATINGS, ""), 0))
        if department_id is None:
            rg.opinions = [
                ReportOpinion(
                    heading=opinion_heading(
                        o.project.number if o.project else None,
                        o.project.name if o.project else None,
                    ),
                    text=o.text,
                    project_number=o.project.number if o.project else None,
                )
                for o in opinions
                if o.goal_id == goal.id
            ]
        goals.append(rg)

    return ReportData(
        round_id=rnd.id,
        fiscal_year=rnd.fiscal_year,
        plan_name=plan.name,
        issuer=plan.issuer,
        published_on=rnd.published_on,
        rating_criteria=dict(plan.rating_criteria or RATING_CRITERIA_DEFAULT),
        outlook_note=plan.outlook_note,
        goals=goals,
        previous_fiscal_year=prev_round.fiscal_year if prev_round else None,
        deadline=rnd.deadline,
    )
