"""The lock file: the exact version of every package the tests and the bundle build use.

    ./dev lock                               # = python packaging/lock.py: write constraints.txt
    python packaging/lock.py --check         # does this environment match it?

``packaging/constraints.txt`` is pip's constraints format (``NAME==VERSION`` per line): ``pip
freeze`` of a fresh virtual environment holding ``welfareplan[test]`` and the build backend,
welfareplan itself left out. ``./dev`` installs with it (``pip install -c``, and
``PIP_CONSTRAINT`` for the build backend pip installs on its own), so ``./dev test`` and CI
(``.ci/run``) run on exactly these versions, and reinstall when it changes;
``packaging/build.py`` refuses to build the bundle from an environment that differs from it.
The ranges in pyproject.toml say what the code supports; the lock says what is tested.

Run ``./dev lock`` after changing a dependency in pyproject.toml, or to move to newer
versions on purpose; then run ``./dev test`` (it reinstalls) and commit both files.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONSTRAINTS = HERE / "constraints.txt"
PROJECT = "welfareplan"
#: The extras the lock is made from (test includes everything packaging needs).
EXTRAS = ("test",)

#: Written above a package's line: why its version matters more than most.
NOTES = {
    "openpyxl": (
        "welfareplan/exports/xlsx_cells.py relies on openpyxl internals (subclasses of its\n"
        "StyleArray and Cell, the workbook's private style lists _fonts, _cell_styles …):\n"
        "move this pin only with the export tests green (pyproject.toml keeps <3.2)."
    ),
    "pyside6-essentials": (
        "PySide6 6.12.x on Python < 3.12 loses a reference to True on every signal emission\n"
        "and aborts (PYSIDE-3474); pyproject.toml keeps <6.12 there, and\n"
        "tests/gui/test_signal_refcount.py fails on a wheel with that defect."
    ),
    "shiboken6": "goes with PySide6-Essentials: always the same version.",
    "ruff": "the linter: a newer ruff brings new rules; update on purpose, with ruff check.",
    "mypy": "the type checker: update on purpose, with mypy clean.",
    "pyinstaller": "builds the Windows bundle (packaging/build.py, tests/packaging).",
}

HEADER = """\
# The exact version of every package ./dev installs: welfareplan[test] and its build backend
# (pip freeze of a fresh environment; welfareplan itself left out). Used by ./dev (both
# commands), by CI (.ci/run runs ./dev test) and by the bundle build (packaging/build.py
# refuses an environment that differs). See packaging/lock.py.
#
# Regenerate it with this one command (then run ./dev test and commit it):
#
#     ./dev lock
#
# Made on {platform} with Python {python}. Packages only other platforms need
# (pywin32-ctypes and colorama on Windows) are not listed: pip installs them unpinned.
"""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path = CONSTRAINTS) -> dict[str, str]:
    """Package (canonical name) → locked version."""
    versions = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep or not version.strip():
            raise ValueError(f"{path.name}: NAME==VERSION の形ではありません: {raw}")
        versions[canonical(name)] = version.strip()
    return versions


def required_distributions(
    root: str = PROJECT, extras: tuple[str, ...] = EXTRAS
) -> tuple[dict[str, str], list[str]]:
    """What ``root[extras]`` needs on this platform, as installed here: package → version,
    and the required packages that are not installed."""
    from packaging.requirements import Requirement

    found: dict[str, str] = {}
    missing: list[str] = []
    done: set[tuple[str, tuple[str, ...]]] = set()
    todo = [(root, extras)]
    while todo:
        name, wanted = todo.pop()
        key = canonical(name)
        if (key, wanted) in done:
            continue
        done.add((key, wanted))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            missing.append(key)
            continue
        found[key] = dist.version
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is None or any(
                req.marker.evaluate({"extra": e}) for e in wanted or ("",)
            ):
                todo.append((req.name, tuple(sorted(req.extras))))
    found.pop(canonical(root), None)
    return found, sorted(set(missing))


def lock_problems(
    extras: tuple[str, ...] = EXTRAS, *, strict: bool = True, lock: Path = CONSTRAINTS
) -> list[str]:
    """How this environment differs from the lock, for what ``welfareplan[extras]`` needs.

    Strict (the tests, on the platform the lock was made on): every needed package must be
    installed and locked, at the locked version. Not strict (a build on Windows): packages
    the lock does not list are let through; the ones it lists must match."""
    locked = read_lock(lock)
    installed, missing = required_distributions(extras=extras)
    problems = [f"{name} がインストールされていません" for name in missing]
    for name, version in sorted(installed.items()):
        want = locked.get(name)
        if want is None:
            if strict:
                problems.append(f"{name} {version} はロックファイル（{lock.name}）にありません")
        elif want != version:
            problems.append(
                f"{name} {version} が入っていますが、ロックファイル（{lock.name}）では {want} です"
            )
    return problems


def render(frozen: str, platform: str, python: str) -> str:
    lines = [HEADER.format(platform=platform, python=python)]
    entries = [raw.strip() for raw in frozen.splitlines()]
    entries = [e for e in entries if e and not e.startswith(("#", "-e "))]
    for entry in sorted(entries, key=lambda e: canonical(e.partition("==")[0])):
        note = NOTES.get(canonical(entry.partition("==")[0]))
        if note:
            lines.append("\n".join(f"# {n}" for n in note.splitlines()) + "\n")
        lines.append(entry + "\n")
    return "".join(lines)


def make_lock(python: str = sys.executable, dest: Path = CONSTRAINTS) -> Path:
    """Install ``welfareplan[test]`` and the build backend into a fresh virtual environment
    (newest versions pyproject.toml allows) and write its ``pip freeze`` to ``dest``."""
    build_requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "build-system"
    ]["requires"]
    with tempfile.TemporaryDirectory(prefix="welfareplan-lock-") as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
        py = str(bin_dir / ("python.exe" if sys.platform == "win32" else "python"))
        pip = [py, "-m", "pip"]
        subprocess.run([*pip, "install", "-q", "--upgrade", "pip"], check=True)
        extras = ",".join(EXTRAS)
        subprocess.run(
            [*pip, "install", "-q", *build_requires, f".[{extras}]"], check=True, cwd=ROOT
        )
        frozen = subprocess.run(
            [*pip, "freeze", "--all", "--exclude", PROJECT],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        about = subprocess.run(
            [
                py,
                "-c",
                "import platform; print(platform.system(), platform.machine()); "
                "print(platform.python_version())",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split("\n")
    dest.write_text(render(frozen, about[0], about[1]), encoding="utf-8")
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ロックファイル（packaging/constraints.txt）")
    parser.add_argument(
        "--check", action="store_true", help="この環境がロックファイルどおりか確かめます"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = lock_problems()
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            "ロックファイルどおりです。"
            if not problems
            else f"{len(problems)} 件の違いがあります。"
        )
        return 1 if problems else 0
    path = make_lock()
    print(f"書き出しました: {path}（{len(read_lock(path))} パッケージ）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
