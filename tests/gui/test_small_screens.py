"""Small screens (issue 15 item 2): at 1280×720 and at 125 % (a 1024×576 logical screen) the
window fits the screen, the status line shows and the inputs of the current project are all
visible without scrolling — with Koganei's form and with an eight-code form with numbers. The
window's place, its splitters and the last project come back next time, never off-screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.shaped_plans import OTHER_CITY, shaped

ROOT = Path(__file__).parents[2]


def probe(tmp_path: Path, file: Path, scale: str) -> dict:  # type: ignore[type-arg]
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {
                "synchronousWindowSystemEvents": False,
                "windowFrameMargins": False,
                "screens": [
                    {
                        "name": "s",
                        "x": 0,
                        "y": 0,
                        "width": 1280,
                        "height": 720,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ],
            }
        )
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=scale)
    png = tmp_path / f"window-{scale}.png"
    out = subprocess.run(
        [sys.executable, "-m", "tests.gui.screen_probe", str(file), str(png)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert png.stat().st_size > 0
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_koganei_inputs_fit(tmp_path: Path, dept_file: Path, scale: str) -> None:
    report = probe(tmp_path, dept_file, scale)
    assert report["screen"] == ([1280, 720] if scale == "1" else [1024, 576])
    assert report["window"] == report["screen"]  # sized to the screen, not 1280×820
    assert report["window_on_screen"] and report["status_on_screen"]
    assert report["inputs"] == 3 and report["inputs_hidden"] == [] and report["scrolled"] == 0


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_eight_codes_and_numbers_fit(tmp_path: Path, scale: str) -> None:
    path = shaped(tmp_path, OTHER_CITY, 2025).file("福祉総務課")
    report = probe(tmp_path, path, scale)
    assert report["window_on_screen"] and report["status_on_screen"]
    assert report["inputs"] == 5 and report["inputs_hidden"] == [] and report["scrolled"] == 0


def test_place_splitters_and_last_project_are_remembered(qtbot, dept_file: Path) -> None:  # type: ignore[no-untyped-def]
    from welfareplan.core.settings import Settings
    from welfareplan.gui.main_window import MainWindow

    settings = Settings()
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.setGeometry(40, 50, 700, 500)
    assert w.open_path(dept_file)
    view = w.view
    view.select_entry(view.worklist.items[4].entry_id)
    handle = view.ui.splitter.handle(1)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=QPoint(2, 100))
    qtbot.mouseMove(handle, QPoint(-60, 100))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=QPoint(-60, 100))
    sizes = view.ui.splitter.sizes()
    qtbot.mouseClick(view.editor.ui.referenceToggle, Qt.MouseButton.LeftButton)
    assert not view.editor.ui.referenceScroll.isVisible()
    placed = w.geometry()
    w.close()

    again = MainWindow(Settings.load())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    got = again.geometry()
    assert abs(got.width() - placed.width()) <= 20 and abs(got.height() - placed.height()) <= 20
    assert abs(got.x() - placed.x()) <= 40 and abs(got.y() - placed.y()) <= 40
    assert again.open_path(dept_file)
    assert again.view.current_id == view.worklist.items[4].entry_id
    assert again.view.ui.splitter.sizes()[0] == sizes[0]
    assert not again.view.editor.ui.referenceScroll.isVisible()
    again.close()


def test_a_remembered_place_on_a_gone_screen_is_not_used(qtbot) -> None:  # type: ignore[no-untyped-def]
    from welfareplan.core.settings import Settings
    from welfareplan.gui.main_window import MainWindow
    from welfareplan.gui.window_place import remember_window

    settings = Settings()
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(5000, 3000, 900, 600)  # on a second monitor, since unplugged
    remember_window(first, settings)
    first.hide()
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    screen = QApplication.primaryScreen().availableGeometry()
    frame = w.frameGeometry()
    assert frame.top() >= screen.top() and screen.contains(frame.center())
    assert screen.intersected(frame).width() >= min(frame.width(), screen.width()) - 2
