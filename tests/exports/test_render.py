"""LibreOffice renders every export; the PDF text carries the headings and all entries.

One LibreOffice run per session (fixture ``rendered`` in conftest.py). Skipped without
soffice/pdftotext unless WELFAREPLAN_REQUIRE_RENDER=1.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.exports.rendering import RenderedSet, compact, require_renderer
from tests.exports.samples import LONG_TEXT
from welfareplan.core.reportdata import ReportData

pytestmark = pytest.mark.render

A4_LANDSCAPE = (841.9, 595.3)


def _size(pdf: Any) -> tuple[float, float]:
    return round(pdf.width_pt, 1), round(pdf.height_pt, 1)


def _prefix(text: str, n: int = 12) -> str:
    return compact(text)[:n]


def test_report_docx_pdf(rendered: RenderedSet, demo_report: ReportData) -> None:
    pdf = rendered["report_docx"]
    assert _size(pdf) == A4_LANDSCAPE
    pages = pdf.compact_pages()
    whole = "".join(pages)
    for heading in (
        "地域福祉計画の進捗状況及び評価表",
        "（令和6年度実績報告）",
        "令和8年3月",
        "福祉保健部地域福祉課",
        "【事業評価の評価基準】",
        "地域福祉計画の令和6年度実績報告及び評価",
        "【事業番号4:移送サービスへの支援】",
        "【全般】",
        "【事業評価の集計】",
    ):
        assert compact(heading) in whole, heading
    for goal in demo_report.goals:
        assert any(compact(f"基本目標{goal.number}") in p and goal.name in p for p in pages)
        for p in goal.projects:
            assert _prefix(p.name, 8) in whole, p.name
    entries = [e for g in demo_report.goals for e in g.entries()]
    assert len(entries) == 69
    header = compact("事業実績・評価理由（令和6年度）")
    for e in entries:
        where = [i for i, page in enumerate(pages) if _prefix(e.value("result")) in page]
        assert where, e.value("result")[:30]
        # The table header is repeated on every page holding a row.
        assert all(header in pages[i] for i in where)
    n = len(pages)
    assert n >= 10
    for i, page in enumerate(pdf.pages, 1):
        assert re.search(rf"\b{i}\s*/\s*{n}\b", page), f"page number on page {i}"


def test_report_xlsx_pdf(rendered: RenderedSet, demo_report: ReportData) -> None:
    pdf = rendered["report_xlsx"]
    assert _size(pdf) == A4_LANDSCAPE
    whole = "".join(pdf.compact_pages())
    for goal in demo_report.goals:
        assert any(
            compact(f"基本目標{goal.number}") in p and goal.name in p for p in pdf.compact_pages()
        )
    assert compact("事業評価の集計（令和6年度）") in whole
    assert compact("基本目標別の事業評価（令和6年度）") in whole  # the chart's title
    for e in (e for g in demo_report.goals for e in g.entries()):
        assert _prefix(e.value("result")) in whole, e.value("result")[:30]
    # Fitted to the page width: every goal sheet's page shows the last column's header.
    # the cover (one page: title, criteria, the plan's structure), then the opinions
    cover, opinions = pdf.compact_pages()[:2]
    for text in ("地域福祉計画の進捗状況及び評価表", "【事業評価の評価基準】", "D・・・未実施"):
        assert compact(text) in cover, text
    assert compact("【計画の体系】") in cover and compact("(1)福祉を支える基盤の整備") in cover
    assert compact("【事業番号4:移送サービスへの支援】") in opinions
    pages_with_rows = [p for p in pdf.compact_pages() if compact("【個別事業・取り組み】") in p]
    assert pages_with_rows and all(compact("今後の事業計画・展望") in p for p in pages_with_rows)


def test_worksheet_pdfs(rendered: RenderedSet) -> None:
    for key in ("worksheet_xlsx", "worksheet_docx"):
        pdf = rendered[key]
        assert _size(pdf) == A4_LANDSCAPE
        whole = "".join(pdf.compact_pages())
        assert compact("令和6年度 地域福祉計画 事業評価シート") in whole
        assert compact("担当課：地域福祉課") in whole
        assert compact("ユニバーサルデザイン") in whole
    assert "所属長" in rendered["worksheet_docx"].text


def test_worksheet_docx_pages_and_seal_boxes(rendered: RenderedSet) -> None:
    """Issue 15, item 13: every page names the sheet and the department and carries 「N / M」;
    the seal boxes, measured on the rendered page, fit a 10.5 mm seal."""
    from tests.helpers.pdf_pages import RADICALS, seal_boxes_mm

    pdf = rendered["worksheet_docx"]
    pages = pdf.compact_pages()
    assert len(pages) > 3
    for n, page in enumerate(pages, 1):
        assert compact("令和6年度 地域福祉計画 事業評価シート") in page
        assert compact("担当課：地域福祉課") in page and f"{n}/{len(pages)}" in page
        assert not RADICALS.findall(page)
    widths, height = seal_boxes_mm(pdf.path)
    assert len(widths) == 3 and min(widths) >= 15 and height >= 15, (widths, height)


def test_worksheet_reference_rows_stay_with_this_years_rows(
    rendered: RenderedSet, next_department_report: ReportData
) -> None:
    """Issue 15, item 13: an entry's grey row of last year and this year's row are printed on
    one page (the project is not split); every page names the sheet, the department, N / M."""
    pages = rendered["worksheet_next_docx"].compact_pages()
    at = 0
    for g in next_department_report.goals:
        for p in g.projects:
            for e in p.entries:
                reference = compact("【前年度（令和6年度）】" + e.previous_text("result"))[:30]
                current = compact(e.value("result"))[:30]
                on = next(i for i in range(at, len(pages)) if reference in pages[i])
                assert current in pages[on], (p.number_label, on + 1)
                at = on
    for n, page in enumerate(pages, 1):
        assert compact("担当課：地域福祉課") in page and f"{n}/{len(pages)}" in page


def test_ten_thousand_characters_render(rendered: RenderedSet) -> None:
    """Every character of a 10,000-character entry is printed (its row may split across
    pages); pdftotext interleaves the columns of such a row, so characters are counted."""
    long = "".join(rendered["long_docx"].compact_pages())
    normal = "".join(rendered["report_docx"].compact_pages())
    for ch in "長記入終":
        assert long.count(ch) - normal.count(ch) >= LONG_TEXT.count(ch), ch
    assert len(rendered["long_docx"].pages) > len(rendered["report_docx"].pages)
    assert compact("事業実績・評価理由（令和6年度）") in long


def test_worksheet_survives_a_libreoffice_save(demo_worksheets: Path, tmp_path: Path) -> None:
    """A department that edits and saves with LibreOffice Calc returns a readable worksheet."""
    import subprocess
    import uuid

    from welfareplan.workflow.returns.worksheet_cells import read_department_worksheet_xlsx

    require_renderer()
    src = tmp_path / "in.xlsx"
    shutil.copyfile(demo_worksheets / "R6_介護福祉課_評価シート_確認用.xlsx", src)
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(src),
        ],
        capture_output=True,
        timeout=600,
        check=False,
    )
    saved = tmp_path / "out" / "in.xlsx"
    assert saved.is_file()
    before, after = read_department_worksheet_xlsx(src), read_department_worksheet_xlsx(saved)
    assert after.payload == before.payload
    assert after.rows == before.rows
    assert all(r.locked_intact for r in after.rows)


def test_report_docx_pages_hold_whole_projects(
    rendered: RenderedSet, demo_report: ReportData
) -> None:
    """Issue 15, item 14: no page of the report holds a single row (pages 11, 16 and 21 of 22
    did: the last row of each goal's table), a project is kept on one page but for the one
    cut so that the first page of 基本目標2 holds more than one row — and the page it continues
    on names it first, marked （続き）."""
    pages = rendered["report_docx"].compact_pages()
    rows_on: dict[int, list[str]] = {}
    spread: dict[str, set[int]] = {}
    at = 0
    for goal in demo_report.goals:
        for project in goal.projects:
            for entry in project.entries:
                key = _prefix(entry.value("result"))
                at = next(i for i in range(at, len(pages)) if key in pages[i])
                rows_on.setdefault(at, []).append(project.number_label)
                spread.setdefault(project.number_label, set()).add(at)
    assert {p: n for p, n in rows_on.items() if len(n) == 1} == {}
    split = {number: sorted(on) for number, on in spread.items() if len(on) > 1}
    assert list(split) == ["20"] and split["20"][1] == split["20"][0] + 1
    project = next(p for g in demo_report.goals for p in g.projects if p.number_label == "20")
    continued = pages[split["20"][1]]
    label = compact(f"{project.name}（続き）")
    assert label in continued
    # the first row of the page: nothing of another project's row comes before it
    assert continued.index(label) < min(
        continued.index(_prefix(e.value("result"))) for e in project.entries[2:]
    )
