"""The coverage check of CI (.ci/coverage_floors.py) on made-up figures: a group below its
floor fails, a floor of a group whose files moved cannot silently vanish."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "ci_coverage_floors", ROOT / ".ci" / "coverage_floors.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


floors = load()


def summary(lines: int, covered: int, branches: int = 0, covered_branches: int = 0) -> dict:
    return {
        "num_statements": lines,
        "covered_lines": covered,
        "num_branches": branches,
        "covered_branches": covered_branches,
    }


def figures(merge_branches_covered: int) -> dict[str, dict[str, int]]:
    files = {f"welfareplan/{pkg}/a.py": summary(100, 100) for pkg in floors.PACKAGES}
    for path in floors.MERGE_PIPELINE:
        files[path] = summary(100, 100, 10, merge_branches_covered)
    return files


def test_every_floor_met(capsys: pytest.CaptureFixture[str]) -> None:
    assert floors.check(figures(10)) == []
    out = capsys.readouterr().out
    assert "merge pipeline" in out and "  apply.py" in out and "gui" in out


def test_a_group_below_its_floor_fails() -> None:
    failures = floors.check(figures(5))  # merge pipeline branches at 50 %
    assert failures == [
        f"merge pipeline: branches 50.0 % < {floors.FLOORS['merge pipeline'].branches} %"
    ]


def test_a_floor_whose_files_moved_is_an_error() -> None:
    moved = {path.replace("workflow/returns/", "workflow/"): s for path, s in figures(10).items()}
    with pytest.raises(SystemExit, match="re-point"):
        floors.check(moved)
