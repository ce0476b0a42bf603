"""Start-up import order: the core loads before PySide6's import hook can scan it.

Once PySide6 is imported, its ``__feature__`` hook reads the source of every module imported
afterwards (see welfareplan/gui/__init__.py); the window's start-up imports the GUI through
``welfareplan.gui.app``, so SQLAlchemy and the core must already be loaded by then.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, sys
import welfareplan.gui.main_window
from welfareplan.gui.app import main
scanned = sys.modules["shibokensupport.feature"].pyside_feature_dict
print(json.dumps(sorted(scanned)))
"""


def test_window_start_up_imports_the_core_before_pyside6() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, check=True, timeout=120
    )
    scanned = json.loads(done.stdout.strip().splitlines()[-1])
    # the hook ran: the GUI modules imported after PySide6 are in its table
    assert "welfareplan.gui.department_view" in scanned
    heavy = [name for name in scanned if name.split(".")[0] in {"sqlalchemy", "asyncio", "email"}]
    assert heavy == [], f"imported after PySide6 (each one's source is read): {heavy[:10]}"


DEPARTMENT_CHILD = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from welfareplan.gui.app import create_application
from welfareplan.gui.main_window import MainWindow
from welfareplan.core.checks import EntryValues
from welfareplan.core.editing import save_entry
from welfareplan.core.settings import Settings
from welfareplan.core.submission import submit

app = create_application()
window = MainWindow(Settings())
window.show()
assert window.open_path(Path(sys.argv[1]), remember=False)
app.processEvents()
view = window.view
item = view.worklist.items[0]
result = save_entry(window.document.workbook, item.entry_id, EntryValues("実績", "A", "展望"))
assert result.changed == ("result", "rating", "outlook"), result
state = submit(window.document.workbook, "山田 花子")
assert state.submitted_by == "山田 花子"
window.close()
print("LOADED", "sqlalchemy" in sys.modules)
"""


def test_department_window_opens_saves_and_submits_without_sqlalchemy(
    dept_file: Path, home: Path
) -> None:
    """The department window reads and writes its file with plain sqlite3: SQLAlchemy (a
    third of a bare start) loads only for the division's work, exports and printing."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WELFAREPLAN_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-c", DEPARTMENT_CHILD, str(dept_file)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "LOADED False"
