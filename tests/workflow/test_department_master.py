"""Department master edits: add, rename, merge, aliases — history keeps working; on a master
file and on a server (``master_at``, issue 16)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers.masters import content, opened_master
from tests.workflow.conftest import YEAR, Cycle
from welfareplan.core.departments import DepartmentResolver
from welfareplan.core.errors import DataError
from welfareplan.core.model import Assignment, AuditEvent, Department, Entry
from welfareplan.core.queries import round_for_year
from welfareplan.core.reportdata import build_report
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master import departments as dm


def resolve(wb: Workbook, text: str) -> str | None:
    with wb.session() as s:
        d = DepartmentResolver.from_session(s).resolve(text)
        return d.name if d else None


def report_labels(wb: Workbook, year: int) -> list[tuple[str, str]]:
    with wb.session() as s:
        report = build_report(s, round_for_year(s, year))
        return [
            (e.department_name, e.label)
            for g in report.goals
            for p in g.projects
            for e in p.entries
        ]


def test_add_and_list(master_at: str) -> None:
    with opened_master(master_at) as wb:
        info = dm.add_department(wb, " 福祉総務課 ")
        assert info.name == "福祉総務課" and info.kind == "city" and info.sort == 13
        council = dm.add_department(wb, "NPO連絡会", kind="council")
        names = [d.name for d in dm.list_departments(wb)]
        assert names[-2:] == ["福祉総務課", "NPO連絡会"] and council.kind == "council"
        for bad, code in (
            ("地域福祉課", "name-taken"),
            ("自立相談支援課", "name-taken"),
            ("  ", "empty-name"),
        ):
            with pytest.raises(DataError) as info_:
                dm.add_department(wb, bad)
            assert info_.value.code == code
        with pytest.raises(DataError):
            dm.add_department(wb, "x", kind="other")


def test_rename_keeps_history(master_at: str) -> None:
    with opened_master(master_at) as wb:
        before_2024 = report_labels(wb, 2024)
        info = dm.rename_department(wb, "広報秘書課", "広報広聴課")
        assert info.name == "広報広聴課" and "広報秘書課" in info.aliases
        assert resolve(wb, "広報秘書課") == "広報広聴課"
        assert resolve(wb, "（広報秘書課）") == "広報広聴課"
        after_2024 = report_labels(wb, 2024)
        # the published year keeps its printed labels; the department is the renamed one
        assert [label for _, label in after_2024] == [label for _, label in before_2024]
        assert ("広報広聴課", "広報秘書課") in after_2024
        with wb.session() as s:
            labels = {
                a.label
                for a in s.scalars(
                    select(Assignment).join(Department).where(Department.name == "広報広聴課")
                )
            }
        assert labels == {"広報広聴課", "（広報広聴課）"}  # future rounds print the new name
        with wb.session() as s:
            assert s.scalar(select(AuditEvent).where(AuditEvent.action == "department-rename"))
        with pytest.raises(DataError) as info_:
            dm.rename_department(wb, "広報広聴課", "地域福祉課")
        assert info_.value.code == "name-taken"
        with pytest.raises(DataError) as info_:
            dm.rename_department(wb, "経理課", "x")
        assert info_.value.code == "no-department"


def test_aliases(master_at: str) -> None:
    with opened_master(master_at) as wb:
        info = dm.add_alias(wb, "介護福祉課", "介護 福祉課（高齢福祉係）")
        assert "介護福祉課(高齢福祉係)" in info.aliases
        assert resolve(wb, "介護福祉課(高齢福祉係)") == "介護福祉課"
        with pytest.raises(DataError) as e:
            dm.add_alias(wb, "健康課", "介護福祉課(高齢福祉係)")
        assert e.value.code == "name-taken" and "介護福祉課" in e.value.message
        info = dm.remove_alias(wb, "介護福祉課（高齢福祉係）")
        assert info.aliases == () and resolve(wb, "介護福祉課(高齢福祉係)") is None
        with pytest.raises(DataError) as e:
            dm.remove_alias(wb, "ない別名")
        assert e.value.code == "no-alias"


def test_merge_moves_entries_and_assignments(master_at: str) -> None:
    with opened_master(master_at) as wb:
        before = report_labels(wb, 2024)
        result = dm.merge_departments(wb, "男女共同参画室", "健康課")
        assert result.moved_entries == 1 and result.moved_assignments == 1
        assert result.target.name == "健康課" and result.source_name == "男女共同参画室"
        assert resolve(wb, "男女共同参画室") == "健康課"
        after = report_labels(wb, 2024)
        assert len(after) == len(before) == 69
        assert ("健康課", "男女共同参画室") in after  # printed as published
        with wb.session() as s:
            assert s.scalar(select(Department).where(Department.name == "男女共同参画室")) is None
        # a new round has the merged department on the project
        from welfareplan.workflow.rounds.lifecycle import create_round

        create_round(wb, YEAR)
        with wb.session() as s:
            rnd = round_for_year(s, YEAR)
            health = s.scalar(select(Department).where(Department.name == "健康課"))
            assert health is not None
            n = len(
                s.scalars(
                    select(Entry).where(Entry.round_id == rnd.id, Entry.department_id == health.id)
                ).all()
            )
        assert n == 2


def test_merge_refuses_to_combine_two_reports(master_at: str) -> None:
    before = content(master_at)
    with opened_master(master_at) as wb, pytest.raises(DataError) as info:
        dm.merge_departments(wb, "介護福祉課", "自立生活支援課")
    assert info.value.code == "merge-collision"
    assert "令和6年度実績 事業10" in info.value.message
    assert content(master_at) == before


def test_merge_refuses_while_files_are_out(cycle: Cycle) -> None:
    before = cycle.sha()
    with cycle.open() as wb, pytest.raises(DataError) as info:
        dm.merge_departments(wb, "男女共同参画室", "健康課")
    assert info.value.code == "issued-open-round" and "令和7年度実績" in info.value.message
    with cycle.open() as wb, pytest.raises(DataError) as info:
        dm.merge_departments(wb, "健康課", "健康課")
    assert info.value.code == "same-department"
    assert cycle.sha() == before


def test_a_late_file_of_a_merged_department_says_so(cycle: Cycle) -> None:
    """Issue 15, item 12: the round is closed, 男女共同参画室 is merged into 健康課, the round
    reopens and 男女共同参画室's old file arrives: the rejection says what happened."""
    from tests.helpers.department_edits import fill
    from welfareplan.workflow.rounds.lifecycle import close_round, reopen_round

    late = cycle.file("男女共同参画室")
    fill(late, {12: {"result": "遅れて届いた文"}})
    with cycle.open() as wb:
        close_round(wb, YEAR)
        result = dm.merge_departments(wb, "男女共同参画室", "健康課")
        reopen_round(wb, YEAR)
    assert result.report().startswith("「男女共同参画室」を「健康課」に統合しました: 記入 2 件")
    assert "「男女共同参画室」は「健康課」の別名になりました" in result.report()
    before = cycle.sha()
    (f,) = cycle.preview(late).files
    assert f.code == "merged-department"
    assert (
        "男女共同参画室に配布したファイルですが、男女共同参画室は担当課の統合で健康課に統合されました"
        in f.reason
    )
    assert "「記入内容」タブ" in f.reason and "welfareplan" not in f.reason
    assert cycle.sha() == before
    # on the command line the same message names the command line's words
    from welfareplan.workflow.wording import command_line

    with command_line():
        (f,) = cycle.preview(late).files
    assert "welfareplan の画面の「記入内容」タブ" in f.reason
