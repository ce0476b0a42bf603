"""The Qt application object: its names, and Qt's own Japanese strings.

PySide6 is imported inside the functions, as in :mod:`welfareplan.gui.app`, so that importing
this module does not load Qt before :mod:`welfareplan.gui.preload` has run.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from welfareplan import APP_NAME, __version__

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
