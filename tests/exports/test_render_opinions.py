"""The committee's round trip on paper, rendered by LibreOffice: a member's opinion sheet (the
projects with this year's ratings and texts, the opinion column, the general opinion row) and
the report with 「主な意見と市の考え方」 — Word and Excel, one LibreOffice run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exports.rendering import compact, render_to_pdf, require_renderer
from tests.helpers.opinion_sheets import fill_opinions
from welfareplan.core.storage import Workbook
from welfareplan.exports.opinion_sheet_xlsx import GENERAL_ID

pytestmark = pytest.mark.render


def test_opinion_sheet_and_answers_render(demo_copy: Path, tmp_path: Path) -> None:
    from welfareplan.exports.round_export import export_report
    from welfareplan.workflow.committee.answers import set_answer
    from welfareplan.workflow.committee.choose import choose_opinion, list_received
    from welfareplan.workflow.committee.members import add_member
    from welfareplan.workflow.committee.sheet_issue import issue_opinion_sheets
    from welfareplan.workflow.committee.sheet_merge import merge_opinion_sheet

    require_renderer()
    with Workbook.open(demo_copy) as wb:
        add_member(wb, 2024, "中山 太郎")
        (sheet,) = issue_opinion_sheets(wb, 2024, tmp_path)
        fill_opinions(
            sheet.path,
            {"4": "移送サービスの担い手の確保を。", GENERAL_ID: "個人情報の扱いに留意を。"},
        )
        merge_opinion_sheet(wb, 2024, sheet.path)
        project, general = list_received(wb, 2024)
        first = choose_opinion(wb, 2024, project.id)
        second = choose_opinion(wb, 2024, general.id, goal=2)
        set_answer(wb, first, "令和7年度に担い手養成講座を開きます。", "交通対策課")
        set_answer(wb, second, "要配慮個人情報の扱いを次期計画に記載します。", "地域福祉課")
        export_report(wb, 2024, docx=tmp_path / "報告.docx", xlsx=tmp_path / "報告.xlsx")
    rendered = render_to_pdf(
        {
            "sheet": sheet.path,
            "report_docx": tmp_path / "報告.docx",
            "report_xlsx": tmp_path / "報告.xlsx",
        },
        tmp_path / "pdf",
    )
    text = compact(rendered["sheet"].text)
    for expected in ("意見・提案シート", "中山太郎", "ご意見・ご提案", "全体へのご意見・ご提案"):
        assert compact(expected) in text
    assert compact("移送サービスへの支援") in text and compact("地域福祉課") in text
    for key in ("report_docx", "report_xlsx"):
        pages = rendered[key].compact_pages()
        (page,) = [p for p in pages if compact("主な意見と市の考え方") in p]
        for expected in (
            "市の考え方・対応",
            "移送サービスの担い手の確保を。",
            "令和7年度に担い手養成講座を開きます。",
            "交通対策課",
            "【全般】",
            "要配慮個人情報の扱いを次期計画に記載します。",
        ):
            assert compact(expected) in page, (key, expected)
