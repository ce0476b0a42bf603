"""The PyInstaller bundle (packaging/): its size and its start-up, against goals of issue 8.

* size: ``du -sb`` of the program folder. Goal ≤ 150 MB (on Linux; the Windows folder carries
  a few more Qt DLLs and is reported without a goal).
* start-up: wall time of the bundled windowed program until the department window is shown
  with the file loaded (``welfareplan --startup-check FILE``), against the floor of
  benchmarks/bench_gui.py — a bare process (the venv's Python) importing ``sqlalchemy.orm``
  and showing an empty QMainWindow. Goal ≤ 1.3×. The source install's time for the same
  steps is in the note, for comparison.
* peak memory of the bundled program with the department file open (``ru_maxrss``; no goal).

Which bundle: ``$WELFAREPLAN_BUNDLE`` (a built ``welfareplan`` folder, used as it is), else
``packaging/dist/welfareplan``, built with ``packaging/build.py`` first if it is not there or
older than the sources (the build time is then reported too). Without PyInstaller it reports
that and skips.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from benchmarks.bench_gui import FLOOR_CHILD
from benchmarks.common import Result
from benchmarks.process import SOURCE_STARTUP, offscreen_env, run_child

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_ENV = "WELFAREPLAN_BUNDLE"
SIZE_GOAL_MB = 150
STARTUP_GOAL = 1.3


def build_script() -> ModuleType:
    path = ROOT / "packaging" / "build.py"
    spec = importlib.util.spec_from_file_location("wp_packaging_build", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def newest_source() -> float:
    """Modification time of the newest file that goes into the bundle."""
    files = [
        *(ROOT / "welfareplan").rglob("*.py"),
        *(ROOT / "resources").rglob("*"),
        *(ROOT / "packaging").glob("*.py"),
        *(ROOT / "packaging" / "hooks").glob("*.py"),
        ROOT / "packaging" / "welfareplan.spec",
    ]
    return max(f.stat().st_mtime for f in files if f.is_file())


def skipped(reason: str) -> list[Result]:
    return [Result("bundle: skipped", 0.0, unit="", note=reason)]


def locate(build: ModuleType) -> tuple[Path | None, list[Result]]:
    """The bundle to measure, building it if needed; or None and why not."""
    given = os.environ.get(BUNDLE_ENV)
    if given:
        bundle = Path(given)
        if not build.gui_exe(bundle).is_file():
            return None, skipped(f"${BUNDLE_ENV}={given} holds no built welfareplan")
        return bundle, []
    bundle = ROOT / "packaging" / "dist" / "welfareplan"
    exe = build.gui_exe(bundle)
    stale = exe.is_file() and exe.stat().st_mtime < newest_source()
    if exe.is_file() and not stale:
        return bundle, []
    if importlib.util.find_spec("PyInstaller") is None:
        why = "the bundle is older than the sources" if stale else "no bundle"
        return None, skipped(
            f"{why} and PyInstaller is not installed (pip install -e .[packaging])"
        )
    print("   building the bundle (packaging/build.py) …", file=sys.stderr)
    result = build.build(ROOT / "packaging" / "dist", ROOT / "packaging" / "build")
    note = "clean build with packaging/build.py" + (" (sources had changed)" if stale else "")
    if result.problems:
        note += "; problems: " + "; ".join(result.problems)
    return result.bundle, [Result("bundle: build time", result.seconds, note=note)]


def size(build: ModuleType, bundle: Path) -> Result:
    total = build.tree_size(bundle)
    files = sum(1 for p in bundle.rglob("*") if p.is_file())
    linux = sys.platform.startswith("linux")
    return Result(
        "bundle: size of the program folder (du -sb)",
        total / 1_000_000,
        unit="MB",
        goal=SIZE_GOAL_MB if linux else None,
        note=f"{files} files, {bundle}" + ("" if linux else " (goal is for Linux)"),
    )


def startup(build: ModuleType, bundle: Path, quick: bool) -> list[Result]:
    from welfareplan.workflow.demo import make_demo_files

    repeat = 3 if quick else 7
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _, dept = make_demo_files(folder / "demo")
        env = offscreen_env(folder / "home")
        floor_cmd = [sys.executable, "-c", FLOOR_CHILD]
        source_cmd = [sys.executable, "-c", SOURCE_STARTUP, str(dept)]
        bundle_cmd = [str(build.gui_exe(bundle)), "--startup-check", str(dept)]
        for cmd in (floor_cmd, source_cmd, bundle_cmd):  # warm the file cache once each
            run_child(cmd, env)
        floors, sources, bundles = [], [], []
        for _ in range(repeat):
            floors.append(run_child(floor_cmd, env))
            sources.append(run_child(source_cmd, env).shown_after)
            bundles.append(run_child(bundle_cmd, env))
    floor = statistics.median(r.shown_after for r in floors)
    ours = statistics.median(r.shown_after for r in bundles)
    source = statistics.median(sources)
    peaks = [r.peak_mb for r in bundles]
    return [
        Result(
            "start-up: department window with file (bundle)",
            ours,
            floor=floor,
            goal=STARTUP_GOAL,
            note=f"median of {repeat}; source install {source:.3f} s "
            f"({source / floor:.2f}x); bundle ÷ source {ours / source:.2f}",
        ),
        Result(
            "peak memory: bundle with department file",
            max(peaks),
            unit="MB",
            floor=max(r.peak_mb for r in floors),
            note="ru_maxrss; floor = the start-up floor process (no goal)",
        ),
    ]


def run(quick: bool) -> list[Result]:
    build = build_script()
    bundle, results = locate(build)
    if bundle is None:
        return results
    return [*results, size(build, bundle), *startup(build, bundle, quick)]
