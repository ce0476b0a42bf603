"""The built-in demo as files the user can open, kept in the user's profile.

One demo master workbook holds the published FY2024 round (令和6年度実績報告) and an open FY2025
round; the FY2025 department file of 地域福祉課 issued from it lies beside it. So a new user can
try both sides: fill in the department file, submit it, then open the master and merge it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from welfareplan.core.appdirs import data_dir
from welfareplan.core.shipped import create_demo_workbook
from welfareplan.core.storage import Workbook

DEMO_WORKBOOK_NAME = "デモ_地域福祉計画_マスター.wpdb"
DEMO_DEPARTMENT = "地域福祉課"
DEMO_YEAR = 2025
DEMO_DEADLINE = dt.date(2026, 5, 29)


def demo_folder() -> Path:
    folder = data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def make_demo_files(folder: Path, department: str = DEMO_DEPARTMENT) -> tuple[Path, Path]:
    """Create the demo master (FY2024 published, FY2025 open) and one department file in
    ``folder``. Returns (master, department file)."""
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.rounds.lifecycle import create_round

    folder.mkdir(parents=True, exist_ok=True)
    master = create_demo_workbook(folder / DEMO_WORKBOOK_NAME, overwrite=True)
    (folder / "担当課").mkdir(exist_ok=True)
    with Workbook.open(master) as wb:
        create_round(wb, DEMO_YEAR, deadline=DEMO_DEADLINE)
        result = distribute(wb, DEMO_YEAR, folder / "担当課", departments=[department])
    return master, result.files[0].path


def ensure_demo_workbook(*, fresh: bool = False) -> Path:
    """The demo master workbook, created on first use."""
    folder = demo_folder()
    master = folder / DEMO_WORKBOOK_NAME
    if fresh or not master.exists():
        master, _ = make_demo_files(folder)
    return master


def ensure_demo_department_file(*, fresh: bool = False) -> Path:
    """The demo department file (FY2025, 地域福祉課), created on first use."""
    folder = demo_folder()
    existing = sorted((folder / "担当課").glob("R7_*.wpdb")) if (folder / "担当課").is_dir() else []
    if existing and not fresh and (folder / DEMO_WORKBOOK_NAME).exists():
        return existing[0]
    return make_demo_files(folder)[1]
