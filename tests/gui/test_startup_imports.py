"""Start-up import order: the core loads before PySide6's import hook can scan it.

Once PySide6 is imported, its ``__feature__`` hook reads the source of every module imported
afterwards (see welfareplan/gui/__init__.py); the window's start-up imports the GUI through
``welfareplan.gui.app``, so SQLAlchemy and the core must already be loaded by then.
"""

from __future__ import annotations

import json
import subprocess
import sys

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
