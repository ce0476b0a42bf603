"""Does the workbench stay responsive during long work on a plan 10× the demo?

Distribute (60 department files), merge (60 returned files) and export (Word and Excel) run the
way the GUI runs them — on a worker thread behind a progress dialog — while a 10 ms timer on
the UI thread records the longest gap between two of its ticks. Each is run ten times (a fresh
issue of the files each time); the figure is the worst gap of all runs, not the median: a person
notices a stall from about 50 ms (three frames). Goal: no gap over 50 ms.

The note gives, beside the gaps, the longest garbage collection during that kind of work in
CPU time of its thread (a collection holds the GIL: the stall the work itself can cause) and
the machine's load: on a machine busy with other processes a gap also holds the wait for a core.

Each gap over the goal is explained by :mod:`benchmarks.gap_watch` (stacks sampled while the UI
is late, the collections in it, the time the UI thread and the workers spent on a core, waiting
for one or blocked); the note gives the worst gap's cause. ``python -m
benchmarks.bench_responsiveness [--quick] [--trace] [--distribute|--merge|--export] [RUNS]``
prints every such gap; ``--trace`` also names the workers' long calls into C (slower). A job
that fails (its message box) ends the benchmark with the message instead of waiting forever.
"""

from __future__ import annotations

import gc
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.common import Result
from benchmarks.gap_watch import Gap, GapWatch, cause, describe

GOAL_MS = 50.0


