"""Department files for tests, issued from the demo the way the division does it."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from pathlib import Path

from welfareplan.core.storage import Workbook
from welfareplan.workflow.issuing.distribute import distribute
from welfareplan.workflow.rounds.lifecycle import create_round


def make_department_file(demo_master: Path, dest: Path, department: str = "地域福祉課") -> Path:
    """Open FY2025 (deadline 2026-05-29) in a copy of the demo master kept in a folder of its
    own, and issue ``department``'s file to ``dest``."""
    issuing = Path(tempfile.mkdtemp(prefix="wp-master-", dir=dest.parent.parent))
    master = issuing / "master.wpdb"
    shutil.copyfile(demo_master, master)
    master.chmod(0o644)
    (issuing / "out").mkdir()
    with Workbook.open(master) as wb:
        create_round(wb, 2025, deadline=dt.date(2026, 5, 29))
        result = distribute(wb, 2025, issuing / "out", departments=[department])
    shutil.move(result.files[0].path, dest)
    return dest


def stored(path: Path, label: str) -> dict[str, str]:
    """The values stored in ``path`` for project ``label`` in its latest round."""
    con = sqlite3.connect(path)
    try:
        return dict(
            con.execute(
                "SELECT v.field, v.value FROM entry_value v JOIN entry e ON e.id = v.entry_id "
                "JOIN project p ON p.id = e.project_id JOIN round r ON r.id = e.round_id "
                "WHERE p.label = ? AND r.fiscal_year = (SELECT max(fiscal_year) FROM round)",
                (label,),
            ).fetchall()
        )
    finally:
        con.close()


def result_of(path: Path, entry_id: str) -> str:
    """The 事業実績・評価理由 stored for ``entry_id`` in ``path`` ('' if none), read on a
    connection of its own."""
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT value FROM entry_value WHERE entry_id = ? AND field = 'result'", (entry_id,)
        ).fetchone()
        return str(row[0]) if row else ""
    finally:
        con.close()
