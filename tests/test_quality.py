"""Lint, format and type checks are part of the test suite, so CI enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    exe = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if exe is None:
        pytest.fail(f"{name} is not installed (pip install -e '.[test]')")
    return exe


def test_ruff_lint() -> None:
    r = subprocess.run(
        [tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_format() -> None:
    r = subprocess.run(
        [tool("ruff"), "format", "--check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_strict_core() -> None:
    r = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stdout + r.stderr


def test_import_layers_and_no_cycles() -> None:
    """The layers of docs/architecture.md and no import cycles: the contracts in
    ``[tool.importlinter]`` of pyproject.toml, checked by import-linter."""
    r = subprocess.run(
        [tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


def test_no_module_is_oversized() -> None:
    """Small modules named after what they do (generated forms excepted)."""
    big = []
    for path in (ROOT / "welfareplan").rglob("*.py"):
        if path.name.startswith("ui_"):
            continue
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > 600:
            big.append(f"{path.relative_to(ROOT)}: {n}")
    assert big == []


def test_no_grab_bag_modules() -> None:
    names = {p.stem for p in (ROOT / "welfareplan").rglob("*.py")}
    assert not names & {"utils", "util", "helpers", "misc", "common"}
