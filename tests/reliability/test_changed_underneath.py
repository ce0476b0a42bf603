"""The working copy's catch-up with an original changed underneath (issue 13, item 2), without
the window: row by row, what is merged, what is refused and how it is named."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.helpers.department_edits import fill
from tests.reliability.cycle import rows
from tests.workflow.conftest import Cycle
from welfareplan.core.storage import Workbook
from welfareplan.core.workcopy import ReplacedError, WorkingCopy
from welfareplan.workflow.master.departments import add_department, rename_department


def _edit_local(wc: WorkingCopy, action) -> None:  # type: ignore[no-untyped-def]
    with Workbook.open(wc.local) as wb:
        action(wb)
    wc.mark_dirty()


def department_names(path: Path) -> list[str]:
    return sorted(str(r[0]) for r in rows(path, "SELECT name FROM department"))


def _behind_its_back(path: Path, action) -> None:  # type: ignore[no-untyped-def]
    with Workbook.open(path) as wb:  # ignores the lock, as another program would
        action(wb)


def test_both_sides_added_different_rows(cycle: Cycle) -> None:
    wc = WorkingCopy.open(cycle.master)
    _edit_local(wc, lambda wb: add_department(wb, "私が追加した課"))
    _behind_its_back(cycle.master, lambda wb: add_department(wb, "同時に追加された課"))
    with pytest.raises(ReplacedError):
        wc.write_back()
    outcome = wc.catch_up()
    assert outcome.merged and not outcome.would_lose
    assert (
        set(outcome.theirs) == set(outcome.ours) == {"担当課 1 件の追加", "変更の記録 1 件の追加"}
    )
    wc.write_back()
    names = department_names(cycle.master)
    assert "私が追加した課" in names and "同時に追加された課" in names
    con = sqlite3.connect(cycle.master)
    actions = [r[0] for r in con.execute("SELECT action FROM audit_event ORDER BY id")]
    con.close()
    assert actions[-2:] == ["department-add", "department-add"]  # ours renumbered after theirs
    wc.close()


def test_the_same_name_taken_on_both_sides_is_not_merged(cycle: Cycle) -> None:
    """Both added a department of the same name (a unique rule of the file): nothing is
    merged, the reason says so, and both states are untouched."""
    wc = WorkingCopy.open(cycle.master)
    _edit_local(wc, lambda wb: add_department(wb, "同じ名前の課"))
    _behind_its_back(cycle.master, lambda wb: add_department(wb, "同じ名前の課"))
    theirs, local = sha256(cycle.master), sha256(wc.local)
    outcome = wc.catch_up()
    assert not outcome.merged
    assert "名前の重複" in outcome.reason
    assert set(outcome.would_lose) == {"担当課 1 件の追加", "変更の記録 1 件の追加"}
    assert sha256(cycle.master) == theirs and sha256(wc.local) == local
    wc.close()


def test_the_same_row_changed_on_both_sides_is_named(cycle: Cycle) -> None:
    wc = WorkingCopy.open(cycle.master)
    _edit_local(wc, lambda wb: rename_department(wb, "健康課", "健康推進課"))
    _behind_its_back(cycle.master, lambda wb: rename_department(wb, "健康課", "健康づくり課"))
    outcome = wc.catch_up()
    assert not outcome.merged
    assert "あなたの入力と同じ箇所が変更されています（" in outcome.reason
    assert "担当課 1 件の変更" in outcome.reason and "担当課 1 件の変更" in outcome.would_lose
    wc.close()


def test_an_entry_changed_in_a_department_file_is_named_by_project(
    cycle: Cycle, tmp_path: Path
) -> None:
    original = cycle.file("介護福祉課")
    wc = WorkingCopy.open(original)
    fill(wc.local, {9: {"result": "私の入力"}})
    wc.mark_dirty()
    theirs = Path(shutil.copy(original, tmp_path / "同僚.wpdb"))
    fill(theirs, {9: {"result": "同僚の入力"}, 10: {"rating": "B"}})
    shutil.copyfile(theirs, original)
    outcome = wc.catch_up()
    assert not outcome.merged
    assert "事業9 介護福祉課の事業実績・評価理由（変更）" in outcome.would_lose
    assert "事業10 介護福祉課の事業評価（変更）" in outcome.would_lose
    assert outcome.ours[0] == "事業9 介護福祉課の事業実績・評価理由（変更）"
    wc.close()


def test_without_the_base_everything_different_is_named(cycle: Cycle) -> None:
    """A session whose base copy is gone (an old leftover) cannot tell who changed what: all
    that differs is named as what overwriting would discard."""
    wc = WorkingCopy.open(cycle.master)
    _edit_local(wc, lambda wb: add_department(wb, "私が追加した課"))
    _behind_its_back(cycle.master, lambda wb: add_department(wb, "同時に追加された課"))
    wc.base.unlink()
    outcome = wc.catch_up()
    assert not outcome.merged and "区別できません" in outcome.reason
    assert "担当課 2 件の変更" not in outcome.would_lose
    assert any(line.startswith("担当課 ") for line in outcome.would_lose)
    wc.close()


def test_a_damaged_original_is_not_read_in_and_kept_before_overwriting(cycle: Cycle) -> None:
    wc = WorkingCopy.open(cycle.master)
    _edit_local(wc, lambda wb: add_department(wb, "私が追加した課"))
    data = cycle.master.read_bytes()
    cycle.master.write_bytes(data[: len(data) // 2])  # a copy cut off half way
    damaged = sha256(cycle.master)
    outcome = wc.catch_up()
    assert not outcome.merged and "途中で切れています" in outcome.reason
    wc.write_back(force=True)  # the user chose 上書きする
    kept = list(cycle.master.with_name(cycle.master.stem + ".backups").glob("*.overwritten.wpdb"))
    assert [sha256(p) for p in kept] == [damaged]
    assert "私が追加した課" in department_names(cycle.master)
    wc.close()
