"""A plan of the master read back into a :class:`~welfareplan.core.planspec.PlanSpec` — the
inverse of :func:`welfareplan.core.planbuild.build_plan`, for writing the plan to a file.

The spec's departments are those the plan's projects are assigned to, each with its kind and
the strings that mean it for this plan: the aliases stored in the 担当課マスタ and every 担当
string of the plan that the master resolves to no department or to another one (strings a
plan file's own aliases resolved when it was imported without storing them; such a string is
not listed as the stored alias of the other department, so no alias names two).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from welfareplan.core.departments import DepartmentResolver, display_label, normalize_alias
from welfareplan.core.model import Department, Plan, PlanNode, Project, ProjectLink
from welfareplan.core.planspec import DepartmentSpec, NodeSpec, PlanSpec, ProjectSpec


def spec_of_plan(session: Session, plan: Plan) -> PlanSpec:
    """Everything of ``plan`` as a spec that :func:`build_plan` would build again."""
    predecessor = session.get(Plan, plan.predecessor_id) if plan.predecessor_id else None
    spec = PlanSpec(
        key=plan.key,
        name=plan.name,
        period_start=plan.period_start,
        period_end=plan.period_end,
        philosophy=plan.philosophy,
        issuer=plan.issuer,
        predecessor_key=predecessor.key if predecessor else None,
        levels=plan.plan_levels,
        form=plan.evaluation_form,
        texts=plan.report_texts,
        attributes=plan.attribute_defs,
    )
    old_labels: dict[str, str] = {}
    if predecessor is not None:
        old_labels = {
            str(pid): str(label)
            for pid, label in session.execute(
                select(Project.id, Project.label).where(Project.plan_id == predecessor.id)
            )
        }
    links: dict[str, list[str]] = {}
    for pred, succ in session.execute(select(ProjectLink.predecessor_id, ProjectLink.successor_id)):
        if pred in old_labels:
            links.setdefault(succ, []).append(old_labels[pred])
    used: dict[str, Department] = {}
    labels: dict[str, list[str]] = {}

    def project(p: Project) -> ProjectSpec:
        texts = []
        for a in p.assignments:
            used[a.department_id] = a.department
            text = a.label or a.department.name
            labels.setdefault(a.department_id, []).append(text)
            texts.append(text)
        return ProjectSpec(
            label=p.label,
            name=p.name,
            description=p.description,
            attributes=dict(p.attributes or {}),
            departments=texts,
            predecessors=sorted(links.get(p.id, [])),
            sort=p.sort,
        )

    def node(n: PlanNode) -> NodeSpec:
        projects = sorted(n.projects, key=lambda p: (p.sort, p.label))
        return NodeSpec(
            number=n.number,
            name=n.name,
            children=[node(c) for c in sorted(n.children, key=lambda c: c.sort)],
            projects=[project(p) for p in projects],
        )

    spec.nodes = [node(n) for n in sorted(plan.top_nodes, key=lambda n: n.sort)]
    resolver = DepartmentResolver.from_session(session)
    # 担当 strings the master alone resolves to no department or to another one: this plan's
    # own aliases (they win over the master's aliases for this plan's strings)
    own: dict[str, str] = {}
    for dept_id, texts in labels.items():
        for text in texts:
            found = resolver.resolve(text)
            if found is None or found.id != dept_id:
                own.setdefault(normalize_alias(text), dept_id)
    departments = []
    for dept in sorted(used.values(), key=lambda d: (d.sort, d.name)):
        stored = sorted(a.alias for a in dept.aliases if own.get(a.alias, dept.id) == dept.id)
        mine = [a for a, d in own.items() if d == dept.id and a not in stored]
        shown = tuple(display_label(a) for a in (*stored, *mine))
        departments.append(DepartmentSpec(dept.name, dept.kind, shown))
    spec.departments = tuple(departments)
    return spec


def plan_by_key(session: Session, key: str | None) -> Plan | None:
    """The plan of ``key``; without a key, the latest plan (by period, then creation)."""
    if key is not None:
        return session.scalar(select(Plan).where(Plan.key == key))
    q = select(Plan).order_by(Plan.period_start.desc(), Plan.created_at.desc())
    return session.scalars(q).first()
