"""GUI fixtures for the reliability suite (the ones of tests/gui) and a guard that records and
closes any dialog a test did not expect, so that it fails instead of hanging."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tests.gui.conftest import (  # noqa: F401  (fixtures used by these tests)
    _japanese_app,
    answer,
    dept_file,
    qapp_cls,
    share,
    window,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


def dialog_text(dialog: QWidget) -> str:
    if isinstance(dialog, QMessageBox):
        return f"{dialog.windowTitle()}\n{dialog.text()}\n{dialog.informativeText()}\n{dialog.detailedText()}"
    return dialog.windowTitle()


class DialogGuard:
    """Records the text of every message box that opens and closes those nobody answers."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.unexpected: list[str] = []
        self._known: set[int] = set()
        self._timer = QTimer()
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        self._ticks: dict[int, int] = {}

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QMessageBox):
            return
        key = id(dialog)
        if key not in self._known:
            self._known.add(key)
            self.seen.append(dialog_text(dialog))
        # the answer fixture acts within 20 ms; a box still open after a second is unexpected
        self._ticks[key] = self._ticks.get(key, 0) + 1
        if self._ticks[key] >= 5:
            self.unexpected.append(dialog_text(dialog))
            dialog.reject()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def dialogs(qapp: QApplication) -> Iterator[DialogGuard]:
    guard = DialogGuard()
    yield guard
    guard.stop()
    assert not guard.unexpected, f"unexpected dialogs: {guard.unexpected}"


def db_result(path: Path, number: int) -> str:
    """The FY2025 result of project ``number`` as stored in the file at ``path``."""
    con = sqlite3.connect(path)
    try:
        return str(
            con.execute(
                "SELECT COALESCE(v.value, '') FROM entry e JOIN project p ON p.id = e.project_id "
                "JOIN round r ON r.id = e.round_id "
                "LEFT JOIN entry_value v ON v.entry_id = e.id AND v.field = 'result' "
                "WHERE p.label = ? AND r.fiscal_year = 2025",
                (str(number),),
            ).fetchone()[0]
        )
    finally:
        con.close()
