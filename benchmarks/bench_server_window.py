"""The division's window on a server master (issue 17's "same table for a server master"):
start-up, peak memory and one edit, next to the same on the file master.

* start-up: a fresh process until the main window is shown with the master opened
  (``welfareplan --startup-check URL``, the steps of bench_gui_scale), against the server's
  floor: bench_gui's floor (``sqlalchemy.orm`` + an empty QMainWindow) plus what any program
  on a server master cannot do without — an engine on the URL, connected through psycopg
  (libpq, OpenSSL, and the asyncio psycopg imports), one query. Goal ≤ 1.3× (issue 17, goal
  1); the note gives the ratio to bench_gui's floor and the same master as a file, measured in
  the same rounds.
* peak memory of that process (``ru_maxrss``) against the server floor process's. Goal
  ≤ 1.3× (issue 17, goal 4).
* one edit committed on the server master (``save_entry``: the row lock, the per-field stale
  check and the audit in one transaction), median, with the same edit on the file master in
  the note. Goal ≤ 20 ms, as the file's autosave (bench_gui_scale).

The server is a throwaway cluster on loopback (bench_server.cluster); without PostgreSQL's
programs the rows say so and count as missed.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_gui import FLOOR_CHILD
from benchmarks.bench_gui_scale import autosave_ms
from benchmarks.bench_server import cluster, missing, server_copy
from benchmarks.common import Result
from benchmarks.process import SOURCE_STARTUP, ChildRun, offscreen_env, run_child

#: bench_gui's floor, connected to the server master at argv[1] as any program must be
SERVER_FLOOR_CHILD = FLOOR_CHILD.replace(
    "import sqlalchemy.orm\n",
    "import sys, sqlalchemy, sqlalchemy.orm\n"
    "with sqlalchemy.create_engine(sys.argv[1]).connect() as c:\n"
    "    c.exec_driver_sql('SELECT 1').scalar()\n",
)
STARTUP_GOAL = 1.3
MEMORY_GOAL = 1.3
EDIT_GOAL_MS = 20


def _startups(
    commands: dict[str, list[str]], folder: Path, repeat: int
) -> dict[str, list[ChildRun]]:
    """Interleaved runs of each command (all see the same machine load)."""
    env = offscreen_env(folder / "home")
    for cmd in commands.values():  # warm the OS file cache once for all
        run_child(cmd, env)
    runs: dict[str, list[ChildRun]] = {k: [] for k in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            runs[name].append(run_child(cmd, env))
    return runs


def _window_rows(label: str, master: Path, url: str, folder: Path, repeat: int) -> list[Result]:
    runs = _startups(
        {
            "floor": [sys.executable, "-c", FLOOR_CHILD],
            "server floor": [sys.executable, "-c", SERVER_FLOOR_CHILD, url],
            "file": [sys.executable, "-c", SOURCE_STARTUP, str(master)],
            "server": [sys.executable, "-c", SOURCE_STARTUP, url],
        },
        folder,
        repeat,
    )
    s = {k: statistics.median(r.shown_after for r in v) for k, v in runs.items()}
    mb = {k: max(r.peak_mb for r in v) for k, v in runs.items()}
    return [
        Result(
            f"server master window start-up ({label})",
            s["server"],
            floor=s["server floor"],
            goal=STARTUP_GOAL,
            note=f"median of {repeat}; floor = sqlalchemy.orm + empty QMainWindow + engine "
            f"connected; {s['server'] / s['floor']:.2f}× bench_gui's floor (the file master: "
            f"{s['file'] / s['floor']:.2f}×)",
        ),
        Result(
            f"server master window peak memory ({label})",
            mb["server"],
            unit="MB",
            floor=mb["server floor"],
            goal=MEMORY_GOAL,
            note=f"ru_maxrss; {mb['server'] / mb['floor']:.2f}× bench_gui's floor process "
            f"(the file master: {mb['file']:.0f} MB, {mb['file'] / mb['floor']:.2f}×)",
        ),
    ]


def run(quick: bool) -> list[Result]:
    from benchmarks.synthetic import make_synthetic_workbook
    from welfareplan.workflow.demo import make_demo_files

    repeat = 3 if quick else 7
    edits = 30 if quick else 200
    size = (120, 20, 3) if quick else (500, 60, 10)
    results: list[Result] = []
    with cluster() as running, tempfile.TemporaryDirectory(prefix="bench-window-") as tmp:
        if running is None:
            return missing()
        folder = Path(tmp)
        demo, _ = make_demo_files(folder / "demo")  # with an open round, as a division has
        big = make_synthetic_workbook(
            folder / "big.wpdb", projects=size[0], departments=size[1], rounds=size[2]
        )
        for label, master in (("demo", demo), (f"synthetic {size[0]}p/{size[1]}d", big)):
            url = server_copy(running, master)
            results += _window_rows(label, master, url, folder, repeat)
        url = server_copy(running, demo)
        on_file, _ = autosave_ms(demo, edits)
        on_server, p95 = autosave_ms(url, edits)
        results.append(
            Result(
                "server master: one edit committed (demo, median)",
                on_server,
                unit="ms",
                goal=EDIT_GOAL_MS,
                note=f"{edits} edits, p95 {p95:.1f} ms: row lock + stale check + audit; the "
                f"same edits on the file master: {on_file:.1f} ms",
            )
        )
    return results
