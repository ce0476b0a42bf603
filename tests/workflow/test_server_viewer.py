"""A viewer's role on a server master with the division's workflow (issue 16, roles): merging
and distributing are refused in Japanese with nothing changed — even where the path reads
what a viewer may not (the signing secret) before it would write — and staff do both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers.department_edits import fill_all, submit
from tests.server.test_server_roles import new_role, run
from tests.workflow.conftest import YEAR, Cycle


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WELFAREPLAN_HOME", str(tmp_path / "home"))


def _digests(url: str) -> object:
    from welfareplan.core.mastercopy import content_digests
    from welfareplan.core.serverdb import connected, parse_server_url

    with connected(parse_server_url(url)) as engine, engine.connect() as conn:
        return content_digests(conn)


def test_a_viewer_cannot_merge_or_distribute_and_staff_can(
    file_cycle: Cycle, pg_cluster: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """(On a file's copy: the test makes its own server master with a viewer and staff.)"""
    from welfareplan.core.mastercopy import copy_master

    cycle = file_cycle
    database = pg_cluster.new_database()
    owner_url = pg_cluster.url(database)
    copy_master(cycle.master, owner_url)
    viewer, staff = new_role(pg_cluster, "viewer"), new_role(pg_cluster, "staff")
    for role, kind in ((viewer, "--viewer"), (staff, "--staff")):
        code, out = run(capsys, "server", "grant", owner_url, role, kind)
        assert code == 0, out
    returned = cycle.file("交通対策課")
    fill_all(returned, "交通対策課の報告")
    submit(returned)
    out_dir = tmp_path / "配布"
    out_dir.mkdir()
    before = _digests(owner_url)

    for command in (
        ("merge", pg_cluster.url(database, viewer), str(returned)),
        (
            "distribute",
            pg_cluster.url(database, viewer),
            "--year",
            str(YEAR),
            "--out",
            str(out_dir),
        ),
    ):
        code, out = run(capsys, *command)
        assert code == 2, out
        assert f"ロール「{viewer}」" in out and "Traceback" not in out
        assert "予期しないエラー" not in out
        assert _digests(owner_url) == before
    assert not list(out_dir.iterdir())

    code, out = run(capsys, "merge", pg_cluster.url(database, staff), str(returned))
    assert code == 0, out
    assert "取込 " in out
    assert _digests(owner_url) != before
