"""The Excel plan template of version 2 rendered by LibreOffice (issue 14): every sheet prints
landscape, one page wide, with its header; the 架空市 plan's levels, numbers as the plan prints
them, attributes, scale and departments are all on paper."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exports.rendering import compact, render_to_pdf, require_renderer
from tests.helpers.shaped_plans import OTHER_CITY, PLANS
from welfareplan.core.storage import Workbook
from welfareplan.workflow.plans.new_master import create_master
from welfareplan.workflow.plans.plan_export import export_plan

pytestmark = pytest.mark.render


def test_the_plan_template_renders(tmp_path: Path) -> None:
    require_renderer()
    master, template = tmp_path / "m.wpdb", tmp_path / "計画.xlsx"
    create_master(master, PLANS / OTHER_CITY)
    with Workbook.open(master) as wb:
        export_plan(wb, template)
    pdf = render_to_pdf({"template": template}, tmp_path / "pdf")["template"]
    assert pdf.width_pt > pdf.height_pt  # landscape
    first = [compact(page.splitlines()[0]) if page.strip() else "" for page in pdf.pages]
    for header in ("項目", "段", "基本目標", "事業番号", "キー", "順番", "担当課"):
        assert header in first, (header, first)
    text = compact(pdf.text)
    for shown in ("テンプレートの版", "地域の見守り活動の推進", "指標", "目標値", "達成度"):
        assert compact(shown) in text, shown
    assert compact("評価困難（指標の実績が把握できない等により評価できない。）") in text
    assert compact("架空市社会福祉協議会") in text and compact("社会福祉協議会など") in text
    # the help sheet is printed too
    assert compact("（welfareplan new --store-aliases のときだけ登録します）。") in text
