"""PYSIDE-3474: PySide6 6.12.x on Python < 3.12 loses a reference to ``True`` on every signal
emission (threads or not) until the count runs out and the interpreter aborts. pyproject.toml
keeps PySide6 below 6.12 on those Pythons; this test fails on any wheel with the same defect,
so a lock or a pin that lets one in turns CI red instead of crashing a department's window.

With PySide6 6.12.0 on Python 3.11 both tests fail after their first 100 emissions: the
Python-defined signal loses a reference to its argument ``True`` each time, the built-in one
to ``None`` (its slot's return value). The emissions run in chunks and the counts are
checked after each, so such a wheel fails the test before the lost references abort the run. From Python 3.12 on ``True`` is immortal
(its count never changes) and the test still holds.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox

EMISSIONS = 10_000
CHUNK = 100
#: Unrelated code may take or drop a few references meanwhile; the defect loses one per
#: emission, a whole chunk's worth.
TOLERANCE = CHUNK // 2


class Emitter(QObject):
    flag = Signal(bool)


def assert_true_keeps_its_references(emit_one: Callable[[], None]) -> None:
    """Emit in chunks; after each, neither ``True`` nor ``None`` (which the same wheels also
    lose on some calls) may have lost references."""
    emit_one()  # warm-up: the connection's first call creates its caches
    before = sys.getrefcount(True), sys.getrefcount(None)
    for chunk in range(EMISSIONS // CHUNK):
        for _ in range(CHUNK):
            emit_one()
        drift = sys.getrefcount(True) - before[0], sys.getrefcount(None) - before[1]
        assert max(map(abs, drift)) < TOLERANCE, (
            f"after {(chunk + 1) * CHUNK} emissions the reference counts of True and None "
            f"moved by {drift}"
        )


def test_python_signal_emissions_keep_the_reference_count_of_true() -> None:
    emitter = Emitter()
    seen: Counter[bool] = Counter()
    emitter.flag.connect(lambda value: seen.update((value,)))
    assert_true_keeps_its_references(lambda: emitter.flag.emit(True))
    assert seen[True] == EMISSIONS + 1


def test_builtin_signal_emissions_keep_the_reference_count_of_true(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QCheckBox("確認")
    qtbot.addWidget(box)
    seen: Counter[bool] = Counter()
    box.toggled.connect(lambda checked: seen.update((checked,)))
    assert_true_keeps_its_references(box.toggle)  # toggled(bool): True, False, True …
    assert seen[True] + seen[False] == EMISSIONS + 1 and seen[True] > EMISSIONS // 3
