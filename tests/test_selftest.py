"""The installation self-test (``welfareplan --self-test``) in the source install."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from welfareplan.selftest import (
    FOLDER_PREFIX,
    SampleDepartmentFile,
    SelfTest,
    SelfTestFailure,
    describe_changes,
    folder_snapshot,
    run_self_test,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private temp folder and profile, so leftovers of the self-test are visible."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "profile"))
    return temp


def test_whole_cycle_passes_cleans_up_and_leaves_the_profile_alone(
    scratch: Path, tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    report = run_self_test()
    assert report.ok, report.text()
    titles = [s.title for s in report.steps]
    assert titles == [
        "同梱データ",
        "マスターの作成と配布",
        "ファイルの検査",
        "担当課の記入",
        "取り込み",
        "Word 出力",
        "Excel 出力",
    ]
    text = report.text()
    assert "30 件 × 3 項目" in text and "90 項目を取り込みました" in text
    assert text.splitlines()[-2].startswith("自己診断に成功しました（7 項目")
    # the work folder has Japanese names and spaces, like a user's documents folder
    issued = report.steps[1].detail.replace("\\", "/")
    assert FOLDER_PREFIX.strip() in issued and "山田 花子/ドキュメント/welfareplan" in issued
    # nothing left behind, the user's profile never used (a private one was), and restored
    assert report.kept_folder is None
    assert list(scratch.iterdir()) == []
    assert not profile.exists()
    assert os.environ["WELFAREPLAN_HOME"] == str(profile)
    assert report.settings_folder == profile / "config"


def test_a_failing_step_stops_the_test_and_keeps_the_folder(scratch: Path) -> None:
    """The GUI hook runs after the core steps; a failure there is reported like any other."""
    seen: list[str] = []

    def windowed_checks(test: SelfTest, sample: SampleDepartmentFile) -> None:
        seen.append("ran")
        test.step("ウィンドウ", lambda: str(1 / 0))
        test.step("never", lambda: "not reached")

    report = run_self_test(gui=windowed_checks)
    assert seen == ["ran"]
    assert not report.ok
    last = report.steps[-1]
    assert (last.title, last.ok) == ("ウィンドウ", False)
    assert "ZeroDivisionError" in last.detail
    assert report.kept_folder is not None and report.kept_folder.is_dir()
    assert "自己診断に失敗しました。「ウィンドウ」で問題があります" in report.text()
    assert str(report.kept_folder) in report.text()


def test_step_turns_errors_into_failures() -> None:
    from welfareplan.core.errors import DataError

    def broken() -> str:
        raise DataError("壊れたファイル")

    test = SelfTest(Path("."))
    with pytest.raises(SelfTestFailure, match="壊れた"):
        test.step("a", broken)
    test.step("b", lambda: "よし")
    assert [(s.title, s.ok, s.detail) for s in test.report.steps] == [
        ("a", False, "壊れたファイル"),
        ("b", True, "よし"),
    ]


def test_folder_snapshot_sees_added_removed_and_changed_files(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("1")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b").write_text("2")
    before = folder_snapshot(tmp_path)
    assert set(before) == {"a", "sub", str(Path("sub") / "b")}
    assert describe_changes(before, folder_snapshot(tmp_path)) == ""
    (tmp_path / "a").write_text("longer")
    (tmp_path / "sub" / "b").unlink()
    (tmp_path / "__pycache__").mkdir()
    changes = describe_changes(before, folder_snapshot(tmp_path))
    assert "追加: __pycache__" in changes
    assert f"削除: {Path('sub') / 'b'}" in changes
    assert "変更: a" in changes


def test_cli_option_exits_zero_and_prints_japanese(tmp_path: Path) -> None:
    env = dict(os.environ, WELFAREPLAN_HOME=str(tmp_path / "profile"), TMPDIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "welfareplan", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "自己診断（開発環境" in done.stdout
    assert "○ Excel 出力" in done.stdout
    assert "自己診断に成功しました" in done.stdout
