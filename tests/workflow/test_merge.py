"""Merging returned department files: the full cycle, re-submission, ordering, conflicts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers.department_edits import entry_values, fill, fill_all, own_entries, submit
from tests.helpers.issued import issued_values
from tests.workflow.conftest import YEAR, Cycle
from welfareplan.core.errors import DataError, WelfareplanError
from welfareplan.core.model import (
    AuditEvent,
    Department,
    MergeConflict,
    ReceivedReturn,
)
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import build_report
from welfareplan.workflow.progress import OperationCancelled
from welfareplan.workflow.returns.merge_types import FileOutcome


def dept_id(cycle: Cycle, name: str) -> str:
    with cycle.open() as wb, wb.session() as s:
        dept = s.scalar(select(Department).where(Department.name == name))
        assert dept is not None
        return dept.id


def master_value(cycle: Cycle, department: str, number: int, field: str = "result") -> str:
    with cycle.open() as wb:
        return entry_values(wb, YEAR)[(number, dept_id(cycle, department))][
            ("result", "rating", "outlook").index(field)
        ]


def edit_master(cycle: Cycle, department: str, number: int, **values: str) -> None:
    """The division corrects an entry in the master (as the workbench's editor would)."""
    from welfareplan.core.model import Entry, Project

    did = dept_id(cycle, department)
    with cycle.open() as wb, wb.transaction() as s:
        rnd = round_for_year(s, YEAR)
        entry = s.scalar(
            select(Entry)
            .join(Project, Entry.project_id == Project.id)
            .where(
                Entry.round_id == rnd.id, Entry.department_id == did, Project.label == str(number)
            )
        )
        assert entry is not None
        for k, v in values.items():
            entry.set_value(k, v)


def test_full_cycle_reaches_the_report(cycle: Cycle) -> None:
    """New round → distribute → fill every department file → merge → the report has the text."""
    files = sorted(cycle.out.glob("*.wpdb"))
    assert len(files) == 12
    for i, path in enumerate(files):
        fill_all(path, f"{path.stem}の令和7年度の実績", rating="ABCD"[i % 4])
        submit(path)
    preview, result = cycle.merge(*files)
    assert not preview.rejected and not preview.conflicts
    assert result.ok and result.applied == 69 * 3 and result.backup is not None
    with cycle.open() as wb, wb.session() as s:
        report = build_report(s, round_for_year(s, YEAR))
        entries = [e for g in report.goals for p in g.projects for e in p.entries]
        assert len(entries) == 69
        assert all("の令和7年度の実績" in e.value("result") and e.value("rating") for e in entries)
        assert report.previous_fiscal_year == 2024
        # last year's published values sit beside this year's
        assert all(e.previous is not None and e.previous.get("rating") for e in entries)
        traffic = next(e for e in entries if e.department_name == "交通対策課")
        assert traffic.value("result") == "R7_交通対策課の令和7年度の実績（事業3）"
        assert traffic.previous is not None and "CoCoバス" in traffic.previous.get("result")
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "merge")).all()
        assert len(audit) == 69 * 3
        a = next(
            x for x in audit if x.department_id == traffic.department_id and x.field == "result"
        )
        assert a.old == "" and a.new == traffic.value("result")
        assert a.source_file == "R7_交通対策課.wpdb" and len(a.source_sha256) == 64
        assert a.os_user and a.round_id == report.round_id and a.project_id
        returns = s.scalars(select(ReceivedReturn)).all()
        assert len(returns) == 12
        assert all(
            r.submitted_by == "山田 花子" and r.submitted_revision == r.revision for r in returns
        )


def test_resubmitting_the_same_file_changes_nothing(cycle: Cycle) -> None:
    path = cycle.file("交通対策課")
    fill(path, {3: {"result": "実績", "rating": "B"}})
    cycle.merge(path)
    before = cycle.sha()
    preview, result = cycle.merge(path)
    (f,) = preview.files
    assert f.outcome is FileOutcome.UNCHANGED and "取込済み" in f.reason
    assert result.ok and result.backup is None
    assert cycle.sha() == before


