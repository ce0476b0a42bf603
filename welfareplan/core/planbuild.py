"""Writing a validated :class:`~welfareplan.core.planspec.PlanSpec` as rows of a workbook.

:func:`build_plan` adds the plan beside the plans already there, in the caller's transaction:
the departments the plan adds (their aliases only when asked: a plan's aliases resolve its own
担当 strings and do not silently change how other plans' strings resolve), the plan row with
its levels, form, texts and attributes, its nodes, projects and assignments, and the links of
its projects to the projects of the predecessor plan they continue.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from welfareplan.core.attributes import attributes_to_json
from welfareplan.core.departments import DepartmentResolver, add_alias, display_label
from welfareplan.core.errors import DataError
from welfareplan.core.model import (
    Assignment,
    Department,
    Plan,
    PlanNode,
    Project,
    ProjectLink,
    new_id,
)
from welfareplan.core.plan_levels import levels_to_json
from welfareplan.core.planspec import NodeSpec, PlanSpec, Problem, validate_spec

#: Namespace of the deterministic UUIDs given to shipped data (so every demo has the same keys).
SHIPPED_NAMESPACE = uuid.UUID("5b0f7f0e-4d0c-4f53-9a63-77656c666172")


def shipped_id(*parts: object) -> str:
    """The deterministic id of a row of shipped data."""
    return str(uuid.uuid5(SHIPPED_NAMESPACE, "/".join(str(p) for p in parts)))


def workbook_problems(
    session: Session, spec: PlanSpec, *, where: str = "計画"
) -> tuple[list[Problem], Plan | None]:
    """The problems of ``spec`` against this workbook's plans (its key already used, its
    predecessor plan absent) and that predecessor plan when there is one."""
    problems = []
    if spec.key and session.scalar(select(Plan.id).where(Plan.key == spec.key)) is not None:
        problems.append(
            Problem(where, f"計画のキー「{spec.key}」は既にあります。別のキーにしてください。")
        )
    predecessor = None
    if spec.predecessor_key:
        predecessor = session.scalar(select(Plan).where(Plan.key == spec.predecessor_key))
        if predecessor is None:
            problems.append(
                Problem(
                    where, f"前の計画「{spec.predecessor_key}」はこのワークブックにありません。"
                )
            )
    return problems, predecessor


def plan_problems(session: Session, spec: PlanSpec, resolver: DepartmentResolver) -> list[Problem]:
    """Every problem of ``spec`` in this workbook: :func:`validate_spec`,
    :func:`workbook_problems` and the predecessor project labels."""
    problems = validate_spec(spec, resolver)
    found, predecessor = workbook_problems(session, spec)
    problems += found
    old_labels: set[str] = set()
    if predecessor is not None:
        old_labels = set(
            session.scalars(select(Project.label).where(Project.plan_id == predecessor.id))
        )
    for p in spec.projects():
        for label in p.predecessors:
            if not spec.predecessor_key:
                problems.append(
                    Problem(
                        p.where,
                        f"前計画の事業番号 {label} がありますが、前の計画のキーがありません。",
                    )
                )
            elif old_labels and label not in old_labels:
                problems.append(
                    Problem(
                        p.where,
                        f"前の計画「{spec.predecessor_key}」に事業番号 {label} の事業はありません。",
                    )
                )
    return problems


def _add_departments(session: Session, spec: PlanSpec, *, store_aliases: bool) -> None:
    resolver = DepartmentResolver.from_session(session)
    last = session.scalar(select(func.max(Department.sort))) or 0
    for d in spec.departments:
        dept = resolver.resolve(d.name)
        if dept is None:
            last += 1
            dept = Department(id=new_id(), name=d.name, kind=d.kind, sort=last)
            session.add(dept)
        if store_aliases:
            for alias in d.aliases:
                add_alias(session, dept, alias)
    session.flush()


def build_plan(
    session: Session,
    spec: PlanSpec,
    resolver: DepartmentResolver,
    *,
    deterministic_ids: bool = False,
    store_aliases: bool = False,
) -> Plan:
    """Insert ``spec`` as a new plan. Raises :class:`DataError` listing every problem."""
    problems = plan_problems(session, spec, resolver)
    if problems:
        raise DataError(
            "計画に問題があるため取り込めません:\n" + "\n".join(f"・{p}" for p in problems),
            code="plan-invalid",
        )

    def ident(*parts: object) -> str:
        return shipped_id("plan", spec.key, *parts) if deterministic_ids else new_id()

    _add_departments(session, spec, store_aliases=store_aliases)
    resolve = spec.resolver(DepartmentResolver.from_session(session))
    predecessor = (
        session.scalar(select(Plan).where(Plan.key == spec.predecessor_key))
        if spec.predecessor_key
        else None
    )
    plan = Plan(
        id=ident(),
        key=spec.key,
        name=spec.name,
        period_start=spec.period_start,
        period_end=spec.period_end,
        philosophy=spec.philosophy,
        issuer=spec.issuer,
        levels=levels_to_json(spec.levels),
        form=spec.form.to_json(),
        texts=spec.texts.to_json(),
        attributes=attributes_to_json(spec.attributes),
        predecessor_id=predecessor.id if predecessor else None,
    )
    session.add(plan)
    old_projects: dict[str, str] = {}
    if predecessor is not None:
        old_projects = {
            str(label): str(pid)
            for label, pid in session.execute(
                select(Project.label, Project.id).where(Project.plan_id == predecessor.id)
            )
        }
    counter = 0
    links: list[ProjectLink] = []

    def add_nodes(nodes: list[NodeSpec], parent: PlanNode | None, path: tuple[object, ...]) -> None:
        nonlocal counter
        for order, spec_node in enumerate(nodes, 1):
            key = (*path, spec_node.number if spec_node.number is not None else f"#{order}")
            node = PlanNode(
                id=ident("node", *key),
                plan=plan,
                parent=parent,
                depth=len(path),
                number=spec_node.number,
                name=spec_node.name,
                sort=order,
            )
            session.add(node)
            add_nodes(spec_node.children, node, key)
            for p in spec_node.projects:
                counter += 1
                project = Project(
                    id=ident("project", p.label),
                    plan=plan,
                    node=node,
                    label=p.label,
                    name=p.name,
                    description=p.description,
                    attributes=dict(p.attributes),
                    sort=p.sort if p.sort is not None else counter,
                )
                session.add(project)
                for order_, text in enumerate(p.departments, 1):
                    dept = resolve.resolve(text)
                    assert dept is not None  # validated above
                    project.assignments.append(
                        Assignment(
                            id=ident("project", p.label, "department", dept.name),
                            department=dept,
                            label=display_label(text),
                            sort=order_,
                        )
                    )
                links.extend(
                    ProjectLink(predecessor_id=old_projects[label], successor_id=project.id)
                    for label in dict.fromkeys(p.predecessors)
                    if label in old_projects
                )

    add_nodes(spec.nodes, None, ())
    session.flush()
    session.add_all(links)
    session.flush()
    return plan
