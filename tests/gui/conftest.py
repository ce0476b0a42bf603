"""GUI test fixtures: an isolated profile, a department file, the main window, dialog answers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.helpers.department_file import make_department_file


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, working copies and logs of this test in its own profile folder."""
    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="session")
def qapp_cls():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(autouse=True)
def _japanese_app(qapp: QApplication) -> None:
    from welfareplan.gui.application import install_japanese_translations
    from welfareplan.gui.style import apply_zoom

    if not getattr(qapp, "_wp_ready", False):
        install_japanese_translations(qapp)
        qapp._wp_ready = True  # type: ignore[attr-defined]
    apply_zoom(qapp, 100)


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "共有 フォルダ" / "令和7年度"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def dept_file(demo_master: Path, share: Path) -> Path:
    return make_department_file(demo_master, share / "R7_地域福祉課.wpdb")


@pytest.fixture
def master(demo_master: Path, tmp_path: Path) -> Path:
    """A copy of the demo master in a shared folder, with FY2025 open (the workbench tests)."""
    from tests.gui.workbench import make_master

    return make_master(demo_master, tmp_path)


def new_window(qtbot):  # type: ignore[no-untyped-def]
    """A main window shown at 1300×850 (two of them: two users on one server master)."""
    from welfareplan.core.settings import Settings
    from welfareplan.gui.main_window import MainWindow

    w = MainWindow(Settings())
    qtbot.addWidget(w)
    # the offscreen screen (800×800) is small: the window would open maximised
    # (gui/window_place.py); the tests use a window of their own size
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture(params=["file", "server"])
def backend(request: pytest.FixtureRequest) -> object:
    """Where a workbench test opens its master (tests/gui/workbench.py:open_workbench): the
    file (None), or its copy on the test server (the cluster; issue 16)."""
    if request.param == "file":
        return None
    return request.getfixturevalue("pg_cluster")


@pytest.fixture
def window(qtbot, home: Path):  # type: ignore[no-untyped-def]
    w = new_window(qtbot)
    yield w
    w.close()


DialogAction = Callable[[QWidget], None]


@pytest.fixture
def answer(qtbot):  # type: ignore[no-untyped-def]
    """``answer(action)``: when the next modal dialog opens, run ``action(dialog)`` on it."""
    pending: list[DialogAction] = []
    seen: list[QWidget] = []

    def poll() -> None:
        from PySide6.QtWidgets import QProgressDialog

        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QProgressDialog):
            dialog = None  # progress of background work is not a question to the user
        if dialog is not None and dialog not in seen and pending:
            seen.append(dialog)
            action = pending.pop(0)
            action(dialog)
        if pending:
            QTimer.singleShot(20, poll)

    def schedule(action: DialogAction) -> None:
        pending.append(action)
        if len(pending) == 1:
            QTimer.singleShot(20, poll)

    yield schedule
    assert not pending, "a dialog that the test expected never opened"


def click_button(dialog: QWidget, text: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton

    for button in dialog.findChildren(QAbstractButton):
        if button.text().replace("&", "") == text and button.isVisible():
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            return
    names = [b.text() for b in dialog.findChildren(QAbstractButton)]
    raise AssertionError(f"no button {text!r} in dialog (buttons: {names})")


def iter_leaves(window) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from welfareplan.gui.project_tree import iter_entry_items

    yield from iter_entry_items(window.view.ui.projectTree)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a Japanese user: ASCII as key clicks, Japanese through the IME
    (a composition with preedit text, then its commit), newlines as Return."""
    import re

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent

    for chunk in re.findall(r"\n|[\x20-\x7e]+|[^\x20-\x7e\n]+", text):
        if chunk == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            QApplication.sendEvent(widget, QInputMethodEvent(chunk, []))  # composing…
            commit = QInputMethodEvent("", [])
            commit.setCommitString(chunk)
            QApplication.sendEvent(widget, commit)


def wait_saved(window, qtbot, *, timeout: int = 5000) -> None:  # type: ignore[no-untyped-def]
    """Until the window says 保存済み and everything has reached the file."""
    qtbot.waitUntil(
        lambda: (
            "保存済み" in window.save_label.text() and not window.document.has_unwritten_changes
        ),
        timeout=timeout,
    )
