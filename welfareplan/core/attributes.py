"""Project attributes a plan states beyond 内容: e.g. an indicator (指標), its target (目標値,
a number with a unit) and the target year (目標年度).

A plan declares the attributes (``plan.attributes``); each project holds their values as text
(``project.attributes``). They are shown wherever 内容 is — in the reports, the worksheets and
the department window — and a number field of the form may name one as its target.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from welfareplan.core.errors import DataError
from welfareplan.core.evaluation_form import key_problems

ATTRIBUTE_KINDS: tuple[str, ...] = ("text", "number", "year")


@dataclass(frozen=True)
class AttributeDef:
    key: str
    label: str
    kind: str = "text"
    unit: str = ""

    def display(self, value: str) -> str:
        """'600人' for a number with a unit, '2030年度' for a year, the text otherwise."""
        if not value:
            return ""
        if self.kind == "number" and self.unit:
            return f"{value}{self.unit}"
        if self.kind == "year" and value.isdigit():
            return f"{value}年度"
        return value

    def to_json(self) -> dict[str, str]:
        data = {"key": self.key, "label": self.label, "kind": self.kind}
        if self.unit:
            data["unit"] = self.unit
        return data


def attributes_from_json(
    data: Iterable[Mapping[str, Any]] | None, where: str = "事業の属性"
) -> tuple[AttributeDef, ...]:
    out = []
    for n, item in enumerate(data or (), 1):
        if not isinstance(item, Mapping):
            raise DataError(f"{where} {n}: 形式が正しくありません。", code="plan-json")
        values = {k: item.get(k, "") for k in ("key", "label", "kind", "unit")}
        if not all(isinstance(v, str) for v in values.values()):
            raise DataError(f"{where} {n}: 値は文字で書いてください。", code="plan-json")
        out.append(
            AttributeDef(values["key"], values["label"], values["kind"] or "text", values["unit"])
        )
    return tuple(out)


def attributes_to_json(defs: Sequence[AttributeDef]) -> list[dict[str, str]]:
    return [d.to_json() for d in defs]


def attribute_problems(defs: Sequence[AttributeDef]) -> list[str]:
    problems = []
    seen: set[str] = set()
    for d in defs:
        problems += key_problems("事業の属性", d.key, d.label, seen, label_word="名前")
        if d.kind not in ATTRIBUTE_KINDS:
            problems.append(
                f"事業の属性「{d.label}」の種類「{d.kind}」は使えません（text・number・year のどれか）。"
            )
    return problems


def attribute_lines(defs: Sequence[AttributeDef], values: Mapping[str, str]) -> list[str]:
    """The attributes of one project as printed under its 内容: '指標：見守り協力員の登録者数'."""
    return [f"{d.label}：{d.display(values.get(d.key, ''))}" for d in defs if values.get(d.key)]


def with_attributes(
    description: str, defs: Sequence[AttributeDef], values: Mapping[str, str]
) -> str:
    """内容 followed by the project's attributes, one per line."""
    lines = attribute_lines(defs, values)
    if not lines:
        return description
    return "\n".join([description, *lines]) if description else "\n".join(lines)
