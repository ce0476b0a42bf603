"""``welfareplan --startup-check FILE`` (IT staff, the start-up benchmarks): it opens the file in
the window and quits, and leaves the user's profile as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from welfareplan.core.lockfile import lock_path_for
from welfareplan.core.settings import Settings

CHECK = (
    "import sys; sys.argv[1:] = ['--startup-check', sys.argv[1]]; "
    "from welfareplan.gui.app import main; raise SystemExit(main())"
)


def run_check(location: str) -> subprocess.CompletedProcess[str]:
    """``--startup-check LOCATION`` in a process of its own."""
    return subprocess.run(
        [sys.executable, "-c", CHECK, location],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def check_opens(location: str) -> None:
    """``--startup-check LOCATION`` shows the window and succeeds."""
    done = run_check(location)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("WP_SHOWN ")


def test_startup_check_opens_the_file_and_keeps_the_users_settings(
    dept_file: Path, home: Path, tmp_path: Path
) -> None:
    """Before, the check's window saved its blank settings over the user's: recent files,
    zoom, the 記入者 name and the window's place were gone after IT staff ran it."""
    settings = Settings(zoom=120, entered_by="山田 花子")
    settings.add_recent(tmp_path / "前に開いた.wpdb")
    settings.save()
    before = Settings.path().read_bytes()
    check_opens(str(dept_file))
    assert Settings.path().read_bytes() == before
    assert not lock_path_for(dept_file).exists()


@pytest.mark.parametrize("args", [[], ["a.wpdb", "b.wpdb"]])
def test_startup_check_wants_one_file(args: list[str]) -> None:
    from welfareplan.gui.startup_check import main

    assert main(["--startup-check", *args]) == 2


@pytest.mark.gui
def test_the_window_opens_a_server_master_named_on_the_command_line(
    demo_on_server: str, home: Path
) -> None:
    """`welfareplan URL` (issue 16): the URL reaches the window as text — before, it became a
    Path (its "//" folded to "/") and the window said the file could not be opened."""
    check_opens(demo_on_server)


def test_startup_check_says_why_a_server_did_not_open() -> None:
    """A server that refuses the connection: the check fails with the window's reason (the box
    it showed, closed by the check) instead of waiting for a click."""
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql+psycopg://nobody@127.0.0.1:{port}/none"
    done = run_check(url)
    assert done.returncode == 1
    assert "WP_SHOWN" not in done.stdout
    assert f"サーバー「{url}」に接続できません" in done.stderr


def test_the_gui_command_keeps_a_server_url_as_text(
    demo_on_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`welfareplan gui URL` and `welfareplan URL` hand the window the URL unchanged."""
    from welfareplan.cli.main import main
    from welfareplan.gui import app

    given: list[object] = []
    monkeypatch.setattr(app, "run_gui", lambda file=None, demo=False: given.append(file) or 0)
    assert main([demo_on_server]) == 0
    assert main(["gui", demo_on_server]) == 0
    assert given == [demo_on_server, demo_on_server]
