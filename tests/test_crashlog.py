"""The log of unexpected errors: traceback kept, size bounded, nothing printed when it cannot
be written, logging not loaded until needed, native crashes written by faulthandler."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from welfareplan.core import crashlog


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def failing() -> None:
    raise ValueError("壊れた値")


def caught() -> BaseException:
    try:
        failing()
    except ValueError as exc:
        return exc
    raise AssertionError("unreachable")


def test_the_traceback_goes_to_the_log_in_the_profile(home: Path) -> None:
    path = crashlog.write_crash_report(caught(), "保存で予期しないエラー")
    assert path == home / "logs" / "welfareplan.log"
    text = path.read_text(encoding="utf-8")
    assert "ERROR" in text and "保存で予期しないエラー: ValueError: 壊れた値" in text
    assert "Traceback (most recent call last)" in text and 'raise ValueError("壊れた値")' in text
    message = crashlog.unexpected_error_message(caught(), path)
    assert "ValueError" in message and str(path) in message and "Traceback" not in message


def test_the_log_follows_the_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The handler is made again when the profile moves (one process, two homes)."""
    first = crashlog.write_crash_report(caught())
    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "other"))
    second = crashlog.write_crash_report(caught())
    assert first is not None and second == tmp_path / "other" / "logs" / "welfareplan.log"
    assert first.read_text(encoding="utf-8").count("Traceback") == 1
    assert second.read_text(encoding="utf-8").count("Traceback") == 1


def test_the_log_rotates_at_its_bound(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crashlog, "MAX_BYTES", 4000)
    monkeypatch.setattr(crashlog, "BACKUPS", 2)
    for n in range(200):
        assert crashlog.log_error(f"記録 {n:03d}", caught()) is not None
    logs = home / "logs"
    names = sorted(p.name for p in logs.iterdir())
    assert names == ["welfareplan.log", "welfareplan.log.1", "welfareplan.log.2"]
    for name in names:  # rotated before a record would pass the bound
        assert (logs / name).stat().st_size <= 4000
    assert "記録 199" in (logs / "welfareplan.log").read_text(encoding="utf-8")
    assert "記録 000" not in "".join((logs / n).read_text(encoding="utf-8") for n in names)


def test_an_unwritable_log_is_no_second_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("WELFAREPLAN_HOME", str(blocker))  # logs/ cannot be made below a file
    assert crashlog.write_crash_report(caught()) is None
    assert crashlog.enable_native_crash_log() is None
    message = crashlog.unexpected_error_message(caught(), None)
    assert "ログ" not in message and "ValueError" in message
    assert capsys.readouterr() == ("", "")


def test_a_log_file_that_cannot_be_opened_is_reported_as_not_written(home: Path) -> None:
    (home / "logs" / "welfareplan.log").mkdir(parents=True)  # a folder where the file goes
    assert crashlog.write_crash_report(caught()) is None


def child(code: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WELFAREPLAN_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_logging_is_not_loaded_at_start_up(home: Path) -> None:
    """Start-up pays nothing for the log: logging.handlers loads with the first record."""
    done = child(
        "import sys, welfareplan.cli.main, welfareplan.gui.app, welfareplan.gui.error_reporter\n"
        "from welfareplan.core.crashlog import log_error\n"
        "before = 'logging.handlers' in sys.modules\n"
        "log_error('試し')\n"
        "print(before, 'logging.handlers' in sys.modules)",
        home,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]


def test_a_native_crash_is_written_to_the_profile(home: Path) -> None:
    logs = home / "logs"
    logs.mkdir(parents=True)
    old = logs / crashlog.NATIVE_CRASH_NAME
    old.write_text("x" * (crashlog.MAX_BYTES + 1), encoding="utf-8")  # over the bound
    done = child(
        "import faulthandler\n"
        "from welfareplan.core.crashlog import enable_native_crash_log\n"
        "print(enable_native_crash_log(), flush=True)\n"
        "faulthandler._sigsegv()\n",
        home,
    )
    assert done.returncode != 0
    assert done.stdout.strip() == str(old)
    text = old.read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text and "<string>" in text
    assert (logs / f"{crashlog.NATIVE_CRASH_NAME}.1").stat().st_size == crashlog.MAX_BYTES + 1


def test_the_native_crash_log_is_opened_once_and_kept_open(home: Path) -> None:
    """Enabling it again (a second window in the same process) swaps the file cleanly."""
    done = child(
        "import faulthandler, os\n"
        "from welfareplan.core import crashlog\n"
        "first = crashlog.enable_native_crash_log()\n"
        "handle = crashlog._State.native_crash_file\n"
        "second = crashlog.enable_native_crash_log()\n"
        "print(first == second, handle.closed, faulthandler.is_enabled(),\n"
        "      crashlog._State.native_crash_file.closed)\n",
        home,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True", "False"]
    assert (home / "logs" / crashlog.NATIVE_CRASH_NAME).read_text(encoding="utf-8") == ""
