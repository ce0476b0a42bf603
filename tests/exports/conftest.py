"""Fixtures of the export tests: the demo's report data, a workbook with two rounds, exported
files (made once per session) and their PDF renderings (LibreOffice, once per session)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.exports.rendering import RenderedSet, render_to_pdf, require_renderer
from tests.helpers.koganei import kv, triple
from welfareplan.core.model import Entry, Round, new_id
from welfareplan.core.queries import entries_of_round, round_for_year
from welfareplan.core.reportdata import ReportData, build_report
from welfareplan.core.resources import load_json
from welfareplan.core.storage import Workbook

NEXT_YEAR = 2025
NEXT_DEADLINE = dt.date(2026, 5, 29)


@pytest.fixture(scope="session")
def published() -> dict[str, Any]:
    """The shipped FY2024 round (transcribed from the published report, seed 001)."""
    data: dict[str, Any] = load_json("demo", "koganei-fy2024.json")
    return data


@pytest.fixture(scope="session")
def demo_report(demo_master: Path) -> ReportData:
    with Workbook.open(demo_master, read_only=True) as wb, wb.session() as s:
        return build_report(s, round_for_year(s, 2024))


def add_next_round(path: Path) -> None:
    """Add FY2025 after the demo's FY2024 with a few ratings changed and one entry blank:
    project 1 A→B, project 4 B→A, project 5 left unrated, the rest unchanged."""
    with Workbook.open(path) as wb, wb.transaction() as s:
        prev = round_for_year(s, 2024)
        rnd = Round(
            id=new_id(),
            plan_id=prev.plan_id,
            fiscal_year=NEXT_YEAR,
            status="open",
            deadline=NEXT_DEADLINE,
        )
        s.add(rnd)
        for e in entries_of_round(s, prev):
            number = e.project.label
            result, old_rating, outlook = triple(e.values)
            rating = {"1": "B", "4": "A", "5": ""}.get(number, old_rating)
            entry = Entry(
                round=rnd,
                project_id=e.project_id,
                department_id=e.department_id,
                label=e.label,
                sort=e.sort,
            )
            entry.set_values(
                kv("", rating, "")
                if number == "5"
                else kv(f"令和7年度の実績。\n{result}", rating, outlook)
            )
            s.add(entry)


@pytest.fixture(scope="session")
def two_rounds(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook with FY2024 (published) and FY2025 (open). Never modify it."""
    path = tmp_path_factory.mktemp("two-rounds") / "two.wpdb"
    shutil.copyfile(demo_master, path)
    path.chmod(0o644)
    add_next_round(path)
    path.chmod(0o444)
    return path


@pytest.fixture(scope="session")
def next_report(two_rounds: Path) -> ReportData:
    with Workbook.open(two_rounds, read_only=True) as wb, wb.session() as s:
        return build_report(s, round_for_year(s, NEXT_YEAR))


@pytest.fixture(scope="session")
def next_department_report(two_rounds: Path) -> ReportData:
    """地域福祉課's part of FY2025 (with FY2024 for reference)."""
    from welfareplan.exports.round_export import round_departments

    with Workbook.open(two_rounds, read_only=True) as wb, wb.session() as s:
        rnd = round_for_year(s, NEXT_YEAR)
        dept = next(d for d in round_departments(s, rnd) if d.name == "地域福祉課")
        return build_report(s, rnd, department_id=dept.id)


@pytest.fixture(scope="session")
def exported(demo_report: ReportData, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo report exported once per session (A4). Never modify the files."""
    from welfareplan.exports.docx_report import write_report_docx
    from welfareplan.exports.xlsx_report import write_report_xlsx

    folder = tmp_path_factory.mktemp("exported")
    return {
        "docx": write_report_docx(demo_report, folder / "report_docx.docx"),
        "xlsx": write_report_xlsx(demo_report, folder / "report_xlsx.xlsx"),
    }


@pytest.fixture(scope="session")
def demo_worksheets(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Filled worksheets of every department of the demo round (made once)."""
    from welfareplan.exports.round_export import export_worksheets

    folder = tmp_path_factory.mktemp("worksheets")
    with Workbook.open(demo_master, read_only=True) as wb:
        export_worksheets(wb, 2024, folder)
    return folder


@pytest.fixture(scope="session")
def rendered(
    exported: dict[str, Path],
    demo_worksheets: Path,
    demo_report: ReportData,
    two_rounds: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RenderedSet]:
    """PDF text of the demo report (.docx and .xlsx), one department worksheet (.xlsx and
    .docx, and the .docx of the next year with last year's rows for reference) and a report
    holding a 10,000-character entry — one LibreOffice run per session."""
    require_renderer()
    from tests.exports.samples import long_text_report
    from welfareplan.exports.docx_report import write_report_docx
    from welfareplan.exports.round_export import export_worksheets

    folder = tmp_path_factory.mktemp("render")
    with Workbook.open(two_rounds, read_only=True) as wb:
        (next_sheet,) = export_worksheets(wb, NEXT_YEAR, folder / "next", department="地域福祉課")
    sources = {
        "report_docx": exported["docx"],
        "report_xlsx": exported["xlsx"],
        "worksheet_xlsx": demo_worksheets / "R6_地域福祉課_評価シート_確認用.xlsx",
        "worksheet_docx": demo_worksheets / "R6_地域福祉課_評価シート_確認用.docx",
        "long_docx": write_report_docx(long_text_report(demo_report), folder / "long.docx"),
        "worksheet_next_docx": next_sheet.docx,
    }
    yield render_to_pdf(sources, folder / "pdf")
