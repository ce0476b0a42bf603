"""The performance suite's own plumbing (no timings are asserted: figures go in the table)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

from benchmarks import bench_bundle, run
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
