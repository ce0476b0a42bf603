"""Returned files read side by side (issue 17): the same results in the same order as reading
them one by one, one reader's failure rejects only its file, and cancelling stops the readers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.workflow.conftest import Cycle
from welfareplan.workflow.progress import OperationCancelled, Steps
from welfareplan.workflow.returns import read_many


def _files(cycle: Cycle) -> list[Path]:
    files = sorted(cycle.out.glob("*.wpdb"))
    assert len(files) >= 4
    return files


def _summary(read: list[read_many.Read]) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, rf.sha256 if rf else None, err.code if err else None) for p, rf, err in read]


def test_threads_read_what_one_reader_reads_in_the_same_order(
    cycle: Cycle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(cycle)
    messages: list[str] = []
    together = read_many.read_all(
        files, tmp_path, Steps(len(files), lambda d, t, m: messages.append(m))
    )
    monkeypatch.setattr(read_many, "MAX_READERS", 1)
    alone = read_many.read_all(files, tmp_path, Steps(len(files)))
    assert _summary(together) == _summary(alone)
    assert all(rf is not None for _, rf, _ in together)
    assert messages == [f"{p.name} を確認しています" for p in files]


def test_a_reader_that_breaks_rejects_only_its_file(
    cycle: Cycle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(cycle)
    real = read_many.read_returned
    broken = files[1]

    def reader(path: Path, workdir: Path) -> object:
        if path == broken:
            raise KeyError("a reader's bug")
        return real(path, workdir)

    monkeypatch.setattr(read_many, "read_returned", reader)
    monkeypatch.setattr("welfareplan.core.crashlog.write_crash_report", lambda exc: None)
    read = read_many.read_all(files, tmp_path, Steps(len(files)))
    assert [p for p, rf, _ in read if rf is None] == [broken]
    (err,) = [e for p, _, e in read if p == broken]
    assert err is not None and err.code == "unreadable-content" and "KeyError" in err.message


def test_cancelling_stops_the_readers(cycle: Cycle, tmp_path: Path) -> None:
    files = _files(cycle)
    steps: list[str] = []
    with pytest.raises(OperationCancelled):
        read_many.read_all(
            files,
            tmp_path,
            Steps(len(files), lambda d, t, m: steps.append(m), lambda: len(steps) >= 2),
        )
    assert len(steps) == 2
    assert not [t for t in threading.enumerate() if t.name.startswith("wp-read")]