def test_newer_return_supersedes_older_and_late_older_is_stale(cycle: Cycle, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    path = cycle.file("地域安全課")
    fill(path, {5: {"result": "第1版"}})
    old = shutil.copy(path, tmp_path / "old.wpdb")
    fill(path, {5: {"result": "第2版"}, 6: {"result": "第2版の6"}})
    # newest first, then the older copy arrives late
    cycle.merge(path)
    assert master_value(cycle, "地域安全課", 5) == "第2版"
    before = cycle.sha()
    preview, result = cycle.merge(old)
    (f,) = preview.files
    assert f.outcome is FileOutcome.STALE and "版 2" in f.reason and "取り込みません" in f.reason
    assert result.ok and cycle.sha() == before
    assert master_value(cycle, "地域安全課", 5) == "第2版"


def test_two_versions_in_one_run_only_the_newest_counts(cycle: Cycle, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    path = cycle.file("地域安全課")
    fill(path, {5: {"result": "第1版"}})
    old = shutil.copy(path, tmp_path / "old.wpdb")
    fill(path, {5: {"result": "第2版"}})
    preview, result = cycle.merge(old, path)
    assert [f.outcome for f in preview.files] == [FileOutcome.SUPERSEDED, FileOutcome.APPLY]
    assert result.applied == 1
    assert master_value(cycle, "地域安全課", 5) == "第2版"


def test_same_revision_with_other_content_is_rejected(cycle: Cycle, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A copied file edited twice separately: both copies claim revision 1."""
    import shutil

    path = cycle.file("地域安全課")
    twin = shutil.copy(path, tmp_path / "twin.wpdb")
    fill(path, {5: {"result": "こちら"}})
    fill(twin, {5: {"result": "あちら"}})
    cycle.merge(path)
    before = cycle.sha()
    preview, _ = cycle.merge(twin)
    assert preview.files[0].code == "revision-fork"
    assert cycle.sha() == before
    preview, _ = cycle.merge(path, twin)
    assert preview.files[0].outcome is FileOutcome.UNCHANGED  # already merged, identical
    assert preview.files[1].code == "revision-fork"


def test_next_return_is_compared_with_what_was_last_received(cycle: Cycle) -> None:
    """After a merge the base advances: an untouched field is no conflict even if the
    division changed it in between."""
    path = cycle.file("交通対策課")
    fill(path, {3: {"result": "部署の文", "rating": "B"}})
    cycle.merge(path)
    edit_master(cycle, "交通対策課", 3, result="課が直した文")
    fill(path, {3: {"outlook": "展望を追加"}})
    preview, result = cycle.merge(path)
    (f,) = preview.files
    assert [c.field for c in f.changes] == ["outlook"] and not f.conflicts
    assert master_value(cycle, "交通対策課", 3) == "課が直した文"
    assert result.ok


@pytest.mark.parametrize("prefer", [None, "file", "master"])
def test_conflict_when_master_changed_the_same_field(cycle: Cycle, prefer: str | None) -> None:
    path = cycle.file("交通対策課")
    edit_master(cycle, "交通対策課", 3, result="地域福祉課が入れた文", rating="C")
    fill(path, {3: {"result": "交通対策課の文", "rating": "C", "outlook": "展望"}})
    from welfareplan.workflow.returns.apply import prefer_all

    preview = cycle.preview(path)
    (f,) = preview.files
    assert f.outcome is FileOutcome.APPLY
    assert [(c.field, c.old, c.new) for c in f.changes] == [("outlook", "", "展望")]
    (k,) = preview.conflicts
    assert (k.field, k.issued, k.file, k.master) == (
        "result",
        "",
        "交通対策課の文",
        "地域福祉課が入れた文",
    )
    assert k.entry.project_number == "3" and k.entry.department_name == "交通対策課"
    assert k.base_label == "配布したときの内容"  # the first return is compared with the issue
    assert f.unchanged_fields == 1  # rating: both set it to C
    _, result = cycle.merge(path, choices=prefer_all(preview, prefer) if prefer else None)
    expected = {
        None: "地域福祉課が入れた文",
        "master": "地域福祉課が入れた文",
        "file": "交通対策課の文",
    }
    assert master_value(cycle, "交通対策課", 3) == expected[prefer]
    assert master_value(cycle, "交通対策課", 3, "outlook") == "展望"
    assert result.conflicts_open == (1 if prefer is None else 0)
    assert result.ok is (prefer is not None)
    with cycle.open() as wb, wb.session() as s:
        (row,) = s.scalars(select(MergeConflict)).all()
        assert row.status == ("open" if prefer is None else "resolved")
        assert row.resolution == (prefer or "")


def test_conflict_the_other_way_two_files_for_one_department(cycle: Cycle, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Another file of the same department was merged since this one was issued: the master
    changed "behind" this file, so its edit of the same field is a conflict."""
    first = cycle.file("健康課")
    fill(first, {7: {"result": "最初のファイルの文"}})
    cycle.merge(first)
    (reissued,) = cycle.distribute(["健康課"], out=tmp_path / "再配布")
    assert reissued.name == "R7_健康課.wpdb"
    assert own_entries(reissued) == own_entries(first)  # the same entry keys
    fill(reissued, {7: {"result": "再配布ファイルの文"}})
    preview, _ = cycle.merge(reissued)
    assert not preview.conflicts and master_value(cycle, "健康課", 7) == "再配布ファイルの文"
    fill(first, {7: {"result": "最初のファイルをさらに直した文"}})
    preview, result = cycle.merge(first)
    (k,) = preview.conflicts
    assert (k.issued, k.file, k.master) == (
        "最初のファイルの文",
        "最初のファイルをさらに直した文",
        "再配布ファイルの文",
    )
    assert result.conflicts_open == 1 and master_value(cycle, "健康課", 7) == "再配布ファイルの文"
    # its base is this file's first return, not the issued file: the conflict says so
    first_revision = preview.files[0].revision - 1
    assert k.base_label == f"前回取り込んだこのファイルの内容（版 {first_revision}）"
    from welfareplan.workflow.returns.conflicts import list_conflicts

    with cycle.open() as wb:
        (stored,) = list_conflicts(wb, YEAR)
    assert stored.base_label == k.base_label and stored.as_conflict().base_label == k.base_label


def test_manual_choice_and_bad_choices(cycle: Cycle) -> None:
    path = cycle.file("交通対策課")
    edit_master(cycle, "交通対策課", 3, rating="C")
    fill(path, {3: {"rating": "A"}})
    preview = cycle.preview(path)
    (k,) = preview.conflicts
    from welfareplan.workflow.returns.apply import apply_merge

    with cycle.open() as wb:
        with pytest.raises(DataError) as info:
            apply_merge(wb, preview, {k.key: ("manual", "E")})
        assert info.value.code == "bad-rating" and "A・B・C・D のどれか" in info.value.message
        with pytest.raises(DataError):
            apply_merge(wb, preview, {("nope", "result"): "file"})
        result = apply_merge(wb, preview, {k.key: ("manual", "ｂ")})
    assert result.conflicts_resolved == 1 and result.applied == 1
    assert master_value(cycle, "交通対策課", 3, "rating") == "B"


def test_apply_refuses_when_master_changed_after_preview(cycle: Cycle) -> None:
    path = cycle.file("交通対策課")
    fill(path, {3: {"result": "新しい文"}})
    preview = cycle.preview(path)
    edit_master(cycle, "交通対策課", 3, outlook="その間に課が編集")
    before = cycle.sha()
    from welfareplan.workflow.returns.apply import apply_merge

    with cycle.open() as wb, pytest.raises(WelfareplanError) as info:
        apply_merge(wb, preview)
    assert info.value.code == "master-changed" and "何も取り込んでいません" in info.value.message
    assert cycle.sha() == before


def test_cancelled_apply_changes_nothing_and_keeps_no_backup(cycle: Cycle) -> None:
    path = cycle.file("交通対策課")
    fill(path, {3: {"result": "新しい文"}})
    preview = cycle.preview(path)
    before = cycle.sha()
    calls: list[str] = []
    from welfareplan.workflow.returns.apply import apply_merge

    def progress(done: int, total: int, message: str) -> None:
        calls.append(message)

    with cycle.open() as wb, pytest.raises(OperationCancelled) as info:
        apply_merge(wb, preview, progress=progress, cancelled=lambda: len(calls) >= 2)
    assert "変更していません" in info.value.message
    assert cycle.sha() == before and cycle.backups() == []


def test_cancelled_preview(cycle: Cycle) -> None:
    from welfareplan.workflow.returns.compare import preview_merge

    with cycle.open() as wb, pytest.raises(OperationCancelled):
        preview_merge(wb, list(cycle.out.glob("*.wpdb")), cancelled=lambda: True)


def test_progress_is_reported(cycle: Cycle) -> None:
    from welfareplan.workflow.returns.compare import preview_merge

    seen: list[tuple[int, int, str]] = []
    files = sorted(cycle.out.glob("*.wpdb"))[:3]
    with cycle.open() as wb:
        preview_merge(wb, files, progress=lambda d, t, m: seen.append((d, t, m)))
    assert seen[0][:2] == (0, 4) and seen[-1][:2] == (4, 4)
    assert any(files[1].name in m for _, _, m in seen)


def test_issued_values_stay_and_base_advances(cycle: Cycle) -> None:
    path = cycle.file("交通対策課")
    fill(path, {3: {"result": "送った文"}})
    cycle.merge(path)
    entry_id = own_entries(path)[3]
    with cycle.open() as wb, wb.session() as s:
        ((value, base),) = issued_values(s, entry_id=entry_id).values()
        assert value.get("result") == "" and base.get("result") == "送った文"


def test_audit_view_lists_merged_changes(cycle: Cycle) -> None:
    from welfareplan.workflow.master.audit_log import list_events

    path = cycle.file("交通対策課")
    fill(path, {3: {"result": "監査に残る文", "rating": "A"}})
    cycle.merge(path)
    with cycle.open() as wb:
        rows = list_events(wb, fiscal_year=YEAR, action="merge")
        assert {(r.field_label, r.new) for r in rows} == {
            ("事業実績・評価理由", "監査に残る文"),
            ("事業評価", "A"),
        }
        r = rows[0]
        assert (r.fiscal_year, r.project_number, r.department_name) == (YEAR, "3", "交通対策課")
        assert r.source_file == path.name and r.os_user
        assert list_events(wb, field="rating")[0].new == "A"
        assert list_events(wb, department_id="nope") == []
        assert [e.action for e in list_events(wb, limit=1)] == ["merge"]
