"""The CLI with Excel worksheets: distribute --format xlsx, merge, status, and the unregistered
print copies of ``welfareplan worksheets``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.helpers.masters import content
from tests.helpers.worksheet_edits import fill_sheet
from tests.workflow.test_cli_cycle import run
from welfareplan.cli.main import main

NUMBERS = (9, 10, 12, 15, 39, 40)


def test_a_year_with_worksheets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = tmp_path / "マスター.wpdb"
    assert run(capsys, "demo", m)[0] == 0
    assert run(capsys, "round", m, "--new", "R7")[0] == 0
    out = tmp_path / "評価シート"
    out.mkdir()
    code, text, _ = run(
        capsys,
        *("distribute", m, "--year", "2025", "--out", out, "--format", "xlsx", "--docx"),
        *("--department", "介護福祉課", "--department", "健康課"),
    )
    assert code == 0, text
    assert "令和7年度実績の評価シート（Excel）を 2 個作成しました" in text
    assert "R7_介護福祉課_評価シート.xlsx / R7_介護福祉課_評価シート.docx" in text
    assert sorted(p.name for p in out.iterdir()) == [
        "R7_介護福祉課_評価シート.docx",
        "R7_介護福祉課_評価シート.xlsx",
        "R7_健康課_評価シート.docx",
        "R7_健康課_評価シート.xlsx",
    ]
    care = out / "R7_介護福祉課_評価シート.xlsx"
    values = {n: {"result": f"事業{n}の実績", "rating": "B", "outlook": "継続"} for n in NUMBERS}
    values[9]["rating"] = "Ａ"
    fill_sheet(care, values=values)
    health = out / "R7_健康課_評価シート.xlsx"
    fill_sheet(health, values={7: {"result": "健康課の実績", "rating": "E", "outlook": "継続"}})

    before = sha256(m)
    code, text, _ = run(capsys, "merge", m, care, health, "--dry-run")
    assert code == 1 and sha256(m) == before
    assert (
        "R7_介護福祉課_評価シート.xlsx（Excel 評価シート、介護福祉課、令和7年度実績、2099-05-10"
        in text
    )
    assert "取込 18 項目" in text
    assert "  注: 事業9 介護福祉課の事業評価「Ａ」を「A」として読み取りました。" in text
    assert "R7_健康課_評価シート.xlsx（Excel 評価シート、健康課、令和7年度実績" in text
    assert "事業7 健康課の行（7 行目）の事業評価「E」は A・B・C・D のどれでもありません" in text

    code, text, _ = run(capsys, "merge", m, care, health)
    assert code == 1 and "取込 18 項目" in text and "却下 1 ファイル" in text
    status = json.loads(run(capsys, "status", m, "--year", "2025", "--json")[1])
    by = {d["department_name"]: d for d in status["departments"]}
    assert by["介護福祉課"]["state_label"] == "取込済"
    assert by["介護福祉課"]["last_file_format"] == "xlsx"
    assert (
        by["健康課"]["state_label"] == "却下（再送待ち）"
        and "「E」" in by["健康課"]["rejected_reason"]
    )

    fill_sheet(health, values={7: {"rating": "A"}})
    code, text, _ = run(capsys, "merge", m, health)
    assert code == 0 and "取込 3 項目" in text
    code, text, _ = run(capsys, "status", m, "--year", "2025")
    assert code == 0
    line = next(x for x in text.splitlines() if x.startswith("介護福祉課"))
    assert "取込済" in line and "Excel" in line and "6/6" in line
    assert "取込済 2" in text

    before = sha256(m)
    code, text, _ = run(capsys, "merge", m, care)
    assert code == 0 and "取込済み" in text and sha256(m) == before


def test_unregistered_worksheets_cannot_be_merged(
    master_at: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "round", master_at, "--new", "2025")[0] == 0
    out = tmp_path / "確認用"
    code, _, _ = run(
        capsys, "worksheets", master_at, "--year", "2025", "--out", out, "--department", "健康課"
    )
    assert code == 0
    sheet = fill_sheet(out / "R7_健康課_評価シート_確認用.xlsx", values={7: {"result": "記入"}})
    before = content(master_at)
    code, text, _ = run(capsys, "merge", master_at, sheet)
    assert code == 1 and content(master_at) == before
    assert "確認・印刷用の評価シート" in text and "welfareplan distribute --format xlsx" in text


def test_help_and_argument_errors(
    master_at: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command, words in (
        ("worksheets", "取り込めません"),
        ("distribute", "--format"),
        ("merge", "評価シート"),
    ):
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        assert info.value.code == 0
        assert words in capsys.readouterr().out
    before = content(master_at)
    code, _, err = run(
        capsys, "distribute", master_at, "--year", "2024", "--out", tmp_path, "--docx"
    )
    assert code == 2 and "--docx は --format xlsx と一緒に" in err
    code, _, err = run(
        capsys, "distribute", master_at, "--year", "2024", "--out", tmp_path, "--format", "xlsx"
    )
    assert code == 2 and "締め切られている" in err
    assert content(master_at) == before
