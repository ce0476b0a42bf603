"""The division's commands on a master file and on a server (issue 16, ``master_at``): rounds
created, closed, reopened, given a deadline and deleted; review comments added, listed and
closed; a plan deleted (and one still used refused, nothing changed); the worksheets and the
status of a year. The same words on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.masters import content
from tests.helpers.shaped_plans import PLANS
from tests.workflow.test_cli_cycle import run

DEMO_KEY = "koganei-chiiki-fukushi-r6"


def test_a_round_from_new_to_deleted(master_at: str, capsys: pytest.CaptureFixture[str]) -> None:
    m = master_at
    code, out, _ = run(capsys, "round", m, "--new", "R8", "--deadline", "2027-05-31")
    assert code == 0 and "令和8年度実績（2026年度）の評価を作成しました" in out, out
    assert "記入 69 件" in out and "締切 令和9年5月31日" in out
    code, out, err = run(capsys, "round", m, "--new", "2026")
    assert code == 2 and "既に" in err
    assert run(capsys, "round", m, "--close", "2026")[1].endswith(
        "締め切りました（読み取り専用になりました）。\n"
    )
    code, out, _ = run(capsys, "round", m)
    assert code == 0 and "令和8年度実績（2026）" in out and "締切済" in out
    assert "再開しました" in run(capsys, "round", m, "--reopen", "2026")[1]
    code, out, _ = run(capsys, "round", m, "--year", "2026", "--published", "2027-03")
    assert code == 0 and "公表月を 令和9年3月 にしました" in out
    code, out, _ = run(capsys, "status", m, "--year", "2026")
    assert code == 0 and "合計: 記入 0/69 完了" in out
    code, out, _ = run(capsys, "round", m, "--delete", "2026")
    assert code == 0 and "を削除しました" in out, out
    code, out, _ = run(capsys, "round", m)
    assert "2026" not in out and "令和6年度実績（2024）" in out


def test_review_comments_added_listed_and_closed(
    master_at: str, capsys: pytest.CaptureFixture[str]
) -> None:
    m = master_at
    assert run(capsys, "round", m, "--new", "2026")[0] == 0
    code, out, _ = run(
        capsys, "review", "add", m, "--year", "R8", "--department", "健康課",
        "--project", "7", "--field", "今後の事業計画・展望", "--comment", "目標値を書いてください。",
    )  # fmt: skip
    assert code == 0 and "「今後の事業計画・展望」" in out, out
    short = out.split()[1]
    code, out, _ = run(capsys, "review", "list", m, "--year", "2026")
    assert code == 0 and "目標値を書いてください。" in out and "未解決 1 件" in out
    before = content(m)
    code, _, err = run(
        capsys, "review", "add", m, "--year", "2026", "--department", "健康課",
        "--project", "7", "--field", "感想", "--comment", "x",
    )  # fmt: skip
    assert code == 2 and "評価項目にありません" in err
    assert content(m) == before
    code, out, _ = run(capsys, "review", "close", m, short, "--resolved")
    assert code == 0 and "解決済み" in out
    code, out, _ = run(capsys, "review", "list", m, "--year", "2026")
    assert code == 0 and "未解決 0 件" in out


def test_a_plan_nothing_uses_is_deleted_and_one_in_use_is_not(
    master_at: str, capsys: pytest.CaptureFixture[str]
) -> None:
    m = master_at
    code, out, _ = run(capsys, "plan", "import", m, PLANS / "koganei-three-levels.json")
    assert code == 0, out
    code, out, _ = run(capsys, "plan", "delete", m, "koganei-three-levels-draft")
    assert code == 0 and "事業 3、担当 4" in out, out
    before = content(m)
    code, out, err = run(capsys, "plan", "delete", m, DEMO_KEY)
    assert code == 2 and "この計画で作成した年度（令和6年度実績）" in err
    assert content(m) == before
    code, out, _ = run(capsys, "plan", "list", m)
    assert DEMO_KEY in out and "koganei-three-levels-draft" not in out


def test_worksheets_of_a_year(
    master_at: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "シート"
    code, out, _ = run(
        capsys, "worksheets", master_at, "--year", "R6", "--out", out_dir, "--department", "健康課"
    )
    assert code == 0 and "健康課（" in out and "1 課分作成しました" in out, out
    assert sorted(p.suffix for p in out_dir.iterdir()) == [".docx", ".xlsx"]
