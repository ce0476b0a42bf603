"""What opening a file in the window will need, imported before PySide6 is.

PySide6's ``__feature__`` import hook reads the source of every module imported after PySide6
(see :mod:`welfareplan.gui`). The department window needs only the light core, which the
package imports first; a master workbook opens the workbench on 状況, whose first paint reads
the rounds and the departments' state with plain SQL. When the file named on the command line
is a master workbook, those few services are loaded here, before the application object
exists, instead of under the hook; for a server master also what connecting to it imports
(:data:`SERVER_SERVICES`), as any program on a server master must. The SQLAlchemy ORM (half a second and ~15 MB) is not: it
loads when a tab, dialog or task that changes the workbook first needs it.

This module imports no PySide6 (tests/gui/test_startup_imports.py).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import sqlite3
from functools import cache
from pathlib import Path

from welfareplan.core.fileformat import FileKind, readonly_uri

#: The Qt-free services of the workbench's first paint (welfareplan/gui/division/dashboard.py).
DIVISION_SERVICES: tuple[str, ...] = (
    "welfareplan.core.ratingcounts",
    "welfareplan.workflow.rounds.round_list",
    "welfareplan.workflow.status",
    "welfareplan.workflow.status_table",
)

#: What reaching a server master imports — SQLAlchemy's engine, its psycopg dialect, psycopg
#: (with asyncio, email, ssl …) — and the master's checks: ~280 modules, loaded before PySide6
#: when the command line names a server master (under the hook they would cost ~15 MB more).
#: The ORM is not among them: a server master's first paint reads with plain SQL too.
SERVER_SERVICES: tuple[str, ...] = (
    "sqlalchemy",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg",
    "welfareplan.core.serverbook",
    "welfareplan.core.serverroles",
)

#: What the workbench's other tabs, dialogs and tasks use: imported in the background once the
#: window is up (gui/warm_up.py), so that neither start-up nor the
#: first click on another tab waits for the ORM.
DIVISION_LATER: tuple[str, ...] = (
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
def preload_for(path: Path | str | None) -> None:
    """Import the workbench's first services when ``path`` is a master workbook (a file, or
    the URL of a server master)."""
    from welfareplan.core.serverdb import is_server_url

    server = path is not None and is_server_url(path)
    if server or (path is not None and file_kind(Path(path)) is FileKind.WORKBOOK):
        for name in SERVER_SERVICES if server else ():
            with contextlib.suppress(ImportError):  # connecting says so, in the window
                importlib.import_module(name)
        for name in DIVISION_SERVICES:
            importlib.import_module(name)
        # the modules loaded so far live as long as the process: out of the collector's full
        # scans (the window's first warm-up collects what is not frozen, gui/warm_up.py)
        gc.freeze()
