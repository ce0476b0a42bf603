"""What the window loads in the background right after a file is shown, so that neither
start-up nor the first save, print or click on another tab waits for it."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable

from welfareplan.core.fileformat import FileKind
from welfareplan.gui.document import Document
from welfareplan.gui.preload import DIVISION_LATER

#: not empty once a warm-up froze a file's objects: the next one thaws everything first
_froze_a_file: list[bool] = []


def warm_up(document: Document, still_open: Callable[[], bool]) -> None:
    """Load the save path and SQLAlchemy's engine (printing, exports) — and for a master
    workbook the ORM and the services of the workbench's other tabs — on a worker, unless
    ``document`` was closed meanwhile (``still_open``)."""
    from welfareplan.gui.tasks import run_task

    if not still_open():
        return
    # What is alive now lives as long as the window: keep it out of the garbage collector's
    # full scans, whose pauses (holding the GIL) would otherwise freeze the window while
    # an export or merge runs in the background. What an earlier file froze is thawed
    # first: once that file is closed its cycles (its engine, its views' data) are
    # garbage the collector never looks at while frozen. What start-up froze (gui/preload.py)
    # stays frozen until then: the first collection scans less (less time on the UI thread).
    if _froze_a_file:
        gc.unfreeze()
    gc.collect()
    gc.freeze()
    _froze_a_file[:] = [True]

    workbench = document.kind is FileKind.WORKBOOK

    def work(progress: object, cancelled: object) -> None:
        import welfareplan.core.editing  # noqa: F401 - the save path

        if workbench:  # the ORM and services of the workbench's other tabs
            for name in DIVISION_LATER:
                importlib.import_module(name)
        if still_open() and not document.read_only:
            _ = document.workbook.engine

    if workbench or not document.read_only:
        run_task(work)
