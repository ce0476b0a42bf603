"""Undoing one import, backups named after what they precede, what a restore discards, and
restores in the audit trail (issue 15, item 9)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers.department_edits import fill
from tests.helpers.koganei import kv
from tests.workflow.conftest import YEAR, Cycle
from tests.workflow.test_merge import edit_master, master_value
from welfareplan.core.errors import DataError
from welfareplan.core.model import MergeConflict, ReceivedReturn
from welfareplan.workflow.master.audit_log import list_events
from welfareplan.workflow.master.backups import restore_backup
from welfareplan.workflow.master.restore_loss import restore_loss
from welfareplan.workflow.returns.apply import apply_merge
from welfareplan.workflow.returns.compare import preview_merge
from welfareplan.workflow.returns.conflicts import list_conflicts
from welfareplan.workflow.returns.merge_types import FileOutcome
from welfareplan.workflow.returns.undo import list_imports, plan_undo, undo_import


def imports(cycle: Cycle) -> dict[str, str]:
    """file name → return id of the imports of the round, newest first."""
    with cycle.open() as wb:
        return {r.file_name: r.return_id for r in list_imports(wb, YEAR)}


def test_backups_are_named_after_what_they_precede(cycle: Cycle) -> None:
    a, b = cycle.file("交通対策課"), cycle.file("健康課")
    fill(a, {3: {"result": "交通の文"}})
    fill(b, {7: {"result": "健康の文"}})
    cycle.merge(a, b)
    from welfareplan.workflow.master.departments import add_department

    with cycle.open() as wb:
        add_department(wb, "こども未来課")
    newest, merged = cycle.backups()[:2]
    assert newest.reason_label == "担当課マスタの変更の前（課の追加: こども未来課）"
    assert merged.reason_label == f"取り込みの前（{a.name}、{b.name}）"
    assert merged.by != ""
    # the description goes when its copy rotates away
    from welfareplan.workflow.master.backups import about_path, rotate

    rotate(cycle.home(), keep=1)
    assert not merged.path.exists() and not about_path(merged.path).exists()


def test_restore_lists_what_it_discards_and_is_audited(file_cycle: Cycle) -> None:
    """File-only: restoring a server master is tests/workflow/test_backups_on_server.py."""
    cycle = file_cycle
    a, b = cycle.file("交通対策課"), cycle.file("健康課")
    fill(a, {3: {"result": "交通の文"}})
    _, first = cycle.merge(a)
    assert first.backup is not None
    before_a = next(x for x in cycle.backups() if x.name == first.backup.name)
    edit_master(cycle, "健康課", 7, result="地域福祉課が入れた文")
    fill(b, {7: {"result": "健康課の文", "rating": "B"}})
    with cycle.open() as wb:
        preview = preview_merge(wb, [b])
        (k,) = preview.conflicts
        apply_merge(wb, preview, {k.key: "master"})  # decided, but nothing changes
        loss = restore_loss(wb, before_a)
    assert loss.returns == (a.name, b.name)
    assert [(c.action, c.field) for c in loss.changes] == [("merge", "rating"), ("merge", "result")]
    assert loss.decided_conflicts == 1 and loss.count == 3
    assert "取込 2" in loss.summary() and "競合の判断 1" in loss.summary()
    assert a.name in loss.summary() and b.name in loss.summary()
    done = restore_backup(cycle.master, before_a.name, discarded=loss.count)
    assert master_value(cycle, "交通対策課", 3) == ""
    with cycle.open() as wb:
        (row, *_) = list_events(wb)
        # nothing is lost from the restored state (the restore's own row is new)
        assert restore_loss(wb, before_a).changes == (row,)
    assert row.action == "restore" and row.action_label == "バックアップから復元"
    assert before_a.reason_label in row.note and done.safety_backup.name in row.note
    assert "3 件を取り消し" in row.note and row.os_user
    # the copy made before the restore says so
    (safety,) = [x for x in cycle.backups() if x.name == done.safety_backup.name]
    assert safety.reason_label.startswith("復元の前（") and before_a.reason_label in safety.what


def test_undo_one_import_reverses_only_its_changes(cycle: Cycle) -> None:
    a, b = cycle.file("交通対策課"), cycle.file("健康課")
    fill(a, {3: {"result": "交通の文", "rating": "B"}})
    fill(b, {7: {"result": "健康の文"}})
    cycle.merge(a)
    cycle.merge(b)
    ids = imports(cycle)
    assert list(ids) == [b.name, a.name]
    with cycle.open() as wb:
        plan = plan_undo(wb, ids[a.name])
        assert plan.possible and plan.record.file_name == a.name
        assert [(f.field, f.imported, f.restored) for f in plan.fields] == [
            ("result", "交通の文", ""),
            ("rating", "B", ""),
        ]
        result = undo_import(wb, ids[a.name])
    assert (
        master_value(cycle, "交通対策課", 3) == ""
        and master_value(cycle, "健康課", 7) == "健康の文"
    )
    assert list(imports(cycle)) == [b.name]
    backup = next(x for x in cycle.backups() if x.path == result.backup)
    assert backup.reason_label.startswith(f"取り込みの取り消しの前（{a.name} の取り込み（")
    with cycle.open() as wb:
        rows = list_events(wb)
    undo_rows = [r for r in rows if r.action == "merge-undo"]
    assert {(r.field, r.old, r.new) for r in undo_rows if r.field} == {
        ("result", "交通の文", ""),
        ("rating", "B", ""),
    }
    assert any("2 項目を戻し" in r.note for r in undo_rows)
    # the same file imports again, as if it had never been imported
    preview, again = cycle.merge(a)
    assert preview.files[0].outcome is FileOutcome.APPLY and again.applied == 2
    assert master_value(cycle, "交通対策課", 3) == "交通の文"


def test_an_undo_blocked_by_a_later_change_lists_it_and_changes_nothing(cycle: Cycle) -> None:
    a = cycle.file("交通対策課")
    fill(a, {3: {"result": "交通の文", "outlook": "展望"}})
    cycle.merge(a)
    from welfareplan.core.editing import save_entry  # an audited edit, as the window makes
    from welfareplan.core.worklist import load_worklist

    with cycle.open() as wb:
        items = load_worklist(wb, round_id=_round_id(cycle)).items
        item = next(i for i in items if i.label == "3" and i.department_label == "交通対策課")
        save_entry(wb, item.entry_id, kv("交通の文（直し）", "", "展望"))
    (return_id,) = imports(cycle).values()
    before = cycle.sha()
    with cycle.open() as wb:
        plan = plan_undo(wb, return_id)
        assert not plan.possible
        assert any(
            b.subject.endswith("事業実績・評価理由")
            and "取り込みの後、" in b.reason
            and "修正" in b.reason
            for b in plan.blockers
        )
        with pytest.raises(DataError) as info:
            undo_import(wb, return_id)
    assert info.value.code == "undo-blocked" and "取り消せません" in info.value.message
    assert "修正" in info.value.message
    assert cycle.sha() == before


def _round_id(cycle: Cycle) -> str:
    from welfareplan.core.queries import round_for_year

    with cycle.open() as wb, wb.session() as s:
        return round_for_year(s, YEAR).id


def test_later_versions_are_undone_first(cycle: Cycle) -> None:
    a = cycle.file("交通対策課")
    fill(a, {3: {"result": "一回目"}})
    cycle.merge(a)
    first = imports(cycle)[a.name]
    fill(a, {3: {"result": "二回目"}})
    cycle.merge(a)
    with cycle.open() as wb:
        second, older = (r.return_id for r in list_imports(wb, YEAR))
    assert older == first
    with cycle.open() as wb:
        plan = plan_undo(wb, first)
        assert any("後の版" in str(b) and "先にそちらを取り消して" in str(b) for b in plan.blockers)
        undo_import(wb, second)
    assert master_value(cycle, "交通対策課", 3) == "一回目"
    with cycle.open() as wb:
        undo_import(wb, first)
    assert master_value(cycle, "交通対策課", 3) == ""
    # both versions are new again: the newest imports against the issued values
    _, result = cycle.merge(a)
    assert result.applied == 1 and master_value(cycle, "交通対策課", 3) == "二回目"


def test_undo_removes_its_conflicts_and_reopens_the_ones_it_superseded(cycle: Cycle) -> None:
    a = cycle.file("交通対策課")
    edit_master(cycle, "交通対策課", 3, result="マスターの文")
    fill(a, {3: {"result": "一回目"}})
    cycle.merge(a)  # conflict C1, left open
    fill(a, {3: {"result": "二回目"}})
    cycle.merge(a)  # compared with 一回目: conflict C2 open, C1 superseded
    with cycle.open() as wb, wb.session() as s:
        statuses = sorted(c.status for c in s.scalars(select(MergeConflict)))
    assert statuses == ["open", "superseded"]
    returns = imports(cycle)
    with cycle.open() as wb:
        latest = list_imports(wb, YEAR)[0].return_id
        plan = plan_undo(wb, latest)
        assert plan.possible and plan.conflicts == 1 and plan.reopened == 1 and not plan.fields
        undo_import(wb, latest)
        (open_one,) = list_conflicts(wb, YEAR)
        assert open_one.file == "一回目" and open_one.master_now == "マスターの文"
    assert len(returns) == 1  # one file name; its second return is gone now
    with cycle.open() as wb, wb.session() as s:
        assert len(s.scalars(select(ReceivedReturn)).all()) == 1
    # importing the second version again gives the same conflict again
    preview, _ = cycle.merge(a)
    (k,) = preview.conflicts
    assert (k.issued, k.file, k.master) == ("一回目", "二回目", "マスターの文")


def test_a_closed_round_is_not_undone(cycle: Cycle) -> None:
    from welfareplan.workflow.rounds.lifecycle import close_round

    a = cycle.file("交通対策課")
    fill(a, {3: {"result": "交通の文"}})
    cycle.merge(a)
    (return_id,) = imports(cycle).values()
    with cycle.open() as wb:
        close_round(wb, YEAR)
        before = cycle.sha()
        plan = plan_undo(wb, return_id)
        assert any("締め切られている" in str(b) for b in plan.blockers)
        with pytest.raises(DataError):
            undo_import(wb, return_id)
    assert cycle.sha() == before


def test_imports_of_one_second_are_listed_newest_first(
    cycle: Cycle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four files merged one after another within one second are listed newest first — on a
    server too, where a row has no rowid and the return ids (UUIDs) say nothing of the order
    (the ids here rise with the order, so sorting by them would list the oldest first)."""
    import datetime as dt
    import itertools

    from welfareplan.workflow.returns import apply

    second = dt.datetime.now().astimezone().replace(microsecond=0)
    counter = itertools.count()
    monkeypatch.setattr(apply, "now", lambda: second)
    monkeypatch.setattr(apply, "new_id", lambda: f"00000000-0000-4000-8000-{next(counter):012d}")
    names = []
    for department in ("交通対策課", "健康課", "介護福祉課", "自立生活支援課"):
        path = cycle.file(department)
        fill(path, {n: {"result": f"{department}の文"} for n in own_numbers(path)[:1]})
        cycle.merge(path)
        names.append(path.name)
    assert list(imports(cycle)) == names[::-1]


def own_numbers(path: object) -> list[int | str]:
    from tests.helpers.department_edits import own_entries

    return sorted(own_entries(path), key=str)  # type: ignore[arg-type]
