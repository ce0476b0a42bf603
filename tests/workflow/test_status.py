"""Round status per department, and open conflicts listed and resolved later."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.department_edits import fill, fill_all, raw_sql, submit
from tests.helpers.masters import opened_master
from tests.workflow.conftest import YEAR, Cycle
from tests.workflow.test_merge import edit_master, master_value
from welfareplan.workflow.returns.conflicts import list_conflicts, resolve_conflicts
from welfareplan.workflow.status import DepartmentState, round_status


def states(cycle: Cycle) -> dict[str, DepartmentState]:
    with cycle.open() as wb:
        return {d.department_name: d.state for d in round_status(wb, YEAR).departments}


def test_states_through_the_cycle(cycle: Cycle, tmp_path: Path) -> None:
    s0 = states(cycle)
    assert set(s0.values()) == {DepartmentState.ISSUED}
    with cycle.open() as wb:
        st = round_status(wb, YEAR)
    assert len(st.not_returned) == 12 and (st.complete, st.total) == (0, 69)

    # 取込済: submitted, complete; 提出済: submitted with gaps; 下書きを取込: interim return
    done = cycle.file("交通対策課")
    fill_all(done, "完了")
    submit(done)
    gaps = cycle.file("地域安全課")
    fill(gaps, {5: {"result": "途中", "rating": "B", "outlook": "展望"}})
    submit(gaps)
    interim = cycle.file("健康課")
    fill(interim, {7: {"result": "途中まで"}})
    # 差戻し: a rejected file; open conflicts are the division's (提出済, counted)
    rejected = cycle.file("指導室")
    fill(rejected, {8: {"result": "x"}})
    raw_sql(rejected, "UPDATE issued_file SET mac = 'forged'")
    conflicted = cycle.file("生涯学習課")
    edit_master(cycle, "生涯学習課", 38, result="課の文")
    fill(conflicted, {38: {"result": "部署の文"}})
    submit(conflicted)
    cycle.merge(done, gaps, interim, rejected, conflicted)

    with cycle.open() as wb:
        st = round_status(wb, YEAR)
    by = {d.department_name: d for d in st.departments}
    assert by["交通対策課"].state is DepartmentState.MERGED
    assert by["交通対策課"].state_label == "取込済" and by["交通対策課"].complete == 1
    assert by["交通対策課"].submitted_by == "山田 花子" and by["交通対策課"].last_revision == 1
    assert by["地域安全課"].state is DepartmentState.SUBMITTED and by["地域安全課"].complete == 1
    assert by["健康課"].state is DepartmentState.DRAFT and by["健康課"].returns == 1
    assert by["健康課"].state_label == "下書きを取込"
    assert by["健康課"].last_merge_at is not None
    assert by["指導室"].state is DepartmentState.RETURNED and "MAC" in by["指導室"].rejected_reason
    assert (
        by["生涯学習課"].state is DepartmentState.SUBMITTED and by["生涯学習課"].open_conflicts == 1
    )
    assert (
        by["交通対策課"].channel_label == "担当課ファイル" and by["地域福祉課"].channel_label == ""
    )
    assert by["地域福祉課"].state is DepartmentState.ISSUED
    assert {d.department_name for d in st.not_returned} == {
        "地域福祉課",
        "自立生活支援課",
        "介護福祉課",
        "子ども家庭センター",
        "広報秘書課",
        "男女共同参画室",
        "社会福祉協議会",
    }
    # the reminder: everyone who has not submitted — the draft and the rejected file too
    assert {d.department_name for d in st.to_remind} == {
        d.department_name for d in st.not_returned
    } | {"健康課", "指導室"}
    assert st.count(DepartmentState.RETURNED) == 1 and st.open_conflicts == 1

    # changed after submission: no longer final
    fill(done, {3: {"outlook": "提出の後で直した"}})
    cycle.merge(done)
    with cycle.open() as wb:
        d = {d.department_name: d for d in round_status(wb, YEAR).departments}["交通対策課"]
    assert d.changed_after_submission and d.state is DepartmentState.DRAFT

    # a later accepted file clears the rejection
    fresh = cycle.distribute(["指導室"], out=tmp_path / "再")[0]
    fill(fresh, {8: {"result": "直した", "rating": "A", "outlook": "続ける"}})
    submit(fresh)
    cycle.merge(fresh)
    assert states(cycle)["指導室"] is DepartmentState.MERGED


def test_not_issued_department(master_at: str, tmp_path: Path) -> None:
    from welfareplan.workflow.issuing.distribute import distribute
    from welfareplan.workflow.rounds.lifecycle import create_round

    with opened_master(master_at) as wb:
        create_round(wb, YEAR)
        distribute(wb, YEAR, tmp_path, departments=["健康課"])
        st = {d.department_name: d.state for d in round_status(wb, YEAR).departments}
    assert st["健康課"] is DepartmentState.ISSUED
    assert st["地域福祉課"] is DepartmentState.NOT_ISSUED and st["地域福祉課"].label == "未配布"


@pytest.mark.parametrize("choice", ["file", "master", ("manual", "手で直した文")])
def test_open_conflicts_are_listed_and_resolved_later(cycle: Cycle, choice: object) -> None:
    path = cycle.file("生涯学習課")
    edit_master(cycle, "生涯学習課", 38, result="課の文")
    fill(path, {38: {"result": "部署の文"}})
    cycle.merge(path)
    with cycle.open() as wb:
        (c,) = list_conflicts(wb, YEAR)
        assert (c.issued, c.file, c.master_now, c.entry.project_number) == (
            "",
            "部署の文",
            "課の文",
            "38",
        )
        assert c.file_name == path.name and c.is_open
        result = resolve_conflicts(wb, {c.id: choice})  # type: ignore[dict-item]
        assert result.resolved == 1 and result.backup is not None
        assert list_conflicts(wb, YEAR) == []
        (done,) = list_conflicts(wb, YEAR, only_open=False)
        assert done.status == "resolved"
    expected = {"file": "部署の文", "master": "課の文"}.get(choice, "手で直した文")  # type: ignore[call-overload]
    assert master_value(cycle, "生涯学習課", 38) == expected
    assert states(cycle)["生涯学習課"] is not DepartmentState.RETURNED


def test_resolving_an_unknown_conflict_is_refused(cycle: Cycle) -> None:
    from welfareplan.core.errors import DataError

    before = cycle.sha()
    with cycle.open() as wb, pytest.raises(DataError) as info:
        resolve_conflicts(wb, {"nope": "file"})
    assert "見つからない" in info.value.message and cycle.sha() == before


def test_a_newer_conflict_supersedes_the_open_one(cycle: Cycle) -> None:
    path = cycle.file("生涯学習課")
    edit_master(cycle, "生涯学習課", 38, result="課の文")
    fill(path, {38: {"result": "部署の文1"}})
    cycle.merge(path)
    fill(path, {38: {"result": "部署の文2"}})
    cycle.merge(path)
    with cycle.open() as wb:
        (c,) = list_conflicts(wb, YEAR)
        assert c.file == "部署の文2" and c.issued == "部署の文1"
        statuses = sorted(x.status for x in list_conflicts(wb, YEAR, only_open=False))
    assert statuses == ["open", "superseded"]
