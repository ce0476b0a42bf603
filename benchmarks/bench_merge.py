"""Merging returned department files, against a floor of raw ``sqlite3`` ATTACH + INSERT…SELECT.

Workload: 40 distinct department files, every entry of each filled in (3 fields). The demo has
12 departments, so the files come from four open rounds (FY2025–FY2028: 4 × 12 = 48 issued,
the first 40 in department order taken). Separate rounds rather than re-issues of one round
keep the 40 returns independent (re-issued files of one department would edit the same fields
and conflict), which is the shape of a real merge day: many departments, one file each.

Floor, measured in the same run on the same files: for each file ``ATTACH`` it and
``INSERT … SELECT`` its entries of its round, and their values (schema 3: a row per field), into
staging tables, then one transaction ``INSERT OR REPLACE`` into the master's ``entry`` and
``entry_value`` (one durable commit, like the merge) — the unavoidable cost of moving the same
rows with SQLite, without any checking.

Measured: ``preview_merge`` + ``apply_merge`` on the open master workbook, as the GUI calls
them (reading and checking every file: header, quick_check, SHA-256, MAC, entry keys, plan
digests; three-way compare; backup copy of the master; one transaction with the changes, an
audit row per field, the received-return rows and the new merge bases). Opening the master
(``Workbook.open`` checks it with its own quick_check) is not part of merging and not timed.
Goal (issue 17): ≤ 2× the floor, on the demo plan and on a synthetic plan 10× the demo
(``make_synthetic_workbook(projects=500, departments=60, rounds=10)``, 40 of its 60
departments' files), whose growth row shows that the cost per merged entry stays flat (linear).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import Result
from welfareplan.core.storage import Workbook

FILES = 40
#: merge ÷ floor, on both plans (issue 17)
GOAL = 2.0


def _fill(path: Path, tag: str) -> int:
    """Fill every entry of a department file's round (as the department app would save)."""
    con = sqlite3.connect(path)
    try:
        meta = dict(con.execute("SELECT key, value FROM wp_meta"))
        n = con.execute(
            "UPDATE entry SET updated_by = '担当者' WHERE round_id = ?", (meta["round_id"],)
        ).rowcount
        # Koganei's form (the demo's and the synthetic plan's): two texts and the rating
        insert = "INSERT OR REPLACE INTO entry_value (entry_id, field, value) "
        round_id = meta["round_id"]
        con.execute(
            insert + "SELECT id, 'result', ? || project_id FROM entry WHERE round_id = ?",
            (f"{tag} の実績 ", round_id),
        )
        con.execute(insert + "SELECT id, 'rating', 'A' FROM entry WHERE round_id = ?", (round_id,))
        con.execute(
            insert + "SELECT id, 'outlook', ? || id FROM entry WHERE round_id = ?",
            (f"{tag} の展望 ", round_id),
        )
        con.execute(
            "UPDATE wp_meta SET value = ? WHERE key = 'revision'", (str(int(meta["revision"]) + 1),)
        )
        con.commit()
        return n
    finally:
        con.close()


def _prepare(master: Path, years: list[int], out: Path, files: int) -> tuple[list[Path], int]:
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.rounds.lifecycle import create_round

    out.mkdir()
    issued = []
    with Workbook.open(master) as wb:
        for year in years:
            from welfareplan.workflow.rounds.lifecycle import list_rounds

            if year not in {r.fiscal_year for r in list_rounds(wb)}:
                create_round(wb, year)
            folder = out / str(year)
            folder.mkdir()
            issued += [f.path for f in distribute(wb, year, folder).files]
    chosen = sorted(issued, key=lambda p: (p.name.split("_", 1)[1], p.name))[:files]
    rows = sum(_fill(p, p.stem) for p in chosen)
    return chosen, rows


