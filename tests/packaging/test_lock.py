"""The lock (packaging/constraints.txt): this environment is exactly the locked one, the lock
is what ``./dev lock`` writes, the tools are pinned, and the PySide6 pin follows PYSIDE-3474."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from tests.packaging.tools import ROOT, load

lock = load("lock")


def test_this_environment_is_the_locked_one() -> None:
    """./dev (and so CI) installed exactly the locked versions of everything welfareplan[test]
    needs, and the lock lists all of it."""
    assert lock.lock_problems(strict=True) == []


def test_the_tools_and_load_bearing_packages_are_pinned_exactly() -> None:
    locked = lock.read_lock()
    for name in (
        "ruff",
        "mypy",
        "pyinstaller",
        "pytest",
        "pytest-cov",
        "coverage",
        "import-linter",
        "pyside6-essentials",
        "shiboken6",
        "openpyxl",
        "sqlalchemy",
        "hatchling",  # the build backend of the editable install
        "pip",
    ):
        assert re.fullmatch(r"\d+(\.\d+)*", locked[name]), (name, locked.get(name))
    assert locked["pyside6-essentials"] == locked["shiboken6"]
    assert "welfareplan" not in locked


def test_the_lock_is_what_dev_lock_writes() -> None:
    """No hand edits: the file is its entries rendered the way ``./dev lock`` renders them
    (sorted, with the notes), and the header names the one command that regenerates it."""
    text = lock.CONSTRAINTS.read_text(encoding="utf-8")
    made = re.search(r"# Made on (.+) with Python (\S+)\. ", text)
    assert made is not None
    entries = "\n".join(line for line in text.splitlines() if line and not line.startswith("#"))
    assert lock.render(entries, made[1], made[2]) == text
    assert "#     ./dev lock\n" in text
    openpyxl_note = text[: text.index("\nopenpyxl==")].rsplit("\n", 4)[1:]
    assert any("xlsx_cells.py relies on openpyxl internals" in n for n in openpyxl_note)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./dev lock" in readme and "packaging/constraints.txt" in readme


def test_differences_from_the_lock_are_found(tmp_path: Path) -> None:
    locked = lock.read_lock()
    pytest_version = metadata.version("pytest")
    other = dict(locked, pytest="1.0")
    del other["ruff"]
    path = tmp_path / "constraints.txt"
    path.write_text("".join(f"{k}=={v}\n" for k, v in other.items()), encoding="utf-8")
    problems = lock.lock_problems(strict=True, lock=path)
    assert any(p.startswith(f"pytest {pytest_version} が入っていますが") for p in problems)
    assert any(p.startswith("ruff ") and "ロックファイル" in p for p in problems)
    # a build on another platform lets unlisted packages through, never different versions
    loose = lock.lock_problems(strict=False, lock=path)
    assert loose == [p for p in problems if p.startswith("pytest ")]
    path.write_text("ruff>=0.6\n", encoding="utf-8")
    with pytest.raises(ValueError, match="NAME==VERSION"):
        lock.read_lock(path)


def test_the_bundle_build_refuses_other_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = load("build")
    monkeypatch.setattr(build, "lock_problems", lambda *a, **k: ["pytest 9 が入っていますが…"])
    with pytest.raises(RuntimeError, match="ロックファイル"):
        build.build(tmp_path / "dist", tmp_path / "work")
    assert not (tmp_path / "work").exists()  # refused before PyInstaller ran


def pyside_range(python: str) -> list[Requirement]:
    requires = metadata.requires("welfareplan") or []
    found = []
    for text in requires:
        req = Requirement(text)
        if lock.canonical(req.name) == "pyside6-essentials" and (
            req.marker is None or req.marker.evaluate({"python_version": python, "extra": ""})
        ):
            found.append(req)
    return found


@pytest.mark.parametrize(
    ("python", "allows_612"), [("3.11", False), ("3.12", True), ("3.13", True)]
)
def test_pyside6_612_only_where_true_is_immortal(python: str, allows_612: bool) -> None:
    (req,) = pyside_range(python)
    assert req.specifier.contains(Version("6.11.3"))
    assert req.specifier.contains(Version("6.12.1")) is allows_612
