"""The CLI carries a whole year's cycle for 22 departments end to end (exit codes, outputs)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import sha256
from tests.helpers.department_edits import fill, fill_all, raw_sql, submit
from tests.helpers.masters import content
from welfareplan.cli.main import main

NEW_DEPARTMENTS = [f"新設{i}課" for i in range(1, 11)]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def extend_plan(path: Path) -> None:
    """The next plan: every project carried over, ten more departments on projects 1–10."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    plan = book["計画"]
    for row in plan.iter_rows(min_row=2):
        label = row[0].value
        if label == "キー":
            row[1].value = "koganei-r7"
        elif label == "前の計画のキー":
            row[1].value = "koganei-chiiki-fukushi-r6"
        elif label == "開始年度":
            row[1].value = "令和7年度"
    projects = book["事業"]
    for r in range(2, projects.max_row + 1):
        projects.cell(row=r, column=8).value = projects.cell(row=r, column=4).value
    for n, name in enumerate(NEW_DEPARTMENTS, start=1):
        book["担当"].append([n, name])
    book.save(path)


def test_a_whole_year_for_22_departments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = tmp_path / "地域福祉課 マスター.wpdb"
    assert run(capsys, "demo", m)[0] == 0
    for name in NEW_DEPARTMENTS:
        code, out, _ = run(capsys, "department", "add", m, name)
        assert code == 0 and f"担当課「{name}」を追加しました" in out
    code, out, _ = run(capsys, "department", "list", m)
    assert code == 0 and "新設10課" in out

    plan = tmp_path / "計画.xlsx"
    assert run(capsys, "plan", "export", m, plan)[0] == 0
    extend_plan(plan)
    code, out, _ = run(capsys, "plan", "import", m, plan, "--check")
    assert code == 0 and "問題はありません" in out
    code, out, _ = run(capsys, "plan", "import", m, plan)
    assert code == 0 and "引き継いだ事業 44 件" in out and "担当 79" in out

    code, out, _ = run(capsys, "round", m, "--new", "R7", "--deadline", "2026-05-31")
    assert code == 0 and "担当課 22 課、記入 79 件、締切 令和8年5月31日" in out
    out_dir = tmp_path / "配布 フォルダ"
    out_dir.mkdir()
    code, out, _ = run(capsys, "distribute", m, "--year", "2025", "--out", out_dir)
    assert code == 0 and "22 個作成しました" in out
    files = sorted(out_dir.glob("*.wpdb"))
    assert len(files) == 22 and (out_dir / "R7_新設3課.wpdb").exists()

    code, out, _ = run(capsys, "status", m, "--year", "2025", "--json")
    status = json.loads(out)
    assert code == 0 and len(status["not_returned"]) == 22
    assert {d["state_label"] for d in status["departments"]} == {"配布済"}

    # Every department fills in and submits; one file is tampered with; one field conflicts.
    for path in files:
        fill_all(path, f"{path.stem} の実績")
        submit(path)
    forged = out_dir / "R7_指導室.wpdb"
    raw_sql(forged, "UPDATE issued_file SET mac = 'forged'")
    correct_in_master(m, 3, "地域福祉課が先に直した文")

    before = sha256(m)
    code, out, _ = run(capsys, "merge", m, *files, "--dry-run")
    assert code == 1 and sha256(m) == before
    assert "試行（--dry-run）" in out and "何も書き込んでいません" in out
    assert "R7_指導室.wpdb（指導室、令和7年度実績、版 1" in out and "却下 — " in out
    assert "競合 事業3 CoCoバスの利便性向上（交通対策課） 事業実績・評価理由" in out
    assert "マスター: 地域福祉課が先に直した文" in out
    assert "変更後: R7_新設10課 の実績（事業10）" in out

    code, out, _ = run(capsys, "merge", m, *files)
    assert code == 1
    assert "却下 1 ファイル" in out and "未解決の競合 1 件" in out
    assert "取り込み前のバックアップ:" in out
    status = status_of(capsys, m)
    states = {d["department_name"]: d["state_label"] for d in status["departments"]}
    # a rejected file is 却下（再送待ち）, not 差戻し (kept for real send-backs); a conflict the division left open is not the department's
    assert states["指導室"] == "却下（再送待ち）" and states["交通対策課"] == "提出済"
    assert sum(s == "取込済" for s in states.values()) == 20
    assert status["not_returned"] == []

    code, out, _ = run(capsys, "conflicts", m, "--year", "2025")
    assert code == 1 and "未解決の競合 1 件" in out
    code, out, _ = run(capsys, "conflicts", m, "--year", "2025", "--resolve", "file")
    assert code == 0 and "競合 1 件を解決しました" in out

    # the division issues the rejected department a new file
    again = tmp_path / "再配布"
    again.mkdir()
    code, out, _ = run(
        capsys, "distribute", m, "--year", "R7", "--out", again, "--department", "指導室"
    )
    assert code == 0 and "再配布" in out
    (fresh,) = again.glob("*.wpdb")
    fill(fresh, {8: {"result": "指導室の実績（再提出）", "rating": "A", "outlook": "継続"}})
    submit(fresh)
    code, out, _ = run(capsys, "merge", m, fresh)
    assert code == 0 and "取込 3 項目" in out
    before = sha256(m)
    code, out, _ = run(capsys, "merge", m, fresh)
    assert code == 0 and "取込済み" in out and sha256(m) == before

    status = status_of(capsys, m)
    assert {d["state_label"] for d in status["departments"]} == {"取込済"}
    assert status["complete"] == status["total"] == 79 and status["open_conflicts"] == 0
    code, out, _ = run(capsys, "status", m, "--year", "2025")
    assert code == 0 and "合計: 記入 79/79 完了" in out and "取込済 22" in out

    code, out, _ = run(capsys, "round", m, "--close", "2025")
    assert code == 0 and "締め切りました" in out
    before = sha256(m)
    code, out, _ = run(capsys, "merge", m, fresh)
    assert code == 1 and "締め切られている" in out and sha256(m) == before

    code, out, _ = run(capsys, "info", m)
    assert code == 0 and "令和7年度実績（2025年度） 締切済" in out and "記入 79 件: 完了 79" in out

    code, out, _ = run(capsys, "backups", m)
    assert code == 0 and "取り込みの前" in out and "年度の作成の前" in out
    names = re.findall(r"(地域福祉課 マスター\.[0-9-]+\.merge\.wpdb)", out)
    assert names
    name = names[0]
    code, out, _ = run(capsys, "backups", m, "--restore", name)
    assert code == 0 and "に戻しました" in out


