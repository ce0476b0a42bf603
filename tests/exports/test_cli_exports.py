"""``welfareplan export`` and ``welfareplan worksheets``: files, messages and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import sha256
from welfareplan.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("year", ["2024", "R6", "令和6年度"])
def test_export_both(
    demo_master: Path, demo_at: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    before = sha256(demo_master)
    docx, xlsx = tmp_path / "評価表.docx", tmp_path / "評価表.xlsx"
    code, out, err = run(
        capsys, "export", demo_at, "--year", year, "--docx", str(docx), "--xlsx", str(xlsx)
    )
    assert code == 0, err
    assert f"Word の評価表を出力しました: {docx}" in out
    assert f"Excel の評価表を出力しました: {xlsx}" in out
    assert "令和6年度実績報告（A4横）: 記入 69 件（A 41 / B 24 / C 0 / D 4）" in out
    assert docx.stat().st_size > 10_000 and xlsx.stat().st_size > 10_000
    assert sha256(demo_master) == before


def test_export_a3_only_docx(
    demo_at: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    out_path = tmp_path / "a3.docx"
    code, out, _ = run(
        capsys,
        "export",
        demo_at,
        "--year",
        "2024",
        "--docx",
        str(out_path),
        "--paper",
        "a3",
    )
    assert code == 0 and "A3横" in out
    section = docx.Document(str(out_path)).sections[0]
    assert round(section.page_width.mm) == 420
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a3.docx"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2024"], "出力先を指定してください"),
        (
            ["--year", "2023", "--docx", "o.docx"],
            "令和5年度（2023年度）の評価はこのファイルにありません",
        ),
        (["--year", "令和六年", "--docx", "o.docx"], "年度「令和六年」を読み取れません"),
        (["--year", "2024", "--docx", "o.pdf"], "拡張子は .docx にしてください"),
        (["--year", "2024", "--xlsx", "o.xls"], "拡張子は .xlsx にしてください"),
        (["--year", "2024", "--xlsx", "no/such/dir/o.xlsx"], "フォルダ"),
    ],
)
def test_export_errors(
    demo_at: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, out, err = run(capsys, "export", demo_at, *args)
    assert code == 2
    assert err.startswith("エラー: ") and message in err
    assert "Traceback" not in err + out
    assert list(tmp_path.iterdir()) == []


def test_export_refuses_bad_paper(demo_master: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", str(demo_master), "--year", "2024", "--docx", "o.docx", "--paper", "B4"])
    assert info.value.code == 2
    assert "--paper に 'B4' は指定できません" in capsys.readouterr().err


def test_export_of_a_non_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.wpdb"
    bad.write_bytes(b"hello")
    code, _, err = run(
        capsys, "export", str(bad), "--year", "2024", "--docx", str(tmp_path / "o.docx")
    )
    assert code == 2 and "SQLiteデータベースではありません" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.wpdb"]


def test_worksheets_for_every_department(
    demo_master: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "配布" / "令和6年度"
    code, out, err = run(
        capsys, "worksheets", str(demo_master), "--year", "R6", "--out", str(out_dir)
    )
    assert code == 0, err
    names = sorted(p.name for p in out_dir.iterdir())
    assert len(names) == 24
    assert (
        "R6_地域福祉課_評価シート_確認用.xlsx" in names
        and "R6_地域福祉課_評価シート_確認用.docx" in names
    )
    assert "R6_社会福祉協議会_評価シート_確認用.xlsx" in names
    assert (
        "地域福祉課（30 件）: R6_地域福祉課_評価シート_確認用.xlsx / R6_地域福祉課_評価シート_確認用.docx"
        in out
    )
    assert "令和6年度の評価シート（記入済み）を 12 課分作成しました" in out


def test_worksheets_blank_for_one_department_by_alias(
    demo_master: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from welfareplan.workflow.returns.worksheet_cells import read_department_worksheet_xlsx

    code, _, _ = run(
        capsys,
        "worksheets",
        str(demo_master),
        "--year",
        "2024",
        "--out",
        str(tmp_path),
        "--blank",
        "--department",
        "関係各課(自立生活支援課)",
    )
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "R6_自立生活支援課_評価シート_確認用_空欄.docx",
        "R6_自立生活支援課_評価シート_確認用_空欄.xlsx",
    ]
    content = read_department_worksheet_xlsx(
        tmp_path / "R6_自立生活支援課_評価シート_確認用_空欄.xlsx"
    )
    assert content.keys.department_name == "自立生活支援課"
    assert content.keys.file_uuid == "" and content.mac == ""
    assert len(content.rows) == 14
    assert all(set(r.values.values()) == {""} for r in content.rows)


def test_worksheets_unknown_department(
    demo_master: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "worksheets",
        str(demo_master),
        "--year",
        "2024",
        "--out",
        str(tmp_path / "o"),
        "--department",
        "福祉課",
    )
    assert code == 2
    assert "担当課「福祉課」は令和6年度の評価にありません（あるのは 地域福祉課、" in err


def test_worksheets_out_is_a_file(
    demo_master: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    code, _, err = run(
        capsys, "worksheets", str(demo_master), "--year", "2024", "--out", str(target)
    )
    assert code == 2 and "フォルダではありません" in err


def test_help_is_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("export", "worksheets"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "使い方:" in out and "年度（2024、R6、令和6年度" in out


def test_heavy_libraries_load_only_when_exporting() -> None:
    """``welfareplan info`` and the GUI start without loading openpyxl or python-docx."""
    import subprocess
    import sys

    code = (
        "import sys, pkgutil, importlib\n"
        "import welfareplan.exports as pkg\n"
        "for m in pkgutil.iter_modules(pkg.__path__): importlib.import_module(f'{pkg.__name__}.{m.name}')\n"
        "from welfareplan.cli.main import build_parser\n"
        "build_parser().parse_args(['export', 'x', '--year', '2024', '--docx', 'o.docx'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'docx', 'lxml')))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def test_export_replaces_an_earlier_export_but_never_the_workbook(
    demo_master: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    out = tmp_path / "評価表.xlsx"
    out.write_bytes(b"old export")
    code, _, _ = run(capsys, "export", str(demo_master), "--year", "2024", "--xlsx", str(out))
    assert code == 0 and out.read_bytes()[:2] == b"PK"
    # A workbook that happens to carry a .docx name is still never overwritten.
    odd = tmp_path / "workbook.docx"
    shutil.copyfile(demo_master, odd)
    before = sha256(odd)
    code, _, err = run(capsys, "export", str(odd), "--year", "2024", "--docx", str(odd))
    assert code == 2 and "開いているワークブックそのものです" in err
    assert sha256(odd) == before
