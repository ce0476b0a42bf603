"""The performance suite's own plumbing (no timings are asserted: figures go in the table)."""

from __future__ import annotations

import gc
import math
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks import bench_bundle, run
from benchmarks.gap_watch import GapWatch, cause, describe
from benchmarks.process import run_child


def test_child_peak_memory_is_that_childs() -> None:
    """Not the forking parent's (on Linux, exec keeps the replaced memory's high-water mark):
    even from a big parent, a bare child reports a small peak."""
    ballast = bytearray(300_000_000)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page: resident
    small = run_child([sys.executable, "-c", "pass"], {})
    big = run_child([sys.executable, "-c", "x = bytearray(200_000_000); print(len(x))"], {})
    del ballast
    assert big.stdout == "200000000\n"
    assert big.peak_mb >= 190
    assert small.peak_mb < 100


def test_child_cpu_time_is_that_childs() -> None:
    idle = run_child([sys.executable, "-c", "import time; time.sleep(0.3)"], {})
    busy = run_child([sys.executable, "-c", "sum(range(30_000_000))"], {})
    assert idle.seconds >= 0.3 and idle.cpu < 0.25
    assert busy.cpu > idle.cpu


def test_child_failure_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="exited with 3"):
        run_child([sys.executable, "-c", "raise SystemExit(3)"], {})


def test_bundle_benchmark_skips_a_folder_without_a_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(bench_bundle.BUNDLE_ENV, str(tmp_path))
    results = bench_bundle.run(quick=True)
    assert [r.name for r in results] == ["bundle: skipped"]
    assert "holds no built welfareplan" in results[0].note
    assert results[0].ok is None


def test_a_failing_benchmark_module_is_a_missed_goal() -> None:
    row = run.failed("benchmarks.bench_x", ValueError("broken\nbadly"))
    assert row.name == "bench_x: FAILED"
    assert math.isnan(row.value) and row.ok is False
    assert row.note == "ValueError: broken badly"
    assert "bench_x: FAILED" in run.format_table([row])


@pytest.mark.parametrize("module", ["bench_server", "bench_server_users", "bench_server_window"])
def test_server_benchmark_without_postgresql_is_a_missed_goal(
    monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    import importlib

    from tests.helpers import pgcluster

    monkeypatch.setattr(pgcluster, "find_bin_dir", lambda: None)
    rows = importlib.import_module(f"benchmarks.{module}").run(quick=True)
    assert [r.ok for r in rows] == [False]
    assert "PostgreSQL" in rows[0].note


def _beat_for(watch: GapWatch, seconds: float, work: Callable[[], object] | None = None) -> None:
    """The UI thread's timer, as a plain loop: a beat every 5 ms, ``work`` done once midway."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        watch.beat()
        time.sleep(0.005)
        if work is not None and time.perf_counter() > end - seconds / 2:
            work()
            work = None
    watch.beat()


def test_gap_watch_names_the_ui_threads_own_code() -> None:
    def slow_slot() -> None:
        end = time.perf_counter() + 0.15
        while time.perf_counter() < end:  # busy on the UI thread, returning to no event loop
            pass

    watch = GapWatch(sample_after_ms=20, report_over_ms=50).start()
    try:
        _beat_for(watch, 0.4, slow_slot)
    finally:
        watch.stop()
    worst = max(watch.gaps, key=lambda g: g.ms)
    assert worst.ms >= 150
    assert "slow_slot" in cause(worst)
    assert "slow_slot" in describe(worst)


def test_gap_watch_names_a_workers_long_call_holding_the_gil() -> None:
    """A worker in one long C call holds the GIL: nothing can sample it, the trace names it."""
    watch = GapWatch(sample_after_ms=20, report_over_ms=50, trace_c_calls=True).start()
    worker = threading.Thread(target=lambda: sorted(range(8_000_000), reverse=True))
    try:
        worker.start()
        _beat_for(watch, 0.3)
        worker.join()
        _beat_for(watch, 0.05)
    finally:
        watch.stop()
    assert watch.gaps
    assert any("sorted" in cause(g) for g in watch.gaps), [describe(g) for g in watch.gaps]


def test_gap_watch_counts_collections_in_a_gap() -> None:
    watch = GapWatch(sample_after_ms=20, report_over_ms=50).start()

    def collect_slowly() -> None:
        cycles: list[list[object]] = [[] for _ in range(500_000)]
        for cycle in cycles:
            cycle.append(cycle)
        del cycles  # garbage only the collector frees
        gc.collect()

    try:
        _beat_for(watch, 0.3, collect_slowly)
    finally:
        watch.stop()
    assert watch.longest_gc_ms > 0
    assert any("gen-2 GC in MainThread" in cause(g) for g in watch.gaps), [
        describe(g) for g in watch.gaps
    ]
