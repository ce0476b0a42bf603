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


def last_line(code: str, *args: Path | str, home: Path | None = None) -> str:
    """Run ``code`` in a fresh offscreen Python (its own profile folder); its last output line."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if home is not None:
        env["WELFAREPLAN_HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def test_window_start_up_imports_the_core_before_pyside6() -> None:
    scanned = json.loads(last_line(CHILD))
    # the hook ran: the GUI modules imported after PySide6 are in its table
    assert "welfareplan.gui.department_view" in scanned
    heavy = [name for name in scanned if name.split(".")[0] in {"sqlalchemy", "asyncio", "email"}]
    assert heavy == [], f"imported after PySide6 (each one's source is read): {heavy[:10]}"


DEPARTMENT_CHILD = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from welfareplan.gui.application import create_application
from welfareplan.gui.main_window import MainWindow
from welfareplan.core.entry_values import EntryValues
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
result = save_entry(
    window.document.workbook,
    item.entry_id,
    EntryValues(result="実績", rating="A", outlook="展望"),
)
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
    assert last_line(DEPARTMENT_CHILD, dept_file, home=home) == "LOADED False"


LATER_THAN_FIRST_PAINT = (
    "welfareplan.core.editing",  # the save path: at the first save (or the warm-up after paint)
    "welfareplan.core.rebase",  # only when the original changed underneath
    "decimal",  # only for a form with number fields
    "welfareplan.selftest",  # --self-test only; --startup-check is what a user's start loads
    "sqlalchemy",
    "welfareplan.gui.server_open",  # a file's start-up never loads the server modules
    "psycopg",
)

DEPARTMENT_PAINT_CHILD = f"""
import json, sys
from welfareplan.gui.app import main
sys.argv[1:] = ["--startup-check", sys.argv[1]]
code = main()
print(json.dumps([code, [m for m in {list(LATER_THAN_FIRST_PAINT)!r} if m in sys.modules]]))
"""


#: what a bare interpreter of the same environment has loaded already (CI measures coverage in
#: every child process, and coverage imports decimal itself)
BARE_CHILD = f"""
import json, sys
print(json.dumps([m for m in {list(LATER_THAN_FIRST_PAINT)!r} if m in sys.modules]))
"""


def test_department_window_first_paint_loads_only_what_it_shows(
    dept_file: Path, home: Path
) -> None:
    """The department file is shown (the Koganei form: no number fields) without the save
    path, the rebase of a changed original, the decimal module or the self-test."""
    code, loaded = json.loads(last_line(DEPARTMENT_PAINT_CHILD, dept_file, home=home))
    already = json.loads(last_line(BARE_CHILD))
    assert code == 0 and [m for m in loaded if m not in already] == []


def test_preload_reads_the_kind_and_imports_no_qt(demo_copy: Path, dept_file: Path) -> None:
    child = (
        "import sys; from pathlib import Path; from welfareplan.gui.preload import file_kind; "
        "print([str(file_kind(Path(p))) for p in sys.argv[1:]], 'PySide6' in sys.modules)"
    )
    paths = [demo_copy, dept_file, Path(__file__), demo_copy.with_name("none.wpdb")]
    assert last_line(child, *paths) == "['workbook', 'department', 'None', 'None'] False"


MASTER_PAINT_CHILD = """
import json, sys
from welfareplan.gui.app import main
sys.argv[1:] = ["--startup-check", sys.argv[1]]
code = main()
loaded = [m for m in ("sqlalchemy", "welfareplan.core.model", "openpyxl", "docx") if m in sys.modules]
print(json.dumps([code, "welfareplan.gui.division.dashboard" in sys.modules, loaded]))
"""


def test_master_workbook_first_paint_loads_no_orm_and_no_export_library(
    demo_copy: Path, home: Path
) -> None:
    """The workbench opens on 状況, read with plain SQL: the ORM (half a second, ~15 MB) and
    the export libraries load only when a tab, dialog or task needs them."""
    code, dashboard, loaded = json.loads(last_line(MASTER_PAINT_CHILD, demo_copy, home=home))
    assert code == 0 and dashboard
    assert loaded == []


#: what a master's warm-up loads in the background after the first paint (gui/warm_up.py)
WARMED_UP = ["sqlalchemy.orm", "welfareplan.core.model", "welfareplan.workflow.returns.apply"]

MASTER_WARM_UP_CHILD = f"""
import json, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from welfareplan.gui.application import create_application
from welfareplan.gui.main_window import MainWindow
from welfareplan.gui.tasks import tasks_running
from welfareplan.core.settings import Settings

app = create_application()
window = MainWindow(Settings())
window.resize(1280, 800)
window.show()
if "://" in sys.argv[1]:  # a server master (tests/gui/test_server_startup_imports.py)
    from welfareplan.gui.server_open import open_server
    assert open_server(window, sys.argv[1]) == ""
else:
    assert window.open_path(Path(sys.argv[1]), remember=False)
app.processEvents()
painted = "welfareplan.core.model" in sys.modules
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.02)
    if "welfareplan.core.model" in sys.modules and not tasks_running():
        break
later = [m for m in {WARMED_UP!r} if m in sys.modules]
window.close()
print(json.dumps([painted, later]))
"""


def test_master_workbook_loads_the_orm_in_the_background_after_the_first_paint(
    demo_copy: Path, home: Path
) -> None:
    """The ORM and the services of the workbench's other tabs are not loaded for the first
    paint, but right after it in the background: the first click on another tab does not wait."""
    painted, later = json.loads(last_line(MASTER_WARM_UP_CHILD, demo_copy, home=home))
    assert painted is False
    assert later == WARMED_UP
