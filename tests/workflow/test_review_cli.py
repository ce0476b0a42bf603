"""``welfareplan review``: the division comments and sends back, the department shows,
replies and confirms, the merge stores the reply, the division closes; bad input is refused
with a Japanese message, exit status 2 and nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import sha256
from tests.workflow.conftest import Cycle
from welfareplan.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_review_commands_round_trip(
    cycle: Cycle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    m = cycle.master
    out_dir = tmp_path / "差戻し"
    out_dir.mkdir()
    code, out, _ = run(
        capsys, "review", "add", m, "--year", "R7", "--department", "健康課",
        "--project", "7", "--field", "今後の事業計画・展望", "--comment", "目標値を書いてください。",
    )  # fmt: skip
    assert code == 0 and "「今後の事業計画・展望」" in out
    short = out.split()[1]
    code, out, _ = run(capsys, "review", "send-back", m, "--year", "2025",
                       "--department", "健康課", "--out", out_dir)  # fmt: skip
    assert code == 0 and "差戻し: 健康課" in out
    (dept,) = out_dir.glob("*.wpdb")
    code, out, _ = run(capsys, "review", "show", dept)
    assert code == 0 and "[未回答]" in out and "目標値を書いてください。" in out
    code, out, _ = run(capsys, "review", "reply", dept, short, "--text", "120 人です。",
                       "--name", "鈴木")  # fmt: skip
    assert code == 0 and "回答しました" in out
    code, out, _ = run(capsys, "review", "confirm", dept, "--name", "佐藤", "--role", "確認者")
    assert code == 0 and "確認済み（確認者 佐藤" in out and "電子署名ではありません" in out
    code, out, _ = run(capsys, "merge", m, dept)
    assert code == 0, out
    # the merge shows the reply beside the changes, and the confirmation the file carries
    assert "差戻しへの回答 事業7 " in out and "（健康課） 今後の事業計画・展望" in out
    assert "指摘: 目標値を書いてください。" in out and "回答: 120 人です。（鈴木）" in out
    assert "所属長の確認: 確認済み（確認者 佐藤" in out
    code, out, _ = run(capsys, "status", m, "--year", "2025")
    assert code == 0 and "確認済み 佐藤" in out and "未解決の指摘 1 件" in out
    code, out, _ = run(capsys, "review", "close", m, short, "--resolved")
    assert code == 0 and "解決済み" in out
    code, out, _ = run(capsys, "review", "list", m, "--year", "2025")
    assert code == 0 and "担当課の回答（鈴木）: 120 人です。" in out and "未解決 0 件" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--field", "感想", "--comment", "x"], "評価項目にありません"),
        (["--field", "result", "--comment", " "], "指摘を入力してください"),
    ],
)
def test_bad_comments_are_refused(
    cycle: Cycle, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = cycle.sha()
    code, _, err = run(capsys, "review", "add", cycle.location, "--year", "2025",
                       "--department", "健康課", "--project", "7", *args)  # fmt: skip
    assert code == 2 and message in err
    assert cycle.sha() == before


def test_a_reply_to_a_comment_the_file_does_not_have_is_refused(
    cycle: Cycle, capsys: pytest.CaptureFixture[str]
) -> None:
    dept = cycle.file("健康課")
    before = sha256(dept)
    code, _, err = run(capsys, "review", "reply", dept, "abcdef12", "--text", "x", "--name", "y")
    assert code == 2 and "指摘「abcdef12」はありません" in err
    assert sha256(dept) == before