def status_of(capsys: pytest.CaptureFixture[str], m: Path) -> Any:
    code, out, _ = run(capsys, "status", m, "--year", "2025", "--json")
    assert code == 0
    return json.loads(out)


def correct_in_master(m: Path, number: int, text: str) -> None:
    from sqlalchemy import select

    from welfareplan.core.model import Department, Entry, Project
    from welfareplan.core.queries import round_for_year
    from welfareplan.core.storage import Workbook

    with Workbook.open(m) as wb, wb.transaction() as s:
        rnd = round_for_year(s, 2025)
        entry = s.scalar(
            select(Entry)
            .join(Project, Entry.project_id == Project.id)
            .join(Department, Entry.department_id == Department.id)
            .where(
                Entry.round_id == rnd.id,
                Project.label == str(number),
                Department.name == "交通対策課",
            )
        )
        assert entry is not None
        entry.set_value("result", text)


def test_cli_errors_are_japanese_and_change_nothing(
    master_at: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = content(master_at)
    cases = [
        (["round", master_at, "--new", "2024"], "既にあります"),
        (["distribute", master_at, "--year", "2030", "--out", tmp_path], "ありません"),
        (["status", master_at, "--year", "2031"], "ありません"),
        (["backups", master_at, "--restore", "x.wpdb"], "見つかりません"),
        (["department", "rename", master_at, "経理課", "会計課"], "担当課マスタにありません"),
        (["plan", "import", master_at, tmp_path / "ない.xlsx"], "見つかりません"),
    ]
    for args, words in cases:
        code, out, err = run(capsys, *args)
        assert code == 2, (args, out, err)
        assert err.startswith("エラー: ") and words in err, (args, err)
    with pytest.raises(SystemExit) as exit_info:
        main(["round", master_at, "--new", "平成31"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "年度「平成31」は存在しません（令和元年度のことですか）" in err and "使い方:" in err
    assert content(master_at) == before
    code, out, err = run(capsys, "merge", master_at, tmp_path / "ない.wpdb")
    assert code == 1 and "見つかりません" in out and "マスターワークブックは変更していません" in out
    assert content(master_at) == before
