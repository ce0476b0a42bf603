"""How plans, projects and opinions are named in the report, messages and windows."""

from __future__ import annotations

from typing import Protocol

from welfareplan.core.wareki import fiscal_year_label


def project_number_label(number: int, number_end: int | None = None) -> str:
    """事業No of a project numbered across the plan: '4', or '31～34' for a grouped project
    (how plans before schema 3 stored it; now the label is stored as printed)."""
    return str(number) if number_end is None else f"{number}～{number_end}"


def project_title(label: str, name: str) -> str:
    """'事業4 移送サービスへの支援'."""
    return f"事業{label} {name}".rstrip()


def opinion_heading(project_label: str | None, project_name: str | None) -> str:
    """The bracketed heading of a committee opinion: '【事業番号4:移送サービスへの支援】' or '【全般】'."""
    if project_label is None:
        return "【全般】"
    return f"【事業番号{project_label}:{project_name}】"


def period_label(start: int, end: int) -> str:
    """'令和6年度～令和11年度'."""
    return f"{fiscal_year_label(start)}～{fiscal_year_label(end)}"


def plan_label(name: str, key: str, start: int, end: int) -> str:
    """A plan as messages and the GUI name it, so that two plans of the same name can be told
    apart: '「小金井市地域福祉計画」（koganei-chiiki-fukushi-r6、令和6年度～令和11年度）'."""
    return f"「{name}」（{key}、{period_label(start, end)}）"


class _PlanLike(Protocol):
    name: str
    key: str
    period_start: int
    period_end: int


def plan_row_label(plan: _PlanLike) -> str:
    """:func:`plan_label` of a plan row (ORM or plain)."""
    return plan_label(plan.name, plan.key, plan.period_start, plan.period_end)
