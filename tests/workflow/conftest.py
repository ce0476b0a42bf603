"""A demo workbook with an open FY2025 round and every department's file issued, made once per
session and copied (master and files together: the files are signed by that master) per test —
on a file or on the test PostgreSQL server (issue 16: ``cycle`` runs each test on both;
``file_cycle`` is for tests about the file itself: its lock, its backups folder, its bytes)."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import sha256
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.backups import BackupInfo
from welfareplan.workflow.returns.merge_types import Choices, MergePreview, MergeResult

YEAR = 2025


@dataclass
class Cycle:
    """The master (a ``.wpdb`` path, or a server master's URL) and the folder of its issued
    department files."""

    master: Path | str
    out: Path

    @property
    def on_server(self) -> bool:
        return isinstance(self.master, str)

    @property
    def location(self) -> str:
        """The master as a command names it."""
        return str(self.master)

    def file(self, department: str) -> Path:
        (path,) = [p for p in self.out.glob("*.wpdb") if p.stem.split("_", 1)[1] == department]
        return path

    def open(self) -> contextlib.AbstractContextManager[Workbook]:
        """The master, writable: a file as the services get it in tests (no lock file), a
        server master as a command opens it."""
        if isinstance(self.master, Path):
            return Workbook.open(self.master)
        from tests.helpers.masters import opened_master

        return opened_master(self.master)

    def sha(self) -> object:
        """What "nothing changed" compares: the file's bytes, or every table's rows on a
        server (:func:`tests.helpers.masters.content`)."""
        if isinstance(self.master, Path):
            return sha256(self.master)
        from tests.helpers.masters import content

        return content(self.master)

    def home(self) -> Path:
        """What the master's backups are kept beside: the file, or a server master's place in
        the user's data folder."""
        if isinstance(self.master, Path):
            return self.master
        from welfareplan.workflow.master.server_folder import master_home

        with self.open() as wb:
            return master_home(wb)

    def backups(self) -> list[BackupInfo]:
        """The master's backups (a server master's snapshots), newest first."""
        from welfareplan.workflow.master.backups import list_backups

        return list_backups(self.home())

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


def master_on(
    request: pytest.FixtureRequest, template: Path, where: str, tmp_path: Path
) -> Path | str:
    """A private copy of the file master ``template``: a file in ``tmp_path``, or a database
    made from the template database of it on the test server."""
    if where == "file":
        master = tmp_path / template.name
        shutil.copyfile(template, master)
        return master
    from tests.helpers.pgcluster import Cluster

    cluster = request.getfixturevalue("pg_cluster")
    assert isinstance(cluster, Cluster)
    name = request.getfixturevalue("server_templates").get(template)
    if name is None:
        from welfareplan.core.mastercopy import copy_master

        name = cluster.new_database()
        copy_master(template, cluster.url(name))  # the file UUID moves along: files still belong
        request.getfixturevalue("server_templates")[template] = name
    copy = cluster.new_database(template=name)
    request.addfinalizer(lambda: cluster.drop_database(copy))
    return cluster.url(copy)


@pytest.fixture(scope="session")
def server_templates() -> dict[Path, str]:
    """The template database on the test server of each session template master (made once,
    never connected to afterwards: each test's copy is CREATE DATABASE … TEMPLATE)."""
    return {}


@pytest.fixture(autouse=True)
def _user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's data folder (a server master's snapshots and journal) in the test's folder."""
    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "home"))


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
def file_cycle(cycle_template: Cycle, tmp_path: Path) -> Iterator[Cycle]:
    """A private copy of the master file and of all issued files."""
    assert isinstance(cycle_template.master, Path)
    master = tmp_path / cycle_template.master.name
    shutil.copyfile(cycle_template.master, master)
    out = tmp_path / "返送 ファイル"
    shutil.copytree(cycle_template.out, out)
    yield Cycle(master, out)


@pytest.fixture(params=["file", "server"])
def cycle(request: pytest.FixtureRequest, cycle_template: Cycle, tmp_path: Path) -> Cycle:
    """A private copy of the master — a file, or on the test server — and of all issued files."""
    assert isinstance(cycle_template.master, Path)
    out = tmp_path / "返送 ファイル"
    shutil.copytree(cycle_template.out, out)
    return Cycle(master_on(request, cycle_template.master, request.param, tmp_path), out)


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
def sheet_file_cycle(
    request: pytest.FixtureRequest, sheet_template: SheetCycle, tmp_path: Path
) -> SheetCycle:
    """``sheet_cycle`` on a file only."""
    return _sheet_cycle(request, sheet_template, tmp_path, "file")


@pytest.fixture(params=["file", "server"])
def sheet_cycle(
    request: pytest.FixtureRequest, sheet_template: SheetCycle, tmp_path: Path
) -> SheetCycle:
    """A private copy of the master (a file, or on the test server), its department files and
    its worksheets."""
    return _sheet_cycle(request, sheet_template, tmp_path, request.param)


def _sheet_cycle(
    request: pytest.FixtureRequest, sheet_template: SheetCycle, tmp_path: Path, where: str
) -> SheetCycle:
    assert isinstance(sheet_template.master, Path)
    out = tmp_path / "返送 ファイル"
    shutil.copytree(sheet_template.out, out)
    sheets = tmp_path / "返送 シート"
    shutil.copytree(sheet_template.sheets, sheets)
    master = master_on(request, sheet_template.master, where, tmp_path)
    return SheetCycle(master, out, sheets)
