"""What opening a file in the window will need, imported before PySide6 is.

PySide6's ``__feature__`` import hook reads the source of every module imported after PySide6
(see :mod:`welfareplan.gui`). The department window needs only the light core, which the
package imports first; a master workbook opens the division's views, whose services use the
SQLAlchemy ORM. When the file named on the command line is a master workbook, those are
loaded here, before the application object exists, instead of under the hook.

This module imports no PySide6 (tests/gui/test_startup_imports.py).
"""

from __future__ import annotations

import importlib
import sqlite3
from functools import cache
from pathlib import Path

from welfareplan.core.fileformat import FileKind, readonly_uri

#: The Qt-free services the division's views use (welfareplan/gui/division/).
DIVISION_SERVICES: tuple[str, ...] = (
    "sqlalchemy.orm",
    "welfareplan.core.model",
    "welfareplan.core.history",
    "welfareplan.core.queries",
    "welfareplan.core.reportdata",
    "welfareplan.core.textdiff",
    "welfareplan.workflow.master.audit_log",
    "welfareplan.workflow.master.backups",
    "welfareplan.workflow.master.departments",
    "welfareplan.workflow.plans.plan_edit",
    "welfareplan.workflow.returns.apply",
    "welfareplan.workflow.returns.compare",
    "welfareplan.workflow.returns.conflicts",
    "welfareplan.workflow.rounds.lifecycle",
    "welfareplan.workflow.rounds.opinions",
    "welfareplan.workflow.status",
)


def file_kind(path: Path) -> FileKind | None:
    """The kind recorded in ``path`` (None for anything unreadable: opening it will say why)."""
    try:
        con = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            row = con.execute("SELECT value FROM wp_meta WHERE key = 'file_kind'").fetchone()
        finally:
            con.close()
        return FileKind(row[0]) if row else None
    except (sqlite3.Error, ValueError, OSError):
        return None


@cache  # main() and run_gui() both call it; the file is read once
def preload_for(path: Path | None) -> None:
    """Import the division's services when ``path`` is a master workbook."""
    if path is not None and file_kind(Path(path)) is FileKind.WORKBOOK:
        for name in DIVISION_SERVICES:
            importlib.import_module(name)