def _measure(
    app: Any, ctx: Any, parent: Any, work: Callable[..., Any], trace: bool = False
) -> tuple[list[Gap], float, float, float]:
    """Run ``work`` through the workbench's runner; return (gaps over the goal with their
    causes, longest UI gap ms, longest collection ms CPU, duration s)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    longest = [0.0]
    last = [time.perf_counter()]
    failures: list[str] = []
    watch = GapWatch(report_over_ms=GOAL_MS, trace_c_calls=trace)

    def tick() -> None:
        now = time.perf_counter()
        longest[0] = max(longest[0], (now - last[0]) * 1000)
        last[0] = now
        watch.beat()
        box = app.activeModalWidget()
        if isinstance(box, QMessageBox):  # the work failed: say so instead of waiting forever
            failures.append(box.text())
            box.reject()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    done: list[Any] = []
    t0 = time.perf_counter()
    watch.start()
    timer.start()
    last[0] = time.perf_counter()
    ctx.run(parent, "benchmark", work, done.append)
    while not done and ctx.busy:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    watch.stop()
    duration = time.perf_counter() - t0
    if failures:
        raise RuntimeError(f"the work failed: {failures[0]}")
    return watch.gaps, longest[0], watch.longest_gc_ms, duration


def run(quick: bool) -> list[Result]:
    return measure(quick)


def measure(
    quick: bool,
    runs: int | None = None,
    log: Callable[[str], None] | None = None,
    *,
    trace: bool = False,
    only: tuple[str, ...] = (),
) -> list[Result]:
    """The three rows; ``log`` receives each gap over the goal with its samples; ``trace``
    profiles the workers' long C calls (slower: for finding causes, not for the figures)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from benchmarks.synthetic import make_synthetic_workbook
    from welfareplan.core.editing import save_entry
    from welfareplan.core.koganei_form import koganei_values
    from welfareplan.core.storage import Workbook
    from welfareplan.core.worklist import load_worklist
    from welfareplan.exports.round_export import export_report
    from welfareplan.gui.division.context import DivisionContext
    from welfareplan.gui.document import Document
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.returns.apply import apply_merge
    from welfareplan.workflow.returns.compare import preview_merge

    app = QApplication.instance() or QApplication([])
    projects, departments = (200, 24) if quick else (500, 60)
    runs = runs or (2 if quick else 10)
    gaps: dict[str, list[float]] = {"distribute": [], "merge": [], "export": []}
    took: dict[str, list[float]] = {k: [] for k in gaps}
    collected: dict[str, float] = dict.fromkeys(gaps, 0.0)
    worst: dict[str, Gap | None] = dict.fromkeys(gaps)
    loads: list[float] = []
    issued = 0

    def record(kind: str, work: Callable[..., Any]) -> None:
        if only and kind not in only:
            work(lambda *_: None, lambda: False)  # still done: the next step needs it
            return
        over, gap, gc_ms, secs = _measure(app, ctx, parent, work, trace)
        gaps[kind].append(gap)
        took[kind].append(secs)
        collected[kind] = max(collected[kind], gc_ms)
        loads.append(os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan"))
        for g in over:
            if log is not None:
                log(f"{kind} run {n + 1}, load {loads[-1]:.1f}: {describe(g)}")
            if worst[kind] is None or g.ms > worst[kind].ms:  # type: ignore[union-attr]
                worst[kind] = g

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["WELFAREPLAN_HOME"] = str(folder / "home")
        master = make_synthetic_workbook(
            folder / "master.wpdb", projects=projects, departments=departments, rounds=10
        )
        with Workbook.open(master) as wb:
            year = max(
                r for (r,) in wb.engine.connect().exec_driver_sql("SELECT fiscal_year FROM round")
            )
        document = Document.open(master)

        gc.collect()
        gc.freeze()  # as the window does once a file is open (gui/warm_up.py)
        ctx = DivisionContext(document)
        parent = QWidget()
        wb = document.workbook

        for n in range(runs):
            out = folder / f"out{n}"
            out.mkdir()
            files: list[Path] = []

            def do_distribute(
                progress: Any, cancelled: Any, out: Path = out, files: list[Path] = files
            ) -> Any:
                result = distribute(wb, year, out, progress=progress, cancelled=cancelled)
                files.extend(f.path for f in result.files)
                return result

            def do_merge(progress: Any, cancelled: Any, files: list[Path] = files) -> Any:
                preview = preview_merge(wb, files, progress=progress, cancelled=cancelled)
                return apply_merge(wb, preview, {}, progress=progress, cancelled=cancelled)

            def do_export(progress: Any, cancelled: Any, n: int = n) -> Any:
                return export_report(
                    wb, year, docx=folder / f"r{n}.docx", xlsx=folder / f"r{n}.xlsx"
                )

            record("distribute", do_distribute)
            issued = len(files)
            for f in files:  # departments fill in one entry each
                with Workbook.open(f) as dwb:
                    item = load_worklist(dwb).items[0]
                    save_entry(dwb, item.entry_id, koganei_values(f"実績{n}。" * 5, "A", "展望。"))
            record("merge", do_merge)
            record("export", do_export)
        document.close()
    names = {
        "distribute": f"UI freeze during distribute ({issued} files)",
        "merge": f"UI freeze during merge ({issued} files)",
        "export": "UI freeze during export (Word + Excel)",
    }
    rows = []
    for kind, kind_gaps in gaps.items():
        if not kind_gaps:
            continue
        gap = worst[kind]
        rows.append(
            Result(
                names[kind],
                max(kind_gaps),
                unit="ms",
                goal=GOAL_MS,
                note=(
                    f"worst of {runs} runs (median {statistics.median(kind_gaps):.0f} ms); "
                    f"each took {statistics.median(took[kind]):.1f} s; longest collection "
                    f"{collected[kind]:.0f} ms CPU; load {min(loads):.1f}-{max(loads):.1f} "
                    f"on {os.cpu_count()} cores"
                    + (f"; worst gap: {cause(gap)}" if gap is not None else "")
                ),
            )
        )
    return rows


if __name__ == "__main__":  # python -m benchmarks.bench_responsiveness [--quick] [runs]
    import sys

    from benchmarks.run import format_table

    flags = {a for a in sys.argv[1:] if a.startswith("--")}
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    table = measure(
        "--quick" in flags,
        int(args[0]) if args else None,
        log=print,
        trace="--trace" in flags,
        only=tuple(f[2:] for f in flags if f[2:] in ("distribute", "merge", "export")),
    )
    print(format_table(table))
