"""Linking a plan to its predecessor after both are in the workbook (``welfareplan plan link``,
計画・担当課 → 前の計画とつなぐ…), with the project links of a link table.

The link table says which projects of the plan continue which projects of the predecessor
(one-to-many and many-to-one allowed): an Excel sheet 前計画との対応 (columns 事業番号 and
前計画の事業番号, several old labels separated by 、) or the JSON ``welfareplan-lineage/1``
(``{"plan", "predecessor_plan", "links": [{"successor", "predecessors": [...]}]}``, see
docs/plan-template.md). Checked before anything changes: both plans exist, the predecessor
starts earlier, no cycle, every label exists, no project twice. Then, after a backup, the
plan's predecessor is set and its project links are replaced by the table's (without a table,
links into another lineage are removed and the rest kept); audited (``plan-link``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from welfareplan.core import audittrail
from welfareplan.core.errors import DataError
from welfareplan.core.labels import plan_row_label
from welfareplan.core.model import Plan, Project, ProjectLink
from welfareplan.core.planspec import Problem
from welfareplan.core.storage import Workbook
from welfareplan.exports.xlsx_reading import open_xlsx
from welfareplan.workflow.master.backups import backed_up
from welfareplan.workflow.plans.plan_template import header_key, where
from welfareplan.workflow.plans.template_sheets import cell_value_text

LINK_SHEET = "前計画との対応"
LINK_COLUMNS = ("事業番号", "前計画の事業番号")
LINEAGE_FORMAT = "welfareplan-lineage/1"
_SEPARATORS = re.compile(r"[、,，\n]")


@dataclass(frozen=True)
class LinkRow:
    successor: str
    predecessors: tuple[str, ...]
    where: str


@dataclass(frozen=True)
class LinkResult:
    plan: str
    predecessor: str
    #: projects of the plan that continue at least one project
    linked_projects: int
    #: (predecessor, successor) pairs
    pairs: int


class LinkError(DataError):
    code = "link-invalid"

    def __init__(self, problems: list[Problem]) -> None:
        lines = "\n".join(f"・{p}" for p in problems)
        super().__init__(
            f"前の計画とのつなぎに {len(problems)} 件の問題があるためつなぎませんでした"
            f"（何も変更していません）:\n{lines}"
        )
        self.problems = problems


def _split(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in _SEPARATORS.split(text) if t.strip())


def read_link_file(path: Path, plan_key: str, predecessor_key: str) -> list[LinkRow]:
    """The rows of a link table (.xlsx or .json); raises :class:`DataError` for a file that is
    not one and :class:`LinkError` listing the problems of its rows."""
    problems: list[Problem] = []
    found: list[LinkRow] = []
    if path.suffix.lower() == ".json":
        try:
            data: Any = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise DataError(
                f"ファイル「{path.name}」が見つかりません。", code="not-found"
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            raise DataError(
                f"ファイル「{path.name}」は対応表の JSON として読み取れません。", code="link-json"
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("links"), list):
            raise DataError(
                f"ファイル「{path.name}」は対応表（{LINEAGE_FORMAT}）ではありません。",
                code="link-json",
            )
        for name, key in (("plan", plan_key), ("predecessor_plan", predecessor_key)):
            if data.get(name) not in (None, key):
                problems.append(
                    Problem(path.name, f"「{name}」は「{data[name]}」で、「{key}」ではありません。")
                )
        for i, item in enumerate(data["links"], 1):
            at = f"{path.name} の links の {i} 番目"
            olds = item.get("predecessors") if isinstance(item, dict) else None
            if not isinstance(item, dict) or not isinstance(olds, list):
                problems.append(Problem(at, "「successor」と「predecessors」（一覧）が必要です。"))
                continue
            found.append(LinkRow(str(item.get("successor", "")).strip(), tuple(map(str, olds)), at))
    elif path.suffix.lower() == ".xlsx":
        book = open_xlsx(path)
        try:
            if LINK_SHEET not in book.sheetnames:
                raise DataError(
                    f"ファイル「{path.name}」にシート「{LINK_SHEET}」がありません。",
                    code="link-sheet",
                )
            rows = book[LINK_SHEET].iter_rows(values_only=True)
            header = [header_key(h) for h in next(rows, None) or ()]
            missing = [c for c in LINK_COLUMNS if header_key(c) not in header]
            if missing:
                raise DataError(
                    f"シート「{LINK_SHEET}」に列「{'」「'.join(missing)}」がありません。",
                    code="link-sheet",
                )
            new, old = (header.index(header_key(c)) for c in LINK_COLUMNS)
            for number, row in enumerate(rows, start=2):
                cells = [cell_value_text(row[i]) if i < len(row) else "" for i in (new, old)]
                if cells == ["", ""]:
                    continue
                found.append(LinkRow(cells[0], _split(cells[1]), where(LINK_SHEET, number)))
        finally:
            book.close()
    else:
        raise DataError(
            f"ファイル「{path.name}」は対応表ではありません（.xlsx か .json を指定してください）。",
            code="link-file-kind",
        )
    if problems:
        raise LinkError(problems)
    return found


def _plan(s: Session, key: str, problems: list[Problem]) -> Plan | None:
    plan = s.scalar(select(Plan).where(Plan.key == key))
    if plan is None:
        problems.append(Problem("", f"計画のキー「{key}」はこのワークブックにありません。"))
    return plan


def _labels(s: Session, plan: Plan) -> dict[str, str]:
    rows = s.execute(select(Project.label, Project.id).where(Project.plan_id == plan.id))
    return {str(label): str(pid) for label, pid in rows}


def _check(
    s: Session, key: str, predecessor_key: str, rows: list[LinkRow] | None
) -> tuple[Plan, Plan, list[tuple[str, str]]]:
    problems: list[Problem] = []
    plan, old = _plan(s, key, problems), _plan(s, predecessor_key, problems)
    if plan is None or old is None:
        raise LinkError(problems)
    if plan.id == old.id:
        raise LinkError([Problem("", "計画を自分自身の前の計画にはできません。")])
    chain: list[str] = []
    current: Plan | None = old
    while current is not None and current.id not in chain:
        chain.append(current.id)
        current = s.get(Plan, current.predecessor_id) if current.predecessor_id else None
    if plan.id in chain:
        problems.append(
            Problem(
                "",
                f"計画{plan_row_label(old)}は計画{plan_row_label(plan)}から続く計画なので、"
                "前の計画にすると循環します。",
            )
        )
    if old.period_start >= plan.period_start:
        problems.append(
            Problem(
                "",
                f"前の計画{plan_row_label(old)}は計画{plan_row_label(plan)}より前に始まる計画"
                "でなければなりません。",
            )
        )
    new_ids = _labels(s, plan)
    old_ids = _labels(s, old)
    pairs: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for row in rows or []:
        if row.successor not in new_ids:
            problems.append(
                Problem(
                    row.where,
                    f"計画「{key}」に事業番号 {row.successor or '（空）'} の事業はありません。",
                )
            )
            continue
        if row.successor in seen:
            problems.append(
                Problem(
                    row.where, f"事業番号 {row.successor} は {seen[row.successor]} にもあります。"
                )
            )
            continue
        seen[row.successor] = row.where
        if not row.predecessors:
            problems.append(
                Problem(row.where, f"事業番号 {row.successor} の前計画の事業番号が空です。")
            )
        for label in dict.fromkeys(row.predecessors):
            if label not in old_ids:
                problems.append(
                    Problem(
                        row.where,
                        f"前の計画「{predecessor_key}」に事業番号 {label} の事業はありません。",
                    )
                )
            else:
                pairs.append((old_ids[label], new_ids[row.successor]))
    if problems:
        raise LinkError(problems)
    return plan, old, pairs


def link_plan(
    wb: Workbook, key: str, predecessor_key: str, rows: list[LinkRow] | None = None
) -> LinkResult:
    """Make ``predecessor_key`` the predecessor of ``key`` (with ``rows``: its project links)."""
    with wb.session() as s:
        _check(s, key, predecessor_key, rows)
    with backed_up(wb, "link", what=f"計画 {key} と前の計画 {predecessor_key}") as (s, _):
        plan, old, pairs = _check(s, key, predecessor_key, rows)
        projects = select(Project.id).where(Project.plan_id == plan.id)
        if rows is not None:
            s.execute(delete(ProjectLink).where(ProjectLink.successor_id.in_(projects)))
        elif plan.predecessor_id != old.id:
            kept = select(Project.id).where(Project.plan_id == old.id)
            s.execute(
                delete(ProjectLink).where(
                    ProjectLink.successor_id.in_(projects), ProjectLink.predecessor_id.not_in(kept)
                )
            )
        plan.predecessor_id = old.id
        s.add_all(ProjectLink(predecessor_id=a, successor_id=b) for a, b in pairs)
        s.flush()
        linked = s.scalars(select(ProjectLink).where(ProjectLink.successor_id.in_(projects))).all()
        audittrail.record(
            s,
            "plan-link",
            note=f"計画 {plan.key} の前の計画を {old.key} に（事業のつなぎ {len(linked)} 組）",
        )
        return LinkResult(
            plan=plan_row_label(plan),
            predecessor=plan_row_label(old),
            linked_projects=len({link.successor_id for link in linked}),
            pairs=len(linked),
        )
