"""The report of one round as plain data (進捗状況及び評価表).

The Word and Excel exports, the printable worksheets and the GUI all render this structure, so
what the report says is decided in one place: which rows exist, in which order, how projects
group their department entries, the counts per top-level node (基本目標) and per code of the
plan's scale, and last year's values beside this year's. Everything follows the plan: its
levels name and number the structure, its form gives the columns and its texts the title.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from welfareplan.core.attributes import AttributeDef
from welfareplan.core.entry_values import EntryValues
from welfareplan.core.evaluation_form import EvaluationForm, FormField
from welfareplan.core.labels import opinion_heading
from welfareplan.core.model import Round
from welfareplan.core.plainsql import rows
from welfareplan.core.plan_levels import PlanLevel
from welfareplan.core.plan_shape import NodeRow, PlanShape, load_plan_shape
from welfareplan.core.previous import (
    PreviousEntry,
    previous_text,
    previous_values,
    values_of_round,
)
from welfareplan.core.queries import previous_round
from welfareplan.core.report_texts import ReportTexts
from welfareplan.core.wareki import fiscal_year_label, month_label, previous_name, previous_word

#: The key of the "not rated yet" count (beside the codes of the scale).
UNRATED = ""


@dataclass(frozen=True)
class ReportEntry:
    entry_id: str
    department_id: str
    department_name: str
    label: str
    values: EntryValues
    #: last round's values of this project (or of the first project it continues)
    previous: EntryValues | None = None
    #: every previous entry it continues (several when projects were merged)
    previous_entries: tuple[PreviousEntry, ...] = ()
    #: fields shown from the first previous entry only (the rating)
    _single_keys: frozenset[str] = frozenset()

    def value(self, key: str) -> str:
        return self.values.get(key)

    def previous_text(self, key: str) -> str:
        """Last year's value of ``key``; of several continued projects, each headed with its
        label ('【事業12】…'), except a rating, which compares with the first."""
        return previous_text(self.previous_entries, key, single=key in self._single_keys)


@dataclass(frozen=True)
class ReportProject:
    project_id: str
    #: 事業No as printed ('4', '31～34', '新')
    number_label: str
    #: the node column ('(1) ①'): the labels of the project's nodes below the top level
    node_label: str
    name: str
    #: 内容, followed by the project's attributes (指標：…)
    description: str
    entries: list[ReportEntry]
    #: With ``build_report(..., department_id=...)``: the 担当課 labels of the other departments
    #: reporting on this project in the same round (plan context for the worksheets).
    other_departments: tuple[str, ...] = ()
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportNode:
    """A node below the top level, for the structure block (施策の方向性 (1) …)."""

    level: str
    label: str
    name: str
    children: tuple[ReportNode, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.label} {self.name}" if self.label else self.name


@dataclass(frozen=True)
class ReportOpinion:
    heading: str
    text: str
    project_label: str | None
    #: the city's answer (市の考え方・対応; '' when none) and the department responsible
    answer: str = ""
    answer_department: str = ""


@dataclass
class ReportGoal:
    """A top-level node of the plan (基本目标 in Koganei's plan) with its part of the report."""

    number: int | None
    #: the number as the level prints it ('1')
    label: str
    name: str
    #: '基本目標1'
    heading: str
    level: str
    children: tuple[ReportNode, ...] = ()
    projects: list[ReportProject] = field(default_factory=list)
    opinions: list[ReportOpinion] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    previous_counts: dict[str, int] | None = None

    @property
    def title(self) -> str:
        """'1 福祉のまちづくり'."""
        return f"{self.label} {self.name}" if self.label else self.name

    def entries(self) -> list[ReportEntry]:
        return [e for p in self.projects for e in p.entries]

    def structure(self) -> list[tuple[str, str]]:
        """The structure block: (level name, text) rows — a row per node of the levels
        below the top, the deepest level listed on one row per parent ('① …　② …')."""
        out = [(self.level, self.title)]

        def visit(nodes: tuple[ReportNode, ...]) -> None:
            if nodes and not any(n.children for n in nodes) and nodes[0].level:
                out.append((nodes[0].level, "　".join(n.title for n in nodes)))
                return
            for n in nodes:
                out.append((n.level, n.title))
                visit(n.children)

        visit(self.children)
        return out


@dataclass
class ReportData:
    round_id: str
    fiscal_year: int
    plan_name: str
    issuer: str
    published_on: dt.date | None
    form: EvaluationForm
    levels: tuple[PlanLevel, ...]
    texts: ReportTexts
    goals: list[ReportGoal]
    attributes: tuple[AttributeDef, ...] = ()
    previous_fiscal_year: int | None = None
    #: The round's submission deadline (printed on the per-department worksheets).
    deadline: dt.date | None = None

    @property
    def year_label(self) -> str:
        return fiscal_year_label(self.fiscal_year)

    @property
    def title(self) -> str:
        return self.texts.with_year(self.texts.title, self.year_label)

    @property
    def subtitle(self) -> str:
        """'（令和6年度実績報告）'."""
        return self.texts.with_year(self.texts.subtitle, self.year_label)

    @property
    def heading(self) -> str:
        """'地域福祉計画の令和6年度実績報告及び評価'."""
        return self.texts.with_year(self.texts.heading, self.year_label)

    @property
    def published_label(self) -> str:
        return month_label(self.published_on) if self.published_on else ""

    @property
    def previous_year_label(self) -> str | None:
        return fiscal_year_label(self.previous_fiscal_year) if self.previous_fiscal_year else None

    @property
    def previous_word(self) -> str:
        """'前年度', or '前回' when the previous round is not the year before."""
        return previous_word(self.fiscal_year, self.previous_fiscal_year)

    @property
    def previous_name(self) -> str:
        """'前年度', or '前回（平成30年度）'."""
        return previous_name(self.fiscal_year, self.previous_fiscal_year)

    @property
    def rating(self) -> FormField | None:
        return self.form.rating_field

    @property
    def has_node_column(self) -> bool:
        """A plan of one level prints no node column (its only level heads the sections)."""
        return len(self.levels) > 1

    @property
    def context_columns(self) -> list[str]:
        """The headings of the plan part of the table: 施策No, 事業No, 【個別事業・取り組み】,
        内容, 担当課."""
        t = self.texts
        head = [t.node_column] if self.has_node_column else []
        return [
            *head,
            t.project_number_column,
            t.project_name_column,
            t.description_column,
            t.department_column,
        ]

    def field_heading(self, f: FormField) -> str:
        """'事業実績・評価理由（令和6年度）' / '事業評価' / '実績値（人）'."""
        if f.is_number and f.unit:
            return f"{f.label}（{f.unit}）"
        return f.heading(self.year_label)

    @property
    def columns(self) -> list[str]:
        """The table header as printed."""
        return [*self.context_columns, *(self.field_heading(f) for f in self.form.fields)]

    @property
    def count_keys(self) -> list[str]:
        """The scale's codes, and '' (未評価) when any entry (this year or last) is unrated."""
        if self.rating is None:
            return []
        keys = list(self.form.codes)
        if self.totals().get(UNRATED) or (self.previous_totals() or {}).get(UNRATED):
            keys.append(UNRATED)
        return keys

    def totals(self) -> dict[str, int]:
        return {k: sum(g.counts.get(k, 0) for g in self.goals) for k in (*self.form.codes, UNRATED)}

    def previous_totals(self) -> dict[str, int] | None:
        if self.previous_fiscal_year is None:
            return None
        return {
            k: sum((g.previous_counts or {}).get(k, 0) for g in self.goals)
            for k in (*self.form.codes, UNRATED)
        }

    @property
    def has_answers(self) -> bool:
        """Whether any opinion has the city's answer (the reports then print
        「主な意見と市の考え方」)."""
        return any(op.answer for g in self.goals for op in g.opinions)

    def entry_count(self) -> int:
        return sum(len(g.entries()) for g in self.goals)

    def code_label(self, code: str) -> str:
        """How a code is shown ('' → '未評価')."""
        if not code:
            return "未評価"
        found = self.form.code(code)
        return found.label if found is not None else code


def zero_counts(form: EvaluationForm) -> dict[str, int]:
    return dict.fromkeys((*form.codes, UNRATED), 0)


_ENTRIES = """
    SELECT e.id, e.project_id, e.department_id, e.label, d.name, p.node_id
    FROM entry e JOIN project p ON p.id = e.project_id JOIN department d ON d.id = e.department_id
    WHERE e.round_id = :r ORDER BY p.sort, e.sort
"""
_PROJECTS = "SELECT id, label, name, description, attributes, node_id FROM project WHERE plan_id = :p ORDER BY sort"
_OPINIONS = """
    SELECT o.node_id, o.text, p.label, p.name, a.text, d.name FROM committee_opinion o
    LEFT JOIN project p ON p.id = o.project_id
    LEFT JOIN opinion_answer a ON a.opinion_id = o.id
    LEFT JOIN department d ON d.id = a.department_id
    WHERE o.round_id = :r ORDER BY o.sort
"""


def _count_previous(
    session: Session, prev: Round, plan: PlanShape, department_id: str | None
) -> dict[str, dict[str, int]]:
    """Last round's counts per top-level node: by node for a round of the same plan, by the
    top-level number for a round of an earlier plan of the lineage."""
    same_plan = prev.plan_id == plan.id
    old_plan = plan if same_plan else load_plan_shape(session, prev.plan_id)
    form = plan.form
    rating = form.rating_key
    values = values_of_round(session, prev.id)
    by_number = {n.number: n.id for n in plan.top_nodes()}
    counts: dict[str, dict[str, int]] = {n.id: zero_counts(form) for n in plan.top_nodes()}
    for eid, _, did, _, _, node_id in rows(session, _ENTRIES, {"r": prev.id}):
        path = old_plan.path(node_id)
        if not path or (department_id is not None and did != department_id):
            continue
        top = path[0].id if same_plan else by_number.get(path[0].number)
        if top is None or top not in counts:
            continue
        code = values.get(eid, EntryValues()).get(rating) if rating else ""
        counts[top][code] = counts[top].get(code, 0) + 1
    return counts


def _structure(plan: PlanShape, node: NodeRow) -> tuple[ReportNode, ...]:
    return tuple(
        ReportNode(plan.level_name(c.depth), c.label, c.name, _structure(plan, c))
        for c in plan.children(node.id)
    )


def build_report(session: Session, rnd: Round, *, department_id: str | None = None) -> ReportData:
    """Assemble the report of ``rnd``; with ``department_id``, only that department's rows
    (the per-department worksheet)."""
    plan = load_plan_shape(session, rnd.plan_id)
    form = plan.form
    rating = form.rating_key
    prev_round = previous_round(session, rnd)
    prev = previous_values(session, rnd.id) if prev_round is not None else {}
    values = values_of_round(session, rnd.id)
    single = frozenset({rating} if rating is not None else ())
    entries_by_project: dict[str, list[ReportEntry]] = {}
    others_by_project: dict[str, list[str]] = {}
    for eid, pid, did, label, dept_name, _ in rows(session, _ENTRIES, {"r": rnd.id}):
        if department_id is not None and did != department_id:
            others_by_project.setdefault(pid, []).append(label or dept_name)
            continue
        found = prev.get((pid, did), ())
        entries_by_project.setdefault(pid, []).append(
            ReportEntry(
                entry_id=eid,
                department_id=did,
                department_name=dept_name,
                label=label or dept_name,
                values=values.get(eid, EntryValues()),
                previous=found[0].values if found else None,
                previous_entries=found,
                _single_keys=single,
            )
        )
    projects_by_top: dict[str, list[ReportProject]] = {}
    for pid, label, name, description, attributes, node_id in rows(
        session, _PROJECTS, {"p": plan.id}
    ):
        entries = entries_by_project.get(pid)
        if not entries:
            continue
        attrs = dict(json.loads(attributes)) if attributes else {}
        path = plan.path(node_id)
        projects_by_top.setdefault(path[0].id if path else "", []).append(
            ReportProject(
                project_id=pid,
                number_label=label,
                node_label=plan.node_label(node_id),
                name=name,
                description=plan.describe(description, attrs),
                entries=entries,
                other_departments=tuple(others_by_project.get(pid, ())),
                attributes=attrs,
            )
        )
    opinions: dict[str, list[ReportOpinion]] = {}
    if department_id is None:
        for node_id, text, p_label, p_name, answer, a_dept in rows(
            session, _OPINIONS, {"r": rnd.id}
        ):
            opinions.setdefault(node_id, []).append(
                ReportOpinion(
                    opinion_heading(p_label, p_name), text, p_label, answer or "", a_dept or ""
                )
            )
    prev_counts = _count_previous(session, prev_round, plan, department_id) if prev_round else None
    goals: list[ReportGoal] = []
    for top in plan.top_nodes():
        goal = ReportGoal(
            number=top.number,
            label=top.label,
            name=top.name,
            heading=plan.heading(top),
            level=plan.level_name(0),
            children=_structure(plan, top),
            projects=projects_by_top.get(top.id, []),
            opinions=opinions.get(top.id, []),
        )
        if rating is not None:
            goal.counts = zero_counts(form)
            for e in goal.entries():
                code = e.values.get(rating)
                goal.counts[code] = goal.counts.get(code, 0) + 1
            if prev_counts is not None:
                goal.previous_counts = prev_counts.get(top.id, zero_counts(form))
        goals.append(goal)
    return ReportData(
        round_id=rnd.id,
        fiscal_year=rnd.fiscal_year,
        plan_name=plan.name,
        issuer=plan.issuer,
        published_on=rnd.published_on,
        form=form,
        levels=plan.levels,
        texts=plan.texts,
        goals=goals,
        attributes=plan.attributes,
        previous_fiscal_year=prev_round.fiscal_year if prev_round else None,
        deadline=rnd.deadline,
    )
