"""Plan export to the Excel template of version 2 (see docs/plan-template.md); import is in
:mod:`welfareplan.workflow.plans.plan_import`.

Any plan the master holds is written — its levels, nodes, projects with their labels and
attributes, assignments, evaluation form and scale, report texts, predecessor links and the
departments it uses with their aliases (:func:`welfareplan.core.planspec_master.spec_of_plan`,
written by :mod:`.template_write`) — so that importing the file builds the same plan.
"""

from __future__ import annotations

from pathlib import Path

from welfareplan.core.atomic import atomic_target
from welfareplan.core.errors import DataError
from welfareplan.core.planspec_master import plan_by_key, spec_of_plan
from welfareplan.core.storage import Workbook
from welfareplan.workflow.plans.template_write import write_template


def export_plan(
    wb: Workbook, out: Path | str, *, plan_key: str | None = None, overwrite: bool = False
) -> Path:
    """Write a plan (default: the latest) as the Excel template."""
    out = Path(out)
    with wb.session() as s:
        plan = plan_by_key(s, plan_key)
        if plan is None:
            raise DataError(
                f"計画「{plan_key}」はありません。"
                if plan_key
                else "このワークブックには計画がありません。",
                code="no-plan",
            )
        book = write_template(spec_of_plan(s, plan))
    with atomic_target(out, overwrite=overwrite) as tmp:
        book.save(tmp)
    return out
