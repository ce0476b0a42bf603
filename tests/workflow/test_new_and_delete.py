"""A clean start and deleting (issue 14, item 4): ``welfareplan new`` from a plan file,
``plan delete`` of a plan nothing refers to, ``round --delete`` (with written entries only with
``--with-entries``, after a backup, audited). Bad input: one Japanese sentence, exit status 2,
the master unchanged (its SHA-256)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import sha256
from tests.helpers.shaped_plans import PLANS
from welfareplan.cli.main import main
from welfareplan.core.model import AuditEvent, Department, DepartmentAlias, Entry, Plan, Round
from welfareplan.core.storage import Workbook
from welfareplan.workflow.master.backups import list_backups

DEMO_KEY = "koganei-chiiki-fukushi-r6"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize(
    "plan",
    [
        "shakyo-katsudo-3.json",
        "koganei-previous.json",
        "koganei-three-levels.json",
        "other-city-five-codes.json",
    ],
)
def test_new_makes_an_empty_master_of_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], plan: str
) -> None:
    master = tmp_path / "新しいマスター.wpdb"
    code, out = run(capsys, "new", master, "--plan", PLANS / plan)
    assert code == 0, out
    assert "マスターワークブックを作成しました" in out
    with Workbook.open(master, read_only=True) as wb, wb.session() as s:
        (p,) = s.scalars(select(Plan)).all()
        assert s.scalar(select(func.count()).select_from(Round)) == 0
        assert s.scalar(select(func.count()).select_from(Entry)) == 0
        assert p.evaluation_form.fields and p.plan_levels
        actions = list(s.scalars(select(AuditEvent.action)))
    assert actions == ["workbook-create"]
    code, out = run(capsys, "round", master, "--new", str(p.period_start))
    assert code == 0, out


def test_new_stores_the_plans_aliases_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = PLANS / "other-city-five-codes.json"
    for name, flag in (("a.wpdb", []), ("b.wpdb", ["--store-aliases"])):
        code, out = run(capsys, "new", tmp_path / name, "--plan", plan, *flag)
        assert code == 0, out
    with Workbook.open(tmp_path / "a.wpdb", read_only=True) as wb, wb.session() as s:
        plain = set(s.scalars(select(DepartmentAlias.alias)))
        departments = s.scalar(select(func.count()).select_from(Department))
    with Workbook.open(tmp_path / "b.wpdb", read_only=True) as wb, wb.session() as s:
        stored = set(s.scalars(select(DepartmentAlias.alias)))
        assert s.scalar(select(func.count()).select_from(Department)) == departments
    assert "社協" in stored and "社協" not in plain


def test_new_refuses_an_existing_file_and_a_bad_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    master = tmp_path / "m.wpdb"
    code, _ = run(capsys, "demo", master)
    before = sha256(master)
    code, out = run(capsys, "new", master, "--plan", PLANS / "shakyo-katsudo-3.json")
    assert code == 2 and "既にあります" in out
    assert sha256(master) == before
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "welfareplan-plan/2", "key": "x"}', "utf-8")
    other = tmp_path / "other.wpdb"
    code, out = run(capsys, "new", other, "--plan", broken)
    assert code == 2 and out.startswith("エラー: ") and "「period」がありません" in out
    assert "broken.json" in out
    assert not other.exists()
    code, out = run(capsys, "new", other, "--plan", tmp_path / "nothing.xlsx")
    assert code == 2 and "見つかりません" in out and not other.exists()
    code, out = run(capsys, "new", other, "--plan", master)
    assert code == 2 and "計画ファイルではありません" in out and not other.exists()
    # a plan that names a predecessor cannot start a workbook
    named = tmp_path / "named.json"
    data = json.loads((PLANS / "koganei-three-levels.json").read_text("utf-8"))
    named.write_text(json.dumps({**data, "predecessor": "old"}, ensure_ascii=False), "utf-8")
    code, out = run(capsys, "new", other, "--plan", named)
    assert (
        code == 2 and "前の計画「old」はこのワークブックにありません" in out and not other.exists()
    )


def test_new_help_is_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("使い方: welfareplan new") and "計画ファイル" in out


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "マスター.wpdb"
    code, out = run(capsys, "demo", path)
    assert code == 0, out
    return path


def test_a_plan_with_rounds_is_not_deleted_and_says_why(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sha256(demo)
    code, out = run(capsys, "plan", "delete", demo, DEMO_KEY)
    assert code == 2
    assert "この計画で作成した年度（令和6年度実績）" in out and "削除できません" in out
    code, out = run(capsys, "plan", "delete", demo, "nothing")
    assert code == 2 and "計画のキー「nothing」はこのワークブックにありません" in out
    assert sha256(demo) == before


def test_a_plan_nothing_refers_to_is_deleted_after_a_backup(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "plan", "import", demo, PLANS / "koganei-three-levels.json")
    assert code == 0, out
    backups = len(list_backups(demo))
    code, out = run(capsys, "plan", "delete", demo, "koganei-three-levels-draft")
    assert code == 0, out
    assert "事業 3、担当 4" in out
    assert len(list_backups(demo)) == backups + 1
    with Workbook.open(demo, read_only=True) as wb, wb.session() as s:
        assert list(s.scalars(select(Plan.key))) == [DEMO_KEY]
        assert "plan-delete" in set(s.scalars(select(AuditEvent.action)))
    # the predecessor of another plan is referred to by it
    code, out = run(capsys, "plan", "import", demo, PLANS / "koganei-previous.json")
    assert code == 0, out
    code, out = run(
        capsys, "plan", "link", demo, DEMO_KEY, "--predecessor", "koganei-chiiki-fukushi-h30"
    )
    assert code == 0, out
    before = sha256(demo)
    code, out = run(capsys, "plan", "delete", demo, "koganei-chiiki-fukushi-h30")
    assert (
        code == 2
        and "この計画を前の計画とする計画（「小金井市地域福祉計画」（koganei-chiiki-fukushi-r6"
        in out
    )
    assert sha256(demo) == before


def test_round_delete_needs_a_confirmation_for_written_entries(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sha256(demo)
    code, out = run(capsys, "round", demo, "--delete", "2024")
    assert code == 2 and "内容の書かれた記入が 69 件" in out and "--with-entries" in out
    assert sha256(demo) == before
    code, out = run(capsys, "round", demo, "--delete", "2023")
    assert code == 2 and sha256(demo) == before
    code, out = run(capsys, "round", demo, "--with-entries")
    assert code == 2 and sha256(demo) == before
    backups = len(list_backups(demo))
    code, out = run(capsys, "round", demo, "--delete", "2024", "--with-entries")
    assert code == 0, out
    assert "記入 69 件" in out and "委員意見 8 件" in out
    assert len(list_backups(demo)) == backups + 1
    with Workbook.open(demo, read_only=True) as wb, wb.session() as s:
        assert s.scalar(select(func.count()).select_from(Round)) == 0
        assert s.scalar(select(func.count()).select_from(Entry)) == 0
        (note,) = s.scalars(select(AuditEvent.note).where(AuditEvent.action == "round-delete"))
    assert "令和6年度実績" in note and "記入 69 件" in note
    # the plan is free again
    code, out = run(capsys, "plan", "delete", demo, DEMO_KEY)
    assert code == 0, out


def test_an_issued_round_without_writing_is_deleted_with_its_records(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "round", demo, "--new", "2025")
    assert code == 0, out
    (tmp_path / "配布").mkdir()
    code, out = run(capsys, "distribute", demo, "--year", "2025", "--out", tmp_path / "配布")
    assert code == 0, out
    code, out = run(capsys, "round", demo, "--delete", "2025")
    assert code == 0, out
    issued = sorted((tmp_path / "配布").glob("*.wpdb"))
    assert f"配布の記録 {len(issued)} 件" in out and "記入 69 件（うち内容のあるもの 0 件）" in out
    with Workbook.open(demo, read_only=True) as wb, wb.session() as s:
        assert list(s.scalars(select(Round.fiscal_year))) == [2024]
    before = sha256(demo)
    code, out = run(capsys, "merge", demo, issued[0])
    assert "このワークブックの配布記録にありません" in out and "変更していません" in out
    assert sha256(demo) == before
