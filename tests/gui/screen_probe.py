"""Open a department file in the main window on the (offscreen) screen this process was given
and report, as JSON, whether the window, its status line and every input of the current
project are visible without scrolling; save a screenshot. Run by tests/gui/test_small_screens.py
in a subprocess with ``QT_QPA_PLATFORM=offscreen:configfile=…`` (and ``QT_SCALE_FACTOR``).

``python -m tests.gui.screen_probe FILE PNG``"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget


def _global(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def main(file: str, png: str) -> int:
    from welfareplan.core.settings import Settings
    from welfareplan.gui.application import install_japanese_translations
    from welfareplan.gui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    install_japanese_translations(app)
    window = MainWindow(Settings())
    window.show()
    assert window.open_path(Path(file), remember=False)
    for _ in range(20):
        app.processEvents()
    view = window.view
    assert view is not None and not isinstance(view, type(None))
    editor = view.editor  # type: ignore[union-attr]
    screen = window.screen().availableGeometry()
    viewport = view.ui.editorScroll.viewport()  # type: ignore[union-attr]
    shown = _global(viewport)
    hidden = [
        w.objectName()
        for w in editor.tab_stops()
        if not shown.contains(_global(w)) or not w.isVisible()
    ]
    report = {
        "screen": [screen.width(), screen.height()],
        "window": [window.frameGeometry().width(), window.frameGeometry().height()],
        "window_on_screen": screen.contains(window.frameGeometry()),
        "status_on_screen": screen.contains(_global(window.statusBar())),
        "scrolled": view.ui.editorScroll.verticalScrollBar().value(),  # type: ignore[union-attr]
        "inputs_hidden": hidden,
        "inputs": len(editor.tab_stops()),
    }
    window.grab().save(png)
    print(json.dumps(report))
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
