"""A department file for GUI tests, made the simple way until distribute exists on this branch."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import uuid
from pathlib import Path


def make_department_file(demo_master: Path, dest: Path, department: str = "地域福祉課") -> Path:
    shutil.copyfile(demo_master, dest)
    dest.chmod(0o644)
    con = sqlite3.connect(dest)
    try:
        dept_id = con.execute("SELECT id FROM department WHERE name = ?", (department,)).fetchone()[
            0
        ]
        plan_id = con.execute("SELECT id FROM plan").fetchone()[0]
        round_id = str(uuid.uuid4())
        con.execute(
            "INSERT INTO round (id, plan_id, fiscal_year, status, deadline, created_at) VALUES (?, ?, 2025, 'open', ?, ?)",
            (
                round_id,
                plan_id,
                "2026-05-29",
                dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            ),
        )
        for project_id, label, sort in con.execute(
            "SELECT project_id, label, sort FROM assignment WHERE department_id = ?", (dept_id,)
        ).fetchall():
            con.execute(
                "INSERT INTO entry (id, round_id, project_id, department_id, label, sort, result, rating, outlook, updated_by)"
                " VALUES (?, ?, ?, ?, ?, ?, '', '', '', '')",
                (str(uuid.uuid4()), round_id, project_id, dept_id, label, sort),
            )
        meta = {
            "file_kind": "department",
            "file_uuid": str(uuid.uuid4()),
            "round_id": round_id,
            "department_id": dept_id,
            "revision": "0",
        }
        for k, v in meta.items():
            con.execute("INSERT OR REPLACE INTO wp_meta (key, value) VALUES (?, ?)", (k, v))
        con.commit()
    finally:
        con.close()
    return dest
