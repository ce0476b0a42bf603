"""The core (everything but welfareplan.gui) never loads Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "welfareplan"


def core_modules() -> list[str]:
    mods = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts
        if "gui" in parts[:2] or parts[-1] == "__main__":
            continue
        mods.append(".".join(p for p in parts if p != "__init__"))
    return mods


def test_core_source_has_no_qt_import() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if (PACKAGE / "gui") in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in ("PySide6", "shiboken6")
            ]
    assert offenders == []


def test_importing_core_and_cli_loads_no_qt() -> None:
    mods = core_modules()
    assert "welfareplan.core.model" in mods and "welfareplan.cli.main" in mods
    code = (
        "import sys\n"
        f"for m in {mods!r}: __import__(m)\n"
        "from welfareplan.cli.main import build_parser\n"
        "build_parser().parse_args(['info', 'x'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == ""


def test_ruff_bans_qt_in_core() -> None:
    """The banned-api rule is configured (ruff runs over the tree in tests/test_quality.py)."""
    text = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.ruff.lint.flake8-tidy-imports.banned-api]" in text
    assert '"PySide6".msg' in text
    assert '"welfareplan/gui/**" = ["TID251"]' in text
