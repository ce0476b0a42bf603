"""The worksheet printed from the windows (issue 15, item 13): seal boxes a seal fits in, a
project kept on one page, title, department and 「N / M」 on every page, the submitter, and text
that can be searched and copied — for Koganei's plan and plans of other shapes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.helpers.pdf_pages import RADICALS, compact, page_texts, seal_boxes_mm
from tests.helpers.shaped_plans import OTHER_CITY, SHAKYO, shaped
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import build_report
from welfareplan.core.storage import Workbook
from welfareplan.core.worklist import load_worklist
from welfareplan.exports.round_export import round_departments
from welfareplan.gui.pdf_text import fix_to_unicode
from welfareplan.gui.printing import build_worksheet_document, export_pdf

pytestmark = pytest.mark.render


@pytest.fixture(autouse=True)
def _poppler() -> None:
    from tests.exports.rendering import require_renderer

    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        require_renderer()


def _print(wb: Workbook, year: int, department: str, out: Path) -> Path:
    with wb.session() as s:
        rnd = round_for_year(s, year)
        dept = next(d for d in round_departments(s, rnd) if d.name == department)
        round_id, dept_id = rnd.id, dept.id
    return export_pdf(build_worksheet_document(wb, round_id, dept_id), out)


def _check_pages(pdf: Path, title: str, department: str) -> list[str]:
    """Every page names the sheet and the department and carries 「N / M」; no radicals."""
    pages = page_texts(pdf)
    for n, page in enumerate(pages, 1):
        flat = compact(page)
        assert compact(title) in flat and f"担当課:{department}" in flat, n
        assert f"{n}/{len(pages)}" in flat, n
        assert not RADICALS.findall(page), (n, RADICALS.findall(page))
    return pages


def test_koganei_worksheet_pdf(demo_master: Path, tmp_path: Path) -> None:
    with Workbook.open(demo_master, read_only=True) as wb:
        pdf = _print(wb, 2024, "地域福祉課", tmp_path / "評価シート.pdf")
        with wb.session() as s:
            rnd = round_for_year(s, 2024)
            dept = next(d for d in round_departments(s, rnd) if d.name == "地域福祉課")
            report = build_report(s, rnd, department_id=dept.id)
    pages = _check_pages(pdf, "令和6年度 地域福祉計画 事業評価シート", "地域福祉課")
    flat = [compact(p) for p in pages]
    whole = "".join(flat)
    # kanji Qt used to name by their radicals (子 支 行 長 …) and the ・ it named U+2027
    for word in ("避難行動要支援者", "【個別事業・取り組み】", "地域福祉課", "見守り"):
        assert word in whole, word
    # not submitted: lines to fill in by hand
    # (the two lines' blanks line up: pdftotext reads them across both lines)
    for label in ("提出者（記入者）:", "提出日:令和", "確認者:", "確認日:令和"):
        assert label in flat[0], label
    assert flat[0].count("年月") == 2 and "年月日" in flat[0]
    # a project (an entry's block) is never split: its name and its last field on one page
    entries = [(p, e) for g in report.goals for p in g.projects for e in p.entries]
    assert len(entries) > 20 and len(pages) > 5
    for project, entry in entries:
        name = compact(project.name)[:10]
        outlook = compact(entry.value("outlook"))[-10:]
        on = [i for i, p in enumerate(flat) if name in p and outlook in p]
        assert on, (project.number_label, project.name)
    widths, height = seal_boxes_mm(pdf)
    assert len(widths) == 3 and all(w >= 15 for w in widths), widths
    assert height >= 15, height


def test_submitted_department_file_prints_the_submitter(dept_file: Path, tmp_path: Path) -> None:
    from welfareplan.core.confirmation import record_confirmation
    from welfareplan.core.submission import submit

    with Workbook.open(dept_file) as wb:
        submit(wb, "福祉 花子")
        record_confirmation(wb, "佐藤 一郎", "所属長")
        wl = load_worklist(wb)
        pdf = export_pdf(
            build_worksheet_document(wb, wl.round_id, wl.department_id), tmp_path / "a.pdf"
        )
    first = compact(page_texts(pdf)[0])
    today = dt.date.today()
    assert "提出者（記入者）:福祉花子" in first
    assert compact(f"提出日:令和{today.year - 2018}年{today.month}月{today.day}日") in first
    assert "確認者:所属長佐藤一郎" in first
    assert compact(f"確認日:令和{today.year - 2018}年{today.month}月{today.day}日") in first


@pytest.mark.parametrize(
    ("plan", "year", "department"), [(SHAKYO, 2023, "地域支援係"), (OTHER_CITY, 2025, None)]
)
def test_other_plan_shapes(tmp_path: Path, plan: str, year: int, department: str | None) -> None:
    shape = shaped(tmp_path, plan, year)
    with shape.open() as wb:
        with wb.session() as s:
            rnd = round_for_year(s, year)
            name = department or round_departments(s, rnd)[0].name
            report = build_report(s, rnd)
        pdf = _print(wb, year, name, tmp_path / "評価シート.pdf")
    pages = _check_pages(pdf, f"{report.year_label} {report.texts.worksheet_title}", name)
    widths, height = seal_boxes_mm(pdf)
    assert min(widths) >= 15 and height >= 15
    assert pages


def test_cmap_destinations_are_replaced_in_place() -> None:
    """The correction keeps the file's length; a run of consecutive characters is left."""
    cmap = (
        b"5 0 obj\n<< /Length 99 >>\nstream\nbegincmap\n2 beginbfrange\n"
        b"<0001> <0003> [<2F26> <4E00> <2ED1> ]\n<0004> <0004> <2F40>\n"
        b"<0005> <0010> <2F00>\nendbfrange\nendcmap\nendstream\nendobj\n"
    )
    pdf = b"%PDF-1.4\n" + cmap + b"<2F26> outside\n"
    mapping = {0x2F26: ord("子"), 0x2ED1: ord("長"), 0x2F40: ord("支"), 0x2F00: ord("一")}
    fixed = fix_to_unicode(pdf, mapping)
    assert len(fixed) == len(pdf)
    assert b"[<5B50> <4E00> <9577> ]" in fixed and b"<0004> <0004> <652F>" in fixed
    assert b"<0005> <0010> <2F00>" in fixed and fixed.endswith(b"<2F26> outside\n")


