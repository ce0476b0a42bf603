"""``welfareplan --self-test``: the windowed program's checks (offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from welfareplan.selftest import SampleDepartmentFile, SelfTestFailure

ROOT = Path(__file__).resolve().parent.parent.parent


def test_gui_self_test_runs_the_window_checks(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        WELFAREPLAN_HOME=str(tmp_path / "profile"),
        TMPDIR=str(tmp_path),
    )
    code = "import sys; sys.argv[1:] = ['--self-test']; from welfareplan.gui.app import main; raise SystemExit(main())"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for line in (
        "○ Qt の初期化: 表示: offscreen",
        "日本語訳: 「キャンセル」",
        "○ ウィンドウで開く: R7_地域福祉課.wpdb を開き、30 件の記入を表示しました",
        "○ 印刷（PDF）",
        "○ ウィンドウを閉じる",
        "自己診断に成功しました（11 項目",
    ):
        assert line in out, out
    assert not (tmp_path / "profile").exists()
    assert [p.name for p in tmp_path.iterdir()] == []


def test_a_dialog_during_the_window_check_fails_it_instead_of_hanging(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from welfareplan.gui.selftest import WindowCheck

    bogus = tmp_path / "R7_地域福祉課.wpdb"
    bogus.write_bytes(b"this is not a welfareplan file" * 10)
    check = WindowCheck(
        SampleDepartmentFile(
            path=bogus,
            department_name="地域福祉課",
            fiscal_year=2025,
            entries=30,
            first_result="",
            work_folder=tmp_path,
        )
    )
    with pytest.raises(SelfTestFailure, match=r"担当課ファイルを開けません（.*R7_地域福祉課\.wpdb"):
        check.open()
    assert check.window is not None
    check.window.close()
