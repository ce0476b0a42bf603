"""Build the Linux bundle with packaging/build.py and run it (slow: about a minute).

Runs both programs' ``--self-test`` in the build folder and again from a copy under
``…/山田 花子/ドキュメント/welfareplan/`` (Japanese characters and spaces: the classic Qt
plugin-path pitfall) made read-only, as a user whose profile and temp folder are fresh: the
programs must work there and write nothing into their own folder.
"""

from __future__ import annotations

import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.packaging.tools import isolated_env, load, run
from welfareplan.selftest import folder_snapshot

pytestmark = pytest.mark.slow

build_script = load("build")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("pyinstaller")
    return build_script.build(work / "dist", work / "build")


def set_writable(folder: Path, writable: bool) -> None:
    bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod((mode | stat.S_IWUSR) if writable else (mode & ~bits))


@pytest.fixture
def japanese_copy(built: Any, tmp_path: Path) -> Iterator[Path]:
    """A read-only copy of the bundle in a folder with Japanese characters and spaces."""
    dest = tmp_path / "山田 花子" / "ドキュメント" / "welfareplan"
    shutil.copytree(built.bundle, dest, symlinks=True)
    set_writable(dest, False)
    try:
        yield dest
    finally:
        set_writable(dest, True)


def test_bundle_holds_what_the_spec_intends(built: Any) -> None:
    assert built.problems == []
    internal = built.bundle / "_internal"
    assert (internal / "resources" / "plans" / "koganei-r6.json").is_file()
    assert (internal / "resources" / "icons" / "welfareplan.png").is_file()
    assert not (internal / "resources" / "README.md").exists()
    plugins = sorted(
        p.relative_to(internal).as_posix() for p in internal.rglob("plugins/*/*") if p.is_file()
    )
    folders = {p.split("/")[-2] for p in plugins}
    assert folders <= {
        "platforms",
        "imageformats",
        "styles",
        "printsupport",
        "platforminputcontexts",
        "xcbglintegrations",
    }, plugins
    qt_libs = {p.name.split(".")[0] for p in internal.rglob("libQt6*")}
    assert not qt_libs & {"libQt6Qml", "libQt6Quick", "libQt6Network", "libQt6Svg", "libQt6Pdf"}
    assert not (internal / "welfareplan").exists()  # the app's code is in the archives only


def test_self_tests_pass_in_the_build_folder(built: Any, tmp_path: Path) -> None:
    env = isolated_env(tmp_path / "user")
    for exe, steps in (
        (build_script.cli_exe(built.bundle), 8),
        (build_script.gui_exe(built.bundle), 12),
    ):
        done = run(exe, "--self-test", env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "自己診断（配布版" in done.stdout
        assert f"自己診断に成功しました（{steps} 項目" in done.stdout, done.stdout


def test_japanese_read_only_folder_and_nothing_written_outside_the_profile(
    japanese_copy: Path, tmp_path: Path
) -> None:
    user = tmp_path / "user"
    env = isolated_env(user)
    before = folder_snapshot(japanese_copy)
    for exe in (build_script.cli_exe(japanese_copy), build_script.gui_exe(japanese_copy)):
        done = run(exe, "--self-test", env=env, cwd=user)
        assert done.returncode == 0, done.stdout + done.stderr
        out = done.stdout
        assert (
            f"○ 同梱データ: 同梱データを読み込みました（{japanese_copy / '_internal' / 'resources'}）"
            in out
        )
        assert f"○ プログラムのフォルダ: {japanese_copy} には何も書き込んでいません" in out
        assert "自己診断に成功しました" in out
    gui_out = done.stdout
    assert (
        "日本語訳: 「キャンセル」" in gui_out
    )  # Qt found its translations under the Japanese path
    assert "○ ウィンドウで開く" in gui_out and "○ 印刷（PDF）" in gui_out
    # checked from outside as well (root ignores the read-only bits, so compare contents)
    assert folder_snapshot(japanese_copy) == before
    # the self-test cleaned up its temporary folder and never used the real profile
    assert list((user / "tmp").iterdir()) == []
    assert not list(user.rglob("welfareplan"))


def test_cli_commands_in_the_bundle(built: Any, tmp_path: Path) -> None:
    """The CLI imports its command modules by name: all of them must be in the bundle."""
    env = isolated_env(tmp_path / "user")
    cli = build_script.cli_exe(built.bundle)
    demo = tmp_path / "デモ ブック.wpdb"
    done = run(cli, "demo", str(demo), env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run(cli, "info", str(demo), env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "記入 69 件: 完了 69" in done.stdout
    done = run(cli, "round", str(demo), env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run(cli, "--version", env=env, cwd=tmp_path)
    assert done.stdout.startswith("welfareplan ")
    done = run(cli, env=env, cwd=tmp_path)  # no command: the window is the other program
    assert done.returncode == 2
    assert "welfareplan（welfareplan.exe）で開きます" in done.stdout


def test_a_server_master_from_the_bundle(built: Any, tmp_path: Path, pg_cluster: Any) -> None:
    """The bundled CLI reaches a master on PostgreSQL (psycopg's libpq and the ssl module it
    imports are in the bundle: without ssl every server command was an ImportError)."""
    env = isolated_env(tmp_path / "user")
    cli = build_script.cli_exe(built.bundle)
    url = pg_cluster.url(pg_cluster.new_database())
    demo = tmp_path / "デモ.wpdb"
    assert run(cli, "demo", str(demo), env=env, cwd=tmp_path).returncode == 0
    done = run(cli, "master", "copy", str(demo), url, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "内容のダイジェストが元と一致しました" in done.stdout
    done = run(cli, "round", url, "--new", "2025", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run(cli, "status", url, "--year", "2025", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "合計: 記入 0/69 完了" in done.stdout
