"""A plan's shape as plain data read with plain SQL: its levels and nodes, evaluation form,
report texts and project attributes — what every view of a round needs to follow the plan.

Works on an ORM session or a plain ``sqlite3`` connection (the department window reads its
own file without SQLAlchemy).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from welfareplan.core.attributes import AttributeDef, attributes_from_json, with_attributes
from welfareplan.core.errors import DataError
from welfareplan.core.evaluation_form import EvaluationForm, form_from_text
from welfareplan.core.labels import period_label, plan_label
from welfareplan.core.plainsql import rows
from welfareplan.core.plan_levels import PlanLevel, levels_from_json
from welfareplan.core.report_texts import ReportTexts

if TYPE_CHECKING:
    from welfareplan.core.plainsql import Reader


@dataclass(frozen=True)
class NodeRow:
    """A ``plan_node`` row with the label its level prints ('1', '(1)', '①', 'ア', '')."""

    id: str
    parent_id: str | None
    depth: int
    number: int | None
    name: str
    sort: int
    label: str

    @property
    def title(self) -> str:
        """'(1) 福祉を支える基盤の整備' ('名前' alone for a level without numbers)."""
        return f"{self.label} {self.name}" if self.label else self.name


@dataclass(frozen=True)
class PlanShape:
    id: str
    key: str
    name: str
    period_start: int
    period_end: int
    issuer: str
    levels: tuple[PlanLevel, ...]
    form: EvaluationForm
    texts: ReportTexts
    attributes: tuple[AttributeDef, ...]
    #: node id → row, in plan order (depth first, by ``sort``)
    nodes: dict[str, NodeRow] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """'小金井市地域福祉計画（koganei-chiiki-fukushi-r6、令和6年度～令和11年度）'."""
        return plan_label(self.name, self.key, self.period_start, self.period_end)

    @property
    def period(self) -> str:
        return period_label(self.period_start, self.period_end)

    def path(self, node_id: str) -> list[NodeRow]:
        """The node and its ancestors, top level first."""
        out: list[NodeRow] = []
        current: str | None = node_id
        while current is not None and current in self.nodes and len(out) <= len(self.levels):
            node = self.nodes[current]
            out.append(node)
            current = node.parent_id
        return list(reversed(out))

    def top_nodes(self) -> list[NodeRow]:
        return [n for n in self.nodes.values() if n.parent_id is None]

    def children(self, node_id: str) -> list[NodeRow]:
        return [n for n in self.nodes.values() if n.parent_id == node_id]

    def level_name(self, depth: int) -> str:
        return self.levels[depth].name if depth < len(self.levels) else ""

    def heading(self, node: NodeRow) -> str:
        """'基本目標1' — the level's name and the node's number."""
        return f"{self.level_name(node.depth)}{node.label}"

    def node_label(self, node_id: str) -> str:
        """The node column of the report for a project under ``node_id``: the labels below
        the top level ('(1) ①'; '' for a plan of one level)."""
        return " ".join(n.label for n in self.path(node_id)[1:] if n.label)

    def describe(self, description: str, attributes: dict[str, str]) -> str:
        """内容 followed by the project's attributes, one per line."""
        return with_attributes(description, self.attributes, attributes)


_PLAN = (
    "SELECT id, key, name, period_start, period_end, issuer, levels, form, texts, attributes "
    "FROM plan WHERE id = :p"
)
_NODES = (
    "SELECT id, parent_id, depth, number, name, sort FROM plan_node WHERE plan_id = :p "
    "ORDER BY depth, sort"
)


def load_plan_form(con: Reader, plan_id: str) -> EvaluationForm:
    """The evaluation form of a plan (without the rest of its shape)."""
    found = rows(con, "SELECT form FROM plan WHERE id = :p", {"p": plan_id})
    if not found:
        raise DataError("年度の計画がファイルにありません。", code="no-plan")
    return form_from_text(found[0][0] or "{}")


def load_plan_shape(con: Reader, plan_id: str) -> PlanShape:
    found = rows(con, _PLAN, {"p": plan_id})
    if not found:
        raise DataError("年度の計画がファイルにありません。", code="no-plan")
    pid, key, name, start, end, issuer, levels, form, texts, attributes = found[0]
    levels_ = levels_from_json(json.loads(levels or "[]"))
    nodes: dict[str, NodeRow] = {}
    for nid, parent, depth, number, node_name, sort in rows(con, _NODES, {"p": plan_id}):
        level = levels_[depth] if depth < len(levels_) else PlanLevel("", "none")
        nodes[str(nid)] = NodeRow(
            str(nid),
            None if parent is None else str(parent),
            int(depth),
            None if number is None else int(number),
            str(node_name),
            int(sort),
            level.label(None if number is None else int(number)),
        )
    # depth-first plan order: children follow their parent
    ordered: dict[str, NodeRow] = {}
    children: dict[str | None, list[NodeRow]] = {}
    for n in nodes.values():  # already in sort order within each depth
        children.setdefault(n.parent_id, []).append(n)

    def visit(parent: str | None) -> None:
        for node in sorted(children.get(parent, ()), key=lambda n: n.sort):
            ordered[node.id] = node
            visit(node.id)

    visit(None)
    return PlanShape(
        id=str(pid),
        key=str(key),
        name=str(name),
        period_start=int(start),
        period_end=int(end),
        issuer=str(issuer),
        levels=levels_,
        form=form_from_text(form or "{}"),
        texts=ReportTexts.from_json(json.loads(texts or "{}")),
        attributes=attributes_from_json(json.loads(attributes or "[]")),
        nodes=ordered,
    )
