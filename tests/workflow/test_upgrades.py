"""Files of older schema versions: a v1 master upgrades (with a backup) and runs a whole cycle;
the committed v2 department file and the v2-era Excel worksheet (format 1) merge into the v2
master they were issued from; a department file of an older schema is upgraded in a temporary
copy, never in place."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import next_schema_version, sha256
from tests.helpers.department_edits import fill, fill_all
from welfareplan.core import fileformat
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import build_report
from welfareplan.core.storage import Workbook
from welfareplan.workflow.issuing.distribute import distribute
from welfareplan.workflow.returns.apply import apply_merge
from welfareplan.workflow.returns.compare import preview_merge
from welfareplan.workflow.returns.merge_types import FileOutcome
from welfareplan.workflow.rounds.lifecycle import create_round

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schema"


def test_v1_workbook_upgrades_then_runs_a_cycle(tmp_path: Path) -> None:
    work = shutil.copy(FIXTURES / "workbook-v1.wpdb", tmp_path / "古い ワークブック.wpdb")
    with Workbook.open(work) as wb:
        assert wb.upgraded_from == 1 and wb.upgrade_backup is not None
        assert fileformat.check_file(wb.upgrade_backup).schema_version == 1
        create_round(wb, 2025)
        out = tmp_path / "配布"
        out.mkdir()
        files = [f.path for f in distribute(wb, 2025, out).files]
        for f in files:
            fill_all(f, "形式1からの実績")
        preview = preview_merge(wb, files)
        result = apply_merge(wb, preview)
        assert result.ok and result.applied == 69 * 3
        with wb.session() as s:
            report = build_report(s, round_for_year(s, 2025))
        assert all(
            e.value("result").startswith("形式1からの実績")
            for g in report.goals
            for e in g.entries()
        )


def _v2_pair(tmp_path: Path, version: int = 2) -> tuple[Path, Path]:
    master = shutil.copy(FIXTURES / f"workbook-v{version}.wpdb", tmp_path / "workbook.wpdb")
    dept = shutil.copy(FIXTURES / f"department-v{version}.wpdb", tmp_path / "R7_介護福祉課.wpdb")
    return Path(master), Path(dept)


@pytest.mark.parametrize("version", [2, 3, 4, fileformat.SCHEMA_VERSION])
def test_department_fixture_merges_into_its_workbook(tmp_path: Path, version: int) -> None:
    """The committed department file of each version merges into its master upgraded to the
    current schema (a file issued before schema 4 has no comments and no confirmation)."""
    master, dept = _v2_pair(tmp_path, version)
    with Workbook.open(master) as wb:
        assert wb.upgraded_from == (None if version == fileformat.SCHEMA_VERSION else version)
        preview = preview_merge(wb, [dept])
        (f,) = preview.files
        assert f.outcome is FileOutcome.APPLY, f.reason
        # the fixture of schema 5 was written after a confirmation became a revision of its own
        assert f.department_name == "介護福祉課" and f.revision == (2 if version >= 5 else 1)
        assert {(c.field, c.new) for c in f.changes} == {
            ("result", "フィクスチャの記入（形式の更新のテスト用）。"),
            ("rating", "B"),
        }
        # from schema 4 the file carries an answered 差戻し comment and a confirmation
        assert [r.reply.text for r in f.replies] == (
            ["フィクスチャの回答。"] if version >= 4 else []
        )
        confirmation = f.state.confirmation if f.state is not None else None
        assert (confirmation is not None) == (version >= 4)
        assert apply_merge(wb, preview).ok


@pytest.mark.parametrize("version", [2, 3, 4, fileformat.SCHEMA_VERSION])
def test_worksheet_fixture_filled_in_excel_merges_into_its_master(
    tmp_path: Path, version: int
) -> None:
    """The committed worksheet of each version filled in Excel and merged into its master:
    ``worksheet-v2.xlsx`` was issued before schema 3 (format 1: Koganei's fixed columns, no
    layout in its keys) and merges into its master upgraded to the current schema;
    ``worksheet-v3.xlsx`` was issued before schema 4 (no comment column)."""
    from tests.helpers.worksheet_edits import fill_sheet
    from welfareplan.core.queries import round_for_year

    master = Path(shutil.copy(FIXTURES / f"workbook-v{version}.wpdb", tmp_path / "workbook.wpdb"))
    sheet = Path(
        shutil.copy(FIXTURES / f"worksheet-v{version}.xlsx", tmp_path / "R7_地域福祉課.xlsx")
    )
    fill_sheet(sheet, values={9: {"result": "評価シートで記入", "rating": "ｂ", "outlook": "展望"}})
    with Workbook.open(master) as wb:
        assert wb.upgraded_from == (None if version == fileformat.SCHEMA_VERSION else version)
        preview = preview_merge(wb, [sheet])
        (f,) = preview.files
        assert f.outcome is FileOutcome.APPLY, f.reason
        assert f.file_format == "xlsx" and f.department_name == "地域福祉課"
        assert {(c.field, c.new) for c in f.changes} == {
            ("result", "評価シートで記入"),
            ("rating", "B"),
            ("outlook", "展望"),
        }
        assert apply_merge(wb, preview).ok
        with wb.session() as s:
            report = build_report(s, round_for_year(s, 2025))
    (entry,) = [
        e
        for g in report.goals
        for p in g.projects
        if p.number_label == "9"
        for e in p.entries
        if e.department_name == "地域福祉課"
    ]
    assert (entry.value("result"), entry.value("rating")) == ("評価シートで記入", "B")


def test_a_v2_era_worksheet_with_a_column_inserted_is_refused(tmp_path: Path) -> None:
    from tests.helpers.worksheet_edits import fill_sheet

    master = Path(shutil.copy(FIXTURES / "workbook-v2.wpdb", tmp_path / "workbook.wpdb"))
    sheet = Path(shutil.copy(FIXTURES / "worksheet-v2.xlsx", tmp_path / "R7_地域福祉課.xlsx"))
    fill_sheet(sheet, change=lambda book: book["評価シート"].insert_cols(6))
    with Workbook.open(master) as wb:
        (f,) = preview_merge(wb, [sheet]).files
    assert f.outcome is FileOutcome.REJECTED and f.code == "worksheet-damaged", f.reason


def test_older_department_file_is_upgraded_in_a_temporary_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = fileformat.SCHEMA_VERSION
    master, dept = _v2_pair(tmp_path, current)
    fill(dept, {10: {"outlook": "次の形式でも読める"}})
    before = sha256(dept)

    def step(con: sqlite3.Connection) -> None:
        con.execute("ALTER TABLE entry ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''")

    next_schema_version(monkeypatch, step)
    with Workbook.open(master) as wb:
        assert wb.upgraded_from == current
        preview = preview_merge(wb, [dept])
        (f,) = preview.files
        assert f.outcome is FileOutcome.APPLY and f.upgraded_from == current, f.reason
        assert ("outlook", "次の形式でも読める") in {(c.field, c.new) for c in f.changes}
        assert apply_merge(wb, preview).ok
    assert sha256(dept) == before
    assert fileformat.check_file(dept).schema_version == current
