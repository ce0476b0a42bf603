"""The committed Python of forms/*.ui is what pyside6-uic makes of them today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_forms_are_up_to_date() -> None:
    r = subprocess.run(
        [sys.executable, str(ROOT / "forms" / "compile_forms.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_generated_forms_say_do_not_edit() -> None:
    for path in (ROOT / "welfareplan" / "gui" / "forms").glob("ui_*.py"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert "DO NOT EDIT" in first and "forms/" in first, path.name


def test_no_runtime_ui_loading() -> None:
    """loadUiType/QUiLoader don't work in a PyInstaller build: only generated classes are used."""
    for path in (ROOT / "welfareplan").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "loadUiType" not in text and "QUiLoader" not in text, path.name
