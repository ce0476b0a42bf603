"""Starting the GUI: the application object, Japanese translations, fonts, the main window.

PySide6 is imported inside the functions: :func:`main` first loads what the file named on the
command line will need (:mod:`welfareplan.gui.preload`), before PySide6's import hook is set up.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from welfareplan import APP_NAME, __version__
from welfareplan.core.settings import Settings
from welfareplan.gui.preload import preload_for

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication


def install_japanese_translations(app: QApplication) -> list[QTranslator]:
    """Load Qt's own Japanese strings (OK/キャンセル, 印刷ダイアログ …)."""
    from PySide6.QtCore import QLocale, QTranslator

    from welfareplan.gui.qtpaths import translation_dirs

    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    loaded = []
    for name in ("qtbase_ja", "qt_ja"):
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in translation_dirs()):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def create_application(argv: list[str] | None = None) -> QApplication:
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("welfareplan")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    install_japanese_translations(app)
    return app


def run_gui(file: Path | None = None, *, demo: bool = False) -> int:
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
        window.open_path(Path(file))
    elif demo:
        window.open_demo(department=True)
    return int(app.exec())


def main() -> int:
    """Entry point of the windowed executable (``welfareplan-gui`` / ``welfareplan.exe``)."""
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    file = Path(args[0]) if args else None
    preload_for(file)
    if getattr(sys, "frozen", False):
        from welfareplan.gui.qtpaths import add_plugin_paths

        add_plugin_paths()
    if {"--self-test", "--startup-check"} & set(sys.argv[1:]):
        from welfareplan.gui.selftest import main as diagnostics

        return diagnostics(sys.argv[1:])
    return run_gui(file, demo="--demo" in sys.argv)
