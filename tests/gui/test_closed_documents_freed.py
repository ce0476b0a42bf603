"""A file closed in the main window is freed: nothing keeps its document (and with it the
workbook's engine, its caches and the views' data) alive. A reference the garbage collector
cannot see — a Qt connection to a slot that holds the document — would keep every file opened
in a day's use in memory (bench_memory's day-of-use row)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from welfareplan.gui.tasks import tasks_running

#: The window warms up 300 ms after a file opens (gui/warm_up.py): a user's file is open
#: longer than that.
WARMED_UP_MS = 500


def warmed_up(qtbot) -> None:  # type: ignore[no-untyped-def]
    """As long as a user keeps a file open: the warm-up ran, its background work is done and
    handed back (a running task holds what it works on)."""
    qtbot.wait(WARMED_UP_MS)
    qtbot.waitUntil(lambda: not tasks_running(), timeout=20000)
    qtbot.wait(200)


def test_a_document_closed_in_the_window_is_freed(window, qtbot, master: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(master, remember=False)
    warmed_up(qtbot)
    first = weakref.ref(window.document)
    assert window.open_path(master, remember=False)  # the same file again: the first is closed
    warmed_up(qtbot)
    assert window.document is not first()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the old view
    gc.unfreeze()  # the window freezes what is alive after opening (gui/warm_up.py)
    gc.collect()
    assert first() is None, [type(r).__qualname__ for r in gc.get_referrers(first())]


def test_closing_the_file_frees_its_document(window, qtbot, master: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(master, remember=False)
    warmed_up(qtbot)
    document = weakref.ref(window.document)
    assert window.close_document()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.unfreeze()
    gc.collect()
    assert document() is None


def test_a_closed_document_is_not_kept_frozen(window, qtbot, master: Path) -> None:  # type: ignore[no-untyped-def]
    """The window freezes what is alive once a file is open (out of the collector's full
    scans); a document frozen that way, once closed, must still be collected when the next
    file warms up — else the cycles of every file opened in a day stay in memory."""
    assert window.open_path(master, remember=False)
    # its engine (the division's tabs use it): SQLAlchemy's engine, pool and event listeners
    # refer to each other, so only the collector can free them
    engine = weakref.ref(window.document.workbook.engine)
    warmed_up(qtbot)  # frozen with everything else alive now
    assert window.open_path(master, remember=False)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the old view
    warmed_up(qtbot)  # the second file warms up
    gc.collect()
    assert engine() is None


def test_the_first_warm_up_keeps_what_start_up_froze(  # type: ignore[no-untyped-def]
    window, qtbot, master: Path, monkeypatch
) -> None:
    """What start-up loaded is frozen (gui/preload.py): the first file's warm-up collects only
    what is not (a shorter pause on the UI thread); the next file's thaws everything first, so
    that the first file's cycles are collected."""
    from welfareplan.gui import warm_up

    thawed: list[bool] = []
    unfreeze = gc.unfreeze
    monkeypatch.setattr(warm_up, "_froze_a_file", [])  # as in a new process
    monkeypatch.setattr(gc, "unfreeze", lambda: (thawed.append(True), unfreeze())[1])
    assert window.open_path(master, remember=False)
    warmed_up(qtbot)
    assert thawed == []
    assert window.open_path(master, remember=False)
    warmed_up(qtbot)
    assert thawed == [True]
