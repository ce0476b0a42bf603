"""``welfareplan --startup-check FILE``: open FILE in the main window and quit as soon as the
event loop runs (exit status 0 if it opened) — the start-up the benchmarks measure
(benchmarks/bench_gui.py, bench_gui_scale.py, bench_bundle.py), and a quick way for IT staff
to see that a file opens.

It loads what a user's start loads and nothing more: the self-test
(:mod:`welfareplan.gui.selftest`, which uses the :class:`DialogWatch` here) is not imported.
The window opens with the user's settings and leaves them as they were (:class:`Unsaved`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from welfareplan.core.settings import Settings


class Unsaved(Settings):
    """The user's settings, never written back: a check leaves no trace in the profile."""

    def save(self) -> None:
        pass


class DialogWatch:
    """Closes any modal dialog that opens during the checks (it would wait for a click
    forever) and remembers its text, so a check can fail with it instead of hanging."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        text = dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle()
        self.seen.append(text or type(dialog).__name__)
        if isinstance(dialog, QDialog):
            dialog.done(QDialog.DialogCode.Rejected)  # close() is ignored without an escape button
        else:
            dialog.close()

    def stop(self) -> None:
        self._timer.stop()


def application() -> QApplication:
    """The application object as the windowed program makes it, at 100 % zoom."""
    from welfareplan.gui.application import create_application
    from welfareplan.gui.style import apply_zoom

    app = create_application()
    apply_zoom(app, 100)
    return app


def startup_check(path: Path | str) -> int:
    """Open ``path`` (a file, or the URL of a server master) as a user would and quit once the
    window is up (the same steps as the source-install start-up benchmark,
    benchmarks/bench_gui.py)."""
    from welfareplan.gui.command_line import open_named
    from welfareplan.gui.icons import app_icon
    from welfareplan.gui.main_window import MainWindow

    app = application()
    app.setWindowIcon(app_icon())
    window = MainWindow(Unsaved.load())
    window.show()
    watch = DialogWatch()  # it closes the box that says why the file did not open, and keeps it
    opened = open_named(window, path, remember=False)
    watch.stop()
    if opened:
        app.processEvents()  # painted: what the user sees
        print("WP_SHOWN", repr(time.time()), flush=True)
    QTimer.singleShot(0, window.close)
    QTimer.singleShot(0, app.quit)
    app.exec()
    if not opened:
        print(f"ファイルを開けませんでした: {path}（{' / '.join(watch.seen)}）", file=sys.stderr)
    return 0 if opened else 1


def main(argv: Sequence[str] = ()) -> int:
    """``--startup-check FILE`` (see the module docstring)."""
    from welfareplan.gui.command_line import named_masters

    files = named_masters(argv)
    if len(files) != 1:
        print("使い方: welfareplan --startup-check ファイル", file=sys.stderr)
        return 2
    return startup_check(files[0])