def _floor(master: Path, files: list[Path]) -> None:
    con = sqlite3.connect(master, isolation_level=None)
    try:
        con.execute("PRAGMA synchronous = FULL")
        con.execute("CREATE TEMP TABLE staging AS SELECT * FROM main.entry WHERE 0")
        con.execute("CREATE TEMP TABLE staging_values AS SELECT * FROM main.entry_value WHERE 0")
        for path in files:
            con.execute("ATTACH ? AS f", (str(path),))
            round_id, dept_id = (
                dict(con.execute("SELECT key, value FROM f.wp_meta"))[k]
                for k in ("round_id", "department_id")
            )
            con.execute(
                "INSERT INTO temp.staging SELECT * FROM f.entry WHERE round_id = ? AND department_id = ?",
                (round_id, dept_id),
            )
            con.execute(
                "INSERT INTO temp.staging_values SELECT v.* FROM f.entry_value v "
                "JOIN f.entry e ON e.id = v.entry_id WHERE e.round_id = ? AND e.department_id = ?",
                (round_id, dept_id),
            )
            con.execute("DETACH f")
        con.execute("BEGIN")
        con.execute("INSERT OR REPLACE INTO main.entry SELECT * FROM temp.staging")
        con.execute("INSERT OR REPLACE INTO main.entry_value SELECT * FROM temp.staging_values")
        con.execute("COMMIT")
    finally:
        con.close()


def _merge(wb: Workbook, files: list[Path]) -> None:
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge

    preview = preview_merge(wb, files)
    assert not preview.rejected and not preview.conflicts, preview.rejected
    result = apply_merge(wb, preview)
    assert result.ok and result.applied > 0


def _fresh(pristine: Path, work: Path) -> None:
    shutil.copyfile(pristine, work)
    shutil.rmtree(work.with_name(f"{work.stem}.backups"), ignore_errors=True)


def _time_floor(pristine: Path, work: Path, files: list[Path], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        _fresh(pristine, work)  # untimed
        t0 = time.perf_counter()
        _floor(work, files)
        best = min(best, time.perf_counter() - t0)
    return best


def _time_merge(pristine: Path, work: Path, files: list[Path], repeat: int) -> float:
    """Best time of preview + apply on the open master (opening it is not timed: the GUI
    keeps its workbook open, and ``Workbook.open`` runs its own quick_check of the master)."""
    best = float("inf")
    for _ in range(repeat):
        _fresh(pristine, work)
        with Workbook.open(work) as wb:
            t0 = time.perf_counter()
            _merge(wb, files)
            best = min(best, time.perf_counter() - t0)
    return best


def _scenario(
    label: str,
    make_master: Callable[[Path], object],
    years: list[int],
    repeat: int,
    tmp: Path,
    *,
    goal: float | None,
) -> tuple[Result, float]:
    pristine = tmp / f"{label}.wpdb"
    make_master(pristine)
    files, rows = _prepare(pristine, years, tmp / f"{label}-files", FILES)
    work = tmp / f"{label}-work.wpdb"
    floor = _time_floor(pristine, work, files, repeat)
    value = _time_merge(pristine, work, files, repeat)
    size = pristine.stat().st_size // 1024
    result = Result(
        name=f"merge {len(files)} department files ({label})",
        value=value,
        floor=floor,
        goal=goal,
        note=f"{rows} entries × 3 fields; master {size:,} KB; floor = ATTACH + INSERT…SELECT",
    )
    return result, value / rows


def run(quick: bool) -> list[Result]:
    from benchmarks.synthetic import make_synthetic_workbook
    from welfareplan.core.shipped import create_demo_workbook

    repeat = 2 if quick else 7
    big = (200, 40, 4) if quick else (500, 60, 10)
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as tmp_name:
        tmp = Path(tmp_name)
        demo, demo_per_entry = _scenario(
            "demo plan", create_demo_workbook, [2025, 2026, 2027, 2028], repeat, tmp, goal=GOAL
        )
        projects, departments, rounds = big

        def synthetic(path: Path) -> object:
            return make_synthetic_workbook(
                path, projects=projects, departments=departments, rounds=rounds
            )

        last_year = 2024 + rounds - 1
        large, large_per_entry = _scenario(
            f"{projects} projects × {departments} departments × {rounds} rounds",
            synthetic,
            [last_year],
            repeat,
            tmp,
            goal=GOAL,
        )
    growth = Result(
        name="growth: time per merged entry, 10× plan ÷ demo plan",
        value=large_per_entry / demo_per_entry,
        unit="x",
        goal=1.5,
        note=f"{demo_per_entry * 1e3:.3f} ms → {large_per_entry * 1e3:.3f} ms per entry (flat = linear)",
    )
    return [demo, large, growth]
