"""``welfareplan opinions …``: members, sheets issued and merged (one twice), a received
opinion chosen into the report and answered, in Japanese; bad numbers and a department
worksheet refused with their reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.masters import content
from tests.helpers.opinion_sheets import fill_opinions
from tests.workflow.test_cli_cycle import run


def test_opinions_round_trip_from_the_command_line(
    master_at: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a master file and on a server (issue 16)."""
    wb = master_at
    code, out, _ = run(capsys, "opinions", "members", wb, "--year", "R6", "--add", "中山 太郎")
    assert code == 0 and "委員「中山 太郎」を名簿に追加しました。" in out
    sheets = tmp_path / "シート"
    sheets.mkdir()
    code, out, _ = run(capsys, "opinions", "issue", wb, "--year", "2024", "--out", sheets)
    assert code == 0 and "中山 太郎:" in out
    (sheet,) = sheets.glob("*.xlsx")
    fill_opinions(sheet, {"4": "担い手の確保を。"})
    code, out, _ = run(capsys, "opinions", "merge", wb, "--year", "2024", sheet)
    assert code == 0 and "変更 1 件" in out
    before = content(wb)
    code, out, _ = run(capsys, "opinions", "merge", wb, "--year", "2024", sheet)
    assert code == 0 and "取り込み済みです。何も変えていません。" in out
    assert content(wb) == before
    # numbers are typed as list prints them (受1), or bare
    code, out, _ = run(capsys, "opinions", "choose", wb, "--year", "2024", "受1")
    assert code == 0 and "【事業番号4:移送サービスへの支援】" in out
    code, out, _ = run(capsys, "opinions", "list", wb, "--year", "2024")
    assert "受1   中山 太郎　【事業番号4:移送サービスへの支援】 担い手の確保を。 →報" in out
    number = out.split("→報")[1].split()[0]
    code, out, _ = run(
        capsys,
        "opinions",
        "answer",
        wb,
        "--year",
        "2024",
        f"報{number}",
        "講座を開きます。",
        "--department",
        "交通対策課",
    )
    assert code == 0, out
    code, out, _ = run(capsys, "opinions", "list", wb, "--year", "2024")
    assert "市の考え方（交通対策課）: 講座を開きます。" in out
    before = content(wb)
    code, _, err = run(capsys, "opinions", "answer", wb, "--year", "2024", "999", "x")
    assert code == 2 and "報告書の委員意見の番号 999 はありません" in err
    assert content(wb) == before
    with pytest.raises(SystemExit) as stopped:
        run(capsys, "opinions", "unchoose", wb, "--year", "2024", "受x")
    assert stopped.value.code == 2 and "「受x」は番号ではありません" in capsys.readouterr().err
    assert content(wb) == before


@pytest.mark.parametrize(
    "args",
    [
        ("opinions", "members", "", "--year", "2024", "--add", "中山"),
        ("round", "{folder}", "--new", "2030"),
    ],
)
def test_a_folder_for_the_master_is_refused_in_japanese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    """A command that writes the master, given a folder (or an empty name), says so instead
    of failing unexpectedly while placing the lock file beside it."""
    given = [a.format(folder=tmp_path) for a in args]
    code, _, err = run(capsys, *given)
    assert code == 2 and "はフォルダです。ファイルを指定してください。" in err
