"""The division window on a server master (issue 17 goal 5): its first paint loads what it
shows, as the file master's does (tests/gui/test_startup_imports.py).

Reaching a server needs SQLAlchemy's engine and psycopg (with asyncio): when the command line
names a server master they load before PySide6, whose ``__feature__`` hook would otherwise read
the source of each of them (gui/preload.py). The workbench's first tab reads with plain SQL
over the engine's connection: the ORM and the model load after the first paint, in the
background.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.gui.test_startup_imports import MASTER_WARM_UP_CHILD, WARMED_UP, last_line

SERVER_PAINT_CHILD = """
import json, sys
late = []  # modules first loaded once PySide6 is (a finder sees only modules not yet loaded)

class Watch:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if "PySide6" in sys.modules:
            late.append(name)
        return None

sys.meta_path.insert(0, Watch)
from welfareplan.gui.app import main
sys.argv[1:] = ["--startup-check", sys.argv[1]]
code = main()
heavy = [n for n in late if n.split(".")[0] in {"sqlalchemy", "psycopg", "asyncio", "email"}]
loaded = [m for m in ("sqlalchemy.orm", "welfareplan.core.model", "openpyxl", "docx") if m in sys.modules]
print(json.dumps([code, "welfareplan.gui.division.dashboard" in sys.modules, heavy[:10], loaded]))
"""


def test_server_master_first_paint_loads_no_orm_and_reads_the_driver_before_pyside6(
    demo_on_server: str, home: Path
) -> None:
    code, dashboard, scanned, loaded = json.loads(
        last_line(SERVER_PAINT_CHILD, demo_on_server, home=home)
    )
    assert code == 0 and dashboard
    assert scanned == [], f"loaded after PySide6 (each one's source is read): {scanned}"
    assert loaded == []


def test_server_master_loads_the_orm_in_the_background_after_the_first_paint(
    demo_on_server: str, home: Path
) -> None:
    painted, later = json.loads(last_line(MASTER_WARM_UP_CHILD, demo_on_server, home=home))
    assert painted is False
    assert later == WARMED_UP


def test_a_server_master_without_its_driver_still_starts_the_window() -> None:
    """A driver that cannot be imported (a broken installation) stops no start-up: connecting
    in the window says why, as it would without the preload."""
    child = (
        "import sys; sys.modules['psycopg'] = None; "  # importing it raises ImportError
        "from welfareplan.gui.preload import preload_for; "
        "preload_for('postgresql+psycopg://staff@server/master'); "
        "print('PRELOADED', 'welfareplan.workflow.status' in sys.modules)"
    )
    assert last_line(child) == "PRELOADED True"
