"""Synthetic workbooks of any size, for benchmarks and scale tests.

The texts are the demo's own sentences reshuffled, so lengths and characters are realistic.
``make_synthetic_workbook(path, projects=500, departments=60, rounds=10)`` is the "10× the
demo" plan of the performance goals.
"""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from welfareplan.core.fileformat import FileKind
from welfareplan.core.koganei_form import KOGANEI_FORM, KOGANEI_LEVELS
from welfareplan.core.model import (
    Assignment,
    Department,
    Entry,
    EntryValue,
    Plan,
    PlanNode,
    Project,
    Round,
    new_id,
)
from welfareplan.core.plan_levels import levels_to_json
from welfareplan.core.resources import load_json
from welfareplan.core.storage import Workbook


def _sentences() -> list[str]:
    demo = load_json("demo", "koganei-fy2024.json")
    out = []
    for e in demo["entries"]:
        for f in KOGANEI_FORM.text_fields:
            out += [s for s in e[f.key].split("\n") if s]
    return out


def populate_synthetic(
    session: Session,
    *,
    projects: int,
    departments: int,
    rounds: int,
    first_year: int = 2024,
    seed: int = 0,
    goals: int = 3,
    directions_per_goal: int = 4,
    measures_per_direction: int = 3,
) -> None:
    rng = random.Random(seed)
    sentences = _sentences()
    depts = [
        Department(id=new_id(), name=f"課{i:03d}", kind="council" if i == 0 else "city", sort=i)
        for i in range(departments)
    ]
    session.add_all(depts)
    plan = Plan(
        id=new_id(),
        key=f"synthetic-{projects}",
        name="合成計画",
        period_start=first_year,
        period_end=first_year + rounds + 5,
        philosophy="誰もが安心して暮らせる思いやりのあるまち",
        issuer="福祉保健部地域福祉課",
        levels=levels_to_json(KOGANEI_LEVELS),
        form=KOGANEI_FORM.to_json(),
    )
    session.add(plan)

    def node(parent: PlanNode | None, number: int, name: str) -> PlanNode:
        depth = 0 if parent is None else parent.depth + 1
        n = PlanNode(
            id=new_id(),
            plan=plan,
            parent=parent,
            depth=depth,
            number=number,
            name=name,
            sort=number,
        )
        session.add(n)
        return n

    measures: list[PlanNode] = []
    for g in range(1, goals + 1):
        goal = node(None, g, f"基本目標{g}")
        for d in range(1, directions_per_goal + 1):
            direction = node(goal, d, f"施策の方向性{g}-{d}")
            measures += [
                node(direction, m, f"施策{g}-{d}-{m}") for m in range(1, measures_per_direction + 1)
            ]
    project_rows: list[Project] = []
    for n in range(1, projects + 1):
        measure = measures[(n - 1) * len(measures) // projects]
        project = Project(
            id=new_id(),
            plan=plan,
            node=measure,
            label=str(n),
            name=f"事業{n}",
            description="\n".join(rng.sample(sentences, 2)),
            sort=n,
        )
        session.add(project)
        k = rng.choice((1, 1, 1, 2, 2, 3))
        for order, dept in enumerate(rng.sample(depts, k), 1):
            project.assignments.append(
                Assignment(id=new_id(), department=dept, label=dept.name, sort=order)
            )
        project_rows.append(project)
    session.flush()
    codes = KOGANEI_FORM.codes
    texts = [f.key for f in KOGANEI_FORM.text_fields]
    rating = KOGANEI_FORM.rating_key
    assert rating is not None
    for r in range(rounds):
        year = first_year + r
        rnd = Round(
            id=new_id(), plan=plan, fiscal_year=year, status="closed" if r < rounds - 1 else "open"
        )
        session.add(rnd)
        session.flush()
        rows = []
        values = []
        for project in project_rows:
            for a in project.assignments:
                entry_id = new_id()
                rows.append(
                    {
                        "id": entry_id,
                        "round_id": rnd.id,
                        "project_id": project.id,
                        "department_id": a.department_id,
                        "label": a.label,
                        "sort": a.sort,
                        "updated_by": "synthetic",
                    }
                )
                values.append(
                    {
                        "entry_id": entry_id,
                        "field": texts[0],
                        "value": "\n".join(rng.sample(sentences, rng.randint(1, 3))),
                    }
                )
                values.append({"entry_id": entry_id, "field": rating, "value": rng.choice(codes)})
                values.append(
                    {
                        "entry_id": entry_id,
                        "field": texts[1],
                        "value": "\n".join(rng.sample(sentences, rng.randint(1, 2))),
                    }
                )
        session.execute(insert(Entry), rows)
        session.execute(insert(EntryValue), values)


def make_synthetic_workbook(
    path: Path, *, projects: int = 500, departments: int = 60, rounds: int = 10, seed: int = 0
) -> Path:
    return Workbook.create(
        path,
        FileKind.WORKBOOK,
        lambda s: populate_synthetic(
            s, projects=projects, departments=departments, rounds=rounds, seed=seed
        ),
        overwrite=True,
    )
