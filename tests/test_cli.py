"""The command line: Japanese output, exit codes, and the README's promise."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import sha256
from welfareplan.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.db"
    code, out, _ = run(capsys, "demo", str(path))
    assert code == 0 and "作成しました" in out
    code, out, _ = run(capsys, "info", str(path))
    assert code == 0
    assert "マスターワークブック" in out
    assert "令和6年度実績（2024年度）" in out
    assert (
        "記入 69 件: 完了 69 / 未記入 0 / 評価済み 69 （A 41 / B 24 / C 0 / D 4 / 未評価 0）" in out
    )
    assert "事業 44（事業番号 47）" in out


def test_info_json(demo_master: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", str(demo_master), "--json")
    data = json.loads(out)
    assert code == 0
    assert data["kind"] == "workbook"
    (rnd,) = data["rounds"]
    assert rnd["fiscal_year"] == 2024 and rnd["published_on"] == "2026-03-01"
    assert rnd["counts"] == {"A": 41, "B": 24, "C": 0, "D": 4, "": 0}


def test_demo_refuses_to_overwrite(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sha256(demo_copy)
    code, _, err = run(capsys, "demo", str(demo_copy))
    assert code == 2 and "既に存在します" in err and "Traceback" not in err
    assert sha256(demo_copy) == before
    code, _, _ = run(capsys, "demo", str(demo_copy), "--force")
    assert code == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"hello", "SQLiteデータベースではありません"),
        (b"", "空です"),
    ],
)
def test_info_on_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    p = tmp_path / "bad.wpdb"
    p.write_bytes(content)
    code, out, err = run(capsys, "info", str(p))
    assert code == 2
    assert expected in err and err.startswith("エラー: ")
    assert "Traceback" not in err + out
    assert p.read_bytes() == content


def test_usage_errors_are_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["info"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "使い方:" in err and "次の指定が必要です" in err


def test_unexpected_errors_are_logged_not_shown(
    demo_master: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from welfareplan.core import summary

    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path))

    def boom(wb):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(summary, "summarize", boom)
    code, _, err = run(capsys, "info", str(demo_master))
    assert code == 3
    assert "予期しないエラー" in err and "Traceback" not in err
    log = (tmp_path / "logs" / "welfareplan.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "ZeroDivisionError: bug" in log
    assert 'raise ZeroDivisionError("bug")' in log  # the traceback, down to the failing line


def test_console_script_is_installed(tmp_path: Path) -> None:
    """The ``welfareplan`` entry point of pyproject.toml works as a real process."""
    exe = shutil.which("welfareplan", path=str(Path(sys.executable).parent))
    assert exe, "pip install -e . installs the welfareplan command"
    out = tmp_path / "日本語 フォルダ" / "w.db"
    out.parent.mkdir()
    r = subprocess.run(
        [exe, "demo", str(out)], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert r.returncode == 0, r.stderr
    r = subprocess.run(
        [exe, "info", str(out)], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert r.returncode == 0 and "A 41 / B 24 / C 0 / D 4" in r.stdout


def test_closed_pipe_is_not_an_error(demo_master: Path) -> None:
    """``welfareplan … | head``: the reader leaves early; no error, no traceback."""
    code = (
        "import welfareplan.cli.basic as b\n"
        "b.format_summary = lambda s: 'x' * 2_000_000  # far more than a pipe buffer\n"
        "from welfareplan.cli.main import main\n"
        f"raise SystemExit(main(['info', {str(demo_master)!r}]))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    # read a little, then hang up like `head -c 10`
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    assert proc.wait(timeout=30) == 0
    assert "エラー" not in err and "Traceback" not in err
    assert r.returncode == 0


def test_a_file_argument_opens_the_gui(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`welfareplan FILE` is `welfareplan gui FILE` (double-clicking a file on Windows)."""
    from welfareplan.cli import basic

    opened: list[Path] = []
    monkeypatch.setattr(basic, "cmd_gui", lambda args: opened.append(args.file) or 0)
    target = tmp_path / "R7_地域福祉課.wpdb"
    assert main([str(target)]) == 0
    assert opened == [target]
