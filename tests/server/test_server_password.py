"""A server that wants a password (issue 16): never in the URL, never shown; libpq's pgpass
file or PGPASSWORD, or a hidden prompt when a person is at a terminal."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.pgcluster import Cluster
from tests.helpers.shaped_plans import PLANS
from welfareplan.cli.main import main
from welfareplan.core import serverdb

PASSWORD = "Kakushi-42"


@pytest.fixture
def clerk_url(pg_cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database owned by a role that must log in with a password (SCRAM) over loopback."""
    name = pg_cluster.new_database()
    role = f"clerk_{name}"
    pg_cluster.sql(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    pg_cluster.sql(f'ALTER DATABASE "{name}" OWNER TO {role}')
    pg_cluster.sql(f"GRANT ALL ON SCHEMA public TO {role}", database=name)
    hba = pg_cluster.data_dir / "pg_hba.conf"
    rules = hba.read_text()
    line = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
    hba.write_text(line + rules)
    pg_cluster.sql("SELECT pg_reload_conf()")
    for var in ("PGPASSWORD", "PGPASSFILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    monkeypatch.setattr(serverdb, "_typed", {})
    try:
        yield pg_cluster.url(name, user=role)
    finally:
        hba.write_text(rules)
        pg_cluster.sql("SELECT pg_reload_conf()")


def new(capsys: pytest.CaptureFixture[str], url: str) -> tuple[int, str]:
    code = main(["new", url, "--plan", str(PLANS / "koganei-previous.json")])
    out, err = capsys.readouterr()
    return code, out + err


def test_without_a_password_the_command_says_where_to_put_it(
    clerk_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = new(capsys, clerk_url)
    assert code == 2
    assert "ログインできません（パスワードが必要か、違います）" in out
    assert "pgpass" in out and "PGPASSWORD" in out


def test_pgpassword_and_the_pgpass_file_are_used(
    clerk_url: str,
    pg_cluster: Cluster,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    code, out = new(capsys, clerk_url)
    assert code == 0, out
    assert PASSWORD not in out
    monkeypatch.delenv("PGPASSWORD")
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{pg_cluster.port}:*:*:{PASSWORD}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    code = main(["master", "copy", clerk_url, str(tmp_path / "m.wpdb")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert PASSWORD not in out + err


def test_at_a_terminal_the_password_is_asked_hidden(
    clerk_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def getpass(prompt: str = "", stream: Any = None) -> str:
        asked.append(prompt)
        return PASSWORD

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("getpass.getpass", getpass)
    monkeypatch.setattr("sys.stdin", Terminal())
    code, out = new(capsys, clerk_url)
    assert code == 0, out
    assert asked == [f"{clerk_url} のパスワード: "]
    assert PASSWORD not in out
