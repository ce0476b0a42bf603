"""The exports of a master on the server are the exports of the same master in a file (issue 16):
the report of a round with a previous year to compare (a rating changed, an entry blank), one
department's part, and every department's worksheets (Excel and Word), A3 too. The demo's own
report is compared in tests/server/test_server_reads.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.exports.conftest import NEXT_YEAR
from tests.helpers.masters import opened_master
from tests.server.test_server_reads import docx_text, xlsx_values
from welfareplan.core.reportdata import ReportData
from welfareplan.core.storage import Workbook


def _exports(wb: Workbook, folder: Path) -> dict[str, Any]:
    """Everything exported from ``wb`` for FY2025, as text and cell values."""
    from welfareplan.core.queries import round_for_year
    from welfareplan.core.reportdata import build_report
    from welfareplan.exports.round_export import export_report, export_worksheets, round_departments

    folder.mkdir()
    report, _ = export_report(
        wb, NEXT_YEAR, docx=folder / "評価表.docx", xlsx=folder / "評価表.xlsx", paper_size="A3"
    )
    with wb.session() as s:
        rnd = round_for_year(s, NEXT_YEAR)
        dept = next(d for d in round_departments(s, rnd) if d.name == "地域福祉課")
        department: ReportData = build_report(s, rnd, department_id=dept.id)
    sheets = export_worksheets(wb, NEXT_YEAR, folder / "シート")
    files = sorted(p for s in sheets for p in (s.xlsx, s.docx))
    return {
        "report": report,
        "department": department,
        "docx": docx_text(folder / "評価表.docx"),
        "xlsx": xlsx_values(folder / "評価表.xlsx"),
        "departments": len(sheets),
        "sheets": {p.name: xlsx_values(p) if p.suffix == ".xlsx" else docx_text(p) for p in files},
    }


def test_the_exports_of_a_server_master_are_those_of_its_file(
    two_rounds: Path, next_report: ReportData, pg_cluster: Any, tmp_path: Path
) -> None:
    from welfareplan.core.mastercopy import copy_master

    url = pg_cluster.url(pg_cluster.new_database())
    copy_master(two_rounds, url)
    with Workbook.open(two_rounds, read_only=True) as wb:
        on_file = _exports(wb, tmp_path / "file")
    with opened_master(url, read_only=True) as wb:
        on_server = _exports(wb, tmp_path / "server")
    assert on_server["report"] == on_file["report"] == next_report
    assert on_server == on_file
    report = on_server["report"]
    assert report.previous_fiscal_year == NEXT_YEAR - 1  # last year's ratings to compare
    assert all(g.previous_counts is not None for g in report.goals)
    assert len(on_server["sheets"]) == 2 * on_server["departments"] and on_server["departments"] > 1
