"""Backups of a master on the server (issue 16): ``.wpdb`` snapshots in the user's data folder,
made on demand (``backups URL --now``) and before changes, listed, and restored in one
transaction checked by digest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.masters import opened_master
from welfareplan.cli.main import main
from welfareplan.core.mastercopy import TableDigest, content_digests
from welfareplan.core.plainsql import execute


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("WELFAREPLAN_HOME", str(home))
    return home


def digests(location: str) -> dict[str, TableDigest]:
    with opened_master(location, read_only=True) as wb, wb.engine.connect() as conn:
        return content_digests(conn)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def edit(location: str, text: str) -> None:
    """A change another user makes (an entry's text and its audit row)."""
    with opened_master(location) as wb, wb.writer() as con:
        execute(con, "UPDATE entry_value SET value = :v WHERE field = 'result'", {"v": text})
        execute(
            con,
            "INSERT INTO audit_event (at, os_user, action, field, source_file, "
            "source_sha256, note) VALUES ('2026-01-01T00:00:00', 'x', 'edit', 'result', '', '', '')",
        )


def test_a_backup_on_demand_is_a_master_file(
    master_at: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "backups", master_at)
    assert code == 0 and "バックアップはまだありません" in out
    code, out = run(capsys, "backups", master_at, "--now")
    assert code == 0, out
    (name,) = re.findall(r"「([^」]+\.now\.wpdb)」", out)
    code, listed = run(capsys, "backups", master_at)
    assert code == 0 and name in listed and "手動のバックアップ" in listed
    if master_at.startswith("postgresql"):
        (snapshot,) = Path(re.findall(r"（(/[^）]+)）", out)[0]).glob(name)
        assert "保存先:" in listed
        assert content_digests_of(snapshot) == digests(master_at)
        code, status = run(capsys, "status", str(snapshot), "--year", "2024")
        assert code == 0 and "令和6年度" in status


def content_digests_of(path: Path) -> dict[str, TableDigest]:
    from welfareplan.core.storage import make_engine

    engine = make_engine(path, read_only=True)
    try:
        with engine.connect() as conn:
            return content_digests(conn)
    finally:
        engine.dispose()


@pytest.mark.parametrize("master_at", ["server"], indirect=True)
def test_restoring_a_snapshot_brings_the_server_master_back(
    master_at: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digests(master_at)
    code, out = run(capsys, "backups", master_at, "--now")
    (name,) = re.findall(r"「([^」]+\.now\.wpdb)」", out)
    edit(master_at, "復元で消える文")
    edited = digests(master_at)
    assert edited["entry_value"] != before["entry_value"]
    code, out = run(capsys, "backups", master_at, "--restore", name)
    assert code == 0, out
    assert "に戻しました" in out and "この時点の後の変更: 修正 1" in out
    after = digests(master_at)
    assert {t: d for t, d in after.items() if t != "audit_event"} == {
        t: d for t, d in before.items() if t != "audit_event"
    }
    assert after["audit_event"].rows == before["audit_event"].rows + 1  # the restore itself
    (safety,) = re.findall(r"「([^」]+\.before-restore\.wpdb)」", out)
    (kept,) = (Path(str(_home_dir())) / "data" / "servers").rglob(safety)
    assert content_digests_of(kept) == edited  # the state before the restore, kept
    with opened_master(master_at, read_only=True) as wb:
        from welfareplan.workflow.master.audit_log import list_events

        assert any(e.action == "restore" for e in list_events(wb))


def _home_dir() -> str:
    import os

    return os.environ["WELFAREPLAN_HOME"]


@pytest.mark.parametrize("master_at", ["server"], indirect=True)
def test_a_bad_snapshot_is_refused_and_the_server_is_unchanged(
    master_at: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, "backups", master_at, "--now")
    (name,) = re.findall(r"「([^」]+\.now\.wpdb)」", out)
    (snapshot,) = (Path(_home_dir()) / "data" / "servers").rglob(name)
    data = bytearray(snapshot.read_bytes())
    data[0:16] = b"not a database\x00\x00"
    snapshot.write_bytes(bytes(data))
    edit(master_at, "消えてはいけない文")
    before = digests(master_at)
    code, out = run(capsys, "backups", master_at, "--restore", name)
    assert code == 2 and "復元できません" in out
    assert digests(master_at) == before
    code, out = run(capsys, "backups", master_at, "--restore", "ない.wpdb")
    assert code == 2 and "見つかりません" in out
    assert digests(master_at) == before
