"""Starting the GUI: the application object (:mod:`welfareplan.gui.application`), zoom, icon,
the main window — or, with ``--self-test`` / ``--startup-check``, the diagnostics
(:mod:`welfareplan.gui.selftest`, :mod:`welfareplan.gui.startup_check`).

PySide6 is imported inside the functions: :func:`main` first loads what the file named on the
command line will need (:mod:`welfareplan.gui.preload`), before PySide6's import hook is set up.
"""

from __future__ import annotations

import sys
from pathlib import Path

from welfareplan.core.settings import Settings
from welfareplan.gui.application import create_application
from welfareplan.gui.command_line import named_masters, open_named
from welfareplan.gui.preload import preload_for


def run_gui(file: Path | str | None = None, *, demo: bool = False) -> int:
    """The window, opening ``file`` — a path, or the URL of a server master — or the demo."""
    preload_for(file)
    app = create_application()
    settings = Settings.load()
    from welfareplan.gui.error_reporter import install_error_reporter
    from welfareplan.gui.icons import app_icon
    from welfareplan.gui.main_window import MainWindow
    from welfareplan.gui.style import apply_zoom

    install_error_reporter()  # uncaught exceptions: a message box and the log, never lost
    apply_zoom(app, settings.zoom)
    app.setWindowIcon(app_icon())
    window = MainWindow(settings)
    window.show()
    if file is not None:
        open_named(window, file)
    elif demo:
        window.open_demo(department=True)
    return int(app.exec())


def main() -> int:
    """Entry point of the windowed executable (``welfareplan-gui`` / ``welfareplan.exe``)."""
    named = named_masters(sys.argv[1:])
    file = named[0] if named else None
    preload_for(file)
    if getattr(sys, "frozen", False):
        from welfareplan.gui.qtpaths import add_plugin_paths

        add_plugin_paths()
    if "--startup-check" in sys.argv[1:]:
        from welfareplan.gui.startup_check import main as check

        return check(sys.argv[1:])
    if "--self-test" in sys.argv[1:]:
        from welfareplan.gui.selftest import main as diagnostics

        return diagnostics(sys.argv[1:])
    return run_gui(file, demo="--demo" in sys.argv)
