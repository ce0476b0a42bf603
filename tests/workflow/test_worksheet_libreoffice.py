"""A worksheet filled in and saved through LibreOffice Calc comes back as good as one from Excel
(LibreOffice writes its own package: the keys sheet becomes merely hidden, styles and shared
strings are rewritten, formulas are re-serialised)."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest

from tests.exports.rendering import CONVERT_TIMEOUT_S, require_renderer
from tests.helpers.worksheet_edits import at, fill_sheet
from tests.workflow.conftest import YEAR, SheetCycle
from tests.workflow.test_merge import master_value
from welfareplan.workflow.returns.merge_types import FileOutcome
from welfareplan.workflow.status import DepartmentState, round_status

pytestmark = pytest.mark.render

LINK = '=HYPERLINK("http://example.com","リンク")'


def save_with_libreoffice(src: Path, outdir: Path) -> Path:
    profile = outdir.parent / f"lo-profile-{uuid.uuid4().hex}"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(outdir),
            str(src),
        ],
        capture_output=True,
        timeout=CONVERT_TIMEOUT_S,
        check=False,
    )
    saved = outdir / src.name
    assert saved.is_file(), "LibreOffice did not save the worksheet"
    return saved


def test_a_worksheet_saved_by_libreoffice_merges(sheet_cycle: SheetCycle, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from welfareplan.exports.worksheet_xlsx import KEYS_SHEET

    require_renderer()
    filled = fill_sheet(
        sheet_cycle.sheet("地域福祉課"),
        tmp_path / "R7_地域福祉課_評価シート.xlsx",
        {
            1: {"result": "一行目\n二行目", "rating": "Ａ", "outlook": LINK},
            2: {"result": 12, "rating": "b", "outlook": "展望"},
        },
        saved_at=at(9),
    )
    saved = save_with_libreoffice(filled, tmp_path / "LibreOffice")
    assert load_workbook(saved)[KEYS_SHEET].sheet_state in ("hidden", "veryHidden")
    preview, result = sheet_cycle.merge(saved)
    (f,) = preview.files
    assert f.outcome is FileOutcome.APPLY, f.reason
    assert result.ok and result.applied == 6
    assert len(f.notes) == 2 and "「Ａ」を「A」" in f.notes[0]
    assert master_value(sheet_cycle, "地域福祉課", 1) == "一行目\n二行目"
    assert master_value(sheet_cycle, "地域福祉課", 1, "rating") == "A"
    assert master_value(sheet_cycle, "地域福祉課", 1, "outlook") == LINK
    assert master_value(sheet_cycle, "地域福祉課", 2) == "12"
    assert master_value(sheet_cycle, "地域福祉課", 2, "rating") == "B"
    with sheet_cycle.open() as wb:
        st = round_status(wb, YEAR)
    d = next(d for d in st.departments if d.department_name == "地域福祉課")
    assert d.state is DepartmentState.SUBMITTED and d.last_file_format == "xlsx"
