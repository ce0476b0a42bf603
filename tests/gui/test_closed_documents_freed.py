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

#: The window warms up 300 ms after a file opens (MainWindow._warm_up): a user's file is open
#: longer than that.
WARMED_UP_MS = 500


def test_a_document_closed_in_the_window_is_freed(window, qtbot, master: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(master, remember=False)
    qtbot.wait(WARMED_UP_MS)
    first = weakref.ref(window.document)
    assert window.open_path(master, remember=False)  # the same file again: the first is closed
    qtbot.wait(WARMED_UP_MS)
    assert window.document is not first()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the old view
    gc.unfreeze()  # the window freezes what is alive after opening (MainWindow._warm_up)
    gc.collect()
    assert first() is None, [type(r).__qualname__ for r in gc.get_referrers(first())]


def test_closing_the_file_frees_its_document(window, qtbot, master: Path) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(master, remember=False)
    qtbot.wait(WARMED_UP_MS)
    document = weakref.ref(window.document)
    assert window.close_document()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.unfreeze()
    gc.collect()
    assert document() is None