def test_report_preview_pdf_text_is_searchable(demo_master: Path, tmp_path: Path) -> None:
    """The report's PDF (ファイル › PDFに出力 in the workbench) is corrected the same way."""
    from welfareplan.gui.printing import build_report_document

    with Workbook.open(demo_master, read_only=True) as wb:
        with wb.session() as s:
            round_id = round_for_year(s, 2024).id
        pdf = export_pdf(build_report_document(wb, round_id), tmp_path / "評価表.pdf")
    text = "".join(compact(p) for p in page_texts(pdf))
    assert not RADICALS.findall(text)
    for word in (
        "【個別事業・取り組み】",
        "避難行動要支援者",
        "子ども",
        "地域福祉計画の進捗状況及び評価表",
    ):
        assert word in text, word


def test_a_pdf_that_cannot_be_written_is_told(demo_master: Path, tmp_path: Path) -> None:
    """A folder that is gone (a share that went away) is a Japanese message, not a crash."""
    from welfareplan.core.errors import WelfareplanError

    with Workbook.open(demo_master, read_only=True) as wb, pytest.raises(WelfareplanError) as info:
        _print(wb, 2024, "地域福祉課", tmp_path / "ない" / "評価シート.pdf")
    assert info.value.code == "no-folder" and "ない" in info.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_entry_taller_than_a_page_continues_line_by_line(
    demo_master: Path, tmp_path: Path
) -> None:
    """A 10,000-character entry cannot be kept on one page: it starts a page and its lines
    continue on the next ones, every character printed, every page headed and numbered."""
    from tests.exports.samples import LONG_TEXT, long_text_report
    from welfareplan.gui.worksheet_print import WorksheetPrint, build_sheet

    with Workbook.open(demo_master, read_only=True) as wb, wb.session() as s:
        demo_report = build_report(s, round_for_year(s, 2024))
    long = build_sheet(long_text_report(demo_report), "全担当課", "", None)
    normal = build_sheet(demo_report, "全担当課", "", None)
    pdfs = [
        export_pdf(WorksheetPrint([sheet]), tmp_path / f"{name}.pdf")
        for name, sheet in (("long", long), ("normal", normal))
    ]
    long_pages = _check_pages(pdfs[0], "令和6年度 地域福祉計画 事業評価シート", "全担当課")
    normal_pages = page_texts(pdfs[1])
    assert len(long_pages) >= len(normal_pages) + 3
    extra = "".join(compact(p) for p in long_pages).count("終") - "".join(
        compact(p) for p in normal_pages
    ).count("終")
    assert extra >= LONG_TEXT.count("終")
    assert "".join(compact(p) for p in long_pages).count("長い記入のテスト。") >= 1111


def test_the_sheet_of_all_departments_keeps_a_project_together(
    demo_master: Path, tmp_path: Path
) -> None:
    """On the sheet of all departments the entries of a project of two departments are
    printed on one page (those of four or five departments do not fit on one)."""
    with Workbook.open(demo_master, read_only=True) as wb:
        with wb.session() as s:
            rnd = round_for_year(s, 2024)
            report = build_report(s, rnd)
            round_id = rnd.id
        pdf = export_pdf(build_worksheet_document(wb, round_id, None), tmp_path / "全.pdf")
    pages = [
        compact(p) for p in _check_pages(pdf, "令和6年度 地域福祉計画 事業評価シート", "全担当課")
    ]
    pairs = [p for g in report.goals for p in g.projects if len(p.entries) == 2]
    assert len(pairs) >= 5
    for project in pairs:
        keys = [compact(e.value("result"))[:20] for e in project.entries]
        on = {i for i, page in enumerate(pages) for key in keys if key in page}
        assert len(on) == 1, (project.number_label, sorted(on))
