"""Fixtures of the reliability suite: the workflow's cycles (a master with every department's
file and three Excel worksheets issued), an isolated profile, and a corpus environment."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.corpus import Env
from tests.workflow.conftest import (  # noqa: F401  (fixtures used by this suite)
    Cycle,
    SheetCycle,
    cycle_template,
    file_cycle,
    sheet_file_cycle,
    sheet_template,
)


@pytest.fixture
def cycle(file_cycle: Cycle) -> Cycle:  # noqa: F811
    """The workflow's cycle on a file master only: this suite is about files (their locks,
    journals and backups, a process killed, a full disk)."""
    return file_cycle


@pytest.fixture
def sheet_cycle(sheet_file_cycle: SheetCycle) -> SheetCycle:  # noqa: F811
    return sheet_file_cycle


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, working copies and logs in a profile folder of this test (with Japanese and
    spaces in its path, as in C:\\Users\\山田 花子\\AppData)."""
    folder = tmp_path / "山田 花子" / "AppData"
    monkeypatch.setenv("WELFAREPLAN_HOME", str(folder))
    return folder


@pytest.fixture
def env(sheet_cycle: SheetCycle, tmp_path: Path) -> Iterator[Env]:
    with contextlib.ExitStack() as stack:
        e = Env(sheet_cycle, tmp_path / "受付 フォルダ" / "令和7年度 返送", stack)
        e.snapshot()
        yield e
