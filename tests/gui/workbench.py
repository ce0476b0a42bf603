"""Driving the division workbench in GUI tests: a master with FY2025 open, issuing and filling
department files as the departments do, reading the master back, waiting for background work."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from welfareplan.core.checks import EntryValues
from welfareplan.core.editing import save_entry
from welfareplan.core.storage import Workbook
from welfareplan.core.worklist import load_worklist
from welfareplan.workflow.issuing.distribute import distribute
from welfareplan.workflow.rounds.lifecycle import create_round


def make_master(demo_master: Path, tmp_path: Path) -> Path:
    """A copy of the demo master in a shared folder, with FY2025 open (deadline 2026-05-29)."""
    folder = tmp_path / "地域福祉課 共有"
    folder.mkdir()
    path = folder / "マスター.wpdb"
    shutil.copyfile(demo_master, path)
    path.chmod(0o644)
    with Workbook.open(path) as wb:
        create_round(wb, 2025, deadline=dt.date(2026, 5, 29))
    return path


def issue(master: Path, out: Path, departments: list[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with Workbook.open(master) as wb:
        return [f.path for f in distribute(wb, 2025, out, departments=departments).files]


def fill(dept_file: Path, numbers: dict[int, EntryValues]) -> None:
    """A department fills in its file (what the department app does)."""
    with Workbook.open(dept_file) as wb:
        for item in load_worklist(wb).items:
            if item.label.isdigit() and int(item.label) in numbers:
                save_entry(wb, item.entry_id, numbers[int(item.label)], user="担当者")


def where(window, master: Path) -> Path | str:  # type: ignore[no-untyped-def]
    """The master the window holds: the file, or the server master's URL."""
    return window.document.server or master


def master_value(master: Path | str, number: int, department: str, field: str) -> str:
    """An FY2025 value of the master: a file (read beside the window's lock with sqlite3), or
    a server master's URL."""
    if isinstance(master, str):
        from tests.helpers.masters import opened_master
        from welfareplan.core.plainsql import rows

        with opened_master(master, read_only=True) as wb, wb.reader() as reader:
            found = rows(
                reader,
                "SELECT v.value FROM entry e JOIN project p ON p.id = e.project_id "
                "JOIN round r ON r.id = e.round_id JOIN department d ON d.id = e.department_id "
                "LEFT JOIN entry_value v ON v.entry_id = e.id AND v.field = :f "
                "WHERE p.label = :n AND d.name = :d AND r.fiscal_year = 2025",
                {"f": field, "n": str(number), "d": department},
            )
        return str(found[0][0] or "")
    con = sqlite3.connect(master)
    try:
        row = con.execute(
            "SELECT v.value FROM entry e JOIN project p ON p.id = e.project_id "
            "JOIN round r ON r.id = e.round_id JOIN department d ON d.id = e.department_id "
            "LEFT JOIN entry_value v ON v.entry_id = e.id AND v.field = ? "
            "WHERE p.label = ? AND d.name = ? AND r.fiscal_year = 2025",
            (field, str(number), department),
        ).fetchone()
        return str(row[0] or "")
    finally:
        con.close()


def merge_into(master: Path, *paths: Path) -> None:
    """Import returned files into the master as the division would (before the window opens)."""
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge

    with Workbook.open(master) as wb:
        apply_merge(wb, preview_merge(wb, list(paths)))


def open_workbench(window, qtbot, path: Path, on: object = None):  # type: ignore[no-untyped-def]
    """The workbench on the master ``path`` — or, ``on`` a test cluster (the ``backend``
    fixture), on a copy of it in a new database there, opened as a user connects to it."""
    if on is None:
        assert window.open_path(path)
    else:
        from tests.helpers.pgcluster import Cluster
        from welfareplan.core.mastercopy import copy_master
        from welfareplan.gui.server_open import open_server

        assert isinstance(on, Cluster)
        url = on.url(on.new_database())
        copy_master(path, url)
        assert open_server(window, url) == ""
    from welfareplan.gui.division.view import DivisionView

    assert isinstance(window.view, DivisionView)
    return window.view


def wait_idle(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not view.ctx.busy, timeout=20000)


def wait_written(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.document.has_unwritten_changes, timeout=10000)


def edit_master(master: Path, number: int, department: str, **fields: str) -> None:
    """The division corrects an FY2025 entry of the master (audited as 修正)."""
    con = sqlite3.connect(master)
    try:
        (entry_id,) = con.execute(
            "SELECT e.id FROM entry e "
            "JOIN project p ON p.id = e.project_id JOIN round r ON r.id = e.round_id "
            "JOIN department d ON d.id = e.department_id "
            "WHERE p.label = ? AND d.name = ? AND r.fiscal_year = 2025",
            (str(number), department),
        ).fetchone()
        current = dict(
            con.execute("SELECT field, value FROM entry_value WHERE entry_id = ?", (entry_id,))
        )
    finally:
        con.close()
    with Workbook.open(master) as wb:
        save_entry(wb, entry_id, EntryValues(current | fields), user="地域福祉課")
