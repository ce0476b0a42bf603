"""The throwaway PostgreSQL cluster of the server tests (tests/helpers/pgcluster.py)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tests.helpers.pgcluster import Cluster, find_bin_dir, missing_server, start_cluster


def test_cluster_listens_on_loopback_only_and_not_as_root(pg_cluster: Cluster) -> None:
    import psycopg

    with psycopg.connect(pg_cluster.url().replace("+psycopg", "")) as con:
        listen = con.execute("SHOW listen_addresses").fetchone()
        sockets = con.execute("SHOW unix_socket_directories").fetchone()
    assert listen == ("127.0.0.1",)
    assert sockets == (str(pg_cluster.folder),)
    assert pg_cluster.data_dir.stat().st_uid != 0


def test_each_test_gets_a_new_empty_database(pg_url: str, pg_cluster: Cluster) -> None:
    import psycopg

    other = pg_cluster.url(pg_cluster.new_database())
    assert other != pg_url
    with psycopg.connect(pg_url.replace("+psycopg", "")) as con:
        tables = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == (0,)


def test_the_cluster_is_stopped_and_removed_after_a_failure() -> None:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        missing_server("PostgreSQL's initdb and pg_ctl were not found")
    assert bin_dir is not None
    seen: list[Cluster] = []
    with pytest.raises(ZeroDivisionError), start_cluster(bin_dir) as cluster:
        seen.append(cluster)
        socket.create_connection(("127.0.0.1", cluster.port), timeout=5).close()
        1 / 0  # noqa: B018 - the failure inside the block
    assert not seen[0].folder.exists()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", seen[0].port), timeout=2).close()


def test_without_the_programs_the_tests_skip_or_fail_when_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WELFAREPLAN_REQUIRE_PG", raising=False)
    with pytest.raises(pytest.skip.Exception):
        missing_server("no initdb")
    monkeypatch.setenv("WELFAREPLAN_REQUIRE_PG", "1")
    with pytest.raises(pytest.fail.Exception, match="WELFAREPLAN_REQUIRE_PG=1"):
        missing_server("no initdb")


def test_the_programs_are_found_on_path_or_in_debians_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    found = find_bin_dir()
    debian = list(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    assert (found is not None) == bool(debian)
    for tool in ("initdb", "pg_ctl"):
        (tmp_path / tool).write_text("#!/bin/sh\n")
        (tmp_path / tool).chmod(0o755)
    assert find_bin_dir() == tmp_path
    assert os.environ["PATH"] == str(tmp_path)
