"""A demo workbook with an open FY2025 round and every department's file issued, made once per
session and copied (master and files together: the files are signed by that master) per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import sha256
from welfareplan.core.storage import Workbook
from welfareplan.workflow.returns.merge_types import Choices, MergePreview, MergeResult

YEAR = 2025


@dataclass
class Cycle:
    master: Path
    out: Path

    def file(self, department: str) -> Path:
        (path,) = [p for p in self.out.glob("*.wpdb") if p.stem.split("_", 1)[1] == department]
        return path

    def open(self) -> Workbook:
        return Workbook.open(self.master)

    def sha(self) -> str:
        return sha256(self.master)

    def preview(self, *paths: Path, year: int | None = None) -> MergePreview:
        from welfareplan.workflow.returns.compare import preview_merge

        with self.open() as wb:
            return preview_merge(wb, list(paths), fiscal_year=year)

    def merge(
        self, *paths: Path, choices: Choices | None = None, year: int | None = None
    ) -> tuple[MergePreview, MergeResult]:
        from welfareplan.workflow.returns.apply import apply_merge
        from welfareplan.workflow.returns.compare import preview_merge

        with self.open() as wb:
            preview = preview_merge(wb, list(paths), fiscal_year=year)
            return preview, apply_merge(wb, preview, choices)

    def distribute(
        self, departments: Sequence[str] | None = None, out: Path | None = None
    ) -> list[Path]:
        from welfareplan.workflow.issuing.distribute import distribute

        target = out or self.out
        target.mkdir(exist_ok=True)
        with self.open() as wb:
            return [f.path for f in distribute(wb, YEAR, target, departments=departments).files]


@pytest.fixture(scope="session")
def cycle_template(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Cycle:
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.rounds.lifecycle import create_round

    root = tmp_path_factory.mktemp("cycle")
    master = root / "マスター 2025.wpdb"
    shutil.copyfile(demo_master, master)
    master.chmod(0o644)
    out = root / "配布"
    out.mkdir()
    with Workbook.open(master) as wb:
        create_round(wb, YEAR)
        distribute(wb, YEAR, out)
    shutil.rmtree(root / "マスター 2025.backups")
    return Cycle(master, out)


@pytest.fixture
def cycle(cycle_template: Cycle, tmp_path: Path) -> Iterator[Cycle]:
    """A private copy of the master and of all issued files."""
    master = tmp_path / cycle_template.master.name
    shutil.copyfile(cycle_template.master, master)
    out = tmp_path / "返送 ファイル"
    shutil.copytree(cycle_template.out, out)
    yield Cycle(master, out)


#: Departments issued an Excel worksheet in ``sheet_template`` (they also hold a .wpdb file).
SHEET_DEPARTMENTS = ("介護福祉課", "地域福祉課", "健康課")


@dataclass
class SheetCycle(Cycle):
    sheets: Path

    def sheet(self, department: str) -> Path:
        return self.sheets / f"R7_{department}_評価シート.xlsx"


@pytest.fixture(scope="session")
def sheet_template(cycle_template: Cycle, tmp_path_factory: pytest.TempPathFactory) -> SheetCycle:
    """``cycle_template`` with Excel worksheets issued to :data:`SHEET_DEPARTMENTS`."""
    from welfareplan.workflow.issuing.worksheets import issue_worksheets

    root = tmp_path_factory.mktemp("sheets")
    master = root / cycle_template.master.name
    shutil.copyfile(cycle_template.master, master)
    out = root / "配布"
    shutil.copytree(cycle_template.out, out)
    sheets = root / "評価シート"
    sheets.mkdir()
    with Workbook.open(master) as wb:
        issue_worksheets(wb, YEAR, sheets, departments=list(SHEET_DEPARTMENTS))
    return SheetCycle(master, out, sheets)


@pytest.fixture
def sheet_cycle(sheet_template: SheetCycle, tmp_path: Path) -> SheetCycle:
    """A private copy of the master, its department files and its worksheets."""
    master = tmp_path / sheet_template.master.name
    shutil.copyfile(sheet_template.master, master)
    out = tmp_path / "返送 ファイル"
    shutil.copytree(sheet_template.out, out)
    sheets = tmp_path / "返送 シート"
    shutil.copytree(sheet_template.sheets, sheets)
    return SheetCycle(master, out, sheets)
