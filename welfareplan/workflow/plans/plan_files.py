"""A plan file of either kind read into a validated :class:`~welfareplan.core.planspec.PlanSpec`:
the Excel template (``.xlsx``, :mod:`~welfareplan.workflow.plans.plan_import`) or the plan JSON
(``.json``, format ``welfareplan-plan/2`` or ``/1``, :mod:`welfareplan.core.planspec_json`).

Both are checked against the workbook they go into (its departments, its plans' keys, the
predecessor plan and its project labels); every problem is returned with where it is.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.errors import DataError
from welfareplan.core.planbuild import plan_problems
from welfareplan.core.planspec import PlanSpec, Problem
from welfareplan.core.planspec_json import spec_from_json
from welfareplan.workflow.plans.template_read import read_template

#: The suffixes of plan files, as file dialogs offer them.
PLAN_FILE_SUFFIXES = (".xlsx", ".json")


def read_plan_json(path: Path) -> PlanSpec:
    """The plan of a JSON plan file; a file that is not one raises :class:`DataError`."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise DataError(f"ファイル「{path.name}」が見つかりません。", code="not-found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise DataError(
            f"ファイル「{path.name}」は計画の JSON として読み取れません（壊れているか、別の形式です）。",
            code="plan-json",
        ) from None
    if not isinstance(data, dict):
        raise DataError(f"ファイル「{path.name}」は計画の JSON ではありません。", code="plan-json")
    try:
        return spec_from_json(data)
    except DataError as exc:
        raise DataError(
            f"計画ファイル「{path.name}」を読み取れません（何も変更していません）: {exc.message}",
            code=exc.code,
        ) from None


def read_plan_spec(session: Session, path: Path) -> tuple[PlanSpec | None, list[Problem]]:
    """Read ``path`` (template or JSON) and check it against the workbook of ``session``."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        spec = read_plan_json(path)
        problems = plan_problems(session, spec, DepartmentResolver.from_session(session))
        return (None if problems else spec), problems
    if suffix == ".xlsx":
        return read_template(session, path)
    raise DataError(
        f"ファイル「{path.name}」は計画ファイルではありません"
        "（Excel のテンプレート .xlsx か計画の .json を指定してください）。",
        code="plan-file-kind",
    )
