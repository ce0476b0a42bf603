"""The plan file format (JSON): ``welfareplan-plan/2``, and ``welfareplan-plan/1`` still read.

``welfareplan-plan/2`` (docs/plan-template.md) states the plan's levels, its nodes with their
projects, the evaluation form, report texts, project attributes and the departments it adds.
Unknown top-level keys (``source``, ``notes``) are documentation and ignored. A missing
``form`` means Koganei's form.

``welfareplan-plan/1`` is Koganei's shape: goals → directions → measures → projects numbered
across the plan (a group as ``number``–``number_end``), the A–D criteria and the note on
今後の事業計画・展望 on the plan. It is read as a ``/2`` plan with Koganei's levels and form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from welfareplan.core.attributes import attributes_from_json, attributes_to_json
from welfareplan.core.errors import DataError
from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.core.koganei_form import KOGANEI_FORM, KOGANEI_LEVELS, koganei_form
from welfareplan.core.labels import project_number_label
from welfareplan.core.plan_levels import NUMBERINGS, PlanLevel, levels_from_json, levels_to_json
from welfareplan.core.planspec import DepartmentSpec, NodeSpec, PlanSpec, ProjectSpec
from welfareplan.core.report_texts import ReportTexts

FORMAT_V1 = "welfareplan-plan/1"
FORMAT_V2 = "welfareplan-plan/2"


def _req(data: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(data, Mapping) or key not in data:
        raise DataError(f"{where}: 「{key}」がありません。", code="plan-json")
    return data[key]


def _str(value: Any, key: str, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise DataError(f"{where}: 「{key}」は文字で書いてください。", code="plan-json")
    return str(value)


def _list(value: Any, key: str, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataError(f"{where}: 「{key}」は一覧にしてください。", code="plan-json")
    return value


def _int(value: Any, key: str, where: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DataError(f"{where}: 「{key}」は整数にしてください。", code="plan-json") from None


def spec_from_json(data: Mapping[str, Any]) -> PlanSpec:
    """Read a plan file (``welfareplan-plan/2`` or ``/1``). Raises :class:`DataError`."""
    fmt = data.get("format") if isinstance(data, Mapping) else None
    if fmt == FORMAT_V2:
        return _spec_v2(data)
    if fmt == FORMAT_V1:
        return _spec_v1(data)
    raise DataError(
        f"計画ファイルの形式が違います（{FORMAT_V2} ではありません）。", code="plan-json"
    )


def _plan_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    where = "計画"
    period = _list(_req(data, "period", where), "period", where)
    if len(period) != 2:
        raise DataError(
            f"{where}: 「period」は [開始年度, 終了年度] にしてください。", code="plan-json"
        )
    return {
        "key": _str(_req(data, "key", where), "key", where),
        "name": _str(_req(data, "name", where), "name", where),
        "period_start": _int(period[0], "period", where),
        "period_end": _int(period[1], "period", where),
        "philosophy": _str(data.get("philosophy"), "philosophy", where),
        "issuer": _str(data.get("issuer"), "issuer", where),
        "predecessor_key": _str(data.get("predecessor"), "predecessor", where) or None,
    }


# ---------------------------------------------------------------------------- /2


def _spec_v2(data: Mapping[str, Any]) -> PlanSpec:
    raw_form = data.get("form")
    spec = PlanSpec(
        **_plan_fields(data),
        levels=levels_from_json(_list(_req(data, "levels", "計画"), "levels", "計画")),
        form=KOGANEI_FORM if raw_form is None else EvaluationForm.from_json(raw_form),
        texts=ReportTexts.from_json(data.get("texts")),
        attributes=attributes_from_json(_list(data.get("attributes"), "attributes", "計画")),
        departments=tuple(
            _department(d, f"担当課 {n}")
            for n, d in enumerate(_list(data.get("departments"), "departments", "計画"), 1)
        ),
    )
    spec.nodes = [
        _node(n, spec, 0, "計画") for n in _list(_req(data, "nodes", "計画"), "nodes", "計画")
    ]
    return spec


def _department(data: Any, where: str) -> DepartmentSpec:
    return DepartmentSpec(
        name=_str(_req(data, "name", where), "name", where),
        kind=_str(data.get("kind"), "kind", where) or "city",
        aliases=tuple(
            _str(a, "aliases", where) for a in _list(data.get("aliases"), "aliases", where)
        ),
    )


def _where(parent: str, levels: tuple[PlanLevel, ...], depth: int, number: object) -> str:
    """Where a node is, for messages: '基本目標1 施策の方向性(2) 施策③'."""
    level = levels[depth] if depth < len(levels) else PlanLevel("階層")
    if number is None:
        shown = ""
    elif isinstance(number, int) and level.numbering in NUMBERINGS:
        shown = level.label(number)
    else:  # a number or a numbering the validation will name
        shown = str(number)
    return f"{parent} {level.name}{shown}".removeprefix("計画 ")


def _node(data: Any, spec: PlanSpec, depth: int, parent: str) -> NodeSpec:
    number = data.get("number") if isinstance(data, Mapping) else None
    where = _where(parent, spec.levels, depth, number)
    node = NodeSpec(
        number=None if number is None else _int(number, "number", where),
        name=_str(_req(data, "name", where), "name", where),
        where=where,
    )
    node.children = [
        _node(c, spec, depth + 1, where) for c in _list(data.get("children"), "children", where)
    ]
    node.projects = [_project(p, where) for p in _list(data.get("projects"), "projects", where)]
    return node


def _project(data: Any, parent: str) -> ProjectSpec:
    label = _str(_req(data, "label", f"{parent} 事業"), "label", parent)
    where = f"事業{label}"
    attributes = data.get("attributes") or {}
    if not isinstance(attributes, Mapping):
        raise DataError(f"{where}: 「attributes」は項目と値の組にしてください。", code="plan-json")
    sort = data.get("sort")
    return ProjectSpec(
        label=label,
        name=_str(_req(data, "name", where), "name", where),
        description=_str(data.get("description"), "description", where),
        attributes={str(k): _str(v, k, where) for k, v in attributes.items()},
        departments=[
            _str(d, "departments", where)
            for d in _list(_req(data, "departments", where), "departments", where)
        ],
        predecessors=[
            _str(p, "predecessors", where)
            for p in _list(data.get("predecessors"), "predecessors", where)
        ],
        sort=None if sort is None else _int(sort, "sort", where),
        where=where,
    )


def spec_to_json(spec: PlanSpec) -> dict[str, Any]:
    """``spec`` as a ``welfareplan-plan/2`` document."""

    def node(n: NodeSpec) -> dict[str, Any]:
        out: dict[str, Any] = {"name": n.name}
        if n.number is not None:
            out = {"number": n.number, **out}
        if n.children:
            out["children"] = [node(c) for c in n.children]
        if n.projects:
            out["projects"] = [project(p) for p in n.projects]
        return out

    def project(p: ProjectSpec) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": p.label,
            "name": p.name,
            "description": p.description,
            "departments": list(p.departments),
        }
        if p.attributes:
            out["attributes"] = dict(p.attributes)
        if p.predecessors:
            out["predecessors"] = list(p.predecessors)
        if p.sort is not None:
            out["sort"] = p.sort
        return out

    data: dict[str, Any] = {
        "format": FORMAT_V2,
        "key": spec.key,
        "name": spec.name,
        "period": [spec.period_start, spec.period_end],
        "philosophy": spec.philosophy,
        "issuer": spec.issuer,
        "predecessor": spec.predecessor_key,
        "levels": levels_to_json(spec.levels),
        "texts": spec.texts.to_json(),
        "form": spec.form.to_json(),
    }
    if spec.attributes:
        data["attributes"] = attributes_to_json(spec.attributes)
    if spec.departments:
        data["departments"] = [
            {"name": d.name, "kind": d.kind, "aliases": list(d.aliases)} for d in spec.departments
        ]
    data["nodes"] = [node(n) for n in spec.nodes]
    return data


# ---------------------------------------------------------------------------- /1 (legacy)


def _spec_v1(data: Mapping[str, Any]) -> PlanSpec:
    """Koganei's shape (goals → directions → measures) with its form."""
    spec = PlanSpec(
        **_plan_fields(data),
        levels=KOGANEI_LEVELS,
        form=koganei_form(data.get("rating_criteria") or None, data.get("outlook_note") or ""),
    )
    levels = spec.levels
    for g in _list(_req(data, "goals", "計画"), "goals", "計画"):
        gw = _where("計画", levels, 0, g.get("number", "?"))
        goal = NodeSpec(_int(_req(g, "number", gw), "number", gw), _req(g, "name", gw), where=gw)
        for d in _list(_req(g, "directions", gw), "directions", gw):
            dw = _where(gw, levels, 1, d.get("number", "?"))
            direction = NodeSpec(
                _int(_req(d, "number", dw), "number", dw), _req(d, "name", dw), where=dw
            )
            for m in _list(_req(d, "measures", dw), "measures", dw):
                mw = _where(dw, levels, 2, m.get("number", "?"))
                measure = NodeSpec(
                    _int(_req(m, "number", mw), "number", mw), _req(m, "name", mw), where=mw
                )
                for p in _list(_req(m, "projects", mw), "projects", mw):
                    pw = f"事業{p.get('number', '?')}"
                    number = _int(_req(p, "number", pw), "number", pw)
                    end = p.get("number_end")
                    predecessor = p.get("predecessor")
                    label = project_number_label(
                        number, None if end is None else _int(end, "number_end", pw)
                    )
                    measure.projects.append(
                        ProjectSpec(
                            label=label,
                            name=_req(p, "name", pw),
                            description=p.get("description", ""),
                            departments=list(_req(p, "departments", pw)),
                            predecessors=[] if predecessor is None else [str(predecessor)],
                            where=f"事業{label}",
                        )
                    )
                direction.children.append(measure)
            goal.children.append(direction)
        spec.nodes.append(goal)
    return spec
