"""Files of older schema versions: a v1 master upgrades (with a backup) and runs a whole cycle;
the committed v2 department file merges into the v2 master it was issued from; a department
file of an older schema is upgraded in a temporary copy, never in place."""

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
            e.result.startswith("形式1からの実績") for g in report.goals for e in g.entries()
        )


def _v2_pair(tmp_path: Path) -> tuple[Path, Path]:
    master = shutil.copy(FIXTURES / "workbook-v2.wpdb", tmp_path / "workbook.wpdb")
    dept = shutil.copy(FIXTURES / "department-v2.wpdb", tmp_path / "R7_介護福祉課.wpdb")
    return Path(master), Path(dept)


def test_v2_department_fixture_merges_into_its_workbook(tmp_path: Path) -> None:
    master, dept = _v2_pair(tmp_path)
    with Workbook.open(master) as wb:
        preview = preview_merge(wb, [dept])
        (f,) = preview.files
        assert f.outcome is FileOutcome.APPLY, f.reason
        assert f.department_name == "介護福祉課" and f.revision == 1
        assert {(c.field, c.new) for c in f.changes} == {
            ("result", "フィクスチャの記入（形式の更新のテスト用）。"),
            ("rating", "B"),
        }
        assert apply_merge(wb, preview).ok


def test_older_department_file_is_upgraded_in_a_temporary_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    master, dept = _v2_pair(tmp_path)
    fill(dept, {10: {"outlook": "次の形式でも読める"}})
    before = sha256(dept)

    def step(con: sqlite3.Connection) -> None:
        con.execute("ALTER TABLE entry ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''")

    next_schema_version(monkeypatch, step)
    with Workbook.open(master) as wb:
        assert wb.upgraded_from == 2
        preview = preview_merge(wb, [dept])
        (f,) = preview.files
        assert f.outcome is FileOutcome.APPLY and f.upgraded_from == 2, f.reason
        assert ("outlook", "次の形式でも読める") in {(c.field, c.new) for c in f.changes}
        assert apply_merge(wb, preview).ok
    assert sha256(dept) == before
    assert fileformat.check_file(dept).schema_version == 2
