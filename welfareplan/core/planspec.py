"""A plan as plain data, and its validation.

Plans are data, never code: the shipped plan (``resources/plans/*.json``, read by
:mod:`welfareplan.core.planspec_json`) and plans imported from the Excel template are read
into a :class:`PlanSpec` — its levels, its nodes down to the projects, its evaluation form,
report texts, project attributes and the departments it adds — validated with every problem
reported at once (with its location), and only then written in one transaction
(:mod:`welfareplan.core.planbuild`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from welfareplan.core.attributes import AttributeDef, attribute_problems
from welfareplan.core.departments import DepartmentResolver, normalize_alias
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.koganei_form import KOGANEI_FORM, KOGANEI_LEVELS
from welfareplan.core.numbers import normalize_number
from welfareplan.core.plan_levels import PlanLevel, level_problems
from welfareplan.core.report_texts import ReportTexts

#: Department kinds: a city department, or the 社会福祉協議会 and its sections.
DEPARTMENT_KINDS: tuple[str, ...] = ("city", "council")


@dataclass
class ProjectSpec:
    """事業: ``label`` as the plan prints it ('4', '31～34', '新'), unique in the plan;
    ``predecessors`` are labels of projects in the predecessor plan it continues."""

    label: str
    name: str
    description: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    departments: list[str] = field(default_factory=list)
    predecessors: list[str] = field(default_factory=list)
    sort: int | None = None
    where: str = ""


@dataclass
class NodeSpec:
    """An item of a level above the projects; projects hang under the deepest level only."""

    number: int | None
    name: str
    children: list[NodeSpec] = field(default_factory=list)
    projects: list[ProjectSpec] = field(default_factory=list)
    where: str = ""


@dataclass(frozen=True)
class DepartmentSpec:
    """A department the plan adds to the 担当課マスタ, with the strings that mean it in this
    plan (aliases resolve the plan's own 担当 strings; they are stored only on request)."""

    name: str
    kind: str = "city"
    aliases: tuple[str, ...] = ()


@dataclass
class PlanSpec:
    key: str
    name: str
    period_start: int
    period_end: int
    philosophy: str = ""
    issuer: str = ""
    predecessor_key: str | None = None
    levels: tuple[PlanLevel, ...] = KOGANEI_LEVELS
    form: EvaluationForm = KOGANEI_FORM
    texts: ReportTexts = field(default_factory=ReportTexts)
    attributes: tuple[AttributeDef, ...] = ()
    departments: tuple[DepartmentSpec, ...] = ()
    nodes: list[NodeSpec] = field(default_factory=list)

    def walk(self) -> Iterator[tuple[int, NodeSpec]]:
        """Every node with its depth, parents before children, in document order."""

        def visit(nodes: list[NodeSpec], depth: int) -> Iterator[tuple[int, NodeSpec]]:
            for node in nodes:
                yield depth, node
                yield from visit(node.children, depth + 1)

        return visit(self.nodes, 0)

    def projects(self) -> list[ProjectSpec]:
        return [p for _, n in self.walk() for p in n.projects]

    def resolver(self, base: DepartmentResolver) -> DepartmentResolver:
        """``base`` extended by this plan's departments and aliases, which win over the
        workbook's for this plan's own 担当 strings. A department not in the workbook yet is
        a new, unsaved row (``planbuild`` adds it before resolving again)."""
        from welfareplan.core.model import Department, new_id

        by_alias = dict(base.by_alias)
        for d in self.departments:
            dept = base.resolve(d.name) or Department(id=new_id(), name=d.name, kind=d.kind)
            for alias in (d.name, *d.aliases):
                key = normalize_alias(alias)
                if key:
                    by_alias[key] = dept
        return DepartmentResolver(by_alias)


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def node_where(spec: PlanSpec, path: list[NodeSpec]) -> str:
    """'基本目標1 施策の方向性(2)' for messages."""
    parts = []
    for depth, node in enumerate(path):
        level = spec.levels[depth] if depth < len(spec.levels) else PlanLevel("階層")
        number = level.label(node.number) or node.name
        parts.append(f"{level.name}{number}")
    return " ".join(parts)


def _dupes(values: list[int]) -> set[int]:
    seen: set[int] = set()
    return {n for n in values if n in seen or seen.add(n)}  # type: ignore[func-returns-value]


def validate_spec(spec: PlanSpec, resolver: DepartmentResolver) -> list[Problem]:
    """Every problem of ``spec``, each with its location; empty when the plan is sound.

    ``resolver`` resolves the 担当 strings (the workbook's 担当課マスタ; the plan's own
    departments and aliases are added here)."""
    problems: list[Problem] = []
    add = problems.append
    where = "計画"
    if not spec.name.strip():
        add(Problem(where, "計画の名前が空です。"))
    if not spec.key.strip():
        add(Problem(where, "計画のキーが空です。"))
    if spec.period_start > spec.period_end:
        add(Problem(where, f"計画期間が逆です（{spec.period_start}〜{spec.period_end}）。"))
    problems += [Problem("階層", p) for p in level_problems(spec.levels)]
    problems += [Problem("評価項目", p) for p in spec.form.problems()]
    problems += [Problem("事業の属性", p) for p in attribute_problems(spec.attributes)]
    named: dict[str, str] = {}
    for d in spec.departments:
        for alias in dict.fromkeys(normalize_alias(a) for a in (d.name, *d.aliases)):
            other = named.setdefault(alias, d.name)
            if alias and other != d.name:
                add(
                    Problem(
                        "担当課",
                        f"別名「{alias}」が担当課「{other}」と「{d.name}」の両方を指しています。",
                    )
                )
        if not d.name.strip():
            add(Problem("担当課", "担当課の名前が空です。"))
        if d.kind not in DEPARTMENT_KINDS:
            add(
                Problem(
                    "担当課",
                    f"担当課「{d.name}」の種別「{d.kind}」は使えません（city か council）。",
                )
            )
    for f in spec.form.number_fields:
        target = f.target_attribute
        if target and target not in {a.key for a in spec.attributes}:
            add(
                Problem(
                    "評価項目",
                    f"評価項目「{f.label}」の目標の属性「{target}」は事業の属性にありません。",
                )
            )
    if not spec.nodes:
        add(Problem(where, f"{spec.levels[0].name if spec.levels else '階層'}がありません。"))
    if problems and any(p.where == "階層" for p in problems):
        return problems  # the nodes cannot be checked against broken levels
    _Validator(spec, spec.resolver(resolver), problems).nodes(spec.nodes, [])
    return problems


class _Validator:
    """The checks of a plan's nodes and projects, collecting problems."""

    def __init__(
        self, spec: PlanSpec, resolver: DepartmentResolver, problems: list[Problem]
    ) -> None:
        self.spec = spec
        self.resolver = resolver
        self.problems = problems
        self.labels: dict[str, str] = {}

    def nodes(self, nodes: list[NodeSpec], path: list[NodeSpec]) -> None:
        spec, problems = self.spec, self.problems
        depth = len(path)
        level = spec.levels[depth]
        deepest = depth == len(spec.levels) - 1
        parent_where = node_where(spec, path) or "計画"
        numbers = [n.number for n in nodes if n.number is not None]
        for n in sorted(_dupes(numbers)):
            problems.append(
                Problem(
                    parent_where, f"{level.name}の番号 {level.label(n) or n} が重複しています。"
                )
            )
        for node in nodes:
            here = node.where or node_where(spec, [*path, node])
            if not node.name.strip():
                problems.append(Problem(here, f"{level.name}の名前が空です。"))
            if node.number is None and level.numbering != "none":
                problems.append(Problem(here, f"{level.name}の番号がありません。"))
            elif node.number is not None and node.number < 1:
                problems.append(
                    Problem(here, f"{level.name}の番号 {node.number} は 1 以上にしてください。")
                )
            if deepest:
                if node.children:
                    problems.append(
                        Problem(
                            here, f"{level.name}は最も下の階層のため、その下に階層を置けません。"
                        )
                    )
                for project in node.projects:
                    self.project(project, here)
            else:
                if node.projects:
                    problems.append(
                        Problem(
                            here,
                            f"事業は最も下の階層（{spec.levels[-1].name}）の下に置いてください。",
                        )
                    )
                self.nodes(node.children, [*path, node])

    def project(self, project: ProjectSpec, node_where_: str) -> None:
        problems = self.problems
        where = project.where or f"{node_where_} 事業{project.label}"
        if not project.label.strip():
            problems.append(Problem(where, "事業番号が空です。"))
        elif project.label in self.labels:
            problems.append(
                Problem(
                    where,
                    f"事業番号「{project.label}」が重複しています（{self.labels[project.label]} と同じ）。",
                )
            )
        else:
            self.labels[project.label] = where
        if not project.name.strip():
            problems.append(Problem(where, "事業名が空です。"))
        defs: dict[str, AttributeDef] = {}
        for a in self.spec.attributes:
            defs.setdefault(a.key, a)  # a key given twice is a problem of its own
        for key, value in project.attributes.items():
            attr = defs.get(key)
            if attr is None:
                problems.append(
                    Problem(where, f"事業の属性「{key}」は計画の事業の属性にありません。")
                )
            elif attr.kind in ("number", "year") and value and normalize_number(value) is None:
                problems.append(Problem(where, f"{attr.label}の「{value}」は数値ではありません。"))
        if not project.departments:
            problems.append(Problem(where, "担当課がありません。"))
        seen: dict[str, str] = {}
        for text in project.departments:
            dept = self.resolver.resolve(text)
            if dept is None:
                problems.append(Problem(where, f"担当課「{text}」は担当課マスタにありません。"))
            elif dept.id in seen:
                problems.append(
                    Problem(where, f"担当課「{text}」は「{seen[dept.id]}」と同じ課です（重複）。")
                )
            else:
                seen[dept.id] = text
