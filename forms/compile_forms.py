"""Compile forms/*.ui into welfareplan/gui/forms/ui_*.py with pyside6-uic.

    python forms/compile_forms.py          # regenerate
    python forms/compile_forms.py --check  # exit 1 if a generated file is out of date

The generated files are committed (a PyInstaller build cannot use runtime loadUiType);
tests/gui/test_forms_up_to_date.py runs the check.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FORMS = Path(__file__).resolve().parent
TARGET = FORMS.parent / "welfareplan" / "gui" / "forms"
HEADER = "# Generated from forms/{name} by forms/compile_forms.py (pyside6-uic). DO NOT EDIT.\n"


def uic() -> str:
    exe = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-uic"
    )
    if exe is None:
        raise SystemExit("pyside6-uic not found (pip install PySide6-Essentials)")
    return exe


def normalise(text: str) -> str:
    """Drop uic's own banner (it names the Qt version) so output is stable across versions."""
    lines = text.splitlines(keepends=True)
    body = [ln for ln in lines if not ln.startswith("## ")]
    return "".join(body).lstrip("\n")


def compile_one(ui: Path, out_dir: Path) -> Path:
    out = out_dir / f"ui_{ui.stem}.py"
    raw = subprocess.run(
        [uic(), "--from-imports", str(ui)], check=True, capture_output=True, text=True
    ).stdout
    out.write_text(
        HEADER.format(name=ui.name) + "# ruff: noqa\n# mypy: ignore-errors\n" + normalise(raw),
        encoding="utf-8",
    )
    return out


def compile_all(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return [compile_one(ui, out_dir) for ui in sorted(FORMS.glob("*.ui"))]


def stale_files() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = compile_all(Path(tmp))
        stale = []
        for f in fresh:
            committed = TARGET / f.name
            if not committed.is_file() or committed.read_text(encoding="utf-8") != f.read_text(
                encoding="utf-8"
            ):
                stale.append(f.name)
        extra = {p.name for p in TARGET.glob("ui_*.py")} - {f.name for f in fresh}
        return stale + sorted(extra)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        stale = stale_files()
        if stale:
            print("out of date: " + ", ".join(stale) + " (run python forms/compile_forms.py)")
            return 1
        return 0
    for f in compile_all(TARGET):
        print(f"wrote {f.relative_to(FORMS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
