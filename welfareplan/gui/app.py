"""Starting the GUI: the application object, Japanese translations, fonts, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from welfareplan import APP_NAME, __version__
from welfareplan.core.settings import Settings
from welfareplan.gui.qtpaths import translation_dirs
from welfareplan.gui.style import apply_zoom


def install_japanese_translations(app: QApplication) -> list[QTranslator]:
    """Load Qt's own Japanese strings (OK/キャンセル, 印刷ダイアログ …)."""
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    loaded = []
    for name in ("qtbase_ja", "qt_ja"):
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in translation_dirs()):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def create_application(argv: list[str] | None = None) -> QApplication:
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
    app = create_application()
    settings = Settings.load()
    apply_zoom(app, settings.zoom)
    from welfareplan.gui.icons import app_icon
    from welfareplan.gui.main_window import MainWindow

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
    if getattr(sys, "frozen", False):
        from welfareplan.gui.qtpaths import add_plugin_paths

        add_plugin_paths()
    if {"--self-test", "--startup-check"} & set(sys.argv[1:]):
        from welfareplan.gui.selftest import main as diagnostics

        return diagnostics(sys.argv[1:])
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    return run_gui(Path(args[0]) if args else None, demo="--demo" in sys.argv)
